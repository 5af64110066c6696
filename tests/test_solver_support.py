"""Small teams for the solver tests, built in code (independent of the checker's fixtures).

A crisis line with a day, an evening and a night shift, and the team lead's weekday desk.
Hours are not asserted from here: the independent checker is the oracle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any

from scheduler.domain import (
    Absence,
    AbsenceKind,
    Assignment,
    CoverageNeed,
    DayType,
    LanguageMinimum,
    Person,
    Role,
    Service,
    ShiftType,
    SubstitutionRule,
    Team,
)
from scheduler.settings import RuleSettings

LINE = "CL"
DESK = "DESK"

SERVICES = (
    Service(LINE, "Crisis line", Role.COUNSELLOR, languages=("et", "ru")),
    Service(DESK, "Duty-lead desk", Role.TEAM_LEAD, languages=("et",)),
)
SHIFT_TYPES = (
    ShiftType("D", "day", LINE, time(8), time(16)),
    ShiftType("E", "evening", LINE, time(15), time(23)),
    ShiftType("N", "night", LINE, time(22), time(8)),
    ShiftType("V", "desk", DESK, time(9), time(17), weekdays=(0, 1, 2, 3, 4)),
)
SUBSTITUTIONS = (
    SubstitutionRule(Role.COUNSELLOR, Role.COUNSELLOR, cost=0),
    SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, cost=60, last_resort=True),
    SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD, cost=5),
)


def counsellor(pid: str, *, languages: Sequence[str] = ("et",), fte: float = 1.0,
               nights: bool = True, services: Sequence[str] = (LINE,)) -> Person:
    return Person(pid, pid.replace("_", " ").title(), Role.COUNSELLOR, fte, tuple(languages),
                  tuple(services), may_work_nights=nights)


def lead(pid: str = "lead") -> Person:
    return Person(pid, "Lead Person", Role.TEAM_LEAD, 1.0, ("et",), (DESK, LINE), may_work_nights=False)


def daily(shift: str, minimum: int, desired: int | None = None, **languages: int) -> CoverageNeed:
    return CoverageNeed(LINE if shift != "V" else DESK, DayType.ALL if shift != "V" else DayType.WEEKDAY,
                        minimum, desired if desired is not None else minimum, shift=shift,
                        languages=tuple(LanguageMinimum(k, v) for k, v in languages.items()))


def on(day: date, shift: str, minimum: int, desired: int | None = None, **languages: int) -> CoverageNeed:
    return CoverageNeed(LINE if shift != "V" else DESK, DayType.DATE, minimum,
                        desired if desired is not None else minimum, shift=shift, on=day,
                        languages=tuple(LanguageMinimum(k, v) for k, v in languages.items()))


def vacation(pid: str, first: date, last: date) -> Absence:
    return Absence(pid, AbsenceKind.VACATION, first, last)


def team(people: Sequence[Person], needs: Sequence[CoverageNeed], **kw: Any) -> Team:
    settings = RuleSettings()
    return Team(
        name="Solver test team",
        settings=settings,
        people=tuple(people),
        services=SERVICES,
        shift_types=kw.pop("shift_types", SHIFT_TYPES),
        needs=tuple(needs),
        substitutions=kw.pop("substitutions", SUBSTITUTIONS),
        **kw,
    )


def cells(rows: Sequence[Assignment]) -> dict[tuple[str, date], str]:
    """(person, day) → shift code of the shift rows."""
    return {(r.person, r.day): r.code for r in rows if r.kind == "shift"}


def legal_rota(m, seconds: float = 10.0) -> tuple[list[int], int]:
    """A legal rota of the month's model ``m`` (CP-SAT on the strict model), every variable's
    value with the objective's helpers at their least for its shifts, and its objective."""
    from ortools.sat.python import cp_model

    from scheduler.solver.search import complete, strict_model

    model = strict_model(m)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    assert solver.Solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    done = complete(m, model, [solver.Value(x) for x in m.x], 0)
    assert done is not None
    return done


def feasibility_budgets(monkeypatch) -> list[float]:
    """Records the seconds each feasibility solve of the search (``search._feasible``) gets."""
    from scheduler.solver import search

    asked: list[float] = []
    real = search._feasible

    def recording(m, model, seconds, *args, **kwargs):
        asked.append(seconds)
        return real(m, model, seconds, *args, **kwargs)

    monkeypatch.setattr(search, "_feasible", recording)
    return asked


def test_horizon_instants_follow_the_dst_change() -> None:
    """Minutes on the solver's axis are elapsed minutes: after the clocks go forward
    (2027-03-28 03:00 → 04:00) 09:00 local is one hour fewer from the origin, and the
    explanations read it back as 09:00, not 08:00."""
    from scheduler.domain import local
    from scheduler.solver.candidates import Horizon

    h = Horizon.of(2027, 3)
    nine = local(date(2027, 3, 30), time(9))
    assert h.instant(h.minute(nine)) == nine
    assert h.instant(h.minute(nine)).hour == 9
    assert h.minute(nine) == (29 * 24 + 9 - 1) * 60


def test_a_history_event_row_stands_for_the_event_as_the_checker_reads_it() -> None:
    """February's rota holds the supervision as it was held (14–17, the team file says 10–13):
    the solver counts that row once, as the checker does, not the row and the event."""
    from scheduler.checker.timeline import RotaMonth
    from scheduler.domain import Assignment, Event, EventKind, local
    from scheduler.solver.solve import build_model

    day = date(2027, 2, 26)
    ev = Event("SUP", "Supervision", EventKind.SUPERVISION, day, time(10), time(13), ("mari",))
    t = team([counsellor("mari")], [], events=(ev,))
    row = Assignment("mari", day, "SUP", local(day, time(14)), local(day, time(17)), 3.0, "event")
    m = build_model(t, 2027, 3, [row])
    solver_work = [(f.start, f.end) for f in m.fixed_by_person["mari"]]
    checker_work = [(m.horizon.minute(w.start), m.horizon.minute(w.end)) for w in RotaMonth(t, 2027, 3, [], [row]).all_work("mari")]
    assert solver_work == checker_work == [(m.horizon.minute(row.start), m.horizon.minute(row.end))]
