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
    return client.post(f"/plan/swaps/{row['id']}/approve", data={"version": row["version"]})


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
    assert re.search(r'data-person="jaan" data-ok="no"', offer) and "juba vahetus O" in offer
    response = ask(client, D2, "P", "olga", note="dentist")
    assert response.status_code == 302 and response.headers["Location"] == "/me/swaps"
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_ASKED
    assert published(app) == (1, {("mari", D2): "P", ("jaan", D2): "O", ("jaan", D5): "O", ("olga", D3): "P"})

    as_user(client, auth, "olga")
    page = client.get("/me/swaps").get_data(as_text=True)
    assert 'id="nav-swaps">Vahetused <span class="badge"' in page and "dentist" in page
    client.post(f"/me/swaps/{row['id']}/accept", data={"version": row["version"]})
    [row] = swap_rows(app)
    assert row["status"] == m.SWAP_ACCEPTED
    assert published(app)[0] == 1  # nothing published before the lead decides

    as_user(client, auth, "kadri")
    assert 'id="swaps-waiting"' in client.get("/plan/2027/3").get_data(as_text=True)
    review = client.get("/plan/swaps").get_data(as_text=True)
    assert re.search(rf'data-swap="{row["id"]}" data-ok="yes"', review)
    response = client.post(f"/plan/swaps/{row['id']}/approve", data={"version": row["version"]})
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
    with app.app_context():  # the lead's unpublished edit: piret on the 5th's day shift
        draft = rotas.ensure_draft(2027, 3)
        piret = db.session.scalar(sa.select(m.Person).where(m.Person.key == "piret"))
        rotas.set_cell(draft, piret, D5, "P", False)
        db.session.commit()
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
    assert 'id="nav-swaps">Vahetused</a>' in page  # no count for it
    page = client.get("/me/swaps").get_data(as_text=True)
    assert swap_rows(app)[0]["status"] == m.SWAP_LAPSED and "on juba alanud" in page
