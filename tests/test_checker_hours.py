"""Hours rules in the checker: counted hours (TLS § 47), the 48 h average (TLS § 46), night
workers' 7-day limit (TLS § 50) and the team lead's management time.

Norms from the published table (domain.md §3): March 2027 = 176 h, Feb = 149 h, Jan = 160 h.
"""

from __future__ import annotations

from typing import Any, Sequence

from checker_fixtures import (
    CRISIS,
    DESK,
    SHIFT_TYPES,
    at,
    check,
    d,
    event,
    event_row,
    found,
    make_team,
    person,
    shift,
    shifts,
    st,
    vacation,
)
from scheduler.domain import Person, Role, Team

TYPES = SHIFT_TYPES + (
    st("T13", "08:00", "21:00"),
    st("H", "10:00", "11:00"),
    st("H4", "10:00", "14:00"),
    st("E3", "16:00", "01:00"),
)
LIIS = person("liis", "Liis Lepp", role=Role.TEAM_LEAD, services=(CRISIS, DESK))


def team(people: Sequence[Person] | None = None, **settings: Any) -> Team:
    if people is None:
        return make_team(shift_types=TYPES, **settings)
    return make_team(people, shift_types=TYPES, **settings)


# --- hours written in the rota ---------------------------------------------------------------


def test_hours_must_be_counted_hours() -> None:
    t = team()
    # A 08–20 is 12 h elapsed; the 30 min break is not working time (TLS § 47).
    assert found(check(t, [shift(t, "mari", d(3, 2), "A", hours=11.5)]), "hours") == []
    assert found(check(t, [shift(t, "mari", d(3, 2), "A", hours=11.505)]), "hours") == []
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "A", hours=12)]), "hours")
    assert v.source == "TLS § 47" and v.severity == "hard"
    assert "written as 12.0 h but counts 11.5 h" in v.reason
    assert len(found(check(t, [shift(t, "mari", d(3, 2), "A", hours=11.52)]), "hours")) == 1


def test_break_that_counts_as_work_is_counted() -> None:
    t = team(break_counts_as_work=True)
    assert found(check(t, [shift(t, "mari", d(3, 2), "A", hours=12)]), "hours") == []


def test_hours_of_the_spring_night_are_nine() -> None:
    t = team()
    # L 2027-03-27 22:00 → 03-28 08:00: 9 h elapsed, 8.5 h counted.
    assert found(check(t, [shift(t, "mari", d(3, 27), "L", hours=8.5)]), "hours") == []
    [v] = found(check(t, [shift(t, "mari", d(3, 27), "L", hours=9.5)]), "hours")
    assert "counts 8.5 h" in v.reason and "9.0 h elapsed" in v.reason


def test_hours_of_the_autumn_night_are_eleven() -> None:
    t = team()
    # L 2027-10-30 22:00 → 10-31 08:00: 11 h elapsed, 10.5 h counted.
    ok = check(t, [shift(t, "mari", d(10, 30), "L", hours=10.5)], month=10)
    assert found(ok, "hours") == []
    [v] = found(check(t, [shift(t, "mari", d(10, 30), "L", hours=9.5)], month=10), "hours")
    assert "counts 10.5 h" in v.reason


def test_event_rows_are_checked_too() -> None:
    e = event("SUP", d(3, 16), "10:00", "12:00", ["mari"])
    t = team(events=[e])
    row = event_row(e, "mari")
    assert found(check(t, [row]), "hours") == []
    wrong = row.__class__(**{**row.__dict__, "hours": 3.0})
    assert len(found(check(t, [wrong]), "hours")) == 1


def test_an_event_row_at_other_times_stands_for_the_event_not_beside_it() -> None:
    # The row says 13:00–15:00 for the 10:00–12:00 supervision: a hard mismatch, and the
    # month counts 2 h for it, not 4 h.
    e = event("SUP", d(3, 16), "10:00", "12:00", ["mari"])
    t = team(events=[e])
    row = event_row(e, "mari")
    moved = row.__class__(**{**row.__dict__, "start": row.start.replace(hour=13), "end": row.end.replace(hour=15)})
    report = check(t, [moved])
    assert len(found(report, "unknown_references")) == 1
    assert report.person("mari").planned_hours == 2.0
    assert check(t, [row]).person("mari").planned_hours == 2.0


# --- 48 h average over the accounting period (TLS § 46) --------------------------------------


def test_average_48_hours_over_a_one_month_period() -> None:
    # February 2027 has 28 days: at most 48 × 28 / 7 = 192 h.
    t = team(break_counts_as_work=True)
    rows = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 17)])  # 16 × 12 h = 192 h
    assert found(check(t, rows, month=2), "average_weekly_hours") == []
    rows = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 16)]) + [
        shift(t, "mari", d(2, 16), "T13")
    ]  # 15 × 12 + 13 = 193 h
    [v] = found(check(t, rows, month=2), "average_weekly_hours")
    assert v.source == "TLS § 46"
    assert "193.0 h" in v.reason and "2027-02-01 to 2027-02-28" in v.reason
    assert "192.0 h" in v.reason


def test_average_48_hours_over_a_three_month_period() -> None:
    # Jan–Mar 2027: 90 days, at most 48 × 90 / 7 = 617.14 h.
    t = team(break_counts_as_work=True, accounting_period_months=3)
    january = shifts(t, "mari", "A", *[d(1, i) for i in range(1, 21)])  # 240 h
    february = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 19)])  # 216 h
    march = shifts(t, "mari", "A", *[d(3, i) for i in range(1, 15)])  # 168 h
    [v] = found(check(t, march, january + february), "average_weekly_hours")
    assert "624.0 h" in v.reason and "617.14 h" in v.reason
    assert "2027-01-01 to 2027-03-31" in v.reason
    lighter = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 18)])  # 204 h → 612 h
    assert found(check(t, march, january + lighter), "average_weekly_hours") == []
    # Over a one-month period March alone (168 h ≤ 212.57 h) is fine.
    monthly = team(break_counts_as_work=True)
    assert found(check(monthly, march, january + february), "average_weekly_hours") == []


def test_history_before_the_period_does_not_count() -> None:
    # Apr–Jun 2027 is the period of April; March's hours belong to the previous one.
    t = team(break_counts_as_work=True, accounting_period_months=3)
    march = shifts(t, "mari", "A", *[d(3, i) for i in range(1, 31)])  # 360 h
    april = shifts(t, "mari", "A", d(4, 1), d(4, 2))
    assert found(check(t, april, march, month=4), "average_weekly_hours") == []


# --- night workers: 48 h in any 7 days (TLS § 50) --------------------------------------------


def test_night_worker_48_hours_in_7_days_passes() -> None:
    t = team(break_counts_as_work=True)
    rows = shifts(t, "mari", "N", d(3, 1), d(3, 2), d(3, 3), d(3, 4))  # 4 × 12 = 48 h
    assert found(check(t, rows), "night_worker_limits") == []


def test_night_worker_49_hours_in_7_days_fails() -> None:
    t = team(break_counts_as_work=True)
    rows = shifts(t, "mari", "N", d(3, 1), d(3, 2), d(3, 3), d(3, 4)) + [
        shift(t, "mari", d(3, 6), "H")
    ]
    [v] = found(check(t, rows), "night_worker_limits")
    assert v.source == "TLS § 50"
    assert "49.0 h" in v.reason and "more than 48 h" in v.reason


def test_day_worker_is_not_limited_to_48_hours_in_7_days() -> None:
    t = team(break_counts_as_work=True)
    rows = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3), d(3, 4)) + [
        shift(t, "mari", d(3, 6), "H")
    ]
    assert found(check(t, rows), "night_worker_limits") == []


def test_three_hours_at_night_make_a_night_worker() -> None:
    t = team(break_counts_as_work=True)
    # E 16–24 has 2 h at night: 6 × 8 + 1 = 49 h, not a night worker.
    rows = shifts(t, "mari", "E", *[d(3, i) for i in range(1, 7)])
    rows.append(shift(t, "mari", d(3, 7), "H"))
    assert found(check(t, rows), "night_worker_limits") == []
    # E3 16–01 has 3 h at night: 5 × 9 + 4 = 49 h.
    rows = shifts(t, "mari", "E3", *[d(3, i) for i in range(1, 6)]) + [
        shift(t, "mari", d(3, 6), "H4")
    ]
    assert len(found(check(t, rows), "night_worker_limits")) == 1



def test_night_worker_duties_count_whole_on_the_day_they_start() -> None:
    """domain.md §4: a shift belongs to the day it starts on. Duties starting Monday to Sunday
    (12 + 10 + 12 + 12 + 10 h = 56 h) are over 48 h, although a window from Monday 00:00 holds
    only 2 h of Sunday's night (12 + 10 + 12 + 12 + 2 = 48 h)."""
    t = team(break_counts_as_work=True)
    rows = [shift(t, "mari", d(3, 1), "A"), shift(t, "mari", d(3, 2), "L"), shift(t, "mari", d(3, 4), "A"),
            shift(t, "mari", d(3, 6), "A"), shift(t, "mari", d(3, 7), "L")]
    [v] = found(check(t, rows), "night_worker_limits")
    assert "56.0 h" in v.reason and v.start == at(2027, 3, 1)
    # without Sunday's night: 46 h, within the limit
    assert found(check(t, rows[:-1]), "night_worker_limits") == []

def test_night_worker_window_reaches_into_history() -> None:
    t = team(break_counts_as_work=True)
    history = shifts(t, "mari", "N", d(2, 25), d(2, 26), d(2, 27))  # 36 h
    month = [shift(t, "mari", d(3, 1), "N"), shift(t, "mari", d(3, 2), "H")]  # 13 h
    [v] = found(check(t, month, history), "night_worker_limits")
    assert "49.0 h" in v.reason
    # The 7 days from 02-24 and from 02-25 both hold all 49 h: one violation, the first.
    assert v.start == at(2027, 2, 24)
    assert "1 overlapping 7-day window is over too" in v.reason
    assert found(check(t, month), "night_worker_limits") == []


def test_night_worker_by_the_history_nights_of_a_shared_window() -> None:
    # Nights only at the end of February: in March she works days, but the 7 days from 02-25
    # hold 3 × 12 h of nights and 12 h + 1 h of March: 49 h (TLS § 50).
    t = team(break_counts_as_work=True)
    history = shifts(t, "mari", "N", d(2, 25), d(2, 26), d(2, 27))  # 36 h
    month = [shift(t, "mari", d(3, 1), "A"), shift(t, "mari", d(3, 3), "H")]  # 13 h
    [v] = found(check(t, month, history), "night_worker_limits")
    assert "49.0 h" in v.reason and "2027-02-25" in v.reason
    # One hour less in March: 48 h, within the limit.
    assert found(check(t, month[:1], history), "night_worker_limits") == []


def test_history_nights_outside_the_shared_windows_make_no_night_worker() -> None:
    # Nights on 02-15..17 share no 7-day window with March: March's 49 h of days are a day
    # worker's (the 48 h average over the period is another rule).
    t = team(break_counts_as_work=True)
    history = shifts(t, "mari", "N", d(2, 15), d(2, 16), d(2, 17))
    month = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3), d(3, 4)) + [shift(t, "mari", d(3, 6), "H")]
    assert found(check(t, month, history), "night_worker_limits") == []


# --- the team lead's protected management time -----------------------------------------------


def test_lead_may_use_half_the_norm_on_counsellor_duty() -> None:
    # March 2027 norm 176 h; protected share 0.5 ⇒ at most 88 h of counsellor line work.
    t = team([LIIS], break_counts_as_work=True)
    rows = shifts(t, "liis", "A", *[d(3, i) for i in range(1, 8)]) + [
        shift(t, "liis", d(3, 9), "H4")
    ]  # 7 × 12 + 4 = 88 h
    assert found(check(t, rows), "lead_protected_management_time") == []
    rows = shifts(t, "liis", "A", *[d(3, i) for i in range(1, 9)])  # 96 h
    [v] = found(check(t, rows), "lead_protected_management_time")
    assert v.person == "liis"
    assert "96.0 h" in v.reason and "176.0 h" in v.reason and "88.0 h" in v.reason


def test_lead_desk_duty_is_not_substitute_work() -> None:
    t = team([LIIS], break_counts_as_work=True)
    rows = shifts(t, "liis", "A", *[d(3, i) for i in range(1, 8)])  # 84 h
    rows += shifts(t, "liis", "V", *[d(3, i) for i in range(15, 26)])  # 11 × 8 h of own duty
    report = check(t, rows)
    assert found(report, "lead_protected_management_time") == []
    assert report.person("liis").substitute_hours == 84.0


def test_lead_absence_reduces_the_norm_and_the_allowance() -> None:
    # Vacation Mon 15 – Fri 19 March: norm 176 − 5 × 8 = 136 h, allowance 68 h.
    t = team([LIIS], break_counts_as_work=True, absences=[vacation("liis", d(3, 15), d(3, 19))])
    rows = shifts(t, "liis", "A", *[d(3, i) for i in range(1, 8)])  # 84 h
    [v] = found(check(t, rows), "lead_protected_management_time")
    assert "136.0 h" in v.reason and "68.0 h" in v.reason


def test_lead_share_is_a_setting() -> None:
    t = team([LIIS], break_counts_as_work=True, protected_management_share=0.25)
    rows = shifts(t, "liis", "A", *[d(3, i) for i in range(1, 9)])  # 96 h ≤ 132 h
    assert found(check(t, rows), "lead_protected_management_time") == []


# --- overtime: the period so far beyond the norm so far (TLS § 44) -----------------------------


def test_overtime_beyond_8_hours_over_the_norm_warns_and_8_hours_passes() -> None:
    """A half-time counsellor (March norm 88 h): twelve 8-hour days (96 h, 8 h over) pass;
    thirteen (104 h, 16 h over) warn, softly, naming the load. A part-timer planned at 2–3
    times their contract was shown as "no hard violations" without a word (an onboarding
    review)."""
    half = person("mari", "Mari Tamm", fte=0.5)
    t = make_team([half], break_counts_as_work=True)
    days = [d(3, i) for i in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17)]
    assert found(check(t, shifts(t, "mari", "M", *days[:12])), "overtime") == []
    [v] = found(check(t, shifts(t, "mari", "M", *days)), "overtime")
    assert not v.hard and v.source == "TLS § 44 (overtime only by agreement)"
    assert "104.0 h from 2027-03-01 to 2027-03-31 against a norm of 88.0 h (load 0.5), 16.0 h over" in v.reason


def test_the_48_hour_average_takes_a_month_missing_from_the_history_at_its_norm() -> None:
    """January–March 2027 (90 days, at most 617.14 h); January's rota not given. It counted
    as 0 h, so February and March could add a whole unknown month beyond the average; it
    counts as worked to its norm (160 h), as the balance takes it. February 216 h + March
    240 h + 160 h = 616 h passes; one more 12-hour day in March (628 h) breaks it."""
    t = make_team(break_counts_as_work=True, accounting_period_months=3)
    february = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 19)])  # 216 h
    march = shifts(t, "mari", "A", *[d(3, i) for i in range(1, 21)])  # 240 h
    assert found(check(t, march, february), "average_weekly_hours") == []
    [v] = found(check(t, march + shifts(t, "mari", "A", d(3, 21)), february), "average_weekly_hours")
    assert "628.0 h" in v.reason and "617.14 h" in v.reason
