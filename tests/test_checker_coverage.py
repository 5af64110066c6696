"""Coverage needs in the checker: shift and window needs, language minima, which need applies
on a day (date > holiday > weekday/weekend > all), desired as a warning.

March 2027: Mon 1st; weekends 6–7, 13–14, 20–21, 27–28; public holidays Good Friday 26th and
Easter Sunday 28th.
"""

from __future__ import annotations


from datetime import date, time
from typing import Any, Sequence

from checker_fixtures import (
    CRISIS,
    DESK,
    SHIFT_TYPES,
    check,
    d,
    found,
    make_team,
    person,
    shift,
    st,
)
from scheduler.checker import check_rota
from scheduler.domain import CoverageNeed, DayType, LanguageMinimum, Team

MARI = person("mari", "Mari Tamm", languages=("et", "en"))
JAAN = person("jaan", "Jaan Kask", languages=("et", "ru"))
PIRET = person("piret", "Piret Mets", languages=("et",))
TYPES = SHIFT_TYPES + (st("J", "10:00", "20:00"), st("J2", "10:00", "16:00"))


def on(day: date, **kw: Any) -> CoverageNeed:
    return CoverageNeed(CRISIS, DayType.DATE, on=day, **kw)


def window(start: str, end: str, **kw: Any) -> dict[str, Any]:
    h1, h2 = int(start[:2]), int(end[:2])
    return {"window_start": time(h1), "window_end": time(h2 % 24), **kw}


def team(needs: Sequence[CoverageNeed]) -> Team:
    return make_team((MARI, JAAN, PIRET), shift_types=TYPES, needs=needs)


# --- shift needs -----------------------------------------------------------------------------


def test_shift_need_with_a_language_minimum_met() -> None:
    need = on(d(3, 10), minimum=2, desired=2, shift="N", languages=(LanguageMinimum("ru", 1),))
    t = team([need])
    rows = [shift(t, "mari", d(3, 10), "N"), shift(t, "jaan", d(3, 10), "N")]
    assert found(check(t, rows), "coverage_minimum") == []


def test_shift_need_short_of_people_and_of_a_language() -> None:
    need = on(d(3, 10), minimum=2, desired=2, shift="N", languages=(LanguageMinimum("ru", 1),))
    t = team([need])
    report = check(t, [shift(t, "mari", d(3, 10), "N")])
    people, russian = found(report, "coverage_minimum")
    assert people.severity == "hard" and people.person is None
    assert people.reason == (
        "2027-03-10 (Wed), CL N: 1 on duty (Mari Tamm), at least 2 needed"
    )
    assert russian.reason == ("2027-03-10 (Wed), CL N: 0 ru speaker(s) among those on duty (Mari Tamm), "
                              "at least 1 needed")


def test_a_row_naming_someone_not_in_the_team_covers_nothing() -> None:
    """"mari2" (a typo) on the night counted towards the minimum of 2: the shortfall went
    unsaid beside the unknown name. The team's own two do meet it."""
    need = on(d(3, 10), minimum=2, desired=2, shift="N")
    t = team([need])
    typo = [shift(t, "mari2", d(3, 10), "N"), shift(t, "jaan", d(3, 10), "N")]
    [short] = found(check(t, typo), "coverage_minimum")
    assert short.reason == "2027-03-10 (Wed), CL N: 1 on duty (Jaan Kask), at least 2 needed"
    assert found(check(t, [shift(t, "mari", d(3, 10), "N"), typo[1]]), "coverage_minimum") == []


def test_a_former_staff_members_night_in_the_history_covers_the_morning_of_the_1st() -> None:
    """X has left the team; their night of 28 February, in the history, ran to 08:00 on the
    1st: it covers a window 00:00–12:00 there (the solver counts it so), as a month's row of
    someone not in the team does not."""
    need = CoverageNeed(CRISIS, DayType.DATE, 1, 1, on=d(3, 1), window_start=time(0), window_end=time(12))
    t = team([need])
    night = shift(t, "x", d(2, 28), "N")
    morning = [shift(t, "mari", d(3, 1), "M")]
    assert found(check(t, morning, [night]), "coverage_minimum") == []
    assert found(check(t, morning), "coverage_minimum") != []


def test_enough_people_but_no_speaker_of_the_language() -> None:
    need = on(d(3, 10), minimum=2, desired=2, shift="N", languages=(LanguageMinimum("ru", 1),))
    t = team([need])
    rows = [shift(t, "mari", d(3, 10), "N"), shift(t, "piret", d(3, 10), "N")]
    [v] = found(check(t, rows), "coverage_minimum")
    assert "0 ru speaker(s)" in v.reason


def test_desired_above_count_is_a_warning() -> None:
    t = team([on(d(3, 10), minimum=1, desired=2, shift="N")])
    report = check(t, [shift(t, "mari", d(3, 10), "N")])
    [v] = found(report, "coverage_minimum")
    assert v.severity == "soft" and "2 desired" in v.reason
    assert report.ok


def test_most_specific_need_applies() -> None:
    needs = [
        CoverageNeed(CRISIS, DayType.ALL, minimum=0, desired=0, shift="N"),
        CoverageNeed(CRISIS, DayType.WEEKEND, minimum=1, desired=1, shift="N"),
        CoverageNeed(CRISIS, DayType.HOLIDAY, minimum=2, desired=2, shift="N"),
        on(d(3, 13), minimum=0, desired=0, shift="N"),
    ]
    report = check(team(needs), [])
    days = sorted(v.start.date().day for v in found(report, "coverage_minimum"))
    # Weekends need 1 except Sat 13th (its own need: 0); Good Friday 26th and Easter Sunday
    # 28th are holidays needing 2.
    assert days == [6, 7, 14, 20, 21, 26, 27, 28]
    holiday = [v for v in found(report, "coverage_minimum") if v.start.date().day == 28]
    assert "at least 2 needed" in holiday[0].reason


# --- window needs ----------------------------------------------------------------------------


def test_window_need_cut_at_duty_boundaries() -> None:
    t = team([on(d(3, 10), minimum=2, desired=2, **window("10:00", "20:00"))])
    both = [shift(t, "mari", d(3, 10), "A"), shift(t, "jaan", d(3, 10), "J")]
    assert found(check(t, both), "coverage_minimum") == []
    # J2 10–16 then E 16–24: two on duty all through 10–20.
    relay = [
        shift(t, "mari", d(3, 10), "A"),
        shift(t, "jaan", d(3, 10), "J2"),
        shift(t, "piret", d(3, 10), "E"),
    ]
    assert found(check(t, relay), "coverage_minimum") == []
    gap = [shift(t, "mari", d(3, 10), "A"), shift(t, "jaan", d(3, 10), "J2")]
    [v] = found(check(t, gap), "coverage_minimum")
    assert v.reason == (
        "2027-03-10 (Wed), CL 10:00–20:00: 1 on duty 2027-03-10 16:00–20:00, at least 2 needed"
    )


def test_window_need_with_a_language_minimum_over_midnight() -> None:
    russian = (LanguageMinimum("ru", 1),)
    need = on(d(3, 10), minimum=1, desired=1, languages=russian, **window("22:00", "06:00"))
    t = team([need])
    [v] = found(check(t, [shift(t, "mari", d(3, 10), "N")]), "coverage_minimum")
    assert "0 ru speaker(s) on duty 2027-03-10 22:00–2027-03-11 06:00" in v.reason
    rows = [shift(t, "mari", d(3, 10), "N"), shift(t, "jaan", d(3, 10), "N")]
    assert found(check(t, rows), "coverage_minimum") == []


def test_window_covered_by_the_night_from_the_day_before() -> None:
    t = team([on(d(3, 11), minimum=1, desired=1, **window("00:00", "06:00"))])
    assert found(check(t, [shift(t, "mari", d(3, 10), "N")]), "coverage_minimum") == []
    assert len(found(check(t, []), "coverage_minimum")) == 1


def test_window_at_the_month_start_uses_history() -> None:
    t = team([on(d(3, 1), minimum=1, desired=1, **window("00:00", "06:00"))])
    history = [shift(t, "jaan", d(2, 28), "N")]
    assert found(check(t, [], history), "coverage_minimum") == []
    assert len(found(check(t, []), "coverage_minimum")) == 1


# --- days already past: a record, not a plan ----------------------------------------------------


def test_a_past_days_shortfall_is_recorded_not_hard() -> None:
    """Checked on 11.03 (``recorded_before``), the night of 10.03 has happened: one on duty
    where two were needed is what happened, reported as recorded (soft), and the desired
    head-count is no longer asked of it."""
    need = on(d(3, 10), minimum=2, desired=3, shift="N", languages=(LanguageMinimum("ru", 1),))
    t = team([need])
    rows = [shift(t, "mari", d(3, 10), "N")]
    people, russian = found(check_rota(t, 2027, 3, rows, recorded_before=d(3, 11)), "coverage_minimum")
    assert people.severity == russian.severity == "soft"
    assert people.reason == ("2027-03-10 (Wed), CL N: 1 on duty (Mari Tamm), at least 2 needed "
                             "(already past: recorded as it happened)")
    assert "0 ru speaker(s)" in russian.reason and russian.reason.endswith("recorded as it happened)")


def test_the_first_day_not_begun_is_still_a_plan() -> None:
    need = on(d(3, 10), minimum=2, desired=3, shift="N")
    t = team([need])
    rows = [shift(t, "mari", d(3, 10), "N")]
    short, = [v for v in found(check_rota(t, 2027, 3, rows, recorded_before=d(3, 10)), "coverage_minimum")
              if v.hard]
    assert short.reason == "2027-03-10 (Wed), CL N: 1 on duty (Mari Tamm), at least 2 needed"


def test_a_window_is_recorded_up_to_the_first_duty_that_can_still_start() -> None:
    """Checked on 11.03: from midnight to 08:00 only the night shifts of 10.03 (past) reach;
    the first shift of the service that can still start begins at 08:00 (A, M), so the
    window 06:00–10:00 with nobody on duty is recorded until 08:00 and short (hard) after."""
    t = team([on(d(3, 11), minimum=1, desired=1, **window("06:00", "10:00"))])
    past, ahead = found(check_rota(t, 2027, 3, [], recorded_before=d(3, 11)), "coverage_minimum")
    assert past.severity == "soft" and "06:00–08:00" in past.reason and past.reason.endswith(
        "recorded as it happened)")
    assert ahead.severity == "hard" and "08:00–10:00" in ahead.reason
    # a day later the whole window is past
    [v] = found(check_rota(t, 2027, 3, [], recorded_before=d(3, 12)), "coverage_minimum")
    assert v.severity == "soft" and "06:00–10:00" in v.reason
    # and before it, it is all a plan
    [v] = found(check_rota(t, 2027, 3, [], recorded_before=d(3, 10)), "coverage_minimum")
    assert v.hard and "06:00–10:00" in v.reason


def test_a_stretch_no_duty_can_reach_is_not_past_because_the_service_starts_later() -> None:
    """A desk open Mon–Fri 09–17 and a need from 08:00 on Monday 15.03: checked on Saturday
    13.03 or on the Monday itself, 08:00–09:00 is a plan nobody can meet (hard), not a past
    stretch — no duty begun before the cut reaches it."""
    desk = st("W", "09:00", "17:00", service=DESK, weekdays=(0, 1, 2, 3, 4))
    need = CoverageNeed(DESK, DayType.DATE, on=d(3, 15), minimum=1, desired=1, **window("08:00", "12:00"))
    t = make_team((MARI, JAAN, PIRET), shift_types=TYPES + (desk,), needs=[need])
    for cut in (d(3, 13), d(3, 15)):
        [v] = found(check_rota(t, 2027, 3, [], recorded_before=cut), "coverage_minimum")
        assert v.hard and "08:00–12:00" in v.reason, cut
    [v] = found(check_rota(t, 2027, 3, [], recorded_before=d(3, 16)), "coverage_minimum")
    assert not v.hard and v.reason.endswith("(already past: recorded as it happened)")
