"""Shared helpers of the web tests (constants, database copies, login, CSRF tokens)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from scheduler.domain import Assignment
from webui import jobs, rotas
from webui import models as m
from webui.extensions import db

HERE = Path(__file__).resolve().parent
SMALL_TEAM = HERE / "small_team.toml"
#: "Today" in the tests: wishes for March 2027 are open until 15.02.2027.
TODAY = "2027-02-10"
YEAR, MONTH = 2027, 3


def base_config(db_path: Path, **extra: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
        "WTF_CSRF_ENABLED": False,
        "ROTA_AUTO_MIGRATE": False,
        "ROTA_SEED_DEMO": False,
        "ROTA_SEED_TEAM": str(SMALL_TEAM),
        "ROTA_TODAY": TODAY,
        "ROTA_SOLVE_WORKERS": 2,
        "ROTA_PASSWORD_METHOD": "pbkdf2:sha256:1000",  # fast hashes: tests log in hundreds of times
    }
    config.update(extra)
    return config


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by the many apps of a test run (compiling them again for
    every test's app would cost most of the run)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()


def dispose(app: Flask) -> None:
    jobs.wait_all(timeout=60)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


class AuthActions:
    def __init__(self, client: FlaskClient):
        self.client = client

    def login(self, username: str = "kadri", password: str | None = None) -> Any:
        return self.client.post("/login", data={"username": username,
                                                "password": password or f"demo-{username}"})

    def logout(self) -> Any:
        return self.client.post("/logout")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def wait_job(app: Flask, job_id: int, timeout: float = 60) -> None:
    assert jobs.wait(job_id, timeout), f"job {job_id} still running after {timeout} s"


def copy_db(template: Path, target: Path) -> Path:
    con = sqlite3.connect(template)
    dst = sqlite3.connect(target)
    with dst:
        con.backup(dst)
    con.close()
    dst.close()
    return target


# --- the month's rota in the plan tests ---------------------------------------------------------

def store(app: Flask, shifts: list[Assignment], publish: bool = False, **values: Any) -> None:
    """``shifts`` as the draft of the test month (``values``: more columns of the draft),
    published as a version when ``publish``."""
    with app.app_context():
        draft = rotas.store_draft(YEAR, MONTH, shifts, source="solve", **values)
        if publish:
            rotas.publish(draft, None)
        db.session.commit()


def state(app: Flask) -> str:
    """The test month's state token (what stale-form checks compare)."""
    with app.app_context():
        return rotas.state_token(YEAR, MONTH)


def cells(app: Flask, status: str = m.DRAFT) -> dict[tuple[str, date], str]:
    """The draft's (or the latest published version's) cells of the test month."""
    with app.app_context():
        rota = rotas.draft_of(YEAR, MONTH) if status == m.DRAFT else rotas.published_of(YEAR, MONTH)
        return rotas.cells_of(rota)


def job_id_from(response: Any) -> int:
    """The solve job a "generate" / "re-plan" POST redirected to."""
    match = re.fullmatch(r"/plan/jobs/(\d+)", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))
