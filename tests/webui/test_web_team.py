"""The team lead's master data: validation next to the field, stale forms refused."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui.convert import build_team, team_row
from webui.extensions import db
from webui_support import AuthActions


def _service_id(app: Flask, code: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(m.Service.id).where(m.Service.code == code))


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


def _person_data(row: m.Person, **changes: Any) -> dict[str, Any]:
    data = {"key": row.key, "name": row.name, "role": row.role, "fte": str(row.fte),
            "languages": ", ".join(row.languages), "services": row.services, "username": row.username or "",
            "may_work_nights": "y" if row.may_work_nights else "", "version": str(row.version)}
    data.update(changes)
    return data


def test_the_last_team_lead_with_a_login_cannot_be_demoted(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    kadri = person(app, "kadri")
    response = client.post(f"/team/people/{kadri.id}/edit", data=_person_data(kadri, role="counsellor"))
    assert response.status_code == 400 and 'id="role-err"' in response.get_data(as_text=True)
    assert "Kadri Sepp" in response.get_data(as_text=True)
    response = client.post(f"/team/people/{kadri.id}/edit", data=_person_data(kadri, username=""))
    assert response.status_code == 400 and 'id="username-err"' in response.get_data(as_text=True)
    assert person(app, "kadri").role == m.ROLE_LEAD and person(app, "kadri").username == "kadri"
    assert client.get("/team/people").status_code == 200  # still a team lead
    # with a second lead who can log in, the first may hand the role over
    mari = person(app, "mari")
    assert client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, role="team_lead")).status_code == 302
    kadri = person(app, "kadri")
    assert client.post(f"/team/people/{kadri.id}/edit", data=_person_data(kadri, role="counsellor")).status_code == 302
    assert person(app, "kadri").role == m.ROLE_COUNSELLOR


def test_the_last_team_lead_with_a_login_cannot_be_deactivated(app: Flask, client: Any, auth: AuthActions) -> None:
    with app.app_context():  # a second lead, who can log in
        mari = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        mari.role = m.ROLE_LEAD
        db.session.commit()
    auth.login("mari")
    kadri = person(app, "kadri")
    with app.app_context():  # kadri's login is taken away: mari is the only lead who can log in
        row = db.session.get(m.Person, kadri.id)
        row.password_hash = None
        db.session.commit()
    mari = person(app, "mari")
    # kadri (a lead without a login) can go; mari cannot demote herself
    assert client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, role="counsellor")).status_code == 400
    assert client.post(f"/team/people/{kadri.id}/active", data={"version": kadri.version}).status_code == 302
    assert person(app, "kadri").active is False


def test_load_takes_a_decimal_comma_and_says_what_is_wrong(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    mari = person(app, "mari")
    assert client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, fte="0,5")).status_code == 302
    assert person(app, "mari").fte == 0.5
    mari = person(app, "mari")
    for value, message, not_said in (("abc", "Oodati arvu.", "Vahemikus"), ("0", "Vahemikus 0,1 kuni 1,0.", "Oodati"),
                                     ("1,5", "Vahemikus 0,1 kuni 1,0.", "Oodati"), ("", "", "Oodati")):
        response = client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, fte=value))
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and 'id="fte-err"' in page, value
        reason = page.split('id="fte-err"')[1][:300]
        assert message in reason and not_said not in reason, (value, reason)
    assert person(app, "mari").fte == 0.5


def test_dates_outside_2000_to_2100_are_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    with app.app_context():
        mari_id = db.session.scalar(sa.select(m.Person.id).where(m.Person.key == "mari"))
    response = client.post("/team/absences", data={"person": mari_id, "kind": "vacation", "first_day": "30.12.9999",
                                                   "last_day": "31.12.9999"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="first_day-err"' in page and 'id="last_day-err"' in page
    assert "31.12.2100" in page
    response = client.post("/team/events/new", data={"code": "X", "name": "X", "kind": "meeting",
                                                     "day": "31.12.9999", "start": "10:00", "end": "11:00",
                                                     "attendees": [mari_id]})
    assert response.status_code == 400 and 'id="day-err"' in response.get_data(as_text=True)
    response = client.post("/team/absences", data={"person": mari_id, "kind": "vacation", "first_day": "01.01.1999",
                                                   "last_day": "02.01.1999"})
    assert response.status_code == 400
    with app.app_context():
        assert not [a for a in build_team().absences if a.first_day.year > 2100 or a.first_day.year < 2000]
    assert client.get("/plan/2027/3").status_code == 200


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


def test_24_hour_shift_type_only_under_the_long_shift_switch(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    line_id = _service_id(app, "CL")
    data = {"code": "X24", "name": "24 h", "service": line_id, "start": "08:00", "end": "08:00",
            "weekdays": ["0", "1", "2", "3", "4", "5", "6"]}
    response = client.post("/team/shift-types/new", data=data)
    assert response.status_code == 400 and 'id="end-err"' in response.get_data(as_text=True)
    assert "pikki vahetusi" in response.get_data(as_text=True)  # Estonian by default
    with app.app_context():
        row = team_row()
        row.settings = {**(row.settings or {}), "long_shifts_allowed": True}
        db.session.commit()
    assert client.post("/team/shift-types/new", data=data).status_code == 302
    with app.app_context():
        assert build_team().shift_type("X24").elapsed_hours(date(2027, 3, 2)) == 24


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


def test_a_name_that_a_spreadsheet_would_run_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    """Names go into the XLSX and payroll CSV: one starting with =, +, - or @ is refused next
    to the field (``=HYPERLINK(…)`` ran when payroll opened the export), and an id must start
    with a letter or digit."""
    auth.login()
    mari = person(app, "mari")
    data = {"key": "mari", "name": '=HYPERLINK("http://evil.example","x")', "role": "counsellor", "fte": "1",
            "languages": "et, ru", "services": ["CL"], "username": "mari", "version": str(mari.version)}
    response = client.post(f"/team/people/{mari.id}/edit", data=data)
    assert response.status_code == 400 and 'id="name-err"' in response.get_data(as_text=True)
    response = client.post(f"/team/people/{mari.id}/edit", data=dict(data, name="Mari", key="-mari"))
    assert response.status_code == 400 and 'id="key-err"' in response.get_data(as_text=True)
    assert person(app, "mari").name != data["name"]


def test_a_shift_type_at_a_time_the_spring_night_skips_is_refused(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    """A shift type 03:00–11:00 was saved silently and paid 0 h on the last Sunday of March."""
    auth.login()
    line_id = _service_id(app, "CL")
    data = {"code": "Y", "name": "Early", "service": line_id, "start": "03:00", "end": "11:00",
            "weekdays": ["0", "1", "2", "3", "4", "5", "6"]}
    response = client.post("/team/shift-types/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="start-err"' in page
    assert "Kellaaega 03:00 märtsi viimasel pühapäeval ei ole" in page  # Estonian by default
    assert client.post("/team/shift-types/new", data=dict(data, start="04:00")).status_code == 302


def test_a_person_edit_that_breaks_a_rota_ahead_says_so(app: Flask, client: Any, auth: AuthActions) -> None:
    """Mari has P in the March draft; taking the line CL from her services was saved with
    "Mari Tamm saved." alone and the lead found 2 hard violations on the month page later (an
    onboarding review; deactivating her is refused outright). The save now warns, naming the
    month, the version and the first finding. An edit that breaks nothing new says nothing."""
    from webui import rotas

    with app.app_context():
        draft = rotas.ensure_draft(2027, 3)
        mari_row = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        for day in (2, 4):
            rotas.set_cell(draft, mari_row, date(2027, 3, day), "P", pinned=False)
        db.session.commit()
    auth.login()
    client.post("/language", data={"lang": "en"})
    mari = person(app, "mari")
    page = client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, name="Mari Tamm"),
                       follow_redirects=True).get_data(as_text=True)
    assert "now breaks" not in page
    mari = person(app, "mari")
    page = client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, services=[]),
                       follow_redirects=True).get_data(as_text=True)
    assert "03.2027 (draft) now breaks 2 rules, first: Mari Tamm: P" in " ".join(page.split())


def test_a_shift_type_in_use_can_be_retired(app: Flask, client: Any, auth: AuthActions) -> None:
    """A shift type in published history cannot be deleted, and the form refused an empty
    weekday list, so a team kept offering a shift it no longer runs (an onboarding review). No
    weekday now retires it: refused while a coverage need asks for it; once retired it is no
    longer offered for new needs, wishes or cells (only where a cell holds it), the services
    page says so, and a rota ahead holding it is named as broken."""
    from webui import rotas

    auth.login()
    client.post("/language", data={"lang": "en"})
    with app.app_context():
        line_id = db.session.scalar(sa.select(m.Service).where(m.Service.code == "CL")).id
        p_type = db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P"))
        p_id, p_version = p_type.id, p_type.version
    data = {"code": "P", "name": "Day", "service": line_id, "start": "08:00", "end": "16:00", "weekdays": [],
            "version": str(p_version)}
    response = client.post(f"/team/shift-types/{p_id}/edit", data=data)
    assert response.status_code == 400 and "need asks for P: change or delete it first" in response.get_data(as_text=True)
    new = {"code": "X", "name": "Extra", "service": line_id, "start": "10:00", "end": "14:00",
           "weekdays": ["0", "1", "2", "3", "4", "5", "6"]}
    assert client.post("/team/shift-types/new", data=dict(new, weekdays=[])).status_code == 400  # not new
    assert client.post("/team/shift-types/new", data=new).status_code == 302
    with app.app_context():
        x_type = db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "X"))
        draft = rotas.ensure_draft(2027, 3)
        mari_row = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        rotas.set_cell(draft, mari_row, date(2027, 3, 3), "X", pinned=False)
        db.session.commit()
        x_id, x_version = x_type.id, x_type.version
    response = client.post(f"/team/shift-types/{x_id}/edit", data=dict(new, weekdays=[], version=str(x_version)),
                           follow_redirects=True)
    page = " ".join(response.get_data(as_text=True).split())
    assert "Shift type X saved." in page and "03.2027 (draft) now breaks 1 rule" in page
    assert "<em>retired</em>" in client.get("/team/services").get_data(as_text=True)
    assert 'value="' + str(x_id) + '"' not in client.get("/team/needs/new").get_data(as_text=True)
    held = client.get("/plan/2027/3/cell?person=mari&day=2027-03-03").get_data(as_text=True)
    other = client.get("/plan/2027/3/cell?person=mari&day=2027-03-04").get_data(as_text=True)
    assert 'value="X"' in held and 'value="X"' not in other


def test_an_edit_the_rules_do_not_read_is_not_checked_and_old_breaches_are_not_new(
        app: Flask, client: Any, auth: AuthActions, monkeypatch: Any) -> None:
    """Saving a person re-checked every month ahead twice, whatever changed (8.6 s with a year
    of rotas), and a rename flashed a breach that was there before as new (its words changed;
    a review). A name or e-mail change checks nothing; a change the rules read compares by
    rule, person and moment."""
    from webui import rotas
    from webui import team as team_view

    with app.app_context():
        draft = rotas.ensure_draft(2027, 3)
        mari_row = db.session.scalar(sa.select(m.Person).where(m.Person.key == "mari"))
        rotas.set_cell(draft, mari_row, date(2027, 3, 2), "O", pinned=False)  # ends 24:00
        rotas.set_cell(draft, mari_row, date(2027, 3, 3), "P", pinned=False)  # 8 h rest: a breach
        db.session.commit()
    calls: list[int] = []
    checked = team_view._hard_findings_ahead
    monkeypatch.setattr(team_view, "_hard_findings_ahead", lambda: calls.append(1) or checked())
    auth.login()
    client.post("/language", data={"lang": "en"})
    mari = person(app, "mari")
    page = client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, name="Mari Kask",
                                                                       email="mari@example.ee"),
                       follow_redirects=True).get_data(as_text=True)
    assert calls == [] and "now breaks" not in page
    mari = person(app, "mari")
    page = client.post(f"/team/people/{mari.id}/edit", data=_person_data(mari, key="mari2"),
                       follow_redirects=True).get_data(as_text=True)
    assert len(calls) == 2 and "now breaks" not in page  # the same breach, under a new id


def test_a_shift_type_alone_in_a_window_need_is_not_retired_and_its_wishes_go(app: Flask, client: Any,
                                                                              auth: AuthActions) -> None:
    """Retiring was refused only while a need named the shift type: a window need that only
    it runs in (VJ 18:00–19:00, the desk's J runs 09:00–17:00) was left unmeetable, every day
    a hard violation; and wishes for it stayed, never to be met (a review)."""
    auth.login()
    client.post("/language", data={"lang": "en"})
    with app.app_context():
        desk = db.session.scalar(sa.select(m.Service).where(m.Service.code == "VJ"))
        late = m.ShiftType(code="JL", name="Late desk", service_id=desk.id, start=time(17), end=time(20),
                           weekdays=[0, 1, 2, 3, 4])
        db.session.add(late)
        db.session.add(m.Need(service_id=desk.id, window_start=time(18), window_end=time(19), day_type="weekday",
                              minimum=1, desired=1, languages={}))
        kadri = db.session.scalar(sa.select(m.Person).where(m.Person.key == "kadri"))
        db.session.add(m.Wish(person_id=kadri.id, day=date(2027, 3, 10), kind="shift_wanted", shift_code="JL",
                              weight=3))
        db.session.commit()
        late_id, late_version, desk_id = late.id, late.version, desk.id
    data = {"code": "JL", "name": "Late desk", "service": desk_id, "start": "17:00", "end": "20:00", "weekdays": [],
            "version": str(late_version)}
    response = client.post(f"/team/shift-types/{late_id}/edit", data=data)
    assert response.status_code == 400
    assert "Only JL runs in the window 18:00–19:00 of a coverage need" in response.get_data(as_text=True)
    with app.app_context():
        db.session.execute(sa.delete(m.Need).where(m.Need.window_start == time(18)))
        db.session.commit()
    page = client.post(f"/team/shift-types/{late_id}/edit", data=data, follow_redirects=True).get_data(as_text=True)
    assert "1 wish for JL from today on was removed: the shift type is retired." in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(m.Wish).where(m.Wish.shift_code == "JL")) == 0
