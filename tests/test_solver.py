"""The solver on the example team: every rota it emits passes the independent checker, in
the DST months, in December with its holidays, and month after month with history; and
re-planning a sick week keeps the past and changes little.

Short time limits: these tests are about legality and shape, not about the objective.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from scheduler.checker import check_rota
from scheduler.cli import main as rota
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import load_team
from tests.test_solver_support import cells

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "helpline" / "team.toml"
SECONDS = 8.0


@pytest.fixture(scope="module")
def example():
    return load_team(EXAMPLE)


@pytest.mark.parametrize("month", [(2027, 3), (2027, 10), (2027, 12)],
                         ids=["spring-DST", "autumn-DST", "December-holidays"])
def test_example_month_passes_the_checker(example, month) -> None:
    result = solve_month(example, *month, options=SolveOptions(time_limit=SECONDS, workers=2))
    assert result.status in ("optimal", "feasible"), result.shortfalls
    assert result.report is not None and result.report.ok, result.report.hard
    again = check_rota(example, *month, result.assignments, [])
    assert again.ok
    assert result.first_feasible is not None and result.first_feasible < SECONDS


def test_example_march_hours_within_8_h_of_the_norm(example) -> None:
    """Issue 3, "done when": hours sit within ± 8 h of each person's norm in the example."""
    result = solve_month(example, 2027, 3, options=SolveOptions(time_limit=SECONDS, workers=2))
    assert result.valid
    for person in result.report.people:
        assert abs(person.balance_hours) <= 8, person


def test_chained_months_carry_history_and_pass_the_checker(example) -> None:
    """February's rota is March's history: rest, weeks and the balance across the boundary."""
    february = solve_month(example, 2027, 2, options=SolveOptions(time_limit=SECONDS, workers=2))
    assert february.valid
    history = february.assignments
    march = solve_month(example, 2027, 3, history, SolveOptions(time_limit=SECONDS, workers=2))
    assert march.valid, march.report and march.report.hard
    assert check_rota(example, 2027, 3, march.assignments, history).ok


def test_replanning_a_sick_week_keeps_the_past_and_changes_little(tmp_path: Path) -> None:
    first, second = tmp_path / "planned", tmp_path / "replanned"
    assert rota(["solve", str(EXAMPLE), "--month", "2027-03", "--out", str(first),
                 "--time-limit", str(SECONDS), "--quiet"]) == 0
    assert rota(["replan", str(EXAMPLE), "--rota", str(first), "--absent", "sergei:2027-03-15..2027-03-19",
                 "--out", str(second), "--time-limit", str(SECONDS), "--quiet"]) == 0
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.replan import first_affected_day
    from scheduler.rotafile import read_assignments

    planned = read_assignments(first / "assignments.csv")
    before = cells(planned)
    after = cells(read_assignments(second / "assignments.csv"))
    # the 15th, or the 14th when Sergei's night of the 14th runs into his first sick day
    sick = Absence("sergei", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 3, 19))
    start = first_affected_day([r for r in planned if r.kind == "shift"], [sick])
    assert start in (date(2027, 3, 14), date(2027, 3, 15))
    assert {k: v for k, v in before.items() if k[1] < start} == {k: v for k, v in after.items() if k[1] < start}
    assert not [k for k in after if k[0] == "sergei" and date(2027, 3, 15) <= k[1] <= date(2027, 3, 19)]
    lost = [k for k in before if k[0] == "sergei" and date(2027, 3, 15) <= k[1] <= date(2027, 3, 19)]
    with open(second / "changes.csv", encoding="utf-8") as fh:
        changes = list(csv.DictReader(fh))
    assert len(changes) >= len(lost)
    assert len(changes) <= 4 * max(1, len(lost)) + 4
