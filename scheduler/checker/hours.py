"""Hours rules: the hours written in the rota (TLS § 47), the 48 h average over the
accounting period (TLS § 46), night workers' 7-day limit (TLS § 50) and the team lead's
protected management time (job description § 1.4–1.5)."""

from __future__ import annotations

from datetime import datetime, timedelta

from scheduler.checker.results import Violation, violation
from scheduler.checker.text import hours_text, when_text
from scheduler.checker.timeline import (
    EPS,
    HOURS_TOLERANCE,
    RotaMonth,
    Work,
    days,
    midnight,
)
from scheduler.domain import Role

HOURS_SOURCE = "TLS § 47"
AVERAGE_SOURCE = "TLS § 46"
NIGHT_WORKER_SOURCE = "TLS § 50"
LEAD_SOURCE = "job description § 1.4–1.5"


def hours(rota: RotaMonth) -> list[Violation]:
    """The ``hours`` written in each of the month's rows must be the counted working hours
    (payroll depends on them): elapsed hours (UTC, so DST nights last 9 h or 11 h), less the
    unpaid break of ``break_minutes`` in a duty longer than ``break_after_hours`` unless
    ``break_counts_as_work`` (TLS § 47). A difference above 0.01 h is a hard violation.
    """
    out: list[Violation] = []
    for w in rota.rows:
        if w.claimed is None or abs(w.claimed - w.counted) <= HOURS_TOLERANCE:
            continue
        s = rota.settings(w.person)
        elapsed = w.elapsed
        if not s.break_counts_as_work and elapsed > s.break_after_hours:
            how = f"{hours_text(elapsed)} h elapsed less a {s.break_minutes} min break"
        else:
            how = f"{hours_text(elapsed)} h elapsed"
        out.append(
            violation(
                "hours",
                HOURS_SOURCE,
                w.person,
                w.start,
                f"{rota.name(w.person)}: {w.code} {when_text(w.start)}–{when_text(w.end, w.start)} "
                f"is written as {hours_text(w.claimed)} h but counts {hours_text(w.counted)} h "
                f"({how}; {HOURS_SOURCE})",
            )
        )
    return out


def average_weekly_hours(rota: RotaMonth) -> list[Violation]:
    """TLS § 46: working time, overtime included, averages at most
    ``max_average_weekly_hours`` (48 h; 52 h with a separate agreement) per 7 days over the
    accounting period. The counted hours of the period known so far (the history's earlier
    months of the period and this month) may not exceed max × days in the period ÷ 7.
    """
    out: list[Violation] = []
    for pid in rota.people_at_work:
        s = rota.settings(pid)
        first, last = rota.period(pid)
        total = sum(w.counted for w in rota.work_between(pid, first, rota.last))
        n_days = (last - first).days + 1
        limit = s.max_average_weekly_hours * n_days / 7
        if total <= limit + HOURS_TOLERANCE:
            continue
        so_far = "" if last == rota.last else f" (planned up to {rota.last.isoformat()})"
        out.append(
            violation(
                "average_weekly_hours",
                AVERAGE_SOURCE,
                pid,
                None,
                f"{rota.name(pid)}: {hours_text(total)} h in the accounting period "
                f"{first.isoformat()} to {last.isoformat()}{so_far}, more than "
                f"{s.max_average_weekly_hours:g} h × {n_days}/7 days = {hours_text(limit)} h "
                f"({AVERAGE_SOURCE})",
            )
        )
    return out


def _hours_in(work: tuple[Work, ...], start: datetime, end: datetime) -> float:
    """Counted hours of ``work`` inside [start, end), each duty pro rata to its elapsed time
    inside."""
    total = 0.0
    for w in work:
        if not w.overlaps(start, end) or w.elapsed <= 0:
            continue
        total += w.counted * w.overlap_hours(start, end) / w.elapsed
    return total


def night_worker_limits(rota: RotaMonth) -> list[Violation]:
    """TLS § 50 (night work 22:00–06:00): someone who works at least
    ``night_worker_threshold_hours`` (3 h) of a duty at night is a night worker, and a night
    worker's working time may average at most 8 h per 24 h over 7 days, one 24 h period left
    out (Labour Inspectorate): at most ``night_worker_max_hours_7d`` (48 h) in any 7 days.

    A person with such a duty in the month is a night worker for the month; then every 7-day
    window starting at a local midnight that overlaps the month and holds some of the
    month's work is checked, the history included. A duty cut by a window counts pro rata.
    """
    out: list[Violation] = []
    for pid in rota.people_at_work:
        s = rota.settings(pid)
        night_duty = next(
            (
                d
                for d in rota.duties(pid)
                if d.in_month
                and rota.night_hours(pid, d.parts) >= s.night_worker_threshold_hours - EPS
            ),
            None,
        )
        if night_duty is None:
            continue
        work = rota.all_work(pid)
        over: list[tuple[int, float]] = []
        first_day = rota.first - timedelta(days=6)
        for i, d in enumerate(days(first_day, rota.last)):
            start, end = midnight(d), midnight(d + timedelta(days=7))
            if not any(w.in_month and w.overlaps(start, end) for w in work):
                continue
            total = _hours_in(work, start, end)
            if total > s.night_worker_max_hours_7d + HOURS_TOLERANCE:
                over.append((i, total))
        runs: list[list[tuple[int, float]]] = []
        for item in over:
            if runs and item[0] - runs[-1][-1][0] == 1:
                runs[-1].append(item)
            else:
                runs.append([item])
        for run in runs:
            i, total = max(run, key=lambda item: item[1])
            d = first_day + timedelta(days=i)
            more = ""
            if len(run) == 2:
                more = "; 1 overlapping 7-day window is over too"
            elif len(run) > 2:
                more = f"; {len(run) - 1} overlapping 7-day windows are over too"
            out.append(
                violation(
                    "night_worker_limits",
                    NIGHT_WORKER_SOURCE,
                    pid,
                    midnight(d),
                    f"{rota.name(pid)}: a night worker (the duty starting "
                    f"{when_text(night_duty.start)} has "
                    f"{hours_text(rota.night_hours(pid, night_duty.parts))} h at night) works "
                    f"{hours_text(total)} h in the 7 days {d.isoformat()} to "
                    f"{(d + timedelta(days=6)).isoformat()}, more than "
                    f"{s.night_worker_max_hours_7d:g} h ({NIGHT_WORKER_SOURCE}){more}",
                )
            )
    return out


def lead_protected_management_time(rota: RotaMonth) -> list[Violation]:
    """Job description § 1.4–1.5: the team lead has management work and is the substitute of
    last resort. Hours of shifts whose service belongs to another role (counsellor line duty)
    may use at most (1 − ``protected_management_share``) of the lead's month norm.
    """
    out: list[Violation] = []
    for p in rota.team.people:
        if p.role != Role.TEAM_LEAD:
            continue
        other = [
            w
            for w in rota.month_work(p.id)
            if w.is_shift and w.service is not None and w.service.role != p.role
        ]
        if not other:
            continue
        total = sum(w.counted for w in other)
        share = p.settings.protected_management_share
        norm = rota.month_norm(p.id)
        limit = (1 - share) * norm
        if total <= limit + HOURS_TOLERANCE:
            continue
        out.append(
            violation(
                "lead_protected_management_time",
                LEAD_SOURCE,
                p.id,
                other[0].start,
                f"{p.name}: {hours_text(total)} h of other roles' line duty in the month, more "
                f"than (1 − {share:g}) × the month norm {hours_text(norm)} h = "
                f"{hours_text(limit)} h; {share:.0%} of the norm is kept for management work "
                f"({LEAD_SOURCE}, setting protected_management_share)",
            )
        )
    return out
