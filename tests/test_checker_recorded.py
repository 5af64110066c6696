"""A month under way: a breach of the working-time law that the days already past made on
their own is a record of what happened, not a fault of the plan (``check_rota``'s
``recorded_before``, ``check.recorded_breaches``).

The law's rules (TLS § 46, § 50, § 51, § 52 (2)) hold on past days as on any day: such a
breach stays in the report, marked "already past: recorded as it happened". What changes is
that it no longer makes the rota "not OK" — no plan from the first day not yet begun can undo
it, and a month whose past broke the law must still be re-planned and published. A breach
that a day ahead joins or makes worse stays hard: the plan can still avoid it.
"""

from __future__ import annotations

from datetime import datetime

from checker_fixtures import SHIFT_TYPES, d, event, found, make_team, person, shift, shifts, st
from scheduler.checker import check_rota
from scheduler.domain import TALLINN, Assignment, Team

TYPES = SHIFT_TYPES + (st("C", "06:59", "18:59"), st("A7", "07:59", "19:59"), st("T13", "08:00", "21:00"))
RECORDED = "(already past: recorded as it happened)"


def team(**settings) -> Team:
    return make_team(shift_types=TYPES, **settings)


def check(t: Team, rows: list[Assignment], today, month: int = 3):
    return check_rota(t, 2027, month, rows, (), today)


def test_a_rest_breach_both_of_whose_duties_are_past_is_recorded() -> None:
    """TLS § 51: A ends 02.03 20:00, C starts 03.03 06:59 — 10.98 h of rest. Checked on the
    4th, both duties happened: the breach is reported, as recorded, and the rota is OK."""
    t = team()
    rows = [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 3), "C")]
    report = check(t, rows, d(3, 4))
    [v] = found(report, "daily_rest")
    assert not v.hard and v.reason.endswith(RECORDED) and "only 10.98 h rest" in v.reason
    assert v.person == "mari" and v.source == "TLS § 51"
    assert report.ok


def test_a_rest_breach_whose_later_duty_is_still_ahead_is_hard() -> None:
    """Checked on the 3rd, the day shift of the 3rd has not begun: dropping it still avoids the
    breach, so it is the plan's and hard."""
    t = team()
    rows = [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 3), "C")]
    report = check(t, rows, d(3, 3))
    [v] = found(report, "daily_rest")
    assert v.hard and RECORDED not in v.reason
    assert not report.ok
    # and without a cut the whole month is a plan
    assert found(check(t, rows, None), "daily_rest")[0].hard


def test_a_week_without_weekly_rest_is_recorded_once_nothing_ahead_can_give_it() -> None:
    """TLS § 52 (2): 12-hour days Mon–Wed and Fri–Sun of 01.–07.03 with Wed 20:00 → Fri 07:59
    the longest rest, 35.98 h. Checked on Saturday the 6th, keeping Saturday and Sunday free
    would still give 52 h: hard. Checked on Sunday the 7th, Saturday's duty ended at 20:00
    and only 28 h are left to Monday: no plan can give the rest any more, so it is recorded —
    but Sunday's duty, still ahead, joins the week already without its rest: hard, as the
    solver plans no more work into such a week (the two disagreed: a re-plan refused what a
    hand edit could publish)."""
    t = team()
    rows = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3), d(3, 6)) + [shift(t, "mari", d(3, 5), "A7")]
    sunday = [shift(t, "mari", d(3, 7), "A")]
    [ahead] = found(check(t, rows + sunday, d(3, 6)), "weekly_rest")
    assert ahead.hard
    [past] = found(check(t, rows, d(3, 7)), "weekly_rest")
    assert not past.hard and past.reason.endswith(RECORDED) and "the longest is 35.98 h" in past.reason
    [joined] = found(check(t, rows + sunday, d(3, 7)), "weekly_rest")
    assert joined.hard and "the longest is 35.98 h" in joined.reason
    # Sunday's duty worked (checked on Monday): what happened, recorded
    assert not found(check(t, rows + sunday, d(3, 8)), "weekly_rest")[0].hard


def test_hours_over_the_average_are_recorded_only_if_the_days_ahead_add_none() -> None:
    """TLS § 46, February (one-month period): at most 48 × 28 / 7 = 192 h. Mari has worked
    15 × 12 h + 13 h = 193 h by the 17th: over, as recorded. One more duty ahead makes it
    194+ h, a breach the plan makes worse: hard."""
    t = team(break_counts_as_work=True)
    past = shifts(t, "mari", "A", *[d(2, i) for i in range(1, 16)]) + [shift(t, "mari", d(2, 16), "T13")]
    [v] = found(check(t, past, d(2, 17), month=2), "average_weekly_hours")
    assert not v.hard and "193.0 h" in v.reason and v.reason.endswith(RECORDED)
    more = past + [shift(t, "mari", d(2, 20), "A")]
    [w] = found(check(t, more, d(2, 17), month=2), "average_weekly_hours")
    assert w.hard and "205.0 h" in w.reason


def test_a_past_night_too_close_to_an_event_ahead_is_the_plans_to_solve() -> None:
    """A supervision on the 4th at 10:00 after a night that ended at 08:00 — 2 h of rest. The
    night is past when checked on the 4th, but the supervision lies ahead: the lead can still
    excuse Mari from it, so the breach is hard; checked on the 5th it happened."""
    sup = event("SUP", d(3, 4), "10:00", "13:00", ["mari"])
    t = make_team(shift_types=TYPES, events=(sup,))
    rows = [shift(t, "mari", d(3, 3), "N")]
    [ahead] = found(check(t, rows, d(3, 4)), "daily_rest")
    assert ahead.hard
    [past] = found(check(t, rows, d(3, 5)), "daily_rest")
    assert not past.hard and past.reason.endswith(RECORDED)


def test_a_past_cell_on_a_service_the_person_does_not_take_now_was_worked_as_the_team_was_then() -> None:
    """Eligibility is the team file's data, not a working-time record: a past cell on a
    service the person does not take (any more: the team was changed for the days ahead) is
    what happened, not asked again; the same cell ahead is hard. (It stayed hard, and every
    re-plan and publish of the month was refused until a worked duty was deleted.)"""
    t = team()
    rows = [shift(t, "mari", d(3, 2), "V")]  # the duty-lead desk; Mari is a counsellor
    assert [v for v in check(t, rows, d(3, 10)).violations if v.rule == "eligibility"] == []
    violations = [v for v in check(t, rows, d(3, 2)).violations if v.rule == "eligibility"]
    assert violations and all(v.hard for v in violations)


def test_a_duty_already_too_long_made_longer_ahead_is_hard() -> None:
    """TLS § 51: a training 18–22 on the 9th joined by the night 22–08 is already a 14 h duty
    (recorded on the 10th). A day shift at 08:00 on the 10th would make it one 22 h duty: a
    longer breach the plan can still avoid, so hard — the finding names the whole span."""
    training = event("TRN", d(3, 9), "18:00", "22:00", ["mari"])
    t = make_team(shift_types=TYPES, events=(training,))
    night = [shift(t, "mari", d(3, 9), "N")]
    [past] = found(check(t, night, d(3, 10)), "daily_rest")
    assert not past.hard and "a duty of 14.0 h" in past.reason
    day = st("D8", "08:00", "16:00")
    t = make_team(shift_types=TYPES + (day,), events=(training,))
    [longer] = found(check(t, night + [shift(t, "mari", d(3, 10), "D8")], d(3, 10)), "daily_rest")
    assert longer.hard and "a duty of 22.0 h" in longer.reason


def test_a_duty_under_way_when_checked_has_happened_too() -> None:
    """``begun_before``: checked on the 3rd at 10:00, the C shift that began at 06:59 is under
    way — with the A of the 2nd it is a rest breach that happened (recorded); checked by the
    day alone, the 3rd is still a plan (hard)."""
    t = team()
    rows = [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 3), "C")]
    moment = datetime(2027, 3, 3, 10, 0, tzinfo=TALLINN)
    [v] = found(check_rota(t, 2027, 3, rows, (), d(3, 3), moment), "daily_rest")
    assert not v.hard and v.reason.endswith(RECORDED)
    early = datetime(2027, 3, 3, 6, 0, tzinfo=TALLINN)  # before it began: a plan
    assert found(check_rota(t, 2027, 3, rows, (), d(3, 3), early), "daily_rest")[0].hard


def test_a_past_night_for_someone_who_may_not_work_nights_now_is_not_asked_again() -> None:
    """TLS § 50 and the team file's ``may_work_nights``, set after a doctor's note for the
    days ahead: a night on a past day was worked when the person still could (the solver
    keeps it too); a night ahead is hard."""
    day_worker = person("mari", "Mari Tamm", may_work_nights=False)
    t = make_team((day_worker,), shift_types=TYPES)
    rows = [shift(t, "mari", d(3, 5), "N")]
    assert [v for v in check(t, rows, d(3, 10)).violations if v.rule == "eligibility"] == []
    [v] = [v for v in check(t, rows, d(3, 5)).violations if v.rule == "eligibility"]
    assert v.hard and "may not work nights" in v.reason


def test_more_hours_on_a_night_workers_window_the_past_already_put_over_are_hard() -> None:
    """TLS § 50 with a 50 h limit: nights 2.–8.03 put every 7 days from 28.02 to 4.03 over
    (worst: 80.5 h from the 2nd, the break unpaid), recorded on the 9th. Two hours on the evening of the 9th add
    to the windows from the 3rd and the 4th only — the worst window and the count stay as
    they were — yet the plan makes those windows worse: hard."""
    evening = st("T2", "20:00", "22:00")
    t = make_team(shift_types=TYPES + (evening,), night_worker_max_hours_7d=50)
    nights = shifts(t, "mari", "N", *[d(3, i) for i in range(2, 9)])
    [past] = found(check(t, nights, d(3, 9)), "night_worker_limits")
    assert not past.hard and "80.5 h" in past.reason and past.reason.endswith(RECORDED)
    [more] = found(check(t, nights + [shift(t, "mari", d(3, 9), "T2")], d(3, 9)), "night_worker_limits")
    assert more.hard and "80.5 h" in more.reason  # the same text: the hidden windows tell them apart
