"""Deleting services and shift types: one nothing uses goes; one a rota version, a coverage
need, a wish or a person still uses stays, and the message names what uses it."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui import rotas
from webui.convert import assignment, build_team
from webui.extensions import db
from webui_support import MONTH, YEAR, AuthActions
from test_web_team_checks import english, flashes, row


def delete(client: Any, what: str, row_id: int, version: int) -> str:
    """POST the delete button of ``what`` (``services`` or ``shift-types``); the page it leads to."""
    response = client.post(f"/team/{what}/{row_id}/delete", data={"version": version}, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_services_page_offers_delete_buttons(client: Any, auth: AuthActions) -> None:
    auth.login()
    page = client.get("/team/services").get_data(as_text=True)
    assert page.count('/delete"') == 2 + 3  # services CL, VJ; shift types P, O, J


def test_unused_shift_type_and_service_are_deleted(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    j = row(app, m.ShiftType, code="J")
    assert flashes(delete(client, "shift-types", j.id, j.version + 1), "error")  # stale: kept
    assert row(app, m.ShiftType, code="J") is not None
    page = delete(client, "shift-types", j.id, j.version)
    assert flashes(page, "success") == ["Shift type J deleted."]
    assert row(app, m.ShiftType, code="J") is None
    with app.app_context():
        assert "J" not in {st.code for st in build_team().shift_types}
    # the duty-lead desk: the team lead still lists it among her services
    vj = row(app, m.Service, code="VJ")
    assert flashes(delete(client, "services", vj.id, vj.version), "error") == [
        "Service VJ was not deleted: Kadri Sepp work in it (take it off their services on the person form first)."]
    with app.app_context():
        kadri = db.session.scalar(sa.select(m.Person).where(m.Person.key == "kadri"))
        kadri.services = ["CL"]
        db.session.commit()
    assert flashes(delete(client, "services", vj.id, vj.version), "success") == ["Service VJ deleted."]
    assert row(app, m.Service, code="VJ") is None
    assert "VJ" not in client.get("/team/services").get_data(as_text=True)


def test_a_shift_type_in_use_is_kept(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    cl = row(app, m.Service, code="CL")
    data = {"code": "N", "name": "Night", "service": cl.id, "start": "00:00", "end": "08:00",
            "weekdays": ["0", "1", "2", "3", "4", "5", "6"]}
    assert client.post("/team/shift-types/new", data=data).status_code == 302
    n = row(app, m.ShiftType, code="N")
    with app.app_context():  # a published March and an April draft with N, a wish for N
        team = build_team()
        rotas.publish(rotas.store_draft(YEAR, MONTH, [assignment(team, "mari", date(YEAR, MONTH, 2), "N")],
                                        source="manual"), None)
        rotas.store_draft(YEAR, MONTH + 1, [assignment(team, "olga", date(YEAR, MONTH + 1, 2), "N")], source="manual")
        olga = db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga"))
        db.session.add(m.Wish(person_id=olga.id, day=date(YEAR, MONTH + 1, 5), kind="shift_wanted", shift_code="N"))
        db.session.commit()
    assert flashes(delete(client, "shift-types", n.id, n.version), "error") == [
        "Shift type N was not deleted: the rota of 03.2027 (published), 04.2027 (draft) has it, and a rota keeps "
        "its shifts; wishes of Olga Ivanova name it."]
    assert row(app, m.ShiftType, code="N") is not None
    with app.app_context():  # the published March still has its duty
        published = rotas.published_of(YEAR, MONTH)
        assert [a.code for a in rotas.cell_assignments(build_team(), published.cells)] == ["N"]
    p = row(app, m.ShiftType, code="P")
    assert flashes(delete(client, "shift-types", p.id, p.version), "error") == [
        "Shift type P was not deleted: 1 coverage need asks for it (delete or change it first)."]
    assert row(app, m.ShiftType, code="P") is not None


def test_a_service_in_use_is_kept(app: Flask, client: Any, auth: AuthActions) -> None:
    english(client, auth)
    cl = row(app, m.Service, code="CL")
    assert flashes(delete(client, "services", cl.id, cl.version), "error") == [
        "Service CL was not deleted: it has the shift types O, P (delete them first); 2 coverage needs ask for it "
        "(delete or change them first); Jaan Kask, Kadri Sepp, Mari Tamm, Olga Ivanova, Piret Mägi work in it "
        "(take it off their services on the person form first)."]
    assert row(app, m.Service, code="CL") is not None


def test_the_refusal_is_in_estonian(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login()
    p = row(app, m.ShiftType, code="P")
    message = flashes(delete(client, "shift-types", p.id, p.version), "error")[0]
    assert message.startswith("Vahetuse liiki P ei kustutatud") and "vajadus" in message
