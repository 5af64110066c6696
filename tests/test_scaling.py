"""bench/scaling.py: the generated teams and the table it prints (the solves themselves are
measured by the benchmark, not here)."""

from __future__ import annotations

from pathlib import Path

from bench.scaling import scaled_team, table
from scheduler.domain import Role
from scheduler.teamfile import load_team

EXAMPLE = Path(__file__).parents[1] / "examples" / "helpline" / "team.toml"


def test_scaled_teams_have_the_size_asked_for_and_one_lead() -> None:
    example = load_team(EXAMPLE)
    for n in (10, 20, 40, 80):
        team = scaled_team(example, n)
        assert len(team.people) == n
        assert sum(p.role == Role.TEAM_LEAD for p in team.people) == 1
        assert len({p.id for p in team.people}) == n


def test_table_says_no_bound_instead_of_a_gap_of_100_percent() -> None:
    row = dict(people=10, variables=4215, first_feasible=0.6, to_1pct=None, objective=40.0,
               bound=0.0, gap=None, status="feasible", checker_ok=True, peak_mb=175.0)
    proven = dict(row, to_1pct=0.7, objective=4.0, bound=4.0, gap=0.0, status="optimal")
    lines = table([row, proven]).splitlines()
    assert lines[2] == "| 10 | 4215 | 0.6 | — | 40 | no bound | feasible (ok) | 175 |"
    assert lines[3] == "| 10 | 4215 | 0.6 | 0.7 | 4 | 0.0% | optimal (ok) | 175 |"
