"""A team member's own pages: my shifts (list and month), my hours against the norm, my
wishes and unavailability for coming months (until the deadline), the published team rota
and my calendar feed (``/feed/<token>.ics``: a secret address calendar apps subscribe to).
Team leads have them too: they are team members."""

from __future__ import annotations

import calendar
import secrets
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from calendars.feed import FeedOptions, build_feed
from scheduler import worktime
from scheduler.domain import Absence, AbsenceKind, Team, WishKind
from webui import grid as grid_view
from webui import models as m
from webui import reasons, rotas
from webui.authz import member, own_or_404, public
from webui.convert import build_team, cell_assignments, team_row
from webui.extensions import db
from webui.forms import ActionForm, UnavailableForm, WishForm, opts
from webui.helpers import check_month, next_month, now, prev_month, today
from webui.team import WISH_LABELS, absence_kind_label, away_during, overlapping_absence

bp = Blueprint("me", __name__)


def _month_arg(default: tuple[int, int]) -> tuple[int, int]:
    raw = request.args.get("month")
    if not raw:
        return default
    try:
        y, mo = (int(x) for x in raw.split("-", 1))
    except ValueError:
        abort(404)
    check_month(y, mo)
    return y, mo


def deadline(year: int, month: int) -> date:
    """Wishes for ``year``-``month`` close at the end of this day."""
    py, pm = prev_month(year, month)
    return date(py, pm, min(team_row().wish_deadline_day, 28))


#: How many months ahead wishes and unavailability may be entered.
OPEN_AHEAD = 12

OPEN, PUBLISHED, NOT_YET, CLOSED = "open", "published", "not_yet", "closed"


def opens_on(year: int, month: int) -> date:
    """The first day wishes for ``year``-``month`` may be entered (:data:`OPEN_AHEAD` months
    before it)."""
    index = year * 12 + month - 1 - OPEN_AHEAD
    return date(index // 12, index % 12 + 1, 1)


def request_state(year: int, month: int) -> str:
    """Whether wishes and unavailability for the month can be entered: open, already
    published (the lead changes a published rota), not open yet, or closed."""
    if (year, month) in open_months(OPEN_AHEAD):
        return PUBLISHED if rotas.published_of(year, month) is not None else OPEN
    return NOT_YET if deadline(year, month) >= today() else CLOSED


def request_state_text(state: str, year: int, month: int) -> str:
    """What the requests page and a refused request say about the month."""
    label = f"{month:02d}.{year}"
    if state == OPEN:
        return _("Open until %(deadline)s.", deadline=deadline(year, month).strftime("%d.%m.%Y"))
    if state == PUBLISHED:
        leads = ", ".join(p.name for p in db.session.scalars(sa.select(m.Person).where(
            m.Person.role == m.ROLE_LEAD, m.Person.active).order_by(m.Person.name)))
        return _("The rota of %(month)s is already published: wishes and unavailability for it are no longer "
                 "taken here. Ask the team lead (%(leads)s) to change the rota.", month=label, leads=leads)
    if state == NOT_YET:
        return _("Wishes for %(month)s are not open yet: they can be entered from %(opens)s until %(deadline)s.",
                 month=label, opens=opens_on(year, month).strftime("%d.%m.%Y"),
                 deadline=deadline(year, month).strftime("%d.%m.%Y"))
    return _("Wishes for %(month)s closed on %(deadline)s.", month=label,
             deadline=deadline(year, month).strftime("%d.%m.%Y"))


def open_months(count: int = OPEN_AHEAD) -> list[tuple[int, int]]:
    """The months requests may be entered for, which the requests page links: those of the
    next ``count`` (all that are open, :data:`OPEN_AHEAD`) whose deadline has not passed."""
    y, mo = next_month(today())
    out = []
    for _i in range(count):
        if deadline(y, mo) >= today():
            out.append((y, mo))
        y, mo = next_month(date(y, mo, 1))
    return out


def my_shift_rows(team: Team, pub: m.Rota | None) -> list[dict[str, Any]]:
    """My shifts of a published version, with the times and counted hours it was published
    with (elapsed time, so a night across a DST change counts its real hours, less an unpaid
    break where the rules say so: the payroll's hours)."""
    if pub is None:
        return []
    by_code = {st.code: st for st in team.shift_types}
    mine = sorted((a for a in cell_assignments(team, pub.cells) if a.person == current_user.key),
                  key=lambda a: a.start)
    return [{"day": a.day, "code": a.code, "name": by_code[a.code].name, "start": a.start, "end": a.end,
             "service": by_code[a.code].service, "hours": a.hours} for a in mine]


@bp.route("/me/shifts")
@member
def shifts() -> Any:
    """My month: the published shifts, the events I attend and my absences, as a list and
    as a calendar."""
    t = today()
    year, month = _month_arg((t.year, t.month))
    team = build_team()
    pub = rotas.published_of(year, month)
    as_published = rotas.team_of(team, pub)
    rows = my_shift_rows(as_published, pub)
    first, last = worktime.month_bounds(year, month)
    try:
        settings = team.person(current_user.key).settings
    except KeyError:
        settings = team.settings
    my_absences = [a for a in team.absences if a.person == current_user.key]
    me = next((p for p in as_published.people if p.id == current_user.key), None)
    for r in rows:  # a published duty in an absence entered since: the lead has still to re-plan it
        r["away"] = any(a.overlaps(r["start"], r["end"]) for a in my_absences)
    events = []
    # the events as published (their times), without those I am away for (not attended,
    # not working time: the checker reads them so)
    for e in sorted(as_published.events, key=lambda e: (e.day, e.start)):
        if first <= e.day <= last and current_user.key in e.attendees:
            start, end = e.interval()
            if any(grid_view.away_during(a, e) for a in my_absences) or (me is not None and not me.employed_on(e.day)):
                continue  # away, or outside my contract: not attended
            events.append({"day": e.day, "code": e.code, "name": e.name, "kind": str(e.kind), "start": start,
                           "end": end, "hours": worktime.counted_hours(start, end, settings.break_after_hours,
                                                                       settings.break_minutes,
                                                                       settings.break_counts_as_work)})
    absences = []
    for a in sorted(team.absences, key=lambda a: a.first_day):
        days = a.days()  # one until 24:00 ends the day before its stored last day
        if a.person == current_user.key and days[-1] >= first and a.first_day <= last:
            kind = str(a.kind) if str(a.kind) in grid_view.ABSENCE_KINDS else "other"
            absences.append({"day": max(a.first_day, first), "first": a.first_day, "last": days[-1],
                             "kind": kind, "label": str(grid_view.ABSENCE_KINDS[kind][0]),
                             "short": str(grid_view.ABSENCE_KINDS[kind][1]), "note": grid_view.absence_note(a),
                             "start_time": a.start_time, "end_time": a.end_time})
    # the list: shifts, events and absences in the order of the day they start
    entries = ([{"type": "shift", "sort": (r["day"], r["start"].time() if r["start"] else None), **r} for r in rows]
               + [{"type": "event", "sort": (e["day"], e["start"].time()), **e} for e in events]
               + [{"type": "absence", "sort": (a["day"], None), **a} for a in absences])
    entries.sort(key=lambda x: (x["sort"][0], x["sort"][1] is not None, x["sort"][1] or 0))
    by_day = {r["day"]: r for r in rows}
    events_by_day: dict[date, list[dict[str, Any]]] = {}
    for e in events:
        events_by_day.setdefault(e["day"], []).append(e)
    absent_on: dict[date, dict[str, Any]] = {}
    for a in absences:
        d = max(a["first"], first)
        while d <= min(a["last"], last):
            absent_on.setdefault(d, a)
            d += timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"day": d, "in_month": d.month == month, "shift": by_day.get(d),
                       "events": events_by_day.get(d, []), "absence": absent_on.get(d),
                       "holiday": worktime.public_holidays(d.year, reasons.language()).get(d)} for d in week])
    py, pm = prev_month(year, month)
    ny, nm = next_month(first)
    return render_template("me/shifts.html", rows=rows, entries=entries, events=events, absences=absences,
                           weeks=weeks, published=pub, first=first, prev=(py, pm), next=(ny, nm),
                           offer_after=now())


@bp.route("/me/hours")
@member
def hours() -> Any:
    t = today()
    year, month = _month_arg((t.year, t.month))
    team = build_team()
    pub = rotas.published_of(year, month)
    _shifts, report = rotas.check(team, pub, year, month)
    try:
        mine = report.person(current_user.key)
    except KeyError:
        mine = None
    # the period as the version was published (its work rules), and as it holds for me
    as_published = rotas.team_of(team, pub)
    try:
        s = as_published.person(current_user.key).settings
    except KeyError:
        s = as_published.settings
    period = worktime.period_months(year, month, s.accounting_period_months, s.accounting_period_start_month)
    py, pm = prev_month(year, month)
    ny, nm = next_month(date(year, month, 1))
    return render_template("me/hours.html", report=mine, published=pub, first=date(year, month, 1),
                           period=(date(*period[0], 1), date(*period[-1], 1)), prev=(py, pm), next=(ny, nm))


def _requests_page(year: int, month: int, wish_form: WishForm | None = None,
                   unavailable_form: UnavailableForm | None = None, status: int = 200) -> Any:
    team = build_team()
    first, last = worktime.month_bounds(year, month)
    wish_form = wish_form or WishForm()
    unavailable_form = unavailable_form or UnavailableForm()
    wish_form.shift.choices = _shift_choices(team, mine_only=True)
    wishes = list(db.session.scalars(sa.select(m.Wish).where(
        m.Wish.person_id == current_user.id, m.Wish.day >= first, m.Wish.day <= last).order_by(m.Wish.day)))
    absences = [a for a in db.session.scalars(sa.select(m.Absence).where(
        m.Absence.person_id == current_user.id, m.Absence.last_day >= first, m.Absence.first_day <= last)
        .order_by(m.Absence.first_day)) if a.until_day >= first]
    state = request_state(year, month)
    # my own unavailability apart from the absences the lead entered (vacation, sick leave, …)
    unavailable = [a for a in absences if a.by_person]
    lead_absences = [(a, absence_kind_label(a)) for a in absences if not a.by_person]
    return render_template("me/requests.html", year=year, month=month, first=first, wishes=wishes,
                           absences=unavailable, lead_absences=lead_absences, wish_form=wish_form,
                           unavailable_form=unavailable_form,
                           is_open=state == OPEN, may_delete=state in (OPEN, PUBLISHED), state=state,
                           state_text=request_state_text(state, year, month), months=open_months(),
                           kinds=WISH_LABELS, action_form=ActionForm()), status


def _my_services(team: Team) -> tuple[str, ...]:
    """The services I work on (none when I am not in the team)."""
    try:
        return team.person(current_user.key).services
    except KeyError:
        return ()


def _shift_choices(team: Team, mine_only: bool = False) -> list[Any]:
    """The shift types a wish may name; ``mine_only``: only those of my services (what the
    form offers; a wish for another shift is refused with the reason)."""
    services = _my_services(team)
    return opts([("", "—")] + [(st.code, f"{st.code} – {st.name}") for st in team.shift_types
                               if st.weekdays and (not mine_only or st.service in services)])


@bp.route("/me/requests")
@member
def requests() -> Any:
    months = open_months()
    default = months[0] if months else next_month(today())
    year, month = _month_arg(default)
    return _requests_page(year, month)


def _must_be_open(year: int, month: int, adding: bool = True) -> bool:
    """Whether the month takes requests (``adding``: new ones; a request may still be
    withdrawn after the rota is published); if not, flashes why."""
    check_month(year, month)
    state = request_state(year, month)
    if state == OPEN or (state == PUBLISHED and not adding):
        return True
    flash(request_state_text(state, year, month), "error")
    return False


def _in_month(field: Any, year: int, month: int) -> bool:
    if field.data is not None and (field.data.year, field.data.month) != (year, month):
        field.errors.append(_("Choose a day in %(month)s.", month=f"{month:02d}.{year}"))
        return False
    return True


@bp.route("/me/requests/<int:year>/<int:month>/wish", methods=["POST"])
@member
def wish_add(year: int, month: int) -> Any:
    if not _must_be_open(year, month):
        return redirect(url_for("me.requests", month=f"{year}-{month:02d}")), 303
    form = WishForm()
    team = build_team()
    form.shift.choices = _shift_choices(team)
    valid = form.validate_on_submit()
    if _in_month(form.day, year, month) and valid and wish_fits(form, team, current_user):
        db.session.add(m.Wish(person_id=current_user.id, day=form.day.data, kind=form.kind.data,
                              shift_code=form.shift.data or None if form.kind.data != WishKind.DAY_OFF.value else None,
                              weight=form.weight.data))
        db.session.commit()
        flash(_("Wish saved."), "success")
        return redirect(url_for("me.requests", month=f"{year}-{month:02d}"))
    return _requests_page(year, month, wish_form=form, status=400)


def wish_fits(form: WishForm, team: Team, person: m.Person, own: bool = True) -> bool:
    """Refuse a wish of ``person`` no rota can meet (a shift of a service they do not work on, a
    shift on a weekday it does not run, a shift wanted while away) and a second, identical
    wish (it would count twice), with the reason next to the field. ``own``: the person's own
    request (the messages say "you"); else the team lead entering it for them."""
    day, kind = form.day.data, form.kind.data
    code = form.shift.data or None if kind != WishKind.DAY_OFF.value else None
    me = next((p for p in team.people if p.id == person.key), None)
    if me is not None and not me.employed_on(day):
        form.day.errors.append(_("You are not employed on %(day)s (contract dates).", day=day.strftime("%d.%m.%Y"))
                               if own else _("%(name)s is not employed on %(day)s (contract dates).",
                                             name=person.name, day=day.strftime("%d.%m.%Y")))
        return False
    if code is not None:
        st = team.shift_type(code)
        services = me.services if me is not None else ()
        if st.service not in services:
            form.shift.errors.append(
                _("You do not work on %(code)s (service %(service)s): choose one of your shifts.", code=code,
                  service=st.service) if own else
                _("%(name)s does not work on %(code)s (service %(service)s).", name=person.name, code=code,
                  service=st.service))
            return False
        if day.weekday() not in st.weekdays:
            form.day.errors.append(_("%(code)s does not run on %(weekday)s %(day)s.", code=code,
                                     weekday=format_date(day, "EEEE"), day=day.strftime("%d.%m.%Y")))
            return False
        away = away_during(person.id, *st.interval(day)) if kind == WishKind.SHIFT_WANTED.value else None
        if away is not None:
            form.day.errors.append(
                _("You are away during %(code)s on %(day)s (%(absence)s): no rota can give you that shift.",
                  code=code, day=day.strftime("%d.%m.%Y"), absence=away) if own else
                _("%(name)s is away during %(code)s on %(day)s (%(absence)s): no rota can give them that shift.",
                  name=person.name, code=code, day=day.strftime("%d.%m.%Y"), absence=away))
            return False
    same = db.session.scalar(sa.select(m.Wish).where(
        m.Wish.person_id == person.id, m.Wish.day == day, m.Wish.kind == kind,
        m.Wish.shift_code.is_(None) if code is None else m.Wish.shift_code == code))
    if same is not None:
        form.day.errors.append(
            _("You already have this wish for %(day)s (weight %(weight)s): delete it first to change its weight.",
              day=day.strftime("%d.%m.%Y"), weight=same.weight) if own else
            _("%(name)s already has this wish for %(day)s (weight %(weight)s): delete it first to change its "
              "weight.", name=person.name, day=day.strftime("%d.%m.%Y"), weight=same.weight))
        return False
    split = (me.settings if me is not None else team.settings).split_duties_allowed
    return _wish_agrees(form, kind, code, split, person, own)


def wishes_contradict(kind: str, shift: str | None, other_kind: str, other_shift: str | None,
                      split_duties: bool = False) -> bool:
    """Whether two wishes of one person for one day cannot both be met: a day off and any
    shift wanted, a shift wanted and the same shift not wanted, or two different shifts
    wanted where one duty start a day is the rule (TLS § 51; ``split_duties``: the work rules
    allow more)."""
    pair = {kind, other_kind}
    if pair == {WishKind.DAY_OFF.value, WishKind.SHIFT_WANTED.value}:
        return True
    if kind == other_kind == WishKind.SHIFT_WANTED.value:
        return shift != other_shift and not split_duties
    return pair == {WishKind.SHIFT_WANTED.value, WishKind.SHIFT_NOT_WANTED.value} and shift == other_shift


def _no_shift_wished_then(form: UnavailableForm, team: Team) -> bool:
    """Refuse unavailability over a shift I wished for (a night of the day before runs into
    the first day): the two contradict each other, and the wish would count as missed in every
    rota. The wish form refuses the other order (``wish_fits``)."""
    first, last = form.first_day.data, form.last_day.data
    absence = Absence(current_user.key, AbsenceKind.OTHER, first, last)
    wished = db.session.scalars(sa.select(m.Wish).where(
        m.Wish.person_id == current_user.id, m.Wish.kind == WishKind.SHIFT_WANTED.value,
        m.Wish.day >= first - timedelta(days=1), m.Wish.day <= last).order_by(m.Wish.day))
    codes = {st.code for st in team.shift_types}
    for wish in wished:
        if wish.shift_code in codes and absence.overlaps(*team.shift_type(wish.shift_code).interval(wish.day)):
            form.first_day.errors.append(_("You wished for shift %(code)s on %(day)s: delete that wish first.",
                                           code=wish.shift_code, day=wish.day.strftime("%d.%m.%Y")))
            return False
    return True


def _wish_agrees(form: WishForm, kind: str, code: str | None, split_duties: bool, person: m.Person,
                 own: bool = True) -> bool:
    """Refuse a wish that contradicts one of the person's wishes for the same day, naming it."""
    day = form.day.data
    for other in db.session.scalars(sa.select(m.Wish).where(
            m.Wish.person_id == person.id, m.Wish.day == day).order_by(m.Wish.id)):
        if wishes_contradict(kind, code, other.kind, other.shift_code, split_duties):
            wish = " ".join(str(x) for x in (WISH_LABELS.get(other.kind, other.kind), other.shift_code) if x)
            form.kind.errors.append(
                _("This contradicts your wish for %(day)s: %(wish)s. Delete that one first.",
                  day=day.strftime("%d.%m.%Y"), wish=wish) if own else
                _("This contradicts the wish of %(name)s for %(day)s: %(wish)s. Delete that one first.",
                  name=person.name, day=day.strftime("%d.%m.%Y"), wish=wish))
            return False
    return True


@bp.route("/me/requests/<int:year>/<int:month>/unavailable", methods=["POST"])
@member
def unavailable_add(year: int, month: int) -> Any:
    if not _must_be_open(year, month):
        return redirect(url_for("me.requests", month=f"{year}-{month:02d}")), 303
    form = UnavailableForm()
    valid = form.validate_on_submit()
    in_month = [_in_month(form.first_day, year, month), _in_month(form.last_day, year, month)]
    if valid and all(in_month) and _not_away_already(form) and _no_shift_wished_then(form, build_team()):
        db.session.add(m.Absence(person_id=current_user.id, kind="other", first_day=form.first_day.data,
                                 last_day=form.last_day.data, note=form.note.data or "",
                                 by_person=True))
        db.session.commit()
        flash(_("Unavailability saved."), "success")
        return redirect(url_for("me.requests", month=f"{year}-{month:02d}"))
    return _requests_page(year, month, unavailable_form=form, status=400)


def _not_away_already(form: UnavailableForm) -> bool:
    """Refuse unavailability on days I am already away (the lead's absence forms and the
    sick-leave form refuse the same overlap)."""
    clash = overlapping_absence(current_user.id, form.first_day.data, form.last_day.data)
    if clash is None:
        return True
    form.first_day.errors.append(_("You are already away on these days: %(kind)s %(first)s–%(last)s.",
                                   kind=absence_kind_label(clash), first=clash.first_day.strftime("%d.%m.%Y"),
                                   last=clash.until_day.strftime("%d.%m.%Y")))
    return False


@bp.route("/me/wishes/<int:wish_id>/delete", methods=["POST"])
@member
def wish_delete(wish_id: int) -> Any:
    wish = own_or_404(db.session.get(m.Wish, wish_id), current_user.id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if _must_be_open(wish.day.year, wish.day.month, adding=False):
        db.session.delete(wish)
        db.session.commit()
        flash(_("Wish deleted."), "success")
    return redirect(url_for("me.requests", month=f"{wish.day.year}-{wish.day.month:02d}"))


@bp.route("/me/unavailable/<int:absence_id>/delete", methods=["POST"])
@member
def unavailable_delete(absence_id: int) -> Any:
    absence = own_or_404(db.session.get(m.Absence, absence_id), current_user.id)
    if not absence.by_person:
        abort(404)  # the lead's absences (vacation, sick leave) are not the counsellor's to delete
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if _must_be_open(absence.first_day.year, absence.first_day.month, adding=False):
        db.session.delete(absence)
        db.session.commit()
        flash(_("Unavailability deleted."), "success")
    return redirect(url_for("me.requests", month=f"{absence.first_day.year}-{absence.first_day.month:02d}"))


@bp.route("/rota/<int:year>/<int:month>")
@member
def team_rota(year: int, month: int) -> Any:
    """The published team rota (latest version) for everyone in the team."""
    check_month(year, month)
    team = build_team()
    pub = rotas.published_of(year, month)
    grid = None
    if pub is not None:
        team = rotas.team_of(team, pub)
        shifts, report = rotas.check(team, pub, year, month)
        grid = grid_view.build(team, year, month, shifts, report, viewer=current_user.key)
    py, pm = prev_month(year, month)
    ny, nm = next_month(date(year, month, 1))
    return render_template("me/rota.html", grid=grid, published=pub, first=date(year, month, 1),
                           prev=(py, pm), next=(ny, nm))


# --- my calendar feed --------------------------------------------------------------------------

#: The months a feed holds: this many before the current one, and the open ones ahead.
FEED_MONTHS_BEFORE = 2


@bp.route("/me/feed", methods=["POST"])
@member
def feed_new() -> Any:
    """A new calendar-feed address for me (the first, or one that replaces an old address
    that someone else may have seen: the old one stops working)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    person = db.session.get(m.Person, current_user.id)
    renewed = person.feed_token is not None
    person.feed_token = secrets.token_urlsafe(32)
    db.session.commit()
    flash(_("A new calendar address was made: the old one no longer works.") if renewed
          else _("Your calendar address was made."), "success")
    return redirect(url_for("me.shifts") + "#calendar-feed")


@bp.route("/feed/<token>.ics")
@public
def feed(token: str) -> Any:
    """A person's published duties (shifts and the events they attend) of the months around
    today as an iCalendar feed, for phone and e-mail calendars that cannot log in: the
    address's secret is the key. 404 for an unknown address or someone no longer active."""
    person = db.session.scalar(sa.select(m.Person).where(m.Person.feed_token == token)) if token else None
    if person is None or not person.active:
        abort(404)
    team = build_team()
    t = today()
    y, mo = t.year, t.month
    for _i in range(FEED_MONTHS_BEFORE):
        y, mo = prev_month(y, mo)
    rows, sequences = [], []
    month_teams: dict[tuple[int, int], Team] = {}
    for _i in range(FEED_MONTHS_BEFORE + 1 + OPEN_AHEAD):
        pub = rotas.published_of(y, mo)
        if pub is not None:
            as_published = rotas.team_of(team, pub)
            rows += [a for a in rotas.published_shifts(team, pub) if a.person == person.key]
            rows += [a for a in rotas.event_rows(as_published, y, mo) if a.person == person.key]
            sequences.append(((y, mo), pub.number))
            month_teams[(y, mo)] = as_published  # names as published, like my shifts
        y, mo = next_month(date(y, mo, 1))
    body = build_feed(team, person.key, rows, FeedOptions(month_sequences=tuple(sequences)), month_teams)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{person.key}.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
