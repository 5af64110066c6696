"""Soft goals of the monthly model, one function per named term. Each adds linear pieces to
``m.term(name)``; the weights come from the team file (``[settings.weights]``).

Default priority (README, "What the solver optimises"): the law and coverage minima are hard;
then hours near the norm, desired head-count, wishes, the team lead as last resort, fair
shares of nights, weekends and holidays, and good patterns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import timedelta
from typing import Callable

from scheduler import worktime
from scheduler.domain import Assignment, WishKind
from scheduler.solver.candidates import Candidate
from scheduler.solver.model import PER_UNIT, RotaModel


def desired_coverage(m: RotaModel) -> None:
    """Head-count above the minimum, up to the desired number, per shift need."""
    w = m.team.settings.weights.coverage_desired
    term = m.term("desired coverage", "missing people below the desired head-count")
    for day in m.horizon.days:
        for need in m.needs_by_day[day]:
            if need.desired <= need.minimum or need.shift is None:
                continue
            cands = m.by_day_shift.get((day, need.shift), [])
            gap = need.desired - need.minimum
            short = m.model.NewIntVar(0, gap, f"below desired {day} {need.label()}")
            m.model.Add(sum(m.x[c.index] for c in cands) + short >= need.desired)
            term.add(short, w * PER_UNIT)


def hours_near_norm(m: RotaModel) -> None:
    """Planned hours close to each person's norm (TLS § 43, § 46), counting the balance
    carried from earlier months of the accounting period; hours beyond ± 8 h cost five
    times more, so everyone ends near the norm rather than a few far from it."""
    w = m.team.settings.weights.norm_deviation
    term = m.term("hours vs norm", "hours away from the norm (per hour)")
    for person, p in m.people.items():
        target = m.target_minutes(p)
        planned = m.planned_minutes(person)
        big = 400 * 60
        dev = m.model.NewIntVar(0, big, f"norm deviation {person}")
        m.model.Add(dev >= planned - target)
        m.model.Add(dev >= target - planned)
        far = m.model.NewIntVar(0, big, f"far from norm {person}")
        m.model.Add(far >= dev - 8 * 60)
        over = m.model.NewIntVar(0, big, f"over norm {person}")
        m.model.Add(over >= planned - target)
        term.add(dev, w, person)
        term.add(far, 5 * w, person)
        term.add(over, max(1, w // 2), person)  # overtime needs consent (TLS § 44): prefer under to over


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
                term.add(m.x[c.index], cost, wish.person)
        elif wish.kind == WishKind.SHIFT_WANTED:
            match = [c for c in cands if wish.shift is None or c.shift == wish.shift]
            met = sum(m.x[c.index] for c in match)
            miss = m.model.NewBoolVar(f"wish unmet {wish.person} {wish.day}")
            m.model.Add(met + miss >= 1)
            term.add(miss, cost, wish.person)
        else:
            for c in cands:
                if c.shift == wish.shift:
                    term.add(m.x[c.index], cost, wish.person)


def substitution_cost(m: RotaModel) -> None:
    """The team lead is the substitute of last resort (job description § 1.4–1.5): every
    hour of stand-in work costs the substitution rule's hourly cost."""
    term = m.term("substitution", "stand-in work by another role (per hour)")
    for c in m.candidates:
        if c.substitute_for is not None and c.substitute_cost:
            term.add(m.x[c.index], c.substitute_cost * c.counted, c.person)


def _useful(m: RotaModel, c: Candidate) -> bool:
    """Whether ``c`` can fill one of the desired places of its shift: a person who lacks a
    language keeps out of the places reserved for its speakers (a night that needs its one
    person to speak Russian is no share of a counsellor who does not)."""
    langs = m.people[c.person].languages
    for need in m.needs_by_day[c.day]:
        if need.shift is None:
            if need.service == c.service:
                return True
            continue
        if need.shift != c.shift:
            continue
        reserved = sum(lm.count for lm in need.languages if lm.language not in langs)
        if need.desired - reserved >= 1:
            return True
    return False


def _history_count(m: RotaModel, person: str, pick: Callable[[Assignment], bool]) -> int:
    return sum(1 for r in m.history if r.person == person and r.kind == "shift" and pick(r))


def _fair_share(m: RotaModel, name: str, weight: int, pick: Callable[[Candidate], bool],
                demand: float, history_pick: Callable[[Assignment], bool]) -> None:
    """Each person's count above their share of ``demand`` costs ``weight``. The share is
    in proportion to FTE × the days on which the person could usefully take such a duty,
    and the duties done in the history (the previous months) count against it."""
    term = m.term(name, f"{name} above the fair share")
    eligible = {p: [c for c in m.by_person.get(p, []) if pick(c)] for p in m.people}
    capacity = {p: m.people[p].fte * len({c.day for c in cs if _useful(m, c)})
                for p, cs in eligible.items() if cs}
    done = {p: _history_count(m, p, history_pick) for p in capacity}
    total_capacity = sum(capacity.values())
    if total_capacity <= 0 or demand <= 0:
        return
    total = demand + sum(done.values())
    for person, cap in capacity.items():
        share = max(0, math.ceil(total * cap / total_capacity) - done[person])
        count = sum(m.x[c.index] for c in eligible[person])
        if len(eligible[person]) <= share:
            continue
        excess = m.model.NewIntVar(0, len(eligible[person]), f"{name} excess {person}")
        m.model.Add(excess >= count - share)
        term.add(excess, weight * PER_UNIT, person)


def _is_night_row(m: RotaModel, row: Assignment) -> bool:
    st = m.people[row.person].settings if row.person in m.people else None
    if st is None:
        return False
    split = worktime.split_hours(row.start, row.end, st.night_start_hour, st.night_end_hour)
    return split.night >= st.night_worker_threshold_hours - 1e-9


def fair_nights(m: RotaModel) -> None:
    """Nights shared in proportion to load and availability across those who may usefully
    work them (TLS § 45 (1) night time)."""
    demand = sum(n.desired for d in m.horizon.days for n in m.needs_by_day[d]
                 if n.shift and any(c.is_night for c in m.by_day_shift.get((d, n.shift), [])))
    _fair_share(m, "fair nights", m.team.settings.weights.fair_nights, lambda c: c.is_night, demand,
                lambda r: _is_night_row(m, r))


def fair_weekends(m: RotaModel) -> None:
    """Weekend duties shared in proportion to load and availability."""
    demand = sum(n.desired for d in m.horizon.days if d.weekday() >= 5 for n in m.needs_by_day[d] if n.shift)
    _fair_share(m, "fair weekends", m.team.settings.weights.fair_weekends, lambda c: c.weekend, demand,
                lambda r: r.day.weekday() >= 5)


def fair_holidays(m: RotaModel) -> None:
    """Public-holiday duties (paid 2×, TLS § 45 (2)) shared in proportion to load."""
    days = [d for d in m.horizon.days if worktime.is_public_holiday(d)]
    demand = sum(n.desired for d in days for n in m.needs_by_day[d] if n.shift)
    _fair_share(m, "fair holidays", m.team.settings.weights.fair_holidays,
                lambda c: c.holiday > 0, demand, lambda r: worktime.is_public_holiday(r.day))


def good_patterns(m: RotaModel) -> None:
    """No isolated single work days, forward rotation (day → evening → night), limited
    consecutive nights and work days, free weekends kept whole."""
    wts = m.team.settings.weights
    iso = m.term("isolated days", "single work days between days off")
    back = m.term("backward rotation", "a later shift followed by an earlier one next day")
    nights_t = m.term("consecutive nights", "nights beyond the limit in a row")
    days_t = m.term("consecutive days", "work days beyond the limit in a row")
    split = m.term("split weekends", "weekends with only one of Saturday and Sunday worked")
    days = m.horizon.days
    prev = days[0] - timedelta(days=1)
    for person, p in m.people.items():
        work = {d: m.works(person, d) for d in days}
        work[prev] = 1 if m.history_worked(person, prev) else 0
        for i, d in enumerate(days[:-1]):
            w_d = work[d]
            if isinstance(w_d, int):
                continue
            before = work[days[i - 1]] if i > 0 else work[prev]
            after = work[days[i + 1]]
            v = m.model.NewBoolVar(f"isolated {person} {d}")
            m.model.Add(v >= w_d - before - after)
            iso.add(v, wts.isolated_day * PER_UNIT, person)
        # weekends
        for d in days:
            if d.weekday() == 5 and d + timedelta(days=1) in work:
                sat, sun = work[d], work[d + timedelta(days=1)]
                if isinstance(sat, int) and isinstance(sun, int):
                    continue
                v = m.model.NewBoolVar(f"split weekend {person} {d}")
                m.model.Add(v >= sat - sun)
                m.model.Add(v >= sun - sat)
                split.add(v, wts.split_weekend * PER_UNIT, person)
        # consecutive nights / days
        night = {d: [c for c in m.by_person_day.get((person, d), []) if c.is_night] for d in days}
        k = p.settings.max_consecutive_nights
        for i in range(len(days) - k):
            window = [c for d in days[i:i + k + 1] for c in night[d]]
            if len(window) > k:
                e = m.model.NewIntVar(0, 1, f"nights>{k} {person} {days[i]}")
                m.model.Add(sum(m.x[c.index] for c in window) <= k + e)
                nights_t.add(e, wts.consecutive_nights * PER_UNIT, person)
        k = p.settings.max_consecutive_work_days
        for i in range(len(days) - k):
            window = [work[d] for d in days[i:i + k + 1] if not isinstance(work[d], int)]
            if len(window) > k:
                e = m.model.NewIntVar(0, 1, f"days>{k} {person} {days[i]}")
                m.model.Add(sum(window) <= k + e)
                days_t.add(e, wts.consecutive_nights * PER_UNIT, person)
        # backward rotation: tomorrow's shift starts earlier in the day than today's
        by_day = defaultdict(list)
        for c in m.by_person.get(person, []):
            by_day[c.day].append(c)
        for d in days[:-1]:
            for a in by_day[d]:
                a_clock = a.start - m.horizon.midnight(d)
                for b in by_day[d + timedelta(days=1)]:
                    b_clock = b.start - m.horizon.midnight(d + timedelta(days=1))
                    if b_clock >= a_clock or b.start - a.end < p.settings.daily_rest_hours * 60:
                        continue
                    v = m.model.NewBoolVar(f"backward {person} {d} {a.shift}->{b.shift}")
                    m.model.Add(v >= m.x[a.index] + m.x[b.index] - 1)
                    back.add(v, wts.backward_rotation * PER_UNIT, person)


def stay_close_to_previous(m: RotaModel) -> None:
    """Re-planning: every cell that differs from the rota being re-planned costs, so the
    fewest future assignments change."""
    if not m.options.keep:
        return
    term = m.term("changes", "cells changed against the rota being re-planned")
    kept = {(a.person, a.day, a.code) for a in m.options.keep if a.kind == "shift"}
    for c in m.candidates:
        if (c.person, c.day, c.shift) in kept:
            dropped = m.model.NewBoolVar(f"dropped {c.person} {c.day} {c.shift}")
            m.model.Add(dropped + m.x[c.index] == 1)
            term.add(dropped, m.options.keep_weight * PER_UNIT, c.person)
        else:
            term.add(m.x[c.index], m.options.keep_weight * PER_UNIT, c.person)


SOFT_GOALS = (
    desired_coverage,
    hours_near_norm,
    wishes,
    substitution_cost,
    fair_nights,
    fair_weekends,
    fair_holidays,
    good_patterns,
    stay_close_to_previous,
)
