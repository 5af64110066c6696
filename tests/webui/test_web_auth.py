"""Login, logout, redirects after login, rate limiting, CSRF, language."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from webui import models as m
from webui.authz import safe_next
from webui.extensions import db
from webui_support import AuthActions, csrf_token


@pytest.mark.parametrize(("user", "home"), [("kadri", "/plan/"), ("mari", "/me/shifts")])
def test_login_goes_to_the_role_s_home(auth: AuthActions, user: str, home: str) -> None:
    response = auth.login(user)
    assert response.status_code == 302 and response.headers["Location"] == home


def test_wrong_password_is_refused_next_to_the_field(client: Any, auth: AuthActions) -> None:
    response = auth.login("mari", "nope")
    assert response.status_code == 401  # refused (a log or a script sees it without reading the page)
    assert "Vale kasutajanimi või parool." in response.get_data(as_text=True)
    assert client.get("/me/shifts").status_code == 302


def test_anonymous_is_sent_to_login_with_next(client: Any) -> None:
    response = client.get("/team/people")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/team/people")


@pytest.mark.parametrize(("target", "expected"), [
    ("/team/needs", "/team/needs"),
    ("/plan/2027/3?v=1", "/plan/2027/3?v=1"),
    ("//evil.example/x", "/plan/"),
    ("https://evil.example/", "/plan/"),
    ("/\\evil.example", "/plan/"),
    ("javascript:alert(1)", "/plan/"),
    ("", "/plan/"),
])
def test_no_open_redirect_after_login(client: Any, target: str, expected: str) -> None:
    response = client.post("/login", data={"username": "kadri", "password": "demo-kadri", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_safe_next_rejects_control_characters() -> None:
    assert safe_next("/a\r\nLocation: x", "/home") == "/home"
    assert safe_next("/ok/path?x=1", "/home") == "/ok/path?x=1"


def test_logout_is_post_only(client: Any, auth: AuthActions) -> None:
    auth.login("mari")
    assert client.get("/logout").status_code == 405
    assert auth.logout().status_code == 302
    assert client.get("/me/shifts").status_code == 302


def test_login_is_rate_limited_per_username_and_ip(app: Flask, client: Any, auth: AuthActions) -> None:
    for _ in range(5):
        assert auth.login("mari", "wrong").status_code == 401
    response = auth.login("mari")  # even the right password waits for the window
    assert response.status_code == 429
    assert "Liiga palju" in response.get_data(as_text=True)
    # another address is not blocked by mari's failures here
    other = app.test_client()
    response = other.post("/login", data={"username": "mari", "password": "demo-mari"},
                          environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 302
    # nor another user from the same address
    assert auth.login("olga").status_code == 302


def test_successful_login_clears_failures(app: Flask, auth: AuthActions) -> None:
    for _ in range(3):
        auth.login("mari", "wrong")
    assert auth.login("mari").status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(m.LoginAttempt)) == 0


def test_deactivated_person_cannot_log_in(app: Flask, auth: AuthActions) -> None:
    with app.app_context():
        person = db.session.scalar(sa.select(m.Person).where(m.Person.key == "olga"))
        person.active = False
        db.session.commit()
    assert auth.login("olga").status_code == 401


def test_csrf_is_enforced_when_enabled(make_app: Any) -> None:
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    # no token: refused
    response = client.post("/login", data={"username": "kadri", "password": "demo-kadri"})
    assert response.status_code == 400
    # with the page's token: accepted
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": "kadri", "password": "demo-kadri", "csrf_token": token})
    assert response.status_code == 302
    # a state change without the token is refused, with it goes through
    assert client.post("/plan/2027/3/generate", data={"time_limit": "5"}).status_code == 400
    assert client.post("/logout").status_code == 400
    page = client.get("/team/people").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": csrf_token(page)}).status_code == 302


def test_language_switch_and_default_estonian(client: Any, auth: AuthActions) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="et"' in page and "Logi sisse" in page
    response = client.post("/language", data={"lang": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "rota_lang=en" in response.headers["Set-Cookie"]
    page = client.get("/login").get_data(as_text=True)
    assert 'lang="en"' in page and "Log in" in page
    # the choice survives logging in and out
    auth.login("mari")
    assert "My shifts" in client.get("/me/shifts?month=2027-03").get_data(as_text=True)
    auth.logout()
    assert "Log in" in client.get("/login").get_data(as_text=True)
    # an unknown language is ignored; the redirect stays on the site
    response = client.post("/language", data={"lang": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_failures_older_than_the_window_are_not_kept_and_the_proxy_address_can_be_trusted(
        make_app: Any) -> None:
    """Failed logins were kept forever (300 junk usernames, 300 rows). Behind a reverse proxy
    (``ROTA_PROXY_HOPS=1``) the limit counts the client's address from X-Forwarded-For, not
    the proxy's (every user's, so five failures of one would have locked out everyone)."""
    from datetime import timedelta

    app = make_app(ROTA_PROXY_HOPS=1)
    client = app.test_client()
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for k in range(5):
        response = client.post("/login", data={"username": "mari", "password": "wrong"}, environ_base=via_proxy,
                               headers={"X-Forwarded-For": "192.0.2.7"})
        assert response.status_code == 401
    response = client.post("/login", data={"username": "mari", "password": "demo-mari"}, environ_base=via_proxy,
                           headers={"X-Forwarded-For": "192.0.2.7"})
    assert response.status_code == 429
    other = app.test_client()  # mari at another client address behind the same proxy
    assert other.post("/login", data={"username": "mari", "password": "demo-mari"}, environ_base=via_proxy,
                      headers={"X-Forwarded-For": "198.51.100.3"}).status_code == 302
    with app.app_context():
        db.session.execute(sa.update(m.LoginAttempt).values(at=m.utcnow() - timedelta(hours=1)))
        db.session.commit()
    assert app.test_client().post("/login", data={"username": "nobody", "password": "x"}).status_code == 401
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(m.LoginAttempt)) == 1


def _new_password(app: Flask, client: Any, key: str, role: str, password: str) -> int:
    """The lead sets ``key``'s password on the person form: the response status."""
    with app.app_context():
        person = db.session.scalar(sa.select(m.Person).where(m.Person.key == key))
        data = {"key": key, "name": person.name, "role": role, "fte": "1", "languages": "et", "services": ["CL"],
                "username": key, "password": password, "version": str(person.version)}
        return client.post(f"/team/people/{person.id}/edit", data=data).status_code


def test_a_new_password_ends_the_sessions_opened_with_the_old_one(app: Flask, client: Any,
                                                                   auth: AuthActions) -> None:
    """A changed password left every open session of the person working (a stolen cookie
    kept working); the team lead changing their own password stays logged in."""
    mari = app.test_client()
    assert mari.post("/login", data={"username": "mari", "password": "demo-mari"}).status_code == 302
    assert mari.get("/me/shifts").status_code == 200
    auth.login("kadri")
    assert _new_password(app, client, "mari", "counsellor", "a-new-secret") == 302
    assert mari.get("/me/shifts").status_code == 302  # to the login page
    assert client.get("/plan/").status_code == 200
    assert _new_password(app, client, "kadri", "team_lead", "kadri-new-secret") == 302
    assert client.get("/plan/").status_code == 200  # her own session goes on
