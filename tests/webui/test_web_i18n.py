"""The message catalogue: complete, compiled, Estonian by default, dates as dd.mm.yyyy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import read_mo

from webui import i18n
from webui.i18n_et import ET
from webui_support import AuthActions


def test_every_message_has_an_estonian_text() -> None:
    messages = {m.id[0] if isinstance(m.id, tuple) else m.id for m in i18n.extract() if m.id}
    missing = sorted(messages - set(ET))
    assert not missing, f"add Estonian texts to webui/i18n_et.py and run python -m webui.i18n: {missing}"
    unused = sorted(set(ET) - messages)
    assert not unused, f"Estonian texts for messages that no longer exist: {unused}"


def test_compiled_catalogue_is_up_to_date() -> None:
    mo = i18n.TRANSLATIONS / "et" / "LC_MESSAGES" / "messages.mo"
    with open(mo, "rb") as fh:
        compiled = read_mo(fh)
    for key, text in ET.items():
        message = compiled.get(key if isinstance(text, str) else key)
        assert message is not None, f"{key!r} is not compiled: run python -m webui.i18n"
        expected = text if isinstance(text, str) else tuple(text)
        assert (tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string) == expected, f"{key!r} is stale in messages.mo: run python -m webui.i18n"
    assert (i18n.TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo").exists()
    assert Path(i18n.ROOT / "babel.cfg").exists()


def test_pages_speak_estonian_with_estonian_dates(client: Any, auth: AuthActions) -> None:
    auth.login("kadri")
    page = client.get("/team/absences").get_data(as_text=True)
    assert "Puudumised" in page and "15.03.2027" in page  # jaan's vacation, dd.mm.yyyy
    assert "2027-03-15" not in page
    page = client.get("/plan/2027/3").get_data(as_text=True)
    assert "märts 2027" in page  # month names in Estonian
    client.post("/language", data={"lang": "en"})
    page = client.get("/plan/2027/3").get_data(as_text=True)
    assert "March 2027" in page and "Generate month" in page


def test_dates_are_typed_the_estonian_way(client: Any, auth: AuthActions) -> None:
    auth.login("kadri")
    response = client.post("/team/absences", data={"person": "2", "kind": "vacation", "first_day": "3/1/2027",
                                                   "last_day": "02.03.2027"})
    assert response.status_code == 400
    assert "Oodati kuupäeva kujul pp.kk.aaaa." in response.get_data(as_text=True)


def test_figures_of_a_solve_use_the_viewers_decimal_sign(app: Any, client: Any, auth: AuthActions) -> None:
    """The job page read "Kulunud 30.0 / 30 s", "13.0" and "25.6 %" in Estonian: a decimal
    comma there, a point in English."""
    from webui import models as m
    from webui.extensions import db

    with app.app_context():
        job = m.SolveJob(year=2027, month=3, kind="generate", status="done", time_limit=30, elapsed=30.04,
                         objective=13.0, bound=9.672, gap=0.256, solver_status="feasible",
                         terms=[{"name": "split weekends", "value": 5.0, "note": ""}])
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login()
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert '<span id="job-elapsed">30,0</span>' in page and '<dd id="job-objective">13,0</dd>' in page
    assert ">25,6 %</dd>" in page and '<td class="num">5,0</td>' in page
    client.post("/language", data={"lang": "en"})
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert '<span id="job-elapsed">30.0</span>' in page and ">25.6 %</dd>" in page


def test_the_job_page_says_why_no_rota_costs_less_in_the_viewers_language(app: Any, client: Any,
                                                                         auth: AuthActions) -> None:
    """An optimal rota at 4 points still shows 4 points of fair weekends: the page says why no
    rota can cost less (the bound from whole weekends), in Estonian and in English."""
    from scheduler.solver.explain import explain_weekend_floor
    from webui import models as m
    from webui.extensions import db
    from webui.reasons import stored

    with app.app_context():
        job = m.SolveJob(year=2027, month=3, kind="generate", status="done", time_limit=30, elapsed=12.0,
                         objective=4.0, bound=4.0, gap=0.0, solver_status="optimal",
                         terms=[{"name": "fair weekends", "value": 4.0, "note": ""}],
                         bound_notes=[stored(explain_weekend_floor(4.0, 64))])
        old = m.SolveJob(year=2027, month=3, kind="generate", status="done", time_limit=30, elapsed=30.0,
                         objective=9.0, bound=0.0, gap=1.0, solver_status="feasible",
                         terms=[{"name": "split weekends", "value": 5.0, "note": ""}])  # before 0012
        db.session.add_all([job, old])
        db.session.commit()
        job_id, old_id = job.id, old.id
    auth.login()
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert "Miks mitte vähem punkte: ükski selle kuu plaan ei maksa alla 4 punkti" in page
    assert "kuu 64 nädalavahetuse kohta" in page
    assert "bound-note" not in client.get(f"/plan/jobs/{old_id}").get_data(as_text=True)
    client.post("/language", data={"lang": "en"})
    page = client.get(f"/plan/jobs/{job_id}").get_data(as_text=True)
    assert "Why not fewer points: no rota of this month costs less than 4 points" in page
    assert "cannot fill its 64 weekend places" in page


def test_a_re_plan_stopped_by_the_time_limit_says_fewer_changes_may_exist(app: Any, client: Any,
                                                                         auth: AuthActions) -> None:
    """A 3-s re-plan listed many more changes than a 5-s one and nothing said the list was
    not proven the fewest: a re-plan the time limit stopped ("feasible") says so; a proven
    one ("optimal") does not, nor one whose only changes are the absent person's duties taken
    off (its "changes" term 0)."""
    from webui import models as m
    from webui.extensions import db

    changes = [{"person": "mari", "day": "2027-03-10", "before": "P", "after": ""}]
    with app.app_context():
        jobs = [m.SolveJob(year=2027, month=3, kind="replan", status="done", time_limit=3, elapsed=3.0,
                           objective=40.0, bound=18.0, gap=0.55, solver_status=status, changes=changes,
                           terms=[{"name": "changes", "value": value, "note": ""}])
                for status, value in (("feasible", 20.0), ("optimal", 20.0), ("feasible", 0.0))]
        db.session.add_all(jobs)
        db.session.commit()
        stopped, proven, forced_only = (j.id for j in jobs)
    auth.login()
    client.post("/language", data={"lang": "en"})
    page = client.get(f"/plan/jobs/{stopped}").get_data(as_text=True)
    assert "before this re-plan was proven the best: one with fewer changes may exist" in page
    assert 'id="replan-not-proven"' not in client.get(f"/plan/jobs/{proven}").get_data(as_text=True)
    # only the absent person's duties taken off (nobody given one): no fewer changes possible
    assert 'id="replan-not-proven"' not in client.get(f"/plan/jobs/{forced_only}").get_data(as_text=True)
    client.post("/language", data={"lang": "et"})
    page = client.get(f"/plan/jobs/{stopped}").get_data(as_text=True)
    assert "võib leiduda vähemate muudatustega lahendus" in page
