"""An absence the team lead enters on a month whose rota is published keeps the hours that
rota had planned for the person in it (setting ``absence_norm_reduction =
"scheduled_hours"``, domain.md §3); the grid's norm follows the setting."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui.convert import assignment, build_team
from webui.extensions import db
from webui_support import AuthActions, csrf_token, store

YEAR, MONTH = 2027, 3


def _publish_mari(app: Flask) -> None:
    """A published March in which Mari works P (8 h) on the 8th, 9th and 11th."""
    with app.app_context():
        team = build_team()
        rows = [assignment(team, "mari", date(YEAR, MONTH, day), "P") for day in (8, 9, 11)]
    store(app, rows, publish=True)


def _absence(app: Flask, key: str) -> m.Absence:
    with app.app_context():
        row = db.session.scalar(sa.select(m.Absence).join(m.Person).where(m.Person.key == key,
                                                                          m.Absence.kind == "sick"))
        db.session.expunge(row)
        return row


def _add(client: Any, app: Flask, key: str, first: str, last: str) -> Any:
    with app.app_context():
        person_id = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == key))
    token = csrf_token(client.get("/team/absences").get_data(as_text=True))
    return client.post("/team/absences", data={"csrf_token": token, "person": person_id, "kind": "sick",
                                                "first_day": first, "last_day": last, "start_time": "",
                                                "end_time": "", "note": ""})


def test_an_absence_entered_on_a_published_month_keeps_the_hours_it_had_planned(
        app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    assert _add(client, app, "olga", "08.03.2027", "12.03.2027").status_code == 302
    olga = _absence(app, "olga")  # March not published yet: nothing recorded
    assert (olga.rota_month, olga.scheduled_hours) == (None, None)
    _publish_mari(app)
    assert _add(client, app, "mari", "09.03.2027", "10.03.2027").status_code == 302
    mari = _absence(app, "mari")  # the 8-hour shift of the 9th and the 2-hour supervision of the 10th
    assert (mari.rota_month, mari.scheduled_hours) == ("2027-03", 10.0)
    listing = client.get("/team/absences").get_data(as_text=True)
    assert "10 h (03.2027)" in listing
    # deleting it would lose what it recorded: the confirmation says so (edit it instead)
    assert "Koos sellega kaovad graafikust 03.2027 salvestatud 10 h" in listing
    # extending it counts what the rota published before it was entered had planned
    page = client.get(f"/team/absences/{mari.id}/edit").get_data(as_text=True)
    response = client.post(f"/team/absences/{mari.id}/edit", data={
        "csrf_token": csrf_token(page), "person": mari.person_id, "kind": "sick", "first_day": "09.03.2027",
        "last_day": "11.03.2027", "start_time": "", "end_time": "", "note": "", "version": "1"})
    assert response.status_code == 302
    assert _absence(app, "mari").scheduled_hours == 18.0
    with app.app_context():
        (recorded,) = [a for a in build_team().absences if a.person == "mari" and a.kind == "sick"]
        assert (recorded.rota_month, recorded.scheduled_hours) == ((YEAR, MONTH), 18.0)


def test_a_sick_leave_deleted_and_entered_again_after_its_re_plan_keeps_the_hours_first_planned(
        app: Flask, client: Any, auth: AuthActions) -> None:
    """Mari's sick leave of 9–10 March recorded 10 h (her shift of the 9th, the supervision of
    the 10th); the re-plan without her shift was published; the leave was then deleted and
    entered again: it recorded 2 h, read from the re-plan that already left her off."""
    auth.login()
    _publish_mari(app)
    assert _add(client, app, "mari", "09.03.2027", "10.03.2027").status_code == 302
    assert _absence(app, "mari").scheduled_hours == 10.0
    with app.app_context():
        team = build_team()
        replanned = [assignment(team, "mari", date(YEAR, MONTH, day), "P") for day in (8, 11)]
    store(app, replanned, publish=True)
    with app.app_context():
        db.session.delete(db.session.get(m.Absence, _absence(app, "mari").id))
        db.session.commit()
    assert _add(client, app, "mari", "09.03.2027", "10.03.2027").status_code == 302
    assert (_absence(app, "mari").rota_month, _absence(app, "mari").scheduled_hours) == ("2027-03", 10.0)


def test_a_sick_leave_begun_in_the_month_before_records_the_hours_of_the_month_published(
        app: Flask, client: Any, auth: AuthActions) -> None:
    """Sick from 26.02 to 09.03 with only March published: March's duties of the 8th and 9th
    were what it took (16 h); nothing was recorded, so a "scheduled_hours" norm fell by the
    daily hours of its March days instead."""
    auth.login()
    _publish_mari(app)
    assert _add(client, app, "mari", "26.02.2027", "09.03.2027").status_code == 302
    assert (_absence(app, "mari").rota_month, _absence(app, "mari").scheduled_hours) == ("2027-03", 16.0)


def test_a_sick_leave_replacing_another_kind_of_absence_records_the_hours(app: Flask, client: Any,
                                                                         auth: AuthActions) -> None:
    """A doctor's hour 17–18 on the 9th was known when March was published; the lead deleted
    it (the form asks to) and entered sick leave 9–10: nothing was recorded, every version
    counting as planned knowing of it."""
    from datetime import time

    auth.login()
    with app.app_context():
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        db.session.add(m.Absence(person=mari, kind="other", first_day=date(2027, 3, 9), last_day=date(2027, 3, 9),
                                 start_time=time(17), end_time=time(18), note="doctor"))
        db.session.commit()
    _publish_mari(app)
    with app.app_context():
        db.session.delete(db.session.scalar(sa.select(m.Absence).where(m.Absence.note == "doctor")))
        db.session.commit()
    assert _add(client, app, "mari", "09.03.2027", "10.03.2027").status_code == 302
    assert (_absence(app, "mari").rota_month, _absence(app, "mari").scheduled_hours) == ("2027-03", 10.0)


def test_the_grid_norm_follows_the_setting(app: Flask, client: Any, auth: AuthActions) -> None:
    _publish_mari(app)
    auth.login()
    _add(client, app, "mari", "08.03.2027", "12.03.2027")  # five working days; 24 h + 2 h planned
    with app.app_context():
        from webui.rotas import check

        def norm() -> float:
            team = build_team()
            _shifts, report = check(team, None, YEAR, MONTH)
            return report.person("mari").norm_hours

        assert norm() == 176.0 - 40
        row = db.session.scalar(sa.select(m.TeamRow))
        row.settings = {**(row.settings or {}), "absence_norm_reduction": "scheduled_hours"}
        db.session.commit()
        assert norm() == 176.0 - 26
