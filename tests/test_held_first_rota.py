"""The first rota of a month with the weekends held (``search.held_first_rota``): strictly
reasonable with every wish met first, then without the wishes, then with everybody's hours in
the band only."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from scheduler.solver import search, weekend_pairs
from scheduler.solver.model import SolveOptions
from scheduler.solver.solve import build_model
from scheduler.teamfile import load_team


@pytest.fixture(scope="module")
def team():
    return load_team("examples/helpline/team.toml")


def test_the_held_first_rota_of_march_meets_every_wish_and_holds_the_weekends(team, monkeypatch) -> None:
    """Every wish of March can be met (its optimum pays for weekends only): given the time,
    the first rota meets them all, with the weekends at their least."""
    monkeypatch.setattr(search, "HELD_STRICT_SECONDS", 20.0)  # a loaded machine: time enough
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    assert march.terms["wishes"].vars
    held = search.weekends_held(march, search.strict_model(march), weekend_pairs.lower_bound(march))
    found: list[list[int]] = []
    assert search.held_first_rota(march, held, 40.0, 2, 1, lambda: False, found.append)
    values, _objective = search.complete(march, held, found[0], 0)
    assert march.terms["wishes"].paid(values) == 0
    least = weekend_pairs.lower_bound(march)
    assert sum(march.terms[name].paid(values) for name in weekend_pairs.WEEKEND_TERMS) <= least


class _Clock:
    """Stands in for ``search.clock`` (the ``time`` module): ``monotonic`` moves as the tries
    use their seconds; everything else (the solver stopper's ``sleep``) is the module's."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str):
        return getattr(time, name)


def _asked(monkeypatch, m, answers: list[bool], budgets: list[float] | None = None,
           clock: _Clock | None = None) -> list[bool]:
    """Stands in for ``search._feasible``: answers the calls in turn (True: a rota of zeros),
    and records for each whether the model asked for every wish met (one constraint more than
    the strictly reasonable model of ``m``), and in ``budgets`` the seconds it was given (each
    passing on ``clock``)."""
    asked: list[bool] = []
    strict = len(search.reasonable_model(m, search.strict_model(m), strict=True).Proto().constraints)

    def feasible(m, model, seconds, workers, seed, stop, local_search=False):
        asked.append(len(model.Proto().constraints) > strict)
        if budgets is not None:
            budgets.append(seconds)
        if clock is not None:
            clock.now += seconds  # a try that finds nothing runs its whole time
        found = answers[len(asked) - 1] if len(asked) <= len(answers) else False
        return ("feasible", [0] * len(m.x)) if found else ("unknown", None)

    monkeypatch.setattr(search, "_feasible", feasible)
    return asked


def test_without_a_rota_meeting_every_wish_the_first_rota_does_without_them(team, monkeypatch) -> None:
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    model = search.strict_model(march)
    asked = _asked(monkeypatch, march, [False, True])
    found: list[list[int]] = []
    assert search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True, False] and len(found) == 1  # every wish met, then without them
    # the wishes' try takes nothing from the tries after it: the hours in the band get what
    # the strictly reasonable try left of the 10 s
    clock = _Clock()
    monkeypatch.setattr(search, "clock", clock)
    budgets: list[float] = []
    asked = _asked(monkeypatch, march, [False, False, False], budgets, clock)
    assert not search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True, False, False]
    strict = search.HELD_STRICT_SECONDS
    assert budgets == [strict, strict, pytest.approx(10.0 - strict)]
    asked = _asked(monkeypatch, march, [True])
    assert search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True]  # found at once: nothing more asked


def test_a_month_short_of_people_does_not_ask_for_the_wishes_first(team, monkeypatch) -> None:
    """Where the hours are short (``wishes_first=False``) the first rota is as before."""
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    asked = _asked(monkeypatch, march, [False, True])
    assert search.held_first_rota(march, search.strict_model(march), 10.0, 2, 1, lambda: False,
                                  lambda values: None, wishes_first=False)
    assert asked == [False, False]  # strictly reasonable, then the hours in the band only


def test_a_month_without_wishes_asks_for_none(team, monkeypatch) -> None:
    march = build_model(replace(team, wishes=()), 2027, 3, [], SolveOptions(time_limit=30))
    assert not march.terms["wishes"].vars
    asked = _asked(monkeypatch, march, [False, False, False])
    assert not search.held_first_rota(march, search.strict_model(march), 10.0, 2, 1, lambda: False,
                                      lambda values: None)
    assert asked == [False, False]  # strictly reasonable, then the hours in the band only
