"""Rota versions of a month: the draft, the published versions, edits, pins, publishing,
the history a month is checked and solved with, and the list of changes between two
versions. Checking is ``scheduler.checker.check_rota``; nothing here knows a rule.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any, Iterable, Sequence

import sqlalchemy as sa
from flask import g, has_request_context

from scheduler import worktime
from scheduler.checker import CheckReport, Violation, check_rota
from scheduler.domain import Absence, Assignment, Team, local
from scheduler.replan import in_absence, recorded_on_rota, touches_month
from scheduler.solver.candidates import Horizon, fixed_work
from scheduler.solver.candidates import event_rows as attended_event_rows
from webui import models as m
from webui.candidates import new_violations
from webui.convert import (absence_of_row, as_published, build_team, cell_assignments, published_with,
                           stored_absence, with_shift_times)
from webui.extensions import db
from webui.helpers import next_month, now, prev_month, today

Cells = dict[tuple[str, date], str]


def draft_of(year: int, month: int) -> m.Rota | None:
    return db.session.scalar(sa.select(m.Rota).where(
        m.Rota.year == year, m.Rota.month == month, m.Rota.status == m.DRAFT).order_by(m.Rota.id.desc()))


def published_of(year: int, month: int, number: int | None = None) -> m.Rota | None:
    """The latest published version of the month (or version ``number``)."""
    q = sa.select(m.Rota).where(m.Rota.year == year, m.Rota.month == month, m.Rota.status == m.PUBLISHED)
    if number is not None:
        q = q.where(m.Rota.number == number)
    return db.session.scalar(q.order_by(m.Rota.number.desc()))


def latest_number(year: int, month: int) -> int:
    """The number of the month's latest published version (0: none)."""
    return db.session.scalar(sa.select(sa.func.max(m.Rota.number)).where(
        m.Rota.year == year, m.Rota.month == month, m.Rota.status == m.PUBLISHED)) or 0


def published_versions(year: int, month: int) -> list[m.Rota]:
    return list(db.session.scalars(sa.select(m.Rota).where(
        m.Rota.year == year, m.Rota.month == month, m.Rota.status == m.PUBLISHED).order_by(m.Rota.number)))


def current(year: int, month: int) -> m.Rota | None:
    """What the team lead works on: the draft if there is one, else the latest published."""
    return draft_of(year, month) or published_of(year, month)


def state_token(year: int, month: int) -> str:
    """Identifies what the lead's page showed: a form posted with another token is stale."""
    draft = draft_of(year, month)
    if draft is not None:
        return f"d{draft.id}.{draft.revision}"
    pub = published_of(year, month)
    return f"p{pub.id}" if pub is not None else "empty"


def cells_of(rota: m.Rota | None) -> Cells:
    """(person key, day) → shift code of a version (days off left out)."""
    if rota is None:
        return {}
    return {(c.person.key, c.day): c.shift_code for c in rota.cells if c.shift_code}


def pins_of(rota: m.Rota | None) -> dict[tuple[str, date], str | None]:
    if rota is None:
        return {}
    return {(c.person.key, c.day): c.shift_code for c in rota.cells if c.pinned}


def _people_by_key() -> dict[str, m.Person]:
    return {p.key: p for p in db.session.scalars(sa.select(m.Person))}


def _new_draft(year: int, month: int) -> m.Rota:
    draft = m.Rota(year=year, month=month, status=m.DRAFT, source="manual", revision=1, shortfalls=[])
    db.session.add(draft)
    return draft


def ensure_draft(year: int, month: int) -> m.Rota:
    """The month's draft; made from the latest published version (cells and pins) when
    there is none."""
    draft = draft_of(year, month)
    if draft is not None:
        return draft
    draft = _new_draft(year, month)
    pub = published_of(year, month)
    if pub is not None:
        draft.source = "copy"
        for c in pub.cells:
            draft.cells.append(m.RotaCell(person_id=c.person_id, day=c.day, shift_code=c.shift_code,
                                          pinned=c.pinned))
    db.session.flush()
    return draft


def store_draft(year: int, month: int, shifts: Sequence[Assignment], *, pinned_days: Iterable[tuple[str, date]] = (),
                pins: dict[tuple[str, date], str | None] | None = None, source: str = "solve",
                solve_status: str = "", objective: float | None = None, gap: float | None = None,
                shortfalls: list[str] | None = None) -> m.Rota:
    """Replace the month's draft with ``shifts``; keep the pins (a pinned day off stays a
    cell without a shift)."""
    people = _people_by_key()
    draft = draft_of(year, month) or _new_draft(year, month)
    draft.cells.clear()
    db.session.flush()
    pinned = set(pinned_days)
    seen: set[tuple[str, date]] = set()
    for a in shifts:
        person = people.get(a.person)
        if person is None:
            continue
        seen.add((a.person, a.day))
        draft.cells.append(m.RotaCell(person_id=person.id, day=a.day, shift_code=a.code,
                                      pinned=(a.person, a.day) in pinned))
    for (key, day), code in (pins or {}).items():
        if (key, day) not in seen and code is None and key in people:
            draft.cells.append(m.RotaCell(person_id=people[key].id, day=day, shift_code=None, pinned=True))
    draft.source, draft.solve_status = source, solve_status
    draft.objective, draft.gap, draft.shortfalls = objective, gap, shortfalls or []
    draft.revision += 1
    db.session.commit()
    return draft


def set_cell(draft: m.Rota, person: m.Person, day: date, code: str | None, pinned: bool) -> None:
    """Put ``code`` (None = off) in the person's day; a pinned cell is kept by re-solves."""
    for c in [c for c in draft.cells if c.person_id == person.id and c.day == day]:
        draft.cells.remove(c)
    db.session.flush()
    if code is not None or pinned:
        draft.cells.append(m.RotaCell(person_id=person.id, day=day, shift_code=code, pinned=pinned))
    draft.source = "manual" if draft.source != "solve" else "solve+edit"
    draft.revision += 1


def team_of(team: Team, rota: m.Rota | None) -> Team:
    """The team as ``rota`` reads it: a published version with the shift times, events and
    work rules it was published with (``convert.as_published``), a draft as its month is
    planned (:func:`month_team`)."""
    if rota is None:
        return team
    if rota.status != m.PUBLISHED:
        return month_team(team, rota.year, rota.month)
    return as_published(with_earlier_loads(team, rota.year, rota.month), rota.published_with, rota.year,
                        rota.month)


#: How far back a load changed since is looked up: an accounting period is at most 12 months.
EARLIER_LOAD_MONTHS = 11


def with_earlier_loads(team: Team, year: int, month: int) -> Team:
    """``team`` with the load (FTE) and the norm each person had in the months before
    ``year``-``month`` as their latest published versions have them (``Person.earlier_loads``,
    ``Person.earlier_norms``): a load changed within an accounting period keeps the earlier
    months' norms, and an earlier month's norm in the period balance is of the same version
    as its hours (``history``: an absence there counts once that month is published with
    it, never with the hours of a version planned without it)."""
    loads, norms = _published_months(team, year, month)
    # every month's load as published, also where it equals today's: a version read as
    # published takes its own month's load from its snapshot, not the others'
    people = tuple(replace(p, earlier_loads=tuple(sorted(loads.get(p.id, {}).items())),
                           earlier_norms=tuple(sorted(norms.get(p.id, {}).items())))
                   if p.id in loads or p.id in norms else p
                   for p in team.people)
    return replace(team, people=people)


PersonMonths = dict[str, dict[tuple[int, int], float]]


def _published_months(team: Team, year: int, month: int) -> tuple[PersonMonths, PersonMonths]:
    """Person → (year, month) → the load, and person → (year, month) → the norm, the latest
    published version of each of the ``EARLIER_LOAD_MONTHS`` months before ``year``-``month``
    has (its snapshot's staff; :func:`published_norms`). Kept for the request (a month page
    checks several months, each reading the same versions); :func:`publish` forgets it."""
    cache: dict[tuple[int, int], tuple[PersonMonths, PersonMonths]] = (
        g.setdefault("published_loads", {}) if has_request_context() else {})
    if (year, month) not in cache:
        loads: PersonMonths = {}
        norms: PersonMonths = {}
        y, mo = year, month
        for _ in range(EARLIER_LOAD_MONTHS):
            y, mo = prev_month(y, mo)
            pub = published_of(y, mo)
            if pub is None:
                continue
            for staff in (pub.published_with or {}).get("staff", []):
                loads.setdefault(staff["id"], {})[(y, mo)] = staff["fte"]
            for key, hours in published_norms(team, pub).items():
                norms.setdefault(key, {})[(y, mo)] = hours
        cache[(year, month)] = (loads, norms)
    return cache[(year, month)]


def published_norms(team: Team, pub: m.Rota) -> dict[str, float]:
    """Person → their norm of ``pub``'s month as that published version reads it (the load,
    work rules and absences it was published with); {} for a version published before its
    snapshot kept all three (its month is read with today's). Kept for the request by
    version (each later month of a period asks for the same ones)."""
    cache: dict[int, dict[str, float]] = g.setdefault("published_norms", {}) if has_request_context() else {}
    if pub.id not in cache:
        cache[pub.id] = _version_norms(team, pub)
    return cache[pub.id]


def _version_norms(team: Team, pub: m.Rota) -> dict[str, float]:
    """:func:`published_norms`, computed."""
    snapshot = pub.published_with or {}
    if not all(key in snapshot for key in ("staff", "settings", "absences")):
        return {}
    published = as_published(team, snapshot, pub.year, pub.month)
    first, last = worktime.month_bounds(pub.year, pub.month)
    staff = {s["id"] for s in snapshot["staff"]}
    return {p.id: worktime.person_norm(replace(p, earlier_loads=(), earlier_norms=()), first, last,
                                       published.absences)
            for p in published.people if p.id in staff}


def check_now(team: Team, year: int, month: int, shifts: Sequence[Assignment],
              earlier: Sequence[Assignment]) -> CheckReport:
    """``check_rota`` as the app reads a month: the days before today, and the duties begun
    before now, have happened (``recorded_before``, ``begun_before``)."""
    return check_rota(team, year, month, shifts, earlier, today(), now())


def month_begun(year: int, month: int) -> bool:
    """Whether the month's first moment is past (Tallinn time)."""
    return now() > local(date(year, month, 1), time(0))


def month_team(team: Team, year: int, month: int) -> Team:
    """``team`` as a draft of ``year``-``month`` is planned, checked and published: as it is
    now, except that a month already begun keeps the shift times of its latest published
    version to its end. Its days already past were worked with those times (their hours and
    payroll must not move when the month is published again, by a re-plan say), and a month
    has one time per shift type (a row is checked against it): a new time applies from the
    next month on."""
    team = with_earlier_loads(team, year, month)
    if not month_begun(year, month):
        return team
    pub = published_of(year, month)
    return with_shift_times(team, pub.published_with) if pub is not None and pub.published_with else team


def duties_in_absences(team: Team, rota: m.Rota) -> list[tuple[str, date, str]]:
    """The duties of ``rota`` (a published version, read with the absences it was published
    with) that fall in an absence as ``team`` is now — entered after publishing: (name, day,
    shift code), by day."""
    shifts = cell_assignments(team_of(team, rota), rota.cells)
    away = [a for a in team.absences if a.reduces_norm]
    names = {p.id: p.name for p in team.people}
    return sorted(((names.get(s.person, s.person), s.day, s.code) for s in shifts if in_absence(s, away)),
                  key=lambda t: (t[1], t[0]))


def publish(draft: m.Rota, user_id: int | None, team: Team | None = None) -> m.Rota:
    """The draft becomes the month's next published version, keeping the definitions that
    give its cells their hours (``team``: as the draft was checked; built if None)."""
    last = latest_number(draft.year, draft.month)
    team = month_team(team if team is not None else build_team(), draft.year, draft.month)
    draft.published_with = published_with(team, draft.year, draft.month)
    draft.status = m.PUBLISHED
    if has_request_context():
        g.pop("published_loads", None)  # a version of this month is an earlier month's of later ones
        g.pop("published_norms", None)
    draft.number = last + 1
    draft.published_at = m.utcnow()
    draft.published_by_id = user_id
    draft.revision += 1
    return draft


class PublishedMeanwhile(Exception):
    """Another version of the month was published since the one a change was made on."""


def publish_changed(published: m.Rota, changes: dict[tuple[int, date], str | None], user_id: int | None,
                    source: str) -> m.Rota:
    """The month's next published version: ``published``'s cells (and pins) with ``changes``
    ((person row id, day) → shift code or None), the changed cells pinned, and ``published``'s
    definitions (shift times, events, rules: its hours and payroll do not move) — an approved
    swap, published without the lead's unpublished draft. Raises :class:`PublishedMeanwhile`
    when ``published`` is no longer the latest version (two approvals at once)."""
    last = latest_number(published.year, published.month)
    if last != published.number:
        raise PublishedMeanwhile(f"{published.year}-{published.month:02d}: version {last} after {published.number}")
    rota = m.Rota(year=published.year, month=published.month, status=m.PUBLISHED, number=published.number + 1,
                  source=source, revision=1, shortfalls=[], published_at=m.utcnow(), published_by_id=user_id,
                  published_with=json.loads(json.dumps(published.published_with)))
    for c in published.cells:
        if (c.person_id, c.day) not in changes:
            rota.cells.append(m.RotaCell(person_id=c.person_id, day=c.day, shift_code=c.shift_code,
                                         pinned=c.pinned))
    for (person_id, day), code in changes.items():
        rota.cells.append(m.RotaCell(person_id=person_id, day=day, shift_code=code, pinned=True))
    db.session.add(rota)
    db.session.flush()  # the unique version number: a concurrent approval fails here or at commit
    return rota


def unchanged_since_publish(team: Team, draft: m.Rota | None, published: m.Rota | None) -> bool:
    """Whether publishing ``draft`` would repeat the latest published version: the same
    shifts in the same cells and the same definitions that give them their hours
    (``convert.published_with``; a new shift time or event is worth a new version). Pins
    are the lead's planning aid, not a change the team would see."""
    if draft is None or published is None:
        return False
    return not diff(cells_of(published), cells_of(draft)) and same_definitions(team, published)


def same_definitions(team: Team, published: m.Rota) -> bool:
    """Whether ``team`` gives the month the definitions ``published`` was published with
    (``convert.published_with``: shift times, events, rules, people, absences)."""
    now = published_with(team, published.year, published.month)
    return json.loads(json.dumps(now)) == published.published_with  # as the JSON column reads it back


def diff(before: Cells, after: Cells) -> list[dict[str, Any]]:
    """Cells that differ, by day then person: {person, day, before, after} (None = off)."""
    keys = sorted({k for k in set(before) | set(after) if before.get(k) != after.get(k)},
                  key=lambda k: (k[1], k[0]))
    return [{"person": p, "day": d.isoformat(), "before": before.get((p, d)), "after": after.get((p, d))}
            for p, d in keys]


def previous_months(team: Team, year: int, month: int) -> list[tuple[int, int]]:
    """Months whose published rota a month is checked and solved with: the earlier months
    of its accounting period and always the month before (rest across the boundary)."""
    s = team.settings
    months = [ym for ym in worktime.period_months(year, month, s.accounting_period_months,
                                                  s.accounting_period_start_month) if ym < (year, month)]
    prev = (year - 1, 12) if month == 1 else (year, month - 1)
    if prev not in months:
        months.append(prev)
    return sorted(months)


def history(team: Team, year: int, month: int) -> list[Assignment]:
    rows: list[Assignment] = []
    for y, mo in previous_months(team, year, month):
        pub = published_of(y, mo)
        if pub is not None:
            rows.extend(published_shifts(team, pub))
    return rows


class LaterMonths:
    """The published rotas of the months after ``year``-``month`` that are checked with its
    rota as history: the month after (rest across the month end, TLS § 51, § 52 (2)) and the
    later months of its accounting period (the average week, TLS § 46). A month's own check
    leaves the time after its end to the next month's check; once that month is published,
    a change here (a shift handed over on the 31st) is checked against it by :meth:`extend`,
    or it would break the law where nobody looks."""

    def __init__(self, team: Team, year: int, month: int):
        self.year, self.month = year, month
        self.months: list[tuple[int, int, Team, list[Assignment], list[Assignment], CheckReport]] = []
        y, mo = next_month(date(year, month, 1))
        while (year, month) in previous_months(team, y, mo):
            pub = published_of(y, mo)
            if pub is None:
                break
            later_team = team_of(team, pub)
            shifts = published_shifts(team, pub)
            stored = history(team, y, mo)
            report = check_now(later_team, y, mo, shifts, stored)
            self.months.append((y, mo, later_team, shifts, stored, report))
            y, mo = next_month(date(y, mo, 1))

    def problems(self, shifts: Sequence[Assignment]) -> list[Violation]:
        """The hard violations the later months' published rotas would have with ``shifts`` as
        this month's rota that they do not have with the rota they were checked with."""
        out: list[Violation] = []
        for y, mo, team, later, stored, before in self.months:
            earlier = [r for r in stored if (r.day.year, r.day.month) != (self.year, self.month)] + list(shifts)
            out.extend(v for v in new_violations(before, check_now(team, y, mo, later, earlier)) if v.hard)
        return out

    def extend(self, report: CheckReport, shifts: Sequence[Assignment]) -> CheckReport:
        """This month's ``report`` on ``shifts`` with :meth:`problems` added (they block
        publishing like the month's own)."""
        extra = self.problems(shifts) if self.months else []
        return replace(report, violations=report.violations + tuple(extra)) if extra else report


def following(team: Team, year: int, month: int) -> list[Assignment]:
    """The next month's published duties, which a solve of this month keeps its rest against
    (``SolveOptions.following``)."""
    pub = published_of(*next_month(date(year, month, 1)))
    return published_shifts(team, pub) if pub is not None else []


def published_shifts(team: Team, pub: m.Rota) -> list[Assignment]:
    """A published version's shifts with the hours it was published with."""
    return cell_assignments(team_of(team, pub), pub.cells)


def record_scheduled_hours(row: m.Absence, team: Team, month: tuple[int, int] | None = None) -> None:
    """Record on the absence ``row`` the hours the month's rota, as published when the absence
    was entered (``created_at``), had planned for the person in it (the month of its first
    day; else the month before, whose last duty runs into it, or a later month it runs into,
    where their duties are touched): under
    ``absence_norm_reduction = "scheduled_hours"`` these lower the month's norm instead of the
    daily hours of its days (domain.md §3, ``scheduler.replan.recorded_on_rota``). Nothing is
    recorded for a counsellor's own unavailability or a month not published then.
    ``month``: the month a re-plan of it is for, tried first (sick from 26.02 re-planned in
    March: March's duties, not February's)."""
    row.rota_month = row.scheduled_hours = None
    if row.by_person or row.person is None:
        return
    entered = row.created_at or m.utcnow()
    absence = absence_of_row(row)
    before = date(row.first_day.year, row.first_day.month, 1) - timedelta(days=1)
    # its first day's month, the month before (a night into the first day), then the later
    # months it runs into (sick from 26.02 with only March published: March's duties)
    months = [(row.first_day.year, row.first_day.month), (before.year, before.month)]
    y, mo = next_month(row.first_day)
    while date(y, mo, 1) <= absence.days()[-1]:
        months.append((y, mo))
        y, mo = next_month(date(y, mo, 1))
    if month is not None and month in months:
        months.remove(month)
        months.insert(0, month)
    first_month = months[0]
    for year, month in months:
        versions = db.session.scalars(sa.select(m.Rota).where(
            m.Rota.year == year, m.Rota.month == month, m.Rota.status == m.PUBLISHED,
            m.Rota.published_at <= entered).order_by(m.Rota.number.desc()))
        pub = next((v for v in versions if not _planned_knowing(v, absence)), None)
        if pub is None:
            continue
        published_team = team_of(team, pub)
        shifts = cell_assignments(published_team, pub.cells)
        first, last = worktime.month_bounds(year, month)
        if (year, month) == first_month or touches_month(absence, shifts, first, last):
            # the month asked for (else its first day's), or one whose duties it touches
            recorded = recorded_on_rota(absence, published_team, shifts, year, month)
            row.rota_month, row.scheduled_hours = f"{year}-{month:02d}", recorded.scheduled_hours
            return


def _planned_knowing(version: m.Rota, absence: Absence) -> bool:
    """Whether ``version`` was published with an absence of the person, of the same kind,
    overlapping ``absence`` (the same leave, deleted since and entered again, or changed):
    that version already left them off then, so its hours are not the hours that were
    scheduled. Another kind there (a doctor's visit the sick leave replaced) is not it."""
    return any(known.person == absence.person and known.kind == absence.kind and known.reduces_norm
               and known.overlaps(*absence.interval())
               for known in map(stored_absence, (version.published_with or {}).get("absences", [])))


def check(team: Team, rota: m.Rota | None, year: int, month: int,
          later: LaterMonths | None = None) -> tuple[list[Assignment], CheckReport]:
    """The version's shifts and the checker's report on them (a published version as it was
    published: :func:`team_of`); a draft's report also holds what it would break in the later
    months' published rotas (:class:`LaterMonths`; ``later``: already looked up this request).
    Every check here reads the days before today as what happened (``check_rota``'s
    ``recorded_before``): a shortfall there is recorded, no longer a plan to fix."""
    team = team_of(team, rota) if rota is not None else month_team(team, year, month)
    shifts = cell_assignments(team, rota.cells) if rota is not None else []
    report = check_now(team, year, month, shifts, history(team, year, month))
    if rota is not None and rota.status == m.DRAFT:
        report = (later or LaterMonths(team, year, month)).extend(report, shifts)
    return shifts, report


def event_rows(team: Team, year: int, month: int) -> list[Assignment]:
    """The month's events as attended (not by an inactive or absent attendee), as rows of
    the interchange format with ``kind="event"`` and their counted hours: the rows
    ``rota solve`` writes next to the shifts (``scheduler.solver.solve.read_rota``), which
    the exports show in the grid."""
    horizon = Horizon.of(year, month)
    return attended_event_rows(horizon, fixed_work(team, horizon, []))


def check_shifts(team: Team, shifts: Sequence[Assignment], year: int, month: int,
                 earlier: Sequence[Assignment] | None = None, later: LaterMonths | None = None) -> CheckReport:
    """The checker's report on ``shifts`` (``earlier``: the history, looked up if None), with
    what they would break in the later months' published rotas (``later``: looked up if None)."""
    report = check_now(team, year, month, shifts, history(team, year, month) if earlier is None else earlier)
    return (later if later is not None else LaterMonths(team, year, month)).extend(report, shifts)
