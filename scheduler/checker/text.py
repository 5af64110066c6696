"""Words for the checker: hours, days and instants as a team lead reads them, and the
plain-text report for the terminal."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from scheduler.checker.results import HARD, CheckReport, Violation
from scheduler.domain import TALLINN

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def hours_text(hours: float) -> str:
    """``9.0``, ``10.98``, ``13.5``: hours to two decimals without trailing zeros."""
    text = f"{hours:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def day_text(day: date) -> str:
    return f"{day.isoformat()} ({WEEKDAYS[day.weekday()]})"


def when_text(instant: datetime, after: datetime | None = None) -> str:
    """Europe/Tallinn wall-clock time ``2027-03-05 08:00``; only ``17:00`` when it falls on
    the same local day as ``after``."""
    here = instant.astimezone(TALLINN)
    if after is not None and after.astimezone(TALLINN).date() == here.date():
        return f"{here:%H:%M}"
    return f"{here:%Y-%m-%d %H:%M}"


def format_report(report: CheckReport) -> str:
    """Plain text for the terminal: a verdict, the violations grouped by rule (hard first),
    then one line per person with planned hours against the norm of the month and of the
    accounting period, night and public-holiday hours, nights, weekend days and wishes."""
    lines: list[str] = []
    hard = len(report.hard)
    soft = len(report.violations) - hard
    verdict = "OK, no hard violations" if report.ok else f"NOT OK, {hard} hard violation(s)"
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
            lines.append(f"  {'-' if is_soft else '!'} {v.reason}")

    if report.people:
        lines.append("")
        header = (
            f"{'person':<22} {'month':>15} {'bal':>7} {'period':>15} {'bal':>7} "
            f"{'night h':>8} {'hol h':>6} {'nights':>6} {'wkend':>5} {'wishes':>6} {'subst h':>7}"
        )
        lines.append("Hours: planned/norm of the month and of the accounting period")
        lines.append(header)
        lines.append("-" * len(header))
        for p in report.people:
            name = p.name if len(p.name) <= 22 else p.name[:21] + "…"
            month = f"{p.planned_hours:.1f}/{p.norm_hours:.1f}"
            period = f"{p.period_planned_hours:.1f}/{p.period_norm_hours:.1f}"
            wishes = f"{p.wishes_met}/{p.wishes_total}"
            lines.append(
                f"{name:<22} {month:>15} {p.balance_hours:>+7.1f} {period:>15} "
                f"{p.period_balance_hours:>+7.1f} {p.night_hours:>8.1f} {p.holiday_hours:>6.1f} "
                f"{p.nights:>6d} {p.weekend_days:>5d} {wishes:>6} {p.substitute_hours:>7.1f}"
            )
    return "\n".join(lines) + "\n"
