"""Exports of a solved or checked rota: ``summary.csv`` and ``rota.xlsx`` (openpyxl)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from scheduler import worktime
from scheduler.checker import CheckReport
from scheduler.domain import Absence, AbsenceKind, Assignment, Team, clock_span, starts_like_formula

SUMMARY_HEADER = [
    "person", "fte", "norm_hours", "planned_hours", "balance_hours", "night_hours", "holiday_hours",
    "nights", "weekend_days", "wishes_met", "wishes_total", "period_norm_hours", "period_planned_hours",
    "period_balance_hours", "substitute_hours", "period_norm_to_date_hours",
]

#: The summary sheet's column titles in the workbook, Estonian and English as its legend
#: (summary.csv keeps the ids of :data:`SUMMARY_HEADER`); a name column follows the id.
SUMMARY_TITLES = {
    "person": "Isik / Person", "fte": "Koormus / FTE", "norm_hours": "Norm (h)",
    "planned_hours": "Planeeritud / Planned (h)", "balance_hours": "Vahe / Balance (h)",
    "night_hours": "Öötunnid / Night hours", "holiday_hours": "Pühade tunnid / Holiday hours",
    "nights": "Ööd / Nights", "weekend_days": "Nädalavahetuse päevad / Weekend days",
    "wishes_met": "Soove täidetud / Wishes met", "wishes_total": "Soove / Wishes",
    "period_norm_hours": "Perioodi norm / Period norm (h)",
    "period_planned_hours": "Perioodis planeeritud / Period planned (h)",
    "period_balance_hours": "Perioodi vahe / Period balance (h)",
    "substitute_hours": "Asendustunnid / Substitute hours",
    "period_norm_to_date_hours": "Perioodi norm kuu lõpuni / Period norm to date (h)",
}

PAYROLL_HEADER = ["person", "name", "planned_hours", "norm_hours", "balance_hours", "night_hours",
                  "holiday_hours"]


def _h(value: float) -> str:
    return f"{value:.2f}"


def safe_text(value: str) -> str:
    """A name or id as a spreadsheet shows it, never runs it: one starting like a formula
    (``=HYPERLINK(…)``) gets a leading apostrophe, as Excel and LibreOffice write text."""
    return "'" + value if starts_like_formula(value) else value


def _text_cell(ws, row: int, column: int, value: str):  # noqa: ANN001, ANN202
    """A cell holding ``value`` as text (openpyxl writes a string starting with ``=`` as a
    formula that runs when the workbook is opened)."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    return cell


def summary_rows(report: CheckReport) -> list[list[str]]:
    rows = []
    for p in report.people:
        rows.append([
            safe_text(p.person), f"{p.fte:g}", _h(p.norm_hours), _h(p.planned_hours), _h(p.balance_hours),
            _h(p.night_hours), _h(p.holiday_hours), str(p.nights), str(p.weekend_days),
            str(p.wishes_met), str(p.wishes_total), _h(p.period_norm_hours), _h(p.period_planned_hours),
            _h(p.period_balance_hours), _h(p.substitute_hours), _h(p.period_norm_to_date_hours),
        ])
    return rows


def write_summary(report: CheckReport, path: Path | str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(SUMMARY_HEADER)
        writer.writerows(summary_rows(report))


def write_payroll(report: CheckReport, path: Path | str) -> None:
    """Payroll CSV: planned, norm, balance, night and public-holiday hours per person."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(PAYROLL_HEADER)
        for p in report.people:
            writer.writerow([safe_text(p.person), safe_text(p.name), _h(p.planned_hours), _h(p.norm_hours),
                             _h(p.balance_hours), _h(p.night_hours), _h(p.holiday_hours)])


WEEKEND_FILL = PatternFill("solid", fgColor="E8E8E8")
HOLIDAY_FILL = PatternFill("solid", fgColor="F6D7B0")
HEADER_FONT = Font(bold=True)
ABSENCE_FILL = PatternFill("solid", fgColor="DCE9F5")
ABSENCE_FONT = Font(italic=True, color="44546A")
EVENT_FONT = Font(italic=True, color="5B3A8E")
ET_WEEKDAYS = ["E", "T", "K", "N", "R", "L", "P"]
#: Grid markers of absences (Estonian time-sheet words; chosen not to clash with shift codes),
#: with their legend. The web app's print view writes the same marks (``webui.grid.absence_short``).
ABSENCE_MARKS: dict[AbsenceKind, tuple[str, str]] = {
    AbsenceKind.VACATION: ("PUH", "puhkus / vacation"),
    AbsenceKind.SICK: ("HAIG", "haigus / sick leave"),
    AbsenceKind.TRAINING: ("ÕPE", "koolitusel / away at training"),
    AbsenceKind.OTHER: ("EI", "muu puudumine / other absence"),
}


def _absence_days(team: Team, days: Sequence[date]) -> dict[tuple[str, date], list[Absence]]:
    """The absences touching each (person, day) of the month."""
    month = set(days)
    out: dict[tuple[str, date], list[Absence]] = {}
    for absence in team.absences:
        for d in absence.days():
            if d in month:
                out.setdefault((absence.person, d), []).append(absence)
    return out


def _absence_comment(absences: Sequence[Absence]) -> Comment:
    lines = []
    for a in absences:
        when = "" if a.whole_days else f" {a.start_time:%H:%M}–{a.end_time:%H:%M}"
        lines.append(f"{ABSENCE_MARKS[a.kind][1]} {a.first_day:%d.%m}–{a.last_day:%d.%m}{when}"
                     + (f": {a.note}" if a.note else ""))
    return Comment("\n".join(lines), "rota")


def write_xlsx(team: Team, year: int, month: int, assignments: Sequence[Assignment],
               report: CheckReport | None, path: Path | str, summary_sheet: str = "Summary") -> None:
    """A person × day grid with shift codes (coloured by service), events in italics,
    absences marked (PUH, HAIG, …, with a note), weekends and public holidays shaded, a
    legend, and a sheet with the summary, named ``summary_sheet`` (the web app names it in
    the viewer's language)."""
    first, last = worktime.month_bounds(year, month)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}-{month:02d}"
    _text_cell(ws, 1, 1, team.name).font = HEADER_FONT
    ws.cell(row=2, column=1, value="Inimene / Person").font = HEADER_FONT
    for j, d in enumerate(days, start=2):
        c = ws.cell(row=2, column=j, value=f"{d.day}\n{ET_WEEKDAYS[d.weekday()]}")
        c.alignment = Alignment(horizontal="center", wrap_text=True)
        c.font = HEADER_FONT
        ws.column_dimensions[get_column_letter(j)].width = 5
    ws.column_dimensions["A"].width = 22
    cells: dict[tuple[str, date], list[str]] = {}
    for a in assignments:
        cells.setdefault((a.person, a.day), []).append(a.code)
    away = _absence_days(team, days)
    colours = {s.code: s.colour.lstrip("#") for s in team.services}
    service_of = {s.code: s.service for s in team.shift_types}
    for i, person in enumerate(team.people, start=3):
        _text_cell(ws, i, 1, person.name)
        for j, d in enumerate(days, start=2):
            codes = cells.get((person.id, d), [])
            absences = away.get((person.id, d), [])
            marks = list(dict.fromkeys(ABSENCE_MARKS[a.kind][0] for a in absences))
            c = ws.cell(row=i, column=j, value="/".join(codes + marks) or None)
            c.alignment = Alignment(horizontal="center")
            if worktime.is_public_holiday(d):
                c.fill = HOLIDAY_FILL
            elif d.weekday() >= 5:
                c.fill = WEEKEND_FILL
            shift_codes = [code for code in codes if code in service_of]
            if shift_codes:
                c.font = Font(bold=True, color=colours.get(service_of[shift_codes[0]], "000000"))
            elif codes:
                c.font = EVENT_FONT
            elif absences:
                c.font = ABSENCE_FONT
                c.fill = ABSENCE_FILL
            if absences:
                c.comment = _absence_comment(absences)
    legend_row = len(team.people) + 4
    legend = ["Varjutatud: nädalavahetus (hall), riigipüha (oranž), puudumine (sinine) / "
              "Shaded: weekend (grey), public holiday (orange), absence (blue)"]
    legend += [f"{st.code}: {st.name} {clock_span(st.start, st.end)}" for st in team.shift_types]
    first, last = worktime.month_bounds(year, month)
    legend += list(dict.fromkeys(f"{e.code}: {e.name} (kaldkirjas / italic)" for e in team.events
                                 if first <= e.day <= last))
    legend += [f"{mark}: {words}" for mark, words in ABSENCE_MARKS.values()]
    for k, text in enumerate(legend):
        _text_cell(ws, legend_row + k, 1, text)
    ws.freeze_panes = "B3"
    if report is not None:
        ss = wb.create_sheet(summary_sheet)
        ss.append([SUMMARY_TITLES["person"], "Nimi / Name", *(SUMMARY_TITLES[k] for k in SUMMARY_HEADER[1:])])
        for cell in ss[1]:
            cell.font = HEADER_FONT
        names = {safe_text(p.id): p.name for p in team.people}
        for r, row in enumerate(summary_rows(report), start=2):
            ss.append([row[0], names.get(row[0], row[0]), *(_num(v) for v in row[1:])])
            for column in (1, 2):
                ss.cell(row=r, column=column).data_type = "s"
    wb.save(path)


def _num(value: str) -> float | int | str:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value
