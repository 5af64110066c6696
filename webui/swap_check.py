"""A shift swap tried on a month's published rota (the views are in :mod:`webui.swaps`).

The swap is made in a copy of the month's latest published version and the month is checked
again with ``scheduler.checker.check_rota``, like the lead's own edits
(:mod:`webui.candidates`): a hard violation the version did not have before blocks it,
whoever it is about (the 11 h rest of either person, a language need, a later month's rest).
It is tried twice when the team's definitions changed since the version was published: as
published (the new version keeps those shift times, events and rules, so its hours and
payroll do not move) and as the team is now (a colleague on sick leave since, or no longer
in the service, cannot take it). Nothing here knows a rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Sequence

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from scheduler.checker import Violation
from scheduler.checker.staffing import ABSENCE_SOURCE
from scheduler.domain import Assignment, Team
from webui import candidates as cand
from webui import models as m
from webui import reasons, rotas
from webui.convert import assignment, cell_assignments
from webui.helpers import now

#: The most reasons a stored answer keeps.
MAX_REASONS = 5

#: What makes a swap impossible before (or besides) the rules: key → text.
PROBLEMS: dict[str, Any] = {
    "no_colleague": _l("a swap needs a colleague"),
    "nothing": _l("this swap changes nothing"),
    "not_on_rota": _l("%(name)s no longer has %(code)s on %(day)s in the published rota"),
    "not_in_version": _l("%(name)s no longer has %(code)s on %(day)s in version %(number)s"),
    "begun": _l("%(code)s on %(day)s has already begun"),
    "already_on": _l("%(name)s already has %(code)s on %(day)s"),
    "not_in_team": _l("%(name)s is not in the team"),
    "not_qualified": _l("%(name)s does not work on %(code)s (not active or not in that service)"),
    "away": _l("%(name)s is away then"),
    "limits": _l("%(name)s cannot take it within their working-time limits"),
    "in_request": _l("%(code)s on %(day)s is already in another open request"),
    "not_published": _l("the rota of this month is not published"),
}

#: Rules whose findings about a colleague a team member may read whole: they speak only of
#: the duties the published team rota shows everyone.
SHOWN_RULES = frozenset({"daily_rest", "weekly_rest", "one_duty_start_per_day", "no_overlapping_duties"})

#: Findings of the reading "as the team is now" that count (:meth:`Month.check`): about the
#: people's own state (absence, attended event, service, activity, contract), not about the month's
#: definitions, which the swap version keeps as published.
NOW_RULES = frozenset({"absences_and_events", "eligibility", "employment_contract"})

Problem = tuple[str, tuple[tuple[str, str], ...]]


def problem(key: str, **params: str) -> Problem:
    return (key, tuple(sorted(params.items())))


def problem_text(p: Problem) -> str:
    key, params = p
    return str(PROBLEMS[key]) % dict(params)


@dataclass(frozen=True)
class Swap:
    """What a swap changes: ``requester``'s shift ``code`` on ``day`` goes to ``partner``;
    in an exchange ``partner``'s shift ``partner_code`` on ``partner_day`` comes back."""

    requester: str
    day: date
    code: str
    partner: str
    partner_day: date | None = None
    partner_code: str | None = None

    @classmethod
    def of(cls, row: m.SwapRequest) -> Swap:
        return cls(row.requester.key, row.day, row.shift_code, row.partner.key, row.partner_day,
                   row.partner_shift_code)

    @property
    def given(self) -> tuple[str, date, str]:
        return (self.requester, self.day, self.code)

    @property
    def taken(self) -> tuple[str, date, str] | None:
        if self.partner_day is None or self.partner_code is None:
            return None
        return (self.partner, self.partner_day, self.partner_code)

    @property
    def shifts(self) -> list[tuple[str, date, str]]:
        """The shifts the swap moves (one in a handover, two in an exchange)."""
        return [self.given] + ([self.taken] if self.taken is not None else [])

    def cells(self) -> dict[tuple[str, date], tuple[str | None, str | None]]:
        """(person, day) → (code before, code after) of the cells the swap changes (a cell is
        one duty start a day; an exchange on one day swaps the two people's codes)."""
        out: dict[tuple[str, date], tuple[str | None, str | None]] = {
            (self.requester, self.day): (self.code, None), (self.partner, self.day): (None, self.code)}
        if self.taken is not None:
            assert self.partner_day is not None
            mine, theirs = (self.requester, self.partner_day), (self.partner, self.partner_day)
            out[theirs] = (self.partner_code, self.code if theirs == (self.partner, self.day) else None)
            out[mine] = (self.code if mine == (self.requester, self.day) else None, self.partner_code)
        return out


@dataclass(frozen=True)
class SwapCheck:
    """The swap tried on the rota: ``problems`` and the checker's new ``blockers`` block
    it; ``warnings`` are new soft findings about the two people (a wish, hours)."""

    problems: tuple[Problem, ...] = ()
    blockers: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and not self.blockers

    def texts(self) -> list[str]:
        return [problem_text(p) for p in self.problems] + [reasons.text(v) for v in self.blockers]

    def reasons(self, limit: int = 3) -> str:
        texts = self.texts()
        return "; ".join(texts[:limit]) + ("; …" if len(texts) > limit else "")

    def warning_texts(self) -> list[str]:
        return [reasons.text(v) for v in self.warnings]

    def seen_by(self, viewer: str | None, names: dict[str, str]) -> SwapCheck:
        """What ``viewer`` (a person id; None for the team lead, who sees all) may read: of a
        rule about another person the rest and overlap rules (the rota shows their duties to
        the team anyway), otherwise only that they are away (an absence: not its kind, sick
        leave is health data) or that it would break their working-time limits (not their
        hours or a night-work restriction); and only their own warnings (a colleague's wishes
        and hours are theirs)."""
        if viewer is None:
            return self
        problems = list(self.problems)
        blockers = []
        for v in self.blockers:
            if v.person is None or v.person == viewer or v.rule in SHOWN_RULES:
                blockers.append(v)
                continue
            name = names.get(v.person, v.person)
            hidden = problem("away", name=name) if v.source == ABSENCE_SOURCE else problem("limits", name=name)
            if hidden not in problems:
                problems.append(hidden)
        return SwapCheck(tuple(problems), tuple(blockers), tuple(w for w in self.warnings if w.person == viewer))

    def stored(self) -> str:
        """How the reasons are kept on a request that lapsed: JSON with the problems (key and
        parameters) and the violations' messages, shown in the viewer's language by
        :func:`answer_text`; the English text for whoever reads the database."""
        violations = [v.message if v.message is not None else v.reason for v in self.blockers]
        with force_locale("en"):
            english = SwapCheck(self.problems, self.blockers).reasons(limit=MAX_REASONS)
        return json.dumps({"lapsed": True,
                           "problems": [[k, dict(params)] for k, params in self.problems[:MAX_REASONS]],
                           "violations": [reasons.stored(v) for v in violations[:MAX_REASONS]],
                           "text": english}, ensure_ascii=False)


def answer_text(value: str | None) -> str:
    """A request's stored answer in the viewer's language: the reasons it lapsed
    (:meth:`SwapCheck.stored`) or the lead's words (as typed, even when they look like JSON)."""
    if not value:
        return ""
    try:
        data = json.loads(value) if value.startswith("{") else None
        if not isinstance(data, dict) or data.get("lapsed") is not True:
            return value
        texts = [problem_text((k, tuple(sorted(p.items())))) for k, p in data["problems"]]
        return "; ".join(texts + [reasons.shown(v) for v in data.get("violations", [])])
    except (ValueError, KeyError, TypeError, AttributeError):
        return value


def swapped(team: Team, shifts: Sequence[Assignment], swap: Swap) -> list[Assignment]:
    """``shifts`` with the swap made."""
    changed = swap.cells()
    rows = [a for a in shifts if not ((a.person, a.day) in changed and a.code == changed[(a.person, a.day)][0])]
    rows.extend(assignment(team, person, day, after) for (person, day), (_before, after) in changed.items()
                if after is not None)
    return rows


def _holds(shifts: Sequence[Assignment], person: str, day: date, code: str) -> Assignment | None:
    return next((a for a in shifts if a.person == person and a.day == day and a.code == code), None)


def plain_problems(team: Team, shifts: Sequence[Assignment], swap: Swap) -> list[Problem]:
    """What makes the swap impossible before any rule is asked: no colleague, nothing
    changed, a shift no longer on the published rota (``shifts``) or one that has begun,
    someone already on duty that day, a colleague who does not do the shift's service (as
    the ``team`` is now)."""
    out: list[Problem] = []
    names = {p.id: p.name for p in team.people}
    if swap.partner == swap.requester:
        out.append(problem("no_colleague"))
    if swap.taken is not None and swap.partner_day == swap.day and swap.partner_code == swap.code:
        out.append(problem("nothing"))
    for person, day, code in swap.shifts:
        held = _holds(shifts, person, day, code)
        if held is None:
            out.append(problem("not_on_rota", name=names.get(person, person), code=code,
                               day=day.strftime("%d.%m.%Y")))
        elif held.start <= now():
            out.append(problem("begun", code=code, day=day.strftime("%d.%m.%Y")))
    for person, day, keep in [(swap.partner, swap.day, swap.taken)] + (
            [(swap.requester, swap.partner_day, swap.given)] if swap.taken else []):
        other = next((a for a in shifts if a.person == person and a.day == day
                      and (keep is None or (a.person, a.day, a.code) != keep)), None)
        if other is not None and day is not None:
            out.append(problem("already_on", name=names.get(person, person), code=other.code,
                               day=day.strftime("%d.%m.%Y")))
    for person, code in [(swap.partner, swap.code)] + ([(swap.requester, swap.partner_code)] if swap.taken else []):
        try:
            who = team.person(person)
        except KeyError:
            out.append(problem("not_in_team", name=person))
            continue
        if code is not None and not cand.qualified(who, team.shift_type(code)):
            out.append(problem("not_qualified", name=who.name, code=code))
    return out


def stand_ins(team: Team, swap: Swap) -> list[str]:
    """Who would take a shift of another role's service with the swap (the team lead on
    counsellor line duty): allowed by the substitution rules, but the solver's last resort,
    which the lead should see when deciding."""
    out = []
    for person, code in [(swap.partner, swap.code)] + ([(swap.requester, swap.partner_code)] if swap.taken else []):
        try:
            who, shift = team.person(person), team.shift_type(code or "")
        except KeyError:
            continue
        if str(who.role) != str(team.service(shift.service).role):
            out.append(who.name)
    return out


class Version:
    """One way of reading the month's published version (as published, or as the team is
    now): its shifts and the checker's report on them."""

    def __init__(self, team: Team, cells: Sequence[m.RotaCell], year: int, month: int,
                 history: Sequence[Assignment], later: rotas.LaterMonths):
        self.team, self.year, self.month, self.history, self.later = team, year, month, history, later
        self.shifts = cell_assignments(team, cells)
        self.report = rotas.check_shifts(team, self.shifts, year, month, history, later)

    def new_findings(self, rows: Sequence[Assignment]) -> list[Violation]:
        after = rotas.check_shifts(self.team, rows, self.year, self.month, self.history, self.later)
        return cand.new_violations(self.report, after)


def _with_new_people(as_published: Team, team: Team, published: m.Rota) -> Team:
    """The version as published, with the people who joined (or came back) since as they are
    now: the snapshot keeps the published people's loads, and did not know the newcomers,
    whom ``convert.as_published`` reads as inactive (they could never take a swap)."""
    staff = {s["id"] for s in (published.published_with or {}).get("staff", [])}
    now = {p.id: p for p in team.people}
    people = tuple(now[p.id] if p.id not in staff and p.id in now and now[p.id].active else p
                   for p in as_published.people)
    return replace(as_published, people=people)


class Month:
    """A month's latest published version, ready to try swaps on (:class:`SwapCheck`).
    ``busy``: the shifts in open requests (``webui.swaps.offered``), which a new request
    may not take; ``ignore``: the request being decided (its own shifts are not busy)."""

    def __init__(self, team: Team, year: int, month: int,
                 busy: dict[tuple[str, date, str], m.SwapRequest] | None = None):
        self.team, self.year, self.month = team, year, month
        self.busy = busy or {}
        self.published = rotas.published_of(year, month)
        self.number = self.published.number if self.published is not None else None
        self.readings: list[Version] = []
        if self.published is None:
            return
        history = rotas.history(team, year, month)
        later = rotas.LaterMonths(team, year, month)
        as_published = _with_new_people(rotas.team_of(team, self.published), team, self.published)
        self.readings.append(Version(as_published, self.published.cells, year, month, history, later))
        now = rotas.month_team(team, year, month)  # as the team is now, with a begun month's times
        if not rotas.same_definitions(now, self.published):
            self.readings.append(Version(now, self.published.cells, year, month, history, later))

    @property
    def shifts(self) -> list[Assignment]:
        """The version's shifts as published (times and hours)."""
        return self.readings[0].shifts if self.readings else []

    def check(self, swap: Swap, ignore: int | None = None) -> SwapCheck:
        if not self.readings:
            return SwapCheck(problems=(problem("not_published"),))
        problems = plain_problems(self.team, self.shifts, swap)
        for person, day, code in swap.shifts:
            row = self.busy.get((person, day, code))
            if row is not None and row.id != ignore:
                problems.append(problem("in_request", code=code, day=day.strftime("%d.%m.%Y")))
        if problems:
            return SwapCheck(problems=tuple(problems))
        new: list[Violation] = []
        seen: set[tuple[str, str | None, object, str]] = set()
        for n, reading in enumerate(self.readings):
            for v in reading.new_findings(swapped(reading.team, reading.shifts, swap)):
                if n > 0 and v.rule not in NOW_RULES:
                    continue  # the version keeps the definitions it was published with
                if cand.violation_key(v) not in seen:
                    seen.add(cand.violation_key(v))
                    new.append(v)
        return SwapCheck(blockers=tuple(v for v in new if v.hard),
                         warnings=tuple(v for v in new if not v.hard and v.person in (swap.requester, swap.partner)))


def into_draft_problems(team: Team, draft: m.Rota, swap: Swap, year: int, month: int) -> list[str]:
    """Why the swap cannot go into the lead's ``draft`` as well: cells the draft has changed or
    pinned otherwise, or the hard violations it would add to the draft (texts); [] if it can."""
    people = {p.id: p.name for p in team.people}
    in_draft = {(c.person.key, c.day): (c.shift_code, c.pinned) for c in draft.cells}
    differs = []
    for (k, d), (before, after) in swap.cells().items():
        code, pinned = in_draft.get((k, d), (None, False))
        if code != before or (pinned and code is None and after is not None):  # another shift, a pinned day off
            differs.append(f"{people.get(k, k)} {d.strftime('%d.%m')}")
    if differs:
        return [str(_l("the draft has other shifts or pins in %(cells)s") % {"cells": ", ".join(differs)})]
    team = rotas.team_of(team, draft)  # a month under way: with the times it was published with
    shifts, before = rotas.check(team, draft, year, month)
    after = rotas.check_shifts(team, swapped(team, shifts, swap), year, month)
    return [reasons.text(v) for v in cand.new_violations(before, after) if v.hard]
