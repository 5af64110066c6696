"""Small hand-made teams and rota rows for the checker tests.

Hours in rows are worked out here from the clock (UTC difference, less 30 min in a shift
over 6 h unless breaks count as work: TLS § 47), independently of scheduler.worktime.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any, Sequence

from scheduler.checker import CheckReport, Violation, check_rota
from scheduler.domain import (
    TALLINN,
    Absence,
    AbsenceKind,
    Assignment,
    CoverageNeed,
    Event,
    EventKind,
    Person,
    Role,
    Service,
    ShiftType,
    SubstitutionRule,
    Team,
    Wish,
)
from scheduler.settings import RuleSettings

CRISIS = "CL"  # counsellor line work
DESK = "DESK"  # the team lead's own line duty

SERVICES = (
    Service(CRISIS, "Crisis line 116 006", Role.COUNSELLOR, languages=("et", "ru", "en")),
    Service(DESK, "Duty-lead desk", Role.TEAM_LEAD, languages=("et",)),
)


def st(code: str, start: str, end: str, service: str = CRISIS, **kw: Any) -> ShiftType:
    h1, m1 = (int(x) for x in start.split(":"))
    h2, m2 = (int(x) for x in end.split(":"))
    return ShiftType(code, code, service, time(h1, m1), time(h2 % 24, m2), **kw)


SHIFT_TYPES = (
    st("A", "08:00", "20:00"),  # 12 h day
    st("N", "20:00", "08:00"),  # 12 h night, 8 h of it 22–06
    st("L", "22:00", "08:00"),  # 10 h night (9 h / 11 h on the DST nights)
    st("M", "08:00", "16:00"),  # 8 h
    st("E", "16:00", "00:00"),  # 8 h evening, 2 h at night
    st("V", "09:00", "17:00", service=DESK),  # the lead's desk
)

SUBSTITUTIONS = (
    SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, cost=60, last_resort=True),
    SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD),
)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """A Europe/Tallinn wall-clock instant."""
    return datetime(y, mo, d, h, mi, tzinfo=TALLINN)


def clock_hours(start: datetime, end: datetime, break_counts_as_work: bool = False) -> float:
    elapsed = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600
    if elapsed > 6 and not break_counts_as_work:
        elapsed -= 0.5
    return elapsed


def person(
    pid: str,
    name: str | None = None,
    *,
    role: Role = Role.COUNSELLOR,
    languages: Sequence[str] = ("et",),
    services: Sequence[str] = (CRISIS,),
    fte: float = 1.0,
    may_work_nights: bool = True,
    active: bool = True,
    **settings: Any,
) -> Person:
    return Person(
        id=pid,
        name=name or pid.capitalize(),
        role=role,
        fte=fte,
        languages=tuple(languages),
        services=tuple(services),
        may_work_nights=may_work_nights,
        active=active,
        settings=RuleSettings(**settings),
    )


MARI = person("mari", "Mari Tamm", languages=("et", "en"))
JAAN = person("jaan", "Jaan Kask", languages=("et", "ru"))


def make_team(
    people: Sequence[Person] = (MARI, JAAN),
    *,
    shift_types: Sequence[ShiftType] = SHIFT_TYPES,
    needs: Sequence[CoverageNeed] = (),
    absences: Sequence[Absence] = (),
    events: Sequence[Event] = (),
    wishes: Sequence[Wish] = (),
    substitutions: Sequence[SubstitutionRule] = SUBSTITUTIONS,
    **settings: Any,
) -> Team:
    """A team whose people all get ``settings`` (on top of their own)."""
    team_settings = RuleSettings(**settings)
    if settings:
        people = [replace(p, settings=replace(p.settings, **settings)) for p in people]
    return Team(
        name="Test team",
        settings=team_settings,
        people=tuple(people),
        services=SERVICES,
        shift_types=tuple(shift_types),
        needs=tuple(needs),
        absences=tuple(absences),
        events=tuple(events),
        wishes=tuple(wishes),
        substitutions=tuple(substitutions),
    )


def shift(team: Team, pid: str, day: date, code: str, hours: float | None = None) -> Assignment:
    """A row for shift ``code`` starting on ``day``, with hours from the clock."""
    start, end = team.shift_type(code).interval(day)
    if hours is None:
        try:
            counts = team.person(pid).settings.break_counts_as_work
        except KeyError:
            counts = False
        hours = clock_hours(start, end, counts)
    return Assignment(pid, day, code, start, end, round(hours, 4), "shift")


def shifts(team: Team, pid: str, code: str, *days: date) -> list[Assignment]:
    return [shift(team, pid, d, code) for d in days]


def raw(
    pid: str,
    start: datetime,
    end: datetime,
    code: str = "A",
    kind: str = "shift",
    hours: float | None = None,
) -> Assignment:
    """A row with explicit times (for shifts that do not match a shift type)."""
    if hours is None:
        hours = clock_hours(start, end)
    return Assignment(pid, start.date(), code, start, end, hours, kind)


def event(
    code: str,
    day: date,
    start: str,
    end: str,
    attendees: Sequence[str],
    kind: EventKind = EventKind.SUPERVISION,
) -> Event:
    h1, m1 = (int(x) for x in start.split(":"))
    h2, m2 = (int(x) for x in end.split(":"))
    return Event(code, f"{kind} {code}", kind, day, time(h1, m1), time(h2, m2), tuple(attendees))


def event_row(e: Event, pid: str) -> Assignment:
    start, end = e.interval()
    return Assignment(pid, e.day, e.code, start, end, clock_hours(start, end), "event")


def vacation(pid: str, first: date, last: date) -> Absence:
    return Absence(pid, AbsenceKind.VACATION, first, last)


def check(
    team: Team,
    rows: Sequence[Assignment],
    history: Sequence[Assignment] = (),
    year: int = 2027,
    month: int = 3,
) -> CheckReport:
    return check_rota(team, year, month, rows, history)


def found(report: CheckReport, rule: str) -> list[Violation]:
    return [v for v in report.violations if v.rule == rule]


def d(month: int, day: int, year: int = 2027) -> date:
    return date(year, month, day)
