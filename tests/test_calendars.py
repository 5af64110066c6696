"""Calendar feeds: round trip, real DST lengths, no CR/LF injection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone
from pathlib import Path

from icalendar import Calendar

from calendars.feed import FeedOptions, build_feed
from scheduler.domain import Assignment, local
from scheduler.teamfile import load_team

TEAM = load_team(Path(__file__).parents[1] / "examples" / "helpline" / "team.toml")
STAMP = datetime(2027, 3, 1, tzinfo=timezone.utc)


def night(person: str, day: date) -> Assignment:
    start, end = TEAM.shift_type("N").interval(day)
    return Assignment(person, day, "N", start, end, round((end.timestamp() - start.timestamp()) / 3600, 2))


def test_round_trip_keeps_instants_and_only_that_persons_duties() -> None:
    rows = [night("mari", date(2027, 3, 27)), night("jaan", date(2027, 3, 27)),
            Assignment("mari", date(2027, 3, 10), "SUP", local(date(2027, 3, 10), time(10)),
                       local(date(2027, 3, 10), time(13)), 3.0, "event")]
    data = build_feed(TEAM, "mari", rows, FeedOptions(stamp=STAMP))
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    ev = by_uid["mari-2027-03-27-N@rota.local"]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert start == rows[0].start and end == rows[0].end
    assert (end.astimezone(timezone.utc) - start.astimezone(timezone.utc)).total_seconds() == 9 * 3600
    assert "Supervisioon" in str(by_uid["mari-2027-03-10-SUP@rota.local"]["SUMMARY"])
    assert cal.walk("VTIMEZONE"), "the feed carries Europe/Tallinn"


def test_text_cannot_inject_properties() -> None:
    team = replace(TEAM, people=tuple(
        replace(p, name="Mari\r\nATTENDEE:mailto:evil@example.com") if p.id == "mari" else p for p in TEAM.people))
    data = build_feed(team, "mari", [night("mari", date(2027, 3, 1))], FeedOptions(stamp=STAMP))
    assert b"\r\nATTENDEE" not in data
    cal = Calendar.from_ical(data)
    names = [str(v) for k, v in cal.property_items() if k == "NAME"]
    assert names == ["Ohvriabi kaugnõustamine: Mari ATTENDEE:mailto:evil@example.com"]
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_uid_is_stable_between_publishes() -> None:
    a = build_feed(TEAM, "mari", [night("mari", date(2027, 3, 1))], FeedOptions(stamp=STAMP, sequence=1))
    b = build_feed(TEAM, "mari", [night("mari", date(2027, 3, 1))], FeedOptions(stamp=STAMP, sequence=2))
    ua = [str(e["UID"]) for e in Calendar.from_ical(a).walk("VEVENT")]
    ub = [str(e["UID"]) for e in Calendar.from_ical(b).walk("VEVENT")]
    assert ua == ub
    assert [int(e["SEQUENCE"]) for e in Calendar.from_ical(b).walk("VEVENT")] == [2]
