"""Swap requests when the month is published again from the lead's draft: an approved swap
the new version takes back says so, and an open request whose shift the new version no
longer has ends (both people and the lead see why)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from test_web_swaps import D2, D3, ROWS, agreed, approve, as_user, ask, draft_cell, publish, published, swap_rows
from webui_support import AuthActions
from webui import models as m
from webui import rotas
from webui.extensions import db


def _no_needs(app: Flask) -> None:
    with app.app_context():  # no coverage needs: the few shifts of ROWS make a legal month
        db.session.execute(sa.delete(m.Need))
        db.session.commit()


def _ended_row(page: str, swap_id: int) -> str:
    """The text of the request's row in the page's "Ended" table."""
    ended = page[page.index('id="ended"'):]
    row = re.search(rf'<tr data-swap="{swap_id}".*?</tr>', ended, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", "", row).split())


def test_an_approved_swap_taken_back_by_a_published_draft_says_so(app: Flask, client: Any,
                                                                   auth: AuthActions) -> None:
    _no_needs(app)
    publish(app, ROWS)
    draft_cell(app, "piret", date(2027, 3, 1), "O", True)
    row = agreed(app, client, auth, "piret", D2, "P")
    approve(client, row)  # version 2; not put in the draft (piret's evening before: rest)
    with app.app_context():
        token = rotas.state_token(2027, 3)
    client.post("/plan/2027/3/publish", data={"state": token, "undo_swaps": "1"})
    assert published(app)[0] == 3 and published(app)[1][("mari", D2)] == "P"
    lead = _ended_row(client.get("/plan/swaps").get_data(as_text=True), row["id"])
    assert "meeskonnajuht võttis tagasi (kinnitatud versioonis 2, tagasi võetud versioonis 3)" in lead
    # the name after it is the approver's, said so (it read as if Kadri had taken it back)
    assert lead.endswith("versioonis 3), kinnitas Kadri Sepp") or "versioonis 3), kinnitas Kadri Sepp " in lead, lead
    for who in ("mari", "piret"):
        as_user(client, auth, who)
        mine = _ended_row(client.get("/me/swaps").get_data(as_text=True), row["id"])
        assert "meeskonnajuht võttis tagasi (kinnitatud versioonis 2, tagasi võetud versioonis 3)" in mine
        assert "kinnitatud (versioon 2)" not in mine
    client.post("/language", data={"lang": "en", "next": "/me/swaps"})
    mine = _ended_row(client.get("/me/swaps").get_data(as_text=True), row["id"])
    assert "taken back by the team lead (approved in version 2, taken back in version 3)" in mine
    [stored] = swap_rows(app)
    assert stored["status"] == m.SWAP_TAKEN_BACK and stored["published_number"] == 2
    with app.app_context():
        assert db.session.get(m.SwapRequest, row["id"]).taken_back_number == 3


def test_publishing_a_version_without_an_offered_shift_ends_its_open_request(app: Flask, client: Any,
                                                                               auth: AuthActions) -> None:
    """mari offers her day shift of the 2nd to piret; before piret answers, the lead gives that
    shift to olga in the draft and publishes: the request ends for both, with the reason, and
    leaves piret's count; olga's request about another shift stays open."""
    _no_needs(app)
    publish(app, ROWS)
    auth.login("mari")
    ask(client, D2, "P", "piret")
    as_user(client, auth, "olga")
    ask(client, D3, "P", "piret")
    gone, kept = (r["id"] for r in swap_rows(app))
    draft_cell(app, "mari", D2, None, False)
    draft_cell(app, "olga", D2, "P", False)
    as_user(client, auth, "kadri")
    with app.app_context():
        token = rotas.state_token(2027, 3)
    client.post("/plan/2027/3/publish", data={"state": token})
    assert published(app)[0] == 2
    assert "1 avatud vahetamistaotlus lõppes" in client.get("/plan/2027/3").get_data(as_text=True)
    reason = "versioonis 2 ei ole Mari Tamm 02.03.2027 enam vahetuses P"
    assert reason in _ended_row(client.get("/plan/swaps").get_data(as_text=True), gone)

    as_user(client, auth, "mari")
    page = client.get("/me/swaps").get_data(as_text=True)
    mine = page[page.index('id="my-requests"'):page.index('id="my-upcoming"')]
    assert f'data-swap="{gone}"' not in mine and "ootab kolleegi vastust" not in mine
    assert _ended_row(page, gone).endswith(f"pole enam võimalik {reason}")

    as_user(client, auth, "piret")
    page = client.get("/me/swaps").get_data(as_text=True)
    asked = page[page.index('id="asked-of-me"'):page.index('id="my-requests"')]
    assert f'id="accept-{gone}"' not in page and f'id="accept-{kept}"' in asked
    assert re.search(r'id="nav-swaps">Vahetamised <span class="badge"[^>]*>1<', page)  # olga's only
    assert reason in _ended_row(page, gone)
    client.post("/language", data={"lang": "en", "next": "/me/swaps"})
    assert "Mari Tamm no longer has P on 02.03.2027 in version 2" in client.get("/me/swaps").get_data(as_text=True)
    assert [r["status"] for r in swap_rows(app)] == [m.SWAP_LAPSED, m.SWAP_ASKED]
