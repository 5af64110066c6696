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


def _held(m):
    return search.weekends_held(m, search.strict_model(m), weekend_pairs.lower_bound(m))


def _first_rota(m, held, seconds: float = 30.0) -> list[int] | None:
    found: list[list[int]] = []
    search.held_first_rota(m, held, seconds, 2, 1, lambda: False, found.append)
    return found[0] if found else None


def test_the_held_first_rota_of_march_meets_every_wish_and_holds_the_weekends(team, monkeypatch) -> None:
    """Every wish of March can be met (its optimum pays for weekends only): given the time,
    the first rota meets them all, with the weekends at their least."""
    monkeypatch.setattr(search, "HELD_STRICT_SECONDS", 20.0)  # a loaded machine: time enough
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    assert march.terms["wishes"].vars
    held = _held(march)
    x_values = _first_rota(march, held, 40.0)
    assert x_values is not None
    values, _objective = search.complete(march, held, x_values, 0)
    assert march.terms["wishes"].paid(values) == 0
    least = weekend_pairs.lower_bound(march)
    assert sum(march.terms[name].paid(values) for name in weekend_pairs.WEEKEND_TERMS) <= least


class _Clock:
    """Stands in for ``search.clock`` (the ``time`` module): ``monotonic`` moves as the tries
    use their seconds; everything else (the solver stopper's ``sleep``) is the module's."""

    now = 0.0

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str):
        return getattr(time, name)


_CLOCK = _Clock()


def _asked(monkeypatch, answers: list[bool], budgets: list[float] | None = None) -> list[bool]:
    """Stands in for ``search._feasible``: answers the calls in turn (True: a rota of zeros),
    and records for each whether the model asked for every wish met (one constraint more than
    the strictly reasonable model), and in ``budgets`` the seconds it was given."""
    asked: list[bool] = []

    def feasible(m, model, seconds, workers, seed, stop, local_search=False):
        strict = search.reasonable_model(m, search.strict_model(m), strict=True)
        asked.append(len(model.Proto().constraints) > len(strict.Proto().constraints))
        if budgets is not None:
            budgets.append(seconds)
            _CLOCK.now += seconds  # a try that finds nothing runs its whole time
        found = answers[len(asked) - 1] if len(asked) <= len(answers) else False
        return ("feasible", [0] * len(m.x)) if found else ("unknown", None)

    monkeypatch.setattr(search, "_feasible", feasible)
    return asked


def test_without_a_rota_meeting_every_wish_the_first_rota_does_without_them(team, monkeypatch) -> None:
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    model = search.strict_model(march)
    asked = _asked(monkeypatch, [False, True])
    found: list[list[int]] = []
    assert search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True, False] and len(found) == 1  # every wish met, then without them
    # the wishes' try takes nothing from the tries after it: the hours in the band get what
    # the strictly reasonable try left of the 10 s
    monkeypatch.setattr(search, "clock", _CLOCK)
    budgets: list[float] = []
    asked = _asked(monkeypatch, [False, False, False], budgets)
    assert not search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True, False, False]
    strict = search.HELD_STRICT_SECONDS
    assert budgets == [strict, strict, pytest.approx(10.0 - strict)]
    asked = _asked(monkeypatch, [True])
    assert search.held_first_rota(march, model, 10.0, 2, 1, lambda: False, found.append)
    assert asked == [True]  # found at once: nothing more asked


def test_a_month_short_of_people_does_not_ask_for_the_wishes_first(team, monkeypatch) -> None:
    """Where the hours are short (``wishes_first=False``) the first rota is as before."""
    march = build_model(team, 2027, 3, [], SolveOptions(time_limit=30))
    asked = _asked(monkeypatch, [False, True])
    assert search.held_first_rota(march, search.strict_model(march), 10.0, 2, 1, lambda: False,
                                  lambda values: None, wishes_first=False)
    assert asked == [False, False]  # strictly reasonable, then the hours in the band only


def test_a_month_without_wishes_asks_for_none(team, monkeypatch) -> None:
    march = build_model(replace(team, wishes=()), 2027, 3, [], SolveOptions(time_limit=30))
    assert not march.terms["wishes"].vars
    asked = _asked(monkeypatch, [False, False, False])
    assert not search.held_first_rota(march, search.strict_model(march), 10.0, 2, 1, lambda: False,
                                      lambda values: None)
    assert asked == [False, False]  # strictly reasonable, then the hours in the band only
