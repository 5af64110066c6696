"""Calendar feeds: round trip, real DST lengths, no CR/LF injection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from calendars.feed import FeedOptions, build_feed
from scheduler.domain import TALLINN, Assignment, local
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
    # the team has supervisions SUP of groups A and B: Mari's on 10.03 is group A's
    assert str(by_uid["mari-2027-03-10-SUP-1000@rota.local"]["SUMMARY"]) == "SUP Supervisioon (grupp A)"
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


def test_two_sessions_of_one_event_on_one_day_are_two_events() -> None:
    from scheduler.domain import Event, EventKind

    day = date(2027, 3, 3)
    sessions = (Event("KOOL", "Koolitus osa 1", EventKind.TRAINING, day, time(9), time(12), ("mari",)),
                Event("KOOL", "Koolitus osa 2", EventKind.TRAINING, day, time(13), time(16), ("mari",)))
    team = replace(TEAM, events=TEAM.events + sessions)
    rows = [Assignment("mari", day, "KOOL", local(day, e.start), local(day, e.end), 3.0, "event") for e in sessions]
    events = Calendar.from_ical(build_feed(team, "mari", rows, FeedOptions(stamp=STAMP))).walk("VEVENT")
    assert [(str(e["UID"]), str(e["SUMMARY"])) for e in events] == [
        ("mari-2027-03-03-KOOL-0900@rota.local", "KOOL Koolitus osa 1"),
        ("mari-2027-03-03-KOOL-1300@rota.local", "KOOL Koolitus osa 2")]


def test_a_feed_without_duties_is_still_a_valid_calendar_with_a_stable_uid() -> None:
    data = build_feed(TEAM, "mari", [], FeedOptions(stamp=STAMP))
    cal = Calendar.from_ical(data)
    assert cal.subcomponents and not cal.walk("VEVENT")  # RFC 5545: at least one component
    assert str(cal["UID"]) == "mari-duties@rota.local" == str(Calendar.from_ical(
        build_feed(TEAM, "mari", [night("mari", date(2027, 3, 1))], FeedOptions(stamp=STAMP)))["UID"])
    with pytest.raises(ValueError, match="no person 'nobody'"):
        build_feed(TEAM, "nobody", [])


def _onsets(data: bytes) -> list[tuple[datetime, int, int]]:
    """Every observance onset of the feed's VTIMEZONE as RFC 5545 § 3.6.5 reads it: DTSTART
    and RDATE are wall-clock times in TZOFFSETFROM. (UTC instant, offset from, offset to.)"""
    zone, = Calendar.from_ical(data).walk("VTIMEZONE")
    onsets = []
    for observance in zone.subcomponents:
        before, after = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        dates = observance.get("RDATE", [])
        walls = [observance.decoded("DTSTART")] + [
            d.dt for group in (dates if isinstance(dates, list) else [dates]) for d in group.dts]
        onsets += [((wall - before).replace(tzinfo=timezone.utc), int(before.total_seconds()),
                    int(after.total_seconds())) for wall in walls]
    return sorted(onsets)


@pytest.mark.parametrize("duties", ["none", "two years"])
def test_the_feeds_time_zone_changes_at_the_instants_tallinn_changes(duties: str) -> None:
    """Summer time in Tallinn starts at 03:00 EET and ends at 04:00 EEST, both 01:00 UTC: a
    client that reads the feed's VTIMEZONE must put a duty of that night at its real instant."""
    rows = [] if duties == "none" else [night("mari", date(2027, 3, 27)), night("mari", date(2028, 10, 28))]
    onsets = _onsets(build_feed(TEAM, "mari", rows, FeedOptions(stamp=STAMP)))
    for instant, before, after in onsets[1:]:  # the first is where the zone's description begins
        assert (instant - timedelta(seconds=1)).astimezone(TALLINN).utcoffset() == timedelta(seconds=before), instant
        assert instant.astimezone(TALLINN).utcoffset() == timedelta(seconds=after), instant
    changes = {(i, b, a) for i, b, a in onsets[1:] if 2027 <= i.year <= 2028}
    assert (datetime(2027, 3, 28, 1, tzinfo=timezone.utc), 7200, 10800) in changes
    assert (datetime(2027, 10, 31, 1, tzinfo=timezone.utc), 10800, 7200) in changes
    if duties == "two years":
        assert len(changes) == 4, changes
