"""``check_rota``: every rule over one month's rota."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Callable, Sequence

from scheduler.checker.coverage import coverage_minimum
from scheduler.checker.hours import (
    accounting_period_history,
    average_weekly_hours,
    hours,
    lead_protected_management_time,
    night_worker_limits,
)
from scheduler.checker.people import person_reports
from scheduler.checker.references import unknown_references
from scheduler.checker.rest import daily_rest, weekly_rest
from scheduler.checker.results import CheckReport, Violation
from scheduler.checker.staffing import (
    absences_and_events,
    eligibility,
    no_overlapping_duties,
    one_duty_start_per_day,
)
from scheduler.checker.timeline import RotaMonth
from scheduler.domain import Assignment, Team

Rule = Callable[[RotaMonth], list[Violation]]

#: Every rule, in the order reports list them.
RULES: tuple[Rule, ...] = (
    unknown_references,
    hours,
    daily_rest,
    weekly_rest,
    average_weekly_hours,
    accounting_period_history,
    night_worker_limits,
    one_duty_start_per_day,
    no_overlapping_duties,
    absences_and_events,
    eligibility,
    lead_protected_management_time,
    coverage_minimum,
)


def check_rota(
    team: Team,
    year: int,
    month: int,
    assignments: Sequence[Assignment],
    history: Sequence[Assignment] = (),
    recorded_before: date | None = None,
) -> CheckReport:
    """Check the rota of ``year``-``month`` against the law and the team file.

    ``assignments`` are the month's rows (shifts starting in the month and events);
    ``history`` earlier rows (rest across the month boundary, weeks and 7-day windows cut by
    the month start, the accounting period's earlier months). ``recorded_before``: the first
    day that has not begun yet (None: the whole month lies ahead): the days before it are a
    record of what happened, and coverage there is reported but no longer required
    (``coverage.coverage_minimum``); the law holds on them as on any day. Returns every
    violation, hard and soft, and each person's hours.
    """
    rota = RotaMonth(team, year, month, assignments, history, recorded_before)
    violations: list[Violation] = []
    for rule in RULES:
        found = rule(rota)
        found.sort(key=lambda v: (_instant(v.start), v.person or ""))
        violations.extend(found)
    return CheckReport(year, month, tuple(violations), person_reports(rota), recorded_before)


def _instant(start: datetime | None) -> datetime:
    return start.astimezone(UTC) if start is not None else datetime.min.replace(tzinfo=UTC)
