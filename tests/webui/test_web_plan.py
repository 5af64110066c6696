"""Planning a month: the background solve, the grid, edits, pins, publish, sick leave,
exports."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import date, timedelta
from datetime import time as datetime_time
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, abort

from scheduler.domain import Assignment
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import load_team
from webui import models as m
from webui import rotas
from webui.convert import build_team
from webui.extensions import db
from webui_support import MONTH, SMALL_TEAM, YEAR, AuthActions, cells, job_id_from, state, store, wait_job

PLAN = f"/plan/{YEAR}/{MONTH}"
#: The time limit of the re-plans and re-solves whose result a test reads: they end as soon as
#: the small team's rota is proven optimal (about a second), but a loaded CI machine has taken
#: longer than 2–5 s to find the first rota (the night-shift re-plan ran out at 5 s); a job out
#: of time fails, and the test with it, for a reason that is not the behaviour under test.
REPLAN_SECONDS = 10


def _ask_nobody(app: Flask, *days: int) -> None:
    """Needs of no one on the line's shifts on these days of the month: a test of what a
    re-plan says (not of coverage) does not hang on whether the solved rota leaves someone free
    to stand in then."""
    with app.app_context():
        line = db.session.scalar(sa.select(m.Service).where(m.Service.code == "CL"))
        for code in ("P", "O"):
            shift = db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == code))
            for day in days:
                db.session.add(m.Need(service=line, shift_type=shift, day_type="date", on_date=date(YEAR, MONTH, day),
                                      minimum=0, desired=0))
        db.session.commit()


@pytest.fixture(scope="session")
def solved_march() -> list[Assignment]:
    """A valid March for the small team, solved once for the tests that need a rota."""
    # 3 s are plenty on an idle machine (a first rota in ~0.7 s); a loaded one gets more time
    # rather than failing every test that needs a rota (this is no test of the solver's speed)
    for seconds in (3, 15, 60):
        result = solve_month(load_team(SMALL_TEAM), YEAR, MONTH, [], SolveOptions(time_limit=seconds, workers=2))
        if result.valid:
            break
    assert result.valid, result.status
    return [a for a in result.assignments if a.kind == "shift"]


def test_generate_runs_in_the_background_and_stores_a_draft(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    started = time.monotonic()
    response = client.post(f"{PLAN}/generate", data={"time_limit": "3", "state": state(app)})
    assert time.monotonic() - started < 2.0, "the solve must not run in the request"
    job_id = job_id_from(response)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] in ("queued", "running") and progress["finished"] is False
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert 'id="cancel-job"' in page and 'data-progress-url' in page
    # a second solve of the same month is refused while this one runs
    second = client.post(f"{PLAN}/generate", data={"time_limit": "3", "state": state(app)})
    assert second.headers["Location"] == PLAN
    wait_job(app, job_id)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] == "done", progress
    assert progress["objective"] is not None and progress["gap"] is not None
    assert progress["elapsed"] > 0 and progress["solver_status"] in ("optimal", "feasible")
    draft = cells(app)
    assert len(draft) >= 2 * 31
    page = client.get(PLAN).get_data(as_text=True)
    assert 'id="rota-state"' in page and 'id="publish"' in page and 'id="no-hard"' in page
    assert 'data-code="P"' in page and 'data-code="O"' in page
    # the job page says what the score is made of, goal by goal, in the interface's language
    job_page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert 'id="job-terms"' in job_page
    assert "Tunnid normi suhtes" in job_page and "Poolitatud nädalavahetused" in job_page
    with app.app_context():
        job = db.session.get(m.SolveJob, job_id)
        assert {t["name"] for t in job.terms} >= {"hours vs norm", "split weekends", "wishes"}
        assert sum(t["value"] for t in job.terms) == pytest.approx(job.objective, abs=0.05)


def test_cancel_stops_the_solve_and_keeps_the_draft(app: Flask, client: Any, auth: AuthActions,
                                                    solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    before = cells(app)
    auth.login()
    job_id = job_id_from(client.post(f"{PLAN}/generate", data={"time_limit": "120", "state": state(app)}))
    # cancelled at once: the small team's month is solved to optimality within a second
    started = time.monotonic()
    assert client.post(f"/plan/jobs/{job_id}/cancel").status_code == 302
    wait_job(app, job_id, timeout=20)
    assert time.monotonic() - started < 15
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] == "cancelled"
    assert cells(app) == before


def test_grid_shows_colours_codes_shading_and_hours(app: Flask, client: Any, auth: AuthActions,
                                                    solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    page = client.get(PLAN).get_data(as_text=True)
    assert re.search(r'class="code svc-CL">P<', page)  # colour by service class, code as text
    assert ".svc-CL{--svc:#c0392b}" in page
    assert 'class="day weekend"' in page  # Saturdays and Sundays shaded
    assert 'class="day holiday"' in page  # Good Friday 26.03.2027
    assert 'class="coverage"' in page and "2/2" in page
    assert "176" in page  # mari's norm for March 2027


def test_edit_cell_rechecks_and_counts_changes_since_publish(app: Flask, client: Any, auth: AuthActions,
                                                             solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    published = cells(app, m.PUBLISHED)
    auth.login()
    day = date(YEAR, MONTH, 16)  # jaan is on vacation 15.–19.03
    page = client.get(f"{PLAN}/cell?person=jaan&day={day.isoformat()}").get_data(as_text=True)
    assert 'id="save-cell"' in page
    response = client.post(f"{PLAN}/cell", data={"person": "jaan", "day": day.isoformat(), "shift": "P",
                                                 "state": state(app)})
    assert response.status_code == 302
    draft = cells(app)
    assert draft[("jaan", day)] == "P"
    assert cells(app, m.PUBLISHED) == published  # the published version is untouched
    page = client.get(PLAN).get_data(as_text=True)
    assert 'id="changes"' in page
    cell = re.search(r'<td id="c-jaan-16"[^>]*>', page).group(0)
    assert 'data-status="hard"' in cell and "title=" in cell  # red, with the reason on hover
    assert 'id="hard-violations"' in page
    # a rota with a hard violation cannot be published
    response = client.post(f"{PLAN}/publish", data={"state": state(app)})
    with app.app_context():
        assert rotas.draft_of(YEAR, MONTH) is not None and rotas.published_of(YEAR, MONTH).number == 1
    # undo: back to off; the change count follows
    client.post(f"{PLAN}/cell", data={"person": "jaan", "day": day.isoformat(), "shift": "", "state": state(app)})
    with app.app_context():
        assert ("jaan", day) not in cells(app)


def test_stale_cell_edit_is_refused(app: Flask, client: Any, auth: AuthActions,
                                    solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    old = state(app)
    day = date(YEAR, MONTH, 3).isoformat()
    assert client.post(f"{PLAN}/cell", data={"person": "mari", "day": day, "shift": "O", "state": old}).status_code == 302
    before = cells(app)
    response = client.post(f"{PLAN}/cell", data={"person": "olga", "day": day, "shift": "P", "state": old})
    assert response.status_code == 303
    assert cells(app) == before
    page = client.get(PLAN).get_data(as_text=True)
    assert "flash error" in page


def clean_extra_shift(app: Flask) -> tuple[str, date, str]:
    """A shift someone could take on top of the current rota without any hard violation
    (the candidates' check): a change that keeps the month publishable."""
    from webui import candidates as cand
    from webui.convert import cell_assignments

    with app.app_context():
        team = build_team()
        shifts = cell_assignments(team, rotas.current(YEAR, MONTH).cells)
        history = rotas.history(team, YEAR, MONTH)
        before = rotas.check_shifts(team, shifts, YEAR, MONTH, history)
        for day in (date(YEAR, MONTH, n) for n in range(4, 29)):
            for person in team.active_people:
                if any(a.person == person.id and a.day == day for a in shifts):
                    continue
                for c in cand.for_person(team, YEAR, MONTH, shifts, history, person, day, before=before):
                    if c.clean:
                        return person.id, day, c.code
    raise AssertionError("no shift can be added cleanly")


def test_publish_versions_and_read_only_old_version(app: Flask, client: Any, auth: AuthActions,
                                                    solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    response = client.post(f"{PLAN}/publish", data={"state": state(app)})
    assert response.status_code == 302
    with app.app_context():
        assert rotas.draft_of(YEAR, MONTH) is None and rotas.published_of(YEAR, MONTH).number == 1
    # pin a day off of someone who is off anyway (the month stays publishable whatever the solve;
    # which of the team is off on a given day depends on the solve)
    published = cells(app, m.PUBLISHED)
    people = [p.id for p in load_team(SMALL_TEAM).people]
    idle, day = next((k, d) for d in (date(YEAR, MONTH, n) for n in range(4, 29)) for k in people
                     if (k, d) not in published)
    client.post(f"{PLAN}/cell", data={"person": idle, "day": day.isoformat(), "shift": "", "pinned": "y",
                                      "state": state(app)})
    page = client.get(PLAN).get_data(as_text=True)
    assert re.search(r"(muudatus|change)", page)
    # a pin only changes nothing the team would see: no identical version 2 (it used to be made)
    assert client.post(f"{PLAN}/publish", data={"state": state(app)}).status_code == 303
    with app.app_context():
        assert rotas.published_of(YEAR, MONTH).number == 1
    person, shift_day, code = clean_extra_shift(app)  # a real change
    client.post(f"{PLAN}/assign", data={"person": person, "day": shift_day.isoformat(), "shift": code,
                                        "state": state(app)})
    client.post(f"{PLAN}/publish", data={"state": state(app)})
    with app.app_context():
        assert rotas.published_of(YEAR, MONTH).number == 2
        assert [v.number for v in rotas.published_versions(YEAR, MONTH)] == [1, 2]
    old = client.get(f"{PLAN}?v=1").get_data(as_text=True)
    assert 'id="generate"' not in old and "/cell?" not in old
    assert client.get(f"{PLAN}?v=9").status_code == 404
    assert client.post(f"{PLAN}/publish", data={"state": state(app)}).status_code == 303  # no draft


def test_pin_and_resolve_keeps_the_pins(app: Flask, client: Any, auth: AuthActions,
                                        solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    day = date(YEAR, MONTH, 5)
    current = cells(app)
    worker = next(p for (p, d), code in current.items() if d == day and code == "P")
    # someone off that day, else someone on another shift (the solve may staff above the need)
    others = [k for k in ("mari", "olga", "piret", "jaan") if k != worker and current.get((k, day)) != "P"]
    other = sorted(others, key=lambda k: (k, day) in current)[0]
    client.post(f"{PLAN}/cell", data={"person": worker, "day": day.isoformat(), "shift": "", "pinned": "y",
                                      "state": state(app)})
    client.post(f"{PLAN}/cell", data={"person": other, "day": day.isoformat(), "shift": "P", "pinned": "y",
                                      "state": state(app)})
    job_id = job_id_from(client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": str(REPLAN_SECONDS)}))
    wait_job(app, job_id)
    assert client.get(f"/plan/jobs/{job_id}/progress.json").get_json()["status"] == "done"
    after = cells(app)
    assert after.get((other, day)) == "P" and (worker, day) not in after
    with app.app_context():
        pins = rotas.pins_of(rotas.draft_of(YEAR, MONTH))
    assert pins[(other, day)] == "P" and pins[(worker, day)] is None
    assert "📌" in client.get(PLAN).get_data(as_text=True)


def report_sick(app: Flask, client: Any, person: str, first: str, last: str,
                time_limit: int) -> tuple[int, dict[str, Any]]:
    """Record ``person``'s sick leave on the sick-leave page (dates dd.mm.yyyy) and wait for
    the re-plan: its job id and final progress."""
    with app.app_context():
        person_id = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == person))
    response = client.post(f"{PLAN}/sick", data={"person": person_id, "first_day": first, "last_day": last,
                                                 "time_limit": str(time_limit), "state": state(app)})
    job_id = job_id_from(response)
    wait_job(app, job_id)
    return job_id, client.get(f"/plan/jobs/{job_id}/progress.json").get_json()


def test_a_re_plan_is_told_which_absences_are_new_since_the_rota(app: Flask, client: Any, auth: AuthActions,
                                                                 solved_march: list[Assignment],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The hours band of a re-plan measures how far off the old rota had each person against
    the goal without the absences entered since (``SolveOptions.replan_absences``): the sick
    leave being re-planned; for a re-solve, those entered since the version was published."""
    from scheduler.domain import Absence, AbsenceKind
    from webui import jobs

    store(app, solved_march, publish=True)
    asked: list[Any] = []
    monkeypatch.setattr(jobs, "start", lambda kind, req, user: asked.append(req) or abort(418))
    auth.login()
    with app.app_context():
        mari = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == "mari"))
    client.post(f"{PLAN}/sick", data={"person": mari, "first_day": "15.03.2027", "last_day": "16.03.2027",
                                      "time_limit": "2", "state": state(app)})
    sick = Absence("mari", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 3, 16))
    assert list(asked[0].replan_absences) == [sick]
    client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": "2"})
    assert [(a.person, a.first_day) for a in asked[1].replan_absences] == [("mari", date(2027, 3, 15))]
    # from a draft made (or edited) after the sick leave was entered: still new since the
    # version the draft came from
    with app.app_context():
        rotas.ensure_draft(YEAR, MONTH)
        db.session.commit()
    client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": "2"})
    assert [(a.person, a.first_day) for a in asked[2].replan_absences] == [("mari", date(2027, 3, 15))]


def _published_march_on_the_12th(make_app: Any, solved_march: list[Assignment]) -> tuple[Flask, Any, date]:
    """The app with today 12.03 and ``solved_march`` published: the app, a client, today."""
    today = date(YEAR, MONTH, 12)
    app = make_app(ROTA_TODAY=today.isoformat())
    store(app, solved_march, publish=True)
    return app, app.test_client(), today


def test_a_solve_refuses_to_take_a_leavers_past_duties_off_the_record(make_app: Any,
                                                                     solved_march: list[Assignment]) -> None:
    """Jaan left on the 11th and was set inactive; a re-solve on the 12th took his eight worked
    duties off the draft (the solver plans active people only) while saying the days before
    today were kept. Re-solve, generate and a sick leave's re-plan now refuse, naming them."""
    app, client, today = _published_march_on_the_12th(make_app, solved_march)
    before = cells(app, m.PUBLISHED)
    worked = sorted(day for (key, day) in before if key == "jaan" and day < today)
    assert worked
    with app.app_context():
        db.session.scalar(sa.select(m.Person).where(m.Person.key == "jaan")).active = False
        db.session.commit()
        mari = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == "mari"))
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    for action, data in (("resolve", {"time_limit": "2"}), ("generate", {"time_limit": "2"}),
                         ("sick", {"person": mari, "first_day": "14.03.2027", "last_day": "15.03.2027",
                                   "time_limit": "2"})):
        response = client.post(f"{PLAN}/{action}", data={**data, "state": state(app)}, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "Nothing was solved: the days already past hold duties of people set inactive since" in page, action
        assert f"Jaan Kask {worked[0]:%d.%m}" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(m.SolveJob.id))) == 0
    assert {k: v for k, v in cells(app, m.PUBLISHED).items()} == before


def test_sick_leave_replans_from_its_first_day(app: Flask, client: Any, auth: AuthActions,
                                               solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    before = cells(app, m.PUBLISHED)
    # three sick days from a day Mari works (a re-plan with nothing to replace changes nothing)
    first = min(day for (person, day) in before if person == "mari" and day.day >= 5)
    last = first + timedelta(days=2)
    auth.login()
    assert client.get(f"{PLAN}/sick").status_code == 200
    job_id, progress = report_sick(app, client, "mari", f"{first:%d.%m.%Y}", f"{last:%d.%m.%Y}",
                                   time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", progress
    after = cells(app)
    for (person, day), code in before.items():
        if day < first:
            assert after.get((person, day)) == code  # nothing before the sick leave moves
    assert not [k for k in after if k[0] == "mari" and first <= k[1] <= last]
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert 'id="replan-changes"' in page
    assert progress["changes"] == len(rotas.diff(before, after)) > 0
    with app.app_context():
        sick = [a for a in build_team().absences if a.kind == "sick" and a.person == "mari"]
        assert len(sick) == 1 and sick[0].note == ""  # the kind says "sick leave": no "sick leave: sick leave"
        # recorded with what the published rota had planned in it (absence_norm_reduction =
        # "scheduled_hours"): her 8-hour shifts of those days and the 2-hour supervision of the 10th
        planned = sum(8.0 for (person, day), _code in before.items() if person == "mari" and first <= day <= last)
        supervision = 2.0 if first <= date(YEAR, MONTH, 10) <= last else 0.0
        assert (sick[0].rota_month, sick[0].scheduled_hours) == ((YEAR, MONTH), planned + supervision)
        # the changes keep the names as they were (an id renamed later still reads right)
        names = {p.id: p.name for p in build_team().people}
        changes = db.session.get(m.SolveJob, job_id).changes
        assert changes and all(c["name"] == names[c["person"]] for c in changes)
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        mari.key = "mari.t"
        db.session.commit()
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    changes_table = page.split('id="replan-changes"', 1)[1].split("</table>", 1)[0]
    assert names["mari"] in changes_table and ">mari<" not in changes_table


def test_a_sick_leave_entered_late_keeps_the_days_already_past(make_app: Any,
                                                                solved_march: list[Assignment]) -> None:
    """On 12.03 the lead learns that Mari has been sick since a day before it. The days
    already past happened as they did: they stay as published, except that Mari's duties there
    are taken off (not worked; nobody is put on them after the fact); only the days from
    today on are re-planned. The shortfall her absence left on a past day is recorded, not a
    hard violation, so the re-plan can be published."""
    today = date(YEAR, MONTH, 12)
    app = make_app(ROTA_TODAY=today.isoformat())
    client = app.test_client()
    first = max(a.day for a in solved_march if a.person == "mari" and a.day < today)
    (hers,) = [a.code for a in solved_march if a.person == "mari" and a.day == first]
    # Mari alone on her shift that day (minimum 1): her sick day leaves it short
    store(app, [a for a in solved_march if not (a.day == first and a.code == hers and a.person != "mari")],
          publish=True)
    before = cells(app, m.PUBLISHED)
    last = today + timedelta(days=2)
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    job_id, progress = report_sick(app, client, "mari", f"{first:%d.%m.%Y}", f"{last:%d.%m.%Y}",
                                   time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", progress
    after = cells(app)
    for (person, day), code in before.items():
        if day < today and not (person == "mari" and day >= first):
            assert after.get((person, day)) == code, (person, day)  # the past does not move
    assert {k: v for k, v in after.items() if k[1] < today} == {
        k: v for k, v in before.items() if k[1] < today and not (k[0] == "mari" and k[1] >= first)}
    assert not [k for k in after if k[0] == "mari" and first <= k[1] <= last]
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert "of the days already past overlap" in page and "(not worked): Mari Tamm" in page
    # the cell page of a past day says that saving there records what happened
    assert 'id="past-day"' in client.get(f"{PLAN}/cell?person=jaan&day={first}").get_data(as_text=True)
    assert 'id="past-day"' not in client.get(f"{PLAN}/cell?person=jaan&day={today}").get_data(as_text=True)
    with app.app_context():
        _shifts, report = rotas.check(build_team(), rotas.draft_of(YEAR, MONTH), YEAR, MONTH)
        assert not report.hard, [v.reason for v in report.hard]
        recorded = [v for v in report.violations if "recorded as it happened" in v.reason]
        assert recorded and all(v.start.date() < today for v in recorded)
    response = client.post(f"{PLAN}/publish", data={"state": state(app)}, follow_redirects=True)
    assert "Published as version 2" in response.get_data(as_text=True)
    # the recorded shortfall stays in the past: a sick leave entered on time re-plans as ever
    other = next(p for (p, day) in after if day > last and p != "mari")
    sick_day = min(day for (p, day) in after if p == other and day > last)
    _job, progress = report_sick(app, client, other, f"{sick_day:%d.%m.%Y}", f"{sick_day:%d.%m.%Y}",
                                 time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", progress
    assert (other, sick_day) not in cells(app)


@pytest.mark.parametrize("begun", [False, True], ids=["days-past", "duty-under-way"])
def test_a_law_breach_already_past_is_recorded_and_the_month_is_still_re_planned_and_published(
        make_app: Any, solved_march: list[Assignment], begun: bool) -> None:
    """Recorded: someone worked the evening (16–24) and came back for the day shift at 08:00,
    8 h of rest (TLS § 51 asks 11) — a colleague did not turn up. It happened, on days past
    or with the day shift under way at 10:00 today; no plan can undo it. On 12.03 a colleague
    falls ill: the re-plan is made, the breach stays on the month page marked as recorded,
    and the re-planned month can be published."""
    today = date(YEAR, MONTH, 12)
    app = make_app(ROTA_NOW=f"{today}T10:00") if begun else make_app(ROTA_TODAY=today.isoformat())
    client = app.test_client()
    evening = next(a for a in sorted(solved_march, key=lambda a: a.day)
                   if a.code == "O" and (a.day == today - timedelta(days=1) if begun else a.day < today - timedelta(days=3)))
    who, day_after = evening.person, evening.day + timedelta(days=1)
    sick = next(p for p in ("mari", "jaan") if p != who)
    team = load_team(SMALL_TEAM)
    start, end = team.shift_type("P").interval(day_after)
    double = Assignment(who, day_after, "P", start, end, 8.0, "shift")
    store(app, [a for a in solved_march if not (a.person == who and a.day == day_after)] + [double], publish=True)
    _ask_nobody(app, today.day)  # whether anyone is free for the sick day depends on the solved rota
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    job_id, progress = report_sick(app, client, sick, f"{today:%d.%m.%Y}", f"{today:%d.%m.%Y}",
                                   time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert cells(app)[(who, evening.day)] == "O" and cells(app)[(who, day_after)] == "P"  # the past stays
    with app.app_context():
        _shifts, report = rotas.check(build_team(), rotas.draft_of(YEAR, MONTH), YEAR, MONTH)
        assert not report.hard, [v.reason for v in report.hard]
        [breach] = report.by_rule("daily_rest")
        assert breach.person == who and "recorded as it happened" in breach.reason
    page = client.get(PLAN).get_data(as_text=True)
    shown = page.split('id="recorded-breaches"', 1)[1].split("</section>", 1)[0]
    assert "1 breach of the working-time law on days already past" in shown
    assert "only 8 h rest" in shown and "already past: recorded as it happened" in shown
    warnings = page.split('id="soft-violations"', 1)[-1].split("</details>", 1)[0] if "soft-violations" in page else ""
    assert 'id="no-hard"' in page and "only 8 h rest" not in warnings  # shown once, apart from the warnings
    response = client.post(f"{PLAN}/publish", data={"state": state(app)}, follow_redirects=True)
    assert "Published as version 2" in response.get_data(as_text=True)


def test_re_solving_and_generating_a_month_under_way_keep_the_days_already_past(
        make_app: Any, solved_march: list[Assignment]) -> None:
    """Re-solving the draft or generating the month again on 12.03 changes only the days from
    today on: the days before it happened as the rota has them."""
    today = date(YEAR, MONTH, 12)
    app = make_app(ROTA_TODAY=today.isoformat())
    client = app.test_client()
    store(app, solved_march, publish=True)
    before = cells(app, m.PUBLISHED)
    AuthActions(client).login()
    for action in ("generate", "resolve"):
        if action == "resolve":
            with app.app_context():
                rotas.ensure_draft(YEAR, MONTH)
                db.session.commit()
        response = client.post(f"{PLAN}/{action}", data={"state": state(app), "time_limit": "3"})
        wait_job(app, job_id_from(response))
        after = cells(app)
        assert {k: v for k, v in after.items() if k[1] < today} == {
            k: v for k, v in before.items() if k[1] < today}, action
        with app.app_context():
            assert rotas.pins_of(rotas.draft_of(YEAR, MONTH)) == {}, action  # holding the past is no pin


def test_the_past_is_held_against_absences_and_team_data_entered_since(
        make_app: Any, solved_march: list[Assignment]) -> None:
    """Today is 12.03. A vacation entered since for a past day Jaan worked: re-solving the
    published month (no draft needed) takes that duty off and says so, the other past cells
    stay. Olga no longer takes the line as the team is now (from today on): generating the
    month keeps her past duties as worked and plans none for her ahead (it was refused,
    naming them, and the lead could only delete duties she had worked)."""
    app, client, today = _published_march_on_the_12th(make_app, solved_march)
    before = cells(app, m.PUBLISHED)
    day = max(d for (p, d) in before if p == "jaan" and d < today)
    with app.app_context():
        jaan = db.session.scalar(sa.select(m.Person).where(m.Person.key == "jaan"))
        db.session.add(m.Absence(person=jaan, kind="vacation", first_day=day, last_day=day))
        db.session.commit()
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    # the published version is read with the absences it was published with: the month page
    # names the duty the later absence conflicts with, and re-solving needs no draft first
    page = client.get(PLAN).get_data(as_text=True)
    later = page.split('id="later-absences"', 1)[1].split("</section>", 1)[0]
    assert f"<li>Jaan Kask, {day:%a} {day:%d.%m.%Y}: {before[('jaan', day)]}</li>" in later and 'id="resolve"' in page
    response = client.post(f"{PLAN}/resolve", data={"state": state(app), "time_limit": str(REPLAN_SECONDS)})
    job_id = job_id_from(response)
    wait_job(app, job_id)
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    # named with its shift and times, as a duty under way is
    assert re.search(rf"1 duty of the days already past overlaps an absence: the solve takes it off \(not worked\): "
                     rf"Jaan Kask {day:%d\.%m} {before[('jaan', day)]} \d\d:\d\d–\d\d:\d\d\. "
                     "Record who stood in by editing that cell", page)
    after = cells(app)
    assert {k: v for k, v in after.items() if k[1] < today} == {
        k: v for k, v in before.items() if k[1] < today and k != ("jaan", day)}
    with app.app_context():
        olga = db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga"))
        olga.services = []
        db.session.commit()
    worked = sorted(d for (p, d) in after if p == "olga" and d < today)
    response = client.post(f"{PLAN}/generate", data={"state": state(app), "time_limit": "3"})
    job_id = job_id_from(response)
    wait_job(app, job_id)
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    # her duties of the days already past were worked when she did (the change is for the
    # days ahead): kept as they happened, none planned for her from today on
    assert "Days already past cannot be kept" not in page and worked
    generated = cells(app)
    assert {k: v for k, v in generated.items() if k[1] < today} == {k: v for k, v in after.items() if k[1] < today}
    assert not [d for (p, d) in generated if p == "olga" and d >= today]


def test_a_solve_holds_the_duties_of_today_already_begun(make_app: Any, solved_march: list[Assignment]) -> None:
    """At 12:00 on 12.03 the day shifts (P 08–16, the lead's J 09–17) have begun and the
    evening one (O 16–24) not: a solve holds the first as the rota has them and may still
    change the second; a month whose
    days are all past has nothing left to plan."""
    from webui.plan import _held_cells

    today = date(YEAR, MONTH, 12)
    app = make_app(ROTA_NOW="2027-03-12T12:00")
    store(app, solved_march, publish=True)
    before = cells(app, m.PUBLISHED)
    with app.test_request_context():
        held, _notes = _held_cells(build_team(), YEAR, MONTH, rotas.published_of(YEAR, MONTH), today)
    assert {k: v for k, v in held.items() if k[1] == today} == {
        k: v for k, v in before.items() if k[1] == today and v in ("P", "J")}  # 08:00 and 09:00, not O at 16:00
    assert all(k in held for k in before if k[1] < today)
    over = make_app(ROTA_TODAY="2027-04-01")
    client = over.test_client()
    store(over, solved_march, publish=True)
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    for action in ("generate", "resolve"):
        response = client.post(f"{PLAN}/{action}", data={"state": state(over), "time_limit": "3"},
                               follow_redirects=True)
        assert "03.2027 is over: there is nothing left to plan" in response.get_data(as_text=True), action
    with over.app_context():
        assert db.session.scalar(sa.select(sa.func.count(m.SolveJob.id))) == 0


def test_a_sick_leave_over_a_duty_already_begun_names_it(make_app: Any, solved_march: list[Assignment]) -> None:
    """At 17:00 on Monday 15.03 the lead enters a sick leave 15.–16.03 for whoever is on the
    evening O (16:00–24:00, begun an hour ago). The held pin of that duty had no candidate
    (the whole day is an absence) and was dropped without a word: the change list gave the
    evening to someone else from 16:00 under the generic "days before today" note. The lead is
    told, naming the duty, as for duties of the days already past that an absence overlaps."""
    today = date(YEAR, MONTH, 15)
    app = make_app(ROTA_NOW="2027-03-15T17:00")
    store(app, solved_march, publish=True)
    on_evening = sorted(p for (p, day), code in cells(app, m.PUBLISHED).items() if day == today and code == "O")
    assert on_evening, "the solved March has nobody on the evening of 15.03"
    sick = on_evening[0]  # the solve may staff the evening above its minimum; any one of them will do
    # whether someone else can still take the evening begun at 16:00 depends on the solved rota
    # (their rest): this test is about the note, so the two days ask for nobody
    _ask_nobody(app, 15, 16)
    client = app.test_client()
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    job_id, progress = report_sick(app, client, sick, "15.03.2027", "16.03.2027", time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", (progress["message"], on_evening, sick)
    with app.app_context():
        name = db.session.scalar(sa.select(m.Person.name).where(m.Person.key == sick))
    page = " ".join(client.get(f"/plan/jobs/{job_id}").get_data(as_text=True).split())
    assert f"1 duty already begun today overlaps an absence: the solve takes it off (not worked): {name} 15.03 O " \
           "16:00–24:00." in page, page
    assert "It may give that shift to someone else from its start: record who stood in by editing that cell" in page
    assert (sick, today) not in cells(app)
    from flask_babel import force_locale

    from webui.plan import _begun_in_absence_note

    with app.test_request_context(), force_locale("et"):
        (duty,) = [a for a in rotas.published_shifts(build_team(), rotas.published_of(YEAR, MONTH))
                   if a.person == sick and a.day == today]
        note = _begun_in_absence_note([(name, duty)])
    assert note.startswith("1 täna juba alanud vahetus kattub puudumisega") and f"{name} 15.03 O 16:00–24:00" in note


def test_a_second_sick_leave_before_the_first_re_plan_is_published(app: Flask, client: Any, auth: AuthActions,
                                                                   solved_march: list[Assignment]) -> None:
    """Flu week: Mari falls ill, the re-plan waits as a draft, then Olga falls ill. The second
    re-plan started from the published version with every day before it pinned as published —
    Mari back on her sick days — and failed ("no rota can meet every minimum"), leaving a draft
    that could not be published. It starts from the draft now; the lead's pins hold and the
    re-plan's own holding of the past days is not stored as pins."""
    store(app, solved_march, publish=True)
    with app.app_context():
        draft = rotas.ensure_draft(YEAR, MONTH)
        jaan = db.session.scalar(sa.select(m.Person).where(m.Person.key == "jaan"))
        pinned_day = date(YEAR, MONTH, 25)
        rotas.set_cell(draft, jaan, pinned_day, "P", pinned=True)  # the lead's own pin
        db.session.commit()
    auth.login()
    _job, first = report_sick(app, client, "mari", "10.03.2027", "12.03.2027", time_limit=REPLAN_SECONDS)
    assert first["status"] == "done", first
    _job, second = report_sick(app, client, "olga", "15.03.2027", "16.03.2027", time_limit=REPLAN_SECONDS)
    assert second["status"] == "done", second
    after = cells(app)
    assert not [k for k in after if k[0] == "mari" and date(YEAR, MONTH, 10) <= k[1] <= date(YEAR, MONTH, 12)]
    assert not [k for k in after if k[0] == "olga" and date(YEAR, MONTH, 15) <= k[1] <= date(YEAR, MONTH, 16)]
    with app.app_context():
        assert rotas.pins_of(rotas.draft_of(YEAR, MONTH)) == {("jaan", pinned_day): "P"}
    assert after[("jaan", pinned_day)] == "P"
    response = client.post(f"{PLAN}/publish", data={"state": state(app)}, follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        assert rotas.published_of(YEAR, MONTH).number == 2

def test_a_sick_leave_into_next_month_says_that_month_needs_its_own_re_plan(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    """Sick 30.03–02.04 with April published and Mari on duty on 01.04: March's re-plan says
    that April needs one too (April's rota kept her on duty while she was sick, unsaid)."""
    store(app, solved_march, publish=True)
    with app.app_context():
        from webui.convert import assignment

        april = rotas.store_draft(YEAR, MONTH + 1, [assignment(build_team(), "mari", date(YEAR, 4, 1), "P")],
                                  source="manual")
        rotas.publish(april, None)
        db.session.commit()
    auth.login()
    client.post("/language", data={"lang": "en"})
    job_id, _progress = report_sick(app, client, "mari", "30.03.2027", "02.04.2027", time_limit=2)
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert "The sick leave runs into 04.2027, whose rota has Mari" in page

def test_sick_leave_form_validates(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    response = client.post(f"{PLAN}/sick", data={"person": "2", "first_day": "01.05.2027", "last_day": "02.05.2027",
                                                 "time_limit": "2", "state": state(app)})
    assert response.status_code == 400 and 'id="first_day-err"' in response.get_data(as_text=True)
    response = client.post(f"{PLAN}/sick", data={"person": "2", "first_day": "10.03.2027", "last_day": "12.03.2027",
                                                 "time_limit": "2", "state": state(app)})
    assert response.status_code == 400 and 'id="person-err"' in response.get_data(as_text=True)  # no rota yet


def test_exports(app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march, publish=True)
    auth.login()
    response = client.get(f"{PLAN}/rota.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "rota-2027-03-v1.xlsx" in response.headers["Content-Disposition"]
    response = client.get(f"{PLAN}/payroll.csv")
    assert "payroll-2027-03-v1.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["person", "name", "planned_hours"] and len(rows) == 1 + 5
    mari = next(r for r in rows if r[0] == "mari")
    assert float(mari[3]) == 176.0  # norm
    page = client.get(f"{PLAN}/print").get_data(as_text=True)
    assert 'id="rota-grid"' in page and "/cell?" not in page
    response.close()


def test_discard_draft(app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    assert client.post(f"{PLAN}/discard", data={"state": "stale"}).status_code == 303
    assert cells(app)
    assert client.post(f"{PLAN}/discard", data={"state": state(app)}).status_code == 302
    assert cells(app) == {}


def test_bad_months_and_cells_are_404(client: Any, auth: AuthActions) -> None:
    auth.login()
    assert client.get("/plan/2027/13").status_code == 404
    assert client.get(f"{PLAN}/cell?person=nobody&day=2027-03-01").status_code == 404
    assert client.get(f"{PLAN}/cell?person=mari&day=2027-04-01").status_code == 404
    assert client.get("/plan/jobs/999").status_code == 404
    assert client.get("/plan/?jump=2027-05").headers["Location"] == "/plan/2027/5"
    assert client.get("/plan/").status_code == 200


def test_a_job_left_running_by_a_restart_is_expired(app: Flask, client: Any, auth: AuthActions) -> None:
    from datetime import datetime

    with app.app_context():
        job = m.SolveJob(year=YEAR, month=MONTH, kind="generate", status="running", time_limit=10,
                         created_at=datetime(2020, 1, 1))
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login()
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] == "failed"
    with app.app_context():
        stored = db.session.get(m.SolveJob, job_id).message
    assert json.loads(stored)["job"] == "interrupted"  # a key: shown in the viewer's language
    client.post("/language", data={"lang": "en"})
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["message"] == "Interrupted: the server stopped while the solve ran."
    assert progress["message"] in client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)


# --- sick leave after a night shift; solves that give no rota to apply ---------------------------

def _add_night_shift(app: Flask, day: date) -> None:
    """Shift type N 22:00–08:00 of the crisis line, needed once on ``day``."""
    with app.app_context():
        line = db.session.scalar(sa.select(m.Service).where(m.Service.code == "CL"))
        night = m.ShiftType(code="N", name="Night", service=line, start=datetime_time(22), end=datetime_time(8))
        db.session.add(night)
        db.session.add(m.Need(service=line, shift_type=night, day_type="date", on_date=day, minimum=1, desired=1))
        db.session.commit()


def _publish_mari_on_a_night(app: Flask, solved_march: list[Assignment], day: date) -> None:
    """The solved month, published with Mari on the night N (22:00–08:00) starting ``day``."""
    _add_night_shift(app, day)
    with app.app_context():
        from webui.convert import assignment

        rows = [a for a in solved_march if not (a.person == "mari" and a.day == day)]
        rows.append(assignment(build_team(), "mari", day, "N"))
    store(app, rows, publish=True)


def test_sick_leave_after_a_night_shift_replans_that_night(app: Flask, client: Any, auth: AuthActions,
                                                           solved_march: list[Assignment]) -> None:
    night_day = date(YEAR, MONTH, 17)
    _publish_mari_on_a_night(app, solved_march, night_day)  # 22:00 on 17.03 until 08:00 on 18.03
    before = cells(app, m.PUBLISHED)
    auth.login()
    # 10 s: the re-plan's phases (fewest changes, the hours band, the goals) under a loaded CI
    # machine once ran out of time at 5 s
    _job_id, progress = report_sick(app, client, "mari", "18.03.2027", "20.03.2027", time_limit=10)
    assert progress["status"] == "done", progress.get("message")
    after = cells(app)
    assert after.get(("mari", night_day)) != "N"  # the night running into the sick leave is given up
    assert [k for k, code in after.items() if k[1] == night_day and code == "N"], "nobody took the night"
    for (person, day), code in before.items():
        if day < night_day:
            assert after.get((person, day)) == code


def test_a_sick_leave_entered_on_its_first_day_after_a_night_takes_that_night_off(
        make_app: Any, solved_march: list[Assignment]) -> None:
    """Mari worked the night 16.03 22:00–17.03 08:00 and is sick from the 17th, entered on the
    17th: the night overlaps the sick leave, so it is taken off as not worked (the checker
    reads it so) and named — it was held as worked and the re-plan refused."""
    night_day = date(YEAR, MONTH, 16)
    app = make_app(ROTA_TODAY="2027-03-17")
    client = app.test_client()
    _publish_mari_on_a_night(app, solved_march, night_day)
    AuthActions(client).login()
    client.post("/language", data={"lang": "en"})
    job_id, progress = report_sick(app, client, "mari", "17.03.2027", "18.03.2027", time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", progress
    assert cells(app).get(("mari", night_day)) is None
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert "overlaps an absence: the solve takes it off (not worked): Mari Tamm 16.03" in page


def test_a_time_limit_out_of_range_is_said_for_generate_and_re_solve(app: Flask, client: Any, auth: AuthActions,
                                                                     solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    auth.login()
    for action in ("generate", "resolve"):
        response = client.post(f"{PLAN}/{action}", data={"state": state(app), "time_limit": "9999"},
                               follow_redirects=True)
        assert response.status_code == 200, action
        assert "Ajapiirang" in response.get_data(as_text=True) or "Time limit" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(m.SolveJob.id))) == 0


def test_sick_from_the_first_of_next_month_replans_this_months_last_night(
        app: Flask, client: Any, auth: AuthActions, solved_march: list[Assignment]) -> None:
    last_night = date(YEAR, MONTH, 31)
    _publish_mari_on_a_night(app, solved_march, last_night)  # 22:00 on 31.03 until 08:00 on 01.04
    auth.login()
    _job_id, progress = report_sick(app, client, "mari", "01.04.2027", "02.04.2027", time_limit=REPLAN_SECONDS)
    assert progress["status"] == "done", progress
    after = cells(app)
    assert after.get(("mari", last_night)) != "N"
    assert [k for k, code in after.items() if k[1] == last_night and code == "N"], "nobody took the night"
    with app.app_context():  # recorded on March's rota: the 10-hour night running into it
        (sick,) = [a for a in build_team().absences if a.kind == "sick" and a.person == "mari"]
        assert (sick.rota_month, sick.scheduled_hours) == ((YEAR, MONTH), 10.0)
    # a sick leave in April that no March duty runs into is no business of March's rota
    with app.app_context():
        jaan = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == "jaan"))
    response = client.post(f"{PLAN}/sick", data={"person": jaan, "first_day": "05.04.2027", "last_day": "06.04.2027",
                                                 "time_limit": "2", "state": state(app)})
    assert response.status_code == 400 and 'id="first_day-err"' in response.get_data(as_text=True)


def test_an_infeasible_solve_fails_and_leaves_the_draft(app: Flask, client: Any, auth: AuthActions,
                                                       solved_march: list[Assignment]) -> None:
    store(app, solved_march)
    before = cells(app)
    with app.app_context():
        line = db.session.scalar(sa.select(m.Service).where(m.Service.code == "CL"))
        day_shift = db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P"))
        # six people on one shift: the team has five who may take it
        db.session.add(m.Need(service=line, shift_type=day_shift, day_type="date", on_date=date(YEAR, MONTH, 20),
                              minimum=6, desired=6))
        db.session.commit()
    auth.login()
    client.post("/language", data={"lang": "en"})
    job_id = job_id_from(client.post(f"{PLAN}/generate", data={"time_limit": "5", "state": state(app)}))
    wait_job(app, job_id)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] == "failed" and progress["solver_status"] == "infeasible", progress
    assert progress["objective"] is None
    assert progress["message"].startswith("No rota can meet every coverage minimum")
    assert cells(app) == before  # the relaxed rota never replaces the draft
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert 'id="job-failed"' in page and 'id="job-reasons"' in page and "20.03.2027" in page
    assert 'id="job-terms"' not in page
    with app.app_context():
        assert db.session.get(m.SolveJob, job_id).rota_id is None
    # the lead may take the best rota with its gap as the draft (a short month was otherwise
    # built by hand from nothing; an onboarding review): on the month page its gap is red and
    # the month cannot be published until it is filled
    with app.app_context():
        missing = db.session.get(m.SolveJob, job_id).gaps_rota["missing"]
    assert missing >= 1 and f"The best rota found leaves {missing} place" in page
    stale = client.post(f"/plan/jobs/{job_id}/use-gaps", data={"state": "old"}, follow_redirects=True)
    assert "changed since you opened the page" in stale.get_data(as_text=True) and cells(app) == before
    taken = client.post(f"/plan/jobs/{job_id}/use-gaps", data={"state": state(app)}, follow_redirects=True)
    text = " ".join(taken.get_data(as_text=True).split())
    assert f"The draft is the best rota found, with {missing} place" in text and "(red on the grid)" in text
    after = cells(app)
    assert after != before and sum(1 for (_p, day), code in after.items() if day == date(YEAR, MONTH, 20)
                                   and code == "P") == 6 - missing
    published = client.post(f"{PLAN}/publish", data={"state": state(app)}, follow_redirects=True)
    assert "Not published" in published.get_data(as_text=True)


def test_a_failed_job_shows_no_internal_error_text(app: Flask, client: Any, auth: AuthActions,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from webui import jobs

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("unsupported operand " + "x" * 5000)

    monkeypatch.setattr(jobs, "solve_month", broken)
    auth.login()
    client.post("/language", data={"lang": "en"})
    job_id = job_id_from(client.post(f"{PLAN}/generate", data={"time_limit": "5", "state": state(app)}))
    wait_job(app, job_id)
    progress = client.get(f"/plan/jobs/{job_id}/progress.json").get_json()
    assert progress["status"] == "failed"
    assert "internal error" in progress["message"] and "xxxx" not in progress["message"]
    assert "xxxx" not in client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)


def test_the_solvers_verdict_goes_once_the_rota_is_edited_by_hand(app: Flask, client: Any, auth: AuthActions,
                                                                 solved_march: list[Assignment]) -> None:
    store(app, solved_march, solve_status="infeasible", objective=0.0, gap=0.0,
          shortfalls=["P on 20.03.2027: 1 of 2 people"])
    auth.login()
    page = client.get(PLAN).get_data(as_text=True)
    assert 'id="solve-status"' in page and 'id="solver-shortfalls"' in page  # it describes this rota
    worker = next(a for a in solved_march if a.day == date(YEAR, MONTH, 5))
    response = client.post(f"{PLAN}/cell", data={"person": worker.person, "day": "2027-03-05", "shift": worker.code,
                                                 "pinned": "y", "state": state(app)})
    assert response.status_code == 302
    page = client.get(PLAN).get_data(as_text=True)
    assert 'id="solve-status"' not in page and 'id="solver-shortfalls"' not in page
    assert client.post(f"{PLAN}/publish", data={"state": state(app)}).status_code == 302
    page = client.get(PLAN).get_data(as_text=True)
    assert 'id="rota-state"' in page and 'id="solve-status"' not in page and 'id="solver-shortfalls"' not in page
