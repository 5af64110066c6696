"""Shift swaps: a counsellor offers a published shift (handover or exchange), the colleague
accepts, the team lead approves, and the month is published again with the swap. Every step
asks the checker; a swap that breaks a rule is never sent, accepted or approved."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from webui_support import AuthActions, store
from webui import models as m
from webui import rotas
from webui.convert import assignment, build_team
from scheduler.checker import Violation
from webui.extensions import db

D2, D3, D5 = date(2027, 3, 2), date(2027, 3, 3), date(2027, 3, 5)


def publish(app: Flask, rows: list[tuple[str, date, str]]) -> None:
    with app.app_context():
        team = build_team()
        shifts = [assignment(team, p, d, c) for p, d, c in rows]
    store(app, shifts, publish=True)


def published(app: Flask) -> tuple[int, dict[tuple[str, date], str]]:
    with app.app_context():
        pub = rotas.published_of(2027, 3)
        return pub.number, rotas.cells_of(pub)


def swap_rows(app: Flask) -> list[dict[str, Any]]:
    with app.app_context():
        return [{"id": r.id, "status": r.status, "version": r.version, "answer": r.answer,
                 "published_number": r.published_number}
                for r in db.session.scalars(sa.select(m.SwapRequest).order_by(m.SwapRequest.id))]


def ask(client: Any, day: date, code: str, partner: str, partner_day: date | None = None,
        partner_shift: str | None = None, number: int = 1, note: str = "") -> Any:
    data = {"day": day.isoformat(), "shift": code, "partner": partner, "number": str(number), "note": note}
    if partner_day is not None:
        data |= {"partner_day": partner_day.isoformat(), "partner_shift": partner_shift}
    return client.post("/me/swaps", data=data)


def as_user(client: Any, auth: AuthActions, who: str) -> None:
    auth.logout()
    auth.login(who)


def agreed(app: Flask, client: Any, auth: AuthActions, partner: str, *swap: Any) -> dict[str, Any]:
    """mari asks ``partner`` for the swap, ``partner`` accepts; the lead is logged in after."""
    as_user(client, auth, "mari")
    ask(client, *swap[:1], *swap[1:2], partner, *swap[2:])
    [row] = [r for r in swap_rows(app) if r["status"] == m.SWAP_ASKED]
    as_user(client, auth, partner)
    client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"]})
    as_user(client, auth, "kadri")
    return next(r for r in swap_rows(app) if r["id"] == row["id"])


def approve(client: Any, row: dict[str, Any]) -> Any:
    """The lead presses the request's button on the review page (Approve, or Close it)."""
    page = client.get("/plan/swaps").get_data(as_text=True)
    form = re.search(rf'action="/plan/swaps/{row["id"]}/approve".*?</form>', page, re.S).group(0)
    data = dict(re.findall(r'name="(version|checked|close)" value="([^"]*)"', form))
    return client.post(f"/plan/swaps/{row['id']}/approve", data=data)


def draft_cell(app: Flask, key: str, day: date, code: str | None, pinned: bool = True) -> None:
    """The lead's unpublished edit: ``key`` on ``code`` (None: off) that day in the draft."""
    with app.app_context():
        draft = rotas.ensure_draft(2027, 3)
        person = db.session.scalar(sa.select(m.Person).where(m.Person.key == key))
        rotas.set_cell(draft, person, day, code, pinned)
        db.session.commit()


ROWS = [("mari", D2, "P"), ("jaan", D2, "O"), ("jaan", D5, "O"), ("olga", D3, "P")]


def test_a_handover_goes_from_request_to_a_new_published_version(app: Flask, client: Any,
                                                                   auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    page = client.get("/me/swaps").get_data(as_text=True)
    assert 'href="/me/swaps/offer?day=2027-03-02&amp;shift=P"' in page
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P").get_data(as_text=True)
    # each colleague of the service is tried: olga can take it, jaan has O that day
    assert re.search(r'data-person="olga" data-ok="yes"', offer)
    assert re.search(r'data-person="jaan" data-ok="no"', offer) and "töötab 02.03.2027 juba vahetuses O" in offer
    # the team lead could take it too, as a stand-in: listed after the counsellors, and marked
    kadri = re.search(r'data-person="kadri" data-ok="yes".*?</tr>', offer, re.S)
    assert kadri and "asendaks teise rolli töötajat" in kadri.group(0)
    assert offer.index('data-person="olga"') < offer.index('data-person="kadri"')
    response = ask(client, D2, "P", "olga", note="dentist")
    assert response.status_code == 302 and response.headers["Location"] == "/me/swaps"
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_ASKED
    assert published(app) == (1, {("mari", D2): "P", ("jaan", D2): "O", ("jaan", D5): "O", ("olga", D3): "P"})

    as_user(client, auth, "olga")
    page = client.get("/me/swaps").get_data(as_text=True)
    assert 'id="nav-swaps">Vahetamised <span class="badge"' in page and "dentist" in page
    client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"]})
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_ACCEPTED
    assert published(app)[0] == 1  # nothing published before the lead decides

    as_user(client, auth, "kadri")
    assert 'id="swaps-waiting"' in client.get("/plan/2027/3").get_data(as_text=True)
    review = client.get("/plan/swaps").get_data(as_text=True)
    assert re.search(rf'data-swap="{row["id"]}" data-ok="yes"', review) and "asendaks" not in review
    response = approve(client, row)
    assert response.status_code == 302
    number, cells = published(app)
    assert number == 2 and cells == {("olga", D2): "P", ("jaan", D2): "O", ("jaan", D5): "O", ("olga", D3): "P"}
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_APPROVED and row["published_number"] == 2
    with app.app_context():
        pub = rotas.published_of(2027, 3)
        assert pub.source == "swap" and pub.published_with is not None
        assert {(c.person.key, c.day) for c in pub.cells if c.pinned} == {("olga", D2), ("mari", D2)}

    as_user(client, auth, "olga")
    mine = client.get("/me/shifts?month=2027-03").get_data(as_text=True)
    assert 'data-day="2027-03-02" data-code="P"' in mine


def test_a_swap_that_breaks_the_daily_rest_is_not_sent(app: Flask, client: Any, auth: AuthActions) -> None:
    """olga's evening of the 1st ends at 24:00: taking mari's day shift at 08:00 on the 2nd
    would leave her 8 h of rest (TLS § 51: 11 h)."""
    publish(app, ROWS + [("olga", date(2027, 3, 1), "O")])
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P").get_data(as_text=True)
    assert re.search(r'data-person="olga" data-ok="no"', offer)
    response = ask(client, D2, "P", "olga")
    assert response.status_code == 303
    assert swap_rows(app) == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ei saadetud" in page and "11" in page


def test_an_exchange_swaps_both_shifts(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P&with=jaan").get_data(as_text=True)
    # jaan cannot take her day shift for his evening of the 5th: he has the evening of the 2nd
    assert re.search(r'data-day="2027-03-05" data-code="O" data-ok="no"', offer)
    # the same day: mari takes jaan's evening, jaan her day shift
    assert re.search(r'data-day="2027-03-02" data-code="O" data-ok="yes"', offer)
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P&with=olga").get_data(as_text=True)
    assert re.search(r'data-day="2027-03-03" data-code="P" data-ok="yes"', offer)
    approve(client, agreed(app, client, auth, "olga", D2, "P", D3, "P"))
    assert published(app) == (2, {("olga", D2): "P", ("jaan", D2): "O", ("jaan", D5): "O", ("mari", D3): "P"})


def test_an_exchange_on_one_day_swaps_the_two_codes(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    approve(client, agreed(app, client, auth, "jaan", D2, "P", D2, "O"))
    assert published(app) == (2, {("mari", D2): "O", ("jaan", D2): "P", ("jaan", D5): "O", ("olga", D3): "P"})


def test_a_swap_the_rota_no_longer_has_lapses_at_approval(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    # meanwhile the lead gives mari's day shift to piret and publishes
    publish(app, [("piret", D2, "P"), ("jaan", D2, "O"), ("jaan", D5, "O"), ("olga", D3, "P")])
    review = client.get("/plan/swaps").get_data(as_text=True)
    assert re.search(rf'data-swap="{row["id"]}" data-ok="no"', review)
    assert approve(client, row).status_code == 303
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_LAPSED and "Mari Tamm" in row["answer"]
    assert published(app)[0] == 2  # no version 3


def test_approval_puts_the_swap_pinned_in_the_draft_and_publishes_nothing_else(app: Flask, client: Any,
                                                                                auth: AuthActions) -> None:
    publish(app, ROWS)
    draft_cell(app, "piret", D5, "P", False)
    approve(client, agreed(app, client, auth, "olga", D2, "P"))
    number, cells = published(app)
    assert number == 2 and ("piret", D5) not in cells and cells[("olga", D2)] == "P"
    with app.app_context():
        draft = rotas.draft_of(2027, 3)
        assert rotas.cells_of(draft)[("piret", D5)] == "P" and rotas.cells_of(draft)[("olga", D2)] == "P"
        assert ("mari", D2) not in rotas.cells_of(draft)
        assert rotas.pins_of(draft) == {("olga", D2): "P", ("mari", D2): None}


def test_only_the_colleague_answers_and_only_the_requester_withdraws(app: Flask, client: Any,
                                                                     auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    ask(client, D2, "P", "olga")
    [row] = swap_rows(app)
    assert client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"]}).status_code == 404
    as_user(client, auth, "jaan")
    assert client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"]}).status_code == 404
    assert client.post(f"/me/swaps/{row['id']}/withdraw", data={"version": row["version"]}).status_code == 404
    assert client.get("/plan/swaps").status_code == 403
    assert client.post(f"/plan/swaps/{row['id']}/approve", data={"version": row["version"]}).status_code == 403
    as_user(client, auth, "kadri")  # the lead cannot approve what olga has not accepted
    client.post(f"/plan/swaps/{row['id']}/approve", data={"version": row["version"]})
    assert swap_rows(app)[0]["status"] == m.SWAP_ASKED and published(app)[0] == 1
    as_user(client, auth, "mari")
    client.post(f"/me/swaps/{row['id']}/withdraw", data={"version": row["version"]})
    assert swap_rows(app)[0]["status"] == m.SWAP_WITHDRAWN
    as_user(client, auth, "olga")  # too late to accept
    client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"] + 1})
    assert swap_rows(app)[0]["status"] == m.SWAP_WITHDRAWN


def test_a_stale_button_changes_nothing(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    ask(client, D2, "P", "olga")
    [row] = swap_rows(app)
    as_user(client, auth, "olga")
    client.post(f"/me/swaps/{row['id']}/decline", data={"version": row["version"] + 5})
    assert swap_rows(app)[0]["status"] == m.SWAP_ASKED
    client.post(f"/me/swaps/{row['id']}/decline", data={"version": row["version"]})
    assert swap_rows(app)[0]["status"] == m.SWAP_DECLINED


def test_a_refusal_keeps_the_rota_and_tells_both_why(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    client.post(f"/plan/swaps/{row['id']}/refuse", data={"version": row["version"],
                                                         "reason": "olga is on training that week"})
    assert swap_rows(app)[0]["status"] == m.SWAP_REFUSED and published(app)[0] == 1
    as_user(client, auth, "mari")
    page = client.get("/me/swaps").get_data(as_text=True)
    assert "olga is on training that week" in page and "juht ei kinnitanud" in page


@pytest.mark.parametrize("today", ["2027-03-03", "2027-03-05"])
def test_a_shift_that_has_begun_cannot_be_offered(make_app: Any, today: str) -> None:
    app = make_app(ROTA_TODAY=today)
    client = app.test_client()
    auth = AuthActions(client)
    publish(app, ROWS)
    auth.login("mari")
    assert "2027-03-02" not in client.get("/me/swaps").get_data(as_text=True)
    response = client.get("/me/swaps/offer?day=2027-03-02&shift=P")
    assert response.status_code == 303
    assert ask(client, D2, "P", "olga").status_code == 303 and swap_rows(app) == []



@pytest.mark.parametrize("clock", [{"ROTA_NOW": "2027-03-02T10:00"}, {"ROTA_TODAY": "2027-03-05"}])
def test_a_request_for_a_shift_that_has_begun_says_so_once(make_app: Any, clock: dict[str, str]) -> None:
    """Sent from an offer page left open until Mari's P of 02.03 (08:00–16:00) had begun: one
    error says why, and the user lands on the swaps page (the offer page, which no longer
    offers that shift, said a second time that there is nothing to offer)."""
    app = make_app(**clock)
    client = app.test_client()
    publish(app, ROWS)
    AuthActions(client).login("mari")
    client.post("/language", data={"lang": "en"})
    response = client.post("/me/swaps", data={"day": D2.isoformat(), "shift": "P", "partner": "olga",
                                              "number": "1", "note": ""}, follow_redirects=True)
    assert response.request.path == "/me/swaps" and swap_rows(app) == []
    flashes = re.findall(r'<li class="flash (\w+)">(.*?)</li>', response.get_data(as_text=True), re.S)
    assert flashes == [("error", "Not sent: P on 02.03.2027 has already begun")]

def test_one_shift_is_in_one_open_request_at_a_time(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    ask(client, D2, "P", "olga")
    assert ask(client, D2, "P", "piret").status_code == 303
    assert len(swap_rows(app)) == 1
    page = client.get("/me/swaps").get_data(as_text=True)
    assert "offer?day=2027-03-02" not in page  # listed as in a request, not offered again


def test_a_request_on_an_older_version_is_refused(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    publish(app, ROWS + [("piret", D5, "P")])
    auth.login("mari")
    assert ask(client, D2, "P", "olga", number=1).status_code == 303
    assert swap_rows(app) == []
    assert ask(client, D2, "P", "olga", number=2).status_code == 302


def test_an_open_request_whose_day_has_passed_ends_as_no_longer_possible(make_app: Any) -> None:
    app = make_app(ROTA_TODAY="2027-03-04")
    publish(app, ROWS)
    with app.app_context():  # asked on the 1st, not answered by the 4th
        people = {p.key: p.id for p in db.session.scalars(sa.select(m.Person))}
        db.session.add(m.SwapRequest(year=2027, month=3, requester_id=people["mari"], partner_id=people["olga"],
                                     day=D2, shift_code="P", status=m.SWAP_ASKED))
        db.session.commit()
    client = app.test_client()
    AuthActions(client).login("olga")
    page = client.get("/me/shifts").get_data(as_text=True)
    assert 'id="nav-swaps">Vahetamised</a>' in page  # no count for it
    page = client.get("/me/swaps").get_data(as_text=True)
    assert swap_rows(app)[0]["status"] == m.SWAP_LAPSED and "on juba alanud" in page


def test_two_approvals_of_one_month_do_not_lose_a_swap(app: Flask, client: Any, auth: AuthActions) -> None:
    """Two accepted swaps, both shown as legal on version 1; the second approval, sent from
    the page that tried it on version 1, is refused, and approved again on version 2 it keeps
    the first swap."""
    publish(app, ROWS)
    first = agreed(app, client, auth, "olga", D2, "P")
    as_user(client, auth, "jaan")
    ask(client, D5, "O", "piret")
    [second] = [r for r in swap_rows(app) if r["status"] == m.SWAP_ASKED]
    as_user(client, auth, "piret")
    client.post(f"/me/swaps/{second['id']}/accept", data={"version": second["version"]})
    as_user(client, auth, "kadri")
    page = client.get("/plan/swaps").get_data(as_text=True)
    assert approve(client, first).status_code == 302
    stale = dict(re.findall(r'name="(version|checked)" value="([^"]*)"', re.search(
        rf'action="/plan/swaps/{second["id"]}/approve".*?</form>', page, re.S).group(0)))
    assert stale["checked"] == "1"
    assert client.post(f"/plan/swaps/{second['id']}/approve", data=stale).status_code == 303
    assert published(app)[0] == 2
    assert approve(client, swap_rows(app)[1]).status_code == 302
    assert published(app) == (3, {("olga", D2): "P", ("jaan", D2): "O", ("piret", D5): "O", ("olga", D3): "P"})


def test_a_version_is_not_published_on_an_older_one(app: Flask) -> None:
    publish(app, ROWS)
    publish(app, ROWS + [("piret", D5, "P")])
    with app.app_context():
        first = rotas.published_of(2027, 3, 1)
        with pytest.raises(rotas.PublishedMeanwhile):
            rotas.publish_changed(first, {}, None, source="swap")


def test_a_swap_version_keeps_the_definitions_it_was_published_with(app: Flask, client: Any,
                                                                      auth: AuthActions) -> None:
    """The day shift is moved to 03:00–11:00 after March was published: approving a swap
    publishes version 2 with March's times as published (nobody's hours move), and the
    swap is tried with those times."""
    from datetime import time

    publish(app, ROWS)
    with app.app_context():
        db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P")).start = time(3)
        db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P")).end = time(11)
        db.session.commit()
    assert approve(client, agreed(app, client, auth, "olga", D2, "P")).status_code == 302
    with app.app_context():
        one, two = rotas.published_of(2027, 3, 1), rotas.published_of(2027, 3, 2)
        assert two.published_with == one.published_with
        team = build_team()
        olga = [a for a in rotas.published_shifts(team, two) if a.person == "olga" and a.day == D2]
        assert [(a.start.hour, a.end.hour) for a in olga] == [(8, 16)]


def test_a_swap_that_would_break_the_draft_stays_out_of_it(app: Flask, client: Any, auth: AuthActions) -> None:
    """The lead's draft has piret on the evening of the 1st (pinned, not published): the
    swap giving her the day shift of the 2nd is published, but not put in the draft, where
    it would leave her 8 h of rest."""
    publish(app, ROWS)
    draft_cell(app, "piret", date(2027, 3, 1), "O", True)
    approve(client, agreed(app, client, auth, "piret", D2, "P"))
    page = client.get("/plan/swaps").get_data(as_text=True)
    assert "ei pandud selle kuu mustandisse" in page and "11" in page
    assert published(app)[1][("piret", D2)] == "P"
    with app.app_context():
        assert rotas.cells_of(rotas.draft_of(2027, 3))[("mari", D2)] == "P"


def test_a_colleague_s_sick_leave_shows_only_as_away(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    with app.app_context():
        piret = db.session.scalar(sa.select(m.Person).where(m.Person.key == "piret"))
        db.session.add(m.Absence(person_id=piret.id, kind="sick", first_day=D2, last_day=D3))
        db.session.commit()
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P").get_data(as_text=True)
    row = re.search(r'data-person="piret".*?</tr>', offer, re.S).group(0)
    assert 'data-ok="no"' in row and "Piret Mägi on siis eemal" in row and "haigus" not in row


def test_closing_a_request_the_rota_allows_again_publishes_nothing(app: Flask, client: Any,
                                                                    auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    page = client.get("/plan/swaps").get_data(as_text=True)
    client.post(f"/plan/swaps/{row['id']}/approve", data={"version": row["version"], "close": "1"})
    assert published(app)[0] == 1 and swap_rows(app)[0]["status"] == m.SWAP_ACCEPTED
    assert 'id="approve-' in page


def test_an_exchange_of_the_same_shift_is_neither_offered_nor_sent(app: Flask, client: Any,
                                                                    auth: AuthActions) -> None:
    publish(app, ROWS + [("olga", D2, "P")])
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P&with=olga").get_data(as_text=True)
    assert 'data-day="2027-03-02" data-code="P"' not in offer
    assert ask(client, D2, "P", "olga", D2, "P").status_code == 303 and swap_rows(app) == []


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2027-02-30"])
def test_a_day_out_of_range_is_not_found(client: Any, auth: AuthActions, day: str) -> None:
    auth.login("mari")
    assert client.get(f"/me/swaps/offer?day={day}&shift=P").status_code == 404
    assert client.post("/me/swaps", data={"day": day, "shift": "P", "partner": "olga", "number": "1"}
                       ).status_code == 404


def test_why_a_request_lapsed_reads_in_the_viewer_s_language(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    publish(app, [("piret", D2, "P"), ("jaan", D2, "O"), ("jaan", D5, "O"), ("olga", D3, "P")])
    approve(client, row)  # closed by the lead, in Estonian
    as_user(client, auth, "mari")
    assert "avaldatud graafikus ei ole Mari Tamm 02.03.2027 enam vahetuses P" in client.get("/me/swaps").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/me/swaps"})
    assert "no longer has P on 02.03.2027 in the published rota" in client.get("/me/swaps").get_data(as_text=True)


def test_the_colleague_may_take_back_an_acceptance(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    as_user(client, auth, "olga")
    assert 'id="decline-%d"' % row["id"] in client.get("/me/swaps").get_data(as_text=True)
    client.post(f"/me/swaps/{row['id']}/decline", data={"version": row["version"]})
    assert swap_rows(app)[0]["status"] == m.SWAP_DECLINED


def test_a_shift_in_an_open_request_is_not_offered_in_an_exchange(app: Flask, client: Any,
                                                                   auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("olga")
    ask(client, D3, "P", "piret")
    as_user(client, auth, "mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P&with=olga").get_data(as_text=True)
    row = re.search(r'data-day="2027-03-03" data-code="P".*?</tr>', offer, re.S).group(0)
    assert 'data-ok="no"' in row and "teises avatud taotluses" in row


def test_an_answer_at_the_same_moment_as_an_approval_is_refused(app: Flask, client: Any, auth: AuthActions,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The colleague takes back her acceptance while the lead's approval commits in between
    (after the decline has read the request): the decline is refused, the swap stays approved."""
    from webui import swaps

    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    lead = app.test_client()
    AuthActions(lead).login("kadri")
    as_user(client, auth, "olga")

    class Meanwhile:  # the approval, committed while olga's decline is under way
        def __init__(self) -> None:
            self.done = False

        def __call__(self) -> bool:
            if not self.done:  # the lead's request runs in its own thread (its own contexts)
                import threading

                self.done = True
                results: list[int] = []
                thread = threading.Thread(target=lambda: results.append(approve(lead, row).status_code))
                thread.start()
                thread.join(30)
                assert results == [302]
            return saved()

    saved = swaps._saved
    monkeypatch.setattr(swaps, "_saved", Meanwhile())
    response = client.post(f"/me/swaps/{row['id']}/decline", data={"version": row["version"]})
    assert response.status_code == 302
    assert swap_rows(app)[0]["status"] == m.SWAP_APPROVED and published(app)[0] == 2


def test_publishing_a_draft_that_takes_back_an_approved_swap_needs_a_tick(app: Flask, client: Any,
                                                                          auth: AuthActions) -> None:
    with app.app_context():  # no coverage needs: the few shifts of ROWS make a legal month
        db.session.execute(sa.delete(m.Need))
        db.session.commit()
    publish(app, ROWS)
    draft_cell(app, "piret", date(2027, 3, 1), "O", True)
    approve(client, agreed(app, client, auth, "piret", D2, "P"))  # not put in the draft (rest)
    page = client.get("/plan/2027/3").get_data(as_text=True)
    assert 'id="swaps-taken-back"' in page and 'id="undo_swaps"' in page
    with app.app_context():
        token = rotas.state_token(2027, 3)
    response = client.post("/plan/2027/3/publish", data={"state": token})
    assert response.status_code == 303 and published(app)[0] == 2
    assert "võtaks tagasi 1 kinnitatud vahetamise" in client.get("/plan/2027/3").get_data(as_text=True)
    client.post("/plan/2027/3/publish", data={"state": token, "undo_swaps": "1"})
    assert published(app)[0] == 3 and published(app)[1][("mari", D2)] == "P"


def test_a_colleague_who_joined_after_publishing_can_take_a_swap(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    publish(app, ROWS)
    with app.app_context():
        db.session.add(m.Person(key="uku", name="Uku Uus", languages=["et"], services=["CL"]))
        db.session.commit()
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-02&shift=P").get_data(as_text=True)
    assert re.search(r'data-person="uku" data-ok="yes"', offer)


def test_a_definition_changed_for_later_months_does_not_block_a_swap(app: Flask, client: Any,
                                                                     auth: AuthActions) -> None:
    """P made a weekday shift after March was published (for later months): a Saturday P
    of the published March can still be swapped (the swap version keeps March's definitions)."""
    publish(app, ROWS + [("mari", date(2027, 3, 6), "P")])
    with app.app_context():
        db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P")).weekdays = [0, 1, 2, 3, 4]
        db.session.commit()
    auth.login("mari")
    offer = client.get("/me/swaps/offer?day=2027-03-06&shift=P").get_data(as_text=True)
    assert re.search(r'data-person="olga" data-ok="yes"', offer)


def test_a_refusal_reason_that_looks_like_data_is_shown_as_typed(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    row = agreed(app, client, auth, "olga", D2, "P")
    reason = '{"problems": [["begun", {}]]}'
    client.post(f"/plan/swaps/{row['id']}/refuse", data={"version": row["version"], "reason": reason})
    page = client.get("/plan/swaps")
    assert page.status_code == 200 and "{&#34;problems&#34;" in page.get_data(as_text=True)


def test_a_team_member_reads_a_colleague_s_limits_but_not_their_hours() -> None:
    from webui.swap_check import SwapCheck, problem

    hours = Violation("average_weekly_hours", "TLS § 46", "olga", None, "Olga: 514 h in the period")
    rest = Violation("daily_rest", "TLS § 51", "olga", None, "Olga: only 8 h rest")
    mine = Violation("wishes", "wish", "mari", None, "Mari: a wish", severity="soft")
    theirs = Violation("wishes", "wish", "olga", None, "Olga: a wish", severity="soft")
    seen = SwapCheck(blockers=(hours, rest), warnings=(mine, theirs)).seen_by("mari", {"olga": "Olga"})
    assert seen.problems == (problem("limits", name="Olga"),)
    assert seen.blockers == (rest,) and seen.warnings == (mine,)
    lead = SwapCheck(blockers=(hours, rest), warnings=(mine, theirs)).seen_by(None, {})
    assert lead.blockers == (hours, rest) and len(lead.warnings) == 2


def test_a_pinned_day_off_in_the_draft_keeps_the_swap_out(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    draft_cell(app, "olga", D2, None)  # the lead keeps olga off on the 2nd
    approve(client, agreed(app, client, auth, "olga", D2, "P"))
    assert "mustandis on teised vahetused või kinnitused: Olga Ivanova 02.03" in client.get(
        "/plan/swaps").get_data(as_text=True)
    with app.app_context():
        assert rotas.pins_of(rotas.draft_of(2027, 3))[("olga", D2)] is None


def test_the_colleague_sees_what_taking_it_means_before_accepting(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    ask(client, D2, "P", "olga")
    with app.app_context():  # olga falls ill after the request was sent
        olga = db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga"))
        db.session.add(m.Absence(person_id=olga.id, kind="sick", first_day=D2, last_day=D2))
        db.session.commit()
    as_user(client, auth, "olga")
    page = client.get("/me/swaps").get_data(as_text=True)
    row = re.search(r'<tr data-swap="\d+" data-ok="no">.*?</tr>', page, re.S).group(0)
    assert "haigus" in row  # her own absence, in full


def test_the_lead_sees_when_a_swap_makes_her_stand_in_on_line_duty(app: Flask, client: Any,
                                                                  auth: AuthActions) -> None:
    publish(app, ROWS)
    agreed(app, client, auth, "kadri", D2, "P")  # mari's counsellor shift to the team lead
    row = re.search(r'<tr data-swap="\d+" data-ok="yes">.*?</tr>', client.get("/plan/swaps").get_data(as_text=True),
                    re.S).group(0)
    assert "Kadri Sepp asendaks teise rolli töötajat" in row


def test_of_two_requests_for_one_shift_sent_at_once_the_later_is_taken_back(app: Flask, client: Any,
                                                                             auth: AuthActions,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Both passed the check before either was stored (the offer to olga is stored while the
    offer to piret is being checked): the later one is not kept."""
    from webui import swaps

    publish(app, ROWS)
    auth.login("mari")
    other = app.test_client()
    AuthActions(other).login("mari")
    real = swaps.Month.check

    def meanwhile(self: Any, swap: Any, ignore: int | None = None) -> Any:
        result = real(self, swap, ignore)
        if swap.partner == "piret" and not swap_rows(app):
            import threading

            thread = threading.Thread(target=lambda: ask(other, D2, "P", "olga"))
            thread.start()
            thread.join(30)
        return result

    monkeypatch.setattr(swaps.Month, "check", meanwhile)
    response = ask(client, D2, "P", "piret")
    assert response.status_code == 303
    [row] = swap_rows(app)
    with app.app_context():
        assert db.session.get(m.SwapRequest, row["id"]).partner.key == "olga"
