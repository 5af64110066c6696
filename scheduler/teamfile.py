"""Team files: a TOML description of a team, its services, needs and calendar.

The format is documented field by field in README.md ("Team file"). Bad input never gives a
traceback: :class:`TeamFileError` lists every problem found, each naming the file, the line
of the entry, the entry (``people[3] 'mari'``), the field and what was expected.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Callable

from babel import Locale

from scheduler import worktime
from scheduler.domain import (
    Absence,
    AbsenceKind,
    CoverageNeed,
    DayType,
    Event,
    EventKind,
    LanguageMinimum,
    Person,
    Role,
    Service,
    ShiftType,
    TALLINN,
    SubstitutionRule,
    Team,
    Wish,
    WishKind,
    starts_like_formula,
)
from scheduler.checker.text import WEEKDAYS
from scheduler.rotafile import MAX_SCHEDULED_HOURS, iso_day, iso_month, not_utf8, recordable_month
from scheduler.settings import (
    MAX_WEIGHT,
    PERSON_OVERRIDABLE,
    RuleSettings,
    SoftWeights,
    lawful_overrides,
    setting_names,
    weight_is_decimal,
    weight_problem,
)

SECTIONS = ("team", "settings", "services", "shift_types", "people", "needs", "absences",
            "events", "wishes", "substitutions")

#: Substitution rules used when a team file names none (job description § 1.4–1.5).
DEFAULT_SUBSTITUTIONS = (
    SubstitutionRule(Role.COUNSELLOR, Role.COUNSELLOR, cost=0),
    SubstitutionRule(Role.TEAM_LEAD, Role.COUNSELLOR, cost=60, last_resort=True),
    SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD, cost=0),
)


class TeamFileError(ValueError):
    """One or more problems in a team file. ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class _Context:
    source: str
    text: str
    problems: list[str]

    def entry_line(self, section: str, index: int | None) -> int | None:
        """Line of the ``index``-th ``[[section]]`` header (or ``[section]``)."""
        if index is None:
            pattern = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]\s*(#.*)?$")
            target = 0
        else:
            pattern = re.compile(rf"^\s*\[\[\s*{re.escape(section)}\s*\]\]\s*(#.*)?$")
            target = index
        seen = 0
        for lineno, line in enumerate(self.text.splitlines(), start=1):
            if pattern.match(line):
                if seen == target:
                    return lineno
                seen += 1
        return None

    def field_line(self, header_line: int, field: str) -> int | None:
        """Line of ``field = …`` inside the entry that starts at ``header_line``; a dotted
        field (``weights.wishes``) is looked for by its last part first (a sub-table such as
        ``[settings.weights]``), then by its first (an inline table ``weights = { … }``)."""
        parts = field.split(".")
        for name in dict.fromkeys((parts[-1], parts[0])):
            found = self._line_of(header_line, name)
            if found is not None:
                return found
        return None

    def _line_of(self, header_line: int, name: str) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
        lines = self.text.splitlines()
        for lineno in range(header_line + 1, len(lines) + 1):
            line = lines[lineno - 1]
            if pattern.match(line):
                return lineno
            if line.lstrip().startswith("[[") and not line.lstrip().startswith("[[people.") or (
                    line.lstrip().startswith("[") and not line.lstrip().startswith("[people.")
                    and not line.lstrip().startswith("[settings.")):
                return None
        return None

    def fail(self, section: str, index: int | None, ident: str | None, field: str | None, what: str) -> None:
        where = section if index is None else f"{section}[{index + 1}]"
        if ident:
            where += f" {ident!r}"
        line = self.entry_line(section, index)
        if line and field:
            line = self.field_line(line, field) or line
        loc = f"{self.source} line {line}" if line else self.source
        fld = f", field {field}" if field else ""
        self.problems.append(f"{loc}: {where}{fld}: {what}")


class _Entry:
    """Typed access to one table of the file, recording problems instead of raising."""

    def __init__(self, ctx: _Context, section: str, index: int | None, data: Any, id_field: str | None = None):
        self.ctx, self.section, self.index = ctx, section, index
        self.ok = True
        if not isinstance(data, dict):
            self.data: dict[str, Any] = {}
            self.ident = None
            self.fail(None, f"expected a table, got {type(data).__name__}")
            return
        self.data = data
        raw_id = data.get(id_field) if id_field else None
        self.ident = str(raw_id) if raw_id is not None else None

    def fail(self, field: str | None, what: str) -> None:
        self.ok = False
        self.ctx.fail(self.section, self.index, self.ident, field, what)

    def unknown_fields(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.fail(key, f"unknown field; expected one of {', '.join(sorted(allowed))}")

    def get(self, field: str, parse: Callable[[Any], Any], expected: str, default: Any = ..., ) -> Any:
        if field not in self.data:
            if default is ...:
                self.fail(field, f"missing; expected {expected}")
                return None
            return default
        try:
            return parse(self.data[field])
        except (ValueError, TypeError):
            self.fail(field, f"expected {expected}, got {toml_value(self.data[field])}")
            return None


# --- value parsers ----------------------------------------------------------------------

def toml_value(value: Any) -> str:
    """A value as the file writes it: true/false, not Python's True/False."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


#: tomllib's words for common slips, and what the person editing the file most likely did.
TOML_HINTS = {
    "Cannot overwrite a value": "a key given twice in one entry (or a [section] and a key of the same name)",
    "Cannot declare": "a [section] given twice, or a key and a [section] of the same name",
    "Illegal character '\\n'": "a string not closed on its line (a missing \")",
    "Unclosed array": "a list [ … ] not closed with ]",
    "Expected '=' after a key": "a line that is not key = value (a missing =, or a space in a key)",
}


def toml_hint(message: str) -> str:
    """tomllib's message with what it most likely means."""
    hint = next((h for words, h in TOML_HINTS.items() if words in message), None)
    return f"{message}: probably {hint}" if hint else message


def _text(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError
    return v.strip()


def _plain_text(v: Any) -> str:
    """A name or id that exports show as it is: not starting like a spreadsheet formula."""
    text = _text(v)
    if starts_like_formula(text):
        raise ValueError
    return text


def _any_text(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError
    return v


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError
    return v


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError
    return v


def _number(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError
    return float(v)


def _texts(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list):
        raise ValueError
    return tuple(_text(x) for x in v)


def _colour(v: Any) -> str:
    """``"#rrggbb"`` (the grid and the spreadsheet colour shifts by service)."""
    if not isinstance(v, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", v.strip()):
        raise ValueError
    return v.strip()


#: ISO 639-1 language codes (two letters) by Babel's English language names.
LANGUAGE_CODES = frozenset(code for code in Locale("en").languages if re.fullmatch(r"[a-z]{2}", code))


def is_language_code(code: str) -> bool:
    """Whether ``code`` is a two-letter ISO 639-1 language code (``et``, ``ru``, ``en``)."""
    return code in LANGUAGE_CODES


def _language(v: Any) -> str:
    """A two-letter ISO 639-1 language code."""
    if not isinstance(v, str) or not is_language_code(v.strip()):
        raise ValueError
    return v.strip()


def _languages(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list):
        raise ValueError
    return tuple(_language(x) for x in v)


def start_clock(v: Any) -> time:
    """A start ``"HH:MM"`` (00:00–23:59; 24:00 is an end only); ValueError otherwise."""
    if isinstance(v, str) and v.strip() == "24:00":
        raise ValueError
    return _clock(v)


def _clock(v: Any) -> time:
    """``"HH:MM"`` (or a TOML time without seconds); ``"24:00"`` means midnight at the end of
    the day."""
    if isinstance(v, time):
        if v.second or v.microsecond or v.tzinfo is not None:
            raise ValueError
        return v
    if not isinstance(v, str) or not re.fullmatch(r"\d{1,2}:\d{2}", v.strip()):
        raise ValueError
    hh, mm = (int(x) for x in v.strip().split(":"))
    if (hh, mm) == (24, 0):
        return time(0)
    return time(hh, mm)


#: Years a team file may name (as the CLI's --month and the web app): holidays and norms are
#: known for them, and a day at the edge of the calendar cannot overflow in time arithmetic.
YEARS = worktime.YEARS


def _month(v: Any) -> tuple[int, int]:
    if not isinstance(v, str):
        raise ValueError
    return iso_month(v)


def _day(v: Any) -> date:
    if isinstance(v, datetime):
        raise ValueError
    if isinstance(v, date):
        day = v
    elif isinstance(v, str):
        day = iso_day(v)
    else:
        raise ValueError
    if day.year not in YEARS:
        raise ValueError
    return day


def _local_stamp(v: Any) -> datetime:
    """A wall-clock time in Europe/Tallinn that exists (not 03:00–03:59 on the night the
    clocks go forward)."""
    if isinstance(v, datetime):
        stamp = v
    elif isinstance(v, str):
        stamp = datetime.fromisoformat(v.strip())
    else:
        raise ValueError
    if stamp.tzinfo is not None:
        raise ValueError
    if stamp.year not in YEARS:
        raise ValueError
    if not local_time_exists(stamp):
        raise ValueError
    return stamp


def local_time_exists(stamp: datetime) -> bool:
    """Whether the naive wall-clock time ``stamp`` exists in Europe/Tallinn (not 03:00–03:59
    on the night the clocks go forward)."""
    aware = stamp.replace(tzinfo=TALLINN)
    return aware.astimezone(UTC).astimezone(TALLINN).replace(tzinfo=None) == stamp


#: A night the clocks go forward in Europe/Tallinn (the last Sunday of March, 03:00 → 04:00):
#: a clock time missing from it is missing from that night every year (EU summer time).
SPRING_FORWARD_NIGHT = date(2027, 3, 28)


def missing_in_spring(at: time | None) -> bool:
    """Whether the clock time ``at`` does not exist on the night the clocks go forward
    (03:00–03:59): a shift type starting or ending then would have no such time that day
    (its duty would be moved or last 0 h). 00:00 as an end (24:00) always exists."""
    return at is not None and not local_time_exists(datetime.combine(SPRING_FORWARD_NIGHT, at))


def _enum(kind: type) -> Callable[[Any], Any]:
    def parse(v: Any) -> Any:
        return kind(v)
    return parse


def _choices(kind: type) -> str:
    return "one of " + ", ".join(repr(str(k)) for k in kind)  # type: ignore[attr-defined]


# --- sections -----------------------------------------------------------------------------

def _settings_from(ctx: _Context, section: str, index: int | None, ident: str | None,
                   raw: Any, base: RuleSettings, allowed: set[str] | None) -> RuleSettings:
    entry = _Entry(ctx, section, index, raw)
    entry.ident = ident
    names = set(setting_names())
    overrides: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for key, value in entry.data.items():
        label = key if section == "settings" else f"settings.{key}"
        if key == "weights" and allowed is None:
            weights = _weights_from(entry, value, base.weights)
            if weights is not None:
                overrides["weights"] = weights
            continue
        if key not in names:
            choices = names if allowed is None else names & allowed  # a person's own: those one may set
            entry.fail(label, f"unknown setting; expected one of {', '.join(sorted(choices))}")
            continue
        if allowed is not None and key not in allowed:
            entry.fail(label, "cannot be set per person; set it for the team under [settings]")
            continue
        values[key] = value
    lawful, problems = lawful_overrides(values, base)
    settings = base.with_overrides({**overrides, **lawful})
    for key, why in problems:
        entry.fail(key if section == "settings" else f"settings.{key}", why)
    return settings


def _weights_from(entry: _Entry, raw: Any, base: SoftWeights) -> SoftWeights | None:
    if not isinstance(raw, dict):
        entry.fail("weights", "expected a table of weights")
        return None
    values: dict[str, int | float] = {}
    for key, value in raw.items():
        problem = weight_problem(key, value)
        if problem:
            entry.fail(f"weights.{key}", problem)
        else:
            values[key] = float(value) if weight_is_decimal(key) else value
    return replace(base, **values)


def _list(ctx: _Context, data: dict[str, Any], section: str) -> list[Any]:
    raw = data.get(section, [])
    if not isinstance(raw, list):
        ctx.fail(section, None, None, None, f"expected an array of tables [[{section}]]")
        return []
    return raw


def _services(ctx: _Context, data: dict[str, Any]) -> list[Service]:
    out: list[Service] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(ctx, data, "services")):
        e = _Entry(ctx, "services", i, raw, "code")
        e.unknown_fields({"code", "name", "role", "channels", "languages", "colour"})
        code = e.get("code", _text, "a service code")
        name = e.get("name", _text, "a name", default=code)
        role = e.get("role", _enum(Role), _choices(Role), default=Role.COUNSELLOR)
        channels = e.get("channels", _texts, "a list of channel names", default=())
        languages = e.get("languages", _languages, "a list of two-letter language codes such as ['et', 'ru']",
                          default=())
        colour = e.get("colour", _colour, "a colour '#rrggbb' such as '#4e79a7'", default="#4e79a7")
        if code in seen:
            e.fail("code", f"duplicate service code {code!r}")
        if e.ok:
            seen.add(code)
            out.append(Service(code, name, role, channels, languages, colour))
    if not out and not ctx.problems:
        ctx.fail("services", None, None, None, "a team needs at least one [[services]] entry")
    return out


def _long_shifts_anywhere(data: dict[str, Any], team_settings: RuleSettings) -> bool:
    """Whether the team or any person works under the long-shift switch (TLS § 51), so that a
    24 h shift type (end = start) can be worked by someone."""
    if team_settings.long_shifts_allowed:
        return True
    people = data.get("people", [])
    return isinstance(people, list) and any(
        isinstance(p, dict) and isinstance(p.get("settings"), dict)
        and p["settings"].get("long_shifts_allowed") is True
        for p in people
    )


def _shift_types(ctx: _Context, data: dict[str, Any], services: set[str],
                 long_shifts: bool = False) -> list[ShiftType]:
    """Shift types; ``end = start`` is a 24 h shift, allowed only where ``long_shifts``."""
    out: list[ShiftType] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(ctx, data, "shift_types")):
        e = _Entry(ctx, "shift_types", i, raw, "code")
        e.unknown_fields({"code", "name", "service", "start", "end", "channel", "weekdays"})
        code = e.get("code", _text, "a shift code")
        name = e.get("name", _text, "a name", default=code)
        service = e.get("service", _text, "a service code")
        start = e.get("start", start_clock, "a local time HH:MM from 00:00 to 23:59")
        end = e.get("end", _clock, "a local time HH:MM (24:00 or earlier than start crosses midnight)")
        channel = e.get("channel", _any_text, "a channel name", default="")
        weekdays = e.get("weekdays", lambda v: tuple(sorted({_int(x) for x in v})) if isinstance(v, list) else _int("x"),
                         "a list of weekday numbers 0 (Mon) – 6 (Sun)", default=(0, 1, 2, 3, 4, 5, 6))
        if weekdays is not None and any(not 0 <= d <= 6 for d in weekdays):
            e.fail("weekdays", f"expected weekday numbers 0 (Mon) – 6 (Sun), got {list(weekdays)!r}")
        elif weekdays == ():
            e.fail("weekdays", "expected at least one weekday 0 (Mon) – 6 (Sun); leave weekdays out for every day")
        if service is not None and service not in services:
            e.fail("service", f"unknown service {service!r}; known: {', '.join(sorted(services))}")
        for field, at in (("start", start), ("end", end)):
            if missing_in_spring(at):
                e.fail(field, f"expected a time every day has, got {at:%H:%M}: on the last Sunday of March the "
                              "clocks go forward from 03:00 to 04:00 and that time does not exist (choose a time "
                              "before 03:00 or from 04:00)")
        if start is not None and start == end and not long_shifts:
            e.fail("end", "a shift cannot end when it starts (a 24 h shift, end = start, needs "
                          "long_shifts_allowed = true, TLS § 51)")
        if code in seen:
            e.fail("code", f"duplicate shift code {code!r}")
        if e.ok:
            seen.add(code)
            out.append(ShiftType(code, name, service, start, end, channel, weekdays))
    return out


def _people(ctx: _Context, data: dict[str, Any], services: set[str], team_settings: RuleSettings) -> list[Person]:
    out: list[Person] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(ctx, data, "people")):
        e = _Entry(ctx, "people", i, raw, "id")
        e.unknown_fields({"id", "name", "role", "fte", "languages", "services", "may_work_nights",
                          "active", "email", "settings", "employed_from", "employed_until", "fte_from",
                          "fte_before"})
        pid = e.get("id", _plain_text, "a person id not starting with =, +, - or @")
        name = e.get("name", _plain_text, "a name not starting with =, +, - or @ (exports would read it as "
                                          "a spreadsheet formula)", default=pid)
        role = e.get("role", _enum(Role), _choices(Role), default=Role.COUNSELLOR)
        fte = e.get("fte", _number, "a load (FTE) between 0.1 and 1.0", default=1.0)
        if fte is not None and not 0.1 <= fte <= 1.0:
            e.fail("fte", f"expected a load (FTE) between 0.1 and 1.0, got {fte:g}")
        languages = e.get("languages", _languages, "a list of two-letter language codes such as ['et', 'ru']")
        person_services = e.get("services", _texts, "a list of service codes")
        for s in person_services or ():
            if s not in services:
                e.fail("services", f"unknown service {s!r}; known: {', '.join(sorted(services))}")
        nights = e.get("may_work_nights", _bool, "true or false", default=True)
        active = e.get("active", _bool, "true or false", default=True)
        email = e.get("email", _any_text, "an e-mail address", default="")
        employed_from = e.get("employed_from", _day, "the first day of the contract, a date YYYY-MM-DD", default=None)
        employed_until = e.get("employed_until", _day, "the last day of the contract, a date YYYY-MM-DD",
                               default=None)
        if employed_from is not None and employed_until is not None and employed_until < employed_from:
            e.fail("employed_until", f"expected a day on or after employed_from = {employed_from}, "
                                     f"got {employed_until}")
        fte_from = e.get("fte_from", _day, "the day the load (fte) applies from, a date YYYY-MM-DD", default=None)
        fte_before = e.get("fte_before", _number, "the load (FTE) before fte_from, between 0.1 and 1.0", default=None)
        if (fte_from is None) != (fte_before is None) and "fte_from" in e.data and "fte_before" in e.data:
            pass  # one of the two did not read: its own problem is reported
        elif (fte_from is None) != (fte_before is None):
            e.fail("fte_before" if fte_before is None else "fte_from",
                   "give fte_from and fte_before together (the day the load changed, and the load before it)")
        if fte_before is not None and not 0.1 <= fte_before <= 1.0:
            e.fail("fte_before", f"expected a load (FTE) between 0.1 and 1.0, got {fte_before:g}")
        settings = team_settings
        if "settings" in e.data:
            settings = _settings_from(ctx, "people", i, pid, e.data["settings"], team_settings,
                                      set(PERSON_OVERRIDABLE))
        if pid in seen:
            e.fail("id", f"duplicate person id {pid!r}")
        if e.ok:
            seen.add(pid)
            out.append(Person(pid, name, role, fte, languages, person_services, nights, active, email, settings,
                              employed_from=employed_from, employed_until=employed_until, fte_from=fte_from,
                              fte_before=fte_before))
    return out


_DAYS_CHOICES = {"all": DayType.ALL, "weekday": DayType.WEEKDAY, "weekend": DayType.WEEKEND,
                 "holiday": DayType.HOLIDAY}


def _window(v: Any) -> tuple[time, time]:
    if not isinstance(v, str) or "-" not in v:
        raise ValueError
    a, b = v.split("-", 1)
    start, end = start_clock(a), _clock(b)
    if start == end and not (start == time(0) and b.strip() == "24:00"):  # 00:00-24:00: the whole day
        raise ValueError
    return start, end


def same_days_key(need: CoverageNeed) -> tuple[Any, ...]:
    """What no two needs may share: the same service and shift (or window) on the same days
    (the solver would keep only the first such need while the checker applies both)."""
    return (need.key, need.day_type, need.on)


#: The most people one need may ask for (a larger number is a typing error, and CP-SAT takes
#: no coefficient near 2**63).
MAX_PEOPLE_NEEDED = 1000


def _needs(ctx: _Context, data: dict[str, Any], services: set[str], shifts: dict[str, ShiftType],
           known_shifts: set[str], spoken: set[str] | None = None) -> list[CoverageNeed]:
    """The coverage needs; ``spoken``: the languages anyone in the file speaks (a language
    minimum nobody could meet is a typing error, "ry" for "ru")."""
    out: list[CoverageNeed] = []
    seen: dict[tuple[Any, ...], int] = {}
    for i, raw in enumerate(_list(ctx, data, "needs")):
        e = _Entry(ctx, "needs", i, raw)
        e.unknown_fields({"service", "shift", "window", "days", "date", "minimum", "desired", "languages"})
        service = e.get("service", _text, "a service code")
        e.ident = f"{service} {e.data.get('shift') or e.data.get('window') or ''}".strip()
        if service is not None and service not in services:
            e.fail("service", f"unknown service {service!r}; known: {', '.join(sorted(services))}")
        shift = e.get("shift", _text, "a shift code", default=None)
        window = e.get("window", _window, "a window 'HH:MM-HH:MM' (24:00 allowed)", default=None)
        if (shift is None) == (window is None) and e.ok:
            e.fail("shift", "give exactly one of shift = 'CODE' or window = 'HH:MM-HH:MM'")
        if shift is not None:
            if shift not in known_shifts:
                e.fail("shift", f"unknown shift {shift!r}; known: {', '.join(sorted(known_shifts))}")
            elif shift in shifts and service is not None and shifts[shift].service != service:
                e.fail("shift", f"shift {shift!r} belongs to service {shifts[shift].service!r}, not {service!r}")
        on = e.get("date", _day, "a date YYYY-MM-DD", default=None)
        days_raw = e.get("days", _text, "one of all, weekday, weekend, holiday", default="all")
        if on is not None:
            if "days" in e.data:
                e.fail("days", "give either days or date, not both")
            elif shift in shifts and on.weekday() not in shifts[shift].weekdays:
                e.fail("date", f"shift {shift!r} does not run on {on:%a} {on} (its weekdays: "
                               f"{', '.join(WEEKDAYS[d] for d in shifts[shift].weekdays)})")
            day_type = DayType.DATE
        elif days_raw in _DAYS_CHOICES:
            day_type = _DAYS_CHOICES[days_raw]
            runs = set(shifts[shift].weekdays) if shift in shifts else None
            days = _WEEKDAYS_OF.get(day_type)
            if runs is not None and days is not None and not runs & days:
                e.fail("days", f"shift {shift!r} does not run on {days_raw} days (its weekdays: "
                               f"{', '.join(WEEKDAYS[d] for d in shifts[shift].weekdays)}): the need could "
                               "never apply")
        else:
            if days_raw is not None:
                e.fail("days", f"expected one of all, weekday, weekend, holiday, got {days_raw!r}")
            day_type = DayType.ALL
        minimum = e.get("minimum", _int, "a whole number of people ≥ 0")
        desired = e.get("desired", _int, "a whole number of people ≥ minimum", default=minimum)
        if minimum is not None and not 0 <= minimum <= MAX_PEOPLE_NEEDED:
            e.fail("minimum", f"expected a whole number of people from 0 to {MAX_PEOPLE_NEEDED}, got {minimum}")
        elif desired is not None and desired > MAX_PEOPLE_NEEDED:
            e.fail("desired", f"expected a whole number of people up to {MAX_PEOPLE_NEEDED}, got {desired}")
        if minimum is not None and desired is not None and desired < minimum:
            e.fail("desired", f"expected at least the minimum {minimum}, got {desired}")
        langs: list[LanguageMinimum] = []
        raw_langs = e.data.get("languages", {})
        if not isinstance(raw_langs, dict):
            e.fail("languages", "expected a table such as { ru = 1 }")
        else:
            for lang, count in raw_langs.items():
                if not is_language_code(lang):
                    e.fail(f"languages.{lang}", f"expected a two-letter language code such as ru, got {lang!r}")
                elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    e.fail(f"languages.{lang}", f"expected a whole number ≥ 0, got {count!r}")
                elif minimum is not None and count > max(minimum, desired or 0):
                    e.fail(f"languages.{lang}", f"{count} speakers needed but only {max(minimum, desired or 0)} people")
                elif count > 0 and spoken is not None and lang not in spoken:
                    e.fail(f"languages.{lang}", f"nobody in the file speaks {lang!r} (the people speak "
                                                f"{', '.join(sorted(spoken)) or 'nothing'}): no rota could meet it")
                else:
                    langs.append(LanguageMinimum(lang, count))
        if e.ok:
            need = CoverageNeed(service, day_type, minimum, desired, shift,
                                window[0] if window else None, window[1] if window else None, on,
                                tuple(langs))
            dup_key = same_days_key(need)
            if dup_key in seen:
                e.fail("days" if on is None else "date",
                       f"a need for {need.label()} on the same days is already given in needs[{seen[dup_key] + 1}]")
            else:
                seen[dup_key] = i
                out.append(need)
    return out


#: The weekdays (Monday 0) a need's ``days`` covers, where it names some.
_WEEKDAYS_OF = {DayType.WEEKDAY: {0, 1, 2, 3, 4}, DayType.WEEKEND: {5, 6}}


def _absences(ctx: _Context, data: dict[str, Any], people: set[str]) -> list[Absence]:
    out: list[Absence] = []
    for i, raw in enumerate(_list(ctx, data, "absences")):
        e = _Entry(ctx, "absences", i, raw, "person")
        e.unknown_fields({"person", "kind", "from", "to", "start", "end", "note", "rota_month", "scheduled_hours"})
        person = e.get("person", _text, "a person id")
        if person is not None and person not in people:
            e.fail("person", f"unknown person {person!r}")
        kind = e.get("kind", _enum(AbsenceKind), _choices(AbsenceKind))
        note = e.get("note", _any_text, "text", default="")
        if ("start" in e.data or "end" in e.data) and ("from" in e.data or "to" in e.data):
            e.fail("start", "give either from/to (whole days) or start/end (times), not both")
        elif "start" in e.data or "end" in e.data:
            start = e.get("start", _local_stamp, "an existing local time YYYY-MM-DDTHH:MM")
            end = e.get("end", _local_stamp, "an existing local time YYYY-MM-DDTHH:MM")
            if start is not None and end is not None and end <= start:
                e.fail("end", f"expected a time after start {start:%Y-%m-%d %H:%M}, got {end:%Y-%m-%d %H:%M}")
            recorded = _recorded(e, start.date() if start else None, end.date() if end else None)
            if e.ok:
                out.append(Absence(person, kind, start.date(), end.date(), start.time(), end.time(), note,
                                   rota_month=recorded[0], scheduled_hours=recorded[1]))
        else:
            first = e.get("from", _day, "a date YYYY-MM-DD")
            last = e.get("to", _day, "a date YYYY-MM-DD", default=first)
            if first is not None and last is not None and last < first:
                e.fail("to", f"expected a date on or after from = {first}, got {last}")
            recorded = _recorded(e, first, last)
            if e.ok:
                out.append(Absence(person, kind, first, last, None, None, note,
                                   rota_month=recorded[0], scheduled_hours=recorded[1]))
    return out


def _recorded(e: _Entry, first: date | None, last: date | None) -> tuple[tuple[int, int] | None, float | None]:
    """An absence's ``rota_month`` and ``scheduled_hours``: both or neither (the hours the
    rota of that month had planned for the person in the absence; setting
    ``absence_norm_reduction = "scheduled_hours"``)."""
    if "rota_month" not in e.data and "scheduled_hours" not in e.data:
        return None, None
    month = e.get("rota_month", _month, "the month YYYY-MM of the rota the scheduled hours come from")
    hours = e.get("scheduled_hours", _number, f"hours from 0 to {MAX_SCHEDULED_HOURS}")
    if hours is not None and not 0 <= hours <= MAX_SCHEDULED_HOURS:
        e.fail("scheduled_hours", f"expected hours from 0 to {MAX_SCHEDULED_HOURS}, got {hours:g}")
    if month is not None and first is not None and last is not None and not recordable_month(month, first, last):
        e.fail("rota_month", f"expected the month of a day from {first} to {last} or the month before, "
                             f"got {month[0]}-{month[1]:02d}")
    return month, hours


def _events(ctx: _Context, data: dict[str, Any], people: dict[str, Person], known: set[str]) -> list[Event]:
    out: list[Event] = []
    for i, raw in enumerate(_list(ctx, data, "events")):
        e = _Entry(ctx, "events", i, raw, "code")
        e.unknown_fields({"code", "name", "kind", "date", "start", "end", "attendees"})
        code = e.get("code", _text, "an event code")
        name = e.get("name", _text, "a name", default=code)
        kind = e.get("kind", _enum(EventKind), _choices(EventKind))
        day = e.get("date", _day, "a date YYYY-MM-DD")
        start = e.get("start", start_clock, "a local time HH:MM from 00:00 to 23:59")
        end = e.get("end", _clock, "a local time HH:MM")
        if start is not None and end is not None and end <= start and end != time(0):
            e.fail("end", f"expected a time after start {start:%H:%M}, got {end:%H:%M}")
        for field, at in (("start", start), ("end", end)):
            if day is not None and at is not None and not local_time_exists(datetime.combine(day, at)):
                e.fail(field, f"expected a time that exists on {day}, got {at:%H:%M}: the clocks go forward "
                              "from 03:00 to 04:00 that night")
        attendees_raw = e.data.get("attendees")
        attendees: tuple[str, ...] = ()
        if attendees_raw in ("all", "counsellors"):
            attendees = tuple(p.id for p in people.values() if p.active and
                              (attendees_raw == "all" or p.role == Role.COUNSELLOR))
        else:
            attendees = e.get("attendees", _texts, "a list of person ids, 'all' or 'counsellors'") or ()
            for a in attendees:
                if a not in known:
                    e.fail("attendees", f"unknown person {a!r}")
            twice = sorted({a for a in attendees if attendees.count(a) > 1})
            if twice:  # planned twice, the event would overlap itself
                e.fail("attendees", f"{', '.join(map(repr, twice))} listed twice")
        if e.ok:
            event = Event(code, name, kind, day, start, end, attendees)
            _one_event_at_a_time(e, event, out)
            if e.ok:
                out.append(event)
    return out


def _one_event_at_a_time(e: _Entry, event: Event, earlier: list[Event]) -> None:
    """A person attends one event at a time (TLS § 43: the hours of two at once would count
    twice): an event overlapping an earlier entry's for a common attendee is refused."""
    for other in earlier:
        both = event.clashes_with(other)
        if both:
            e.fail("start", f"{event.start:%H:%M}–{event.end:%H:%M} overlaps event {other.code} "
                            f"({other.day} {other.start:%H:%M}–{other.end:%H:%M}) for {', '.join(both)}: "
                            "a person attends one event at a time")
            return


def _wishes(ctx: _Context, data: dict[str, Any], people: set[str], shifts: set[str]) -> list[Wish]:
    out: list[Wish] = []
    for i, raw in enumerate(_list(ctx, data, "wishes")):
        e = _Entry(ctx, "wishes", i, raw, "person")
        e.unknown_fields({"person", "date", "kind", "shift", "weight"})
        person = e.get("person", _text, "a person id")
        if person is not None and person not in people:
            e.fail("person", f"unknown person {person!r}")
        day = e.get("date", _day, "a date YYYY-MM-DD")
        kind = e.get("kind", _enum(WishKind), _choices(WishKind))
        shift = e.get("shift", _text, "a shift code", default=None)
        if shift is not None and shift not in shifts:
            e.fail("shift", f"unknown shift {shift!r}")
        if kind == WishKind.SHIFT_NOT_WANTED and shift is None:
            e.fail("shift", "a shift_not_wanted wish names the shift")
        if kind == WishKind.DAY_OFF and shift is not None:
            e.fail("shift", "a day_off wish is for the whole day: leave out shift (or use shift_not_wanted)")
        weight = e.get("weight", _int, "a whole number 1–10", default=1)
        if weight is not None and not 1 <= weight <= 10:
            e.fail("weight", f"expected a whole number 1–10, got {weight}")
        if e.ok:
            out.append(Wish(person, day, kind, shift, weight))
    return out


def _substitutions(ctx: _Context, data: dict[str, Any], weights: SoftWeights) -> list[SubstitutionRule]:
    """Who may do whose work (job description § 1.4–1.5). A last-resort rule without a
    cost of its own costs the ``lead_line_duty`` weight per hour."""
    if "substitutions" not in data:
        return [replace(r, cost=weights.lead_line_duty) if r.last_resort else r
                for r in DEFAULT_SUBSTITUTIONS]
    out: list[SubstitutionRule] = []
    for i, raw in enumerate(_list(ctx, data, "substitutions")):
        e = _Entry(ctx, "substitutions", i, raw)
        e.unknown_fields({"substitute", "for", "cost", "last_resort"})
        sub = e.get("substitute", _enum(Role), _choices(Role))
        for_role = e.get("for", _enum(Role), _choices(Role))
        last = e.get("last_resort", _bool, "true or false", default=False)
        cost = e.get("cost", _int, f"a whole number from 0 to {MAX_WEIGHT}",
                     default=weights.lead_line_duty if last else 0)
        if cost is not None and not 0 <= cost <= MAX_WEIGHT:
            e.fail("cost", f"expected a whole number from 0 to {MAX_WEIGHT} per hour, got {cost}")
        if e.ok:
            out.append(SubstitutionRule(sub, for_role, cost, last))
    return out


def _raw_ids(data: dict[str, Any], section: str, field: str) -> set[str]:
    raw = data.get(section, [])
    if not isinstance(raw, list):
        return set()
    return {str(e[field]) for e in raw if isinstance(e, dict) and isinstance(e.get(field), str)}


def parse_team(text: str, source: str = "<team>") -> Team:
    """Parse team-file text; raise :class:`TeamFileError` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TeamFileError([f"{source}: not valid TOML: {toml_hint(str(exc))}"]) from None
    ctx = _Context(source, text, [])
    for key in data:
        if key not in SECTIONS:
            ctx.fail(key, None, None, None, f"unknown section; expected one of {', '.join(SECTIONS)}")
    team_entry = _Entry(ctx, "team", None, data.get("team", {}))
    team_entry.unknown_fields({"name", "timezone"})
    name = team_entry.get("name", _plain_text, "the team's name, not starting with =, +, - or @", default="team")
    tz = team_entry.get("timezone", _text, "'Europe/Tallinn'", default="Europe/Tallinn")
    if tz != "Europe/Tallinn":
        team_entry.fail("timezone", f"only 'Europe/Tallinn' is supported, got {tz!r}")
    settings = _settings_from(ctx, "settings", None, None, data.get("settings", {}), RuleSettings(), None)
    services = _services(ctx, data)
    service_map = {s.code: s for s in services}
    # entries with a problem of their own still count as known, so that one mistake is
    # reported once and not again at every reference to it
    known_services = set(service_map) | _raw_ids(data, "services", "code")
    shift_types = _shift_types(ctx, data, known_services, _long_shifts_anywhere(data, settings))
    shift_map = {s.code: s for s in shift_types}
    known_shifts = set(shift_map) | _raw_ids(data, "shift_types", "code")
    people = _people(ctx, data, known_services, settings)
    people_map = {p.id: p for p in people}
    known_people = set(people_map) | _raw_ids(data, "people", "id")
    spoken = {lang.strip() for p in data.get("people", [])
              if isinstance(p, dict) and isinstance(p.get("languages"), list)
              for lang in p["languages"] if isinstance(lang, str)}
    needs = _needs(ctx, data, known_services, shift_map, known_shifts, spoken)
    absences = _absences(ctx, data, known_people)
    events = _events(ctx, data, people_map, known_people)
    wishes = _wishes(ctx, data, known_people, known_shifts)
    substitutions = _substitutions(ctx, data, settings.weights)
    if not people and not ctx.problems:
        ctx.fail("people", None, None, None, "a team needs at least one [[people]] entry")
    if ctx.problems:
        raise TeamFileError(ctx.problems)
    return Team(name, settings, tuple(people), tuple(services), tuple(shift_types), tuple(needs),
                tuple(absences), tuple(events), tuple(wishes), tuple(substitutions), source)


def load_team(path: Path | str) -> Team:
    """Read a team file; raise :class:`TeamFileError` naming the file on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TeamFileError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise TeamFileError([f"{path}: is a folder; expected a team file such as team.toml"]) from None
    except PermissionError:
        raise TeamFileError([f"{path}: not readable (permission denied)"]) from None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark some editors write
    except UnicodeDecodeError as error:
        raise TeamFileError([f"{path}: not a UTF-8 text file ({not_utf8(data, error)})"]) from None
    return parse_team(text, str(path))


