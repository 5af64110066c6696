"""Who can take a shift: every eligible person tried in the draft, asked of the checker.

For a slot (a day and a shift type) each active person whose services include the shift's
service is given the shift in a copy of the month's rota (replacing their own shift that
day, if any) and the month is checked again with ``check_rota``. The person is a legal
candidate when no hard violation about them appears that was not there before. Nothing here
knows a rule: what blocks a person is the checker's own text.

A violation is "new" when the checker did not report it before the change; it is identified
by (rule, person, start, severity), so a finding whose numbers change with the extra hours
(the average over the period, say) is not new, a soft shortfall that turns hard is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable, Iterable, Sequence

from scheduler.checker import CheckReport, PersonReport, Violation, check_rota
from scheduler.domain import Assignment, Person, ShiftType, Team
from webui import reasons
from webui.convert import assignment


@dataclass
class Candidate:
    """One person tried on one shift of one day."""

    person: Person
    shift: ShiftType
    #: The person's shift codes that day before the change ("moves from O").
    current: list[str]
    #: New hard violations about the person: they cannot take it (the checker's reasons).
    blockers: list[Violation] = field(default_factory=list)
    #: New warnings about the person (a wish, the desired rest): possible, but noted.
    warnings: list[Violation] = field(default_factory=list)
    #: New hard violations about nobody in particular or someone else, e.g. the shift the
    #: person leaves behind is now uncovered: possible, but it opens a gap elsewhere.
    side_effects: list[Violation] = field(default_factory=list)
    before: PersonReport | None = None
    after: PersonReport | None = None

    @property
    def code(self) -> str:
        return self.shift.code

    @property
    def legal(self) -> bool:
        return not self.blockers

    @property
    def clean(self) -> bool:
        """Legal and opening no hard gap elsewhere."""
        return self.legal and not self.side_effects

    @property
    def balance(self) -> float:
        """Hours above (+) or below (−) the month's norm after the change."""
        return self.after.balance_hours if self.after is not None else 0.0

    @property
    def sort_key(self) -> tuple[bool, bool, float, str]:
        """Best fit first: legal, then without a gap elsewhere, then furthest below the norm."""
        return (not self.legal, bool(self.side_effects), self.balance, self.person.name)


@dataclass
class Slot:
    """The candidates for one shift on one day."""

    day: date
    shift: ShiftType
    #: People who have this shift that day (after the released person gave it up).
    on_duty: list[Person]
    candidates: list[Candidate]
    #: The check of the rota as it is (before any change).
    report: CheckReport
    #: Active people who do not do the shift's service (not tried).
    not_qualified: list[Person]
    #: False when the shift type does not run on that weekday (nobody is tried).
    runs: bool = True

    @property
    def legal(self) -> list[Candidate]:
        return [c for c in self.candidates if c.legal]


def violation_key(v: Violation) -> tuple[str, str | None, object, str]:
    """What identifies a finding across two checks (see the module's docstring)."""
    return (v.rule, v.person, v.start, v.severity)


def new_violations(before: CheckReport, after: CheckReport) -> list[Violation]:
    """The violations of ``after`` that ``before`` did not have (as a multiset)."""
    seen = Counter(violation_key(v) for v in before.violations)
    out: list[Violation] = []
    for v in after.violations:
        k = violation_key(v)
        if seen[k]:
            seen[k] -= 1
        else:
            out.append(v)
    return out


def _report(report: CheckReport, person: str) -> PersonReport | None:
    try:
        return report.person(person)
    except KeyError:
        return None


def qualified(person: Person, shift: ShiftType) -> bool:
    return person.active and shift.service in person.services


#: Adds to a month's report what its shifts would break in the later months' published rotas
#: (``webui.rotas.LaterMonths.extend``).
Later = Callable[[CheckReport, Sequence[Assignment]], CheckReport]


def _checked(team: Team, year: int, month: int, rows: Sequence[Assignment], history: Sequence[Assignment],
             later: Later | None, before: CheckReport | None = None) -> CheckReport:
    """The month checked as ``before`` was (its first day not yet begun and its moment)."""
    report = check_rota(team, year, month, rows, history, before.recorded_before if before else None,
                        before.begun_before if before else None)
    return later(report, rows) if later is not None else report


def trial(team: Team, year: int, month: int, shifts: Sequence[Assignment], history: Sequence[Assignment],
          before: CheckReport, person: Person, day: date, code: str, release: str | None = None,
          later: Later | None = None) -> Candidate:
    """Try ``person`` on shift ``code`` on ``day``: their own shift that day is replaced,
    ``release`` (a person id) gives up their ``code`` shift that day; ``later``: what the
    change would break in later months' published rotas counts too."""
    rows = [a for a in shifts
            if not (a.person == person.id and a.day == day)
            and not (release is not None and a.person == release and a.day == day and a.code == code)]
    rows.append(assignment(team, person.id, day, code))
    after = _checked(team, year, month, rows, history, later, before)
    candidate = Candidate(person, team.shift_type(code), [a.code for a in shifts if a.person == person.id and a.day == day],
                          before=_report(before, person.id), after=_report(after, person.id))
    for v in new_violations(before, after):
        if v.person == person.id:
            (candidate.blockers if v.hard else candidate.warnings).append(v)
        elif v.hard:
            candidate.side_effects.append(v)
    return candidate


def for_slot(team: Team, year: int, month: int, shifts: Sequence[Assignment], history: Sequence[Assignment],
             day: date, code: str, release: str | None = None,
             before: CheckReport | None = None, later: Later | None = None) -> Slot:
    """Everyone who could be put on ``code`` on ``day``, best fit first. With ``release``
    (a person id holding that shift) the candidates would take it over from them."""
    shift = team.shift_type(code)
    if before is None:
        before = _checked(team, year, month, shifts, history, later)
    holders = {a.person for a in shifts if a.day == day and a.code == code and a.person != release}
    on_duty = [p for p in team.people if p.id in holders]
    candidates: list[Candidate] = []
    not_qualified: list[Person] = []
    runs = day.weekday() in shift.weekdays
    for person in team.active_people if runs else ():
        if person.id in holders or person.id == release:
            continue
        if not qualified(person, shift):
            not_qualified.append(person)
            continue
        candidates.append(trial(team, year, month, shifts, history, before, person, day, code, release, later))
    candidates.sort(key=lambda c: c.sort_key)
    return Slot(day, shift, on_duty, candidates, before, not_qualified, runs)


def for_person(team: Team, year: int, month: int, shifts: Sequence[Assignment], history: Sequence[Assignment],
               person: Person, day: date, before: CheckReport | None = None,
               codes: Iterable[str] | None = None, later: Later | None = None) -> list[Candidate]:
    """The shifts ``person`` could take on ``day`` (those of their services), in the team's
    order of shift types, each tried like a slot candidate."""
    if before is None:
        before = _checked(team, year, month, shifts, history, later)
    wanted = set(codes) if codes is not None else None
    out: list[Candidate] = []
    for shift in team.shift_types:
        if (wanted is not None and shift.code not in wanted) or not qualified(person, shift):
            continue
        if day.weekday() not in shift.weekdays:
            continue  # the shift does not run that day
        if any(a.person == person.id and a.day == day and a.code == shift.code for a in shifts):
            continue
        out.append(trial(team, year, month, shifts, history, before, person, day, shift.code, later=later))
    return out


def shown(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Copies of ``candidates`` whose violations read in the viewer's language (the candidate
    tables show each violation's ``reason`` and ``source``)."""
    return [replace(c, blockers=[reasons.localized(v) for v in c.blockers],
                    warnings=[reasons.localized(v) for v in c.warnings],
                    side_effects=[reasons.localized(v) for v in c.side_effects])
            for c in candidates]


def shown_slot(slot: Slot) -> Slot:
    """``slot`` with its candidates :func:`shown` in the viewer's language."""
    return replace(slot, candidates=shown(slot.candidates))
