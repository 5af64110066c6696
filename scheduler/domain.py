"""Domain facts of a rota: people, services, shift types, needs, absences, events, wishes.

Everything here is data. Facts are frozen dataclasses; behaviour lives in the modules that
read them (``worktime`` for hours and norms, ``validator`` for the law, ``solver`` for
building rotas). All wall-clock times are Europe/Tallinn; a duty's length is *elapsed* time,
which differs from wall-clock difference on the two DST nights (domain.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from scheduler.settings import RuleSettings

TALLINN = ZoneInfo("Europe/Tallinn")

#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): names and ids
#: may not start so (team file, web forms), and the exports quote any text that does.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


class Role(StrEnum):
    """Job role (job description § 1.4–1.5)."""

    COUNSELLOR = "counsellor"
    TEAM_LEAD = "team_lead"


class AbsenceKind(StrEnum):
    VACATION = "vacation"
    SICK = "sick"
    TRAINING = "training"
    OTHER = "other"


class EventKind(StrEnum):
    SUPERVISION = "supervision"
    COVISION = "covision"
    TRAINING = "training"
    MEETING = "meeting"


class WishKind(StrEnum):
    DAY_OFF = "day_off"
    SHIFT_WANTED = "shift_wanted"
    SHIFT_NOT_WANTED = "shift_not_wanted"


class DayType(StrEnum):
    """Which days a coverage need applies to. A more specific need replaces a general one:
    ``date`` > ``holiday`` > ``weekday``/``weekend`` > ``all``."""

    ALL = "all"
    WEEKDAY = "weekday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    DATE = "date"


def clock_span(start: time, end: time) -> str:
    """``"17:00–24:00"``: a shift's or window's hours as a team file writes them, an end at
    midnight as 24:00 (``"17:00–00:00"`` reads as running backwards)."""
    return f"{start:%H:%M}–{'24:00' if end == time(0) else f'{end:%H:%M}'}"


def local(day: date, at: time) -> datetime:
    """The Europe/Tallinn instant at wall-clock ``at`` on ``day``.

    On the spring-forward night 03:00–04:00 does not exist; ``fold=0`` maps it forward as
    zoneinfo does. Hours are always measured in UTC, see :func:`elapsed_hours`.
    """
    return datetime.combine(day, at, tzinfo=TALLINN)


def elapsed_hours(start: datetime, end: datetime) -> float:
    """Real elapsed hours between two aware instants (converted to UTC first, domain.md §4)."""
    return (end.astimezone(ZoneInfo("UTC")) - start.astimezone(ZoneInfo("UTC"))).total_seconds() / 3600


@dataclass(frozen=True)
class Service:
    """A line the team staffs, e.g. the 116 006 crisis line.

    ``role`` says whose work it is: counsellor line work or the team lead's own line duty.
    Whoever takes it must list it among their services and be of that role or allowed by a
    substitution rule to stand in for it.
    """

    code: str
    name: str
    role: Role = Role.COUNSELLOR
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    colour: str = "#4e79a7"


@dataclass(frozen=True)
class ShiftType:
    """A kind of shift: local start and end; ``end <= start`` means it crosses midnight."""

    code: str
    name: str
    service: str
    start: time
    end: time
    channel: str = ""
    #: Weekdays (0 = Monday) on which the shift exists; all days by default.
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def interval(self, day: date) -> tuple[datetime, datetime]:
        """Aware start and end of this shift when it starts on ``day``."""
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        return local(day, self.start), local(end_day, self.end)

    def elapsed_hours(self, day: date) -> float:
        return elapsed_hours(*self.interval(day))


@dataclass(frozen=True)
class LanguageMinimum:
    language: str
    count: int


@dataclass(frozen=True)
class CoverageNeed:
    """How many people a service needs: on one shift type, or throughout a time window.

    ``day_type`` selects the days; ``on`` is the specific date when ``day_type`` is ``date``.
    ``minimum`` is hard, ``desired`` is a soft target above it; language minima are hard.
    """

    service: str
    day_type: DayType
    minimum: int
    desired: int
    shift: str | None = None
    window_start: time | None = None
    window_end: time | None = None
    on: date | None = None
    languages: tuple[LanguageMinimum, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """What the need is about, independent of which days it applies to."""
        if self.shift is not None:
            return (self.service, f"shift:{self.shift}")
        return (self.service, f"window:{self.window_start:%H:%M}-{self.window_end:%H:%M}")

    def window(self, day: date) -> tuple[datetime, datetime]:
        assert self.window_start is not None and self.window_end is not None
        end_day = day + timedelta(days=1) if self.window_end <= self.window_start else day
        return local(day, self.window_start), local(end_day, self.window_end)

    def label(self) -> str:
        if self.shift is not None:
            return f"{self.service} {self.shift}"
        return f"{self.service} {clock_span(self.window_start, self.window_end)}"


@dataclass(frozen=True)
class Person:
    """A member of the team. ``services`` are the services they may take; ``settings`` are
    their effective rule settings (the team's, with this person's lawful overrides)."""

    id: str
    name: str
    role: Role
    fte: float
    languages: tuple[str, ...]
    services: tuple[str, ...]
    may_work_nights: bool = True
    active: bool = True
    email: str = ""
    settings: RuleSettings = field(default_factory=RuleSettings)
    #: The load (FTE) of earlier months where it was another than ``fte`` (changed since:
    #: ((year, month), fte) from the rota each was planned with): their norms are their own,
    #: so the balance an accounting period carries is not recomputed with today's load.
    earlier_loads: tuple[tuple[tuple[int, int], float], ...] = ()
    #: The norm (hours, after absences) of earlier months as the rota each was last published
    #: with has it: ((year, month), hours). An accounting period's balance counts those months'
    #: hours from that rota, so their norm is taken from the same moment (an absence entered
    #: since, and published with a new version of that month, counts once that version is out).
    earlier_norms: tuple[tuple[tuple[int, int], float], ...] = ()
    #: The first and the last day of the employment contract (None: not limited that way): a
    #: counsellor who starts on the 15th, or whose contract ends on the 20th. Days outside it
    #: are no working time: nobody plans a duty on them, and they count neither in the norm
    #: (TLS § 43, § 46: the working time of the contract) nor in the 48 h average.
    employed_from: date | None = None
    employed_until: date | None = None
    #: A load that changed on a day: ``fte`` applies from ``fte_from`` on, ``fte_before`` on the
    #: days before it (0.6 to the 15th, 0.4 from the 16th: the month's norm is of each part,
    #: TLS § 43). None: ``fte`` throughout (a month of ``earlier_loads`` has its own).
    fte_from: date | None = None
    fte_before: float | None = None

    def employed_on(self, day: date) -> bool:
        """Whether ``day`` lies within the employment contract (:attr:`employed_from` ..
        :attr:`employed_until`)."""
        return ((self.employed_from is None or self.employed_from <= day)
                and (self.employed_until is None or day <= self.employed_until))

    def employed_at(self, start: datetime, end: datetime) -> bool:
        """Whether work from ``start`` to ``end`` lies within the employment contract: from
        00:00 of :attr:`employed_from` to 24:00 of :attr:`employed_until` (a night that starts
        on the last day ends after the contract)."""
        if self.employed_from is not None and start < local(self.employed_from, time(0)):
            return False
        return self.employed_until is None or end <= local(self.employed_until + timedelta(days=1), time(0))

    def employed_span(self, first: date, last: date) -> tuple[date, date] | None:
        """The part of ``first``..``last`` within the employment contract, or None."""
        if self.employed_from is not None:
            first = max(first, self.employed_from)
        if self.employed_until is not None:
            last = min(last, self.employed_until)
        return (first, last) if first <= last else None

    @property
    def daily_hours(self) -> float:
        """Contractual hours of one working day: 8 h × FTE (TLS § 43 (1))."""
        return round(8.0 * self.fte, 4)

    def fte_in(self, year: int, month: int) -> float:
        """The load the person had at the end of ``year``-``month`` (:attr:`earlier_loads`, else
        :attr:`fte_before` for a month wholly before :attr:`fte_from`, else :attr:`fte`)."""
        known = dict(self.earlier_loads)
        if (year, month) in known:
            return known[(year, month)]
        if self.fte_from is not None and self.fte_before is not None and \
                (self.fte_from.year, self.fte_from.month) > (year, month):
            return self.fte_before
        return self.fte

    def loads_between(self, first: date, last: date) -> list[tuple[date, date, float]]:
        """``first``..``last`` (within one month) in parts of one load each: (first day, last
        day, FTE). A month's load is :meth:`fte_in`; a load changed within it (:attr:`fte_from`)
        cuts it, :attr:`fte_before` before the day."""
        load = self.fte_in(first.year, first.month)
        change = self.fte_from
        if change is None or self.fte_before is None or (change.year, change.month) != (first.year, first.month):
            return [(first, last, load)]
        if last < change:
            return [(first, last, self.fte_before)]  # all of it before the change of its month
        if change <= first:
            return [(first, last, load)]
        return [(first, change - timedelta(days=1), self.fte_before), (change, last, load)]

    def daily_hours_in(self, year: int, month: int) -> float:
        """:attr:`daily_hours` with the load the person had in ``year``-``month``."""
        return round(8.0 * self.fte_in(year, month), 4)


@dataclass(frozen=True)
class Absence:
    """Time a person is not available. Whole days when ``start_time`` is None, otherwise
    the interval from ``first_day start_time`` to ``last_day end_time``."""

    person: str
    kind: AbsenceKind
    first_day: date
    last_day: date
    start_time: time | None = None
    end_time: time | None = None
    note: str = ""
    #: Whether it lowers the working-time norm (domain.md §3: vacation, sick leave, training
    #: away …). A counsellor's own "not available" is a request not to be planned then: the
    #: month's hours are planned on other days, and withdrawing it changes no norm.
    reduces_norm: bool = True
    #: The month (year, month) of the rota the absence was recorded on, and the hours of the
    #: duties that rota had planned for the person in it (a sick leave re-planned): with the
    #: setting ``absence_norm_reduction = "scheduled_hours"`` these hours, not the daily hours
    #: of its days, lower that month's norm (domain.md §3). None for an absence known before
    #: its month was planned.
    rota_month: tuple[int, int] | None = None
    scheduled_hours: float | None = None

    @property
    def whole_days(self) -> bool:
        return self.start_time is None

    def interval(self) -> tuple[datetime, datetime]:
        if self.start_time is None or self.end_time is None:
            return local(self.first_day, time(0)), local(self.last_day + timedelta(days=1), time(0))
        return local(self.first_day, self.start_time), local(self.last_day, self.end_time)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether the absence covers part of ``start``..``end`` (a duty, an event)."""
        away_from, away_to = self.interval()
        return away_from < end and start < away_to

    @property
    def leave(self) -> tuple:
        """The absence as one leave — whose, what kind, when — whatever its record (note,
        rota month, scheduled hours): the same leave entered or read twice compares equal."""
        return (self.person, self.kind, self.first_day, self.last_day, self.start_time, self.end_time)

    def full_days(self) -> list[date]:
        """The days the absence covers from midnight to midnight: all its days when it is
        whole days; of one given with times (sick from Monday 00:00 to Saturday 00:00), those
        it covers entirely. These are the days that reduce the norm (domain.md §3)."""
        if self.whole_days:
            return self.days()
        start, end = self.interval()
        return [d for d in self.days() if start <= local(d, time(0)) and local(d + timedelta(days=1), time(0)) <= end]

    def norm_days(self) -> list[date]:
        """The days that lower the norm: :meth:`full_days` when it ``reduces_norm``."""
        return self.full_days() if self.reduces_norm else []

    def recorded_in(self, day: date) -> bool:
        """Whether ``day`` lies in the month of the rota the absence's scheduled hours were
        recorded on (:attr:`rota_month`)."""
        return self.scheduled_hours is not None and (day.year, day.month) == self.rota_month

    def days(self) -> list[date]:
        """The days the absence touches: a timed one that ends at 00:00 (the end of the day
        before, "until 24:00") does not touch its last day."""
        last = self.last_day
        if self.end_time == time(0) and self.start_time is not None and last > self.first_day:
            last -= timedelta(days=1)
        n = (last - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(n)]


@dataclass(frozen=True)
class Event:
    """Supervision, covision, training or a meeting: working time that blocks shifts
    (job description § 3.8)."""

    code: str
    name: str
    kind: EventKind
    day: date
    start: time
    end: time
    attendees: tuple[str, ...]

    def interval(self) -> tuple[datetime, datetime]:
        end_day = self.day + timedelta(days=1) if self.end <= self.start else self.day
        return local(self.day, self.start), local(end_day, self.end)

    def clashes_with(self, other: Event) -> tuple[str, ...]:
        """The attendees of both events when they overlap in time (a person attends one event
        at a time); () when they do not."""
        (start, end), (o_start, o_end) = self.interval(), other.interval()
        if not (start < o_end and o_start < end):
            return ()
        return tuple(a for a in self.attendees if a in other.attendees)

    @property
    def hours(self) -> float:
        return elapsed_hours(*self.interval())


@dataclass(frozen=True)
class Wish:
    """A person's wish for a day: a day off, a shift wanted or a shift not wanted."""

    person: str
    day: date
    kind: WishKind
    shift: str | None = None
    weight: int = 1


@dataclass(frozen=True)
class SubstitutionRule:
    """People of role ``substitute`` may do work that belongs to role ``for_role``
    (job description § 1.4–1.5). ``cost`` is the soft penalty per hour of such work;
    ``last_resort`` marks the team lead's line duty, reported when used."""

    substitute: Role
    for_role: Role
    cost: int = 0
    last_resort: bool = False


@dataclass(frozen=True)
class Team:
    """Everything the solver and the checker need to know about a team."""

    name: str
    settings: RuleSettings
    people: tuple[Person, ...]
    services: tuple[Service, ...]
    shift_types: tuple[ShiftType, ...]
    needs: tuple[CoverageNeed, ...]
    absences: tuple[Absence, ...] = ()
    events: tuple[Event, ...] = ()
    wishes: tuple[Wish, ...] = ()
    substitutions: tuple[SubstitutionRule, ...] = ()
    source: str = ""

    def person(self, person_id: str) -> Person:
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def service(self, code: str) -> Service:
        for s in self.services:
            if s.code == code:
                return s
        raise KeyError(code)

    def shift_type(self, code: str) -> ShiftType:
        for s in self.shift_types:
            if s.code == code:
                return s
        raise KeyError(code)

    @property
    def active_people(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.active)


@dataclass(frozen=True)
class Assignment:
    """One row of the rota interchange format (``assignments.csv``): a shift or an event
    attended. ``day`` is the day the duty starts; ``hours`` are counted working hours."""

    person: str
    day: date
    code: str
    start: datetime
    end: datetime
    hours: float
    kind: str = "shift"  # "shift" | "event"

    @property
    def elapsed(self) -> float:
        return elapsed_hours(self.start, self.end)
