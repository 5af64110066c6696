"""The month as the checker sees it: every person's working time, measured in UTC.

Working time comes from three places (domain.md §2, §4):

* the month's rota rows (shifts and events starting in the month);
* history: earlier rows, for rest across the month boundary, weeks and 7-day windows cut by
  the month start and the earlier months of the accounting period;
* the team file's events (supervision, covision, training: job description § 3.8), which are
  working time for every attendee who is not absent at that time. A rota row of kind
  ``event`` for the same person, code and start *is* that event and is counted once.

All instants are converted to UTC on the way in: hours are elapsed hours, and two aware
datetimes that share one ``ZoneInfo`` would otherwise be compared and subtracted by wall
clock (wrong on both DST nights). Counted hours are recomputed here from the person's
settings with :func:`scheduler.worktime.counted_hours`; the rows' ``hours`` are only the
planner's claim, which the ``hours`` rule compares.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Callable, Iterable, Sequence, TypeVar

from scheduler import worktime
from scheduler.domain import TALLINN, Assignment, Event, Person, Service, ShiftType, Team, local
from scheduler.settings import RuleSettings


def utc(instant: datetime) -> datetime:
    """``instant`` in UTC; a naive datetime is read as Europe/Tallinn wall clock."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=TALLINN)
    return instant.astimezone(UTC)


def midnight(day: date) -> datetime:
    """The UTC instant of local midnight at the start of ``day``."""
    return utc(local(day, time(0)))


def hours_between(start: datetime, end: datetime) -> float:
    """Elapsed hours from ``start`` to ``end`` (both aware)."""
    return (utc(end) - utc(start)).total_seconds() / 3600


#: Slack for comparing hours computed from instants: far below a second.
EPS = 1e-6
#: Hours differences up to this are rounding (the rota file writes two decimals).
HOURS_TOLERANCE = 0.01


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


T = TypeVar("T")


def runs_of_days(items: Iterable[T], day: Callable[[T], date]) -> list[list[T]]:
    """Group items, in day order, whose days follow each other: overlapping 7-day windows
    that break one rule are one finding, not one per window."""
    runs: list[list[T]] = []
    for item in items:
        if runs and (day(item) - day(runs[-1][-1])).days == 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


@dataclass(frozen=True)
class Work:
    """One stretch of working time of one person: a shift or an event.

    ``start``/``end`` are UTC. ``counted`` are the working hours recomputed from the person's
    settings (TLS § 47 break rule); ``claimed`` the hours written in the rota row (None for a
    team event that has no row). ``in_month`` when the work starts on a day of the checked
    month; ``from_rota`` when it is a row of the checked month's rota (not history, not a
    team-file event without a row). ``event`` is the team event this is, if any.
    """

    person: str
    day: date
    code: str
    kind: str
    start: datetime
    end: datetime
    counted: float
    claimed: float | None
    in_month: bool
    from_rota: bool
    event: Event | None = None
    shift_type: ShiftType | None = None
    service: Service | None = None

    @property
    def is_shift(self) -> bool:
        return self.kind == "shift"

    @property
    def is_row(self) -> bool:
        """A row of a rota (this month's or history), not a team event without a row."""
        return self.claimed is not None

    @property
    def elapsed(self) -> float:
        return hours_between(self.start, self.end)

    def overlap_hours(self, start: datetime, end: datetime) -> float:
        lo, hi = max(self.start, start), min(self.end, end)
        return max(0.0, (hi - lo).total_seconds() / 3600)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Duty:
    """Work separated by less than the daily rest belongs to one duty (TLS § 51; domain.md
    §2 "How the checker reads the rest rules")."""

    person: str
    parts: tuple[Work, ...]

    @property
    def start(self) -> datetime:
        return self.parts[0].start

    @property
    def end(self) -> datetime:
        return max(p.end for p in self.parts)

    @property
    def span_hours(self) -> float:
        return hours_between(self.start, self.end)

    @property
    def in_month(self) -> bool:
        return any(p.in_month for p in self.parts)


def merge_duties(person: str, work: Sequence[Work], daily_rest_hours: float) -> tuple[Duty, ...]:
    """Group ``work`` (sorted by start) into duties: a gap shorter than the daily rest does
    not end a duty."""
    duties: list[Duty] = []
    current: list[Work] = []
    current_end: datetime | None = None
    for w in work:
        if current_end is not None and hours_between(current_end, w.start) < daily_rest_hours:
            current.append(w)
            current_end = max(current_end, w.end)
            continue
        if current:
            duties.append(Duty(person, tuple(current)))
        current, current_end = [w], w.end
    if current:
        duties.append(Duty(person, tuple(current)))
    return tuple(duties)


class RotaMonth:
    """A month's rota with its history and the team file, ready for the rules.

    Rows of ``assignments`` whose day falls before the month are treated as history; rows
    after the month are kept aside in ``later_rows`` (not checked). History rows on or after
    the month's first day are ignored: the month's own rows are authoritative.
    ``recorded_before``: the first day not yet begun when the rota is checked (None: the whole
    month is a plan); what lies before it is a record of what happened. ``begun_before`` (with
    it): the moment of the check — a duty begun before it has happened too.
    """

    def __init__(
        self,
        team: Team,
        year: int,
        month: int,
        assignments: Sequence[Assignment],
        history: Sequence[Assignment] = (),
        recorded_before: date | None = None,
        begun_before: datetime | None = None,
    ) -> None:
        self.team = team
        self.recorded_before = recorded_before
        self.begun_before = begun_before if recorded_before is not None else None
        self.year = year
        self.month = month
        self.first, self.last = worktime.month_bounds(year, month)
        self.start = midnight(self.first)
        self.end = midnight(self.last + timedelta(days=1))
        self._people = {p.id: p for p in team.people}
        self._shift_types = {s.code: s for s in team.shift_types}
        self._services = {s.code: s for s in team.services}

        month_rows: list[Assignment] = []
        earlier: dict[tuple[str, str, str, datetime, datetime], Assignment] = {}
        later: list[Assignment] = []
        for a in assignments:
            if self.first <= a.day <= self.last:
                month_rows.append(a)
            elif a.day < self.first:
                earlier.setdefault(_row_key(a), a)
            else:
                later.append(a)
        for a in history:
            if a.day < self.first:
                earlier.setdefault(_row_key(a), a)
        self.later_rows: tuple[Assignment, ...] = tuple(later)
        #: Months before this one of which the history holds some rota rows: anyone's, and
        #: each person's own.
        self.history_months = frozenset((a.day.year, a.day.month) for a in earlier.values())
        self.history_months_of: dict[str, frozenset[tuple[int, int]]] = defaultdict(frozenset)
        for a in earlier.values():
            self.history_months_of[a.person] = self.history_months_of[a.person] | {(a.day.year, a.day.month)}
        self.month_assignments: tuple[Assignment, ...] = tuple(month_rows)

        team_events = {
            (pid, e.code, utc(e.interval()[0])): e
            for e in team.events
            for pid in e.attendees
        }
        rows: list[Work] = []
        work: dict[str, list[Work]] = defaultdict(list)
        seen_events: set[tuple[str, str, datetime]] = set()
        rows_of_events: set[tuple[str, str, date]] = set()
        for a, in_month in [(a, True) for a in month_rows] + [(a, False) for a in earlier.values()]:
            w = self._work_from_row(a, in_month, team_events)
            if w.event is not None:
                seen_events.add((w.person, w.code, w.start))
            elif w.kind == "event":
                # a row of the person's event at other times (reported by
                # unknown_references): the row stands for the event, not in addition to it
                rows_of_events.add((w.person, w.code, w.day))
            work[w.person].append(w)
            if in_month:
                rows.append(w)
        for e in team.events:
            if e.day > self.last:
                continue
            start, end = (utc(t) for t in e.interval())
            for pid in e.attendees:
                if ((pid, e.code, start) in seen_events or (pid, e.code, e.day) in rows_of_events
                        or self.absent(pid, start, end) or not (self._in_team(pid) or self.happened_day(e.day))
                        or not self.employed(pid, e.day)):
                    continue
                s = self.settings(pid)
                work[pid].append(
                    Work(
                        person=pid,
                        day=e.day,
                        code=e.code,
                        kind="event",
                        start=start,
                        end=end,
                        counted=worktime.counted_hours(
                            start, end, s.break_after_hours, s.break_minutes, s.break_counts_as_work
                        ),
                        claimed=None,
                        in_month=self.first <= e.day <= self.last,
                        from_rota=False,
                        event=e,
                    )
                )
        self.rows: tuple[Work, ...] = tuple(sorted(rows, key=_work_order))
        self.work: dict[str, tuple[Work, ...]] = {
            pid: tuple(sorted(ws, key=_work_order)) for pid, ws in work.items()
        }

    # --- building -------------------------------------------------------------------------

    def _work_from_row(
        self,
        a: Assignment,
        in_month: bool,
        team_events: dict[tuple[str, str, datetime], Event],
    ) -> Work:
        start, end = utc(a.start), utc(a.end)
        s = self.settings(a.person)
        shift_type = self._shift_types.get(a.code) if a.kind == "shift" else None
        service = self._services.get(shift_type.service) if shift_type is not None else None
        event = team_events.get((a.person, a.code, start)) if a.kind == "event" else None
        return Work(
            person=a.person,
            day=a.day,
            code=a.code,
            kind=a.kind,
            start=start,
            end=end,
            counted=worktime.counted_hours(
                start, end, s.break_after_hours, s.break_minutes, s.break_counts_as_work
            ),
            claimed=a.hours,
            in_month=in_month,
            from_rota=in_month,
            event=event,
            shift_type=shift_type,
            service=service,
        )

    # --- people ---------------------------------------------------------------------------

    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def happened_day(self, day: date) -> bool:
        """Whether ``day`` lies before the first day not yet begun (``recorded_before``)."""
        return self.recorded_before is not None and day < self.recorded_before

    def happened(self, w: Work) -> bool:
        """Whether the row ``w`` has happened: its day is past, or it began before the moment
        of the check (``begun_before``: a duty under way)."""
        return self.happened_day(w.day) or (self.begun_before is not None and w.start < self.begun_before)

    def _in_team(self, person_id: str) -> bool:
        """Whether the person is an active member of the team file: someone set inactive (or
        unknown) attends none of its events ahead — their row, if the rota has one, says
        otherwise; an event of a day already past they attended before they left."""
        p = self._people.get(person_id)
        return p is not None and p.active

    def employed(self, person_id: str, day: date) -> bool:
        """Whether ``day`` lies within the person's employment contract (``Person.employed_on``;
        an unknown id: not limited)."""
        p = self._people.get(person_id)
        return p is None or p.employed_on(day)

    def settings(self, person_id: str) -> RuleSettings:
        """The person's effective settings; the team's for an unknown id."""
        p = self._people.get(person_id)
        return p.settings if p is not None else self.team.settings

    def name(self, person_id: str) -> str:
        p = self._people.get(person_id)
        return p.name if p is not None else person_id

    def shift_type(self, code: str) -> ShiftType | None:
        return self._shift_types.get(code)

    def service(self, code: str) -> Service | None:
        return self._services.get(code)

    @property
    def people_at_work(self) -> list[str]:
        """Ids of everyone with working time in the month, in team order, unknown ids last."""
        ids = {pid for pid, ws in self.work.items() if any(w.in_month for w in ws)}
        ordered = [p.id for p in self.team.people if p.id in ids]
        return ordered + sorted(ids - set(ordered))

    # --- working time ---------------------------------------------------------------------

    def all_work(self, person_id: str) -> tuple[Work, ...]:
        return self.work.get(person_id, ())

    def month_work(self, person_id: str) -> tuple[Work, ...]:
        return tuple(w for w in self.all_work(person_id) if w.in_month)

    def work_between(self, person_id: str, first: date, last: date) -> tuple[Work, ...]:
        """Work that starts on a day ``first``..``last`` (a shift belongs to its start day)."""
        return tuple(w for w in self.all_work(person_id) if first <= w.day <= last)

    @cached_property
    def _duties(self) -> dict[str, tuple[Duty, ...]]:
        return {
            pid: merge_duties(pid, ws, self.settings(pid).daily_rest_hours)
            for pid, ws in self.work.items()
        }

    def duties(self, person_id: str) -> tuple[Duty, ...]:
        return self._duties.get(person_id, ())

    def night_hours(self, person_id: str, works: Iterable[Work]) -> float:
        s = self.settings(person_id)
        return sum(
            worktime.split_hours(w.start, w.end, s.night_start_hour, s.night_end_hour).night
            for w in works
        )

    # --- absences and norms ---------------------------------------------------------------

    def absences(self, person_id: str) -> list[tuple[datetime, datetime, str]]:
        """(UTC start, UTC end, kind) of the person's absences in the team file."""
        return [
            (utc(a.interval()[0]), utc(a.interval()[1]), str(a.kind))
            for a in self.team.absences
            if a.person == person_id
        ]

    def absent(self, person_id: str, start: datetime, end: datetime) -> bool:
        return any(s < end and start < e for s, e, _ in self.absences(person_id))

    def norm(self, person_id: str, first: date, last: date) -> float:
        """The person's norm of ``first``..``last`` after absences (TLS § 43, § 53; how
        absences lower it: setting ``absence_norm_reduction``, domain.md §3), each month with
        the load the person had then (``Person.earlier_loads``)."""
        p = self._people.get(person_id)
        if p is None:
            return 0.0
        return worktime.person_norm(p, first, last, self.team.absences)

    def month_norm(self, person_id: str) -> float:
        return self.norm(person_id, self.first, self.last)

    def period(self, person_id: str) -> tuple[date, date]:
        """The accounting period that holds this month (TLS § 43 (3), § 46)."""
        s = self.settings(person_id)
        return worktime.accounting_period(
            self.year, self.month, s.accounting_period_months, s.accounting_period_start_month
        )

    def known_period(self, person_id: str) -> tuple[date, list[tuple[int, int]]]:
        """The first day of the accounting period's known part for the person and the earlier
        months of the period in which the history holds none of their duties (no rota at all,
        or they were not in it: new in the team) unless they were away then
        (:func:`scheduler.worktime.known_months`, :func:`scheduler.worktime.known_period_start`)."""
        s = self.settings(person_id)
        known = worktime.known_months(self.history_months_of[person_id], self.history_months,
                                      [a for a in self.team.absences if a.person == person_id],
                                      self._people.get(person_id))
        return worktime.known_period_start(
            self.year, self.month, s.accounting_period_months, s.accounting_period_start_month, known)


def _row_key(a: Assignment) -> tuple[str, str, str, datetime, datetime]:
    return (a.person, a.kind, a.code, utc(a.start), utc(a.end))


def _work_order(w: Work) -> tuple[datetime, datetime, str, str]:
    return (w.start, w.end, w.kind, w.code)
