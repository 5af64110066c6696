"""The rota grid as the templates draw it: people × days, with the checker's findings put
on the cells they are about. Only presentation: statuses come from ``check_rota``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Sequence

from scheduler import worktime
from scheduler.checker import CheckReport, PersonReport, Violation
from scheduler.checker.coverage import needs_on
from scheduler.domain import TALLINN, Assignment, Person, Team


@dataclass
class Day:
    day: date
    weekend: bool
    holiday: str | None

    @property
    def shaded(self) -> str:
        return "holiday" if self.holiday else ("weekend" if self.weekend else "")


@dataclass
class Cell:
    person: Person
    day: Day
    codes: list[str] = field(default_factory=list)
    service: str = ""
    pinned: bool = False
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    changed: bool = False

    @property
    def status(self) -> str:
        return "hard" if self.hard else ("soft" if self.soft else "")

    @property
    def text(self) -> str:
        return "/".join(self.codes)

    @property
    def title(self) -> str:
        return "\n".join(self.hard + self.soft)


@dataclass
class Row:
    person: Person
    cells: list[Cell]
    report: PersonReport | None


@dataclass
class Coverage:
    day: Day
    assigned: int
    required: int
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "hard" if self.hard else ("soft" if self.soft else "")

    @property
    def title(self) -> str:
        return "\n".join(self.hard + self.soft)


@dataclass
class Grid:
    year: int
    month: int
    days: list[Day]
    rows: list[Row]
    coverage: list[Coverage]
    hard: list[Violation]
    soft: list[Violation]
    report: CheckReport
    legend: list[tuple[str, str, str]]  # (shift code, label, service code)


def month_days(year: int, month: int) -> list[Day]:
    first, last = worktime.month_bounds(year, month)
    holidays = worktime.public_holidays(year)
    return [Day(d, d.weekday() >= 5, holidays.get(d))
            for d in (first + timedelta(days=i) for i in range((last - first).days + 1))]


def violation_day(v: Violation) -> date | None:
    return v.start.astimezone(TALLINN).date() if v.start is not None else None


def build(team: Team, year: int, month: int, shifts: Sequence[Assignment], report: CheckReport,
          pinned: dict[tuple[str, date], str | None] | None = None,
          changed: set[tuple[str, date]] | None = None, people: Sequence[Person] | None = None) -> Grid:
    days = month_days(year, month)
    by_cell: dict[tuple[str, date], list[str]] = defaultdict(list)
    for a in shifts:
        by_cell[(a.person, a.day)].append(a.code)
    service_of = {st.code: st.service for st in team.shift_types}
    marks: dict[tuple[str | None, date], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for v in report.violations:
        d = violation_day(v)
        if d is None or not (days[0].day <= d <= days[-1].day):
            continue
        hard, soft = marks[(v.person, d)]
        (hard if v.hard else soft).append(f"{v.reason} ({v.source})")
    reports = {p.person: p for p in report.people}
    pinned = pinned or {}
    changed = changed or set()
    rows: list[Row] = []
    for person in people if people is not None else team.people:
        if not person.active and not any(k[0] == person.id for k in by_cell):
            continue
        cells = []
        for day in days:
            codes = by_cell.get((person.id, day.day), [])
            hard, soft = marks.get((person.id, day.day), ([], []))
            cells.append(Cell(person, day, codes, service_of.get(codes[0], "") if codes else "",
                              (person.id, day.day) in pinned, list(hard), list(soft),
                              (person.id, day.day) in changed))
        rows.append(Row(person, cells, reports.get(person.id)))
    coverage: list[Coverage] = []
    for day in days:
        required = sum(n.minimum for n in needs_on(team.needs, day.day) if n.shift is not None)
        assigned = sum(len(codes) for (pid, d), codes in by_cell.items() if d == day.day)
        hard, soft = marks.get((None, day.day), ([], []))
        coverage.append(Coverage(day, assigned, required, list(hard), list(soft)))
    legend = [(st.code, f"{st.name} {st.start:%H:%M}–{st.end:%H:%M}", st.service)
              for st in team.shift_types]
    return Grid(year, month, days, rows, coverage, list(report.hard), list(report.soft), report, legend)
