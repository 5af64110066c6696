"""Solve Curtois & Qu staff-rostering benchmark instances with CP-SAT.

Usage::

    python -m bench.curtois INSTANCE.txt [...] --time-limit 60 --workers 2 --out-dir DIR

For each instance it builds a CP-SAT model from the generic blocks in
``scheduler.cpsat_blocks``, solves it, writes ``DIR/<InstanceName>.csv`` (header
``employee,day,shift``), re-checks that file with the independent evaluator
(``bench.curtois_evaluate``) and prints one table row: objective, best known value (from
``bestknown.csv`` beside the instance, if listed), gap, proven lower bound and time. A
solution the evaluator rejects is reported as INVALID, never as a result.

Search strategy (``workers >= 2``), all within the wall-clock limit:

* one thread runs CP-SAT on the whole model with the strong LP relaxation
  (``linearization_level=2``); it proves lower bounds and finds solutions on small instances;
* another thread runs a custom large-neighbourhood search: it keeps the best roster found by
  anyone, frees a neighbourhood (some employees over the whole horizon, all employees over
  a window of days, or the people who could fix a badly covered shift around its day), fixes
  every other assignment to the incumbent and re-solves that sub-model with CP-SAT for a
  short time slice; neighbourhood sizes adapt to how often sub-models are solved to
  optimality. Improvements (and equal-cost moves, to drift on plateaus) are kept.

With ``workers == 1`` the two alternate in one thread.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

from bench.curtois_evaluate import evaluate, write_solution
from bench.curtois_format import Instance, InstanceFormatError, load_instance
from scheduler import cpsat_blocks as blocks

__all__ = ["CurtoisModel", "RunResult", "build_model", "main", "run_instance", "solve"]

#: roster[e][d] = index of the shift employee e works on day d, or -1 for a day off
Roster = list[list[int]]


# ------------------------------------------------------------------------------------------
# model
# ------------------------------------------------------------------------------------------
@dataclass
class CurtoisModel:
    """The CP-SAT model of one instance and the handles needed to read / fix a roster."""

    instance: Instance
    model: cp_model.CpModel
    #: x[e][d][s]: literal "employee e works shift s on day d" (``False`` when impossible)
    x: list[list[list[blocks.Literal]]]
    #: works[e][d]: literal "employee e works on day d"
    works: list[list[blocks.Literal]]
    objective_vars: list = field(default_factory=list)
    objective_coeffs: list[int] = field(default_factory=list)

    def x_index(self, e: int, d: int, s: int) -> int:
        """Proto index of x[e][d][s], or -1 for an impossible assignment."""
        lit = self.x[e][d][s]
        return -1 if blocks.is_false(lit) else lit.index

    def roster_from_values(self, solution: list[int]) -> Roster:
        """Roster from a full solution vector (indexed by proto variable index)."""
        inst = self.instance
        roster = []
        for e in range(len(inst.staff)):
            row = []
            for d in range(inst.horizon):
                chosen = -1
                for s, lit in enumerate(self.x[e][d]):
                    if not blocks.is_false(lit) and solution[lit.index]:
                        chosen = s
                        break
                row.append(chosen)
            roster.append(row)
        return roster


def employee_literals(
    model: cp_model.CpModel, instance: Instance, e: int
) -> tuple[list[list[blocks.Literal]], list[blocks.Literal]]:
    """x[d][s] and works[d] literals of employee ``e`` (``False`` where impossible)."""
    staff = instance.staff[e]
    off = instance.days_off.get(staff.id, frozenset())
    xe, we = [], []
    for d in range(instance.horizon):
        row: list[blocks.Literal] = []
        for s in instance.shifts:
            if d in off or staff.max_shifts[s.id] == 0:
                row.append(False)
            else:
                row.append(model.new_bool_var(f"x_{staff.id}_d{d}_{s.id}"))
        w: blocks.Literal = False
        if not all(blocks.is_false(v) for v in row):
            w = model.new_bool_var(f"works_{staff.id}_d{d}")
        blocks.add_at_most_one_per_day(model, row, w)
        xe.append(row)
        we.append(w)
    return xe, we


def add_employee_rules(
    model: cp_model.CpModel,
    instance: Instance,
    e: int,
    x: list[list[blocks.Literal]],
    works: list[blocks.Literal],
) -> None:
    """All hard rules of one employee's roster (everything except cover, which is soft)."""
    staff = instance.staff[e]
    horizon = instance.horizon
    shift_index = {s.id: i for i, s in enumerate(instance.shifts)}
    longest = max(s.minutes for s in instance.shifts)
    shortest = min(s.minutes for s in instance.shifts)
    for d in range(horizon - 1):
        for s in instance.shifts:
            if s.cannot_follow:
                blocks.add_forbidden_successions(
                    model,
                    x[d][shift_index[s.id]],
                    [x[d + 1][shift_index[t]] for t in s.cannot_follow],
                )
    for s in instance.shifts:
        blocks.add_total_bounds(
            model, [x[d][shift_index[s.id]] for d in range(horizon)], upper=staff.max_shifts[s.id]
        )
    flat = [x[d][i] for d in range(horizon) for i in range(len(instance.shifts))]
    minutes = [s.minutes for _ in range(horizon) for s in instance.shifts]
    blocks.add_total_bounds(model, flat, minutes, staff.min_total_minutes, staff.max_total_minutes)
    # redundant: the number of worked days implied by the minute bounds
    blocks.add_total_bounds(
        model,
        works,
        lower=-(-staff.min_total_minutes // longest),
        upper=staff.max_total_minutes // shortest,
    )
    blocks.add_max_consecutive(model, works, staff.max_consecutive_shifts, name=f"max_run_{staff.id}")
    blocks.add_min_consecutive_runs(model, works, staff.min_consecutive_shifts)
    blocks.add_min_consecutive_runs(model, [blocks.negated(w) for w in works], staff.min_consecutive_days_off)
    weekend_lits = [
        blocks.add_weekend_worked(model, works[sat], works[sun], f"weekend_{staff.id}_d{sat}")
        for sat, sun in instance.weekends
    ]
    blocks.add_total_bounds(model, weekend_lits, upper=staff.max_weekends)


def build_model(instance: Instance) -> CurtoisModel:
    """CP-SAT model of all hard rules of the benchmark and its objective."""
    model = cp_model.CpModel()
    model.name = instance.name
    shift_index = {s.id: i for i, s in enumerate(instance.shifts)}
    x: list[list[list[blocks.Literal]]] = []
    works: list[list[blocks.Literal]] = []
    for e in range(len(instance.staff)):
        xe, we = employee_literals(model, instance, e)
        x.append(xe)
        works.append(we)
    for e in range(len(instance.staff)):
        add_employee_rules(model, instance, e, x[e], works[e])

    cm = CurtoisModel(instance, model, x, works)
    emp_index = {e.id: i for i, e in enumerate(instance.staff)}
    for r in instance.on_requests:
        lit = x[emp_index[r.employee]][r.day][shift_index[r.shift]]
        terms = blocks.soft_literal(blocks.negated(lit), r.weight)
        cm.objective_vars += terms[0]
        cm.objective_coeffs += terms[1]
    for r in instance.off_requests:
        lit = x[emp_index[r.employee]][r.day][shift_index[r.shift]]
        terms = blocks.soft_literal(lit, r.weight)
        cm.objective_vars += terms[0]
        cm.objective_coeffs += terms[1]
    for c in instance.cover:
        i = shift_index[c.shift]
        terms = blocks.soft_cover(
            model,
            [x[e][c.day][i] for e in range(len(instance.staff))],
            c.requirement,
            c.under_weight,
            c.over_weight,
            f"cover_d{c.day}_{c.shift}",
        )
        cm.objective_vars += terms[0]
        cm.objective_coeffs += terms[1]
    model.minimize(cp_model.LinearExpr.weighted_sum(cm.objective_vars, cm.objective_coeffs))
    return cm


# ------------------------------------------------------------------------------------------
# search
# ------------------------------------------------------------------------------------------
class _Incumbent:
    """Best roster found so far, shared between threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.roster: Roster | None = None
        self.objective = math.inf
        self.bound = 0.0
        self.version = 0
        self.stop = threading.Event()
        self.started = time.monotonic()
        #: (seconds, objective, source) of every improvement
        self.trace: list[tuple[float, float, str]] = []

    def offer(self, roster: Roster, objective: float, source: str = "") -> bool:
        with self.lock:
            if objective < self.objective or (objective == self.objective and roster != self.roster):
                better = objective < self.objective
                if better:
                    self.trace.append((round(time.monotonic() - self.started, 1), objective, source))
                self.roster, self.objective = roster, objective
                self.version += 1
                if objective <= self.bound:
                    self.stop.set()
                return better
            return False

    def raise_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = max(self.bound, bound)
            if self.objective <= self.bound:
                self.stop.set()


class _Collector(cp_model.CpSolverSolutionCallback):
    def __init__(self, cm: CurtoisModel, incumbent: _Incumbent) -> None:
        super().__init__()
        self.cm = cm
        self.incumbent = incumbent

    def on_solution_callback(self) -> None:
        solution = list(self.response_proto.solution)
        self.incumbent.offer(self.cm.roster_from_values(solution), self.objective_value, "main")
        if self.incumbent.stop.is_set():
            self.stop_search()


def _main_search(cm: CurtoisModel, incumbent: _Incumbent, deadline: float, workers: int, seed: int,
                 log: bool) -> None:
    """Full CP-SAT search with the strong LP: bounds, and solutions on small instances."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = workers
    p.random_seed = seed
    p.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    p.linearization_level = 2
    if workers == 1:
        p.subsolvers.append("max_lp")
    solver.best_bound_callback = incumbent.raise_bound

    def watch() -> None:
        incumbent.stop.wait(max(0.0, deadline - time.monotonic()))
        solver.stop_search()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    status = solver.solve(cm.model, _Collector(cm, incumbent))
    if status == cp_model.OPTIMAL:
        incumbent.raise_bound(solver.objective_value)
    elif status in (cp_model.FEASIBLE,):
        incumbent.raise_bound(solver.best_objective_bound)
    incumbent.stop.set() if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE) else None


@dataclass
class _Neighbourhood:
    name: str
    fraction: float  # adaptive size
    low: float
    high: float
    tries: int = 0
    improvements: int = 0
    seconds: float = 0.0


class _LNS:
    """Custom large-neighbourhood search over rosters (see module docstring)."""

    def __init__(self, cm: CurtoisModel, incumbent: _Incumbent, deadline: float, seed: int,
                 log: bool) -> None:
        self.cm = cm
        self.inst = cm.instance
        self.incumbent = incumbent
        self.deadline = deadline
        self.rng = random.Random(seed)
        self.log = log
        self.n_staff = len(self.inst.staff)
        self.n_shifts = len(self.inst.shifts)
        self.horizon = self.inst.horizon
        self.neighbourhoods = [
            _Neighbourhood("employees", 0.15, 2.0 / self.n_staff, 0.8),
            _Neighbourhood("window", 0.25, 2.0 / self.horizon, 1.0),
            _Neighbourhood("cover", 0.15, 0.02, 0.8),
        ]
        shift_index = {s.id: i for i, s in enumerate(self.inst.shifts)}
        self.cover = [(c.day, shift_index[c.shift], c) for c in self.inst.cover]
        self.slice = 2.0

    # -- neighbourhoods ---------------------------------------------------------------------
    def _bad_cells(self, roster: Roster) -> list[tuple[int, int, int]]:
        """(penalty, day, shift) of every cover cell with a shortfall or surplus."""
        count: dict[tuple[int, int], int] = {}
        for row in roster:
            for d, s in enumerate(row):
                if s >= 0:
                    count[d, s] = count.get((d, s), 0) + 1
        bad = []
        for d, s, c in self.cover:
            n = count.get((d, s), 0)
            pen = c.under_weight * max(0, c.requirement - n) + c.over_weight * max(0, n - c.requirement)
            if pen:
                bad.append((pen, d, s))
        return bad

    def _choose(self, nb: _Neighbourhood, roster: Roster) -> set[tuple[int, int]]:
        E, H, rng = self.n_staff, self.horizon, self.rng
        if nb.name == "employees":
            k = min(E, max(2, round(nb.fraction * E)))
            chosen = rng.sample(range(E), k)
            return {(e, d) for e in chosen for d in range(H)}
        if nb.name == "window":
            w = min(H, max(2, round(nb.fraction * H)))
            start = rng.randrange(0, H - w + 1)
            return {(e, d) for e in range(E) for d in range(start, start + w)}
        # "cover": people who could fix a badly covered cell, around its day
        bad = self._bad_cells(roster)
        cells = E * H * nb.fraction
        w = min(H, max(3, int(rng.choice((7, 10, 14)))))
        k = min(E, max(2, round(cells / w)))
        if not bad:
            d0, s0 = rng.randrange(H), rng.randrange(self.n_shifts)
        else:
            weights = [p for p, _, _ in bad]
            _, d0, s0 = rng.choices(bad, weights=weights)[0]
        start = min(max(0, d0 - rng.randrange(w)), H - w)
        able = [e for e in range(E) if not blocks.is_false(self.cm.x[e][d0][s0]) and roster[e][d0] != s0]
        rng.shuffle(able)
        chosen = able[: max(1, k // 2 + 1)]
        others = [e for e in range(E) if e not in chosen]
        rng.shuffle(others)
        chosen += others[: max(0, k - len(chosen))]
        return {(e, d) for e in chosen for d in range(start, start + w)}

    # -- one sub-solve ----------------------------------------------------------------------
    def _solve_sub(self, free: set[tuple[int, int]], roster: Roster, objective: float,
                   limit: float) -> tuple[int, Roster | None, float]:
        cm = self.cm
        sub = cm.model.clone()
        variables = sub.proto.variables
        hint_vars, hint_vals = [], []
        for e in range(self.n_staff):
            for d in range(self.horizon):
                current = roster[e][d]
                is_free = (e, d) in free
                for s in range(self.n_shifts):
                    i = cm.x_index(e, d, s)
                    if i < 0:
                        continue
                    value = 1 if s == current else 0
                    if is_free:
                        hint_vars.append(i)
                        hint_vals.append(value)
                    else:
                        dom = variables[i].domain
                        dom[0] = value
                        dom[1] = value
        hint = sub.proto.solution_hint
        hint.vars.extend(hint_vars)
        hint.values.extend(hint_vals)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.max_time_in_seconds = limit
        p.linearization_level = 2
        p.random_seed = self.rng.randrange(1 << 30)
        status = solver.solve(sub)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            new = cm.roster_from_values(list(solver.response_proto.solution))
            return status, new, solver.objective_value
        return status, None, math.inf

    def run(self) -> None:
        inc = self.incumbent
        while not inc.stop.is_set():
            remaining = self.deadline - time.monotonic()
            if remaining < 0.2:
                return
            with inc.lock:
                roster, objective = inc.roster, inc.objective
            if roster is None:
                inc.stop.wait(0.05)
                continue
            nb = self.rng.choice(self.neighbourhoods)
            free = self._choose(nb, roster)
            limit = min(self.slice, remaining)
            t0 = time.monotonic()
            status, new, value = self._solve_sub(free, roster, objective, limit)
            elapsed = time.monotonic() - t0
            nb.tries += 1
            if new is not None:
                if inc.offer(new, value, nb.name) and value < objective:
                    nb.improvements += 1
                    if self.log:
                        print(f"  lns {nb.name:9s} {nb.fraction:.2f} {objective:.0f} -> {value:.0f}"
                              f" ({elapsed:.1f}s)", file=sys.stderr)
            nb.seconds += elapsed
            if self.log:
                print(f"  it {nb.name:9s} size={nb.fraction:.2f} free={len(free)} {solver_status_name(status)}"
                      f" {elapsed:.2f}s {objective:.0f}->{value:.0f}", file=sys.stderr)
            if status == cp_model.OPTIMAL and elapsed < limit * 0.5:
                nb.fraction = min(nb.high, nb.fraction * 1.15)
            elif status != cp_model.OPTIMAL:
                nb.fraction = max(nb.low, nb.fraction / 1.15)


def solver_status_name(status: int) -> str:
    return cp_model.CpSolver().status_name(status)


def _first_solution(cm: CurtoisModel, incumbent: _Incumbent, deadline: float, seed: int) -> None:
    """A quick feasible roster so that the neighbourhood search can start."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = seed
    p.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    p.stop_after_first_solution = True
    p.linearization_level = 0
    status = solver.solve(cm.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        incumbent.offer(
            cm.roster_from_values(list(solver.response_proto.solution)), solver.objective_value, "first"
        )
    elif status == cp_model.INFEASIBLE:
        incumbent.stop.set()


@dataclass
class RunResult:
    instance: str
    status: str
    objective: int | None
    bound: float | None
    seconds: float
    roster: Roster | None = None


def solve(instance: Instance, time_limit: float = 60.0, workers: int = 2, seed: int = 0,
          log: bool = False) -> RunResult:
    """Best roster found within ``time_limit`` seconds (wall clock) using ``workers`` threads."""
    start = time.monotonic()
    deadline = start + time_limit
    cm = build_model(instance)
    incumbent = _Incumbent()
    if workers >= 2:
        main = threading.Thread(
            target=_main_search, args=(cm, incumbent, deadline, workers - 1, seed, log), daemon=True
        )
        main.start()
        if incumbent.roster is None:
            _first_solution(cm, incumbent, min(deadline, time.monotonic() + time_limit / 2), seed + 1)
        lns = _LNS(cm, incumbent, deadline, seed, log)
        lns.run()
        incumbent.stop.set()
        main.join()
        if log:
            for nb in lns.neighbourhoods:
                print(f"  {nb.name}: {nb.improvements}/{nb.tries} improving, {nb.seconds:.1f}s,"
                      f" size {nb.fraction:.2f}", file=sys.stderr)
            print(f"  trace: {incumbent.trace}", file=sys.stderr)
    else:
        _main_search(cm, incumbent, start + time_limit * 0.3, 1, seed, log)
        if not incumbent.stop.is_set():
            if incumbent.roster is None:
                _first_solution(cm, incumbent, deadline, seed + 1)
            _LNS(cm, incumbent, deadline, seed, log).run()
    seconds = time.monotonic() - start
    if incumbent.roster is None:
        status = "INFEASIBLE" if incumbent.stop.is_set() and seconds < time_limit else "UNKNOWN"
        return RunResult(instance.name, status, None, None, seconds)
    status = "OPTIMAL" if incumbent.objective <= incumbent.bound else "FEASIBLE"
    return RunResult(instance.name, status, int(incumbent.objective), incumbent.bound, seconds, incumbent.roster)


# ------------------------------------------------------------------------------------------
# runner
# ------------------------------------------------------------------------------------------
def best_known(instance_path: Path) -> int | None:
    """Best known objective from ``bestknown.csv`` beside the instance file, if listed."""
    table = instance_path.parent / "bestknown.csv"
    if not table.exists():
        return None
    with table.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("instance") == instance_path.stem:
                value = row.get("best_upper_bound") or row.get("best_lower_bound")
                return int(value) if value else None
    return None


def run_instance(path: Path, time_limit: float, workers: int, out_dir: Path, seed: int = 0,
                 log: bool = False) -> dict:
    """Solve one instance, write and re-check its solution; return a table row."""
    instance = load_instance(path)
    result = solve(instance, time_limit, workers, seed, log)
    row = {
        "instance": instance.name,
        "objective": result.objective,
        "best_known": best_known(path),
        "bound": result.bound,
        "seconds": result.seconds,
        "status": result.status,
        "violations": [],
    }
    if result.roster is not None:
        assignments = [
            (staff.id, d, instance.shifts[s].id)
            for staff, days in zip(instance.staff, result.roster, strict=True)
            for d, s in enumerate(days)
            if s >= 0
        ]
        out_dir.mkdir(parents=True, exist_ok=True)
        out = out_dir / f"{instance.name}.csv"
        write_solution(out, assignments)
        from bench.curtois_evaluate import read_solution

        check = evaluate(instance, read_solution(out, instance))
        row["violations"] = list(check.violations)
        if check.violations:
            row["status"] = "INVALID"
        elif check.objective != result.objective:
            row["status"] = "INVALID"
            row["violations"] = [f"evaluator objective {check.objective} != solver {result.objective}"]
    return row


def format_row(row: dict) -> str:
    obj, best = row["objective"], row["best_known"]
    gap = ""
    if obj is not None and best:
        gap = f"{100.0 * (obj - best) / best:.1f}"
    bound = "" if row["bound"] is None else f"{row['bound']:.0f}"
    return (
        f"| {row['instance']} | {'' if obj is None else obj} | {'' if best is None else best} | {gap} "
        f"| {bound} | {row['seconds']:.1f} | {row['status']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.curtois", description=__doc__.split("\n\n")[0])
    parser.add_argument("instances", nargs="+", type=Path, help="instance .txt files")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance (wall clock)")
    parser.add_argument("--workers", type=int, default=2, help="solver threads (default 2)")
    parser.add_argument("--out-dir", type=Path, default=Path("curtois_solutions"), help="where solutions go")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log", action="store_true", help="show CP-SAT and search progress")
    args = parser.parse_args(argv)
    print("| instance | objective | best known | gap % | proven bound | time s | status |")
    print("|---|---:|---:|---:|---:|---:|---|")
    failed = False
    for path in args.instances:
        try:
            row = run_instance(path, args.time_limit, args.workers, args.out_dir, args.seed, args.log)
        except InstanceFormatError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
            continue
        print(format_row(row), flush=True)
        for violation in row["violations"]:
            print(f"    violation: {violation}", file=sys.stderr)
        failed |= row["status"] in ("INVALID", "UNKNOWN", "INFEASIBLE")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
