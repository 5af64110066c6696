"""A load changed on a day (``fte_from`` / ``fte_before``): 0.6 to the 15th, 0.4 from the
16th. The month's norm is each part's working days at its own daily hours (TLS § 43); before
that, a load could only change for whole months, and an edit in the middle of a month
rewrote the whole month's norm (an onboarding review).

October 2027 (domain.md §3): 21 Mon–Fri days, no holiday, 168 h full time; 1–15.10 hold 11 of
them, 16–31.10 hold 10.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checker_fixtures import MARI
from scheduler.domain import Absence, AbsenceKind
from scheduler.teamfile import TeamFileError, parse_team
from scheduler.worktime import person_norm
from tests.test_teamfile import MINIMAL

OCTOBER = (date(2027, 10, 1), date(2027, 10, 31))


def test_the_norm_of_a_month_whose_load_changed_counts_each_part_at_its_load() -> None:
    triin = replace(MARI, fte=0.4, fte_from=date(2027, 10, 16), fte_before=0.6)
    assert person_norm(triin, *OCTOBER, ()) == pytest.approx(11 * 4.8 + 10 * 3.2)  # 84.8
    assert person_norm(replace(MARI, fte=0.4), *OCTOBER, ()) == pytest.approx(21 * 3.2)
    # the months before the change at the earlier load, after it at the new one
    assert person_norm(triin, date(2027, 9, 1), date(2027, 9, 30), ()) == pytest.approx(176 * 0.6)
    assert person_norm(triin, date(2027, 11, 1), date(2027, 11, 30), ()) == pytest.approx(176 * 0.4)
    assert triin.fte_in(2027, 9) == 0.6 and triin.fte_in(2027, 10) == 0.4


def test_absences_in_a_month_whose_load_changed_take_the_daily_hours_of_their_part() -> None:
    """A vacation 4.–8.10 (5 days before the change) lowers the norm by 5 × 4.8 h; under
    scheduled_hours a sick leave recorded on the rota with 12 h lowers the month by 12 h once."""
    triin = replace(MARI, fte=0.4, fte_from=date(2027, 10, 16), fte_before=0.6)
    vacation = Absence("mari", AbsenceKind.VACATION, date(2027, 10, 4), date(2027, 10, 8))
    assert person_norm(triin, *OCTOBER, [vacation]) == pytest.approx(84.8 - 5 * 4.8)
    scheduled = replace(triin, settings=replace(triin.settings, absence_norm_reduction="scheduled_hours"))
    sick = Absence("mari", AbsenceKind.SICK, date(2027, 10, 18), date(2027, 10, 20), rota_month=(2027, 10),
                   scheduled_hours=12.0)
    assert person_norm(scheduled, *OCTOBER, [sick]) == pytest.approx(84.8 - 12)


def test_the_team_file_reads_a_load_change_and_refuses_half_of_one() -> None:
    text = MINIMAL.replace("fte = 1.0", 'fte = 0.4\nfte_from = 2027-10-16\nfte_before = 0.6')
    ann = parse_team(text, "team.toml").person("ann")
    assert (ann.fte, ann.fte_from, ann.fte_before) == (0.4, date(2027, 10, 16), 0.6)
    with pytest.raises(TeamFileError) as info:
        parse_team(MINIMAL.replace("fte = 1.0", "fte = 0.4\nfte_from = 2027-10-16"), "team.toml")
    assert any("field fte_before: give fte_from and fte_before together" in p for p in info.value.problems)
    with pytest.raises(TeamFileError) as info:
        parse_team(text.replace("fte_before = 0.6", "fte_before = 1.6"), "team.toml")
    assert any("field fte_before: expected a load (FTE) between 0.1 and 1.0, got 1.6" in p
               for p in info.value.problems)


def test_part_of_a_month_before_its_change_and_the_load_a_report_shows() -> None:
    """1.–15.10 of a month whose load changes on the 16th is all at the load before (it was
    counted at the month's end load: 35.2 h, not 52.8 h); and a month's report (summary.csv's
    fte, read back as that month's load) shows the load of that month, not today's (a review)."""
    from checker_fixtures import check, make_team

    triin = replace(MARI, fte=0.4, fte_from=date(2027, 10, 16), fte_before=0.6)
    assert person_norm(triin, date(2027, 10, 1), date(2027, 10, 15), ()) == pytest.approx(11 * 4.8)
    assert person_norm(triin, date(2027, 10, 16), date(2027, 10, 31), ()) == pytest.approx(10 * 3.2)
    later = replace(MARI, fte=0.4, fte_from=date(2027, 11, 16), fte_before=0.6)
    report = check(make_team([later]), [], year=2027, month=10)
    assert report.person("mari").fte == 0.6 and report.person("mari").norm_hours == pytest.approx(168 * 0.6)
