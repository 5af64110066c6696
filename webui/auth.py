"""Log in and out, the language switch, and the start page.

Login attempts are rate-limited per username + IP address: after
``ROTA_LOGIN_MAX_FAILURES`` failures within ``ROTA_LOGIN_WINDOW`` further attempts are
answered 429 until the window has passed. (No limit per address alone: behind a proxy or
one office NAT every user has the same address, and anyone could lock the whole team out.)
An unknown username takes as long to refuse as a wrong password. Behind a reverse proxy set
``ROTA_PROXY_HOPS`` so the address is the client's (``webui.config``). The failures are kept in the database
(``login_attempt``), so every worker process sees the same count; a successful login clears
them.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from webui.authz import member, public, safe_next
from webui.extensions import db
from webui.forms import ActionForm, LanguageForm, LoginForm, PasswordForm
from webui.models import LoginAttempt, Person, utcnow

bp = Blueprint("auth", __name__)


def _client_ip() -> str:
    return (request.remote_addr or "unknown")[:64]


def _recent_failures(username: str, ip: str) -> int:
    window: timedelta = current_app.config["ROTA_LOGIN_WINDOW"]
    since = utcnow() - window
    return db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == username, LoginAttempt.ip == ip, LoginAttempt.at >= since)) or 0


@lru_cache(maxsize=4)
def _nobody(method: str | None) -> str:
    """A hash checked when the username is unknown, so that the answer takes as long as for
    a known one (the time told which usernames exist: 7 ms against 150 ms)."""
    return generate_password_hash("no such user", method=method) if method else generate_password_hash("x")


def _home_for(person: Person) -> str:
    return url_for("plan.index") if person.is_lead else url_for("me.shifts")


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Any:
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        if current_user.is_authenticated:
            return redirect(safe_next(form.next.data, _home_for(current_user)))
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        ip = _client_ip()
        if _recent_failures(username, ip) >= current_app.config["ROTA_LOGIN_MAX_FAILURES"]:
            minutes = int(current_app.config["ROTA_LOGIN_WINDOW"].total_seconds() // 60)
            form.password.errors.append(_("Too many failed attempts. Try again in %(minutes)s minutes.",
                                          minutes=minutes))
            return render_template("login.html", form=form), 429
        person = db.session.scalar(sa.select(Person).where(Person.username == username))
        if person is None:
            check_password_hash(_nobody(current_app.config.get("ROTA_PASSWORD_METHOD")), form.password.data)
        if person is None or not person.check_password(form.password.data) or not person.active:
            db.session.add(LoginAttempt(username=username, ip=ip))
            # failures older than the window count for nothing: not kept
            db.session.execute(sa.delete(LoginAttempt).where(
                LoginAttempt.at < utcnow() - current_app.config["ROTA_LOGIN_WINDOW"]))
            db.session.commit()
            form.password.errors.append(_("Wrong username or password."))
            return render_template("login.html", form=form), 401
        db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.username == username,
                                                         LoginAttempt.ip == ip))
        db.session.commit()
        lang = session.get("lang")
        session.clear()  # a fresh session after login (no fixation)
        if lang:
            session["lang"] = lang
        login_user(person)
        return redirect(safe_next(form.next.data, _home_for(person)))
    return render_template("login.html", form=form)


@bp.route("/logout", methods=["POST"])
@member
def logout() -> Any:
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.index"))
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@member
def password() -> Any:
    """Every member changes their own password (a login the lead or ``flask --app webui
    set-password`` made, a demo password): the current one is asked again; the new one ends
    every other session opened with the old one (``Person.get_id``), this one continues."""
    form = PasswordForm()
    status = 200
    if form.validate_on_submit():
        person: Person = current_user._get_current_object()  # type: ignore[attr-defined]
        # wrong current passwords count as failed logins of the name (someone holding a stolen
        # session may not try passwords freely): the login's limit applies here too
        name, ip = person.username or person.key, _client_ip()
        if _recent_failures(name, ip) >= current_app.config["ROTA_LOGIN_MAX_FAILURES"]:
            minutes = int(current_app.config["ROTA_LOGIN_WINDOW"].total_seconds() // 60)
            form.current.errors.append(_("Too many failed attempts. Try again in %(minutes)s minutes.",
                                         minutes=minutes))
            return render_template("form.html", form=form, title=_("Change password"),
                                   action=url_for("auth.password"), back=_home_for(current_user)), 429
        if person.check_password(form.current.data):
            person.set_password(form.new.data)
            db.session.commit()
            login_user(person)  # the session's stamp follows the new password
            flash(_("Your password was changed."), "success")
            return redirect(_home_for(current_user))
        db.session.add(LoginAttempt(username=name, ip=ip))
        db.session.commit()
        form.current.errors.append(_("This is not your current password."))
    if request.method == "POST":
        status = 400
    return render_template("form.html", form=form, title=_("Change password"), action=url_for("auth.password"),
                           back=_home_for(current_user)), status


@bp.route("/language", methods=["POST"])
@public
def language() -> Any:
    form = LanguageForm()
    target = safe_next(form.next.data, url_for("auth.index"))
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        response = make_response(redirect(target))
        response.set_cookie("rota_lang", form.lang.data, max_age=365 * 24 * 3600, httponly=True,
                            samesite="Lax", secure=current_app.config.get("SESSION_COOKIE_SECURE", True))
        return response
    return redirect(target)


@bp.route("/")
@member
def index() -> Any:
    return redirect(_home_for(current_user))
