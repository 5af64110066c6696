"""The employment contract's first and last day (``employed_from`` / ``employed_until``): a
counsellor who starts on the 15th or leaves on the 19th. Days outside the contract are no
working time: no duty on them (checker and solver), no norm for them (TLS § 43, domain.md §3)
and no share of the 48 h average (TLS § 46).

March 2027 (domain.md §3): 23 Mon–Fri days, Good Friday 26.03 a public holiday, 176 h. From
Monday 15.03: 13 Mon–Fri days less Good Friday = 12 → 96 h. Until Friday 19.03: 15 days → 120 h.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checker_fixtures import MARI, check, d, found, make_team, person, shift, shifts
from scheduler.solver import SolveOptions, solve_month
from scheduler.teamfile import TeamFileError, parse_team
from scheduler.worktime import person_norm
from tests.test_solver_support import cells, counsellor, daily, team
from tests.test_teamfile import MINIMAL


def test_the_norm_counts_only_the_days_of_the_contract() -> None:
    march = (date(2027, 3, 1), date(2027, 3, 31))
    assert person_norm(MARI, *march, ()) == 176
    assert person_norm(replace(MARI, employed_from=date(2027, 3, 15)), *march, ()) == 96
    assert person_norm(replace(MARI, employed_until=date(2027, 3, 19)), *march, ()) == 120
    assert person_norm(replace(MARI, employed_from=date(2027, 3, 15), employed_until=date(2027, 3, 19)),
                       *march, ()) == 40
    assert person_norm(replace(MARI, employed_from=date(2027, 4, 1)), *march, ()) == 0
    half = replace(MARI, fte=0.5, employed_from=date(2027, 3, 15))
    assert person_norm(half, *march, ()) == 48


def test_a_duty_before_the_contract_begins_breaks_the_rule_and_one_on_its_first_day_passes() -> None:
    starts = replace(MARI, employed_from=d(3, 15))
    t = make_team([starts])
    [v] = found(check(t, [shift(t, "mari", d(3, 14), "M")]), "employment_contract")
    assert v.hard and "before their employment begins on 2027-03-15" in v.reason and "Mari Tamm" in v.reason
    assert found(check(t, [shift(t, "mari", d(3, 15), "M")]), "employment_contract") == []


def test_a_duty_after_the_contract_ends_breaks_the_rule_and_one_on_its_last_day_passes() -> None:
    leaves = replace(MARI, employed_until=d(3, 19))
    t = make_team([leaves])
    [v] = found(check(t, [shift(t, "mari", d(3, 20), "M")]), "employment_contract")
    assert v.hard and "after their employment ended on 2027-03-19" in v.reason
    assert found(check(t, [shift(t, "mari", d(3, 19), "E")]), "employment_contract") == []  # ends 24:00
    # a night from the last day works 8 h after the contract has ended (a review)
    [v] = found(check(t, [shift(t, "mari", d(3, 19), "N")]), "employment_contract")
    assert "runs past the end of their employment (2027-03-19 24:00)" in v.reason


def test_the_48_hour_average_is_over_the_days_of_the_period_in_the_contract() -> None:
    """Starting on Monday 22.03 of a one-month period: 10 days, at most 48 × 10 / 7 = 68.57 h.
    Six 12-hour days (72 h) break it; five (60 h) pass. Employed all month, 72 h is far within
    48 × 31 / 7 = 212.57 h."""
    t = make_team([replace(MARI, employed_from=d(3, 22))], break_counts_as_work=True)
    over = shifts(t, "mari", "A", d(3, 22), d(3, 23), d(3, 24), d(3, 25), d(3, 26), d(3, 29))
    [v] = found(check(t, over), "average_weekly_hours")
    assert "72.0 h" in v.reason and "2027-03-22 to 2027-03-31" in v.reason and "68.57 h" in v.reason
    assert found(check(t, over[:5]), "average_weekly_hours") == []
    always = make_team([MARI], break_counts_as_work=True)
    assert found(check(always, over), "average_weekly_hours") == []


def test_events_of_the_days_outside_the_contract_are_not_attended() -> None:
    """A supervision on 10.03 with every counsellor: someone who starts on the 15th does not
    attend it (no row is expected of them, and no row may be given)."""
    from checker_fixtures import event, event_row

    supervision = event("SUP", d(3, 10), "10:00", "12:00", ["mari"])
    t = make_team([replace(MARI, employed_from=d(3, 15))], events=[supervision])
    report = check(t, [])
    assert not [p for p in report.people if p.person == "mari" and p.planned_hours]
    [v] = found(check(t, [event_row(supervision, "mari")]), "employment_contract")
    assert "before their employment begins" in v.reason


def test_the_solver_plans_nobody_outside_their_contract() -> None:
    """Three counsellors, one on every shift D every day: Ann starts on the 15th, Bea leaves
    after the 19th. The rota passes the checker (inside solve_month), gives neither a duty
    outside her contract and each her norm of the days within it."""
    people = [replace(counsellor("ann"), employed_from=date(2027, 3, 15)),
              replace(counsellor("bea"), employed_until=date(2027, 3, 19)), counsellor("cai")]
    t = team(people, [daily("D", 1)])
    result = solve_month(t, 2027, 3, options=SolveOptions(time_limit=5, workers=2))
    assert result.valid, result.report
    grid = cells(result.assignments)
    assert not [day for (p, day) in grid if p == "ann" and day < date(2027, 3, 15)]
    assert not [day for (p, day) in grid if p == "bea" and day > date(2027, 3, 19)]
    norms = {r.person: r.norm_hours for r in result.report.people}
    assert norms["ann"] == 96 and norms["bea"] == 120 and norms["cai"] == 176


def test_the_solver_explains_a_shortfall_by_the_contract() -> None:
    """One counsellor, who starts on the 15th, and one needed on the 10th: the shortfall
    names why she cannot take it."""
    t = team([replace(counsellor("ann"), employed_from=date(2027, 3, 15))],
             [daily("D", 1)])
    result = solve_month(t, 2027, 3, options=SolveOptions(time_limit=5, workers=2))
    assert result.status == "infeasible"
    assert "Ann is not employed yet (from 2027-03-15)" in "\n".join(result.shortfalls)


@pytest.mark.parametrize(("fields", "expected"), [
    ('employed_from = "2027-03-15"\nemployed_until = "2027-03-14"',
     "people[1] 'ann', field employed_until: expected a day on or after employed_from = 2027-03-15, got 2027-03-14"),
    ('employed_from = "15.03.2027"',
     "people[1] 'ann', field employed_from: expected the first day of the contract, a date YYYY-MM-DD, "
     "got '15.03.2027'"),
])
def test_the_team_file_refuses_contract_dates_that_make_no_sense(fields: str, expected: str) -> None:
    text = MINIMAL.replace("fte = 1.0", f"fte = 1.0\n{fields}")
    with pytest.raises(TeamFileError) as info:
        parse_team(text, "team.toml")
    assert any(expected in p and p.startswith("team.toml line") for p in info.value.problems), info.value.problems


def test_the_team_file_reads_contract_dates() -> None:
    text = MINIMAL.replace("fte = 1.0", "fte = 1.0\nemployed_from = 2027-03-15\nemployed_until = \"2027-12-31\"")
    ann = parse_team(text, "team.toml").person("ann")
    assert (ann.employed_from, ann.employed_until) == (date(2027, 3, 15), date(2027, 12, 31))
    assert parse_team(MINIMAL, "team.toml").person("ann").employed_from is None


def test_a_re_plan_refuses_kept_days_outside_the_contract(tmp_path, capsys) -> None:  # noqa: ANN001
    """The team file now says Mari started on 02.03, but the rota kept before --from has her
    P of 01.03: the re-plan names that duty instead of keeping a day the contract leaves out
    (the checker would reject the result)."""
    from pathlib import Path

    from scheduler.cli import main

    example = Path(__file__).parents[1] / "examples" / "helpline" / "team.toml"
    text = example.read_text(encoding="utf-8")
    team_file = tmp_path / "team.toml"
    team_file.write_text(text.replace('id = "mari"\n', 'id = "mari"\nemployed_from = 2027-03-02\n', 1),
                         encoding="utf-8")
    march = tmp_path / "march"
    march.mkdir()
    (march / "assignments.csv").write_text(
        "person,date,shift,start,end,hours,kind\n"
        "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift\n"
        "jaan,2027-03-05,P,2027-03-05T08:00:00+02:00,2027-03-05T16:00:00+02:00,8.0,shift\n", encoding="utf-8")
    assert main(["replan", str(team_file), "--rota", str(march), "--absent", "jaan:2027-03-05..2027-03-05",
                 "--out", str(tmp_path / "o")]) == 2
    assert "mari 2027-03-01 P: outside the employment contract" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_the_48_hour_average_of_a_contract_of_a_few_days_allows_a_lawful_week() -> None:
    """Employed from Monday 29.03: three days, norm 24 h. The average over the 3 days alone
    (48 × 3/7 = 20.57 h) forbade the norm itself; a contract shorter than a week is held to a
    week's 48 h. Five 8-hour days from Monday 22.03 to Friday 26.03 (a contract until then)
    pass; six 12-hour days (72 h) in the 10 days from 22.03 still break it."""
    t = make_team([replace(MARI, employed_from=d(3, 29))], break_counts_as_work=True)
    assert found(check(t, shifts(t, "mari", "M", d(3, 29), d(3, 30), d(3, 31))), "average_weekly_hours") == []
    week = make_team([replace(MARI, employed_from=d(3, 22), employed_until=d(3, 26))], break_counts_as_work=True)
    days = [d(3, 22), d(3, 23), d(3, 24), d(3, 25), d(3, 26)]
    assert found(check(week, shifts(week, "mari", "M", *days)), "average_weekly_hours") == []
    [v] = found(check(week, shifts(week, "mari", "A", *days)), "average_weekly_hours")  # 60 h > 48 h
    assert "48 h × 7/7 days = 48.0 h" in v.reason


def test_the_solver_plans_a_contract_of_a_few_days_to_its_norm() -> None:
    """Two needed on 29–31.03, Ann employed from 29.03 (norm 24 h): the solver's 48 h cap over
    her 3 days (20.57 h) made the month impossible; a week's 48 h now holds, as in the checker."""
    from tests.test_solver_support import on

    people = [replace(counsellor("ann"), employed_from=date(2027, 3, 29)), counsellor("cai")]
    t = team(people, [on(date(2027, 3, day), "D", 2) for day in (29, 30, 31)])
    result = solve_month(t, 2027, 3, options=SolveOptions(time_limit=5, workers=2))
    assert result.valid, (result.status, result.shortfalls)
    assert sorted(day.day for (p, day) in cells(result.assignments) if p == "ann") == [29, 30, 31]


def test_a_month_before_the_contract_is_known_with_no_hours_not_a_gap() -> None:
    """A three-month period from January; Mari starts on 01.02. January's rota (others'
    duties; February's has hers) holds none of hers: that read "taken as worked to the norm, as for someone new in
    the team" though her January norm is 0 and so are her hours (a review)."""
    t = make_team([replace(MARI, employed_from=d(2, 1)), person("jaan")], accounting_period_months=3)
    january = shifts(t, "jaan", "M", d(1, 4)) + shifts(t, "jaan", "M", d(2, 2)) + shifts(t, "mari", "M", d(2, 3))
    march = shifts(t, "mari", "M", d(3, 1))
    report = check(t, march, january)
    assert found(report, "accounting_period_history") == []
    assert report.person("mari").period_norm_hours == 149 + 176
    hired_without_duties = make_team([replace(MARI, employed_from=d(1, 15)), person("jaan")],
                                     accounting_period_months=3)
    [v] = found(check(hired_without_duties, march, january), "accounting_period_history")
    assert "as for someone new in the team" in v.reason
