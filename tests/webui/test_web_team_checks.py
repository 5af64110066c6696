"""Team data checks from an exploratory test: deactivating a person who still has duties
ahead says which months to re-plan, language codes typed in capitals are taken in lower
case, and a service's channels have a length limit."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui import rotas
from webui.convert import assignment, build_team
from webui.extensions import db
from webui_support import MONTH, YEAR, AuthActions

PERSON = {"key": "tiina", "name": "Tiina Saar", "role": "counsellor", "fte": "1", "services": ["CL"],
          "may_work_nights": "y", "username": "", "password": ""}
SERVICE = {"code": "HH", "name": "Spiritual care", "role": "counsellor", "channels": "phone, chat",
           "languages": "et", "colour": "#8e44ad"}


def english(client: Any, auth: AuthActions, user: str = "kadri") -> None:
    auth.login(user)
    client.post("/language", data={"lang": "en"})


def row(app: Flask, model: Any, **where: Any) -> Any:
    """The (last) row of ``model`` with these column values, detached from the session."""
    with app.app_context():
        query = sa.select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        found = db.session.scalars(query.order_by(model.id.desc())).first()
        if found is not None:
            db.session.expunge(found)
        return found


def flashes(page: str, category: str) -> list[str]:
    """The flashed messages of ``category`` on the page, unescaped."""
    return [html.unescape(t) for t in re.findall(rf'<li class="flash {category}">([^<]*)</li>', page)]


def errors(page: str, field: str) -> list[str]:
    """The messages shown next to ``field``."""
    return [html.unescape(t) for t in
            re.findall(rf'<div class="error" id="{field}-err" role="alert">([^<]*)</div>', page)]


def draft_with(app: Flask, year: int, month: int, duties: list[tuple[str, date]], publish: bool = False) -> None:
    """A draft of the month with P shifts on these (person, day)s; published when ``publish``."""
    with app.app_context():
        team = build_team()
        draft = rotas.store_draft(year, month, [assignment(team, key, day, "P") for key, day in duties],
                                  source="solve")
        if publish:
            rotas.publish(draft, None)
        db.session.commit()


def toggle_active(client: Any, person: m.Person) -> str:
    response = client.post(f"/team/people/{person.id}/active", data={"version": person.version},
                           follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# --- 1. deactivating a person who has duties ahead --------------------------------------------

def test_deactivation_is_refused_while_the_person_has_duties_this_month_or_later(
        app: Flask, client: Any, auth: AuthActions) -> None:
    """An inactive person's duties are hard violations and the solver plans only active
    people, so deactivating Olga mid-month left a month that could not be corrected or
    re-solved without losing the shifts she worked (an exploratory test). Her leaving is an
    absence and a re-plan; she is deactivated when her last month with duties is over."""
    # "today" is 10.02.2027: January is past; February counts from its first day on
    draft_with(app, 2027, 1, [("olga", date(2027, 1, 20))], publish=True)
    draft_with(app, 2027, 2, [("olga", date(2027, 2, 5)), ("mari", date(2027, 2, 21))])
    draft_with(app, YEAR, MONTH, [("olga", date(YEAR, MONTH, d)) for d in (2, 3, 4)], publish=True)
    draft_with(app, YEAR, MONTH, [("olga", date(YEAR, MONTH, d)) for d in (2, 3)] + [("mari", date(YEAR, MONTH, 4))])
    english(client, auth)
    page = toggle_active(client, row(app, m.Person, key="olga"))
    assert flashes(page, "error") == [
        "Olga Ivanova has 1 duty (draft) in 02.2027: not deactivated. Enter their absence from the day after their "
        "last working day (Absences) and re-plan that month; deactivate them when it is over.",
        "Olga Ivanova has 3 duties (published), 2 duties (draft) in 03.2027: not deactivated. Enter their absence "
        "from the day after their last working day (Absences) and re-plan that month; deactivate them when it is "
        "over."]
    assert not flashes(page, "success") and row(app, m.Person, key="olga").active is True
    # without duties from this month on (January is over): deactivated, and active again
    with app.app_context():
        for rota in db.session.scalars(sa.select(m.Rota).where(m.Rota.year * 12 + m.Rota.month >= 2027 * 12 + 2)):
            db.session.delete(rota)
        db.session.commit()
    page = toggle_active(client, row(app, m.Person, key="olga"))
    assert flashes(page, "success") == ["Olga Ivanova was deactivated."] and not flashes(page, "error")
    page = toggle_active(client, row(app, m.Person, key="olga"))
    assert flashes(page, "success") == ["Olga Ivanova is active again."]


def test_deactivation_refusal_is_estonian_by_default(app: Flask, client: Any, auth: AuthActions) -> None:
    draft_with(app, YEAR, MONTH, [("olga", date(YEAR, MONTH, 2))], publish=True)
    auth.login()
    page = toggle_active(client, row(app, m.Person, key="olga"))
    [refusal] = flashes(page, "error")
    assert "03.2027" in refusal and "Olga Ivanova" in refusal and "ei deaktiveeritud" in refusal


# --- 2. language codes typed in capitals ------------------------------------------------------

def test_language_codes_in_capitals_are_taken_in_lower_case(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    assert client.post("/team/people/new", data=dict(PERSON, languages="ET, Ru")).status_code == 302
    assert row(app, m.Person, key="tiina").languages == ["et", "ru"]
    # what is no code in lower case either is refused as before
    response = client.post("/team/people/new", data=dict(PERSON, key="toomas", languages="ET, XX"))
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "languages") == ["Use two-letter language codes such as et, "
                                                                     "ru, en."]
    # a service's languages and a need's language minima
    assert client.post("/team/services/new", data=dict(SERVICE, languages="EN, Et")).status_code == 302
    assert row(app, m.Service, code="HH").languages == ["en", "et"]
    need = {"service": row(app, m.Service, code="CL").id, "shift": row(app, m.ShiftType, code="P").id,
            "day_type": "weekend", "minimum": "2", "desired": "2", "languages": "RU=1, En=1"}
    assert client.post("/team/needs/new", data=need).status_code == 302
    weekend = row(app, m.Need, day_type="weekend")
    assert weekend.languages == {"ru": 1, "en": 1}
    # the edit pages still open with the stored codes
    tiina, hh = row(app, m.Person, key="tiina"), row(app, m.Service, code="HH")
    for url in (f"/team/people/{tiina.id}/edit", f"/team/services/{hh.id}/edit", f"/team/needs/{weekend.id}/edit"):
        assert client.get(url).status_code == 200, url
    response = client.post("/team/needs/new", data=dict(need, day_type="holiday", languages="XX=1"))
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "languages") == ["Write language=count pairs, e.g. ru=1, en=1."]


# --- 3. a service's channels ------------------------------------------------------------------

def test_service_channels_have_a_length_limit(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    response = client.post("/team/services/new", data=dict(SERVICE, channels="x" * 5000))
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "channels") == ["Field cannot be longer than 200 characters."]
    assert row(app, m.Service, code="HH") is None
    assert client.post("/team/services/new", data=dict(SERVICE, channels="phone, " + "c" * 193)).status_code == 302
    assert row(app, m.Service, code="HH").channels == ["phone", "c" * 193]


def test_an_event_names_the_attendees_who_are_away(app: Flask, client: Any, auth: AuthActions) -> None:
    """An event booked for someone away is saved with a warning naming them and the absence
    (the grid shows the absence, not the event); one with nobody away warns of nothing."""
    english(client, auth)
    jaan, olga = row(app, m.Person, key="jaan"), row(app, m.Person, key="olga")  # jaan: vacation 15.–19.03
    data = {"code": "SUP2", "name": "Supervision", "kind": "supervision", "day": "17.03.2027", "start": "10:00",
            "end": "12:00", "attendees": [jaan.id, olga.id]}
    page = client.post("/team/events/new", data=data, follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "success") == ["Event saved."]
    assert flashes(page, "warning") == [
        "Jaan Kask is away then (vacation 15.03.2027–19.03.2027): they will not attend."]
    event = row(app, m.Event, code="SUP2")
    edited = dict(data, day="20.03.2027", end="00:00", version=event.version)  # after the vacation
    page = client.post(f"/team/events/{event.id}/edit", data=edited, follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "success") == ["Event saved."] and flashes(page, "warning") == []
    with app.app_context():  # an event up to 24:00 on the day before an absence: nobody away
        db.session.add(m.Absence(person_id=olga.id, kind="sick", first_day=date(2027, 3, 21),
                                 last_day=date(2027, 3, 21)))
        db.session.commit()
    page = client.post(f"/team/events/{event.id}/edit", data=dict(edited, version=event.version + 1),
                       follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "warning") == []


def test_an_event_past_midnight_is_refused_saying_why(app: Flask, client: Any, auth: AuthActions) -> None:
    """An event has one day (domain and team file alike): one running past midnight is
    refused with a message that says so and what to do, in both languages; until 24:00 is fine."""
    auth.login()
    olga = row(app, m.Person, key="olga")
    data = {"code": "KOOL", "name": "Night training", "kind": "training", "day": "14.10.2027", "start": "20:00",
            "end": "02:00", "attendees": [olga.id]}
    response = client.post("/team/events/new", data=data)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "end") == [
        "Sündmus lõpeb samal päeval (kõige hiljem kell 24:00): üle kesköö kestev sündmus sisesta kahe sündmusena."]
    client.post("/language", data={"lang": "en"})
    response = client.post("/team/events/new", data=data)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "end") == [
        "An event ends on its own day (at 24:00 at the latest): enter one that runs past midnight as two events."]
    response = client.post("/team/events/new", data=dict(data, end="20:00"))
    assert errors(response.get_data(as_text=True), "end") == ["The end is not after the start."]
    assert client.post("/team/events/new", data=dict(data, end="24:00")).status_code == 302


def test_an_event_names_the_attendees_outside_their_contract(app: Flask, client: Any, auth: AuthActions) -> None:
    """Olga starts on 15.03: a supervision on 11.03 with her is saved with a warning, her grid
    cell does not show it and her own month does not list it (the checker and the solver do
    not count it: a review found both still showing it)."""
    english(client, auth)
    olga = row(app, m.Person, key="olga")
    with app.app_context():
        db.session.get(m.Person, olga.id).employed_from = date(2027, 3, 15)
        db.session.commit()
    data = {"code": "SUP3", "name": "Supervision", "kind": "supervision", "day": "11.03.2027", "start": "10:00",
            "end": "12:00", "attendees": [olga.id]}
    page = client.post("/team/events/new", data=data, follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "success") == ["Event saved."], page
    assert flashes(page, "warning") == [
        "Olga Ivanova is not employed on 11.03.2027 (contract dates): they will not attend."]
    grid = client.get("/plan/2027/3").get_data(as_text=True)
    cell = grid[grid.index('id="c-olga-11"'):]
    assert "SUP3" not in cell[:cell.index("</td>")]


def test_the_lead_enters_and_deletes_a_wish_for_someone(app: Flask, client: Any, auth: AuthActions) -> None:
    """/team/wishes was read-only: a wish asked by phone, or of someone without a login, could
    not be entered at all (an onboarding review). The lead enters one for Olga, checked as her
    own would be (a shift of a service she does not work on is refused naming her), without
    the request deadline, and deletes it."""
    english(client, auth)
    olga = row(app, m.Person, key="olga")
    data = {"person": olga.id, "day": "10.03.2027", "kind": "day_off", "shift": "", "weight": "5"}
    page = client.post("/team/wishes/new", data=data, follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "success") == ["Wish saved for Olga Ivanova."]
    wish = row(app, m.Wish, person_id=olga.id)
    assert (wish.day, wish.kind, wish.weight) == (date(2027, 3, 10), "day_off", 5)
    again = client.post("/team/wishes/new", data=data)
    assert again.status_code == 400 and "Olga Ivanova already has this wish for 10.03.2027" in again.get_data(
        as_text=True)
    desk = client.post("/team/wishes/new", data=dict(data, day="11.03.2027", kind="shift_wanted", shift="J"))
    assert desk.status_code == 400 and "Olga Ivanova does not work on J" in desk.get_data(as_text=True)
    page = client.post(f"/team/wishes/{wish.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert flashes(page, "success") == ["Wish of Olga Ivanova deleted."]
    with app.app_context():
        assert db.session.get(m.Wish, wish.id) is None


def test_a_wish_the_lead_enters_is_of_a_day_ahead_within_the_contract(app: Flask, client: Any,
                                                                      auth: AuthActions) -> None:
    """The lead's wish form saved wishes of past days, which its list (from this month on)
    never shows again, and of days after someone's contract (a review)."""
    english(client, auth)
    olga = row(app, m.Person, key="olga")
    with app.app_context():
        db.session.get(m.Person, olga.id).employed_until = date(2027, 3, 20)
        db.session.commit()
    data = {"person": olga.id, "day": "05.01.2027", "kind": "day_off", "shift": "", "weight": "5"}
    past = client.post("/team/wishes/new", data=data)
    assert past.status_code == 400 and "Choose a day from today on." in past.get_data(as_text=True)
    after = client.post("/team/wishes/new", data=dict(data, day="25.03.2027"))
    assert after.status_code == 400 and "Olga Ivanova is not employed on 25.03.2027 (contract dates)." in \
        after.get_data(as_text=True)
    assert client.post("/team/wishes/new", data=dict(data, day="20.03.2027")).status_code == 302
