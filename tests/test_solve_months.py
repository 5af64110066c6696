"""Every rota that leaves the solver passes the independent checker: the example team in a
month with each DST change, December with its holidays, and a month chained onto the
previous one; the CLI writes the interchange files; re-planning a sick week keeps the past."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from scheduler.domain import TALLINN
from scheduler.checker import check_rota
from scheduler.cli import main
from scheduler.rotafile import read_assignments
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import load_team

ROOT = Path(__file__).parents[1]
TEAM_PATH = ROOT / "examples" / "helpline" / "team.toml"
TEAM = load_team(TEAM_PATH)
LIMIT = 15.0


@pytest.mark.parametrize(("year", "month"), [(2027, 3), (2027, 10), (2027, 12)])
def test_example_month_passes_the_checker(year: int, month: int) -> None:
    result = solve_month(TEAM, year, month, options=SolveOptions(time_limit=LIMIT, workers=2))
    assert result.status in ("optimal", "feasible"), result.shortfalls
    assert result.valid
    again = check_rota(TEAM, year, month, result.assignments)
    assert again.ok, [v.reason for v in again.hard]
    shifts = [a for a in result.assignments if a.kind == "shift"]
    assert {a.day.month for a in shifts} == {month}
    if (year, month) == (2027, 3):
        nights = [a for a in shifts if a.code == "N" and a.day == date(2027, 3, 27)]
        assert nights and nights[0].hours == 9.0  # spring forward: 22:00–08:00 is 9 h
    if (year, month) == (2027, 10):
        nights = [a for a in shifts if a.code == "N" and a.day == date(2027, 10, 30)]
        assert nights and nights[0].hours == 11.0  # clocks back: 11 h


def test_cli_solve_chained_months_and_replan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feb, mar = tmp_path / "feb", tmp_path / "mar"
    assert main(["solve", str(TEAM_PATH), "--month", "2027-02", "--out", str(feb),
                 "--time-limit", str(LIMIT), "--quiet"]) == 0
    assert main(["solve", str(TEAM_PATH), "--month", "2027-03", "--out", str(mar),
                 "--time-limit", str(LIMIT), "--quiet", "--history", str(feb)]) == 0
    out = capsys.readouterr().out
    assert "the independent checker passed it" in out
    with open(mar / "summary.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:11] == ["person", "fte", "norm_hours", "planned_hours", "balance_hours", "night_hours",
                           "holiday_hours", "nights", "weekend_days", "wishes_met", "wishes_total"]
    assert (mar / "rota.xlsx").stat().st_size > 0
    assert (mar / "history.csv").exists()
    # the checker, run from the command line with the February history, passes March
    assert main(["check", str(TEAM_PATH), str(mar / "assignments.csv"), "--history", str(feb)]) == 0
    capsys.readouterr()

    # Jaan falls ill for a week in the middle of March
    before = read_assignments(mar / "assignments.csv")
    replanned = tmp_path / "replan"
    code = main(["replan", str(TEAM_PATH), "--rota", str(mar), "--absent", "jaan:2027-03-15..2027-03-21",
                 "--out", str(replanned), "--time-limit", str(LIMIT), "--quiet"])
    assert code == 0, capsys.readouterr().out
    after = read_assignments(replanned / "assignments.csv")
    shifts_before = {(a.person, a.day, a.code) for a in before if a.kind == "shift"}
    shifts_after = {(a.person, a.day, a.code) for a in after if a.kind == "shift"}
    # re-planning starts on the sick leave's first day, or the evening before when Jaan's night
    # shift of 14 March runs into it
    start = date(2027, 3, 14) if ("jaan", date(2027, 3, 14), "N") in shifts_before else date(2027, 3, 15)
    assert {s for s in shifts_before if s[1] < start} == {s for s in shifts_after if s[1] < start}
    assert not [s for s in shifts_after if s[0] == "jaan" and date(2027, 3, 15) <= s[1] <= date(2027, 3, 21)]
    with open(replanned / "changes.csv", encoding="utf-8") as fh:
        changes = list(csv.DictReader(fh))
    jaan_lost = [s for s in shifts_before if s[0] == "jaan" and date(2027, 3, 15) <= s[1] <= date(2027, 3, 21)]
    assert len(changes) >= len(jaan_lost)
    assert len(changes) <= 3 * len(jaan_lost) + 6, "re-planning changes few cells"
    report = check_rota(TEAM, 2027, 3, after, read_assignments(feb / "assignments.csv"))
    assert report.ok

    # the sick leave is kept with the output, with the hours March's rota had planned in it
    # (his duties overlapping 15.03 00:00 – 22.03 00:00; breaks count as work in the example):
    # checking the folder sees the same hours
    sick_from, sick_to = datetime(2027, 3, 15, tzinfo=TALLINN), datetime(2027, 3, 22, tzinfo=TALLINN)
    planned = sum(a.hours for a in before if a.person == "jaan" and a.start < sick_to and sick_from < a.end)
    with open(replanned / "absences.csv", encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == [{"person": "jaan", "kind": "sick", "from": "2027-03-15",
                                             "to": "2027-03-21", "note": "sick leave (replan)",
                                             "rota_month": "2027-03", "scheduled_hours": f"{planned:g}"}]
    with open(replanned / "summary.csv", encoding="utf-8") as fh:
        jaan = next(r for r in csv.DictReader(fh) if r["person"] == "jaan")
    capsys.readouterr()
    assert main(["check", str(TEAM_PATH), str(replanned), "--history", str(feb)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Jaan Kask"))  # his summary row
    assert f"{float(jaan['planned_hours']):.1f}/{float(jaan['norm_hours']):.1f}" in line
    # a plain solve into the same folder drops the re-plan's absences and changes, and an
    # earlier run's infeasible.txt: the folder holds this run's result only
    (replanned / "infeasible.txt").write_text("stale\n", encoding="utf-8")
    (replanned / "notes.txt").write_text("the lead's own file\n", encoding="utf-8")
    assert main(["solve", str(TEAM_PATH), "--month", "2027-03", "--out", str(replanned),
                 "--time-limit", "5", "--quiet"]) == 0
    assert not (replanned / "absences.csv").exists()
    assert not (replanned / "changes.csv").exists() and not (replanned / "infeasible.txt").exists()
    assert (replanned / "notes.txt").exists() and (replanned / "assignments.csv").exists()
