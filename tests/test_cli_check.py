"""``rota check`` end to end: a legal rota passes (exit 0); a rota breaking a hard rule
fails (exit 1) and the report names the rule, its source and the person."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler.cli import main
from scheduler.domain import Assignment
from scheduler.rotafile import write_assignments
from scheduler.teamfile import parse_team

TEAM_TOML = """
[team]
name = "Small line"

[[services]]
code = "L"
name = "Line"

[[shift_types]]
code = "D"
service = "L"
start = "08:00"
end = "16:00"

[[shift_types]]
code = "E"
service = "L"
start = "14:00"
end = "22:00"

[[shift_types]]
code = "N"
service = "L"
start = "22:00"
end = "08:00"

[[needs]]
service = "L"
shift = "D"
days = "weekday"
minimum = 1

[[people]]
id = "ann"
name = "Ann Tamm"
languages = ["et"]
services = ["L"]

[[people]]
id = "bob"
name = "Bob Kask"
languages = ["et"]
services = ["L"]

[[people]]
id = "cai"
name = "Cai Oja"
languages = ["et"]
services = ["L"]
may_work_nights = false

[[absences]]
person = "ann"
kind = "vacation"
from = "2027-02-15"
to = "2027-02-19"
"""

TEAM = parse_team(TEAM_TOML, "team.toml")


def shift(person: str, day: date, code: str) -> Assignment:
    start, end = TEAM.shift_type(code).interval(day)
    hours = (end.timestamp() - start.timestamp()) / 3600
    hours -= 0.5 if hours > 6 else 0  # TLS § 47 break, not working time by default
    return Assignment(person, day, code, start, end, hours)


def legal_rota() -> list[Assignment]:
    rows = []
    day = date(2027, 2, 1)
    while day.month == 2:
        if day.weekday() < 5:
            on_leave = date(2027, 2, 15) <= day <= date(2027, 2, 19)
            person = "bob" if on_leave or day.weekday() >= 3 else "ann"
            rows.append(shift(person, day, "D"))
        day += timedelta(days=1)
    return rows


def run_check(tmp_path: Path, rows: list[Assignment], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    team = tmp_path / "team.toml"
    team.write_text(TEAM_TOML, encoding="utf-8")
    rota = tmp_path / "assignments.csv"
    write_assignments(rows, rota)
    code = main(["check", str(team), str(rota)])
    return code, capsys.readouterr().out


def test_legal_rota_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(tmp_path, legal_rota(), capsys)
    assert code == 0, out
    assert "Ann Tamm" in out  # the per-person picture


def _without(rows: list[Assignment], person: str, day: date) -> list[Assignment]:
    return [r for r in rows if not (r.person == person and r.day == day)]


BROKEN = {
    # 10 h between E ending 22:00 and D starting 08:00
    "daily_rest": lambda rows: rows + [shift("bob", date(2027, 2, 1), "E"), shift("bob", date(2027, 2, 2), "D")],
    # ann works every day of the week of 1 Feb: never 36 h free
    "weekly_rest": lambda rows: rows + [shift("ann", date(2027, 2, d), "D") for d in (4, 5, 6, 7)],
    # nobody on the weekday day shift of 3 Feb
    "coverage_minimum": lambda rows: _without(rows, "ann", date(2027, 2, 3)),
    # cai may not work nights
    "eligibility": lambda rows: rows + [shift("cai", date(2027, 2, 6), "N")],
    # ann is on vacation 15–19 Feb
    "absences_and_events": lambda rows: rows + [shift("ann", date(2027, 2, 16), "E")],
    # hours claimed differ from the hours the law counts
    "hours": lambda rows: [Assignment(r.person, r.day, r.code, r.start, r.end, r.hours + 1, r.kind)
                           if r.day == date(2027, 2, 8) else r for r in rows],
    # two shifts that overlap on one day
    "no_overlapping_duties": lambda rows: rows + [shift("ann", date(2027, 2, 2), "E")],
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_rota_breaking_a_rule_fails(rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = BROKEN[rule](legal_rota())
    code, out = run_check(tmp_path, rows, capsys)
    assert code == 1, out
    assert rule in out


def test_history_folder_absences_lower_the_earlier_months_norm(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A sick leave a re-plan recorded in January's folder (absences.csv) is January's: with
    a two-month accounting period, February's check reads it through --history and the
    period's norm is 5 working days (40 h) lower (domain.md §3, TLS § 43)."""
    team = tmp_path / "team.toml"
    team.write_text(TEAM_TOML.replace('[team]\nname = "Small line"\n',
                                      '[team]\nname = "Small line"\n\n[settings]\naccounting_period_months = 2\n'),
                    encoding="utf-8")
    january = tmp_path / "january"
    january.mkdir()
    write_assignments([shift("ann", date(2027, 1, d), "D") for d in (4, 5, 6)], january / "assignments.csv")
    (january / "absences.csv").write_text("person,kind,from,to,note\nann,sick,2027-01-11,2027-01-15,\n",
                                          encoding="utf-8")
    rota = tmp_path / "february.csv"
    write_assignments(legal_rota(), rota)

    def ann_period() -> str:
        main(["check", str(team), str(rota), "--history", str(january)])
        line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Ann Tamm"))
        return line.split()[4]  # planned/norm of the period

    with_leave = ann_period()
    (january / "absences.csv").unlink()
    without = ann_period()
    planned, norm = with_leave.split("/")
    assert without.split("/") == [planned, f"{float(norm) + 40:.1f}"]
