"""A real team's first login, and every member's own password: an empty database (no demo
seed) had no way in — `set-password` knew only existing logins and the only seeding printed
`demo-<id>` passwords for everyone — and a counsellor could not change the password the lead
or a demo seed gave them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

import webui
from webui import create_app
from webui import models as m
from webui.extensions import db
from webui_support import SMALL_TEAM, AuthActions, base_config, dispose


def _empty_app(tmp_path: Path) -> Flask:
    from flask_migrate import upgrade

    app = create_app(base_config(tmp_path / "empty.sqlite"))
    with app.app_context():
        upgrade(directory=webui.MIGRATIONS)
    return app


def test_a_team_file_seeded_without_logins_then_the_leads_login(tmp_path: Path) -> None:
    app = _empty_app(tmp_path)
    try:
        runner = app.test_cli_runner()
        result = runner.invoke(args=["seed-team", str(SMALL_TEAM)])
        assert result.exit_code == 0, result.output
        assert "no logins" in result.output and "set-password kadri" in result.output
        assert "demo-" not in result.output
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(m.Person).where(
                m.Person.username.is_not(None))) == 0
        client = app.test_client()
        assert AuthActions(client).login("kadri").status_code == 401  # no demo password
        result = runner.invoke(args=["set-password", "kadri"], input="a-new-secret\na-new-secret\n")
        assert result.exit_code == 0 and "login kadri created for" in result.output, result.output
        assert AuthActions(client).login("kadri", "a-new-secret").status_code == 302
        again = runner.invoke(args=["seed-team", str(SMALL_TEAM)])
        assert again.exit_code != 0 and "already has people" in again.output
        short = runner.invoke(args=["set-password", "mari"], input="short\nshort\n")
        assert short.exit_code != 0 and "at least 8 characters" in short.output
        unknown = runner.invoke(args=["set-password", "nobody"], input="a-new-secret\na-new-secret\n")
        assert unknown.exit_code != 0 and "no user 'nobody'" in unknown.output
    finally:
        dispose(app)


def test_the_first_team_lead_of_a_team_set_up_from_nothing(tmp_path: Path) -> None:
    app = _empty_app(tmp_path)
    try:
        runner = app.test_cli_runner()
        result = runner.invoke(args=["create-lead", "anu", "--name", "Anu Mets"],
                               input="a-long-secret\na-long-secret\n")
        assert result.exit_code == 0 and "log in as anu" in result.output, result.output
        client = app.test_client()
        assert AuthActions(client).login("anu", "a-long-secret").status_code == 302
        assert client.get("/team/people").status_code == 200  # a lead: the team pages open
        again = runner.invoke(args=["create-lead", "anu", "--name", "Anu"], input="a-long-secret\na-long-secret\n")
        assert again.exit_code != 0 and "already in the team" in again.output
        bad = runner.invoke(args=["create-lead", "Anu Mets", "--name", "x"], input="a-long-secret\na-long-secret\n")
        assert bad.exit_code != 0 and "a person id is lower-case" in bad.output
    finally:
        dispose(app)


def test_a_counsellor_changes_their_own_password(app: Flask, client: Any, auth: AuthActions) -> None:
    auth.login("mari")
    client.post("/language", data={"lang": "en"})
    assert 'id="nav-password"' in client.get("/me/shifts").get_data(as_text=True)
    wrong = client.post("/password", data={"current": "not-it", "new": "brand-new-pw", "again": "brand-new-pw"})
    assert wrong.status_code == 400 and "This is not your current password." in wrong.get_data(as_text=True)
    differ = client.post("/password", data={"current": "demo-mari", "new": "brand-new-pw", "again": "brand-new-px"})
    assert differ.status_code == 400 and "The two new passwords differ." in differ.get_data(as_text=True)
    short = client.post("/password", data={"current": "demo-mari", "new": "short", "again": "short"})
    assert short.status_code == 400
    done = client.post("/password", data={"current": "demo-mari", "new": "brand-new-pw", "again": "brand-new-pw"})
    assert done.status_code == 302
    assert client.get("/me/shifts").status_code == 200  # this session continues
    auth.logout()
    assert auth.login("mari").status_code == 401  # the demo password is gone
    assert auth.login("mari", "brand-new-pw").status_code == 302
    client.post("/language", data={"lang": "et"})
    page = client.get("/password").get_data(as_text=True)
    assert "Muuda parooli" in page or "Parooli muutmine" in page


def test_a_login_name_is_what_the_login_form_accepts(tmp_path: Path) -> None:
    """`set-password Kadri` for a person whose id is Kadri stored the username Kadri, which the
    login form (lower-casing what is typed) never matched: the login is lower-case now; ids
    the web app cannot take are refused at seeding, naming them (a review)."""
    app = _empty_app(tmp_path)
    try:
        runner = app.test_cli_runner()
        odd = tmp_path / "odd.toml"
        odd.write_text(SMALL_TEAM.read_text(encoding="utf-8") + '\n[[people]]\nid = "Uus Inimene"\nfte = 0.5\n'
                       'languages = ["et"]\nservices = ["CL"]\n', encoding="utf-8")
        refused = runner.invoke(args=["seed-team", str(odd)])
        assert refused.exit_code != 0 and "'Uus Inimene' are not ones the web app takes" in refused.output
        assert runner.invoke(args=["seed-team", str(SMALL_TEAM)]).exit_code == 0
        with app.app_context():
            db.session.execute(sa.update(m.Person).where(m.Person.key == "kadri").values(key="Kadri"))
            db.session.commit()
        result = runner.invoke(args=["set-password", "Kadri"], input="a-new-secret\na-new-secret\n")
        assert result.exit_code == 0, result.output
        assert AuthActions(app.test_client()).login("Kadri", "a-new-secret").status_code == 302
    finally:
        dispose(app)


def test_wrong_current_passwords_are_limited_as_logins_are(app: Flask, client: Any, auth: AuthActions) -> None:
    """40 wrong current passwords on /password were all answered 400: someone holding a stolen
    session could try passwords freely (a review). After the login's limit of failures they
    are refused with 429, even the right one, until the window has passed."""
    auth.login("mari")
    client.post("/language", data={"lang": "en"})
    for _ in range(app.config["ROTA_LOGIN_MAX_FAILURES"]):
        wrong = client.post("/password", data={"current": "guess", "new": "brand-new-pw", "again": "brand-new-pw"})
        assert wrong.status_code == 400
    right = client.post("/password", data={"current": "demo-mari", "new": "brand-new-pw", "again": "brand-new-pw"})
    assert right.status_code == 429 and "Too many failed attempts" in right.get_data(as_text=True)
    auth.logout()
    assert auth.login("mari").status_code == 429  # the same count as the login's
