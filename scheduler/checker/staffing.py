"""Who may be where: eligibility for a service, one duty start a day, no overlapping duties,
absences and events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from scheduler.checker.messages import N_, Hours, Listing, Message, Param, msg, words
from scheduler.checker.results import Violation, violation
from scheduler.checker.text import day_word, kind_word, moment
from scheduler.checker.timeline import EPS, RotaMonth, Work, utc
from scheduler.domain import Role

ELIGIBILITY_SOURCE = N_("job description § 1.4–1.5; team file")
NIGHTS_SOURCE = N_("TLS § 50; team file may_work_nights")
SPLIT_SOURCE = N_("TLS § 51; work rules (split_duties_allowed)")
OVERLAP_SOURCE = N_("TLS § 43 (one person, one duty at a time)")
ABSENCE_SOURCE = N_("team file absences")
CONTRACT_SOURCE = N_("the employment contract's first and last day (TLS § 5 (1)); team file employed_from / "
                     "employed_until")
EVENT_SOURCE = N_("job description § 3.8 (events are working time)")

#: Another role's work, by (the person's role, the service's role).
_OTHER_ROLE = {
    (Role.COUNSELLOR, Role.TEAM_LEAD): N_(
        "%(name)s: %(span)s is team_lead work on %(service)s, and no substitution rule lets a "
        "counsellor stand in for a team_lead"),
    (Role.TEAM_LEAD, Role.COUNSELLOR): N_(
        "%(name)s: %(span)s is counsellor work on %(service)s, and no substitution rule lets a "
        "team_lead stand in for a counsellor"),
}


def _span(w: Work) -> Message:
    """A row by code and times: ``N 2027-03-05 20:00–2027-03-06 08:00``."""
    return msg(N_("%(code)s %(start)s–%(end)s"), code=w.code, start=moment(w.start),
               end=moment(w.end, w.start))


def _spans(work: list[Work] | tuple[Work, ...]) -> Listing:
    return Listing(tuple(_span(w) for w in work))


def eligibility(rota: RotaMonth) -> list[Violation]:
    """Whoever takes a shift must be active (a duty of a day already past was worked before
    they left), list the shift's service among their services,
    and be of the service's role or allowed by a substitution rule (substitute = their role,
    for_role = the service's role) to stand in for it (job description § 1.4–1.5). Someone
    with ``may_work_nights = false`` may have no duty with ``night_worker_threshold_hours``
    (3 h) or more at night (TLS § 50: night work needs the worker to be fit for it).
    Rows naming an unknown person, shift or service are left to ``unknown_references``.
    A duty of a day already past (``recorded_before``) or begun before the check
    (``begun_before``) was worked with the team as it was then: someone who has left since,
    a service or night work no longer theirs, is what happened — the team data changed for
    the days ahead — and is not asked again.
    """
    out: list[Violation] = []
    allowed = {(r.substitute, r.for_role) for r in rota.team.substitutions}
    for w in rota.rows:
        p = rota.person(w.person)
        if p is None or not w.is_shift or w.shift_type is None or rota.happened(w):
            continue
        if not p.active:
            out.append(
                violation(
                    "eligibility",
                    ELIGIBILITY_SOURCE,
                    p.id,
                    w.start,
                    msg(N_("%(name)s: %(span)s, but %(name)s is not active in the team file"),
                        name=p.name, span=_span(w)),
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
                    msg(N_("%(name)s: %(span)s is on service %(service)s, which is not among "
                           "their services (%(services)s)"),
                        name=p.name, span=_span(w), service=service.code,
                        services=Listing(tuple(p.services)) if p.services else words(N_("none"))),
                )
            )
        if service.role != p.role and (p.role, service.role) not in allowed:
            out.append(
                violation(
                    "eligibility",
                    ELIGIBILITY_SOURCE,
                    p.id,
                    w.start,
                    _other_role(p.name, w, service.code, p.role, service.role),
                )
            )
    for pid in rota.people_at_work:
        p = rota.person(pid)
        if p is None or p.may_work_nights:
            continue
        threshold = p.settings.night_worker_threshold_hours
        for d in rota.duties(pid):
            if not any(w.in_month and w.is_shift and not rota.happened(w) for w in d.parts):
                continue
            night = rota.night_hours(pid, d.parts)
            if night >= threshold - EPS:
                out.append(
                    violation(
                        "eligibility",
                        NIGHTS_SOURCE,
                        pid,
                        d.start,
                        msg(N_("%(name)s may not work nights, but the duty %(spans)s has "
                               "%(night)s h at night (night work from %(threshold)s h)"),
                            name=p.name, spans=_spans(d.parts), night=Hours(night),
                            threshold=threshold),
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
                msg(N_("%(name)s: %(count)s shifts start on %(day)s (%(spans)s); split duties "
                       "are not allowed"),
                    name=rota.name(pid), count=len(shifts), day=day_word(day),
                    spans=_spans(shifts)),
            )
        )
    return out


def no_overlapping_duties(rota: RotaMonth) -> list[Violation]:
    """A person does one duty at a time: no two rota rows of a person overlap where one is a
    shift (shift/shift, shift/event row), and no two of their events overlap (two team
    events at once, or an event's row written twice: its hours would count twice). The
    month's work is checked against itself and against the history's last rows. A shift
    overlapping an event of the team file is reported by ``absences_and_events``."""
    out: list[Violation] = []
    for pid, work in rota.work.items():
        duties = [w for w in work if w.is_row or w.kind == "event"]
        for i, a in enumerate(duties):
            for b in duties[i + 1 :]:
                if b.start >= a.end:
                    break
                if not (a.in_month or b.in_month) or not _one_at_a_time(a, b):
                    continue
                out.append(
                    violation(
                        "no_overlapping_duties",
                        OVERLAP_SOURCE,
                        pid,
                        b.start,
                        _overlap(rota.name(pid), a, b),
                    )
                )
    return out


def _one_at_a_time(a: Work, b: Work) -> bool:
    """Whether overlapping ``a`` and ``b`` are a breach of :func:`no_overlapping_duties`:
    a shift with a row (a shift against a team event is ``absences_and_events``' finding),
    or two events."""
    if a.is_shift or b.is_shift:
        shift, other = (a, b) if a.is_shift else (b, a)
        return other.is_row and (other.is_shift or other.event is None)
    return a.kind == "event" and b.kind == "event"


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
                span: Param = (
                    a.first_day
                    if a.first_day == a.last_day
                    else msg(N_("%(first)s to %(last)s"), first=a.first_day, last=a.last_day)
                )
                if not a.whole_days:
                    span = msg(N_("%(start)s–%(end)s"), start=moment(start),
                               end=moment(end, start))
                out.append(
                    violation(
                        "absences_and_events",
                        ABSENCE_SOURCE,
                        w.person,
                        w.start,
                        msg(N_("%(name)s: %(kind)s %(span)s falls in their %(absence)s absence "
                               "%(when)s"),
                            name=rota.name(w.person), kind=kind_word(w.kind), span=_span(w),
                            absence=kind_word(a.kind), when=span),
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
                        msg(N_("%(name)s: %(span)s overlaps the %(kind)s %(code)s '%(event)s' "
                               "%(start)s–%(end)s they attend"),
                            name=rota.name(w.person), span=_span(w), kind=kind_word(e.kind),
                            code=e.code, event=e.name, start=moment(start), end=moment(end, start)),
                    )
                )
    return out


def employment_contract(rota: RotaMonth) -> list[Violation]:
    """No duty and no event before the person's employment contract begins or after it ends
    (``employed_from`` / ``employed_until``, 00:00 of the first day to 24:00 of the last: a
    night starting on the last day runs past it): those days are no working time the rota may give
    them (TLS § 5 (1): the contract names its first day; a fixed-term or ended contract its
    last). A row of a day already past is asked too: a worked day outside the contract is a
    mistake in the contract dates or the rota, to be corrected, not a record."""
    out: list[Violation] = []
    for w in rota.rows:
        p = rota.person(w.person)
        if p is None or p.employed_at(w.start, w.end):
            continue
        if p.employed_from is not None and w.day < p.employed_from:
            message = msg(N_("%(name)s: %(kind)s %(span)s is before their employment begins on %(first)s"),
                          name=p.name, kind=kind_word(w.kind), span=_span(w), first=p.employed_from)
        elif p.employed_until is not None and w.day <= p.employed_until:
            message = msg(N_("%(name)s: %(kind)s %(span)s runs past the end of their employment (%(last)s 24:00)"),
                          name=p.name, kind=kind_word(w.kind), span=_span(w), last=p.employed_until)
        else:
            message = msg(N_("%(name)s: %(kind)s %(span)s is after their employment ended on %(last)s"),
                          name=p.name, kind=kind_word(w.kind), span=_span(w), last=p.employed_until)
        out.append(violation("employment_contract", CONTRACT_SOURCE, p.id, w.start, message))
    return out


def _other_role(name: str, w: Work, service: str, role: str, service_role: str) -> Message:
    """A shift of another role's service that no substitution rule allows."""
    template = _OTHER_ROLE.get((role, service_role))
    if template is None:
        return msg(N_("%(name)s: %(span)s is %(role)s work on %(service)s, and no substitution "
                      "rule lets a %(own_role)s stand in for a %(role)s"),
                   name=name, span=_span(w), role=str(service_role), service=service,
                   own_role=str(role))
    return msg(template, name=name, span=_span(w), service=service)


def _overlap(name: str, a: Work, b: Work) -> Message:
    """Row ``a`` overlapping row ``b`` (a shift or an event row)."""
    if b.kind == "shift":
        return msg(N_("%(name)s: %(span)s overlaps shift %(other)s"), name=name, span=_span(a),
                   other=_span(b))
    if b.kind == "event":
        return msg(N_("%(name)s: %(span)s overlaps event %(other)s"), name=name, span=_span(a),
                   other=_span(b))
    return msg(N_("%(name)s: %(span)s overlaps %(kind)s %(other)s"), name=name, span=_span(a),
               kind=str(b.kind), other=_span(b))
