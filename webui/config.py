"""Configuration from the environment (microblog style).

* ``ROTA_INSTANCE_PATH``: the instance folder (an absolute path, created if missing) that
  holds the embedded SQLite file and the generated secret key; Flask's default
  (``<repo>/instance``) without it.
* ``DATABASE_URL``: a SQLAlchemy URL (``postgresql+psycopg://user:pw@host/db``). Without it
  the embedded default is a SQLite file ``rota.sqlite`` in the instance folder, opened with
  WAL journalling, a busy timeout and foreign keys on (see :func:`sqlite_pragmas`).
* ``SECRET_KEY``: without it a random key is generated once and kept in
  ``instance/secret_key`` (mode 0600) so that sessions survive restarts.
* ``ROTA_COOKIE_SECURE``: ``0`` only when the app is reached over plain HTTP on an address
  other than localhost (browsers keep Secure cookies for http://localhost and 127.0.0.1).
* ``ROTA_SEED_DEMO``: ``1`` to seed the example team with demo logins into an empty
  database; the default is on for the embedded SQLite file and off with ``DATABASE_URL``.
* ``ROTA_SEED_TEAM``: the team file an empty database is seeded with (the example team).
* ``ROTA_SOLVE_WORKERS``: CP-SAT workers of a background solve (2).
* ``ROTA_AUTO_MIGRATE``: ``0`` to leave ``flask db upgrade`` to the operator.

The solver's time limit is not configured here: it is the team's setting ("Solver time limit"
on the settings page, stored in the database), the default of "Generate month", re-solve and
sick leave in every worker process.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.engine import Engine

#: The example team that seeds an empty database.
EXAMPLE_TEAM = Path(__file__).resolve().parent.parent / "examples" / "helpline" / "team.toml"


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def instance_path() -> str | None:
    """``ROTA_INSTANCE_PATH`` (``~`` expanded), or None for Flask's default instance folder.
    A relative path is refused: it would depend on the directory the server starts in."""
    raw = os.environ.get("ROTA_INSTANCE_PATH", "").strip()
    if not raw:
        return None
    path = os.path.expanduser(raw)
    if not os.path.isabs(path):
        raise RuntimeError(f"ROTA_INSTANCE_PATH must be an absolute path, not {raw!r}")
    return os.path.normpath(path)


def secret_key(instance_path: str) -> str:
    """``SECRET_KEY`` from the environment, else the one kept in the instance folder
    (generated on first use)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def private_sqlite_file(uri: str, instance_path: str) -> None:
    """An SQLite database file (and so its -wal and -shm files, which SQLite gives the same
    permissions) readable by its owner only: it holds password hashes and sick leave. Made
    empty with mode 0600 before SQLite first opens it; an existing one loses group and
    other permissions. A relative path is the instance folder's, as Flask-SQLAlchemy reads it."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.is_absolute():
        path = Path(instance_path) / path
    if not path.parent.is_dir():
        return
    try:
        if path.exists():
            path.chmod(path.stat().st_mode & 0o700)
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:  # not ours to change (another owner, a read-only mount): left as it is
        pass


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` spelling some hosts hand out."""
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url


def from_environment(instance_path: str, secret: str | None = None) -> dict[str, Any]:
    """The app's configuration read from the environment (``secret`` replaces the key)."""
    database_url = os.environ.get("DATABASE_URL")
    embedded = not database_url
    uri = (normalise_database_url(database_url) if database_url
           else "sqlite:///" + str(Path(instance_path) / "rota.sqlite"))
    secure = _flag("ROTA_COOKIE_SECURE", True)
    return {
        "SECRET_KEY": secret or secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": uri,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "rota_session",
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "et",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Tallinn",
        "LANGUAGES": ("et", "en"),
        "ROTA_AUTO_MIGRATE": _flag("ROTA_AUTO_MIGRATE", True),
        "ROTA_SEED_DEMO": _flag("ROTA_SEED_DEMO", embedded),
        "ROTA_SEED_TEAM": os.environ.get("ROTA_SEED_TEAM", str(EXAMPLE_TEAM)),
        "ROTA_SOLVE_WORKERS": int(os.environ.get("ROTA_SOLVE_WORKERS", "2")),
        #: Failed logins allowed per username + IP address within the window.
        "ROTA_LOGIN_MAX_FAILURES": 5,
        #: Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted
        #: (werkzeug ProxyFix): the login limit then counts the client's address.
        "ROTA_PROXY_HOPS": int(os.environ.get("ROTA_PROXY_HOPS", "0")),
        "ROTA_LOGIN_WINDOW": timedelta(minutes=15),
    }


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL journalling (readers never block the writer), a 5 s busy timeout instead of
    "database is locked" errors, and foreign keys enforced."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def install_sqlite_pragmas(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
