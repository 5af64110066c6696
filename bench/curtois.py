"""Benchmark runner: solve Curtois & Qu instances with CP-SAT (draft)."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

from bench.curtois_format import Instance, load_instance
from scheduler import cpsat_blocks as blocks


@dataclass
class CurtoisModel:
    instance: Instance
    model: cp_model.CpModel
    #: x[e][d][s] literal "employee e works shift s on day d" (False when impossible)
    x: list[list[list[blocks.Literal]]]
    #: works[e][d] literal "employee e works on day d"
    works: list[list[blocks.Literal]]
    objective_vars: list = field(default_factory=list)
    objective_coeffs: list[int] = field(default_factory=list)


def build_model(instance: Instance, redundant: bool = True) -> CurtoisModel:
    model = cp_model.CpModel()
    H = instance.horizon
    shift_index = {s.id: i for i, s in enumerate(instance.shifts)}
    x: list[list[list[blocks.Literal]]] = []
    works: list[list[blocks.Literal]] = []
    for staff in instance.staff:
        off = instance.days_off.get(staff.id, frozenset())
        xe, we = [], []
        for d in range(H):
            row: list[blocks.Literal] = []
            for s in instance.shifts:
                if d in off or staff.max_shifts[s.id] == 0:
                    row.append(False)
                else:
                    row.append(model.new_bool_var(f"x_{staff.id}_d{d}_{s.id}"))
            if all(blocks.is_false(v) for v in row):
                w: blocks.Literal = False
            else:
                w = model.new_bool_var(f"works_{staff.id}_d{d}")
            blocks.add_at_most_one_per_day(model, row, w)
            xe.append(row)
            we.append(w)
        x.append(xe)
        works.append(we)

    for e, staff in enumerate(instance.staff):
        for d in range(H - 1):
            for s in instance.shifts:
                if s.cannot_follow:
                    blocks.add_forbidden_successions(
                        model, x[e][d][shift_index[s.id]], [x[e][d + 1][shift_index[t]] for t in s.cannot_follow]
                    )
        for s in instance.shifts:
            blocks.add_total_bounds(
                model, [x[e][d][shift_index[s.id]] for d in range(H)], upper=staff.max_shifts[s.id]
            )
        flat = [x[e][d][i] for d in range(H) for i in range(len(instance.shifts))]
        mins = [s.minutes for _ in range(H) for s in instance.shifts]
        blocks.add_total_bounds(model, flat, mins, staff.min_total_minutes, staff.max_total_minutes)
        if redundant:
            lo = -(-staff.min_total_minutes // max(s.minutes for s in instance.shifts))
            hi = staff.max_total_minutes // min(s.minutes for s in instance.shifts)
            blocks.add_total_bounds(model, works[e], lower=lo, upper=hi)
        blocks.add_max_consecutive(model, works[e], staff.max_consecutive_shifts, name=f"maxrun_{staff.id}")
        blocks.add_min_consecutive_runs(model, works[e], staff.min_consecutive_shifts)
        blocks.add_min_consecutive_runs(
            model, [blocks.negated(w) for w in works[e]], staff.min_consecutive_days_off
        )
        weekend_lits = [
            blocks.add_weekend_worked(model, works[e][sat], works[e][sun], f"weekend_{staff.id}_d{sat}")
            for sat, sun in instance.weekends
        ]
        blocks.add_total_bounds(model, weekend_lits, upper=staff.max_weekends)

    cm = CurtoisModel(instance, model, x, works)
    emp_index = {e.id: i for i, e in enumerate(instance.staff)}
    for r in instance.on_requests:
        v, c = blocks.soft_literal(blocks.negated(x[emp_index[r.employee]][r.day][shift_index[r.shift]]), r.weight)
        cm.objective_vars += v
        cm.objective_coeffs += c
    for r in instance.off_requests:
        v, c = blocks.soft_literal(x[emp_index[r.employee]][r.day][shift_index[r.shift]], r.weight)
        cm.objective_vars += v
        cm.objective_coeffs += c
    for c in instance.cover:
        i = shift_index[c.shift]
        v, k = blocks.soft_cover(
            model,
            [x[e][c.day][i] for e in range(len(instance.staff))],
            c.requirement,
            c.under_weight,
            c.over_weight,
            f"cover_d{c.day}_{c.shift}",
        )
        cm.objective_vars += v
        cm.objective_coeffs += k
    model.minimize(cp_model.LinearExpr.weighted_sum(cm.objective_vars, cm.objective_coeffs))
    return cm


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("instances", nargs="+", type=Path)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--log", action="store_true")
    args = ap.parse_args(argv)
    for path in args.instances:
        inst = load_instance(path)
        t0 = time.time()
        cm = build_model(inst)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = args.time_limit
        solver.parameters.num_workers = args.workers
        solver.parameters.log_search_progress = args.log
        st = solver.solve(cm.model)
        print(inst.name, solver.status_name(st), solver.objective_value, solver.best_objective_bound, round(time.time() - t0, 1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
