"""The team lead's master data: validation next to the field, stale forms refused."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui.convert import build_team
from webui.extensions import db
from webui_support import AuthActions


def person(app: Flask, key: str) -> m.Person:
    with app.app_context():
        row = db.session.scalar(sa.select(m.Person).where(m.Person.key == key))
        db.session.expunge(row)
        return row


PERSON = {"key": "tiina", "name": "Tiina Saar", "role": "counsellor", "fte": "0.75", "languages": "et, en",
          "services": ["CL"], "may_work_nights": "y", "email": "tiina@example.ee", "username": "tiina",
          "password": "a-long-password"}


def test_add_person_who_can_then_log_in(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/people/new", data=PERSON)
    assert response.status_code == 302
    tiina = person(app, "tiina")
    assert (tiina.fte, tiina.languages, tiina.services) == (0.75, ["et", "en"], ["CL"])
    with app.app_context():
        assert build_team().person("tiina").daily_hours == 6.0
    auth.logout()
    assert auth.login("tiina", "a-long-password").status_code == 302


def test_bad_person_shows_errors_next_to_fields_and_keeps_input(client: Any, auth: AuthActions) -> None:
    auth.login()
    bad = dict(PERSON, fte="1.5", languages="Estonian", key="Bad Id", email="nope", password="short")
    response = client.post("/team/people/new", data=bad)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count('class="error"') >= 5
    assert 'value="Tiina Saar"' in page  # what was typed is kept
    assert 'id="fte-err"' in page


def test_duplicate_id_and_username_are_refused(client: Any, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/people/new", data=dict(PERSON, key="mari", username="mari"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="key-err"' in page and 'id="username-err"' in page


def test_edit_person_and_stale_form_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    page = client.get(f"/team/people/{mari.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{mari.version}"' in page
    data = {"key": "mari", "name": "Mari Tamm-Kask", "role": "counsellor", "fte": "0.8", "languages": "et, ru",
            "services": ["CL"], "username": "mari", "version": str(mari.version)}
    assert client.post(f"/team/people/{mari.id}/edit", data=data).status_code == 302
    assert person(app, "mari").name == "Mari Tamm-Kask"
    # the same (now stale) form sent again: refused, nothing overwritten
    response = client.post(f"/team/people/{mari.id}/edit", data=dict(data, name="Overwritten", fte="0.5"))
    assert response.status_code == 409
    assert "Keegi teine" in response.get_data(as_text=True) or "Someone else" in response.get_data(as_text=True)
    again = person(app, "mari")
    assert again.name == "Mari Tamm-Kask" and again.fte == 0.8


def test_deactivate_and_reactivate(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    olga = person(app, "olga")
    assert client.post(f"/team/people/{olga.id}/active", data={"version": olga.version}).status_code == 302
    assert person(app, "olga").active is False
    with app.app_context():
        assert "olga" not in {p.id for p in build_team().active_people}
    client.post(f"/team/people/{olga.id}/active", data={"version": olga.version + 1})
    assert person(app, "olga").active is True
    kadri = person(app, "kadri")
    client.post(f"/team/people/{kadri.id}/active", data={"version": kadri.version})
    assert person(app, "kadri").active is True  # not yourself


def test_services_and_shift_types(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/team/services/new", data={"code": "HH", "name": "Spiritual care", "role": "counsellor",
                                                       "channels": "phone", "languages": "et", "colour": "#8e44ad"})
    assert response.status_code == 302
    with app.app_context():
        hh = db.session.scalar(sa.select(m.Service).where(m.Service.code == "HH"))
        hh_id = hh.id
    response = client.post("/team/shift-types/new", data={"code": "H", "name": "Evening care", "service": hh_id,
                                                          "start": "16:00", "end": "24:00",
                                                          "weekdays": ["0", "1", "2", "3", "4", "5", "6"]})
    assert response.status_code == 302
    with app.app_context():
        st = build_team().shift_type("H")
        assert st.crosses_midnight and st.service == "HH"
    # bad times and colour
    response = client.post("/team/shift-types/new", data={"code": "X", "name": "X", "service": hh_id,
                                                          "start": "25:00", "end": "08:00"})
    assert response.status_code == 400 and 'id="start-err"' in response.get_data(as_text=True)
    response = client.post(f"/team/services/{hh_id}/edit", data={"code": "HH", "name": "Care", "role": "counsellor",
                                                                 "colour": "purple", "version": "1"})
    assert response.status_code == 400 and 'id="colour-err"' in response.get_data(as_text=True)


def test_coverage_need_with_language_minimum(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    with app.app_context():
        cl = db.session.scalar(sa.select(m.Service).where(m.Service.code == "CL"))
        p = db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P"))
        cl_id, p_id = cl.id, p.id
    data = {"service": cl_id, "shift": p_id, "day_type": "weekend", "minimum": "1", "desired": "2",
            "languages": "ru=1"}
    assert client.post("/team/needs/new", data=data).status_code == 302
    with app.app_context():
        need = [n for n in build_team().needs if n.day_type == "weekend"][0]
        assert need.languages[0].language == "ru" and need.desired == 2
    bad = dict(data, languages="ru=5", desired="0")
    response = client.post("/team/needs/new", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="desired-err"' in page and 'id="languages-err"' in page
    dated = dict(data, day_type="date", on_date="")
    assert 'id="on_date-err"' in client.post("/team/needs/new", data=dated).get_data(as_text=True)
    dated["on_date"] = "24.12.2027"
    assert client.post("/team/needs/new", data=dated).status_code == 302


def test_absence_add_and_delete(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    olga = person(app, "olga")
    response = client.post("/team/absences", data={"person": olga.id, "kind": "vacation", "first_day": "01.03.2027",
                                                   "last_day": "07.03.2027"})
    assert response.status_code == 302
    with app.app_context():
        absence = [a for a in build_team().absences if a.person == "olga"][0]
        assert (absence.first_day.day, absence.last_day.day) == (1, 7)
        row = db.session.scalar(sa.select(m.Absence).where(m.Absence.person_id == olga.id))
        row_id, version = row.id, row.version
    response = client.post("/team/absences", data={"person": olga.id, "kind": "vacation", "first_day": "07.03.2027",
                                                   "last_day": "01.03.2027"})
    assert response.status_code == 400 and 'id="last_day-err"' in response.get_data(as_text=True)
    response = client.post("/team/absences", data={"person": olga.id, "kind": "vacation", "first_day": "2027-13-01",
                                                   "last_day": ""})
    assert response.status_code == 400
    assert client.post(f"/team/absences/{row_id}/delete", data={"version": version}).status_code == 302
    with app.app_context():
        assert db.session.get(m.Absence, row_id) is None


def test_events_add_edit_delete(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari, olga = person(app, "mari"), person(app, "olga")
    data = {"code": "KOV", "name": "Covision", "kind": "covision", "day": "17.03.2027", "start": "12:00",
            "end": "14:00", "attendees": [mari.id, olga.id]}
    assert client.post("/team/events/new", data=data).status_code == 302
    with app.app_context():
        event = db.session.scalar(sa.select(m.Event).where(m.Event.code == "KOV"))
        event_id, version = event.id, event.version
        assert {p.key for p in event.attendees} == {"mari", "olga"}
    response = client.post(f"/team/events/{event_id}/edit", data=dict(data, end="11:00", version=version))
    assert response.status_code == 400 and 'id="end-err"' in response.get_data(as_text=True)
    response = client.post(f"/team/events/{event_id}/edit", data=dict(data, attendees=[mari.id], version=version))
    assert response.status_code == 302
    assert client.post(f"/team/events/{event_id}/delete", data={"version": version}).status_code == 302  # stale
    with app.app_context():
        assert db.session.get(m.Event, event_id) is not None
    assert client.post(f"/team/events/{event_id}/delete", data={"version": version + 1}).status_code == 302
    with app.app_context():
        assert db.session.get(m.Event, event_id) is None


def test_settings_and_wish_deadline(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/settings").get_data(as_text=True)
    assert 'name="wish_deadline_day"' in page
    data = {"name": "Test team", "wish_deadline_day": "20", "solve_seconds": "30", "accounting_period_months": "3",
            "weekly_rest_hours": "47", "break_counts_as_work": "y", "holidays_reduce_norm": "y", "version": "1"}
    assert client.post("/team/settings", data=data).status_code == 302
    with app.app_context():
        team = build_team()
        assert team.settings.accounting_period_months == 3 and team.settings.weekly_rest_hours == 47.0
    assert client.post("/team/settings", data=data).status_code == 409  # stale now
    response = client.post("/team/settings", data=dict(data, wish_deadline_day="31", version="2"))
    assert response.status_code == 400 and 'id="wish_deadline_day-err"' in response.get_data(as_text=True)


def test_lead_sees_the_team_s_wishes(client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/wishes").get_data(as_text=True)
    assert "Mari Tamm" in page and "06.03.2027" in page
