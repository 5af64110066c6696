"""The team lead's master data: people, services, shift types, coverage needs, absences,
events, the team's rules and the wish deadline, and the wishes the team has entered."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user
from wtforms import SelectField

from scheduler import domain
from scheduler.settings import (PERSON_OVERRIDABLE, RuleSettings, SoftWeights, cross_messages,
                                lawful_override_messages, longest_duty_hours, setting_names)
from scheduler.teamfile import local_time_exists, same_days_key
from webui import convert
from webui import grid as grid_view
from webui import models as m
from webui import reasons, rotas
from webui.authz import lead_only
from webui.convert import (
    rule_settings,
    settings_overrides,
    substitution_row,
    substitution_rules,
    team_row,
)
from webui.extensions import db
from webui.forms import (
    CHOICE_LABELS,
    OVERRIDE_PREFIX,
    ROLE_LABELS,
    WEIGHT_PREFIX,
    opts,
    AbsenceEditForm,
    AbsenceForm,
    ActionForm,
    EventForm,
    LeadWishForm,
    NeedForm,
    PersonForm,
    RuleSpec,
    ServiceForm,
    ShiftTypeForm,
    SubstitutionForm,
    TeamSettingsForm,
    override_choices,
    override_value,
    parse_language_minima,
    person_form_class,
    rule_specs,
    rules_form_class,
    weight_problem,
    weight_specs,
    words,
)
from webui.helpers import bump, is_stale, today

bp = Blueprint("team", __name__, url_prefix="/team")


def _all(model: Any, *order: Any) -> list[Any]:
    return list(db.session.scalars(sa.select(model).order_by(*order)))


def _get(model: Any, row_id: int) -> Any:
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def _people_choices(active_only: bool = True, also: int | None = None) -> list[tuple[int, str]]:
    """People to choose from: the active ones (and person ``also``, active or not)."""
    q = sa.select(m.Person).order_by(m.Person.name)
    if active_only:
        q = q.where(sa.or_(m.Person.active, m.Person.id == also) if also is not None else m.Person.active)
    return opts((p.id, p.name) for p in db.session.scalars(q))


def _form_page(form: Any, title: str, action: str, back: str, status: int = 200, **extra: Any) -> Any:
    return render_template("form.html", form=form, title=title, action=action, back=back, **extra), status


# --- people -------------------------------------------------------------------------------

@bp.route("/people")
@lead_only
def people() -> Any:
    rows = _all(m.Person, m.Person.active.desc(), m.Person.name)
    return render_template("team/people.html", people=rows, action_form=ActionForm())


def _person_form(person: m.Person | None, fresh: bool = False) -> PersonForm:
    """The person form with an input per overridable rule; filled from ``person`` on a GET
    (or ``fresh`` after a refused stale save), from the request otherwise."""
    form_class = person_form_class()
    if person is not None and (request.method == "GET" or fresh):
        form = form_class(formdata=None, obj=person)
        form.languages.data = ", ".join(person.languages or [])
        form.version.data = str(person.version)
        _fill_overrides(form, person.settings or {})
    else:
        form = form_class()
    form.services.choices = opts([(s.code, f"{s.code} – {s.name}") for s in _all(m.Service, m.Service.id)])
    _describe_overrides(form, _team_settings())
    return form


def _person_specs() -> list[RuleSpec]:
    return rule_specs(PERSON_OVERRIDABLE)


def _fill_overrides(form: PersonForm, stored: dict[str, Any]) -> None:
    for spec in _person_specs():
        value = stored.get(spec.name)
        if spec.kind == "bool" and isinstance(value, bool):
            value = "true" if value else "false"
        form[OVERRIDE_PREFIX + spec.name].data = "" if value is None else value


def _describe_overrides(form: PersonForm, team: RuleSettings) -> None:
    """Each override shows the team's value (placeholder or first option) and the law's
    bound."""
    for spec in _person_specs():
        field = form[OVERRIDE_PREFIX + spec.name]
        team_value = getattr(team, spec.name)
        if spec.kind in ("bool", "choice"):
            field.choices = override_choices(spec, show_value(spec, team_value))
        else:
            field.render_kw = {"inputmode": "decimal", "placeholder": show_value(spec, team_value)}
        field.description = " ".join(str(t) for t in (spec.help, law_text(spec)) if t)


def _person_problems(form: PersonForm, person: m.Person | None) -> bool:
    ok = True
    key_owner = db.session.scalar(sa.select(m.Person).where(m.Person.key == form.key.data))
    if key_owner is not None and key_owner is not person:
        form.key.errors.append(_("Another person has this id."))
        ok = False
    if form.username.data:
        owner = db.session.scalar(sa.select(m.Person).where(m.Person.username == form.username.data))
        if owner is not None and owner is not person:
            form.username.errors.append(_("This username is taken."))
            ok = False
        if not form.password.data and (person is None or not person.password_hash):
            form.password.errors.append(_("Give a password for the new login."))
            ok = False
    if person is not None:
        ok = _contract_keeps_the_duties(form, person) and ok
    return _load_change_complete(form, person) and ok


def _load_change_complete(form: PersonForm, person: m.Person | None) -> bool:
    """A load changed on a day needs both the day and the load before it: the load before is
    the stored load when the form changes the load and leaves the load before empty, or as it
    was (the form shows the stored change: a second change typed over it would otherwise keep
    the first one's load before). A change replacing one of a month not published yet is
    refused: one change is kept, and that month's norm would lose the first."""
    changed = person is not None and form.fte.data is not None and float(form.fte.data) != person.fte
    if changed and form.fte_from.data is not None and form.fte_before.data is not None \
            and person.fte_before is not None and float(form.fte_before.data) == person.fte_before \
            and form.fte_from.data != person.fte_from:
        form.fte_before.data = person.fte  # a new change: the load before it is the load until now
    if person is not None and person.fte_from is not None and form.fte_from.data != person.fte_from \
            and form.fte_from.data is not None and rotas.published_of(person.fte_from.year,
                                                                      person.fte_from.month) is None:
        form.fte_from.errors.append(_("The load change of %(day)s is in a month not published yet: publish that "
                                      "month first (its norm keeps the change), then record the next one.",
                                      day=person.fte_from.strftime("%d.%m.%Y")))
        return False
    if form.fte_from.data is not None and form.fte_before.data is None:
        if changed:
            form.fte_before.data = person.fte
        else:
            form.fte_before.errors.append(_("Give the load before that day."))
            return False
    if form.fte_before.data is not None and form.fte_from.data is None:
        form.fte_from.errors.append(_("Give the day the load applies from (or empty both fields: the load above "
                                      "throughout)."))
        return False
    return True


def _contract_keeps_the_duties(form: PersonForm, person: m.Person) -> bool:
    """Refuse contract dates that leave out duties the rotas give the person (each month's
    latest published version and its draft): a duty outside the contract is a hard violation
    and the solver keeps none there, so the month could no longer be published or re-planned
    as it stands. Their leaving is an absence from the day after their last working day (re-plan
    from there); the contract's end is set once those duties are gone."""
    first, last = form.employed_from.data, form.employed_until.data
    if first is None and last is None:
        return True
    outside: list[date] = []
    for year, month in db.session.execute(sa.select(m.Rota.year, m.Rota.month).distinct()).all():
        for rota in (rotas.published_of(year, month), rotas.draft_of(year, month)):
            outside += [day for key, day in rotas.cells_of(rota)
                        if key == person.key and ((first is not None and day < first)
                                                  or (last is not None and day > last))]
    if not outside:
        return True
    days = sorted(set(outside))
    shown = ", ".join(d.strftime("%d.%m.%Y") for d in days[:5]) + (" …" if len(days) > 5 else "")
    field = form.employed_from if first is not None and days[0] < first else form.employed_until
    field.errors.append(_("%(name)s has duties outside these dates (%(days)s): enter their absence from the day "
                          "after their last working day (Absences) and re-plan that month first.",
                          name=person.name, days=shown))
    return False


def _person_overrides(form: PersonForm) -> dict[str, Any] | None:
    """The overrides the form sets, checked against the law as the team-file loader checks
    a person's ``[people.settings]`` (each value, then the person's settings as a whole on
    top of the team's); None, with the reasons next to the fields, when one is refused."""
    values = {spec.name: override_value(spec, form[OVERRIDE_PREFIX + spec.name]) for spec in _person_specs()}
    values = {k: v for k, v in values.items() if v is not None and not form[OVERRIDE_PREFIX + k].errors}
    return _checked_settings(form, values, OVERRIDE_PREFIX, _team_settings())


def _has_lead_login(person: m.Person, role: str, active: bool, username: str | None) -> bool:
    """Whether ``person`` with these values is an active team lead who can log in."""
    return role == m.ROLE_LEAD and active and bool(username) and person.password_hash is not None


def _another_lead_login(person: m.Person) -> bool:
    """Whether someone other than ``person`` is an active team lead with a login."""
    others = db.session.scalars(sa.select(m.Person).where(
        m.Person.id != person.id, m.Person.role == m.ROLE_LEAD, m.Person.active,
        m.Person.username.is_not(None), m.Person.password_hash.is_not(None)))
    return any(p.username for p in others)


def _keeps_a_lead_login(person: m.Person, role: str, active: bool, username: str | None) -> bool:
    """Whether the team still has an active team lead with a login after ``person`` gets
    these values (without one nobody could open the team's pages again)."""
    if not _has_lead_login(person, person.role, person.active, person.username):
        return True  # this person is not one of them now: the change takes none away
    return _has_lead_login(person, role, active, username) or _another_lead_login(person)


def _last_lead_problem(form: PersonForm, person: m.Person) -> bool:
    """Refuse a role or username change that leaves no active team lead with a login."""
    if _keeps_a_lead_login(person, form.role.data, person.active, form.username.data or None):
        return False
    field = form.role if form.role.data != m.ROLE_LEAD else form.username
    field.errors.append(_("%(name)s is the only active team lead with a login: give another person the "
                          "team lead role and a login first, or nobody could plan the rota.", name=person.name))
    return True


#: What of a person the checker reads (not the name, e-mail or login): an edit that changes
#: none of it breaks no rota, and is not checked for it (:func:`_tell_what_broke`).
RULES_READ = ("key", "role", "fte", "fte_from", "fte_before", "languages", "services", "may_work_nights",
              "employed_from", "employed_until", "settings")


def _person_values(form: PersonForm, person: m.Person, overrides: dict[str, Any]) -> dict[str, Any]:
    """The person's stored fields as the form sets them (the password apart)."""
    editable = {spec.name for spec in _person_specs()}
    kept = {k: v for k, v in (person.settings or {}).items() if k not in editable}
    return {"key": form.key.data, "name": form.name.data.strip(), "role": form.role.data,
            "fte": float(form.fte.data), "fte_from": form.fte_from.data,
            "fte_before": float(form.fte_before.data) if form.fte_before.data is not None else None,
            "languages": words(form.languages.data),
            "services": list(form.services.data or []), "may_work_nights": bool(form.may_work_nights.data),
            "employed_from": form.employed_from.data, "employed_until": form.employed_until.data,
            "email": (form.email.data or "").strip(), "username": form.username.data or None,
            "settings": {**kept, **overrides}}


def _save_person(form: PersonForm, person: m.Person, values: dict[str, Any]) -> None:
    if person.key and person.key != values["key"]:
        convert.rename_in_published(person.key, values["key"])
    for name, value in values.items():
        setattr(person, name, value)
    if form.password.data:
        person.set_password(form.password.data)


def _person_page(form: PersonForm, title: str, action: str, status: int = 200) -> Any:
    first = OVERRIDE_PREFIX + _person_specs()[0].name if _person_specs() else None
    sections = {first: (_("Work rules for this person"),
                        _("Empty = the team's value. A value outside the law's bound is refused."))} if first else {}
    return _form_page(form, title, action, url_for("team.people"), status, sections=sections)


@bp.route("/people/new", methods=["GET", "POST"])
@lead_only
def person_new() -> Any:
    form = _person_form(None)
    if request.method == "POST":
        valid = form.validate_on_submit()
        overrides = _person_overrides(form)
        if valid and overrides is not None and _person_problems(form, None):
            person = m.Person(settings={}, active=True)
            _save_person(form, person, _person_values(form, person, overrides))
            db.session.add(person)
            db.session.commit()
            flash(_("%(name)s added.", name=person.name), "success")
            return redirect(url_for("team.people"))
    status = 400 if request.method == "POST" else 200
    return _person_page(form, _("New person"), url_for("team.person_new"), status)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@lead_only
def person_edit(person_id: int) -> Any:
    person = _get(m.Person, person_id)
    form = _person_form(person)
    title, action = _("Edit %(name)s", name=person.name), url_for("team.person_edit", person_id=person.id)
    if request.method == "POST":
        if is_stale(form, person):
            return _person_page(_person_form(person, fresh=True), title, action, 409)
        valid = form.validate_on_submit()
        overrides = _person_overrides(form)
        if (valid and overrides is not None and _person_problems(form, person)
                and not _last_lead_problem(form, person)):
            values = _person_values(form, person, overrides)
            changed = any(values[name] != getattr(person, name) for name in RULES_READ)
            before = _hard_findings_ahead() if changed else {}
            renamed = (person.key, values["key"]) if person.key != values["key"] else None
            _save_person(form, person, values)
            bump(person)
            db.session.commit()
            if changed:
                _tell_what_broke(before, renamed)
            if person.id == current_user.id:
                login_user(person)  # a new password of one's own keeps this session (it ends the others)
            flash(_("%(name)s saved.", name=person.name), "success")
            return redirect(url_for("team.people"))
    status = 400 if request.method == "POST" else 200
    return _person_page(form, title, action, status)


@bp.route("/people/<int:person_id>/active", methods=["POST"])
@lead_only
def person_active(person_id: int) -> Any:
    """Deactivate (or reactivate) a person: they keep their history but are no longer
    planned and cannot log in."""
    person = _get(m.Person, person_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if is_stale(form, person):
        return redirect(url_for("team.people")), 303
    if person.id == current_user.id and person.active:
        flash(_("You cannot deactivate yourself."), "error")
        return redirect(url_for("team.people"))
    if not _keeps_a_lead_login(person, person.role, not person.active, person.username):
        flash(_("%(name)s is the only active team lead with a login: give another person the team lead role "
                "and a login first, or nobody could plan the rota.", name=person.name), "error")
        return redirect(url_for("team.people"))
    if person.active and _refuse_with_duties(person):
        return redirect(url_for("team.people"))
    person.active = not person.active
    bump(person)
    db.session.commit()
    flash(_("%(name)s is active again.", name=person.name) if person.active
          else _("%(name)s was deactivated.", name=person.name), "success")
    return redirect(url_for("team.people"))


#: A rota version as the deactivation warning names it.
VERSION_LABELS = {m.PUBLISHED: _l("published"), m.DRAFT: _l("draft")}


def _rota_months_ahead() -> list[tuple[int, int]]:
    """Months from this one on that have a draft or a published rota."""
    now = today()
    months = db.session.execute(sa.select(m.Rota.year, m.Rota.month).distinct().where(
        m.Rota.year * 12 + m.Rota.month >= now.year * 12 + now.month)).all()
    return sorted((y, mo) for y, mo in months)


#: What a month's versions break, by (year, month, version status): the hard findings of
#: the checker, keyed by rule, person and moment (:func:`_hard_findings_ahead`).
Findings = dict[tuple[int, int, str], dict[tuple[Any, ...], Any]]


def _hard_findings_ahead() -> Findings:
    """The hard findings of the latest published version and the draft of every month from
    this one on, as the pages show them (a published version with the rules and shift times
    it was published with, the people as they are now)."""
    team = convert.build_team()
    out: Findings = {}
    for year, month in _rota_months_ahead():
        for status, rota in ((m.PUBLISHED, rotas.published_of(year, month)), (m.DRAFT, rotas.draft_of(year, month))):
            if rota is not None:
                _shifts, report = rotas.check(team, rota, year, month)
                # by rule, person and moment, not by the words (a renamed person, a changed figure
                # in a finding that was there before, is no new breach)
                out[(year, month, status)] = {(v.rule, v.person, v.start): v for v in report.hard}
    return out


def _tell_what_broke(before: Findings, renamed: tuple[str, str] | None = None) -> None:
    """After a change of the team data (a person, the work rules): warn, month by month,
    about the hard findings the change added to rotas from this month on (a counsellor no
    longer allowed nights with nights in the published month, a longer weekly rest the draft
    does not give), instead of letting the lead find them on the month page. ``renamed``: a
    person's (old, new) id, whose findings before are theirs under the new one."""
    if renamed is not None:
        before = {month: {(rule, renamed[1] if who == renamed[0] else who, at): v
                          for (rule, who, at), v in found.items()} for month, found in before.items()}
    for (year, month, status), found in sorted(_hard_findings_ahead().items()):
        added = [v for key, v in found.items() if key not in before.get((year, month, status), {})]
        if added:
            flash(ngettext("%(month)s (%(version)s) now breaks %(num)d rule: %(first)s. Re-plan the month or edit "
                           "those cells.",
                           "%(month)s (%(version)s) now breaks %(num)d rules, first: %(first)s. Re-plan the month "
                           "or edit those cells.", len(added), month=f"{month:02d}.{year}",
                           version=VERSION_LABELS[status], first=reasons.text(added[0])), "warning")


def _duties_from(rota: m.Rota | None, person: m.Person, first_day: date) -> int:
    """How many shifts ``person`` has in ``rota`` on ``first_day`` or later."""
    return sum(1 for key, day in rotas.cells_of(rota) if key == person.key and day >= first_day)


def _duties_ahead(person: m.Person) -> list[tuple[tuple[int, int], list[tuple[str, int]]]]:
    """The months from this one on whose latest published version or draft gives ``person``
    duties (any day of this month: its rota is still checked and corrected): (year, month)
    and (version status, number of duties) per version."""
    first = today().replace(day=1)
    out = []
    for year, month in _rota_months_ahead():
        versions = [(status, _duties_from(rota, person, first))
                    for status, rota in ((m.PUBLISHED, rotas.published_of(year, month)),
                                         (m.DRAFT, rotas.draft_of(year, month)))]
        versions = [(status, count) for status, count in versions if count]
        if versions:
            out.append(((year, month), versions))
    return out


def _refuse_with_duties(person: m.Person) -> bool:
    """Refuse to deactivate someone who has duties in this month or later, saying where. An
    inactive person's duties are hard violations to the checker and the solver plans only
    active people, so a month holding them could not be corrected or re-solved without losing
    the shifts already worked: their leaving is an absence from the day after their last
    working day (re-plan from there), and they are deactivated once those months are over."""
    ahead = _duties_ahead(person)
    for (year, month), versions in ahead:
        duties = ", ".join(ngettext("%(num)d duty (%(version)s)", "%(num)d duties (%(version)s)", count,
                                    version=VERSION_LABELS[status]) for status, count in versions)
        flash(_("%(name)s has %(duties)s in %(month)s: not deactivated. Enter their absence from the day after "
                "their last working day (Absences) and re-plan that month; deactivate them when it is over.",
                name=person.name, duties=duties, month=f"{month:02d}.{year}"), "error")
    return bool(ahead)


def _delete(row: Any, back: str, done: str, refusals: Callable[[Any], list[str]] | None = None) -> Any:
    """A delete button's POST: the versioned :class:`ActionForm` (CSRF), a stale version
    refused with the usual message, then ``refusals(row)`` (why it must stay: flashed, nothing
    deleted), else ``row`` deleted and ``done`` flashed; back to ``back``."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if is_stale(form, row):
        return redirect(back)
    why = refusals(row) if refusals is not None else []
    for message in why:
        flash(message, "error")
    if not why:
        db.session.delete(row)
        db.session.commit()
        flash(done, "success")
    return redirect(back)


def _months_using(code: str) -> str:
    """The rota versions with a cell of shift ``code``, by month: ``03.2027 (published,
    draft)``, or ""."""
    rows = db.session.execute(sa.select(m.Rota.year, m.Rota.month, m.Rota.status).distinct().join(m.RotaCell)
                              .where(m.RotaCell.shift_code == code)).all()
    months: dict[tuple[int, int], set[str]] = {}
    for year, month, status in rows:
        months.setdefault((year, month), set()).add(status)
    return ", ".join(f"{mo:02d}.{y} ({', '.join(str(VERSION_LABELS[s]) for s in (m.PUBLISHED, m.DRAFT) if s in st)})"
                     for (y, mo), st in sorted(months.items()))


def _needs_using(*where: Any) -> list[str]:
    """Why a row the coverage needs ``where`` selects refer to cannot go (none: [])."""
    count = db.session.scalar(sa.select(sa.func.count()).select_from(m.Need).where(*where)) or 0
    return [ngettext("%(num)d coverage need asks for it (delete or change it first)",
                     "%(num)d coverage needs ask for it (delete or change them first)", count)] if count else []


def _names(people: Iterable[m.Person]) -> str:
    return ", ".join(sorted({p.name for p in people}))


def _shift_type_uses(st: m.ShiftType) -> list[str]:
    """Why shift type ``st`` cannot be deleted: a rota version has it (published history
    would lose those duties: ``convert.cell_assignments`` drops unknown codes), a coverage
    need or a wish names it. One message, or none."""
    months = _months_using(st.code)
    why = [_("the rota of %(months)s has it, and a rota keeps its shifts", months=months)] if months else []
    why += _needs_using(m.Need.shift_type_id == st.id)
    wishers = _names(w.person for w in db.session.scalars(sa.select(m.Wish).where(m.Wish.shift_code == st.code)))
    if wishers:
        why.append(_("wishes of %(names)s name it", names=wishers))
    return [_("Shift type %(code)s was not deleted: %(reasons)s.", code=st.code,
              reasons="; ".join(why))] if why else []


def _service_uses(service: m.Service) -> list[str]:
    """Why ``service`` cannot be deleted: it has shift types, coverage needs ask for it, or
    people list it among their services (named). One message, or none. (Substitution rules
    name roles, not services: none refers to it.)"""
    why = []
    if service.shift_types:
        why.append(_("it has the shift types %(codes)s (delete them first)",
                     codes=", ".join(sorted(st.code for st in service.shift_types))))
    why += _needs_using(m.Need.service_id == service.id)
    workers = _names(p for p in _all(m.Person, m.Person.id) if service.code in (p.services or []))
    if workers:
        why.append(_("%(names)s work in it (take it off their services on the person form first)", names=workers))
    return [_("Service %(code)s was not deleted: %(reasons)s.", code=service.code,
              reasons="; ".join(why))] if why else []


# --- services -----------------------------------------------------------------------------

@bp.route("/services")
@lead_only
def services() -> Any:
    return render_template("team/services.html", services=_all(m.Service, m.Service.id),
                           shift_types=_all(m.ShiftType, m.ShiftType.id))


def _service_form(service: m.Service | None, fresh: bool = False) -> ServiceForm:
    if service is not None and (request.method == "GET" or fresh):
        form = ServiceForm(formdata=None, obj=service)
        form.channels.data = ", ".join(service.channels or [])
        form.languages.data = ", ".join(service.languages or [])
        form.version.data = str(service.version)
    else:
        form = ServiceForm()
    if service is not None:
        form.code.render_kw = {"readonly": True}
    return form


@bp.route("/services/new", methods=["GET", "POST"])
@bp.route("/services/<int:service_id>/edit", methods=["GET", "POST"])
@lead_only
def service_edit(service_id: int | None = None) -> Any:
    service = _get(m.Service, service_id) if service_id is not None else None
    form = _service_form(service)
    action = url_for("team.service_edit", service_id=service_id) if service else url_for("team.service_edit")
    title = _("Edit service %(code)s", code=service.code) if service else _("New service")
    if request.method == "POST":
        if service is not None and is_stale(form, service):
            return _form_page(_service_form(service, fresh=True), title, action, url_for("team.services"), 409)
        if service is not None:
            form.code.data = service.code  # codes are referenced by rotas: never renamed
        if form.validate_on_submit():
            if service is None and db.session.scalar(sa.select(m.Service).where(m.Service.code == form.code.data)):
                form.code.errors.append(_("This code is taken."))
            else:
                row = service or m.Service(code=form.code.data)
                row.name, row.role, row.colour = form.name.data.strip(), form.role.data, form.colour.data
                row.channels, row.languages = words(form.channels.data), words(form.languages.data)
                if service is None:
                    db.session.add(row)
                else:
                    bump(row)
                db.session.commit()
                flash(_("Service %(code)s saved.", code=row.code), "success")
                return redirect(url_for("team.services"))
        return _form_page(form, title, action, url_for("team.services"), 400)
    return _form_page(form, title, action, url_for("team.services"))


@bp.route("/services/<int:service_id>/delete", methods=["POST"])
@lead_only
def service_delete(service_id: int) -> Any:
    service = _get(m.Service, service_id)
    return _delete(service, url_for("team.services"), _("Service %(code)s deleted.", code=service.code),
                   _service_uses)


# --- shift types --------------------------------------------------------------------------

def _shift_form(st: m.ShiftType | None, fresh: bool = False) -> ShiftTypeForm:
    if st is not None and (request.method == "GET" or fresh):
        form = ShiftTypeForm(formdata=None, obj=st)
        form.service.data = st.service_id
        form.weekdays.data = list(st.weekdays or [])
        form.version.data = str(st.version)
    else:
        form = ShiftTypeForm()
    form.service.choices = opts([(s.id, f"{s.code} – {s.name}") for s in _all(m.Service, m.Service.id)])
    form.long_shifts = _long_shifts_anywhere()
    form.longest_duty = _longest_duty_anywhere()
    if st is not None:
        form.code.render_kw = {"readonly": True}
        form.stored = True
    return form


def _long_shifts_anywhere() -> bool:
    """Whether the team's work rules or anyone's own allow long shifts (TLS § 51)."""
    if (team_row().settings or {}).get("long_shifts_allowed") is True:
        return True
    return any((p.settings or {}).get("long_shifts_allowed") is True for p in _all(m.Person, m.Person.id))


def _longest_duty_anywhere() -> float:
    """The longest duty the team's work rules or anyone's own allow
    (:func:`scheduler.settings.longest_duty_hours`, TLS § 51): a longer shift type could be
    worked by nobody."""
    team = _team_settings()
    people = [rule_settings(team, p.settings or {}) for p in _all(m.Person, m.Person.id)]
    return max(longest_duty_hours(s) for s in [team, *people])


@bp.route("/shift-types/new", methods=["GET", "POST"])
@bp.route("/shift-types/<int:shift_id>/edit", methods=["GET", "POST"])
@lead_only
def shift_edit(shift_id: int | None = None) -> Any:
    st = _get(m.ShiftType, shift_id) if shift_id is not None else None
    form = _shift_form(st)
    action = url_for("team.shift_edit", shift_id=shift_id) if st else url_for("team.shift_edit")
    title = _("Edit shift type %(code)s", code=st.code) if st else _("New shift type")
    if request.method == "POST":
        if st is not None and is_stale(form, st):
            return _form_page(_shift_form(st, fresh=True), title, action, url_for("team.services"), 409)
        if st is not None:
            form.code.data = st.code
        if form.validate_on_submit():
            retiring = st is not None and not form.weekdays.data
            needs = db.session.scalar(sa.select(sa.func.count()).select_from(m.Need).where(
                m.Need.shift_type_id == st.id)) if retiring else 0
            windows = [n for n in db.session.scalars(sa.select(m.Need).where(
                m.Need.shift_type_id.is_(None), m.Need.service_id == st.service_id))
                if not _window_covered(n.service_id, n.window_start, n.window_end, except_id=st.id)] \
                if retiring else []
            if st is None and db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == form.code.data)):
                form.code.errors.append(_("This code is taken."))
            elif needs:
                form.weekdays.errors.append(ngettext(
                    "%(num)d coverage need asks for %(code)s: change or delete it first (Coverage needs), or no "
                    "rota could meet it.", "%(num)d coverage needs ask for %(code)s: change or delete them first "
                    "(Coverage needs), or no rota could meet them.", needs, code=st.code))
            elif windows:
                form.weekdays.errors.append(_(
                    "Only %(code)s runs in the window %(window)s of a coverage need: change or delete that need first "
                    "(Coverage needs), or no rota could meet it.", code=st.code,
                    window=domain.clock_span(windows[0].window_start, windows[0].window_end)))
            else:
                before = _hard_findings_ahead() if st is not None else {}
                row = st or m.ShiftType(code=form.code.data)
                retimed = st is not None and (st.start, st.end) != (form.start.data, form.end.data)
                row.name, row.service_id = form.name.data.strip(), form.service.data
                row.start, row.end = form.start.data, form.end.data
                row.channel, row.weekdays = form.channel.data or "", sorted(form.weekdays.data)
                if st is None:
                    db.session.add(row)
                else:
                    bump(row)
                db.session.commit()
                flash(_("Shift type %(code)s saved.", code=row.code), "success")
                if st is not None:
                    _tell_what_broke(before)  # a weekday taken away (or the type retired) with duties on it
                if retiring:
                    _drop_wishes_for(row.code)
                if retimed:
                    begun = _begun_month_with_shift(row.code)
                    _tell_published_keep([ym for ym in _published_months_with_shift(row.code) if ym not in begun])
                    _tell_begun_keep(begun)
                return redirect(url_for("team.services"))
        return _form_page(form, title, action, url_for("team.services"), 400)
    return _form_page(form, title, action, url_for("team.services"))


@bp.route("/shift-types/<int:shift_id>/delete", methods=["POST"])
@lead_only
def shift_delete(shift_id: int) -> Any:
    st = _get(m.ShiftType, shift_id)
    return _delete(st, url_for("team.services"), _("Shift type %(code)s deleted.", code=st.code), _shift_type_uses)


def _published_months_with_shift(code: str) -> list[tuple[int, int]]:
    """Months from this one on whose latest published version has shift ``code``."""
    now = today()
    months = db.session.execute(sa.select(m.Rota.year, m.Rota.month).distinct().join(m.RotaCell).where(
        m.Rota.status == m.PUBLISHED, m.RotaCell.shift_code == code,
        m.Rota.year * 12 + m.Rota.month >= now.year * 12 + now.month)).all()
    return sorted((y, mo) for y, mo in months
                  if any(c.shift_code == code for c in rotas.published_of(y, mo).cells))


def _begun_month_with_shift(code: str) -> list[tuple[int, int]]:
    """This month, if it has begun and its latest published version has shift type ``code``
    (``rotas.month_team`` keeps its times to the month's end)."""
    day = today()
    pub = rotas.published_of(day.year, day.month)
    if pub is None or not rotas.month_begun(day.year, day.month):
        return []
    return [(day.year, day.month)] if any(s.get("code") == code for s in (pub.published_with or {}).get(
        "shift_types", [])) else []


def _tell_begun_keep(months: list[tuple[int, int]]) -> None:
    """Say which months under way keep their published shift times to their end
    (``rotas.month_team``): publishing them again does not take the new times."""
    if months:
        flash(_("The rota of %(months)s has begun: it keeps the shift times it was published with to its end, even "
                "when published again (its days already past were worked with them); the new times apply from the "
                "next month.", months=", ".join(f"{mo:02d}.{y}" for y, mo in months)), "warning")


def _tell_published_keep(months: list[tuple[int, int]]) -> None:
    """Say which published months keep the times they were published with (their hours and
    payroll do not change); a new version of the month takes the change."""
    if months:
        flash(_("The published rota of %(months)s keeps the times it was published with (its hours and payroll "
                "do not change). To use the change there, edit the month and publish it again.",
                months=", ".join(f"{mo:02d}.{y}" for y, mo in months)), "warning")


# --- coverage needs ------------------------------------------------------------------------

@bp.route("/needs")
@lead_only
def needs() -> Any:
    rows = _all(m.Need, m.Need.service_id, m.Need.id)
    return render_template("team/needs.html", needs=rows, action_form=ActionForm())


def _need_form(need: m.Need | None, fresh: bool = False) -> NeedForm:
    if need is not None and (request.method == "GET" or fresh):
        form = NeedForm(formdata=None, obj=need)
        form.service.data = need.service_id
        form.shift.data = need.shift_type_id or 0
        form.languages.data = ", ".join(f"{k}={v}" for k, v in sorted((need.languages or {}).items()))
        form.version.data = str(need.version)
    else:
        form = NeedForm()
    form.service.choices = opts([(s.id, f"{s.code} – {s.name}") for s in _all(m.Service, m.Service.id)])
    form.shift.choices = opts([(0, _("— window —"))] + [
        (st.id, f"{st.code} – {st.name}") for st in _all(m.ShiftType, m.ShiftType.id)
        if st.weekdays or (need is not None and need.shift_type_id == st.id)])  # a retired one: no new need
    return form


#: The weekdays (Monday 0) of a need's day types that name some (as the team-file loader).
_WEEKDAYS_OF = {domain.DayType.WEEKDAY.value: {0, 1, 2, 3, 4}, domain.DayType.WEEKEND.value: {5, 6}}


@bp.route("/needs/new", methods=["GET", "POST"])
@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@lead_only
def need_edit(need_id: int | None = None) -> Any:
    need = _get(m.Need, need_id) if need_id is not None else None
    form = _need_form(need)
    action = url_for("team.need_edit", need_id=need_id) if need else url_for("team.need_edit")
    title = _("Edit coverage need") if need else _("New coverage need")
    if request.method == "POST":
        if need is not None and is_stale(form, need):
            return _form_page(_need_form(need, fresh=True), title, action, url_for("team.needs"), 409)
        if form.validate_on_submit():
            shift = db.session.get(m.ShiftType, form.shift.data) if form.shift.data else None
            on = form.on_date.data if form.day_type.data == domain.DayType.DATE.value else None
            if shift is not None and shift.service_id != form.service.data:
                form.shift.errors.append(_("This shift belongs to service %(code)s.", code=shift.service.code))
            elif shift is not None and on is not None and shift.weekdays and on.weekday() not in shift.weekdays:
                # as the team-file loader: the need would ask for nobody that day
                form.on_date.errors.append(_("%(code)s does not run on %(weekday)s %(day)s.", code=shift.code,
                                             weekday=format_date(on, "EEEE"), day=on.strftime("%d.%m.%Y")))
            elif shift is not None and shift.weekdays and not set(shift.weekdays) & _WEEKDAYS_OF.get(
                    form.day_type.data, set(range(7))):
                form.day_type.errors.append(_("%(code)s does not run on any of these days: the need would never "
                                              "apply.", code=shift.code))
            elif shift is None and not _window_covered(form.service.data, form.window_start.data,
                                                       form.window_end.data):
                service = db.session.get(m.Service, form.service.data)
                form.window_start.errors.append(_("No shift type of %(code)s runs in this window: no rota could "
                                                  "meet it (add a shift type first).", code=service.code))
            elif _need_is_new(form, shift, need):
                row = need or m.Need()
                row.service_id, row.shift_type_id = form.service.data, shift.id if shift else None
                row.window_start = None if shift else form.window_start.data
                row.window_end = None if shift else form.window_end.data
                row.day_type = form.day_type.data
                row.on_date = form.on_date.data if form.day_type.data == "date" else None
                row.minimum = form.minimum.data
                row.desired = form.desired.data if form.desired.data is not None else form.minimum.data
                row.languages = parse_language_minima(form.languages.data)
                if need is None:
                    db.session.add(row)
                else:
                    bump(row)
                db.session.commit()
                flash(_("Coverage need saved."), "success")
                return redirect(url_for("team.needs"))
        return _form_page(form, title, action, url_for("team.needs"), 400)
    return _form_page(form, title, action, url_for("team.needs"))


def _drop_wishes_for(code: str) -> None:
    """Delete the wishes from today on that name a shift type just retired (no rota can meet
    or break them any more), saying how many."""
    wishes = list(db.session.scalars(sa.select(m.Wish).where(m.Wish.shift_code == code, m.Wish.day >= today())))
    for wish in wishes:
        db.session.delete(wish)
    db.session.commit()
    if wishes:
        flash(ngettext("%(num)d wish for %(code)s from today on was removed: the shift type is retired.",
                       "%(num)d wishes for %(code)s from today on were removed: the shift type is retired.",
                       len(wishes), code=code), "warning")


def _window_covered(service_id: int, start: time | None, end: time | None, except_id: int | None = None) -> bool:
    """Whether some shift type of the service that still runs is at work during part of the
    window ``start``–``end`` (clock times; an end at or before the start runs past midnight)."""
    if start is None or end is None:
        return True  # the form names what is missing

    def minutes(a: time, b: time) -> tuple[int, int]:
        s, e = a.hour * 60 + a.minute, b.hour * 60 + b.minute
        return s, e if e > s else e + 24 * 60

    ws, we = minutes(start, end)
    shifts = db.session.scalars(sa.select(m.ShiftType).where(m.ShiftType.service_id == service_id))
    for st in shifts:
        if not st.weekdays or st.id == except_id:
            continue  # retired (or about to be)
        ss, se = minutes(st.start, st.end)
        if any(ss + shift < we and ws < se + shift for shift in (-24 * 60, 0, 24 * 60)):
            return True
    return False


def _form_need(form: NeedForm, shift: m.ShiftType | None) -> domain.CoverageNeed | None:
    """The need the form describes, as the solver gets it (None for an unknown service)."""
    service = db.session.get(m.Service, form.service.data)
    if service is None:
        return None
    on = form.on_date.data if form.day_type.data == domain.DayType.DATE.value else None
    return domain.CoverageNeed(service.code, domain.DayType(form.day_type.data), form.minimum.data or 0,
                               form.desired.data or 0, shift.code if shift else None,
                               None if shift else form.window_start.data, None if shift else form.window_end.data,
                               on)


def _need_is_new(form: NeedForm, shift: m.ShiftType | None, need: m.Need | None) -> bool:
    """Refuse a second need for the same service and shift (or window) on the same days, as
    the team-file loader does (:func:`scheduler.teamfile.same_days_key`): the solver would
    keep only one of them and the checker apply both, so no month could be published."""
    wanted = _form_need(form, shift)
    if wanted is None:
        return True
    for other in _all(m.Need, m.Need.id):
        if other is not need and same_days_key(convert.coverage_need(other)) == same_days_key(wanted):
            field = form.on_date if wanted.on is not None else form.day_type
            field.errors.append(_("A need for %(need)s on the same days is already given.", need=wanted.label()))
            return False
    return True


@bp.route("/needs/<int:need_id>/delete", methods=["POST"])
@lead_only
def need_delete(need_id: int) -> Any:
    return _delete(_get(m.Need, need_id), url_for("team.needs"), _("Coverage need deleted."))


# --- absences ------------------------------------------------------------------------------

@bp.route("/absences", methods=["GET", "POST"])
@lead_only
def absences() -> Any:
    form = AbsenceForm()
    form.person.choices = _people_choices()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit() and _absence_fits(form):
            first, last, start, end = form.span()
            absence = m.Absence(person=db.session.get(m.Person, form.person.data), kind=form.kind.data,
                                first_day=first, last_day=last, start_time=start, end_time=end,
                                note=form.note.data or "")
            rotas.record_scheduled_hours(absence, convert.build_team())
            db.session.add(absence)
            db.session.commit()
            flash(_("Absence saved. Re-plan the month if it is already planned."), "success")
            return redirect(url_for("team.absences"))
        status = 400
    rows = _all(m.Absence, m.Absence.first_day.desc(), m.Absence.id)
    return render_template("team/absences.html", absences=rows, form=form, action_form=ActionForm()), status


def _absence_form(absence: m.Absence, fresh: bool = False) -> AbsenceEditForm:
    """The edit form: filled from ``absence`` on a GET (or ``fresh`` after a refused stale
    save), from the request otherwise. The person may be changed to any active person; the
    absence's own person stays choosable after they were deactivated."""
    if request.method == "GET" or fresh:
        form = AbsenceEditForm(formdata=None, obj=absence)
        form.person.data = absence.person_id
        form.version.data = str(absence.version)
        if absence.end_time == time(0) and absence.until_day < absence.last_day:
            # stored ending at 00:00 of the day after: shown as it was typed, until 24:00
            form.last_day.data, form.end_time.end_of_day = absence.until_day, True
    else:
        form = AbsenceEditForm()
    form.person.choices = _people_choices(also=absence.person_id)
    if absence.by_person:
        form.kind.description = _("Entered by the person as unavailability: it lowers no norm. Another kind or "
                                  "person makes it your absence: it lowers the norm as yours do, and the person "
                                  "can no longer delete it.")
    return form


def _lead_takes_over(absence: m.Absence, kind: str, person_id: int) -> None:
    """A counsellor's own unavailability the lead gives another kind or person becomes the
    lead's absence, entered now: it lowers the norm, records the hours the rota published by
    now had planned (``rotas.record_scheduled_hours``), and the counsellor can no longer
    delete it. Other changes (its days, its note) leave it the counsellor's."""
    if absence.by_person and (kind != absence.kind or person_id != absence.person_id):
        absence.by_person = False
        absence.created_at = m.utcnow()


@bp.route("/absences/<int:absence_id>/edit", methods=["GET", "POST"])
@lead_only
def absence_edit(absence_id: int) -> Any:
    absence = _get(m.Absence, absence_id)
    form = _absence_form(absence)
    title = _("Edit absence")
    action, back = url_for("team.absence_edit", absence_id=absence_id), url_for("team.absences")
    if request.method == "POST":
        if is_stale(form, absence):
            return _form_page(_absence_form(absence, fresh=True), title, action, back, 409)
        if form.validate_on_submit() and _absence_fits(form, absence):
            _lead_takes_over(absence, form.kind.data, form.person.data)
            absence.person, absence.kind = db.session.get(m.Person, form.person.data), form.kind.data
            absence.first_day, absence.last_day, absence.start_time, absence.end_time = form.span()
            absence.note = form.note.data or ""
            rotas.record_scheduled_hours(absence, convert.build_team())
            bump(absence)
            db.session.commit()
            flash(_("Absence saved. Re-plan the month if it is already planned."), "success")
            return redirect(url_for("team.absences"))
        return _form_page(form, title, action, back, 400)
    return _form_page(form, title, action, back)


def _time_exists(field: Any, day: date) -> bool:
    """Refuse a time the clocks skip that day in Tallinn (03:00–03:59 on the night they go
    forward), as the team-file loader does (:func:`scheduler.teamfile.local_time_exists`)."""
    if field.data is None or local_time_exists(datetime.combine(day, field.data)):
        return True
    field.errors.append(_("%(day)s %(time)s does not exist in Estonia: the clocks go forward from 03:00 to 04:00 "
                          "that night.", day=day.strftime("%d.%m.%Y"), time=field.data.strftime("%H:%M")))
    return False


def overlapping_absence(person_id: int, first: date, last: date, start: time | None = None,
                        end: time | None = None, other_than: m.Absence | None = None) -> m.Absence | None:
    """The person's first stored absence (other than ``other_than``) that overlaps
    ``first`` ``start`` – ``last`` ``end`` (whole days without times): the sick-leave form's
    check (the days overlap), and where both have times, the times overlap too."""
    new = domain.Absence("", domain.AbsenceKind.OTHER, first, last, start, end).interval()
    rows = db.session.scalars(sa.select(m.Absence).where(
        m.Absence.person_id == person_id, m.Absence.first_day <= last, m.Absence.last_day >= first)
        .order_by(m.Absence.first_day, m.Absence.id))
    for row in rows:
        if row is other_than:
            continue
        old = domain.Absence("", domain.AbsenceKind.OTHER, row.first_day, row.last_day, row.start_time,
                             row.end_time).interval()
        if old[0] < new[1] and new[0] < old[1]:
            return row
    return None


def absence_kind_label(row: m.Absence) -> str:
    """An absence's kind as the grid names it (vacation, sick leave, …)."""
    return str(grid_view.ABSENCE_KINDS.get(row.kind, grid_view.ABSENCE_KINDS["other"])[0])


def away_during(person_id: int, start: datetime, end: datetime) -> str | None:
    """The person's absence (the lead's, or their own unavailability) during ``start``..``end``
    (aware), named as the pages name it (``vacation 04.10.2027–08.10.2027``), or None
    (:func:`overlapping_absence`, the absence forms' check)."""
    start, end = start.astimezone(domain.TALLINN), end.astimezone(domain.TALLINN)
    row = overlapping_absence(person_id, start.date(), end.date(), start.time(), end.time())
    if row is None:
        return None
    kind = _("unavailable") if row.by_person else absence_kind_label(row)
    return f"{kind} {row.first_day:%d.%m.%Y}–{row.until_day:%d.%m.%Y}"


def _absence_fits(form: AbsenceForm, absence: m.Absence | None = None) -> bool:
    """Refuse times that do not exist in Tallinn and an absence that overlaps another of the
    same person (the sick-leave form refuses the same); reasons next to the fields."""
    first, last, start, end = form.span()
    if not (_time_exists(form.start_time, first) and _time_exists(form.end_time, last)):
        return False
    clash = overlapping_absence(form.person.data, first, last, start, end, other_than=absence)
    if clash is None:
        return True
    person = db.session.get(m.Person, form.person.data)
    form.first_day.errors.append(absence_clash(person.name if person else "", clash))
    return False


def absence_clash(name: str, clash: m.Absence) -> str:
    """Why an absence cannot be entered: ``name`` is already away (``clash``); the lead's
    absence form and the sick-leave form say the same."""
    return _("%(name)s already has an absence on these days: %(kind)s %(first)s–%(last)s. "
             "Change or delete it on the absences page first.", name=name, kind=absence_kind_label(clash),
             first=clash.first_day.strftime("%d.%m.%Y"), last=clash.until_day.strftime("%d.%m.%Y"))


@bp.route("/absences/<int:absence_id>/delete", methods=["POST"])
@lead_only
def absence_delete(absence_id: int) -> Any:
    return _delete(_get(m.Absence, absence_id), url_for("team.absences"), _("Absence deleted."))


# --- events --------------------------------------------------------------------------------

@bp.route("/events")
@lead_only
def events() -> Any:
    rows = _all(m.Event, m.Event.day.desc(), m.Event.start)
    return render_template("team/events.html", events=rows, action_form=ActionForm())


def _event_form(event: m.Event | None, fresh: bool = False) -> EventForm:
    if event is not None and (request.method == "GET" or fresh):
        form = EventForm(formdata=None, obj=event)
        form.attendees.data = [p.id for p in event.attendees]
        form.version.data = str(event.version)
    else:
        form = EventForm()
    form.attendees.choices = _people_choices()
    return form


@bp.route("/events/new", methods=["GET", "POST"])
@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@lead_only
def event_edit(event_id: int | None = None) -> Any:
    event = _get(m.Event, event_id) if event_id is not None else None
    form = _event_form(event)
    action = url_for("team.event_edit", event_id=event_id) if event else url_for("team.event_edit")
    title = _("Edit event") if event else _("New event")
    if request.method == "POST":
        if event is not None and is_stale(form, event):
            return _form_page(_event_form(event, fresh=True), title, action, url_for("team.events"), 409)
        if (form.validate_on_submit() and _time_exists(form.start, form.day.data)
                and _time_exists(form.end, form.day.data) and _one_event_at_a_time(form, event)):
            row = event or m.Event()
            months = {(d.year, d.month) for d in (event.day if event else None, form.day.data) if d is not None}
            row.code, row.name, row.kind = form.code.data, form.name.data.strip(), form.kind.data
            row.day, row.start, row.end = form.day.data, form.start.data, form.end.data
            row.attendees = list(db.session.scalars(sa.select(m.Person).where(m.Person.id.in_(form.attendees.data))))
            if event is None:
                db.session.add(row)
            else:
                bump(row)
            db.session.commit()
            flash(_("Event saved."), "success")
            _tell_attendees_away(row)
            _tell_published_keep(sorted(ym for ym in months if rotas.published_of(*ym) is not None))
            return redirect(url_for("team.events"))
        return _form_page(form, title, action, url_for("team.events"), 400)
    return _form_page(form, title, action, url_for("team.events"))


def _as_event(code: str, kind: str, day: date, start: time, end: time,
              attendees: Iterable[int] = ()) -> domain.Event:
    """An event as the domain has it, its attendees by row id (for the form's checks)."""
    return domain.Event(code, code, domain.EventKind(kind), day, start, end, tuple(map(str, attendees)))


def _tell_attendees_away(event: m.Event) -> None:
    """Name each attendee who is away during ``event`` (saved anyway): an absence takes them
    out of it (the grid shows the absence; they do not attend, their hours do not count)."""
    start, end = _as_event(event.code, event.kind, event.day, event.start, event.end).interval()
    for person in sorted(event.attendees, key=lambda p: p.name):
        away = away_during(person.id, start, end)
        if away is not None:
            flash(_("%(name)s is away then (%(absence)s): they will not attend.", name=person.name, absence=away),
                  "warning")
        elif ((person.employed_from is not None and event.day < person.employed_from)
              or (person.employed_until is not None and event.day > person.employed_until)):
            flash(_("%(name)s is not employed on %(day)s (contract dates): they will not attend.", name=person.name,
                    day=event.day.strftime("%d.%m.%Y")), "warning")


def _one_event_at_a_time(form: EventForm, event: m.Event | None) -> bool:
    """Refuse an event that overlaps another (other than ``event``, the one edited) for a
    common attendee, as the team-file loader does: a person attends one event at a time (the
    checker's ``no_overlapping_duties``; the hours of both would count)."""
    day = form.day.data
    new = _as_event(form.code.data, form.kind.data, day, form.start.data, form.end.data, form.attendees.data)
    near = db.session.scalars(sa.select(m.Event).where(m.Event.day.between(day - timedelta(days=1),
                                                                           day + timedelta(days=1))))
    for other in near:
        if event is not None and other.id == event.id:
            continue
        both = new.clashes_with(_as_event(other.code, other.kind, other.day, other.start, other.end,
                                          (p.id for p in other.attendees)))
        if both:
            names = [p.name for p in other.attendees if str(p.id) in both]
            form.start.errors.append(_(
                "It overlaps the event %(code)s (%(day)s %(start)s–%(end)s) of %(names)s: a person attends one "
                "event at a time.", code=other.code, day=other.day.strftime("%d.%m.%Y"),
                start=other.start.strftime("%H:%M"), end=other.end.strftime("%H:%M"), names=", ".join(names)))
            return False
    return True


@bp.route("/events/<int:event_id>/delete", methods=["POST"])
@lead_only
def event_delete(event_id: int) -> Any:
    return _delete(_get(m.Event, event_id), url_for("team.events"), _("Event deleted."))


# --- team settings and the wish deadline ---------------------------------------------------

SETTING_FIELDS = ("accounting_period_months", "weekly_rest_hours", "break_counts_as_work", "holidays_reduce_norm")


def _settings_form(row: m.TeamRow, fresh: bool = False) -> TeamSettingsForm:
    current = rule_settings(RuleSettings(), row.settings or {})
    if request.method == "GET" or fresh:
        form = TeamSettingsForm(formdata=None, obj=row)
        for name in SETTING_FIELDS:
            getattr(form, name).data = getattr(current, name)
        form.version.data = str(row.version)
    else:
        form = TeamSettingsForm()
    _offer_stored_values(form, current)
    return form


def _offer_stored_values(form: TeamSettingsForm, current: RuleSettings) -> None:
    """The selects of this page offer the usual values; a value set on the rules page (a
    weekly rest of 40 h) is offered too, so that saving this page keeps it."""
    for name in SETTING_FIELDS:
        field = getattr(form, name)
        if not isinstance(field, SelectField):
            continue
        value = getattr(current, name)
        if all(field.coerce(choice) != value for choice, *_rest in field.choices):
            field.choices = list(field.choices) + opts([(value, f"{value:g}")])


@bp.route("/settings", methods=["GET", "POST"])
@lead_only
def settings() -> Any:
    row = team_row()
    form = _settings_form(row)
    title = _("Team and rules")
    action, back = url_for("team.settings"), url_for("team.people")
    if request.method == "POST":
        if is_stale(form, row):
            return _form_page(_settings_form(row, fresh=True), title, action, back, 409, links=_rule_links())
        if form.validate_on_submit():
            settings = _settings_from_form(form, row)
            if settings is not None:
                before = _hard_findings_ahead()
                row.name = form.name.data.strip()
                row.wish_deadline_day = form.wish_deadline_day.data
                row.solve_seconds = form.solve_seconds.data
                row.settings = settings_overrides(settings)
                bump(row)
                db.session.commit()
                flash(_("Settings saved."), "success")
                _tell_what_broke(before)
                return redirect(url_for("team.settings"))
        return _form_page(form, title, action, back, 400, links=_rule_links())
    return _form_page(form, title, action, back, links=_rule_links())


def _settings_from_form(form: TeamSettingsForm, row: m.TeamRow) -> RuleSettings | None:
    """The team's rules with this page's four values, checked as the rules page checks them
    (each value against the law, the rules as a whole, every person's overrides on top), or
    None (reasons next to the fields, or flashed for a person)."""
    current = rule_settings(RuleSettings(), row.settings or {})
    values = {name: getattr(current, name) for name in setting_names()}
    values.update({name: getattr(form, name).data for name in SETTING_FIELDS})
    overrides = _checked_settings(form, values, "", RuleSettings())
    if overrides is None:
        return None
    settings = replace(RuleSettings().with_overrides(overrides), weights=current.weights)
    return settings if _people_fit(settings) else None


def _rule_links() -> list[tuple[str, str]]:
    return [(url_for("team.rules"), _("All work rules and soft-goal weights")),
            (url_for("team.substitutions"), _("Substitution rules"))]


@bp.route("/wishes")
@lead_only
def wishes(form: LeadWishForm | None = None, status: int = 200) -> Any:
    """The wishes of the team for coming months; the lead enters one for someone (asked by
    phone, or a person without a login) and deletes any."""
    rows = list(db.session.scalars(sa.select(m.Wish).where(m.Wish.day >= today().replace(day=1))
                                   .order_by(m.Wish.day, m.Wish.person_id)))
    return render_template("team/wishes.html", wishes=rows, kinds=WISH_LABELS, form=form or _lead_wish_form(),
                           action_form=ActionForm()), status


def _lead_wish_form() -> LeadWishForm:
    from webui.me import _shift_choices

    form = LeadWishForm()
    form.person.choices = opts([(p.id, p.name) for p in _all(m.Person, m.Person.name) if p.active])
    form.shift.choices = _shift_choices(convert.build_team())
    return form


@bp.route("/wishes/new", methods=["POST"])
@lead_only
def wish_new() -> Any:
    """A wish the lead enters for someone: checked as the person's own (a shift of their
    services that runs that day, not while away, no duplicate or contradiction), without the
    counsellors' request deadline (the lead plans the month)."""
    from webui.me import wish_fits

    form = _lead_wish_form()
    if form.validate_on_submit():
        person = db.session.get(m.Person, form.person.data)
        if form.day.data < today():  # the list shows the days from today's month on
            form.day.errors.append(_("Choose a day from today on."))
        elif person is not None and wish_fits(form, convert.build_team(), person, own=False):
            db.session.add(m.Wish(person_id=person.id, day=form.day.data, kind=form.kind.data,
                                  shift_code=(form.shift.data or None) if form.kind.data != "day_off" else None,
                                  weight=form.weight.data))
            db.session.commit()
            flash(_("Wish saved for %(name)s.", name=person.name), "success")
            return redirect(url_for("team.wishes"))
    return wishes(form, 400)


@bp.route("/wishes/<int:wish_id>/delete", methods=["POST"])
@lead_only
def wish_delete(wish_id: int) -> Any:
    wish = _get(m.Wish, wish_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    name = wish.person.name
    db.session.delete(wish)
    db.session.commit()
    flash(_("Wish of %(name)s deleted.", name=name), "success")
    return redirect(url_for("team.wishes"))


WISH_LABELS = {"day_off": _l("day off"), "shift_wanted": _l("wants shift"), "shift_not_wanted": _l("not this shift")}


# --- all work rules and the soft-goal weights ----------------------------------------------
#
# The forms are generated from RuleSettings / SoftWeights (webui.forms.rule_specs,
# weight_specs); the values are checked with the functions the team-file loader uses
# (scheduler.settings.lawful_override_messages, weight_problem), so the web app refuses exactly
# what a team file may not say, and says why in the viewer's language (webui.reasons).

def _team_settings() -> RuleSettings:
    """The team's rules as the solver gets them (law's defaults + stored overrides)."""
    return rule_settings(RuleSettings(), team_row().settings or {})


def _number(value: float) -> str:
    return format_decimal(value, "0.##")


def show_value(spec: RuleSpec, value: Any) -> str:
    """A setting's value as the page shows it (yes/no, a choice's label, 11,5)."""
    if spec.kind == "bool":
        return _("yes") if value else _("no")
    if spec.kind == "choice":
        return str(CHOICE_LABELS.get(value, value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    return str(value)


def bound_range(spec: RuleSpec) -> str:
    """The law's range of a setting (``11–24``; one number when it is fixed), or ""."""
    if spec.bounds is None:
        return ""
    lo, hi, _source = spec.bounds
    return _number(lo) if lo == hi else f"{_number(lo)}–{_number(hi)}"


def law_text(spec: RuleSpec) -> str:
    if spec.bounds is None:
        return ""
    return _("law: %(range)s (%(source)s)", range=bound_range(spec), source=law_source(spec))


def law_source(spec: RuleSpec) -> str:
    """The law's paragraph behind a setting's bound, in the viewer's language, or ""."""
    return reasons.phrase(spec.bounds[2]) if spec.bounds else ""


@dataclass(frozen=True)
class RuleRow:
    """One line of the rules page: the input's name and what is shown next to it."""

    name: str
    field: str
    help: str
    default: str
    bound: str
    source: str


def _row(spec: RuleSpec, field: str) -> RuleRow:
    choices = " / ".join(str(CHOICE_LABELS.get(c, c)) for c in spec.choices)
    return RuleRow(spec.name, field, str(spec.help), show_value(spec, spec.default),
                   bound_range(spec) or choices, law_source(spec))


def _field_error(form: Any, field: str, name: str, why: str) -> None:
    """A reason next to the field, or at the top of the page when the form has no input for
    it (a team rule a person's override clashes with)."""
    if field in form._fields:
        form[field].errors.append(why)
    else:
        label = next((s.label for s in rule_specs([name])), name)
        flash(f"{label}: {why}", "error")


def _checked_settings(form: Any, values: dict[str, Any], prefix: str,
                      base: RuleSettings) -> dict[str, Any] | None:
    """``values`` checked as the team-file loader checks ``[settings]``
    (:func:`scheduler.settings.lawful_override_messages`). Reasons go next to the fields
    (``prefix`` + name), in the viewer's language; the overrides (floats where the setting is
    a float), or None when one is refused."""
    whole = {name: int(value) if isinstance(value, float) and value.is_integer() else value
             for name, value in values.items()}
    overrides, problems = lawful_override_messages(whole, base)
    for name, why in problems:
        _field_error(form, prefix + name, name, reasons.render(why))
    return None if problems else overrides


def _checked_weights(form: Any) -> SoftWeights | None:
    values: dict[str, Any] = {}
    ok = True
    for spec in weight_specs():
        field = form[WEIGHT_PREFIX + spec.name]
        if field.errors:
            ok = False
            continue
        problem = weight_problem(spec, field.data)
        if problem:
            field.errors.append(problem)
            ok = False
        else:
            values[spec.name] = float(field.data) if spec.kind == "float" else field.data
    return replace(SoftWeights(), **values) if ok else None


def _people_fit(settings: RuleSettings) -> bool:
    """Every person's own overrides are still lawful on top of the new team rules (the
    team-file loader checks each person's settings on top of the team's)."""
    ok = True
    for person in db.session.scalars(sa.select(m.Person).order_by(m.Person.name)):
        if not person.settings:
            continue
        for _name, why in cross_messages(rule_settings(settings, person.settings)):
            flash(_("The rules of %(name)s would no longer be lawful: %(reason)s", name=person.name,
                    reason=reasons.render(why)), "error")
            ok = False
    return ok


def _rules_from_form(form: Any) -> RuleSettings | None:
    """The team's new rules and weights, or None (reasons next to the fields)."""
    specs = rule_specs()
    values = {s.name: form[s.name].data for s in specs
              if not form[s.name].errors and form[s.name].data is not None}
    overrides = _checked_settings(form, values, "", RuleSettings())
    weights = _checked_weights(form)
    if overrides is None or weights is None:
        return None
    settings = replace(RuleSettings().with_overrides(overrides), weights=weights)
    return settings if _people_fit(settings) else None


def _rules_form(row: m.TeamRow, fresh: bool = False) -> Any:
    """The rules form, filled from the stored rules on a GET (or ``fresh`` after a refused
    stale save), from the request otherwise."""
    form_class = rules_form_class()
    if request.method != "GET" and not fresh:
        return form_class()
    current = rule_settings(RuleSettings(), row.settings or {})
    form = form_class(formdata=None)
    for spec in rule_specs():
        form[spec.name].data = getattr(current, spec.name)
    for spec in weight_specs():
        form[WEIGHT_PREFIX + spec.name].data = getattr(current.weights, spec.name)
    form.version.data = str(row.version)
    return form


def _rules_page(form: Any, status: int = 200) -> Any:
    return render_template("team/rules.html", form=form,
                           rules=[_row(s, s.name) for s in rule_specs()],
                           weights=[_row(s, WEIGHT_PREFIX + s.name) for s in weight_specs()]), status


@bp.route("/rules", methods=["GET", "POST"])
@lead_only
def rules() -> Any:
    """Every work rule a team file may set, and the soft-goal weights."""
    row = team_row()
    form = _rules_form(row)
    if request.method == "POST":
        if is_stale(form, row):
            return _rules_page(_rules_form(row, fresh=True), 409)
        valid = form.validate_on_submit()
        settings = _rules_from_form(form)
        if valid and settings is not None:
            before = _hard_findings_ahead()
            row.settings = settings_overrides(settings)
            bump(row)
            db.session.commit()
            flash(_("Work rules saved."), "success")
            _tell_what_broke(before)
            return redirect(url_for("team.rules"))
        return _rules_page(form, 400)
    return _rules_page(form)


# --- substitution rules ---------------------------------------------------------------------
#
# Stored as a list in team.substitutions; no stored rule means the defaults of a team file
# (webui.convert.substitution_rules). The first change stores the rules in force, then
# changes them. Rules are addressed by their number in the list; every change carries the
# team row's version, so a number never points at a rule someone else moved.

def _rules_in_force(row: m.TeamRow) -> list[dict[str, Any]]:
    weights = rule_settings(RuleSettings(), row.settings or {}).weights
    return [substitution_row(r) for r in substitution_rules(row.substitutions, weights)]


def _rule_number(rules_: list[dict[str, Any]], number: int | None) -> dict[str, Any] | None:
    if number is None:
        return None
    if not 1 <= number <= len(rules_):
        abort(404)
    return rules_[number - 1]


@bp.route("/substitutions")
@lead_only
def substitutions() -> Any:
    row = team_row()
    return render_template("team/substitutions.html", rules=_rules_in_force(row), defaults=not row.substitutions,
                           version=row.version, roles=ROLE_LABELS)


def _substitution_form(rule: dict[str, Any] | None, version: int, fresh: bool = False) -> SubstitutionForm:
    if request.method != "GET" and not fresh:
        return SubstitutionForm()
    form = SubstitutionForm(formdata=None)
    if rule is not None:
        form.substitute.data, form.for_role.data = rule["substitute"], rule["for"]
        form.cost.data, form.last_resort.data = rule["cost"], rule["last_resort"]
    form.version.data = str(version)
    return form


def _substitution_ok(form: SubstitutionForm, rules_: list[dict[str, Any]], number: int | None) -> bool:
    """No second rule for the same pair (self-substitution and the cost are checked by the
    form)."""
    for i, other in enumerate(rules_, start=1):
        if i != number and (other["substitute"], other["for"]) == (form.substitute.data, form.for_role.data):
            form.for_role.errors.append(_("This pair already has a rule."))
            return False
    return True


@bp.route("/substitutions/new", methods=["GET", "POST"])
@bp.route("/substitutions/<int:number>/edit", methods=["GET", "POST"])
@lead_only
def substitution_edit(number: int | None = None) -> Any:
    row = team_row()
    rules_ = _rules_in_force(row)
    rule = _rule_number(rules_, number)
    form = _substitution_form(rule, row.version)
    action = url_for("team.substitution_edit", number=number) if rule else url_for("team.substitution_edit")
    title = _("Edit substitution rule") if rule else _("New substitution rule")
    back = url_for("team.substitutions")
    if request.method == "POST":
        if rule is not None and is_stale(form, row):
            return _form_page(_substitution_form(rule, row.version, fresh=True), title, action, back, 409)
        if form.validate_on_submit() and _substitution_ok(form, rules_, number):
            new = {"substitute": form.substitute.data, "for": form.for_role.data, "cost": form.cost.data,
                   "last_resort": bool(form.last_resort.data)}
            if number is None:
                rules_.append(new)
            else:
                rules_[number - 1] = new
            row.substitutions = rules_
            bump(row)
            db.session.commit()
            flash(_("Substitution rule saved."), "success")
            return redirect(back)
        return _form_page(form, title, action, back, 400)
    return _form_page(form, title, action, back)


@bp.route("/substitutions/<int:number>/delete", methods=["POST"])
@lead_only
def substitution_delete(number: int) -> Any:
    row = team_row()
    rules_ = _rules_in_force(row)
    _rule_number(rules_, number)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    back = url_for("team.substitutions")
    if is_stale(form, row):
        return redirect(back)
    if len(rules_) == 1:
        flash(_("The last rule cannot be deleted: without rules the defaults would apply."), "error")
        return redirect(back)
    del rules_[number - 1]
    row.substitutions = rules_
    bump(row)
    db.session.commit()
    flash(_("Substitution rule deleted."), "success")
    return redirect(back)
