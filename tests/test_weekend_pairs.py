"""The bound from whole weekends (``scheduler.solver.weekend_pairs``): weekend days come in
pairs, so shares of weekend days that do not add up in pairs cost some rota a point, which
the column generation's LP cannot see. The bound is never above what a legal rota pays in the
three terms it reads."""

from __future__ import annotations

import io
import time as clock
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from scheduler.solver import search, weekend_pairs
from scheduler.solver.model import PER_UNIT, SolveOptions
from scheduler.solver.search import complete, strict_model, value_of
from scheduler.solver.solve import build_model, print_report, solve_month
from scheduler.teamfile import load_team
from tests.test_solver_properties import small_teams
from tests.test_solver_support import counsellor, daily, feasibility_budgets, legal_rota, team

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
    assert found <= _paid(m, values, TERMS)


def _paid(m, values, names=weekend_pairs.WEEKEND_TERMS) -> int:
    """What the rota (every variable's value) pays in the terms ``names``."""
    return m.paid(values, names)


def _held(m, values) -> int:
    """What the rota pays in what the hold keeps: the weekend terms and the empty desired
    places of weekend days."""
    desired = m.terms["desired coverage"]
    return _paid(m, values) + sum(value_of(values, v) * c for v, c, day in zip(desired.vars, desired.coeffs, desired.days)
                                  if day.weekday() >= 5)


def test_the_example_march_starts_from_a_rota_with_its_weekends_at_their_least(monkeypatch) -> None:
    """The search's first rota of the example's March (16 people: above
    ``SMALL_MODEL_CANDIDATES``) keeps the fair-weekends and split-weekends terms and the
    empty weekend places at the least the whole weekends allow (4 points); the first rota
    without the hold pays far more there (bench/RESULTS.md, "Weekends held at their least").
    The improving phases are left out: only the first rota is looked at."""
    m = build_model(load_team("examples/helpline/team.toml"), 2027, 3, [], SolveOptions(time_limit=30))
    monkeypatch.setattr(search.ImprovingSearch, "run", lambda self, *args, **kwargs: None)
    monkeypatch.setattr(search, "_search_while_bounding", lambda *args: None)
    verdicts: list[str] = []
    real = search.first_rota

    def recording(*args, **kwargs):
        verdicts.append(real(*args, **kwargs))
        return verdicts[-1]

    monkeypatch.setattr(search, "first_rota", recording)
    outcome = search.search(m, time_limit=30, workers=2, seed=1, started=clock.monotonic(),
                            on_progress=lambda *progress: None, stop=lambda: False)
    assert verdicts == []  # the held rota was found: the whole model's was not asked for
    assert _held(m, outcome.incumbent.values) <= 4 * PER_UNIT == outcome.weekend_floor
    assert not search.short_of_people(m)  # the held search had both cores before the bound


def test_a_hold_that_does_not_fit_the_month_leaves_the_first_rota_to_the_whole_model() -> None:
    """Held at less than any rota can pay (here: no split weekend and nobody above their
    share where the shares cannot be met in pairs), the held model has no rota; the month's
    own model still has one."""
    m = build_model(_weekend_team(3), 2027, 2)
    model = strict_model(m)
    held = search.weekends_held(m, model, 0)
    assert held is not None
    assert search.first_rota(m, held, 5.0, 2, 1, lambda: False, lambda x: None) == "infeasible"
    assert search.first_rota(m, model, 5.0, 2, 1, lambda: False, lambda x: None) == "feasible"
    at_least = search.weekends_held(m, model, weekend_pairs.lower_bound(m))
    found: list[list[int]] = []
    assert search.first_rota(m, at_least, 5.0, 2, 1, lambda: False, found.append) == "feasible"
    assert found
    values, _objective = complete(m, model, found[-1], 0)
    assert _paid(m, values) <= 4 * PER_UNIT


class _FakeSearch:
    """Stands in for an ``ImprovingSearch``: records how long it was asked to run."""

    def __init__(self, name: str, log: list[tuple[str, float]], status: int | None = None):
        self.name, self.log, self.status = name, log, status
        self.workers = 2
        self.shared = search.SharedBest(clock.monotonic(), lambda *progress: None)
        self.stop = lambda: False

    def run(self, seconds: float, workers: int | None = None, done=None) -> None:
        self.log.append((self.name, seconds))

    def interrupt(self) -> None:
        self.log.append((self.name, -1.0))


def test_the_weekends_are_held_until_their_time_is_over_then_the_whole_model_is_searched() -> None:
    log: list[tuple[str, float]] = []
    now = clock.monotonic()
    phased = search.HeldFirst(_FakeSearch("held", log), _FakeSearch("whole", log), until=now + 100.0)
    phased.run(5.0)
    assert [name for name, _ in log] == ["held"] and 4.0 < log[0][1] <= 5.0
    assert phased.status is None  # nothing to conclude from the held model's search
    log.clear()
    phased = search.HeldFirst(_FakeSearch("held", log), _FakeSearch("whole", log, cp_model.FEASIBLE),
                              until=now + 2.0)
    phased.run(10.0)  # the held part ends at ``until``; the whole model gets the rest
    assert [name for name, _ in log] == ["held", "whole"] and log[0][1] <= 2.0
    log.clear()
    phased = search.HeldFirst(_FakeSearch("held", log), _FakeSearch("whole", log, cp_model.FEASIBLE),
                              until=clock.monotonic() - 1.0)
    phased.run(10.0)  # called after the held time: straight to the whole model
    assert [name for name, _ in log] == ["whole"] and phased.status == cp_model.FEASIBLE
    phased.interrupt()
    assert ("held", -1.0) in log and ("whole", -1.0) in log


def test_a_held_search_with_nothing_more_to_find_hands_over_at_once() -> None:
    for ended in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        log: list[tuple[str, float]] = []
        phased = search.HeldFirst(_FakeSearch("held", log, ended), _FakeSearch("whole", log),
                                  until=clock.monotonic() + 100.0)
        phased.run(10.0)
        assert [name for name, _ in log] == ["held", "whole"] and not phased.holding


def test_a_held_search_stopped_by_the_bound_does_not_start_the_whole_model() -> None:
    """``_search_while_bounding`` interrupts the search when the bound is done (``done``
    set): the caller then runs it again with all workers, and the hold goes on."""
    import threading

    log: list[tuple[str, float]] = []
    done = threading.Event()
    done.set()
    phased = search.HeldFirst(_FakeSearch("held", log), _FakeSearch("whole", log),
                              until=clock.monotonic() + 100.0)
    phased.run(10.0, workers=1, done=done)
    assert [name for name, _ in log] == ["held"] and phased.holding


def test_a_month_is_short_of_people_when_its_places_take_more_hours_than_their_goals() -> None:
    """One day shift a day (8 h) for 28 days asks 224 h: more than one full-time person's
    goal in February 2027 (160 h, and 2 h the norm term lets go free), less than three
    people's. The example's January asks 2 082 h of a team whose goals leave 2 032 h for
    shifts; its March 2 097 h of 2 120 h (the goals less supervision and training, which are
    fixed work)."""
    assert search.short_of_people(build_model(_weekend_team(1), 2027, 2))
    assert not search.short_of_people(build_model(_weekend_team(3), 2027, 2))
    example = load_team("examples/helpline/team.toml")
    assert search.short_of_people(build_model(example, 2027, 1))
    assert not search.short_of_people(build_model(example, 2027, 3))


def test_a_month_the_hold_does_not_fit_still_gets_its_best_rota(monkeypatch) -> None:
    """The search with a hold no rota can keep (the weekends held at 0 where every rota pays
    4 points): the held first rota is not found, the month's own model gives the first rota,
    and the search ends at the optimum, proven by the bound from whole weekends. The small
    team is searched as a large one would be (``SMALL_MODEL_CANDIDATES``)."""
    t = _weekend_team(3)
    monkeypatch.setattr(search, "SMALL_MODEL_CANDIDATES", 0)
    held_at: list[int] = []
    real = search.weekends_held

    def at_zero(m, model, least, empty_places=True):
        held_at.append(least)
        return real(m, model, 0, empty_places)

    monkeypatch.setattr(search, "weekends_held", at_zero)
    result = solve_month(t, 2027, 2, options=SolveOptions(time_limit=10, seed=1))
    assert held_at == [4 * PER_UNIT]
    assert result.valid and result.objective == 4 and result.status == "optimal"


def test_no_hold_where_cells_are_kept_as_they_are(monkeypatch) -> None:
    """Pins and days already past can pay weekend costs the bound from whole weekends does not
    charge (a split weekend already worked), so a hold at its least might fit no rota: such
    months are searched whole. A short hold-time budget still leaves the held first rota
    time after its strict attempt."""
    from datetime import date

    monkeypatch.setattr(search, "SMALL_MODEL_CANDIDATES", 0)
    held: list[int] = []
    real = search.weekends_held
    monkeypatch.setattr(search, "weekends_held",
                        lambda m, model, least, **kw: held.append(least) or real(m, model, least, **kw))
    asked = feasibility_budgets(monkeypatch)
    t = _weekend_team(3)
    past = solve_month(t, 2027, 2, options=SolveOptions(time_limit=4, seed=1, recorded_before=date(2027, 2, 10)))
    pinned = solve_month(t, 2027, 2, options=SolveOptions(time_limit=4, seed=1, pins={("p0", date(2027, 2, 6)): "D"}))
    assert past.valid and pinned.valid and held == []
    asked.clear()
    free = solve_month(t, 2027, 2, options=SolveOptions(time_limit=4, seed=1))
    assert free.valid and held == [4 * PER_UNIT]
    # 4 s: a first-rota budget of 1.6 s, half of it for the held rota, 60 % of that strict
    assert asked[0] <= 0.49 and asked[0] < search.HELD_STRICT_SECONDS


def test_the_hold_counts_the_empty_desired_places_of_weekend_days_and_no_others() -> None:
    """``weekend_terms`` (what the hold keeps at its least) is what a rota pays in fair
    weekends, split weekends and the desired places left empty on Saturdays and Sundays: the
    three terms the bound counts there. Weekday places left empty are not held."""
    t = team([counsellor(f"p{i}") for i in range(3)], [daily("D", 1, desired=3)])
    m = build_model(t, 2027, 2)
    values, _objective = legal_rota(m)
    desired = m.terms["desired coverage"]
    weekdays = sum(value_of(values, v) * c for v, c, day in zip(desired.vars, desired.coeffs, desired.days)
                   if day.weekday() < 5)
    assert weekdays > 0 and _held(m, values) > _paid(m, values)  # places empty on both kinds of day
    evaluated = m.model.clone()
    search.fix(evaluated, [evaluated.GetIntVarFromProtoIndex(i) for i in range(len(values))], values)
    held = evaluated.NewIntVar(-10**9, 10**9, "held")
    evaluated.Add(held == weekend_pairs.weekend_terms(m))
    # a month short of people holds the weekend terms alone (its places stay empty for want
    # of hours, which the bound does not see)
    weekend_only = evaluated.NewIntVar(-10**9, 10**9, "weekend terms")
    evaluated.Add(weekend_only == weekend_pairs.weekend_terms(m, empty_places=False))
    check = cp_model.CpSolver()
    assert check.Solve(evaluated) == cp_model.OPTIMAL
    assert check.Value(held) == _held(m, values)
    assert check.Value(weekend_only) == _paid(m, values)
