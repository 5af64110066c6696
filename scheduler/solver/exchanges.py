"""Exchanges of one kind of duty among everybody with a fair share of it, where the
neighbourhood search has stalled on that share.

CP-SAT's large-neighbourhood search frees a few variables, constraints or days at a time. On
the example's March some runs stall with one counsellor a night or two above their fair
share and another below it: moving a night between the two needs others to take and give
day shifts so that all of them keep their hours, rest and patterns. None of the pairs or
triples of people freed for the whole month mends such a rota, 9 of the 91 quadruples with
the two do; the six people with a share of nights freed together reach the optimum in 1–5 s
(bench/RESULTS.md, "Exchanges among those with a share").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from scheduler.solver import objective as goals
from scheduler.solver.model import RotaModel

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
