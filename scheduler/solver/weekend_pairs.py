"""A lower bound from whole weekends: weekend days come in pairs.

The column-generation bound (``scheduler.solver.bound``) is a linear programme: it may give
a person half of one monthly schedule and half of another, so it cannot see that a count is
whole, let alone even. On the example month that is the whole gap (bench/RESULTS.md, "A bound
from whole weekends"): every weekend place must be filled, everybody who keeps their
weekends whole works an even number of weekend days, and the fair shares of weekend days,
rounded down to even, add up to two days fewer than the places. So some rota must put one
person a day above their fair share (4 points), split a weekend (5) or leave a place empty
(40); the LP averages an even count above the share with one below it and proves 0.

The relaxation here keeps only that: per person the weekend days worked ``W = 2·B + S + E``
(``B`` whole weekends, ``S`` split ones, ``E`` weekend days without their pair in the month),
each fair-weekends share, and the weekend places of the shift needs, each filled by at most
one duty. Every legal rota maps onto it at no more than its own cost in the three terms
(fair weekends, split weekends, desired coverage: every place left empty costs at least the
desired-coverage weight, whether it was desired or a minimum), and every other term is
≥ 0, so its least cost — a small integer programme CP-SAT solves at once — bounds the
month's objective from below.

The weekend that straddles the month's start (Sunday the 1st, its Saturday in the history)
counts as a single day here (its split cost is not charged), and window needs are left out:
both only make the bound weaker, never wrong. Not used (None) where a person may start two
duties a day (``split_duties_allowed``): there the weekend days worked are not the duties.
"""

from __future__ import annotations

from datetime import date, timedelta

from ortools.sat.python import cp_model

from scheduler.solver import objective as goals
from scheduler.solver.constraints import recorded
from scheduler.solver.model import COVERAGE_SLACK_WEIGHT, PER_UNIT, RotaModel

#: Seconds for CP-SAT on the count model (it needs a few milliseconds on the example).
SECONDS = 5.0


#: The soft goals this relaxation counts in full (the third, desired coverage, only on weekends).
WEEKEND_TERMS = ("fair weekends", "split weekends")


def weekend_terms(m: RotaModel, empty_places: bool = True) -> cp_model.LinearExpr:
    """What the month's rota pays in the terms :func:`lower_bound` counts (objective units):
    the fair-weekends and split-weekends terms and, with ``empty_places``, the
    desired-coverage pieces of weekend days, as an expression of the month's model."""
    paid = sum(m.terms[name].expression() for name in WEEKEND_TERMS if name in m.terms)
    desired = m.terms.get("desired coverage")
    if desired is not None and empty_places:
        paid += sum(var * coeff for var, coeff, day in zip(desired.vars, desired.coeffs, desired.days)
                    if day is not None and day.weekday() >= 5)
    return paid


def shift_places(m: RotaModel, day: date) -> dict[str, int]:
    """The places of the day's shift needs: per shift, the largest head-count any of its needs
    asks for (desired or minimum; needs the record already settles are left out)."""
    per_shift: dict[str, int] = {}
    for need in m.needs_by_day[day]:
        if need.shift is None or recorded(m, day, need, None):
            continue
        per_shift[need.shift] = max(per_shift.get(need.shift, 0), need.desired, need.minimum)
    return per_shift


def weekend_places(m: RotaModel) -> int:
    """The places of the month's weekend shift needs (:func:`shift_places`); one duty fills
    one place."""
    return sum(sum(shift_places(m, day).values()) for day in m.horizon.days if day.weekday() >= 5)


def _open_days(m: RotaModel, person: str) -> set[date]:
    """The weekend days on which the person has a shift the model leaves open."""
    proto = m.model.Proto()
    return {c.day for c in m.by_person.get(person, [])
            if c.weekend and list(proto.variables[m.x[c.index].Index()].domain)[-1] == 1}


def lower_bound(m: RotaModel, seconds: float = SECONDS) -> int | None:
    """The least the fair-weekends, split-weekends and desired-coverage terms can cost
    together in any rota of the month (objective units, the model's integer objective); None
    where the relaxation does not hold or CP-SAT did not prove it in ``seconds``."""
    if any(p.settings.split_duties_allowed for p in m.people.values()):
        return None
    w = m.team.settings.weights
    # the fair-weekends term's own shares (the same duties and history rows)
    _name, weight, pick, history_pick = next(r for r in goals.fair_share_rules(m) if r[0] == "fair weekends")
    shares = goals.fair_shares(m, pick, history_pick) if weight else {}
    last = m.horizon.days[-1]
    saturdays = {d for d in m.horizon.days if d.weekday() == 5 and d < last}
    paired = {d for s in saturdays for d in (s, s + timedelta(days=1))}
    model = cp_model.CpModel()
    costs = []
    worked = []
    for person in m.people:
        days = _open_days(m, person)
        if not days:
            continue
        both = sum(1 for d in saturdays if d in days and d + timedelta(days=1) in days)
        either = sum(1 for d in saturdays if d in days or d + timedelta(days=1) in days)
        alone = len(days - paired)
        whole = model.NewIntVar(0, both, f"whole weekends {person}")
        split = model.NewIntVar(0, either, f"split weekends {person}")
        single = model.NewIntVar(0, alone, f"unpaired weekend days {person}")
        model.Add(whole + split <= either)
        count = 2 * whole + split + single
        worked.append(count)
        costs.append(w.split_weekend * PER_UNIT * split)
        if person in shares and both + either + alone > shares[person]:  # the most days they can work
            excess = model.NewIntVar(0, len(days), f"weekend days above the share {person}")
            model.Add(excess >= count - shares[person])
            costs.append(weight * PER_UNIT * excess)
    places = weekend_places(m)
    empty = model.NewIntVar(0, places, "weekend places left empty")
    model.Add(sum(worked) + empty >= places)
    # a place left empty costs at least the desired-coverage weight (a minimum: the slack)
    costs.append(min(w.coverage_desired, COVERAGE_SLACK_WEIGHT) * PER_UNIT * empty)
    model.Minimize(sum(costs))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.catch_sigint_signal = False
    if solver.Solve(model) != cp_model.OPTIMAL:
        return None
    return round(solver.ObjectiveValue())
