"""Rule settings: the law's defaults (domain.md §2) as values a team or person may change.

Every legal limit is a setting with its default and its source, never a constant buried in
code. ``LAW_BOUNDS`` says how far a team file may move each one: a setting can always be made
stricter; looser only where the law allows it (e.g. 52 h average with a separate agreement,
24 h shifts under the health-care/welfare switch).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduler.checker.messages import Message


def N_(template: str) -> str:
    """Mark ``template`` for the message catalogue; returns it unchanged. The same no-op as
    :func:`scheduler.checker.messages.N_`, defined here because that package imports this
    module (through :mod:`scheduler.domain`): the messages are built with it imported late."""
    return template


@dataclass(frozen=True)
class SoftWeights:
    """Weights of the solver's soft goals (higher = more important). Documented in README
    with their default priority order."""

    coverage_desired: int = 40  # per missing person-shift above the minimum
    norm_deviation: int = 10  # per hour away from the accounting-period norm (beyond the tolerance)
    #: hours within this distance of a person's goal cost nothing: shifts last 7–10 h, so an
    #: exact match is a per-person knapsack that costs search time and helps nobody
    norm_tolerance_hours: float = 2.0
    wish: int = 20  # per unit of wish weight not met
    fair_nights: int = 6  # per night shift above the team's fair share
    fair_weekends: int = 4  # per weekend day above the fair share
    fair_holidays: int = 6  # per public-holiday duty above the fair share
    isolated_day: int = 8  # per single work day between days off
    backward_rotation: int = 6  # per night → day/evening on consecutive days
    consecutive_nights: int = 15  # per night beyond max_consecutive_nights
    consecutive_days: int = 10  # per work day beyond max_consecutive_work_days
    split_weekend: int = 5  # per weekend with exactly one of Sat/Sun worked
    #: re-planning: per cell changed against the rota being re-planned (a shift taken away
    #: or given); kept below ``coverage_desired`` so a place is refilled rather than left
    replan_change: int = 30
    #: per hour the team lead works counsellor line duty: the cost of a last-resort
    #: substitution rule that names no cost of its own
    lead_line_duty: int = 60


@dataclass(frozen=True)
class RuleSettings:
    """Working-time rules with their legal defaults. Sources: Töölepingu seadus (TLS)."""

    #: TLS § 43 (3), § 46: accounting period length in months (1–4; 12 by collective agreement).
    accounting_period_months: int = 1
    #: First month of the first accounting period of the year (1 = January).
    accounting_period_start_month: int = 1
    #: TLS § 46: average hours per 7 days over the accounting period, overtime included.
    max_average_weekly_hours: float = 48.0
    #: TLS § 51: consecutive rest in every 24 h.
    daily_rest_hours: float = 11.0
    #: TLS § 51: a duty may span at most 24 − daily rest = 13 h.
    max_duty_hours: float = 13.0
    #: TLS § 51: shifts up to 24 h for health-care/welfare staff or by collective agreement,
    #: followed immediately by extra rest equal to the hours above 13.
    long_shifts_allowed: bool = False
    #: TLS § 52 (2): uninterrupted weekly rest (36 h under summed working time; 47 h option).
    weekly_rest_hours: float = 36.0
    #: "calendar" (Mon 00:00 – Mon 00:00) or "rolling" (every 7-day window, stricter).
    weekly_rest_window: str = "calendar"
    #: TLS § 47: a shift over ``break_after_hours`` has a break of ``break_minutes``.
    break_after_hours: float = 6.0
    break_minutes: int = 30
    #: Whether the break is working time (a helpline may let counsellors eat on duty).
    break_counts_as_work: bool = False
    #: TLS § 45 (1): night time.
    night_start_hour: int = 22
    night_end_hour: int = 6
    #: TLS night-work rules: a night worker does ≥ this many hours of a day's work at night.
    night_worker_threshold_hours: float = 3.0
    #: Night worker: at most this many hours in any 7 days (8 h per 24 h on average).
    night_worker_max_hours_7d: float = 48.0
    #: TLS § 53 policy switch: public holidays reduce the norm (published tables) or not
    #: (Supreme Court 3-2-1-69-17 allows false).
    holidays_reduce_norm: bool = True
    #: How absences reduce the norm: "daily_hours" per Mon–Fri working day, "scheduled_hours"
    #: by the hours the rota had planned in a sick leave recorded on it, or "none".
    absence_norm_reduction: str = "daily_hours"
    #: At most one duty start per calendar day unless split duties are allowed.
    split_duties_allowed: bool = False
    #: Team lead: share of the month's norm kept for management work; stand-in line work
    #: (work of another role) may use at most the rest.
    protected_management_share: float = 0.5
    #: Good patterns (soft).
    max_consecutive_nights: int = 3
    max_consecutive_work_days: int = 6
    weights: SoftWeights = field(default_factory=SoftWeights)

    def with_overrides(self, overrides: dict[str, Any]) -> "RuleSettings":
        return replace(self, **overrides)


#: Lawful range of each numeric setting: (minimum, maximum, source). A value outside is
#: rejected by the team-file loader with the law's paragraph. The sources are English texts
#: marked ``N_`` for the message catalogue (the web app shows them in the viewer's language,
#: ``webui.reasons``).
LAW_BOUNDS: dict[str, tuple[float, float, str]] = {
    "accounting_period_months": (1, 12, N_("TLS § 46: 1–4 months, 12 only by collective agreement")),
    "accounting_period_start_month": (1, 12, N_("a month number 1–12")),
    "max_average_weekly_hours": (1, 52, N_("TLS § 46: at most 48 h, 52 h with a separate agreement")),
    "daily_rest_hours": (11, 24, N_("TLS § 51: at least 11 h rest in every 24 h")),
    "max_duty_hours": (1, 24, N_("TLS § 51: at most 13 h, 24 h only under the long-shift switch")),
    "weekly_rest_hours": (36, 72, N_("TLS § 52 (2): at least 36 h weekly rest")),
    "break_after_hours": (0, 6, N_("TLS § 47: a break at the latest after 6 h of work")),
    "break_minutes": (30, 120, N_("TLS § 47: at least 30 min break")),
    "night_start_hour": (22, 22, N_("TLS § 45 (1): night time is 22–06")),
    "night_end_hour": (6, 6, N_("TLS § 45 (1): night time is 22–06")),
    "night_worker_threshold_hours": (0, 3, N_("TLS night-work rules: ≥ 3 h at night makes a night worker")),
    "night_worker_max_hours_7d": (1, 48, N_("TLS night-work rules: 8 h per 24 h on average, "
                                            "at most 48 h in 7 days")),
    "protected_management_share": (0, 1, N_("a share between 0 and 1")),
    "max_consecutive_nights": (1, 14, N_("a count of nights")),
    "max_consecutive_work_days": (1, 14, N_("a count of days")),
}

CHOICES: dict[str, tuple[str, ...]] = {
    "weekly_rest_window": ("calendar", "rolling"),
    "absence_norm_reduction": ("daily_hours", "scheduled_hours", "none"),
}

#: Settings a person may override (the rest are the employer's work rules for the team).
PERSON_OVERRIDABLE: frozenset[str] = frozenset(
    {
        "max_average_weekly_hours",
        "long_shifts_allowed",
        "weekly_rest_hours",
        "weekly_rest_window",
        "max_duty_hours",
        "daily_rest_hours",
        "protected_management_share",
        "max_consecutive_nights",
        "max_consecutive_work_days",
        "night_worker_max_hours_7d",
    }
)


def setting_names() -> list[str]:
    return [f.name for f in fields(RuleSettings) if f.name != "weights"]


def weight_names() -> list[str]:
    return [f.name for f in fields(SoftWeights)]


def weight_is_decimal(name: str) -> bool:
    """Whether weight ``name`` is a number of hours (a tolerance) rather than whole points."""
    return any(f.name == name and f.type in (float, "float") for f in fields(SoftWeights))


#: The largest weight (points) and hourly stand-in cost a team may give: ample to order the
#: goals (the defaults are 4–40), small enough that the solver's sums stay exact integers.
MAX_WEIGHT = 10_000
#: The largest tolerance around the norm, in hours (a month's norm is at most ~184 h).
MAX_TOLERANCE_HOURS = 40.0


def weight_problem(name: str, value: Any) -> str | None:
    """Why ``value`` is no value for weight ``name``, or None: whole points 0–``MAX_WEIGHT``,
    or a number of hours 0–``MAX_TOLERANCE_HOURS`` for a tolerance. Used by the team-file
    loader and the web app."""
    if name not in weight_names():
        return f"unknown weight; expected one of {', '.join(sorted(weight_names()))}"
    if weight_is_decimal(name):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_TOLERANCE_HOURS:
            return f"expected a number of hours from 0 to {MAX_TOLERANCE_HOURS:g}, got {value!r}"
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WEIGHT:
        return f"expected a whole number from 0 to {MAX_WEIGHT}, got {value!r}"
    return None


def _given(value: Any) -> Any:
    """A value as a message parameter that reads in English as ``repr`` does: a number
    (written in the viewer's language on the web: ``10,5``) when its English form is its
    repr (``5``, ``10.5``), else the repr's text (``5.0``, ``'abc'``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and f"{value:g}" == repr(value):
        return value
    return repr(value)


def law_message(name: str, value: Any) -> Message | None:
    """Why ``value`` is not lawful for setting ``name`` (a message the web app shows in the
    viewer's language, :attr:`~scheduler.checker.messages.Message.text` the English the
    team-file loader prints), or None if it is."""
    from scheduler.checker.messages import Listing, msg, words

    if name in CHOICES:
        if value not in CHOICES[name]:
            return msg(N_("expected one of %(choices)s, got %(value)s"),
                       choices=Listing(tuple(CHOICES[name])), value=repr(value))
        return None
    default = getattr(RuleSettings(), name)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            return msg(N_("expected true or false, got %(value)s"), value=repr(value))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return msg(N_("expected a number, got %(value)s"), value=repr(value))
    if isinstance(default, int) and not isinstance(default, bool) and not float(value).is_integer():
        return msg(N_("expected a whole number, got %(value)s"), value=_given(value))
    if name in LAW_BOUNDS:
        lo, hi, source = LAW_BOUNDS[name]
        if not lo <= value <= hi:
            return msg(N_("%(value)s is outside %(low)s–%(high)s (%(source)s)"), value=_given(value),
                       low=float(lo), high=float(hi), source=words(source))
    return None


def law_problem(name: str, value: Any, settings: RuleSettings | None = None) -> str | None:
    """Why ``value`` is not lawful for setting ``name``, in English, or None if it is
    (:func:`law_message`)."""
    message = law_message(name, value)
    return None if message is None else message.text


def lawful_override_messages(values: dict[str, Any], base: RuleSettings
                             ) -> tuple[dict[str, Any], list[tuple[str, Message]]]:
    """``values`` (setting name → value) checked against the law as the team file and the web
    app both check them: each with :func:`law_message`, then ``base`` with the lawful ones
    as a whole with :func:`cross_messages`. Returns the lawful overrides (floats where the
    setting is a float) and the problems, (setting, message) each."""
    overrides: dict[str, Any] = {}
    problems: list[tuple[str, Message]] = []
    for name, value in values.items():
        why = law_message(name, value)
        if why is not None:
            problems.append((name, why))
        else:
            overrides[name] = float(value) if isinstance(getattr(base, name), float) else value
    problems += cross_messages(base.with_overrides(overrides))
    return overrides, problems


def lawful_overrides(values: dict[str, Any], base: RuleSettings) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """:func:`lawful_override_messages` with the problems in English (the team-file loader)."""
    overrides, problems = lawful_override_messages(values, base)
    return overrides, [(name, why.text) for name, why in problems]


def longest_duty_hours(s: RuleSettings) -> float:
    """TLS § 51: the longest duty from its first start to its last end. Without the
    long-shift switch it is ``max_duty_hours`` (13 h = 24 h − 11 h rest). Under the switch a
    duty may last up to 24 h: the default 13 h then reads as 24 h, and any other value is the
    employer's or the person's own limit and applies as written (a setting can always be made
    stricter)."""
    default = RuleSettings.max_duty_hours
    if s.long_shifts_allowed and s.max_duty_hours == default:
        return 24.0
    return s.max_duty_hours


def cross_messages(s: RuleSettings) -> list[tuple[str, Message]]:
    """Problems that involve more than one setting: (setting, message)."""
    from scheduler.checker.messages import msg, words

    out: list[tuple[str, Message]] = []
    if s.max_duty_hours > 24 - s.daily_rest_hours and not s.long_shifts_allowed:
        out.append((
            "max_duty_hours",
            msg(N_("%(duty)s h leaves less than %(rest)s h rest in 24 h; "
                   "longer duties need long_shifts_allowed = true (TLS § 51)"),
                duty=float(s.max_duty_hours), rest=float(s.daily_rest_hours)),
        ))
    if s.accounting_period_months > 4 and s.accounting_period_months != 12:
        out.append((
            "accounting_period_months",
            words(N_("1–4 months, or 12 by collective agreement (TLS § 46)")),
        ))
    return out


def cross_problems(s: RuleSettings) -> list[tuple[str, str]]:
    """Problems that involve more than one setting, in English: (setting, reason)
    (:func:`cross_messages`)."""
    return [(name, why.text) for name, why in cross_messages(s)]
