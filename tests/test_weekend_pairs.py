"""The bound from whole weekends (``scheduler.solver.weekend_pairs``): weekend days come in
pairs, so shares of weekend days that do not add up in pairs cost some rota a point, which
the column generation's LP cannot see. The bound is never above what a legal rota pays in the
three terms it reads."""

from __future__ import annotations

import io
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from scheduler.solver import weekend_pairs
from scheduler.solver.model import PER_UNIT, SolveOptions
from scheduler.solver.search import complete, strict_model, value_of
from scheduler.solver.solve import build_model, print_report, solve_month
from scheduler.teamfile import load_team
from tests.test_solver_properties import small_teams
from tests.test_solver_support import counsellor, daily, team

#: the terms the bound reads
TERMS = ("fair weekends", "split weekends", "desired coverage")


def _weekend_team(people: int, **weights: int):
    """``people`` full-time counsellors, one day shift a day with one person: February 2027
    has 8 weekend days. Hours cost nothing (a knapsack the bound does not read)."""
    t = team([counsellor(f"p{i}") for i in range(people)], [daily("D", 1)])
    w = replace(t.settings.weights, norm_deviation=0, **weights)
    return replace(t, settings=replace(t.settings, weights=w))


def test_three_people_sharing_eight_weekend_days_in_pairs_put_one_above_their_share() -> None:
    """Each person's fair share is 3 of the 8 weekend days (8/3 rounded up). Whole weekends
    give each an even number: 2 + 2 + 2 = 6 leaves two days, so one person works 4 (one day
    above the share: 4 points), or a weekend is split (5 points)."""
    m = build_model(_weekend_team(3), 2027, 2)
    assert weekend_pairs.weekend_places(m) == 8
    assert weekend_pairs.lower_bound(m) == 4 * PER_UNIT


def test_two_split_weekends_where_they_cost_less_than_a_day_above_the_share() -> None:
    """One split weekend makes the total odd, so it takes two (3 + 3 + 2 days): 10 points
    against a day above the share at 11 (at 9 that day is the bound)."""
    assert weekend_pairs.lower_bound(build_model(_weekend_team(3, fair_weekends=11), 2027, 2)) == 10 * PER_UNIT
    assert weekend_pairs.lower_bound(build_model(_weekend_team(3, fair_weekends=9), 2027, 2)) == 9 * PER_UNIT


def test_shares_that_add_up_in_pairs_prove_nothing() -> None:
    """Two people: 4 weekend days each, two whole weekends, nobody above the share."""
    m = build_model(_weekend_team(2), 2027, 2)
    assert weekend_pairs.lower_bound(m) == 0


def test_the_report_says_why_no_rota_costs_less_and_only_where_the_bound_says_so() -> None:
    result = solve_month(_weekend_team(3), 2027, 2, options=SolveOptions(time_limit=10))
    assert result.bound == 4 and len(result.bound_notes) == 1
    assert result.bound_notes[0].startswith("no rota of this month costs less than 4 points: with weekends kept whole")
    assert "its 8 weekend places" in result.bound_notes[0]
    out = io.StringIO()
    print_report(result, out)
    assert f"  bound: {result.bound_notes[0]}" in out.getvalue().splitlines()
    paired = solve_month(_weekend_team(2), 2027, 2, options=SolveOptions(time_limit=10))
    assert paired.valid and paired.bound_notes == []


def test_the_example_march_costs_at_least_one_weekend_day_above_a_share() -> None:
    """bench/RESULTS.md: the fair shares of the example's March, rounded down to even, add
    up to 62 of its 64 weekend places."""
    m = build_model(load_team("examples/helpline/team.toml"), 2027, 3)
    assert weekend_pairs.weekend_places(m) == 64
    assert weekend_pairs.lower_bound(m) == 4 * PER_UNIT


def test_no_bound_where_several_duty_starts_a_day_are_allowed() -> None:
    t = _weekend_team(3)
    split = replace(t.settings, split_duties_allowed=True)
    t = replace(t, settings=split, people=tuple(replace(p, settings=split) for p in t.people))
    assert weekend_pairs.lower_bound(build_model(t, 2027, 2)) is None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams())
def test_the_bound_is_never_above_what_a_legal_rota_pays_in_its_terms(case) -> None:
    """Against any legal rota CP-SAT finds on a small team (languages, absences, a second
    service, some shifts without a need): the bound is at most the rota's fair-weekends,
    split-weekends and desired-coverage terms."""
    t, year, month = case
    m = build_model(t, year, month)
    found = weekend_pairs.lower_bound(m)
    if found is None:
        return
    model = strict_model(m)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 2
    if solver.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return
    done = complete(m, model, [solver.Value(x) for x in m.x], 0)
    assert done is not None
    values, _objective = done
    paid = sum(value_of(values, v) * c for name in TERMS if name in m.terms
               for v, c in zip(m.terms[name].vars, m.terms[name].coeffs))
    assert found <= paid
