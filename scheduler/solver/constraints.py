"""Hard constraint families of the monthly model, one function per rule, from the same rule
settings the checker reads (``person.settings``). Each docstring cites the law.

Eligibility, absences and events are enforced when candidates are built
(``candidates.build_candidates``): a shift nobody may take has no variable at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from scheduler import worktime
from scheduler.domain import CoverageNeed, Role
from scheduler.settings import longest_duty_hours
from scheduler.solver.candidates import Candidate, FixedWork
from scheduler.solver.model import CoverageSlack, RotaModel

Item = Candidate | FixedWork


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _lit(m: RotaModel, item: Item):
    """The item's decision literal; None for work that is fixed: the history, events, and the
    pinned duties that have happened (``RotaModel.settled``)."""
    return m.x[item.index] if isinstance(item, Candidate) and item.index not in m.settled else None


def _past(m: RotaModel, item: Item) -> bool:
    """Whether ``item`` has happened: a duty of the days already past or begun
    (``RotaModel.settled``), the history, an event begun before ``RotaModel.past_until``."""
    if isinstance(item, Candidate):
        return item.index in m.settled
    return item.start < m.past_until


def _forbid(m: RotaModel, items: list[Item], name: str, past_may_break: bool = True) -> None:
    """Not all of ``items`` together (fixed items are always there). When only work that
    cannot change is left: a breach of the history is warned of, as before; one that what has
    happened made on its own is the checker's record (with ``past_may_break``); one it makes
    with an event ahead, or a breach the past may not record (``past_may_break`` False: a
    rule of the team data), leaves the month without a rota, which the explanation names."""
    lits = [_lit(m, i) for i in items]
    free = [lit for lit in lits if lit is not None]
    if free:
        m.model.AddBoolOr([lit.Not() for lit in free])
    elif not any(isinstance(i, Candidate) for i in items):
        events = any(isinstance(i, FixedWork) and i.in_month for i in items)
        m.warnings.append(f"{'the team events of the month' if events else 'the history'} already break {name}")
    elif not (past_may_break and all(_past(m, i) for i in items)):
        m.model.AddBoolOr([])  # no rota: ``solve._pinned_breaches`` names the breach


def _rest_limits(m: RotaModel, person: str) -> tuple[int, int, bool]:
    """(daily rest, longest duty, long shifts allowed) in minutes. Under the long-shift switch
    a duty may last up to 24 h unless ``max_duty_hours`` sets a limit of its own (TLS § 51)."""
    st = m.people[person].settings
    max_duty = longest_duty_hours(st)
    return round(st.daily_rest_hours * 60), round(max_duty * 60), st.long_shifts_allowed


def _conflicts_of(m: RotaModel, person: str) -> set[tuple[int, int]]:
    """The person's set of candidate pairs (lower index first) that may not both be chosen;
    filled by the rules below and turned into at-most-one cliques by ``conflict_cliques``."""
    return m.conflicts.setdefault(person, set())


def _pair(a: Candidate, b: Candidate) -> tuple[int, int]:
    return (a.index, b.index) if a.index < b.index else (b.index, a.index)


def no_overlapping_duties(m: RotaModel) -> None:
    """A person does one thing at a time: overlapping shifts exclude each other (shifts that
    overlap fixed work have no variable)."""
    for person, cands in m.by_person.items():
        pairs = _conflicts_of(m, person)
        cands = sorted(cands, key=lambda c: c.start)
        for i, a in enumerate(cands):
            for b in cands[i + 1:]:
                if b.start >= a.end:
                    break
                pairs.add(_pair(a, b))


def one_duty_start_per_day(m: RotaModel) -> None:
    """At most one shift starts on a calendar day unless the work rules allow split duties
    (split duties such as 08–12 and 18–22 also break TLS § 51 daily rest). Events are
    working time but not shifts: ``daily_rest`` keeps them apart from shifts."""
    for person, p in m.people.items():
        if p.settings.split_duties_allowed:
            continue
        pairs = _conflicts_of(m, person)
        for day in m.horizon.days:
            cands = m.by_person_day.get((person, day), [])
            pairs.update(_pair(a, b) for i, a in enumerate(cands) for b in cands[i + 1:])


def _chains(items: list[Item], rest: int, limit: int, depth: int = 6) -> Iterator[tuple[list[Item], bool]]:
    """Chains of items in start order, each linked to the next by a gap shorter than the
    daily rest; yields (chain, too_long) where too_long means its span exceeds ``limit``."""
    def extend(chain: list[Item], j: int) -> Iterator[tuple[list[Item], bool]]:
        last = chain[-1]
        for k in range(j, len(items)):
            nxt = items[k]
            if nxt.start - last.end >= rest:
                break  # sorted by start: every later item is farther away
            if nxt.start < last.end:
                continue  # overlapping: handled by no_overlapping_duties
            span = max(nxt.end, last.end) - chain[0].start
            new = chain + [nxt]
            if span > limit:
                yield new, True
            else:
                yield new, False
                if len(new) < depth:
                    yield from extend(new, k + 1)
    for i, first in enumerate(items):
        yield from extend([first], i + 1)


def daily_rest(m: RotaModel) -> None:
    """TLS § 51: at least 11 h uninterrupted rest in every 24 h. Work separated by less than
    the daily rest is one duty; a duty spans at most 13 h (24 h − 11 h). Under the long-shift
    switch (health-care/welfare staff or a collective agreement) a duty may span up to the
    maximum, followed by extra rest equal to the hours above 13."""
    for person in m.people:
        rest, limit, long_ok = _rest_limits(m, person)
        items: list[Item] = sorted(
            [*m.by_person.get(person, []), *m.fixed_by_person.get(person, [])], key=lambda i: (i.start, i.end)
        )
        pairs = _conflicts_of(m, person)
        single = [([i], i.end - i.start > limit) for i in items]
        for chain, too_long in [*single, *_chains(items, rest, limit)]:
            if too_long and len(chain) == 2 and all(isinstance(i, Candidate) for i in chain):
                pairs.add(_pair(*chain))  # type: ignore[arg-type]
                continue
            if too_long:
                _forbid(m, chain, f"daily rest for {person}")
                if any(isinstance(i, Candidate) for i in chain):
                    continue
                # a duty of the history already longer than today's limit: the rest the law
                # asks after it still holds for the month's work (as the checker reads it)
            span = max(i.end for i in chain) - chain[0].start
            extra = span - (24 * 60 - rest)  # hours above 24 − rest need that much more rest
            if long_ok and extra > 0:
                end = max(i.end for i in chain)
                for nxt in items:
                    if end + rest <= nxt.start < end + rest + extra:
                        _forbid(m, [*chain, nxt], f"extra rest after a long shift for {person}")


def weekly_rest(m: RotaModel) -> None:
    """TLS § 52 (2): every calendar week (Mon 00:00 – Mon 00:00, Europe/Tallinn) holds an
    uninterrupted rest of at least 36 h (47 h under the stricter setting); with the
    ``rolling`` setting every 7-day window from a local midnight does. Time after the
    month's end counts as free; weeks cut by the month's start use history."""
    first, last = m.horizon.days[0], m.horizon.days[-1]
    for person, p in m.people.items():
        need = round(p.settings.weekly_rest_hours * 60)
        if p.settings.weekly_rest_window == "rolling":
            starts = [first - timedelta(days=6) + timedelta(days=i) for i in range((last - first).days + 7)]
        else:
            monday = worktime.week_start(first)
            starts = [monday + timedelta(days=7 * i) for i in range(((last - monday).days // 7) + 1)]
        cands = m.by_person.get(person, [])
        fixed = m.fixed_by_person.get(person, [])
        for wday in starts:
            w0 = m.horizon.midnight(wday)
            w1 = m.horizon.midnight(wday + timedelta(days=7))
            in_week = [c for c in cands if c.end > w0 and c.start < w1]
            fixed_in = [f for f in fixed if f.end > w0 and f.start < w1]
            points = {w0} | {i.end for i in (*in_week, *fixed_in) if w0 < i.end < w1}
            held = [*fixed_in, *(c for c in in_week if c.index in m.settled)]
            free = [c for c in in_week if c.index not in m.settled]
            options: list[list[Candidate]] = []
            for t in sorted(points):
                if t + need > w1:
                    continue
                if any(_overlap(t, t + need, f.start, f.end) for f in held):
                    continue
                options.append([c for c in free if _overlap(t, t + need, c.start, c.end)])
            if not options:
                past = [i for i in held if _past(m, i)]
                ahead = [f for f in fixed_in if f.in_month and not _past(m, f)]
                happened = any(isinstance(i, Candidate) or i.in_month for i in past)
                busy = [(i.start, i.end) for i in past]
                same = _longest_free(busy, w0, w1) == _longest_free(busy + [(f.start, f.end) for f in ahead], w0, w1)
                _week_without_rest(m, person, wday, free, fixed_in, need, happened, same)
                continue
            if any(not blockers for blockers in options):
                continue
            lits = []
            for k, blockers in enumerate(_minimal_sets(options)):
                r = m.model.NewBoolVar(f"weekly rest {person} {wday} #{k}")
                for c in blockers:
                    m.model.AddImplication(r, m.x[c.index].Not())
                lits.append(r)
            m.model.AddBoolOr(lits)


def _longest_free(busy: list[tuple[int, int]], w0: int, w1: int) -> tuple[int, int, int]:
    """The longest stretch of [``w0``, ``w1``) free of ``busy`` (minutes): (length, from, to),
    the first of equal ones, as the checker's ``rest.longest_rest`` reads a week."""
    best, free_from = (0, w0, w0), w0
    for s, e in sorted(busy):
        if e <= free_from or s >= w1:
            continue
        if s > free_from and s - free_from > best[0]:
            best = (s - free_from, free_from, s)
        free_from = max(free_from, e)
        if free_from >= w1:
            break
    if free_from < w1 and w1 - free_from > best[0]:
        best = (w1 - free_from, free_from, w1)
    return best


def _week_without_rest(m: RotaModel, person: str, wday: date, in_week: list[Candidate],
                       fixed_in: list[FixedWork], need: int, happened: bool, same: bool) -> None:
    """Work already fixed leaves no room for the weekly rest. If that work is the history's,
    the week is checked only when the month adds work to it, so the month adds none; if it is
    the month's own events, nothing can help: say so. With work of the month that has happened
    in it (``happened``: duties or events before the cut): if the events ahead leave its
    longest rest as it was (``same``), the breach is the checker's record and the week takes no
    more work; if they shorten it, the plan makes the breach worse: no rota, which the
    explanation names (the checker's finding). ``in_week``: the week's duties still to choose."""
    if happened and not same:
        m.model.AddBoolOr([])  # no rota: ``solve._pinned_breaches`` names the breach
        return
    if not happened and any(f.in_month for f in fixed_in):
        m.warnings.append(f"{m.people[person].name}: the week from {wday} cannot hold {need / 60:g} h rest "
                          "because of the events in it (TLS § 52 (2))")
        return
    for c in in_week:
        m.model.Add(m.x[c.index] == 0)


def _minimal_sets(options: list[list[Candidate]]) -> list[list[Candidate]]:
    """Drops every option whose blockers include all blockers of another option: resting
    there is never easier, so it adds nothing but variables."""
    keyed = sorted({frozenset(c.index for c in o): o for o in options}.items(), key=lambda kv: len(kv[0]))
    kept: list[tuple[frozenset[int], list[Candidate]]] = []
    for key, option in keyed:
        if not any(k <= key for k, _ in kept):
            kept.append((key, option))
    return [o for _, o in kept]


def conflict_cliques(m: RotaModel) -> None:
    """Posts the pairs collected by ``no_overlapping_duties``, ``one_duty_start_per_day`` and
    ``daily_rest`` as at-most-one constraints over cliques: every shift that starts within a
    shift plus its daily rest usually excludes all the others, so one clique per shift replaces
    dozens of pairwise clauses and gives the LP the stronger "at most one" row."""
    for person, pairs in m.conflicts.items():
        _settle_pairs(m, pairs)
        if not pairs:
            continue
        neighbours: dict[int, set[int]] = {}
        for a, b in pairs:
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
        start = {c.index: c.start for c in m.by_person[person]}
        covered: set[tuple[int, int]] = set()
        for anchor in sorted(neighbours, key=lambda i: (start[i], i)):
            clique = [anchor]
            later = sorted((j for j in neighbours[anchor] if (start[j], j) > (start[anchor], anchor)),
                           key=lambda j: (start[j], j))
            for j in later:
                if all(j in neighbours[k] for k in clique):
                    clique.append(j)
            new_pairs = {(min(a, b), max(a, b)) for i, a in enumerate(clique) for b in clique[i + 1:]}
            if len(clique) < 2 or new_pairs <= covered:
                continue
            covered |= new_pairs
            m.model.AddAtMostOne(m.x[i] for i in clique)
        for a, b in pairs - covered:
            m.model.AddAtMostOne([m.x[a], m.x[b]])


def _settle_pairs(m: RotaModel, pairs: set[tuple[int, int]]) -> None:
    """Pairs with a duty that has happened (``RotaModel.settled``): the other duty of the
    pair is not taken; two such duties that exclude each other are a
    breach on record (the checker reports it), not a constraint. Both kinds leave ``pairs``
    (the bound's pricing reads them too: fewer pairs only widen its set of schedules)."""
    if not m.settled:
        return
    for pair in [p for p in pairs if p[0] in m.settled or p[1] in m.settled]:
        pairs.discard(pair)
        for other in pair:
            if other not in m.settled:
                m.model.Add(m.x[other] == 0)


def _settled_minutes(m: RotaModel, cands: Iterable[Candidate]) -> int:
    """Counted minutes of the duties among ``cands`` that have happened (``RotaModel.settled``)."""
    return sum(c.counted for c in cands if c.index in m.settled)


def average_weekly_hours(m: RotaModel) -> None:
    """TLS § 46: counted hours over the accounting period, overtime included, average at
    most 48 h per 7 days (52 h with a separate agreement): over the days of the period within
    the person's employment contract, for someone who starts or leaves within it."""
    for person, p in m.people.items():
        employed = p.employed_span(*m.period_bounds(p))
        if employed is None:
            continue  # no day of the period in the contract: no duty is a candidate
        first, last = employed
        days = max(7, (last - first).days + 1)  # at least a week, as the checker counts
        cap = int(p.settings.max_average_weekly_hours * 60 * days / 7) - m.history_period_minutes_assumed(p)
        past = _settled_minutes(m, m.by_person.get(person, []))
        events = [f for f in m.fixed_by_person.get(person, []) if f.in_month]
        if past and all(_past(m, f) for f in events):
            # over already with what has happened: the days ahead add nothing (the checker's
            # record); with an event ahead the plan would add to it: no rota, explained
            cap = max(cap, past + sum(f.counted for f in events))
        m.model.Add(m.planned_minutes(person) <= max(cap, 0))


def night_worker_limits(m: RotaModel) -> None:
    """TLS § 50 night work: whoever works at least 3 h of a duty at night (22–06) is a night
    worker, and a night worker works at most 8 h per 24 h on average over 7 days: at most
    48 h of counted hours in any 7 days. Checked, as the checker does, on every 7 consecutive
    days that hold some of the month's work, each duty counted whole on the day it starts
    (domain.md §4)."""
    for person, p in m.people.items():
        nw = _night_worker(m, person)
        if nw is None:
            continue
        limit = round(p.settings.night_worker_max_hours_7d * 60)
        for d0 in seven_day_starts(m):
            _night_worker_window(m, person, nw, d0, limit)


def night_duties(m: RotaModel, person: str, history: bool = False) -> list[list[Item]]:
    """The possible duties of ``person`` (a shift, or shifts and events closer than the daily
    rest) with at least the night-worker threshold at night and some of the month in them;
    with ``history`` also the history's duties in the 6 days before the month (they share a
    7-day window with it)."""
    st = m.people[person].settings
    threshold = round(st.night_worker_threshold_hours * 60)  # whole minutes, as the candidates count them
    rest, limit, _ = _rest_limits(m, person)
    items: list[Item] = sorted([*m.by_person.get(person, []), *m.fixed_by_person.get(person, [])],
                               key=lambda i: (i.start, i.end))
    duties: list[list[Item]] = [[i] for i in items]
    duties += [chain for chain, too_long in _chains(items, rest, limit) if not too_long]
    first = m.horizon.days[0]
    shared_from, month_start = m.horizon.midnight(first - timedelta(days=6)), m.horizon.midnight(first)

    def counts(duty: list[Item]) -> bool:
        if any(isinstance(i, Candidate) or i.in_month for i in duty):
            return True
        return history and shared_from < max(i.end for i in duty) and min(i.start for i in duty) < month_start

    return [d for d in duties if sum(i.night for i in d) >= threshold and counts(d)]


def no_night_work_for_day_workers(m: RotaModel) -> None:
    """Eligibility (TLS § 50; e.g. health): someone who may not work nights takes no duty with
    3 h or more at night, whether one shift or shifts joined by less than the daily rest.
    Single night shifts have no variable for them (``candidates``); this forbids the joined
    ones. A night of the days already past was worked when the person still could (the team
    data changed since, for the days ahead): kept as it happened."""
    cut = m.options.recorded_before
    for person, p in m.people.items():
        if p.may_work_nights:
            continue
        for duty in night_duties(m, person):
            if cut is not None and not any(isinstance(i, Candidate) and i.index not in m.settled for i in duty):
                continue  # its shifts were worked (an event ahead joining them adds no night)
            _forbid(m, duty, f"night work for {p.name}, who may not work nights")


def _night_worker(m: RotaModel, person: str):
    """A literal that is true when ``person`` is a night worker this month: a shift, or a
    duty of shifts and events closer than the daily rest, with ≥ the threshold at night, in the
    month or in the history's last 6 days before it (as the checker reads it)."""
    triggers = night_duties(m, person, history=True)
    if not triggers:
        return None
    if any(all(_lit(m, i) is None for i in d) for d in triggers):
        return 1
    nw = m.model.NewBoolVar(f"night worker {person}")
    for duty in triggers:
        lits = [lit for lit in (_lit(m, i) for i in duty) if lit is not None]
        m.model.AddBoolOr([*(lit.Not() for lit in lits), nw])
    return nw


def seven_day_starts(m: RotaModel) -> list[date]:
    """The first days of the 7-day stretches that share a day with the month."""
    first = m.horizon.days[0]
    return [first - timedelta(days=6) + timedelta(days=i) for i in range(len(m.horizon.days) + 6)]


def starts_in(m: RotaModel, items: Iterable[Item], d0: date) -> list[Item]:
    """The items (duties, events, history) that start on one of the 7 days from ``d0``: each
    belongs to the day it starts on (domain.md §4)."""
    d6 = d0 + timedelta(days=6)
    return [i for i in items
            if d0 <= (i.day if isinstance(i, Candidate) else m.horizon.instant(i.start).date()) <= d6]


def _night_worker_window(m: RotaModel, person: str, nw, d0: date, limit: int) -> None:
    expr = []
    fixed_minutes = past_minutes = 0
    fixed_in_month = settled = False
    for item in starts_in(m, (*m.by_person.get(person, []), *m.fixed_by_person.get(person, [])), d0):
        lit = _lit(m, item)
        if lit is not None:
            expr.append((lit, item.counted))
            continue
        fixed_minutes += item.counted
        past_minutes += item.counted if _past(m, item) else 0
        if isinstance(item, Candidate) or (item.in_month and _past(m, item)):
            settled = True  # work of the month that has happened: as the history, a fact
        else:
            fixed_in_month = fixed_in_month or item.in_month
    if settled and past_minutes > limit and fixed_minutes == past_minutes:
        _window_over_already(m, nw, expr)
        return
    if settled and fixed_minutes > limit:
        # an event ahead adds to what has happened (the checker's finding is no longer the
        # past's alone): the plan's breach, unless the person is no night worker this month;
        # a night worker already: no rota, explained
        m.model.AddBoolOr([nw.Not()] if not isinstance(nw, int) else [])
        return
    if not expr:
        if fixed_in_month and fixed_minutes > limit:
            m.warnings.append(f"{m.people[person].name}: events and history already exceed the night-worker "
                              f"limit in the 7 days from {d0}")
        return
    enforce = [nw] if not isinstance(nw, int) else []
    if fixed_minutes > limit and not fixed_in_month:
        # the history alone is over: the window must hold none of the month's work
        for lit, _ in expr:
            m.model.AddBoolOr([lit.Not(), *(e.Not() for e in enforce)])
        return
    m.model.Add(sum(lit * minutes for lit, minutes in expr) + fixed_minutes <= limit).OnlyEnforceIf(enforce)


def _window_over_already(m: RotaModel, nw, expr: list) -> None:
    """A 7-day window that what has happened already puts over the night worker's limit: a
    night worker already adds nothing more to it (the breach is the checker's record); someone
    not yet one this month does not become one, which would make that past window a breach."""
    if isinstance(nw, int):
        for lit, _ in expr:
            m.model.Add(lit == 0)
    else:
        m.model.Add(nw == 0)


def coverage_minimum(m: RotaModel) -> None:
    """Coverage needs (team file): at least the minimum number of people on every shift or
    time window of a service, and the language minima among them. A window need counts the
    history's shifts that reach into it (the night before the month) and is asked only up to
    the month's end, as the checker reads it. In the model each minimum has a slack variable
    with a prohibitive weight, so an impossible month still solves and the slack says where
    and why (``explain``); a rota with slack is never emitted as valid. What lies before the
    first day not yet begun (``SolveOptions.recorded_before``) and no duty from then on could
    fill is a record, not asked (``recorded``)."""
    for day in m.horizon.days:
        for need in m.needs_by_day[day]:
            if need.minimum <= 0 and not need.languages:
                continue
            for segment, cands, fixed in _need_segments(m, day, need):
                if recorded(m, day, need, segment):
                    continue
                _add_minimum(m, day, need, cands, "people", need.minimum - len(fixed), segment)
                for lang in need.languages:
                    speakers = [c for c in cands if lang.language in m.people[c.person].languages]
                    known = sum(1 for pid in fixed if pid in m.people and lang.language in m.people[pid].languages)
                    _add_minimum(m, day, need, speakers, lang.language, lang.count - known, segment)


def recorded(m: RotaModel, day: date, need: CoverageNeed, segment: tuple[int, int] | None) -> bool:
    """Coverage already past (``SolveOptions.recorded_before``, the days before it pinned as
    they happened): a shift need of a past day, or a stretch of a window up to
    :func:`past_until`. The checker reports a shortfall there as recorded instead of hard
    (``scheduler.checker.coverage``)."""
    cut = m.options.recorded_before
    if cut is None:
        return False
    if segment is None:
        return day < cut
    return segment[1] <= past_until(m, need.service)


def past_until(m: RotaModel, service: str) -> int:
    """The minute until which ``service``'s coverage is settled by the days before
    ``SolveOptions.recorded_before``: that day's midnight, or later while only duties begun
    before it can reach (the night into that day, until it ends or the first shift of the
    service that can still start begins, whichever is first)."""
    cut = m.options.recorded_before
    types = [st for st in m.team.shift_types if st.service == service]
    reach = [m.horizon.minute(st.interval(d)[1]) for d in (cut - timedelta(days=2), cut - timedelta(days=1))
             for st in types if d.weekday() in st.weekdays]
    starts = [m.horizon.minute(st.interval(d)[0]) for d in (cut, cut + timedelta(days=1))
              for st in types if d.weekday() in st.weekdays]
    settled = m.horizon.midnight(cut)
    if reach:
        settled = max(settled, min(max(reach), min(starts, default=max(reach))))
    return settled


def _need_segments(m: RotaModel, day, need) -> list[tuple[tuple[int, int] | None, list[Candidate], set[str]]]:
    """The stretches of a need (None for a shift need) with the candidates covering each and
    the people the history already has on duty there."""
    if need.shift is not None:
        return [(None, m.by_day_shift.get((day, need.shift), []), set())]
    a, b = need.window(day)
    w0, w1 = m.horizon.minute(a), min(m.horizon.minute(b), m.horizon.end)
    if w1 <= w0:
        return []
    service_cands = [c for c in m.candidates if c.service == need.service and c.end > w0 and c.start < w1]
    history = [f for f in m.fixed if f.service == need.service and f.end > w0 and f.start < w1]
    inner = {t for i in (*service_cands, *history) for t in (i.start, i.end) if w0 < t < w1}
    settled = past_until(m, need.service) if m.options.recorded_before is not None else None
    if settled is not None and w0 < settled < w1:
        inner.add(settled)  # what is past is recorded, what is ahead planned
    cuts = sorted({w0, w1} | inner)
    out = []
    for s0, s1 in itertools.pairwise(cuts):
        covering = [c for c in service_cands if c.start <= s0 and c.end >= s1]
        on_duty = {f.person for f in history if f.start <= s0 and f.end >= s1}
        out.append(((s0, s1), covering, on_duty))
    return out


def _add_minimum(m: RotaModel, day, need, cands: list[Candidate], what: str, required: int,
                 span: tuple[int, int] | None) -> None:
    if required <= 0:
        return
    segment = f"{span[0]}-{span[1]}" if span else ""
    slack = m.model.NewIntVar(0, required, f"short {day} {need.label()} {what} {segment}".strip())
    m.model.Add(sum(m.x[c.index] for c in cands) + slack >= required)
    m.slacks.append(CoverageSlack(slack, day, need, what, required, tuple(c.index for c in cands), span))


def lead_protected_management_time(m: RotaModel) -> None:
    """Substitution rules (job description § 1.4–1.5): the team lead stands in on line work
    only with what is left after the protected management share of the month's norm."""
    for person, p in m.people.items():
        if p.role != Role.TEAM_LEAD:
            continue
        subs = [c for c in m.by_person.get(person, []) if c.substitute_for is not None]
        if not subs:
            continue
        cap = max(m.lead_line_minutes(p), _settled_minutes(m, subs))  # over already: nothing more
        m.model.Add(sum(m.x[c.index] * c.counted for c in subs) <= cap)


def pinned_cells(m: RotaModel) -> None:
    """Cells the planner pinned keep their value: a shift, or off. A pinned shift the person
    can no longer take (eligibility, absence or event) is left to the solver with a warning —
    unless its day is already past (``SolveOptions.recorded_before``; eligibility changed since
    does not count there, ``candidates.build_candidates``): what happened is not rewritten,
    the solve is refused naming the cell (``RotaModel.past_not_kept``)."""
    cut = m.options.recorded_before
    for (person, day), code in m.options.pins.items():
        cands = m.by_person_day.get((person, day), [])
        if code is None:
            for c in cands:
                m.model.Add(m.x[c.index] == 0)
            continue
        held = m.pinned(person, day, code)
        if held is None and cut is not None and day < cut:
            m.past_not_kept.append((person, day, code))
            continue
        if held is None:
            m.warnings.append(f"pinned {code} for {person} on {day} is not possible (eligibility, "
                              "absence or event); left to the solver")
            continue
        m.model.Add(m.x[held.index] == 1)


HARD_CONSTRAINTS = (
    no_overlapping_duties,
    one_duty_start_per_day,
    daily_rest,
    conflict_cliques,
    weekly_rest,
    average_weekly_hours,
    no_night_work_for_day_workers,
    night_worker_limits,
    coverage_minimum,
    lead_protected_management_time,
    pinned_cells,
)
