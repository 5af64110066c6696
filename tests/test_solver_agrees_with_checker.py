"""Cases where the solver and the independent checker once read a rule differently (found by
randomized teams and settings): the solver must neither emit a rota the checker rejects nor
call a month impossible when a legal rota exists. Each case is the smallest team that showed
it."""

from __future__ import annotations

from datetime import date, time

from scheduler.checker import check_rota
from scheduler.domain import Assignment, CoverageNeed, DayType, Event, EventKind, Person, Role, Service, ShiftType, Team
from scheduler.settings import RuleSettings
from scheduler.solver import SolveOptions, solve_month
from scheduler.solver.solve import build_model

CL = Service("CL", "Crisis line", Role.COUNSELLOR)
D = ShiftType("D", "day", "CL", time(8), time(16))
N = ShiftType("N", "night", "CL", time(22), time(8))
QUICK = SolveOptions(time_limit=3, workers=2)


def people(n: int, settings: RuleSettings | None = None, **kw) -> tuple[Person, ...]:
    s = settings or RuleSettings()
    return tuple(Person(f"p{i}", f"P{i}", Role.COUNSELLOR, 1.0, ("et",), ("CL",), settings=s, **kw) for i in range(n))


def row(person: str, shift: ShiftType, day: date) -> Assignment:
    a, b = shift.interval(day)
    return Assignment(person, day, shift.code, a, b, (b - a).total_seconds() / 3600 - 0.5)


def test_a_need_on_days_its_shift_does_not_run_asks_for_nobody() -> None:
    weekend = ShiftType("W", "weekend day", "CL", time(10), time(18), weekdays=(5, 6))
    team = Team("t", RuleSettings(), people(4), (CL,), (weekend,), (CoverageNeed("CL", DayType.ALL, 1, 1, shift="W"),))
    result = solve_month(team, 2027, 6, options=QUICK)
    assert result.valid, (result.status, result.shortfalls[:2])


def test_an_impossible_night_is_explained_when_more_than_the_minimum_is_desired() -> None:
    no_nights = people(2, may_work_nights=False)
    team = Team("t", RuleSettings(), no_nights, (CL,), (D, N), (CoverageNeed("CL", DayType.ALL, 1, 2, shift="N"),))
    result = solve_month(team, 2027, 6, options=QUICK)
    assert result.status == "infeasible"
    assert "may not work nights" in result.shortfalls[0], result.shortfalls[0]


def test_a_large_carried_balance_still_leaves_a_legal_rota() -> None:
    # Jan–Mar in the history with one day each for P0: over −470 h carried into April of a
    # four-month period; the goal cannot be met, but the month is not impossible.
    s = RuleSettings(accounting_period_months=4)
    team = Team("t", s, people(2, s), (CL,), (D,), (CoverageNeed("CL", DayType.ALL, 1, 1, shift="D"),))
    history = [row("p0", D, date(2027, m, 4)) for m in (1, 2, 3)] + [row("p1", D, date(2027, m, 5)) for m in (1, 2, 3)]
    result = solve_month(team, 2027, 4, history, options=QUICK)
    assert result.valid, (result.status, result.shortfalls[:2])


def test_events_earlier_in_the_period_count_towards_the_average_as_the_checker_counts_them() -> None:
    s = RuleSettings(accounting_period_months=2, accounting_period_start_month=2)
    events = tuple(Event(f"T{d}", "training", EventKind.TRAINING, date(2027, 2, d), time(9), time(17), ("p0",))
                   for d in (1, 2))
    team = Team("t", s, people(1, s), (CL,), (D,), (), events=events)
    history = [row("p0", D, date(2027, 2, 8))]
    m = build_model(team, 2027, 3, history)
    # the day shift (7.5 h) and two 8 h trainings with their 30 min break (7.5 h each)
    assert m.history_period_minutes(m.people["p0"]) == round(3 * 7.5 * 60)


def test_the_night_before_the_month_covers_the_start_of_a_window_need() -> None:
    window = CoverageNeed("CL", DayType.DATE, 1, 1, window_start=time(6), window_end=time(9), on=date(2027, 6, 1))
    team = Team("t", RuleSettings(), people(3), (CL,), (D, N), (window,))
    result = solve_month(team, 2027, 6, [row("p0", N, date(2027, 5, 31))], options=QUICK)
    assert result.valid, (result.status, result.shortfalls[:2])


def test_a_window_running_past_the_month_end_is_asked_only_up_to_it() -> None:
    window = CoverageNeed("CL", DayType.ALL, 1, 1, window_start=time(22), window_end=time(10))
    team = Team("t", RuleSettings(), people(3), (CL,), (D, N), (window,))
    result = solve_month(team, 2027, 6, options=SolveOptions(time_limit=4, workers=2))
    assert result.valid, (result.status, result.shortfalls[:2])


def test_split_duties_when_allowed() -> None:
    s = RuleSettings(split_duties_allowed=True)
    morning = ShiftType("S1", "morning half", "CL", time(8), time(12))
    afternoon = ShiftType("S3", "afternoon half", "CL", time(13), time(17))
    day = date(2027, 6, 9)
    team = Team("t", s, people(1, s), (CL,), (morning, afternoon),
                (CoverageNeed("CL", DayType.DATE, 1, 1, shift="S1", on=day),
                 CoverageNeed("CL", DayType.DATE, 1, 1, shift="S3", on=day)))
    result = solve_month(team, 2027, 6, options=QUICK)
    assert result.valid, (result.status, result.shortfalls[:2])
    assert sorted(a.code for a in result.assignments if a.day == day) == ["S1", "S3"]


def test_history_hours_are_counted_as_the_checker_counts_them() -> None:
    # Rows written as elapsed − 0.5 h while the break counts as work: the checker counts
    # 3 × 10 h of nights, so one 11 h day more is over a 40 h night-worker limit.
    s = RuleSettings(break_counts_as_work=True, night_worker_max_hours_7d=40.0)
    long_day = ShiftType("B", "long day", "CL", time(9), time(20))
    team = Team("t", s, people(1, s), (CL,), (N, long_day),
                (CoverageNeed("CL", DayType.DATE, 1, 1, shift="B", on=date(2027, 3, 1)),))
    history = [row("p0", N, date(2027, 2, d)) for d in (24, 25, 26)]
    result = solve_month(team, 2027, 3, history, options=QUICK)
    assert result.status == "infeasible"  # never "rejected"
    a, b = long_day.interval(date(2027, 3, 1))
    taken = Assignment("p0", date(2027, 3, 1), "B", a, b, 11.0)
    assert [v.rule for v in check_rota(team, 2027, 3, [taken], history).hard] == ["night_worker_limits"]


def test_the_rest_after_a_history_duty_longer_than_todays_limit_still_holds() -> None:
    # A 24 h duty on 31 March, before the work rules set a 12 h limit (12 h rest): the law
    # still asks 12 h + 12 h of rest after it, so the night of 1 April (14 h later) is out.
    s = RuleSettings(long_shifts_allowed=True, max_duty_hours=12.0, daily_rest_hours=12.0)
    day24 = ShiftType("L", "24 h", "CL", time(8), time(8))
    team = Team("t", s, people(1, s), (CL,), (N, day24),
                (CoverageNeed("CL", DayType.DATE, 1, 1, shift="N", on=date(2027, 4, 1)),))
    a, b = day24.interval(date(2027, 3, 31))
    result = solve_month(team, 2027, 4, [Assignment("p0", date(2027, 3, 31), "L", a, b, 23.5)],
                         options=SolveOptions(time_limit=3, workers=1))
    assert result.status == "infeasible"  # never "rejected"
