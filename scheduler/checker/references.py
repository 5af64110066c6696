"""Rows that do not match the team file: unknown people, shift or event codes, times."""

from __future__ import annotations

from scheduler.checker.messages import N_, Message, msg
from scheduler.checker.results import SOFT, Violation, violation
from scheduler.checker.text import day_word, kind_word, moment
from scheduler.checker.timeline import RotaMonth, Work, utc
from scheduler.domain import TALLINN

REFERENCES_SOURCE = N_("team file")


def _span(w: Work) -> Message:
    """A row by code and times: ``N 2027-03-05 20:00–2027-03-06 08:00``."""
    return msg(N_("%(code)s %(start)s–%(end)s"), code=w.code, start=moment(w.start),
               end=moment(w.end, w.start))


#: A shift row on a weekday its shift type does not run (``unknown_references``).
WEEKDAY_NOT_RUN = N_("%(name)s: shift %(code)s does not run on %(day)s")


def unknown_references(rota: RotaMonth) -> list[Violation]:
    """Each of the month's rows must name a person of the team file; a shift row a shift type
    that runs on that weekday (on a day already past: that ran then), with the start and end
    that shift type has on that day (local times, so DST nights come out right), on a known
    service; an event row an event of the team file on that day with its times. A row dated
    on another day than its local start, and rows of ``assignments`` after the month (not
    checked), are reported too.
    """
    out: list[Violation] = []

    def hard(w: Work, reason: Message) -> None:
        out.append(violation("unknown_references", REFERENCES_SOURCE, w.person, w.start, reason))

    for w in rota.rows:
        who = rota.name(w.person)
        if rota.person(w.person) is None:
            hard(w, msg(N_("%(name)s: %(kind)s %(span)s names a person who is not in the team "
                           "file"),
                        name=w.person, kind=kind_word(w.kind), span=_span(w)))
        local_day = w.start.astimezone(TALLINN).date()
        if local_day != w.day:
            hard(w, msg(N_("%(name)s: %(span)s is dated %(dated)s but starts on %(starts)s"),
                        name=who, span=_span(w), dated=w.day, starts=local_day))
        if w.kind == "shift":
            st = w.shift_type
            if st is None:
                hard(w, msg(N_("%(name)s: shift code %(code)s on %(day)s is not a shift type of "
                               "the team file"), name=who, code=repr(w.code), day=day_word(w.day)))
                continue
            if w.day.weekday() not in st.weekdays and not rota.happened(w):
                # a day already past: the shift ran then, the weekdays changed since
                hard(w, msg(WEEKDAY_NOT_RUN, name=who, code=st.code, day=day_word(w.day)))
            start, end = (utc(t) for t in st.interval(w.day))
            if (w.start, w.end) != (start, end):
                hard(w, msg(N_("%(name)s: %(span)s does not match shift %(code)s, which runs "
                               "%(start)s–%(end)s on that day"),
                            name=who, span=_span(w), code=st.code, start=moment(start),
                            end=moment(end, start)))
            if w.service is None:
                hard(w, msg(N_("%(name)s: shift %(code)s belongs to service %(service)s, which is "
                               "not in the team file"),
                            name=who, code=st.code, service=repr(st.service)))
        elif w.kind == "event":
            if w.event is not None:
                continue
            same_code = [e for e in rota.team.events if e.code == w.code]
            on_day = [e for e in same_code if e.day == w.day]
            if not same_code:
                hard(w, msg(N_("%(name)s: event code %(code)s on %(day)s is not an event of the "
                               "team file"), name=who, code=repr(w.code), day=day_word(w.day)))
            elif not on_day:
                hard(w, msg(N_("%(name)s: there is no event %(code)s on %(day)s in the team file"),
                            name=who, code=w.code, day=day_word(w.day)))
            else:
                e = on_day[0]
                start, end = (utc(t) for t in e.interval())
                if (w.start, w.end) != (start, end):
                    hard(w, msg(N_("%(name)s: %(span)s does not match event %(code)s, which runs "
                                   "%(start)s–%(end)s"),
                                name=who, span=_span(w), code=e.code, start=moment(start),
                                end=moment(end, start)))
                elif w.person not in e.attendees:
                    out.append(
                        violation(
                            "unknown_references",
                            REFERENCES_SOURCE,
                            w.person,
                            w.start,
                            msg(N_("%(name)s: event row %(span)s, but the team file does not "
                                   "list %(name)s among its attendees"), name=who, span=_span(w)),
                            SOFT,
                        )
                    )
        else:
            hard(w, msg(N_("%(name)s: row %(span)s has kind %(kind)s; expected shift or event"),
                        name=who, span=_span(w), kind=repr(w.kind)))
    for a in rota.later_rows:
        out.append(
            violation(
                "unknown_references",
                REFERENCES_SOURCE,
                a.person,
                a.start,
                msg(N_("%(name)s: %(kind)s %(code)s on %(day)s is after %(year)04d-%(month)02d and "
                       "was not checked"),
                    name=rota.name(a.person), kind=kind_word(a.kind), code=a.code,
                    day=day_word(a.day), year=rota.year, month=rota.month),
                SOFT,
            )
        )
    return out
