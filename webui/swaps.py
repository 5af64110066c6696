"""Shift swaps: a team member offers one of their published shifts to a colleague — handed
over, or exchanged for one of the colleague's shifts of the same month — the colleague
accepts or declines, and the team lead approves or refuses. Approving publishes the month's
next version with the swap (the calendar feeds follow it) and puts it, pinned, in the
lead's draft too.

At every step the swap is tried on the month's latest published rota and checked with
``scheduler.checker.check_rota`` like the lead's own edits (``webui.candidates``): a hard
violation that the rota did not have before blocks it, whoever it is about (the 11 h rest
of either person, a language need the other one cannot meet, a later month's rest). Nothing
here knows a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from scheduler.checker import CheckReport, Violation
from scheduler.domain import Assignment, Team
from webui import candidates as cand
from webui import jobs, reasons, rotas
from webui import models as m
from webui.authz import lead_only, member
from webui.convert import assignment, build_team, cell_assignments
from webui.extensions import db
from webui.forms import ActionForm, RefuseSwapForm, SwapForm
from webui.helpers import bump, is_stale, today

bp = Blueprint("swaps", __name__)

TALLINN = ZoneInfo("Europe/Tallinn")
#: How long ended requests stay listed: those about shifts of this many days back or later.
RECENT_DAYS = 60


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
    """The swap tried on the rota: ``problems`` (plain reasons: not on the rota any more,
    already begun, not in the colleague's services) and the checker's new ``blockers``
    block it; ``warnings`` are new soft findings about the two people (a wish, hours)."""

    problems: tuple[str, ...] = ()
    blockers: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and not self.blockers

    def reasons(self, limit: int = 3) -> str:
        texts = list(self.problems) + [reasons.text(v) for v in self.blockers]
        return "; ".join(texts[:limit]) + ("; …" if len(texts) > limit else "")

    def warning_texts(self) -> list[str]:
        return [reasons.text(v) for v in self.warnings]


def now() -> datetime:
    """Now in Tallinn (``ROTA_TODAY`` pins it to that day's midnight, for tests and demos)."""
    from flask import current_app

    if current_app.config.get("ROTA_TODAY"):
        return datetime.combine(today(), time(0), TALLINN)
    return datetime.now(TALLINN)


def swapped(team: Team, shifts: Sequence[Assignment], swap: Swap) -> list[Assignment]:
    """``shifts`` with the swap made."""
    changed = swap.cells()
    rows = [a for a in shifts if not ((a.person, a.day) in changed and a.code == changed[(a.person, a.day)][0])]
    rows.extend(assignment(team, person, day, after) for (person, day), (_before, after) in changed.items()
                if after is not None)
    return rows


def _holds(shifts: Sequence[Assignment], person: str, day: date, code: str) -> Assignment | None:
    return next((a for a in shifts if a.person == person and a.day == day and a.code == code), None)


def plain_problems(team: Team, shifts: Sequence[Assignment], swap: Swap) -> list[str]:
    """What makes the swap impossible before any rule is asked: a shift no longer on the
    published rota, one that has begun, a colleague who does not do the shift's service."""
    out: list[str] = []
    names = {p.id: p.name for p in team.people}
    if swap.partner == swap.requester:
        out.append(_("A swap needs a colleague."))
    for person, day, code in [swap.given] + ([swap.taken] if swap.taken else []):
        held = _holds(shifts, person, day, code)
        if held is None:
            out.append(_("%(name)s no longer has %(code)s on %(day)s in the published rota.",
                         name=names.get(person, person), code=code, day=day.strftime("%d.%m.%Y")))
        elif held.start <= now():
            out.append(_("%(code)s on %(day)s has already begun.", code=code, day=day.strftime("%d.%m.%Y")))
    for person, day, keep in [(swap.partner, swap.day, swap.taken)] + (
            [(swap.requester, swap.partner_day, swap.given)] if swap.taken else []):
        other = next((a for a in shifts if a.person == person and a.day == day
                      and (keep is None or (a.person, a.day, a.code) != keep)), None)
        if other is not None and day is not None:
            out.append(_("%(name)s already has %(code)s on %(day)s.", name=names.get(person, person),
                         code=other.code, day=day.strftime("%d.%m.%Y")))
    for person, code in [(swap.partner, swap.code)] + ([(swap.requester, swap.partner_code)] if swap.taken else []):
        try:
            who = team.person(person)
        except KeyError:
            out.append(_("%(name)s is not in the team.", name=person))
            continue
        if code is not None and not cand.qualified(who, team.shift_type(code)):
            out.append(_("%(name)s does not work on %(code)s (not active or not in that service).",
                         name=who.name, code=code))
    return out


def check_swap(team: Team, year: int, month: int, shifts: Sequence[Assignment], swap: Swap,
               history: Sequence[Assignment], later: rotas.LaterMonths, before: CheckReport) -> SwapCheck:
    """The swap tried on ``shifts`` (the month's published rota, checked as ``before``)."""
    problems = plain_problems(team, shifts, swap)
    if problems:
        return SwapCheck(problems=tuple(problems))
    after = rotas.check_shifts(team, swapped(team, shifts, swap), year, month, history, later)
    new = cand.new_violations(before, after)
    return SwapCheck(blockers=tuple(v for v in new if v.hard),
                     warnings=tuple(v for v in new if not v.hard and v.person in (swap.requester, swap.partner)))


class Month:
    """A month's latest published rota, as the current team reads it, ready to try swaps on."""

    def __init__(self, team: Team, year: int, month: int):
        self.team, self.year, self.month = team, year, month
        self.published = rotas.published_of(year, month)
        self.shifts = cell_assignments(team, self.published.cells) if self.published is not None else []
        self.history = rotas.history(team, year, month)
        self.later = rotas.LaterMonths(team, year, month)
        self.report = rotas.check_shifts(team, self.shifts, year, month, self.history, self.later)

    def check(self, swap: Swap) -> SwapCheck:
        if self.published is None:
            return SwapCheck(problems=(_("The rota of this month is not published."),))
        return check_swap(self.team, self.year, self.month, self.shifts, swap, self.history, self.later,
                          self.report)


def _person(key: str | None) -> m.Person | None:
    if not key:
        return None
    return db.session.scalar(sa.select(m.Person).where(m.Person.key == key))


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        abort(404)


def _upcoming_shifts(team: Team, person: str) -> list[dict[str, Any]]:
    """The person's published shifts that have not begun, this month and the next twelve:
    what they can offer."""
    start = now()
    busy = offered()
    by_code = {st.code: st for st in team.shift_types}
    out: list[dict[str, Any]] = []
    year, month = today().year, today().month
    for _i in range(13):
        pub = rotas.published_of(year, month)
        if pub is not None:
            for a in sorted(cell_assignments(team, pub.cells), key=lambda a: a.start):
                if a.person == person and a.start > start:
                    out.append({"day": a.day, "code": a.code, "name": by_code[a.code].name,
                                "start": a.start, "end": a.end, "service": by_code[a.code].service,
                                "open": busy.get((person, a.day, a.code))})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _requests(*conditions: Any) -> list[m.SwapRequest]:
    return list(db.session.scalars(sa.select(m.SwapRequest).where(*conditions)
                                   .order_by(m.SwapRequest.created_at.desc(), m.SwapRequest.id.desc())))


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
        row.status, row.decided_at = m.SWAP_LAPSED, m.utcnow()
        row.answer = _("%(code)s on %(day)s has already begun.", code=row.shift_code,
                       day=min(d for d in (row.day, row.partner_day) if d is not None).strftime("%d.%m.%Y"))
        bump(row)
    db.session.commit()


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


# --- a team member's side ------------------------------------------------------------------


@bp.route("/me/swaps")
@member
def mine() -> Any:
    """Requests to answer, my own requests, and my shifts that I can offer."""
    lapse_past()
    team = build_team()
    asked_of_me = _requests(m.SwapRequest.partner_id == current_user.id, m.SwapRequest.status == m.SWAP_ASKED)
    my_open = _requests(m.SwapRequest.requester_id == current_user.id, m.SwapRequest.status.in_(m.SWAP_OPEN))
    ended = _requests(sa.or_(m.SwapRequest.requester_id == current_user.id,
                             m.SwapRequest.partner_id == current_user.id),
                      m.SwapRequest.status.not_in(m.SWAP_OPEN), _recent())
    waiting_lead = _requests(m.SwapRequest.partner_id == current_user.id, m.SwapRequest.status == m.SWAP_ACCEPTED)
    return render_template("me/swaps.html", asked_of_me=asked_of_me, my_open=my_open + waiting_lead,
                           ended=ended, shifts=_upcoming_shifts(team, current_user.key), form=ActionForm())


@bp.route("/me/swaps/offer")
@member
def offer() -> Any:
    """Offer my shift of ``?day=`` (``&shift=`` when I start two that day): each colleague
    who does its service, tried as taking it over; with ``&with=`` a colleague's shifts of
    the month, each tried as an exchange."""
    day = _day(request.args.get("day"))
    team = build_team()
    month = Month(team, day.year, day.month)
    mine_that_day = [a for a in month.shifts if a.person == current_user.key and a.day == day]
    code = request.args.get("shift") or (mine_that_day[0].code if mine_that_day else "")
    shift = next((a for a in mine_that_day if a.code == code), None)
    if shift is None or shift.start <= now():
        flash(_("You have no published shift on %(day)s that has not begun.", day=day.strftime("%d.%m.%Y")), "error")
        return redirect(url_for("swaps.mine")), 303
    partner = _person(request.args.get("with"))
    if request.args.get("with") and (partner is None or partner.id == current_user.id or not partner.active):
        abort(404)
    st = team.shift_type(code)
    colleagues = [p for p in team.active_people if p.id != current_user.key]
    form = SwapForm(day=day.isoformat(), shift=code, number=str(month.published.number if month.published else ""))
    if partner is None:
        rows = []
        for p in colleagues:
            if not cand.qualified(p, st):
                continue
            rows.append({"person": p, "check": month.check(Swap(current_user.key, day, code, p.id))})
        rows.sort(key=lambda r: (not r["check"].ok, r["person"].name))
        return render_template("me/swap_offer.html", day=day, shift=shift, shift_type=st, rows=rows,
                               partner=None, form=form, month=month)
    theirs = sorted((a for a in month.shifts if a.person == partner.key and a.start > now()),
                    key=lambda a: a.start)
    rows = [{"shift": a, "check": month.check(Swap(current_user.key, day, code, partner.key, a.day, a.code))}
            for a in theirs]
    return render_template("me/swap_offer.html", day=day, shift=shift, shift_type=st, rows=rows,
                           partner=partner, form=form, month=month,
                           handover=month.check(Swap(current_user.key, day, code, partner.key)))


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
    back = url_for("swaps.offer", day=day.isoformat(), shift=form.shift.data)
    month = Month(team, day.year, day.month)
    if month.published is None or form.number.data != str(month.published.number):
        flash(_("The rota was published again meanwhile: look at the choices again."), "error")
        return redirect(back), 303
    swap = Swap(current_user.key, day, form.shift.data, partner.key, partner_day, partner_code)
    if _open_request_for(swap) is not None:
        flash(_("There is already an open request for this shift."), "error")
        return redirect(url_for("swaps.mine")), 303
    check = month.check(swap)
    if not check.ok:
        flash(_("Not sent: %(reasons)s", reasons=check.reasons()), "error")
        return redirect(back), 303
    row = m.SwapRequest(year=day.year, month=day.month, requester_id=current_user.id, partner_id=partner.id,
                        day=day, shift_code=swap.code, partner_day=partner_day, partner_shift_code=partner_code,
                        note=(form.note.data or "").strip(), status=m.SWAP_ASKED)
    db.session.add(row)
    db.session.commit()
    flash(_("Sent to %(name)s. When they accept, the team lead decides.", name=partner.name), "success")
    return redirect(url_for("swaps.mine"))


def offered() -> dict[tuple[str, date, str], m.SwapRequest]:
    """(person, day, code) → the open request that offers or asks for that shift."""
    out: dict[tuple[str, date, str], m.SwapRequest] = {}
    for row in _requests(m.SwapRequest.status.in_(m.SWAP_OPEN)):
        swap = Swap.of(row)
        for shift in [swap.given] + ([swap.taken] if swap.taken else []):
            out.setdefault(shift, row)
    return out


def _open_request_for(swap: Swap) -> m.SwapRequest | None:
    """An open request that already offers or asks for one of this swap's shifts."""
    busy = offered()
    return next((busy[s] for s in [swap.given] + ([swap.taken] if swap.taken else []) if s in busy), None)


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


def _lapse(row: m.SwapRequest, check: SwapCheck) -> None:
    row.status, row.answer = m.SWAP_LAPSED, check.reasons(limit=5)
    row.decided_at = m.utcnow()
    bump(row)


@bp.route("/me/swaps/<int:swap_id>/withdraw", methods=["POST"])
@member
def withdraw(swap_id: int) -> Any:
    row, stale = _action(swap_id, "requester")
    if row is None:
        return stale
    if row.is_open:
        row.status, row.decided_at = m.SWAP_WITHDRAWN, m.utcnow()
        bump(row)
        db.session.commit()
        flash(_("Your request was withdrawn."), "success")
    return redirect(url_for("swaps.mine"))


@bp.route("/me/swaps/<int:swap_id>/accept", methods=["POST"])
@member
def accept(swap_id: int) -> Any:
    row, stale = _action(swap_id, "partner")
    if row is None:
        return stale
    if row.status != m.SWAP_ASKED:
        return redirect(url_for("swaps.mine"))
    check = Month(build_team(), row.year, row.month).check(Swap.of(row))
    if not check.ok:
        _lapse(row, check)
        db.session.commit()
        flash(_("The swap cannot be made any more: %(reasons)s", reasons=check.reasons()), "error")
        return redirect(url_for("swaps.mine")), 303
    row.status, row.answered_at = m.SWAP_ACCEPTED, m.utcnow()
    bump(row)
    db.session.commit()
    flash(_("Accepted. The team lead decides; the swap is on the rota once approved."), "success")
    return redirect(url_for("swaps.mine"))


@bp.route("/me/swaps/<int:swap_id>/decline", methods=["POST"])
@member
def decline(swap_id: int) -> Any:
    row, stale = _action(swap_id, "partner")
    if row is None:
        return stale
    if row.status == m.SWAP_ASKED:
        row.status, row.answered_at = m.SWAP_DECLINED, m.utcnow()
        bump(row)
        db.session.commit()
        flash(_("Declined."), "success")
    return redirect(url_for("swaps.mine"))


# --- the team lead's side ------------------------------------------------------------------


@bp.route("/plan/swaps")
@lead_only
def review() -> Any:
    """Accepted requests to decide, each tried on the rota as it is now; those still waiting
    for the colleague; the recently ended ones."""
    lapse_past()
    team = build_team()
    months: dict[tuple[int, int], Month] = {}
    accepted = []
    for row in _requests(m.SwapRequest.status == m.SWAP_ACCEPTED):
        ym = (row.year, row.month)
        if ym not in months:
            months[ym] = Month(team, *ym)
        accepted.append({"row": row, "check": months[ym].check(Swap.of(row)),
                         "running": jobs.running_job(*ym) is not None})
    asked = _requests(m.SwapRequest.status == m.SWAP_ASKED)
    ended = _requests(m.SwapRequest.status.not_in(m.SWAP_OPEN), _recent())
    return render_template("plan/swaps.html", accepted=accepted, asked=asked, ended=ended,
                           form=ActionForm(), refuse_form=RefuseSwapForm())


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
    """Publish the month's next version with the swap, after trying it once more; the
    draft, if any, gets it too (pinned, so a re-solve keeps it)."""
    row, stale = _lead_row(swap_id, ActionForm())
    if row is None:
        return stale
    if jobs.running_job(row.year, row.month) is not None:
        flash(_("A solve is running for this month: approve the swap when it is done."), "error")
        return redirect(url_for("swaps.review")), 303
    team = build_team()
    month = Month(team, row.year, row.month)
    swap = Swap.of(row)
    check = month.check(swap)
    if not check.ok:
        _lapse(row, check)
        db.session.commit()
        flash(_("Not approved: the swap cannot be made any more: %(reasons)s", reasons=check.reasons()), "error")
        return redirect(url_for("swaps.review")), 303
    assert month.published is not None
    people = {p.key: p for p in db.session.scalars(sa.select(m.Person))}
    changes = {(people[k].id, d): after for (k, d), (_before, after) in swap.cells().items()}
    version = rotas.publish_changed(month.published, changes, current_user.id, team, source="swap")
    differs = _into_draft(row, swap, people)
    row.status, row.decided_at, row.decided_by_id = m.SWAP_APPROVED, m.utcnow(), current_user.id
    row.published_number = version.number
    bump(row)
    db.session.commit()
    flash(_("Approved: published as version %(number)s.", number=version.number), "success")
    if differs:
        flash(_("The draft of this month has other shifts in these cells; it was left as it is: check it "
                "before publishing it (%(cells)s).", cells=", ".join(differs)), "error")
    return redirect(url_for("swaps.review"))


def _into_draft(row: m.SwapRequest, swap: Swap, people: dict[str, m.Person]) -> list[str]:
    """Put the swap, pinned, in the month's draft where the draft still has the published
    shifts in its cells; the cells where it does not (``name dd.mm``)."""
    draft = rotas.draft_of(row.year, row.month)
    if draft is None:
        return []
    cells = swap.cells()
    now_in_draft = {(c.person.key, c.day): c.shift_code for c in draft.cells}
    differs = [f"{people[k].name} {d.strftime('%d.%m')}" for (k, d), (before, _after) in cells.items()
               if now_in_draft.get((k, d)) != before]
    if differs:
        return differs
    for (k, d), (_before, after) in cells.items():
        rotas.set_cell(draft, people[k], d, after, True)
    return []


@bp.route("/plan/swaps/<int:swap_id>/refuse", methods=["POST"])
@lead_only
def refuse(swap_id: int) -> Any:
    form = RefuseSwapForm()
    row, stale = _lead_row(swap_id, form)
    if row is None:
        return stale
    row.status, row.decided_at, row.decided_by_id = m.SWAP_REFUSED, m.utcnow(), current_user.id
    row.answer = (form.reason.data or "").strip()
    bump(row)
    db.session.commit()
    flash(_("Refused. %(requester)s and %(partner)s see it on their swaps page.", requester=row.requester.name,
            partner=row.partner.name), "success")
    return redirect(url_for("swaps.review"))


@bp.app_template_filter("swap_status")
def swap_status(status: str) -> str:
    """A request's status in the viewer's language."""
    return {m.SWAP_ASKED: _("waiting for the colleague"), m.SWAP_ACCEPTED: _("waiting for the team lead"),
            m.SWAP_APPROVED: _("approved"), m.SWAP_DECLINED: _("declined by the colleague"),
            m.SWAP_REFUSED: _("refused by the team lead"), m.SWAP_WITHDRAWN: _("withdrawn"),
            m.SWAP_LAPSED: _("no longer possible")}.get(status, status)
