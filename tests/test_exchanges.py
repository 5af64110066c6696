"""Exchanges among those with a fair share of a duty (``scheduler.solver.exchanges`` and
``search.search_with_exchanges``): where the held search stalls on a share few people hold,
those people are freed for the whole month and solved exactly; where it stalls on a wish or an
isolated day, those the rota charges are freed with who holds or could take the shifts at
stake (``payer_groups``)."""

from __future__ import annotations

import time as clock
from datetime import date

import pytest
from ortools.sat.python import cp_model

from scheduler.solver import exchanges, search, weekend_pairs
from scheduler.solver.model import PER_UNIT, SolveOptions
from scheduler.solver.solve import build_model
from scheduler.teamfile import load_team

#: The example's counsellors with a share of March's nights (the others work no nights or
#: none is expected of them).
NIGHT_SHARE = ["anna", "dmitri", "jaan", "mari", "olga", "sergei"]


@pytest.fixture(scope="module")
def march():
    return build_model(load_team("examples/helpline/team.toml"), 2027, 3, [], SolveOptions(time_limit=30))


def _rota_paying(m, pieces: dict[str, list[int]]) -> list[int]:
    """A solution vector with every variable 0 except the given pieces of the named terms at
    1 (their positions in the term): what ``exchange_groups`` reads is what the terms pay."""
    values = [0] * len(m.model.Proto().variables)
    for name, positions in pieces.items():
        for i in positions:
            values[m.terms[name].vars[i].Index()] = 1
    return values


def test_a_rota_that_pays_mostly_for_nights_frees_everybody_with_a_share_of_nights(march) -> None:
    values = _rota_paying(march, {"fair nights": [0]})
    assert exchanges.exchange_groups(march, values) == [NIGHT_SHARE]
    assert march.paid(values, ["fair nights"]) == march.terms["fair nights"].coeffs[0]


def test_no_exchange_where_the_share_is_a_small_part_of_what_the_rota_pays(march) -> None:
    """Two empty desired places (80 points) and a night above a share (6): the share is not
    what holds the rota up."""
    values = _rota_paying(march, {"fair nights": [0], "desired coverage": [0, 1]})
    assert exchanges.exchange_groups(march, values) == []
    # the weekend pieces the hold keeps are left out of what the rota pays: a share it pays
    # beside them is still exchanged
    values = _rota_paying(march, {"fair nights": [0], "fair weekends": [0, 1, 2]})
    assert exchanges.exchange_groups(march, values, skip=weekend_pairs.WEEKEND_TERMS) == [NIGHT_SHARE]
    assert exchanges.exchange_groups(march, values) == []


def test_no_exchange_of_a_share_everybody_holds_or_of_a_term_left_aside(march) -> None:
    """Weekend days are shared by all 16 (more than ``MOST_PEOPLE``: the whole month); a term
    in ``skip`` is not exchanged; a rota that pays nothing has nothing to exchange."""
    assert exchanges.exchange_groups(march, _rota_paying(march, {"fair weekends": [0]})) == []
    values = _rota_paying(march, {"fair nights": [0]})
    assert exchanges.exchange_groups(march, values, skip=["fair nights"]) == []
    assert exchanges.exchange_groups(march, _rota_paying(march, {})) == []


MARCH_12 = date(2027, 3, 12)  # sergei wishes for the night shift (N) that day


def _piece(m, term: str, person: str, day: date | None = None) -> int:
    """The position in ``term`` of the first piece charged to ``person`` (on ``day``)."""
    t = m.terms[term]
    return next(i for i, (p, d) in enumerate(zip(t.people, t.days))
                if p == person and (day is None or d == day))


def _working(m, values: list[int], person: str, day: date, shift: str) -> list[int]:
    c = next(c for c in m.by_person_day[(person, day)] if c.shift == shift)
    values = list(values)
    values[m.x[c.index].Index()] = 1
    return values


def test_payers_are_those_the_rota_charges_most_charged_first_with_their_days(march) -> None:
    values = _rota_paying(march, {"wishes": [_piece(march, "wishes", "sergei", MARCH_12)],
                                  "fair nights": [_piece(march, "fair nights", "dmitri")],
                                  "fair weekends": [_piece(march, "fair weekends", "anna")]})
    wish = march.terms["wishes"].coeffs[_piece(march, "wishes", "sergei", MARCH_12)]
    # a wish is charged for its day, a share for the month (no day); a term in skip is left out
    charged = exchanges.payers(march, values, skip=weekend_pairs.WEEKEND_TERMS)
    assert charged == {"sergei": {MARCH_12}, "dmitri": set()}
    weekend = march.terms["fair weekends"].coeffs[_piece(march, "fair weekends", "anna")]
    night = march.terms["fair nights"].coeffs[_piece(march, "fair nights", "dmitri")]
    assert wish > night > weekend
    assert list(exchanges.payers(march, values)) == ["sergei", "dmitri", "anna"]
    assert exchanges.payers(march, _rota_paying(march, {})) == {}


def test_the_partners_of_a_wish_for_a_night_are_who_holds_it_then_who_could_take_it(march) -> None:
    nobody = _rota_paying(march, {})
    assert exchanges.cells_at_stake(march, nobody, "sergei", MARCH_12) == {"N"}
    holders, able = exchanges.partners(march, nobody, "sergei", {MARCH_12})
    night_able = {c.person for c in march.by_day_shift[(MARCH_12, "N")]} - {"sergei"}
    assert holders == set() and able == night_able
    assert set(NIGHT_SHARE) - {"sergei"} <= able
    # dmitri works that night: he holds it; sergei on a day shift puts that shift at stake too
    values = _working(march, nobody, "dmitri", MARCH_12, "N")
    assert exchanges.partners(march, values, "sergei", {MARCH_12}) == ({"dmitri"},
                                                                      night_able - {"dmitri"})
    values = _working(march, values, "sergei", MARCH_12, "P")
    assert exchanges.cells_at_stake(march, values, "sergei", MARCH_12) == {"N", "P"}
    # a charge without a wish or a shift that day: everything the person could take then
    assert exchanges.cells_at_stake(march, nobody, "anna", MARCH_12) == {
        c.shift for c in march.by_person_day[("anna", MARCH_12)]}


def test_payer_groups_take_the_payer_then_the_holders_then_who_could_take_the_shift(march) -> None:
    values = _rota_paying(march, {"wishes": [_piece(march, "wishes", "sergei", MARCH_12)]})
    values = _working(march, values, "dmitri", MARCH_12, "N")
    groups = exchanges.payer_groups(march, values, seed=3)
    night_able = {c.person for c in march.by_day_shift[(MARCH_12, "N")]}
    assert 1 < len(groups) <= exchanges.PAYER_DRAWS
    assert len({tuple(g) for g in groups}) == len(groups)  # each drawn once
    for group in groups:
        assert len(group) == exchanges.PAYER_GROUP and group == sorted(group)
        assert {"sergei", "dmitri"} <= set(group)
        # the night's 8 possible takers outnumber the places: nobody else is drawn
        assert set(group) <= night_able
    assert exchanges.payer_groups(march, values, seed=3) == groups  # the seed decides the draws
    assert exchanges.payer_groups(march, _rota_paying(march, {}), seed=3)  # nobody charged: random
    # the share group comes first, then the payers' groups
    values = _rota_paying(march, {"fair nights": [0]})
    groups = exchanges.groups_to_free(march, values, seed=3)
    assert groups[0] == NIGHT_SHARE and groups[1:] == exchanges.payer_groups(march, values, seed=3)


def test_an_exchange_changes_only_the_group_and_keeps_every_rule(march) -> None:
    """From a first rota of the held March: freed, the six with a share of nights give a rota
    no worse, with everybody else's shifts as they were; nobody freed, the same rota."""
    model = search.strict_model(march)
    held = search.weekends_held(march, model, weekend_pairs.lower_bound(march))
    shared = search.SharedBest(clock.monotonic(), lambda *progress: None)

    def offer(x_values: list[int]) -> None:
        done = search.complete(march, held, x_values, 0)
        if done is not None:
            shared.offer(done[0], done[1], "first rota")

    assert search.held_first_rota(march, held, 20.0, 2, 1, lambda: False, offer)
    first = shared.incumbent
    assert search.exchange(march, held, first.values, [], 5.0, 2, 1, lambda: False, shared) == cp_model.OPTIMAL
    assert shared.incumbent.objective == first.objective
    search.exchange(march, held, first.values, NIGHT_SHARE, 5.0, 2, 1, lambda: False, shared)
    after = shared.incumbent
    assert after.objective <= first.objective
    for c in march.candidates:
        x = march.x[c.index]
        if c.person not in NIGHT_SHARE:
            assert search.value_of(after.values, x) == search.value_of(first.values, x), c
    # the exchanged rota is a rota of the held model: complete() finds every other value
    assert search.complete(march, held, [search.value_of(after.values, x) for x in march.x], 0) is not None


class _Stalling:
    """Stands in for an ``ImprovingSearch`` that finds nothing better: runs until its
    ``stop()`` or its time."""

    def __init__(self, log: list[str]):
        self.log = log
        self.stop = lambda: False

    def run(self, seconds: float, workers: int | None = None, done=None) -> None:
        self.log.append("search")
        end = clock.monotonic() + seconds
        while clock.monotonic() < end and not self.stop():
            clock.sleep(0.02)


def test_a_stalled_search_gives_way_to_each_exchange_once_then_runs_to_its_time(monkeypatch) -> None:
    monkeypatch.setattr(search, "EXCHANGE_STALL_SECONDS", 0.2)
    monkeypatch.setattr(exchanges, "groups_to_free", lambda m, values, skip=(), seed=0: [["a", "b"], ["c", "d"]])
    log: list[str] = []
    asked: list[tuple[str, ...]] = []

    def exchange(m, model, values, group, seconds, workers, seed, stop, shared):
        asked.append(tuple(group))
        log.append("exchange")
        assert seconds <= search.EXCHANGE_SECONDS
        return cp_model.FEASIBLE

    monkeypatch.setattr(search, "exchange", exchange)
    shared = search.SharedBest(clock.monotonic(), lambda *progress: None)
    shared.offer([0, 0], 10, "first rota")
    improver = _Stalling(log)
    own_stop = improver.stop
    until = clock.monotonic() + 2.5
    search.search_with_exchanges(None, None, improver, shared, until, 2, 1, lambda: False)
    assert asked == [("a", "b"), ("c", "d")]  # each group once for the same best rota
    assert log == ["search", "exchange", "search", "exchange", "search"]
    assert clock.monotonic() >= until - 0.1  # the last search ran to the hold's end
    assert improver.stop is own_stop


def test_no_exchange_when_the_rota_pays_no_share_or_the_search_is_stopped(monkeypatch) -> None:
    monkeypatch.setattr(search, "EXCHANGE_STALL_SECONDS", 0.1)
    monkeypatch.setattr(exchanges, "groups_to_free", lambda m, values, skip=(), seed=0: [])
    monkeypatch.setattr(search, "exchange", lambda *args: pytest.fail("no exchange expected"))
    shared = search.SharedBest(clock.monotonic(), lambda *progress: None)
    shared.offer([0], 10, "first rota")
    log: list[str] = []
    until = clock.monotonic() + 1.5
    search.search_with_exchanges(None, None, _Stalling(log), shared, until, 2, 1, lambda: False)
    assert log == ["search"] and clock.monotonic() >= until - 0.1
    # stopped (Ctrl-C, Cancel): returns at once
    log.clear()
    began = clock.monotonic()
    search.search_with_exchanges(None, None, _Stalling(log), shared, began + 5, 2, 1, lambda: True)
    assert clock.monotonic() - began < 1.0


def test_a_rota_at_the_bound_ends_the_exchanges(monkeypatch) -> None:
    """A best rota proven optimal (at the bound): nothing to search or exchange."""
    monkeypatch.setattr(search, "exchange", lambda *args: pytest.fail("no exchange expected"))
    shared = search.SharedBest(clock.monotonic(), lambda *progress: None)
    shared.offer([0], 4 * PER_UNIT, "first rota")
    shared.raise_bound(4 * PER_UNIT)
    log: list[str] = []
    search.search_with_exchanges(None, None, _Stalling(log), shared, clock.monotonic() + 5, 2, 1, lambda: False)
    assert log == []
