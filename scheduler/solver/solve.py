"""Solve a month: build the model, run CP-SAT with progress, read the rota back, explain
it, and have the independent checker verify it before anyone sees it as valid."""

from __future__ import annotations

import sys
import time as clock
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable, Sequence, TextIO

from ortools.sat.python import cp_model

from scheduler.checker import CheckReport, check_rota
from scheduler.domain import Assignment, Team
from scheduler.solver.constraints import HARD_CONSTRAINTS
from scheduler.solver.explain import explain_lead_duty, explain_shortfall
from scheduler.solver.model import PER_UNIT, RotaModel, SolveOptions
from scheduler.solver.objective import SOFT_GOALS


@dataclass(frozen=True)
class Progress:
    elapsed: float
    objective: float
    bound: float

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)


def relative_gap(objective: float, bound: float) -> float:
    if objective == 0:
        return 0.0 if bound == 0 else 1.0
    return max(0.0, (objective - bound) / abs(objective))


@dataclass
class SolveResult:
    """What a solve produced. ``status`` is one of ``optimal``, ``feasible``, ``infeasible``
    (coverage minima cannot be met), ``no solution`` (time ran out) or ``rejected`` (the
    checker found a hard violation: never shown as a valid rota)."""

    status: str
    year: int
    month: int
    assignments: list[Assignment] = field(default_factory=list)
    objective: float = 0.0
    bound: float = 0.0
    seconds: float = 0.0
    terms: dict[str, float] = field(default_factory=dict)
    term_notes: dict[str, str] = field(default_factory=dict)
    shortfalls: list[str] = field(default_factory=list)
    lead_duties: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: CheckReport | None = None
    variables: int = 0
    first_feasible: float | None = None
    history: list[Progress] = field(default_factory=list)

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)

    @property
    def valid(self) -> bool:
        return self.status in ("optimal", "feasible") and self.report is not None and self.report.ok


class _ProgressPrinter(cp_model.CpSolverSolutionCallback):
    def __init__(self, out: TextIO | None, started: float, sink: list[Progress],
                 on_progress: Callable[[Progress], None] | None):
        super().__init__()
        self.out, self.started, self.sink, self.on_progress = out, started, sink, on_progress

    def on_solution_callback(self) -> None:
        p = Progress(clock.monotonic() - self.started, self.ObjectiveValue() / PER_UNIT,
                     self.BestObjectiveBound() / PER_UNIT)
        self.sink.append(p)
        if self.out is not None:
            print(f"  {p.elapsed:6.1f} s   objective {p.objective:12.1f}   bound {p.bound:12.1f}   "
                  f"gap {100 * p.gap:6.2f} %", file=self.out, flush=True)
        if self.on_progress is not None:
            self.on_progress(p)


def build_model(team: Team, year: int, month: int, history: Sequence[Assignment] = (),
                options: SolveOptions | None = None) -> RotaModel:
    m = RotaModel(team, year, month, history, options)
    for constraint in HARD_CONSTRAINTS:
        constraint(m)
    for goal in SOFT_GOALS:
        goal(m)
    m.model.Minimize(m.objective())
    _add_hint(m)
    return m


def _add_hint(m: RotaModel) -> None:
    """Start from the rota being re-planned (minus what is no longer possible)."""
    if not m.options.keep:
        return
    kept = {(a.person, a.day, a.code) for a in m.options.keep if a.kind == "shift"}
    for c in m.candidates:
        m.model.AddHint(m.x[c.index], (c.person, c.day, c.shift) in kept)


def solve_month(team: Team, year: int, month: int, history: Sequence[Assignment] = (),
                options: SolveOptions | None = None, out: TextIO | None = None,
                on_progress: Callable[[Progress], None] | None = None,
                stop: Callable[[], bool] | None = None) -> SolveResult:
    """Build and solve the month; verify the result with the independent checker."""
    options = options or SolveOptions()
    started = clock.monotonic()
    m = build_model(team, year, month, history, options)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    solver.parameters.relative_gap_limit = 0.0
    sink: list[Progress] = []
    callback = _ProgressPrinter(out if options.progress else None, started, sink, on_progress)
    if stop is not None:
        _watch_stop(solver, stop)
    status = solver.Solve(m.model, callback)
    elapsed = clock.monotonic() - started
    result = SolveResult("no solution", year, month, seconds=elapsed, variables=len(m.model.Proto().variables),
                         warnings=list(m.warnings), history=sink,
                         first_feasible=sink[0].elapsed if sink else None)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:
            result.status = "infeasible"
            result.shortfalls.append("the model has no solution even with coverage relaxed: "
                                     "the history or pinned cells break a rule")
        return result
    result.objective = solver.ObjectiveValue() / PER_UNIT
    result.bound = solver.BestObjectiveBound() / PER_UNIT
    chosen = {c.index for c in m.candidates if solver.Value(m.x[c.index])}
    for name, term in m.terms.items():
        result.terms[name] = sum(solver.Value(v) * c for v, c in zip(term.vars, term.coeffs)) / PER_UNIT
        result.term_notes[name] = term.note
    missing = [(s, solver.Value(s.var)) for s in m.slacks if solver.Value(s.var) > 0]
    result.assignments = read_rota(m, chosen)
    if missing:
        result.status = "infeasible"
        result.terms["coverage minima missed"] = sum(v for _, v in missing)
        result.shortfalls = [explain_shortfall(m, chosen, s, v) for s, v in missing]
        return result
    result.status = "optimal" if status == cp_model.OPTIMAL else "feasible"
    result.lead_duties = [explain_lead_duty(m, chosen, c) for c in m.candidates
                          if c.index in chosen and c.substitute_for is not None
                          and c.substitute_cost > 0]
    result.report = check_rota(team, year, month, result.assignments, history)
    if not result.report.ok:
        result.status = "rejected"
    return result


def _watch_stop(solver: cp_model.CpSolver, stop: Callable[[], bool]) -> None:
    """Stop the search when ``stop()`` turns true (checked from the log callback)."""
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False

    def on_log(_line: str) -> None:
        if stop():
            solver.StopSearch()
    solver.log_callback = on_log


def read_rota(m: RotaModel, chosen: set[int]) -> list[Assignment]:
    """The chosen shifts and the in-month events attended, in the interchange format."""
    rows: list[Assignment] = []
    for c in m.candidates:
        if c.index in chosen:
            rows.append(Assignment(c.person, c.day, c.shift, c.start_at, c.end_at, c.counted / 60, "shift"))
    origin = m.horizon.origin
    for f in m.fixed:
        if f.in_month:
            start = (origin.astimezone(_UTC) + timedelta(minutes=f.start)).astimezone(origin.tzinfo)
            end = (origin.astimezone(_UTC) + timedelta(minutes=f.end)).astimezone(origin.tzinfo)
            rows.append(Assignment(f.person, start.date(), f.label, start, end, f.counted / 60, "event"))
    rows.sort(key=lambda a: (a.start, a.person))
    return rows


from datetime import timezone as _tz  # noqa: E402

_UTC = _tz.utc


def print_report(result: SolveResult, out: TextIO = sys.stdout) -> None:
    """The printed solve report: status, each objective term, bound and gap, time taken."""
    print(f"Rota {result.year}-{result.month:02d}: {result.status}", file=out)
    if result.status in ("optimal", "feasible", "rejected", "infeasible") and result.terms:
        print(f"  objective {result.objective:.1f}, bound {result.bound:.1f}, gap {100 * result.gap:.2f} %,"
              f" {result.seconds:.1f} s, {result.variables} variables", file=out)
        print("  objective terms:", file=out)
        for name, value in result.terms.items():
            note = result.term_notes.get(name, "")
            print(f"    {name:<24} {value:10.1f}   {note}", file=out)
    else:
        print(f"  {result.seconds:.1f} s, {result.variables} variables", file=out)
    if result.shortfalls:
        print("  Coverage minima that cannot be met:", file=out)
        for line in result.shortfalls:
            print(f"    - {line}", file=out)
    if result.lead_duties:
        print("  Where the team lead was needed:", file=out)
        for line in result.lead_duties:
            print(f"    - {line}", file=out)
    for w in result.warnings:
        print(f"  warning: {w}", file=out)
    if result.status == "rejected" and result.report is not None:
        print("  The independent checker rejected this rota; it is not valid:", file=out)
        for v in result.report.hard[:20]:
            print(f"    - [{v.rule}] {v.reason}", file=out)
