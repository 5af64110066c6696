"""Planning while a solve runs, stale forms, sick leave without duplicates, and what the
month and job pages say about the solver (status, gap, job messages), payroll and legend.

Texts are checked in English (the language switch) or by element ids, so the tests pass
whether or not the Estonian catalogue has the newest messages."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from scheduler.domain import Assignment
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import load_team
from webui import jobs
from webui import models as m
from webui import rotas
from webui.extensions import db
from webui_support import MONTH, SMALL_TEAM, YEAR, AuthActions, cells, job_id_from, state, store, wait_job

PLAN = f"/plan/{YEAR}/{MONTH}"
DAY = date(YEAR, MONTH, 4)
#: The time limit of the re-plans and re-solves whose result a test reads: they end as soon as
#: the small team's rota is proven optimal (about a second), but a loaded CI machine has taken
#: longer than 2–5 s to find the first rota (the night-shift re-plan ran out at 5 s); a job out
#: of time fails, and the test with it, for a reason that is not the behaviour under test.
REPLAN_SECONDS = 10


@pytest.fixture(scope="module")
def solved_march() -> list[Assignment]:
    # Piret is kept off on DAY so that someone is free to be given a shift there (``idle``)
    # 3 s are plenty on an idle machine; a loaded one gets more time rather than failing every
    # test that needs a rota (this is no test of the solver's speed)
    for seconds in (3, 15, 60):
        result = solve_month(load_team(SMALL_TEAM), YEAR, MONTH, [],
                             SolveOptions(time_limit=seconds, workers=2, pins={("piret", DAY): None}))
        if result.valid:
            break
    assert result.valid, result.status
    return [a for a in result.assignments if a.kind == "shift"]


def person_id(app: Flask, key: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(m.Person.id).where(m.Person.key == key))


def absences(app: Flask, key: str) -> list[tuple[str, date, date]]:
    with app.app_context():
        return [(a.kind, a.first_day, a.last_day) for a in db.session.scalars(
            sa.select(m.Absence).join(m.Person).where(m.Person.key == key))]


def running_job(app: Flask, **values: Any) -> int:
    """A job row as a solve in progress leaves it (no thread needed: the views read the row)."""
    with app.app_context():
        job = m.SolveJob(year=YEAR, month=MONTH, kind="resolve", status="running", time_limit=60, **values)
        db.session.add(job)
        db.session.commit()
        return job.id


def jobs_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(m.SolveJob.id)))


def english(client: Any) -> None:
    client.post("/language", data={"lang": "en"})


def idle(app: Flask, day: date = DAY) -> str:
    """Someone without a shift on ``day`` in the draft."""
    draft = cells(app)
    return next(k for k in ("piret", "mari", "olga", "jaan") if (k, day) not in draft)


# --- 1. nothing of the month changes while a solve of it runs ---------------------------------

def test_edits_assign_publish_and_discard_are_refused_while_a_solve_runs(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    before, token = cells(app), state(app)
    who = idle(app)
    job_id = running_job(app)
    auth.login()
    english(client)
    page = client.get(f"{PLAN}/cell?person={who}&day={DAY.isoformat()}").get_data(as_text=True)
    assert 'id="solve-running"' in page and f"/plan/jobs/{job_id}" in page
    assert re.search(r'id="save-cell" disabled', page)
    response = client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P",
                                                 "pinned": "y", "state": token})
    assert response.status_code == 303 and cells(app) == before
    flash = client.get(PLAN).get_data(as_text=True)
    assert "A solve of this month is running: nothing was changed." in flash
    assert 'id="solve-running"' in flash and re.search(r'id="publish" disabled', flash)
    response = client.post(f"{PLAN}/assign", data={"person": who, "day": DAY.isoformat(), "shift": "P",
                                                   "state": token})
    assert response.status_code == 303 and cells(app) == before
    assert client.post(f"{PLAN}/publish", data={"state": token}).status_code == 303
    assert client.post(f"{PLAN}/discard", data={"state": token}).status_code == 303
    with app.app_context():
        assert rotas.published_of(YEAR, MONTH) is None and rotas.draft_of(YEAR, MONTH) is not None
    assert 'id="solve-running"' in client.get(
        f"{PLAN}/slot?day={DAY.isoformat()}&shift=P").get_data(as_text=True)
    # once the job has ended the same edit goes through
    with app.app_context():
        db.session.get(m.SolveJob, job_id).status = "done"
        db.session.commit()
    response = client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P",
                                                 "pinned": "y", "state": token})
    assert response.status_code == 302 and cells(app)[(who, DAY)] == "P"


def test_a_solve_does_not_overwrite_a_draft_changed_while_it_ran(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store(app, solved_march)
    who = idle(app)
    real = jobs.solve_month

    def solve_and_meanwhile_edit(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        with app.app_context():  # an edit that passed its checks just before the job started
            draft = rotas.draft_of(YEAR, MONTH)
            person = db.session.scalar(sa.select(m.Person).where(m.Person.key == who))
            rotas.set_cell(draft, person, DAY, "P", True)
            db.session.commit()
        return result

    monkeypatch.setattr(jobs, "solve_month", solve_and_meanwhile_edit)
    auth.login()
    job_id = job_id_from(client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": str(REPLAN_SECONDS)}))
    wait_job(app, job_id)
    edited = cells(app)
    assert edited[(who, DAY)] == "P"
    with app.app_context():
        job = db.session.get(m.SolveJob, job_id)
        assert job.status == "done" and job.rota_id is None
        assert json.loads(job.message)["job"] == jobs.NOT_APPLIED
        assert rotas.pins_of(rotas.draft_of(YEAR, MONTH))[(who, DAY)] == "P"
    english(client)
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert 'id="job-not-applied"' in page and "the result was not applied" in page


def test_a_solve_records_the_state_it_started_from(app: Flask, client: Any, auth: AuthActions,
                                                   solved_march: list[Assignment],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store(app, solved_march)
    seen: list[jobs.SolveRequest] = []
    real = jobs.start
    monkeypatch.setattr(jobs, "start", lambda kind, req, user: seen.append(req) or real(kind, req, user))
    token = state(app)
    auth.login()
    job_id = job_id_from(client.post(f"{PLAN}/resolve", data={"state": token, "time_limit": str(REPLAN_SECONDS)}))
    wait_job(app, job_id)
    assert seen[0].state == token
    with app.app_context():
        assert db.session.get(m.SolveJob, job_id).rota_id is not None  # unchanged meanwhile: applied


# --- 2. generate refuses a stale page -------------------------------------------------------

def test_generate_with_a_stale_state_is_refused(app: Flask, client: Any, auth: AuthActions,
                                                solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    old = state(app)
    auth.login()
    who = idle(app)
    client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P", "state": old})
    newer = cells(app)
    response = client.post(f"{PLAN}/generate", data={"time_limit": "3", "state": old})
    assert response.status_code == 303 and response.headers["Location"] == PLAN
    assert jobs_count(app) == 0 and cells(app) == newer
    assert "flash error" in client.get(PLAN).get_data(as_text=True)
    # without any token (a form from before tokens, a forged post) as well
    assert client.post(f"{PLAN}/generate", data={"time_limit": "3"}).status_code == 303
    assert jobs_count(app) == 0


# --- 3. sick leave ----------------------------------------------------------------------------

def test_sick_leave_is_not_recorded_while_a_solve_runs(app: Flask, client: Any, auth: AuthActions,
                                                       solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    running_job(app)
    auth.login()
    token = state(app)
    assert 'id="solve-running"' in client.get(f"{PLAN}/sick").get_data(as_text=True)
    response = client.post(f"{PLAN}/sick", data={"person": person_id(app, "mari"), "first_day": "10.03.2027",
                                                 "last_day": "12.03.2027", "time_limit": "2", "state": token})
    assert response.status_code == 303 and response.headers["Location"] == PLAN
    assert absences(app, "mari") == [] and jobs_count(app) == 1


def test_sick_leave_from_a_stale_page_is_not_recorded(app: Flask, client: Any, auth: AuthActions,
                                                      solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    auth.login()
    page = client.get(f"{PLAN}/sick").get_data(as_text=True)
    old = re.search(r'name="state" value="([^"]*)"', page).group(1)
    assert old == state(app)
    client.post(f"{PLAN}/cell", data={"person": idle(app), "day": DAY.isoformat(), "shift": "", "pinned": "y",
                                      "state": old})
    response = client.post(f"{PLAN}/sick", data={"person": person_id(app, "mari"), "first_day": "10.03.2027",
                                                 "last_day": "12.03.2027", "time_limit": "2", "state": old})
    assert response.status_code == 409 and absences(app, "mari") == [] and jobs_count(app) == 0
    page = response.get_data(as_text=True)
    assert "flash error" in page and f'name="state" value="{state(app)}"' in page


def test_sick_leave_overlapping_another_absence_is_refused_naming_it(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    before = absences(app, "jaan")
    assert ("vacation", date(2027, 3, 15), date(2027, 3, 19)) in before
    auth.login()
    english(client)
    response = client.post(f"{PLAN}/sick", data={"person": person_id(app, "jaan"), "first_day": "18.03.2027",
                                                 "last_day": "22.03.2027", "time_limit": "2", "state": state(app)})
    assert response.status_code == 400 and absences(app, "jaan") == before and jobs_count(app) == 0
    error = re.search(r'id="first_day-err"[^>]*>(.*?)<', response.get_data(as_text=True), re.S).group(1)
    assert "Jaan" in error and "vacation" in error and "15.03.2027" in error and "19.03.2027" in error


def test_retrying_a_sick_leave_re_plans_without_a_duplicate(app: Flask, client: Any, auth: AuthActions,
                                                            solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    auth.login()
    data = {"person": person_id(app, "mari"), "first_day": "10.03.2027", "last_day": "12.03.2027",
            "time_limit": "2"}
    first = job_id_from(client.post(f"{PLAN}/sick", data={**data, "state": state(app)}))
    wait_job(app, first)
    second = job_id_from(client.post(f"{PLAN}/sick", data={**data, "state": state(app)}))
    wait_job(app, second)
    assert absences(app, "mari") == [("sick", date(2027, 3, 10), date(2027, 3, 12))]
    assert first != second


def test_sick_leave_says_that_unpublished_draft_changes_are_kept(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    auth.login()
    english(client)
    with app.app_context():
        published = rotas.cells_of(rotas.published_of(YEAR, MONTH))
    who = next(k for k in ("piret", "mari", "olga", "jaan") if (k, DAY) not in published)
    client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P", "state": state(app)})
    page = client.get(f"{PLAN}/sick").get_data(as_text=True)
    assert 'id="unpublished-warning"' in page and "starts from the draft and keeps it" in page
    response = client.post(f"{PLAN}/sick", data={"person": person_id(app, "olga"), "first_day": "20.03.2027",
                                                 "last_day": "21.03.2027", "time_limit": "2", "state": state(app)})
    job_id = job_id_from(response)
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert re.search(r'class="flash info">The draft has 1 change since the last publish\. '
                     r'The re-plan starts from the draft and keeps it', page)
    wait_job(app, job_id)
    assert cells(app).get((who, DAY)) == "P"  # the draft's change before the sick leave is kept


# --- 4. statuses and job messages in the viewer's language -------------------------------------

def test_solver_status_in_the_month_header_is_translated(app: Flask, client: Any, auth: AuthActions,
                                                         solved_march: list[Assignment]) -> None:
    store(app, solved_march, solve_status="feasible", objective=40.0, gap=0.25)
    auth.login()
    english(client)
    page = client.get(PLAN).get_data(as_text=True)
    status = re.search(r'id="solve-status"[^>]*>(.*?)</span>\s*</span>', page, re.S).group(1)
    assert "feasible (not proven optimal)" in status
    client.post("/language", data={"lang": "et"})
    page = client.get(PLAN).get_data(as_text=True)
    assert 'data-status="feasible"' in page
    assert re.search(r'id="solve-status"[^>]*>[^<]*: feasible[,<]', page) is None  # never the raw status


@pytest.mark.parametrize("legacy", [False, True])
def test_cancel_and_interrupt_messages_are_shown_in_the_viewers_language(
        app: Flask, client: Any, auth: AuthActions, legacy: bool) -> None:
    with app.app_context():
        messages = {"cancelled": "cancelled: the draft was left as it was",
                    "failed": "interrupted: the server stopped while the solve ran"} if legacy else {
            "cancelled": jobs.stored_message(jobs.CANCELLED), "failed": jobs.stored_message(jobs.INTERRUPTED)}
        ids = {}
        for status, message in messages.items():
            job = m.SolveJob(year=YEAR, month=MONTH, kind="generate", status=status, time_limit=10, message=message)
            db.session.add(job)
            db.session.commit()
            ids[status] = job.id
    auth.login()
    english(client)
    shown = {s: client.get(f"/plan/jobs/{i}/progress.json").get_json()["message"] for s, i in ids.items()}
    assert shown == {"cancelled": "Cancelled: the draft was left as it was.",
                     "failed": "Interrupted: the server stopped while the solve ran."}


def test_job_messages_are_stored_as_keys_with_their_english_text(app: Flask) -> None:
    with app.app_context():  # as in a job's thread: no request
        stored = json.loads(jobs.stored_message(jobs.ERROR, error="ValueError"))
    with app.test_request_context():
        assert stored == {"job": "error", "params": {"error": "ValueError"},
                          "text": "The solve failed because of an internal error (written to the server log "
                                  "for the administrator). The rota was left as it was."}
        # shown in the viewer's language (Estonian by default), the internals never
        assert jobs.shown_message(json.dumps(stored)).startswith("Koostamine ebaõnnestus")
        assert "ValueError" not in jobs.shown_message(json.dumps(stored))
        assert jobs.shown_message("some plain sentence") == "some plain sentence"


def test_a_long_list_of_reasons_says_how_many_more_there_are(app: Flask) -> None:
    """A job keeps at most ``MAX_REASONS`` reasons; the list says how many it leaves out (a
    person whose services changed can have many past cells the solve cannot keep)."""
    from scheduler.solver.explain import explain_timeout

    with app.app_context():
        stored = json.loads(jobs.stored_message(jobs.PAST_NOT_KEPT, [explain_timeout(i) for i in range(13)]))
    assert len(stored["reasons"]) == jobs.MAX_REASONS + 1
    with app.test_request_context():
        from webui import reasons

        assert reasons.shown(stored["reasons"][-1]) == "… ja veel 3"
    with app.app_context():
        assert "more" not in json.dumps(json.loads(jobs.stored_message(jobs.INFEASIBLE, [explain_timeout(1)])))


# --- 5. the gap only when a bound was proven ----------------------------------------------------

def test_month_header_says_no_bound_instead_of_a_gap_of_100_percent(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march, solve_status="feasible", objective=40.0, gap=1.0)  # bound 0
    auth.login()
    english(client)
    gap = re.search(r'id="solve-gap">(.*?)</span>', client.get(PLAN).get_data(as_text=True), re.S).group(1)
    assert gap.strip() == "no lower bound proven"
    store(app, solved_march, solve_status="feasible", objective=40.0, gap=0.25)  # bound 30
    gap = re.search(r'id="solve-gap">(.*?)</span>', client.get(PLAN).get_data(as_text=True), re.S).group(1)
    assert gap.strip() == "gap 25.0 %"
    store(app, solved_march, solve_status="optimal", objective=0.0, gap=0.0)  # proven: nothing better
    gap = re.search(r'id="solve-gap">(.*?)</span>', client.get(PLAN).get_data(as_text=True), re.S).group(1)
    assert gap.strip() == "gap 0.0 %"


@pytest.mark.parametrize("bound, gap, proven, shown", [
    (0.0, 1.0, False, "no lower bound proven"),
    (-3.0, 1.0, False, "no lower bound proven"),
    (5.0, 0.5, True, "50.0 %"),
])
def test_job_page_and_progress_show_the_gap_only_with_a_bound(
        app: Flask, client: Any, auth: AuthActions, bound: float, gap: float, proven: bool, shown: str) -> None:
    job_id = running_job(app, objective=10.0, bound=bound, gap=gap, solutions=2)
    auth.login()
    english(client)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["bound_proven"] is proven and progress["gap"] == gap
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    cell = re.search(r'<dd id="job-gap"([^>]*)>(.*?)</dd>', page, re.S)
    assert cell.group(2) == shown
    assert 'data-no-bound="no lower bound proven"' in cell.group(1)  # what app.js writes while polling


def test_progress_script_uses_the_bound_flag(app: Flask, client: Any) -> None:
    response = client.get("/static/app.js")
    script = response.get_data(as_text=True)
    response.close()
    assert "p.bound_proven" in script and "data-no-bound" in script


# --- 6. payroll of the published version --------------------------------------------------------

def payroll(client: Any, query: str = "") -> tuple[str, dict[str, list[str]]]:
    response = client.get(f"{PLAN}/payroll.csv{query}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    name = response.headers["Content-Disposition"]
    response.close()
    return name, {r[0]: r for r in rows[1:]}


def test_payroll_is_the_published_version_unless_the_draft_is_asked_for(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    name, _rows = payroll(client)
    assert "payroll-2027-03-draft.csv" in name  # nothing published: the draft, and it says so
    client.post(f"{PLAN}/publish", data={"state": state(app)})
    with app.app_context():
        published = rotas.cells_of(rotas.published_of(YEAR, MONTH))
    who = next(k for k in ("piret", "mari", "olga", "jaan") if (k, DAY) not in published)
    client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P", "state": state(app)})
    name, rows = payroll(client)
    assert "payroll-2027-03-v1.csv" in name
    draft_name, draft_rows = payroll(client, "?version=draft")
    assert "payroll-2027-03-draft.csv" in draft_name
    assert float(draft_rows[who][2]) > float(rows[who][2])  # the draft's extra shift only there
    assert "payroll-2027-03-v1.csv" in payroll(client, "?v=1")[0]
    page = client.get(PLAN).get_data(as_text=True)
    assert re.search(r'href="[^"]*/payroll\.csv" id="export-payroll"', page)
    assert re.search(r'href="[^"]*/payroll\.csv\?version=draft" id="export-payroll-draft"', page)


# --- 7. the legend explains the purple underline ------------------------------------------------

def test_legend_explains_changed_since_publish(app: Flask, client: Any, auth: AuthActions,
                                               solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    auth.login()
    english(client)
    assert 'id="legend-changed"' not in client.get(PLAN).get_data(as_text=True)  # nothing can differ
    with app.app_context():
        published = rotas.cells_of(rotas.published_of(YEAR, MONTH))
    who = next(k for k in ("piret", "mari", "olga", "jaan") if (k, DAY) not in published)
    client.post(f"{PLAN}/cell", data={"person": who, "day": DAY.isoformat(), "shift": "P", "state": state(app)})
    page = client.get(PLAN).get_data(as_text=True)
    assert re.search(r'<td id="c-[^"]+"[^>]*class="[^"]*\bchanged\b', page)
    legend = re.search(r'<ul class="legend" id="legend-changed">(.*?)</ul>', page, re.S).group(1)
    assert 'class="swatch changed"' in legend and "changed since the last publish" in legend
    response = client.get("/static/style.css")
    css = response.get_data(as_text=True)
    response.close()
    assert ".swatch.changed" in css


def test_a_refused_re_solve_of_the_published_version_makes_no_draft(app: Flask, client: Any, auth: AuthActions,
                                                                    solved_march: list[Assignment]) -> None:
    """Re-solving the published version (no draft) while a solve runs is refused without making
    a draft: a draft made then changed the month's state and voided the running solve."""
    store(app, solved_march, publish=True)
    running_job(app)
    auth.login()
    response = client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": "3"})
    assert response.status_code == 302 and response.headers["Location"] == PLAN
    with app.app_context():
        assert rotas.draft_of(YEAR, MONTH) is None
    assert jobs_count(app) == 1
