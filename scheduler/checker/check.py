"""``check_rota``: every rule over one month's rota."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Callable, Sequence

from scheduler.checker.coverage import coverage_minimum
from scheduler.checker.hours import (
    accounting_period_history,
    average_weekly_hours,
    hours,
    lead_protected_management_time,
    night_worker_limits,
    overtime,
)
from scheduler.checker.people import person_reports
from scheduler.checker.references import unknown_references
from scheduler.checker.rest import daily_rest, weekly_rest
from scheduler.checker.results import CheckReport, Violation, as_recorded
from scheduler.checker.staffing import (
    absences_and_events,
    eligibility,
    employment_contract,
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
    overtime,
    night_worker_limits,
    one_duty_start_per_day,
    no_overlapping_duties,
    absences_and_events,
    employment_contract,
    eligibility,
    lead_protected_management_time,
    coverage_minimum,
)

#: The working-time rules a month's past can break on its own (rest, hours, the night
#: worker's limit, the lead's management time): a breach made only of duties already begun is
#: a record of what happened (``recorded_breaches``). The team file's data rules (absences and
#: events, the hours written in a row, unknown names, times not the shift's) are no such
#: record: a past cell that breaks them is a mistake in the rota to correct, and the solver
#: refuses to keep it (``past not kept``). Eligibility (services, the shift's weekdays, roles,
#: fitness for nights, being active) is not asked of the days already past at all: they were
#: worked with the team as it was then, and a change of it applies to the days ahead.
WORKING_TIME_RULES: tuple[Rule, ...] = (
    daily_rest,
    weekly_rest,
    average_weekly_hours,
    night_worker_limits,
    one_duty_start_per_day,
    no_overlapping_duties,
    lead_protected_management_time,
)


def check_rota(
    team: Team,
    year: int,
    month: int,
    assignments: Sequence[Assignment],
    history: Sequence[Assignment] = (),
    recorded_before: date | None = None,
    begun_before: datetime | None = None,
) -> CheckReport:
    """Check the rota of ``year``-``month`` against the law and the team file.

    ``assignments`` are the month's rows (shifts starting in the month and events);
    ``history`` earlier rows (rest across the month boundary, weeks and 7-day windows cut by
    the month start, the accounting period's earlier months). ``recorded_before``: the first
    day that has not begun yet (None: the whole month lies ahead): the days before it are a
    record of what happened, and coverage there is reported but no longer required
    (``coverage.coverage_minimum``); the law holds on them as on any day, but a breach those
    days make on their own is reported as recorded (``recorded_breaches``), not as a fault of
    the plan. ``begun_before`` (with ``recorded_before``): the moment the check is made — the
    duties and events begun before it have happened too (a duty under way today). Returns every
    violation, hard and soft, and each person's hours.
    """
    rota = RotaMonth(team, year, month, assignments, history, recorded_before, begun_before)
    past = (recorded_breaches(team, year, month, assignments, history, recorded_before, begun_before)
            if recorded_before is not None else set())
    violations: list[Violation] = []
    for rule in RULES:
        found = [as_recorded(v) if v in past else v for v in rule(rota)]
        found.sort(key=lambda v: (_instant(v.start), v.person or ""))
        violations.extend(found)
    return CheckReport(year, month, tuple(violations), person_reports(rota), recorded_before, begun_before)


def recorded_breaches(team: Team, year: int, month: int, assignments: Sequence[Assignment],
                      history: Sequence[Assignment], cut: date,
                      begun_before: datetime | None = None) -> set[Violation]:
    """The hard working-time findings (TLS §§ 46, 50, 51, 52; job description § 1.4–1.5)
    that what already happened makes on its own: the month's rows of the days before ``cut``
    and the team file's events then, those begun before ``begun_before`` (a duty under way),
    with the history. Such a breach happened; no plan from ``cut`` on can undo it, so the full
    check reports it as recorded (soft) when it finds it unchanged. A breach the days ahead
    join or make worse (a shift too close to yesterday's night, more hours on a period already
    over its average, a duty already too long made longer) differs from these and stays hard:
    the plan can still avoid it.
    """
    def happened(day: date, start: datetime) -> bool:
        return day < cut or (begun_before is not None and start < begun_before)

    past = [a for a in assignments if happened(a.day, a.start)]
    events = tuple(e for e in team.events if happened(e.day, e.interval()[0]))
    rota = RotaMonth(replace(team, events=events), year, month, past, history, cut)
    return {v for rule in WORKING_TIME_RULES for v in rule(rota) if v.hard}


def _instant(start: datetime | None) -> datetime:
    return start.astimezone(UTC) if start is not None else datetime.min.replace(tzinfo=UTC)
