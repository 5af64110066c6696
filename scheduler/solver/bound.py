"""A proven lower bound on the month's objective: column generation by person
(Dantzig–Wolfe), each person's month priced by a dynamic programme over the days.

CP-SAT's own bound stays at zero on real months: its LP relaxation spreads people fractionally
and sees none of the pattern terms (split weekends, isolated days, backward rotation), which
only cost in whole rotas. Here the month is split the other way round:

- the **master** (an LP in HiGHS, re-solved from its last basis as columns are added)
  chooses a convex combination of whole monthly schedules per person so that the coverage
  rows of the model (minima, language minima, desired head-count) hold; it also holds each
  person's fair-share costs, as functions of the combination's counts;
- the **pricing** finds, for each person, the schedule of least reduced cost by a dynamic
  programme over the days (all people of a batch at once, ``Batch``) whose state is the
  day's shift, whether the day before was worked and the time worked so far. Inside a
  schedule it counts exactly the pattern terms (isolated days, split weekends, backward
  rotation, wishes, stand-in cost, re-planning changes) and the month's hours against the
  person's goal, and keeps the pairwise rules of the model (overlap, one start a day, daily
  rest, absences and events through the candidates).

Each schedule paying for its own hours is what makes the bound: a master that charged the
hours of the combination (an average of schedules) mixed empty months with overfull ones and
saw no hours cost where every whole rota pays some (bench/RESULTS.md: January 280 → 340,
February 25 → 110, December 525 → 610 points on the example, March 18 either way).

What it does not model (the weekly rest, the 48 h average, night-worker limits, duty chains of
three shifts, the runs of nights and work days beyond the limits) only makes the pricing's
set of schedules larger or cheaper, so each value ``LP + Σ min reduced cost`` is a valid lower
bound at every iteration (Lagrangian bound), and the LP value itself once no column prices
out. The bound is therefore never above the true optimum, though it can be below it.

The master starts with each person's cheapest own schedule and takes in the schedules of the
best rota the search has found as it improves (``lower_bound``'s ``rotas``).

The bound is skipped (``None``) where the dynamic programme's reading of the model would not
be a relaxation: several duty starts a day (``split_duties_allowed``), a coverage row that is
not "at least", or an objective term this module does not know.
"""

from __future__ import annotations

import math
import time as clock
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import highspy
import numpy as np
from ortools.sat import cp_model_pb2

from scheduler.domain import WishKind
from scheduler.solver import objective as goals
from scheduler.solver.candidates import Candidate
from scheduler.solver.model import PER_UNIT, RotaModel

#: Objective terms the pricing and the master account for: a term not in this list (a new
#: soft goal) switches the bound off until it is added here and priced.
KNOWN_TERMS = frozenset({
    "desired coverage", "hours vs norm", "wishes", "substitution", "fair nights",
    "fair weekends", "fair holidays", "isolated days", "backward rotation",
    "consecutive nights", "consecutive days", "split weekends", "changes"})
#: Cost per person short in a coverage row of the restricted master before the columns can
#: cover it (artificial columns; they only make the master a relaxation).
ARTIFICIAL_COST = 10_000 * PER_UNIT
#: At most this many units of time in the pricing's state (``Batch``): about 370 hours at
#: the usual unit of an hour.
MAX_UNITS = 1000
#: People priced in one batch (its arrays grow with each).
BATCH_PEOPLE = 16
#: Seconds between two looks at the best rota known (``lower_bound``'s ``rotas``): its
#: schedules are good columns, but forming them costs about one pricing.
ROTA_SECONDS = 1.0
#: ... and at most this share of the bound's time goes into forming them (on large teams one
#: forming costs a large part of a second).
ROTA_SHARE = 0.1
INF = math.inf


@dataclass(frozen=True)
class CoverageRow:
    """One linking row of the model: Σ coeff·x(candidate) + Σ coeff·other ≥ lower."""

    candidates: tuple[tuple[int, int], ...]  # (candidate index, coefficient)
    others: tuple[tuple[int, int, int, int, int], ...]  # (var, coeff, objective coeff, lo, hi)
    lower: int


@dataclass(frozen=True)
class Bound:
    """The best bound proven (objective points) and how it was reached."""

    value: float
    converged: bool
    iterations: int
    columns: int
    seconds: float


def coverage_rows(m: RotaModel, proto: cp_model_pb2.CpModelProto) -> list[CoverageRow] | None:
    """The model's coverage rows (minima, language minima, desired head-count: the rows with a
    coverage slack or a head-count shortfall), also those only one person can fill; None when
    another row ties several people together, or a coverage row is not "at least"."""
    var_of = {m.x[c.index].Index(): c for c in m.candidates}
    objective = dict(zip(proto.objective.vars, proto.objective.coeffs))
    desired = m.terms.get("desired coverage")
    shortfalls = {s.var.Index() for s in m.slacks} | {v.Index() for v in (desired.vars if desired else [])}
    rows = []
    for ct in proto.constraints:
        if not ct.has_linear():
            continue
        lin = ct.linear
        people = {var_of[v].person for v in lin.vars if v in var_of}
        coverage = any(v in shortfalls for v in lin.vars)
        if not coverage and len(people) < 2:
            continue
        domain = list(lin.domain)
        if not coverage or list(ct.enforcement_literal) or len(domain) != 2 or domain[1] < 2**62:
            return None
        others = []
        for v, a in zip(lin.vars, lin.coeffs):
            if v in var_of:
                continue
            bounds = list(proto.variables[v].domain)
            others.append((v, a, objective.get(v, 0), bounds[0], bounds[-1]))
        rows.append(CoverageRow(tuple((var_of[v].index, a) for v, a in zip(lin.vars, lin.coeffs) if v in var_of),
                                tuple(others), domain[0]))
    return rows


class PersonMonth:
    """One person's month as the pricing sees it: the options of each day (off or one of the
    candidates the model leaves open), their fixed costs, the costs between days, and the cost
    of the month's hours."""

    def __init__(self, m: RotaModel, person: str, proto: cp_model_pb2.CpModelProto):
        w = m.team.settings.weights
        self.person = person
        days = m.horizon.days
        self.days = days
        self.options: list[list[Candidate | None]] = []
        for d in days:
            open_ = []
            forced = None
            for c in m.by_person_day.get((person, d), []):
                dom = list(proto.variables[m.x[c.index].Index()].domain)
                if dom[-1] == 0:
                    continue
                open_.append(c)
                if dom[0] == 1:
                    forced = c
            self.options.append([forced] if forced is not None else [None, *open_])
        self.base = [np.zeros(len(o)) for o in self.options]
        self._wishes(m, w.wish * PER_UNIT)
        self._stand_ins()
        self._changes(m)
        self.works = [np.array([c is not None for c in o]) for o in self.options]
        self.minutes = [np.array([0 if c is None else c.counted for c in o]) for o in self.options]
        self.fixed_minutes = m.fixed_minutes(person)
        self.target = m.target_minutes(m.people[person])
        self.hours_pieces = goals.hours_pieces(m)
        self.isolated = w.isolated_day * PER_UNIT
        self.split = w.split_weekend * PER_UNIT
        # the day before the month, from the history (as the objective reads it)
        self.worked_before = int(m.history_worked(person, days[0] - timedelta(days=1)))
        self.between = [self._between(m, i, w.backward_rotation * PER_UNIT) for i in range(1, len(days))]
        self.extras = [np.zeros(0)] + [self._extra(i) for i in range(1, len(days))]

    def _wishes(self, m: RotaModel, unit: int) -> None:
        first, last = self.days[0], self.days[-1]
        for wish in m.team.wishes:
            if wish.person != self.person or not first <= wish.day <= last:
                continue
            i = (wish.day - first).days
            cost = unit * wish.weight
            for j, c in enumerate(self.options[i]):
                if wish.kind == WishKind.DAY_OFF:
                    hit = c is not None
                elif wish.kind == WishKind.SHIFT_WANTED:
                    hit = c is None or not (wish.shift is None or c.shift == wish.shift)
                else:
                    hit = c is not None and c.shift == wish.shift
                if hit:
                    self.base[i][j] += cost

    def _stand_ins(self) -> None:
        for i, opts in enumerate(self.options):
            for j, c in enumerate(opts):
                if c is not None and c.substitute_for is not None and c.substitute_cost:
                    self.base[i][j] += c.substitute_cost * c.counted

    def _changes(self, m: RotaModel) -> None:
        if not m.options.keep:
            return
        weight = goals.replan_change_weight(m)
        kept = {(a.person, a.day, a.code) for a in m.options.keep if a.kind == "shift"}
        for i, d in enumerate(self.days):
            here = [c for c in m.by_person_day.get((self.person, d), []) if (c.person, c.day, c.shift) in kept]
            for j, c in enumerate(self.options[i]):
                if c is not None and c not in here:
                    self.base[i][j] += weight
                self.base[i][j] += weight * sum(1 for k in here if k is not c)

    def _between(self, m: RotaModel, i: int, backward: int) -> np.ndarray:
        """Cost of option a on day i − 1 followed by option b on day i: infinite where the
        model forbids the pair (overlap, daily rest), the backward-rotation weight where it
        applies."""
        conflicts = m.conflicts.get(self.person, set())
        prev, cur = self.options[i - 1], self.options[i]
        out = np.zeros((len(prev), len(cur)))
        for a_, a in enumerate(prev):
            for b_, b in enumerate(cur):
                if a is None or b is None:
                    continue
                if (min(a.index, b.index), max(a.index, b.index)) in conflicts:
                    out[a_, b_] = INF
                elif goals.is_backward(m, a, b):
                    out[a_, b_] = backward
        return out

    def _extra(self, i: int) -> np.ndarray:
        """extra[a, w2, b]: option a on day i − 1 (day i − 2 worked: w2) then b on day i: the
        pair's cost, an isolated day i − 1, a split weekend."""
        prev_work = self.works[i - 1]
        extra = np.repeat(self.between[i - 1][:, None, :], 2, axis=1)
        lonely = prev_work[:, None, None] & (np.arange(2) == 0)[None, :, None] & ~self.works[i][None, None, :]
        extra = extra + np.where(lonely, self.isolated, 0.0)
        if self.days[i].weekday() == 6:
            extra = extra + np.where(prev_work[:, None, None] != self.works[i][None, None, :], self.split, 0.0)
        return extra

    def hours_cost(self, minutes: int) -> int:
        """The objective's ``hours vs norm`` for the person's month with ``minutes`` of duties
        (the events come on top)."""
        return self.hours_pieces.cost(self.target, self.fixed_minutes + minutes)

    def by_day(self, schedule: Sequence[Candidate]) -> dict[int, Candidate]:
        """The schedule's duties by day of the month (0 = the first day)."""
        return {(c.day - self.days[0]).days: c for c in schedule}

    def own_cost(self, priced: Priced, prices: list[np.ndarray], schedule: Sequence[Candidate]) -> float:
        """A priced schedule's own cost: the pricing's value less the prices it paid, with the
        hours charged exactly (the pricing may have read them in coarser units)."""
        by_day = self.by_day(schedule)
        paid = sum(float(prices[i][opts.index(by_day.get(i))]) for i, opts in enumerate(self.options))
        return priced.cost - priced.hours - paid + self.hours_cost(sum(c.counted for c in schedule))


class Batch:
    """People priced together: each day's options are padded to the widest day with impossible
    ones, so one array operation prices every person's day. The state after day i is
    V[p, a, w2, h]: person p took option a on day i, had worked day i − 1 (w2), and has
    worked h units of time so far (the hours are in the state so that each schedule pays its
    own hours cost, not the cost of an average of schedules). The unit is the largest that
    divides every duty's minutes; where that would make more than ``MAX_UNITS`` units, a
    coarser one, each day's remainder then taken in the person's favour (a relaxation)."""

    def __init__(self, months: Sequence[PersonMonth]):
        self.months = list(months)
        days = len(self.months[0].days)
        n, width = len(self.months), max(len(o) for mo in self.months for o in mo.options)
        self.days, self.width = days, width
        self.works = np.zeros((days, n, width), bool)
        self.base = np.full((days, n, width), INF)
        self.extras = np.full((days, n, width, 2, width), INF)
        minutes = np.zeros((days, n, width), int)
        for p, mo in enumerate(self.months):
            for i, opts in enumerate(mo.options):
                k = len(opts)
                self.works[i, p, :k] = mo.works[i]
                self.base[i, p, :k] = mo.base[i]
                minutes[i, p, :k] = mo.minutes[i]
                if i:
                    self.extras[i, p, :len(mo.options[i - 1]), :, :k] = mo.extras[i]
        unit = math.gcd(*(int(v) for v in np.unique(minutes))) or 1
        most = int(minutes.max(axis=(1, 2)).sum())
        if most // unit >= MAX_UNITS:
            unit = math.ceil((most + 1) / MAX_UNITS)
        self.unit = unit
        self.units = minutes // unit
        # units reachable by the end of each day (the state needs no more)
        self.reach = np.cumsum(self.units.max(axis=(1, 2))) + 1
        # where each option of day i comes from in the state of day i − 1 (the same on every
        # pricing): the units before it, and whether they were reachable
        self.moves = [(np.zeros(0, int), np.zeros(0, bool))]
        for i in range(1, days):
            before = np.arange(self.reach[i])[None, None, :] - self.units[i][:, :, None]  # p, b, h
            inside = (before >= 0) & (before < self.reach[i - 1])
            self.moves.append((np.clip(before, 0, self.reach[i - 1] - 1), inside))
        remainder = (minutes - self.units * unit).max(axis=2).sum(axis=0)  # per person
        size = int(self.reach[-1])
        self.final = np.array([[_least_cost(mo, h * unit, h * unit + int(remainder[p])) for h in range(size)]
                               for p, mo in enumerate(self.months)])
        self.worked_before = np.array([mo.worked_before for mo in self.months])

    def price(self, prices: Sequence[Sequence[np.ndarray]]) -> list[Priced]:
        """Each person's cheapest schedule when option j of day i costs ``prices[p][i][j]`` on
        top of its fixed, pattern and hours costs."""
        cost = self.base.copy()
        for p, mine in enumerate(prices):
            for i, day in enumerate(mine):
                cost[i, p, :len(day)] += day
        n, width = len(self.months), self.width
        V = np.full((n, width, 2, int(self.reach[0])), INF)
        p_, b_ = np.indices((n, width))
        V[p_, b_, self.worked_before[:, None], self.units[0]] = cost[0]
        values = [V]
        for i in range(1, self.days):
            values.append(self._step(values[-1], i, cost[i]))
        return [Priced(self, p, cost, values) for p in range(n)]

    def _step(self, V: np.ndarray, i: int, cost: np.ndarray) -> np.ndarray:
        """Values after day i from those after day i − 1 (see the class)."""
        size = int(self.reach[i])
        # p, a, b, h: the best way to option b from option a (whatever came before a)
        total = (V[:, :, :, None, :] + self.extras[i][..., None]).min(axis=2)
        out = np.full((V.shape[0], self.width, 2, size), INF)
        source, inside = self.moves[i]
        for wa in (0, 1):
            group = (self.works[i - 1] == bool(wa))[:, :, None, None]
            best = np.min(total, axis=1, initial=INF, where=group)  # p, b, h before the day
            out[:, :, wa] = np.where(inside, np.take_along_axis(best, source, axis=2), INF) + cost[..., None]
        return out

    def predecessor(self, p: int, i: int, V: np.ndarray, state: tuple[int, int, int], target: float) -> tuple[int, int, int]:
        """The state of day i − 1 (of person p; ``V`` their values after it) that the cheapest
        path to ``state`` of day i came from (``target``: its value less day i's cost)."""
        b, wa, h = state
        before = h - int(self.units[i, p, b])
        total = V[:, :, before] + self.extras[i, p][:, :, b]  # a, w2
        total = np.where((self.works[i - 1, p] == bool(wa))[:, None], total, INF)
        a, w2 = np.unravel_index(int(np.argmin(total)), total.shape)
        assert total[a, w2] <= target + 1e-7 * max(1.0, abs(target)), "no predecessor"
        return int(a), int(w2), before


def _least_cost(month: PersonMonth, low: int, high: int) -> float:
    """The least hours cost of the person's month with between ``low`` and ``high`` minutes of
    duties: the cost is convex with its least at the goal (the events count towards it)."""
    return float(month.hours_cost(min(max(low, month.target - month.fixed_minutes), high)))


class Priced:
    """One person's pricing: its cost (``hours``: the part that is the month's hours), and the
    schedule on demand (reading it back costs about as much as the pricing, and most pricings
    near the end add no column)."""

    def __init__(self, batch: Batch, p: int, cost: np.ndarray, values: list[np.ndarray]):
        self.batch, self.p, self.costs, self.values = batch, p, cost, values
        last = values[-1][p] + batch.final[p][None, None, :]
        self.state = tuple(int(v) for v in np.unravel_index(int(np.argmin(last)), last.shape))
        self.cost = float(last[self.state])
        self.hours = float(batch.final[p][self.state[2]])

    def schedule(self) -> list[Candidate]:
        batch, p, state = self.batch, self.p, self.state
        options = batch.months[p].options
        chosen = [options[-1][state[0]]]
        for i in range(len(options) - 1, 0, -1):
            here = float(self.values[i][p][state]) - self.costs[i, p, state[0]]
            state = batch.predecessor(p, i, self.values[i - 1][p], state, here)
            chosen.append(options[i - 1][state[0]])
        return [c for c in chosen if c is not None]


class LinearProgram:
    """A growing LP for HiGHS: rows and columns are added by index; each ``solve`` starts from
    the last basis (only columns are added between solves), a few pivots instead of a solve
    from scratch."""

    def __init__(self) -> None:
        # the bare core object: the Python wrapper prints a licence banner on construction
        core = getattr(getattr(highspy, "_core", None), "_Highs", None)
        self.h = core() if core is not None else highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        # presolve would throw the basis away on every solve
        self.h.setOptionValue("presolve", "off")
        self.h.setOptionValue("solver", "simplex")
        self.h.setOptionValue("simplex_strategy", 4)  # primal: the last basis stays feasible
        self.rows = 0
        self.cols = 0

    def row(self, lower: float = -INF, upper: float = INF, entries: Sequence[tuple[int, float]] = ()) -> int:
        idx = np.array([c for c, _ in entries], dtype=np.int32)
        val = np.array([a for _, a in entries], dtype=float)
        self.h.addRow(_finite(lower), _finite(upper), len(entries), idx, val)
        self.rows += 1
        return self.rows - 1

    def column(self, cost: float, lower: float = 0.0, upper: float = INF,
               entries: Sequence[tuple[int, float]] = ()) -> int:
        idx = np.array([r for r, _ in entries], dtype=np.int32)
        val = np.array([a for _, a in entries], dtype=float)
        self.h.addCol(float(cost), _finite(lower), _finite(upper), len(entries), idx, val)
        self.cols += 1
        return self.cols - 1

    def solve(self, seconds: float = INF) -> tuple[float, np.ndarray] | None:
        """(objective, row duals), or None when HiGHS does not end optimal (within
        ``seconds``)."""
        self.h.setOptionValue("time_limit", max(0.01, seconds) if seconds < INF else highspy.kHighsInf)
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return self.h.getInfo().objective_function_value, np.array(self.h.getSolution().row_dual)


def _finite(value: float) -> float:
    return highspy.kHighsInf if value == INF else -highspy.kHighsInf if value == -INF else float(value)


class Master:
    """The restricted master LP: columns (whole schedules, each at its own cost, hours
    included) per person, coverage rows, and each person's fair-share costs on the
    combination's counts."""

    def __init__(self, m: RotaModel, rows: Sequence[CoverageRow], months: dict[str, PersonMonth]):
        self.months = months
        lp = LinearProgram()
        self.lp = lp
        self.cover = [lp.row(float(r.lower)) for r in rows]
        self.rows_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for k, r in enumerate(rows):
            for ci, a in r.candidates:
                self.rows_of[ci].append((k, a))
            for _v, a, cost, lo, hi in r.others:
                lp.column(cost, lo, hi, [(self.cover[k], a)])
            lp.column(ARTIFICIAL_COST, entries=[(self.cover[k], 1)])  # artificial
        self.convex = {p: lp.row(1, 1) for p in months}
        self.counts: dict[tuple[str, str], tuple[int, Callable[[Candidate], bool]]] = {}
        for name, weight, pick, history_pick in goals.fair_share_rules(m):
            if not weight:
                continue
            for p, share in goals.fair_shares(m, pick, history_pick).items():
                row = lp.row(0, 0)
                count = lp.column(0, entries=[(row, 1)])
                above = lp.row(-share)
                lp.column(weight * PER_UNIT, entries=[(above, 1)])  # the excess
                self.lp.h.changeCoeff(above, count, -1.0)
                self.counts[(name, p)] = (row, pick)
        self.duals = np.zeros(lp.rows)
        self._price_rows: dict[str, tuple[np.ndarray, np.ndarray, list[int]]] = {}
        self.seen: set[tuple[str, tuple[int, ...]]] = set()
        self.columns = 0

    def add(self, person: str, schedule: Sequence[Candidate], cost: float) -> bool:
        key = (person, tuple(sorted(c.index for c in schedule)))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.columns += 1
        entries: dict[int, float] = defaultdict(float)
        entries[self.convex[person]] = 1
        for (_name, p), (row, pick) in self.counts.items():
            if p == person:
                entries[row] = -sum(1 for c in schedule if pick(c))
        for c in schedule:
            for k, a in self.rows_of[c.index]:
                entries[self.cover[k]] += a
        self.lp.column(cost, entries=[(r, a) for r, a in entries.items() if a])
        return True

    def solve(self, seconds: float = INF) -> float | None:
        solved = self.lp.solve(seconds)
        if solved is None:
            return None
        value, self.duals = solved
        return value

    def option_prices(self, person: str) -> list[np.ndarray]:
        """Each option's price for the pricing: minus the coverage duals it earns, plus the
        duals of the person's counts it adds to."""
        if person not in self._price_rows:
            self._price_rows[person] = self._rows_of_options(person)
        rows, coeffs, splits = self._price_rows[person]
        flat = self.duals[rows] @ coeffs  # the option's column in the master, times the duals
        return np.split(-flat, splits)

    def _rows_of_options(self, person: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """For each option of the person (days flattened): its coefficient in every master row
        it touches — coverage rows and the person's count rows (−1)."""
        month = self.months[person]
        touched: dict[int, int] = {}
        entries = []
        flat = 0
        for opts in month.options:
            for c in opts:
                if c is not None:
                    column: dict[int, float] = defaultdict(float)
                    for k, a in self.rows_of[c.index]:
                        column[self.cover[k]] += a
                    for (_n, p), (row, pick) in self.counts.items():
                        if p == person and pick(c):
                            column[row] -= 1
                    for r, a in column.items():
                        entries.append((touched.setdefault(r, len(touched)), flat, a))
                flat += 1
        coeffs = np.zeros((len(touched), flat))
        for r, j, a in entries:
            coeffs[r, j] = a
        sizes = np.cumsum([len(o) for o in month.options])[:-1]
        return np.array(list(touched), dtype=int), coeffs, list(sizes)

    def reduced_cost(self, person: str, priced: float) -> float:
        """The column's reduced cost from the pricing's value (which holds the option prices)."""
        return priced - self.duals[self.convex[person]]


def lower_bound(m: RotaModel, proto: cp_model_pb2.CpModelProto, *, deadline: float,
                stop: Callable[[], bool] = lambda: False,
                on_bound: Callable[[float], None] = lambda value: None,
                rotas: Callable[[], Sequence[int] | None] = lambda: None) -> Bound | None:
    """Column generation until no column prices out, ``deadline`` (a ``time.monotonic()``
    stamp) passes or ``stop()`` turns true; ``on_bound`` hears every better bound (objective
    points, before rounding). ``rotas``: the best rota known (a complete assignment in proto
    order, or None), asked at the start and at most every ``ROTA_SECONDS`` after (while
    forming them has taken at most ``ROTA_SHARE`` of the time): each new rota's schedules join
    the master (good columns: they saved many master solves before each schedule paid its own
    hours, and are about neutral since). None when the model is outside what the pricing
    reads as a relaxation."""
    began = clock.monotonic()
    if set(m.terms) - KNOWN_TERMS or any(p.settings.split_duties_allowed for p in m.people.values()):
        return None
    rows = coverage_rows(m, proto)
    if rows is None:
        return None
    months = {p: PersonMonth(m, p, proto) for p in m.people}
    batches = _batches(months)
    if clock.monotonic() >= deadline or stop():
        return None
    master = Master(m, rows, months)
    for batch in batches:
        # first columns: each person's cheapest own schedule (the rotas come in the loop)
        free = [[np.zeros(len(o)) for o in mo.options] for mo in batch.months]
        for mo, mine, cheapest in zip(batch.months, free, batch.price(free)):
            schedule = cheapest.schedule()
            master.add(mo.person, schedule, mo.own_cost(cheapest, mine, schedule))
    best, iterations, converged = -INF, 0, False
    seen: Sequence[int] | None = None
    asked, forming = -INF, 0.0
    while clock.monotonic() < deadline and not stop():
        now = clock.monotonic()
        if now - asked >= ROTA_SECONDS and forming <= ROTA_SHARE * (now - began):
            asked = now
            rota = rotas()
            if rota is not None and rota is not seen:
                seen = rota
                if not _add_rota(m, master, batches, rota):
                    return None  # the pricing would cut off a legal rota: it is no relaxation here
                forming += clock.monotonic() - now
        value = master.solve(deadline - clock.monotonic())
        if value is None:
            return None
        iterations += 1
        bound = value
        found = []
        for batch in batches:
            people = [mo.person for mo in batch.months]
            prices = [master.option_prices(p) for p in people]
            for p, mine, priced in zip(people, prices, batch.price(prices)):
                reduced = master.reduced_cost(p, priced.cost)
                if reduced < 0:
                    bound += reduced
                if reduced < -1e-6:
                    schedule = priced.schedule()
                    found.append((p, schedule, months[p].own_cost(priced, mine, schedule)))
        if bound > best:
            best = bound
            on_bound(best)
        if not found or not any([master.add(p, s, c) for p, s, c in found]):
            converged = True
            break
    if best == -INF:
        return None
    return Bound(best, converged, iterations, master.columns, clock.monotonic() - began)


def _add_rota(m: RotaModel, master: Master, batches: Sequence[Batch], rota: Sequence[int]) -> bool:
    """Adds each person's schedule in ``rota`` (proto order) to the master, at the cost the
    pricing forms it at; False if the pricing cannot form one of them."""
    for batch in batches:
        chosen = [[c for c in m.by_person.get(mo.person, []) if rota[m.x[c.index].Index()]]
                  for mo in batch.months]
        for mo, schedule, cost in zip(batch.months, chosen, _formed_costs(batch, chosen)):
            if cost is None:
                return False
            master.add(mo.person, schedule, cost)
    return True


def _batches(months: dict[str, PersonMonth]) -> list[Batch]:
    """The people in batches of at most ``BATCH_PEOPLE`` (the pricing's arrays grow with each)."""
    people = list(months.values())
    return [Batch(people[k:k + BATCH_PEOPLE]) for k in range(0, len(people), BATCH_PEOPLE)]


def proven_points(value: float) -> int:
    """The bound in whole objective points: rounded up (the objective is an integer), after a
    margin for the LP's floating-point tolerances."""
    return math.ceil(value - 0.01 - 1e-4 * abs(value))


def _formed_costs(batch: Batch, schedules: Sequence[Sequence[Candidate]]) -> list[float | None]:
    """Each schedule's own cost (wishes, stand-ins, changes, patterns, hours), without the
    shares, as the pricing forms it for its person of ``batch``; None if it cannot."""
    masks, whole = [], []
    for month, schedule in zip(batch.months, schedules):
        by_day = month.by_day(schedule)
        whole.append(len(by_day) == len(schedule))  # one option a day: two starts are no schedule
        masks.append([np.array([0.0 if c is by_day.get(i) else INF for c in opts])
                      for i, opts in enumerate(month.options)])
    return [None if priced.cost == INF or not ok else month.own_cost(priced, mask, schedule)
            for month, mask, schedule, priced, ok in zip(batch.months, masks, schedules, batch.price(masks), whole)]


def _column_cost(month: PersonMonth, schedule: Sequence[Candidate]) -> float | None:
    """One person's :func:`_formed_costs`."""
    return _formed_costs(Batch([month]), [schedule])[0]
