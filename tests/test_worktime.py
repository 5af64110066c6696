"""The Estonian working-time calendar (scheduler.worktime).

Every expected value below is worked out from the law (TLS § 43, § 45, § 47, § 53), the
published norm table (domain.md §3) and the wall clock, not read back from the code.
"""

from __future__ import annotations

import time as wallclock
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from scheduler.domain import TALLINN
from scheduler.worktime import (
    HourSplit,
    MonthNorm,
    accounting_period,
    counted_hours,
    holiday_hours,
    is_night_shift,
    is_public_holiday,
    is_working_day,
    month_bounds,
    month_norm,
    monthly_norm_table,
    night_hours,
    norm_hours,
    period_months,
    public_holidays,
    shortened_days,
    split_hours,
    week_start,
    year_norms,
)


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """Europe/Tallinn wall-clock instant."""
    return datetime(y, mo, d, h, mi, tzinfo=TALLINN)


# --- public holidays, shortened days, working days -------------------------------------------

def test_public_holidays_2027() -> None:
    # Easter Sunday 2027 is 28 March ⇒ Good Friday 26 March, Pentecost 16 May (Easter + 49).
    assert sorted(public_holidays(2027)) == [
        date(2027, 1, 1),
        date(2027, 2, 24),
        date(2027, 3, 26),
        date(2027, 3, 28),
        date(2027, 5, 1),
        date(2027, 5, 16),
        date(2027, 6, 23),
        date(2027, 6, 24),
        date(2027, 8, 20),
        date(2027, 12, 24),
        date(2027, 12, 25),
        date(2027, 12, 26),
    ]
    assert all(isinstance(name, str) and name for name in public_holidays(2027).values())


def test_holiday_names_in_english_by_default_and_in_estonian_on_request() -> None:
    good_friday = date(2027, 3, 26)  # Easter Sunday 2027 is 28 March
    assert public_holidays(2027)[good_friday] == "Good Friday"
    assert public_holidays(2027, language="en")[good_friday] == "Good Friday"
    assert public_holidays(2027, language="et")[good_friday] == "suur reede"
    assert public_holidays(2027, language="et")[date(2027, 12, 24)] == "jõululaupäev"
    # the same days whatever the language; asking for Estonian leaves the default English
    assert list(public_holidays(2027, language="et")) == list(public_holidays(2027))
    assert public_holidays(2027)[date(2027, 12, 24)] == "Christmas Eve"
    with pytest.raises(ValueError, match="fr"):
        public_holidays(2027, language="fr")


def test_public_holidays_returns_a_copy() -> None:
    table = public_holidays(2026)
    table.clear()
    assert len(public_holidays(2026)) == 12
    assert is_public_holiday(date(2026, 12, 24))


def test_is_public_holiday_and_working_day() -> None:
    assert is_public_holiday(date(2026, 1, 1))
    assert is_public_holiday(date(2026, 2, 24))
    assert is_public_holiday(date(2027, 3, 28))  # Easter Sunday
    assert not is_public_holiday(date(2026, 12, 23))  # shortened, not a holiday
    assert not is_public_holiday(date(2026, 12, 31))
    # Thursday 1 Jan 2026 is a holiday, Friday 2 Jan a working day, Saturday 3 Jan not.
    assert not is_working_day(date(2026, 1, 1))
    assert is_working_day(date(2026, 1, 2))
    assert not is_working_day(date(2026, 1, 3))
    assert not is_working_day(date(2026, 1, 4))
    assert is_working_day(date(2026, 12, 23))


def test_shortened_days_when_all_four_are_weekdays() -> None:
    # 2026: Mon 23 Feb, Mon 22 Jun, Wed 23 Dec, Thu 31 Dec.
    assert shortened_days(2026) == [
        date(2026, 2, 23),
        date(2026, 6, 22),
        date(2026, 12, 23),
        date(2026, 12, 31),
    ]
    # 2027: Tue 23 Feb, Tue 22 Jun, Thu 23 Dec, Fri 31 Dec.
    assert shortened_days(2027) == [
        date(2027, 2, 23),
        date(2027, 6, 22),
        date(2027, 12, 23),
        date(2027, 12, 31),
    ]


def test_shortened_days_on_weekends_are_dropped() -> None:
    # 2025: 23 Feb and 22 Jun are Sundays; 23 Dec is a Tuesday, 31 Dec a Wednesday.
    assert shortened_days(2025) == [date(2025, 12, 23), date(2025, 12, 31)]
    # 2028: 23 Feb is a Wednesday, 22 Jun a Thursday; 23 Dec is a Saturday, 31 Dec a Sunday.
    assert shortened_days(2028) == [date(2028, 2, 23), date(2028, 6, 22)]


def test_december_2028_has_no_shortened_day() -> None:
    # Dec 2028 starts on a Friday: 21 weekdays; 25 (Mon) and 26 (Tue) are holidays, 24 is a
    # Sunday ⇒ 19 days × 8 h; 23 and 31 Dec are weekend days ⇒ no cut.
    assert month_norm(2028, 12) == MonthNorm("2028-12", 19, 0, 152.0)


# --- norm tables (domain.md §3) --------------------------------------------------------------

NORM_TABLE: dict[int, list[float]] = {
    2025: [176, 152, 168, 168, 168, 152, 184, 160, 176, 184, 160, 154],
    2026: [168, 149, 176, 168, 160, 157, 184, 160, 176, 176, 168, 162],
    2027: [160, 149, 176, 176, 168, 157, 176, 168, 176, 168, 176, 170],
}
NORM_TOTALS = {2025: 2002, 2026: 2004, 2027: 2020}


@pytest.mark.parametrize("year", sorted(NORM_TABLE))
def test_full_time_norm_table(year: int) -> None:
    norms = year_norms(year)
    assert [n.month for n in norms] == [f"{year}-{m:02d}" for m in range(1, 13)]
    assert [n.norm_hours for n in norms] == [float(h) for h in NORM_TABLE[year]]
    assert sum(n.norm_hours for n in norms) == NORM_TOTALS[year]
    first, last = date(year, 1, 1), date(year, 12, 31)
    assert norm_hours(first, last) == NORM_TOTALS[year]
    # Each month: working days × 8 − shortened days × 3.
    for n in norms:
        assert n.norm_hours == n.working_days * 8 - n.shortened_days * 3
    assert monthly_norm_table(year) == norms


def test_january_2027() -> None:
    # Fri 1 Jan is New Year's Day; the other 20 weekdays are working days; no shortened day.
    assert month_norm(2027, 1) == MonthNorm("2027-01", 20, 0, 160.0)


def test_december_2027() -> None:
    # 23 weekdays, Fri 24 Dec a holiday (25, 26 are the weekend) ⇒ 22 days; Thu 23 Dec and
    # Fri 31 Dec shortened ⇒ 22 × 8 − 2 × 3 = 170.
    assert month_norm(2027, 12) == MonthNorm("2027-12", 22, 2, 170.0)


def test_june_2026() -> None:
    # 22 weekdays, Tue 23 and Wed 24 Jun holidays ⇒ 20 days; Mon 22 Jun shortened.
    assert month_norm(2026, 6) == MonthNorm("2026-06", 20, 1, 157.0)


def test_month_norm_is_frozen() -> None:
    n = month_norm(2026, 1)
    with pytest.raises(FrozenInstanceError):
        n.norm_hours = 0.0  # type: ignore[misc]


# --- part time: daily hours × days, the cut is min(3, daily hours) ---------------------------

def test_half_time() -> None:
    # June 2026: 20 days × 4 h − min(3, 4) = 77.
    assert month_norm(2026, 6, fte=0.5) == MonthNorm("2026-06", 20, 1, 77.0)
    # Dec 2027: 22 days × 4 h − 2 × 3 = 82.
    assert month_norm(2027, 12, fte=0.5).norm_hours == 82.0
    # Jan 2027: no shortened day ⇒ exactly half.
    assert month_norm(2027, 1, fte=0.5).norm_hours == 80.0


def test_quarter_time_cut_is_the_whole_day() -> None:
    # June 2026: 20 days × 2 h − min(3, 2) = 38.
    assert month_norm(2026, 6, fte=0.25).norm_hours == 38.0
    # Dec 2027: 22 × 2 − 2 × 2 = 40.
    assert month_norm(2027, 12, fte=0.25).norm_hours == 40.0
    assert norm_hours(date(2027, 12, 23), date(2027, 12, 23), daily_hours=2.0) == 0.0


def test_three_quarter_time() -> None:
    # Feb 2026: 19 working days (20 weekdays − Tue 24 Feb) × 6 h − min(3, 6) for Mon 23 Feb.
    assert month_norm(2026, 2, fte=0.75).norm_hours == 19 * 6 - 3


# --- holidays_reduce_norm = False (Supreme Court 3-2-1-69-17) ---------------------------------

def test_holidays_do_not_reduce_norm() -> None:
    # June 2026: all 22 weekdays count; 22 Jun still shortened ⇒ 176 − 3.
    assert month_norm(2026, 6, holidays_reduce_norm=False) == MonthNorm("2026-06", 22, 1, 173.0)
    # Dec 2027: 23 weekdays × 8 − 2 × 3 = 178.
    assert month_norm(2027, 12, holidays_reduce_norm=False).norm_hours == 178.0
    # Year 2027 starts on a Friday and has 365 days ⇒ 261 weekdays; 4 shortened days.
    total = sum(n.norm_hours for n in year_norms(2027, holidays_reduce_norm=False))
    assert total == 261 * 8 - 4 * 3
    # A month without a weekday holiday is unaffected: Mar 2026.
    assert month_norm(2026, 3, holidays_reduce_norm=False).norm_hours == 176.0


# --- absences ---------------------------------------------------------------------------------

def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_absence_reduces_norm_by_working_days() -> None:
    first, last = month_bounds(2027, 12)
    # Vacation 20–31 Dec 2027: working days 20–23, 27–31 (24 Dec holiday, 25–26 weekend)
    # = 9 days, two of them shortened ⇒ 170 − (9 × 8 − 2 × 3) = 104 = 13 untouched days × 8.
    vacation = _days(date(2027, 12, 20), date(2027, 12, 31))
    assert norm_hours(first, last, absent_days=vacation) == 104.0


def test_absence_on_weekend_or_holiday_changes_nothing() -> None:
    first, last = month_bounds(2027, 12)
    weekend_and_holiday = [date(2027, 12, 4), date(2027, 12, 5), date(2027, 12, 24)]
    assert norm_hours(first, last, absent_days=weekend_and_holiday) == 170.0
    # ... unless holidays do not reduce the norm: then Fri 24 Dec is an ordinary day.
    absent = [date(2027, 12, 24)]
    assert norm_hours(first, last, holidays_reduce_norm=False, absent_days=absent) == 170.0


def test_absence_part_time() -> None:
    # Half time, sick Mon 22 Jun 2026 (shortened, 4 − 3 = 1 h) and Thu 25 Jun (4 h):
    # 77 − 1 − 4 = 72.
    first, last = month_bounds(2026, 6)
    sick = [date(2026, 6, 22), date(2026, 6, 25)]
    assert norm_hours(first, last, daily_hours=4.0, absent_days=sick) == 72.0


def test_norm_over_an_accounting_period() -> None:
    # Nov 2026 – Feb 2027: 168 + 162 + 160 + 149.
    first, last = accounting_period(2027, 1, 4, start_month=11)
    assert norm_hours(first, last) == 639.0
    assert norm_hours(date(2026, 1, 5), date(2026, 1, 4)) == 0.0


# --- month bounds and accounting periods -------------------------------------------------------

def test_month_bounds() -> None:
    assert month_bounds(2027, 2) == (date(2027, 2, 1), date(2027, 2, 28))
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))


def test_one_month_period() -> None:
    assert accounting_period(2026, 2, 1) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_months(2026, 2, 1) == [(2026, 2)]
    # The start month does not matter for one-month periods.
    assert accounting_period(2026, 2, 1, start_month=7) == (date(2026, 2, 1), date(2026, 2, 28))


def test_three_month_periods() -> None:
    assert accounting_period(2026, 5, 3) == (date(2026, 4, 1), date(2026, 6, 30))
    assert period_months(2026, 5, 3) == [(2026, 4), (2026, 5), (2026, 6)]
    assert accounting_period(2026, 12, 3) == (date(2026, 10, 1), date(2026, 12, 31))
    # Starting in February: Feb–Apr, May–Jul, Aug–Oct, Nov–Jan.
    assert accounting_period(2027, 1, 3, start_month=2) == (date(2026, 11, 1), date(2027, 1, 31))
    assert accounting_period(2027, 2, 3, start_month=2) == (date(2027, 2, 1), date(2027, 4, 30))


def test_four_month_periods() -> None:
    assert accounting_period(2026, 9, 4) == (date(2026, 9, 1), date(2026, 12, 31))
    assert accounting_period(2026, 4, 4) == (date(2026, 1, 1), date(2026, 4, 30))


def test_four_month_periods_wrap_across_the_year() -> None:
    # Start 11 ⇒ Nov–Feb, Mar–Jun, Jul–Oct.
    nov_feb = (date(2026, 11, 1), date(2027, 2, 28))
    assert accounting_period(2026, 11, 4, start_month=11) == nov_feb
    assert accounting_period(2026, 12, 4, start_month=11) == nov_feb
    assert accounting_period(2027, 1, 4, start_month=11) == nov_feb
    assert accounting_period(2027, 2, 4, start_month=11) == nov_feb
    assert accounting_period(2027, 3, 4, start_month=11) == (date(2027, 3, 1), date(2027, 6, 30))
    assert accounting_period(2027, 10, 4, start_month=11) == (date(2027, 7, 1), date(2027, 10, 31))
    # The next one ends in a leap February.
    assert accounting_period(2027, 12, 4, start_month=11) == (date(2027, 11, 1), date(2028, 2, 29))
    assert period_months(2027, 1, 4, start_month=11) == [
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
    ]


def test_twelve_month_period() -> None:
    assert accounting_period(2027, 3, 12, start_month=7) == (date(2026, 7, 1), date(2027, 6, 30))
    assert accounting_period(2027, 7, 12, start_month=7) == (date(2027, 7, 1), date(2028, 6, 30))
    assert len(period_months(2027, 3, 12)) == 12


def test_periods_tile_the_calendar() -> None:
    # Every month lies in exactly one period and consecutive periods touch.
    for length, start in [(1, 1), (2, 1), (3, 1), (3, 2), (4, 1), (4, 11), (6, 4), (12, 7)]:
        previous_last: date | None = None
        seen: set[tuple[int, int]] = set()
        for year in (2026, 2027):
            for month in range(1, 13):
                months = period_months(year, month, length, start)
                assert (year, month) in months
                assert len(months) == length
                first, last = accounting_period(year, month, length, start)
                if months[0] not in seen:
                    if previous_last is not None:
                        assert first == previous_last + timedelta(days=1)
                    previous_last = last
                    seen.add(months[0])


def test_bad_period_arguments() -> None:
    with pytest.raises(ValueError):
        accounting_period(2026, 1, 0)
    with pytest.raises(ValueError):
        accounting_period(2026, 1, 3, start_month=13)


# --- split_hours: night, holiday, DST ---------------------------------------------------------

def test_ordinary_night() -> None:
    # Tue 12 → Wed 13 Jan 2027, 22:00–08:00: 10 h, of which 22–06 = 8 h at night.
    assert split_hours(t(2027, 1, 12, 22), t(2027, 1, 13, 8)) == HourSplit(10.0, 8.0, 0.0, 0.0)


def test_spring_forward_night_with_easter_sunday() -> None:
    # Sat 27 → Sun 28 Mar 2027: at 03:00 clocks jump to 04:00 ⇒ 22:00–08:00 is 9 h elapsed.
    # Night 22:00–06:00 is 8 wall-clock hours less the skipped hour = 7 h; 06–08 is day.
    # Sun 28 Mar 2027 is Easter Sunday: 00:00–08:00 on it = 7 h elapsed, 00:00–06:00 = 5 h.
    s = split_hours(t(2027, 3, 27, 22), t(2027, 3, 28, 8))
    assert s == HourSplit(total=9.0, night=7.0, holiday=7.0, night_holiday=5.0)


def test_autumn_back_night() -> None:
    # Sat 30 → Sun 31 Oct 2027: at 04:00 clocks go back to 03:00 ⇒ 22:00–08:00 is 11 h.
    # Night 22:00–06:00: 8 wall-clock hours + the repeated hour = 9 h. No holiday.
    s = split_hours(t(2027, 10, 30, 22), t(2027, 10, 31, 8))
    assert s == HourSplit(total=11.0, night=9.0, holiday=0.0, night_holiday=0.0)


def test_dst_nights_do_not_use_wall_clock_subtraction() -> None:
    # The trap of domain.md §4: same-ZoneInfo subtraction gives 10 h on both nights.
    assert (t(2027, 3, 28, 8) - t(2027, 3, 27, 22)) == timedelta(hours=10)
    assert split_hours(t(2027, 3, 27, 22), t(2027, 3, 28, 8)).total == 9.0
    assert split_hours(t(2027, 10, 30, 22), t(2027, 10, 31, 8)).total == 11.0


def test_same_instants_in_utc_give_the_same_split() -> None:
    start, end = t(2027, 10, 30, 22), t(2027, 10, 31, 8)
    assert split_hours(start.astimezone(UTC), end.astimezone(UTC)) == split_hours(start, end)
    # Naive datetimes are read as Tallinn wall-clock.
    assert split_hours(datetime(2027, 1, 12, 22), datetime(2027, 1, 13, 8)).night == 8.0


def test_shift_into_christmas_eve() -> None:
    # Wed 23 Dec 2026 18:00 → Thu 24 Dec 04:00: 10 h; 23 Dec is a working day, 24 Dec a
    # holiday from 00:00 ⇒ holiday 4 h; night 22:00–04:00 = 6 h; night and holiday 00–04 = 4 h.
    s = split_hours(t(2026, 12, 23, 18), t(2026, 12, 24, 4))
    assert s == HourSplit(total=10.0, night=6.0, holiday=4.0, night_holiday=4.0)


def test_shift_out_of_boxing_day() -> None:
    # Sat 26 Dec 2026 20:00 → Sun 27 Dec 06:00: holiday only until midnight = 4 h;
    # night 22–06 = 8 h; night on the holiday 22–24 = 2 h.
    s = split_hours(t(2026, 12, 26, 20), t(2026, 12, 27, 6))
    assert s == HourSplit(total=10.0, night=8.0, holiday=4.0, night_holiday=2.0)


def test_new_year_night() -> None:
    # Thu 31 Dec 2026 20:00 → Fri 1 Jan 2027 08:00: 12 h; 1 Jan 00–08 = 8 h holiday;
    # night 22–06 = 8 h; night and holiday 00–06 = 6 h.
    s = split_hours(t(2026, 12, 31, 20), t(2027, 1, 1, 8))
    assert s == HourSplit(total=12.0, night=8.0, holiday=8.0, night_holiday=6.0)
    assert holiday_hours(t(2026, 12, 31, 20), t(2027, 1, 1, 8)) == 8.0
    assert night_hours(t(2026, 12, 31, 20), t(2027, 1, 1, 8)) == 8.0


def test_split_by_the_minute() -> None:
    # 21:30 → 06:30: 9 h; night 22:00–06:00 = 8 h.
    s = split_hours(t(2027, 1, 12, 21, 30), t(2027, 1, 13, 6, 30))
    assert s == HourSplit(9.0, 8.0, 0.0, 0.0)
    # 23:45 on 23 Jun 2027 (Victory Day) → 00:15 on 24 Jun (Midsummer Day): both holidays.
    s = split_hours(t(2027, 6, 23, 23, 45), t(2027, 6, 24, 0, 15))
    assert s == HourSplit(0.5, 0.5, 0.5, 0.5)
    # 05:50 → 06:10: 10 minutes of night.
    ten_minutes = night_hours(t(2027, 1, 13, 5, 50), t(2027, 1, 13, 6, 10))
    assert ten_minutes == pytest.approx(1 / 6, abs=1e-4)


def test_day_shift_and_empty_interval() -> None:
    assert split_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 16)) == HourSplit(8.0, 0.0, 0.0, 0.0)
    # A day shift on Good Friday 26 Mar 2027 is holiday time, not night time.
    assert split_hours(t(2027, 3, 26, 8), t(2027, 3, 26, 20)) == HourSplit(12.0, 0.0, 12.0, 0.0)
    assert split_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 8)) == HourSplit(0.0, 0.0, 0.0, 0.0)


def test_multi_day_interval() -> None:
    # Fri 24 Dec 2027 00:00 → Mon 27 Dec 00:00: 72 h, all holiday; nights 3 × 8 h.
    s = split_hours(t(2027, 12, 24), t(2027, 12, 27))
    assert s == HourSplit(72.0, 24.0, 72.0, 24.0)


def test_split_hours_is_fast() -> None:
    starts = [t(2027, 1, 1) + timedelta(minutes=37 * i) for i in range(20_000)]
    began = wallclock.perf_counter()
    for s in starts:
        split_hours(s, s + timedelta(hours=10))
    assert wallclock.perf_counter() - began < 5.0


def test_hour_split_is_frozen() -> None:
    s = split_hours(t(2027, 1, 12, 22), t(2027, 1, 13, 8))
    with pytest.raises(FrozenInstanceError):
        s.night = 0.0  # type: ignore[misc]


# --- counted hours (TLS § 47) and night shifts ------------------------------------------------

def test_counted_hours_with_break() -> None:
    # 08:00–16:00 = 8 h > 6 h ⇒ a 30 min unpaid break.
    assert counted_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 16)) == 7.5
    # Exactly 6 h: not longer than 6 h ⇒ no break.
    assert counted_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 14)) == 6.0
    # 6.5 h ⇒ 6.0.
    assert counted_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 14, 30)) == 6.0
    # Spring DST night: 9 h elapsed − 0.5 = 8.5; autumn: 11 − 0.5 = 10.5.
    assert counted_hours(t(2027, 3, 27, 22), t(2027, 3, 28, 8)) == 8.5
    assert counted_hours(t(2027, 10, 30, 22), t(2027, 10, 31, 8)) == 10.5


def test_counted_hours_without_break() -> None:
    assert counted_hours(t(2027, 1, 13, 8), t(2027, 1, 13, 16), break_counts_as_work=True) == 8.0
    assert counted_hours(t(2027, 3, 27, 22), t(2027, 3, 28, 8), break_counts_as_work=True) == 9.0
    # Other settings: a 45 min break after 4 h.
    five = (t(2027, 1, 13, 8), t(2027, 1, 13, 13))
    assert counted_hours(*five, break_after_hours=4, break_minutes=45) == 4.25


def test_is_night_shift() -> None:
    # 19:00–01:00: 22–01 = 3 h at night ⇒ a night shift; 19:00–00:30 has 2.5 h.
    assert is_night_shift(t(2027, 1, 13, 19), t(2027, 1, 14, 1))
    assert not is_night_shift(t(2027, 1, 13, 19), t(2027, 1, 14, 0, 30))
    assert is_night_shift(t(2027, 1, 13, 22), t(2027, 1, 14, 8))
    assert not is_night_shift(t(2027, 1, 13, 8), t(2027, 1, 13, 20))
    # Early-morning shift 03:00–09:00 has 3 h of night.
    assert is_night_shift(t(2027, 1, 13, 3), t(2027, 1, 13, 9))
    assert not is_night_shift(t(2027, 1, 13, 3), t(2027, 1, 13, 9), threshold_hours=4)


def test_week_start() -> None:
    assert week_start(date(2027, 3, 28)) == date(2027, 3, 22)  # Sunday → Monday before
    assert week_start(date(2027, 3, 22)) == date(2027, 3, 22)
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across the year


def _brute_force(start: datetime, end: datetime) -> HourSplit:
    """Reference: walk the interval minute by minute in UTC, classify each by Tallinn time."""
    total = night = holiday = both = 0
    m = start.astimezone(UTC)
    stop = end.astimezone(UTC)
    while m < stop:
        loc = m.astimezone(TALLINN)
        is_night = loc.hour >= 22 or loc.hour < 6
        is_hol = is_public_holiday(loc.date())
        total += 1
        night += is_night
        holiday += is_hol
        both += is_night and is_hol
        m += timedelta(minutes=1)
    return HourSplit(*(round(x / 60, 4) for x in (total, night, holiday, both)))


@pytest.mark.parametrize(
    ("start", "hours"),
    [
        (t(2027, 3, 27, 22), 10),
        (t(2027, 3, 27, 17, 13), 13),
        (t(2027, 3, 28, 2, 30), 3),
        (t(2027, 10, 30, 22), 10),
        (t(2027, 10, 30, 20, 7), 13),
        (t(2027, 10, 31, 3, 30), 2),
        (t(2026, 12, 23, 13, 59), 40),
        (t(2026, 6, 22, 21, 1), 30),
        (t(2027, 2, 23, 23, 59), 1),
    ],
)
def test_split_hours_matches_a_minute_walk(start: datetime, hours: int) -> None:
    end = start + timedelta(hours=hours)  # wall-clock addition; the split measures elapsed
    assert split_hours(start, end) == _brute_force(start, end)


def test_known_part_of_a_period_starts_after_its_last_month_without_history() -> None:
    from scheduler.worktime import known_period_start

    # Jan–Mar 2027, solving March.
    assert known_period_start(2027, 3, 3, 1, {(2027, 1), (2027, 2)}) == (date(2027, 1, 1), [])
    assert known_period_start(2027, 3, 3, 1, {(2027, 2)}) == (date(2027, 2, 1), [(2027, 1)])
    assert known_period_start(2027, 3, 3, 1, {(2027, 1)}) == (date(2027, 3, 1), [(2027, 2)])
    assert known_period_start(2027, 3, 3, 1, set()) == (date(2027, 3, 1), [(2027, 1), (2027, 2)])
    # The period's first month, and a one-month period, need no history.
    assert known_period_start(2027, 1, 3, 1, set()) == (date(2027, 1, 1), [])
    assert known_period_start(2027, 3, 1, 1, set()) == (date(2027, 3, 1), [])
    # A period across the year (Nov–Feb), solving February with only January's rota.
    assert known_period_start(2027, 2, 4, 11, {(2027, 1)}) == (date(2027, 1, 1), [(2026, 11), (2026, 12)])


def test_a_sick_leave_recorded_on_the_rota_lowers_the_norm_by_its_scheduled_hours() -> None:
    """domain.md §3, TLS § 43: with ``absence_norm_reduction = "scheduled_hours"`` a sick
    leave recorded on its month's rota lowers that month's norm by the hours the rota had
    planned in it (here 30 h on 15–19 March 2027), not by the daily hours of its five working
    days (40 h); its days in a later month, planned knowing of it, by the daily hours; an
    absence recorded on no rota by the daily hours; the norm never goes below 0."""
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.worktime import norm_after_absences

    march, april = month_bounds(2027, 3), month_bounds(2027, 4)
    sick = Absence("jaan", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 4, 2),
                   rota_month=(2027, 3), scheduled_hours=30.0)
    assert norm_after_absences(*march, [sick], "scheduled_hours") == 176.0 - 30
    # 15–31 March: 12 working days (Good Friday, 26 March 2027, is a public holiday)
    assert norm_after_absences(*march, [sick], "daily_hours") == 176.0 - 12 * 8
    assert norm_after_absences(*april, [sick], "scheduled_hours") == 176.0 - 2 * 8  # 1–2 April
    assert norm_after_absences(march[0], april[1], [sick], "scheduled_hours") == 176.0 + 176.0 - 30 - 16
    unrecorded = Absence("jaan", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 3, 19))
    assert norm_after_absences(*march, [unrecorded], "scheduled_hours") == 176.0 - 40
    assert norm_after_absences(*march, [sick], "none") == 176.0
    request = Absence("jaan", AbsenceKind.OTHER, date(2027, 3, 15), date(2027, 3, 19), reduces_norm=False,
                      rota_month=(2027, 3), scheduled_hours=30.0)
    assert norm_after_absences(*march, [request], "scheduled_hours") == 176.0
    everything = Absence("jaan", AbsenceKind.SICK, date(2027, 3, 1), date(2027, 3, 31),
                         rota_month=(2027, 3), scheduled_hours=200.0)
    assert norm_after_absences(*march, [everything], "scheduled_hours") == 0.0


def test_recorded_hours_above_a_months_norm_do_not_lower_the_other_months_of_a_period() -> None:
    """Half time, sick all February with 90 h recorded on its rota (norm 74.5): February's
    norm is 0, not below, and the period Jan–Mar is the sum of its months (80 + 0 + 88), not
    151 (the whole 90 h taken off the period)."""
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.worktime import norm_after_absences

    sick = Absence("jaan", AbsenceKind.SICK, date(2027, 2, 1), date(2027, 2, 28), rota_month=(2027, 2),
                   scheduled_hours=90.0)
    months = [norm_after_absences(*month_bounds(2027, mo), [sick], "scheduled_hours", 4.0) for mo in (1, 2, 3)]
    assert months == [80.0, 0.0, 88.0]
    assert norm_after_absences(date(2027, 1, 1), date(2027, 3, 31), [sick], "scheduled_hours", 4.0) == 168.0


def test_a_load_changed_within_the_period_keeps_each_months_norm() -> None:
    """TLS § 43: the norm of a month is its working days × the daily hours of the load the
    person had then; halved from April, March keeps 176 h and April is 88 h."""
    from scheduler.domain import Person, Role
    from scheduler.worktime import person_norm

    mari = Person("mari", "Mari", Role.COUNSELLOR, 0.5, ("et",), ("L",), earlier_loads=(((2027, 3), 1.0),))
    assert person_norm(mari, date(2027, 3, 1), date(2027, 4, 30), []) == 176 + 88
    assert person_norm(replace(mari, earlier_loads=()), date(2027, 3, 1), date(2027, 4, 30), []) == 88 + 88


def test_an_earlier_month_s_norm_given_counts_for_that_whole_month_only() -> None:
    """``Person.earlier_norms``: an earlier month's norm as its rota was published (March
    152 h, a sick leave it was published with) counts for that whole month; the other months
    and a part of that month are computed."""
    from scheduler.domain import Person, Role
    from scheduler.worktime import person_norm

    mari = Person("mari", "Mari", Role.COUNSELLOR, 1.0, ("et",), ("L",), earlier_norms=(((2027, 3), 152.0),))
    assert person_norm(mari, date(2027, 3, 1), date(2027, 4, 30), []) == 152 + 176
    assert person_norm(mari, date(2027, 3, 1), date(2027, 3, 5), []) == 40
