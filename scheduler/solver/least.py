"""The objective's helper variables at the least value a rota allows.

The soft goals (``objective``) measure a rota through helper variables held up by lower
bounds only: ``dev ≥ planned − goal − tolerance``, ``split ≥ saturday − sunday``, ``miss ≥
1 − met``. The objective pushes them down, so an *optimal* solution has each at its least —
but a solution CP-SAT returns before that need not: a neighbourhood that keeps a helper at
its old value while it moves the shifts under it leaves the helper above what the new rota
costs (measured on January 2027 after 8 s: "hours vs norm" 29 100 points printed, 7 625 for
the rota's real hours; Margus exactly on his norm charged 4 380). The report printed those
values, and the search kept or dropped rotas by them.

:class:`LeastHelpers` reads from the model which variables are such helpers (a positive
objective coefficient, in no constraint but one-sided linear ones, not a shift of the rota)
and gives every solution its helpers at their least and its real objective. Lowering a helper to its least keeps the
rota legal: it only loosens the constraints that hold it from above.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence

import numpy as np
from ortools.sat.python import cp_model

#: A linear constraint's side beyond this is open (CP-SAT writes ±2^63 − 1 for "no bound").
_OPEN = 2 ** 62


#: A variable or literal reference in a constraint's text form.
_REF = re.compile(r"\b(?:vars|literals|enforcement_literal): (-?\d+)")


def _refs(constraint) -> set[int]:
    """Every variable a constraint of the model proto refers to (through its text form: the
    proto's many constraint kinds, read one way)."""
    return {int(r) if int(r) >= 0 else -int(r) - 1 for r in _REF.findall(str(constraint))}


def _literals(constraint) -> set[int]:
    """:func:`_refs`, read straight from the clauses and cliques the model is made of."""
    for kind in ("bool_and", "bool_or", "at_most_one", "exactly_one"):
        if getattr(constraint, f"has_{kind}")():
            refs = [*getattr(constraint, kind).literals, *constraint.enforcement_literal]
            return {r if r >= 0 else -r - 1 for r in refs}
    return _refs(constraint)


class LeastHelpers:
    """The helpers of ``model``'s objective and the one-sided constraints that bound them
    from below, read once; :meth:`tightened` applies them to a solution."""

    def __init__(self, model: cp_model.CpModel, rota: Sequence[cp_model.IntVar]):
        """``rota``: the decision variables (the shifts), which no tightening changes."""
        proto = model.Proto()
        self.size = len(proto.variables)
        objective = proto.objective
        self.objective_refs = np.array(list(objective.vars), dtype=np.int64)
        self.objective_coeffs = np.array(list(objective.coeffs), dtype=np.int64)
        self.offset = objective.offset
        self.scaling = objective.scaling_factor or 1.0
        helpers = ({ref for ref, coeff in zip(objective.vars, objective.coeffs) if ref >= 0 and coeff > 0}
                   - {x.Index() for x in rota})
        not_helpers: set[int] = set()
        below: list[tuple[int, int, int, list[int], list[int]]] = []  # helper, its coeff, side, others
        for ct in proto.constraints:
            linear = ct.linear if ct.has_linear() else None
            if linear is None or len(ct.enforcement_literal) or len(linear.domain) != 2:
                not_helpers.update(_literals(ct))
                continue
            refs, coeffs = list(linear.vars), list(linear.coeffs)
            mine = [(i, r if r >= 0 else -r - 1) for i, r in enumerate(refs) if (r if r >= 0 else -r - 1) in helpers]
            if not mine:
                continue
            low, high = linear.domain
            open_low, open_high = low <= -_OPEN, high >= _OPEN
            for i, var in mine:
                ref, coeff = refs[i], coeffs[i]
                if ref < 0 or open_low == open_high:
                    not_helpers.add(var)  # two-sided (an equality) or negated: fixed by it
                elif (coeff > 0 and open_high) or (coeff < 0 and open_low):
                    below.append((var, coeff, low if open_high else high, refs[:i] + refs[i + 1:],
                                  coeffs[:i] + coeffs[i + 1:]))
                # else: an upper bound on the helper, which lowering it only loosens
        self.helpers = np.array(sorted(helpers - not_helpers), dtype=np.int64)
        rows = [b for b in below if b[0] not in not_helpers]
        self.row_helper = np.array([r[0] for r in rows], dtype=np.int64)
        self.row_coeff = np.array([r[1] for r in rows], dtype=np.int64)
        self.row_side = np.array([r[2] for r in rows], dtype=np.int64)
        self.term_row = np.array([i for i, r in enumerate(rows) for _ in r[3]], dtype=np.int64)
        refs = [ref for r in rows for ref in r[3]]
        coeffs = [c for r in rows for c in r[4]]
        # a negated literal ¬y = 1 − y: its coefficient moves to the side
        self.term_var = np.array([ref if ref >= 0 else -ref - 1 for ref in refs], dtype=np.int64)
        self.term_coeff = np.array([c if ref >= 0 else -c for ref, c in zip(refs, coeffs)], dtype=np.int64)
        for row, ref, c in zip(self.term_row, refs, coeffs):
            if ref < 0:
                self.row_side[row] -= c
        self.floor = np.array([proto.variables[v].domain[0] for v in range(self.size)], dtype=np.int64)

    def tightened(self, values: Sequence[int]) -> tuple[list[int], int]:
        """``values`` (a solution of the model, or of a clone of it with more variables
        after) with every helper at its least, and the objective they give."""
        out = np.array(values, dtype=np.int64)
        if len(self.row_helper):
            given = out[:self.size].copy()
            for _ in range(len(self.helpers) + 1):  # a helper bounded by another: until settled
                rest = np.bincount(self.term_row, weights=self.term_coeff * out[self.term_var],
                                   minlength=len(self.row_helper)).astype(np.int64)
                bounds = -np.floor_divide(-(self.row_side - rest), self.row_coeff)  # ceil
                least = self.floor[:self.size].copy()
                np.maximum.at(least, self.row_helper, bounds)
                new = np.minimum(given[self.helpers], least[self.helpers])
                if np.array_equal(new, out[self.helpers]):
                    break
                out[self.helpers] = new
        refs = self.objective_refs
        at = np.where(refs >= 0, out[np.where(refs >= 0, refs, 0)], 1 - out[np.where(refs < 0, -refs - 1, 0)])
        total = int(np.dot(self.objective_coeffs, at))
        return out.tolist(), round((total + self.offset) * self.scaling)


def tightening_in_background(model: cp_model.CpModel, rota: Sequence[cp_model.IntVar]
                             ) -> Callable[[Sequence[int]], tuple[list[int], int] | None]:
    """:meth:`LeastHelpers.tightened` of ``model``, whose helpers are read in a thread meanwhile
    (0.4 s on the example month, 2 s at 80 people: the first rota is searched for in the
    meantime); the first call waits for them. None if they could not be read (the solution
    is then taken as CP-SAT gives it)."""
    found: list[LeastHelpers] = []

    def read() -> None:
        try:
            found.append(LeastHelpers(model, rota))
        except Exception:  # a model this module cannot read: no tightening, not no rota
            pass

    reading = threading.Thread(target=read, name="objective helpers", daemon=True)
    reading.start()

    def tightened(values: Sequence[int]) -> tuple[list[int], int] | None:
        reading.join()
        return found[0].tightened(values) if found else None
    return tightened
