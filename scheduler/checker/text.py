"""Words for the checker: hours, days and instants as a team lead reads them, and the
plain-text report for the terminal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time

from scheduler.checker.messages import N_, Message, hours_text, msg, plain, words
from scheduler.checker.results import HARD, CheckReport, Violation
from scheduler.domain import TALLINN

__all__ = ["KIND_WORDS", "WEEKDAYS", "day_text", "day_word", "format_report", "hours_text",
           "kind_word", "moment", "when_text"]

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))

#: The kinds of rota rows, absences and events, as words of a sentence (English as the
#: team file and the rota file write them).
KIND_WORDS = {
    "shift": N_("shift"),
    "event": N_("event"),
    "vacation": N_("vacation"),
    "sick": N_("sick"),
    "training": N_("training"),
    "other": N_("other"),
    "supervision": N_("supervision"),
    "covision": N_("covision"),
    "meeting": N_("meeting"),
}


def kind_word(kind: str) -> Message | str:
    """The kind of a row, absence or event as a word to translate (an unknown kind, from a
    rota file, as it is written)."""
    word = KIND_WORDS.get(str(kind))
    return words(word) if word is not None else str(kind)


def day_word(day: date) -> Message:
    """A day with its weekday: ``2027-03-05 (Fri)``."""
    return msg(N_("%(date)s (%(weekday)s)"), date=day, weekday=words(WEEKDAYS[day.weekday()]))


def moment(instant: datetime, after: datetime | None = None) -> datetime | time:
    """``instant`` in Europe/Tallinn (``2027-03-05 08:00``); only its time of day (``17:00``)
    when it falls on the same local day as ``after``."""
    here = instant.astimezone(TALLINN)
    if after is not None and after.astimezone(TALLINN).date() == here.date():
        return here.time()
    return here


def day_text(day: date) -> str:
    return plain(day_word(day))


def when_text(instant: datetime, after: datetime | None = None) -> str:
    """Europe/Tallinn wall-clock time ``2027-03-05 08:00``; only ``17:00`` when it falls on
    the same local day as ``after``."""
    value = moment(instant, after)
    return f"{value:%H:%M}" if isinstance(value, time) else f"{value:%Y-%m-%d %H:%M}"


def format_report(report: CheckReport, where: Callable[[Violation], str | None] | None = None) -> str:
    """Plain text for the terminal: a verdict, the violations grouped by rule (hard first),
    then one line per person with planned hours against the norm of the month and of the
    accounting period, night and public-holiday hours, nights, weekend days and wishes.
    ``where``: the place of a violation's row in a file (``rota.csv line 7``), if known."""
    lines: list[str] = []
    hard = len(report.hard)
    soft = len(report.violations) - hard
    verdict = "OK, no hard violations" if report.ok else f"NOT OK, {hard} hard violation(s)"
    past = len(report.recorded_breaches)
    if past:  # counted among the warnings, but the law was broken: say so in the verdict
        verdict += f", {past} law breach(es) already past (recorded)"
    lines.append(f"Rota check {report.year:04d}-{report.month:02d}: {verdict}, {soft} warning(s)")

    groups: dict[tuple[bool, str, str], list[Violation]] = defaultdict(list)
    order: list[tuple[bool, str, str]] = []
    for v in report.violations:
        key = (v.severity != HARD, v.rule, v.source)
        if key not in groups:
            order.append(key)
        groups[key].append(v)
    for key in sorted(order, key=lambda k: (k[0], order.index(k))):
        is_soft, rule, source = key
        items = groups[key]
        kind = "warning" if is_soft else "hard"
        lines.append("")
        lines.append(f"{rule} ({source}), {kind}: {len(items)}")
        for v in items:
            place = where(v) if where is not None else None
            lines.append(f"  {'-' if is_soft else '!'} {v.reason}" + (f" ({place})" if place else ""))

    if report.people:
        lines.append("")
        header = (
            f"{'person':<22} {'month':>15} {'bal':>7} {'period':>15} {'bal':>7} "
            f"{'night h':>8} {'hol h':>6} {'nights':>6} {'wkend':>5} {'wishes':>6} {'subst h':>7}"
        )
        lines.append("Hours: planned/norm of the month and of the accounting period to the month's end")
        lines.append(header)
        lines.append("-" * len(header))
        for p in report.people:
            name = p.name if len(p.name) <= 22 else p.name[:21] + "…"
            month = f"{p.planned_hours:.1f}/{p.norm_hours:.1f}"
            period = f"{p.period_planned_hours:.1f}/{p.period_norm_to_date_hours:.1f}"
            wishes = f"{p.wishes_met}/{p.wishes_total}"
            lines.append(
                f"{name:<22} {month:>15} {p.balance_hours:>+7.1f} {period:>15} "
                f"{p.period_balance_hours:>+7.1f} {p.night_hours:>8.1f} {p.holiday_hours:>6.1f} "
                f"{p.nights:>6d} {p.weekend_days:>5d} {wishes:>6} {p.substitute_hours:>7.1f}"
            )
    return "\n".join(lines) + "\n"
