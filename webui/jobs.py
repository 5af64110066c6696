"""Background solves: ``solve_month`` in a thread, never in the request.

A job is a :class:`webui.models.SolveJob` row. The request that starts it builds the domain
objects (a consistent snapshot of the team), creates the row and starts a daemon thread; the
thread writes progress (objective, bound, gap, elapsed) to the row at most every
``PROGRESS_EVERY`` seconds and stores the result as the month's draft. Cancel sets
``cancel_requested`` on the row (seen by every worker process) and an in-process event; the
solver's ``stop`` callback checks both. A cancelled job leaves the draft untouched.
"""

from __future__ import annotations

import json
import threading
import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Sequence

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from scheduler.domain import Absence, Assignment, Team
from scheduler.checker import Violation
from scheduler.solver import SolveOptions, SolveResult, solve_month
from scheduler.solver.explain import explain_more, explain_timeout
from scheduler.solver.solve import COVERAGE_MISSED
from webui import models as m
from webui.extensions import db
from webui import reasons, rotas

PROGRESS_EVERY = 0.5
STOP_POLL_EVERY = 1.0

_cancel: dict[int, threading.Event] = {}
_threads: dict[int, threading.Thread] = {}
_lock = threading.Lock()


@dataclass
class SolveRequest:
    """What a job solves: the team snapshot, the month, history and options, plus the rota
    it replans (for the list of changes) if any."""

    team: Team
    year: int
    month: int
    history: Sequence[Assignment]
    time_limit: float
    workers: int = 2
    pins: dict[tuple[str, date], str | None] = field(default_factory=dict)
    keep: Sequence[Assignment] = ()
    #: The next month's published duties the month's work must stay legal against.
    following: Sequence[Assignment] = ()
    base: dict[tuple[str, date], str] | None = None
    #: The pins the result keeps (None: ``pins``): a re-plan holds every day before it starts
    #: as it was, but those are not the team lead's pins.
    kept_pins: dict[tuple[str, date], str | None] | None = None
    #: The month's state token (``rotas.state_token``) when the job started; the result is
    #: not applied when the month's rota changed meanwhile (None: not checked).
    state: str | None = None
    #: The first day not yet begun when the days before it are pinned as they happened
    #: (``SolveOptions.recorded_before``); None when the solve plans the whole month.
    recorded_before: date | None = None
    #: With ``recorded_before``: the moment the job was asked for — the duties begun before it
    #: have happened too (``SolveOptions.begun_before``).
    begun_before: datetime | None = None
    #: A re-plan's absences, entered since ``keep`` was planned (``SolveOptions.replan_absences``).
    replan_absences: Sequence[Absence] = ()


# --- the job's own messages, stored as keys and shown in the viewer's language ---------------

CANCELLED = "cancelled"
INTERRUPTED = "interrupted"
ERROR = "error"
NOT_APPLIED = "not_applied"
INFEASIBLE = "infeasible"
NO_ROTA = "no_rota"
TIMED_OUT = "timed_out"
PAST_NOT_KEPT = "past_not_kept"
REJECTED = "rejected"

#: Message key → the text shown. A failed job's internal error is logged, never shown: the
#: lead sees that it failed and that nothing changed (the exception's text can be kilobytes
#: of internals).
JOB_MESSAGES: dict[str, Any] = {
    CANCELLED: _l("Cancelled: the draft was left as it was."),
    INTERRUPTED: _l("Interrupted: the server stopped while the solve ran."),
    ERROR: _l("The solve failed because of an internal error (written to the server log for the "
              "administrator). The rota was left as it was."),
    NOT_APPLIED: _l("The rota of this month was changed while the solve ran: the result was not applied, "
                    "the rota was left as it was."),
    INFEASIBLE: _l("No rota can meet every coverage minimum of this month (the solver proved it): "
                   "nothing was applied, the rota was left as it was. Change the needs, absences or pinned "
                   "cells, or fill the gaps by hand."),
    NO_ROTA: _l("No rota is possible for this month, whatever the coverage: what it keeps as it is (pinned "
                "cells, days already past, events) breaks a rule. Nothing was applied, the rota was left as it "
                "was. Change what is named below first."),
    TIMED_OUT: _l("No rota meeting every coverage minimum was found within the time limit: nothing was "
                  "applied, the rota was left as it was. Try again with a longer time limit."),
    PAST_NOT_KEPT: _l("Days already past cannot be kept as the rota has them, and what happened is not "
                      "rewritten: nothing was solved or applied. Change these cells, or the team data, first."),
    REJECTED: _l("The independent checker found a hard violation in the solver's rota: it was not "
                 "applied, the rota was left as it was."),
}
#: Stored reasons shown after a job message, at most this many.
MAX_REASONS = 10
#: Plain English messages of jobs stored before the keys were (shown translated too).
_LEGACY = {
    "cancelled: the draft was left as it was": CANCELLED,
    "interrupted: the server stopped while the solve ran": INTERRUPTED,
}


def stored_message(key: str, why: Sequence[Any] = (), **params: str) -> str:
    """How one of :data:`JOB_MESSAGES` is kept in ``SolveJob.message``: JSON with the key, its
    parameters, the reasons that go with it (``why``: the solver's explanations or the
    checker's violations, stored as :func:`webui.reasons.stored` keeps them) and the English
    text (for whoever reads the database)."""
    with force_locale("en"):
        english = str(JOB_MESSAGES[key])
    data: dict[str, Any] = {"job": key, "params": params}
    if why:
        items = list(why)
        data["reasons"] = [reasons.stored(_explanation(item)) for item in items[:MAX_REASONS]]
        if len(items) > MAX_REASONS:
            data["reasons"].append(reasons.stored(explain_more(len(items) - MAX_REASONS)))
    data["text"] = english % params if params else english
    return json.dumps(data, ensure_ascii=False)


def _explanation(item: Any) -> Any:
    """A checker's violation as its message (or reason); anything else as it is."""
    if isinstance(item, Violation):
        return item.message if item.message is not None else item.reason
    return item


def _stored_data(value: str | None) -> dict[str, Any] | None:
    if not value or not value.startswith("{"):
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("job") in JOB_MESSAGES else None


def message_key(value: str | None) -> tuple[str | None, dict[str, Any]]:
    """The key of a stored job message (None: the solver's explanations) and its parameters."""
    if not value:
        return None, {}
    if value in _LEGACY:
        return _LEGACY[value], {}
    data = _stored_data(value)
    if data is not None:
        return str(data["job"]), dict(data.get("params") or {})
    return None, {}


def message_reasons(value: str | None) -> list[str]:
    """The reasons stored with a job message, in the viewer's language."""
    data = _stored_data(value)
    return [reasons.shown(item) for item in (data or {}).get("reasons") or []]


def shown_message(value: str | None) -> str:
    """A stored job message in the viewer's language: one of :data:`JOB_MESSAGES` (without
    its reasons: :func:`message_reasons`), or the solver's explanations
    (:func:`webui.reasons.shown`)."""
    if not value:
        return ""
    key, params = message_key(value)
    if key is None:
        return reasons.shown(value)
    text = str(JOB_MESSAGES[key])
    return text % params if params else text


#: A job still "running" this long after its time limit died with its process (a restart).
GRACE_SECONDS = 300


def expire_stale() -> None:
    """Mark jobs whose thread cannot be alive any more (the server restarted while they
    ran) as failed, so that the month can be solved again."""
    now = m.utcnow()
    changed = False
    for job in db.session.scalars(sa.select(m.SolveJob).where(m.SolveJob.status.in_(("queued", "running")))):
        with _lock:
            alive = job.id in _threads and _threads[job.id].is_alive()
        if not alive and (now - job.created_at).total_seconds() > job.time_limit + GRACE_SECONDS:
            job.status, job.finished_at = "failed", now
            job.message = stored_message(INTERRUPTED)
            changed = True
    if changed:
        db.session.commit()


def running_job(year: int, month: int) -> m.SolveJob | None:
    expire_stale()
    return db.session.scalar(sa.select(m.SolveJob).where(
        m.SolveJob.year == year, m.SolveJob.month == month,
        m.SolveJob.status.in_(("queued", "running"))).order_by(m.SolveJob.id.desc()))


def start(kind: str, req: SolveRequest, user_id: int | None) -> m.SolveJob:
    """Create the job row and start its thread."""
    job = m.SolveJob(year=req.year, month=req.month, kind=kind, status="queued",
                     time_limit=req.time_limit, created_by_id=user_id)
    db.session.add(job)
    db.session.commit()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    event = threading.Event()
    thread = threading.Thread(target=_run, args=(app, job.id, req, event, user_id),
                              name=f"solve-job-{job.id}", daemon=True)
    with _lock:
        _cancel[job.id] = event
        _threads[job.id] = thread
    thread.start()
    return job


def request_cancel(job: m.SolveJob) -> None:
    job.cancel_requested = True
    db.session.commit()
    with _lock:
        event = _cancel.get(job.id)
    if event is not None:
        event.set()


def wait(job_id: int, timeout: float | None = None) -> bool:
    """Wait for a job's thread to end (tests, shutdown); True when it has."""
    with _lock:
        thread = _threads.get(job_id)
    if thread is None:
        return True
    thread.join(timeout)
    return not thread.is_alive()


def wait_all(timeout: float = 60.0) -> None:
    with _lock:
        threads = list(_threads.values())
    deadline = clock.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - clock.monotonic()))


def _update(job_id: int, **values: Any) -> None:
    db.session.execute(sa.update(m.SolveJob).where(m.SolveJob.id == job_id).values(**values))
    db.session.commit()


def _update_on(engine: sa.Engine, job_id: int, **values: Any) -> None:
    """Like :func:`_update`, from the solver's own threads (no Flask context there)."""
    with engine.begin() as conn:
        conn.execute(sa.update(m.SolveJob).where(m.SolveJob.id == job_id).values(**values))


def _run(app: Flask, job_id: int, req: SolveRequest, event: threading.Event, user_id: int | None) -> None:
    with app.app_context():
        try:
            _solve(job_id, req, event)
        except Exception as exc:  # noqa: BLE001 - a failed job reports, never kills the app
            db.session.rollback()
            app.logger.exception("solve job %s failed", job_id)
            _update(job_id, status="failed", message=stored_message(ERROR, error=type(exc).__name__),
                    finished_at=m.utcnow())
        finally:
            db.session.remove()
            with _lock:
                _cancel.pop(job_id, None)


def failure_message(result: SolveResult, time_limit: float) -> str:
    """Why a solve gave no rota to apply, stored: proven impossible (with the coverage that
    cannot be met), out of time, or rejected by the checker (with its hard violations)."""
    if result.status == "infeasible":
        return stored_message(INFEASIBLE if result.coverage_short else NO_ROTA, result.shortfalls)
    if result.status == "rejected" and result.report is not None:
        return stored_message(REJECTED, result.report.hard)
    if result.status == "past not kept":
        return stored_message(PAST_NOT_KEPT, result.shortfalls)
    return stored_message(TIMED_OUT, list(result.shortfalls) or [explain_timeout(time_limit)])


def _solve(job_id: int, req: SolveRequest, event: threading.Event) -> None:
    _update(job_id, status="running", started_at=m.utcnow())
    started = clock.monotonic()
    engine = db.engine  # the callbacks run on the solver's threads, outside the app context
    guard = threading.Lock()
    last_write = [0.0]
    last_poll = [0.0]
    counter = [0]

    def on_progress(p: Any) -> None:
        with guard:
            counter[0] += 1
            now = clock.monotonic()
            if now - last_write[0] < PROGRESS_EVERY:
                return
            last_write[0] = now
            _update_on(engine, job_id, elapsed=round(p.elapsed, 2), objective=p.objective, bound=p.bound,
                       gap=p.gap, solutions=counter[0])

    def stop() -> bool:
        if event.is_set():
            return True
        with guard:
            now = clock.monotonic()
            if now - last_poll[0] < STOP_POLL_EVERY:
                return False
            last_poll[0] = now
            with engine.connect() as conn:
                flag = conn.execute(sa.select(m.SolveJob.cancel_requested)
                                    .where(m.SolveJob.id == job_id)).scalar()
        if flag:
            event.set()
            return True
        return False

    options = SolveOptions(time_limit=req.time_limit, workers=req.workers, pins=dict(req.pins),
                           keep=list(req.keep), following=list(req.following),
                           recorded_before=req.recorded_before, begun_before=req.begun_before,
                           replan_absences=list(req.replan_absences))
    result = solve_month(req.team, req.year, req.month, req.history, options,
                         on_progress=on_progress, stop=stop)
    elapsed = round(clock.monotonic() - started, 2)
    common = dict(elapsed=elapsed, solver_status=result.status, solutions=max(counter[0], 1 if result.valid else 0),
                  finished_at=m.utcnow())
    if event.is_set():
        _update(job_id, status="cancelled", message=stored_message(CANCELLED), **common)
        return
    shifts = [a for a in result.assignments if a.kind == "shift"]
    kept = req.pins if req.kept_pins is None else req.kept_pins
    if not result.valid or not shifts:
        # never applied, never "done": kept as messages, shown later in the language of
        # whoever opens the job; a month no rota can fully cover keeps its best rota with the
        # gaps, for the lead to take as the draft (the job page offers it)
        gaps = None
        if result.status == "infeasible" and result.coverage_short and shifts:
            gaps = {"cells": [[a.person, a.day.isoformat(), a.code] for a in shifts],
                    "pins": [[person, day.isoformat(), code] for (person, day), code in kept.items()],
                    "shortfalls": [reasons.stored(s) for s in result.shortfalls],
                    "missing": int(result.terms.get(COVERAGE_MISSED, 0))}
        _update(job_id, status="failed", message=failure_message(result, req.time_limit), gaps_rota=gaps, **common)
        return
    common.update(objective=result.objective, bound=result.bound, gap=result.gap)
    if req.state is not None and rotas.state_token(req.year, req.month) != req.state:
        # the rota changed while the solve ran: never overwrite what someone did meanwhile
        _update(job_id, status="done", message=stored_message(NOT_APPLIED), **common)
        return
    rota = rotas.store_draft(req.year, req.month, shifts, pinned_days=set(kept), pins=kept,
                             source="solve", solve_status=result.status,
                             objective=result.objective, gap=result.gap,
                             shortfalls=[reasons.stored(s) for s in result.shortfalls])
    changes: list[dict[str, Any]] = []
    if req.base is not None:
        after = {(a.person, a.day): a.code for a in shifts}
        # with the names as they were: the list still reads right after an id is renamed
        named = {p.id: p.name for p in req.team.people}
        changes = [{**c, "name": named.get(c["person"], c["person"])} for c in rotas.diff(req.base, after)]
    message = reasons.job_message(result.shortfalls[:5])
    terms = [{"name": name, "value": round(value, 2), "note": result.term_notes.get(name, "")}
             for name, value in result.terms.items()]
    lead = [reasons.stored(s) for s in result.lead_duties]
    _update(job_id, status="done", rota_id=rota.id, changes=changes, message=message, terms=terms,
            lead_duties=lead, bound_notes=[reasons.stored(s) for s in result.bound_notes], **common)
