"""The Estonian working-time calendar: public holidays, shortened days, norms, periods, hours.

Sources (domain.md §2–§4):

* Public holidays: Public Holidays and Days of National Importance Act, via the ``holidays``
  package (``country_holidays("EE")``).
* TLS § 43: working time; the norm is 8 h per working day (full time), daily hours × days
  for part time.
* TLS § 53: the working day directly before 1 Jan, 24 Feb, 23 Jun and 24 Dec is shortened by
  3 h (part time: by min(3, daily hours)).
* TLS § 43 (3), § 46: the accounting period (1–4 months; 12 by collective agreement).
* TLS § 45: night time 22:00–06:00 (paid 1.25×) and public-holiday work (paid 2×).
* TLS § 47: a break of at least 30 min in a shift longer than 6 h, not working time unless
  the work rules say so.

All wall-clock times are Europe/Tallinn (:data:`scheduler.domain.TALLINN`). Hours are
*elapsed* hours: instants are converted to UTC before they are subtracted, so a 22:00–08:00
night lasts 9 h on the spring DST night and 11 h on the autumn one (domain.md §4).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import holidays

from scheduler.domain import TALLINN, Absence, Person

#: Default language of holiday names; pinned so that names do not depend on the process
#: locale (the CLI and reports show English names).
HOLIDAY_LANGUAGE = "en_US"

#: Languages holiday names can be asked for (the ``holidays`` package's catalogues for
#: Estonia: ``holidays.EE.supported_languages``), with the short codes the web app uses.
HOLIDAY_LANGUAGES = {"en": "en_US", "en_US": "en_US", "et": "et", "uk": "uk"}

#: TLS § 53: how many hours a pre-holiday working day is shortened by (full time).
SHORTENED_DAY_CUT_HOURS = 3.0

#: TLS § 43 (1): hours of a full-time working day.
FULL_TIME_DAILY_HOURS = 8.0
#: Years the calendar serves: the holidays package knows Estonia's public holidays up to
#: 2100; norms of a year without them would be silently wrong.
YEARS = range(2000, 2101)


# --------------------------------------------------------------------------------------------
# Public holidays and shortened days
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _public_holidays(year: int, language: str = HOLIDAY_LANGUAGE) -> tuple[tuple[date, str], ...]:
    cal = holidays.country_holidays(
        "EE", years=year, categories=(holidays.PUBLIC,), language=language
    )
    return tuple(sorted((d, name) for d, name in cal.items() if d.year == year))


@lru_cache(maxsize=None)
def _holiday_set(year: int) -> frozenset[date]:
    return frozenset(d for d, _ in _public_holidays(year))


def public_holidays(year: int, language: str = HOLIDAY_LANGUAGE) -> dict[date, str]:
    """Estonian public holidays (riigipühad) of ``year``, date → name, in date order.

    Source: Public Holidays and Days of National Importance Act (Pühade ja tähtpäevade
    seadus) § 2, as implemented by the ``holidays`` package. Days off under TLS § 53 (1).
    ``language`` is that of the names: English by default, ``"et"`` for the Estonian ones
    ("suur reede"), see :data:`HOLIDAY_LANGUAGES`. The returned dict is a fresh copy; the
    underlying table is cached per year and language. ``ValueError`` for a language the
    package has no Estonian holiday names in.
    """
    if language not in HOLIDAY_LANGUAGES:
        raise ValueError(
            f"no holiday names in {language!r}; one of {', '.join(sorted(HOLIDAY_LANGUAGES))}"
        )
    return dict(_public_holidays(year, HOLIDAY_LANGUAGES[language]))


def is_public_holiday(day: date) -> bool:
    """Whether ``day`` is an Estonian public holiday (cached per year; see
    :func:`public_holidays`)."""
    return day in _holiday_set(day.year)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day of the norm calendar: Monday–Friday and not a public
    holiday (TLS § 43, § 53 (1))."""
    return day.weekday() < 5 and not is_public_holiday(day)


@lru_cache(maxsize=None)
def _shortened_days(year: int) -> tuple[date, ...]:
    cal = holidays.country_holidays(
        "EE", years=year, categories=(holidays.HALF_DAY,), language=HOLIDAY_LANGUAGE
    )
    # The package lists 23 Feb, 22 Jun, 23 Dec and 31 Dec whatever the weekday; only a
    # Mon–Fri working day is shortened (domain.md §3).
    return tuple(sorted(d for d in cal if d.year == year and is_working_day(d)))


def shortened_days(year: int) -> list[date]:
    """Pre-holiday days of ``year`` shortened by 3 h (TLS § 53 (2)).

    The working day directly before New Year's Day, Independence Day (24 Feb), Victory Day
    (23 Jun) and Christmas Eve (24 Dec) — i.e. 31 Dec, 23 Feb, 22 Jun and 23 Dec — but only
    when that day itself is a Monday–Friday working day; a pre-holiday date falling on a
    weekend shortens nothing.
    """
    return list(_shortened_days(year))


def is_shortened_day(day: date) -> bool:
    """Whether ``day`` is a shortened pre-holiday working day (TLS § 53 (2))."""
    return day in _shortened_days(day.year)


# --------------------------------------------------------------------------------------------
# The norm (tööajanorm)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthNorm:
    """The working-time norm of one calendar month (TLS § 43, § 53).

    ``working_days`` are the days that carry the norm (Mon–Fri, minus public holidays when
    holidays reduce the norm); ``shortened_days`` the pre-holiday days among them.
    """

    month: str  # "YYYY-MM"
    working_days: int
    shortened_days: int
    norm_hours: float


def _days(first: date, last: date) -> Iterable[date]:
    for i in range((last - first).days + 1):
        yield first + timedelta(days=i)


def _norm_day(day: date, holidays_reduce_norm: bool) -> bool:
    """Whether ``day`` carries daily hours in the norm."""
    if day.weekday() >= 5:
        return False
    return not holidays_reduce_norm or not is_public_holiday(day)


def norm_hours(
    first: date,
    last: date,
    daily_hours: float = FULL_TIME_DAILY_HOURS,
    holidays_reduce_norm: bool = True,
    absent_days: Iterable[date] = (),
) -> float:
    """The working-time norm of the days ``first``..``last`` inclusive (TLS § 43, § 53).

    Σ over Mon–Fri working days of ``daily_hours``, minus min(3, ``daily_hours``) for each
    shortened pre-holiday day (TLS § 53 (2): the cut is not pro rata for part time).
    An absent day (vacation, sick leave, training away) that is a working day contributes
    nothing, its shortening included. With ``holidays_reduce_norm`` False (Supreme Court
    3-2-1-69-17), Mon–Fri public holidays count as ordinary working days.
    """
    if last < first:
        return 0.0
    absent = frozenset(absent_days)
    cut = min(SHORTENED_DAY_CUT_HOURS, daily_hours)
    total = 0.0
    for day in _days(first, last):
        if day in absent or not _norm_day(day, holidays_reduce_norm):
            continue
        total += daily_hours
        if is_shortened_day(day):
            total -= cut
    return round(total, 4)


def norm_after_absences(
    first: date,
    last: date,
    absences: Iterable[Absence],
    reduction: str = "daily_hours",
    daily_hours: float = FULL_TIME_DAILY_HOURS,
    holidays_reduce_norm: bool = True,
) -> float:
    """A person's norm of ``first``..``last`` after their absences (TLS § 43; domain.md §3).

    ``reduction`` (setting ``absence_norm_reduction``): ``"daily_hours"`` — each Mon–Fri
    working day an absence covers whole contributes nothing (:func:`norm_hours`);
    ``"scheduled_hours"`` — an absence recorded on its month's rota (a sick leave re-planned)
    lowers that month's norm by the hours the rota had planned for the person in it instead,
    and its days in other months (planned knowing of it) by the daily hours; ``"none"`` —
    absences do not lower the norm. Only absences that ``reduces_norm`` count; never below 0.
    """
    chosen = [a for a in absences if a.reduces_norm] if reduction != "none" else []
    if reduction != "scheduled_hours":
        days = {d for a in chosen for d in a.norm_days()}
        return norm_hours(first, last, daily_hours, holidays_reduce_norm, days)
    # month by month, each never below 0 (a month's recorded hours above its norm do not
    # lower the other months of a period)
    days = {d for a in chosen for d in a.norm_days() if not a.recorded_in(d)}
    total, start = 0.0, first
    while start <= last:
        end = min(last, month_bounds(start.year, start.month)[1])
        scheduled = sum(a.scheduled_hours for a in chosen if a.scheduled_hours is not None
                        and a.rota_month == (start.year, start.month))
        total += max(0.0, norm_hours(start, end, daily_hours, holidays_reduce_norm, days) - scheduled)
        start = end + timedelta(days=1)
    return round(total, 4)


def person_norm(person: Person, first: date, last: date, absences: Iterable[Absence]) -> float:
    """The person's norm of ``first``..``last`` after their absences (:func:`norm_after_absences`
    with their settings), each month with the load they had in it (``Person.earlier_loads``:
    a load changed within an accounting period changes the norm from that month on only); a
    whole month of ``Person.earlier_norms`` counts the norm given there. Only the days within
    the employment contract count (``Person.employed_span``: someone who starts on the 15th
    has the norm of the working days from the 15th); a load changed on a day
    (``Person.fte_from``) counts each part with its own (``Person.loads_between``)."""
    st = person.settings
    mine = [a for a in absences if a.person == person.id]
    known = dict(person.earlier_norms)
    total, start = 0.0, first
    while start <= last:
        month_first, month_last = month_bounds(start.year, start.month)
        end = min(last, month_last)
        if (start.year, start.month) in known and (start, end) == (month_first, month_last):
            total += known[(start.year, start.month)]  # a whole earlier month: its norm as published
        else:
            parts = [(span, round(8.0 * fte, 4)) for a, b, fte in person.loads_between(start, end)
                     if (span := person.employed_span(a, b)) is not None]
            if len(parts) == 1:
                (span, daily), = parts
                total += norm_after_absences(*span, mine, st.absence_norm_reduction, daily, st.holidays_reduce_norm)
            elif parts:
                total += _norm_of_parts(parts, mine, st.absence_norm_reduction, st.holidays_reduce_norm)
        start = end + timedelta(days=1)
    return round(total, 4)


def _norm_of_parts(parts: list[tuple[tuple[date, date], float]], absences: list[Absence], reduction: str,
                   holidays_reduce_norm: bool) -> float:
    """The norm of a month in parts of one load each (a load changed on a day): each part's
    days at its daily hours, less the absences as :func:`norm_after_absences` takes them — with
    ``scheduled_hours`` the month's recorded hours once, the month never below 0."""
    if reduction != "scheduled_hours":
        return sum(norm_after_absences(*span, absences, reduction, daily, holidays_reduce_norm)
                   for span, daily in parts)
    chosen = [a for a in absences if a.reduces_norm]
    days = {d for a in chosen for d in a.norm_days() if not a.recorded_in(d)}
    month = (parts[0][0][0].year, parts[0][0][0].month)
    scheduled = sum(a.scheduled_hours for a in chosen if a.scheduled_hours is not None and a.rota_month == month)
    return max(0.0, sum(norm_hours(*span, daily, holidays_reduce_norm, days) for span, daily in parts) - scheduled)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of the calendar month."""
    first = date(year, month, 1)
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, nxt - timedelta(days=1)


def month_norm(
    year: int, month: int, fte: float = 1.0, holidays_reduce_norm: bool = True
) -> MonthNorm:
    """The norm of one month for a person of ``fte`` (daily hours 8 × FTE; TLS § 43, § 53)."""
    first, last = month_bounds(year, month)
    daily = round(FULL_TIME_DAILY_HOURS * fte, 4)
    days = [d for d in _days(first, last) if _norm_day(d, holidays_reduce_norm)]
    return MonthNorm(
        month=f"{year:04d}-{month:02d}",
        working_days=len(days),
        shortened_days=sum(1 for d in days if is_shortened_day(d)),
        norm_hours=norm_hours(first, last, daily, holidays_reduce_norm),
    )


def year_norms(year: int, fte: float = 1.0, holidays_reduce_norm: bool = True) -> list[MonthNorm]:
    """The twelve month norms of ``year`` (the published norm table; TLS § 43, § 53)."""
    return [month_norm(year, m, fte, holidays_reduce_norm) for m in range(1, 13)]


def monthly_norm_table(
    year: int, fte: float = 1.0, holidays_reduce_norm: bool = True
) -> list[MonthNorm]:
    """Alias of :func:`year_norms`."""
    return year_norms(year, fte, holidays_reduce_norm)


# --------------------------------------------------------------------------------------------
# Accounting periods
# --------------------------------------------------------------------------------------------


def _period_start_index(
    year: int, month: int, length_months: int, start_month: int
) -> tuple[int, int]:
    """(absolute month index of the period's first month, its length in months)."""
    if length_months < 1:
        raise ValueError(f"accounting period length must be at least 1 month, got {length_months}")
    if not 1 <= start_month <= 12:
        raise ValueError(f"start month must be 1–12, got {start_month}")
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    index = year * 12 + (month - 1)
    # The period year starts at start_month; periods repeat every length_months from there.
    anchor_year = year if month >= start_month else year - 1
    anchor = anchor_year * 12 + (start_month - 1)
    first = index - (index - anchor) % length_months
    if length_months < 12 and 12 % length_months != 0:
        # A length that does not divide 12 (not lawful, TLS § 46, but well-defined): periods
        # restart at start_month each year and the year's last period is cut short.
        return first, min(length_months, anchor + 12 - first)
    return first, length_months


def accounting_period(
    year: int, month: int, length_months: int, start_month: int = 1
) -> tuple[date, date]:
    """The accounting period (first day, last day) that contains ``year``-``month``
    (TLS § 43 (3), § 46).

    Periods of ``length_months`` start at ``start_month`` and repeat every ``length_months``
    months, wrapping across years (length 4, start 11 ⇒ Nov–Feb, Mar–Jun, Jul–Oct).
    """
    months = period_months(year, month, length_months, start_month)
    first, _ = month_bounds(*months[0])
    _, last = month_bounds(*months[-1])
    return first, last


def period_months(
    year: int, month: int, length_months: int, start_month: int = 1
) -> list[tuple[int, int]]:
    """The (year, month) pairs of the accounting period containing ``year``-``month``, in
    order (TLS § 43 (3), § 46; see :func:`accounting_period`)."""
    first, length = _period_start_index(year, month, length_months, start_month)
    return [((first + i) // 12, (first + i) % 12 + 1) for i in range(length)]


def known_period_start(
    year: int, month: int, length_months: int, start_month: int,
    months_with_history: Collection[tuple[int, int]],
) -> tuple[date, list[tuple[int, int]]]:
    """The first day of the known part of the accounting period holding ``year``-``month``,
    and the period's earlier months that have no rota in the history. The hours of a month
    without its rota are unknown, not 0 (TLS § 46 balances the whole period): the balance is
    counted from the month after the last such month, i.e. the earlier months are taken as
    worked to the norm."""
    months = period_months(year, month, length_months, start_month)
    earlier = months[: months.index((year, month))]
    missing = [ym for ym in earlier if ym not in months_with_history]
    start = months[months.index(missing[-1]) + 1] if missing else months[0]
    return month_bounds(*start)[0], missing


def known_months(own: Collection[tuple[int, int]], with_rota: Collection[tuple[int, int]],
                 absences: Iterable[Absence], person: Person | None = None) -> set[tuple[int, int]]:
    """The earlier months whose hours are known for a person: those in which the history
    holds their duties, and those of which it holds a rota (anyone's duties) while they were
    on leave at least a whole day of the month (an absence that lowers the norm; a two-hour
    appointment or a request not to be planned tells nothing) — they were in the team and the
    month was planned around the leave, so a month on vacation counts as its hours against
    its reduced norm, not as worked to the norm like a month without any rota
    (:func:`known_period_start`). A month with a rota in which ``person`` was employed on no
    day (before their contract began) is known too: no hours against no norm."""
    away = {(d.year, d.month) for a in absences for d in a.norm_days()}
    outside = {ym for ym in with_rota
               if person is not None and person.employed_span(*month_bounds(*ym)) is None}
    return set(own) | (set(with_rota) & away) | outside


# --------------------------------------------------------------------------------------------
# Hours of a duty: elapsed, night, public holiday
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HourSplit:
    """Elapsed hours of an interval and how many of them fall at night (TLS § 45 (1)), on a
    public holiday (TLS § 45 (2)) and both."""

    total: float
    night: float
    holiday: float
    night_holiday: float


def _aware(dt: datetime) -> datetime:
    """``dt`` as an aware instant; a naive datetime is read as Europe/Tallinn wall-clock."""
    return dt.replace(tzinfo=TALLINN) if dt.tzinfo is None else dt


def _is_night_hour(hour: int, night_start_hour: int, night_end_hour: int) -> bool:
    if night_start_hour == night_end_hour:
        return False
    if night_start_hour > night_end_hour:
        return hour >= night_start_hour or hour < night_end_hour
    return night_start_hour <= hour < night_end_hour


@lru_cache(maxsize=4096)
def _day_segments(
    day: date, night_start_hour: int, night_end_hour: int
) -> tuple[tuple[datetime, datetime, bool, bool], ...]:
    """The local day cut at its night boundaries: (UTC start, UTC end, night, holiday).

    Boundaries are local wall-clock hours converted to UTC, so the DST hour (03:00–04:00 in
    Tallinn, inside the night) is measured by its real length.
    """
    holiday = is_public_holiday(day)
    cuts = sorted({0, 24, night_start_hour % 24, night_end_hour % 24})
    out: list[tuple[datetime, datetime, bool, bool]] = []
    for a, b in zip(cuts, cuts[1:]):
        start = datetime.combine(day, time(a), tzinfo=TALLINN).astimezone(UTC)
        end_local = (
            datetime.combine(day + timedelta(days=1), time(0), tzinfo=TALLINN)
            if b == 24
            else datetime.combine(day, time(b), tzinfo=TALLINN)
        )
        is_night = _is_night_hour(a, night_start_hour, night_end_hour)
        out.append((start, end_local.astimezone(UTC), is_night, holiday))
    return tuple(out)


@lru_cache(maxsize=65536)
def _split_utc(
    start: datetime, end: datetime, night_start_hour: int, night_end_hour: int
) -> HourSplit:
    total = night = holiday = night_holiday = 0.0
    if end <= start:
        return HourSplit(0.0, 0.0, 0.0, 0.0)
    first_day = start.astimezone(TALLINN).date()
    last_day = end.astimezone(TALLINN).date()
    day = first_day
    while day <= last_day:
        for seg_start, seg_end, is_night, is_holiday in _day_segments(
            day, night_start_hour, night_end_hour
        ):
            lo = max(seg_start, start)
            hi = min(seg_end, end)
            if hi <= lo:
                continue
            seconds = (hi - lo).total_seconds()
            total += seconds
            if is_night:
                night += seconds
            if is_holiday:
                holiday += seconds
            if is_night and is_holiday:
                night_holiday += seconds
        day += timedelta(days=1)
    return HourSplit(
        total=round(total / 3600, 4),
        night=round(night / 3600, 4),
        holiday=round(holiday / 3600, 4),
        night_holiday=round(night_holiday / 3600, 4),
    )


def split_hours(
    start: datetime, end: datetime, night_start_hour: int = 22, night_end_hour: int = 6
) -> HourSplit:
    """Elapsed hours of [``start``, ``end``) split into night, public-holiday and both
    (TLS § 45; domain.md §4).

    Night time is local wall-clock time in [``night_start_hour``:00, ``night_end_hour``:00)
    (TLS § 45 (1): 22–06); holiday time is time whose local date is a public holiday
    (TLS § 45 (2)); each instant is classified by its Europe/Tallinn wall-clock time, hours
    are elapsed (DST-correct). Naive datetimes are read as Tallinn wall-clock. Values are
    rounded to 4 decimals.
    """
    s = _aware(start).astimezone(UTC)
    e = _aware(end).astimezone(UTC)
    return _split_utc(s, e, night_start_hour, night_end_hour)


def night_hours(
    start: datetime, end: datetime, night_start_hour: int = 22, night_end_hour: int = 6
) -> float:
    """Elapsed hours of [``start``, ``end``) at night, 22:00–06:00 local (TLS § 45 (1))."""
    return split_hours(start, end, night_start_hour, night_end_hour).night


def holiday_hours(start: datetime, end: datetime) -> float:
    """Elapsed hours of [``start``, ``end``) whose local date is a public holiday
    (TLS § 45 (2))."""
    return split_hours(start, end).holiday


def counted_hours(
    start: datetime,
    end: datetime,
    break_after_hours: float = 6.0,
    break_minutes: int = 30,
    break_counts_as_work: bool = False,
) -> float:
    """Working hours of a duty (TLS § 47): elapsed hours, minus the unpaid break when the
    duty is longer than ``break_after_hours`` and breaks are not working time. Rounded to
    4 decimals."""
    elapsed = (_aware(end).astimezone(UTC) - _aware(start).astimezone(UTC)).total_seconds() / 3600
    if elapsed <= 0:
        return 0.0
    if not break_counts_as_work and elapsed > break_after_hours:
        elapsed -= break_minutes / 60
    return round(max(elapsed, 0.0), 4)


def worked_split(split: HourSplit, counted: float) -> HourSplit:
    """Night and public-holiday hours of the time *worked* in a duty whose elapsed hours split
    as ``split`` and of which ``counted`` hours are working time (TLS § 45 pays for work at
    night and on a public holiday; an unpaid break is not work, TLS § 47). Where the break
    falls is not fixed, so it is taken in the employee's favour: from the duty's ordinary time
    first, then from time that is night only (paid 1.25×), then holiday only (2×), last from
    time that is both. Holiday hours never exceed the hours worked (a shift of 8 h with a
    30-min unpaid break on Easter Sunday pays 7.5 h, not 8)."""
    unpaid = max(0.0, split.total - counted)
    both = split.night_holiday
    night_only, holiday_only = split.night - both, split.holiday - both
    ordinary = max(0.0, split.total - night_only - holiday_only - both)
    taken = []
    for available in (ordinary, night_only, holiday_only, both):
        share = min(unpaid, available)
        taken.append(share)
        unpaid -= share
    _, from_night, from_holiday, from_both = taken
    return HourSplit(total=round(counted, 4), night=round(split.night - from_night - from_both, 4),
                     holiday=round(split.holiday - from_holiday - from_both, 4),
                     night_holiday=round(both - from_both, 4))


def is_night_shift(
    start: datetime,
    end: datetime,
    threshold_hours: float = 3.0,
    night_start_hour: int = 22,
    night_end_hour: int = 6,
) -> bool:
    """Whether a duty counts towards night work: at least ``threshold_hours`` of it fall in
    night time 22:00–06:00 (TLS § 45 (1) and the night-worker rules)."""
    return night_hours(start, end, night_start_hour, night_end_hour) >= threshold_hours


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week (the calendar week of the weekly-rest check,
    TLS § 52 (2); domain.md §2)."""
    return day - timedelta(days=day.weekday())
