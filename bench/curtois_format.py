"""Reader for the Curtois & Qu (2014) staff-rostering benchmark text format.

The format (see ``shared/benchmarks/curtois/README.md``) is a sequence of sections, each
opened by a ``SECTION_<NAME>`` line and closed by a blank line (or the end of the file);
``#`` starts a comment. The reader turns a file into a frozen :class:`Instance` and raises
:class:`InstanceFormatError` with file name, line number, section and the expectation
whenever a line does not fit, for example::

    Instance9.txt line 23 (SECTION_STAFF): MaxTotalMinutes: expected a whole number, got 'x'

Ids used in later sections (shift ids in ``MaxShifts``, employee ids in requests, …) must
have been declared in ``SECTION_SHIFTS`` / ``SECTION_STAFF``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Cover",
    "Instance",
    "InstanceFormatError",
    "Request",
    "Shift",
    "Staff",
    "load_instance",
    "parse_instance",
]

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
REQUIRED_SECTIONS = ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_COVER")
#: Sections that must come earlier because a section refers to what they declare.
NEEDS = {
    "SECTION_STAFF": ("SECTION_HORIZON", "SECTION_SHIFTS"),
    "SECTION_DAYS_OFF": ("SECTION_HORIZON", "SECTION_STAFF"),
    "SECTION_SHIFT_ON_REQUESTS": ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"),
    "SECTION_SHIFT_OFF_REQUESTS": ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF"),
    "SECTION_COVER": ("SECTION_HORIZON", "SECTION_SHIFTS"),
}


class InstanceFormatError(ValueError):
    """A benchmark file that does not follow the format; the message locates the problem."""


@dataclass(frozen=True)
class Shift:
    """A shift type: ``cannot_follow`` lists the shifts that may not be worked the next day."""

    id: str
    minutes: int
    cannot_follow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Staff:
    """One employee's contract limits.

    ``max_shifts`` maps every shift id to the most shifts of that type the employee may work
    (0 = may not work it; a type the file does not mention is unlimited, i.e. the horizon).
    """

    id: str
    max_shifts: Mapping[str, int] = field(hash=False)
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int

    def may_work(self, shift: str) -> bool:
        return self.max_shifts.get(shift, 1) > 0


@dataclass(frozen=True)
class Request:
    """A shift on- or off-request: ``weight`` is paid when the request is not honoured."""

    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    """Wanted number of ``shift`` on ``day``; weights per missing / surplus person."""

    day: int
    shift: str
    requirement: int
    under_weight: int
    over_weight: int


@dataclass(frozen=True)
class Instance:
    """A whole benchmark instance. Day 0 is a Monday; ``horizon`` is a whole number of weeks."""

    name: str
    horizon: int
    shifts: tuple[Shift, ...]
    staff: tuple[Staff, ...]
    days_off: Mapping[str, frozenset[int]] = field(hash=False)
    on_requests: tuple[Request, ...]
    off_requests: tuple[Request, ...]
    cover: tuple[Cover, ...]

    @property
    def shift_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.shifts)

    @property
    def staff_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.staff)

    def shift(self, shift_id: str) -> Shift:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)

    @property
    def weekends(self) -> tuple[tuple[int, int], ...]:
        """(Saturday, Sunday) day indexes of every weekend in the horizon."""
        return tuple((d, d + 1) for d in range(5, self.horizon - 1, 7))


@dataclass
class _Line:
    number: int
    text: str


class _Parser:
    def __init__(self, text: str, filename: str) -> None:
        self.filename = filename
        self.text = text
        self.section = "top level"
        self.line_no = 0

    # -- errors -----------------------------------------------------------------------------
    def fail(self, message: str, line: int | None = None) -> InstanceFormatError:
        number = self.line_no if line is None else line
        return InstanceFormatError(f"{self.filename} line {number} ({self.section}): {message}")

    def whole(self, raw: str, what: str, minimum: int = 0) -> int:
        value = raw.strip()
        try:
            number = int(value)
        except ValueError:
            raise self.fail(f"{what}: expected a whole number, got {value!r}") from None
        if number < minimum:
            raise self.fail(f"{what}: expected a whole number >= {minimum}, got {value!r}")
        return number

    def fields(self, line: str, names: tuple[str, ...]) -> list[str]:
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != len(names):
            raise self.fail(
                f"expected {len(names)} comma-separated fields ({', '.join(names)}), "
                f"got {len(parts)}: {line!r}"
            )
        return parts

    # -- sections ---------------------------------------------------------------------------
    def sections(self) -> Iterator[tuple[str, int, list[_Line]]]:
        """Yield (section name, header line number, data lines) in file order."""
        current: str | None = None
        header_line = 0
        body: list[_Line] = []
        for number, raw in enumerate(self.text.splitlines(), start=1):
            self.line_no = number
            line = raw.split("#", 1)[0].strip()
            if not raw.strip():  # a blank line ends the section
                if current is not None:
                    yield current, header_line, body
                    current, body = None, []
                continue
            if not line:  # a comment line
                continue
            if line.upper().startswith("SECTION_"):
                name = line.upper()
                if name not in SECTIONS:
                    self.section = current or "top level"
                    raise self.fail(
                        f"unknown section {line!r}; expected one of {', '.join(SECTIONS)}"
                    )
                if current is not None:
                    yield current, header_line, body
                current, header_line, body = name, number, []
                continue
            if current is None:
                self.section = "top level"
                raise self.fail(f"expected a SECTION_ line before data, got {line!r}")
            body.append(_Line(number, line))
        if current is not None:
            yield current, header_line, body

    def parse(self) -> Instance:
        seen: dict[str, int] = {}
        horizon: int | None = None
        shifts: list[Shift] = []
        staff: list[Staff] = []
        days_off: dict[str, set[int]] = {}
        requests: dict[str, list[Request]] = {
            "SECTION_SHIFT_ON_REQUESTS": [],
            "SECTION_SHIFT_OFF_REQUESTS": [],
        }
        cover: list[Cover] = []
        cover_seen: dict[tuple[int, str], int] = {}

        for name, header_line, body in self.sections():
            self.section = name
            if name in seen:
                self.line_no = header_line
                raise self.fail(f"section repeated (first at line {seen[name]})")
            seen[name] = header_line
            for needed in NEEDS.get(name, ()):
                if needed not in seen:
                    self.line_no = header_line
                    raise self.fail(f"expected {needed} before this section")
            if name == "SECTION_HORIZON":
                if len(body) != 1:
                    self.line_no = body[1].number if len(body) > 1 else header_line
                    raise self.fail(
                        f"expected exactly one line with the number of days, got {len(body)}"
                    )
                self.line_no = body[0].number
                horizon = self.whole(body[0].text, "horizon", minimum=1)
                if horizon % 7:
                    raise self.fail(
                        f"horizon: expected a whole number of weeks (multiple of 7), got {horizon}"
                    )
            elif name == "SECTION_SHIFTS":
                shifts = self.parse_shifts(body)
            elif name == "SECTION_STAFF":
                staff = self.parse_staff(body, shifts, horizon)
            elif name == "SECTION_DAYS_OFF":
                days_off = self.parse_days_off(body, staff, horizon)
            elif name in requests:
                requests[name] = self.parse_requests(body, staff, shifts, horizon)
            else:
                cover = self.parse_cover(body, shifts, horizon, cover_seen)

        for required in REQUIRED_SECTIONS:
            if required not in seen:
                self.section = required
                self.line_no = len(self.text.splitlines())
                raise self.fail("section missing")
        assert horizon is not None
        if not shifts:
            self.section, self.line_no = "SECTION_SHIFTS", seen["SECTION_SHIFTS"]
            raise self.fail("expected at least one shift")
        if not staff:
            self.section, self.line_no = "SECTION_STAFF", seen["SECTION_STAFF"]
            raise self.fail("expected at least one employee")
        return Instance(
            name=Path(self.filename).stem,
            horizon=horizon,
            shifts=tuple(shifts),
            staff=tuple(staff),
            days_off={e: frozenset(days) for e, days in days_off.items()},
            on_requests=tuple(requests["SECTION_SHIFT_ON_REQUESTS"]),
            off_requests=tuple(requests["SECTION_SHIFT_OFF_REQUESTS"]),
            cover=tuple(cover),
        )

    def parse_shifts(self, body: list[_Line]) -> list[Shift]:
        raw: list[tuple[_Line, str, int, list[str]]] = []
        ids: set[str] = set()
        for line in body:
            self.line_no = line.number
            text = line.text if line.text.count(",") >= 2 else line.text + ","  # empty 3rd field
            shift_id, minutes, follow = self.fields(
                text, ("ShiftID", "length in minutes", "shifts that cannot follow")
            )
            if not shift_id:
                raise self.fail("ShiftID: expected an id, got an empty field")
            if shift_id in ids:
                raise self.fail(f"ShiftID: duplicate shift id {shift_id!r}")
            ids.add(shift_id)
            length = self.whole(minutes, "length in minutes", minimum=1)
            forbidden = [f.strip() for f in follow.split("|") if f.strip()] if follow else []
            raw.append((line, shift_id, length, forbidden))
        shifts = []
        for line, shift_id, length, forbidden in raw:
            self.line_no = line.number
            for other in forbidden:
                if other not in ids:
                    raise self.fail(f"shifts that cannot follow: unknown shift id {other!r}")
            shifts.append(Shift(shift_id, length, tuple(forbidden)))
        return shifts

    def parse_staff(
        self, body: list[_Line], shifts: list[Shift], horizon: int | None
    ) -> list[Staff]:
        shift_ids = {s.id for s in shifts}
        names = (
            "ID",
            "MaxShifts",
            "MaxTotalMinutes",
            "MinTotalMinutes",
            "MaxConsecutiveShifts",
            "MinConsecutiveShifts",
            "MinConsecutiveDaysOff",
            "MaxWeekends",
        )
        staff: list[Staff] = []
        ids: set[str] = set()
        for line in body:
            self.line_no = line.number
            parts = self.fields(line.text, names)
            emp = parts[0]
            if not emp:
                raise self.fail("ID: expected an id, got an empty field")
            if emp in ids:
                raise self.fail(f"ID: duplicate employee id {emp!r}")
            ids.add(emp)
            max_shifts: dict[str, int] = {s: horizon or 0 for s in shift_ids}
            given: set[str] = set()
            for item in (p.strip() for p in parts[1].split("|")):
                if not item:
                    continue
                if "=" not in item:
                    raise self.fail(f"MaxShifts: expected ShiftID=number, got {item!r}")
                sid, count = (x.strip() for x in item.split("=", 1))
                if sid not in shift_ids:
                    raise self.fail(f"MaxShifts: unknown shift id {sid!r}")
                if sid in given:
                    raise self.fail(f"MaxShifts: shift id {sid!r} given twice")
                given.add(sid)
                max_shifts[sid] = self.whole(count, f"MaxShifts {sid}")
            values = [self.whole(v, what) for v, what in zip(parts[2:], names[2:], strict=True)]
            staff.append(Staff(emp, {s.id: max_shifts[s.id] for s in shifts}, *values))
        return staff

    def employee(self, raw: str, staff: list[Staff]) -> str:
        if not raw:
            raise self.fail("EmployeeID: expected an id, got an empty field")
        if raw not in {e.id for e in staff}:
            raise self.fail(f"EmployeeID: unknown employee id {raw!r}")
        return raw

    def day(self, raw: str, horizon: int | None, what: str = "Day") -> int:
        value = self.whole(raw, what)
        if horizon is not None and value >= horizon:
            raise self.fail(f"{what}: expected a day index in 0..{horizon - 1}, got {value}")
        return value

    def parse_days_off(
        self, body: list[_Line], staff: list[Staff], horizon: int | None
    ) -> dict[str, set[int]]:
        days_off: dict[str, set[int]] = {}
        for line in body:
            self.line_no = line.number
            parts = [p.strip() for p in line.text.split(",")]
            emp = self.employee(parts[0], staff)
            days = days_off.setdefault(emp, set())
            for raw in parts[1:]:
                if raw:
                    days.add(self.day(raw, horizon, "day index"))
        return days_off

    def parse_requests(
        self, body: list[_Line], staff: list[Staff], shifts: list[Shift], horizon: int | None
    ) -> list[Request]:
        shift_ids = {s.id for s in shifts}
        out = []
        for line in body:
            self.line_no = line.number
            emp, day, shift, weight = self.fields(
                line.text, ("EmployeeID", "Day", "ShiftID", "Weight")
            )
            emp = self.employee(emp, staff)
            d = self.day(day, horizon)
            if shift not in shift_ids:
                raise self.fail(f"ShiftID: unknown shift id {shift!r}")
            out.append(Request(emp, d, shift, self.whole(weight, "Weight")))
        return out

    def parse_cover(
        self,
        body: list[_Line],
        shifts: list[Shift],
        horizon: int | None,
        seen: dict[tuple[int, str], int],
    ) -> list[Cover]:
        shift_ids = {s.id for s in shifts}
        out = []
        names = ("Day", "ShiftID", "Requirement", "Weight for under", "Weight for over")
        for line in body:
            self.line_no = line.number
            day, shift, req, under, over = self.fields(line.text, names)
            d = self.day(day, horizon)
            if shift not in shift_ids:
                raise self.fail(f"ShiftID: unknown shift id {shift!r}")
            if (d, shift) in seen:
                raise self.fail(
                    f"cover for day {d} shift {shift!r} repeated (first at line {seen[d, shift]})"
                )
            seen[d, shift] = line.number
            out.append(
                Cover(
                    d,
                    shift,
                    self.whole(req, "Requirement"),
                    self.whole(under, "Weight for under"),
                    self.whole(over, "Weight for over"),
                )
            )
        return out


def parse_instance(text: str, filename: str = "<string>") -> Instance:
    """Parse instance ``text``; ``filename`` is used in error messages and as the name."""
    return _Parser(text, Path(filename).name).parse()


def load_instance(path: str | Path) -> Instance:
    """Read and parse an instance file (any line endings)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InstanceFormatError(
            f"{path.name} line 1 (top level): expected UTF-8 text ({exc.reason})"
        ) from None
    return parse_instance(text, path.name)
