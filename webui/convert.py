"""Between the database and :mod:`scheduler.domain`: rows → ``Team``, cells ↔ assignments,
and a ``Team`` (the example team file) → rows for seeding.

The web layer never re-implements a rule: it builds the domain objects here and hands them
to ``scheduler.solver.solve_month`` and ``scheduler.checker.check_rota``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Sequence

import sqlalchemy as sa

from scheduler import domain, worktime
from scheduler.rotafile import iso_month
from scheduler.settings import RuleSettings, SoftWeights
from scheduler.teamfile import DEFAULT_SUBSTITUTIONS
from webui import models as m
from webui.extensions import db


def rule_settings(base: RuleSettings, overrides: dict[str, Any]) -> RuleSettings:
    """``base`` with the stored overrides (unknown keys are ignored)."""
    names = {f.name for f in fields(RuleSettings)}
    values = {k: v for k, v in overrides.items() if k in names and k != "weights"}
    settings = base.with_overrides(values)
    weights = overrides.get("weights")
    if isinstance(weights, dict):
        wnames = {f.name for f in fields(SoftWeights)}
        settings = replace(settings, weights=replace(settings.weights,
                                                     **{k: v for k, v in weights.items() if k in wnames}))
    return settings


def settings_overrides(settings: RuleSettings) -> dict[str, Any]:
    """The settings that differ from the law's defaults, as stored in ``team.settings``."""
    default = RuleSettings()
    out: dict[str, Any] = {}
    for f in fields(RuleSettings):
        if f.name == "weights":
            continue
        value = getattr(settings, f.name)
        if value != getattr(default, f.name):
            out[f.name] = value
    weights = {k: v for k, v in asdict(settings.weights).items() if v != getattr(default.weights, k)}
    if weights:
        out["weights"] = weights
    return out


def team_row() -> m.TeamRow:
    row = db.session.scalar(sa.select(m.TeamRow).order_by(m.TeamRow.id))
    if row is None:
        row = m.TeamRow(name="Team", settings={}, substitutions=[])
        db.session.add(row)
        db.session.flush()
    return row


def build_team(extra_absences: Iterable[domain.Absence] = ()) -> domain.Team:
    """The team as the solver and the checker see it, from the database."""
    row = team_row()
    settings = rule_settings(RuleSettings(), row.settings or {})
    people = db.session.scalars(sa.select(m.Person).order_by(m.Person.id)).all()
    services = db.session.scalars(sa.select(m.Service).order_by(m.Service.id)).all()
    shift_types = db.session.scalars(sa.select(m.ShiftType).order_by(m.ShiftType.id)).all()
    needs = db.session.scalars(sa.select(m.Need).order_by(m.Need.id)).all()
    absences = db.session.scalars(sa.select(m.Absence).order_by(m.Absence.id)).all()
    events = db.session.scalars(sa.select(m.Event).order_by(m.Event.id)).all()
    wishes = db.session.scalars(sa.select(m.Wish).order_by(m.Wish.id)).all()
    subs = substitution_rules(row.substitutions, settings.weights)
    return domain.Team(
        name=row.name,
        settings=settings,
        people=tuple(
            domain.Person(p.key, p.name, domain.Role(p.role), float(p.fte), tuple(p.languages or ()),
                          tuple(p.services or ()), p.may_work_nights, p.active, p.email or "",
                          rule_settings(settings, p.settings or {}),
                          employed_from=p.employed_from, employed_until=p.employed_until,
                          fte_from=p.fte_from if p.fte_before is not None else None,
                          fte_before=p.fte_before if p.fte_from is not None else None)
            for p in people
        ),
        services=tuple(
            domain.Service(s.code, s.name, domain.Role(s.role), tuple(s.channels or ()),
                           tuple(s.languages or ()), s.colour)
            for s in services
        ),
        shift_types=tuple(
            domain.ShiftType(st.code, st.name, st.service.code, st.start, st.end, st.channel or "",
                             tuple(sorted(st.weekdays or ())))
            for st in shift_types
        ),
        needs=tuple(coverage_need(n) for n in needs),
        absences=tuple(absence_of_row(a) for a in absences) + tuple(extra_absences),
        events=tuple(
            domain.Event(e.code, e.name, domain.EventKind(e.kind), e.day, e.start, e.end,
                         tuple(p.key for p in sorted(e.attendees, key=lambda p: p.id)))
            for e in events
        ),
        wishes=tuple(
            domain.Wish(w.person.key, w.day, domain.WishKind(w.kind), w.shift_code, w.weight)
            for w in wishes
        ),
        substitutions=subs,
        source="database",
    )


def substitution_rules(stored: list[dict[str, Any]] | None,
                       weights: SoftWeights) -> tuple[domain.SubstitutionRule, ...]:
    """The team's substitution rules: the stored ones, else the defaults of a team file
    without ``[[substitutions]]``. As in a team file, a last-resort rule without a cost of
    its own costs the ``lead_line_duty`` weight per hour."""
    if not stored:
        return tuple(replace(r, cost=weights.lead_line_duty) if r.last_resort else r
                     for r in DEFAULT_SUBSTITUTIONS)
    return tuple(_substitution(s, weights) for s in stored)


def _substitution(stored: dict[str, Any], weights: SoftWeights) -> domain.SubstitutionRule:
    last = bool(stored.get("last_resort", False))
    cost = stored.get("cost")
    return domain.SubstitutionRule(domain.Role(stored["substitute"]), domain.Role(stored["for"]),
                                   int(cost) if cost is not None else (weights.lead_line_duty if last else 0),
                                   last)


def substitution_row(rule: domain.SubstitutionRule) -> dict[str, Any]:
    """A rule as ``team.substitutions`` stores it."""
    return {"substitute": str(rule.substitute), "for": str(rule.for_role), "cost": rule.cost,
            "last_resort": rule.last_resort}


def coverage_need(n: m.Need) -> domain.CoverageNeed:
    return domain.CoverageNeed(
        service=n.service.code,
        day_type=domain.DayType(n.day_type),
        minimum=n.minimum,
        desired=n.desired,
        shift=n.shift_type.code if n.shift_type else None,
        window_start=n.window_start if n.shift_type is None else None,
        window_end=n.window_end if n.shift_type is None else None,
        on=n.on_date if n.day_type == "date" else None,
        languages=tuple(domain.LanguageMinimum(k, int(v)) for k, v in sorted((n.languages or {}).items())),
    )


def assignment(team: domain.Team, person_key: str, day: date, code: str) -> domain.Assignment:
    """The interchange row of ``person_key`` working shift ``code`` starting on ``day``;
    counted hours follow the person's break settings (TLS § 47, via worktime)."""
    st = team.shift_type(code)
    start, end = st.interval(day)
    try:
        s = team.person(person_key).settings
    except KeyError:
        s = team.settings
    hours = worktime.counted_hours(start, end, s.break_after_hours, s.break_minutes, s.break_counts_as_work)
    return domain.Assignment(person_key, day, code, start, end, hours, "shift")


def _day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def cell_assignments(team: domain.Team, cells: Sequence[m.RotaCell]) -> list[domain.Assignment]:
    """The shifts of a rota version (pinned days off and unknown codes are left out)."""
    codes = {st.code for st in team.shift_types}
    return [assignment(team, c.person.key, c.day, c.shift_code) for c in cells
            if c.shift_code is not None and c.shift_code in codes]


def seed_team(team: domain.Team, demo_passwords: bool = True) -> list[tuple[str, str, str]]:
    """Store ``team`` (parsed from a team file) in an empty database. With
    ``demo_passwords`` every person gets the login ``<id>`` / ``demo-<id>``; returns
    (username, password, role) of the logins made."""
    row = team_row()
    row.name = team.name
    row.settings = settings_overrides(team.settings)
    row.substitutions = [substitution_row(s) for s in team.substitutions]
    services: dict[str, m.Service] = {}
    for s in team.services:
        services[s.code] = m.Service(code=s.code, name=s.name, role=str(s.role), channels=list(s.channels),
                                     languages=list(s.languages), colour=s.colour)
        db.session.add(services[s.code])
    shifts: dict[str, m.ShiftType] = {}
    for st in team.shift_types:
        shifts[st.code] = m.ShiftType(code=st.code, name=st.name, service=services[st.service],
                                      start=st.start, end=st.end, channel=st.channel,
                                      weekdays=list(st.weekdays))
        db.session.add(shifts[st.code])
    logins: list[tuple[str, str, str]] = []
    people: dict[str, m.Person] = {}
    for p in team.people:
        overrides = {k: v for k, v in settings_overrides(p.settings).items()
                     if row.settings.get(k) != v and k != "weights"}
        person = m.Person(key=p.id, name=p.name, role=str(p.role), fte=p.fte, languages=list(p.languages),
                          services=list(p.services), may_work_nights=p.may_work_nights, active=p.active,
                          email=p.email, settings=overrides, employed_from=p.employed_from,
                          employed_until=p.employed_until, fte_from=p.fte_from, fte_before=p.fte_before)
        if demo_passwords:
            person.username = p.id
            person.set_password(f"demo-{p.id}")
            logins.append((p.id, f"demo-{p.id}", str(p.role)))
        people[p.id] = person
        db.session.add(person)
    for n in team.needs:
        db.session.add(m.Need(service=services[n.service], shift_type=shifts.get(n.shift) if n.shift else None,
                              window_start=n.window_start, window_end=n.window_end, day_type=str(n.day_type),
                              on_date=n.on, minimum=n.minimum, desired=n.desired,
                              languages={lm.language: lm.count for lm in n.languages}))
    for a in team.absences:
        db.session.add(m.Absence(person=people[a.person], kind=str(a.kind), first_day=a.first_day,
                                 last_day=a.last_day, start_time=a.start_time, end_time=a.end_time,
                                 note=a.note, scheduled_hours=a.scheduled_hours,
                                 rota_month=(f"{a.rota_month[0]}-{a.rota_month[1]:02d}"
                                             if a.rota_month is not None else None)))
    for e in team.events:
        db.session.add(m.Event(code=e.code, name=e.name, kind=str(e.kind), day=e.day, start=e.start,
                               end=e.end, attendees=[people[k] for k in e.attendees]))
    for w in team.wishes:
        db.session.add(m.Wish(person=people[w.person], day=w.day, kind=str(w.kind), shift_code=w.shift,
                              weight=w.weight))
    db.session.commit()
    return logins


# --- what a published version was published with ------------------------------------------------
#
# A published version keeps the hours it was published with: ``publish`` stores, next to its
# cells, the shift types' times, the month's events and the work rules that gave those cells
# their start, end and counted hours (``Rota.published_with``). Pages and exports of the
# version read the team through :func:`as_published`, so a later edit of a shift type, an
# event or a break rule changes drafts and new versions only.

def _clock(value: Any) -> str:
    return value.strftime("%H:%M")


def _clock_of(text: str) -> Any:
    return datetime.strptime(text, "%H:%M").time()


#: The days before and after a month whose absences a published version keeps: an
#: accounting period is at most 12 months (TLS § 46), and its norm counts the absences of
#: all of them, later months' too.
PUBLISHED_ABSENCE_DAYS = 366


def published_with(team: domain.Team, year: int, month: int) -> dict[str, Any]:
    """The definitions a version of ``year``-``month`` is published with, as JSON: shift
    types, the month's events, the work rules, who was in the team with what load, and the
    absences of the month and the year before and after it (the norms of the month and its
    accounting period), so that the version's hours and payroll stay as published."""
    first, last = worktime.month_bounds(year, month)
    since, until = first - timedelta(days=PUBLISHED_ABSENCE_DAYS), last + timedelta(days=PUBLISHED_ABSENCE_DAYS)
    return {
        "shift_types": [{"code": st.code, "name": st.name, "service": st.service, "start": _clock(st.start),
                         "end": _clock(st.end), "channel": st.channel, "weekdays": list(st.weekdays)}
                        for st in team.shift_types],
        "events": [{"code": e.code, "name": e.name, "kind": str(e.kind), "day": e.day.isoformat(),
                    "start": _clock(e.start), "end": _clock(e.end), "attendees": list(e.attendees)}
                   for e in team.events if first <= e.day <= last],
        "settings": settings_overrides(team.settings),
        "people": {p.id: settings_overrides(p.settings) for p in team.people},
        "staff": [{"id": p.id, "name": p.name, "fte": p.fte, "role": str(p.role), "active": p.active,
                   "employed_from": p.employed_from.isoformat() if p.employed_from else None,
                   "employed_until": p.employed_until.isoformat() if p.employed_until else None,
                   "fte_from": p.fte_from.isoformat() if p.fte_from else None, "fte_before": p.fte_before}
                  for p in team.people],
        "absences": [{"person": a.person, "kind": str(a.kind), "first": a.first_day.isoformat(),
                      "last": a.last_day.isoformat(), "start": _clock(a.start_time) if a.start_time else None,
                      "end": _clock(a.end_time) if a.end_time else None, "note": a.note,
                      "reduces_norm": a.reduces_norm,
                      "rota_month": f"{a.rota_month[0]}-{a.rota_month[1]:02d}" if a.rota_month else None,
                      "scheduled_hours": a.scheduled_hours}
                     for a in team.absences if a.first_day <= until and since <= a.last_day],
        "absences_after": True,
    }


def _stored_shift_types(snapshot: dict[str, Any]) -> dict[str, domain.ShiftType]:
    return {s["code"]: domain.ShiftType(s["code"], s["name"], s["service"], _clock_of(s["start"]),
                                        _clock_of(s["end"]), s.get("channel", ""), tuple(s["weekdays"]))
            for s in snapshot.get("shift_types", [])}


def with_shift_times(team: domain.Team, snapshot: dict[str, Any]) -> domain.Team:
    """``team`` with the start and end of its shift types as the version ``snapshot``
    (:func:`published_with`) has them; everything else (service, weekdays, a shift type added
    since) as it is now."""
    stored = _stored_shift_types(snapshot)
    return replace(team, shift_types=tuple(
        replace(st, start=stored[st.code].start, end=stored[st.code].end) if st.code in stored else st
        for st in team.shift_types))


def as_published(team: domain.Team, snapshot: dict[str, Any] | None, year: int, month: int) -> domain.Team:
    """``team`` as a version of ``year``-``month`` was published: its shift types' times, the
    month's events and the work rules from ``snapshot`` (:func:`published_with`); what the
    snapshot does not name (a shift type added later, other months' events) as it is now.
    None (a version published before snapshots were kept): ``team`` itself."""
    if not snapshot:
        return team
    first, last = worktime.month_bounds(year, month)
    stored = _stored_shift_types(snapshot)
    shift_types = tuple(stored.pop(st.code, st) for st in team.shift_types) + tuple(stored.values())
    events = team.events
    if "events" in snapshot:
        events = tuple(e for e in team.events if not first <= e.day <= last) + tuple(
            domain.Event(e["code"], e["name"], domain.EventKind(e["kind"]), date.fromisoformat(e["day"]),
                         _clock_of(e["start"]), _clock_of(e["end"]), tuple(e["attendees"]))
            for e in snapshot["events"])
    settings, people = team.settings, team.people
    if "settings" in snapshot:
        settings = rule_settings(RuleSettings(), snapshot["settings"])
        own = snapshot.get("people", {})
        people = tuple(replace(p, settings=rule_settings(RuleSettings(), own[p.id])) if p.id in own else p
                       for p in team.people)
    if "staff" in snapshot:
        # the load (and its change), membership and contract dates it was published with: an FTE or a contract
        # date changed later, or someone hired later (not in the team then), does not rewrite
        # its norms and payroll (a snapshot from before contract dates were kept: none then)
        staff = {s["id"]: s for s in snapshot["staff"]}
        people = tuple(replace(p, fte=staff[p.id]["fte"], role=domain.Role(staff[p.id]["role"]),
                               active=staff[p.id]["active"],
                               employed_from=_day_or_none(staff[p.id].get("employed_from")),
                               employed_until=_day_or_none(staff[p.id].get("employed_until")),
                               fte_from=_day_or_none(staff[p.id].get("fte_from")),
                               fte_before=staff[p.id].get("fte_before")) if p.id in staff
                       else replace(p, active=False) for p in people)
    absences = team.absences
    if "absences" in snapshot:
        since = first - timedelta(days=PUBLISHED_ABSENCE_DAYS)
        # snapshots before the later months were kept (until then: the month's end) keep
        # today's absences of those months
        until = (last + timedelta(days=PUBLISHED_ABSENCE_DAYS)) if snapshot.get("absences_after", False) else last
        absences = tuple(a for a in team.absences if not (a.first_day <= until and since <= a.last_day)) + tuple(
            stored_absence(a) for a in snapshot["absences"])
    return replace(team, shift_types=shift_types, events=events, settings=settings, people=people,
                   absences=absences)


def absence_of_row(a: m.Absence) -> domain.Absence:
    """A stored absence as the scheduler reads it (a counsellor's own unavailability lowers
    no norm)."""
    return domain.Absence(a.person.key, domain.AbsenceKind(a.kind), a.first_day, a.last_day, a.start_time,
                          a.end_time, a.note or "", reduces_norm=not a.by_person,
                          rota_month=iso_month(a.rota_month) if a.rota_month else None,
                          scheduled_hours=a.scheduled_hours if a.rota_month else None)


def stored_absence(stored: dict[str, Any]) -> domain.Absence:
    """An absence as :func:`published_with` keeps it."""
    return domain.Absence(stored["person"], domain.AbsenceKind(stored["kind"]), date.fromisoformat(stored["first"]),
                          date.fromisoformat(stored["last"]),
                          _clock_of(stored["start"]) if stored.get("start") else None,
                          _clock_of(stored["end"]) if stored.get("end") else None, stored.get("note", ""),
                          reduces_norm=stored.get("reduces_norm", True),
                          rota_month=iso_month(stored["rota_month"]) if stored.get("rota_month") else None,
                          scheduled_hours=stored.get("scheduled_hours") if stored.get("rota_month") else None)


def rename_in_published(old: str, new: str) -> None:
    """A person's id changed: the published versions' snapshots name them by the new one
    (their events, work rules, load and absences would otherwise be lost to them)."""
    for rota in db.session.scalars(sa.select(m.Rota).where(m.Rota.published_with.is_not(None))):
        snap = json.loads(json.dumps(rota.published_with))
        for e in snap.get("events", []):
            e["attendees"] = [new if k == old else k for k in e["attendees"]]
        if old in snap.get("people", {}):
            snap["people"][new] = snap["people"].pop(old)
        for entry in snap.get("staff", []):
            if entry["id"] == old:
                entry["id"] = new
        for a in snap.get("absences", []):
            if a["person"] == old:
                a["person"] = new
        rota.published_with = snap
