"""Exchanges of one kind of duty among everybody with a fair share of it, where the
neighbourhood search has stalled on that share.

CP-SAT's large-neighbourhood search frees a few variables, constraints or days at a time. On
the example's March some runs stall with one counsellor a night or two above their fair
share and another below it: moving a night between the two needs others to take and give
day shifts so that all of them keep their hours, rest and patterns. None of the pairs or
triples of people freed for the whole month mends such a rota, 9 of the 91 quadruples with
the two do; the six people with a share of nights freed together reach the optimum in 1–5 s
(bench/RESULTS.md, "Exchanges among those with a share").

Other runs stall on a wish or an isolated day (Sergei wishes for the night of 12 March: who
holds it would have to give it to him and take other shifts in its place, and so on), or on
two or three such charges at once. There the group is those the rota charges, then those who
work or could work the shifts at stake on their days, then anybody, drawn at random in a few
draws of six (``payer_groups``; bench/RESULTS.md, "Exchanges around those the rota charges").
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from datetime import date

from scheduler.domain import WishKind
from scheduler.solver import objective as goals
from scheduler.solver.model import RotaModel, value_of

#: A duty shared among at most this many people is exchanged among all of them at once (the
#: example's nights: 6 people; its weekend and holiday duties: everybody, 16, which would
#: free the whole month).
MOST_PEOPLE = 8


def exchange_groups(m: RotaModel, values: Sequence[int], skip: Collection[str] = ()) -> list[list[str]]:
    """For each fair-share term (nights, weekend days, public-holiday duties; those in
    ``skip`` aside) that is at least half of what the rota ``values`` pays outside ``skip``,
    the people with a share of that duty (``objective.fair_shares`` above 0), where they are
    2 to ``MOST_PEOPLE``: each a group to free together."""
    rest = m.paid(values, [name for name in m.terms if name not in skip])
    groups = []
    for name, _weight, pick, history_pick in goals.fair_share_rules(m):
        if name in skip:
            continue
        here = m.paid(values, [name])
        if not here or 2 * here < rest:
            continue
        people = sorted(p for p, share in goals.fair_shares(m, pick, history_pick).items() if share > 0)
        if 1 < len(people) <= MOST_PEOPLE:
            groups.append(people)
    return groups


#: A stall no share group mends frees those the rota charges with partners drawn at random
#: (``payer_groups``), this many people in all: about one draw in two of six mended a stalled
#: March (eight were slower, four too few; bench/RESULTS.md).
PAYER_GROUP = 6
#: ... in up to this many draws per best rota.
PAYER_DRAWS = 4


def payers(m: RotaModel, values: Sequence[int], skip: Collection[str] = ()) -> dict[str, set[date]]:
    """The people the rota ``values`` charges in the terms outside ``skip`` (a wish not met, an
    isolated day, a share exceeded, hours off their goal), most charged first, each with the
    days they are charged for (none for a monthly term such as a share)."""
    charged: dict[str, int] = {}
    days: dict[str, set[date]] = {}
    for name, term in m.terms.items():
        if name in skip:
            continue
        for person, day, paid in term.pieces_paid(values):
            if person is not None:
                charged[person] = charged.get(person, 0) + paid
                days.setdefault(person, set()).update([day] if day is not None else [])
    return {p: days[p] for p in sorted(charged, key=lambda p: (-charged[p], p))}


def cells_at_stake(m: RotaModel, values: Sequence[int], person: str, day: date) -> set[str]:
    """The shifts of ``day`` a charge on ``person`` is about: those they work that day (an
    isolated day, a day off wished for) and those they wished for (a shift wanted); all the
    shifts they could take that day where neither."""
    mine = m.by_person_day.get((person, day), [])
    worked = {c.shift for c in mine if value_of(values, m.x[c.index])}
    wanted = {w.shift for w in m.team.wishes if w.person == person and w.day == day
              and w.kind == WishKind.SHIFT_WANTED and w.shift is not None}
    return (worked | wanted) or {c.shift for c in mine}


def partners(m: RotaModel, values: Sequence[int], person: str,
             days: Collection[date]) -> tuple[set[str], set[str]]:
    """Who else ``person``'s charges on ``days`` would be mended with: those who work the
    shifts at stake (:func:`cells_at_stake`) and those who could take them."""
    holders: set[str] = set()
    able: set[str] = set()
    for day in days:
        for shift in cells_at_stake(m, values, person, day):
            for c in m.by_day_shift.get((day, shift), []):
                (holders if value_of(values, m.x[c.index]) else able).add(c.person)
    holders.discard(person)
    return holders, able - holders - {person}


def payer_groups(m: RotaModel, values: Sequence[int], skip: Collection[str] = (),
                 seed: int = 0) -> list[list[str]]:
    """Up to ``PAYER_DRAWS`` groups of ``PAYER_GROUP`` people: those the rota charges
    (:func:`payers`, at most all but two of the group), then drawn at random (``seed``) those
    who hold the shifts at stake on the days they are charged for, those who could take them
    (:func:`partners`), then anybody who could work in the month."""
    charged = payers(m, values, skip)
    first = list(charged)[:PAYER_GROUP - 2]
    holders: set[str] = set()
    able: set[str] = set()
    for person in first:
        h, a = partners(m, values, person, charged[person])
        holders |= h
        able |= a
    tiers, taken = [], set(first)
    for tier in (holders, able, {p for p in m.people if m.by_person.get(p)}):
        tiers.append(sorted(tier - taken))
        taken |= tier
    if not any(tiers):
        return []
    rng = random.Random(seed)
    groups: list[list[str]] = []
    for _ in range(PAYER_DRAWS):
        drawn = [p for tier in tiers for p in rng.sample(tier, len(tier))]
        group = sorted(first + drawn[:PAYER_GROUP - len(first)])
        if group not in groups:
            groups.append(group)
    return groups


def groups_to_free(m: RotaModel, values: Sequence[int], skip: Collection[str] = (),
                   seed: int = 0) -> list[list[str]]:
    """The groups to free, in turn, where the search has stalled on the rota ``values``: those
    with a share of the duty it mostly pays for (:func:`exchange_groups`), then those it
    charges with partners (:func:`payer_groups`)."""
    return exchange_groups(m, values, skip) + payer_groups(m, values, skip, seed)
