"""The team lead's master data: people, services, shift types, coverage needs, absences,
events, the team's rules and the wish deadline, and the wishes the team has entered."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scheduler.settings import RuleSettings, cross_problems, law_problem
from webui import models as m
from webui.authz import lead_only
from webui.convert import rule_settings, team_row
from webui.extensions import db
from webui.forms import (
    opts,
    AbsenceForm,
    ActionForm,
    EventForm,
    NeedForm,
    PersonForm,
    ServiceForm,
    ShiftTypeForm,
    TeamSettingsForm,
    parse_language_minima,
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


def _people_choices(active_only: bool = True) -> list[tuple[int, str]]:
    q = sa.select(m.Person).order_by(m.Person.name)
    if active_only:
        q = q.where(m.Person.active)
    return opts((p.id, p.name) for p in db.session.scalars(q))


def _form_page(form: Any, title: str, action: str, back: str, status: int = 200, **extra: Any) -> Any:
    return render_template("form.html", form=form, title=title, action=action, back=back, **extra), status


# --- people -------------------------------------------------------------------------------

@bp.route("/people")
@lead_only
def people() -> Any:
    rows = _all(m.Person, m.Person.active.desc(), m.Person.name)
    return render_template("team/people.html", people=rows, action_form=ActionForm())


def _person_form(person: m.Person | None) -> PersonForm:
    form = PersonForm(obj=person) if person is not None and request.method == "GET" else PersonForm()
    form.services.choices = opts([(s.code, f"{s.code} – {s.name}") for s in _all(m.Service, m.Service.id)])
    if person is not None and request.method == "GET":
        form.languages.data = ", ".join(person.languages or [])
        form.version.data = str(person.version)
    return form


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
    return ok


def _save_person(form: PersonForm, person: m.Person) -> None:
    person.key = form.key.data
    person.name = form.name.data.strip()
    person.role = form.role.data
    person.fte = float(form.fte.data)
    person.languages = words(form.languages.data)
    person.services = list(form.services.data or [])
    person.may_work_nights = bool(form.may_work_nights.data)
    person.email = (form.email.data or "").strip()
    person.username = form.username.data or None
    if form.password.data:
        person.set_password(form.password.data)


@bp.route("/people/new", methods=["GET", "POST"])
@lead_only
def person_new() -> Any:
    form = _person_form(None)
    if form.validate_on_submit() and _person_problems(form, None):
        person = m.Person(settings={}, active=True)
        _save_person(form, person)
        db.session.add(person)
        db.session.commit()
        flash(_("%(name)s added.", name=person.name), "success")
        return redirect(url_for("team.people"))
    status = 400 if request.method == "POST" else 200
    return _form_page(form, _("New person"), url_for("team.person_new"), url_for("team.people"), status)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@lead_only
def person_edit(person_id: int) -> Any:
    person = _get(m.Person, person_id)
    form = _person_form(person)
    if request.method == "POST":
        if is_stale(form, person):
            return _form_page(_person_form_get(person), _("Edit %(name)s", name=person.name),
                              url_for("team.person_edit", person_id=person.id), url_for("team.people"), 409)
        if form.validate_on_submit() and _person_problems(form, person):
            _save_person(form, person)
            bump(person)
            db.session.commit()
            flash(_("%(name)s saved.", name=person.name), "success")
            return redirect(url_for("team.people"))
    status = 400 if request.method == "POST" else 200
    return _form_page(form, _("Edit %(name)s", name=person.name),
                      url_for("team.person_edit", person_id=person.id), url_for("team.people"), status)


def _person_form_get(person: m.Person) -> PersonForm:
    """The form filled from the stored row (after a refused stale save)."""
    form = PersonForm(formdata=None, obj=person)
    form.services.choices = opts([(s.code, f"{s.code} – {s.name}") for s in _all(m.Service, m.Service.id)])
    form.languages.data = ", ".join(person.languages or [])
    form.version.data = str(person.version)
    return form


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
    from flask_login import current_user

    if person.id == current_user.id and person.active:
        flash(_("You cannot deactivate yourself."), "error")
        return redirect(url_for("team.people"))
    person.active = not person.active
    bump(person)
    db.session.commit()
    flash(_("%(name)s is active again.", name=person.name) if person.active
          else _("%(name)s was deactivated.", name=person.name), "success")
    return redirect(url_for("team.people"))


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
    if st is not None:
        form.code.render_kw = {"readonly": True}
    return form


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
            if st is None and db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == form.code.data)):
                form.code.errors.append(_("This code is taken."))
            else:
                row = st or m.ShiftType(code=form.code.data)
                row.name, row.service_id = form.name.data.strip(), form.service.data
                row.start, row.end = form.start.data, form.end.data
                row.channel, row.weekdays = form.channel.data or "", sorted(form.weekdays.data)
                if st is None:
                    db.session.add(row)
                else:
                    bump(row)
                db.session.commit()
                flash(_("Shift type %(code)s saved.", code=row.code), "success")
                return redirect(url_for("team.services"))
        return _form_page(form, title, action, url_for("team.services"), 400)
    return _form_page(form, title, action, url_for("team.services"))


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
        (st.id, f"{st.code} – {st.name}") for st in _all(m.ShiftType, m.ShiftType.id)])
    return form


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
            if shift is not None and shift.service_id != form.service.data:
                form.shift.errors.append(_("This shift belongs to service %(code)s.", code=shift.service.code))
            else:
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


@bp.route("/needs/<int:need_id>/delete", methods=["POST"])
@lead_only
def need_delete(need_id: int) -> Any:
    need = _get(m.Need, need_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if is_stale(form, need):
        return redirect(url_for("team.needs"))
    db.session.delete(need)
    db.session.commit()
    flash(_("Coverage need deleted."), "success")
    return redirect(url_for("team.needs"))


# --- absences ------------------------------------------------------------------------------

@bp.route("/absences", methods=["GET", "POST"])
@lead_only
def absences() -> Any:
    form = AbsenceForm()
    form.person.choices = _people_choices()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            db.session.add(m.Absence(person_id=form.person.data, kind=form.kind.data,
                                     first_day=form.first_day.data, last_day=form.last_day.data,
                                     start_time=form.start_time.data, end_time=form.end_time.data,
                                     note=form.note.data or ""))
            db.session.commit()
            flash(_("Absence saved. Re-plan the month if it is already planned."), "success")
            return redirect(url_for("team.absences"))
        status = 400
    rows = _all(m.Absence, m.Absence.first_day.desc(), m.Absence.id)
    return render_template("team/absences.html", absences=rows, form=form, action_form=ActionForm()), status


@bp.route("/absences/<int:absence_id>/delete", methods=["POST"])
@lead_only
def absence_delete(absence_id: int) -> Any:
    absence = _get(m.Absence, absence_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if is_stale(form, absence):
        return redirect(url_for("team.absences"))
    db.session.delete(absence)
    db.session.commit()
    flash(_("Absence deleted."), "success")
    return redirect(url_for("team.absences"))


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
        if form.validate_on_submit():
            row = event or m.Event()
            row.code, row.name, row.kind = form.code.data, form.name.data.strip(), form.kind.data
            row.day, row.start, row.end = form.day.data, form.start.data, form.end.data
            row.attendees = list(db.session.scalars(sa.select(m.Person).where(m.Person.id.in_(form.attendees.data))))
            if event is None:
                db.session.add(row)
            else:
                bump(row)
            db.session.commit()
            flash(_("Event saved."), "success")
            return redirect(url_for("team.events"))
        return _form_page(form, title, action, url_for("team.events"), 400)
    return _form_page(form, title, action, url_for("team.events"))


@bp.route("/events/<int:event_id>/delete", methods=["POST"])
@lead_only
def event_delete(event_id: int) -> Any:
    event = _get(m.Event, event_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if is_stale(form, event):
        return redirect(url_for("team.events"))
    db.session.delete(event)
    db.session.commit()
    flash(_("Event deleted."), "success")
    return redirect(url_for("team.events"))


# --- team settings and the wish deadline ---------------------------------------------------

SETTING_FIELDS = ("accounting_period_months", "weekly_rest_hours", "break_counts_as_work", "holidays_reduce_norm")


def _settings_form(row: m.TeamRow, fresh: bool = False) -> TeamSettingsForm:
    if request.method == "GET" or fresh:
        current = rule_settings(RuleSettings(), row.settings or {})
        form = TeamSettingsForm(formdata=None, obj=row)
        for name in SETTING_FIELDS:
            value = getattr(current, name)
            getattr(form, name).data = int(value) if isinstance(value, float) else value
        form.version.data = str(row.version)
        return form
    return TeamSettingsForm()


@bp.route("/settings", methods=["GET", "POST"])
@lead_only
def settings() -> Any:
    row = team_row()
    form = _settings_form(row)
    title = _("Team and rules")
    action, back = url_for("team.settings"), url_for("team.people")
    if request.method == "POST":
        if is_stale(form, row):
            return _form_page(_settings_form(row, fresh=True), title, action, back, 409)
        if form.validate_on_submit():
            overrides = dict(row.settings or {})
            ok = True
            for name in SETTING_FIELDS:
                value = getattr(form, name).data
                if name == "weekly_rest_hours":
                    value = float(value)
                problem = law_problem(name, value)
                if problem:
                    getattr(form, name).errors.append(problem)
                    ok = False
                overrides[name] = value
            if ok:
                for name, why in cross_problems(rule_settings(RuleSettings(), overrides)):
                    target = getattr(form, name, form.accounting_period_months)
                    target.errors.append(why)
                    ok = False
            if ok:
                row.name = form.name.data.strip()
                row.wish_deadline_day = form.wish_deadline_day.data
                row.solve_seconds = form.solve_seconds.data
                row.settings = overrides
                bump(row)
                db.session.commit()
                flash(_("Settings saved."), "success")
                return redirect(url_for("team.settings"))
        return _form_page(form, title, action, back, 400)
    return _form_page(form, title, action, back)


@bp.route("/wishes")
@lead_only
def wishes() -> Any:
    rows = list(db.session.scalars(sa.select(m.Wish).where(m.Wish.day >= today().replace(day=1))
                                   .order_by(m.Wish.day, m.Wish.person_id)))
    return render_template("team/wishes.html", wishes=rows, kinds=WISH_LABELS)


WISH_LABELS = {"day_off": _l("day off"), "shift_wanted": _l("wants shift"), "shift_not_wanted": _l("not this shift")}
