"""The calendar feed names a month's duties as its published version does, like my shifts:
an event deleted or renamed, or a shift type renamed, after publishing keeps its name."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from flask import Flask
from icalendar import Calendar

from test_web_me import ROWS, publish
from webui_support import AuthActions
from webui import models as m
from webui.extensions import db


def _summaries(app: Flask, url: str) -> dict[str, str]:
    """The feed's SUMMARY of each duty, by its start (``2027-03-10 10:00``)."""
    events = Calendar.from_ical(app.test_client().get(url).data).walk("VEVENT")
    return {f"{e['DTSTART'].dt:%Y-%m-%d %H:%M}": str(e["SUMMARY"]) for e in events}


def test_the_feed_keeps_the_names_of_the_published_version(app: Flask, client: Any, auth: AuthActions) -> None:
    publish(app, ROWS)
    auth.login("mari")
    client.post("/me/feed")
    url = re.search(r'id="feed-url"[^>]*value="http://localhost(/feed/[\w-]+\.ics)"',
                    client.get("/me/shifts?month=2027-03").get_data(as_text=True)).group(1)
    before = _summaries(app, url)
    assert before["2027-03-10 10:00"] == "SUP Supervision" and before["2027-03-02 08:00"] == "P Day"

    auth.logout()
    auth.login("kadri")
    with app.app_context():
        event = db.session.scalar(sa.select(m.Event).where(m.Event.code == "SUP"))
        event_id, version = event.id, event.version
    assert client.post(f"/team/events/{event_id}/delete", data={"version": str(version)}).status_code == 302
    with app.app_context():  # and the day shift renamed after publishing
        db.session.scalar(sa.select(m.ShiftType).where(m.ShiftType.code == "P")).name = "Morning"
        db.session.commit()

    auth.logout()
    auth.login("mari")
    mine = " ".join(re.sub(r"<[^>]+>", " ", client.get("/me/shifts?month=2027-03").get_data(as_text=True)).split())
    assert "SUP Supervision" in mine and "Morning" not in mine  # my shifts: as published
    assert _summaries(app, url) == before
