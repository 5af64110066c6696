"""Input the team-file loader or the law refuses is refused by the forms too, next to the
field: duplicate coverage needs, over-long shift types and 24:00 starts, absences at a time
the clocks skip or overlapping another, contradictory wishes, and messages that name the
real problem (0 is no missing value, 29.02.2027 no badly written date)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui.convert import build_team, team_row
from webui.extensions import db
from webui_support import MONTH, YEAR, AuthActions

EVERY_DAY = ["0", "1", "2", "3", "4", "5", "6"]


def row_id(app: Flask, model: Any, **where: Any) -> int:
    with app.app_context():
        query = sa.select(model.id)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalars(query.order_by(model.id.desc())).first()


def errors(page: str, field: str) -> list[str]:
    """The messages shown next to ``field``."""
    return re.findall(rf'<div class="error" id="{field}-err" role="alert">([^<]*)</div>', page)


def english(client: Any, auth: AuthActions, user: str = "kadri") -> None:
    auth.login(user)
    client.post("/language", data={"lang": "en"})


# --- 1. a coverage need given twice ----------------------------------------------------------

def test_a_second_need_for_the_same_shift_on_the_same_days_is_refused(app: Flask, client: Any,
                                                                      auth: AuthActions) -> None:
    english(client, auth)
    cl, p = row_id(app, m.Service, code="CL"), row_id(app, m.ShiftType, code="P")
    need = {"service": cl, "shift": p, "day_type": "all", "minimum": "1", "desired": "1"}
    response = client.post("/team/needs/new", data=need)  # the small team has "P every day" already
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors(page, "day_type") == ["A need for CL P on the same days is already given."]
    # on other days (weekends replace "every day") it is a need of its own
    assert client.post("/team/needs/new", data=dict(need, day_type="weekend")).status_code == 302
    weekend = row_id(app, m.Need, day_type="weekend")
    # one date: twice is refused next to the date
    dated = dict(need, day_type="date", on_date="24.12.2027")
    assert client.post("/team/needs/new", data=dated).status_code == 302
    response = client.post("/team/needs/new", data=dated)
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "on_date")
    # an edit may keep its own days, not take another need's
    assert client.post(f"/team/needs/{weekend}/edit", data=dict(need, day_type="weekend", minimum="2",
                                                                desired="2", version="1")).status_code == 302
    response = client.post(f"/team/needs/{weekend}/edit", data=dict(need, version="2"))
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "day_type")
    with app.app_context():
        assert len([n for n in build_team().needs if n.shift == "P"]) == 3


# --- 2. shift types no one may work --------------------------------------------------------

def test_a_shift_type_longer_than_the_longest_duty_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    shift = {"code": "L", "name": "Long", "service": row_id(app, m.Service, code="CL"), "weekdays": EVERY_DAY}
    for start, end, hours in (("01:00", "00:59", "23.98"), ("16:00", "08:00", "16"), ("08:00", "21:01", "13.02")):
        response = client.post("/team/shift-types/new", data=dict(shift, start=start, end=end))
        page = response.get_data(as_text=True)
        assert response.status_code == 400, (start, end)
        assert errors(page, "end") == [f"The shift lasts {hours} h: longer than the longest duty the work rules "
                                       "allow (13 h, TLS § 51)."]
    # 13 h is the longest duty: just allowed
    assert client.post("/team/shift-types/new", data=dict(shift, start="08:00", end="21:00")).status_code == 302
    # under the long-shift switch a 16 h shift may be worked
    with app.app_context():
        row = team_row()
        row.settings = {**(row.settings or {}), "long_shifts_allowed": True}
        db.session.commit()
    assert client.post("/team/shift-types/new", data=dict(shift, code="L16", start="16:00",
                                                          end="08:00")).status_code == 302


def test_24_00_is_an_end_only(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    shift = {"code": "M", "name": "Midnight", "service": row_id(app, m.Service, code="CL"), "weekdays": EVERY_DAY}
    response = client.post("/team/shift-types/new", data=dict(shift, start="24:00", end="08:00"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors(page, "start") == ["A start is from 00:00 to 23:59 (24:00 is an end only)."]
    assert client.post("/team/shift-types/new", data=dict(shift, start="00:00", end="08:00")).status_code == 302
    with app.app_context():
        assert [st.start.hour for st in build_team().shift_types if st.code == "M"] == [0]



def test_a_need_on_a_date_its_shift_does_not_run_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    vj, j = row_id(app, m.Service, code="VJ"), row_id(app, m.ShiftType, code="J")
    need = {"service": vj, "shift": j, "day_type": "date", "on_date": "07.03.2027", "minimum": "1", "desired": "1"}
    response = client.post("/team/needs/new", data=need)  # J runs Monday to Friday; 07.03.2027 is a Sunday
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "on_date") == ["J does not run on Sunday 07.03.2027."]
    assert client.post("/team/needs/new", data=dict(need, on_date="08.03.2027")).status_code == 302


def test_a_window_need_of_the_whole_day_is_00_00_to_24_00(app: Flask, client: Any, auth: AuthActions) -> None:
    """The line staffed round the clock: 00:00–24:00 was refused ("a window cannot end when it
    starts"), as the team file did; a window from a time to the same time still is."""
    english(client, auth)
    line = row_id(app, m.Service, code="CL")
    need = {"service": line, "shift": "0", "window_start": "00:00", "window_end": "24:00", "day_type": "date",
            "on_date": "09.03.2027", "minimum": "1", "desired": "1"}
    assert client.post("/team/needs/new", data=need).status_code == 302
    with app.app_context():
        [whole] = [n for n in build_team().needs if n.on == date(2027, 3, 9) and n.shift is None]
        start, end = whole.window(date(2027, 3, 9))
        assert end.timestamp() - start.timestamp() == 24 * 3600
    response = client.post("/team/needs/new", data=dict(need, window_start="08:00", window_end="08:00",
                                                        on_date="10.03.2027"))
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "window_end") == ["A window cannot end when it starts."]


def test_a_need_on_days_its_shift_never_runs_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    """J runs Monday to Friday: a need for it on weekend days was saved and never applied (as
    the team-file loader refuses it now); on public holidays it can apply."""
    english(client, auth)
    vj, j = row_id(app, m.Service, code="VJ"), row_id(app, m.ShiftType, code="J")
    need = {"service": vj, "shift": j, "day_type": "weekend", "minimum": "1", "desired": "1"}
    response = client.post("/team/needs/new", data=need)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "day_type") == [
        "J does not run on any of these days: the need would never apply."]
    assert client.post("/team/needs/new", data=dict(need, day_type="holiday")).status_code == 302

# --- 3. absences --------------------------------------------------------------------------

def test_an_absence_at_a_time_the_clocks_skip_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    olga = row_id(app, m.Person, key="olga")
    gap = {"person": olga, "kind": "other", "first_day": "28.03.2027", "last_day": "28.03.2027",
           "start_time": "03:00", "end_time": "03:30"}
    response = client.post("/team/absences", data=gap)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors(page, "start_time") == ["28.03.2027 03:00 does not exist in Estonia: the clocks go forward from "
                                          "03:00 to 04:00 that night."]
    response = client.post("/team/absences", data=dict(gap, start_time="02:00"))
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "end_time")
    assert client.post("/team/absences", data=dict(gap, start_time="04:00", end_time="04:30")).status_code == 302



def test_an_event_at_a_time_the_clocks_skip_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    olga = row_id(app, m.Person, key="olga")
    event = {"code": "KOOL", "name": "Training", "kind": "training", "day": "28.03.2027", "start": "03:15",
             "end": "06:00", "attendees": [olga]}
    response = client.post("/team/events/new", data=event)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "start") == [
        "28.03.2027 03:15 does not exist in Estonia: the clocks go forward from 03:00 to 04:00 that night."]
    assert client.post("/team/events/new", data=dict(event, start="04:15")).status_code == 302

def test_an_event_at_the_time_of_another_for_a_common_attendee_is_refused(app: Flask, client: Any,
                                                                          auth: AuthActions) -> None:
    """A person attends one event at a time (as the team-file loader refuses): a meeting inside
    Olga's training counted both; back to back, or for someone else, is fine, and an event
    moved within its own time is no overlap with itself."""
    english(client, auth)
    olga, mari = row_id(app, m.Person, key="olga"), row_id(app, m.Person, key="mari")
    training = {"code": "KOOL", "name": "Training", "kind": "training", "day": "12.03.2027", "start": "10:00",
                "end": "14:00", "attendees": [olga]}
    assert client.post("/team/events/new", data=training).status_code == 302
    meeting = dict(training, code="MEET", name="Meeting", kind="meeting", start="13:00", end="15:00",
                   attendees=[olga, mari])
    response = client.post("/team/events/new", data=meeting)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "start") == [
        "It overlaps the event KOOL (12.03.2027 10:00–14:00) of Olga Ivanova: a person attends one event at a "
        "time."]
    assert client.post("/team/events/new", data=dict(meeting, attendees=[mari])).status_code == 302
    assert client.post("/team/events/new", data=dict(meeting, code="MEET2", start="14:00")).status_code == 400
    training_id = row_id(app, m.Event, code="KOOL")
    with app.app_context():
        version = db.session.get(m.Event, training_id).version
    edited = dict(training, start="09:00", end="13:00", version=version)
    assert client.post(f"/team/events/{training_id}/edit", data=edited).status_code == 302


def test_overlapping_absences_of_one_person_are_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    olga = row_id(app, m.Person, key="olga")
    vacation = {"person": olga, "kind": "vacation", "first_day": "10.03.2027", "last_day": "12.03.2027"}
    assert client.post("/team/absences", data=vacation).status_code == 302
    vacation_id = row_id(app, m.Absence, person_id=olga)
    part = {"person": olga, "kind": "training", "first_day": "10.03.2027", "last_day": "10.03.2027",
            "start_time": "10:00", "end_time": "12:00"}
    response = client.post("/team/absences", data=part)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors(page, "first_day") == ["Olga Ivanova already has an absence on these days: vacation "
                                         "10.03.2027–12.03.2027. Change or delete it on the absences page first."]
    # the day after: allowed; a second part of that day at other hours too, not the same hours
    day_after = dict(part, first_day="13.03.2027", last_day="13.03.2027")
    assert client.post("/team/absences", data=day_after).status_code == 302
    later = dict(day_after, start_time="12:00", end_time="14:00")
    assert client.post("/team/absences", data=later).status_code == 302
    response = client.post("/team/absences", data=dict(day_after, start_time="11:00", end_time="13:00"))
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "first_day")
    # an edit is not compared with itself, but with the others
    edit = dict(vacation, version="1")
    url = f"/team/absences/{vacation_id}/edit"
    assert client.post(url, data=dict(edit, last_day="11.03.2027")).status_code == 302
    response = client.post(url, data=dict(edit, version="2", last_day="13.03.2027"))
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "first_day")
    with app.app_context():
        assert len([a for a in build_team().absences if a.person == "olga"]) == 3



def test_an_absence_until_24_00_lasts_to_the_end_of_its_last_day(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    olga = row_id(app, m.Person, key="olga")
    evening = {"person": olga, "kind": "other", "first_day": "10.03.2027", "last_day": "10.03.2027",
               "start_time": "18:00", "end_time": "24:00"}
    # 18:00–24:00 on one day is after its start (00:00 would be before it)
    assert client.post("/team/absences", data=dict(evening, end_time="00:00")).status_code == 400
    assert client.post("/team/absences", data=evening).status_code == 302
    with app.app_context():
        (absence,) = [a for a in build_team().absences if a.person == "olga"]
    start, end = absence.interval()
    assert (start.isoformat(), end.isoformat()) == ("2027-03-10T18:00:00+02:00", "2027-03-11T00:00:00+02:00")
    assert absence.days() == [date(2027, 3, 10)]  # the grid and the export mark the 10th only
    # the evening is taken: 20:00–22:00 of that day clashes, the next morning does not
    clash = dict(evening, start_time="20:00", end_time="22:00")
    assert client.post("/team/absences", data=clash).status_code == 400
    morning = dict(evening, first_day="11.03.2027", last_day="11.03.2027", start_time="00:00", end_time="06:00")
    assert client.post("/team/absences", data=morning).status_code == 302

def test_unavailability_on_days_i_am_already_away_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth, "jaan")  # on vacation 15.–19.03.2027
    url = f"/me/requests/{YEAR}/{MONTH}/unavailable"
    response = client.post(url, data={"first_day": "19.03.2027", "last_day": "20.03.2027", "note": "exam"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert errors(page, "first_day") == ["You are already away on these days: vacation 15.03.2027–19.03.2027."]
    response = client.post(url, data={"first_day": "20.03.2027", "last_day": "21.03.2027", "note": "exam"})
    assert response.status_code == 302
    response = client.post(url, data={"first_day": "21.03.2027", "last_day": "21.03.2027", "note": "again"})
    assert response.status_code == 400 and errors(response.get_data(as_text=True), "first_day")


# --- 4. wishes ----------------------------------------------------------------------------

def test_a_wish_that_contradicts_another_of_the_same_day_is_refused(app: Flask, client: Any,
                                                                    auth: AuthActions) -> None:
    english(client, auth, "mari")
    url = f"/me/requests/{YEAR}/{MONTH}/wish"
    assert client.post(url, data={"day": "20.03.2027", "kind": "shift_wanted", "shift": "P",
                                  "weight": "3"}).status_code == 302
    response = client.post(url, data={"day": "20.03.2027", "kind": "shift_not_wanted", "shift": "P", "weight": "3"})
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "kind") == [
        "This contradicts your wish for 20.03.2027: wants shift P. Delete that one first."]
    response = client.post(url, data={"day": "20.03.2027", "kind": "day_off", "shift": "", "weight": "3"})
    assert response.status_code == 400 and "wants shift P" in errors(response.get_data(as_text=True), "kind")[0]
    # not the evening shift: no contradiction
    assert client.post(url, data={"day": "20.03.2027", "kind": "shift_not_wanted", "shift": "O",
                                  "weight": "3"}).status_code == 302
    # wanting the evening shift as well: one duty start a day (no split duties in the rules)
    response = client.post(url, data={"day": "20.03.2027", "kind": "shift_wanted", "shift": "O", "weight": "3"})
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "kind") == [
        "This contradicts your wish for 20.03.2027: wants shift P. Delete that one first."]
    # Mari has a day off wish for 06.03.2027: wanting a shift that day contradicts it
    response = client.post(url, data={"day": "06.03.2027", "kind": "shift_wanted", "shift": "O", "weight": "3"})
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "kind") == [
        "This contradicts your wish for 06.03.2027: day off. Delete that one first."]
    with app.app_context():
        assert sorted((w.day.day, w.kind, w.shift) for w in build_team().wishes if w.person == "mari") == [
            (6, "day_off", None), (20, "shift_not_wanted", "O"), (20, "shift_wanted", "P")]


def test_the_wish_form_offers_only_my_shifts(client: Any, auth: AuthActions) -> None:
    auth.login("mari")  # counsellor line only
    page = client.get("/me/requests?month=2027-03").get_data(as_text=True)
    assert '<option value="P">' in page and '<option value="J">' not in page
    auth.logout()
    auth.login("kadri")  # duty lead and the line
    page = client.get("/me/requests?month=2027-03").get_data(as_text=True)
    assert '<option value="P">' in page and '<option value="J">' in page


# --- 5. messages that name the real problem -------------------------------------------------

def test_zero_and_fractions_in_whole_number_fields_get_the_right_message(app: Flask, client: Any,
                                                                         auth: AuthActions) -> None:
    english(client, auth)
    settings = {"name": "Test team", "wish_deadline_day": "20", "solve_seconds": "30",
                "accounting_period_months": "1", "weekly_rest_hours": "36", "break_counts_as_work": "y",
                "version": "1"}
    page = client.post("/team/settings", data=dict(settings, wish_deadline_day="0")).get_data(as_text=True)
    assert errors(page, "wish_deadline_day") == ["Number must be between 1 and 28."]
    page = client.post("/team/settings", data=dict(settings, wish_deadline_day="1.5")).get_data(as_text=True)
    assert errors(page, "wish_deadline_day") == ["Not a valid integer value."]
    page = client.post("/team/settings", data=dict(settings, wish_deadline_day="")).get_data(as_text=True)
    assert errors(page, "wish_deadline_day") == ["This field is required."]
    assert client.post("/team/settings", data=dict(settings, wish_deadline_day="28")).status_code == 302
    auth.logout()
    english(client, auth, "mari")
    url = f"/me/requests/{YEAR}/{MONTH}/wish"
    day_off = {"day": "20.03.2027", "kind": "day_off", "shift": ""}
    page = client.post(url, data=dict(day_off, weight="0")).get_data(as_text=True)
    assert errors(page, "weight") == ["Number must be between 1 and 10."]
    page = client.post(url, data=dict(day_off, weight="1.5")).get_data(as_text=True)
    assert errors(page, "weight") == ["Not a valid integer value."]
    assert client.post(url, data=dict(day_off, weight="1")).status_code == 302


def test_a_date_that_does_not_exist_is_named_so(client: Any, auth: AuthActions) -> None:
    english(client, auth, "mari")
    url = f"/me/requests/{YEAR}/{MONTH}/wish"
    day_off = {"kind": "day_off", "shift": "", "weight": "1"}
    page = client.post(url, data=dict(day_off, day="29.02.2027")).get_data(as_text=True)
    assert errors(page, "day") == ["There is no such date: 29.02.2027."]
    page = client.post(url, data=dict(day_off, day="29-02-2027")).get_data(as_text=True)
    assert errors(page, "day") == ["Expected a date as dd.mm.yyyy."]
    assert client.post(url, data=dict(day_off, day="28.03.2027")).status_code == 302


def test_two_different_shifts_wanted_on_one_day_agree_only_where_split_duties_are_allowed() -> None:
    from webui.me import wishes_contradict
    assert wishes_contradict("shift_wanted", "P", "shift_wanted", "O")
    assert not wishes_contradict("shift_wanted", "P", "shift_wanted", "O", split_duties=True)
    assert not wishes_contradict("shift_not_wanted", "P", "shift_not_wanted", "O")


def test_a_shift_wished_for_and_unavailability_at_its_time_are_refused_in_either_order(
        app: Flask, client: Any, auth: AuthActions) -> None:
    """A wanted shift while I am away (the lead's vacation or my own unavailability) can be
    met by no rota and would count as a missed wish in every one: refused, naming the
    absence; unavailability over a shift I wished for likewise, naming the wish."""
    english(client, auth, "jaan")  # on vacation 15.–19.03.2027
    wish = f"/me/requests/{YEAR}/{MONTH}/wish"
    response = client.post(wish, data={"day": "16.03.2027", "kind": "shift_wanted", "shift": "P", "weight": "3"})
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "day") == [
        "You are away during P on 16.03.2027 (vacation 15.03.2027–19.03.2027): no rota can give you that shift."]
    # a day off or a shift not wanted then is no contradiction
    assert client.post(wish, data={"day": "16.03.2027", "kind": "shift_not_wanted", "shift": "P",
                                   "weight": "3"}).status_code == 302
    auth.logout()
    english(client, auth, "mari")
    unavailable = f"/me/requests/{YEAR}/{MONTH}/unavailable"
    assert client.post(wish, data={"day": "20.03.2027", "kind": "shift_wanted", "shift": "P",
                                   "weight": "3"}).status_code == 302
    response = client.post(unavailable, data={"first_day": "19.03.2027", "last_day": "21.03.2027", "note": ""})
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "first_day") == [
        "You wished for shift P on 20.03.2027: delete that wish first."]
    assert client.post(unavailable, data={"first_day": "21.03.2027", "last_day": "22.03.2027",
                                          "note": ""}).status_code == 302
    response = client.post(wish, data={"day": "22.03.2027", "kind": "shift_wanted", "shift": "O", "weight": "3"})
    assert errors(response.get_data(as_text=True), "day") == [
        "You are away during O on 22.03.2027 (unavailable 21.03.2027–22.03.2027): no rota can give you that shift."]
    with app.app_context():
        assert [(w.day.day, w.kind, w.shift) for w in build_team().wishes if w.person == "mari" and w.day.day >= 16] == [
            (20, "shift_wanted", "P")]


def test_a_window_need_no_shift_type_runs_in_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    """A window 18:00–08:00 on the duty-lead desk (its only shift J runs 09:00–17:00) was
    saved, and only generating the month said "service VJ has no shift type to cover it" (an
    onboarding review). 16:00–18:00 overlaps J and is taken."""
    english(client, auth)
    desk = row_id(app, m.Service, code="VJ")
    need = {"service": desk, "shift": "0", "window_start": "18:00", "window_end": "08:00", "day_type": "weekday",
            "minimum": "1", "desired": "1"}
    response = client.post("/team/needs/new", data=need)
    assert response.status_code == 400
    assert errors(response.get_data(as_text=True), "window_start") == [
        "No shift type of VJ runs in this window: no rota could meet it (add a shift type first)."]
    assert client.post("/team/needs/new", data=dict(need, window_start="16:00", window_end="18:00")).status_code == 302
