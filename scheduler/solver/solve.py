"""Solve a month: build the model, search it (``search``: a first legal rota in about a
second, then CP-SAT's neighbourhood search), show progress, read the rota back, explain it,
and have the independent checker verify it before anyone sees it as valid."""

from __future__ import annotations

import sys
import time as clock
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from ortools.sat.python import cp_model

from scheduler.checker import CheckReport, check_rota
from scheduler.domain import Assignment, Team
from scheduler.solver.candidates import event_rows
from scheduler.solver.constraints import HARD_CONSTRAINTS
from scheduler.solver.explain import (
    explain_lead_duty,
    explain_no_solution,
    explain_past_not_kept,
    explain_pinned_breach,
    explain_search_unfinished,
    explain_shortfall,
    explain_too_few_who_may,
    explain_unproven,
    explain_weekend_floor,
)
from scheduler.solver.model import PER_UNIT, RotaModel, SolveOptions
from scheduler.solver.objective import SOFT_GOALS
from scheduler.solver.search import new_solver, search, stop_when, value_of
from scheduler.solver.weekend_pairs import weekend_places


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


#: The term of a result that counts the people missing below the coverage minima.
COVERAGE_MISSED = "coverage minima missed"


@dataclass
class SolveResult:
    """What a solve produced. ``status`` is one of ``optimal``, ``feasible``, ``infeasible``
    (coverage minima cannot be met), ``no solution`` (time ran out), ``rejected`` (the
    checker found a hard violation: never shown as a valid rota) or ``past not kept`` (a
    pinned shift of a day already past the person can no longer take: not solved, the
    ``shortfalls`` name the cells). For ``infeasible`` the
    assignments and terms are those of the relaxed model that leaves the fewest people
    missing (to explain the shortfalls, never to be applied) and ``objective`` stays 0."""

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
    #: Why no rota costs less than the proven bound, where that can be said (the bound from
    #: whole weekends: ``explain.explain_weekend_floor``).
    bound_notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report: CheckReport | None = None
    variables: int = 0
    first_feasible: float | None = None
    history: list[Progress] = field(default_factory=list)

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)

    @property
    def coverage_short(self) -> bool:
        """Whether the shortfalls are coverage minima the month cannot meet (the relaxed model's
        fewest missing people); an ``infeasible`` month without them has no rota whatever the
        coverage (what it keeps breaks a rule)."""
        return COVERAGE_MISSED in self.terms

    @property
    def valid(self) -> bool:
        return self.status in ("optimal", "feasible") and self.report is not None and self.report.ok


def build_model(team: Team, year: int, month: int, history: Sequence[Assignment] = (),
                options: SolveOptions | None = None) -> RotaModel:
    m = RotaModel(team, year, month, history, options)
    _warn_of_unknown_period_months(m)
    for constraint in HARD_CONSTRAINTS:
        constraint(m)
    for goal in SOFT_GOALS:
        goal(m)
    m.model.Minimize(m.objective())
    _add_hint(m)
    return m


def _warn_of_unknown_period_months(m: RotaModel) -> None:
    """TLS § 46: earlier months of the accounting period whose duties are not in the history
    are taken as worked to the norm; say so once per period for months with no rota at all,
    and per person for months whose rota holds none of the person's duties (as the checker)."""
    any_rows = {(r.day.year, r.day.month) for r in m.history}
    said: set[tuple[tuple[int, int], ...]] = set()
    for p in m.people.values():
        _first, missing = m.known_period(p)
        no_rota = tuple(ym for ym in missing if ym not in any_rows)
        not_in_it = [ym for ym in missing if ym in any_rows]
        if no_rota and no_rota not in said:
            said.add(no_rota)
            m.warnings.append(f"the history holds no rota of {_months(no_rota)} (earlier months of the "
                              "accounting period): they are taken as worked to the norm; give their output "
                              "folders with --history to carry the real balance")
        if not_in_it:
            m.warnings.append(f"{p.name} has no duties in the history's rota of {_months(not_in_it)}: "
                              "taken as worked to the norm, as for someone new in the team")


def _months(months: Sequence[tuple[int, int]]) -> str:
    return ", ".join(f"{y}-{mo:02d}" for y, mo in months)


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
    """Build and solve the month (``search``: a first legal rota, then a neighbourhood search
    and a proving CP-SAT search in parallel); verify the result with the independent checker."""
    options = options or SolveOptions()
    started = clock.monotonic()
    m = build_model(team, year, month, history, options)
    if m.past_not_kept:
        return SolveResult("past not kept", year, month, seconds=clock.monotonic() - started,
                           variables=len(m.model.Proto().variables), warnings=list(m.warnings),
                           shortfalls=[explain_past_not_kept(m, *cell) for cell in m.past_not_kept])
    sink: list[Progress] = []
    printer = _progress_printer(out if options.progress else None, sink, on_progress)
    outcome = search(m, time_limit=options.time_limit, workers=options.workers, seed=options.seed,
                     started=started, on_progress=printer, stop=stop or (lambda: False))
    if outcome.status == "infeasible":
        return _explain_infeasible(m, team, year, month, options, started, sink, stop or (lambda: False))
    result = SolveResult("no solution", year, month, seconds=clock.monotonic() - started,
                         variables=len(m.model.Proto().variables), warnings=list(m.warnings), history=sink,
                         first_feasible=outcome.first_found)
    inc = outcome.incumbent
    if inc is None:
        return result
    values = inc.values
    result.objective = inc.objective / PER_UNIT
    result.bound = max(outcome.bound, 0.0) / PER_UNIT
    chosen = {c.index for c in m.candidates if values[m.x[c.index].Index()]}
    _read_terms(m, values, result)
    result.assignments = read_rota(m, chosen)
    missing = [(s, value_of(values, s.var)) for s in m.slacks if value_of(values, s.var) > 0]
    if missing:
        # not proven impossible: the time ran out before every minimum was met
        result.terms[COVERAGE_MISSED] = sum(v for _, v in missing)
        result.shortfalls = [explain_shortfall(m, chosen, s, v, settled=False) for s, v in missing]
        result.assignments = []
        return result
    result.status = outcome.status
    result.lead_duties = [explain_lead_duty(m, chosen, c, settled=outcome.status == "optimal") for c in m.candidates
                          if c.index in chosen and c.last_resort]
    if outcome.weekend_floor is not None and outcome.weekend_floor >= outcome.bound:
        result.bound_notes.append(explain_weekend_floor(outcome.weekend_floor / PER_UNIT, weekend_places(m)))
    result.report = check_rota(team, year, month, result.assignments, history, options.recorded_before,
                               options.begun_before)
    if not result.report.ok:
        result.status = "rejected"
    if not chosen and any(p.norm_hours > 0 for p in result.report.people) and result.status != "optimal":
        result.warnings.append("the rota has no shifts: the search found nothing better than the empty rota "
                               f"in {options.time_limit:g} s; give it more time (--time-limit)")
    return result


def _pinned_breaches(m: RotaModel, team: Team, year: int, month: int) -> list[str]:
    """The hard rules that the cells kept as they are (pins: days already past, duties begun,
    the planner's fixed cells) break, with the team's events, in the checker's words: why the
    month has no rota at all. A breach what has happened makes on its own is a record the
    model lets stand (``RotaModel.settled``), so what is named here involves a pinned cell
    not yet past, or an event ahead."""
    held = {c.index for (person, day), code in m.options.pins.items() if (c := m.pinned(person, day, code))}
    report = check_rota(team, year, month, read_rota(m, held), m.history, m.options.recorded_before,
                        m.options.begun_before)
    return [explain_pinned_breach(v.message) for v in report.hard
            if v.message is not None and v.rule != "coverage_minimum"]


def _explain_infeasible(m: RotaModel, team: Team, year: int, month: int, options: SolveOptions,
                        started: float, sink: list[Progress], stop: Callable[[], bool]) -> SolveResult:
    """The minima cannot all be met: find the fewest missing people (coverage slack) and say
    for each where and why."""
    result = SolveResult("infeasible", year, month, variables=len(m.model.Proto().variables),
                         warnings=list(m.warnings), history=sink)
    relaxed = m.model.clone()
    relaxed.Minimize(sum(s.var for s in m.slacks))
    solver = new_solver(max(1.0, options.time_limit - (clock.monotonic() - started)), options.workers, options.seed)
    stop_when(solver, stop)
    status = solver.Solve(relaxed)
    result.seconds = clock.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        fallback = explain_no_solution() if status == cp_model.INFEASIBLE else explain_search_unfinished()
        result.shortfalls.extend(_pinned_breaches(m, team, year, month) or [fallback])
        return result
    values = list(solver.response_proto.solution)
    chosen = {c.index for c in m.candidates if values[m.x[c.index].Index()]}
    _read_terms(m, values, result)
    missing = [(s, value_of(values, s.var)) for s in m.slacks if value_of(values, s.var) > 0]
    result.terms[COVERAGE_MISSED] = sum(v for _, v in missing)
    settled = status == cp_model.OPTIMAL
    result.shortfalls = [explain_shortfall(m, chosen, s, v, settled) for s, v in missing]
    if not settled:
        result.shortfalls.insert(0, explain_unproven(sum(v for _, v in missing)))
    result.shortfalls[:0] = explain_too_few_who_may(m)  # the plain cause first, if there is one
    result.assignments = read_rota(m, chosen)
    return result


def _read_terms(m: RotaModel, values: Sequence[int], result: SolveResult) -> None:
    for name, term in m.terms.items():
        result.terms[name] = term.paid(values) / PER_UNIT
        result.term_notes[name] = term.note


def _progress_printer(out: TextIO | None, sink: list[Progress],
                      on_progress: Callable[[Progress], None] | None) -> Callable[[float, int, float], None]:
    """Records (and prints) each better rota or tighter bound: objective, bound, gap, time."""
    def report(elapsed: float, objective: int, bound: float) -> None:
        p = Progress(elapsed, objective / PER_UNIT, max(bound, 0.0) / PER_UNIT)
        sink.append(p)
        if out is not None:
            proven = (f"bound {p.bound:12.1f}   gap {100 * p.gap:6.2f} %" if p.bound > 0
                      else f"bound {'—':>12}   gap {'—':>6}")
            print(f"  {p.elapsed:6.1f} s   objective {p.objective:12.1f}   {proven}", file=out, flush=True)
        if on_progress is not None:
            on_progress(p)
    return report


def read_rota(m: RotaModel, chosen: set[int]) -> list[Assignment]:
    """The chosen shifts and the in-month events attended, in the interchange format."""
    rows: list[Assignment] = []
    for c in m.candidates:
        if c.index in chosen:
            rows.append(Assignment(c.person, c.day, c.shift, c.start_at, c.end_at, c.counted / 60, "shift"))
    rows.extend(event_rows(m.horizon, m.fixed))
    rows.sort(key=lambda a: (a.start, a.person))
    return rows


def print_report(result: SolveResult, out: TextIO | None = None) -> None:
    """The printed solve report: status, each objective term, bound and gap, time taken
    (on ``out``, standard output as it is when called)."""
    out = out if out is not None else sys.stdout
    print(f"Rota {result.year}-{result.month:02d}: {result.status}", file=out)
    if result.status in ("optimal", "feasible", "rejected") and result.terms:
        bound = (f"bound {result.bound:.1f}, gap {100 * result.gap:.2f} %" if result.bound > 0 or result.objective == 0
                 else "no lower bound above 0 proven in the time")
        first = f", first rota after {result.first_feasible:.1f} s" if result.first_feasible is not None else ""
        print(f"  objective {result.objective:.1f}, {bound}, {result.seconds:.1f} s{first}, "
              f"{result.variables} variables", file=out)
        print("  objective terms:", file=out)
        for name, value in result.terms.items():
            note = result.term_notes.get(name, "")
            print(f"    {name:<24} {value:10.1f}   {note}", file=out)
        for note in result.bound_notes:
            print(f"  bound: {note}", file=out)
    else:
        print(f"  {result.seconds:.1f} s, {result.variables} variables", file=out)
    if result.shortfalls and result.status == "past not kept":
        print("  Days already past that the rota can no longer hold as they happened:", file=out)
        for line in result.shortfalls:
            print(f"    - {line}", file=out)
    elif result.shortfalls and not result.coverage_short:
        print("  No rota is possible:", file=out)
        for line in result.shortfalls:
            print(f"    - {line}", file=out)
    elif result.shortfalls:
        missed = int(result.terms[COVERAGE_MISSED])
        print(f"  Coverage minima that cannot be met ({missed} missing):" if result.status == "infeasible"
              else f"  Coverage minima not met when the time ran out ({missed} missing):", file=out)
        for line in result.shortfalls:
            print(f"    - {line}", file=out)
    if result.lead_duties:
        print("  Where the team lead was needed:", file=out)
        for line in result.lead_duties:
            print(f"    - {line}", file=out)
    if result.report is not None and result.report.recorded_breaches:
        print("  Breaches of the working-time law on days already past (recorded as they happened; "
              "the plan cannot undo them):", file=out)
        for v in result.report.recorded_breaches:
            print(f"    - [{v.rule}] {v.reason}", file=out)
    for w in result.warnings:
        print(f"  warning: {w}", file=out)
    if result.status == "rejected" and result.report is not None:
        print("  The independent checker rejected this rota; it is not valid:", file=out)
        for v in result.report.hard[:20]:
            print(f"    - [{v.rule}] {v.reason}", file=out)
