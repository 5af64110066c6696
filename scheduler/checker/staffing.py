"""Who may be where: eligibility for a service, one duty start a day, no overlapping duties,
absences and events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from scheduler.checker.results import Violation, violation
from scheduler.checker.text import day_text, hours_text, when_text
from scheduler.checker.timeline import EPS, RotaMonth, Work, utc

ELIGIBILITY_SOURCE = "job description § 1.4–1.5; team file"
NIGHTS_SOURCE = "TLS § 50; team file may_work_nights"
SPLIT_SOURCE = "TLS § 51; work rules (split_duties_allowed)"
OVERLAP_SOURCE = "TLS § 43 (one person, one duty at a time)"
ABSENCE_SOURCE = "team file absences"
EVENT_SOURCE = "job description § 3.8 (events are working time)"


def _span(w: Work) -> str:
    return f"{w.code} {when_text(w.start)}–{when_text(w.end, w.start)}"


def eligibility(rota: RotaMonth) -> list[Violation]:
    """Whoever takes a shift must be active, list the shift's service among their services,
    and be of the service's role or allowed by a substitution rule (substitute = their role,
    for_role = the service's role) to stand in for it (job description § 1.4–1.5). Someone
    with ``may_work_nights = false`` may have no duty with ``night_worker_threshold_hours``
    (3 h) or more at night (TLS § 50: night work needs the worker to be fit for it).
    Rows naming an unknown person, shift or service are left to ``unknown_references``.
    """
    out: list[Violation] = []
    allowed = {(r.substitute, r.for_role) for r in rota.team.substitutions}
    for w in rota.rows:
        p = rota.person(w.person)
        if p is None or not w.is_shift or w.shift_type is None:
            continue
        if not p.active:
            out.append(
                violation(
                    "eligibility",
                    ELIGIBILITY_SOURCE,
                    p.id,
                    w.start,
                    f"{p.name}: {_span(w)}, but {p.name} is not active in the team file",
                )
            )
        service = w.service
        if service is None:
            continue
        if service.code not in p.services:
            out.append(
                violation(
                    "eligibility",
                    ELIGIBILITY_SOURCE,
                    p.id,
                    w.start,
                    f"{p.name}: {_span(w)} is on service {service.code}, which is not among "
                    f"their services ({', '.join(p.services) or 'none'})",
                )
            )
        if service.role != p.role and (p.role, service.role) not in allowed:
            out.append(
                violation(
                    "eligibility",
                    ELIGIBILITY_SOURCE,
                    p.id,
                    w.start,
                    f"{p.name}: {_span(w)} is {service.role} work on {service.code}, and no "
                    f"substitution rule lets a {p.role} stand in for a {service.role}",
                )
            )
    for pid in rota.people_at_work:
        p = rota.person(pid)
        if p is None or p.may_work_nights:
            continue
        threshold = p.settings.night_worker_threshold_hours
        for d in rota.duties(pid):
            if not any(w.in_month and w.is_shift for w in d.parts):
                continue
            night = rota.night_hours(pid, d.parts)
            if night >= threshold - EPS:
                out.append(
                    violation(
                        "eligibility",
                        NIGHTS_SOURCE,
                        pid,
                        d.start,
                        f"{p.name} may not work nights, but the duty "
                        f"{', '.join(_span(w) for w in d.parts)} has {hours_text(night)} h "
                        f"at night (night work from {threshold:g} h)",
                    )
                )
    return out


def one_duty_start_per_day(rota: RotaMonth) -> list[Violation]:
    """At most one shift starts on a calendar day for a person unless the work rules allow
    split duties (``split_duties_allowed``). A split duty (08–12 and 18–22) would also break
    the daily rest of TLS § 51 as the checker reads it; this names it plainly."""
    out: list[Violation] = []
    by_day: dict[tuple[str, date], list[Work]] = defaultdict(list)
    for w in rota.rows:
        if w.is_shift:
            by_day[(w.person, w.day)].append(w)
    for (pid, day), shifts in by_day.items():
        if len(shifts) < 2 or rota.settings(pid).split_duties_allowed:
            continue
        out.append(
            violation(
                "one_duty_start_per_day",
                SPLIT_SOURCE,
                pid,
                shifts[1].start,
                f"{rota.name(pid)}: {len(shifts)} shifts start on {day_text(day)} "
                f"({', '.join(_span(w) for w in shifts)}); split duties are not allowed",
            )
        )
    return out


def no_overlapping_duties(rota: RotaMonth) -> list[Violation]:
    """A person does one duty at a time: no two rota rows of a person overlap where one is a
    shift (shift/shift, shift/event row). The month's rows are checked against each other and
    against the history's last rows. A shift overlapping an event of the team file is
    reported by ``absences_and_events``."""
    out: list[Violation] = []
    for pid, work in rota.work.items():
        rows = [w for w in work if w.is_row and (w.is_shift or w.event is None)]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if b.start >= a.end:
                    break
                if not (a.is_shift or b.is_shift) or not (a.in_month or b.in_month):
                    continue
                out.append(
                    violation(
                        "no_overlapping_duties",
                        OVERLAP_SOURCE,
                        pid,
                        b.start,
                        f"{rota.name(pid)}: {_span(a)} overlaps {b.kind} {_span(b)}",
                    )
                )
    return out


def absences_and_events(rota: RotaMonth) -> list[Violation]:
    """No duty during the person's absence (vacation, sick leave, training away: team file),
    and no shift overlapping a team event the person attends (supervision, covision,
    training: working time that blocks shifts, job description § 3.8)."""
    out: list[Violation] = []
    for w in rota.rows:
        for a in rota.team.absences:
            if a.person != w.person:
                continue
            start, end = (utc(t) for t in a.interval())
            if w.overlaps(start, end):
                span = (
                    a.first_day.isoformat()
                    if a.first_day == a.last_day
                    else f"{a.first_day.isoformat()} to {a.last_day.isoformat()}"
                )
                if not a.whole_days:
                    span = f"{when_text(start)}–{when_text(end, start)}"
                out.append(
                    violation(
                        "absences_and_events",
                        ABSENCE_SOURCE,
                        w.person,
                        w.start,
                        f"{rota.name(w.person)}: {w.kind} {_span(w)} falls in their "
                        f"{a.kind} absence {span}",
                    )
                )
        if not w.is_shift:
            continue
        for e in rota.team.events:
            if w.person not in e.attendees:
                continue
            start, end = (utc(t) for t in e.interval())
            if w.overlaps(start, end) and not rota.absent(w.person, start, end):
                out.append(
                    violation(
                        "absences_and_events",
                        EVENT_SOURCE,
                        w.person,
                        w.start,
                        f"{rota.name(w.person)}: {_span(w)} overlaps the {e.kind} {e.code} "
                        f"'{e.name}' {when_text(start)}–{when_text(end, start)} they attend",
                    )
                )
    return out
