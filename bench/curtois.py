"""Solve Curtois & Qu staff-rostering benchmark instances with CP-SAT.

Usage::

    python -m bench.curtois INSTANCE.txt [...] --time-limit 60 --workers 2 --out-dir DIR

For each instance it builds a CP-SAT model from the generic blocks in
``scheduler.cpsat_blocks``, searches for the best roster within the wall-clock limit, writes
``DIR/<InstanceName>.csv`` (header ``employee,day,shift``), re-checks that file with the
independent evaluator (``bench.curtois_evaluate``) and prints one table row: objective, best
known value (from ``bestknown.csv`` beside the instance file, if it lists the instance), gap,
proven lower bound and time. A solution the evaluator rejects is reported as INVALID, never
as a result.

How the search works (all pieces are CP-SAT models built from the shared blocks):

1. *Greedy start*: each employee in turn gets the roster that is optimal for him given
   everybody placed so far (a small single-employee CP-SAT model whose objective is exact,
   because one more person on a cell changes the cover penalty by a known amount), then
   best-response sweeps until nobody can improve alone.
2. *Large-neighbourhood search* (custom, time-sliced): free a neighbourhood - everybody over a
   window of days, part of the staff over a long window, the people who could fix a badly
   covered shift around its day, a few employees over the whole horizon, and
   ``window_slack``: everybody over a window around an under-covered shift plus one to three
   people who may work that shift (those with spare minutes first) over the whole horizon,
   so that a spare shift can move into the window - fix every other assignment to the
   incumbent, re-solve with CP-SAT (strong LP, deterministic effort per slice); sizes adapt
   to how often sub-models are solved to optimality and the kinds are picked by their recent
   gain per second. Equal-cost moves are kept to drift on plateaus.
3. *Column generation* (second thread): a set-partitioning LP over whole roster lines, priced
   by the same single-employee models; it yields a strong lower bound when it converges,
   and the integer master (CP-SAT: one known line per employee) then often finds the
   optimum of small instances. It gives up early when pricing is too slow to converge in
   time, or when after half its time the LP is still no better than the incumbent.
4. *LP dive*: when column generation stops with an LP value clearly below the incumbent, the
   master LP is rounded by fixing (each round fixes every employee whose heaviest line has
   weight >= 0.9, no re-pricing), polished by best-response sweeps and offered as a start.
   Afterwards that thread runs a full CP-SAT search with the strong LP (small models,
   hinted with the incumbent) or joins the neighbourhood search (larger ones).

Why the LP dive: on cover-dominated instances the neighbourhood search is slow from the
greedy start (Instance8: demand equals the staff's maximum minutes, night-shift allowances
are scarce, every under-covered shift costs 100 and makes 2300 of a 2461 roster; greedy
3500-4500, still ~1700 after 60 s), while the column-generation LP is nearly integral in
value (1297 vs optimum 1300) after ~18 s. The dive gives ~1800-2200 at ~20 s and the
neighbourhood search takes that to ~1310 within a few seconds (60 s, 2 workers: 1309, 1316,
1308 against 1644/1742 before). Instance12 (60 employees, 10 shifts) prices too slowly for
this, so there column generation stops early; its result is unchanged within the (large)
run-to-run noise: 4218-4433 against 4422 before.
``window_slack`` was kept because, from the same Instance8 roster (1742), 20 CPU-seconds of
one search thread reached 1461/1445 with it alone against 1540/1550 with ``window`` alone and
1460/1542 with the previous mix; on Instance12 it was no worse.

Each neighbourhood-search thread walks its own trajectory (independent runs differ a lot on
these rugged instances, so the best of two is worth more than two threads on one roster) and
publishes improvements to a shared incumbent; it adopts the shared best at a few
synchronisation points or after a long stall.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

from bench.curtois_evaluate import evaluate, read_solution, write_solution
from bench.curtois_format import Instance, InstanceFormatError, load_instance
from scheduler import cpsat_blocks as blocks

__all__ = [
    "BestResponse",
    "ColumnGeneration",
    "Costs",
    "CurtoisModel",
    "RunResult",
    "add_employee_rules",
    "build_model",
    "employee_literals",
    "main",
    "run_instance",
    "solve",
]

#: Clock of all deadlines. ``CURTOIS_CPU_CLOCK=1`` switches to process CPU time, which makes
#: single-thread experiments comparable on a machine shared with other jobs.
_now = time.process_time if os.environ.get("CURTOIS_CPU_CLOCK") else time.monotonic

#: roster[e][d] = index of the shift employee e works on day d, or -1 for a day off
Roster = list[list[int]]

#: models with at most this many shift-assignment variables get a full CP-SAT search (which
#: proves optimality there); larger ones do better with a second neighbourhood search
SMALL_MODEL = 400
#: deterministic time (CP-SAT's machine-independent effort unit) per neighbourhood sub-solve
SLICE_DTIME = 2.0
#: the column-generation LP is turned into a start roster when its value is below this share
#: of the incumbent's objective
LP_START_RATIO = 0.98


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
    blocks.add_max_consecutive(model, works, staff.max_consecutive_shifts)
    blocks.add_min_consecutive_runs(model, works, staff.min_consecutive_shifts)
    blocks.add_min_consecutive_runs(
        model, [blocks.negated(w) for w in works], staff.min_consecutive_days_off
    )
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
# objective of a roster, and one employee's best response to the others
# ------------------------------------------------------------------------------------------
class Costs:
    """Objective data in index form: request penalties per cell and cover rows."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.n_staff = len(instance.staff)
        self.horizon = instance.horizon
        self.n_shifts = len(instance.shifts)
        shift_index = {s.id: i for i, s in enumerate(instance.shifts)}
        emp_index = {e.id: i for i, e in enumerate(instance.staff)}
        #: request[e][d][s]: change of the request penalty when e works s on d
        self.request = [
            [[0] * self.n_shifts for _ in range(self.horizon)] for _ in range(self.n_staff)
        ]
        #: penalty of e's unmet on-requests when e works nothing
        self.base = [0] * self.n_staff
        for r in instance.on_requests:
            e = emp_index[r.employee]
            self.request[e][r.day][shift_index[r.shift]] -= r.weight
            self.base[e] += r.weight
        for r in instance.off_requests:
            self.request[emp_index[r.employee]][r.day][shift_index[r.shift]] += r.weight
        #: cover[d][s] = (requirement, under weight, over weight) or None
        self.cover: list[list[tuple[int, int, int] | None]] = [
            [None] * self.n_shifts for _ in range(self.horizon)
        ]
        for c in instance.cover:
            self.cover[c.day][shift_index[c.shift]] = (c.requirement, c.under_weight, c.over_weight)

    def counts(self, roster: Roster) -> list[list[int]]:
        counts = [[0] * self.n_shifts for _ in range(self.horizon)]
        for row in roster:
            for d, s in enumerate(row):
                if s >= 0:
                    counts[d][s] += 1
        return counts

    def objective(self, roster: Roster) -> int:
        total = sum(self.base)
        for e, row in enumerate(roster):
            for d, s in enumerate(row):
                if s >= 0:
                    total += self.request[e][d][s]
        counts = self.counts(roster)
        for d in range(self.horizon):
            for s in range(self.n_shifts):
                c = self.cover[d][s]
                if c is not None:
                    n = counts[d][s]
                    total += c[1] * max(0, c[0] - n) + c[2] * max(0, n - c[0])
        return total

    def marginal(self, d: int, s: int, others: int) -> int:
        """Exact objective change of one more person on (d, s) when ``others`` already are."""
        c = self.cover[d][s]
        if c is None:
            return 0
        return -c[1] if others < c[0] else c[2]


class BestResponse:
    """Optimal roster of one employee with everybody else fixed.

    With the others fixed, one more person on a cell changes the cover penalty by a known
    amount, so the employee's sub-problem has a linear objective: a small CP-SAT model per
    employee (built once) re-solved with new coefficients.
    """

    def __init__(self, instance: Instance, costs: Costs) -> None:
        self.instance = instance
        self.costs = costs
        self.models: list[tuple[cp_model.CpModel, list[tuple[int, int, cp_model.IntVar]]]] = []
        for e in range(len(instance.staff)):
            model = cp_model.CpModel()
            x, works = employee_literals(model, instance, e)
            add_employee_rules(model, instance, e, x, works)
            cells = [
                (d, s, lit)
                for d in range(instance.horizon)
                for s, lit in enumerate(x[d])
                if not blocks.is_false(lit)
            ]
            self.models.append((model, cells))

    def optimise(
        self,
        e: int,
        coeffs: list[int],
        current: list[int] | None,
        limit: float,
        seed: int = 0,
        collect: bool = False,
    ) -> tuple[int, list[list[int]]]:
        """Minimise ``sum(coeffs[i] * cell_i)`` over e's legal rosters.

        Returns the CP-SAT status and the rows found (only the best one unless ``collect``,
        then every improving solution met on the way, best last).
        """
        model, cells = self.models[e]
        model.minimize(cp_model.LinearExpr.weighted_sum([v for _, _, v in cells], coeffs))
        model.clear_hints()
        if current is not None:
            for d, s, v in cells:
                model.add_hint(v, current[d] == s)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.01, limit)
        solver.parameters.random_seed = seed
        horizon = self.instance.horizon

        def row_of(solution) -> list[int]:
            row = [-1] * horizon
            for d, s, v in cells:
                if solution[v.index]:
                    row[d] = s
            return row

        found: list[list[int]] = []
        if collect:

            class Collect(cp_model.CpSolverSolutionCallback):
                def on_solution_callback(self) -> None:
                    found.append(row_of(self.response_proto.solution))

            status = solver.solve(model, Collect())
        else:
            status = solver.solve(model)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                found.append(row_of(solver.response_proto.solution))
        return status, found

    def solve(
        self,
        e: int,
        counts: list[list[int]],
        current: list[int] | None,
        limit: float,
        seed: int = 0,
    ) -> tuple[list[int] | None, int]:
        """Best row for ``e`` given ``counts`` of the others; returns (row, its cost terms)."""
        _, cells = self.models[e]
        costs = self.costs
        coeffs = [costs.request[e][d][s] + costs.marginal(d, s, counts[d][s]) for d, s, _ in cells]
        _, rows = self.optimise(e, coeffs, current, limit, seed)
        if not rows:
            return None, 0
        return rows[-1], self.row_cost(e, rows[-1], counts)

    def row_cost(self, e: int, row: list[int], counts: list[list[int]]) -> int:
        costs = self.costs
        return sum(
            costs.request[e][d][s] + costs.marginal(d, s, counts[d][s])
            for d, s in enumerate(row)
            if s >= 0
        )

    def descend(
        self, roster: Roster | None, deadline: float, rng: random.Random, max_sweeps: int = 50
    ) -> Roster | None:
        """Greedy construction (from an empty roster) and best-response sweeps until stable."""
        inst = self.instance
        n = len(inst.staff)
        if roster is None:
            roster = [[-1] * inst.horizon for _ in range(n)]
            fresh = set(range(n))
        else:
            roster = [list(r) for r in roster]
            fresh = set()
        counts = self.costs.counts(roster)
        for _ in range(max_sweeps):
            changed = False
            order = list(range(n))
            rng.shuffle(order)
            for e in order:
                if _now() > deadline:
                    return None if fresh else roster
                for d, s in enumerate(roster[e]):
                    if s >= 0:
                        counts[d][s] -= 1
                limit = max(0.05, min(5.0, deadline - _now()))
                row, value = self.solve(
                    e, counts, None if e in fresh else roster[e], limit, rng.randrange(1 << 30)
                )
                if row is None:
                    if e in fresh:
                        return None
                    row = roster[e]
                elif e not in fresh and value >= self.row_cost(e, roster[e], counts):
                    row = roster[e]  # keep: no strict improvement
                if row != roster[e]:
                    changed = True
                roster[e] = row
                fresh.discard(e)
                for d, s in enumerate(row):
                    if s >= 0:
                        counts[d][s] += 1
            if not changed:
                break
        return roster


# ------------------------------------------------------------------------------------------
# shared search state
# ------------------------------------------------------------------------------------------
class Incumbent:
    """Best roster found so far and the best proven bound, shared between threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.roster: Roster | None = None
        self.objective = math.inf
        self.bound = 0.0
        self.version = 0
        self.stop = threading.Event()
        self.infeasible = False
        self.started = _now()
        #: (seconds, objective, source) of every improvement
        self.trace: list[tuple[float, float, str]] = []

    def offer(self, roster: Roster, objective: float, source: str = "") -> bool:
        """Keep ``roster`` if it is better (or as good and different); True if better."""
        with self.lock:
            if objective > self.objective or (
                objective == self.objective and roster == self.roster
            ):
                return False
            better = objective < self.objective
            if better:
                self.trace.append((round(_now() - self.started, 1), objective, source))
            self.roster, self.objective = roster, objective
            self.version += 1
            if objective <= self.bound:
                self.stop.set()
            return better

    def raise_bound(self, bound: float) -> None:
        with self.lock:
            self.bound = max(self.bound, bound)
            if self.objective <= self.bound:
                self.stop.set()

    def snapshot(self) -> tuple[Roster | None, float, int]:
        with self.lock:
            return self.roster, self.objective, self.version


# ------------------------------------------------------------------------------------------
# column generation: lower bound and a set-partitioning master problem
# ------------------------------------------------------------------------------------------
class ColumnGeneration:
    """Column generation over whole roster lines ("columns"), one per employee.

    Master LP (GLOP): choose a convex combination of known lines per employee; cover rows
    ``sum(lines on (d, s)) + under - over = requirement``. Pricing: with the LP duals each
    employee's best new line is a single-employee CP-SAT problem with a linear objective
    (the ``BestResponse`` models). When every pricing problem is solved to optimality,
    ``LP value + sum of the (negative) reduced costs`` is a valid lower bound (Lagrangian
    bound); at convergence it is the LP value itself, usually very close to the optimum on
    these instances. The integer master (CP-SAT: exactly one known line per employee) then
    often finds optimal or near-optimal rosters.
    """

    SCALE = 1000  # pricing objective = round(SCALE * reduced cost coefficients)

    def __init__(
        self, instance: Instance, costs: Costs, incumbent: Incumbent, log: bool = False
    ) -> None:
        from ortools.linear_solver import pywraplp

        self.instance = instance
        self.costs = costs
        self.incumbent = incumbent
        self.log = log
        self.pricing = BestResponse(instance, costs)
        self.n_staff = len(instance.staff)
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.infinity = self.lp.infinity()
        self.objective = self.lp.Objective()
        self.convexity = [self.lp.Constraint(1, 1, f"one_line_{st.id}") for st in instance.staff]
        self.rows: dict[tuple[int, int], object] = {}
        for d in range(costs.horizon):
            for s in range(costs.n_shifts):
                cover = costs.cover[d][s]
                if cover is None:
                    continue
                requirement, under_weight, over_weight = cover
                row = self.lp.Constraint(requirement, requirement, f"cover_d{d}_s{s}")
                under = self.lp.NumVar(0, self.infinity, f"under_d{d}_s{s}")
                over = self.lp.NumVar(0, self.infinity, f"over_d{d}_s{s}")
                row.SetCoefficient(under, 1)
                row.SetCoefficient(over, -1)
                self.objective.SetCoefficient(under, under_weight)
                self.objective.SetCoefficient(over, over_weight)
                self.rows[d, s] = row
        self.objective.SetMinimization()
        self.columns: list[dict[tuple[int, ...], object]] = [{} for _ in range(self.n_staff)]
        self.bound = 0
        self.lp_value = math.inf
        self.converged = False
        self.iterations = 0

    def line_cost(self, e: int, line: tuple[int, ...] | list[int]) -> int:
        request = self.costs.request[e]
        return self.costs.base[e] + sum(request[d][s] for d, s in enumerate(line) if s >= 0)

    def add_line(self, e: int, line: list[int] | tuple[int, ...]) -> bool:
        key = tuple(line)
        if key in self.columns[e]:
            return False
        var = self.lp.NumVar(0, self.infinity, "")
        self.convexity[e].SetCoefficient(var, 1)
        self.objective.SetCoefficient(var, self.line_cost(e, key))
        for d, s in enumerate(key):
            if s >= 0 and (d, s) in self.rows:
                self.rows[d, s].SetCoefficient(var, 1)
        self.columns[e][key] = var
        return True

    def add_roster(self, roster: Roster | None) -> None:
        if roster is not None:
            for e, line in enumerate(roster):
                self.add_line(e, line)

    def iterate(self, until: float, rng: random.Random) -> int:
        """One LP solve and one round of pricing; returns the number of new lines."""
        with self.incumbent.lock:
            roster = self.incumbent.roster
        self.add_roster(roster)
        if self.lp.Solve() != 0:  # pywraplp.Solver.OPTIMAL
            return 0
        self.iterations += 1
        self.lp_value = self.objective.Value()
        # read every dual before adding lines: pywraplp forgets the solution once the model changes
        duals = {key: row.dual_value() for key, row in self.rows.items()}
        convexity_duals = [row.dual_value() for row in self.convexity]
        added = 0
        lagrangian = self.lp_value
        exact = True
        margin = self.instance.horizon / self.SCALE
        for e in rng.sample(range(self.n_staff), self.n_staff):
            remaining = until - _now()
            if remaining <= 0 or self.incumbent.stop.is_set():
                return added
            _, cells = self.pricing.models[e]
            request = self.costs.request[e]
            reduced = [request[d][s] - duals.get((d, s), 0.0) for d, s, _ in cells]
            coeffs = [round(self.SCALE * r) for r in reduced]
            status, lines = self.pricing.optimise(
                e, coeffs, None, min(remaining, 5.0), collect=True
            )
            if status == cp_model.INFEASIBLE:  # this employee has no legal roster at all
                self.incumbent.infeasible = True
                self.incumbent.stop.set()
                return 0
            if status != cp_model.OPTIMAL:
                exact = False
            pi = convexity_duals[e]
            best = 0.0
            for line in lines:
                value = (
                    self.line_cost(e, line)
                    - pi
                    - sum(duals.get((d, s), 0.0) for d, s in enumerate(line) if s >= 0)
                )
                best = min(best, value)
                if value < -1e-6 and self.add_line(e, line):
                    added += 1
            lagrangian += min(0.0, best - margin)
        if exact:
            self.bound = max(self.bound, math.ceil(lagrangian - 1e-6))
            self.incumbent.raise_bound(self.bound)
        if added == 0 and exact:
            self.converged = True
            self.bound = max(self.bound, math.ceil(self.lp_value - 1e-6))
            self.incumbent.raise_bound(self.bound)
        if self.log:
            print(
                f"  cg it {self.iterations}: lp {self.lp_value:.1f} bound {self.bound}"
                f" +{added} lines ({sum(len(c) for c in self.columns)})",
                file=sys.stderr,
            )
        return added

    def run(self, until: float, seed: int = 0, expected_iterations: int = 5) -> None:
        """Iterate until converged or ``until``; give up early when the pricing is so slow
        that ``expected_iterations`` rounds would not fit (long horizons, many employees), or
        when half the time is gone and the LP is still no better than the incumbent (the
        neighbourhood search is then outpacing it: Instance12, 60 employees x 10 shifts)."""
        rng = random.Random(seed)
        started = _now()
        while not self.converged and _now() < until and not self.incumbent.stop.is_set():
            self.iterate(until, rng)
            if self.converged:
                return
            now = _now()
            per_iteration = (now - started) / max(1, self.iterations)
            if per_iteration * expected_iterations > until - started:
                return
            if now - started > 0.5 * (until - started) and (
                self.lp_value >= self.incumbent.snapshot()[1]
            ):
                return

    def dive(self, until: float) -> Roster | None:
        """Integer roster from the current master LP by fixing: repeatedly solve the LP and
        fix every employee whose heaviest line has weight >= 0.9 (at least the heaviest one)
        to that line, without new pricing. Cheap (LP solves only); the LP is restored."""
        fixed: dict[int, tuple[int, ...]] = {}
        disabled = []
        try:
            while len(fixed) < self.n_staff and _now() < until:
                if self.lp.Solve() != 0:  # pywraplp.Solver.OPTIMAL
                    return None
                heaviest = {
                    e: max((var.solution_value(), line) for line, var in self.columns[e].items())
                    for e in range(self.n_staff)
                    if e not in fixed and self.columns[e]
                }
                if not heaviest:
                    return None
                ranked = sorted(heaviest.items(), key=lambda item: -item[1][0])
                chosen = [e for e, (weight, _) in ranked if weight >= 0.9] or [ranked[0][0]]
                for e in chosen:
                    fixed[e] = heaviest[e][1]
                    for line, var in self.columns[e].items():
                        if line != fixed[e]:
                            var.SetUb(0)
                            disabled.append(var)
        finally:
            for var in disabled:
                var.SetUb(self.infinity)
        if len(fixed) < self.n_staff:
            return None
        return [list(fixed[e]) for e in range(self.n_staff)]

    def solve_master(self, until: float, seed: int = 0) -> bool:
        """Integer master (CP-SAT): exactly one known line per employee, hinted with the
        incumbent; every improving solution goes to the incumbent. True if it improved it."""
        with self.incumbent.lock:
            roster = self.incumbent.roster
        self.add_roster(roster)
        model = cp_model.CpModel()
        choice: list[list[tuple[tuple[int, ...], cp_model.IntVar]]] = []
        terms_vars: list = []
        terms_coeffs: list[int] = []
        staff_ids = [st.id for st in self.instance.staff]
        for e, lines in enumerate(self.columns):
            options = [
                (line, model.new_bool_var(f"line_{staff_ids[e]}_{i}"))
                for i, line in enumerate(lines)
            ]
            model.add_exactly_one([v for _, v in options])
            for line, v in options:
                terms_vars.append(v)
                terms_coeffs.append(self.line_cost(e, line))
                if roster is not None:
                    model.add_hint(v, list(line) == roster[e])
            choice.append(options)
        on_cell: dict[tuple[int, int], list] = {}
        for options in choice:
            for line, v in options:
                for d, s in enumerate(line):
                    if s >= 0:
                        on_cell.setdefault((d, s), []).append(v)
        for d in range(self.costs.horizon):
            for s in range(self.costs.n_shifts):
                cover = self.costs.cover[d][s]
                if cover is not None:
                    terms = blocks.soft_cover(
                        model, on_cell.get((d, s), []), *cover, f"cover_d{d}_s{s}"
                    )
                    terms_vars += terms[0]
                    terms_coeffs += terms[1]
        model.minimize(cp_model.LinearExpr.weighted_sum(terms_vars, terms_coeffs))
        incumbent = self.incumbent
        costs = self.costs

        improved = []

        class Offer(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                solution = self.response_proto.solution
                picked = [
                    next(list(line) for line, v in options if solution[v.index])
                    for options in choice
                ]
                value = costs.objective(picked)  # the roster's, not the master's helpers
                if incumbent.offer(picked, value, "master"):
                    improved.append(value)
                if incumbent.stop.is_set():
                    self.stop_search()

        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        solver.parameters.max_time_in_seconds = max(0.1, until - _now())
        solver.solve(model, Offer())
        return bool(improved)


# ------------------------------------------------------------------------------------------
# full CP-SAT search
# ------------------------------------------------------------------------------------------
class _Collector(cp_model.CpSolverSolutionCallback):
    """Offers each solution of a CP-SAT run at what its roster costs (``Costs.objective``):
    CP-SAT's own value may carry cover helpers above their least before optimality
    (``scheduler.solver.least`` measured that on the helpline's model)."""

    def __init__(self, cm: CurtoisModel, incumbent: Incumbent) -> None:
        super().__init__()
        self.cm = cm
        self.costs = Costs(cm.instance)
        self.incumbent = incumbent

    def on_solution_callback(self) -> None:
        roster = self.cm.roster_from_values(list(self.response_proto.solution))
        self.incumbent.offer(roster, self.costs.objective(roster), "full")
        if self.incumbent.stop.is_set():
            self.stop_search()


def full_search(cm: CurtoisModel, incumbent: Incumbent, deadline: float, seed: int = 0) -> None:
    """CP-SAT on the whole model with the strong LP (``max_lp``), hinted with the incumbent:
    lower bounds, optimality proofs and solutions on small instances."""
    model = cm.model.clone()
    roster, _, _ = incumbent.snapshot()
    if roster is not None:
        hint = model.proto.solution_hint
        for e, row in enumerate(roster):
            for d, chosen in enumerate(row):
                for s in range(len(cm.instance.shifts)):
                    i = cm.x_index(e, d, s)
                    if i >= 0:
                        hint.vars.append(i)
                        hint.values.append(1 if s == chosen else 0)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.subsolvers.append("max_lp")
    p.linearization_level = 2
    p.random_seed = seed
    p.max_time_in_seconds = max(0.1, deadline - _now())
    solver.best_bound_callback = incumbent.raise_bound

    def watch() -> None:  # stop as soon as another thread proves optimality
        incumbent.stop.wait(max(0.0, deadline - _now()))
        solver.stop_search()

    threading.Thread(target=watch, daemon=True).start()
    status = solver.solve(model, _Collector(cm, incumbent))
    if status == cp_model.OPTIMAL:
        incumbent.raise_bound(solver.objective_value)
    elif status == cp_model.FEASIBLE:
        incumbent.raise_bound(solver.best_objective_bound)
    elif status == cp_model.INFEASIBLE:
        incumbent.infeasible = True
        incumbent.stop.set()


def first_solution(cm: CurtoisModel, incumbent: Incumbent, deadline: float, seed: int = 0) -> None:
    """Any feasible roster from CP-SAT (fallback when the greedy construction fails)."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = seed
    p.max_time_in_seconds = max(0.1, deadline - _now())
    p.stop_after_first_solution = True
    status = solver.solve(cm.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        roster = cm.roster_from_values(list(solver.response_proto.solution))
        incumbent.offer(roster, Costs(cm.instance).objective(roster), "first")
    elif status == cp_model.INFEASIBLE:
        incumbent.infeasible = True
        incumbent.stop.set()


# ------------------------------------------------------------------------------------------
# large-neighbourhood search
# ------------------------------------------------------------------------------------------
@dataclass
class _Neighbourhood:
    name: str
    fraction: float  # adaptive size: a share of the staff, of the horizon or of all cells
    low: float
    high: float
    tries: int = 0
    improvements: int = 0
    seconds: float = 0.0
    #: moving average of objective gain per second; drives the choice between kinds
    score: float = 1.0


class NeighbourhoodSearch:
    """Custom large-neighbourhood search over rosters (see the module docstring).

    ``incumbent`` is the shared best; the search itself walks on a private copy.
    """

    def __init__(
        self,
        cm: CurtoisModel,
        costs: Costs,
        incumbent: Incumbent,
        deadline: float,
        best_response: BestResponse,
        seed: int = 0,
        log: bool = False,
    ) -> None:
        self.cm = cm
        self.instance = cm.instance
        self.costs = costs
        self.shared = incumbent
        self.incumbent = Incumbent()  # this thread's own trajectory
        self.deadline = deadline
        self.best_response = best_response
        self.rng = random.Random(seed)
        self.log = log
        self.n_staff = len(self.instance.staff)
        self.n_shifts = len(self.instance.shifts)
        self.horizon = self.instance.horizon
        n, h = self.n_staff, self.horizon
        self.kinds = [
            _Neighbourhood("window", 0.25, min(1.0, 2 / h), 1.0),
            _Neighbourhood("staff_window", 0.3, 0.05, 1.0),
            _Neighbourhood("cover", 0.15, 0.02, 0.8),
            _Neighbourhood("employees", min(1.0, 4 / n), min(1.0, 2 / n), 0.8),
            _Neighbourhood("window_slack", 0.25, min(1.0, 2 / h), 1.0),
        ]
        only = os.environ.get("CURTOIS_KINDS")  # experiments: comma-separated subset
        if only:
            self.kinds = [k for k in self.kinds if k.name in only.split(",")]
        self.sweep = _Neighbourhood("sweep", 1.0, 1.0, 1.0)
        self.last_sweep_version = -1

    # -- neighbourhoods ---------------------------------------------------------------------
    def _bad_cells(self, roster: Roster) -> list[tuple[int, int, int]]:
        """(penalty, day, shift) of every cover cell with a shortfall or surplus."""
        counts = self.costs.counts(roster)
        bad = []
        for d in range(self.horizon):
            for s in range(self.n_shifts):
                cover = self.costs.cover[d][s]
                if cover is not None:
                    n = counts[d][s]
                    penalty = cover[1] * max(0, cover[0] - n) + cover[2] * max(0, n - cover[0])
                    if penalty:
                        bad.append((penalty, d, s))
        return bad

    def _window(self, width: int, around: int | None = None) -> range:
        h = self.horizon
        width = min(h, max(1, width))
        if around is None:
            first = self.rng.randrange(0, h - width + 1)
        else:
            first = min(max(0, around - self.rng.randrange(width)), h - width)
        return range(first, first + width)

    def _choose(self, kind: _Neighbourhood, roster: Roster) -> set[tuple[int, int]]:
        """The (employee, day) cells to free."""
        n, h, rng = self.n_staff, self.horizon, self.rng
        if kind.name == "window":  # everybody, consecutive days
            days = self._window(round(kind.fraction * h))
            return {(e, d) for e in range(n) for d in days}
        if kind.name == "staff_window":  # part of the staff over a long window
            chosen = rng.sample(range(n), min(n, max(2, round(kind.fraction * n))))
            days = self._window(rng.randint(h // 2, h))
            return {(e, d) for e in chosen for d in days}
        if kind.name == "employees":  # a few people over the whole horizon
            chosen = rng.sample(range(n), min(n, max(2, round(kind.fraction * n))))
            return {(e, d) for e in chosen for d in range(h)}
        if kind.name == "window_slack":  # everybody around a short cell + helpers' horizons
            d0, s0 = self._short_cell(roster)
            days = self._window(round(kind.fraction * h), around=d0)
            chosen = self._helpers(roster, d0, s0, rng.randint(1, 3))
            return {(e, d) for e in range(n) for d in days} | {
                (e, d) for e in chosen for d in range(h)
            }
        # "cover": people who could fix a badly covered cell, around its day
        bad = self._bad_cells(roster)
        width = min(h, rng.choice((5, 7, 10, 14)))
        k = min(n, max(2, round(n * h * kind.fraction / width)))
        if bad:
            _, d0, s0 = rng.choices(bad, weights=[p for p, _, _ in bad])[0]
        else:
            d0, s0 = rng.randrange(h), rng.randrange(self.n_shifts)
        days = self._window(width, around=d0)
        able = [e for e in range(n) if self.cm.x_index(e, d0, s0) >= 0 and roster[e][d0] != s0]
        rng.shuffle(able)
        chosen = able[: max(1, (2 * k) // 3)]
        rest = [e for e in range(n) if e not in chosen]
        rng.shuffle(rest)
        chosen += rest[: max(0, k - len(chosen))]
        return {(e, d) for e in chosen for d in days}

    def _short_cell(self, roster: Roster) -> tuple[int, int]:
        """A cover cell with a shortfall (or any penalised cell), drawn by its penalty."""
        bad = self._bad_cells(roster)
        counts = self.costs.counts(roster)
        short = [b for b in bad if counts[b[1]][b[2]] < self.costs.cover[b[1]][b[2]][0]]
        pool = short or bad
        if not pool:
            return self.rng.randrange(self.horizon), self.rng.randrange(self.n_shifts)
        _, d0, s0 = self.rng.choices(pool, weights=[p for p, _, _ in pool])[0]
        return d0, s0

    def _helpers(self, roster: Roster, d0: int, s0: int, k: int) -> list[int]:
        """``k`` employees who could work shift s0 on day d0, those with spare minutes first."""
        inst, rng = self.instance, self.rng
        minutes = [s.minutes for s in inst.shifts]
        able = [
            e
            for e in range(self.n_staff)
            if self.cm.x_index(e, d0, s0) >= 0 and roster[e][d0] != s0
        ]
        rng.shuffle(able)
        spare = [
            e
            for e in able
            if sum(minutes[s] for s in roster[e] if s >= 0) + minutes[s0]
            <= inst.staff[e].max_total_minutes
        ]
        chosen = spare[: max(1, k // 2)]
        chosen += [e for e in able if e not in chosen][: k - len(chosen)]
        rest = [e for e in range(self.n_staff) if e not in chosen]
        rng.shuffle(rest)
        return chosen + rest[: max(0, k - len(chosen))]

    def _pick(self) -> _Neighbourhood:
        """Roulette on recent gain per second, with a floor so every kind keeps being tried."""
        total = sum(k.score for k in self.kinds) or 1.0
        weights = [0.4 / len(self.kinds) + 0.6 * k.score / total for k in self.kinds]
        return self.rng.choices(self.kinds, weights=weights)[0]

    # -- one sub-solve ----------------------------------------------------------------------
    def _solve_sub(
        self, free: set[tuple[int, int]], roster: Roster, limit: float
    ) -> tuple[int, Roster | None, float]:
        """Re-solve the freed cells with everything else fixed to ``roster`` (its hint)."""
        cm = self.cm
        sub = cm.model.clone()
        variables = sub.proto.variables
        hint_vars, hint_values = [], []
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
                        hint_values.append(value)
                    else:
                        domain = variables[i].domain
                        domain[0] = value
                        domain[1] = value
        sub.proto.solution_hint.vars.extend(hint_vars)
        sub.proto.solution_hint.values.extend(hint_values)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.linearization_level = 2
        # deterministic effort (independent of machine load) plus a wall-clock safety cap
        p.max_deterministic_time = SLICE_DTIME
        p.max_time_in_seconds = max(0.05, min(limit, 3 * SLICE_DTIME))
        p.random_seed = self.rng.randrange(1 << 30)
        status = solver.solve(sub)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return (
                status,
                cm.roster_from_values(list(solver.response_proto.solution)),
                solver.objective_value,
            )
        return status, None, math.inf

    def run(self) -> None:
        """Search on a private incumbent (threads follow independent trajectories, which pays
        on these rugged instances) and publish improvements to the shared one; adopt the
        shared best at a few synchronisation points or after a long stall."""
        shared, local = self.shared, self.incumbent
        started = _now()
        span = max(0.0, self.deadline - started)
        syncs = [started + f * span for f in (0.35, 0.65, 0.85)]
        last_gain = started
        while not shared.stop.is_set():
            now = _now()
            remaining = self.deadline - now
            if remaining < 0.2:
                return
            due = bool(syncs) and now >= syncs[0]
            if due:
                syncs.pop(0)
            if local.roster is None or due or now - last_gain > 0.2 * span:
                roster, objective, _ = shared.snapshot()
                if roster is None:
                    shared.stop.wait(0.05)
                    continue
                if objective < local.objective:
                    local.offer(roster, objective, "sync")
                    last_gain = now
            roster, objective, version = local.snapshot()
            t0 = _now()
            free: set[tuple[int, int]] = set()
            if version != self.last_sweep_version and self.rng.random() < 0.2:
                # cheap polish: every employee's best response to the others, once
                kind, status = self.sweep, cp_model.FEASIBLE
                self.last_sweep_version = version
                new = self.best_response.descend(roster, self.deadline, self.rng, max_sweeps=1)
                value = math.inf if new is None else float(self.costs.objective(new))
            else:
                kind = self._pick()
                free = self._choose(kind, roster)
                status, new, value = self._solve_sub(free, roster, remaining)
            elapsed = _now() - t0
            kind.tries += 1
            kind.seconds += elapsed
            gain = 0.0
            if new is not None and local.offer(new, value, kind.name):
                kind.improvements += 1
                gain = objective - value
                last_gain = _now()
                shared.offer(new, value, kind.name)
            kind.score = 0.8 * kind.score + 0.2 * max(0.0, gain) / max(elapsed, 0.05)
            if self.log:
                print(
                    f"  lns {kind.name:12s} size {kind.fraction:.2f} free {len(free):5d} "
                    f"{cp_model.CpSolver().status_name(status):8s} {elapsed:5.2f}s "
                    f"{objective:.0f} -> {value:.0f}",
                    file=sys.stderr,
                )
            if kind is not self.sweep:
                if status == cp_model.OPTIMAL:
                    kind.fraction = min(kind.high, kind.fraction * 1.1)
                else:
                    kind.fraction = max(kind.low, kind.fraction / 1.1)

    def summary(self) -> str:
        return ", ".join(
            f"{k.name} {k.improvements}/{k.tries} in {k.seconds:.0f}s (size {k.fraction:.2f})"
            for k in [*self.kinds, self.sweep]
        )


# ------------------------------------------------------------------------------------------
# orchestration
# ------------------------------------------------------------------------------------------
@dataclass
class RunResult:
    instance: str
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN (nothing found in time)
    objective: int | None
    bound: float | None  # proven lower bound, None if nothing better than 0 was proven
    seconds: float
    roster: Roster | None = None


def solve(
    instance: Instance,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    log: bool = False,
    mode: str = "auto",
) -> RunResult:
    """Best roster found within ``time_limit`` seconds (wall clock) with ``workers`` threads.

    ``mode`` says what the helper thread does (with one worker: after the greedy start, in
    the same thread): "auto" column generation, LP dive, integer master, then a full search
    (small models) or neighbourhood search; "full" a full CP-SAT search (all the time on
    small models, a bound-seeking quarter of it otherwise); "lns" only neighbourhood search.
    """
    if mode not in ("auto", "full", "lns"):
        raise ValueError(f"unknown mode {mode!r}")
    start = _now()
    deadline = start + time_limit
    cm = build_model(instance)
    costs = Costs(instance)
    incumbent = Incumbent()
    n_vars = sum(1 for row in cm.x for cell in row for lit in cell if not blocks.is_false(lit))
    small = n_vars <= SMALL_MODEL
    searches: list[NeighbourhoodSearch] = []
    constructed = threading.Event()

    def construct(rng: random.Random, best_response: BestResponse) -> None:
        roster = best_response.descend(None, deadline, rng)
        if roster is not None:
            incumbent.offer(roster, costs.objective(roster), "greedy")
        elif incumbent.roster is None and not incumbent.stop.is_set():
            first_solution(cm, incumbent, deadline, seed)
        constructed.set()

    def neighbourhood(k: int, best_response: BestResponse | None = None) -> None:
        if incumbent.stop.is_set() or _now() > deadline - 0.2:
            return
        lns = NeighbourhoodSearch(
            cm,
            costs,
            incumbent,
            deadline,
            best_response or BestResponse(instance, costs),
            seed * 7919 + k,
            log,
        )
        searches.append(lns)
        lns.run()

    def lp_start(generation: ColumnGeneration, rng: random.Random) -> None:
        """Dive on the master LP, polish by best responses, offer the roster: a start far
        better than the greedy one when the LP value is well below the incumbent."""
        _, objective, _ = incumbent.snapshot()
        if incumbent.stop.is_set() or not generation.lp_value < LP_START_RATIO * objective:
            return
        roster = generation.dive(deadline)
        if roster is None:
            return
        polish_until = min(deadline, _now() + 0.05 * time_limit)
        roster = generation.pricing.descend(roster, polish_until, rng) or roster
        incumbent.offer(roster, costs.objective(roster), "lp_dive")

    def helper(k: int) -> None:
        constructed.wait(max(0.0, deadline - _now()))
        if incumbent.stop.is_set():
            return
        if mode == "auto":
            generation = ColumnGeneration(instance, costs, incumbent, log)
            generation.run(min(deadline, start + min(0.3 * time_limit, 20.0)), seed)
            lp_start(generation, random.Random(seed + 1))
            if generation.converged and not incumbent.stop.is_set():
                generation.solve_master(min(deadline, _now() + 0.45 * time_limit), seed)
            if small and not incumbent.stop.is_set():
                full_search(cm, incumbent, deadline, seed)
        elif mode == "full":
            full_search(
                cm, incumbent, deadline if small else min(deadline, start + 0.25 * time_limit), seed
            )
        neighbourhood(k)

    def first_thread() -> None:
        rng = random.Random(seed)
        best_response = BestResponse(instance, costs)  # one per thread: solves mutate it
        construct(rng, best_response)
        neighbourhood(0, best_response)

    if workers >= 2:
        threads = [threading.Thread(target=first_thread, daemon=True)]
        threads += [
            threading.Thread(
                target=helper if (k == 1 and mode != "lns") else neighbourhood,
                args=(k,),
                daemon=True,
            )
            for k in range(1, workers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        best_response = BestResponse(instance, costs)
        construct(random.Random(seed), best_response)
        if mode == "lns":
            neighbourhood(0, best_response)
        else:
            helper(0)
    if log:
        for lns in searches:
            print(f"  {lns.summary()}", file=sys.stderr)
        print(f"  trace: {incumbent.trace}", file=sys.stderr)
    seconds = _now() - start
    bound = incumbent.bound if incumbent.bound > 0 else None
    if incumbent.roster is None:
        status = "INFEASIBLE" if incumbent.infeasible else "UNKNOWN"
        return RunResult(instance.name, status, None, bound, seconds)
    status = "OPTIMAL" if incumbent.objective <= incumbent.bound else "FEASIBLE"
    return RunResult(
        instance.name, status, int(incumbent.objective), bound, seconds, incumbent.roster
    )


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


def run_instance(
    path: Path,
    time_limit: float,
    workers: int,
    out_dir: Path,
    seed: int = 0,
    log: bool = False,
    mode: str = "auto",
) -> dict:
    """Solve one instance, write and re-check its solution; return a table row."""
    instance = load_instance(path)
    result = solve(instance, time_limit, workers, seed, log, mode)
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
        check = evaluate(instance, read_solution(out, instance))
        row["violations"] = list(check.violations)
        if check.violations:
            row["status"] = "INVALID"
        elif check.objective != result.objective:
            row["status"] = "INVALID"
            row["violations"] = [
                f"evaluator objective {check.objective} != solver {result.objective}"
            ]
    return row


def format_row(row: dict) -> str:
    """Markdown table row; no gap is shown for a solution the evaluator rejected."""
    obj, best = row["objective"], row["best_known"]
    gap = ""
    if obj is not None and best and row["status"] != "INVALID":
        gap = f"{100.0 * (obj - best) / best:.1f}"
    bound = "" if row["bound"] is None else f"{math.ceil(row['bound'] - 1e-6)}"
    cells = [
        row["instance"],
        "" if obj is None else str(obj),
        "" if best is None else str(best),
        gap,
        bound,
        f"{row['seconds']:.1f}",
        row["status"],
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.curtois", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("instances", nargs="+", type=Path, help="instance .txt files")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per instance (wall clock)"
    )
    parser.add_argument("--workers", type=int, default=2, help="solver threads (default 2)")
    parser.add_argument(
        "--out-dir", type=Path, default=Path("curtois_solutions"), help="where solutions go"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log", action="store_true", help="show search progress")
    parser.add_argument(
        "--mode", choices=("auto", "full", "lns"), default="auto", help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    print("| instance | objective | best known | gap % | proven bound | time s | status |")
    print("|---|---:|---:|---:|---:|---:|---|")
    failed = False
    for path in args.instances:
        try:
            row = run_instance(
                path, args.time_limit, args.workers, args.out_dir, args.seed, args.log, args.mode
            )
        except (InstanceFormatError, OSError) as exc:
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
