"""Small helpers shared by the views: stale-form checks, month arguments."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask import abort, current_app, flash
from flask_babel import gettext as _

from scheduler import worktime
from scheduler.domain import TALLINN

#: Months the planner accepts in URLs: the years of the working-time calendar.
YEARS = worktime.YEARS


def check_month(year: int, month: int) -> None:
    """404 for a month that is not a calendar month in the supported range."""
    if year not in YEARS or not 1 <= month <= 12:
        abort(404)


def next_month(day: date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def is_stale(form: Any, row: Any) -> bool:
    """True (and a message shown) when ``row`` was saved by someone else after ``form`` was
    opened: the version the form carries differs from the stored one."""
    sent = (form.version.data or "").strip()
    if sent != str(row.version):
        flash(_("Someone else changed this in the meantime. Your changes were not saved: "
                "the form now shows the current values."), "error")
        return True
    return False


def bump(row: Any) -> None:
    row.version = (row.version or 0) + 1


def now() -> datetime:
    """Now in Tallinn (``ROTA_NOW``, Tallinn wall clock ``YYYY-MM-DDTHH:MM``, pins it, and
    ``ROTA_TODAY`` to that day's midnight, for tests and demos)."""
    pinned = current_app.config.get("ROTA_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).replace(tzinfo=TALLINN)
    if current_app.config.get("ROTA_TODAY"):
        return datetime.combine(today(), time(0), TALLINN)
    return datetime.now(TALLINN)


def today() -> date:
    """Today in Tallinn (``ROTA_NOW`` or ``ROTA_TODAY`` in the config pins it, for tests and
    demos)."""
    if current_app.config.get("ROTA_NOW"):
        return now().date()
    pinned = current_app.config.get("ROTA_TODAY")
    return date.fromisoformat(pinned) if pinned else datetime.now(TALLINN).date()
