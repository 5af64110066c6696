"""How a month's model is searched within its time limit.

1. **A first legal rota** (``first_rota``). With every coverage minimum hard and no objective
   the model is a feasibility problem that CP-SAT's feasibility-jump local search solves in a
   fraction of a second. A random legal rota starts the optimisation far from a good one, so
   it first asks briefly for a *reasonable* one (everybody within a few hours of their goal,
   no shift above its desired head-count, nobody standing in for another role); failing that
   it takes any legal rota and then looks briefly for one with everybody's hours in the band.
   A month proven infeasible goes to ``explain``; a month where time runs out keeps the minima
   relaxed (slack with a prohibitive weight) and the search tries to remove the slack.
   Where the bound from whole weekends applies (``weekend_pairs``), the first rota is asked
   for with the fair-weekends and split-weekends terms held at the least they can cost
   (``weekends_held``), in a month with room first with every wish met (the held search
   keeps the weekends where that rota put them, and a wish on a weekend would then take a
   whole-weekend exchange); a month where the hold does not fit the other rules is searched
   whole.
2. **Improving** (``ImprovingSearch``): CP-SAT on the whole model, started from the best rota,
   running its large-neighbourhood searches only (``use_lns_only``; with one worker they are
   interleaved in that thread). On the example this beat CP-SAT's default portfolio and a
   hand-written rota-shaped neighbourhood search on the same two cores (bench/RESULTS.md).
   Small models (``SMALL_MODEL_CANDIDATES``) get the default portfolio instead, which proves
   them optimal in seconds.
   After a held first rota the search keeps the weekends held for ``HOLD_SHARE`` of the time
   left (``HeldFirst``) and then searches the whole model: CP-SAT's neighbourhoods mend the
   weekdays around whole weekends far better than they move whole weekends between people
   (the example's March: optimal in 5–6 of 8 30-s runs instead of 2; bench/RESULTS.md,
   "Weekends held at their least"). A month with room gives both cores to the held search
   before the bound below; a month short of people (``short_of_people``) runs the bound
   beside it, since there the bound is what the shortage costs. In a month with room a held
   search that stalls on a fair share few people hold (nights) frees those people for the
   whole month and solves that exactly (``search_with_exchanges``): the exchanges that mend
   such a rota involve four to six people, which none of CP-SAT's neighbourhoods frees; a
   stall on a wish or an isolated day frees those the rota charges with a few who hold or
   could take the shifts at stake (``exchanges.payer_groups``).

3. **A lower bound** (``_search_while_bounding``): CP-SAT's own bound stays at zero on real
   months (its LP relaxation sees no pattern terms), so a column generation by person
   (``scheduler.solver.bound``) runs in a thread for ``BOUND_SHARE`` of the time left, and
   beyond it while the search has stalled (no better rota for ``STALL_SECONDS``; months of up
   to ``STALL_CANDIDATES`` shift variables), while CP-SAT goes on with one worker fewer; as
   soon as the bound is done CP-SAT gets all of them.
   The bound's master takes in the search's best rota as it improves (at most once a second,
   ``bound.ROTA_SECONDS``): a good rota's schedules are good columns (they saved many master
   solves before each schedule paid its own hours; about neutral since). It proves 110–610
   points on the example's January, February and December in 9–13 s, but 0 on its March
   (bench/RESULTS.md). Restarts, independent trajectories and exact weekend windows were
   measured against this search and did not beat it beyond the run-to-run spread
   (bench/RESULTS.md, "The example month over seeds").
   Every soft goal costs ≥ 0, so the bound starts at 0 (``objective_never_negative``): a
   rota at 0 points ends the search as optimal (the example's April after March does).
   Before the search begins, a second bound (``weekend_pairs``, milliseconds) counts whole
   weekends: where the fair shares of weekend days, rounded down to even, do not add up to
   the weekend places, some rota must pay a point the LP averages away (4 points on the
   example's March, which is its optimum: bench/RESULTS.md, "A bound from whole weekends").

Everything is in objective points (the model's integer objective); callers divide by
``PER_UNIT`` for display.
"""

from __future__ import annotations

import math
import re
import threading
import time as clock
import weakref
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler import worktime
from scheduler.domain import Person
from scheduler.solver import bound, exchanges, weekend_pairs
from scheduler.solver.least import tightening_in_background
from scheduler.solver.constraints import recorded
from scheduler.solver.candidates import counted_minutes, row_minutes
from scheduler.solver.model import RotaModel, value_of
from scheduler.solver.objective import hours_pieces

#: Share of the time limit the first-rota search may use before the search goes on relaxed.
FIRST_ROTA_SHARE = 0.4

#: The same for a re-plan, whose first rota (the fewest changes, then the hours bands:
#: :func:`_closest_to`) is most of the answer: the search after it only chooses among
#: rotas with no more changes.
REPLAN_FIRST_SHARE = 0.7
#: Seconds for the attempt at a strictly reasonable first rota (at most); the next attempt
#: gets most of what is left of the first-rota budget: a plain legal rota is a poor start.
STRICT_SECONDS = 1.5
#: The same when the weekend terms are held at their least (:func:`weekends_held`): with the
#: extra constraint feasibility jump took 0.5–2.7 s on the example's March (bench/RESULTS.md).
HELD_STRICT_SECONDS = 3.0
#: The held first rota is asked first with every wish met (:func:`held_first_rota`) in months
#: of at most this many shift variables: up to the 40-person team of bench/scaling.py (5 027)
#: feasibility jump met every wish in 2.5–2.9 s, as fast as without them; on the 80-person
#: team (9 979, 95 wishes) it met them not within its time, and the first rota came 5.6 s
#: later (14.6 s against 9.0 s; bench/RESULTS.md, "Wishes met in the first rota").
WISHES_FIRST_CANDIDATES = 6000
#: Share of the first-rota budget for a first rota with the weekend terms held (a month the
#: hold does not fit loses at most this; the first rota without it gets the whole budget).
HELD_FIRST_SHARE = 0.5
#: Share of the time left after a first rota with the weekend terms held at their least
#: during which the search keeps them there (:class:`HeldFirst`); after it, the whole model.
HOLD_SHARE = 0.8
#: Seconds for the attempt at a reasonable rota after a plain legal one (at most). Where it
#: succeeds it takes ~0.3 s; where the month's shortage keeps someone out of the band it
#: cannot be proven impossible by local search and would burn its whole budget (~7 s of a
#: 30-s solve in January, February and December of the example: bench/RESULTS.md).
BANDED_SECONDS = 1.5
#: The reasonable first rota has everybody's hours within this many hours of their goal
#: (smaller bands make feasibility jump much slower on the example; 4 h takes ~0.3 s).
NORM_BAND_HOURS = 4
#: Models with at most this many shift variables get CP-SAT's full portfolio, which proves
#: small months optimal in seconds; larger ones get its neighbourhood search only.
SMALL_MODEL_CANDIDATES = 1200
#: The lower bound (column generation) may use at most this share of the time left after the
#: first rota; CP-SAT searches meanwhile with one worker fewer, then with all of them.
BOUND_SHARE = 0.6
#: ... and beyond that share for as long as the search has found no better rota for this many
#: seconds (it has stalled, as on the example's January, February and December: the core is
#: better spent on the proof than on a second CP-SAT worker).
STALL_SECONDS = 5.0
#: ... on models of at most this many shift variables: on larger ones (the 80-person team of
#: bench/scaling.py has ~10 000) CP-SAT's improvements come seconds apart long before it is
#: done, and keeping it at one worker cost more than the bound gained (bench/RESULTS.md).
STALL_CANDIDATES = 3000


@dataclass
class Incumbent:
    """The best complete assignment so far: one value per model variable (proto order)."""

    values: list[int]
    objective: int
    found_at: float
    source: str


@dataclass
class SearchOutcome:
    """What the search produced, for the caller to read back and report."""

    status: str  # "feasible", "optimal", "infeasible" (proven impossible), "unknown"
    incumbent: Incumbent | None
    bound: float
    first_found: float | None
    relaxed: bool  # the coverage minima were soft (slack) in the model searched
    #: The bound from whole weekends (``weekend_pairs``, objective units), when above 0.
    weekend_floor: int | None = None


class SharedBest:
    """The best rota and the best bound, shared with the CP-SAT callbacks (solver threads)."""

    def __init__(self, started: float, on_progress: Callable[[float, int, float], None],
                 tighten: Callable[[Sequence[int]], tuple[list[int], int] | None] | None = None):
        """``tighten``: a solution with the objective's helpers at their least, and its
        objective (``least.LeastHelpers.tightened``): CP-SAT may hand over a rota with a
        helper above what the rota costs, which would be compared (and reported) too high."""
        self.started = started
        self.tighten = tighten
        self.lock = threading.Lock()
        self.incumbent: Incumbent | None = None
        self.bound: float = -math.inf
        self.on_progress = on_progress
        self.first_found: float | None = None

    def elapsed(self) -> float:
        return clock.monotonic() - self.started

    def offer(self, values: Sequence[int], objective: int, source: str) -> bool:
        """Keeps ``values`` if they beat the incumbent; True if they did."""
        tight = self.tighten(values) if self.tighten is not None else None
        if tight is not None:
            values, objective = tight
        with self.lock:
            if self.incumbent is not None and objective >= self.incumbent.objective:
                return False
            self.incumbent = Incumbent(list(values), objective, self.elapsed(), source)
            if self.first_found is None:
                self.first_found = self.incumbent.found_at
            bound = self.bound
        self.on_progress(self.elapsed(), objective, bound)
        return True

    def raise_bound(self, bound: float) -> None:
        with self.lock:
            if bound <= self.bound:
                return
            self.bound = bound
            objective = self.incumbent.objective if self.incumbent else None
        if objective is not None:
            self.on_progress(self.elapsed(), objective, bound)

    @property
    def closed(self) -> bool:
        """The incumbent is proven optimal."""
        with self.lock:
            return self.incumbent is not None and self.bound >= self.incumbent.objective


def fix(model: cp_model.CpModel, variables: Sequence[cp_model.IntVar], values: Sequence[int]) -> None:
    """Fixes each variable to its value through its domain, so presolve drops it at once."""
    proto = model.Proto()
    for var, value in zip(variables, values):
        domain = proto.variables[var.Index()].domain
        if len(domain) == 2:
            domain[0] = value
            domain[1] = value
        else:
            model.Add(var == value)


def hint_all(model: cp_model.CpModel, values: Sequence[int]) -> None:
    """A complete hint: CP-SAT takes a feasible complete hint as its first solution."""
    proto = model.Proto()
    proto.clear_solution_hint()
    proto.solution_hint.vars.extend(range(len(values)))
    proto.solution_hint.values.extend(values)


def new_solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    """A CP-SAT solver for ``seconds`` on ``workers`` threads. It leaves Ctrl-C alone: CP-SAT's
    own SIGINT handler aborts the process (``std::bad_function_call``) when it fires between
    the several solvers of a search; the caller stops the search through ``stop_when``."""
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    return solver


class _Stopper:
    """Stops the CP-SAT solvers it watches as soon as their ``stop()`` turns true, looking
    every ``POLL_SECONDS`` from one daemon thread. The search log alone is not enough: a
    neighbourhood search that finds nothing better writes no line for tens of seconds, so
    Ctrl-C or the web app's Cancel took up to ~40 s (measured)."""

    POLL_SECONDS = 0.1

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: weakref.WeakKeyDictionary[cp_model.CpSolver, Callable[[], bool]] = weakref.WeakKeyDictionary()
        self._thread: threading.Thread | None = None

    def watch(self, solver: cp_model.CpSolver, stop: Callable[[], bool]) -> None:
        with self._lock:
            self._watched[solver] = stop
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="solver stopper", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            clock.sleep(self.POLL_SECONDS)
            with self._lock:
                watched = list(self._watched.items())
            for solver, stop in watched:
                try:
                    done = stop()
                except Exception:  # a caller's stop() must not end the watching of all others
                    done = True
                if done:
                    solver.StopSearch()
                    with self._lock:
                        self._watched.pop(solver, None)


_STOPPER = _Stopper()


def stop_when(solver: cp_model.CpSolver, stop: Callable[[], bool],
              on_bound: Callable[[float], None] | None = None) -> None:
    """Stops ``solver`` when ``stop()`` turns true (looked at every ``_Stopper.POLL_SECONDS``),
    and passes the bounds it logs to ``on_bound`` (read from the search log, which CP-SAT then
    writes as it goes)."""
    _STOPPER.watch(solver, stop)
    if on_bound is None:
        return
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False
    pattern = re.compile(r"next:\[(-?[0-9]+)")

    def on_log(line: str) -> None:
        if line.startswith("#"):
            found = pattern.search(line)
            if found:
                on_bound(float(found.group(1)))
    solver.log_callback = on_log


# --- 1. a first legal rota ----------------------------------------------------------------------

def strict_model(m: RotaModel) -> cp_model.CpModel:
    """The month's model with every coverage minimum hard (slack fixed to zero)."""
    model = m.model.clone()
    fix(model, [s.var for s in m.slacks], [0] * len(m.slacks))
    return model


def first_rota(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
               stop: Callable[[], bool], offer: Callable[[list[int]], None]) -> str:
    """Finds first assignments of the shift variables that keep every rule of ``model`` and
    passes each to ``offer`` (x-values). Returns "feasible", "infeasible" (there is none) or
    "unknown" (none found in ``seconds``).

    In order: re-planning starts from the closest legal rota to the old one; otherwise a
    strictly reasonable rota is asked for briefly; failing that any legal rota (fast, so a
    first rota is there early), then briefly a reasonable one."""
    deadline = clock.monotonic() + seconds
    if m.options.keep and "changes" in m.terms:
        status, values = _closest_to(m, model, seconds * 0.8, workers, seed, stop)
        if values is not None:
            offer(values)
        if status in ("feasible", "infeasible") or stop():
            return status
    strict = reasonable_model(m, model, strict=True)
    status, values = _feasible(m, strict, min(seconds * 0.1, STRICT_SECONDS), workers, seed, stop,
                               local_search=True)
    if values is not None:
        offer(values)
        return status
    plain = model.clone()
    plain.ClearObjective()
    status, values = _feasible(m, plain, deadline - clock.monotonic(), workers, seed, stop)
    if values is None or stop():
        return status
    offer(values)
    banded = reasonable_model(m, model, strict=False)
    _, values = _feasible(m, banded, min(BANDED_SECONDS, 0.6 * (deadline - clock.monotonic())), workers,
                          seed, stop, local_search=True)
    if values is not None:
        offer(values)
    return "feasible"


def held_first_rota(m: RotaModel, held: cp_model.CpModel, seconds: float, workers: int, seed: int,
                    stop: Callable[[], bool], offer: Callable[[list[int]], None],
                    wishes_first: bool = True) -> bool:
    """A reasonable first rota of the model with the weekends held (:func:`weekends_held`):
    with ``wishes_first``, strictly reasonable (:func:`reasonable_model`) with every wish met
    for up to ``HELD_STRICT_SECONDS`` or 60 % of ``seconds``; failing that, as before in
    ``seconds`` more: strictly reasonable for as long, else everybody's hours in the band for
    the rest. The rota is passed to ``offer``; True if one was found.

    Wishes first: the held search keeps the weekends where the first rota put them, and a
    wish on or next to a weekend (a weekend off, a Friday night) then takes a whole-weekend
    exchange, which its neighbourhoods rarely make (the example's March: optimal in 31 of 32
    30-s runs against 25 of 32 without, bench/RESULTS.md, "Wishes met in the first rota").
    Not in a month short of people (``short_of_people``): there the hours are what is
    scarce, and the example's February ended 20–30 % higher with it, December 1–6 %.
    A plain legal rota is not taken: the held search could not bring its hours back in a
    short solve (a person 35 h over the norm after 8 s, measured)."""
    strict_seconds = min(HELD_STRICT_SECONDS, 0.6 * seconds)

    def found(wanted: cp_model.CpModel, budget: float) -> bool:
        _, values = _feasible(m, wanted, budget, workers, seed, stop, local_search=True)
        if values is not None:
            offer(values)
        return values is not None

    wishes = m.terms.get("wishes")
    if wishes_first and wishes is not None and wishes.vars and not stop():
        wanted = reasonable_model(m, held, strict=True)
        wanted.Add(wishes.expression() == 0)
        if found(wanted, strict_seconds):
            return True
    deadline = clock.monotonic() + seconds  # the wishes' try aside: a month whose wishes
    for strict in (True, False):            # cannot all be met loses no time below
        left = deadline - clock.monotonic()
        budget = strict_seconds if strict else left
        if budget <= 0.05 or stop():
            return False
        if found(reasonable_model(m, held, strict=strict), min(budget, left)):
            return True
    return False


def _closest_to(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
                stop: Callable[[], bool]) -> tuple[str, list[int] | None]:
    """Re-planning: the legal rota with the fewest changes against the rota being re-planned,
    found as far as ``seconds`` allow (a third of them); then, with up to
    ``REPLAN_EXTRA_CHANGES`` more changes, the one that leaves the fewest hours outside
    everybody's band (:func:`_hours_outside_band`), a change more for each hour or more it
    brings back into a band (``REPLAN_BAND_MINUTES_PER_CHANGE``). The
    search that follows may not change more cells than that rota does, nor leave more hours
    outside the bands (``model`` gets both caps): the other goals choose among the rotas with
    the fewest changes instead of buying changes far from the absence with them (a re-plan of
    three sick days over Christmas changed 36 cells where 11 did)."""
    deadline = clock.monotonic() + seconds
    term = m.terms["changes"]
    cells = sum(term.vars)  # each a changed cell, at the same weight
    plain = model.clone()
    plain.Minimize(cells)
    status, values, fewest = _minimise(m, plain, seconds / 3, workers, seed, stop)
    if values is None:
        return status, None
    most = fewest + max(REPLAN_EXTRA_CHANGES, fewest // 4)
    bands = _bands(m)
    # everybody within their band, if the changes allow (the constraint prunes the search
    # far better than the same as a cost); else as close to the bands as they allow
    for hard in (True, False):
        banded = model.clone()
        outside = _hours_outside_band(m, banded, bands)
        banded.Add(cells <= most)
        if hard:
            banded.Add(outside == 0)
            banded.Minimize(cells)
        else:
            banded.Minimize(outside + cells * REPLAN_BAND_MINUTES_PER_CHANGE)
        banded.ClearHints()
        for x, value in zip(m.x, values):
            banded.AddHint(x, value)
        left = deadline - clock.monotonic()
        _, in_band, _cost = _minimise(m, banded, left / 2 if hard else left, workers, seed, stop)
        if in_band is not None:
            break
    if in_band is None:
        model.Add(cells <= fewest)
        return "feasible", values
    model.Add(cells <= _changed_cells(m, in_band))
    model.Add(_hours_outside_band(m, model, bands) <= _minutes_outside_band(m, in_band, bands))
    return "feasible", in_band


#: A re-plan may make this many changes (a shift taken off or given: a moved shift is two)
#: more than the fewest, or a quarter more, to keep everybody's hours within their band.
REPLAN_EXTRA_CHANGES = 4


#: The hours band (± this many hours of each person's goal: the done-when of the solver,
#: ± 8 h of the norm) a re-plan may spend ``REPLAN_EXTRA_CHANGES`` more changes on.
REPLAN_BAND_HOURS = 8

#: A change more is worth it where it brings someone's hours this many minutes (an hour)
#: closer to their band: hours over the norm are overtime at the end of the accounting
#: period, so the band comes before a few changes, but not for minutes.
REPLAN_BAND_MINUTES_PER_CHANGE = 60


def _bands(m: RotaModel) -> dict[str, tuple[int, int]]:
    """Each person's band of counted minutes for a re-plan: ``REPLAN_BAND_HOURS`` around
    their goal, widened to as far off as the rota being re-planned had them
    (:func:`goal_before_replan`): a re-plan brings the absent person back to their lower
    norm, but does not repair the rest of the old rota."""
    band = REPLAN_BAND_HOURS * 60
    out = {}
    for person, p in m.people.items():
        target = m.target_minutes(p)
        planned_before, goal_before = goal_before_replan(m, p)
        off_before = planned_before - goal_before
        out[person] = (target - max(band, -off_before), target + max(band, off_before))
    return out


def _hours_outside_band(m: RotaModel, model: cp_model.CpModel,
                        bands: dict[str, tuple[int, int]]) -> cp_model.LinearExpr:
    """The minutes by which people's counted hours lie outside their ``bands`` (:func:`_bands`),
    as a new expression of ``model``."""
    pieces = []
    for person, (low, high) in bands.items():
        planned = m.planned_minutes(person)
        top = m.fixed_minutes(person) + sum(c.counted for c in m.by_person.get(person, [])) + abs(high) + abs(low)
        over = model.NewIntVar(0, top, f"over the band {person}")
        under = model.NewIntVar(0, top, f"under the band {person}")
        model.Add(over >= planned - high)
        model.Add(under >= low - planned)
        pieces += [over, under]
    return sum(pieces)


def _minutes_outside_band(m: RotaModel, x_values: Sequence[int], bands: dict[str, tuple[int, int]]) -> int:
    """:func:`_hours_outside_band` of a rota (x-values)."""
    total = 0
    for person, (low, high) in bands.items():
        planned = m.fixed_minutes(person) + sum(c.counted for c in m.by_person.get(person, []) if x_values[c.index])
        total += max(0, planned - high) + max(0, low - planned)
    return total


def _changed_cells(m: RotaModel, x_values: Sequence[int]) -> int:
    """The cells a rota (x-values) changes against the rota being re-planned, as the term
    ``changes`` counts them."""
    kept = {(a.person, a.day, a.code) for a in m.options.keep if a.kind == "shift"}
    return sum(1 for c in m.candidates if bool(x_values[c.index]) != ((c.person, c.day, c.shift) in kept))


def goal_before_replan(m: RotaModel, person: Person) -> tuple[int, int]:
    """The person's counted minutes in the rota being re-planned (``SolveOptions.keep``, with
    the duties and events an absence now takes off) and their goal then: the goal without the
    absences new since that rota (TLS § 43: an absence lowers the norm) — those the re-plan is
    for (``SolveOptions.replan_absences``), and any overlapping the person's old duties, which
    the old rota cannot have known of."""
    first, last = m.horizon.days[0], m.horizon.days[-1]
    rows = [a for a in m.options.keep
            if a.kind == "shift" and a.person == person.id and first <= a.day <= last]
    mine = [a for a in m.team.absences if a.person == person.id]
    given = {a.leave for a in m.options.replan_absences}
    new = [a for a in mine if a.leave in given or any(a.overlaps(r.start, r.end) for r in rows)]
    fixed = m.fixed_minutes(person.id)
    # the events the new absences keep the person from were working time in the old rota
    missed = [e.interval() for e in m.team.events if person.id in e.attendees and first <= e.day <= last
              and any(a.overlaps(*e.interval()) for a in new)]
    planned = (fixed + sum(row_minutes(m.team, r) for r in rows)
               + sum(counted_minutes(person, start, end) for start, end in missed))
    goal = m.target_minutes(person)
    if new:
        without = worktime.person_norm(person, first, last, [a for a in mine if a not in new])
        goal += round((without - m.month_norm_hours(person)) * 60)
    return planned, goal


def _minimise(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
              stop: Callable[[], bool]) -> tuple[str, list[int] | None, int]:
    """Solves ``model`` for its objective: ("feasible", the x-values, the objective) or the
    status without a solution ("infeasible", "unknown")."""
    if seconds <= 0.05:
        return "unknown", None, 0
    solver = new_solver(seconds, workers, seed)
    stop_when(solver, stop)
    status = solver.Solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "feasible", [solver.Value(x) for x in m.x], round(solver.ObjectiveValue())
    return ("infeasible" if status == cp_model.INFEASIBLE else "unknown"), None, 0


def reasonable_model(m: RotaModel, model: cp_model.CpModel, strict: bool) -> cp_model.CpModel:
    """``model`` without objective, asking everybody's hours within ``NORM_BAND_HOURS`` of
    their goal and, when ``strict``, no shift above its desired head-count and nobody standing
    in for another role."""
    out = model.clone()
    out.ClearObjective()
    band = NORM_BAND_HOURS * 60
    for person, p in m.people.items():
        target = m.target_minutes(p)
        out.AddLinearConstraint(m.planned_minutes(person), target - band, target + band)
    if strict:
        for day in m.horizon.days:
            for need in m.needs_by_day[day]:
                if need.shift is not None and not recorded(m, day, need, None):
                    cands = m.by_day_shift.get((day, need.shift), [])
                    out.Add(sum(m.x[c.index] for c in cands) <= max(need.desired, need.minimum))
        stand_ins = [m.x[c.index] for c in m.candidates if c.substitute_for is not None
                     and m.options.pins.get((c.person, c.day)) != c.shift]  # a pinned stand-in holds
        fix(out, stand_ins, [0] * len(stand_ins))
    return out


def _feasible(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
              stop: Callable[[], bool], local_search: bool = False) -> tuple[str, list[int] | None]:
    """Solves a feasibility model. One CP-SAT worker runs no feasibility jump unless told to
    search locally only (``local_search``), which is fast but cannot prove infeasibility."""
    solver = new_solver(seconds, workers, seed)
    if local_search and workers == 1:
        solver.parameters.use_ls_only = True
    stop_when(solver, stop)
    status = solver.Solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "feasible", [solver.Value(x) for x in m.x]
    if status == cp_model.INFEASIBLE and not (local_search and workers == 1):
        return "infeasible", None
    return "unknown", None


def complete(m: RotaModel, model: cp_model.CpModel, x_values: Sequence[int], seed: int) -> tuple[list[int], int] | None:
    """Every variable's value (the objective's helpers at their best) for the shifts
    ``x_values``; None if those shifts break a rule of ``model``."""
    fixed = model.clone()
    fixed.ClearHints()
    fix(fixed, m.x, x_values)
    solver = new_solver(10.0, 1, seed)
    if solver.Solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution), round(solver.ObjectiveValue())


# --- 2. improving ------------------------------------------------------------------------------

class _Improvements(cp_model.CpSolverSolutionCallback):
    def __init__(self, shared: SharedBest, source: str):
        super().__init__()
        self.shared, self.source = shared, source

    def on_solution_callback(self) -> None:
        self.shared.offer(self.response_proto.solution, round(self.ObjectiveValue()), self.source)


class ImprovingSearch:
    """CP-SAT on the whole model from the best rota, large-neighbourhood search only (with
    ``lns_only=False``: CP-SAT's default portfolio, used when there is no first rota)."""

    def __init__(self, model: cp_model.CpModel, shared: SharedBest, workers: int, seed: int,
                 stop: Callable[[], bool], lns_only: bool = True):
        self.model, self.shared, self.workers, self.seed = model, shared, workers, seed
        self.stop, self.lns_only = stop, lns_only
        self.status: int | None = None
        self._lock = threading.Lock()
        self._solver: cp_model.CpSolver | None = None

    def interrupt(self) -> None:
        """Ends the running ``run`` early (nothing when none is running)."""
        with self._lock:
            if self._solver is not None:
                self._solver.StopSearch()

    def run(self, seconds: float, workers: int | None = None, done: threading.Event | None = None) -> None:
        """Searches for ``seconds`` with ``workers`` threads (default: the search's own number),
        or until ``interrupt`` or until ``done`` is set."""
        workers = workers or self.workers
        model = self.model.clone()
        if self.shared.incumbent is not None:
            hint_all(model, self.shared.incumbent.values)
        solver = new_solver(seconds, workers, self.seed)
        if self.lns_only:
            solver.parameters.use_lns_only = True
            solver.parameters.interleave_search = workers == 1
        stop_when(solver, lambda: self.stop() or self.shared.closed,
                  None if self.lns_only else self.shared.raise_bound)
        with self._lock:
            if done is not None and done.is_set():
                return
            self._solver = solver
        self.status = solver.Solve(model, _Improvements(self.shared, "cp-sat"))
        with self._lock:
            self._solver = None
        if self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.shared.offer(solver.response_proto.solution, round(solver.ObjectiveValue()), "cp-sat")
        if self.status == cp_model.OPTIMAL and not self.lns_only:
            self.shared.raise_bound(solver.ObjectiveValue())


def weekends_held(m: RotaModel, model: cp_model.CpModel, least: int,
                  empty_places: bool = True) -> cp_model.CpModel | None:
    """``model`` with the fair-weekends and split-weekends terms, and with ``empty_places``
    the empty desired places of weekend days, together at most ``least`` (objective units:
    the least the three can cost together, ``weekend_pairs.lower_bound``); None where the
    month's objective has neither weekend term.

    Why: CP-SAT's neighbourhoods change a few people or days at a time, and moving a whole
    weekend from a person above their share to one with room while both keep their hours
    takes more than one of them. On the example's March the search without the hold ended, in
    6 of 8 30-s runs, with 4–34 points of weekend shares and split weekends above the proven
    optimum (4); started from a rota with those terms at their least and kept there for most
    of the time (the neighbourhoods then mend the weekdays around the weekends), it reaches
    the optimum in 5–6 of 8 (bench/RESULTS.md, "Weekends held at their least"). The empty
    weekend places are held too: without them the held search stalled most often with two of
    them empty, which only a whole weekend given to someone below their share fills
    (bench/RESULTS.md, "Exchanges among those with a share"). Not in a month short of people
    (``short_of_people``): there places stay empty for want of hours, which the bound from
    whole weekends does not see (the example's June ended at 316 points with them held,
    276–285 without), so those months keep the hold they had."""
    if not any(m.terms.get(name) and m.terms[name].vars for name in weekend_pairs.WEEKEND_TERMS):
        return None
    held = model.clone()
    held.Add(weekend_pairs.weekend_terms(m, empty_places) <= least)
    return held


class HeldFirst:
    """An improving search (``run``, ``interrupt``, ``status``, ``workers`` as
    :class:`ImprovingSearch`) that searches ``held`` (the model with the weekend terms held:
    :func:`weekends_held`) until the ``time.monotonic()`` stamp ``until`` and ``whole`` (the
    month's model) after it: every rota of the held model is a rota of the month, so both
    share one best rota."""

    def __init__(self, held: ImprovingSearch, whole: ImprovingSearch, until: float):
        self.held, self.whole, self.until = held, whole, until
        self.workers = whole.workers
        self.holding = True

    @property
    def status(self) -> int | None:
        """The whole model's search status (None while the weekends are held: nothing to
        conclude from the held model's)."""
        return None if self.holding else self.whole.status

    def interrupt(self) -> None:
        self.held.interrupt()
        self.whole.interrupt()

    def run(self, seconds: float, workers: int | None = None, done: threading.Event | None = None) -> None:
        end = clock.monotonic() + seconds
        if self.holding and clock.monotonic() < self.until:
            self.held.run(min(end, self.until) - clock.monotonic(), workers, done)
            if done is not None and done.is_set() or self.held.stop() or self.held.shared.closed:
                return  # interrupted: the caller decides what comes next
            if self.until <= end or self.held.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE,
                                                          cp_model.MODEL_INVALID):
                self.holding = False  # its time is over, or nothing more to find within it
        else:
            self.holding = False  # called after the held time
        if not self.holding and end - clock.monotonic() > 0.05:
            self.whole.run(end - clock.monotonic(), workers, done)


#: A held search that has found no better rota for this long gives way to an exchange among
#: those with a share of a duty (``exchanges``).
EXCHANGE_STALL_SECONDS = 3.0
#: The longest an exchange may take: on the example's March the six people with a share of
#: nights closed a stalled rota in 1.1–5.4 s.
EXCHANGE_SECONDS = 6.0


def exchange(m: RotaModel, model: cp_model.CpModel, values: Sequence[int], group: Collection[str],
             seconds: float, workers: int, seed: int, stop: Callable[[], bool], shared: SharedBest) -> int:
    """Solves ``model`` with everybody outside ``group`` keeping their shifts in ``values``
    (the group's whole month free), from ``values``, for up to ``seconds``; every better rota
    goes to ``shared``. Returns CP-SAT's status."""
    sub = model.clone()
    kept = [m.x[c.index] for c in m.candidates if c.person not in group]
    fix(sub, kept, [value_of(values, x) for x in kept])
    hint_all(sub, values)
    solver = new_solver(seconds, workers, seed)
    stop_when(solver, lambda: stop() or shared.closed)
    status = solver.Solve(sub, _Improvements(shared, "exchange"))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        shared.offer(solver.response_proto.solution, round(solver.ObjectiveValue()), "exchange")
    return status


def search_with_exchanges(m: RotaModel, model: cp_model.CpModel, improver: ImprovingSearch,
                          shared: SharedBest, until: float, workers: int, seed: int,
                          stop: Callable[[], bool], skip: Collection[str] = ()) -> None:
    """Runs ``improver`` (searching ``model``) until the ``time.monotonic()`` stamp ``until``.
    Whenever it has found no better rota for ``EXCHANGE_STALL_SECONDS``, a group of people
    (``exchanges.groups_to_free``, terms in ``skip`` aside: those with a share of a duty the
    rota mostly pays for, then those it charges with their partners) is freed for the whole
    month and CP-SAT solves that for up to ``EXCHANGE_SECONDS`` (each group once per best
    rota); then the search goes on."""
    own_stop = improver.stop
    tried: set[tuple[int, tuple[str, ...]]] = set()
    groups_of: dict[int, list[tuple[str, ...]]] = {}  # by best rota (looked at every 0.1 s)

    def untried() -> tuple[str, ...] | None:
        incumbent = shared.incumbent
        if incumbent is None:
            return None
        if incumbent.objective not in groups_of:
            groups = exchanges.groups_to_free(m, incumbent.values, skip, seed + incumbent.objective)
            groups_of[incumbent.objective] = [tuple(g) for g in groups]
        return next((group for group in groups_of[incumbent.objective]
                     if (incumbent.objective, group) not in tried), None)

    try:
        while not stop() and not shared.closed and until - clock.monotonic() > 0.05:
            began = clock.monotonic()

            def stalled(began: float = began) -> bool:
                incumbent = shared.incumbent
                last = max(began - shared.started, incumbent.found_at if incumbent else 0.0)
                return (shared.elapsed() - last >= EXCHANGE_STALL_SECONDS and until - clock.monotonic() > 1.0
                        and untried() is not None)

            improver.stop = lambda stalled=stalled: own_stop() or stalled()
            improver.run(until - began)
            group = untried()
            if group is None or not stalled():
                return  # its time is over, or nothing left to find or to exchange
            incumbent = shared.incumbent
            tried.add((incumbent.objective, group))
            exchange(m, model, incumbent.values, group, min(EXCHANGE_SECONDS, until - clock.monotonic()),
                     workers, seed + len(tried), stop, shared)
    finally:
        improver.stop = own_stop


# --- 3. a lower bound -------------------------------------------------------------------------

def _search_while_bounding(m: RotaModel, model: cp_model.CpModel, shared: SharedBest,
                           improver: ImprovingSearch, deadline: float, stop: Callable[[], bool]) -> None:
    """Proves a lower bound by column generation (``scheduler.solver.bound``) in a thread for
    ``BOUND_SHARE`` of the time left, and after that while the search stalls
    (:func:`bound_may_go_on`), while CP-SAT improves the rota with one worker fewer (the
    machine's cores are the workers; the two would otherwise slow each other down). Every
    better bound goes to ``shared``, rounded up (the objective is whole points); CP-SAT's
    phase ends as soon as the bound is done."""
    until = clock.monotonic() + BOUND_SHARE * (deadline - clock.monotonic())

    def best_rota() -> list[int] | None:
        incumbent = shared.incumbent  # replaced whole, never changed in place
        return incumbent.values if incumbent is not None else None

    def on_bound(value: float) -> None:
        if value > 0:
            shared.raise_bound(float(bound.proven_points(value)))

    extend = len(m.candidates) <= STALL_CANDIDATES

    def give_up() -> bool:
        return stop() or shared.closed or not bound_may_go_on(shared, until, clock.monotonic(), extend)

    done = threading.Event()

    def prove() -> None:
        try:
            bound.lower_bound(m, model.Proto(), deadline=deadline, stop=give_up, on_bound=on_bound,
                              rotas=best_rota)
        except Exception as error:  # the rota does not depend on the bound: say so, go on
            m.warnings.append(f"no lower bound proven: {type(error).__name__}: {error}")
        finally:
            done.set()
            improver.interrupt()

    proving = threading.Thread(target=prove, name="lower bound", daemon=True)
    proving.start()
    while not done.is_set() and not stop() and not shared.closed and clock.monotonic() < deadline:
        # up to ``until``, then (the bound going on while the search stalls) up to the deadline
        end = until if clock.monotonic() < until else deadline
        improver.run(end - clock.monotonic(), workers=max(1, improver.workers - 1), done=done)
        if improver.status in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            break  # CP-SAT has nothing more to search: no spinning until the bound is done
    proving.join(max(0.0, deadline - clock.monotonic()))


def _cells_kept(m: RotaModel) -> bool:
    """Cells the month keeps as they are (pins, days already past): the bound from whole
    weekends does not charge what they already pay (a split weekend in the past), so a hold
    at its least may fit no rota, which a large month may not prove in the hold's time."""
    return bool(m.options.pins) or m.options.recorded_before is not None


def short_of_people(m: RotaModel) -> bool:
    """Whether the month's shift places (per day and shift the largest head-count its needs
    ask for, desired or minimum) take more hours than the team's goals leave for shifts (each
    goal less the person's fixed work, plus the hours the norm term lets go free): then some
    place stays empty or someone works above their goal, which the column generation proves
    (on the example: January, February, June, October and December, 0.2–3 % short; it
    proves 110–610 points there and nothing above the weekends' bound in the other months,
    bench/RESULTS.md, "Weekends held at their least")."""
    asked = 0
    for day in m.horizon.days:
        for shift, places in weekend_pairs.shift_places(m, day).items():
            cands = m.by_day_shift.get((day, shift), [])
            if cands:
                asked += places * max(c.counted for c in cands)
    # what each person's goal leaves for shifts after their fixed work (events, duties
    # carried in), with the hours the norm term lets go free
    tolerance = hours_pieces(m).tolerance
    free = sum(max(0, m.target_minutes(p) - m.fixed_minutes(person) + tolerance)
               for person, p in m.people.items())
    return asked > free


def bound_may_go_on(shared: SharedBest, until: float, now: float, extend: bool = True) -> bool:
    """The bound keeps its core up to ``until`` (``time.monotonic()``), and after it, when
    ``extend``, while the best rota is at least ``STALL_SECONDS`` old."""
    if now < until:
        return True
    if not extend:
        return False
    incumbent = shared.incumbent
    return incumbent is not None and shared.elapsed() - incumbent.found_at >= STALL_SECONDS


def objective_never_negative(model: cp_model.CpModel) -> bool:
    """Whether 0 is a lower bound of ``model``'s objective: every coefficient and every
    variable it weighs is non-negative (true of every soft goal: weights, deviations, counts
    above a share and shortfalls are all ≥ 0)."""
    proto = model.Proto()
    objective = proto.objective
    return objective.offset >= 0 and objective.scaling_factor >= 0 and all(
        v >= 0 and c >= 0 and proto.variables[v].domain[0] >= 0 for v, c in zip(objective.vars, objective.coeffs))


def _bound_from_whole_weekends(m: RotaModel, shared: SharedBest) -> int | None:
    """The bound from whole weekends (``weekend_pairs``, objective units; None where it does
    not apply), raised on ``shared`` when above 0: a few milliseconds, and on months where the
    fair shares of weekend days do not add up in pairs it is the whole gap, which the column
    generation's LP cannot see."""
    try:
        value = weekend_pairs.lower_bound(m)
    except Exception as error:  # the rota does not depend on the bound: say so, go on
        m.warnings.append(f"no bound from whole weekends: {type(error).__name__}: {error}")
        return None
    if value is not None and value > 0:
        shared.raise_bound(float(value))
    return value


# --- the whole search ---------------------------------------------------------------------------

def search(m: RotaModel, *, time_limit: float, workers: int, seed: int, started: float,
           on_progress: Callable[[float, int, float], None], stop: Callable[[], bool]) -> SearchOutcome:
    """Runs the phases of the module docstring until ``time_limit`` seconds after ``started``
    (a ``time.monotonic()`` stamp)."""
    deadline = started + time_limit
    shared = SharedBest(started, on_progress, tightening_in_background(m.model, m.x))
    if objective_never_negative(m.model):
        shared.raise_bound(0.0)  # a rota that costs nothing is optimal: the search ends there
    least_weekends = _bound_from_whole_weekends(m, shared)
    weekend_floor = least_weekends if least_weekends else None
    model = strict_model(m)
    replanning = bool(m.options.keep) and "changes" in m.terms
    share = REPLAN_FIRST_SHARE if replanning else FIRST_ROTA_SHARE
    first_seconds = max(1.0, share * (deadline - clock.monotonic()))
    small = len(m.candidates) <= SMALL_MODEL_CANDIDATES

    def offer(x_values: list[int]) -> None:
        done = complete(m, model, x_values, seed)
        if done is not None:
            shared.offer(done[0], done[1], "first rota")

    # first a rota with the weekend terms at their least (a re-plan's first rota is the
    # fewest changes instead; small months are proven optimal by CP-SAT's portfolio anyway)
    held = None
    short = False  # looked at only where there is a hold
    if least_weekends is not None and not (replanning or small or _cells_kept(m)):
        short = short_of_people(m)
        held = weekends_held(m, model, least_weekends, empty_places=not short)
    if held is not None:
        held_first_rota(m, held, HELD_FIRST_SHARE * first_seconds, workers, seed, stop, offer,
                        wishes_first=not short and len(m.candidates) <= WISHES_FIRST_CANDIDATES)
        if shared.incumbent is None:
            held = None  # the held terms do not fit this month's other rules: search it whole
    if shared.incumbent is None and not stop():
        seconds = min(first_seconds, deadline - clock.monotonic())  # the hold's try aside
        if first_rota(m, model, seconds, workers, seed, stop, offer) == "infeasible":
            return SearchOutcome("infeasible", None, -math.inf, None, relaxed=False)
    relaxed = shared.incumbent is None
    if relaxed:
        model = m.model.clone()
    improver: ImprovingSearch | HeldFirst = ImprovingSearch(
        model, shared, workers, seed, stop, lns_only=shared.incumbent is not None and not small)
    if held is not None:
        holding = ImprovingSearch(held, shared, workers, seed, stop)
        until = clock.monotonic() + HOLD_SHARE * (deadline - clock.monotonic())
        if short:
            # the column generation proves what the shortage costs (110–610 points on the
            # example's short months) beside the held search
            improver = HeldFirst(holding, improver, until)
        else:
            # a month with room: its bound is the weekends' (the column generation proves 0 on
            # the example's March), so both cores hold the weekends first (with exchanges
            # where the held search stalls on a share), the bound after
            search_with_exchanges(m, held, holding, shared, until, workers, seed, stop,
                                  skip=weekend_pairs.WEEKEND_TERMS)
    if shared.incumbent is not None:
        _search_while_bounding(m, model, shared, improver, deadline, stop)
    improver.run(deadline - clock.monotonic())
    status = "optimal" if shared.closed else "feasible"
    return SearchOutcome(status, shared.incumbent, shared.bound, shared.first_found, relaxed, weekend_floor)
