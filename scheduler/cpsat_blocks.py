"""Generic CP-SAT building blocks for rostering models.

These functions know nothing about any particular instance format: they work on lists of
literals such as "person p works on day d" or "person p works shift s on day d". They are
used both by the monthly rota solver and by the public-benchmark runner (``bench.curtois``).

Conventions

* A *literal* is a CP-SAT Boolean variable, its negation (``~var``) or a Python ``bool``
  constant. Constants are simplified away in Python, so callers can pass ``False`` for
  "cannot work that day" without creating variables.
* Every created variable gets a meaningful name built from the ``name`` argument, so a model
  dump or a solver log points at the rule (functions that only add constraints take none).
* Soft rules return *penalty terms* ``(variables, coefficients)`` which the caller adds to the
  objective; hard rules return nothing (or the created literal).
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

__all__ = [
    "Literal",
    "PenaltyTerms",
    "add_at_most_one_per_day",
    "add_clause",
    "add_forbidden_successions",
    "add_max_consecutive",
    "add_min_consecutive_runs",
    "add_total_bounds",
    "add_weekend_worked",
    "is_false",
    "is_true",
    "negated",
    "soft_cover",
    "soft_literal",
]

#: a Boolean variable, its negation (``~var``) or a Python bool constant
Literal = cp_model.LiteralT
#: (variables or literals, coefficients) to be summed into a minimised objective.
PenaltyTerms = tuple[list, list[int]]


def is_true(lit: object) -> bool:
    """True for the Python constant ``True`` (or 1); variables are never constant here."""
    return isinstance(lit, bool | int) and bool(lit)


def is_false(lit: object) -> bool:
    """True for the Python constant ``False`` (or 0)."""
    return isinstance(lit, bool | int) and not bool(lit)


def negated(lit: Literal) -> Literal:
    """Negation that also works for Python bool constants (``~False`` would be -1)."""
    if isinstance(lit, bool | int):
        return not bool(lit)
    return ~lit


def add_clause(model: cp_model.CpModel, literals: Sequence[Literal]) -> None:
    """At least one of ``literals`` holds; constant literals are simplified away.

    A clause whose literals are all ``False`` makes the model infeasible (on purpose).
    """
    kept = []
    for lit in literals:
        if is_true(lit):
            return
        if not is_false(lit):
            kept.append(lit)
    model.add_bool_or(kept)


def add_at_most_one_per_day(
    model: cp_model.CpModel,
    shifts_on_day: Sequence[Literal],
    works: Literal | None = None,
) -> None:
    """At most one of the day's shift literals is true.

    If ``works`` ("works that day") is given it is tied to the shifts:
    ``works == sum(shifts_on_day)``, which also gives the LP a tight link.
    """
    variables = [lit for lit in shifts_on_day if not is_false(lit)]
    if any(is_true(lit) for lit in variables):
        raise ValueError("add_at_most_one_per_day expects variables or False constants")
    if works is None:
        if len(variables) > 1:
            model.add_at_most_one(variables)
        return
    if is_false(works):
        for lit in variables:
            model.add(lit == 0)
        return
    model.add(sum(variables) == works)


def add_forbidden_successions(
    model: cp_model.CpModel,
    x_today_s1: Literal,
    x_tomorrow_s2: Literal | Sequence[Literal],
) -> None:
    """Shift s1 today may not be followed by shift s2 tomorrow.

    ``x_tomorrow_s2`` may be one literal or all the literals of tomorrow's shifts that may
    not follow s1. With several, one at-most-one constraint (a clique: today s1 plus the
    forbidden shifts of tomorrow) replaces the pairwise clauses and gives a tighter LP,
    valid when tomorrow's literals are already at most one per day.
    """
    tomorrow = [x_tomorrow_s2] if not isinstance(x_tomorrow_s2, Sequence) else list(x_tomorrow_s2)
    if is_false(x_today_s1):
        return
    tomorrow = [lit for lit in tomorrow if not is_false(lit)]
    if not tomorrow:
        return
    if is_true(x_today_s1) or len(tomorrow) == 1 or any(is_true(t) for t in tomorrow):
        for lit in tomorrow:
            add_clause(model, [negated(x_today_s1), negated(lit)])
        return
    model.add_at_most_one([x_today_s1, *tomorrow])


def add_max_consecutive(
    model: cp_model.CpModel,
    works: Sequence[Literal],
    max_run: int,
    history_run: int = 0,
) -> None:
    """No run of more than ``max_run`` consecutive true literals.

    ``history_run`` is the length of the run that is already going on just before
    ``works[0]`` (e.g. days worked at the end of last month); it shortens the first run.
    Encoded as one linear constraint per sliding window of ``max_run + 1`` days.
    """
    n = len(works)
    if max_run < 0:
        raise ValueError("max_run must be >= 0")
    if history_run > 0:
        head = max(0, max_run - history_run + 1)  # days 0..head-1 may not all be worked
        window = list(works[:head])
        if head == 0:
            if works:
                add_clause(model, [negated(works[0])])
        elif len(window) == head:
            _at_most(model, window, head - 1)
    for start in range(n - max_run):
        _at_most(model, works[start : start + max_run + 1], max_run)


def _at_most(model: cp_model.CpModel, literals: Sequence[Literal], bound: int) -> None:
    variables = [lit for lit in literals if not is_false(lit)]
    fixed = sum(1 for lit in variables if is_true(lit))
    variables = [lit for lit in variables if not is_true(lit)]
    bound -= fixed
    if bound >= len(variables):
        return
    if bound < 0:
        model.add_bool_or([])  # infeasible by construction
    elif bound == 0:
        for lit in variables:
            model.add_bool_or([negated(lit)])
    elif bound == len(variables) - 1:
        model.add_bool_or([negated(lit) for lit in variables])
    else:
        model.add(sum(variables) <= bound)


def add_min_consecutive_runs(
    model: cp_model.CpModel,
    works: Sequence[Literal],
    min_run: int,
    *,
    only_inside_horizon: bool = True,
    before: Literal = False,
    after: Literal = False,
) -> None:
    """Every maximal run of true literals has length >= ``min_run``.

    Encoded by forbidding each too-short pattern ``0 1…1 0`` with one clause
    ``works[s-1] or not works[s] or … or not works[e] or works[e+1]``, the tight encoding
    (the LP relaxation of these clauses is the convex hull for a single pattern).

    With ``only_inside_horizon=True`` (benchmark rule) runs that touch the first or the
    last day are free. Otherwise the days just outside are taken from ``before`` /
    ``after`` (default: not worked), so a run touching the border must also be long enough.
    Apply to days off by passing negated "works" literals.
    """
    n = len(works)
    for length in range(1, min_run):
        for start in range(n - length + 1):
            end = start + length - 1
            if start == 0:
                if only_inside_horizon:
                    continue
                left = before
            else:
                left = works[start - 1]
            if end == n - 1:
                if only_inside_horizon:
                    continue
                right = after
            else:
                right = works[end + 1]
            add_clause(model, [left, *(negated(w) for w in works[start : end + 1]), right])


def add_weekend_worked(
    model: cp_model.CpModel, sat: Literal, sun: Literal, name: str = "weekend_worked"
) -> Literal:
    """Literal that is true exactly when Saturday or Sunday is worked."""
    if is_true(sat) or is_true(sun):
        return True
    days = [lit for lit in (sat, sun) if not is_false(lit)]
    if not days:
        return False
    if len(days) == 1:
        return days[0]
    weekend = model.new_bool_var(name)
    model.add_bool_or([sat, sun]).only_enforce_if(weekend)
    model.add_implication(sat, weekend)
    model.add_implication(sun, weekend)
    return weekend


def add_total_bounds(
    model: cp_model.CpModel,
    literals: Sequence[Literal],
    weights: Sequence[int] | None = None,
    lower: int | None = None,
    upper: int | None = None,
) -> None:
    """``lower <= sum(weights[i] * literals[i]) <= upper`` (weights default to 1).

    Used for total minutes in the period, the number of shifts of a type, worked weekends…
    """
    if weights is None:
        weights = [1] * len(literals)
    constant = 0
    terms = []
    for lit, weight in zip(literals, weights, strict=True):
        if is_true(lit):
            constant += weight
        elif not is_false(lit) and weight:
            terms.append((lit, weight))
    max_sum = constant + sum(w for _, w in terms if w > 0)
    min_sum = constant + sum(w for _, w in terms if w < 0)
    need_lower = lower is not None and lower > min_sum
    need_upper = upper is not None and upper < max_sum
    if not (need_lower or need_upper):
        return
    expr = sum(w * lit for lit, w in terms) + constant
    if need_lower and need_upper:
        model.add_linear_constraint(expr, lower, upper)
    elif need_lower:
        model.add(expr >= lower)
    else:
        model.add(expr <= upper)


def soft_cover(
    model: cp_model.CpModel,
    assigned: Sequence[Literal],
    requirement: int,
    under_weight: int,
    over_weight: int,
    name: str,
) -> PenaltyTerms:
    """Penalty terms for ``len(assigned true) != requirement``.

    Creates ``<name>_under`` (people missing) and ``<name>_over`` (surplus) integer
    variables linked by ``sum(assigned) + under - over == requirement`` with tight domains,
    and returns ``([under, over], [under_weight, over_weight])`` (zero-weight parts are
    left out, and a zero-weighted side becomes an inequality).
    """
    fixed = sum(1 for lit in assigned if is_true(lit))
    variables = [lit for lit in assigned if not is_true(lit) and not is_false(lit)]
    need = requirement - fixed
    if not variables:  # nothing to decide: a constant penalty
        constant = under_weight * max(0, need) + over_weight * max(0, -need)
        return ([1], [constant]) if constant else ([], [])
    total = cp_model.LinearExpr.sum(variables)
    max_under = max(0, need)
    max_over = max(0, len(variables) - need)
    out_vars: list = []
    coeffs: list[int] = []
    under: cp_model.IntVar | int = 0
    over: cp_model.IntVar | int = 0
    if under_weight and max_under:
        under = model.new_int_var(0, max_under, f"{name}_under")
        out_vars.append(under)
        coeffs.append(under_weight)
    if over_weight and max_over:
        over = model.new_int_var(max(0, -need), max_over, f"{name}_over")
        out_vars.append(over)
        coeffs.append(over_weight)
    if under_weight and over_weight:
        model.add(total + under - over == need)
    elif under_weight and max_under:
        model.add(total + under >= need)
    elif over_weight and max_over:
        model.add(total - over <= need)
    return out_vars, coeffs


def soft_literal(lit: Literal, weight: int) -> PenaltyTerms:
    """Penalty ``weight`` paid when ``lit`` is true (pass ``negated(x)`` for "wanted x")."""
    if is_false(lit) or not weight:
        return [], []
    if is_true(lit):
        return [1], [weight]
    return [lit], [weight]
