"""Shift swaps: a team member offers one of their published shifts to a colleague — handed
over, or exchanged for one of the colleague's shifts of the same month — the colleague
accepts or declines, and the team lead approves or refuses. Approving publishes the month's
next version with the swap (the calendar feeds follow it) and puts it, pinned, in the
lead's draft too where the draft allows it.

At the request, the acceptance and the approval the swap is tried on the month's latest
published version with the rule checker (:mod:`webui.swap_check`): a swap that adds a hard
violation is never sent, accepted or approved; one the rota no longer allows ends as
"no longer possible", with the reasons.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from scheduler.domain import Assignment, Team
from webui import candidates as cand
from webui import jobs, rotas
from webui import models as m
from webui.authz import lead_only, member
from webui.convert import build_team
from webui.extensions import db
from webui.forms import ActionForm, ApproveSwapForm, RefuseSwapForm, SwapForm
from webui.helpers import check_month, is_stale, now, today
from webui.swap_check import (Month, Problem, Swap, SwapCheck, answer_text, into_draft_problems, problem,
                               problem_text, stand_ins)

bp = Blueprint("swaps", __name__)

#: How long ended requests stay listed: those about shifts of this many days back or later.
RECENT_DAYS = 60


def _person(key: str | None) -> m.Person | None:
    if not key:
        return None
    return db.session.scalar(sa.select(m.Person).where(m.Person.key == key))


def _day(text: str | None) -> date:
    """A day of a month the app plans (2000–2100), else 404."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        abort(404)
    check_month(day.year, day.month)
    return day


def _names(team: Team) -> dict[str, str]:
    return {p.id: p.name for p in team.people}


def _seen(check: SwapCheck, team: Team) -> SwapCheck:
    """The check as the current user may read it (:meth:`SwapCheck.seen_by`)."""
    return check.seen_by(None if current_user.is_lead else current_user.key, _names(team))


def _requests(*conditions: Any) -> list[m.SwapRequest]:
    return list(db.session.scalars(sa.select(m.SwapRequest).where(*conditions)
                                   .order_by(m.SwapRequest.created_at.desc(), m.SwapRequest.id.desc())))


def offered() -> dict[tuple[str, date, str], m.SwapRequest]:
    """(person, day, code) → the open request that offers or asks for that shift."""
    out: dict[tuple[str, date, str], m.SwapRequest] = {}
    for row in _requests(m.SwapRequest.status.in_(m.SWAP_OPEN)):
        for shift in Swap.of(row).shifts:
            out.setdefault(shift, row)
    return out


def _checked(team: Team, rows: list[m.SwapRequest],
             busy: dict[tuple[str, date, str], m.SwapRequest]) -> list[tuple[m.SwapRequest, SwapCheck, Month]]:
    """Each request tried on its month's published rota as it is now (a month read once)."""
    months: dict[tuple[int, int], Month] = {}
    out = []
    for row in rows:
        month = months.get((row.year, row.month)) or months.setdefault(
            (row.year, row.month), Month(team, row.year, row.month, busy))
        out.append((row, month.check(Swap.of(row), ignore=row.id), month))
    return out


def _upcoming_shifts(team: Team, person: str,
                     busy: dict[tuple[str, date, str], m.SwapRequest]) -> list[dict[str, Any]]:
    """The person's published shifts that have not begun, this month and the next twelve
    (times as published): what they can offer (``busy``: those already in an open request)."""
    start = now()
    out: list[dict[str, Any]] = []
    year, month = today().year, today().month
    for _i in range(13):
        pub = rotas.published_of(year, month)
        if pub is not None:
            as_published = rotas.team_of(team, pub)
            by_code = {st.code: st for st in as_published.shift_types}
            for a in sorted(rotas.published_shifts(team, pub), key=lambda a: a.start):
                if a.person == person and a.start > start:
                    out.append({"day": a.day, "code": a.code, "name": by_code[a.code].name,
                                "start": a.start, "end": a.end, "service": by_code[a.code].service,
                                "open": busy.get((person, a.day, a.code))})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _recent() -> Any:
    """Requests about shifts of the last :data:`RECENT_DAYS` days or later."""
    return m.SwapRequest.day >= today() - timedelta(days=RECENT_DAYS)


def _not_past() -> Any:
    """Requests whose shifts are all from today on."""
    return sa.and_(m.SwapRequest.day >= today(),
                   sa.or_(m.SwapRequest.partner_day.is_(None), m.SwapRequest.partner_day >= today()))


def lapse_past() -> None:
    """End the open requests with a shift of a past day: nobody can swap it any more."""
    for row in _requests(m.SwapRequest.status.in_(m.SWAP_OPEN), sa.not_(_not_past())):
        first = min(d for d in (row.day, row.partner_day) if d is not None)
        code = row.shift_code if first == row.day else row.partner_shift_code
        _end(row, m.SWAP_LAPSED, SwapCheck(problems=(problem("begun", code=code or "",
                                                             day=first.strftime("%d.%m.%Y")),)).stored())
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()  # someone answered one of them meanwhile: the next page ends the rest


def lapse_gone(year: int, month: int) -> int:
    """End the open requests of ``year``-``month`` with a shift that the month's latest
    published version no longer has as offered: the lead published the month again without
    it. Returns how many ended (one answered at the same moment stays as answered: its next
    step tries it on the rota again)."""
    version = rotas.published_of(year, month)
    if version is None:
        return 0
    cells, number, ended = rotas.cells_of(version), version.number, 0
    for row in _requests(m.SwapRequest.status.in_(m.SWAP_OPEN), m.SwapRequest.year == year,
                         m.SwapRequest.month == month):
        gone = _gone_from(row, cells, number)
        if not gone:
            continue
        _end(row, m.SWAP_LAPSED, SwapCheck(problems=gone).stored())
        try:
            db.session.commit()
            ended += 1
        except StaleDataError:
            db.session.rollback()
    return ended


def _gone_from(row: m.SwapRequest, cells: rotas.Cells, number: int | None) -> tuple[Problem, ...]:
    """The request's shifts that the published version ``number`` (its ``cells``) no longer
    has as offered."""
    names = {row.requester.key: row.requester.name, row.partner.key: row.partner.name}
    return tuple(problem("not_in_version", name=names.get(person, person), code=code, day=day.strftime("%d.%m.%Y"),
                         number=str(number))
                 for person, day, code in Swap.of(row).shifts if cells.get((person, day)) != code)


def waiting_for(person: m.Person) -> int:
    """How many requests wait for this person: colleagues' requests to answer, and for a
    team lead the accepted ones to decide (the navigation's count)."""
    count = db.session.scalar(sa.select(sa.func.count()).select_from(m.SwapRequest).where(
        m.SwapRequest.partner_id == person.id, m.SwapRequest.status == m.SWAP_ASKED, _not_past())) or 0
    if person.is_lead:
        count += db.session.scalar(sa.select(sa.func.count()).select_from(m.SwapRequest).where(
            m.SwapRequest.status == m.SWAP_ACCEPTED, _not_past())) or 0
    return count


def to_approve(year: int, month: int) -> int:
    """How many accepted swaps of the month wait for the team lead."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(m.SwapRequest).where(
        m.SwapRequest.year == year, m.SwapRequest.month == month, m.SwapRequest.status == m.SWAP_ACCEPTED,
        _not_past())) or 0


def taken_back(year: int, month: int, draft: m.Rota | None) -> list[m.SwapRequest]:
    """Approved swaps of the month that the latest published version carries and ``draft``
    does not: publishing the draft would take them back."""
    published = rotas.published_of(year, month)
    if draft is None or published is None:
        return []
    in_published, in_draft = rotas.cells_of(published), rotas.cells_of(draft)
    out = []
    for row in _requests(m.SwapRequest.year == year, m.SwapRequest.month == month,
                         m.SwapRequest.status == m.SWAP_APPROVED):
        cells = Swap.of(row).cells()
        if all(in_published.get(k) == after for k, (_b, after) in cells.items()) and any(
                in_draft.get(k) != after for k, (_b, after) in cells.items()):
            out.append(row)
    return out


def take_back(rows: list[m.SwapRequest], number: int) -> None:
    """Mark the approved swaps ``rows`` (:func:`taken_back`) as taken back by the month's
    published version ``number``: both people and the lead see it on their swaps pages."""
    for row in rows:
        row.status, row.taken_back_number = m.SWAP_TAKEN_BACK, number


def _end(row: m.SwapRequest, status: str, answer: str = "", by: int | None = None) -> None:
    """End ``row`` (its version goes up when it is saved: ``SwapRequest.version``)."""
    row.status, row.decided_at, row.answer = status, m.utcnow(), answer
    if by is not None:
        row.decided_by_id = by


def _saved() -> bool:
    """Commit a request's change; False (rolled back, with a message) when someone changed
    the request since it was read — an approval and a withdrawal at the same moment."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(_("Someone else changed this in the meantime. Your changes were not saved: "
                "the form now shows the current values."), "error")
        return False
    return True


# --- a team member's side ------------------------------------------------------------------


@bp.route("/me/swaps")
@member
def mine() -> Any:
    """Requests to answer, my own requests, and my shifts that I can offer."""
    lapse_past()
    team = build_team()
    asked_of_me = _requests(m.SwapRequest.partner_id == current_user.id, m.SwapRequest.status == m.SWAP_ASKED)
    my_open = _requests(sa.or_(m.SwapRequest.requester_id == current_user.id,
                               sa.and_(m.SwapRequest.partner_id == current_user.id,
                                       m.SwapRequest.status == m.SWAP_ACCEPTED)),
                        m.SwapRequest.status.in_(m.SWAP_OPEN))
    ended = _requests(sa.or_(m.SwapRequest.requester_id == current_user.id,
                             m.SwapRequest.partner_id == current_user.id),
                      m.SwapRequest.status.not_in(m.SWAP_OPEN), _recent())
    busy = offered()
    # what taking it would mean for me (my own warnings: a wish, hours)
    checks = {row.id: _seen(check, team) for row, check, _month in _checked(team, asked_of_me, busy)}
    return render_template("me/swaps.html", asked_of_me=asked_of_me, my_open=my_open, ended=ended, checks=checks,
                           shifts=_upcoming_shifts(team, current_user.key, busy), form=ActionForm())


def _offerable(month: Month, day: date, code: str) -> Assignment | None:
    """My published shift ``code`` of ``day`` in ``month``, if it has not begun: what the
    offer page offers (None: nothing to offer there)."""
    return next((a for a in month.shifts if a.person == current_user.key and a.day == day and a.code == code
                 and a.start > now()), None)


@bp.route("/me/swaps/offer")
@member
def offer() -> Any:
    """Offer my shift of ``?day=`` (``&shift=`` when I start two that day): each colleague
    who does its service, tried as taking it over; with ``&with=`` a colleague's shifts of
    the month, each tried as an exchange."""
    day = _day(request.args.get("day"))
    team = build_team()
    month = Month(team, day.year, day.month, offered())
    mine_that_day = [a for a in month.shifts if a.person == current_user.key and a.day == day]
    code = request.args.get("shift") or (mine_that_day[0].code if mine_that_day else "")
    shift = _offerable(month, day, code)
    if shift is None:
        flash(_("You have no published shift on %(day)s that has not begun.", day=day.strftime("%d.%m.%Y")), "error")
        return redirect(url_for("swaps.mine")), 303
    partner = _person(request.args.get("with"))
    if request.args.get("with") and (partner is None or partner.id == current_user.id or not partner.active):
        abort(404)
    st = team.shift_type(code)
    form = SwapForm(day=day.isoformat(), shift=code, number=str(month.number))
    if partner is None:
        rows = [{"person": p, "check": _seen(month.check(Swap(current_user.key, day, code, p.id)), team),
                 "stand_in": bool(stand_ins(team, Swap(current_user.key, day, code, p.id)))}
                for p in team.active_people if p.id != current_user.key and cand.qualified(p, st)]
        rows.sort(key=lambda r: (not r["check"].ok, r["stand_in"], r["person"].name))
        return render_template("me/swap_offer.html", day=day, shift=shift, shift_type=st, rows=rows,
                               partner=None, form=form, month=month)
    theirs = sorted((a for a in month.shifts if a.person == partner.key and a.start > now()
                     and (a.day, a.code) != (day, code)), key=lambda a: a.start)
    rows = [{"shift": a, "check": _seen(month.check(Swap(current_user.key, day, code, partner.key, a.day, a.code)),
                                        team)} for a in theirs]
    return render_template("me/swap_offer.html", day=day, shift=shift, shift_type=st, rows=rows,
                           partner=partner, form=form, month=month,
                           handover=_seen(month.check(Swap(current_user.key, day, code, partner.key)), team))


@bp.route("/me/swaps", methods=["POST"])
@member
def ask() -> Any:
    """Send a request: the swap is tried on the published rota again and sent only if legal."""
    form = SwapForm()
    if not form.validate_on_submit():
        abort(400)
    day = _day(form.day.data)
    partner = _person(form.partner.data)
    if partner is None or not partner.active or partner.id == current_user.id:
        abort(400)
    partner_day = _day(form.partner_day.data) if form.partner_day.data else None
    partner_code = form.partner_shift.data or None
    if (partner_day is None) != (partner_code is None):
        abort(400)
    if partner_day is not None and (partner_day.year, partner_day.month) != (day.year, day.month):
        abort(400)  # an exchange within one month (the offer page lists no other)
    team = build_team()
    codes = {st.code for st in team.shift_types}
    if form.shift.data not in codes or (partner_code is not None and partner_code not in codes):
        abort(400)
    month = Month(team, day.year, day.month, offered())
    # back to the offer page while it still offers the shift; else (it has begun, or is no
    # longer mine) that page would only redirect with a second message: to my swaps instead
    back = (url_for("swaps.offer", day=day.isoformat(), shift=form.shift.data)
            if _offerable(month, day, form.shift.data) else url_for("swaps.mine"))
    if month.published is None:
        flash(_("The rota of this month is not published."), "error")
        return redirect(url_for("swaps.mine")), 303
    if form.number.data != str(month.number):
        flash(_("The rota was published again meanwhile: look at the choices again."), "error")
        return redirect(back), 303
    swap = Swap(current_user.key, day, form.shift.data, partner.key, partner_day, partner_code)
    check = _seen(month.check(swap), team)
    if not check.ok:
        flash(_("Not sent: %(reasons)s", reasons=check.reasons()), "error")
        return redirect(back), 303
    row = m.SwapRequest(year=day.year, month=day.month, requester_id=current_user.id, partner_id=partner.id,
                        day=day, shift_code=swap.code, partner_day=partner_day, partner_shift_code=partner_code,
                        note=(form.note.data or "").strip(), status=m.SWAP_ASKED)
    db.session.add(row)
    db.session.commit()
    if _sent_twice(row):
        flash(_("Not sent: %(reasons)s", reasons=problem_text(problem(
            "in_request", code=swap.code, day=day.strftime("%d.%m.%Y")))), "error")
        return redirect(back), 303
    flash(_("Sent to %(name)s. When they accept, the team lead decides.", name=partner.name), "success")
    return redirect(url_for("swaps.mine"))


def _sent_twice(row: m.SwapRequest) -> bool:
    """Whether an earlier open request (a lower id) has one of ``row``'s shifts — two sent at
    the same moment both passed the check; the later one is taken back (deleted) here."""
    mine = set(Swap.of(row).shifts)
    for other in _requests(m.SwapRequest.status.in_(m.SWAP_OPEN), m.SwapRequest.id < row.id):
        if mine & set(Swap.of(other).shifts):
            db.session.delete(row)
            db.session.commit()
            return True
    return False


def _row(swap_id: int) -> m.SwapRequest:
    row = db.session.get(m.SwapRequest, swap_id)
    if row is None:
        abort(404)
    return row


def _action(swap_id: int, who: str) -> tuple[m.SwapRequest | None, Any]:
    """The request a button acts on, when the user is its ``who`` ("requester", "partner")
    and nobody changed it since the page was shown (else a redirect with a message)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    row = _row(swap_id)
    if getattr(row, f"{who}_id") != current_user.id:
        abort(404)  # not yours: not told it exists
    if is_stale(form, row):
        return None, (redirect(url_for("swaps.mine")), 303)
    return row, None


def _lapsed(row: m.SwapRequest, check: SwapCheck, team: Team) -> None:
    """End ``row``: the rota no longer allows it. The reasons are kept as any team member may
    read them (viewer "": nobody's own findings), since both people and the lead see them."""
    _end(row, m.SWAP_LAPSED, check.seen_by("", _names(team)).stored())


def _close(swap_id: int, who: str, status: str, done: str) -> Any:
    """End an open request by its requester (withdraw) or its colleague (decline)."""
    row, stale = _action(swap_id, who)
    if row is None:
        return stale
    if row.is_open:
        if who == "partner":
            row.answered_at = m.utcnow()
        _end(row, status)
        if _saved():
            flash(done, "success")
    return redirect(url_for("swaps.mine"))


@bp.route("/me/swaps/<int:swap_id>/withdraw", methods=["POST"])
@member
def withdraw(swap_id: int) -> Any:
    return _close(swap_id, "requester", m.SWAP_WITHDRAWN, _("Your request was withdrawn."))


@bp.route("/me/swaps/<int:swap_id>/accept", methods=["POST"])
@member
def accept(swap_id: int) -> Any:
    row, stale = _action(swap_id, "partner")
    if row is None:
        return stale
    if row.status != m.SWAP_ASKED:
        return redirect(url_for("swaps.mine"))
    team = build_team()
    check = Month(team, row.year, row.month, offered()).check(Swap.of(row), ignore=row.id)
    if not check.ok:
        _lapsed(row, check, team)
        if _saved():
            flash(_("The swap cannot be made any more: %(reasons)s", reasons=_seen(check, team).reasons()),
                  "error")
        return redirect(url_for("swaps.mine")), 303
    row.status, row.answered_at = m.SWAP_ACCEPTED, m.utcnow()
    if _saved():
        flash(_("Accepted. The team lead decides; the swap is on the rota once approved."), "success")
    return redirect(url_for("swaps.mine"))


@bp.route("/me/swaps/<int:swap_id>/decline", methods=["POST"])
@member
def decline(swap_id: int) -> Any:
    """The colleague says no — also after accepting, until the lead has decided."""
    return _close(swap_id, "partner", m.SWAP_DECLINED, _("Declined."))


# --- the team lead's side ------------------------------------------------------------------


@bp.route("/plan/swaps")
@lead_only
def review() -> Any:
    """Accepted requests to decide, each tried on the rota as it is now; those still waiting
    for the colleague; the recently ended ones."""
    lapse_past()
    team = build_team()
    accepted = [{"row": row, "check": check, "stand_ins": stand_ins(team, Swap.of(row)), "number": month.number,
                 "running": jobs.running_job(row.year, row.month) is not None}
                for row, check, month in _checked(team, _requests(m.SwapRequest.status == m.SWAP_ACCEPTED), offered())]
    asked = _requests(m.SwapRequest.status == m.SWAP_ASKED)
    ended = _requests(m.SwapRequest.status.not_in(m.SWAP_OPEN), _recent())
    return render_template("plan/swaps.html", accepted=accepted, asked=asked, ended=ended,
                           approve_form=ApproveSwapForm(), refuse_form=RefuseSwapForm())


def _lead_row(swap_id: int, form: Any) -> tuple[m.SwapRequest | None, Any]:
    if not form.validate_on_submit():
        abort(400)
    row = _row(swap_id)
    if is_stale(form, row):
        return None, (redirect(url_for("swaps.review")), 303)
    if row.status != m.SWAP_ACCEPTED:
        flash(_("The request is no longer waiting for a decision."), "error")
        return None, (redirect(url_for("swaps.review")), 303)
    return row, None


@bp.route("/plan/swaps/<int:swap_id>/approve", methods=["POST"])
@lead_only
def approve(swap_id: int) -> Any:
    """Publish the month's next version with the swap, after trying it once more on the
    version the lead's page showed it on (``checked``); the draft, if any, gets it too
    (pinned, so a re-solve keeps it) where that adds no hard violation to the draft. With
    ``close`` the lead ends a request the rota no longer allows: nothing is published."""
    form = ApproveSwapForm()
    row, stale = _lead_row(swap_id, form)
    if row is None:
        return stale
    back = url_for("swaps.review")
    if jobs.running_job(row.year, row.month) is not None:
        flash(_("A solve is running for this month: approve the swap when it is done."), "error")
        return redirect(back), 303
    team = build_team()
    month = Month(team, row.year, row.month, offered())
    swap = Swap.of(row)
    check = month.check(swap, ignore=row.id)
    if not check.ok:
        _lapsed(row, check, team)
        if _saved():
            flash(_("Closed: the swap cannot be made any more: %(reasons)s", reasons=check.reasons()),
                  "success" if form.close.data else "error")
        return redirect(back), 303
    if form.close.data:
        flash(_("Not closed: the swap is possible now. Approve or refuse it."), "error")
        return redirect(back), 303
    if form.checked.data != str(month.number):
        flash(_("The rota was published again meanwhile: look at the check again."), "error")
        return redirect(back), 303
    assert month.published is not None
    people = {p.key: p for p in db.session.scalars(sa.select(m.Person))}
    changes = {(people[k].id, d): after for (k, d), (_before, after) in swap.cells().items()}
    draft = rotas.draft_of(row.year, row.month)
    left_out = into_draft_problems(team, draft, swap, row.year, row.month) if draft is not None else []
    try:
        version = rotas.publish_changed(month.published, changes, current_user.id, source="swap")
        if draft is not None and not left_out:
            for (k, d), (_before, after) in swap.cells().items():
                rotas.set_cell(draft, people[k], d, after, True)
        decided = db.session.execute(sa.update(m.SwapRequest).where(
            m.SwapRequest.id == row.id, m.SwapRequest.version == row.version,
            m.SwapRequest.status == m.SWAP_ACCEPTED).values(
            status=m.SWAP_APPROVED, decided_at=m.utcnow(), decided_by_id=current_user.id,
            published_number=version.number, version=row.version + 1))
        if decided.rowcount != 1:
            raise StaleDataError(f"swap {row.id} changed meanwhile")
        db.session.commit()
    except (rotas.PublishedMeanwhile, StaleDataError, sa.exc.IntegrityError, sa.exc.OperationalError):
        db.session.rollback()  # another approval of the month, or an answer to this request, came first
        flash(_("The rota or the request changed meanwhile: look at the check again."), "error")
        return redirect(back), 303
    flash(_("Approved: published as version %(number)s.", number=version.number), "success")
    if left_out:
        flash(_("The swap was not put in this month's draft: %(reasons)s. Publishing the draft as it is would "
                "take the swap back.", reasons="; ".join(left_out[:3])), "error")
    return redirect(back)


@bp.route("/plan/swaps/<int:swap_id>/refuse", methods=["POST"])
@lead_only
def refuse(swap_id: int) -> Any:
    form = RefuseSwapForm()
    row, stale = _lead_row(swap_id, form)
    if row is None:
        return stale
    _end(row, m.SWAP_REFUSED, (form.reason.data or "").strip(), by=current_user.id)
    if not _saved():
        return redirect(url_for("swaps.review")), 303
    flash(_("Refused. %(requester)s and %(partner)s see it on their swaps page.", requester=row.requester.name,
            partner=row.partner.name), "success")
    return redirect(url_for("swaps.review"))


@bp.app_template_filter("swap_status")
def swap_status(status: str) -> str:
    """A request's status in the viewer's language."""
    return {m.SWAP_ASKED: _("waiting for the colleague"), m.SWAP_ACCEPTED: _("waiting for the team lead"),
            m.SWAP_APPROVED: _("approved"), m.SWAP_DECLINED: _("declined by the colleague"),
            m.SWAP_REFUSED: _("refused by the team lead"), m.SWAP_WITHDRAWN: _("withdrawn"),
            m.SWAP_LAPSED: _("no longer possible"), m.SWAP_TAKEN_BACK: _("taken back by the team lead")}.get(status, status)


bp.add_app_template_filter(answer_text, "swap_answer")
