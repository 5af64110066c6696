"""Soft goals of the monthly model, one function per named term. Each adds linear pieces to
``m.term(name)``; the weights come from the team file (``[settings.weights]``).

Default priority (README, "What the solver optimises"): the law and coverage minima are hard;
then hours near the norm, desired head-count, wishes, the team lead as last resort, fair
shares of nights, weekends and holidays, and good patterns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ortools.sat.python import cp_model

from scheduler import worktime
from scheduler.domain import TALLINN, Assignment, WishKind
from scheduler.solver.candidates import Candidate
from scheduler.solver.constraints import recorded
from scheduler.solver.model import PER_UNIT, RotaModel, Term


def desired_coverage(m: RotaModel) -> None:
    """Head-count above the minimum, up to the desired number, per shift need."""
    w = m.team.settings.weights.coverage_desired
    term = m.term("desired coverage", "missing people below the desired head-count")
    for day in m.horizon.days:
        for need in m.needs_by_day[day]:
            if need.desired <= need.minimum or need.shift is None or recorded(m, day, need, None):
                continue
            cands = m.by_day_shift.get((day, need.shift), [])
            # up to the whole desired number: below the minimum (its slack, only ever in the
            # relaxed model that explains an impossible month) the head-count is short too
            short = m.model.NewIntVar(0, need.desired, f"below desired {day} {need.label()}")
            m.model.Add(sum(m.x[c.index] for c in cands) + short >= need.desired)
            term.add(short, w * PER_UNIT, None, day)


#: Beyond this many hours from the goal each hour costs five times more (the issue's ± 8 h).
FAR_FROM_NORM_HOURS = 8.0


def hours_near_norm(m: RotaModel) -> None:
    """Planned hours close to each person's goal: the month's norm corrected by the balance
    carried from earlier months of the accounting period (TLS § 43, § 46). Hours within the
    tolerance are free; each hour beyond costs the weight; beyond ± 8 h five times more, so
    everyone ends near the norm rather than a few far from it; hours over the goal cost half
    the weight again, because overtime needs consent and pay (TLS § 44).

    The tolerance (``norm_tolerance_hours``, 2 h by default) exists because shifts last
    7–10 h: an exact match is a knapsack puzzle per person that the LP relaxation cannot see
    and that made CP-SAT spend its time on hours instead of patterns (bench/RESULTS.md:
    objective after 30 s fell from ~450 to ~100 with the tolerance)."""
    cost = hours_pieces(m)
    term = m.term("hours vs norm", "hours away from the norm beyond the tolerance (per hour)")
    for person, p in m.people.items():
        target = m.target_minutes(p)
        planned = m.planned_minutes(person)
        # the widest the deviation can be: every possible minute of the month against the goal
        most = sum(c.counted for c in m.by_person.get(person, [])) + m.fixed_minutes(person)
        big = abs(target) + most + 1
        dev = m.model.NewIntVar(0, big, f"norm deviation {person}")
        m.model.Add(dev >= planned - target - cost.tolerance)
        m.model.Add(dev >= target - planned - cost.tolerance)
        far = m.model.NewIntVar(0, big, f"far from norm {person}")
        m.model.Add(far >= dev - cost.far_after)
        over = m.model.NewIntVar(0, big, f"over norm {person}")
        m.model.Add(over >= planned - target - cost.tolerance)
        term.add(dev, cost.per_minute, person)
        term.add(far, cost.far_per_minute, person)
        term.add(over, cost.over_per_minute, person)


@dataclass(frozen=True)
class HoursPieces:
    """The pieces of :func:`hours_near_norm` (minutes, objective units per minute)."""

    tolerance: int  # free on either side of the goal
    far_after: int  # deviation beyond the tolerance after which "far from the norm" pays too
    per_minute: int
    far_per_minute: int
    over_per_minute: int  # on top, for minutes over the goal (beyond the tolerance)

    def cost(self, target: int, minutes: int) -> int:
        """What a month of ``minutes`` planned, events included, costs against ``target``."""
        dev = max(0, abs(minutes - target) - self.tolerance)
        over = max(0, minutes - target - self.tolerance)
        return (dev * self.per_minute + max(0, dev - self.far_after) * self.far_per_minute
                + over * self.over_per_minute)


def hours_pieces(m: RotaModel) -> HoursPieces:
    """The team's pieces of :func:`hours_near_norm`."""
    w = m.team.settings.weights
    tolerance = round(60 * w.norm_tolerance_hours)
    return HoursPieces(tolerance, max(0, round(60 * FAR_FROM_NORM_HOURS) - tolerance),
                       w.norm_deviation, 5 * w.norm_deviation, max(1, w.norm_deviation // 2))


def wishes(m: RotaModel) -> None:
    """Wishes: a day off, a shift wanted, a shift not wanted, each with its weight."""
    w = m.team.settings.weights.wish
    term = m.term("wishes", "unmet wishes (weight × wish weight)")
    first, last = m.horizon.days[0], m.horizon.days[-1]
    for wish in m.team.wishes:
        if not first <= wish.day <= last or wish.person not in m.people:
            continue
        cands = m.by_person_day.get((wish.person, wish.day), [])
        cost = w * wish.weight * PER_UNIT
        if wish.kind == WishKind.DAY_OFF:
            for c in cands:
                term.add(m.x[c.index], cost, wish.person, wish.day)
        elif wish.kind == WishKind.SHIFT_WANTED:
            match = [c for c in cands if wish.shift is None or c.shift == wish.shift]
            met = sum(m.x[c.index] for c in match)
            miss = m.model.NewBoolVar(f"wish unmet {wish.person} {wish.day}")
            m.model.Add(met + miss >= 1)
            term.add(miss, cost, wish.person, wish.day)
        else:
            for c in cands:
                if c.shift == wish.shift:
                    term.add(m.x[c.index], cost, wish.person, wish.day)


def substitution_cost(m: RotaModel) -> None:
    """The team lead is the substitute of last resort (job description § 1.4–1.5): every
    hour of stand-in work costs the substitution rule's hourly cost."""
    term = m.term("substitution", "stand-in work by another role (per hour)")
    for c in m.candidates:
        if c.substitute_for is not None and c.substitute_cost:
            term.add(m.x[c.index], c.substitute_cost * c.counted, c.person, c.day)


def _history_count(m: RotaModel, person: str, pick: Callable[[Assignment], bool]) -> int:
    return sum(1 for r in m.history if r.person == person and r.kind == "shift" and pick(r))


def expected_shares(m: RotaModel, pick: Callable[[Candidate], bool]) -> dict[str, float]:
    """Each person's expected number of the duties that ``pick`` selects: every desired
    place of a shift is shared, in proportion to FTE, among the people whose own work it is
    and who could take it that day (absences, events and eligibility are in the candidates).
    A place that needs a speaker of a language is shared among its speakers only; stand-ins
    for another role get no share (they are a last resort, not a duty to share)."""
    expected: dict[str, float] = defaultdict(float)
    for day in m.horizon.days:
        for shift in {n.shift for n in m.needs_by_day[day] if n.shift is not None}:
            own = [c for c in m.by_day_shift.get((day, shift), [])
                   if c.substitute_for is None and pick(c)]
            if not own:
                continue
            needs = [n for n in m.needs_by_day[day] if n.shift == shift]
            places = max(n.desired for n in needs)
            reserved: dict[str, int] = defaultdict(int)
            for n in needs:
                for lm in n.languages:
                    reserved[lm.language] += lm.count
            open_places = max(0, places - sum(reserved.values()))
            groups = [(own, open_places)]
            groups += [([c for c in own if lang in m.people[c.person].languages], count)
                       for lang, count in reserved.items()]
            for group, count in groups:
                load = sum(m.people[c.person].fte for c in group)
                for c in group:
                    expected[c.person] += count * m.people[c.person].fte / load
    return dict(expected)


def fair_shares(m: RotaModel, pick: Callable[[Candidate], bool],
                history_pick: Callable[[Assignment], bool]) -> dict[str, int]:
    """Each person's fair share of the duties ``pick`` selects: the expected number
    (:func:`expected_shares`), corrected by the history (the previous month): those who did
    more than their part of the duties done there get fewer now, those who did less get more;
    rounded up. Empty when nobody is expected to take any."""
    expected = expected_shares(m, pick)
    total = sum(expected.values())
    if total <= 0:
        return {}
    done = {p: _history_count(m, p, history_pick) for p in m.people}
    done_total = sum(done.values())
    shares = {}
    for person in m.people:
        mine = expected.get(person, 0.0)
        owed = mine + done_total * mine / total - done[person]
        shares[person] = max(0, math.ceil(owed - 1e-6))
    return shares


def fair_share_rules(m: RotaModel) -> list[tuple[str, int, Callable[[Candidate], bool],
                                                  Callable[[Assignment], bool]]]:
    """(term name, weight, which duties, which history rows) of the three fair-share terms."""
    w = m.team.settings.weights
    return [("fair nights", w.fair_nights, lambda c: c.is_night, lambda r: _is_night_row(m, r)),
            ("fair weekends", w.fair_weekends, lambda c: c.weekend, lambda r: r.day.weekday() >= 5),
            ("fair holidays", w.fair_holidays, lambda c: c.holiday > 0,
             lambda r: worktime.is_public_holiday(r.day))]


def _fair_share(m: RotaModel, name: str) -> None:
    """Each person's count above their fair share (:func:`fair_shares`) costs the weight."""
    _name, weight, pick, history_pick = next(r for r in fair_share_rules(m) if r[0] == name)
    term = m.term(name, f"{name} above the fair share")
    for person, share in fair_shares(m, pick, history_pick).items():
        duties = [c for c in m.by_person.get(person, []) if pick(c)]
        if len(duties) <= share:
            continue
        excess = m.model.NewIntVar(0, len(duties), f"{name} excess {person}")
        m.model.Add(excess >= sum(m.x[c.index] for c in duties) - share)
        term.add(excess, weight * PER_UNIT, person)


def _is_night_row(m: RotaModel, row: Assignment) -> bool:
    st = m.people[row.person].settings if row.person in m.people else None
    if st is None:
        return False
    split = worktime.split_hours(row.start, row.end, st.night_start_hour, st.night_end_hour)
    return split.night >= st.night_worker_threshold_hours - 1e-9


def history_night(m: RotaModel, person: str, day: date) -> bool:
    """Whether the history has ``person`` on a night shift starting ``day``."""
    return any(r.person == person and r.day == day and r.kind == "shift" and _is_night_row(m, r)
               for r in m.history)


def fair_nights(m: RotaModel) -> None:
    """Nights shared in proportion to load and availability across those who may usefully
    work them (TLS § 45 (1) night time)."""
    _fair_share(m, "fair nights")


def fair_weekends(m: RotaModel) -> None:
    """Weekend duties shared in proportion to load and availability."""
    _fair_share(m, "fair weekends")


def fair_holidays(m: RotaModel) -> None:
    """Public-holiday duties (paid 2×, TLS § 45 (2)) shared in proportion to load."""
    _fair_share(m, "fair holidays")


def _work_days(m: RotaModel, person: str, before: int) -> dict[date, cp_model.IntVar | int]:
    """Whether ``person`` starts a shift on each day of the month (a literal) and on the
    ``before`` days before it (0 or 1 from the history)."""
    first = m.horizon.days[0]
    work: dict[date, cp_model.IntVar | int] = {
        first - timedelta(days=k): int(m.history_worked(person, first - timedelta(days=k)))
        for k in range(1, before + 1)}
    work.update({d: m.works(person, d) for d in m.horizon.days})
    return work


def isolated_days(m: RotaModel) -> None:
    """Good patterns: no single work day between two days off (the month's last day is left
    to the next month, which sees it in its history)."""
    weight = m.team.settings.weights.isolated_day * PER_UNIT
    term = m.term("isolated days", "single work days between days off")
    for person in m.people:
        work = _work_days(m, person, 1)
        for d in m.horizon.days[:-1]:
            w_d = work[d]
            if isinstance(w_d, int):
                continue
            v = m.model.NewBoolVar(f"isolated {person} {d}")
            m.model.Add(v >= w_d - work[d - timedelta(days=1)] - work[d + timedelta(days=1)])
            term.add(v, weight, person, d)


def split_weekends(m: RotaModel) -> None:
    """Good patterns: free weekends kept whole (Saturday and Sunday both worked or both off)."""
    weight = m.team.settings.weights.split_weekend * PER_UNIT
    term = m.term("split weekends", "weekends with only one of Saturday and Sunday worked")
    for person in m.people:
        work = _work_days(m, person, 1)
        for d in m.horizon.days:
            sunday = d + timedelta(days=1)
            if d.weekday() != 5 or sunday not in work:
                continue
            sat, sun = work[d], work[sunday]
            if isinstance(sat, int) and isinstance(sun, int):
                continue
            v = m.model.NewBoolVar(f"split weekend {person} {d}")
            m.model.Add(v >= sat - sun)
            m.model.Add(v >= sun - sat)
            term.add(v, weight, person, d)


def consecutive_nights(m: RotaModel) -> None:
    """Good patterns: at most ``max_consecutive_nights`` nights in a row (night work is
    harder on health, TLS § 50), counting the nights that ended the previous month."""
    weight = m.team.settings.weights.consecutive_nights * PER_UNIT
    term = m.term("consecutive nights", "nights beyond the limit in a row")
    first = m.horizon.days[0]
    for person, p in m.people.items():
        k = p.settings.max_consecutive_nights
        nights: dict[date, list] = {}
        for j in range(1, k + 1):
            day = first - timedelta(days=j)
            nights[day] = [1] if history_night(m, person, day) else []
        for d in m.horizon.days:
            nights[d] = [m.x[c.index] for c in m.by_person_day.get((person, d), []) if c.is_night]
        _limit_runs(m, term, weight, person, k, nights, f"nights>{k}")


def consecutive_days(m: RotaModel) -> None:
    """Good patterns: at most ``max_consecutive_work_days`` work days in a row, counting the
    days that ended the previous month (weight ``consecutive_days``)."""
    weight = m.team.settings.weights.consecutive_days * PER_UNIT
    term = m.term("consecutive days", "work days beyond the limit in a row")
    for person, p in m.people.items():
        k = p.settings.max_consecutive_work_days
        work = _work_days(m, person, k)
        _limit_runs(m, term, weight, person, k, {d: [w] for d, w in work.items()}, f"days>{k}")


def _limit_runs(m: RotaModel, term: Term, weight: int, person: str, k: int,
                marks: dict[date, list], label: str) -> None:
    """One penalty for each window of k + 1 consecutive days that are all marked."""
    days = sorted(marks)
    for i in range(len(days) - k):
        window = days[i:i + k + 1]
        lits = [x for d in window for x in marks[d] if not isinstance(x, int)]
        fixed = sum(x for d in window for x in marks[d] if isinstance(x, int))
        if not lits or len(lits) + fixed <= k:
            continue
        e = m.model.NewBoolVar(f"{label} {person} {window[0]}")
        m.model.Add(sum(lits) + fixed <= k + e)
        term.add(e, weight, person, window[-1])


def forward_rotation(m: RotaModel) -> None:
    """Good patterns: rotate forward (day → evening → night): a shift that starts earlier in
    the day than the previous day's shift costs, where both are legal (11 h rest, TLS § 51)."""
    weight = m.team.settings.weights.backward_rotation * PER_UNIT
    term = m.term("backward rotation", "a later shift followed by an earlier one next day")
    for person in m.people:
        for d in m.horizon.days[:-1]:
            nxt = d + timedelta(days=1)
            for a in m.by_person_day.get((person, d), []):
                for b in m.by_person_day.get((person, nxt), []):
                    if not is_backward(m, a, b):
                        continue
                    v = m.model.NewBoolVar(f"backward {person} {d} {a.shift}->{b.shift}")
                    m.model.Add(v >= m.x[a.index] + m.x[b.index] - 1)
                    term.add(v, weight, person, d)


def is_backward(m: RotaModel, a: Candidate, b: Candidate) -> bool:
    """Shift ``b`` on the day after ``a`` starts earlier on the clock than ``a`` did (local
    time: on the day the clocks change a 16:00 start is 15 or 17 h after midnight, and the
    same shift two days running is no backward rotation), and both are legal together (the
    daily rest between them)."""
    a_clock, b_clock = a.start_at.astimezone(TALLINN).time(), b.start_at.astimezone(TALLINN).time()
    return b_clock < a_clock and b.start - a.end >= m.people[a.person].settings.daily_rest_hours * 60


def replan_change_weight(m: RotaModel) -> int:
    """Points per cell changed against the rota being re-planned (``changes``)."""
    weight = m.options.keep_weight
    return (m.team.settings.weights.replan_change if weight is None else weight) * PER_UNIT


def stay_close_to_previous(m: RotaModel) -> None:
    """Re-planning: every cell that differs from the rota being re-planned costs, so the
    fewest future assignments change."""
    if not m.options.keep:
        return
    term = m.term("changes", "cells changed against the rota being re-planned")
    weight = replan_change_weight(m)
    kept = {(a.person, a.day, a.code) for a in m.options.keep if a.kind == "shift"}
    for c in m.candidates:
        if (c.person, c.day, c.shift) in kept:
            dropped = m.model.NewBoolVar(f"dropped {c.person} {c.day} {c.shift}")
            m.model.Add(dropped + m.x[c.index] == 1)
            term.add(dropped, weight, c.person, c.day)
        else:
            term.add(m.x[c.index], weight, c.person, c.day)


SOFT_GOALS = (
    desired_coverage,
    hours_near_norm,
    wishes,
    substitution_cost,
    fair_nights,
    fair_weekends,
    fair_holidays,
    isolated_days,
    forward_rotation,
    consecutive_nights,
    consecutive_days,
    split_weekends,
    stay_close_to_previous,
)
