"""What the solver may choose from: every (person, day, shift) a person could lawfully take,
and the fixed work (events, the previous month) the choices must fit around.

Times are whole minutes on a UTC axis whose zero is the month's first local midnight, so the
DST nights have their real length (domain.md §4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from scheduler import worktime
from scheduler.domain import (
    Assignment,
    CoverageNeed,
    DayType,
    Person,
    Role,
    ShiftType,
    Team,
    local,
)


@dataclass(frozen=True)
class Horizon:
    """The planned month and its time axis."""

    year: int
    month: int
    days: tuple[date, ...]
    origin: datetime  # first local midnight, aware

    @classmethod
    def of(cls, year: int, month: int) -> Horizon:
        first, last = worktime.month_bounds(year, month)
        days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
        return cls(year, month, days, local(first, datetime.min.time()))

    def minute(self, stamp: datetime) -> int:
        return round((stamp.astimezone(UTC) - self.origin.astimezone(UTC)).total_seconds() / 60)

    def instant(self, minute: int) -> datetime:
        """The local time ``minute`` elapsed minutes after the origin (the inverse of
        :meth:`minute`; counted in UTC, so a DST change moves the wall clock)."""
        return (self.origin.astimezone(UTC) + timedelta(minutes=minute)).astimezone(self.origin.tzinfo)

    def midnight(self, day: date) -> int:
        return self.minute(local(day, datetime.min.time()))

    @property
    def end(self) -> int:
        return self.midnight(self.days[-1] + timedelta(days=1))


@dataclass(frozen=True)
class Candidate:
    """A shift a person could take on a day, with its times and hour split."""

    index: int
    person: str
    day: date
    shift: str
    service: str
    start: int
    end: int
    counted: int  # counted working minutes
    night: int  # minutes in 22–06
    holiday: int  # minutes on a public holiday
    is_night: bool  # ≥ night-worker threshold at night
    substitute_for: Role | None  # role whose work this is, when not the person's own
    substitute_cost: int
    last_resort: bool  # a stand-in allowed only as the last resort (the team lead on line work)
    weekend: bool
    start_at: datetime
    end_at: datetime


@dataclass(frozen=True)
class FixedWork:
    """Work the month's choices must fit around: events attended and history."""

    person: str
    start: int
    end: int
    counted: int
    label: str
    in_month: bool
    night: int = 0  # minutes in 22–06
    #: The service of a history shift (it covers that service's window needs); None for events.
    service: str | None = None


def substitution_cost(team: Team, person: Person, service_role: Role) -> tuple[bool, Role | None, int, bool]:
    """May ``person`` do work of ``service_role``; if it is a stand-in, for which role, at
    what hourly cost and whether only as the last resort (job description § 1.4–1.5)."""
    for rule in team.substitutions:
        if rule.substitute == person.role and rule.for_role == service_role:
            if person.role == service_role:
                return True, None, rule.cost, False
            return True, service_role, rule.cost, rule.last_resort
    if person.role == service_role:
        return True, None, 0, False
    return False, None, 0, False


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def event_rows(horizon: Horizon, fixed: Sequence[FixedWork]) -> list[Assignment]:
    """The month's events as attended, as rows of the interchange format (``kind="event"``,
    their counted hours): what ``rota solve`` writes next to the shifts and the exports show
    in the grid."""
    rows = []
    for f in fixed:
        if f.in_month:
            start, end = horizon.instant(f.start), horizon.instant(f.end)
            rows.append(Assignment(f.person, start.date(), f.label, start, end, f.counted / 60, "event"))
    return rows


#: Duties after the month that the month's work is kept legal against (``fixed_work``'s
#: ``following``): the week and the 7 days that a week or 7-day window can share with it.
FOLLOWING_DAYS = 7


def fixed_work(team: Team, horizon: Horizon, history: Sequence[Assignment],
               following: Sequence[Assignment] = ()) -> list[FixedWork]:
    """Events the people attend (when not absent) in the month, before it and in the first
    ``FOLLOWING_DAYS`` days after it, the history rows before the month and the ``following``
    rows (duties fixed after it: the next month's published rota) of those days."""
    out: list[FixedWork] = []
    absences = _absence_minutes(team, horizon)
    seen: set[tuple[str, str, int]] = set()
    # an event row of the history stands for the team file's event that day, at whatever
    # times it says (as the checker reads it: the row, not the row and the event)
    history_events = {(r.person, r.code, r.day) for r in history if r.kind == "event"}
    for event in team.events:
        start_at, end_at = event.interval()
        s, e = horizon.minute(start_at), horizon.minute(end_at)
        if e <= horizon.minute(horizon.origin) - 14 * 24 * 60 or s >= horizon.end + FOLLOWING_DAYS * 24 * 60:
            continue
        for pid in event.attendees:
            try:
                person = team.person(pid)
            except KeyError:
                continue
            if not person.active or any(_overlaps(s, e, a0, a1) for a0, a1 in absences.get(pid, [])):
                continue
            if not person.employed_on(event.day):
                continue  # before the contract began or after it ended
            in_month = 0 <= s < horizon.end
            if s < 0 and (pid, event.code, event.day) in history_events:
                continue
            # the next month's first events too (the filter above): the month's last duties
            # keep their rest before them, as the next month's check reads this one's
            out.append(FixedWork(pid, s, e, counted_minutes(person, start_at, end_at), event.code, in_month,
                                 _night_minutes(person, start_at, end_at)))
            seen.add((pid, event.code, s))
    people = {p.id: p for p in team.people}
    service_of = {st.code: st.service for st in team.shift_types}
    for row in history:
        s, e = horizon.minute(row.start), horizon.minute(row.end)
        if s >= 0 or (row.person, row.code, s) in seen:
            continue
        person = people.get(row.person)
        night = _night_minutes(person, row.start, row.end) if person is not None else 0
        service = service_of.get(row.code) if row.kind == "shift" else None
        out.append(FixedWork(row.person, s, e, row_minutes(team, row), row.code, False, night, service))
    for row in following:
        s, e = horizon.minute(row.start), horizon.minute(row.end)
        if not horizon.end <= s < horizon.end + FOLLOWING_DAYS * 24 * 60:
            continue
        person = people.get(row.person)
        night = _night_minutes(person, row.start, row.end) if person is not None else 0
        out.append(FixedWork(row.person, s, e, row_minutes(team, row), row.code, False, night))
    return out


def row_minutes(team: Team, row: Assignment) -> int:
    """Counted minutes of a history row as the checker counts them: from its start and end
    under the person's break rules (TLS § 47), not the hours written in the file; the
    written hours only for someone no longer in the team."""
    try:
        person = team.person(row.person)
    except KeyError:
        return round(row.hours * 60)
    return counted_minutes(person, row.start, row.end)


def _night_minutes(person: Person, start: datetime, end: datetime) -> int:
    st = person.settings
    return round(worktime.split_hours(start, end, st.night_start_hour, st.night_end_hour).night * 60)


def counted_minutes(person: Person, start: datetime, end: datetime) -> int:
    st = person.settings
    hours = worktime.counted_hours(start, end, st.break_after_hours, st.break_minutes, st.break_counts_as_work)
    return round(hours * 60)


def _absence_minutes(team: Team, horizon: Horizon) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for absence in team.absences:
        a, b = absence.interval()
        out.setdefault(absence.person, []).append((horizon.minute(a), horizon.minute(b)))
    return out


def build_candidates(team: Team, horizon: Horizon, fixed: Sequence[FixedWork],
                     worked: frozenset[tuple[str, date, str]] = frozenset()) -> list[Candidate]:
    """Every (person, day, shift) that eligibility, absences, events and the employment
    contract (``Person.employed_on``) allow. ``worked``:
    (person, day, shift code) of days already past that the month keeps as they happened
    (``SolveOptions.recorded_before``); they were worked with the team as it was then, so the
    team's eligibility now (services, the shift's weekdays, substitution rules, fitness for
    nights: changed since, to apply to the days ahead) does not remove them. An absence or
    an event at their time still does."""
    absences = _absence_minutes(team, horizon)
    fixed_by_person: dict[str, list[FixedWork]] = {}
    for f in fixed:
        fixed_by_person.setdefault(f.person, []).append(f)
    services = {s.code: s for s in team.services}
    out: list[Candidate] = []
    for person in team.active_people:
        st = person.settings
        for day in horizon.days:
            if not person.employed_on(day):
                continue  # outside the employment contract: no working time, worked or planned
            for shift in team.shift_types:
                kept = (person.id, day, shift.code) in worked
                if not kept and (day.weekday() not in shift.weekdays or shift.service not in person.services):
                    continue
                service = services.get(shift.service)
                if service is None:
                    continue
                allowed, for_role, cost, last_resort = substitution_cost(team, person, service.role)
                if not allowed and not kept:
                    continue
                start_at, end_at = shift.interval(day)
                if last_resort and not kept and not _needed(team, day, shift, start_at, end_at):
                    continue  # a last resort covers a need, never just fills hours
                s, e = horizon.minute(start_at), horizon.minute(end_at)
                if not person.employed_at(start_at, end_at):
                    continue  # a night from the contract's last day runs past its end
                if any(_overlaps(s, e, a0, a1) for a0, a1 in absences.get(person.id, [])):
                    continue
                if any(_overlaps(s, e, f.start, f.end) for f in fixed_by_person.get(person.id, [])):
                    continue
                split = worktime.split_hours(start_at, end_at, st.night_start_hour, st.night_end_hour)
                is_night = split.night >= st.night_worker_threshold_hours - 1e-9
                if is_night and not person.may_work_nights and not kept:
                    continue
                out.append(
                    Candidate(
                        index=len(out),
                        person=person.id,
                        day=day,
                        shift=shift.code,
                        service=shift.service,
                        start=s,
                        end=e,
                        counted=counted_minutes(person, start_at, end_at),
                        night=round(split.night * 60),
                        holiday=round(split.holiday * 60),
                        is_night=is_night,
                        substitute_for=for_role,
                        substitute_cost=cost,
                        last_resort=last_resort,
                        weekend=day.weekday() >= 5,
                        start_at=start_at,
                        end_at=end_at,
                    )
                )
    return out


def _needed(team: Team, day: date, shift: ShiftType, start_at: datetime, end_at: datetime) -> bool:
    """Whether a coverage need asks for people on ``shift`` that day: a need of the shift, or
    a window need of its service that the shift overlaps (job description § 1.4–1.5: the
    team lead stands in only where the line needs someone)."""
    for need in needs_on(team, day):
        if need.service != shift.service or max(need.minimum, need.desired) <= 0:
            continue
        if need.shift == shift.code:
            return True
        if need.shift is None:
            w0, w1 = need.window(day)
            if start_at < w1 and w0 < end_at:
                return True
    return False


_SPECIFICITY = {DayType.DATE: 4, DayType.HOLIDAY: 3, DayType.WEEKDAY: 2, DayType.WEEKEND: 2, DayType.ALL: 1}


def _applies(need: CoverageNeed, day: date) -> bool:
    if need.day_type == DayType.DATE:
        return need.on == day
    if need.day_type == DayType.HOLIDAY:
        return worktime.is_public_holiday(day)
    if need.day_type == DayType.WEEKDAY:
        return day.weekday() < 5
    if need.day_type == DayType.WEEKEND:
        return day.weekday() >= 5
    return True


def needs_on(team: Team, day: date) -> list[CoverageNeed]:
    """The needs that apply on ``day``: per need key, the most specific ones (date > holiday >
    weekday/weekend > all). Two equally specific needs for one key both apply, as the checker
    reads them; team files and the web app refuse such pairs, but a team built otherwise may
    have them."""
    best: dict[tuple[str, str], list[CoverageNeed]] = {}
    for need in team.needs:
        if not _applies(need, day):
            continue
        current = best.setdefault(need.key, [])
        if current and _SPECIFICITY[need.day_type] < _SPECIFICITY[current[0].day_type]:
            continue
        if current and _SPECIFICITY[need.day_type] > _SPECIFICITY[current[0].day_type]:
            current.clear()
        current.append(need)
    return [need for group in best.values() for need in group]


def shift_interval_minutes(shift: ShiftType, day: date, horizon: Horizon) -> tuple[int, int]:
    a, b = shift.interval(day)
    return horizon.minute(a), horizon.minute(b)
