"""Daily rest (TLS § 51) and weekly rest (TLS § 52 (2)) in the checker.

Expected values come from the law and the clock: March 2027 starts on a Monday; clocks go
forward on Sunday 2027-03-28 at 03:00 and back on Sunday 2027-10-31 at 04:00 (Tallinn).
"""

from __future__ import annotations

from typing import Any

from checker_fixtures import (
    SHIFT_TYPES,
    at,
    check,
    d,
    found,
    make_team,
    raw,
    shift,
    shifts,
    st,
)
from scheduler.domain import Assignment, Team

EXTRA = (
    st("B", "07:00", "19:00"),
    st("C", "06:59", "18:59"),
    st("T13", "08:00", "21:00"),
    st("T135", "08:00", "21:30"),
    st("S1", "08:00", "12:00"),
    st("S2", "18:00", "22:00"),
    st("X", "08:00", "08:00"),  # 24 h
    st("F", "06:00", "14:00"),
    st("G", "05:00", "13:00"),
    st("K", "10:00", "21:00"),
    st("Q", "19:00", "08:00"),
    st("R", "19:00", "09:00"),
    st("S19", "19:00", "23:00"),
    st("S1859", "18:59", "23:00"),
    st("P", "12:00", "20:00"),
    st("Z", "00:00", "12:00"),
    st("A7", "07:59", "19:59"),
)
TYPES = SHIFT_TYPES + EXTRA


def team(**settings: Any) -> Team:
    return make_team(shift_types=TYPES, **settings)


# --- daily rest: 11 h between duties ---------------------------------------------------------


def test_exactly_11_hours_rest_passes() -> None:
    t = team()
    # A ends 2027-03-02 20:00, B starts 2027-03-03 07:00: 11 h.
    report = check(t, [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 3), "B")])
    assert found(report, "daily_rest") == []


def test_10_hours_59_minutes_rest_fails() -> None:
    t = team()
    report = check(t, [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 3), "C")])
    [v] = found(report, "daily_rest")
    assert v.person == "mari"
    assert v.source == "TLS § 51"
    assert v.severity == "hard"
    assert v.start == at(2027, 3, 3, 6, 59)
    assert "only 10.98 h rest" in v.reason
    assert "ending 2027-03-02 20:00" in v.reason
    assert not report.ok


def test_reason_reads_like_the_example() -> None:
    types = SHIFT_TYPES + (st("N8", "20:00", "08:00"), st("K17", "17:00", "23:00"))
    t = make_team(shift_types=types)
    report = check(t, [shift(t, "mari", d(3, 4), "N8"), shift(t, "mari", d(3, 5), "K17")])
    [v] = found(report, "daily_rest")
    assert v.reason.startswith(
        "Mari Tamm: only 9.0 h rest between the duty ending 2027-03-05 08:00 and the one "
        "starting 17:00 (TLS § 51 needs 11 h"
    )


# --- daily rest: duty length -----------------------------------------------------------------


def test_13_hour_duty_passes() -> None:
    t = team()
    assert found(check(t, [shift(t, "mari", d(3, 2), "T13")]), "daily_rest") == []


def test_13_hours_30_duty_fails() -> None:
    t = team()
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "T135")]), "daily_rest")
    assert "a duty of 13.5 h" in v.reason
    assert "at most 13 h" in v.reason
    assert v.start == at(2027, 3, 2, 8)


def test_split_duty_breaks_daily_rest() -> None:
    # domain.md §2: 08–12 and 18–22 are one duty (6 h rest) spanning 14 h.
    t = team()
    report = check(t, [shift(t, "mari", d(3, 2), "S1"), shift(t, "mari", d(3, 2), "S2")])
    [v] = found(report, "daily_rest")
    assert "only 6.0 h rest" in v.reason and "14.0 h" in v.reason


def test_short_gap_inside_13_hours_is_one_legal_duty() -> None:
    t = make_team(shift_types=TYPES + (st("S3", "14:00", "20:00"),))
    # 08–12 and 14–20: one duty of 12 h.
    report = check(t, [shift(t, "mari", d(3, 2), "S1"), shift(t, "mari", d(3, 2), "S3")])
    assert found(report, "daily_rest") == []


# --- daily rest: the 24-hour-shift switch ----------------------------------------------------


def test_24_hour_shift_with_22_hours_rest_passes_under_the_switch() -> None:
    t = team(long_shifts_allowed=True)
    # X: 2027-03-02 08:00 → 03-03 08:00; F starts 03-04 06:00: 22 h = 11 + (24 − 13).
    report = check(t, [shift(t, "mari", d(3, 2), "X"), shift(t, "mari", d(3, 4), "F")])
    assert found(report, "daily_rest") == []


def test_24_hour_shift_with_21_hours_rest_fails_under_the_switch() -> None:
    t = team(long_shifts_allowed=True)
    report = check(t, [shift(t, "mari", d(3, 2), "X"), shift(t, "mari", d(3, 4), "G")])
    [v] = found(report, "daily_rest")
    assert "only 21.0 h rest after the 24.0 h duty" in v.reason
    assert "22.0 h" in v.reason
    assert v.start == at(2027, 3, 4, 5)


def test_a_stricter_longest_duty_still_holds_under_the_switch() -> None:
    # The switch allows up to 24 h; a limit of the employer's own (20 h) is stricter and
    # applies (README: a setting can always be made stricter).
    t = team(long_shifts_allowed=True, max_duty_hours=20)
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "X")]), "daily_rest")
    assert "a duty of 24.0 h" in v.reason and "20" in v.reason
    t = team(long_shifts_allowed=True, max_duty_hours=24)
    assert found(check(t, [shift(t, "mari", d(3, 2), "X")]), "daily_rest") == []


def test_24_hour_shift_fails_without_the_switch() -> None:
    t = team()
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "X")]), "daily_rest")
    assert "a duty of 24.0 h" in v.reason


# --- daily rest on the DST nights ------------------------------------------------------------


def test_spring_forward_rest_is_one_hour_shorter_than_the_wall_clock() -> None:
    t = team()
    # A ends Sat 2027-03-27 20:00; B starts Sun 03-28 07:00: 11 h on the wall, 10 h elapsed.
    report = check(t, [shift(t, "mari", d(3, 27), "A"), shift(t, "mari", d(3, 28), "B")])
    [v] = found(report, "daily_rest")
    assert "only 10.0 h rest" in v.reason


def test_fall_back_rest_is_one_hour_longer_than_the_wall_clock() -> None:
    t = team()
    # K ends Sat 2027-10-30 21:00; B starts Sun 10-31 07:00: 10 h on the wall, 11 h elapsed.
    report = check(
        t, [shift(t, "mari", d(10, 30), "K"), shift(t, "mari", d(10, 31), "B")], month=10
    )
    assert found(report, "daily_rest") == []


def test_eleven_hour_autumn_night_then_exactly_11_hours_rest() -> None:
    t = team()
    # L 2027-10-30 22:00 → 10-31 08:00 lasts 11 h; S19 starts 10-31 19:00: exactly 11 h.
    rows = [shift(t, "mari", d(10, 30), "L"), shift(t, "mari", d(10, 31), "S19")]
    assert rows[0].hours == 10.5  # 11 h elapsed less the 30 min break
    report = check(t, rows, month=10)
    assert found(report, "daily_rest") == []
    assert found(report, "hours") == []
    late = [shift(t, "mari", d(10, 30), "L"), shift(t, "mari", d(10, 31), "S1859")]
    assert len(found(check(t, late, month=10), "daily_rest")) == 1


def test_duty_length_is_elapsed_on_both_dst_nights() -> None:
    t = team()
    # Q 19:00 → 08:00 over the autumn change: 13 h on the wall, 14 h elapsed.
    [v] = found(check(t, [shift(t, "mari", d(10, 30), "Q")], month=10), "daily_rest")
    assert "a duty of 14.0 h" in v.reason
    # R 19:00 → 09:00 over the spring change: 14 h on the wall, 13 h elapsed.
    assert found(check(t, [shift(t, "mari", d(3, 27), "R")]), "daily_rest") == []


# --- daily rest across the month boundary ----------------------------------------------------


def test_rest_across_the_month_boundary_uses_history() -> None:
    t = team()
    history = [shift(t, "mari", d(2, 28), "N")]  # ends 2027-03-01 08:00
    report = check(t, [shift(t, "mari", d(3, 1), "E")], history)  # starts 16:00
    [v] = found(report, "daily_rest")
    assert "only 8.0 h rest" in v.reason
    assert v.start == at(2027, 3, 1, 16)
    assert found(check(t, [shift(t, "mari", d(3, 1), "E")]), "daily_rest") == []
    ok = check(t, [shift(t, "mari", d(3, 1), "S19")], history)  # exactly 11 h
    assert found(ok, "daily_rest") == []


def test_problems_inside_the_history_are_not_reported_again() -> None:
    t = team()
    history = [shift(t, "mari", d(2, 22), "A"), shift(t, "mari", d(2, 23), "C")]
    report = check(t, [shift(t, "mari", d(3, 2), "A")], history)
    assert found(report, "daily_rest") == []


# --- weekly rest -----------------------------------------------------------------------------


def _week(t: Team, friday_code: str) -> list[Assignment]:
    """A 08–20 Mon–Wed and Fri–Sun of the week 2027-03-01..07; Wed 20:00 → Fri start free."""
    rows = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3), d(3, 6), d(3, 7))
    return rows + [shift(t, "mari", d(3, 5), friday_code)]


def test_exactly_36_hours_weekly_rest_passes() -> None:
    t = team()
    assert found(check(t, _week(t, "A")), "weekly_rest") == []


def test_35_hours_59_weekly_rest_fails() -> None:
    t = team()
    [v] = found(check(t, _week(t, "A7")), "weekly_rest")
    assert v.source == "TLS § 52 (2)"
    assert v.start == at(2027, 3, 1)
    assert "2027-03-01 to 2027-03-07" in v.reason
    assert "the longest is 35.98 h" in v.reason


def test_47_hour_setting_is_stricter() -> None:
    t = team(weekly_rest_hours=47)
    [v] = found(check(t, _week(t, "A")), "weekly_rest")
    assert "47 h" in v.reason and "the longest is 36.0 h" in v.reason


def test_week_cut_by_the_month_start_uses_history() -> None:
    t = team()
    # The week Mon 2027-03-29 .. Sun 04-04; April starts on the Thursday.
    history = shifts(t, "mari", "A", d(3, 29), d(3, 30), d(3, 31))
    month = shifts(t, "mari", "A", d(4, 1), d(4, 2), d(4, 3), d(4, 4))
    [v] = found(check(t, month, history, month=4), "weekly_rest")
    assert v.start == at(2027, 3, 29)
    # Without history the days before April are free: 3 days and 8 h of rest.
    assert found(check(t, month, month=4), "weekly_rest") == []


def test_week_running_past_the_month_end_counts_the_rest_as_free() -> None:
    t = team()
    # The week Mon 2027-03-29 .. Sun 04-04: March's Mon–Wed, April unknown (free).
    month = shifts(t, "mari", "A", d(3, 29), d(3, 30), d(3, 31))
    assert found(check(t, month), "weekly_rest") == []


def test_rolling_window_is_stricter_than_the_calendar_week() -> None:
    t = team()
    # Week 1: rest Mon 03-01 00:00 → Tue 12:00 (36 h); week 2: rest Sat 03-13 12:00 → Mon
    # 00:00 (36 h). The 7 days from Tue 03-02 hold no 36 h rest.
    rows = [shift(t, "mari", d(3, 2), "P")]
    rows += shifts(t, "mari", "A", d(3, 3), d(3, 4), d(3, 5), d(3, 6), d(3, 7))
    rows += shifts(t, "mari", "A", d(3, 8), d(3, 9), d(3, 10), d(3, 11), d(3, 12))
    rows += [shift(t, "mari", d(3, 13), "Z")]
    assert found(check(t, rows), "weekly_rest") == []
    rolling = found(check(team(weekly_rest_window="rolling"), rows), "weekly_rest")
    assert len(rolling) == 1  # one run of short windows, reported once
    assert "7 days" in rolling[0].reason


def test_weekly_rest_is_elapsed_in_the_dst_week() -> None:
    t = team()
    # Week 2027-10-25 .. 10-31 (169 h long). Rest Sat 10-30 20:00 → Mon 11-01 00:00 is 29 h
    # elapsed (28 h on the wall); work the rest of the week.
    rows = shifts(t, "mari", "A", d(10, 25), d(10, 26), d(10, 27), d(10, 28), d(10, 29), d(10, 30))
    [v] = found(check(t, rows, month=10), "weekly_rest")
    assert "the longest is 29.0 h" in v.reason
    # An explicit row: rest from Fri 10-29 20:00 to Sun 10-31 07:00 is 36 h elapsed.
    rows = shifts(t, "mari", "A", d(10, 25), d(10, 26), d(10, 27), d(10, 28), d(10, 29))
    rows.append(raw("mari", at(2027, 10, 31, 7), at(2027, 10, 31, 19), code="B"))
    assert found(check(t, rows, month=10), "weekly_rest") == []


def test_earlier_rows_among_the_assignments_act_as_history() -> None:
    t = team()
    rows = [shift(t, "mari", d(2, 28), "N"), shift(t, "mari", d(3, 1), "E")]
    report = check(t, rows)
    [v] = found(report, "daily_rest")
    assert v.start == at(2027, 3, 1, 16)
    assert report.person("mari").planned_hours == 7.5  # only E (8 h less the break) is March's
