"""A proven lower bound on the month's objective: column generation by person
(Dantzig–Wolfe), each person's month priced by a dynamic programme over the days.

CP-SAT's own bound stays at zero on real months: its LP relaxation spreads people fractionally
and sees none of the pattern terms (split weekends, isolated days, backward rotation), which
only cost in whole rotas. Here the month is split the other way round:

- the **master** (an LP in HiGHS, re-solved from its last basis as columns are added)
  chooses a convex combination of whole monthly schedules per person so that the coverage
  rows of the model (minima, language minima, desired head-count) hold; it also holds each
  person's hours-vs-norm and fair-share costs exactly, as functions of the combination's
  hours and counts;
- the **pricing** finds, for each person, the schedule of least reduced cost by a dynamic
  programme over the days (all people of a batch at once, ``Batch``) whose state is the
  day's shift, whether the day before was worked, whether the week has had its rest, and the
  current runs of nights and of work days. Inside a schedule it counts the pattern terms
  exactly (isolated days, split weekends, backward rotation, runs beyond the limits, wishes,
  stand-in cost, re-planning changes) and keeps the pairwise rules of the model (overlap, one
  start a day, daily rest, absences and events through the candidates) and what every legal
  week shows of the weekly rest (a day without a start, or the whole rest between two days'
  duties).

What it does not model (the exact weekly rest, the 48 h average, night-worker limits, duty
chains of three shifts) only makes the pricing's set of schedules larger, so each value
``LP + Σ min reduced cost`` is a valid lower bound at every iteration (Lagrangian bound), and
the LP value itself once no column prices out. The bound is therefore never above the true
optimum, though it can be below it.

The master starts with each person's cheapest own schedule and takes in the schedules of the
best rota the search has found as it improves (``lower_bound``'s ``rotas``).

Measured on the example month (bench/RESULTS.md): bound 18 points after ~120 iterations,
against rotas of 24–60 points, where CP-SAT proves 0.

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
    candidates the model leaves open), their fixed costs and the costs between days."""

    def __init__(self, m: RotaModel, person: str, proto: cp_model_pb2.CpModelProto):
        p = m.people[person]
        st = p.settings
        w = m.team.settings.weights
        self.person = person
        days = m.horizon.days
        self.days = days
        first = days[0]
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
        self.nights = [np.array([c is not None and c.is_night for c in o]) for o in self.options]
        self.fixed_minutes = sum(f.counted for f in m.fixed_by_person.get(person, []) if f.in_month)
        self.isolated = w.isolated_day * PER_UNIT
        self.split = w.split_weekend * PER_UNIT
        self.night_run_cost = w.consecutive_nights * PER_UNIT
        self.day_run_cost = w.consecutive_days * PER_UNIT
        self.k_nights = st.max_consecutive_nights
        self.k_days = st.max_consecutive_work_days
        # the days before the month, from the history (as the objective reads them)
        self.worked_before = int(m.history_worked(person, first - timedelta(days=1)))
        self.night_run0 = 0
        for j in range(1, self.k_nights + 1):
            if not goals.history_night(m, person, first - timedelta(days=j)):
                break
            self.night_run0 = j
        self.day_run0 = 0
        for j in range(1, self.k_days + 1):
            if not m.history_worked(person, first - timedelta(days=j)):
                break
            self.day_run0 = j
        self.between = [self._between(m, i, w.backward_rotation * PER_UNIT) for i in range(1, len(days))]
        self._weekly_rest(m, round(st.weekly_rest_hours * 60), st.weekly_rest_window == "rolling")
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
        model forbids the pair, the backward-rotation weight where it applies."""
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

    def _weekly_rest(self, m: RotaModel, need: int, rolling: bool) -> None:
        """What the pricing keeps of the weekly rest (TLS § 52 (2)): a calendar week wholly in
        the month holds a day without a duty start or two duties on consecutive days of the
        week with the whole rest between them; every legal week does (a rest of 36 h inside a
        week whose every day has a start lies between two of them). Weeks cut by the month's
        ends, weeks with the person's events or history (which the model may waive when they
        leave no room for the rest) and the rolling window are left to the model."""
        days = self.days
        fixed = m.fixed_by_person.get(self.person, [])

        def free_of_fixed_work(monday: int) -> bool:
            # a week with events may be one the model waives (no room for the rest: a warning)
            w0, w1 = m.horizon.midnight(days[monday]), m.horizon.midnight(days[monday]) + 7 * 24 * 60
            return not any(f.start < w1 and f.end > w0 for f in fixed)

        self.week_checked = [False] * len(days)  # day i starts a week whose previous week is checked
        self.first_week_checked = (not rolling and days[0].weekday() == 0 and len(days) >= 7
                                   and free_of_fixed_work(0))
        if not rolling:
            for i, d in enumerate(days):
                if d.weekday() == 0 and i >= 7:
                    self.week_checked[i] = days[i - 7].weekday() == 0 and free_of_fixed_work(i - 7)
        self.rest_between = []
        for i in range(1, len(days)):
            prev, cur = self.options[i - 1], self.options[i]
            ok = np.zeros((len(prev), len(cur)), bool)
            for a_, a in enumerate(prev):
                for b_, b in enumerate(cur):
                    ok[a_, b_] = a is None or b is None or b.start - a.end >= need
            self.rest_between.append(ok)

    # --- pricing ----------------------------------------------------------------------------
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

    def by_day(self, schedule: Sequence[Candidate]) -> dict[int, Candidate]:
        """The schedule's duties by day of the month (0 = the first day)."""
        return {(c.day - self.days[0]).days: c for c in schedule}

    def own_cost(self, priced: float, prices: list[np.ndarray], schedule: Sequence[Candidate]) -> float:
        """A priced schedule's own cost: the pricing's value less the prices it paid."""
        by_day = self.by_day(schedule)
        return priced - sum(float(prices[i][opts.index(by_day.get(i))]) for i, opts in enumerate(self.options))



class Batch:
    """People with the same run limits priced together: each day's options are padded to the
    widest day with impossible ones, so one array operation prices every person's day. The
    state after day i is V[p, a, w2, s, cn, cd]: person p took option a on day i, had worked
    day i − 1 (w2), has had the week's rest (s), with runs of cn nights and cd work days."""

    def __init__(self, months: Sequence[PersonMonth]):
        self.months = list(months)
        first = self.months[0]
        self.k_nights, self.k_days = first.k_nights, first.k_days
        self.night_cost, self.day_cost = first.night_run_cost, first.day_run_cost
        days = len(first.days)
        n, width = len(self.months), max(len(o) for mo in self.months for o in mo.options)
        self.width = width
        self.works = np.zeros((days, n, width), bool)
        self.nights = np.zeros((days, n, width), bool)
        self.base = np.full((days, n, width), INF)
        self.extras = np.full((days, n, width, 2, width), INF)
        self.rested = np.zeros((days, n, width, width), bool)
        self.week_checked = np.zeros((days, n), bool)
        for p, mo in enumerate(self.months):
            for i, opts in enumerate(mo.options):
                k = len(opts)
                self.works[i, p, :k] = mo.works[i]
                self.nights[i, p, :k] = mo.nights[i]
                self.base[i, p, :k] = mo.base[i]
                self.week_checked[i, p] = mo.week_checked[i]
                if i:
                    j = len(mo.options[i - 1])
                    self.extras[i, p, :j, :, :k] = mo.extras[i]
                    self.rested[i, p, :j, :k] = mo.rest_between[i - 1]
        self.worked_before = np.array([mo.worked_before for mo in self.months])
        self.runs0 = [(mo.night_run0, mo.day_run0) for mo in self.months]
        self.first_week_checked = np.array([mo.first_week_checked for mo in self.months])
        self.days = days
        self.monday = [d.weekday() == 0 for d in first.days]

    def price(self, prices: Sequence[Sequence[np.ndarray]]) -> list[Priced]:
        """Each person's cheapest schedule when option j of day i costs ``prices[p][i][j]`` on
        top of its fixed and pattern costs."""
        cost = self.base.copy()
        for p, mine in enumerate(prices):
            for i, day in enumerate(mine):
                cost[i, p, :len(day)] += day
        n, width = len(self.months), self.width
        shape = (self.k_nights + 1, self.k_days + 1)
        before = np.full((n, width, *shape), INF)
        for p, (cn, cd) in enumerate(self.runs0):
            before[p, :, cn, cd] = 0.0
        cells = _advance(before, self.nights[0], self.works[0], self.k_nights, self.k_days,
                         self.night_cost, self.day_cost)
        rested = np.where(self.first_week_checked[:, None] & self.works[0], 0, 1)
        V = np.full((n, width, 2, 2, *shape), INF)
        V[np.arange(n)[:, None], np.arange(width)[None, :], self.worked_before[:, None], rested] = \
            cells + cost[0][..., None, None]
        values = [V]
        for i in range(1, self.days):
            values.append(self._step(values[-1], i, cost[i]))
        return [Priced(self, p, cost, values) for p in range(n)]

    def _step(self, V: np.ndarray, i: int, cost: np.ndarray) -> np.ndarray:
        """Values after day i from those after day i − 1 (see the class)."""
        off = ~self.works[i]  # p, b
        extra = self.extras[i][:, :, :, :, None, None]  # p, a, w2, b, cn, cd
        n, width = off.shape
        by_rest = np.full((n, V.shape[1], 2, width, 2, *V.shape[4:]), INF)  # p, a, w2, b, s', cn, cd
        off_b = off[:, None, None, :, None, None]
        if self.monday[i]:  # a new week: the last one must have had its rest
            checked = self.week_checked[i][:, None, None, None, None]
            before = np.where(checked, V[:, :, :, 1], V.min(axis=3))
            total = before[:, :, :, None] + extra
            by_rest[:, :, :, :, 1] = np.where(off_b, total, INF)
            by_rest[:, :, :, :, 0] = np.where(off_b, INF, total)
        else:
            rested = self.rested[i][:, :, None, :, None, None]
            with_rest = V[:, :, :, None, 1] + extra
            without = V[:, :, :, None, 0] + extra
            by_rest[:, :, :, :, 1] = np.minimum(with_rest, np.where(rested, without, INF))
            by_rest[:, :, :, :, 0] = np.where(rested, INF, without)
        prev_work = self.works[i - 1][:, :, None, None, None, None, None]
        out = np.full((n, width, 2, 2, *V.shape[4:]), INF)
        for wa in (0, 1):
            best = np.where(prev_work == bool(wa), by_rest, INF).min(axis=(1, 2))  # p, b, s, cn, cd
            out[:, :, wa] = _advance(best, self.nights[i], self.works[i], self.k_nights, self.k_days,
                                     self.night_cost, self.day_cost) + cost[..., None, None, None]
        return out

    def predecessor(self, p: int, i: int, V: np.ndarray, state: tuple, cost: np.ndarray, target: float) -> tuple:
        """The state of day i − 1 (of person p; ``V`` their values after it) that the cheapest
        path to ``state`` of day i came from."""
        b, wa, ns, ncn, ncd = (int(v) for v in state)
        work, night = bool(self.works[i, p, b]), bool(self.nights[i, p, b])
        runs_n = np.full(V.shape[3], INF)
        for cn, c in _run_sources(ncn, night, work, self.k_nights, V.shape[3], self.night_cost):
            runs_n[cn] = c
        runs_d = np.full(V.shape[4], INF)
        for cd, c in _run_sources(ncd, work, work, self.k_days, V.shape[4], self.day_cost):
            runs_d[cd] = c
        rest = np.full((V.shape[0], 2), INF)  # a, s
        if self.monday[i]:
            if ns == (0 if work else 1):
                rest[:, 1] = 0.0
                if not self.week_checked[i, p]:
                    rest[:, 0] = 0.0
        else:
            rested = self.rested[i, p][:, b] | (not work)
            if ns == 1:
                rest[:, 1] = 0.0
                rest[:, 0] = np.where(rested, 0.0, INF)
            else:
                rest[:, 0] = np.where(rested, INF, 0.0)
        group = np.where(self.works[i - 1, p] == bool(wa), 0.0, INF)
        total = (V + self.extras[i, p][:, :, b][:, :, None, None, None] + group[:, None, None, None, None]
                 + rest[:, None, :, None, None] + runs_n[None, None, None, :, None]
                 + runs_d[None, None, None, None, :] + cost[b])
        found = np.unravel_index(int(np.argmin(total)), total.shape)
        assert total[found] <= target + 1e-7 * max(1.0, abs(target)), "no predecessor"
        return tuple(int(v) for v in found)


class Priced:
    """One person's pricing: its cost, and the schedule on demand (reading it back costs about
    as much as the pricing, and most pricings near the end add no column)."""

    def __init__(self, batch: Batch, p: int, cost: np.ndarray, values: list[np.ndarray]):
        self.batch, self.p, self.costs, self.values = batch, p, cost, values
        last = values[-1][p]
        self.state = np.unravel_index(int(np.argmin(last)), last.shape)
        self.cost = float(last[self.state])

    def schedule(self) -> list[Candidate]:
        batch, p, state = self.batch, self.p, self.state
        options = batch.months[p].options
        chosen = [options[-1][state[0]]]
        for i in range(len(options) - 1, 0, -1):
            state = batch.predecessor(p, i, self.values[i - 1][p], state, self.costs[i, p],
                                      float(self.values[i][p][state]))
            chosen.append(options[i - 1][state[0]])
        return [c for c in chosen if c is not None]


def _run_sources(new: int, marked: bool, work: bool, k: int, size: int, cost: float) -> list[tuple[int, float]]:
    """The runs before a day that lead to run ``new`` after it, with the cost paid: a marked
    day (a night, a work day) lengthens the run, paying beyond ``k``; any other day ends it."""
    if not marked:
        return [(r, 0.0) for r in range(size)] if new == 0 else []
    if new == 0:
        return []
    if new < k:
        return [(new - 1, 0.0)]
    return [(k - 1, 0.0), (k, cost)]


def _advance(cells: np.ndarray, night: np.ndarray, work: np.ndarray, k_nights: int, k_days: int,
             night_cost: float, day_cost: float) -> np.ndarray:
    """Runs (nights, work days: the last two axes) after each option of a day: ``cells[p, b]``
    holds the values by the runs before the day, ``night[p, b]`` and ``work[p, b]`` say what
    option b of person p is. Each night or work day beyond the limits pays (``consecutive_nights``,
    ``consecutive_days``); a day off ends both runs."""
    shape = night.shape + (1,) * (cells.ndim - night.ndim)
    night, work = night.reshape(shape), work.reshape(shape)
    by_nights = np.full(cells.shape, INF)
    by_nights[..., 1:k_nights, :] = cells[..., :k_nights - 1, :]
    by_nights[..., k_nights, :] = np.minimum(cells[..., k_nights - 1, :], cells[..., k_nights, :] + night_cost)
    day_only = np.full(cells.shape, INF)
    day_only[..., 0, :] = cells.min(axis=-2)
    by_nights = np.where(night, by_nights, day_only)
    out = np.full(cells.shape, INF)
    out[..., 1:k_days] = by_nights[..., :k_days - 1]
    out[..., k_days] = np.minimum(by_nights[..., k_days - 1], by_nights[..., k_days] + day_cost)
    off = np.full(cells.shape, INF)
    off[..., 0, 0] = cells.min(axis=(-2, -1))
    return np.where(work, out, off)


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
    """The restricted master LP: columns (whole schedules) per person, coverage rows, and each
    person's hours-vs-norm and fair-share costs on the combination's hours and counts."""

    def __init__(self, m: RotaModel, rows: Sequence[CoverageRow], months: dict[str, PersonMonth]):
        self.m, self.months = m, months
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
        self.hours = {p: lp.row(0, 0) for p in months}
        for p in months:
            self._hours_cost(p)
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

    def _hours_cost(self, person: str) -> None:
        """``hours_near_norm`` of the objective on the combination's minutes."""
        lp, m = self.lp, self.m
        w = m.team.settings.weights
        target = m.target_minutes(m.people[person])
        tolerance, far_at = goals.norm_band_minutes(m)
        minutes = lp.column(0, entries=[(self.hours[person], 1)])
        dev = lp.column(w.norm_deviation)
        far = lp.column(5 * w.norm_deviation)
        over = lp.column(max(1, w.norm_deviation // 2))
        lp.row(-target - tolerance, entries=[(dev, 1), (minutes, -1)])
        lp.row(target - tolerance, entries=[(dev, 1), (minutes, 1)])
        lp.row(-max(0, far_at - tolerance), entries=[(far, 1), (dev, -1)])
        lp.row(-target - tolerance, entries=[(over, 1), (minutes, -1)])

    def add(self, person: str, schedule: Sequence[Candidate], cost: float) -> bool:
        key = (person, tuple(sorted(c.index for c in schedule)))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.columns += 1
        entries: dict[int, float] = defaultdict(float)
        entries[self.convex[person]] = 1
        entries[self.hours[person]] = -(self.months[person].fixed_minutes + sum(c.counted for c in schedule))
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
        duals of the person's hours and counts it adds to."""
        if person not in self._price_rows:
            self._price_rows[person] = self._rows_of_options(person)
        rows, coeffs, splits = self._price_rows[person]
        flat = self.duals[rows] @ coeffs  # the option's column in the master, times the duals
        return np.split(-flat, splits)

    def _rows_of_options(self, person: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """For each option of the person (days flattened): its coefficient in every master row
        it touches — coverage rows, the person's hours row (−minutes) and count rows (−1)."""
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
                    column[self.hours[person]] -= c.counted
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
        month = self.months[person]
        return priced + self.duals[self.hours[person]] * month.fixed_minutes - self.duals[self.convex[person]]


def lower_bound(m: RotaModel, proto: cp_model_pb2.CpModelProto, *, deadline: float,
                stop: Callable[[], bool] = lambda: False,
                on_bound: Callable[[float], None] = lambda value: None,
                rotas: Callable[[], Sequence[int] | None] = lambda: None) -> Bound | None:
    """Column generation until no column prices out, ``deadline`` (a ``time.monotonic()``
    stamp) passes or ``stop()`` turns true; ``on_bound`` hears every better bound (objective
    points, before rounding). ``rotas``: the best rota known (a complete assignment in proto
    order, or None), asked at the start and at most every ``ROTA_SECONDS`` after (while
    forming them has taken at most ``ROTA_SHARE`` of the time): each new rota's schedules join
    the master (a good rota's schedules save many master solves). None when the model is
    outside what the pricing reads as a relaxation."""
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
        for mo, cheapest in zip(batch.months, batch.price([[np.zeros(len(o)) for o in mo.options]
                                                           for mo in batch.months])):
            master.add(mo.person, cheapest.schedule(), cheapest.cost)
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
                    found.append((p, schedule, months[p].own_cost(priced.cost, mine, schedule)))
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
    """The people grouped by their run limits and run costs (one batch for most teams)."""
    groups: dict[tuple, list[PersonMonth]] = defaultdict(list)
    for mo in months.values():
        groups[(mo.k_nights, mo.k_days, mo.night_run_cost, mo.day_run_cost)].append(mo)
    return [Batch(g) for g in groups.values()]


def proven_points(value: float) -> int:
    """The bound in whole objective points: rounded up (the objective is an integer), after a
    margin for the LP's floating-point tolerances."""
    return math.ceil(value - 0.01 - 1e-4 * abs(value))


def _formed_costs(batch: Batch, schedules: Sequence[Sequence[Candidate]]) -> list[float | None]:
    """Each schedule's own cost (wishes, stand-ins, changes, patterns), without hours and
    shares, as the pricing forms it for its person of ``batch``; None if it cannot."""
    masks, whole = [], []
    for month, schedule in zip(batch.months, schedules):
        by_day = month.by_day(schedule)
        whole.append(len(by_day) == len(schedule))  # one option a day: two starts are no schedule
        masks.append([np.array([0.0 if c is by_day.get(i) else INF for c in opts])
                      for i, opts in enumerate(month.options)])
    return [None if priced.cost == INF or not ok else priced.cost
            for priced, ok in zip(batch.price(masks), whole)]


def _column_cost(month: PersonMonth, schedule: Sequence[Candidate]) -> float | None:
    """One person's :func:`_formed_costs`."""
    return _formed_costs(Batch([month]), [schedule])[0]
