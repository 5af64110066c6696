"""The rota interchange format, ``assignments.csv``.

Header ``person,date,shift,start,end,hours,kind``: person id; the day the duty starts
(YYYY-MM-DD); shift or event code; start and end as ISO 8601 local times with UTC offset
(``2027-03-27T22:00:00+02:00``); counted working hours; kind ``shift`` or ``event``.
Everything that reads or writes rotas goes through this module.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from scheduler.domain import TALLINN, Assignment

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
                a.start.astimezone(TALLINN).isoformat(),
                a.end.astimezone(TALLINN).isoformat(),
                format_hours(a.hours),
                a.kind,
            ]
        )
    text = out.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def parse_assignments(text: str, source: str = "<text>") -> list[Assignment]:
    """Parse interchange CSV text; raise :class:`RotaFileError` naming ``source``, line, field."""
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        raise RotaFileError(f"{source}: empty file; expected the header {','.join(HEADER)}")
    header = [h.strip() for h in rows[0]]
    if header != HEADER:
        raise RotaFileError(
            f"{source} line 1: expected the header {','.join(HEADER)}, got {','.join(header)}"
        )
    result: list[Assignment] = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(HEADER):
            raise RotaFileError(
                f"{source} line {lineno}: expected {len(HEADER)} fields, got {len(row)}"
            )
        person, day_s, code, start_s, end_s, hours_s, kind = (c.strip() for c in row)

        def bad(field: str, expected: str, got: str) -> RotaFileError:
            return RotaFileError(f"{source} line {lineno}, field {field}: expected {expected}, got {got!r}")

        if not person:
            raise bad("person", "a person id", person)
        try:
            day = date.fromisoformat(day_s)
        except ValueError:
            raise bad("date", "a date YYYY-MM-DD", day_s) from None
        if not code:
            raise bad("shift", "a shift or event code", code)
        stamps: list[datetime] = []
        for field, value in (("start", start_s), ("end", end_s)):
            try:
                stamp = datetime.fromisoformat(value)
            except ValueError:
                raise bad(field, "an ISO 8601 time with UTC offset", value) from None
            if stamp.tzinfo is None:
                raise bad(field, "a time with UTC offset such as 2027-03-27T22:00:00+02:00", value)
            stamps.append(stamp.astimezone(TALLINN))
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
        result.append(Assignment(person, day, code, start, end, hours, kind))
    return result


def read_assignments(path: Path | str) -> list[Assignment]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RotaFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise RotaFileError(f"{path}: not a UTF-8 text file") from None
    return parse_assignments(text, str(path))
