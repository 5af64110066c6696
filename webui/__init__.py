"""The web app: the team lead plans and publishes months, counsellors see their shifts.

``create_app(test_config=None)`` is the factory (flaskr / microblog style); one blueprint per
feature: ``auth`` (login, logout, language), ``team`` (people, services, shift types,
needs, absences, events, settings), ``plan`` (generate, grid, edit, pins, publish, sick
leave, exports), ``me`` (a counsellor's shifts, hours, wishes, the published rota).

Run it:

* ``rota serve [--host H] [--port P]`` (calls :func:`serve`): the embedded default, a
  SQLite file in the instance folder, migrated and seeded with the example team on first
  start;
* production: ``gunicorn --preload -w 2 -b 0.0.0.0:8000 'webui:create_app()'`` with
  ``DATABASE_URL`` and ``SECRET_KEY`` set (``--preload`` runs the migrations once, before
  the workers start; or run ``flask --app webui db upgrade`` first and set
  ``ROTA_AUTO_MIGRATE=0``).
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Mapping

import sqlalchemy as sa
from flask import Flask, g, render_template, request, session
from flask_babel import format_date, format_decimal

from scheduler.domain import clock_span
from webui import config
from webui.extensions import babel, csrf, db, login_manager, migrate

MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")
LANGUAGES = ("et", "en")


def select_locale() -> str:
    """The language chosen with the switch (session, else the long-lived cookie), else
    Estonian."""
    for lang in (session.get("lang"), request.cookies.get("rota_lang")):
        if lang in LANGUAGES:
            return lang
    return "et"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    # ROTA_INSTANCE_PATH moves the instance folder (SQLite file, generated secret key).
    app = Flask(__name__, instance_path=config.instance_path(), instance_relative_config=True)
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    try:  # an existing instance folder too: it holds the database and the secret key
        os.chmod(app.instance_path, os.stat(app.instance_path).st_mode & 0o700)
    except OSError:
        pass
    # Tests bring their own SECRET_KEY and database; the instance folder is left alone.
    settings = config.from_environment(app.instance_path,
                                       secret=(test_config or {}).get("SECRET_KEY"))
    app.config.from_mapping(settings)
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)
    if app.config.get("ROTA_PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["ROTA_PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    db.init_app(app)
    with app.app_context():
        config.install_sqlite_pragmas(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    babel.init_app(app, locale_selector=select_locale, default_locale="et",
                   default_timezone="Europe/Tallinn",
                   default_translation_directories=str(Path(__file__).resolve().parent / "translations"))

    from webui import models

    @login_manager.user_loader
    def load_user(user_id: str) -> models.Person | None:
        return models.person_of_session(user_id)

    from webui import auth, me, plan, swaps, team

    app.register_blueprint(auth.bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(plan.bp)
    app.register_blueprint(me.bp)
    app.register_blueprint(swaps.bp)
    _template_helpers(app)
    _error_pages(app)
    _cli(app)

    @app.before_request
    def nonce() -> None:
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def security_headers(response: Any) -> Any:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'nonce-" + g.get("csp_nonce", "") + "'; "
            "script-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; form-action 'self'")
        return response

    if app.config.get("ROTA_AUTO_MIGRATE"):
        prepare_database(app)
    elif app.config.get("ROTA_SEED_DEMO"):
        # the operator migrates (``flask --app webui db upgrade``); seeding is still asked for
        seed_migrated(app)
    return app


def _template_helpers(app: Flask) -> None:
    from flask_babel import get_locale

    from webui.helpers import today

    @app.template_filter("d")
    def estonian_date(value: date | None) -> str:
        """dd.mm.yyyy, the Estonian way, in both languages."""
        return value.strftime("%d.%m.%Y") if value else ""

    @app.template_filter("dm")
    def day_month(value: date | None) -> str:
        return value.strftime("%d.%m") if value else ""

    @app.template_filter("wd")
    def weekday(value: date) -> str:
        return format_date(value, "EEEEEE" if str(get_locale()) == "et" else "EEE")

    @app.template_filter("h")
    def hours(value: float | None) -> str:
        return "" if value is None else format_decimal(round(value, 2), "0.##")

    @app.template_filter("span")
    def clock_span_filter(start: datetime | time | None, end: datetime | time | None) -> str:
        """``17:00–24:00``: a duty's hours as the team file writes them (an end at midnight is
        24:00, as in the grid's legend), from times or datetimes."""
        if start is None or end is None:
            return ""
        as_time = [v.time() if isinstance(v, datetime) else v for v in (start, end)]
        return clock_span(*as_time)

    @app.template_filter("endclock")
    def end_clock(value: time | None) -> str:
        """An end time as the team file writes it: midnight at the end of the day is 24:00."""
        if value is None:
            return ""
        return "24:00" if value == time(0) else value.strftime("%H:%M")

    @app.template_filter("n1")
    def one_decimal(value: float | None) -> str:
        """12,5 in Estonian, 12.5 in English: one decimal, the viewer's decimal sign."""
        return "—" if value is None else format_decimal(round(value, 1), "0.0")

    @app.template_filter("monthname")
    def month_name(value: date) -> str:
        return format_date(value, "LLLL yyyy")

    @app.template_filter("cssname")
    def css_name(value: str) -> str:
        return re.sub(r"[^A-Za-z0-9_-]", "_", value or "")

    @app.context_processor
    def inject() -> dict[str, Any]:
        from webui.forms import LanguageForm
        from webui.models import Service

        css = ""
        if request.endpoint and not request.endpoint.startswith(("static", "auth.")):
            css = " ".join(f".svc-{css_name(s.code)}{{--svc:{s.colour}}}"
                           for s in db.session.scalars(sa.select(Service))
                           if re.fullmatch(r"#[0-9a-fA-F]{6}", s.colour or ""))
        return {"service_css": css, "csp_nonce": g.get("csp_nonce", ""),
                "language_form": LanguageForm(lang=str(get_locale()), next=request.full_path.rstrip("?")),
                "current_lang": str(get_locale()), "today": today(), "swaps_waiting": _swaps_waiting}


def _swaps_waiting() -> int:
    """The navigation's count of swap requests waiting for the user (called by the template
    only where it shows the link)."""
    from flask_login import current_user

    from webui.swaps import waiting_for

    return waiting_for(current_user) if current_user.is_authenticated else 0


def _error_pages(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        return render_template("error.html", code=400, message=exc.description), 400

    for code in (403, 404, 405, 409, 429):
        app.register_error_handler(code, lambda exc, code=code: (
            render_template("error.html", code=code, message=getattr(exc, "description", "")), code))


def _cli(app: Flask) -> None:
    import click

    @app.cli.command("seed-demo")
    @click.option("--team", "team_path", default=None, help="team file (default: the example team)")
    def seed_demo(team_path: str | None) -> None:
        """Seed an empty database with a team file and demo logins <id> / demo-<id>."""
        logins = seed(app, team_path)
        if not logins:
            click.echo("the database already has people; nothing seeded")
        for username, password, role in logins:
            click.echo(f"{role:<11} {username} / {password}")

    @app.cli.command("seed-team")
    @click.argument("team_path")
    def seed_team_command(team_path: str) -> None:
        """Seed an empty database with a team file, without any login (a real team: give the
        team lead a login with set-password, then people get theirs on the person form)."""
        from scheduler.teamfile import TeamFileError, load_team
        from webui.convert import seed_team
        from webui.models import Person

        if db.session.scalar(sa.select(sa.func.count()).select_from(Person)):
            raise click.ClickException("the database already has people; nothing seeded")
        from webui.forms import KEY_PATTERN

        try:
            team = load_team(team_path)
        except TeamFileError as error:
            raise click.ClickException(str(error)) from None
        odd = [p.id for p in team.people if not re.fullmatch(KEY_PATTERN, p.id)]
        if odd:
            raise click.ClickException(f"{team_path}: person ids {', '.join(map(repr, odd))} are not ones the web app "
                                       "takes (lower-case letters, digits, '.', '_' or '-', starting with a letter "
                                       "or digit; the id is also the login name): rename them there first")
        seed_team(team, demo_passwords=False)
        db.session.commit()
        leads = [p.id for p in team.people if p.role == "team_lead"]
        click.echo(f"seeded {team.name}: {len(team.people)} people, no logins")
        if leads:
            click.echo(f"give the team lead a login: flask --app webui set-password {leads[0]}")

    @app.cli.command("create-lead")
    @click.argument("person_id")
    @click.option("--name", required=True, help="the team lead's name as the pages show it")
    @click.password_option()
    def create_lead(person_id: str, name: str, password: str) -> None:
        """Add a team lead with a login (username = PERSON_ID) to a database without one: the
        first login of a team set up in the web app from nothing."""
        from webui.forms import KEY_PATTERN
        from webui.models import ROLE_LEAD, Person

        if not re.fullmatch(KEY_PATTERN, person_id):
            raise click.ClickException(f"{person_id!r}: a person id is lower-case letters, digits, '.', '_' "
                                       "or '-', starting with a letter or digit")
        if len(password) < 8:
            raise click.ClickException("the password needs at least 8 characters")
        taken = db.session.scalar(sa.select(Person).where(sa.or_(Person.key == person_id,
                                                                 Person.username == person_id)))
        if taken is not None:
            raise click.ClickException(f"{person_id!r} is already in the team: use set-password {person_id}")
        person = Person(key=person_id, name=name.strip() or person_id, role=ROLE_LEAD, fte=1.0, languages=["et"],
                        services=[], settings={}, active=True, username=person_id)
        person.set_password(password)
        db.session.add(person)
        db.session.commit()
        click.echo(f"team lead {person.name} created: log in as {person_id}")

    @app.cli.command("set-password")
    @click.argument("username")
    @click.password_option()
    def set_password(username: str, password: str) -> None:
        """Set a person's password; a person of the team without a login (seed-team) gets
        one, with their id as the username."""
        from webui.models import Person

        from webui.forms import KEY_PATTERN

        if len(password) < 8:
            raise click.ClickException("the password needs at least 8 characters")
        person = db.session.scalar(sa.select(Person).where(Person.username == username.lower()))
        created = False
        if person is None:
            person = db.session.scalar(sa.select(Person).where(Person.key == username, Person.username.is_(None)))
            if person is None:
                raise click.ClickException(f"no user {username!r} and no person with that id without a login")
            if not re.fullmatch(KEY_PATTERN, username.lower()):
                raise click.ClickException(f"{username!r} cannot be a login name (lower-case letters, digits, '.', "
                                           "'_' or '-'): give the person a login on the person form")
            person.username, created = username.lower(), True
        person.set_password(password)
        db.session.commit()
        click.echo(f"login {username} created for {person.name}" if created else f"password of {username} set")


def seed(app: Flask, team_path: str | None = None) -> list[tuple[str, str, str]]:
    """Seed an empty database from a team file; returns the demo logins made."""
    from scheduler.teamfile import load_team
    from webui.convert import seed_team
    from webui.models import Person

    with app.app_context():
        if db.session.scalar(sa.select(sa.func.count()).select_from(Person)):
            return []
        team = load_team(team_path or app.config["ROTA_SEED_TEAM"])
        return seed_team(team, demo_passwords=True)


def seed_migrated(app: Flask) -> list[tuple[str, str, str]]:
    """:func:`seed` into a database the operator migrates; nothing yet while it has no tables
    (``flask --app webui db upgrade`` itself builds the app first), with a note in the log."""
    with app.app_context():
        if not sa.inspect(db.engine).has_table("person"):
            app.logger.warning("ROTA_SEED_DEMO=1 with ROTA_AUTO_MIGRATE=0: the database has no tables yet, "
                               "so nothing is seeded; run `flask --app webui db upgrade` and start again")
            return []
    return seed(app)


def prepare_database(app: Flask) -> list[tuple[str, str, str]]:
    """Bring the schema to the latest migration; seed the example team into an empty
    database when ``ROTA_SEED_DEMO`` is on. Never ``create_all``."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=MIGRATIONS)
    if app.config.get("ROTA_SEED_DEMO"):
        return seed(app)
    return []


def demo_logins(app: Flask) -> list[tuple[str, str, str]]:
    """The demo logins that still have their documented password: (role, user, password)."""
    from webui.models import ROLE_COUNSELLOR, ROLE_LEAD, Person

    out: list[tuple[str, str, str]] = []
    with app.app_context():
        for role in (ROLE_LEAD, ROLE_COUNSELLOR):
            for p in db.session.scalars(sa.select(Person).where(Person.role == role, Person.active,
                                                                Person.username.is_not(None))
                                        .order_by(Person.id)):
                if p.check_password(f"demo-{p.username}"):
                    out.append((role, str(p.username), f"demo-{p.username}"))
                    break
    return out


#: Addresses only this machine reaches (browsers keep Secure cookies for them over HTTP).
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def serve(host: str = "127.0.0.1", port: int = 5000) -> int:
    """``rota serve``: migrate and seed on first start, print the URL and the demo logins,
    and run the app on Werkzeug's threaded server (for one team on one machine; production
    runs under gunicorn, see the module docstring)."""
    plain_http_on_network = host not in LOOPBACK and not os.environ.get("ROTA_COOKIE_SECURE")
    # This server speaks plain HTTP: on a network address a browser on another machine would
    # drop a Secure session cookie and nobody could log in.
    app = create_app({"SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False}
                     if plain_http_on_network else None)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"http://{'[' + shown_host + ']' if ':' in shown_host else shown_host}:{port}/"
    print(f"Rota is running at {url}")
    print(f"  database: {_safe_url(app.config['SQLALCHEMY_DATABASE_URI'])}")
    logins = demo_logins(app)
    if logins:
        print("  demo logins (change them before real use: flask --app webui set-password USER):")
        labels = {"team_lead": "team lead", "counsellor": "counsellor"}
        for role, user, password in logins:
            print(f"    {labels[role]:<11} {user} / {password}")
        print("    every seeded person: <id> / demo-<id>")
    if plain_http_on_network:
        print("  plain HTTP on a network address: logins work from other machines, but passwords travel "
              "unencrypted; for real use put it behind HTTPS and set ROTA_COOKIE_SECURE=1")
    print("  stop with Ctrl+C", flush=True)
    app.run(host=host, port=port, threaded=True, use_reloader=False, debug=False)
    return 0


def cli_serve(host: str, port: int) -> int:
    """Entry point for ``rota serve`` (scheduler/cli.py)."""
    return serve(host, port)


def _safe_url(uri: str) -> str:
    try:
        return sa.engine.make_url(uri).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return "(unparsable DATABASE_URL)"


__all__ = ["create_app", "serve", "cli_serve", "prepare_database", "db"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve())
