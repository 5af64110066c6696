"""iCalendar feeds of a person's duties (RFC 5545), built with ``icalendar``.

No Flask here: the web app serves what this module builds. Times are Europe/Tallinn with a
VTIMEZONE, so calendar clients show the DST nights with their real length. Each duty has a
stable UID (person, day, code; an event's start too), so a re-published rota updates events
instead of duplicating them; ``sequence`` lets the publisher say which version a change came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Mapping

from icalendar import Calendar, Event, Timezone
from icalendar.cal.component import Component

from scheduler.domain import TALLINN, Assignment, EventKind, Team

PRODID = "-//rota//helpline shift rota//ET"
#: An event's kind in the feed, Estonian first as the feed's other texts.
EVENT_KINDS = {EventKind.SUPERVISION: "supervisioon / supervision", EventKind.COVISION: "kovisioon / covision",
               EventKind.TRAINING: "koolitus / training", EventKind.MEETING: "koosolek / meeting"}


@dataclass(frozen=True)
class FeedOptions:
    domain: str = "rota.local"
    sequence: int = 0
    stamp: datetime | None = None
    #: ((year, month), sequence) pairs: a duty's SEQUENCE by the month it starts in (the
    #: published version of that month), ``sequence`` for other months.
    month_sequences: tuple[tuple[tuple[int, int], int], ...] = ()


def _clean(text: str) -> str:
    """One line of text: CR, LF and other control characters become spaces (no injection
    of properties through names or notes)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def duty_uid(row: Assignment, domain: str) -> str:
    """A duty's UID, the same in every build: person, day and code, and for an event also its
    start (two sessions of one training on one day are two events, RFC 5545 § 3.8.4.7)."""
    at = f"-{row.start.astimezone(TALLINN):%H%M}" if row.kind == "event" else ""
    return f"{_clean(row.person)}-{row.day.isoformat()}-{_clean(row.code)}{at}@{domain}"


class _Names:
    """Where a team looks up the name of a duty: its shift types, services and events (an
    event row is the team's event of that code that day, at that time if several: the example
    has a supervision SUP of group A and one of group B in a month)."""

    def __init__(self, team: Team):
        self.shift_types = {s.code: s for s in team.shift_types}
        self.services = {s.code: s for s in team.services}
        self.at_time = {(e.code, e.interval()[0]): e for e in team.events}
        self.on_day = {(e.code, e.day): e for e in reversed(team.events)}  # the first of the day

    def summary_and_description(self, row: Assignment) -> tuple[str, str]:
        event = self.at_time.get((row.code, row.start)) or self.on_day.get((row.code, row.day))
        if row.kind == "shift" and row.code in self.shift_types:
            st = self.shift_types[row.code]
            service = self.services.get(st.service)
            return f"{row.code} {st.name}", f"{service.name if service else st.service}; {row.hours:g} h"
        if event is not None:
            return (f"{row.code} {event.name}",
                    f"{EVENT_KINDS.get(event.kind, event.kind.value)}; {row.hours:g} h")
        return row.code, f"{row.hours:g} h"


def build_feed(team: Team, person_id: str, rows: Iterable[Assignment], options: FeedOptions | None = None,
               month_teams: Mapping[tuple[int, int], Team] | None = None) -> bytes:
    """The person's duties (shifts and events) as an iCalendar file. ``month_teams``: the
    team as a month's rota was published ((year, month) → team), whose shift types and
    events name that month's duties (an event deleted or renamed since keeps its name);
    ``team`` names the duties of the other months."""
    options = options or FeedOptions()
    stamp = options.stamp or datetime.now(timezone.utc)
    try:
        person = team.person(person_id)
    except KeyError:
        raise ValueError(f"no person {person_id!r} in the team {team.name!r}") from None
    names = {key: _Names(t) for key, t in (month_teams or {}).items()}
    current = _Names(team)
    cal = Calendar.new(prodid=PRODID, name=_clean(f"{team.name}: {person.name}"),
                       description=_clean(f"Vahetused / shifts of {person.name}"),
                       uid=f"{_clean(person_id)}-duties@{options.domain}")
    sequences = dict(options.month_sequences)
    for row in sorted(rows, key=lambda r: r.start):
        if row.person != person_id:
            continue
        summary, description = names.get((row.day.year, row.day.month), current).summary_and_description(row)
        cal.add_component(Event.new(
            uid=duty_uid(row, options.domain), summary=_clean(summary), description=_clean(description),
            start=row.start, end=row.end, stamp=stamp,
            sequence=sequences.get((row.day.year, row.day.month), options.sequence),
        ))
    if cal.subcomponents:
        cal.add_missing_timezones()
    else:  # RFC 5545 § 3.6: a calendar holds at least one component (a month without duties)
        year = stamp.astimezone(TALLINN).year
        cal.add_component(Timezone.from_tzid(TALLINN.key, first_date=date(year, 1, 1),
                                             last_date=date(year + 1, 1, 1)))
    for zone in cal.walk("VTIMEZONE"):
        _onsets_in_the_time_before(zone)
    return cal.to_ical()


def _onsets_in_the_time_before(zone: Component) -> None:
    """Each observance's onset (DTSTART and RDATE) as the wall-clock time *before* the change,
    RFC 5545 § 3.6.5: "DTSTART … MUST be specified as a date with a local time value", read with
    TZOFFSETFROM (the RFC's own example: US Eastern's daylight time starts at 02:00).

    ``icalendar`` (7.3) writes the first wall-clock time *after* the change, which is the
    same thing when clocks go back (Tallinn's 04:00 EEST = 01:00 UTC) but an hour late when
    they go forward: Tallinn's summer time starts at 03:00 EET (01:00 UTC), not "04:00" read as
    EET (02:00 UTC). A client that reads the VTIMEZONE instead of its own time-zone database
    would place the duties of that hour an hour off. Moved back by the jump here."""
    for observance in zone.subcomponents:
        jump = observance.TZOFFSETTO - observance.TZOFFSETFROM
        if jump <= timedelta(0):
            continue
        observance.DTSTART = observance.DTSTART - jump
        dates = observance.get("RDATE")
        if dates is None:
            continue
        onsets = [d.dt - jump for group in (dates if isinstance(dates, list) else [dates]) for d in group.dts]
        del observance["RDATE"]
        observance.add("RDATE", onsets)
