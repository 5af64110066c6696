"""Explanations in the team lead's words: why a slot could not be filled (infeasible
minima), and why the team lead had to stand in."""

from __future__ import annotations

from datetime import date, timedelta

from scheduler.domain import Role
from scheduler.solver.candidates import Candidate
from scheduler.solver.model import CoverageSlack, RotaModel
from scheduler.worktime import split_hours


def _fmt_day(day: date) -> str:
    return day.isoformat()


def _clock(m: RotaModel, minute: int) -> str:
    stamp = m.horizon.origin + timedelta(minutes=minute)
    return stamp.astimezone(m.horizon.origin.tzinfo).strftime("%d.%m %H:%M")


def why_not(m: RotaModel, chosen: set[int], person: str, day: date, shift: str) -> str | None:
    """Why ``person`` does not take ``shift`` on ``day`` in the solution ``chosen`` (candidate
    indexes), in plain words; None if they do take it."""
    p = m.people.get(person)
    if p is None:
        return "is not active"
    st = m.team.shift_type(shift)
    if st.service not in p.services:
        return f"does not take {m.team.service(st.service).name}"
    cand = next((c for c in m.by_person_day.get((person, day), []) if c.shift == shift), None)
    if cand is None:
        a, b = st.interval(day)
        for absence in m.team.absences:
            x, y = absence.interval()
            if absence.person == person and x < b and a < y:
                return f"is away ({absence.kind.value}, {absence.first_day}–{absence.last_day})"
        for f in m.fixed_by_person.get(person, []):
            fa = m.horizon.minute(a)
            fb = m.horizon.minute(b)
            if f.start < fb and fa < f.end:
                return f"attends {f.label} {_clock(m, f.start)}–{_clock(m, f.end)}"
        night = split_hours(a, b, p.settings.night_start_hour, p.settings.night_end_hour).night
        if not p.may_work_nights and night >= p.settings.night_worker_threshold_hours - 1e-9:
            return "may not work nights"
        if day.weekday() not in st.weekdays:
            return "the shift does not exist that day"
        return "may not take this work under the substitution rules"
    if cand.index in chosen:
        return None
    mine = [c for c in m.by_person.get(person, []) if c.index in chosen]
    same_day = [c for c in mine if c.day == day]
    if same_day:
        return f"already works {same_day[0].shift} that day"
    rest = p.settings.daily_rest_hours * 60
    for c in mine:
        if c.end <= cand.start and cand.start - c.end < rest:
            return (f"would rest only {(cand.start - c.end) / 60:g} h after {c.shift} ending "
                    f"{_clock(m, c.end)} (TLS § 51 needs {rest / 60:g} h)")
        if cand.end <= c.start and c.start - cand.end < rest:
            return (f"would rest only {(c.start - cand.end) / 60:g} h before {c.shift} starting "
                    f"{_clock(m, c.start)} (TLS § 51 needs {rest / 60:g} h)")
    for f in m.fixed_by_person.get(person, []):
        if 0 <= cand.start - f.end < rest or 0 <= f.start - cand.end < rest:
            return f"would not have {rest / 60:g} h rest around {f.label} (TLS § 51)"
    weekly = _weekly_rest_after(m, person, [*mine, cand], cand)
    if weekly is not None:
        return weekly
    for limit in (_night_worker_over, _average_over):
        reason = limit(m, person, [*mine, cand])
        if reason is not None:
            return reason
    planned = sum(c.counted for c in mine) / 60
    norm = m.month_norm_hours(p)
    if planned + cand.counted / 60 > norm + 8:
        return f"would reach {planned + cand.counted / 60:g} h against a norm of {norm:g} h"
    return "was free, but other goals (hours, wishes, fairness) kept them off"


def _night_worker_over(m: RotaModel, person: str, items: list[Candidate]) -> str | None:
    """TLS § 50: a night worker's 48 h in any 7 days, with ``items`` and the fixed work."""
    st = m.people[person].settings
    if not any(c.is_night for c in items):
        return None
    work = [*items, *m.fixed_by_person.get(person, [])]
    first = m.horizon.days[0]
    for i in range(len(m.horizon.days) + 6):
        d0 = first - timedelta(days=6) + timedelta(days=i)
        w0, w1 = m.horizon.midnight(d0), m.horizon.midnight(d0 + timedelta(days=7))
        total = sum(w.counted * max(0, min(w1, w.end) - max(w0, w.start)) / max(1, w.end - w.start) for w in work)
        if total > st.night_worker_max_hours_7d * 60 + 1e-6:
            return (f"would work {round(total / 60, 1):g} h in the 7 days from {d0} as a night worker "
                    f"(TLS § 50 allows {st.night_worker_max_hours_7d:g} h)")
    return None


def _average_over(m: RotaModel, person: str, items: list[Candidate]) -> str | None:
    """TLS § 46: the 48 h weekly average over the accounting period."""
    p = m.people[person]
    first, last = m.period_bounds(p)
    cap = p.settings.max_average_weekly_hours * 60 * ((last - first).days + 1) / 7
    fixed = sum(f.counted for f in m.fixed_by_person.get(person, []) if f.in_month)
    total = sum(c.counted for c in items) + fixed + m.history_period_minutes(p)
    if total > cap:
        return (f"would average more than {p.settings.max_average_weekly_hours:g} h a week over the "
                f"accounting period (TLS § 46)")
    return None


def _weekly_rest_after(m: RotaModel, person: str, items: list[Candidate], cand: Candidate) -> str | None:
    p = m.people[person]
    need = p.settings.weekly_rest_hours * 60
    monday = cand.day - timedelta(days=cand.day.weekday())
    w1 = m.horizon.midnight(monday + timedelta(days=7))
    w0 = m.horizon.midnight(monday)
    busy = sorted((max(w0, i.start), min(w1, i.end)) for i in (*items, *m.fixed_by_person.get(person, []))
                  if i.end > w0 and i.start < w1)
    t, longest = w0, 0
    for a, b in busy:
        longest = max(longest, a - t)
        t = max(t, b)
    longest = max(longest, w1 - t)
    if longest < need:
        return (f"would be left without {need / 60:g} h weekly rest in the week from {monday} "
                "(TLS § 52)")
    return None


def explain_shortfall(m: RotaModel, chosen: set[int], slack: CoverageSlack, missing: int) -> str:
    """'2027-12-23 N (116 006): needs 1 Russian speaker, 0 available: Mari is away …'."""
    need = slack.need
    head = f"{_fmt_day(slack.day)} {need.label()}"
    if slack.what == "people":
        want = f"needs {slack.required} {'person' if slack.required == 1 else 'people'}"
    else:
        want = f"needs {slack.required} speaker{'s' if slack.required != 1 else ''} of {slack.what!r}"
    got = slack.required - missing
    shifts = [need.shift] if need.shift else [s.code for s in m.team.shift_types if s.service == need.service]
    reasons: list[str] = []
    for person in m.team.active_people:
        if slack.what != "people" and slack.what not in person.languages:
            continue
        if need.service not in person.services:
            continue
        why = [why_not(m, chosen, person.id, slack.day, s) for s in shifts]
        if any(w is None for w in why):
            continue
        reasons.append(f"{person.name} {why[0]}")
    if not reasons:
        reasons.append("nobody in the team may take it")
    return f"{head}: {want}, {got} available: " + "; ".join(reasons)


def explain_lead_duty(m: RotaModel, chosen: set[int], cand: Candidate) -> str:
    """Why the team lead stood in on ``cand``: what kept each counsellor off it."""
    others = []
    for person in m.team.active_people:
        if person.role == Role.TEAM_LEAD or cand.service not in person.services:
            continue
        why = why_not(m, chosen, person.id, cand.day, cand.shift)
        if why is not None:
            others.append(f"{person.name} {why}")
    lead = m.people[cand.person].name
    text = "; ".join(others[:6]) + (f"; and {len(others) - 6} more" if len(others) > 6 else "")
    return f"{cand.day} {cand.shift} ({m.team.service(cand.service).name}): {lead} stood in — {text}"
