"""iCalendar feeds of a person's duties (RFC 5545), built with ``icalendar``.

No Flask here: the web app serves what this module builds. Times are Europe/Tallinn with a
VTIMEZONE, so calendar clients show the DST nights with their real length. Each duty has a
stable UID (person, day, code), so a re-published rota updates events instead of duplicating
them; ``sequence`` lets the publisher say which version a change came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from icalendar import Calendar, Event

from scheduler.domain import Assignment, Team

PRODID = "-//rota//helpline shift rota//ET"


@dataclass(frozen=True)
class FeedOptions:
    domain: str = "rota.local"
    sequence: int = 0
    stamp: datetime | None = None


def _clean(text: str) -> str:
    """One line of text: CR, LF and other control characters become spaces (no injection
    of properties through names or notes)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def duty_uid(row: Assignment, domain: str) -> str:
    return f"{_clean(row.person)}-{row.day.isoformat()}-{_clean(row.code)}@{domain}"


def build_feed(team: Team, person_id: str, rows: Iterable[Assignment],
               options: FeedOptions | None = None) -> bytes:
    """The person's duties (shifts and events) as an iCalendar file."""
    options = options or FeedOptions()
    stamp = options.stamp or datetime.now(timezone.utc)
    person = team.person(person_id)
    shift_names = {s.code: s for s in team.shift_types}
    services = {s.code: s for s in team.services}
    events = {e.code: e for e in team.events}
    cal = Calendar.new(prodid=PRODID, name=_clean(f"{team.name}: {person.name}"),
                       description=_clean(f"Vahetused / shifts of {person.name}"))
    for row in sorted(rows, key=lambda r: r.start):
        if row.person != person_id:
            continue
        if row.kind == "shift" and row.code in shift_names:
            st = shift_names[row.code]
            service = services.get(st.service)
            summary = f"{row.code} {st.name}"
            description = f"{service.name if service else st.service}; {row.hours:g} h"
        elif row.code in events:
            summary = f"{row.code} {events[row.code].name}"
            description = f"{events[row.code].kind.value}; {row.hours:g} h"
        else:
            summary, description = row.code, f"{row.hours:g} h"
        cal.add_component(Event.new(
            uid=duty_uid(row, options.domain), summary=_clean(summary), description=_clean(description),
            start=row.start, end=row.end, stamp=stamp, sequence=options.sequence,
        ))
    cal.add_missing_timezones()
    return cal.to_ical()
