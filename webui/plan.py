"""Planning a month (team lead): generate in the background, the rota grid, edit and pin
cells, re-solve around the pins, publish, sick leave → re-plan, exports."""

from __future__ import annotations

import io
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Sequence

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from scheduler import worktime
from scheduler.domain import TALLINN, Absence, AbsenceKind, Assignment, clock_span
from scheduler.exports import write_payroll, write_xlsx
from scheduler.replan import first_affected_day, in_absence, touches_month
from webui import candidates as cand
from webui import grid as grid_view
from webui import jobs, reasons, rotas, swaps
from webui import models as m
from webui.authz import lead_only, safe_next
from webui.convert import absence_of_row, assignment, build_team, cell_assignments, team_row
from webui.extensions import db
from webui.forms import AssignForm, CellForm, GenerateForm, SickForm, StateForm, opts
from webui.helpers import check_month, next_month, now, prev_month, today
from webui.team import absence_clash

bp = Blueprint("plan", __name__, url_prefix="/plan")
# The checker's and the solver's sentences in the viewer's language (webui.reasons), for every
# template: ``v|reason``, ``v|reason_source``, ``v|reason_with_source``,
# ``rota.shortfalls[i]|stored_reason``.
bp.add_app_template_filter(reasons.text, "reason")
bp.add_app_template_filter(reasons.source, "reason_source")
bp.add_app_template_filter(reasons.with_source, "reason_with_source")
bp.add_app_template_filter(reasons.shown, "stored_reason")

#: The solver's result statuses (``scheduler.solver.SolveResult.status``) as pages name them.
SOLVER_STATUS = {
    "optimal": _l("optimal"),
    "feasible": _l("feasible (not proven optimal)"),
    "infeasible": _l("infeasible"),
    "no solution": _l("no solution"),
    "rejected": _l("rejected by the checker"),
    "past not kept": _l("not solved: days already past cannot be kept"),
}


@bp.app_template_filter("solver_status")
def solver_status(status: str | None) -> str:
    """A solver status in the viewer's language (an unknown one as it is)."""
    label = SOLVER_STATUS.get(status or "")
    return str(label) if label is not None else (status or "")


@bp.app_template_test("bound_proven")
def bound_proven(bound: float | None, status: str | None = None) -> bool:
    """Whether the solver proved a lower bound worth a gap: a bound above 0 (the penalty
    cannot be below 0, so a bound of 0 says nothing), or a proven optimum."""
    return status == "optimal" or (bound is not None and bound > 0)


@bp.app_template_filter("gap_text")
def gap_text(gap: float | None, bound: float | None, status: str | None = None) -> str:
    """The gap to the best bound as the job page and the month header show it: "no lower
    bound proven" while the bound is 0 or below (the gap would always read 100 %)."""
    if gap is None:
        return "—"
    if not bound_proven(bound, status):
        return _("no lower bound proven")
    return f"{format_decimal(round(gap * 100, 1), '0.0')} %"


def rota_bound(rota: m.Rota | None) -> float | None:
    """The bound a stored draft was solved to (objective × (1 − gap); the row keeps those two)."""
    if rota is None or rota.objective is None or rota.gap is None:
        return None
    return rota.objective * (1 - rota.gap)

#: The solver's objective terms (scheduler/solver/objective.py) as the job page names them.
TERM_LABELS = {
    "desired coverage": _l("Desired head-count"),
    "hours vs norm": _l("Hours against the norm"),
    "wishes": _l("Wishes"),
    "substitution": _l("Stand-in work by another role"),
    "fair nights": _l("Fair share of nights"),
    "fair weekends": _l("Fair share of weekends"),
    "fair holidays": _l("Fair share of public holidays"),
    "isolated days": _l("Single work days"),
    "backward rotation": _l("Backward rotation"),
    "consecutive nights": _l("Too many nights in a row"),
    "consecutive days": _l("Too many work days in a row"),
    "split weekends": _l("Split weekends"),
    "changes": _l("Changes chosen against the rota (beyond those the absence forces)"),
    "coverage minima missed": _l("Coverage minima missed"),
}


def _version(year: int, month: int) -> tuple[m.Rota | None, bool]:
    """The version the page is about: ``?v=N`` (a published version, read-only) or the
    month's current one (the draft, else the latest published). Returns (rota, editable)."""
    if "v" in request.args:
        return _asked_version(year, month), False
    return rotas.current(year, month), True


def _asked_version(year: int, month: int) -> m.Rota:
    """The published version ``?v=N`` names; 404 when N is not a number or no such version
    exists (never the draft in its place)."""
    text = request.args.get("v", "")
    rota = rotas.published_of(year, month, int(text)) if text.isdigit() else None
    if rota is None:
        abort(404)
    return rota


@bp.route("/")
@lead_only
def index() -> Any:
    """The months around today, with the state of each (``?jump=yyyy-mm`` opens one)."""
    jump = request.args.get("jump", "")
    if len(jump) == 7 and jump[:4].isdigit() and jump[4] == "-" and jump[5:].isdigit():
        return redirect(url_for("plan.month", year=int(jump[:4]), month=int(jump[5:])))
    now = today()
    y, mo = prev_month(now.year, now.month)
    months = []
    for _i in range(6):
        draft, pub = rotas.draft_of(y, mo), rotas.published_of(y, mo)
        months.append({"year": y, "month": mo, "first": date(y, mo, 1), "draft": draft, "published": pub})
        y, mo = next_month(date(y, mo, 1))
    ny, nm = next_month(now)
    return render_template("plan/index.html", months=months, next_year=ny, next_month=nm)


@bp.route("/<int:year>/<int:month>")
@lead_only
def month(year: int, month: int) -> Any:
    check_month(year, month)
    rota, editable = _version(year, month)
    team = rotas.team_of(build_team(), rota)
    shifts, report = rotas.check(team, rota, year, month)
    published = rotas.published_of(year, month)
    draft = rotas.draft_of(year, month)
    changes: list[dict[str, Any]] = []
    if draft is not None and editable:
        changes = rotas.diff(rotas.cells_of(published), rotas.cells_of(draft))
    changed = {(c["person"], date.fromisoformat(c["day"])) for c in changes} if published else set()
    grid = grid_view.build(team, year, month, shifts, report, rotas.pins_of(rota), changed)
    unchanged = editable and rotas.unchanged_since_publish(team, draft, published)
    state = rotas.state_token(year, month)
    running = jobs.running_job(year, month)
    row = team_row()
    py, pm = prev_month(year, month)
    ny, nm = next_month(date(year, month, 1))
    names = {p.id: p.name for p in team.people}
    later_absences = (rotas.duties_in_absences(build_team(), rota)
                      if rota is not None and rota.status == m.PUBLISHED and draft is None else [])
    return render_template(
        "plan/month.html", year=year, month=month, first=date(year, month, 1), grid=grid, rota=rota,
        later_absences=later_absences,
        editable=editable, draft=draft, published=published, versions=rotas.published_versions(year, month),
        changes=changes, unchanged=unchanged, state=state, running=running, names=names,
        rota_bound=rota_bound(rota), swaps_to_approve=swaps.to_approve(year, month),
        taken_back=swaps.taken_back(year, month, draft) if editable else [],
        generate_form=GenerateForm(time_limit=row.solve_seconds, state=state),
        state_form=StateForm(state=state, time_limit=row.solve_seconds),
        prev=(py, pm), next=(ny, nm))


def _start(kind: str, year: int, month: int, time_limit: float, notes: Sequence[str] = (), **kwargs: Any) -> Any:
    """Start a solve job of the month and show its page; ``notes``: what the lead is told
    about it (flashed only when the job starts)."""
    if jobs.running_job(year, month) is not None:
        flash(_("A solve of this month is already running."), "error")
        return redirect(url_for("plan.month", year=year, month=month))
    for note in notes:
        flash(note, "info")
    team = kwargs.pop("team", None) or rotas.month_team(build_team(), year, month)
    req = jobs.SolveRequest(team=team, year=year, month=month, history=rotas.history(team, year, month),
                            following=rotas.following(team, year, month),
                            time_limit=float(time_limit), workers=int(current_app.config.get("ROTA_SOLVE_WORKERS", 2)),
                            state=rotas.state_token(year, month), **kwargs)
    job = jobs.start(kind, req, current_user.id)
    return redirect(url_for("plan.job", job_id=job.id))


@bp.route("/<int:year>/<int:month>/generate", methods=["POST"])
@lead_only
def generate(year: int, month: int) -> Any:
    """Build the month from scratch in the background; the result replaces the draft."""
    check_month(year, month)
    form = GenerateForm()
    if not form.validate_on_submit():
        for error in form.time_limit.errors:
            flash(_("Time limit: %(error)s", error=error), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    if _stale_state(form, year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    if _month_over(year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    base = rotas.current(year, month)
    if base is None:
        return _start("generate", year, month, form.time_limit.data)
    # the days already past happened as the rota has them: only the days ahead are new
    team = rotas.month_team(build_team(), year, month)
    if _leavers_in_the_past(team, year, month, base, today()):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    past, notes = _held_cells(team, year, month, base, today())
    return _start("generate", year, month, form.time_limit.data, notes, team=team, pins=past, kept_pins={},
                  recorded_before=today() if past else None, begun_before=now() if past else None)


def _solve_running(year: int, month: int) -> bool:
    """Refuse a change of the month while a solve of it runs (its result would replace the
    draft): flashes why and returns True."""
    if jobs.running_job(year, month) is None:
        return False
    flash(_("A solve of this month is running: nothing was changed. Wait until it ends (or cancel it) "
            "and try again."), "error")
    return True


def _stale_state(form: Any, year: int, month: int) -> bool:
    return _stale_token(form.state.data, year, month)


def _stale_token(token: str | None, year: int, month: int) -> bool:
    """Refuse a form sent from a page that showed another state of the month's rota."""
    if (token or "") != rotas.state_token(year, month):
        flash(_("The rota of this month changed since you opened the page (someone else edited, "
                "generated or published it). Nothing was changed: look at the current rota and try again."),
              "error")
        return True
    return False


@bp.route("/<int:year>/<int:month>/resolve", methods=["POST"])
@lead_only
def resolve(year: int, month: int) -> Any:
    """Keep the pinned cells, re-solve the rest (staying close to the current draft)."""
    check_month(year, month)
    form = StateForm()
    if not form.validate_on_submit():
        if not form.time_limit.errors:
            abort(400)
        for error in form.time_limit.errors:
            flash(_("Time limit: %(error)s", error=error), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    if _stale_state(form, year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    # the draft, or the published version (re-solving it after an absence entered later): the
    # result becomes the draft
    base = rotas.current(year, month)
    if base is None:
        flash(_("There is no rota to re-solve: generate the month first."), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    if _month_over(year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    team = rotas.month_team(build_team(), year, month)
    if _leavers_in_the_past(team, year, month, base, today()):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    pins = rotas.pins_of(base)
    past, notes = _held_cells(team, year, month, base, today())
    return _start("resolve", year, month, form.time_limit.data or team_row().solve_seconds, notes, team=team,
                  pins={**pins, **past}, kept_pins={k: v for k, v in pins.items() if past.get(k, v) == v},
                  keep=cell_assignments(team, base.cells), recorded_before=today() if past else None,
                  begun_before=now() if past else None, replan_absences=_entered_since(base))


def _entered_since(base: m.Rota) -> list[Absence]:
    """The absences entered since the month's latest published version (``base`` itself, or
    the version its draft came from; a draft of a month never published: since it was
    created), which its cells were planned without: a re-solve measures how far off ``base``
    had each person against their goal without them (``SolveOptions.replan_absences``)."""
    published = rotas.published_of(base.year, base.month)
    since = published.published_at if published is not None and published.published_at else base.created_at
    return [absence_of_row(a) for a in db.session.scalars(sa.select(m.Absence).where(m.Absence.created_at > since))]


def _month_over(year: int, month: int) -> bool:
    """A month whose days are all past has nothing left to plan: says so (flash) and returns
    True. Its cells are edited to record what happened; a sick leave still re-plans it."""
    if today() <= worktime.month_bounds(year, month)[1]:
        return False
    flash(_("%(month)s is over: there is nothing left to plan. Edit its cells to record what happened.",
            month=f"{month:02d}.{year}"), "error")
    return True


@bp.route("/jobs/<int:job_id>")
@lead_only
def job(job_id: int) -> Any:
    jobs.expire_stale()
    row = db.session.get(m.SolveJob, job_id)
    if row is None:
        abort(404)
    names = {p.key: p.name for p in db.session.scalars(sa.select(m.Person))}
    gaps_form = StateForm(formdata=None, state=rotas.state_token(row.year, row.month)) if row.gaps_rota else None
    return render_template("plan/job.html", job=row, names=names, cancel_form=StateForm(), gaps_form=gaps_form,
                           message=jobs.shown_message(row.message), why=jobs.message_reasons(row.message),
                           term_labels=TERM_LABELS,
                           not_applied=jobs.message_key(row.message)[0] == jobs.NOT_APPLIED)


@bp.route("/jobs/<int:job_id>/progress.json")
@lead_only
def job_progress(job_id: int) -> Any:
    jobs.expire_stale()
    row = db.session.get(m.SolveJob, job_id)
    if row is None:
        abort(404)
    elapsed = row.elapsed
    if row.status == "running" and row.started_at is not None:
        elapsed = max(elapsed, (m.utcnow() - row.started_at).total_seconds())
    return jsonify(id=row.id, status=row.status, kind=row.kind, year=row.year, month=row.month,
                   elapsed=round(elapsed, 1), time_limit=row.time_limit, objective=row.objective,
                   bound=row.bound, gap=row.gap, solutions=row.solutions, solver_status=row.solver_status,
                   bound_proven=bound_proven(row.bound, row.solver_status),
                   message=jobs.shown_message(row.message), finished=row.finished, cancel_requested=row.cancel_requested,
                   changes=len(row.changes or []),
                   rota_url=url_for("plan.month", year=row.year, month=row.month))


@bp.route("/jobs/<int:job_id>/use-gaps", methods=["POST"])
@lead_only
def job_use_gaps(job_id: int) -> Any:
    """Take the best rota of a month no rota can fully cover as the draft, its places left
    empty shown red on the grid (coverage minima: it cannot be published until they are
    filled by hand or the needs change): a short month is not built from nothing."""
    row = db.session.get(m.SolveJob, job_id)
    if row is None or not row.gaps_rota or row.status != "failed":
        abort(404)
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    back = redirect(url_for("plan.job", job_id=row.id))
    if _solve_running(row.year, row.month) or _stale_state(form, row.year, row.month):
        return back
    team = rotas.month_team(build_team(), row.year, row.month)
    people, codes = {p.id for p in team.people}, {st.code for st in team.shift_types}
    shifts = [assignment(team, person, date.fromisoformat(day), code)
              for person, day, code in row.gaps_rota["cells"] if person in people and code in codes]
    pins = {(person, date.fromisoformat(day)): code for person, day, code in row.gaps_rota.get("pins", [])}
    rotas.store_draft(row.year, row.month, shifts, pinned_days=set(pins), pins=pins, source="solve",
                      solve_status="infeasible", shortfalls=list(row.gaps_rota.get("shortfalls", [])))
    db.session.commit()
    flash(ngettext("The draft is the best rota found, with %(num)d place empty (red on the grid): fill it by hand, "
                   "or change the needs, absences or pinned cells, before publishing.",
                   "The draft is the best rota found, with %(num)d places empty (red on the grid): fill them by "
                   "hand, or change the needs, absences or pinned cells, before publishing.",
                   int(row.gaps_rota.get("missing", 0))), "warning")
    return redirect(url_for("plan.month", year=row.year, month=row.month))


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
@lead_only
def job_cancel(job_id: int) -> Any:
    row = db.session.get(m.SolveJob, job_id)
    if row is None:
        abort(404)
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    if not row.finished:
        jobs.request_cancel(row)
        flash(_("Cancelling: the solver stops within a second or two."), "info")
    return redirect(url_for("plan.job", job_id=row.id))


def _cell_args(year: int, month: int, person_key: str | None, day_text: str | None) -> tuple[m.Person, date]:
    person = db.session.scalar(sa.select(m.Person).where(m.Person.key == (person_key or "")))
    try:
        day = date.fromisoformat(day_text or "")
    except ValueError:
        abort(404)
    if person is None or (day.year, day.month) != (year, month):
        abort(404)
    return person, day


def _shift_choices(team: Any, held: Sequence[str | None] = ()) -> list[tuple[str, str]]:
    """The cell form's shifts: those still run (a retired shift type, run on no weekday, only
    where the cell ``held`` it: a day already worked)."""
    return opts([("", _("off"))] + [(st.code, f"{st.code} – {st.name} {clock_span(st.start, st.end)}")
                                    for st in team.shift_types if st.weekdays or st.code in held])


def _flash_edit(team: Any, draft: m.Rota, person: m.Person, day: date, message: str, year: int, month: int,
                later: rotas.LaterMonths | None = None) -> None:
    """Check the month after an edit of ``person``'s ``day`` and say what the checker found
    near it (a manual edit and a one-click assignment report the same way)."""
    _shifts, report = rotas.check(team, draft, year, month, later)
    mine = [v for v in report.violations if v.person == person.key or v.person is None]
    here = [v for v in mine if v.start is not None and abs((grid_view.violation_day(v) - day).days) <= 1]
    hard = [v for v in here if v.hard]
    if hard:
        flash(message + " " + ngettext("%(num)d hard violation: %(reasons)s",
                                       "%(num)d hard violations: %(reasons)s", len(hard),
                                       reasons="; ".join(reasons.text(v) for v in hard[:3])), "error")
    elif report.hard:
        flash(message + " " + ngettext("The month still has %(num)d hard violation elsewhere.",
                                       "The month still has %(num)d hard violations elsewhere.",
                                       len(report.hard)), "warning")
    else:
        flash(message + " " + _("The month has no hard violations."), "success")


def _cell_page(form: CellForm, person: m.Person, day: date, year: int, month: int, team: Any,
               rota: m.Rota | None, status: int = 200) -> Any:
    """The cell form with the checker's findings on the cell and the alternatives: who could
    take over the person's shift, or (a day without a shift) which shifts they could take."""
    shifts = cell_assignments(team, rota.cells) if rota is not None else []
    history = rotas.history(team, year, month)
    later = rotas.LaterMonths(team, year, month)
    report = rotas.check_shifts(team, shifts, year, month, history, later)
    problems = [v for v in report.violations if v.person == person.key and grid_view.violation_day(v) == day]
    mine = [a.code for a in shifts if a.person == person.key and a.day == day]
    handover = options = None
    if mine:
        handover = cand.shown_slot(cand.for_slot(team, year, month, shifts, history, day, mine[0],
                                                 release=person.key, before=report, later=later.extend))
    elif person.active:
        options = cand.shown(cand.for_person(team, year, month, shifts, history, team.person(person.key), day,
                                             before=report, later=later.extend))
    here = url_for("plan.cell", year=year, month=month, person=person.key, day=day.isoformat())
    return render_template("plan/cell.html", form=form, person=person, day=day, year=year, month=month,
                           problems=problems, handover=handover, options=options, current=mine,
                           state=rotas.state_token(year, month), here=here,
                           running=jobs.running_job(year, month)), status


@bp.route("/<int:year>/<int:month>/cell", methods=["GET", "POST"])
@lead_only
def cell(year: int, month: int) -> Any:
    """Edit one cell: choose a shift or off, pin it; the month is checked again at once."""
    check_month(year, month)
    team = rotas.month_team(build_team(), year, month)
    form = CellForm()
    key = request.values.get("person")
    person, day = _cell_args(year, month, key, request.values.get("day"))
    rota = rotas.current(year, month)
    current_codes = [c.shift_code for c in (rota.cells if rota else []) if c.person_id == person.id and c.day == day]
    form.shift.choices = _shift_choices(team, current_codes)
    pinned = any(c.pinned for c in (rota.cells if rota else []) if c.person_id == person.id and c.day == day)
    if request.method == "POST":
        if not form.validate_on_submit():
            return _cell_page(form, person, day, year, month, team, rota, 400)
        if _solve_running(year, month) or _stale_state(form, year, month):
            return redirect(url_for("plan.month", year=year, month=month)), 303
        draft = rotas.ensure_draft(year, month)
        code = form.shift.data or None
        rotas.set_cell(draft, person, day, code, bool(form.pinned.data))
        db.session.commit()
        team = rotas.month_team(build_team(), year, month)
        _flash_edit(team, draft, person, day, _("%(name)s, %(day)s: %(code)s saved.", name=person.name,
                                                day=day.strftime("%d.%m.%Y"), code=code or _("off")), year, month)
        return redirect(url_for("plan.month", year=year, month=month) + f"#c-{person.key}-{day.day}")
    form.person.data, form.day.data = person.key, day.isoformat()
    form.shift.data = next((c for c in current_codes if c), "")
    form.pinned.data = pinned
    form.state.data = rotas.state_token(year, month)
    return _cell_page(form, person, day, year, month, team, rota)


def _day_arg(year: int, month: int, text: str | None) -> date:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        abort(404)
    if (day.year, day.month) != (year, month):
        abort(404)
    return day


@bp.route("/<int:year>/<int:month>/slot")
@lead_only
def slot(year: int, month: int) -> Any:
    """Who can take shift ``?shift=`` on ``?day=``: every person of the shift's service tried
    in the current rota and checked; the legal ones first, furthest below their norm first,
    each with a one-click assignment."""
    check_month(year, month)
    day = _day_arg(year, month, request.args.get("day"))
    team = rotas.month_team(build_team(), year, month)
    code = request.args.get("shift", "")
    if code not in {st.code for st in team.shift_types}:
        abort(404)
    rota = rotas.current(year, month)
    shifts = cell_assignments(team, rota.cells) if rota is not None else []
    history = rotas.history(team, year, month)
    later = rotas.LaterMonths(team, year, month)
    report = rotas.check_shifts(team, shifts, year, month, history, later)
    result = cand.shown_slot(cand.for_slot(team, year, month, shifts, history, day, code, before=report,
                                           later=later.extend))
    slots = grid_view.day_slots(team, day, shifts, report)
    this = next((s for s in slots if s.code == code), None)
    here = url_for("plan.slot", year=year, month=month, day=day.isoformat(), shift=code)
    return render_template("plan/slot.html", year=year, month=month, day=day, slot=result, slots=slots,
                           this=this, state=rotas.state_token(year, month), here=here,
                           running=jobs.running_job(year, month),
                           prev_day=day - timedelta(days=1) if day.day > 1 else None,
                           next_day=day + timedelta(days=1) if (day + timedelta(days=1)).month == month else None)


@bp.route("/<int:year>/<int:month>/assign", methods=["POST"])
@lead_only
def assign(year: int, month: int) -> Any:
    """One click from the candidate lists: put ``person`` on ``shift`` that ``day`` (their
    own shift that day is replaced; with ``release`` that person gives the shift up). The
    person is tried again as on the list; if that is no longer legal nothing is saved."""
    check_month(year, month)
    form = AssignForm()
    if not form.validate_on_submit():
        abort(400)
    person, day = _cell_args(year, month, form.person.data, form.day.data)
    back = safe_next(form.next.data, url_for("plan.month", year=year, month=month) + f"#c-{person.key}-{day.day}")
    if _solve_running(year, month) or _stale_state(form, year, month):
        return redirect(back), 303
    team = rotas.month_team(build_team(), year, month)
    code = form.shift.data or ""
    if code not in {st.code for st in team.shift_types}:
        abort(400)
    rota = rotas.current(year, month)
    shifts = cell_assignments(team, rota.cells) if rota is not None else []
    release: m.Person | None = None
    if form.release.data:
        release = db.session.scalar(sa.select(m.Person).where(m.Person.key == form.release.data))
        if release is None or not any(a.person == release.key and a.day == day and a.code == code for a in shifts):
            abort(400)
        if release.id == person.id:
            abort(400)  # a handover to oneself (the lists never offer it)
    who = team.person(person.key)
    if not cand.qualified(who, team.shift_type(code)):
        flash(_("%(name)s does not work on %(code)s (not active or not in that service): nothing was changed.",
                name=person.name, code=code), "error")
        return redirect(back), 303
    history = rotas.history(team, year, month)
    later = rotas.LaterMonths(team, year, month)
    before = rotas.check_shifts(team, shifts, year, month, history, later)
    trial = cand.trial(team, year, month, shifts, history, before, who, day, code,
                       release.key if release is not None else None, later.extend)
    if not trial.legal:
        flash(_("Nothing was changed: %(name)s cannot take %(code)s on %(day)s: %(reasons)s",
                name=person.name, code=code, day=day.strftime("%d.%m.%Y"),
                reasons="; ".join(reasons.text(v) for v in trial.blockers[:3])), "error")
        return redirect(back), 303
    draft = rotas.ensure_draft(year, month)
    pins = rotas.pins_of(draft)
    if release is not None:
        rotas.set_cell(draft, release, day, None, (release.key, day) in pins)
    rotas.set_cell(draft, person, day, code, (person.key, day) in pins)
    db.session.commit()
    if release is not None:
        message = _("%(name)s takes over %(code)s from %(other)s on %(day)s.", name=person.name, code=code,
                    other=release.name, day=day.strftime("%d.%m.%Y"))
    else:
        message = _("%(name)s, %(day)s: %(code)s saved.", name=person.name, day=day.strftime("%d.%m.%Y"), code=code)
    _flash_edit(team, draft, person, day, message, year, month, later)
    return redirect(back)


@bp.route("/<int:year>/<int:month>/publish", methods=["POST"])
@lead_only
def publish(year: int, month: int) -> Any:
    check_month(year, month)
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    if _solve_running(year, month) or _stale_state(form, year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    draft = rotas.draft_of(year, month)
    if draft is None:
        flash(_("There is no draft to publish."), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    team = rotas.month_team(build_team(), year, month)
    published = rotas.published_of(year, month)
    if rotas.unchanged_since_publish(team, draft, published):
        flash(_("Not published: nothing changed since version %(v)s.", v=published.number), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    _shifts, report = rotas.check(team, draft, year, month)
    if report.hard:
        flash(ngettext("Not published: the rota has %(num)d hard violation. Fix it first.",
                       "Not published: the rota has %(num)d hard violations. Fix them first.",
                       len(report.hard)), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    taken_back = swaps.taken_back(year, month, draft)
    if taken_back and request.form.get("undo_swaps") != "1":
        flash(ngettext("Not published: the draft takes back %(num)d approved swap. Put it in the draft, or tick "
                       "\"take back the approved swaps\".",
                       "Not published: the draft takes back %(num)d approved swaps. Put them in the draft, or "
                       "tick \"take back the approved swaps\".", len(taken_back)), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    rotas.publish(draft, current_user.id, team)
    swaps.take_back(taken_back, draft.number)
    try:
        db.session.commit()
    except (sa.exc.IntegrityError, StaleDataError):  # a swap's approval published the next version meanwhile
        db.session.rollback()
        flash(_("The rota was published again meanwhile: look at the draft again."), "error")
        return redirect(url_for("plan.month", year=year, month=month)), 303
    flash(_("Published as version %(number)s. The team sees it now.", number=draft.number), "success")
    ended = swaps.lapse_gone(year, month)
    if ended:
        flash(ngettext("%(num)d open swap request ended: this version no longer has its shift.",
                       "%(num)d open swap requests ended: this version no longer has their shifts.", ended), "info")
    return redirect(url_for("plan.month", year=year, month=month))


@bp.route("/<int:year>/<int:month>/discard", methods=["POST"])
@lead_only
def discard(year: int, month: int) -> Any:
    check_month(year, month)
    form = StateForm()
    if not form.validate_on_submit():
        abort(400)
    if _solve_running(year, month) or _stale_state(form, year, month):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    draft = rotas.draft_of(year, month)
    if draft is not None:
        db.session.delete(draft)
        db.session.commit()
        flash(_("The draft was discarded."), "success")
    return redirect(url_for("plan.month", year=year, month=month))


@bp.route("/<int:year>/<int:month>/sick", methods=["GET", "POST"])
@lead_only
def sick(year: int, month: int) -> Any:
    """Sick leave: record the absence and re-plan from its first day, keeping everything
    before it and staying as close as possible to the published rota. Nothing is recorded
    while a solve of the month runs, from a stale page, or when the person already has
    another absence on those days."""
    check_month(year, month)
    form = SickForm()
    form.person.choices = opts([(p.id, p.name) for p in db.session.scalars(
        sa.select(m.Person).where(m.Person.active).order_by(m.Person.name))])
    first, last = worktime.month_bounds(year, month)
    if request.method == "GET":
        form.time_limit.data = team_row().solve_seconds
        now = today()
        form.first_day.data = now if first <= now <= last else first
        form.last_day.data = form.first_day.data
    status = 200
    if request.method == "POST":
        status = 400
        if not form.validate_on_submit():
            pass
        elif not _sick_leave_touches_month(form, year, month):
            form.first_day.errors.append(_("The sick leave must touch %(month)s.", month=f"{month:02d}.{year}"))
        elif _solve_running(year, month):
            return redirect(url_for("plan.month", year=year, month=month)), 303
        elif _stale_token(request.form.get("state"), year, month):
            status = 409  # the form again, with the month's current state and its warnings
        else:
            base = rotas.current(year, month)
            person = db.session.get(m.Person, form.person.data)
            if person is None:
                abort(404)
            clash, same = _overlapping_absence(person, form.first_day.data, form.last_day.data)
            if base is None:
                form.person.errors.append(_("This month has no rota yet: generate it first."))
            elif clash is not None and same is None:
                form.first_day.errors.append(absence_clash(person.name, clash))
            else:
                return _start_replan(year, month, form, person, base, same)
    return render_template("plan/sick.html", form=form, year=year, month=month, state=rotas.state_token(year, month),
                           unpublished=_unpublished_changes(year, month),
                           published=rotas.published_of(year, month),
                           running=jobs.running_job(year, month)), status


def _sick_leave_touches_month(form: SickForm, year: int, month: int) -> bool:
    """A day of the month, or a duty of the month that runs into the sick leave (sick from
    the 1st of the next month while this month's last night ends that morning)."""
    first, last = worktime.month_bounds(year, month)
    person = db.session.get(m.Person, form.person.data)
    base = rotas.current(year, month)
    absence = Absence(person.key if person else "", AbsenceKind.SICK, form.first_day.data, form.last_day.data)
    shifts = cell_assignments(rotas.team_of(build_team(), base), base.cells) if base is not None and person is not None else []
    return touches_month(absence, shifts, first, last)


def _overlapping_absence(person: m.Person, first: date, last: date) -> tuple[m.Absence | None, m.Absence | None]:
    """The person's first absence overlapping ``first``–``last`` and, if it is this very sick
    leave (recorded by an earlier try whose re-plan did not end well), that one too."""
    rows = list(db.session.scalars(sa.select(m.Absence).where(
        m.Absence.person_id == person.id, m.Absence.first_day <= last, m.Absence.last_day >= first)
        .order_by(m.Absence.first_day)))
    if not rows:
        return None, None
    same = next((a for a in rows if a.kind == AbsenceKind.SICK.value and a.first_day == first
                 and a.last_day == last and a.start_time is None and a.end_time is None), None)
    if same is not None and len(rows) == 1:
        return same, same
    return next(a for a in rows if a is not same), None


def _unpublished_changes(year: int, month: int) -> int:
    """How many cells the draft changes against the published version (0 without both):
    a re-plan starts from the draft (an earlier sick leave's re-plan not yet published
    included) and keeps them."""
    draft, published = rotas.draft_of(year, month), rotas.published_of(year, month)
    if draft is None or published is None:
        return 0
    return len(rotas.diff(rotas.cells_of(published), rotas.cells_of(draft)))


def _start_replan(year: int, month: int, form: SickForm, person: m.Person, base: m.Rota,
                  recorded: m.Absence | None) -> Any:
    if _leavers_in_the_past(rotas.month_team(build_team(), year, month), year, month, base, today()):
        return redirect(url_for("plan.month", year=year, month=month)), 303
    unpublished = _unpublished_changes(year, month)
    if recorded is None:
        absence = m.Absence(person=person, kind=AbsenceKind.SICK.value, first_day=form.first_day.data,
                            last_day=form.last_day.data)  # the kind says it all: no note
        rotas.record_scheduled_hours(absence, build_team(), (year, month))
        db.session.add(absence)
        db.session.commit()
    else:
        flash(_("This sick leave of %(name)s was already recorded: the month is re-planned with it.",
                name=person.name), "info")
    if unpublished:
        flash(ngettext("The draft has %(num)d change since the last publish. The re-plan starts from the draft "
                       "and keeps it.",
                       "The draft has %(num)d changes since the last publish. The re-plan starts from the draft "
                       "and keeps them.", unpublished), "info")
    team = rotas.month_team(build_team(), year, month)
    _later_months_to_replan(year, month, person, form.first_day.data, form.last_day.data)
    before = rotas.cells_of(base)
    kept = cell_assignments(team, base.cells)
    sick = Absence(person.key, AbsenceKind.SICK, form.first_day.data, form.last_day.data)
    # a sick leave entered late: the days already past stay as they happened, without the
    # sick person's duties that the sick leave overlaps (not worked); the re-plan changes the
    # days from today on
    start = max(_replan_start(year, month, kept, sick), today())
    held, notes = _held_cells(team, year, month, base, start)
    # the lead's pins hold, but not the sick person's from the re-plan's first day to the end of
    # the sick leave, nor those of the duties taken off
    lead_pins = {(key, day): code for (key, day), code in rotas.pins_of(base).items()
                 if held.get((key, day), code) == code
                 and not (key == person.key and start <= day <= form.last_day.data)}
    return _start("replan", year, month, form.time_limit.data, notes, team=team, pins={**lead_pins, **held},
                  kept_pins=lead_pins, keep=kept, base=before, recorded_before=today(), begun_before=now(),
                  replan_absences=[sick])


def _later_months_to_replan(year: int, month: int, person: m.Person, first_sick: date, last_sick: date) -> None:
    """A sick leave that runs into later months whose rota has the person on duty then: say
    which months need their own re-plan (this one re-plans only ``year``-``month``)."""
    y, mo = next_month(date(year, month, 1))
    while date(y, mo, 1) <= last_sick:
        rota = rotas.current(y, mo)
        first, last = worktime.month_bounds(y, mo)
        if rota is not None and any(key == person.key and max(first, first_sick) <= day <= min(last, last_sick)
                                    for key, day in rotas.cells_of(rota)):
            flash(_("The sick leave runs into %(month)s, whose rota has %(name)s on duty then: re-plan that month "
                    "too (its sick-leave page, with the same days).", month=f"{mo:02d}.{y}", name=person.name),
                  "warning")
        y, mo = next_month(date(y, mo, 1))


def _replan_start(year: int, month: int, shifts: list[Any], sick: Absence) -> date:
    """The first day the sick leave touches: its first day, or the day a duty of the person
    starts that runs into it (a night shift into the first sick day), as the command line's
    ``rota replan`` decides (``scheduler.replan.first_affected_day``)."""
    first, _last = worktime.month_bounds(year, month)
    return max(first, first_affected_day(shifts, [sick]))


def _leavers_in_the_past(team: Any, year: int, month: int, base: m.Rota, start: date) -> bool:
    """Refuse a solve whose held days (before ``start``, or today's duties begun) have duties
    of someone set inactive since: the solver plans active people only, so it would take what
    they worked off the record. Flashes the cells and returns True."""
    active = {p.id for p in team.active_people}
    names = {p.id: p.name for p in team.people}
    begun, this_day = now(), today()
    gone = sorted(((a.day, names.get(a.person, a.person)) for a in cell_assignments(team, base.cells)
                   if a.person not in active and (a.day < start or (a.day == this_day and a.start < begun))),
                  key=lambda t: (t[0], t[1]))
    if not gone:
        return False
    cells = ", ".join(f"{name} {day:%d.%m}" for day, name in gone)
    flash(_("Nothing was solved: the days already past hold duties of people set inactive since (%(cells)s), "
            "which a solve cannot keep. Set them active again until the month is over (give the rest of the month "
            "as their absence), then solve.", cells=cells), "error")
    return True


def _held_cells(team: Any, year: int, month: int, base: m.Rota,
                start: date) -> tuple[dict[tuple[str, date], str | None], list[str]]:
    """The cells a solve holds as ``base`` has them — every active person's cells of the month
    before ``start``, and when ``start`` is today the duties already begun (Tallinn time) —
    and what to tell the lead about them. A duty of a day already past, or one begun today,
    that overlaps an absence of the person (entered since: not worked, as the checker reads
    it) is taken off and named; the lead records who stood in, or shortens the absence if it
    was worked."""
    first, last = worktime.month_bounds(year, month)
    shifts = {(a.person, a.day): a for a in cell_assignments(team, base.cells)}
    away = [a for a in team.absences if a.reduces_norm]
    begun, this_day = now(), today()
    held: dict[tuple[str, date], str | None] = {}
    taken: list[tuple[str, Assignment]] = []
    under_way: list[tuple[str, Assignment]] = []
    for p in team.active_people:
        d = first
        while d <= min(start, last):
            row = shifts.get((p.id, d))
            happened = row is not None and (d < this_day or (d == this_day and row.start < begun))
            if row is not None and happened and in_absence(row, away):
                held[(p.id, d)] = None
                if d < this_day:
                    taken.append((p.name, row))
                else:
                    under_way.append((p.name, row))
            elif d < start:
                held[(p.id, d)] = row.code if row is not None else None
            elif row is not None and happened:
                held[(p.id, d)] = row.code  # under way or over
            d += timedelta(days=1)
    notes = []
    if taken:
        cells = ", ".join(_duty_named(name, row) for name, row in sorted(taken, key=lambda t: (t[1].start, t[0])))
        notes.append(ngettext("%(num)d duty of the days already past overlaps an absence: the solve takes it off "
                              "(not worked): %(cells)s. Record who stood in by editing that cell, or shorten "
                              "the absence if it was worked.",
                              "%(num)d duties of the days already past overlap an absence: the solve takes them "
                              "off (not worked): %(cells)s. Record who stood in by editing those cells, or "
                              "shorten the absence if they were worked.", len(taken), cells=cells))
    elif any(day < this_day for _key, day in held):
        notes.append(_("The days before today are kept as the rota has them: only the days ahead are planned anew."))
    if under_way:
        notes.append(_begun_in_absence_note(under_way))
    return held, notes


def _duty_named(name: str, row: Assignment) -> str:
    """A duty as the lead's notes name it: who, the day, the shift and its times."""
    span = clock_span(row.start.astimezone(TALLINN).time(), row.end.astimezone(TALLINN).time())
    return f"{name} {row.day:%d.%m} {row.code} {span}"


def _begun_in_absence_note(under_way: Sequence[tuple[str, Assignment]]) -> str:
    """What the lead is told of today's duties already begun that an absence entered since
    overlaps ((name, duty)): taken off as not worked, named with their times; the solve may
    give the shift to someone else from its start, so the lead records who really stood in."""
    cells = ", ".join(_duty_named(name, row) for name, row in sorted(under_way, key=lambda t: (t[1].start, t[0])))
    return ngettext("%(num)d duty already begun today overlaps an absence: the solve takes it off (not worked): "
                    "%(cells)s. It may give that shift to someone else from its start: record who stood in by "
                    "editing that cell, or shorten the absence if it was worked.",
                    "%(num)d duties already begun today overlap an absence: the solve takes them off (not "
                    "worked): %(cells)s. It may give those shifts to someone else from their start: record who "
                    "stood in by editing those cells, or shorten the absence if they were worked.",
                    len(under_way), cells=cells)


def _export_data(year: int, month: int) -> tuple[Any, list[Any], Any, m.Rota]:
    check_month(year, month)
    rota, _editable = _version(year, month)
    if rota is None:
        abort(404)
    team = rotas.team_of(build_team(), rota)
    shifts, report = rotas.check(team, rota, year, month)
    return team, shifts, report, rota


def _label(rota: m.Rota) -> str:
    return f"v{rota.number}" if rota.status == m.PUBLISHED else "draft"


@bp.route("/<int:year>/<int:month>/rota.xlsx")
@lead_only
def export_xlsx(year: int, month: int) -> Any:
    """The version as a workbook (``?v=N``: that published version): the grid with the shifts
    and the events attended, and the summary."""
    team, shifts, report, rota = _export_data(year, month)
    # the events beside the shifts, as the command line's solve writes them (SUP, KOV, … in the grid)
    rows = sorted([*shifts, *rotas.event_rows(team, year, month)], key=lambda a: (a.start, a.person))
    buffer = io.BytesIO()
    # openpyxl saves to a file object too; the summary sheet is named in the viewer's language
    write_xlsx(team, year, month, rows, report, buffer, summary_sheet=_("Summary"))
    buffer.seek(0)
    return send_file(buffer, as_attachment=True, download_name=f"rota-{year}-{month:02d}-{_label(rota)}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.route("/<int:year>/<int:month>/payroll.csv")
@lead_only
def export_payroll(year: int, month: int) -> Any:
    """The payroll of the latest published version (``?v=N``: that version); the draft only
    when asked for (``?version=draft``) or when nothing is published yet."""
    check_month(year, month)
    if request.args.get("v") is None:
        if request.args.get("version") == "draft":
            rota = rotas.draft_of(year, month)
        else:
            rota = rotas.published_of(year, month) or rotas.draft_of(year, month)
        if rota is None:
            abort(404)
        _shifts, report = rotas.check(build_team(), rota, year, month)
    else:
        _team, _shifts, report, rota = _export_data(year, month)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "payroll.csv"
        write_payroll(report, path)
        data = path.read_bytes()
    return send_file(io.BytesIO(data), as_attachment=True, mimetype="text/csv",
                     download_name=f"payroll-{year}-{month:02d}-{_label(rota)}.csv")


@bp.route("/<int:year>/<int:month>/print")
@lead_only
def print_view(year: int, month: int) -> Any:
    team, shifts, report, rota = _export_data(year, month)
    # absences marked as in the XLSX export (PUH, HAIG, …): the printed month and the workbook agree
    grid = grid_view.build(team, year, month, shifts, report, rotas.pins_of(rota), export_marks=True)
    return render_template("plan/print.html", grid=grid, rota=rota, first=date(year, month, 1), team=team)

