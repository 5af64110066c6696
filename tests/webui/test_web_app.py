"""The app factory, configuration, migrations, seeding and ``serve``."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

import webui
from webui import config, create_app
from webui import models as m
from webui.extensions import db
from webui_support import SMALL_TEAM, base_config, dispose


def test_config_defaults_to_sqlite_in_the_instance_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("ROTA_SEED_DEMO", raising=False)
    settings = config.from_environment(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'rota.sqlite'}"
    assert settings["ROTA_SEED_DEMO"] is True
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["BABEL_DEFAULT_LOCALE"] == "et"


def test_database_url_points_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://rota:pw@db.example/rota")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.delenv("ROTA_SEED_DEMO", raising=False)
    settings = config.from_environment(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql://rota:pw@db.example/rota"
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["ROTA_SEED_DEMO"] is False  # no demo logins in a real database by default
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.secret_key(str(tmp_path))
    assert len(first) >= 32
    assert config.secret_key(str(tmp_path)) == first
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_instance_path_holds_the_database_and_the_secret_key(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "state" / "rota"  # missing: created
    monkeypatch.setenv("ROTA_INSTANCE_PATH", str(folder))
    for name in ("DATABASE_URL", "SECRET_KEY", "ROTA_SEED_DEMO", "ROTA_AUTO_MIGRATE"):
        monkeypatch.delenv(name, raising=False)
    app = create_app({"TESTING": True, "ROTA_SEED_DEMO": False})
    try:
        assert app.instance_path == str(folder)
        assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{folder / 'rota.sqlite'}"
        assert (folder / "rota.sqlite").is_file()  # migrated there on start
        assert (folder / "secret_key").read_text(encoding="utf-8") == app.config["SECRET_KEY"]
        assert stat.S_IMODE(os.stat(folder / "secret_key").st_mode) == 0o600
        with app.app_context():
            assert db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        dispose(app)


def test_instance_path_must_be_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTA_INSTANCE_PATH", "relative/instance")
    with pytest.raises(RuntimeError, match="ROTA_INSTANCE_PATH"):
        create_app({"TESTING": True, "SECRET_KEY": "x", "ROTA_AUTO_MIGRATE": False})
    monkeypatch.setenv("ROTA_INSTANCE_PATH", "")
    assert config.instance_path() is None  # Flask's default folder


def test_grid_names_public_holidays_in_the_viewer_s_language(client: Any) -> None:
    client.post("/login", data={"username": "kadri", "password": "demo-kadri"})
    page = client.get("/plan/2027/3").get_data(as_text=True)  # Good Friday is 26.03.2027
    assert 'title="suur reede"' in page and "Good Friday" not in page
    client.post("/language", data={"lang": "en"})
    page = client.get("/plan/2027/3").get_data(as_text=True)
    assert 'title="Good Friday"' in page and "suur reede" not in page


def test_sqlite_pragmas_are_set_on_connect(app: Flask) -> None:
    with app.app_context():
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_first_start_migrates_and_seeds_the_example_team(tmp_path: Path) -> None:
    app = create_app(base_config(tmp_path / "fresh.sqlite", ROTA_AUTO_MIGRATE=True, ROTA_SEED_DEMO=True,
                                 ROTA_SEED_TEAM=str(config.EXAMPLE_TEAM)))
    try:
        with app.app_context():
            people = db.session.scalars(sa.select(m.Person)).all()
            assert len(people) == 16
            kadri = next(p for p in people if p.key == "kadri")
            mari = next(p for p in people if p.key == "mari")
            assert kadri.role == m.ROLE_LEAD and kadri.check_password("demo-kadri")
            assert mari.role == m.ROLE_COUNSELLOR and mari.check_password("demo-mari")
            assert db.session.scalar(sa.select(sa.func.count()).select_from(m.Need)) == 10
            version = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            assert version  # the schema came from the committed migrations
        assert webui.demo_logins(app) == [("team_lead", "kadri", "demo-kadri"), ("counsellor", "mari", "demo-mari")]
        # a second start neither re-seeds nor fails
        assert webui.prepare_database(app) == []
    finally:
        dispose(app)


def test_committed_migrations_match_the_models(tmp_path: Path) -> None:
    """``flask db check``: the models have no change that lacks a migration."""
    from flask_migrate import check

    app = create_app(base_config(tmp_path / "check.sqlite", ROTA_AUTO_MIGRATE=True))
    try:
        with app.app_context():
            check(directory=webui.MIGRATIONS)
    finally:
        dispose(app)


def test_serve_prints_the_url_and_demo_logins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite'}")
    monkeypatch.setenv("SECRET_KEY", "serve-test")
    monkeypatch.setenv("ROTA_SEED_DEMO", "1")
    monkeypatch.setenv("ROTA_SEED_TEAM", str(SMALL_TEAM))
    ran: dict[str, Any] = {}
    apps: list[Flask] = []

    def fake_run(self: Flask, host: str, port: int, **kwargs: Any) -> None:
        ran.update(host=host, port=port, **kwargs)
        apps.append(self)

    monkeypatch.setattr(Flask, "run", fake_run)
    assert webui.cli_serve("127.0.0.1", 5123) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:5123/" in out
    assert "kadri / demo-kadri" in out and "mari / demo-mari" in out
    assert ran["host"] == "127.0.0.1" and ran["port"] == 5123 and ran["threaded"] is True
    dispose(apps[0])


def test_serve_on_a_network_address_lets_other_machines_log_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """``rota serve --host 0.0.0.0`` speaks plain HTTP: a Secure session cookie would be
    dropped by a browser on another machine, so nobody could log in; it is sent without
    Secure then, with a warning. Set ROTA_COOKIE_SECURE=1 (behind HTTPS) to keep it."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite'}")
    monkeypatch.setenv("SECRET_KEY", "serve-test")
    monkeypatch.setenv("ROTA_SEED_DEMO", "0")
    monkeypatch.delenv("ROTA_COOKIE_SECURE", raising=False)
    apps: list[Flask] = []
    monkeypatch.setattr(Flask, "run", lambda self, **kwargs: apps.append(self))
    assert webui.cli_serve("0.0.0.0", 5124) == 0
    assert apps[-1].config["SESSION_COOKIE_SECURE"] is False
    assert "passwords travel unencrypted" in capsys.readouterr().out
    dispose(apps[-1])
    monkeypatch.setenv("ROTA_COOKIE_SECURE", "1")
    assert webui.cli_serve("0.0.0.0", 5125) == 0
    assert apps[-1].config["SESSION_COOKIE_SECURE"] is True
    assert "unencrypted" not in capsys.readouterr().out
    dispose(apps[-1])
    monkeypatch.delenv("ROTA_COOKIE_SECURE")
    assert webui.cli_serve("127.0.0.1", 5126) == 0
    assert "ROTA_COOKIE_SECURE" not in os.environ  # serve() changes the app, not the environment
    assert apps[-1].config["SESSION_COOKIE_SECURE"] is True
    dispose(apps[-1])


def test_security_headers_and_cookie_flags(client: Any) -> None:
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    response = client.post("/login", data={"username": "mari", "password": "demo-mari"})
    cookie = response.headers.get("Set-Cookie", "")
    assert "rota_session=" in cookie
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_404_with_the_layout(client: Any) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert b"<main>" in response.data



def _small_team_before(app: Flask, revision: str) -> int:
    """In ``app``'s context: the small team seeded by today's models, then the schema taken
    back to ``revision`` (a migration's test starts there); Mari's person id."""
    from flask_migrate import downgrade, upgrade

    from scheduler.teamfile import load_team
    from webui.convert import seed_team

    upgrade(directory=webui.MIGRATIONS)
    seed_team(load_team(SMALL_TEAM))
    db.session.commit()
    downgrade(directory=webui.MIGRATIONS, revision=revision)
    return db.session.scalar(sa.select(m.Person.id).where(m.Person.key == "mari"))


def test_migration_keeps_the_times_of_versions_published_before_it(tmp_path: Path) -> None:
    """0003: a version published before it keeps the shift times and events of the day of the
    upgrade, whatever is edited later."""
    from datetime import time

    from flask_migrate import upgrade

    from webui import rotas
    from webui.convert import build_team

    app = create_app(base_config(tmp_path / "old.sqlite"))
    try:
        with app.app_context():
            mari = _small_team_before(app, "7c1d2e4f5a60")  # before 0003
            db.session.execute(sa.text(
                "INSERT INTO rota (id, year, month, status, number, source, solve_status, shortfalls, revision, "
                "created_at, updated_at) VALUES (1, 2027, 3, 'published', 1, 'manual', '', '[]', 1, "
                "'2027-02-01 10:00:00', '2027-02-01 10:00:00')"))
            db.session.execute(sa.text("INSERT INTO rota_cell (rota_id, person_id, day, shift_code, pinned) "
                                       "VALUES (1, :mari, '2027-03-02', 'P', 0)"), {"mari": mari})
            db.session.commit()
            upgrade(directory=webui.MIGRATIONS)
            db.session.execute(sa.text("UPDATE shift_type SET \"end\" = '12:00:00.000000' WHERE code = 'P'"))
            db.session.commit()
            pub = rotas.published_of(2027, 3)
            assert [e["code"] for e in pub.published_with["events"]] == ["SUP"]
            shifts, _report = rotas.check(build_team(), pub, 2027, 3)
            assert [(a.code, a.end.time(), a.hours) for a in shifts] == [("P", time(16), 8.0)]
    finally:
        dispose(app)


def test_migration_empties_the_default_note_of_an_unavailability(tmp_path: Path) -> None:
    """0008: an unavailability saved without a note held "pole saadaval" (the counsellor's
    language), which a lead on the English pages read as is; after the upgrade it holds no note
    (the pages say "unavailable" in the viewer's language). A note of the person's own, and the
    lead's absences, are left as they are."""
    from flask_migrate import upgrade

    app = create_app(base_config(tmp_path / "old.sqlite"))
    try:
        with app.app_context():
            mari = _small_team_before(app, "7a1f4c9e2d83")  # before 0008
            for day, note, by_person in (("2027-03-02", "pole saadaval", 1), ("2027-03-03", "unavailable", 1),
                                         ("2027-03-04", "exam", 1), ("2027-03-05", "pole saadaval", 0)):
                db.session.execute(sa.text(
                    "INSERT INTO absence (person_id, kind, first_day, last_day, note, by_person, created_at, version) "
                    "VALUES (:mari, 'other', :day, :day, :note, :by_person, '2027-02-01 10:00:00', 1)"),
                    {"mari": mari, "day": day, "note": note, "by_person": by_person})
            db.session.commit()
            upgrade(directory=webui.MIGRATIONS)
            notes = db.session.execute(sa.select(m.Absence.first_day, m.Absence.note).order_by(m.Absence.first_day))
            assert [n for d, n in notes if d.month == 3 and d.day in (2, 3, 4, 5)] == ["", "", "exam", "pole saadaval"]
    finally:
        dispose(app)


def test_every_documented_environment_variable_is_read(tmp_path: Path) -> None:
    """The variables config.py's docstring and webui/README.md name are the ones it reads (the
    solver's time limit is the team's setting, no variable)."""
    import re

    source = Path(config.__file__).read_text(encoding="utf-8")
    readme = (Path(webui.__file__).parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\* ``([A-Z_]+)``", config.__doc__ or "", re.M))
    documented |= set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.M))
    read = set(re.findall(r'(?:os\.environ\.get|_flag)\("([A-Z_]+)"', source))
    assert documented and documented == read, (documented ^ read)
    assert "ROTA_SOLVE_SECONDS" not in documented | set(config.from_environment(str(tmp_path), secret="x"))


def test_seeding_asked_for_with_migrations_left_to_the_operator(tmp_path: Path) -> None:
    """``ROTA_AUTO_MIGRATE=0`` with ``ROTA_SEED_DEMO=1``: after ``flask db upgrade`` by hand,
    the app still seeds (it left 0 people and no login); before it, the app still builds
    (``flask db upgrade`` builds it first) and seeds nothing."""
    from flask_migrate import upgrade

    path = tmp_path / "operated.sqlite"
    bare = create_app(base_config(path, ROTA_SEED_DEMO=True))
    try:
        with bare.app_context():
            upgrade(directory=webui.MIGRATIONS)
    finally:
        dispose(bare)
    app = create_app(base_config(path, ROTA_SEED_DEMO=True))
    try:
        assert webui.demo_logins(app)[0] == ("team_lead", "kadri", "demo-kadri")
    finally:
        dispose(app)


def test_the_embedded_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """rota.sqlite (password hashes, sick leave) and its -wal/-shm files were 0644 in a 0755
    folder: other users of the machine could read them."""
    import stat

    path = tmp_path / "private.sqlite"
    app = create_app(base_config(path, ROTA_AUTO_MIGRATE=True))
    try:
        with app.app_context():
            db.session.execute(sa.text("SELECT 1"))
        for f in [path, *tmp_path.glob("private.sqlite-*")]:
            assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f
    finally:
        dispose(app)
    path.chmod(0o644)  # an older file is made private on the next start
    app = create_app(base_config(path))
    dispose(app)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # a relative SQLite path is the instance folder's, as Flask-SQLAlchemy opens it
    config.private_sqlite_file("sqlite+pysqlite:///relative.sqlite", str(tmp_path))
    assert stat.S_IMODE((tmp_path / "relative.sqlite").stat().st_mode) == 0o600
