"""Fixtures for the web app (flaskr style): ``app``, ``client``, ``auth``.

The schema is built once per session by the committed migrations and seeded with the small
test team (``small_team.toml``: a lead ``kadri`` and counsellors ``mari``, ``jaan``, ``olga``,
``piret``; password ``demo-<id>``); every test gets its own copy of that database file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

# This folder is called ``webui`` like the package it tests. When pytest puts ``tests/`` on
# sys.path (for the tests beside this folder), ``import webui`` could find this folder as a
# namespace package; the project root goes first so that the real package wins.
ROOT = str(Path(__file__).resolve().parents[2])
if sys.path[:1] != [ROOT]:
    sys.path.insert(0, ROOT)
if "webui" in sys.modules and getattr(sys.modules["webui"], "__file__", None) is None:
    del sys.modules["webui"]

import pytest
from flask import Flask
from flask.testing import FlaskClient

from webui import create_app
from webui.extensions import db
from webui_support import TEMPLATE_CACHE, AuthActions, base_config, copy_db, dispose


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated with the committed migrations and seeded with the small team."""
    path = tmp_path_factory.mktemp("template") / "rota.sqlite"
    app = create_app(base_config(path, ROTA_AUTO_MIGRATE=True, ROTA_SEED_DEMO=True))
    with app.app_context():
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
    dispose(app)
    return path


@pytest.fixture
def make_app(template_db: Path, tmp_path: Path) -> Iterator[Any]:
    """``make_app(**config)``: an app on a fresh copy of the seeded database."""
    made: list[Flask] = []

    def make(**extra: Any) -> Flask:
        path = copy_db(template_db, tmp_path / f"rota{len(made)}.sqlite")
        app = create_app(base_config(path, **extra))
        app.jinja_env.bytecode_cache = TEMPLATE_CACHE
        made.append(app)
        return app

    yield make
    for app in made:
        dispose(app)


@pytest.fixture
def app(make_app: Any) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


