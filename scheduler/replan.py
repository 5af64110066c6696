"""Re-planning around an absence (sick leave): where the re-plan starts. Shared by the
command line (``rota replan``) and the web app's sick-leave page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from scheduler import worktime
from scheduler.domain import Absence, Assignment, Team
from scheduler.solver.candidates import counted_minutes


def in_absence(row: Assignment, absences: Sequence[Absence]) -> bool:
    """Whether the duty ``row`` overlaps one of its person's ``absences`` (the checker reads
    such a duty as not possible: not worked)."""
    return any(a.person == row.person and a.overlaps(row.start, row.end) for a in absences)


def first_affected_day(shifts: Sequence[Assignment], absences: Sequence[Absence]) -> date:
    """The first day to re-plan: the absence's first day, or earlier when a duty that starts
    the evening before runs into the absence (a night shift into the first sick day), so
    that duty is replaced too."""
    return min([*(a.first_day for a in absences), *(row.day for row in shifts if in_absence(row, absences))])


def touches_month(absence: Absence, shifts: Sequence[Assignment], first: date, last: date) -> bool:
    """Whether an absence concerns the rota of ``first``..``last``: it falls on a day of the
    month, or a duty of the month runs into it (sick from the 1st of the next month while the
    last night of this one ends that morning)."""
    if absence.first_day <= last and first <= absence.last_day:
        return True
    return any(in_absence(row, [absence]) for row in shifts)


def recorded_on_rota(absence: Absence, team: Team, shifts: Sequence[Assignment], year: int, month: int,
                     recorded: Sequence[Absence] = ()) -> Absence:
    """The absence as recorded on the rota of ``year``-``month`` (``shifts``): with the hours
    that rota had planned for the person in it — each of their shifts, and the events of the
    team file they would attend, that overlap the absence, whole and counted as the checker
    counts them (breaks, TLS § 47). Under ``absence_norm_reduction = "scheduled_hours"``
    these hours lower the month's norm (domain.md §3: "by the hours that were scheduled").
    A duty an absence already ``recorded`` on this month's rota overlaps (a sick leave
    extended: re-planned again from the first re-plan's rota) is in that record's hours, not
    counted twice."""
    first, last = worktime.month_bounds(year, month)
    try:
        person = team.person(absence.person)
    except KeyError:
        return absence
    spans = [(row.start, row.end) for row in shifts
             if row.person == absence.person and row.kind == "shift" and first <= row.day <= last]
    spans += [e.interval() for e in team.events
              if absence.person in e.attendees and first <= e.day <= last]
    before = [a for a in recorded if a.person == absence.person and a.rota_month == (year, month)
              and a.scheduled_hours is not None]
    minutes = sum(counted_minutes(person, start, end) for start, end in spans if absence.overlaps(start, end)
                  and not any(b.overlaps(start, end) for b in before))
    return replace(absence, rota_month=(year, month), scheduled_hours=round(minutes / 60, 2))


def one_absence_a_span(absences: Sequence[Absence]) -> list[tuple[Absence, tuple[int, ...]]]:
    """``absences`` given together (a re-plan's ``--absent``), those of one person and kind
    that share a day joined into one from the earliest first day to the latest last day (an
    extension given with the leave it extends: the same days are one leave, whose duties are
    recorded once, :func:`recorded_on_rota`), each with the positions of the given absences it
    joins. Spans that only meet (one ends the day before the other begins) stay apart; the
    order is that of each one's first given."""
    joined: list[tuple[Absence, tuple[int, ...]]] = []
    for i, absence in enumerate(absences):
        shared = [k for k, (have, _) in enumerate(joined) if have.person == absence.person
                  and have.kind == absence.kind and have.first_day <= absence.last_day
                  and absence.first_day <= have.last_day]
        if not shared:
            joined.append((absence, (i,)))
            continue
        parts = [joined[k] for k in shared]
        first, positions = parts[0]
        span = replace(first, first_day=min(absence.first_day, *(a.first_day for a, _ in parts)),
                       last_day=max(absence.last_day, *(a.last_day for a, _ in parts)))
        joined[shared[0]] = (span, tuple(sorted({i, *(p for _, ps in parts for p in ps)})))
        for k in reversed(shared[1:]):
            del joined[k]
    return joined
