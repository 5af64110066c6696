"""The ``rota`` command line: contracts (CSV headers, exit codes) and clear errors."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, time, timedelta
from typing import Any, NamedTuple
from pathlib import Path

import pytest

from scheduler.cli import UsageError, main

ROOT = Path(__file__).parents[1]
TEAM = ROOT / "examples" / "helpline" / "team.toml"

NORMS_2026 = [168, 149, 176, 168, 160, 157, 184, 160, 176, 176, 168, 162]
NORMS_2027 = [160, 149, 176, 176, 168, 157, 176, 168, 176, 168, 176, 170]


@pytest.mark.parametrize(("year", "expected"), [(2026, NORMS_2026), (2027, NORMS_2027)])
def test_norms_csv_matches_the_law(year: int, expected: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["norms", str(year), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "month,working_days,shortened_days,norm_hours"
    assert len(lines) == 13
    assert [float(line.split(",")[3]) for line in lines[1:]] == [float(v) for v in expected]
    if year == 2027:
        assert lines[1] == "2027-01,20,0,160.0"


def test_norms_part_time_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["norms", "2027", "--fte", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "2027-12" in out and "82.0" in out and "total" in out


def test_norms_bad_fte(capsys: pytest.CaptureFixture[str]) -> None:
    for fte in ("1.5", "0.05"):  # as a team file: 0.1–1.0
        assert main(["norms", "2027", "--fte", fte]) == 2
        assert f"--fte: expected a load (FTE) between 0.1 and 1.0 as in a team file, got {fte}" in capsys.readouterr().err


def test_console_script_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "scheduler.cli", "norms", "2025", "--csv"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[1] == "2025-01,22,0,176.0"


def test_closed_pipe_is_no_traceback() -> None:
    """``rota norms 2027 | head -0``: the reader goes away before the output is written."""
    proc = subprocess.Popen([sys.executable, "-m", "scheduler.cli", "norms", "2027"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert proc.returncode == 141


def test_bad_team_file_is_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "team.toml"
    bad.write_text(TEAM.read_text(encoding="utf-8").replace('fte = 0.75', 'fte = 2', 1), encoding="utf-8")
    code = main(["solve", str(bad), "--month", "2027-03", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad} line" in err and "people[8] 'anna', field fte" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_month_and_rota_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["solve", str(TEAM), "--month", "2027-13", "--out", str(tmp_path)]) == 2
    assert "--month: expected YYYY-MM, got '2027-13'" in capsys.readouterr().err
    rota = tmp_path / "r.csv"
    rota.write_text("person,date,shift,start,end,hours,kind\nmari,2027-03-01,P,nope,x,8,shift\n", encoding="utf-8")
    assert main(["check", str(TEAM), str(rota)]) == 2
    assert f"{rota} line 2, field start" in capsys.readouterr().err


def test_replan_bad_absent_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rota = tmp_path / "assignments.csv"
    rota.write_text("person,date,shift,start,end,hours,kind\n"
                    "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n",
                    encoding="utf-8")
    assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "nobody:2027-03-02..2027-03-04",
                 "--out", str(tmp_path / "o")]) == 2
    assert "--absent: unknown person 'nobody'" in capsys.readouterr().err
    assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-04..2027-03-02",
                 "--out", str(tmp_path / "o")]) == 2
    assert "is before FROM" in capsys.readouterr().err


class _Asked(NamedTuple):
    """What ``rota replan`` asked the solver for (``_solve_and_write`` replaced)."""

    team: Any
    year: int
    month: int
    options: Any
    absences: tuple[Any, ...]


def _solves_asked(monkeypatch: pytest.MonkeyPatch) -> list[_Asked]:
    """Replace the solve of ``rota solve``/``replan`` by a recorder (exit 2, nothing written):
    the list of what each run asked for."""
    import scheduler.cli as cli

    asked: list[_Asked] = []

    def solve_and_write(team, year, month, history, options, out, quiet, absences=(), more=None):  # noqa: ANN001
        asked.append(_Asked(team, year, month, options, tuple(absences)))
        return 2, None

    monkeypatch.setattr(cli, "_solve_and_write", solve_and_write)
    return asked


def _one_shift_rota(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rota = folder / "assignments.csv"
    rota.write_text("person,date,shift,start,end,hours,kind\n"
                    "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n",
                    encoding="utf-8")
    return rota


def _february_with_one_shift(tmp_path: Path) -> Path:
    """A February output folder whose assignments.csv holds Mari's P of 26.02 (a history folder)."""
    february = tmp_path / "february"
    february.mkdir()
    (february / "assignments.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2027-02-26,P,2027-02-26T08:00:00+02:00,2027-02-26T16:00:00+02:00,8.0,shift\n", encoding="utf-8")
    return february


def test_check_says_which_later_entries_it_did_not_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rota = _one_shift_rota(tmp_path / "two")
    with rota.open("a", encoding="utf-8") as f:
        f.write("mari,2027-04-01,P,2027-04-01T08:00:00+03:00,2027-04-01T16:00:00+03:00,8.0,shift\n")
    assert main(["check", str(TEAM), str(rota), "--month", "2027-03"]) == 1  # one shift covers no month
    err = capsys.readouterr().err
    assert f"warning: {rota}: 1 entries in 2027-04 are not checked (check them with --month 2027-04)" in err
    assert main(["check", str(TEAM), str(rota), "--month", "2027-04"]) == 1
    err = capsys.readouterr().err
    assert "in 2027-04" not in err  # the March row is read as a duty before April, and said (line 2)
    assert (f"warning: {rota}: 1 entries in 2027-03 (line 2) are not checked, only read as duties before 2027-04 "
            "(check them with --month 2027-03)") in err


def test_wrong_folders_and_months_are_refused_before_solving(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    march = tmp_path / "march"
    rota = _one_shift_rota(march)
    # check: a folder without assignments.csv; a month with none of the file's entries
    assert main(["check", str(TEAM), str(tmp_path)]) == 2
    assert f"{tmp_path}: no assignments.csv in that folder" in capsys.readouterr().err
    assert main(["check", str(TEAM), str(march), "--month", "2027-04"]) == 2
    err = capsys.readouterr().err
    assert f"{rota}: none of its 1 entries is in 2027-04" in err
    assert "note: no history" not in err  # the error alone: a note about the month came first (a review)
    # --out is a file
    assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(rota)]) == 2
    assert f"--out {rota}: is a file, not a folder" in capsys.readouterr().err
    # history of the month itself or later
    assert main(["solve", str(TEAM), "--month", "2027-02", "--out", str(tmp_path / "o"), "--history", str(march)]) == 2
    assert f"--history {march}: has duties of 2027-03; history must be of months before 2027-02" in capsys.readouterr().err
    # a sick leave outside the rota's month
    assert main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-05-01..2027-05-03",
                 "--out", str(tmp_path / "o")]) == 2
    assert "--absent mari:2027-05-01..2027-05-03: outside the rota's month 2027-03" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_history_without_the_previous_month_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import datetime

    from scheduler.cli import check_history
    from scheduler.domain import TALLINN, Assignment

    start = datetime(2027, 3, 1, 8, tzinfo=TALLINN)
    march = [Assignment("mari", start.date(), "P", start, start.replace(hour=16), 8.0, "shift")]
    check_history(march, 2027, 4)
    assert capsys.readouterr().err == ""
    check_history(march, 2027, 12)
    assert "warning: --history has no duties of 2027-11 (only 2027-03)" in capsys.readouterr().err


def test_inputs_that_used_to_raise_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for year in ("0", "-5", "9999", "2101"):  # the holiday calendar ends with 2100
        assert main(["norms", year]) == 2
        assert "year: expected a year from 2000 to 2100 (the public-holiday calendar)" in capsys.readouterr().err
    assert main(["solve", str(TEAM), "--month", "2101-01", "--out", str(tmp_path / "o")]) == 2
    assert "--month: 2101-01: expected a year from 2000 to 2100" in capsys.readouterr().err
    # a folder given as the team file
    assert main(["check", str(tmp_path), str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder; expected a team file" in capsys.readouterr().err
    # a time limit that is no number of seconds
    for limit in ("inf", "nan"):
        assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(tmp_path / "o"),
                     "--time-limit", limit]) == 2
        assert "--time-limit: expected a number of seconds > 0" in capsys.readouterr().err
    # an output folder that cannot be created is refused before solving
    assert main(["solve", str(TEAM), "--month", "2027-03", "--out", "/proc/rota-out", "--time-limit", "1"]) == 2
    assert "--out /proc/rota-out: cannot create that folder" in capsys.readouterr().err


def test_output_folder_is_never_an_input_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    march = tmp_path / "march"
    _one_shift_rota(march)
    assert main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-01..2027-03-02",
                 "--out", str(march)]) == 2
    assert f"--out {march}: is the folder {march} is read from" in capsys.readouterr().err
    assert main(["solve", str(TEAM), "--month", "2027-04", "--history", str(march), "--out", str(march)]) == 2
    assert "is the folder" in capsys.readouterr().err
    assert (march / "assignments.csv").read_text(encoding="utf-8").count("\n") == 2  # untouched


def test_replan_from_must_be_in_the_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    march = tmp_path / "march"
    _one_shift_rota(march)
    base = ["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-01..2027-03-02",
            "--out", str(tmp_path / "o")]
    assert main([*base, "--from", "2027-04-05"]) == 2
    assert "--from 2027-04-05: outside the rota's month 2027-03" in capsys.readouterr().err


def test_replan_from_after_the_absence_began_keeps_the_past_without_the_absent_persons_duties(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A sick leave learnt of late (``--from`` after its first day): the days before --from
    have happened and are kept, except Mari's day shift on the 1st, which she did not work;
    their coverage is a record (``recorded_before``)."""
    march = tmp_path / "march"
    _one_shift_rota(march)
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-01..2027-03-02",
          "--from", "2027-03-02", "--out", str(tmp_path / "o")])
    [options] = [a.options for a in asked]
    assert options.recorded_before == date(2027, 3, 2)
    assert options.pins[("mari", date(2027, 3, 1))] is None and set(options.pins) == {
        (p, date(2027, 3, 1)) for p in {k[0] for k in options.pins}}
    assert "the days before 2027-03-02 have happened" in capsys.readouterr().err
    main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-01..2027-03-02",
          "--out", str(tmp_path / "p")])
    assert asked[1].options.recorded_before is None and ("mari", date(2027, 3, 1)) not in asked[1].options.pins


def test_replan_says_which_events_the_absence_keeps_someone_from(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Mari's supervision of 10.03 (a row of the rota, kind event) is gone from the re-plan of
    her sick day: not a cell of changes.csv, but the re-plan says so."""
    march = tmp_path / "march"
    rota = _one_shift_rota(march)
    with rota.open("a", encoding="utf-8") as f:
        f.write("mari,2027-03-10,SUP,2027-03-10T10:00:00+02:00,2027-03-10T13:00:00+02:00,3.0,event\n")
    assert main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-10..2027-03-10",
                 "--out", str(tmp_path / "o"), "--time-limit", "5", "--workers", "1", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 event no longer attended (the absence):\n  2027-03-10 Mari Tamm            SUP" in out
    written = (tmp_path / "o" / "assignments.csv").read_text(encoding="utf-8")
    assert "mari,2027-03-10,SUP" not in written


def test_check_today_reads_the_days_before_it_as_a_record(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``rota check --today``: coverage short on a day already past is a warning (recorded),
    on the first day not yet begun a hard violation still."""
    rota = _one_shift_rota(tmp_path / "march")
    assert main(["check", str(TEAM), str(rota), "--today", "2027-04-01"]) == 0
    assert "Rota check 2027-03: OK, no hard violations" in capsys.readouterr().out
    assert main(["check", str(TEAM), str(rota), "--today", "2027-03-31"]) == 1
    out = capsys.readouterr().out
    hard = out.split("coverage_minimum (team file coverage needs), hard:", 1)[1].split("warning:", 1)[0]
    assert "2027-03-31" in hard and "2027-03-30" not in hard
    assert main(["check", str(TEAM), str(rota), "--today", "31.03.2027"]) == 2
    err = capsys.readouterr().err
    assert "--today: expected a date YYYY-MM-DD, got '31.03.2027'" in err
    assert "note: no history" not in err  # the bad option first and alone, before any reading


def test_spreadsheet_files_with_a_byte_order_mark_or_semicolons(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    rota = _one_shift_rota(tmp_path / "bom")
    rota.write_text("\ufeff" + rota.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    team = tmp_path / "team.toml"
    team.write_text("\ufeff" + TEAM.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", str(team), str(rota)]) == 1  # read and checked: one shift covers no month
    assert "Mari" in capsys.readouterr().out
    semi = tmp_path / "semi.csv"
    semi.write_text(rota.read_text(encoding="utf-8-sig").replace(",", ";"), encoding="utf-8")
    assert main(["check", str(TEAM), str(semi)]) == 2
    assert "separated by semicolons; save it as CSV with commas" in capsys.readouterr().err


def test_a_recorded_absence_of_an_unknown_person_names_its_line(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "replanned"
    _one_shift_rota(folder)
    (folder / "absences.csv").write_text("person,kind,from,to,note\n\nmari,sick,2027-03-02,2027-03-03,\n"
                                         "bob,sick,2027-03-04,2027-03-05,\n", encoding="utf-8")
    assert main(["check", str(TEAM), str(folder)]) == 2
    # the file's line (a blank line before it counts), not the absence's number
    assert (f"{folder / 'absences.csv'} line 4, field person: expected a person of the team file, got 'bob'"
            in capsys.readouterr().err)


def test_replan_refuses_rows_the_team_does_not_know_and_dates_outside_the_calendar(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A re-plan keeps everything before --from: a row of someone not in the team (or of a
    shift it has not) would be dropped or changed silently, so it is refused naming its line;
    years outside the public-holiday calendar are refused everywhere (they crashed)."""
    rota = tmp_path / "assignments.csv"
    good = "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n"
    for row, message in (
            ("bob,2027-03-02,P,2027-03-02T08:00:00+02:00,2027-03-02T16:00:00+02:00,8.0,shift\n",
             "line 3, field person: expected a person of the team file, got 'bob'"),
            ("jaan,2027-03-02,ZZ,2027-03-02T08:00:00+02:00,2027-03-02T16:00:00+02:00,8.0,shift\n",
             "line 3, field shift: expected a shift type of the team file, got 'ZZ'")):
        rota.write_text("person,date,shift,start,end,hours,kind\n" + good + row, encoding="utf-8")
        assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-10..2027-03-12",
                     "--out", str(tmp_path / "o")]) == 2
        assert f"{rota} {message}" in capsys.readouterr().err
    rota.write_text("person,date,shift,start,end,hours,kind\n" + good +
                    "mari,0001-01-01,P,0001-01-01T00:30:00+02:00,0001-01-01T08:00:00+02:00,7.5,shift\n",
                    encoding="utf-8")
    assert main(["check", str(TEAM), str(rota)]) == 2
    assert "line 3, field date: expected a date in the years 2000–2100, got '0001-01-01'" in capsys.readouterr().err
    rota.write_text("person,date,shift,start,end,hours,kind\n" + good, encoding="utf-8")
    assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-20..9999-12-31",
                 "--out", str(tmp_path / "o")]) == 2
    assert "--absent TO: expected a date in the years 2000–2100" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_history_of_people_not_in_the_team_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    february = tmp_path / "february.csv"
    february.write_text("person,date,shift,start,end,hours,kind\n"
                        "bob,2027-02-27,P,2027-02-27T08:00:00+02:00,2027-02-27T16:00:00+02:00,8.0,shift\n",
                        encoding="utf-8")
    rota = _one_shift_rota(tmp_path / "march")
    main(["check", str(TEAM), str(rota), "--history", str(february)])
    assert f"warning: --history {february}: duties of bob, who is not in the team file" in capsys.readouterr().err


def test_a_former_staff_members_recorded_absence_in_the_history_is_left_out_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """February's re-plan recorded Bob's sick leave; Bob has left the team file since. The
    folder as March's history was refused ("expected a person of the team file") while his
    duties there only warned: nothing but editing the folder got March solved or checked."""
    february = tmp_path / "february"
    february.mkdir()
    (february / "assignments.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "bob,2027-02-27,P,2027-02-27T08:00:00+02:00,2027-02-27T16:00:00+02:00,8.0,shift\n", encoding="utf-8")
    (february / "absences.csv").write_text(
        "person,kind,from,to,note,rota_month,scheduled_hours\n"
        "bob,sick,2027-02-10,2027-02-12,sick leave (replan),2027-02,24\n"
        "mari,sick,2027-02-15,2027-02-16,sick leave (replan),2027-02,0\n", encoding="utf-8")
    rota = _one_shift_rota(tmp_path / "march")
    assert main(["check", str(TEAM), str(rota), "--history", str(february)]) == 1  # one shift covers nothing
    err = capsys.readouterr().err
    assert (f"warning: --history {february / 'absences.csv'}: absences of bob, who is not in the team file "
            "(former staff): left out") in err
    assert "expected a person of the team file" not in err


def test_serve_names_a_host_that_is_no_address(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "999.1.1.1", "--port", "5999"]) == 2
    assert "--host 999.1.1.1: not an address" in capsys.readouterr().err


def test_a_solve_that_writes_nothing_leaves_the_earlier_rota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A time-out or a checker rejection writes no rota: the folder's earlier one stays, and
    the output says it is from an earlier run. An impossible month puts infeasible.txt in its
    place (a stale rota beside it would mislead) and moves the earlier rota to
    ``earlier/<time>/``: nothing is lost."""
    import scheduler.solver as solver
    from scheduler.cli import _solve_and_write
    from scheduler.solver import SolveResult
    from scheduler.teamfile import load_team

    out = tmp_path / "out"
    out.mkdir()
    for name in ("assignments.csv", "summary.csv", "rota.xlsx"):
        (out / name).write_text("the earlier rota\n", encoding="utf-8")
    team = load_team(TEAM)
    options = solver.SolveOptions(time_limit=1, workers=1, progress=False)
    for status, code in (("no solution", 2), ("rejected", 3)):
        monkeypatch.setattr(solver, "solve_month", lambda *a, status=status, **k: SolveResult(status, 2027, 3))
        assert _solve_and_write(team, 2027, 3, [], options, out, True)[0] == code
        assert sorted(p.name for p in out.iterdir()) == ["assignments.csv", "rota.xlsx", "summary.csv"]
        assert "are from an earlier run" in capsys.readouterr().out
    impossible = SolveResult("infeasible", 2027, 3, shortfalls=["2027-03-05 night: needs 1 Russian speaker"])
    monkeypatch.setattr(solver, "solve_month", lambda *a, **k: impossible)
    assert _solve_and_write(team, 2027, 3, [], options, out, True)[0] == 2
    assert sorted(p.name for p in out.iterdir()) == ["earlier", "infeasible.txt"]
    (kept,) = (out / "earlier").iterdir()
    assert sorted(p.name for p in kept.iterdir()) == ["assignments.csv", "rota.xlsx", "summary.csv"]
    assert (kept / "assignments.csv").read_text(encoding="utf-8") == "the earlier rota\n"
    assert f"Moved the earlier run's assignments.csv, summary.csv, rota.xlsx to {kept}." in capsys.readouterr().out
    # the next impossible run sets the first one's infeasible.txt aside too, beside the rota
    assert _solve_and_write(team, 2027, 3, [], options, out, True)[0] == 2
    assert len(list((out / "earlier").iterdir())) == 2


def test_bad_search_options_create_no_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rota = _one_shift_rota(tmp_path / "march")
    for option, value, message in (("--workers", "0", "--workers: expected at least 1, got 0"),
                                   ("--time-limit", "-1", "--time-limit: expected a number of seconds > 0")):
        assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(tmp_path / "s1"), option, value]) == 2
        assert message in capsys.readouterr().err
        assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-01..2027-03-02",
                     "--out", str(tmp_path / "r1"), option, value]) == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "s1").exists() and not (tmp_path / "r1").exists()


def test_replan_takes_the_month_most_shifts_fall_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A rota file whose first row is of another month (an April duty sorted first) is the
    March rota all the same, as for ``rota check``; the April row is named and left out."""
    import scheduler.cli as cli

    rota = tmp_path / "assignments.csv"
    rota.write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2027-04-01,P,2027-04-01T08:00:00+03:00,2027-04-01T16:00:00+03:00,8.0,shift\n"
        "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n"
        "jaan,2027-03-02,P,2027-03-02T08:00:00+02:00,2027-03-02T16:00:00+02:00,8.0,shift\n",
        encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    assert main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-01..2027-03-01",
                 "--out", str(tmp_path / "o")]) == 2
    assert [(a.year, a.month, sorted(f"{r.person} {r.day}" for r in a.options.keep)) for a in asked] == [
        (2027, 3, ["jaan 2027-03-02", "mari 2027-03-01"])]
    assert f"warning: {rota}: re-planning 2027-03 (most of its shifts); its 1 entries of 2027-04 are left out" \
        in capsys.readouterr().err
    assert cli.rota_month([]) is None


def test_an_absent_person_whose_id_holds_a_colon(tmp_path: Path) -> None:
    from dataclasses import replace

    from scheduler.cli import _absent
    from scheduler.teamfile import load_team

    team = load_team(TEAM)
    team = replace(team, people=(*team.people, replace(team.people[1], id="ene:k")))
    absence = _absent("ene:k:2027-03-08..2027-03-10", team)
    assert (absence.person, str(absence.first_day), str(absence.last_day)) == ("ene:k", "2027-03-08", "2027-03-10")


def test_ctrl_c_stops_the_search_at_once_and_writes_nothing(tmp_path: Path) -> None:
    """Ctrl-C during the search (CP-SAT running, where Python cannot raise the interrupt in
    the main thread) stops it within a moment: "interrupted", exit 130, no rota written."""
    import signal
    import time

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "scheduler.cli", "solve", str(TEAM), "--month", "2027-03",
                             "--out", str(out), "--time-limit", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        for line in proc.stdout:  # wait until the search reports progress
            if "objective" in line:
                break
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130 and "interrupted" in err
    assert time.monotonic() - started < 60  # not the 120-s time limit
    assert not (out / "assignments.csv").exists()


def test_check_says_what_it_did_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without history the check says that rest across the month start was taken as after a
    free month; a file given alone says which of its folder's files it did not read; a
    spreadsheet given instead of the CSV is named as such."""
    rota = _one_shift_rota(tmp_path / "march")
    main(["check", str(TEAM), str(rota)])
    assert "note: no history: rest, weekly rest and runs of duties across the start of 2027-03" in capsys.readouterr().err
    (tmp_path / "march" / "absences.csv").write_text("person,kind,from,to,note\n", encoding="utf-8")
    main(["check", str(TEAM), str(rota)])
    err = capsys.readouterr().err
    assert f"warning: {rota}: read as a file alone; its folder's absences.csv (what the run used) is read" in err
    (tmp_path / "march" / "history.csv").write_text("person,date,shift,start,end,hours,kind\n", encoding="utf-8")
    main(["check", str(TEAM), str(rota)])
    assert "its folder's history.csv and absences.csv (what the run used) are read" in capsys.readouterr().err
    (tmp_path / "march" / "history.csv").unlink()
    main(["check", str(TEAM), str(tmp_path / "march")])
    assert "read as a file alone" not in capsys.readouterr().err
    feb = _one_shift_rota(tmp_path / "feb")
    feb.write_text(feb.read_text(encoding="utf-8").replace("2027-03-01", "2027-02-01"), encoding="utf-8")
    assert main(["check", str(TEAM), str(rota), "--history", str(feb)]) == 1  # one shift covers nothing
    assert "no history" not in capsys.readouterr().err
    sheet = tmp_path / "rota.xlsx"
    sheet.write_bytes(b"PK\x03\x04\xff\xfe binary")
    assert main(["check", str(TEAM), str(sheet)]) == 2
    assert "not a UTF-8 text file; give the rota's assignments.csv (or its folder)" in capsys.readouterr().err


def test_replan_absences_are_sick_leave_unless_another_kind_is_given(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rota = _one_shift_rota(tmp_path / "march")
    asked = _solves_asked(monkeypatch)
    base = ["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-01..2027-03-02"]
    main([*base, "--out", str(tmp_path / "a")])
    main([*base, "--kind", "vacation", "--out", str(tmp_path / "b")])
    assert [[(a.person, a.kind.value, a.note) for a in run.absences] for run in asked] == [
        [("mari", "sick", "sick leave (replan)")], [("mari", "vacation", "vacation (replan)")]]
    with pytest.raises(SystemExit):
        main([*base, "--kind", "holiday", "--out", str(tmp_path / "c")])
    assert "invalid choice: 'holiday'" in capsys.readouterr().err


def test_check_takes_the_month_of_a_rota_without_shifts_from_its_events(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A month with no needs can be solved to a rota of events only; ``rota check`` on that
    output reads the month from the events (it said "no shifts; give --month")."""
    from scheduler.domain import Assignment, local
    from scheduler.rotafile import write_assignments

    folder = tmp_path / "march"
    folder.mkdir()
    day = date(2027, 3, 10)
    write_assignments([Assignment("mari", day, "SUP", local(day, time(10)), local(day, time(12)), 2.0, "event")],
                      folder / "assignments.csv")
    main(["check", str(TEAM), str(folder)])
    out = capsys.readouterr().out
    assert "Rota check 2027-03" in out


def test_an_output_folder_whose_names_are_taken_is_refused_before_solving(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A plain file named ``earlier`` or a folder named ``rota.xlsx`` in --out made the run fail
    after solving, the rota lost (and half the files written)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "earlier").write_text("notes", encoding="utf-8")
    assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(out), "--time-limit", "1"]) == 2
    assert f"{out / 'earlier'} is a file" in capsys.readouterr().err
    (out / "earlier").unlink()
    (out / "rota.xlsx").mkdir()
    assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(out), "--time-limit", "1"]) == 2
    assert f"{out / 'rota.xlsx'} is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["rota.xlsx"]



def test_a_missing_history_and_a_day_not_written_yyyy_mm_dd_are_named(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    rota = _one_shift_rota(tmp_path / "march")
    assert main(["check", str(TEAM), str(rota), "--history", str(tmp_path / "nope")]) == 2
    assert f"--history {tmp_path / 'nope'}: no such file or folder" in capsys.readouterr().err
    squeezed = tmp_path / "squeezed.csv"
    squeezed.write_text("person,date,shift,start,end,hours,kind\n"
                        "mari,20270301,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n",
                        encoding="utf-8")
    assert main(["check", str(TEAM), str(squeezed)]) == 2
    assert "line 2, field date: expected a date YYYY-MM-DD, got '20270301'" in capsys.readouterr().err


def test_replan_records_the_hours_the_rota_had_scheduled_in_the_absence(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-plan records the rota's month and the hours it had planned for the person in the
    absence (Mari's 8-hour day shift on the 1st; nothing on the 2nd; her 3-hour supervision
    of the team file on the 10th) for
    ``absence_norm_reduction = "scheduled_hours"`` (domain.md §3)."""
    rota = _one_shift_rota(tmp_path / "march")
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(rota), "--absent", "mari:2027-03-01..2027-03-02",
          "--absent", "jaan:2027-03-05..2027-03-05", "--absent", "mari:2027-03-10..2027-03-10",
          "--out", str(tmp_path / "a")])
    assert [(a.person, a.rota_month, a.scheduled_hours) for a in asked[0].absences] == [
        ("mari", (2027, 3), 8.0), ("jaan", (2027, 3), 0.0), ("mari", (2027, 3), 3.0)]
    # the solve is told which absences are new since the rota (its hours bands read them)
    assert list(asked[0].options.replan_absences) == list(asked[0].absences)


def test_a_sick_leave_extended_does_not_record_the_hours_of_its_first_days_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mari is sick on the 1st–2nd (her 8-hour day shift recorded), then the leave is extended
    to the 10th and re-planned from the first re-plan's folder: the 1st is in the first
    record; the extension records only her supervision of the 10th (3 h). It recorded 11 h,
    lowering a "scheduled_hours" norm by the 1st twice."""
    rota = _one_shift_rota(tmp_path / "march")
    (tmp_path / "march" / "absences.csv").write_text(
        "person,kind,from,to,note,rota_month,scheduled_hours\n"
        "mari,sick,2027-03-01,2027-03-02,sick leave (replan),2027-03,8\n", encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(rota.parent), "--absent", "mari:2027-03-01..2027-03-10",
          "--out", str(tmp_path / "a")])
    assert [(a.first_day.day, a.last_day.day, a.scheduled_hours) for a in asked[0].team.absences
            if a.person == "mari"] == [(1, 2, 8.0), (1, 10, 3.0)]


def test_history_of_one_month_in_two_versions_is_refused_and_a_lone_file_warns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rota and its re-plan given together as history (``--history A/jan --history R/jan``)
    were merged: the month counted twice (planned 60 h too little the next month). Refused,
    naming both files; the same month given twice alike is fine. The assignments.csv of a
    folder with an absences.csv read alone says that the recorded absences are left out."""
    from scheduler.cli import read_history
    from scheduler.teamfile import load_team

    team = load_team(TEAM)
    original = _one_shift_rota(tmp_path / "original")
    replanned = tmp_path / "replan" / "assignments.csv"
    replanned.parent.mkdir()
    replanned.write_text(original.read_text(encoding="utf-8").replace("mari,", "jaan,"), encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(
            f"--history: {original} and {replanned} give 2027-03 differently (a rota and its re-plan?)")):
        read_history([str(original.parent), str(replanned.parent)], team)
    rows, _team = read_history([str(original.parent), str(original)], team)
    assert len(rows) == 1
    assert capsys.readouterr().err == ""
    (replanned.parent / "absences.csv").write_text("person,kind,from,to,note\n", encoding="utf-8")
    read_history([str(replanned)], team)
    assert (f"warning: --history {replanned}: read as a file alone; the absences its run recorded in "
            f"{replanned.parent / 'absences.csv'}") in capsys.readouterr().err
    assert main(["solve", str(TEAM), "--month", "2027-02", "--history", str(original.parent),
                 "--out", str(tmp_path / "o")]) == 2
    assert (f"--history {original.parent}: has duties of 2027-03; history must be of months before 2027-02"
            in capsys.readouterr().err)


def test_a_months_own_rota_wins_over_an_older_copy_in_another_runs_history(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """April solved before March was re-planned keeps the old March in its history.csv;
    ``rota check APRIL --history MARCH_REPLAN`` merged both Marches (a duty the re-plan removed
    counted again) without a word, and then refusing both left no way to give May its history
    (``--history march_replan --history april``). March's own rota is used, with a warning;
    two own rotas of one month that differ are still refused."""
    from scheduler.cli import read_history
    from scheduler.teamfile import load_team

    replanned = _one_shift_rota(tmp_path / "march_replan")
    april = tmp_path / "april"
    april.mkdir()
    (april / "assignments.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2027-04-05,P,2027-04-05T08:00:00+03:00,2027-04-05T16:00:00+03:00,8.0,shift\n", encoding="utf-8")
    (april / "history.csv").write_text(replanned.read_text(encoding="utf-8").replace("mari,", "jaan,"),
                                       encoding="utf-8")
    assert main(["check", str(TEAM), str(april), "--history", str(replanned.parent)]) in (0, 1)
    err = capsys.readouterr().err
    assert f"{april / 'history.csv'} holds another version of 2027-03 than {replanned}" in err
    rows, _team = read_history([str(replanned.parent), str(april)], load_team(TEAM))  # May's history
    assert sorted((r.person, r.day.isoformat()) for r in rows) == [("mari", "2027-03-01"), ("mari", "2027-04-05")]


def test_history_rows_whose_hours_disagree_with_their_times_are_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A night written as 12 h in a hand-edited history file (its times count 10 h) was
    used without a word: the times count, and a warning says so."""
    from scheduler.cli import read_history
    from scheduler.teamfile import load_team

    history = tmp_path / "feb.csv"
    history.write_text("person,date,shift,start,end,hours,kind\n"
                       "mari,2027-02-27,N,2027-02-27T22:00:00+02:00,2027-02-28T08:00:00+02:00,12.0,shift\n",
                       encoding="utf-8")
    read_history([str(history)], load_team(TEAM))
    assert (f"warning: --history {history}: 1 row(s) whose hours are not what their times count, e.g. mari N "
            "2027-02-27 written 12 h, counts 10 h: the times are used") in capsys.readouterr().err


def test_a_sick_leave_already_recorded_on_last_months_re_plan_is_not_recorded_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """March's re-plan recorded mari's sick leave 25.03–05.04 (24 h scheduled in March); April's
    re-plan of the same leave with that folder as --history added a second record on April,
    and under absence_norm_reduction = "scheduled_hours" April's norm dropped twice (128 h
    instead of 152). The leave is the one record."""
    march = _one_shift_rota(tmp_path / "march")
    (march.parent / "absences.csv").write_text("person,kind,from,to,note,rota_month,scheduled_hours\n"
                                               "mari,sick,2027-03-25,2027-04-05,sick leave (replan),2027-03,24\n",
                                               encoding="utf-8")
    april = tmp_path / "april"
    april.mkdir()
    (april / "assignments.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2027-04-01,P,2027-04-01T08:00:00+03:00,2027-04-01T16:00:00+03:00,8.0,shift\n", encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(april), "--history", str(march.parent),
          "--absent", "mari:2027-03-25..2027-04-05", "--out", str(tmp_path / "out")])
    assert [(a.rota_month, a.scheduled_hours) for a in asked[0].team.absences
            if a.person == "mari" and a.kind.value == "sick"] == [((2027, 3), 24.0)]


def test_a_late_re_plan_and_then_an_on_time_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Mari's sick leave from a day she works learnt of two days later (``--from``): her
    duties there are taken off and the shortfall left there is a record (``rota check
    --today``). A later sick leave re-planned from that output keeps that past as it is and
    succeeds (it failed: the past's coverage was asked again)."""
    small = ROOT / "tests" / "webui" / "small_team.toml"
    assert main(["solve", str(small), "--month", "2027-03", "--out", str(tmp_path / "m"),
                 "--time-limit", "3", "--quiet"]) == 0
    rows = [line.split(",") for line in (tmp_path / "m" / "assignments.csv").read_text(encoding="utf-8").splitlines()]
    first = date.fromisoformat(max(r[1] for r in rows if r[0] == "mari" and r[6] == "shift" and r[1] < "2027-03-15"))
    # alone on her shift that day (the small team needs 1 on each), so her sick day leaves it short
    taken = [r for r in rows if r[1] == first.isoformat() and r[2] == next(
        x[2] for x in rows if x[0] == "mari" and x[1] == first.isoformat()) and r[0] != "mari"]
    (tmp_path / "m" / "assignments.csv").write_text(
        "\n".join(",".join(r) for r in rows if r not in taken) + "\n", encoding="utf-8")
    late_from = first + timedelta(days=2)
    assert main(["replan", str(small), "--rota", str(tmp_path / "m"), "--absent", f"mari:{first}..{late_from}",
                 "--from", str(late_from), "--out", str(tmp_path / "late"), "--time-limit", "3", "--quiet"]) == 0
    late = (tmp_path / "late" / "assignments.csv").read_text(encoding="utf-8")
    assert f"mari,{first}," not in late
    capsys.readouterr()
    assert main(["check", str(small), str(tmp_path / "late"), "--today", str(late_from)]) == 0
    assert "(already past: recorded as it happened)" in capsys.readouterr().out
    assert main(["check", str(small), str(tmp_path / "late")]) == 1  # read as a plan, the past is short
    person, day = next(line.split(",")[:2] for line in late.splitlines()[1:]
                       if line.split(",")[1] >= "2027-03-20" and line.endswith(",shift"))
    # from the day after the late re-plan's start on (the days before it held, the shortfall
    # on Mari's sick day among them): room enough for a substitute in a team of five
    assert main(["replan", str(small), "--rota", str(tmp_path / "late"), "--absent", f"{person}:{day}..{day}",
                 "--from", str(late_from + timedelta(days=1)), "--out", str(tmp_path / "second"),
                 "--time-limit", "3", "--quiet"]) == 0
    assert f"{person},{day}," not in (tmp_path / "second" / "assignments.csv").read_text(encoding="utf-8")


def _team_changed(tmp_path: Path, old: str, new: str) -> Path:
    text = TEAM.read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed = tmp_path / "team.toml"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    return changed


@pytest.mark.parametrize(("old", "new", "said"), [
    ('start = "08:00"\nend = "16:00"\nchannel', 'start = "07:00"\nend = "15:00"\nchannel',
     "mari 2027-03-01 P 08:00–16:00: shift P runs 07:00–15:00 in"),
    ('id = "mari"\nname = "Mari Tamm"\nfte = 1.0\n', 'id = "mari"\nname = "Mari Tamm"\nfte = 1.0\nactive = false\n',
     "mari is not active in"),
], ids=["shift re-timed", "person inactive"])
def test_replan_refuses_to_rewrite_past_duties_the_team_file_no_longer_describes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        old: str, new: str, said: str) -> None:
    """Mari worked P on the 1st. A team file with P re-timed moved that duty to the new times
    (and printed "0 changes"); one with Mari set inactive dropped it, leaving the day's record
    unstaffed. The days before the re-plan's first day are kept as the rota has them: refused,
    named, nothing solved or written. (Not "as they happened": without --from nothing says
    those days are past.)"""
    march = tmp_path / "march"
    rota = _one_shift_rota(march)
    with rota.open("a", encoding="utf-8") as f:
        f.write("olga,2027-03-05,P,2027-03-05T08:00:00+02:00,2027-03-05T16:00:00+02:00,8.0,shift\n")
    asked = _solves_asked(monkeypatch)
    args = ["replan", "TEAM", "--rota", str(march), "--absent", "olga:2027-03-05..2027-03-06",
            "--out", str(tmp_path / "o")]
    assert main([a if a != "TEAM" else str(TEAM) for a in args]) == 2
    assert len(asked) == 1  # the team file as the month was planned: solved
    team = _team_changed(tmp_path, old, new)
    assert main([a if a != "TEAM" else str(team) for a in args[:-1]] + [str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert f"--rota {march}: the days before 2027-03-05 are kept as {march} has them, but {team} no longer " in err
    assert said in err and len(asked) == 1
    assert not (tmp_path / "p").exists()
    late = [a if a != "TEAM" else str(team) for a in args[:-2]] + ["--from", "2027-03-06", "--out", str(tmp_path / "q")]
    assert main(late) == 2 and len(asked) == 1  # learnt of late: those days have been worked
    assert f"the days before 2027-03-06 are kept as they happened, but {team} no longer " in capsys.readouterr().err


def test_replan_keeps_a_service_taken_away_since_only_on_days_that_have_happened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Mari worked the crisis line's P on the 1st; the team file has since taken 116 006
    from her. A re-plan from the absence's first day keeps the days before it as the rota has
    them — not known to have happened — so the team as it is now must allow them: refused,
    naming the duty (it was kept without a word, and `rota check` of the result failed). With
    --from after the absence began those days have happened: kept as worked."""
    march = tmp_path / "march"
    rota = _one_shift_rota(march)
    with rota.open("a", encoding="utf-8") as f:
        f.write("olga,2027-03-05,P,2027-03-05T08:00:00+02:00,2027-03-05T16:00:00+02:00,8.0,shift\n")
    team = _team_changed(tmp_path, 'languages = ["et", "ru"]\nservices = ["116006", "116123", "VJ"]\nemail = "mari',
                         'languages = ["et", "ru"]\nservices = ["116123", "VJ"]\nemail = "mari')
    asked = _solves_asked(monkeypatch)
    args = ["replan", str(team), "--rota", str(march), "--absent", "olga:2027-03-05..2027-03-06"]
    assert main([*args, "--out", str(tmp_path / "o")]) == 2 and not asked
    err = capsys.readouterr().err
    assert f"the days before 2027-03-05 are kept as {march} has them, but {team} no longer describes them" in err
    assert "is on service 116006, which is not among their services" in err and "give --from" in err
    main([*args, "--from", "2027-03-06", "--out", str(tmp_path / "p")])
    assert len(asked) == 1 and asked[0].options.pins[("mari", date(2027, 3, 1))] == "P"


def test_a_loads_csv_row_of_the_folders_own_month_or_later_is_not_read(tmp_path: Path) -> None:
    """loads.csv records the months before its folder's own; a row for March in March's folder
    (edited by hand, or another tool's) set March's norm at that load while summary.csv said
    the team file's: the own month is the team file's, as documented."""
    from scheduler.cli import with_folder_loads
    from scheduler.rotafile import read_assignments
    from scheduler.teamfile import load_team

    march = tmp_path / "march"
    rota = _one_shift_rota(march)
    (march / "summary.csv").write_text("person,fte,norm_hours\nmari,1,176.0\n", encoding="utf-8")
    (march / "loads.csv").write_text("person,month,fte\nmari,2027-02,0.5\nmari,2027-03,0.3\nmari,2027-04,0.3\n",
                                     encoding="utf-8")
    team = with_folder_loads(load_team(TEAM), march, read_assignments(rota))
    assert team.person("mari").earlier_loads == (((2027, 2), 0.5),)


def test_absences_given_together_are_joined_before_each_is_asked_to_touch_the_month(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--absent mari:30.03..02.04 and mari:02.04..06.04 are one absence from 30.03 (README):
    the second alone lies outside March, and was refused though the joined one touches it."""
    march = tmp_path / "march"
    _one_shift_rota(march)
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-30..2027-04-02",
          "--absent", "mari:2027-04-02..2027-04-06", "--out", str(tmp_path / "o")])
    [absence] = [a for a in asked[0].absences if a.person == "mari"]
    assert (absence.first_day, absence.last_day) == (date(2027, 3, 30), date(2027, 4, 6))


def test_check_names_the_line_of_a_row_the_team_file_does_not_know(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown person, an unknown shift code, times that are not the shift's, written hours
    the times do not count: each finding names its line, as a replan's refusal does; a row
    of someone not in the team covers nothing."""
    rota = _one_shift_rota(tmp_path / "march")
    with rota.open("a", encoding="utf-8") as f:
        f.write("mar,2027-03-02,P,2027-03-02T08:00:00+02:00,2027-03-02T16:00:00+02:00,8.0,shift\n"
                "jaan,2027-03-03,PP,2027-03-03T08:00:00+02:00,2027-03-03T16:00:00+02:00,8.0,shift\n"
                "olga,2027-03-04,P,2027-03-04T07:00:00+02:00,2027-03-04T16:00:00+02:00,9.0,shift\n"
                "anna,2027-03-05,P,2027-03-05T08:00:00+02:00,2027-03-05T16:00:00+02:00,3.0,shift\n")
    assert main(["check", str(TEAM), str(rota)]) == 1
    out = capsys.readouterr().out
    assert f"mar: shift P 2027-03-02 08:00–16:00 names a person who is not in the team file ({rota} line 3)" in out
    assert f"shift code 'PP' on 2027-03-03 (Wed) is not a shift type of the team file ({rota} line 4)" in out
    assert f"does not match shift P, which runs 2027-03-04 08:00–16:00 on that day ({rota} line 5)" in out
    assert "P 2027-03-05 08:00–16:00 is written as 3.0 h but counts" in out and f"({rota} line 6)" in out
    assert "2027-03-02 (Tue), 116006 P: 0 on duty (nobody)" in out


def test_a_history_folder_keeps_the_load_its_month_was_planned_with(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """February was planned with Mari at half time (its summary.csv); the team file has her at
    full time since March. February's norm stays her half-time one in the period's balance
    (``Person.earlier_loads``), not recomputed with today's load."""
    february = _february_with_one_shift(tmp_path)
    (february / "summary.csv").write_text("person,fte,norm_hours\nmari,0.5,80.0\njaan,1,160.0\n", encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    main(["solve", str(TEAM), "--month", "2027-03", "--history", str(february), "--out", str(tmp_path / "o")])
    team = asked[0].team
    assert team.person("mari").earlier_loads == (((2027, 2), 0.5),)
    assert team.person("jaan").earlier_loads == ()


def test_an_output_folder_keeps_the_earlier_loads_its_run_used(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """April solved with March's folder as history, Mari's load halved since March: April's
    folder records March's load (loads.csv), so checking or re-planning April without
    ``--history`` reads March's norm as planned, not at today's load."""
    from dataclasses import replace

    from scheduler.cli import with_folder_loads
    from scheduler.rotafile import RotaFileError, read_loads, write_loads
    from scheduler.teamfile import load_team

    team = load_team(TEAM)
    mari = replace(team.person("mari"), fte=0.5, earlier_loads=(((2027, 3), 1.0),))
    april = tmp_path / "april"
    rota = _one_shift_rota(april)
    rota.write_text(rota.read_text(encoding="utf-8").replace("2027-03-01", "2027-04-01").replace("+02:00", "+03:00"),
                    encoding="utf-8")
    write_loads([mari, team.person("jaan")], april / "loads.csv")
    assert (april / "loads.csv").read_text(encoding="utf-8") == "person,month,fte\nmari,2027-03,1\n"
    assert read_loads(april / "loads.csv") == {"mari": {(2027, 3): 1.0}}
    assert with_folder_loads(team, april).person("mari").earlier_loads == ()  # 1.0 as today
    half = tmp_path / "half.toml"
    half.write_text(TEAM.read_text(encoding="utf-8").replace(
        'id = "mari"\nname = "Mari Tamm"\nfte = 1.0', 'id = "mari"\nname = "Mari Tamm"\nfte = 0.5'), encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    main(["replan", str(half), "--rota", str(april), "--absent", "mari:2027-04-01..2027-04-02",
          "--out", str(tmp_path / "o")])
    assert asked[0].team.person("mari").earlier_loads == (((2027, 3), 1.0),)
    (april / "loads.csv").write_text("person,month,fte\nmari,2027-03,2\n", encoding="utf-8")
    assert main(["check", str(half), str(april)]) == 2
    (april / "loads.csv").write_text("person,month,fte\n,2027-03,1\n", encoding="utf-8")
    with pytest.raises(RotaFileError, match="loads.csv line 2, field person: empty"):
        read_loads(april / "loads.csv")


def _three_month_team(tmp_path: Path, name: str, source: Path = TEAM, change: tuple[str, str] | None = None) -> Path:
    """``source`` with an accounting period of three months (and ``change`` made)."""
    text = source.read_text(encoding="utf-8")
    if "accounting_period_months = 1" in text:
        text = text.replace("accounting_period_months = 1", "accounting_period_months = 3")
    else:
        text = text.replace("[settings]\n", "[settings]\naccounting_period_months = 3\n", 1)
    if change is not None:
        assert text.count(change[0]) == 1
        text = text.replace(*change)
    team = tmp_path / name
    team.write_text(text, encoding="utf-8")
    return team


def test_a_changed_load_keeps_the_loads_of_every_earlier_month_from_the_previous_folder_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A period of three months: January and February planned with Piret at half time,
    February's folder given alone as March's history after her load went up to full time.
    February's folder recorded no loads (nothing had changed then) and only its own month was
    read back, so January was counted at full time: March's period norm and balance were
    those of a load she never had in January. Every output folder now records the load of
    each earlier month of the period its run used (loads.csv), so the chain holds from the
    previous month's folder alone, as with both folders given."""
    small = ROOT / "tests" / "webui" / "small_team.toml"
    team = _three_month_team(tmp_path, "team.toml", small)
    full = _three_month_team(tmp_path, "full.toml", small, ('fte = 0.5\nlanguages = ["et"]',
                                                             'fte = 1.0\nlanguages = ["et"]'))
    solve = ["--time-limit", "3", "--workers", "1", "--quiet"]
    jan, feb, mar = tmp_path / "jan", tmp_path / "feb", tmp_path / "mar"
    assert main(["solve", str(team), "--month", "2027-01", "--out", str(jan), *solve]) == 0
    assert main(["solve", str(team), "--month", "2027-02", "--history", str(jan), "--out", str(feb), *solve]) == 0
    assert "piret,2027-01,0.5\n" in (feb / "loads.csv").read_text(encoding="utf-8")
    assert main(["solve", str(full), "--month", "2027-03", "--history", str(feb), "--out", str(mar), *solve]) == 0
    loads = (mar / "loads.csv").read_text(encoding="utf-8")
    assert "piret,2027-01,0.5\n" in loads and "piret,2027-02,0.5\n" in loads
    summary = {row.split(",")[0]: row.split(",") for row in (mar / "summary.csv").read_text().splitlines()}
    column = summary["person"].index("period_norm_hours")
    # January (20 working days) and February (19, one shortened) at half time, March at full time
    half_jan, half_feb = 20 * 4, 19 * 4 - 3
    assert float(summary["piret"][column]) == half_jan + half_feb + 176
    capsys.readouterr()
    balances = []
    for history in ([str(feb)], [str(jan), str(feb)]):
        main(["check", str(full), str(mar / "assignments.csv"), *(a for h in history for a in ("--history", h))])
        balances.append(next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Piret")))
    assert balances[0] == balances[1]


def test_an_old_history_folder_without_loads_gives_the_earlier_months_its_summary_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A February folder written before every run recorded its earlier months' loads: no
    loads.csv, as nothing had changed then. Its run counted January at the load its
    summary.csv gives February (the team file's then), so that is January's load too; a
    loads.csv it has wins, and a month before the period is not guessed."""
    team = _three_month_team(tmp_path, "team.toml", change=('id = "anna"\nname = "Anna Kuznetsova"\nfte = 0.75',
                                                            'id = "anna"\nname = "Anna Kuznetsova"\nfte = 1.0'))
    february = _february_with_one_shift(tmp_path)
    (february / "history.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2026-12-28,P,2026-12-28T08:00:00+02:00,2026-12-28T16:00:00+02:00,8.0,shift\n"
        "mari,2027-01-29,P,2027-01-29T08:00:00+02:00,2027-01-29T16:00:00+02:00,8.0,shift\n", encoding="utf-8")
    (february / "summary.csv").write_text("person,fte,norm_hours\nanna,0.75,111.0\nmari,1,149.0\n", encoding="utf-8")
    asked = _solves_asked(monkeypatch)
    main(["solve", str(team), "--month", "2027-03", "--history", str(february), "--out", str(tmp_path / "o")])
    assert asked[0].team.person("anna").earlier_loads == (((2027, 1), 0.75), ((2027, 2), 0.75))
    assert asked[0].team.person("mari").earlier_loads == ()
    (february / "loads.csv").write_text("person,month,fte\nanna,2027-01,0.5\n", encoding="utf-8")
    main(["solve", str(team), "--month", "2027-03", "--history", str(february), "--out", str(tmp_path / "p")])
    assert asked[1].team.person("anna").earlier_loads == (((2027, 1), 0.5), ((2027, 2), 0.75))


@pytest.mark.parametrize(("summary", "said"), [
    ("person,fte,norm_hours\njaan,1,160.0\nmari,abc,80.0\n", "line 3, field fte: expected a load from 0.1 to 1.0, got 'abc'"),
    ("person,fte,norm_hours\njaan,1,160.0\nmari,2,80.0\n", "line 3, field fte: expected a load from 0.1 to 1.0, got '2'"),
    ("person,fte,norm_hours\njaan,1,160.0\nmari,0.05,8.0\n",
     "line 3, field fte: expected a load from 0.1 to 1.0, got '0.05'"),
    ("person,fte,norm_hours\njaan,1\n", "line 2: expected 3 fields, got 2"),
    ("person;fte;norm_hours\njaan;1;160.0\n", "line 1: expected the columns person and fte, got 'person;fte;norm_hours' "
                                             "(the file is separated by semicolons; save it as CSV with commas)"),
], ids=["not a number", "out of range", "below the team file's least", "short line", "wrong separator"])
def test_a_bad_load_in_a_history_folders_summary_names_its_line_and_field(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        summary: str, said: str) -> None:
    """A history folder's summary.csv with a bad fte (edited by hand) is refused as the other
    readers refuse a bad loads.csv or absences.csv: the file, line and field, no traceback."""
    asked = _solves_asked(monkeypatch)
    february = _february_with_one_shift(tmp_path)
    (february / "summary.csv").write_text(summary, encoding="utf-8")
    assert main(["solve", str(TEAM), "--month", "2027-03", "--history", str(february),
                 "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{february / 'summary.csv'} {said}" in err and "Traceback" not in err
    assert not asked and not (tmp_path / "o").exists()


@pytest.mark.parametrize("spans", [["15..19", "18..22"], ["18..22", "15..19"], ["15..22", "17..18"],
                                   ["15..19", "20..22"], ["15..22", "15..22"]],
                         ids=["extended", "given later first", "within", "adjacent", "twice"])
def test_absences_of_one_person_given_together_record_each_duty_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], spans: list[str]) -> None:
    """``--absent mari:…15..19 --absent mari:…18..22`` recorded her duties of the 18th and 19th
    in both absences (under ``absence_norm_reduction = "scheduled_hours"`` her norm fell by
    them twice) where ``--absent mari:…15..22`` recorded each once. Overlapping spans of one
    person are one absence, with a note naming them; spans that only meet (the 19th and the
    20th) stay two, the night from the 19th into the 20th recorded in the first only. The
    same days give the same hours."""
    rota = _one_shift_rota(tmp_path / "march")
    with rota.open("a", encoding="utf-8") as f:
        f.write("mari,2027-03-16,P,2027-03-16T08:00:00+02:00,2027-03-16T16:00:00+02:00,8.0,shift\n"
                "mari,2027-03-18,P,2027-03-18T08:00:00+02:00,2027-03-18T16:00:00+02:00,8.0,shift\n"
                "mari,2027-03-19,N,2027-03-19T22:00:00+02:00,2027-03-20T08:00:00+02:00,10.0,shift\n"
                "mari,2027-03-22,P,2027-03-22T08:00:00+02:00,2027-03-22T16:00:00+02:00,8.0,shift\n")
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(rota.parent), "--absent", "mari:2027-03-15..2027-03-22",
          "--out", str(tmp_path / "one")])
    [whole] = asked[0].absences
    capsys.readouterr()
    given = [f"mari:2027-03-{span.replace('..', '..2027-03-')}" for span in spans]
    main(["replan", str(TEAM), "--rota", str(rota.parent), *(a for g in given for a in ("--absent", g)),
          "--out", str(tmp_path / "two")])
    recorded = asked[1].absences
    assert sum(a.scheduled_hours for a in recorded) == whole.scheduled_hours
    assert [a.scheduled_hours for a in asked[1].team.absences if a.person == "mari"] == [
        a.scheduled_hours for a in recorded]
    err = capsys.readouterr().err
    if spans == ["15..19", "20..22"]:
        assert [(a.first_day.day, a.last_day.day, a.scheduled_hours) for a in recorded] == [
            (15, 19, whole.scheduled_hours - 8), (20, 22, 8.0)]
        assert "note:" not in err
    else:
        assert recorded == (whole,)
        assert (f"note: --absent {given[0]} and --absent {given[1]} overlap: one absence of mari "
                "from 2027-03-15 to 2027-03-22") in err


@pytest.mark.parametrize(("status", "changes_term", "said"), [("feasible", 200.0, True), ("optimal", 200.0, False),
                                                            ("feasible", 0.0, False)])
def test_replan_stopped_by_the_time_limit_says_fewer_changes_may_exist(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], status: str,
        changes_term: float, said: bool) -> None:
    """A short re-plan listed many more changes than a longer one and nothing said the list was
    not proven the fewest: when the time limit stopped the search ("feasible") the change list
    says so; a proven re-plan ("optimal") does not, nor one that only took the absent person's
    duties off (its "changes" term 0: nobody given a duty, no fewer changes possible)."""
    from types import SimpleNamespace

    import scheduler.cli as cli
    from scheduler.domain import Assignment, local

    march = tmp_path / "march"
    _one_shift_rota(march)
    moved = Assignment("jaan", date(2027, 3, 1), "P", local(date(2027, 3, 1), time(8)),
                       local(date(2027, 3, 1), time(16)), 8.0)

    def solve_and_write(team, year, month, history, options, out, quiet, absences=(), more=None):  # noqa: ANN001
        return 0, SimpleNamespace(status=status, assignments=[moved], terms={"changes": changes_term})

    monkeypatch.setattr(cli, "_solve_and_write", solve_and_write)
    assert main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-01..2027-03-01",
                 "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "2 changes against" in out
    assert ("one with fewer changes may exist; a longer --time-limit searches further" in out) == said


def _folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path → bytes), and every folder (→ b"/")."""
    return {str(p.relative_to(folder)): b"/" if p.is_dir() else p.read_bytes() for p in folder.rglob("*")}


def test_a_run_that_cannot_write_its_result_writes_none_of_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A full disk while summary.csv was written: a traceback, exit 1, the earlier rota moved to
    earlier/<time>/ beside a new assignments.csv and an empty summary.csv (no history the next
    month can read). Each file is now written under a temporary name and put in place only
    when all are written: exit 2 naming the file and the reason, the folder as it was."""
    import errno

    import scheduler.exports as exports

    small = ROOT / "tests" / "webui" / "small_team.toml"
    out = tmp_path / "out"
    out.mkdir()
    for name in ("assignments.csv", "summary.csv", "rota.xlsx"):
        (out / name).write_text(f"the earlier {name}\n", encoding="utf-8")
    held = _folder_contents(out)

    def full(*args: object) -> None:
        Path(args[-1]).write_text("half", encoding="utf-8")  # a part written before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "write_summary", full)
    code = main(["solve", str(small), "--month", "2027-03", "--out", str(out), "--time-limit", "3", "--workers", "1",
                 "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert (f"--out {out}: cannot write {out / 'summary.csv'} (No space left on device); nothing of this run "
            f"was written, {out} holds what it held before") in err
    assert "Traceback" not in err
    assert _folder_contents(out) == held


def test_a_failure_putting_the_result_in_place_puts_the_earlier_one_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The earlier run's files are moved to earlier/<time>/ just before this run's are renamed
    into place: a failure there moves them back and removes the folders made for them."""
    import errno
    import os

    import scheduler.solver as solver
    from scheduler.cli import _solve_and_write
    from scheduler.solver import SolveResult
    from scheduler.teamfile import load_team

    out = tmp_path / "out"
    out.mkdir()
    (out / "assignments.csv").write_text("the earlier rota\n", encoding="utf-8")
    held = _folder_contents(out)
    impossible = SolveResult("infeasible", 2027, 3, shortfalls=["2027-03-05 night: needs 1 Russian speaker"])
    monkeypatch.setattr(solver, "solve_month", lambda *a, **k: impossible)

    def refused(*args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    options = solver.SolveOptions(time_limit=1, workers=1, progress=False)
    with pytest.raises(UsageError, match=f"cannot write {re.escape(str(out / 'infeasible.txt'))} "
                                         r"\(Permission denied\)"):
        _solve_and_write(load_team(TEAM), 2027, 3, [], options, out, True)
    assert _folder_contents(out) == held


def test_an_os_error_anywhere_is_a_named_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import scheduler.cli as cli

    def unreadable(args: object) -> int:
        raise PermissionError(13, "Permission denied", "/srv/rota/team.toml")

    monkeypatch.setattr(cli, "cmd_norms", unreadable)
    assert main(["norms", "2027"]) == 2
    assert capsys.readouterr().err == "rota norms: error:\n  /srv/rota/team.toml: Permission denied\n"


@pytest.mark.parametrize(("name", "text", "said"), [
    ("loads.csv", "person,month,fte\nmari,2027-01,1\nmari,2027-01,0.5\n",
     "lines 2 and 3: two loads of mari for 2027-01 (one a person and month)"),
    ("summary.csv", "person,fte,norm_hours\nmari,1,149.0\njaan,1,149.0\nmari,0.5,74.5\n",
     "lines 2 and 4: two rows of mari (one a person)"),
], ids=["loads", "summary"])
def test_a_person_twice_in_a_history_folders_loads_is_refused_naming_both_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, text: str, said: str) -> None:
    """A second row of Mari in loads.csv or summary.csv (edited by hand) was read silently,
    the last one winning: her period's norm and balance were those of a load of her choosing."""
    asked = _solves_asked(monkeypatch)
    february = _february_with_one_shift(tmp_path)
    (february / name).write_text(text, encoding="utf-8")
    assert main(["solve", str(TEAM), "--month", "2027-03", "--history", str(february),
                 "--out", str(tmp_path / "o")]) == 2
    assert f"{february / name} {said}" in capsys.readouterr().err
    assert not asked


def test_loads_of_someone_not_in_the_team_are_left_out_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """As a history folder's absences.csv of former staff: loads.csv and summary.csv rows of
    someone not in the team file are said, not passed over silently."""
    asked = _solves_asked(monkeypatch)
    february = _february_with_one_shift(tmp_path)
    (february / "loads.csv").write_text("person,month,fte\nmaria,2027-01,0.5\n", encoding="utf-8")
    (february / "summary.csv").write_text("person,fte,norm_hours\nmari,1,149.0\nmaria,0.5,74.5\n",
                                          encoding="utf-8")
    main(["solve", str(TEAM), "--month", "2027-03", "--history", str(february), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    for name in ("loads.csv", "summary.csv"):
        assert (f"warning: --history {february / name}: loads of maria, who is not in the team file "
                "(former staff): left out") in err
    assert asked[0].team.person("mari").earlier_loads == ()


def _winter_p_row(person: str, day: str) -> str:
    """An assignments.csv line: ``person``'s P (08:00–16:00) on ``day``, a day of winter time."""
    return f"{person},{day},P,{day}T08:00:00+02:00,{day}T16:00:00+02:00,8.0,shift\n"


def test_check_says_which_earlier_entries_it_did_not_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A March row mistyped as 22 February was read as a duty before March and not checked,
    without a word (a row of April is said): now said too, naming its line — unless the
    history given has that duty (a copy of February's rota, checked with February)."""
    rota = _one_shift_rota(tmp_path / "march")
    with rota.open("a", encoding="utf-8") as f:
        f.writelines(_winter_p_row(person, day) for person, day in (("mari", "2027-02-22"), ("mari", "2027-02-26"),
                                                                     ("jaan", "2027-03-02"), ("jaan", "2027-03-03")))
    assert main(["check", str(TEAM), str(rota)]) == 1
    assert (f"warning: {rota}: 2 entries in 2027-02 (lines 3, 4) are not checked, only read as duties before "
            "2027-03 (check them with --month 2027-02)") in capsys.readouterr().err
    february = _february_with_one_shift(tmp_path)  # has the 26th
    assert main(["check", str(TEAM), str(rota), "--history", str(february)]) == 1
    assert (f"warning: {rota}: 1 entries in 2027-02 (line 3) are not checked, only read as duties before "
            "2027-03 (check them with --month 2027-02)") in capsys.readouterr().err
    lines = rota.read_text(encoding="utf-8").splitlines()
    rota.write_text("\n".join(lines[:2] + lines[3:] + [""]), encoding="utf-8")  # the 22nd left out
    assert main(["check", str(TEAM), str(rota), "--history", str(february)]) == 1
    assert "not checked" not in capsys.readouterr().err


def test_a_single_day_absence_is_given_as_person_colon_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """``--absent mari:2027-03-15`` was refused for want of ``..2027-03-15``: it is that one day;
    anything else not a day is refused as before."""
    march = tmp_path / "march"
    _one_shift_rota(march)
    asked = _solves_asked(monkeypatch)
    main(["replan", str(TEAM), "--rota", str(march), "--absent", "mari:2027-03-15", "--out", str(tmp_path / "o")])
    [absence] = asked[0].absences
    assert (absence.person, absence.first_day, absence.last_day) == ("mari", date(2027, 3, 15), date(2027, 3, 15))
    for bad in ("mari:15.03.2027", "mari", "mari:"):
        assert main(["replan", str(TEAM), "--rota", str(march), "--absent", bad, "--out", str(tmp_path / "o")]) == 2
        assert (f"--absent: expected PERSON:FROM..TO such as mari:2027-03-08..2027-03-14, got {bad!r}"
                in capsys.readouterr().err)
    assert len(asked) == 1


@pytest.mark.parametrize("status", ["no solution", "rejected"])
def test_a_solve_that_writes_nothing_leaves_no_folder_it_created(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], status: str) -> None:
    """A time-out or a rejected rota left the --out folder (and its parents) the run had
    created, empty; they are removed again. A folder that was there before stays, empty or not."""
    import scheduler.solver as solver
    from scheduler.solver import SolveResult

    monkeypatch.setattr(solver, "solve_month", lambda *a, **k: SolveResult(status, 2027, 3))
    there = tmp_path / "there"
    there.mkdir()
    for out in (there / "new" / "deeper", there):
        assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(out), "--quiet"]) in (2, 3)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["there"]
        assert list(there.iterdir()) == []
    impossible = SolveResult("infeasible", 2027, 3, shortfalls=["2027-03-05 night: needs 1 Russian speaker"])
    monkeypatch.setattr(solver, "solve_month", lambda *a, **k: impossible)
    assert main(["solve", str(TEAM), "--month", "2027-03", "--out", str(there / "new"), "--quiet"]) == 2
    assert [p.name for p in (there / "new").iterdir()] == ["infeasible.txt"]


@pytest.mark.parametrize("command", ["solve", "replan"])
def test_an_empty_out_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str], command: str) -> None:
    """``--out ""`` (an unset shell variable) wrote into the current folder without a word."""
    asked = _solves_asked(monkeypatch)
    march = tmp_path / "march"
    _one_shift_rota(march)
    monkeypatch.chdir(tmp_path)
    given = ["--month", "2027-03"] if command == "solve" else ["--rota", str(march), "--absent", "mari:2027-03-01"]
    for empty in ("", " "):
        assert main([command, str(TEAM), *given, "--out", empty]) == 2
        assert (f"--out: expected a folder, got {empty!r} (write --out . for the current folder)"
                in capsys.readouterr().err)
    assert not asked and sorted(p.name for p in tmp_path.iterdir()) == ["march"]
