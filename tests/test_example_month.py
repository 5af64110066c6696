"""bench/example_month.py: the table of runs (the quality figures themselves are measured by
the benchmark and recorded in bench/RESULTS.md, not asserted here)."""

from __future__ import annotations

from bench.example_month import format_table, main
from scheduler.checker.results import CheckReport, Violation
from scheduler.solver.solve import SolveResult


def _result(objective: float, bound: float, terms: dict[str, float], ok: bool = True) -> SolveResult:
    return SolveResult("feasible", 2027, 3, objective=objective, bound=bound, terms=terms,
                       first_feasible=0.8, report=CheckReport(2027, 3, () if ok else (_BROKEN_REST,), ()))


_BROKEN_REST = Violation("daily_rest", "TLS § 51", "mari", None, "less than 11 h rest", "hard")


def test_table_lists_terms_that_are_not_zero_in_some_run_and_the_spread() -> None:
    runs = [(1, _result(38, 0, {"hours vs norm": 0, "split weekends": 20, "fair weekends": 12})),
            (2, _result(25, 4, {"hours vs norm": 0, "split weekends": 10, "fair weekends": 15})),
            (3, _result(60, 0, {"hours vs norm": 0, "split weekends": 60, "fair weekends": 0}))]
    lines = format_table(runs).splitlines()
    assert lines[0] == "| seed | objective | bound | first rota (s) | checker | split weekends | fair weekends |"
    assert lines[2] == "| 1 | 38 | no bound | 0.8 | ok | 20 | 12 |"
    assert lines[3] == "| 2 | 25 | 4.0 | 0.8 | ok | 10 | 15 |"
    assert lines[-1] == "best 25, median 38, worst 60 over 3 legal rota(s) of 3 run(s)"


def test_a_rejected_rota_is_marked_and_left_out_of_the_spread() -> None:
    runs = [(1, _result(30, 0, {"split weekends": 30})), (2, _result(10, 0, {"split weekends": 10}, ok=False))]
    text = format_table(runs)
    assert "| 2 | 10 | no bound | 0.8 | REJECTED | 10 |" in text
    assert text.splitlines()[-1] == "best 30, median 30, worst 30 over 1 legal rota(s) of 2 run(s)"


def test_one_short_run_of_the_example_month_prints_a_checked_row(capsys) -> None:
    assert main(["--runs", "1", "--time-limit", "6", "--seed", "3"]) == 0  # a first rota in ~1 s when idle
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "team.toml 2027-03, 6 s per run, 2 worker(s)"
    row = out[3].split(" | ")
    assert row[0] == "| 3" and row[4] == "ok"
    # the bound from whole weekends, proven before the search begins (the LP's is 0 here)
    assert row[2] == "4.0"


def test_bad_month_or_team_file_is_a_clear_error_not_a_traceback(capsys, tmp_path) -> None:
    assert main(["--month", "2027-13", "--runs", "1"]) == 2
    assert capsys.readouterr().err.strip() == "--month: expected YYYY-MM, got '2027-13'"
    missing = tmp_path / "team.toml"
    assert main(["--team", str(missing), "--runs", "1"]) == 2
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"
