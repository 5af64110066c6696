"""Property: on any small team the solver either emits a rota the independent checker
passes, or says which minima cannot be met, in words; never a rejected rota or a traceback.
"""

from __future__ import annotations

from dataclasses import replace
import random
from datetime import date, time, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scheduler.domain import Role, Service, ShiftType, Team
from scheduler.solver import SolveOptions, SolveResult, solve_month
from tests.test_solver_support import LINE, SERVICES, SHIFT_TYPES, counsellor, daily, team, vacation

SPIRITUAL = "HH"
SPIRITUAL_SERVICE = Service(SPIRITUAL, "Spiritual care", Role.COUNSELLOR, languages=("et",))
SPIRITUAL_SHIFT = ShiftType("H", "spiritual care", SPIRITUAL, time(16), time(0))
MONTHS = [(2027, 3), (2027, 6), (2027, 10), (2027, 12)]


@st.composite
def small_teams(draw: st.DrawFn) -> tuple[Team, int, int]:
    year, month = draw(st.sampled_from(MONTHS))
    size = draw(st.integers(3, 6))
    two_services = draw(st.booleans())
    people = []
    for i in range(size):
        services = (LINE, SPIRITUAL) if two_services and draw(st.booleans()) else (LINE,)
        if two_services and i == 0:
            services = (SPIRITUAL,)
        people.append(counsellor(
            f"p{i}",
            languages=("et", "ru") if draw(st.booleans()) else ("et",),
            fte=draw(st.sampled_from([0.5, 0.75, 1.0])),
            nights=draw(st.booleans()),
            services=services,
        ))
    shifts = draw(st.lists(st.sampled_from(["D", "E", "N"]), min_size=1, max_size=3, unique=True))
    needs = []
    for code in shifts:
        minimum = draw(st.integers(0, 1))
        languages = {"ru": 1} if code == "N" and minimum and draw(st.booleans()) else {}
        needs.append(daily(code, minimum, minimum + draw(st.integers(0, 1)), **languages))
    shift_types = SHIFT_TYPES
    services = SERVICES
    if two_services:
        needs.append(replace(daily("H", draw(st.integers(0, 1))), service=SPIRITUAL))
        shift_types = (*SHIFT_TYPES, SPIRITUAL_SHIFT)
        services = (*SERVICES, SPIRITUAL_SERVICE)
    absences = []
    for _ in range(draw(st.integers(0, 2))):
        who = draw(st.sampled_from(people)).id
        first = draw(st.integers(1, 25))
        absences.append(vacation(who, date(year, month, first), date(year, month, first + draw(st.integers(0, 4)))))
    t = team(people, needs, absences=tuple(absences), shift_types=shift_types)
    return replace(t, services=services), year, month


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams())
def test_small_team_rota_passes_the_checker_or_shortfalls_are_explained(case: tuple[Team, int, int]) -> None:
    t, year, month = case
    result = solve_month(t, year, month, options=SolveOptions(time_limit=2.5, workers=2))
    assert result.status != "rejected", result.report and result.report.hard
    if result.status in ("optimal", "feasible"):
        assert result.report is not None and result.report.ok
        assert result.valid
    elif result.status == "infeasible":
        assert result.shortfalls and all(line.strip() for line in result.shortfalls)
        assert not result.valid
    else:
        assert result.status == "no solution"


LONG_DAY = ShiftType("L", "long day", LINE, time(8), time(20))


@st.composite
def teams_under_varied_rules(draw: st.DrawFn) -> tuple[Team, int, int, list]:
    """Small teams under work rules other than the defaults, with the previous month's last
    week as history: the families where the solver and the checker once disagreed."""
    from scheduler.domain import Assignment
    from scheduler.settings import RuleSettings

    year, month = draw(st.sampled_from(MONTHS))
    rules = RuleSettings(
        weekly_rest_window=draw(st.sampled_from(["calendar", "rolling"])),
        weekly_rest_hours=draw(st.sampled_from([36.0, 47.0])),
        accounting_period_months=draw(st.sampled_from([1, 2, 3])),
        split_duties_allowed=draw(st.booleans()),
        break_counts_as_work=draw(st.booleans()),
        night_worker_max_hours_7d=draw(st.sampled_from([40.0, 48.0])),
        max_average_weekly_hours=draw(st.sampled_from([40.0, 48.0])),
    )
    people = [replace(counsellor(f"p{i}", nights=draw(st.booleans()) or i == 0), settings=rules)
              for i in range(draw(st.integers(3, 5)))]
    codes = draw(st.lists(st.sampled_from(["D", "E", "N", "L"]), min_size=1, max_size=3, unique=True))
    needs = [daily(code, draw(st.integers(0, 1))) for code in codes]
    t = team(people, needs, shift_types=(*SHIFT_TYPES, LONG_DAY))
    t = replace(t, settings=rules)
    first = date(year, month, 1)
    history = []
    for person in people:
        for back in draw(st.lists(st.integers(1, 7), max_size=3, unique=True)):
            day = date.fromordinal(first.toordinal() - back)
            shift = t.shift_type(draw(st.sampled_from(["D", "N", "L"])))
            if shift.code == "N" and not person.may_work_nights:
                continue
            a, b = shift.interval(day)
            history.append(Assignment(person.id, day, shift.code, a, b, (b - a).total_seconds() / 3600 - 0.5))
    # the history must be legal on its own for a rota to be possible at all: keep one duty a day
    seen: set[tuple[str, date]] = set()
    history = [r for r in sorted(history, key=lambda r: r.start)
               if (r.person, r.day) not in seen and not seen.add((r.person, r.day))]
    return t, year, month, history


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams_under_varied_rules())
def test_varied_rules_and_history_never_give_a_rota_the_checker_rejects(case: tuple[Team, int, int, list]) -> None:
    t, year, month, history = case
    result = solve_month(t, year, month, history, options=SolveOptions(time_limit=2.5, workers=2))
    assert result.status != "rejected", result.report and [v.reason for v in result.report.hard]
    if result.status in ("optimal", "feasible"):
        assert result.valid
    elif result.status == "infeasible":
        assert result.shortfalls and all(line.strip() for line in result.shortfalls)


@st.composite
def months_under_way(draw: st.DrawFn) -> tuple[Team, int, int, date, random.Random, bool]:
    """A small team's month with "today" in it, and sometimes a night window need (22–06)
    that the night shift before the cut reaches into the first day not yet begun."""
    from scheduler.domain import CoverageNeed, DayType

    t, year, month = draw(small_teams())
    window = draw(st.booleans())
    if window:
        t = replace(t, needs=(*t.needs, CoverageNeed(LINE, DayType.ALL, 1, 1, window_start=time(22),
                                                     window_end=time(6))))
    return t, year, month, date(year, month, draw(st.integers(2, 28))), draw(st.randoms()), window


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months_under_way())
def test_a_month_under_way_with_duties_not_worked_is_re_planned_or_explained(
        case: tuple[Team, int, int, date, random.Random, bool]) -> None:
    """Days before the cut hold the rota as it happened, some of its duties not worked (taken
    off, nobody put on them): the solver plans the rest (``recorded_before``) and never emits
    a rota the checker rejects, nor changes a day already past."""
    t, year, month, cut, rng, _window = case
    planned = solve_month(t, year, month, options=SolveOptions(time_limit=2.0, workers=2))
    assume(planned.valid)
    happened = [a for a in planned.assignments if a.kind == "shift" and not (a.day < cut and rng.random() < 0.3)]
    result = _re_planned_from(t, year, month, cut, {(a.person, a.day): a.code for a in happened})
    if not result.valid:
        assert result.status == "infeasible" and result.shortfalls


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months_under_way())
def test_a_month_whose_past_broke_the_law_is_still_re_planned_with_the_breach_recorded(
        case: tuple[Team, int, int, date, random.Random, bool]) -> None:
    """Days before the cut hold what happened, here with extra duties put on the past at
    random, rest or no rest (someone called in, a double shift): such a past may break the
    working-time law on its own. The solver still plans the days ahead — never a rota the
    checker rejects, never a day already past changed, never "no rota" for the past's sake
    (only coverage may be out of reach) — and the checker reports those breaches as recorded,
    not as faults of the plan."""
    t, year, month, cut, rng, _window = case
    planned = solve_month(t, year, month, options=SolveOptions(time_limit=2.0, workers=2))
    assume(planned.valid)
    cells = {(a.person, a.day): a.code for a in planned.assignments if a.kind == "shift"}
    for _ in range(rng.randint(1, 6)):
        p, d = rng.choice(t.active_people), date(year, month, 1) + timedelta(days=rng.randrange((cut.day - 1)))
        codes = [st_.code for st_ in t.shift_types
                 if st_.service in p.services and (p.may_work_nights or st_.code != "N")
                 and d.weekday() in st_.weekdays and not _away(t, p.id, st_.interval(d))]
        if codes:
            cells[(p.id, d)] = rng.choice(codes)
    result = _re_planned_from(t, year, month, cut, cells)
    if not result.valid:  # only coverage can be out of reach: the past alone never leaves the month without a rota
        assert result.status == "infeasible" and result.shortfalls and "coverage minima missed" in result.terms


def _re_planned_from(t: Team, year: int, month: int, cut: date, cells: dict) -> SolveResult:
    """The month solved from ``cut`` on with the days before it held as ``cells`` (person,
    day → code) say; what holds for every such re-plan is asserted: never a rota the checker
    rejects, and a rota found changes no day already past."""
    days = [date(year, month, 1) + timedelta(days=i) for i in range((cut - date(year, month, 1)).days)]
    pins = {(p.id, d): cells.get((p.id, d)) for p in t.active_people for d in days}
    result = solve_month(t, year, month, options=SolveOptions(time_limit=2.0, workers=2, pins=pins,
                                                              recorded_before=cut))
    assert result.status != "rejected", result.report and [v.reason for v in result.report.hard]
    if result.status in ("optimal", "feasible"):
        assert result.valid
        after = {(a.person, a.day): a.code for a in result.assignments if a.kind == "shift"}
        assert {k: v for k, v in after.items() if k[1] < cut} == {k: v for k, v in pins.items() if v is not None}
    return result


def _away(t: Team, person: str, span: tuple) -> bool:
    """Whether ``span`` (start, end) overlaps one of ``person``'s absences."""
    return any(a.person == person and a.interval()[0] < span[1] and span[0] < a.interval()[1] for a in t.absences)
