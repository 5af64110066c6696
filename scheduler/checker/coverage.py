"""Coverage: enough people, and enough speakers of each language, on every service."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable
from datetime import date, datetime, timedelta

from scheduler.checker.messages import N_, Listing, Message, Param, msg, words
from scheduler.checker.results import HARD, SOFT, Violation, as_recorded, violation
from scheduler.checker.text import day_word, moment
from scheduler.checker.timeline import RotaMonth, Work, days, midnight, utc
from scheduler.domain import CoverageNeed, DayType, clock_span
from scheduler.worktime import is_public_holiday

COVERAGE_SOURCE = N_("team file coverage needs")

#: A more specific need replaces a general one for the same key (domain.DayType).
SPECIFICITY = {
    DayType.DATE: 4,
    DayType.HOLIDAY: 3,
    DayType.WEEKDAY: 2,
    DayType.WEEKEND: 2,
    DayType.ALL: 1,
}


def need_applies(need: CoverageNeed, day: date) -> bool:
    if need.day_type == DayType.DATE:
        return need.on == day
    if need.day_type == DayType.HOLIDAY:
        return is_public_holiday(day)
    if need.day_type == DayType.WEEKDAY:
        return day.weekday() < 5
    if need.day_type == DayType.WEEKEND:
        return day.weekday() >= 5
    return True


def needs_on(needs: tuple[CoverageNeed, ...], day: date) -> list[CoverageNeed]:
    """The needs that apply on ``day``: for each key the most specific ones
    (date > holiday > weekday/weekend > all)."""
    best: dict[tuple[str, str], list[CoverageNeed]] = defaultdict(list)
    for need in needs:
        if not need_applies(need, day):
            continue
        current = best[need.key]
        if current and SPECIFICITY[current[0].day_type] > SPECIFICITY[need.day_type]:
            continue
        if current and SPECIFICITY[current[0].day_type] < SPECIFICITY[need.day_type]:
            current.clear()
        current.append(need)
    return [n for group in best.values() for n in group]


@dataclass(frozen=True)
class _Segment:
    start: datetime
    end: datetime
    people: frozenset[str]


def coverage_minimum(rota: RotaMonth) -> list[Violation]:
    """Every day of the month, each service has at least the ``minimum`` people of the need
    that applies (hard), at least the ``desired`` number (soft warning) and, among them, at
    least the required speakers of each language (hard).

    A shift need counts the people who have that shift starting that day (people of the team
    file: a row naming anyone else is ``unknown_references``' finding and covers nothing). A
    window need counts,
    for every stretch of the window cut at the starts and ends of that service's duties, the
    people on duty on a shift of that service (a night shift from the day before counts,
    the history included); a window running past the month end is checked up to it.

    Days already past when the rota is checked (``RotaMonth.recorded_before``) cannot be
    planned any more: a shortfall there (a shift need of a past day; a stretch of a window
    before that day's midnight, or after it while only a duty begun before it could reach
    it — the night into that day, until the first shift of the service that can still start)
    is reported as a soft finding marked as recorded, and the desired head-count is not asked
    of it. Coverage needs are the team's plan (team file), not the law: the law's rules hold
    on past days as on any other.
    """
    out: list[Violation] = []
    shifts_by_service: dict[str, list[Work]] = defaultdict(list)
    for work in rota.work.values():
        for w in work:
            # a month's row of someone not in the team covers nothing; the history's duties of
            # former staff were worked (the night into the 1st covers its morning)
            if w.is_shift and w.service is not None and (rota.person(w.person) is not None or not w.in_month):
                shifts_by_service[w.service.code].append(w)
    for day in days(rota.first, rota.last):
        for need in needs_on(rota.team.needs, day):
            if need.shift is not None:
                out.extend(_shift_need(rota, need, day))
            else:
                out.extend(_window_need(rota, need, day, shifts_by_service[need.service]))
    return out


def _speakers(rota: RotaMonth, people: frozenset[str] | set[str], language: str) -> int:
    count = 0
    for pid in people:
        p = rota.person(pid)
        if p is not None and language in p.languages:
            count += 1
    return count


def _shift_need(rota: RotaMonth, need: CoverageNeed, day: date) -> list[Violation]:
    shift_type = rota.shift_type(need.shift or "")
    if shift_type is not None and day.weekday() not in shift_type.weekdays:
        return []  # the shift does not run that day
    start = utc(shift_type.interval(day)[0]) if shift_type is not None else midnight(day)
    recorded = rota.recorded_before is not None and day < rota.recorded_before
    people = {w.person for w in rota.rows if w.is_shift and w.code == need.shift and w.day == day
              and rota.person(w.person) is not None}
    names: Param = (Listing(tuple(sorted(rota.name(p) for p in people))) if people
                    else words(N_("nobody")))
    where = {"day": day_word(day), "service": need.service, "shift": need.shift or "",
             "names": names}
    out: list[Violation] = []

    def report(message: Message, severity: str = HARD) -> None:
        if not (recorded and severity == SOFT):
            out.append(_finding(start, message, severity, recorded))

    if len(people) < need.minimum:
        report(msg(N_("%(day)s, %(service)s %(shift)s: %(count)s on duty (%(names)s), at least "
                      "%(minimum)s needed"), **where, count=len(people), minimum=need.minimum))
    elif len(people) < need.desired:
        report(msg(N_("%(day)s, %(service)s %(shift)s: %(count)s on duty (%(names)s), %(desired)s "
                      "desired"), **where, count=len(people), desired=need.desired), SOFT)
    for lm in need.languages:
        n = _speakers(rota, people, lm.language)
        if n < lm.count:
            report(msg(N_("%(day)s, %(service)s %(shift)s: %(count)s %(language)s speaker(s) among "
                          "those on duty (%(names)s), at least %(minimum)s needed"),
                       **where, count=n, language=lm.language, minimum=lm.count))
    return out


def _window_need(
    rota: RotaMonth, need: CoverageNeed, day: date, shifts: list[Work]
) -> list[Violation]:
    w_start, w_end = (utc(t) for t in need.window(day))
    w_end = min(w_end, rota.end)
    if w_end <= w_start:
        return []
    inside = [w for w in shifts if w.overlaps(w_start, w_end)]
    settled = _past_until(rota, need.service)
    inner = {t for w in inside for t in (w.start, w.end) if w_start < t < w_end}
    if settled is not None and w_start < settled < w_end:
        inner.add(settled)  # what is past is recorded, what is ahead planned
    cuts = sorted({w_start, w_end} | inner)
    segments = [
        _Segment(a, b, frozenset(w.person for w in inside if w.start <= a and w.end >= b))
        for a, b in zip(cuts, cuts[1:])
    ]
    window = clock_span(need.window_start, need.window_end)
    past = [seg for seg in segments if settled is not None and seg.end <= settled]
    ahead = segments[len(past):]
    out: list[Violation] = []

    def report(count_of: Callable[[_Segment], int], wanted: int, template: str, severity: str,
               **extra: Param) -> None:
        for recorded, stretch in ((True, past), (False, ahead)):
            if recorded and severity == SOFT:
                continue  # no desired head-count is asked of the past
            for run in _short_runs(stretch, count_of, wanted):
                lowest = min(count_of(seg) for seg in run)
                finding = msg(template, day=day_word(day), service=need.service, window=window,
                              count=lowest, start=moment(run[0].start),
                              end=moment(run[-1].end, run[0].start), wanted=wanted, **extra)
                out.append(_finding(run[0].start, finding, severity, recorded))

    report(lambda seg: len(seg.people), need.minimum,
           N_("%(day)s, %(service)s %(window)s: %(count)s on duty %(start)s–%(end)s, at least "
              "%(wanted)s needed"), HARD)
    if need.desired > need.minimum:
        # Stretches below the minimum are already reported as hard.
        report(
            lambda seg: len(seg.people) if len(seg.people) >= need.minimum else need.desired,
            need.desired,
            N_("%(day)s, %(service)s %(window)s: %(count)s on duty %(start)s–%(end)s, %(wanted)s "
               "desired"),
            SOFT,
        )
    for lm in need.languages:
        report(
            lambda seg, lang=lm.language: _speakers(rota, seg.people, lang),
            lm.count,
            N_("%(day)s, %(service)s %(window)s: %(count)s %(language)s speaker(s) on duty "
               "%(start)s–%(end)s, at least %(wanted)s needed"),
            HARD,
            language=lm.language,
        )
    return out


def _finding(start: datetime, message: Message, severity: str, recorded: bool) -> Violation:
    """A coverage finding; of a stretch already past (``recorded``) a soft one that says so."""
    found = violation("coverage_minimum", COVERAGE_SOURCE, None, start, message, severity)
    return as_recorded(found) if recorded else found


def _past_until(rota: RotaMonth, service: str) -> datetime | None:
    """Until when ``service``'s coverage is settled when the days before
    ``rota.recorded_before`` are past: that day's midnight, or later while only duties begun
    before it can reach (the night shift into that day, until it ends or the first shift of
    the service that can still start begins, whichever is first); None when nothing is past."""
    cut = rota.recorded_before
    if cut is None:
        return None
    types = [st for st in rota.team.shift_types if st.service == service]
    reach = [utc(st.interval(d)[1]) for d in days(cut - timedelta(days=2), cut - timedelta(days=1))
             for st in types if d.weekday() in st.weekdays]
    starts = [utc(st.interval(d)[0]) for d in days(cut, cut + timedelta(days=1))
              for st in types if d.weekday() in st.weekdays]
    settled = midnight(cut)
    if reach:
        settled = max(settled, min(max(reach), min(starts, default=max(reach))))
    return settled


def _short_runs(
    segments: list[_Segment], count_of: Callable[[_Segment], int], wanted: int
) -> list[list[_Segment]]:
    """Maximal runs of consecutive segments with fewer than ``wanted``."""
    runs: list[list[_Segment]] = []
    previous_short = False
    for seg in segments:
        short = count_of(seg) < wanted
        if short and previous_short:
            runs[-1].append(seg)
        elif short:
            runs.append([seg])
        previous_short = short
    return runs
