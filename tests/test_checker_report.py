"""The checker's report: each person's hours (the soft picture), the text for the terminal,
and a clean rota that breaks nothing.

Norms from the published table (domain.md §3): 2027 Jan 160, Feb 149, Mar 176 h.
"""

from __future__ import annotations

from pathlib import Path


from checker_fixtures import (
    CRISIS,
    SHIFT_TYPES,
    check,
    d,
    event,
    found,
    make_team,
    person,
    shift,
    shifts,
    st,
    vacation,
)
from scheduler.checker import RULES, CheckReport, Violation, format_report
from scheduler.domain import Role, Wish, WishKind

TYPES = SHIFT_TYPES + (st("N8", "20:00", "08:00"), st("K17", "17:00", "23:00"))


def test_norms_of_the_month_and_the_period() -> None:
    people = (
        person("mari", "Mari Tamm"),
        person("kati", "Kati Kuusk", fte=0.5),
        person("jaan", "Jaan Kask"),
    )
    t = make_team(people, absences=[vacation("jaan", d(3, 15), d(3, 21))])
    report = check(t, [])
    assert report.person("mari").norm_hours == 176.0
    assert report.person("kati").norm_hours == 88.0
    # Vacation Mon 15 – Sun 21 March: five working days less, 176 − 40.
    assert report.person("jaan").norm_hours == 136.0
    quarterly = make_team(people, accounting_period_months=3)
    assert check(quarterly, []).person("mari").period_norm_hours == 160 + 149 + 176


def test_absences_need_not_reduce_the_norm() -> None:
    t = make_team(
        (person("jaan", "Jaan Kask", absence_norm_reduction="none"),),
        absences=[vacation("jaan", d(3, 15), d(3, 19))],
    )
    assert check(t, []).person("jaan").norm_hours == 176.0



def test_an_absence_given_with_times_reduces_the_norm_by_the_working_days_it_covers_whole() -> None:
    """domain.md §3: the norm drops by each Mon–Fri working day of the absence; a sick leave
    entered from Monday 00:00 to Saturday 00:00 covers five such days, as from/to days would;
    a day it covers only in part (Monday from 12:00) keeps its norm."""
    from datetime import time

    from scheduler.domain import Absence, AbsenceKind

    def norm(first: int, start: time, last: int = 20) -> float:
        sick = Absence("jaan", AbsenceKind.SICK, d(3, first), d(3, last), start, time(0))
        return check(make_team(absences=[sick]), []).person("jaan").norm_hours

    assert norm(15, time(0)) == 176.0 - 40
    assert norm(15, time(12)) == 176.0 - 32
    assert norm(20, time(0), last=22) == 176.0  # Saturday 00:00 to Monday 00:00: no working day

def test_planned_hours_and_the_period_balance() -> None:
    t = make_team(accounting_period_months=3, break_counts_as_work=True)
    february = shifts(t, "mari", "A", d(2, 1), d(2, 2))  # 24 h
    march = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3))  # 36 h
    january = shifts(t, "mari", "A", d(1, 4))  # 12 h
    p = check(t, march, january + february).person("mari")
    assert p.planned_hours == 36.0
    assert p.balance_hours == 36.0 - 176.0
    assert p.period_planned_hours == 72.0
    assert p.period_balance_hours == 72.0 - 485.0
    assert found(check(t, march, january + february), "accounting_period_history") == []


def test_period_months_missing_from_the_history_count_as_worked_to_the_norm() -> None:
    # TLS § 46 balances the whole period; a month whose rota is not given has unknown hours,
    # not 0: January (norm 160 h) is taken as worked to the norm, with a warning.
    t = make_team(accounting_period_months=3, break_counts_as_work=True)
    february = shifts(t, "mari", "A", d(2, 1), d(2, 2))  # 24 h
    march = shifts(t, "mari", "A", d(3, 1), d(3, 2), d(3, 3))  # 36 h
    report = check(t, march, february)
    p = report.person("mari")
    assert p.period_planned_hours == 160.0 + 60.0
    assert p.period_balance_hours == 160.0 + 60.0 - 485.0
    [v] = found(report, "accounting_period_history")
    assert v.severity == "soft" and v.source == "TLS § 46"
    assert "no rota of 2027-01" in v.reason and "2027-01-01 to 2027-03-31" in v.reason
    assert "taken as worked to the norm for the balance and the 48 h average" in v.reason
    # Without any history both January and February are taken as worked: March alone counts.
    report = check(t, march)
    assert report.person("mari").period_balance_hours == 36.0 - 176.0
    assert "no rota of 2027-01, 2027-02" in found(report, "accounting_period_history")[0].reason
    # A one-month period needs no history for its balance.
    assert found(check(make_team(), march), "accounting_period_history") == []



def test_someone_without_duties_in_the_history_is_taken_as_worked_to_the_norm() -> None:
    # Jan and Feb are in the history for Mari; Jaan (new in March) has no duties there: his
    # balance starts in March, with a warning naming him, instead of −309 h.
    t = make_team(accounting_period_months=3, break_counts_as_work=True)
    history = shifts(t, "mari", "A", d(1, 4), d(2, 1))
    march = shifts(t, "jaan", "A", d(3, 1), d(3, 2))  # 24 h
    report = check(t, march, history)
    assert report.person("jaan").period_balance_hours == 24.0 - 176.0
    [v] = found(report, "accounting_period_history")
    assert v.person == "jaan" and "has no duties in the history's rota of 2027-01, 2027-02" in v.reason



def test_a_month_away_with_the_rest_of_the_team_planned_is_a_known_month() -> None:
    """TLS § 46 balances the whole period: Jaan worked 12 h in January and was on vacation
    all February, while the history holds February's rota of the others. February is known
    (0 h against a norm of 0), so January's hours stay in the balance — it was taken as an
    unknown month and January replaced by its norm (balance −2 instead of −49 h in a report);
    the solver's goal carries the same balance."""
    from scheduler.solver.solve import build_model

    t = make_team(accounting_period_months=3, break_counts_as_work=True,
                  absences=[vacation("jaan", d(2, 1), d(2, 28))])
    history = shifts(t, "mari", "A", d(1, 4), d(2, 1)) + shifts(t, "jaan", "A", d(1, 5))
    march = shifts(t, "jaan", "A", d(3, 1), d(3, 2))  # 24 h
    report = check(t, march, history)
    assert report.person("jaan").period_planned_hours == 12.0 + 24.0
    assert report.person("jaan").period_balance_hours == 12.0 + 24.0 - (160.0 + 176.0)
    assert found(report, "accounting_period_history") == []
    model = build_model(t, 2027, 3, history)
    assert model.target_minutes(model.people["jaan"]) == (176 + 160 - 12) * 60
    # without February's rota of anyone, February stays unknown and January is not counted
    report = check(t, march, [r for r in history if r.day.month == 1])
    assert report.person("jaan").period_balance_hours == 24.0 - 176.0
    # a two-hour appointment in February is no leave: February stays unknown for him
    from datetime import time

    from scheduler.domain import Absence, AbsenceKind

    appointment = Absence("jaan", AbsenceKind.OTHER, d(2, 10), d(2, 10), time(8), time(10))
    t2 = make_team(accounting_period_months=3, break_counts_as_work=True, absences=[appointment])
    assert check(t2, march, history).person("jaan").period_balance_hours == 24.0 - 176.0

def test_night_holiday_hours_nights_and_weekends() -> None:
    t = make_team()
    rows = [
        shift(t, "mari", d(3, 25), "N"),  # Thu 20:00 → Good Friday 08:00: 8 h night, 8 h holiday
        shift(t, "mari", d(3, 27), "A"),  # Saturday
        shift(t, "mari", d(3, 28), "L"),  # Easter Sunday 22:00 → Mon 08:00: 2 h holiday
        shift(t, "mari", d(3, 5), "N"),  # Friday night: not a weekend day
    ]
    p = check(t, rows).person("mari")
    # Nights 22–06: 8 + 8 h; 2027-03-28 22:00 → 03-29 06:00 is 8 h (no DST that night).
    assert p.night_hours == 24.0
    assert p.holiday_hours == 10.0
    assert p.nights == 3
    assert p.weekend_days == 2


def test_wishes() -> None:
    wishes = [
        Wish("mari", d(3, 3), WishKind.DAY_OFF),  # met: nothing starts that day
        Wish("mari", d(3, 4), WishKind.DAY_OFF),  # not met
        Wish("mari", d(3, 5), WishKind.SHIFT_WANTED, "N"),  # met
        Wish("mari", d(3, 6), WishKind.SHIFT_WANTED),  # any shift: met
        Wish("mari", d(3, 8), WishKind.SHIFT_NOT_WANTED, "A"),  # not met
        Wish("mari", d(3, 9), WishKind.SHIFT_NOT_WANTED, "N"),  # met: A is not N
        Wish("mari", d(4, 1), WishKind.DAY_OFF),  # another month
        Wish("jaan", d(3, 3), WishKind.DAY_OFF),
    ]
    t = make_team(wishes=wishes)
    rows = [shift(t, "mari", day, code) for day, code in [
        (d(3, 4), "M"), (d(3, 5), "N"), (d(3, 6), "A"), (d(3, 8), "A"), (d(3, 9), "A")
    ]]
    p = check(t, rows).person("mari")
    assert (p.wishes_met, p.wishes_total) == (4, 6)


def test_substitute_hours_of_the_lead() -> None:
    lead = person("liis", "Liis Lepp", role=Role.TEAM_LEAD, services=(CRISIS, "DESK"))
    t = make_team((lead,))
    rows = [shift(t, "liis", d(3, 2), "A"), shift(t, "liis", d(3, 3), "V")]
    p = check(t, rows).person("liis")
    assert p.substitute_hours == 11.5
    assert p.planned_hours == 11.5 + 7.5


def test_format_report() -> None:
    t = make_team(shift_types=TYPES)
    report = check(t, [shift(t, "mari", d(3, 4), "N8"), shift(t, "mari", d(3, 5), "K17")])
    text = format_report(report)
    assert text.startswith("Rota check 2027-03: NOT OK")
    assert "daily_rest (TLS § 51), hard: 1" in text
    assert (
        "Mari Tamm: only 9.0 h rest between the duty ending 2027-03-05 08:00 and the one "
        "starting 17:00 (TLS § 51 needs 11 h" in text
    )
    assert "Mari Tamm" in text.split("Hours:")[1]
    assert "17.5/176.0" in text  # 11.5 + 6 h planned of 176


def test_clean_rota_breaks_nothing() -> None:
    event_ = event("SUP", d(3, 31), "12:00", "14:00", ["mari", "jaan"])
    t = make_team(events=[event_], break_counts_as_work=True)
    rows = []
    for week in range(4):
        base = 1 + 7 * week
        last = (base + 3,) if week == 3 else (base + 3, base + 4)  # within 8 h of the norm of 176 h
        rows += shifts(t, "mari", "A", d(3, base), d(3, base + 1))
        rows += shifts(t, "mari", "N", *(d(3, day) for day in last))
        rows += shifts(t, "jaan", "N", d(3, base), d(3, base + 1))
        rows += shifts(t, "jaan", "A", *(d(3, day) for day in last))
    report = check(t, rows)
    assert report.violations == ()
    assert report.ok
    assert "OK, no hard violations" in format_report(report)
    assert report.person("mari").planned_hours == 15 * 12 + 2


def test_report_shape() -> None:
    assert [r.__name__ for r in RULES] == [
        "unknown_references",
        "hours",
        "daily_rest",
        "weekly_rest",
        "average_weekly_hours",
        "accounting_period_history",
        "overtime",
        "night_worker_limits",
        "one_duty_start_per_day",
        "no_overlapping_duties",
        "absences_and_events",
        "employment_contract",
        "eligibility",
        "lead_protected_management_time",
        "coverage_minimum",
    ]
    soft = Violation("coverage_minimum", "team file", None, None, "x", "soft")
    hard = Violation("daily_rest", "TLS § 51", "mari", None, "y", "hard")
    report = CheckReport(2027, 3, (soft, hard), ())
    assert report.hard == (hard,) and not report.ok
    assert CheckReport(2027, 3, (soft,), ()).ok


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "helpline" / "team.toml"


def test_example_team_empty_rota_is_uncovered() -> None:
    from scheduler.teamfile import load_team

    team = load_team(EXAMPLE)
    report = check(team, [])
    assert not report.ok
    assert {v.rule for v in report.hard} == {"coverage_minimum"}
    assert found(report, "daily_rest") == []


def test_a_sick_leave_lowers_the_norm_by_the_hours_scheduled_in_it_when_the_setting_says_so() -> None:
    """domain.md §3 ("alternative: by the hours that were scheduled"): a sick leave 15–19
    March recorded on the rota with 30 h planned lowers the norm by 30 h under
    ``absence_norm_reduction = "scheduled_hours"`` (146 h) and by its five working days under
    the default (136 h); the solver's goal uses the same norm."""
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.solver.solve import build_model

    sick = Absence("jaan", AbsenceKind.SICK, d(3, 15), d(3, 19), rota_month=(2027, 3), scheduled_hours=30.0)
    by_schedule = make_team((person("jaan", "Jaan Kask", absence_norm_reduction="scheduled_hours"),),
                            absences=[sick])
    assert check(by_schedule, []).person("jaan").norm_hours == 146.0
    assert check(make_team((person("jaan", "Jaan Kask"),), absences=[sick]), []).person("jaan").norm_hours == 136.0
    model = build_model(by_schedule, 2027, 3)
    assert model.month_norm_hours(model.people["jaan"]) == 146.0


def test_holiday_and_night_hours_are_hours_worked_when_the_break_is_unpaid() -> None:
    """TLS § 45 pays work on a public holiday and at night; an unpaid break (TLS § 47) is not
    work. M 08–16 on Good Friday with 30 min unpaid: 7.5 holiday hours (was 8, more than the
    7.5 h worked); the break is taken from ordinary time where there is some: L 22:00 (Fri
    05.03) – 08:00 keeps its 8 night hours (06–08 is ordinary time); with breaks paid,
    nothing changes."""
    unpaid = make_team(break_counts_as_work=False)
    rows = [shift(unpaid, "mari", d(3, 26), "M"), shift(unpaid, "jaan", d(3, 5), "L")]
    report = check(unpaid, rows)
    assert report.person("mari").planned_hours == 7.5 and report.person("mari").holiday_hours == 7.5
    assert report.person("jaan").night_hours == 8.0 and report.person("jaan").holiday_hours == 0.0
    paid = make_team(break_counts_as_work=True)
    assert check(paid, [shift(paid, "mari", d(3, 26), "M")]).person("mari").holiday_hours == 8.0


def test_an_unpaid_break_in_a_duty_without_ordinary_time_comes_off_the_night_hours_first() -> None:
    """L 22:00 (Tue 23.02) – 08:00 on Independence Day with a 30-min unpaid break: no minute
    is neither night nor holiday (22–24 is night, 00–06 both, 06–08 holiday), so the break
    cannot leave both premiums whole; it comes off the night hours (1.25×) before the holiday
    hours (2×): 7.5 night hours, 8 holiday hours (both were 8, 0.5 h more than worked)."""
    t = make_team(break_counts_as_work=False)
    p = check(t, [shift(t, "jaan", d(2, 23), "L")], month=2).person("jaan")
    assert (p.planned_hours, p.night_hours, p.holiday_hours) == (9.5, 7.5, 8.0)
