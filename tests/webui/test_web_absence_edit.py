"""Editing a stored absence (a team lead extending a sick leave): lead only, CSRF, stale
forms refused, errors next to the fields and nothing saved on an error."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui import rotas
from webui.convert import absence_of_row, assignment, build_team
from webui.extensions import db
from webui_support import AuthActions, csrf_token, store


def key_id(app: Flask, key: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(m.Person.id).where(m.Person.key == key))


def add_sick_leave(app: Flask, key: str = "olga") -> int:
    with app.app_context():
        row = m.Absence(person_id=key_id(app, key), kind="sick", first_day=date(2027, 3, 8),
                        last_day=date(2027, 3, 10), note="flu")
        db.session.add(row)
        db.session.commit()
        return row.id


def stored(app: Flask, absence_id: int) -> tuple[Any, ...]:
    with app.app_context():
        a = db.session.get(m.Absence, absence_id)
        return (a.person_id, a.kind, a.first_day, a.last_day, a.start_time, a.end_time, a.note, a.version)


def form_data(app: Flask, **changes: Any) -> dict[str, Any]:
    data = {"person": key_id(app, "olga"), "kind": "sick", "first_day": "08.03.2027", "last_day": "14.03.2027",
            "start_time": "", "end_time": "", "note": "flu, extended", "version": "1"}
    data.update(changes)
    return data


def test_lead_extends_a_sick_leave(app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = add_sick_leave(app)
    auth.login()
    listing = client.get("/team/absences").get_data(as_text=True)
    assert f'href="/team/absences/{absence_id}/edit"' in listing
    page = client.get(f"/team/absences/{absence_id}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="08.03.2027"' in html and 'value="10.03.2027"' in html and 'value="flu"' in html
    assert 'name="version" type="hidden" value="1"' in html
    response = client.post(f"/team/absences/{absence_id}/edit", data=form_data(app))
    assert response.status_code == 302 and response.headers["Location"].endswith("/team/absences")
    assert stored(app, absence_id) == (key_id(app, "olga"), "sick", date(2027, 3, 8), date(2027, 3, 14),
                                       None, None, "flu, extended", 2)
    with app.app_context():
        olga = [a for a in build_team().absences if a.person == "olga"]
        assert [(a.first_day, a.last_day) for a in olga] == [(date(2027, 3, 8), date(2027, 3, 14))]
    # part of a day, another person, another kind
    response = client.post(f"/team/absences/{absence_id}/edit",
                           data=form_data(app, person=key_id(app, "mari"), kind="training", first_day="09.03.2027",
                                          last_day="09.03.2027", start_time="09:00", end_time="12:30", version="2"))
    assert response.status_code == 302
    assert stored(app, absence_id)[:6] == (key_id(app, "mari"), "training", date(2027, 3, 9), date(2027, 3, 9),
                                           time(9, 0), time(12, 30))


def test_errors_next_to_the_fields_and_nothing_saved(app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = add_sick_leave(app)
    before = stored(app, absence_id)
    auth.login()
    url = f"/team/absences/{absence_id}/edit"
    # the end before the start
    response = client.post(url, data=form_data(app, first_day="14.03.2027", last_day="08.03.2027"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="last_day-err"' in html and 'value="14.03.2027"' in html  # the input is kept
    # an unknown person, a person who has left, a malformed one
    with app.app_context():
        piret = db.session.scalar(sa.select(m.Person).where(m.Person.key == "piret"))
        piret.active = False
        db.session.commit()
    for who in (99999, key_id(app, "piret"), "nobody"):
        response = client.post(url, data=form_data(app, person=who))
        assert response.status_code == 400, who
        assert 'id="person-err"' in response.get_data(as_text=True), who
    # one time without the other, a malformed date
    response = client.post(url, data=form_data(app, start_time="09:00"))
    assert response.status_code == 400 and 'id="end_time-err"' in response.get_data(as_text=True)
    response = client.post(url, data=form_data(app, first_day="2027-13-01"))
    assert response.status_code == 400 and 'id="first_day-err"' in response.get_data(as_text=True)
    assert stored(app, absence_id) == before


def test_stale_form_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = add_sick_leave(app)
    auth.login()
    url = f"/team/absences/{absence_id}/edit"
    assert client.post(url, data=form_data(app)).status_code == 302  # version 1 → 2
    # the same (now stale) form with other dates: refused, nothing overwritten
    response = client.post(url, data=form_data(app, last_day="31.03.2027", note="overwritten"))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'name="version" type="hidden" value="2"' in html and 'value="14.03.2027"' in html  # the current values
    assert stored(app, absence_id)[3:] == (date(2027, 3, 14), None, None, "flu, extended", 2)
    # no version at all is stale too
    data = form_data(app, last_day="31.03.2027")
    del data["version"]
    assert client.post(url, data=data).status_code == 409
    assert stored(app, absence_id)[3] == date(2027, 3, 14)


def test_lead_only_and_unknown_absence(app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = add_sick_leave(app)
    url = f"/team/absences/{absence_id}/edit"
    assert "/login" in client.get(url).headers["Location"]
    auth.login("mari")
    assert client.get(url).status_code == 403
    assert client.post(url, data=form_data(app)).status_code == 403
    auth.logout()
    auth.login()
    assert client.get("/team/absences/99999/edit").status_code == 404
    assert client.post("/team/absences/99999/edit", data=form_data(app)).status_code == 404
    assert stored(app, absence_id)[-1] == 1


def test_absence_of_a_deactivated_person_stays_editable(app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = add_sick_leave(app)
    with app.app_context():
        db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga")).active = False
        db.session.commit()
    auth.login()
    assert "Olga" in client.get(f"/team/absences/{absence_id}/edit").get_data(as_text=True)
    assert client.post(f"/team/absences/{absence_id}/edit", data=form_data(app)).status_code == 302
    assert stored(app, absence_id)[3] == date(2027, 3, 14)


def test_edit_needs_the_csrf_token(make_app: Any) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    absence_id = add_sick_leave(app)
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"username": "kadri", "password": "demo-kadri",
                                       "csrf_token": token}).status_code == 302
    url = f"/team/absences/{absence_id}/edit"
    assert client.post(url, data=form_data(app)).status_code == 400
    assert stored(app, absence_id)[3] == date(2027, 3, 10)
    page = client.get(url).get_data(as_text=True)
    assert client.post(url, data=form_data(app, csrf_token=csrf_token(page))).status_code == 302
    assert stored(app, absence_id)[3] == date(2027, 3, 14)


# --- a counsellor's own unavailability the lead changes -------------------------------------------

def _mari_unavailable(app: Flask, client: Any, auth: AuthActions) -> int:
    """Mari's own unavailability on 22.–24.03.2027 (entered on her page), then March published
    with her on the day shift of the 2nd and the 25th; logged in as the lead afterwards."""
    auth.login("mari")
    response = client.post("/me/requests/2027/3/unavailable",
                           data={"first_day": "22.03.2027", "last_day": "24.03.2027", "note": "exam"})
    assert response.status_code == 302
    auth.logout()
    with app.app_context():
        team = build_team()
        store(app, [assignment(team, "mari", date(2027, 3, day), "P") for day in (2, 25)], publish=True)
        absence_id = db.session.scalar(sa.select(m.Absence.id).where(m.Absence.by_person))
    auth.login()
    return absence_id


def _as_scheduler_reads_it(app: Flask, absence_id: int) -> tuple[Any, ...]:
    with app.app_context():
        row = db.session.get(m.Absence, absence_id)
        absence = absence_of_row(row)
        return row.by_person, absence.reduces_norm, absence.rota_month, absence.scheduled_hours


def test_the_lead_giving_an_unavailability_a_kind_makes_it_the_lead_s_absence(
        app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = _mari_unavailable(app, client, auth)
    url = f"/team/absences/{absence_id}/edit"
    mari = key_id(app, "mari")
    assert "Inimese enda sisestatud mittesaadavus" in client.get(url).get_data(as_text=True)
    # its days or note changed: still hers (a request, no norm lowered)
    response = client.post(url, data=form_data(app, person=mari, kind="other", first_day="22.03.2027",
                                               last_day="24.03.2027", note="exam, both days", version="1"))
    assert response.status_code == 302
    assert _as_scheduler_reads_it(app, absence_id) == (True, False, None, None)
    # sick leave over it, to the 25th: the lead's absence, entered now, lowering the norm and
    # keeping the 8 h the published rota had planned for her on the 25th
    response = client.post(url, data=form_data(app, person=mari, kind="sick", first_day="22.03.2027",
                                               last_day="25.03.2027", version="2"))
    assert response.status_code == 302
    assert _as_scheduler_reads_it(app, absence_id) == (False, True, (2027, 3), 8.0)
    listing = client.get("/team/absences").get_data(as_text=True)
    assert "inimese enda sisestatud" not in listing
    assert "Inimese enda sisestatud" not in client.get(url).get_data(as_text=True)
    with app.app_context():
        _shifts, report = rotas.check(build_team(), None, 2027, 3)  # the absences as they are now
        assert report.person("mari").norm_hours == 176.0 - 4 * 8
    # Mari can no longer delete it, though the month is published (hers she still could)
    auth.logout()
    auth.login("mari")
    assert f"/me/unavailable/{absence_id}/delete" not in client.get("/me/requests?month=2027-03").get_data(
        as_text=True)
    assert client.post(f"/me/unavailable/{absence_id}/delete").status_code == 404
    with app.app_context():
        assert db.session.get(m.Absence, absence_id) is not None


def test_the_lead_giving_an_unavailability_to_another_person_makes_it_the_lead_s(
        app: Flask, client: Any, auth: AuthActions) -> None:
    absence_id = _mari_unavailable(app, client, auth)
    response = client.post(f"/team/absences/{absence_id}/edit",
                           data=form_data(app, person=key_id(app, "olga"), kind="other", first_day="22.03.2027",
                                          last_day="24.03.2027", version="1"))
    assert response.status_code == 302
    by_person, reduces_norm, _month, _hours = _as_scheduler_reads_it(app, absence_id)
    assert (by_person, reduces_norm) == (False, True)
