"""The rota interchange format, ``assignments.csv``.

Header ``person,date,shift,start,end,hours,kind``: person id; the day the duty starts
(YYYY-MM-DD); shift or event code; start and end as ISO 8601 local times with UTC offset
(``2027-03-27T22:00:00+02:00``); counted working hours; kind ``shift`` or ``event``.
Everything that reads or writes rotas goes through this module; so does ``absences.csv``, the
sick leave a re-plan added (header ``person,kind,from,to,note``).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from scheduler.domain import TALLINN, Absence, AbsenceKind, Assignment, Person
from scheduler.worktime import YEARS

HEADER = ["person", "date", "shift", "start", "end", "hours", "kind"]
KINDS = ("shift", "event")


class RotaFileError(ValueError):
    """A rota file that cannot be read; the message names the file, line and field."""


def format_hours(hours: float) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text if "." in text else f"{text}.0"


def write_assignments(assignments: Iterable[Assignment], path: Path | str | None = None) -> str:
    """Write rows sorted by start, person; return the CSV text (and write it if ``path``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for a in sorted(assignments, key=lambda a: (a.start, a.person, a.code)):
        writer.writerow(
            [
                a.person,
                a.day.isoformat(),
                a.code,
                _local(a.start).isoformat(),
                _local(a.end).isoformat(),
                format_hours(a.hours),
                a.kind,
            ]
        )
    text = out.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def _local(stamp: datetime) -> datetime:
    """The instant as Tallinn shows it: through UTC, so a wall time the clocks skip (a shift
    type starting 03:30 on the night they go forward) is written as the time it is (04:30+03:00),
    not as the non-existent 03:30+02:00."""
    return stamp.astimezone(timezone.utc).astimezone(TALLINN)


def _separator_hint(rows: list[list[str]]) -> str:
    """A hint when the file is separated by semicolons (a spreadsheet's regional CSV)."""
    if rows and len(rows[0]) == 1 and ";" in rows[0][0]:
        return " (the file is separated by semicolons; save it as CSV with commas)"
    return ""


#: The years a rota file may speak of: those of the public-holiday calendar.
YEAR_RANGE = f"{YEARS[0]}–{YEARS[-1]}"


def iso_day(text: str) -> date:
    """A day written YYYY-MM-DD (Python also reads 20270301 and 2027-W09-1, which a person
    reading the file would not); ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(text)
    return date.fromisoformat(text.strip())


def iso_month(text: str) -> tuple[int, int]:
    """A month written YYYY-MM in the years :data:`YEARS`; ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}", text.strip()):
        raise ValueError(text)
    year, month = (int(part) for part in text.strip().split("-"))
    if not 1 <= month <= 12 or year not in YEARS:
        raise ValueError(text)
    return year, month


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The CSV records of ``text`` with the line each ends on (a quoted field may hold a line
    break, so a record's number is not its line)."""
    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader]


def parse_assignments(text: str, source: str = "<text>", people: Iterable[str] | None = None,
                      codes: Iterable[str] | None = None) -> list[Assignment]:
    """Parse interchange CSV text; raise :class:`RotaFileError` naming ``source``, line, field.
    With ``people`` and ``codes`` (a team's person ids and shift codes) a row of anyone else or
    a shift the team does not have is refused too."""
    return [a for _, a in _numbered_assignments(text, source, people, codes)]


def assignment_lines(path: Path | str) -> dict[Assignment, int]:
    """Each row of the assignments file ``path`` and the line it is on (the first, for a row
    written twice): for findings about a row to name where it is."""
    lines: dict[Assignment, int] = {}
    for lineno, a in _numbered_assignments(read_text(path), str(path)):
        lines.setdefault(a, lineno)
    return lines


def _numbered_assignments(text: str, source: str, people: Iterable[str] | None = None,
                          codes: Iterable[str] | None = None) -> list[tuple[int, Assignment]]:
    """:func:`parse_assignments` with the line number of each row."""
    records = _records(text)
    rows = [row for _, row in records]
    if not rows:
        raise RotaFileError(f"{source}: empty file; expected the header {','.join(HEADER)}")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    if header != HEADER:
        raise RotaFileError(
            f"{source} line 1: expected the header {','.join(HEADER)}, got {','.join(header)}"
            f"{_separator_hint(rows)}"
        )
    known_people = set(people) if people is not None else None
    known_codes = set(codes) if codes is not None else None
    result: list[tuple[int, Assignment]] = []
    problems: list[str] = []
    seen: dict[tuple[str, date, str, datetime, datetime, str], int] = {}
    for lineno, row in records[1:]:
        if not row or all(not c.strip() for c in row):
            continue
        try:
            a = _assignment_of(row, lineno, source, known_people, known_codes)
        except RotaFileError as error:
            problems.append(str(error))  # every bad line at once, as the team file's loader does
            continue
        key = (a.person, a.day, a.code, a.start, a.end, a.kind)
        if key in seen:
            problems.append(f"{source} lines {seen[key]} and {lineno}: the same {a.kind} {a.code} of {a.person} on "
                            f"{a.day} twice (delete one)")
            continue
        seen[key] = lineno
        result.append((lineno, a))
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        raise RotaFileError("\n".join(shown) + (f"\n… and {more} more" if more else ""))
    return result


#: How many bad lines of a rota file one error names (the rest counted).
MAX_PROBLEMS_SHOWN = 20


def _assignment_of(row: list[str], lineno: int, source: str, known_people: set[str] | None,
                   known_codes: set[str] | None) -> Assignment:
    """One record of the file as a row, or :class:`RotaFileError` naming line and field."""
    if len(row) != len(HEADER):
        raise RotaFileError(
            f"{source} line {lineno}: expected {len(HEADER)} fields, got {len(row)}"
        )
    person, day_s, code, start_s, end_s, hours_s, kind = (c.strip() for c in row)
    bad = _field_error(source, lineno)
    _check_person(person, known_people, bad)
    try:
        day = iso_day(day_s)
    except ValueError:
        raise bad("date", "a date YYYY-MM-DD", day_s) from None
    if day.year not in YEARS:
        raise bad("date", f"a date in the years {YEAR_RANGE}", day_s)
    if not code:
        raise bad("shift", "a shift or event code", code)
    if known_codes is not None and kind == "shift" and code not in known_codes:
        raise bad("shift", "a shift type of the team file", code)
    stamps: list[datetime] = []
    for field, value in (("start", start_s), ("end", end_s)):
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            raise bad(field, "an ISO 8601 time with UTC offset", value) from None
        if stamp.tzinfo is None:
            raise bad(field, "a time with UTC offset such as 2027-03-27T22:00:00+02:00", value)
        try:
            local = stamp.astimezone(TALLINN)
        except OverflowError:
            raise bad(field, f"a time in the years {YEAR_RANGE}", value) from None
        if local.utcoffset() != stamp.utcoffset():
            raise bad(field, f"a Tallinn local time with its offset ({local.isoformat()} for that instant; "
                             f"{_offset(local)} on {local.date()})", value)
        stamps.append(local)
    start, end = stamps
    if end <= start:
        raise bad("end", f"a time after start {start_s}", end_s)
    if start.date() != day:
        raise bad("date", f"the local day the duty starts ({start.date().isoformat()})", day_s)
    try:
        hours = float(hours_s)
    except ValueError:
        raise bad("hours", "a number of hours", hours_s) from None
    if hours < 0:
        raise bad("hours", "a non-negative number", hours_s)
    if kind not in KINDS:
        raise bad("kind", "shift or event", kind)
    return Assignment(person, day, code, start, end, hours, kind)


def _field_error(source: str, lineno: int) -> Callable[[str, str, str], RotaFileError]:
    """The error of a field of line ``lineno``: what was expected and what was given."""
    def bad(field: str, expected: str, got: str) -> RotaFileError:
        return RotaFileError(f"{source} line {lineno}, field {field}: expected {expected}, got {got!r}")
    return bad


def _check_person(person: str, known_people: set[str] | None,
                  bad: Callable[[str, str, str], RotaFileError]) -> None:
    """A row's person: given, and one of ``known_people`` when those are known."""
    if not person:
        raise bad("person", "a person id", person)
    if known_people is not None and person not in known_people:
        raise bad("person", "a person of the team file", person)


def _offset(stamp: datetime) -> str:
    """``+02:00``: a Tallinn time's offset from UTC as the files write it."""
    return stamp.isoformat()[-6:]


def read_text(path: Path | str) -> str:
    """A CSV file's text: UTF-8, with or without the byte-order mark Excel writes; errors
    name the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RotaFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RotaFileError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise RotaFileError(f"{path}: not readable (permission denied)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if path.suffix.lower() in (".xlsx", ".xls"):
            raise RotaFileError(f"{path}: not a UTF-8 text file; give the rota's assignments.csv (or its folder)") from None
        raise RotaFileError(f"{path}: not a UTF-8 text file ({not_utf8(data, error)})") from None


def not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """Where a text file stops being UTF-8, and a hint when it reads as the Baltic Windows code
    page a spreadsheet or editor may have saved it in (õ, ä, š as single bytes)."""
    line = data.count(b"\n", 0, error.start) + 1
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:200].count(b"\x00") > len(data[:200]) // 4:
        return f"line {line}: it is UTF-16 (a spreadsheet's or Notepad's 'Unicode'): save it as UTF-8"
    hint = ""
    try:
        if any(ch in data.decode("cp1257") for ch in "õäöüšžÕÄÖÜŠŽ"):
            hint = "; it reads as Windows-1257 (Baltic): save it as UTF-8"
    except UnicodeDecodeError:
        pass
    return f"line {line}: byte 0x{data[error.start]:02X} is not UTF-8{hint}"


def read_assignments(path: Path | str, people: Iterable[str] | None = None,
                     codes: Iterable[str] | None = None) -> list[Assignment]:
    return parse_assignments(read_text(path), str(path), people, codes)


# --- absences.csv: the absences a re-plan added to the team file's -------------------------------

ABSENCE_HEADER = ["person", "kind", "from", "to", "note", "rota_month", "scheduled_hours"]
#: The header before ``rota_month`` and ``scheduled_hours`` were recorded (still read).
ABSENCE_HEADER_V1 = ABSENCE_HEADER[:5]


def write_absences(absences: Iterable[Absence], path: Path | str) -> None:
    """Whole-day absences, one per line (header ``person,kind,from,to,note,rota_month,
    scheduled_hours``; the last two empty unless the absence was recorded on a rota)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ABSENCE_HEADER)
    for a in sorted(set(absences), key=lambda a: (a.first_day, a.person, a.kind.value, a.last_day, a.note)):
        recorded = ([f"{a.rota_month[0]}-{a.rota_month[1]:02d}", f"{a.scheduled_hours:g}"]
                    if a.rota_month is not None and a.scheduled_hours is not None else ["", ""])
        writer.writerow([a.person, a.kind.value, a.first_day.isoformat(), a.last_day.isoformat(), a.note, *recorded])
    Path(path).write_text(out.getvalue(), encoding="utf-8")


def read_absences(path: Path | str, people: Iterable[str] | None = None) -> list[Absence]:
    """The absences of ``path`` (see :func:`write_absences`; a file with the earlier header
    ``person,kind,from,to,note`` too); errors name the line and field (with ``people``, a
    team's person ids, an absence of anyone else too)."""
    source = str(path)
    records = _records(read_text(path))
    rows = [row for _, row in records]
    known_people = set(people) if people is not None else None
    if not rows:
        raise RotaFileError(f"{source}: empty file; expected the header {','.join(ABSENCE_HEADER)}")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    if header not in (ABSENCE_HEADER, ABSENCE_HEADER_V1):
        raise RotaFileError(f"{source} line 1: expected the header {','.join(ABSENCE_HEADER)}, "
                            f"got {','.join(header)}{_separator_hint(rows)}")
    kinds = {k.value: k for k in AbsenceKind}
    result: list[Absence] = []
    for lineno, row in records[1:]:
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise RotaFileError(f"{source} line {lineno}: expected {len(header)} fields, got {len(row)}")
        person, kind, first_s, last_s, note, month_s, hours_s = [c.strip() for c in row] + [""] * (7 - len(row))
        bad = _field_error(source, lineno)
        _check_person(person, known_people, bad)
        if kind not in kinds:
            raise bad("kind", " or ".join(kinds), kind)
        days = []
        for field, value in (("from", first_s), ("to", last_s)):
            try:
                days.append(iso_day(value))
            except ValueError:
                raise bad(field, "a date YYYY-MM-DD", value) from None
            if days[-1].year not in YEARS:
                raise bad(field, f"a date in the years {YEAR_RANGE}", value)
        if days[1] < days[0]:
            raise bad("to", f"a day not before {days[0]}", last_s)
        rota_month, hours = _recorded(month_s, hours_s, days[0], days[1], bad)
        result.append(Absence(person, kinds[kind], days[0], days[1], note=note, rota_month=rota_month,
                              scheduled_hours=hours))
    return result


def _recorded(month_s: str, hours_s: str, first: date, last: date,
              bad: Callable[[str, str, str], Exception]) -> tuple[tuple[int, int] | None, float | None]:
    """An absence's ``rota_month`` and ``scheduled_hours`` (both empty, or both given)."""
    if not month_s and not hours_s:
        return None, None
    if not month_s:
        raise bad("rota_month", "the month YYYY-MM of the rota the scheduled hours come from", month_s)
    try:
        month = iso_month(month_s)
    except ValueError:
        raise bad("rota_month", f"a month YYYY-MM in the years {YEAR_RANGE}", month_s) from None
    if not recordable_month(month, first, last):
        raise bad("rota_month", f"the month of a day from {first} to {last} or the month before", month_s)
    try:
        hours = float(hours_s.replace(",", "."))
    except ValueError:
        raise bad("scheduled_hours", "hours such as 30 or 7.5", hours_s) from None
    if not 0 <= hours <= MAX_SCHEDULED_HOURS:
        raise bad("scheduled_hours", f"hours from 0 to {MAX_SCHEDULED_HOURS}", hours_s)
    return month, hours


#: At most the hours of a month (31 days, the autumn hour included).
MAX_SCHEDULED_HOURS = 745


def recordable_month(month: tuple[int, int], first: date, last: date) -> bool:
    """Whether an absence of ``first``..``last`` can have been recorded on the rota of
    ``month``: a month it falls in, or the one before it (the month's last night runs into
    a sick leave from the 1st)."""
    before = (first.year, first.month - 1) if first.month > 1 else (first.year - 1, 12)
    return before <= month <= (last.year, last.month)


# --- loads.csv: the load each person had in earlier months where it has changed since ---------

LOADS_HEADER = ["person", "month", "fte"]


def write_loads(people: Iterable[Person], path: Path | str) -> None:
    """The earlier months' loads (``Person.earlier_loads``) a run used, one per person and month
    (header ``person,month,fte``): ``rota check FOLDER`` and the next month read them back, as
    they do absences.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOADS_HEADER)
    for p in sorted(people, key=lambda p: p.id):
        for (year, month), fte in p.earlier_loads:
            writer.writerow([p.id, f"{year}-{month:02d}", f"{fte:g}"])
    Path(path).write_text(out.getvalue(), encoding="utf-8")


def read_loads(path: Path | str) -> dict[str, dict[tuple[int, int], float]]:
    """:func:`write_loads`' file: person → (year, month) → FTE; errors name the line and field
    (a person and month given twice, both lines)."""
    source = str(path)
    records = _records(read_text(path))
    if not records or [h.strip().lstrip("\ufeff") for h in records[0][1]] != LOADS_HEADER:
        raise RotaFileError(f"{source} line 1: expected the header {','.join(LOADS_HEADER)}")
    loads: dict[str, dict[tuple[int, int], float]] = {}
    seen: dict[object, int] = {}
    for lineno, row in records[1:]:
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(LOADS_HEADER):
            raise RotaFileError(f"{source} line {lineno}: expected {len(LOADS_HEADER)} fields, got {len(row)}")
        person, month_s, fte_s = (c.strip() for c in row)
        if not person:
            raise RotaFileError(f"{source} line {lineno}, field person: empty")
        try:
            month = iso_month(month_s)
        except ValueError:
            raise RotaFileError(f"{source} line {lineno}, field month: expected YYYY-MM, got {month_s!r}") from None
        _once(seen, (person, month), source, lineno, f"two loads of {person} for {month_s} (one a person and month)")
        loads.setdefault(person, {})[month] = _load(source, lineno, fte_s)
    return loads


def _once(seen: dict[object, int], key: object, source: str, lineno: int, what: str) -> None:
    """Refuse a row whose ``key`` an earlier row of the file had (``seen``: key → its line),
    naming both lines and ``what`` they give twice: neither may silently win."""
    if key in seen:
        raise RotaFileError(f"{source} lines {seen[key]} and {lineno}: {what}")
    seen[key] = lineno


def _load(source: str, lineno: int, text: str) -> float:
    """A load (FTE) field: from 0.1 to 1.0, as the team file's ``fte``."""
    try:
        fte = float(text)
    except ValueError:
        fte = -1.0
    if not 0.1 <= fte <= 1.0:
        raise RotaFileError(f"{source} line {lineno}, field fte: expected a load from 0.1 to 1.0, got {text!r}")
    return fte


def read_summary_loads(path: Path | str) -> dict[str, float]:
    """Each person's ``fte`` in a run's summary.csv (the load their month was planned with;
    the other columns are not read): person → FTE. Errors name the line and field, as
    :func:`read_loads`' do (a person given twice, both lines); a row without a person is passed
    over."""
    source = str(path)
    records = _records(read_text(path))
    header = [h.strip().lstrip("\ufeff") for h in records[0][1]] if records else []
    if "person" not in header or "fte" not in header:
        raise RotaFileError(f"{source} line 1: expected the columns person and fte, got {','.join(header)!r}"
                            f"{_separator_hint([row for _, row in records])}")
    at_person, at_fte = header.index("person"), header.index("fte")
    loads: dict[str, float] = {}
    seen: dict[object, int] = {}
    for lineno, row in records[1:]:
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise RotaFileError(f"{source} line {lineno}: expected {len(header)} fields, got {len(row)}")
        person, fte_s = row[at_person].strip(), row[at_fte].strip()
        if not person:
            continue
        _once(seen, person, source, lineno, f"two rows of {person} (one a person)")
        loads[person] = _load(source, lineno, fte_s)
    return loads
