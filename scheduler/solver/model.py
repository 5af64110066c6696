"""The CP-SAT model of one month's rota: variables, and the bookkeeping that constraint and
objective families share. The families themselves live in ``constraints`` (hard, the law and
the needs) and ``objective`` (soft goals), one function each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ortools.sat.python import cp_model

from scheduler import worktime
from scheduler.domain import Absence, Assignment, CoverageNeed, Person, Team
from scheduler.solver.candidates import (
    Candidate,
    FixedWork,
    Horizon,
    build_candidates,
    fixed_work,
    needs_on,
    counted_minutes,
    row_minutes,
)

#: Objective points per unit: hour-based terms are counted per minute, so count-based terms
#: are scaled by 60 to keep a documented weight meaning "per hour" or "per occurrence".
PER_UNIT = 60
#: Weight of one missing person below a coverage *minimum* in the relaxed model.
COVERAGE_SLACK_WEIGHT = 5000


@dataclass(frozen=True)
class CoverageSlack:
    """A relaxation variable of a hard coverage minimum (zero in every legal rota)."""

    var: cp_model.IntVar
    day: date
    need: CoverageNeed
    what: str  # "people" or a language code
    required: int
    eligible: tuple[int, ...]  # candidate indexes that could count
    #: A window need's stretch (minutes of the horizon) between the shifts' starts and ends.
    span: tuple[int, int] | None = None


@dataclass
class Term:
    """One named soft goal: its linear pieces, so the report can print its value."""

    name: str
    vars: list[cp_model.IntVar | cp_model.BoolVarT] = field(default_factory=list)
    coeffs: list[int] = field(default_factory=list)
    note: str = ""
    #: whose cost each piece is (None for team-wide pieces such as coverage), and the day it
    #: is about (None for monthly pieces such as hours): for per-person and per-day reports
    people: list[str | None] = field(default_factory=list)
    days: list[date | None] = field(default_factory=list)

    def add(self, var: cp_model.IntVar | cp_model.BoolVarT, coeff: int, person: str | None = None,
            day: date | None = None) -> None:
        if coeff:
            self.vars.append(var)
            self.coeffs.append(coeff)
            self.people.append(person)
            self.days.append(day)

    def expression(self) -> cp_model.LinearExpr:
        """What the rota pays in this term (objective units), as an expression of the model."""
        return sum(v * c for v, c in zip(self.vars, self.coeffs))

    def paid(self, values: Sequence[int]) -> int:
        """What the rota ``values`` (one value per model variable) pays in this term
        (objective units)."""
        return sum(paid for _person, _day, paid in self.pieces_paid(values))

    def pieces_paid(self, values: Sequence[int]) -> Iterator[tuple[str | None, date | None, int]]:
        """Each piece the rota ``values`` pays for: whose it is, the day, what it pays
        (objective units)."""
        for var, coeff, person, day in zip(self.vars, self.coeffs, self.people, self.days):
            if paid := value_of(values, var) * coeff:
                yield person, day, paid


def value_of(values: Sequence[int], var: cp_model.IntVar | cp_model.BoolVarT) -> int:
    """The value of ``var`` (a variable or its negation) in a solution ``values`` (one value
    per model variable, proto order)."""
    index = var.Index()
    return 1 - values[-index - 1] if index < 0 else values[index]


@dataclass
class SolveOptions:
    time_limit: float = 30.0
    workers: int = 2
    progress: bool = False
    #: (person, day) → shift code, or None for "off": cells kept as they are.
    pins: dict[tuple[str, date], str | None] = field(default_factory=dict)
    #: A previous rota to stay close to (re-planning): changes are penalised.
    keep: Sequence[Assignment] = ()
    #: Per changed cell when re-planning; None: the team's ``replan_change`` weight.
    keep_weight: int | None = None
    #: Re-planning: the absences the re-plan is for (entered since ``keep`` was planned), of
    #: the team's: the hours band measures how far off ``keep`` had the person against the
    #: goal without them (``search.goal_before_replan``).
    replan_absences: Sequence[Absence] = ()
    seed: int = 0
    #: Duties already fixed after the month (the next month's published rota): the month's
    #: work keeps the daily and weekly rest and the night-worker limit against them.
    following: Sequence[Assignment] = ()
    #: The first day not yet begun (None: the whole month lies ahead). The caller pins the
    #: days before it as they happened; coverage the month can no longer change there (no
    #: duty starting from this day on could fill it) is not asked, as the checker reads it.
    recorded_before: date | None = None
    #: With ``recorded_before``: the moment of the solve — a pinned duty begun before it (one
    #: under way today) has happened too (``RotaModel.settled``), as the checker reads it.
    begun_before: datetime | None = None


class RotaModel:
    """Holds the CP-SAT model, its decision literals and the named objective terms."""

    def __init__(self, team: Team, year: int, month: int, history: Sequence[Assignment] = (),
                 options: SolveOptions | None = None):
        self.team = team
        self.options = options or SolveOptions()
        self.horizon = Horizon.of(year, month)
        self.history = list(history)
        self.model = cp_model.CpModel()
        self.fixed: list[FixedWork] = fixed_work(team, self.horizon, self.history, self.options.following)
        #: The pinned shifts that have happened, (person, day, shift code) (:meth:`_worked`).
        self.worked = self._worked()
        self.candidates: list[Candidate] = build_candidates(team, self.horizon, self.fixed, self.worked)
        self.x: list[cp_model.IntVar] = [
            self.model.NewBoolVar(f"{c.person} {c.day:%m-%d} {c.shift}") for c in self.candidates
        ]
        self.people: dict[str, Person] = {p.id: p for p in team.active_people}
        self.by_person: dict[str, list[Candidate]] = defaultdict(list)
        self.by_person_day: dict[tuple[str, date], list[Candidate]] = defaultdict(list)
        self.by_day_shift: dict[tuple[date, str], list[Candidate]] = defaultdict(list)
        for c in self.candidates:
            self.by_person[c.person].append(c)
            self.by_person_day[(c.person, c.day)].append(c)
            self.by_day_shift[(c.day, c.shift)].append(c)
        self.fixed_by_person: dict[str, list[FixedWork]] = defaultdict(list)
        for f in self.fixed:
            self.fixed_by_person[f.person].append(f)
        #: The minute before which work has happened: the first day not yet begun
        #: (``SolveOptions.recorded_before``) or the solve's moment (``begun_before``), the
        #: month's start without them (the history).
        self.past_until: int = self._past_until()
        #: Indexes of the pinned duties that have happened (days already past, duties begun):
        #: the hard rules treat them as fixed work, as the history: a breach among them alone
        #: is a record (the checker reports it as one), not a reason to find no rota.
        self.settled: frozenset[int] = self._settled()
        self.terms: dict[str, Term] = {}
        self.slacks: list[CoverageSlack] = []
        #: Pinned shifts of days already past that the person can no longer take (person,
        #: day, shift code): the solve is refused rather than rewrite what happened.
        self.past_not_kept: list[tuple[str, date, str]] = []
        #: person → pairs of candidate indexes that exclude each other (posted as cliques)
        self.conflicts: dict[str, set[tuple[int, int]]] = {}
        self.warnings: list[str] = []
        self._works: dict[tuple[str, date], cp_model.IntVar] = {}
        # a shift need on a day its shift does not run asks for nobody (as the checker reads it)
        runs = {st.code: st.weekdays for st in team.shift_types}
        self.needs_by_day: dict[date, list[CoverageNeed]] = {
            d: [n for n in needs_on(team, d) if n.shift is None or d.weekday() in runs.get(n.shift, range(7))]
            for d in self.horizon.days}

    def _worked(self) -> frozenset[tuple[str, date, str]]:
        """The pinned shifts that have happened — of the days already past
        (``SolveOptions.recorded_before``) or begun before the solve's moment (``begun_before``)
        — as (person, day, shift code): kept as worked whatever the team's eligibility now."""
        cut, begun = self.options.recorded_before, self.options.begun_before
        if cut is None:
            return frozenset()
        types = {st.code: st for st in self.team.shift_types}

        def happened(day: date, code: str) -> bool:
            return day < cut or (begun is not None and code in types and types[code].interval(day)[0] < begun)

        return frozenset((person, day, code) for (person, day), code in self.options.pins.items()
                         if code is not None and happened(day, code))

    def _past_until(self) -> int:
        cut, begun = self.options.recorded_before, self.options.begun_before
        if cut is None:
            return 0
        until = self.horizon.midnight(cut)
        return max(until, self.horizon.minute(begun)) if begun is not None else until

    def _settled(self) -> frozenset[int]:
        """The candidates of :attr:`worked`."""
        held = (self.pinned(person, day, code) for person, day, code in self.worked)
        return frozenset(c.index for c in held if c is not None)

    def pinned(self, person: str, day: date, code: str | None) -> Candidate | None:
        """The candidate a pin of ``code`` on ``person``'s ``day`` holds (``constraints.pinned_cells``);
        None for a day off or a shift the person can no longer take."""
        return next((c for c in self.by_person_day.get((person, day), []) if c.shift == code), None)

    # --- shared helpers ---------------------------------------------------------------------
    def term(self, name: str, note: str = "") -> Term:
        if name not in self.terms:
            self.terms[name] = Term(name, note=note)
        return self.terms[name]

    def works(self, person: str, day: date) -> cp_model.IntVar | int:
        """1 when ``person`` starts a shift on ``day`` (0 when they cannot)."""
        cands = self.by_person_day.get((person, day), [])
        if not cands:
            return 0
        key = (person, day)
        if key not in self._works:
            w = self.model.NewBoolVar(f"works {person} {day:%m-%d}")
            if self.people[person].settings.split_duties_allowed:
                # several starts a day are allowed: w is "at least one"
                self.model.AddMaxEquality(w, [self.x[c.index] for c in cands])
            else:
                self.model.Add(sum(self.x[c.index] for c in cands) == w)
            self._works[key] = w
        return self._works[key]

    def history_worked(self, person: str, day: date) -> bool:
        return any(r.person == person and r.day == day and r.kind == "shift" for r in self.history)

    def month_norm_hours(self, person: Person) -> float:
        return self.norm_hours(person, self.horizon.days[0], self.horizon.days[-1])

    def norm_hours(self, person: Person, first: date, last: date) -> float:
        """The person's norm of ``first``..``last`` after their absences (setting
        ``absence_norm_reduction``)."""
        return worktime.person_norm(person, first, last, self.team.absences)

    def period_bounds(self, person: Person) -> tuple[date, date]:
        st = person.settings
        return worktime.accounting_period(self.horizon.year, self.horizon.month,
                                          st.accounting_period_months, st.accounting_period_start_month)

    def history_period_minutes(self, person: Person, first: date | None = None) -> int:
        """Counted minutes already worked in this accounting period (from ``first``) before
        the month."""
        if first is None:
            first, _ = self.period_bounds(person)
        rows = [r for r in self.history if r.person == person.id and first <= r.day < self.horizon.days[0]]
        return sum(row_minutes(self.team, r) for r in rows) + self._earlier_event_minutes(person, first, rows)

    def _earlier_event_minutes(self, person: Person, first: date, rows: list[Assignment]) -> int:
        """The team file's events the person attended from ``first`` to the month's start that
        no history row stands for (not away then): working time the checker counts too."""
        written = {(r.code, r.day) for r in rows if r.kind == "event"}
        away = [a.interval() for a in self.team.absences if a.person == person.id]
        total = 0
        for e in self.team.events:
            if person.id not in e.attendees or not first <= e.day < self.horizon.days[0] or (e.code, e.day) in written:
                continue
            start, end = e.interval()
            if any(a0 < end and start < a1 for a0, a1 in away):
                continue
            total += counted_minutes(person, start, end)
        return total

    def known_period(self, person: Person) -> tuple[date, list[tuple[int, int]]]:
        """Where the balance carried into the month starts — the accounting period's first
        day, or later when the history holds none of the person's duties in an earlier month of
        the period — and those months (:func:`scheduler.worktime.known_period_start`, as the
        checker reads it)."""
        st = person.settings
        months = worktime.known_months({(r.day.year, r.day.month) for r in self.history if r.person == person.id},
                                       {(r.day.year, r.day.month) for r in self.history},
                                       [a for a in self.team.absences if a.person == person.id], person)
        return worktime.known_period_start(self.horizon.year, self.horizon.month, st.accounting_period_months,
                                           st.accounting_period_start_month, months)

    def history_period_minutes_assumed(self, person: Person) -> int:
        """Counted minutes of the accounting period before the month as the 48 h average takes
        them: the known months' duties, and an earlier month whose hours the history does not
        hold as worked to its norm (as the balance takes it; 0 h would let the month exceed the
        average by a whole unknown month)."""
        first, _ = self.period_bounds(person)
        known, _missing = self.known_period(person)
        assumed = round(self.history_period_norm_hours(person, first) * 60) - round(
            self.history_period_norm_hours(person, known) * 60) if known > first else 0
        return assumed + self.history_period_minutes(person, known if known > first else first)

    def history_period_norm_hours(self, person: Person, first: date) -> float:
        if first >= self.horizon.days[0]:
            return 0.0
        return self.norm_hours(person, first, self.horizon.days[0] - timedelta(days=1))

    def lead_line_minutes(self, person: Person) -> int:
        """The team lead's line work allowed this month: what the protected management share
        leaves of the month's norm (job description § 1.4–1.5)."""
        return int((1 - person.settings.protected_management_share) * self.month_norm_hours(person) * 60)

    def target_minutes(self, person: Person) -> int:
        """The month's hours goal in minutes: the month's norm, corrected by the balance
        carried from the known earlier months of the accounting period (TLS § 43, § 46)."""
        first, _missing = self.known_period(person)
        carried = (self.history_period_minutes(person, first)
                   - round(self.history_period_norm_hours(person, first) * 60))
        return round(self.month_norm_hours(person) * 60) - carried

    def fixed_minutes(self, person: str) -> int:
        """Counted minutes of the person's fixed work in the month (events, the history's
        duties into it)."""
        return sum(f.counted for f in self.fixed_by_person.get(person, []) if f.in_month)

    def planned_minutes(self, person: str) -> cp_model.LinearExpr:
        return sum(self.x[c.index] * c.counted for c in self.by_person.get(person, [])) + self.fixed_minutes(person)

    def paid(self, values: Sequence[int], names: Iterable[str]) -> int:
        """What the rota ``values`` pays in the terms ``names`` the month has (objective
        units)."""
        return sum(self.terms[name].paid(values) for name in names if name in self.terms)

    def objective(self) -> cp_model.LinearExpr:
        pieces = [t.expression() for t in self.terms.values()]
        pieces += [s.var * COVERAGE_SLACK_WEIGHT * PER_UNIT for s in self.slacks]
        return sum(pieces)
