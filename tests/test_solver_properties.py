"""Property: on any small team the solver either emits a rota the independent checker
passes, or says which minima cannot be met, in words; never a rejected rota or a traceback.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.domain import Role, Service, ShiftType, Team
from scheduler.solver import SolveOptions, solve_month
from tests.test_solver_support import LINE, SERVICES, SHIFT_TYPES, counsellor, daily, team, vacation

SPIRITUAL = "HH"
SPIRITUAL_SERVICE = Service(SPIRITUAL, "Spiritual care", Role.COUNSELLOR, languages=("et",))
SPIRITUAL_SHIFT = ShiftType("H", "spiritual care", SPIRITUAL, time(16), time(0))
MONTHS = [(2027, 3), (2027, 6), (2027, 10), (2027, 12)]


@st.composite
def small_teams(draw: st.DrawFn) -> tuple[Team, int, int]:
    year, month = draw(st.sampled_from(MONTHS))
    size = draw(st.integers(3, 6))
    two_services = draw(st.booleans())
    people = []
    for i in range(size):
        services = (LINE, SPIRITUAL) if two_services and draw(st.booleans()) else (LINE,)
        if two_services and i == 0:
            services = (SPIRITUAL,)
        people.append(counsellor(
            f"p{i}",
            languages=("et", "ru") if draw(st.booleans()) else ("et",),
            fte=draw(st.sampled_from([0.5, 0.75, 1.0])),
            nights=draw(st.booleans()),
            services=services,
        ))
    shifts = draw(st.lists(st.sampled_from(["D", "E", "N"]), min_size=1, max_size=3, unique=True))
    needs = []
    for code in shifts:
        minimum = draw(st.integers(0, 1))
        languages = {"ru": 1} if code == "N" and minimum and draw(st.booleans()) else {}
        needs.append(daily(code, minimum, minimum + draw(st.integers(0, 1)), **languages))
    shift_types = SHIFT_TYPES
    services = SERVICES
    if two_services:
        needs.append(replace(daily("H", draw(st.integers(0, 1))), service=SPIRITUAL))
        shift_types = (*SHIFT_TYPES, SPIRITUAL_SHIFT)
        services = (*SERVICES, SPIRITUAL_SERVICE)
    absences = []
    for _ in range(draw(st.integers(0, 2))):
        who = draw(st.sampled_from(people)).id
        first = draw(st.integers(1, 25))
        absences.append(vacation(who, date(year, month, first), date(year, month, first + draw(st.integers(0, 4)))))
    t = team(people, needs, absences=tuple(absences), shift_types=shift_types)
    return replace(t, services=services), year, month


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_teams())
def test_small_team_rota_passes_the_checker_or_shortfalls_are_explained(case: tuple[Team, int, int]) -> None:
    t, year, month = case
    result = solve_month(t, year, month, options=SolveOptions(time_limit=2.5, workers=2))
    assert result.status != "rejected", result.report and result.report.hard
    if result.status in ("optimal", "feasible"):
        assert result.report is not None and result.report.ok
        assert result.valid
    elif result.status == "infeasible":
        assert result.shortfalls and all(line.strip() for line in result.shortfalls)
        assert not result.valid
    else:
        assert result.status == "no solution"
