"""How a month's model is searched within its time limit.

1. **A first legal rota** (``first_rota``): the model with every coverage minimum hard and no
   objective is a plain feasibility problem that CP-SAT's feasibility-jump local search
   solves in well under a second on the example; if it is proven infeasible the caller
   explains why, if it runs out of time the minima stay relaxed (slack variables with a
   prohibitive weight) and the search below tries to remove the slack.
2. **Two searches in parallel** from that rota, sharing the best rota found:
   - a *proving* CP-SAT search of the whole model (``ProvingSearch``), started from the best
     rota, which supplies the lower bound (and now and then a better rota);
   - a *large-neighbourhood search* (``NeighbourhoodSearch``): keep most of the rota as it
     is, free a few people for the whole month, or everybody over a few days, or both, and let
     CP-SAT re-solve that part optimally. Neighbourhoods follow the structure of a rota, which
     CP-SAT's generic neighbourhoods do not know; their size adapts to how hard they were.

Everything is measured in objective points (the model's integer objective); the caller
divides by ``PER_UNIT`` for display.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time as clock
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ortools.sat.python import cp_model

from scheduler.solver.model import RotaModel

#: Seconds a neighbourhood may take at first; it grows when many in a row end without improving.
SUB_SOLVE_SECONDS = 1.0
#: Share of the time limit the first-rota search may use before the search goes on relaxed.
FIRST_ROTA_SHARE = 0.4
#: The first rota asks for everybody's hours within this many hours of their goal.
NORM_BAND_HOURS = 4
LNS = True
SUB_PARAMS = ""


@dataclass
class Incumbent:
    """The best complete assignment so far: one value per model variable (proto order)."""

    values: list[int]
    objective: int
    found_at: float
    source: str


@dataclass
class SearchOutcome:
    """What the search produced for the caller to read back and report."""

    status: str  # "feasible", "optimal", "infeasible" (minima proven impossible), "unknown"
    incumbent: Incumbent | None
    bound: float
    first_found: float | None
    relaxed: bool  # the coverage minima were soft (slack) in the model searched
    iterations: int = 0
    improvements: dict[str, int] = field(default_factory=dict)


class SharedBest:
    """The best rota and bound, shared by the searches running in parallel threads."""

    def __init__(self, started: float, on_progress: Callable[[float, int, float], None]):
        self.started = started
        self.lock = threading.Lock()
        self.incumbent: Incumbent | None = None
        self.bound: float = -math.inf
        self.on_progress = on_progress
        self.first_found: float | None = None
        self.finished = threading.Event()

    def elapsed(self) -> float:
        return clock.monotonic() - self.started

    def offer(self, values: Sequence[int], objective: int, source: str) -> bool:
        """Keep ``values`` if they are at least as good as the incumbent (equal is accepted:
        moving sideways helps the neighbourhood search leave a plateau)."""
        with self.lock:
            better = self.incumbent is None or objective < self.incumbent.objective
            if self.incumbent is not None and objective > self.incumbent.objective:
                return False
            self.incumbent = Incumbent(list(values), objective, self.elapsed(), source)
            if self.first_found is None:
                self.first_found = self.incumbent.found_at
        if better:
            self.on_progress(self.elapsed(), objective, self.bound)
        return better

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


def _fix(model: cp_model.CpModel, variables: Sequence[cp_model.IntVar], values: Sequence[int]) -> None:
    """Fixes each variable to its value (through its domain, so presolve drops it at once)."""
    proto = model.Proto()
    for var, value in zip(variables, values):
        domain = proto.variables[var.Index()].domain
        if len(domain) == 2:
            domain[0] = value
            domain[1] = value
        else:
            model.Add(var == value)


def _hint_all(model: cp_model.CpModel, values: Sequence[int]) -> None:
    proto = model.Proto()
    proto.clear_solution_hint()
    proto.solution_hint.vars.extend(range(len(values)))
    proto.solution_hint.values.extend(values)


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    return solver


def strict_model(m: RotaModel) -> cp_model.CpModel:
    """The month's model with every coverage minimum hard (slack fixed to zero)."""
    model = m.model.clone()
    _fix(model, [s.var for s in m.slacks], [0] * len(m.slacks))
    return model


def first_rota(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
               stop: Callable[[], bool]) -> tuple[str, list[int] | None]:
    """A first assignment of the shift variables that keeps every hard rule: ("feasible",
    x-values), ("infeasible", None) when none exists, or ("unknown", None) out of time.

    It first asks for everybody's hours within ``NORM_BAND_HOURS`` of their goal, which
    feasibility jump finds as fast as any rota and which starts the optimisation far closer
    to a good rota; if that fails quickly it asks for any legal rota."""
    deadline = clock.monotonic() + seconds
    banded = model.clone()
    banded.ClearObjective()
    for person, p in m.people.items():
        target, band = m.target_minutes(p), NORM_BAND_HOURS * 60
        banded.AddLinearConstraint(m.planned_minutes(person), target - band, target + band)
    status, values = _feasible(m, banded, min(seconds * 0.25, 5.0), workers, seed, stop)
    if status == "feasible":
        return status, values
    plain = model.clone()
    plain.ClearObjective()
    return _feasible(m, plain, deadline - clock.monotonic(), workers, seed, stop)


def _feasible(m: RotaModel, model: cp_model.CpModel, seconds: float, workers: int, seed: int,
              stop: Callable[[], bool]) -> tuple[str, list[int] | None]:
    solver = _solver(seconds, workers, seed)
    _stop_when(solver, stop)
    status = solver.Solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "feasible", [solver.Value(x) for x in m.x]
    if status == cp_model.INFEASIBLE:
        return "infeasible", None
    return "unknown", None


def complete(m: RotaModel, model: cp_model.CpModel, x_values: Sequence[int], seed: int) -> tuple[list[int], int] | None:
    """Every variable's value (objective helpers set at their best) for the shifts
    ``x_values``; None if those shifts break a rule of ``model``."""
    fixed = model.clone()
    fixed.ClearHints()
    _fix(fixed, m.x, x_values)
    solver = _solver(10.0, 1, seed)
    if solver.Solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(solver.response_proto.solution), int(round(solver.ObjectiveValue()))


def _stop_when(solver: cp_model.CpSolver, stop: Callable[[], bool],
               on_bound: Callable[[float], None] | None = None) -> None:
    """Stops ``solver`` when ``stop()`` turns true; passes bound improvements to ``on_bound``
    (both read from the search log, which CP-SAT writes as it goes)."""
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False
    pattern = re.compile(r"next:\[(-?[0-9]+)")

    def on_log(line: str) -> None:
        if stop():
            solver.StopSearch()
        if on_bound is not None and line.startswith("#"):
            found = pattern.search(line)
            if found:
                on_bound(float(found.group(1)))
    solver.log_callback = on_log


class _Improvements(cp_model.CpSolverSolutionCallback):
    def __init__(self, shared: SharedBest, source: str):
        super().__init__()
        self.shared, self.source = shared, source

    def on_solution_callback(self) -> None:
        self.shared.offer(self.response_proto.solution, int(round(self.ObjectiveValue())), self.source)
        self.shared.raise_bound(self.BestObjectiveBound())


class ProvingSearch:
    """CP-SAT on the whole model, started from the best rota: it proves the lower bound (the
    LP relaxation with cuts and the search tree) and may also find better rotas."""

    def __init__(self, model: cp_model.CpModel, shared: SharedBest, workers: int, seed: int,
                 stop: Callable[[], bool]):
        self.model, self.shared, self.workers, self.seed, self.stop = model, shared, workers, seed, stop
        self.solver: cp_model.CpSolver | None = None
        self.status: int | None = None

    def run(self, seconds: float) -> None:
        model = self.model.clone()
        if self.shared.incumbent is not None:
            _hint_all(model, self.shared.incumbent.values)
        solver = _solver(seconds, self.workers, self.seed)
        self.solver = solver
        _stop_when(solver, lambda: self.stop() or self.shared.closed, self.shared.raise_bound)
        self.status = solver.Solve(model, _Improvements(self.shared, "cp-sat"))
        if self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.shared.offer(solver.response_proto.solution, int(round(solver.ObjectiveValue())), "cp-sat")
            self.shared.raise_bound(solver.BestObjectiveBound())
        if self.status == cp_model.OPTIMAL:
            self.shared.raise_bound(solver.ObjectiveValue())
        self.shared.finished.set()

    def halt(self) -> None:
        if self.solver is not None:
            self.solver.StopSearch()


@dataclass
class _Kind:
    """One kind of neighbourhood with its adaptive size (share of the rota it frees)."""

    name: str
    pick: Callable[[float], set[str | tuple[str, int]]]
    size: float = 0.15
    calls: int = 0
    improved: int = 0


class NeighbourhoodSearch:
    """Large-neighbourhood search shaped by the rota: cells (person, day) outside the chosen
    neighbourhood keep the incumbent's shifts; CP-SAT re-optimises the rest."""

    def __init__(self, m: RotaModel, model: cp_model.CpModel, shared: SharedBest, workers: int,
                 seed: int, stop: Callable[[], bool]):
        self.m, self.model, self.shared, self.workers, self.stop = m, model, shared, workers, stop
        self.rng = random.Random(seed)
        self.seed = seed
        self.people = sorted(m.people)
        self.days = list(range(len(m.horizon.days)))
        self.day_index = {d: i for i, d in enumerate(m.horizon.days)}
        self.cells: dict[tuple[str, int], list[int]] = {}
        for c in m.candidates:
            self.cells.setdefault((c.person, self.day_index[c.day]), []).append(c.index)
        self.kinds = [
            _Kind("people", self._some_people, 0.15),
            _Kind("days", self._some_days, 0.15),
            _Kind("people×days", self._people_and_days, 0.3),
            _Kind("costly people", self._costly_people, 0.15),
        ]
        self.iterations = 0
        self.seconds = SUB_SOLVE_SECONDS
        self.stalled = 0

    # --- neighbourhoods ---------------------------------------------------------------------
    def _count(self, share: float, total: int, least: int = 1) -> int:
        return max(least, min(total, int(round(share * total))))

    def _some_people(self, size: float) -> set[str | tuple[str, int]]:
        return set(self.rng.sample(self.people, self._count(size, len(self.people), 2)))

    def _some_days(self, size: float) -> set[str | tuple[str, int]]:
        length = self._count(size, len(self.days), 2)
        first = self.rng.randrange(0, len(self.days) - length + 1)
        return {(p, d) for p in self.people for d in range(first, first + length)}

    def _people_and_days(self, size: float) -> set[str | tuple[str, int]]:
        root = math.sqrt(size)
        people = self.rng.sample(self.people, self._count(root, len(self.people), 2))
        length = self._count(root, len(self.days), 3)
        first = self.rng.randrange(0, len(self.days) - length + 1)
        return {(p, d) for p in people for d in range(first, first + length)}

    def _costly_people(self, size: float) -> set[str | tuple[str, int]]:
        cost = self._person_costs()
        k = self._count(size, len(self.people), 2)
        ranked = sorted(self.people, key=lambda p: (-cost.get(p, 0), self.rng.random()))
        chosen = set(ranked[: max(1, k // 2)])
        rest = [p for p in self.people if p not in chosen]
        chosen.update(self.rng.sample(rest, min(len(rest), k - len(chosen))))
        return set(chosen)

    def _person_costs(self) -> dict[str, int]:
        inc = self.shared.incumbent
        out: dict[str, int] = {}
        if inc is None:
            return out
        for term in self.m.terms.values():
            for var, coeff, person in zip(term.vars, term.coeffs, term.people):
                if person is not None:
                    out[person] = out.get(person, 0) + coeff * _value(inc.values, var)
        return out

    # --- the loop ---------------------------------------------------------------------------
    def _free_indexes(self, chosen: set[str | tuple[str, int]]) -> set[int]:
        free: set[int] = set()
        for (person, day), idx in self.cells.items():
            if person in chosen or (person, day) in chosen:
                free.update(idx)
        return free

    def step(self, deadline: float) -> None:
        inc = self.shared.incumbent
        if inc is None:
            return
        kind = self.kinds[self.iterations % len(self.kinds)]
        self.iterations += 1
        kind.calls += 1
        free = self._free_indexes(kind.pick(kind.size))
        sub = self.model.clone()
        fixed_vars = [x for i, x in enumerate(self.m.x) if i not in free]
        _fix(sub, fixed_vars, [inc.values[x.Index()] for x in fixed_vars])
        _hint_all(sub, inc.values)
        seconds = min(self.seconds, max(0.05, deadline - clock.monotonic()))
        solver = _solver(seconds, self.workers, self.seed + self.iterations)
        if SUB_PARAMS:
            solver.parameters.merge_text_format(SUB_PARAMS)
        _stop_when(solver, lambda: self.stop() or self.shared.finished.is_set())
        status = solver.Solve(sub)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            kind.size = max(0.02, kind.size * 0.8)
            return
        objective = int(round(solver.ObjectiveValue()))
        if self.shared.offer(solver.response_proto.solution, objective, f"lns {kind.name}"):
            kind.improved += 1
            self.stalled = 0
            self.seconds = SUB_SOLVE_SECONDS
        else:
            self.stalled += 1
            if self.stalled % 20 == 0:
                self.seconds = min(4 * SUB_SOLVE_SECONDS, self.seconds * 1.5)
        if status == cp_model.OPTIMAL:
            kind.size = min(0.9, kind.size * 1.2)
        else:
            kind.size = max(0.02, kind.size * 0.85)

    def run(self, deadline: float) -> None:
        while clock.monotonic() < deadline - 0.05 and not self.stop() and not self.shared.finished.is_set():
            if self.shared.closed:
                break
            self.step(deadline)


def _value(values: Sequence[int], var) -> int:  # noqa: ANN001 - IntVar, BoolVar or their negation
    index = var.Index()
    if index < 0:
        return 1 - values[-index - 1]
    return values[index]


def search(m: RotaModel, *, time_limit: float, workers: int, seed: int, started: float,
           on_progress: Callable[[float, int, float], None], stop: Callable[[], bool]) -> SearchOutcome:
    """Runs the phases described in the module docstring until ``time_limit`` seconds after
    ``started`` (a ``time.monotonic()`` stamp)."""
    deadline = started + time_limit
    shared = SharedBest(started, on_progress)
    model = strict_model(m)
    first_seconds = max(1.0, FIRST_ROTA_SHARE * (deadline - clock.monotonic()))
    verdict, x_values = first_rota(m, model, first_seconds, workers, seed, stop)
    relaxed = False
    if verdict == "infeasible":
        return SearchOutcome("infeasible", None, -math.inf, None, relaxed=False)
    if verdict == "unknown":
        relaxed, model = True, m.model.clone()
        x_values = [0] * len(m.x)
    assert x_values is not None
    done = complete(m, model, x_values, seed)
    if done is None:
        return SearchOutcome("unknown", None, -math.inf, None, relaxed)
    shared.offer(done[0], done[1], "first rota")
    lns_workers = max(1, workers - workers // 2) if workers > 1 else 1
    prover = ProvingSearch(model, shared, max(1, workers // 2) if LNS else workers, seed, stop)
    lns = NeighbourhoodSearch(m, model, shared, lns_workers, seed, stop)
    if not LNS:
        prover.run(deadline - clock.monotonic())
    elif workers > 1:
        thread = threading.Thread(target=prover.run, args=(deadline - clock.monotonic(),), daemon=True)
        thread.start()
        lns.run(deadline)
        prover.halt()
        thread.join()
    else:
        lns.run(started + 0.7 * time_limit)
        prover.run(deadline - clock.monotonic())
    status = "optimal" if shared.closed else "feasible"
    return SearchOutcome(status, shared.incumbent, shared.bound, shared.first_found, relaxed, lns.iterations,
                         {k.name: k.improved for k in lns.kinds})
