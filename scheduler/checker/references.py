"""Rows that do not match the team file: unknown people, shift or event codes, times."""

from __future__ import annotations

from scheduler.checker.results import SOFT, Violation, violation
from scheduler.checker.text import day_text, when_text
from scheduler.checker.timeline import RotaMonth, Work, utc
from scheduler.domain import TALLINN

REFERENCES_SOURCE = "team file"


def _span(w: Work) -> str:
    return f"{w.code} {when_text(w.start)}–{when_text(w.end, w.start)}"


def unknown_references(rota: RotaMonth) -> list[Violation]:
    """Each of the month's rows must name a person of the team file; a shift row a shift type
    that runs on that weekday, with the start and end that shift type has on that day (local
    times, so DST nights come out right), on a known service; an event row an event of the
    team file on that day with its times. A row dated on another day than its local start,
    and rows of ``assignments`` after the month (not checked), are reported too.
    """
    out: list[Violation] = []

    def hard(w: Work, reason: str) -> None:
        out.append(violation("unknown_references", REFERENCES_SOURCE, w.person, w.start, reason))

    for w in rota.rows:
        who = rota.name(w.person)
        if rota.person(w.person) is None:
            hard(w, f"{w.person}: {w.kind} {_span(w)} names a person who is not in the team file")
        local_day = w.start.astimezone(TALLINN).date()
        if local_day != w.day:
            hard(w, f"{who}: {_span(w)} is dated {w.day.isoformat()} but starts on "
                    f"{local_day.isoformat()}")
        if w.kind == "shift":
            st = w.shift_type
            if st is None:
                hard(w, f"{who}: shift code {w.code!r} on {day_text(w.day)} is not a shift type "
                        "of the team file")
                continue
            if w.day.weekday() not in st.weekdays:
                hard(w, f"{who}: shift {st.code} does not run on {day_text(w.day)}")
            start, end = (utc(t) for t in st.interval(w.day))
            if (w.start, w.end) != (start, end):
                hard(w, f"{who}: {_span(w)} does not match shift {st.code}, which runs "
                        f"{when_text(start)}–{when_text(end, start)} on that day")
            if w.service is None:
                hard(w, f"{who}: shift {st.code} belongs to service {st.service!r}, which is not "
                        "in the team file")
        elif w.kind == "event":
            if w.event is not None:
                continue
            same_code = [e for e in rota.team.events if e.code == w.code]
            on_day = [e for e in same_code if e.day == w.day]
            if not same_code:
                hard(w, f"{who}: event code {w.code!r} on {day_text(w.day)} is not an event of "
                        "the team file")
            elif not on_day:
                hard(w, f"{who}: there is no event {w.code} on {day_text(w.day)} in the team file")
            else:
                e = on_day[0]
                start, end = (utc(t) for t in e.interval())
                if (w.start, w.end) != (start, end):
                    hard(w, f"{who}: {_span(w)} does not match event {e.code}, which runs "
                            f"{when_text(start)}–{when_text(end, start)}")
                elif w.person not in e.attendees:
                    out.append(
                        violation(
                            "unknown_references",
                            REFERENCES_SOURCE,
                            w.person,
                            w.start,
                            f"{who}: event row {_span(w)}, but the team file does not list "
                            f"{who} among its attendees",
                            SOFT,
                        )
                    )
        else:
            hard(w, f"{who}: row {_span(w)} has kind {w.kind!r}; expected shift or event")
    for a in rota.later_rows:
        out.append(
            violation(
                "unknown_references",
                REFERENCES_SOURCE,
                a.person,
                a.start,
                f"{rota.name(a.person)}: {a.kind} {a.code} on {day_text(a.day)} is after "
                f"{rota.year:04d}-{rota.month:02d} and was not checked",
                SOFT,
            )
        )
    return out
