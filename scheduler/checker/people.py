"""The soft picture: each person's hours against the norm, nights, weekends and wishes."""

from __future__ import annotations

from datetime import timedelta

from scheduler import worktime
from scheduler.checker.results import PersonReport
from scheduler.checker.timeline import EPS, RotaMonth
from scheduler.domain import Person, WishKind


def person_reports(rota: RotaMonth) -> tuple[PersonReport, ...]:
    """One :class:`PersonReport` for every active person and everyone else with work in the
    month, in team-file order."""
    at_work = set(rota.people_at_work)
    return tuple(
        person_report(rota, p) for p in rota.team.people if p.active or p.id in at_work
    )


def person_report(rota: RotaMonth, p: Person) -> PersonReport:
    """Norms after absences (TLS § 43, § 53; domain.md §3), counted hours planned (shifts and
    events), night and public-holiday hours (TLS § 45, by the minute of the time worked: an
    unpaid break, TLS § 47, is taken from ordinary time first, :func:`worktime.worked_split`),
    nights (duties with at least ``night_worker_threshold_hours`` at night), weekend days
    (Saturdays and Sundays on which some work starts), wishes met and substitute hours
    (shifts of another role's service, job description § 1.4–1.5)."""
    s = p.settings
    month = rota.month_work(p.id)
    norm = rota.month_norm(p.id)
    planned = sum(w.counted for w in month)
    first, last = rota.period(p.id)
    period_norm = rota.norm(p.id, first, last)
    # earlier months of the period without their rota in the history count as worked to the
    # norm (their hours are unknown, not 0)
    known, _missing = rota.known_period(p.id)
    assumed = rota.norm(p.id, first, known - timedelta(days=1)) if known > first else 0.0
    period_planned = assumed + sum(w.counted for w in rota.work_between(p.id, known, rota.last))
    # the balance carried forward: planned so far against the norm so far (to this month's end)
    norm_to_date = rota.norm(p.id, first, rota.last)

    night = holiday = 0.0
    for w in month:  # of the time worked: an unpaid break is no night or holiday work
        split = worktime.worked_split(worktime.split_hours(w.start, w.end, s.night_start_hour, s.night_end_hour),
                                      w.counted)
        night += split.night
        holiday += split.holiday
    nights = sum(
        1
        for d in rota.duties(p.id)
        if d.parts[0].in_month
        and rota.night_hours(p.id, d.parts) >= s.night_worker_threshold_hours - EPS
    )
    weekend_days = len({w.day for w in month if w.day.weekday() >= 5})

    work_days = {w.day for w in month}
    shift_days = {w.day for w in month if w.is_shift}
    shifts = {(w.day, w.code) for w in month if w.is_shift}
    met = total = 0
    for wish in rota.team.wishes:
        if wish.person != p.id or not rota.first <= wish.day <= rota.last:
            continue
        total += 1
        if wish.shift is None:
            has_shift = wish.day in shift_days
        else:
            has_shift = (wish.day, wish.shift) in shifts
        if wish.kind == WishKind.DAY_OFF:
            met += wish.day not in work_days
        elif wish.kind == WishKind.SHIFT_WANTED:
            met += has_shift
        else:
            met += not has_shift

    substitute = sum(
        w.counted
        for w in month
        if w.is_shift and w.service is not None and w.service.role != p.role
    )
    return PersonReport(
        person=p.id,
        name=p.name,
        fte=p.fte_in(rota.year, rota.month),
        norm_hours=round(norm, 2),
        planned_hours=round(planned, 2),
        balance_hours=round(planned - norm, 2),
        period_norm_hours=round(period_norm, 2),
        period_planned_hours=round(period_planned, 2),
        period_balance_hours=round(period_planned - norm_to_date, 2),
        night_hours=round(night, 2),
        holiday_hours=round(holiday, 2),
        nights=nights,
        weekend_days=weekend_days,
        wishes_met=met,
        wishes_total=total,
        substitute_hours=round(substitute, 2),
        period_norm_to_date_hours=round(norm_to_date, 2),
    )
