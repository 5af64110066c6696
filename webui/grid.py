"""The rota grid as the templates draw it: people × days, with the checker's findings put
on the cells they are about. Only presentation: statuses come from ``check_rota``."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scheduler import worktime
from scheduler.checker import CheckReport, PersonReport, Violation
from scheduler.checker.coverage import needs_on
from scheduler.domain import (TALLINN, Absence, AbsenceKind, Assignment, CoverageNeed, Event, Person, ShiftType,
                              Team, clock_span)
from scheduler.exports import ABSENCE_MARKS
from webui import reasons

#: Absence kinds as the grid shows them: (label, abbreviation written in the cell).
#: ``away`` is what colleagues see of someone else's absence on the team rota.
ABSENCE_KINDS: dict[str, tuple[Any, Any]] = {
    "vacation": (_l("vacation"), _l("vac")),
    "sick": (_l("sick leave"), _l("sick")),
    "training": (_l("training away"), _l("trn")),
    "other": (_l("other absence"), _l("abs")),
    "away": (_l("absent"), _l("abs")),
}


#: What a counsellor's own unavailability entered without a note says (its note is stored
#: empty: the label follows the viewer's language).
UNAVAILABLE = _l("unavailable")


def absence_note(absence: Absence) -> str:
    """An absence's note as the pages show it: the counsellor's own unavailability (it
    lowers no norm) without a note reads "unavailable" in the viewer's language."""
    if absence.note or absence.reduces_norm:
        return absence.note
    return str(UNAVAILABLE)


def absence_short(kind: str, export_marks: bool = False) -> str:
    """What a cell writes for an absence of ``kind`` (a key of :data:`ABSENCE_KINDS`): the
    abbreviation in the viewer's language, or with ``export_marks`` the mark the XLSX export
    writes (PUH, HAIG, …: :data:`scheduler.exports.ABSENCE_MARKS`; ``away`` as any other
    absence), which the print view uses so that the printed month and the workbook agree."""
    if export_marks:
        # AbsenceKind is a StrEnum: its members are looked up by their string values
        return ABSENCE_MARKS.get(kind, ABSENCE_MARKS[AbsenceKind.OTHER])[0]
    return str(ABSENCE_KINDS[kind][1])


@dataclass
class Day:
    day: date
    weekend: bool
    holiday: str | None

    @property
    def shaded(self) -> str:
        return "holiday" if self.holiday else ("weekend" if self.weekend else "")


class Findings:
    """The checker's findings on a grid element: ``hard`` and ``soft`` reasons (the
    dataclasses below declare them), shown as a status class and a hover title."""

    hard: list[str]
    soft: list[str]

    @property
    def status(self) -> str:
        return "hard" if self.hard else ("soft" if self.soft else "")

    @property
    def title(self) -> str:
        return "\n".join(self.hard + self.soft)


@dataclass
class Cell(Findings):
    person: Person
    day: Day
    codes: list[str] = field(default_factory=list)
    service: str = ""
    pinned: bool = False
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    changed: bool = False
    #: Events the person attends that day (supervision, covision, training, meetings).
    events: list[Event] = field(default_factory=list)
    #: The person's absence that day (a whole-day one if there are several).
    absence: Absence | None = None
    #: ``absence.kind``, or ``away`` when the viewer may not see the kind.
    absence_kind: str = ""
    #: Whether the absence is written with the XLSX export's mark (:func:`absence_short`).
    export_marks: bool = False
    #: Whether the day lies within the person's employment contract (``employed_from`` /
    #: ``employed_until``): outside it the day is no working time and the cell is dimmed.
    employed: bool = True

    @property
    def text(self) -> str:
        return "/".join(self.codes)

    @property
    def absence_label(self) -> str:
        return str(ABSENCE_KINDS[self.absence_kind][0]) if self.absence_kind else ""

    @property
    def absence_short(self) -> str:
        return absence_short(self.absence_kind, self.export_marks) if self.absence_kind else ""

    @property
    def info(self) -> list[str]:
        """The absence and the events of the day, one line each (for the tooltip)."""
        lines: list[str] = []
        if not self.employed:
            p = self.person
            lines.append(str(_("not employed yet (from %(day)s)", day=p.employed_from.strftime("%d.%m.%Y")))
                         if p.employed_from is not None and self.day.day < p.employed_from
                         else str(_("no longer employed (until %(day)s)",
                                    day=p.employed_until.strftime("%d.%m.%Y") if p.employed_until else "")))
        a = self.absence
        if a is not None:
            line = self.absence_label
            if a.start_time is not None and a.end_time is not None:
                line += f" {clock_span(a.start_time, a.end_time)}"
            note = absence_note(a)
            if note and self.absence_kind != "away":
                line += f": {note}"
            lines.append(line)
        lines.extend(f"{e.code} {e.name} {clock_span(e.start, e.end)}" for e in self.events)
        return lines

    def tooltip(self, with_status: bool = True) -> str:
        return "\n".join(self.info + (self.hard + self.soft if with_status else []))


@dataclass
class Row:
    person: Person
    cells: list[Cell]
    report: PersonReport | None


@dataclass
class SlotStatus(Findings):
    """One shift of one day against its coverage need (the checker's findings on it)."""

    code: str
    service: str
    assigned: int
    minimum: int
    desired: int
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)


@dataclass
class Coverage(Findings):
    day: Day
    assigned: int
    required: int
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    slots: list[SlotStatus] = field(default_factory=list)

    @property
    def short(self) -> list[SlotStatus]:
        """The shifts of the day under their minimum (hard) or desired number (soft)."""
        return [s for s in self.slots if s.status]


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
    #: Absence kinds in the month: (kind, abbreviation, label).
    absence_legend: list[tuple[str, str, str]] = field(default_factory=list)
    #: Events in the month: (code, name).
    event_legend: list[tuple[str, str]] = field(default_factory=list)


def month_days(year: int, month: int, language: str | None = None) -> list[Day]:
    """The month's days; public holidays named in ``language`` ("et" or "en"; the viewer's
    language by default)."""
    first, last = worktime.month_bounds(year, month)
    language = language or reasons.language()
    if language not in worktime.HOLIDAY_LANGUAGES:
        language = "en"
    holidays = worktime.public_holidays(year, language)
    return [Day(d, d.weekday() >= 5, holidays.get(d))
            for d in (first + timedelta(days=i) for i in range((last - first).days + 1))]


def violation_day(v: Violation) -> date | None:
    return v.start.astimezone(TALLINN).date() if v.start is not None else None


def shift_needs(team: Team, day: date) -> dict[str, tuple[int, int]]:
    """Shift code → (minimum, desired) of the shift needs that apply on ``day`` (the most
    specific ones, as the checker picks them), for the shifts that run that day."""
    out: dict[str, tuple[int, int]] = {}
    for n in running_shift_needs(team, day):
        lo, hi = out.get(n.shift, (0, 0))
        out[n.shift] = (max(lo, n.minimum), max(hi, n.desired))
    return out


def running_shift_needs(team: Team, day: date) -> list[CoverageNeed]:
    """``day``'s shift needs whose shift runs that weekday (a need of a shift that does not
    run asks for nobody, as the checker reads it)."""
    running = {st.code for st in team.shift_types if day.weekday() in st.weekdays}
    return [n for n in needs_on(team.needs, day) if n.shift is not None and n.shift in running]


def needed_on_duty(team: Team, day: date, shifts: Sequence[Assignment]) -> int:
    """How many of ``day``'s shift minima the rota fills: each shift need counts the people on
    its shift up to its minimum, so the row reads full only when every minimum is met (the
    lead's desk, a service without a need or with a minimum of 0, is not counted against the
    crisis line's; a second person on the day shift does not hide an empty evening)."""
    on = Counter(a.code for a in shifts if a.day == day and a.kind == "shift")
    return sum(min(on[n.shift], n.minimum) for n in running_shift_needs(team, day))


def slot_of(team: Team, v: Violation, day: date, codes: Sequence[str]) -> list[str]:
    """The shifts among ``codes`` a coverage finding of ``day`` is about: those starting at
    its instant (narrowed by the need's service and shift, parameters of the finding, when
    several start together)."""
    if v.start is None:
        return []
    matches: list[ShiftType] = []
    for code in codes:
        try:
            st = team.shift_type(code)
        except KeyError:
            continue
        if st.interval(day)[0] == v.start:
            matches.append(st)
    if len(matches) > 1:
        matches = [st for st in matches
                   if (v.param("service"), v.param("shift")) == (st.service, st.code)] or matches
    return [st.code for st in matches]


def day_slots(team: Team, day: date, shifts: Sequence[Assignment], report: CheckReport) -> list[SlotStatus]:
    """Every shift of ``day`` that has a coverage need, with how many are on it and the
    checker's coverage findings about it."""
    needs = shift_needs(team, day)
    slots = {code: SlotStatus(code, team.shift_type(code).service,
                              sum(1 for a in shifts if a.day == day and a.code == code), lo, hi)
             for code, (lo, hi) in needs.items()}
    for v in report.violations:
        if v.person is not None or v.rule != "coverage_minimum" or violation_day(v) != day:
            continue
        for code in slot_of(team, v, day, list(slots)):
            (slots[code].hard if v.hard else slots[code].soft).append(reasons.text(v))
    order = {st.code: i for i, st in enumerate(team.shift_types)}
    return sorted(slots.values(), key=lambda s: order.get(s.code, 0))


def _absences(team: Team, first: date, last: date) -> dict[tuple[str, date], Absence]:
    out: dict[tuple[str, date], Absence] = {}
    for a in team.absences:
        for d in a.days():
            if not first <= d <= last:
                continue
            known = out.get((a.person, d))
            if known is None or (known.start_time is not None and a.start_time is None):
                out[(a.person, d)] = a  # a whole-day absence wins over a part of a day
    return out


def away_during(absence: Absence | None, event: Event) -> bool:
    """Whether the absence covers (part of) the event: the person does not attend it, and the
    checker does not count it as working time (an event during sick leave, say)."""
    return absence is not None and absence.overlaps(*event.interval())


def _events(team: Team, first: date, last: date) -> dict[tuple[str, date], list[Event]]:
    out: dict[tuple[str, date], list[Event]] = defaultdict(list)
    people = {p.id: p for p in team.people}
    for e in sorted(team.events, key=lambda e: (e.day, e.start)):
        if first <= e.day <= last:
            for pid in e.attendees:
                if pid not in people or people[pid].employed_on(e.day):  # outside the contract: not attended
                    out[(pid, e.day)].append(e)
    return out


def build(team: Team, year: int, month: int, shifts: Sequence[Assignment], report: CheckReport,
          pinned: dict[tuple[str, date], str | None] | None = None,
          changed: set[tuple[str, date]] | None = None, people: Sequence[Person] | None = None,
          viewer: str | None = None, export_marks: bool = False) -> Grid:
    """The grid of the month. With ``viewer`` (a person id: the team rota a counsellor
    sees) other people's absences show as "absent", without their kind or note. With
    ``export_marks`` (the print view) absences are marked, and the legend explains them, as
    in the XLSX export (:func:`absence_short`)."""
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
        (hard if v.hard else soft).append(f"{reasons.text(v)} ({reasons.source(v)})")
    reports = {p.person: p for p in report.people}
    absences = _absences(team, days[0].day, days[-1].day)
    events = _events(team, days[0].day, days[-1].day)
    kinds_seen: set[str] = set()
    events_seen: set[tuple[str, str]] = set()  # (code, name): two groups' SUP are two entries
    pinned = pinned or {}
    changed = changed or set()
    rows: list[Row] = []
    for person in people if people is not None else team.people:
        has_cells = any(k[0] == person.id for k in by_cell)
        if not person.active and not has_cells:
            continue
        if not has_cells and not any(person.employed_on(day.day) for day in days):
            continue  # not employed in this month: no row, unless the rota gives them duties
        cells = []
        for day in days:
            codes = by_cell.get((person.id, day.day), [])
            hard, soft = marks.get((person.id, day.day), ([], []))
            absence = absences.get((person.id, day.day))
            kind = ""
            if absence is not None:
                kind = str(absence.kind) if viewer is None or viewer == person.id else "away"
                kind = kind if kind in ABSENCE_KINDS else "other"
                kinds_seen.add(kind)
            day_events = [e for e in events.get((person.id, day.day), [])
                          if not away_during(absence, e)]
            for e in day_events:
                events_seen.add((e.code, e.name))
            cells.append(Cell(person, day, codes, service_of.get(codes[0], "") if codes else "",
                              (person.id, day.day) in pinned, list(hard), list(soft),
                              (person.id, day.day) in changed, list(day_events), absence, kind,
                              export_marks, person.employed_on(day.day)))
        rows.append(Row(person, cells, reports.get(person.id)))
    coverage: list[Coverage] = []
    for day in days:
        required = sum(n.minimum for n in running_shift_needs(team, day.day))
        assigned = needed_on_duty(team, day.day, shifts)
        hard, soft = marks.get((None, day.day), ([], []))
        coverage.append(Coverage(day, assigned, required, list(hard), list(soft),
                                 day_slots(team, day.day, shifts, report)))
    legend = [(st.code, f"{st.name} {clock_span(st.start, st.end)}", st.service)
              for st in team.shift_types]
    absence_legend = [(k, absence_short(k, export_marks), str(ABSENCE_KINDS[k][0])) for k in ABSENCE_KINDS
                      if k in kinds_seen]
    return Grid(year, month, days, rows, coverage, list(report.hard), list(report.soft), report, legend,
                absence_legend, sorted(events_seen))
