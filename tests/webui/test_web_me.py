"""A counsellor's own pages: shifts, hours, wishes and unavailability, the team rota."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from scheduler.domain import Assignment
from webui import models as m
from webui import rotas
from webui.convert import assignment, build_team
from webui.extensions import db
from webui_support import MONTH, YEAR, AuthActions


def publish(app: Flask, rows: list[tuple[str, int, str]]) -> list[Assignment]:
    with app.app_context():
        team = build_team()
        shifts = [assignment(team, p, date(YEAR, MONTH, d), code) for p, d, code in rows]
        draft = rotas.store_draft(YEAR, MONTH, shifts, source="manual")
        rotas.publish(draft, None)
        db.session.commit()
        return shifts


ROWS = [("mari", 2, "P"), ("olga", 2, "O"), ("mari", 3, "O"), ("jaan", 4, "P"), ("mari", 27, "P")]


def test_my_shifts_are_exactly_mine_and_only_published(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    with app.app_context():  # a draft change after publishing is not shown
        draft = rotas.ensure_draft(YEAR, MONTH)
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        rotas.set_cell(draft, mari, date(YEAR, MONTH, 10), "P", False)
        db.session.commit()
    auth.login("mari")
    page = client.get("/me/shifts?month=2027-03").get_data(as_text=True)
    listed = re.findall(r'<tr data-day="([\d-]+)" data-code="(\w+)">', page)
    assert listed == [("2027-03-02", "P"), ("2027-03-03", "O"), ("2027-03-27", "P")]
    assert "02.03.2027" in page and "08:00–16:00" in page
    assert 'id="my-calendar"' in page
    assert 'id="calendar-feed"' in page  # the place for the feed link, labelled as coming
    assert "Supervision" in page  # her supervision on 10.03


def test_unpublished_month_says_so(client: Any, auth: AuthActions) -> None:
    auth.login("mari")
    page = client.get("/me/shifts?month=2027-04").get_data(as_text=True)
    assert 'id="not-published"' in page
    assert client.get("/me/shifts?month=2027-13").status_code == 404
    assert client.get("/me/shifts?month=abc").status_code == 404


def test_my_hours_against_the_norm(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    page = client.get("/me/hours?month=2027-03").get_data(as_text=True)
    table = re.search(r'<table class="list" id="my-hours">.*?</table>', page, re.S).group(0)
    numbers = re.findall(r'<td class="num">([^<]*)</td>', table)
    # three 8 h shifts + 2 h supervision = 26 h planned; March 2027 norm 176 h
    assert numbers[:3] == ["26", "176", "-150"]


def test_wishes_until_the_deadline(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login("mari")
    page = client.get("/me/requests").get_data(as_text=True)
    assert "15.02.2027" in page  # March closes on the 15th of February
    response = client.post(f"/me/requests/{YEAR}/{MONTH}/wish", data={"day": "20.03.2027", "kind": "shift_wanted",
                                                                      "shift": "O", "weight": "4"})
    assert response.status_code == 302
    with app.app_context():
        wishes = [w for w in build_team().wishes if w.person == "mari"]
        assert any(w.day == date(2027, 3, 20) and w.shift == "O" and w.weight == 4 for w in wishes)
    # a wanted shift needs the shift; the day must be in the month
    response = client.post(f"/me/requests/{YEAR}/{MONTH}/wish", data={"day": "20.04.2027", "kind": "shift_wanted",
                                                                      "weight": "4"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="shift-err"' in page and 'id="day-err"' in page
    # February closed on 15.01.2027
    response = client.post("/me/requests/2027/2/wish", data={"day": "20.02.2027", "kind": "day_off", "weight": "1"})
    assert response.status_code == 303
    with app.app_context():
        assert not [w for w in build_team().wishes if w.day.month == 2]


def test_unavailability_is_an_absence_the_lead_sees(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login("mari")
    response = client.post(f"/me/requests/{YEAR}/{MONTH}/unavailable",
                           data={"first_day": "23.03.2027", "last_day": "24.03.2027", "note": "exam"})
    assert response.status_code == 302
    with app.app_context():
        absence = next(a for a in build_team().absences if a.person == "mari")
        assert (absence.first_day, absence.last_day, absence.note) == (date(2027, 3, 23), date(2027, 3, 24), "exam")
        row_id = db.session.scalar(sa.select(m.Absence.id).where(m.Absence.by_person))
    auth.logout()
    auth.login("kadri")
    assert "exam" in client.get("/team/absences").get_data(as_text=True)
    auth.logout()
    auth.login("olga")  # not hers: 404
    assert client.post(f"/me/unavailable/{row_id}/delete").status_code == 404
    auth.logout()
    auth.login("mari")
    assert client.post(f"/me/unavailable/{row_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(m.Absence, row_id) is None


def test_a_counsellor_cannot_delete_the_lead_s_absence(app: Flask, client: Any, auth: AuthActions) -> None:
    with app.app_context():
        jaan_vacation = db.session.scalar(sa.select(m.Absence.id).join(m.Person).where(m.Person.key == "jaan"))
    auth.login("jaan")
    assert client.post(f"/me/unavailable/{jaan_vacation}/delete").status_code == 404


def test_team_rota_shows_the_published_version_without_violations(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    auth.login("mari")
    assert 'id="not-published"' in client.get(f"/rota/{YEAR}/{MONTH}").get_data(as_text=True)
    publish(app, ROWS)
    page = client.get(f"/rota/{YEAR}/{MONTH}").get_data(as_text=True)
    assert '<tr data-person="mari" class="me">' in page
    assert 'data-status=' not in page  # coverage gaps are the lead's business
    assert re.search(r'<td id="c-olga-2"[^>]*data-code="O"', page)
