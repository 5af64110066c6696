"""Rest rules: daily rest (TLS § 51) and weekly rest (TLS § 52 (2)).

Read as domain.md §2 "How the checker reads the rest rules" says: work separated by less than
the daily rest belongs to one duty, and a duty may span at most 13 h; every calendar week
(Monday 00:00 to Monday 00:00 Europe/Tallinn) holds one uninterrupted rest of 36 h.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from scheduler.checker.messages import N_, Hours, Message, msg, words
from scheduler.checker.results import Violation, violation
from scheduler.checker.text import moment
from scheduler.checker.timeline import (
    EPS,
    RotaMonth,
    Work,
    days,
    hours_between,
    midnight,
    runs_of_days,
)
from scheduler.settings import longest_duty_hours
from scheduler.worktime import week_start

DAILY_REST_SOURCE = N_("TLS § 51")
WEEKLY_REST_SOURCE = N_("TLS § 52 (2)")


def daily_rest(rota: RotaMonth) -> list[Violation]:
    """TLS § 51: at least ``daily_rest_hours`` (11) consecutive hours of rest in every 24 h
    counted from the start of work, so a duty spans at most ``max_duty_hours`` (13 h) from its
    first start to its last end, and work separated by less than the daily rest belongs to
    one duty.

    With ``long_shifts_allowed`` (health-care and welfare staff, or a collective agreement) a
    duty may span up to 24 h, and the rest right after it must be the daily rest plus the
    hours above 24 − daily rest (a 24 h shift needs 22 h). Work in the history counts, so rest
    is checked across the month boundary; a problem is reported when the later work starts
    in the month. A duty too long is reported once, with its whole span (work joined to it
    later makes it another finding, not the same one).
    """
    out: list[Violation] = []
    for pid, work in rota.work.items():
        if not any(w.in_month for w in work):
            continue
        s = rota.settings(pid)
        name = rota.name(pid)
        rest = s.daily_rest_hours
        normal = 24.0 - rest  # the longest duty that leaves the daily rest in its 24 h
        limit = longest_duty_hours(s)

        duty_start: datetime | None = None
        duty_end: datetime | None = None
        duty_codes: list[str] = []
        duty_in_month = False
        too_long = False

        def close() -> None:
            """The duty ends: a duty too long is reported with its whole span."""
            if too_long and duty_start is not None and duty_end is not None:
                out.append(_too_long(pid, name, duty_start, duty_end, limit))

        def begin(w: Work) -> None:
            nonlocal duty_start, duty_end, duty_in_month, too_long
            close()
            duty_start, duty_end, duty_in_month = w.start, w.end, w.in_month
            duty_codes[:] = [w.code]
            too_long = w.elapsed > limit + EPS and w.in_month

        for w in work:
            if duty_start is None or duty_end is None:
                begin(w)
                continue
            gap = hours_between(duty_end, w.start)
            if gap >= rest - EPS:
                if s.long_shifts_allowed and (w.in_month or duty_in_month):
                    span = hours_between(duty_start, duty_end)
                    needed = rest + max(0.0, span - normal)
                    if gap < needed - EPS:
                        out.append(
                            violation(
                                "daily_rest",
                                DAILY_REST_SOURCE,
                                pid,
                                w.start,
                                msg(N_("%(name)s: only %(rest)s h rest after the %(span)s h "
                                       "duty ending %(end)s before the one starting %(next)s "
                                       "(TLS § 51: a duty longer than %(normal)s h needs "
                                       "%(needed)s h rest right after it)"),
                                    name=name, rest=Hours(gap), span=Hours(span),
                                    end=moment(duty_end), next=moment(w.start, duty_end),
                                    normal=normal, needed=Hours(needed)),
                            )
                        )
                begin(w)
                continue
            new_end = max(duty_end, w.end)
            span = hours_between(duty_start, new_end)
            if gap > EPS and span > limit + EPS:
                if w.in_month:
                    out.append(
                        violation(
                            "daily_rest",
                            DAILY_REST_SOURCE,
                            pid,
                            w.start,
                            msg(N_("%(name)s: only %(rest)s h rest between the duty ending "
                                   "%(end)s and the one starting %(next)s (TLS § 51 needs "
                                   "%(needed)s h; as one duty %(codes)s span %(span)s h, more "
                                   "than %(limit)s h)"),
                                name=name, rest=Hours(gap), end=moment(duty_end),
                                next=moment(w.start, duty_end), needed=rest,
                                codes=", ".join(duty_codes + [w.code]), span=Hours(span),
                                limit=limit),
                        )
                    )
                begin(w)
                continue
            duty_end = new_end
            duty_codes.append(w.code)
            duty_in_month = duty_in_month or w.in_month
            too_long = too_long or (span > limit + EPS and duty_in_month)
        close()
    return out


def _too_long(pid: str, name: str, start: datetime, end: datetime, limit: float) -> Violation:
    return violation(
        "daily_rest",
        DAILY_REST_SOURCE,
        pid,
        start,
        msg(N_("%(name)s: a duty of %(hours)s h from %(start)s to %(end)s (TLS § 51 allows at "
               "most %(limit)s h)"),
            name=name, hours=Hours(hours_between(start, end)), start=moment(start),
            end=moment(end, start), limit=limit),
    )


def longest_rest(
    busy: list[tuple[datetime, datetime]], start: datetime, end: datetime
) -> tuple[float, datetime, datetime]:
    """The longest stretch of [``start``, ``end``) free of the ``busy`` intervals (UTC):
    (hours, from, to)."""
    best = (0.0, start, start)
    free_from = start
    for b_start, b_end in sorted(busy):
        if b_end <= free_from or b_start >= end:
            continue
        if b_start > free_from:
            gap = hours_between(free_from, b_start)
            if gap > best[0]:
                best = (gap, free_from, b_start)
        free_from = max(free_from, b_end)
        if free_from >= end:
            break
    if free_from < end:
        gap = hours_between(free_from, end)
        if gap > best[0]:
            best = (gap, free_from, end)
    return best


def weekly_rest(rota: RotaMonth) -> list[Violation]:
    """TLS § 52 (2): under summed working time, at least ``weekly_rest_hours`` (36 h; 47 h
    under the Labour Inspectorate's stricter reading) of uninterrupted rest in every 7-day
    period.

    Read as every calendar week, Monday 00:00 to Monday 00:00 Europe/Tallinn, holding one such
    rest inside it; with ``weekly_rest_window = "rolling"`` every 7-day window that starts at a
    local midnight. Only weeks that overlap the month and hold some of the person's work in
    the month are checked; their earlier days come from the history, and time after the month
    end with no known work counts as free (the next month checks it with this one as history).
    Hours are elapsed: a DST week lasts 167 or 169 h. Consecutive rolling windows that fall
    short are one finding (the worst and a count); its message also holds every window's
    longest rest and the shift time in it (``windows``, not shown), so that a finding is the
    same only when every window in it is (``check.recorded_breaches``): a week the days
    already past left without its rest is a record of what happened, but a shift planned into
    it joins the breach, which the plan can still avoid (hard; the solver plans none there).
    An event ahead that leaves the longest rest as it was is the team's, planned around.
    """
    out: list[Violation] = []
    for pid in rota.people_at_work:
        s = rota.settings(pid)
        name = rota.name(pid)
        work = rota.all_work(pid)
        busy = [(w.start, w.end) for w in work]
        rolling = s.weekly_rest_window == "rolling"
        if rolling:
            starts = days(rota.first - timedelta(days=6), rota.last)
        else:
            starts = days(week_start(rota.first), rota.last)[::7]
        short: list[tuple[date, float, datetime, datetime]] = []
        for d in starts:
            w_start, w_end = midnight(d), midnight(d + timedelta(days=7))
            if not any(w.in_month and w.overlaps(w_start, w_end) for w in work):
                continue
            hours, free_from, free_to = longest_rest(busy, w_start, w_end)
            if hours < s.weekly_rest_hours - EPS:
                worked = sum((min(w.end, w_end) - max(w.start, w_start)).total_seconds() for w in work
                             if w.is_shift and w.overlaps(w_start, w_end))
                short.append((d, hours, free_from, free_to, worked))
        for run in runs_of_days(short, lambda item: item[0]) if rolling else [[item] for item in short]:
            d, hours, free_from, free_to, _worked = min(run, key=lambda item: item[1])
            longest = (
                msg(N_("the longest is %(hours)s h, %(start)s to %(end)s"), hours=Hours(hours),
                    start=moment(free_from), end=moment(free_to, free_from))
                if hours > 0
                else words(N_("there is no rest at all"))
            )
            template = (
                N_("%(name)s: no uninterrupted rest of %(needed)s h in the 7 days %(first)s to "
                   "%(last)s; %(longest)s (TLS § 52 (2))%(more)s")
                if rolling
                else N_("%(name)s: no uninterrupted rest of %(needed)s h in the week %(first)s to "
                        "%(last)s; %(longest)s (TLS § 52 (2))%(more)s")
            )
            out.append(
                violation(
                    "weekly_rest",
                    WEEKLY_REST_SOURCE,
                    pid,
                    midnight(d),
                    msg(template, name=name, needed=s.weekly_rest_hours, first=d,
                        last=d + timedelta(days=6), longest=longest,
                        more=_also_short(len(run) - 1),
                        windows="; ".join(f"{day} {rest:.2f} {worked:.0f}" for day, rest, _f, _t, worked in run)),
                )
            )
    return out


def _also_short(others: int) -> Message | str:
    """The overlapping 7-day windows that fall short as well (rolling weeks)."""
    if others == 1:
        return words(N_("; 1 overlapping 7-day window falls short too"))
    if others > 1:
        return msg(N_("; %(count)s overlapping 7-day windows fall short too"), count=others)
    return ""
