"""Team files: the example loads; bad input names file, line, entry and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.domain import DayType, Role
from scheduler.teamfile import TeamFileError, load_team, parse_team

EXAMPLE = Path(__file__).parents[1] / "examples" / "helpline" / "team.toml"

MINIMAL = """
[team]
name = "t"

[[services]]
code = "L"
name = "Line"

[[shift_types]]
code = "D"
service = "L"
start = "08:00"
end = "16:00"

[[people]]
id = "ann"
name = "Ann"
fte = 1.0
languages = ["et"]
services = ["L"]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(TeamFileError) as info:
        parse_team(text, "team.toml")
    return info.value.problems


def test_example_team_is_realistic() -> None:
    team = load_team(EXAMPLE)
    assert 15 <= len(team.people) <= 20
    assert sum(p.role == Role.TEAM_LEAD for p in team.people) == 1
    assert any(p.fte < 1 for p in team.people)
    assert {"et", "ru", "en"} <= {lang for p in team.people for lang in p.languages}
    assert {s.code for s in team.services} >= {"116006", "116123", "HH"}
    night = team.shift_type("N")
    assert night.crosses_midnight
    assert any(n.languages for n in team.needs)
    assert any(e.kind.value == "supervision" for e in team.events)
    assert team.absences and team.wishes
    assert team.settings.break_counts_as_work is True


def test_minimal_team_defaults() -> None:
    team = parse_team(MINIMAL, "team.toml")
    assert team.people[0].settings.daily_rest_hours == 11
    assert team.people[0].settings.weekly_rest_hours == 36
    assert len(team.substitutions) == 3


def test_weights_whole_numbers_and_tolerance_in_hours() -> None:
    team = parse_team(MINIMAL + """
[settings.weights]
norm_tolerance_hours = 1.5
consecutive_days = 3
lead_line_duty = 90
""", "team.toml")
    w = team.settings.weights
    assert (w.norm_tolerance_hours, w.consecutive_days, w.lead_line_duty) == (1.5, 3, 90)
    # the default last-resort rule (the team lead on counsellor work) costs lead_line_duty
    assert [r.cost for r in team.substitutions if r.last_resort] == [90]
    found = problems(MINIMAL + """
[settings.weights]
norm_tolerance_hours = -1
consecutive_days = 2.5
""")
    assert any("weights.norm_tolerance_hours" in p and "number of hours from 0 to 40" in p for p in found)
    assert any("weights.consecutive_days" in p and "whole number from 0 to 10000" in p for p in found)
    # Oversized values would overflow the solver's exact integer sums: refused at the line.
    found = problems(MINIMAL + """
[settings.weights]
norm_tolerance_hours = 1e300
wish = 10001

[[substitutions]]
substitute = "team_lead"
for = "counsellor"
cost = 99999999999999999999
""")
    assert any("norm_tolerance_hours" in p and "1e+300" in p for p in found)
    assert any("weights.wish" in p and "10001" in p for p in found)
    assert any("substitutions[1]" in p and "field cost" in p for p in found)


def test_last_resort_rule_without_cost_uses_lead_line_duty() -> None:
    team = parse_team(MINIMAL + """
[settings.weights]
lead_line_duty = 75

[[substitutions]]
substitute = "team_lead"
for = "counsellor"
last_resort = true

[[substitutions]]
substitute = "counsellor"
for = "counsellor"
""", "team.toml")
    assert [(r.cost, r.last_resort) for r in team.substitutions] == [(75, True), (0, False)]


def test_syntax_error_names_file_and_line() -> None:
    (msg,) = problems("[team\nname = 1")
    assert msg.startswith("team.toml: not valid TOML") and "line 1" in msg


def test_fte_out_of_range() -> None:
    (msg,) = problems(MINIMAL.replace("fte = 1.0", "fte = 1.5"))
    assert "team.toml line 18: people[1] 'ann', field fte" in msg
    assert "between 0.1 and 1.0, got 1.5" in msg


def test_duplicate_person_id() -> None:
    text = MINIMAL + MINIMAL[MINIMAL.index("[[people]]"):]
    (msg,) = problems(text)
    assert "people[2] 'ann', field id: duplicate person id 'ann'" in msg


def test_unknown_service_in_shift_and_person() -> None:
    msgs = problems(MINIMAL.replace('service = "L"', 'service = "X"').replace('services = ["L"]', 'services = ["Y"]'))
    assert any("shift_types[1] 'D', field service: unknown service 'X'" in m for m in msgs)
    assert any("people[1] 'ann', field services: unknown service 'Y'" in m for m in msgs)


def test_unknown_person_in_absence_and_end_before_start() -> None:
    text = MINIMAL + """
[[absences]]
person = "bob"
kind = "vacation"
from = "2027-03-10"
to = "2027-03-08"
"""
    msgs = problems(text)
    assert any("absences[1] 'bob', field person: unknown person 'bob'" in m for m in msgs)
    assert any("field to: expected a date on or after from = 2027-03-10" in m for m in msgs)


def test_timed_absence_end_before_start() -> None:
    text = MINIMAL + """
[[absences]]
person = "ann"
kind = "other"
start = "2027-03-10T12:00"
end = "2027-03-10T09:00"
"""
    (msg,) = problems(text)
    assert "field end: expected a time after start 2027-03-10 12:00" in msg


def test_event_end_before_start_and_unknown_attendee() -> None:
    text = MINIMAL + """
[[events]]
code = "SUP"
kind = "supervision"
date = "2027-03-10"
start = "13:00"
end = "10:00"
attendees = ["ann", "zed"]
"""
    msgs = problems(text)
    assert any("events[1] 'SUP', field end: expected a time after start 13:00" in m for m in msgs)
    assert any("field attendees: unknown person 'zed'" in m for m in msgs)
    # a time the clocks skip (it was taken as 04:15)
    gap = text.replace("2027-03-10", "2027-03-28").replace('"13:00"', '"03:15"').replace('["ann", "zed"]', '["ann"]')
    assert any("events[1] 'SUP', field start: expected a time that exists on 2027-03-28, got 03:15" in m
               for m in problems(gap))


def test_a_need_on_days_its_shift_never_runs_is_refused() -> None:
    """A weekday-only shift needed on weekend days loaded and never applied; needed on
    weekdays it is fine."""
    text = MINIMAL.replace('end = "16:00"', 'end = "16:00"\nweekdays = [0, 1, 2, 3, 4]') + """
[[needs]]
service = "L"
shift = "D"
days = "weekend"
minimum = 1
"""
    (msg,) = problems(text)
    assert ("needs[1] 'L D', field days: shift 'D' does not run on weekend days (its weekdays: Mon, Tue, Wed, "
            "Thu, Fri): the need could never apply") in msg
    assert len(parse_team(text.replace('"weekend"', '"weekday"'), "team.toml").needs) == 1


def test_two_events_at_once_for_one_attendee_are_refused() -> None:
    """A person attends one event at a time: a meeting inside Ann's supervision loaded, and
    both counted (4 h for 3 h). Back to back, or for other attendees, is fine."""
    def events(meeting_start: str, meeting_end: str, attendees: str) -> str:
        bo = MINIMAL[MINIMAL.index("[[people]]"):].replace('"ann"', '"bo"').replace('"Ann"', '"Bo"')
        return MINIMAL + bo + f"""
[[events]]
code = "SUP"
kind = "supervision"
date = "2027-03-10"
start = "10:00"
end = "13:00"
attendees = ["ann"]

[[events]]
code = "MEET"
kind = "meeting"
date = "2027-03-10"
start = "{meeting_start}"
end = "{meeting_end}"
attendees = {attendees}
"""
    (msg,) = problems(events("11:00", "12:00", '["ann", "bo"]'))
    assert ("events[2] 'MEET', field start: 11:00–12:00 overlaps event SUP (2027-03-10 10:00–13:00) for ann: "
            "a person attends one event at a time") in msg
    assert len(parse_team(events("13:00", "14:00", '["ann", "bo"]'), "team.toml").events) == 2
    assert len(parse_team(events("11:00", "12:00", '["bo"]'), "team.toml").events) == 2


def test_setting_against_the_law_is_refused() -> None:
    text = MINIMAL.replace('name = "t"', 'name = "t"\n\n[settings]\ndaily_rest_hours = 9')
    (msg,) = problems(text)
    assert "settings, field daily_rest_hours" in msg and "TLS § 51" in msg


def test_person_override_within_law_and_team_only_setting() -> None:
    text = MINIMAL + '\n[people.settings]\nmax_average_weekly_hours = 52\n'
    team = parse_team(text, "team.toml")
    assert team.people[0].settings.max_average_weekly_hours == 52
    msgs = problems(MINIMAL + '\n[people.settings]\nholidays_reduce_norm = false\n')
    assert any("field settings.holidays_reduce_norm: cannot be set per person" in m for m in msgs)
    msgs = problems(MINIMAL + '\n[people.settings]\nmax_average_weekly_hours = 60\n')
    assert any("TLS § 46" in m for m in msgs)


def test_long_duty_needs_switch() -> None:
    msgs = problems(MINIMAL.replace('name = "t"', 'name = "t"\n\n[settings]\nmax_duty_hours = 24'))
    assert any("long_shifts_allowed" in m for m in msgs)
    team = parse_team(MINIMAL.replace('name = "t"', 'name = "t"\n\n[settings]\nmax_duty_hours = 24\n'
                                      'long_shifts_allowed = true'), "team.toml")
    assert team.settings.max_duty_hours == 24


def test_night_worker_limit_cannot_exceed_48_hours() -> None:
    msgs = problems(MINIMAL.replace('name = "t"', 'name = "t"\n\n[settings]\nnight_worker_max_hours_7d = 49'))
    assert any("night_worker_max_hours_7d" in m and "48" in m for m in msgs)
    team = parse_team(MINIMAL.replace('name = "t"', 'name = "t"\n\n[settings]\nnight_worker_max_hours_7d = 48'),
                      "team.toml")
    assert team.settings.night_worker_max_hours_7d == 48


def test_24_hour_shift_type_needs_the_long_shift_switch() -> None:
    day24 = MINIMAL.replace('end = "16:00"', 'end = "08:00"')
    [msg] = problems(day24)
    assert "shift_types" in msg and "end" in msg and "long_shifts_allowed" in msg
    team = parse_team(day24.replace('name = "t"', 'name = "t"\n\n[settings]\nlong_shifts_allowed = true'),
                      "team.toml")
    assert team.shift_type("D").elapsed_hours(date(2027, 3, 2)) == 24
    # One person under the switch is enough for the shift type to exist.
    team = parse_team(day24 + "\n[people.settings]\nlong_shifts_allowed = true\n", "team.toml")
    assert team.shift_type("D").crosses_midnight


def test_needs_validation_and_specific_date() -> None:
    base = MINIMAL.replace('languages = ["et"]', 'languages = ["et", "ru"]') + """
[[needs]]
service = "L"
shift = "D"
date = "2027-12-24"
minimum = 2
desired = 1
languages = { ru = 3 }
"""
    msgs = problems(base)
    assert any("field desired: expected at least the minimum 2, got 1" in m for m in msgs)
    assert any("languages.ru" in m for m in msgs)
    ok = parse_team(base.replace("desired = 1", "desired = 3").replace("ru = 3", "ru = 1"), "team.toml")
    assert ok.needs[0].day_type == DayType.DATE



def test_a_need_on_a_date_its_shift_does_not_run_and_a_huge_minimum_are_refused() -> None:
    """A date need for a weekday shift on a Sunday asked for nobody (solve and check both
    ignored it); a minimum near 2**63 crashed the solver."""
    weekdays = MINIMAL.replace('end = "16:00"', 'end = "16:00"\nweekdays = [0, 1, 2, 3, 4]')
    need = '\n[[needs]]\nservice = "L"\nshift = "D"\ndate = "2027-03-07"\nminimum = 1\n'
    assert any("field date: shift 'D' does not run on Sun 2027-03-07 (its weekdays: Mon, Tue, Wed, Thu, Fri)" in m
               for m in problems(weekdays + need))
    assert parse_team(weekdays + need.replace("2027-03-07", "2027-03-08"), "team.toml").needs[0].on == date(2027, 3, 8)
    huge = need.replace("2027-03-07", "2027-03-08").replace("minimum = 1", "minimum = 9223372036854775807")
    assert any("field minimum: expected a whole number of people from 0 to 1000" in m
               for m in problems(weekdays + huge))

def test_need_with_shift_of_other_service() -> None:
    text = MINIMAL.replace('[[people]]', '[[services]]\ncode = "M"\n\n[[people]]') + """
[[needs]]
service = "M"
shift = "D"
minimum = 1
"""
    msgs = problems(text)
    assert any("shift 'D' belongs to service 'L', not 'M'" in m for m in msgs)


def test_window_need_parses_midnight() -> None:
    team = parse_team(MINIMAL + '\n[[needs]]\nservice = "L"\nwindow = "16:00-24:00"\nminimum = 1\n', "team.toml")
    need = team.needs[0]
    start, end = need.window(__import__("datetime").date(2027, 3, 1))
    assert (end - start).total_seconds() == 8 * 3600


def test_a_window_of_the_whole_day_is_written_00_00_to_24_00() -> None:
    """"00:00-24:00" (the line staffed round the clock) was refused though the message says
    24:00 is allowed; it is the whole day in real hours (23 h on the spring DST day). A window
    from a time to the same time is still refused."""
    from datetime import date

    team = parse_team(MINIMAL + '\n[[needs]]\nservice = "L"\nwindow = "00:00-24:00"\nminimum = 1\n', "team.toml")
    need = team.needs[0]
    lengths = [(end.timestamp() - start.timestamp()) / 3600 for start, end in (need.window(date(2027, 3, 1)),
                                                                               need.window(date(2027, 3, 28)))]
    assert lengths == [24, 23]
    (msg,) = problems(MINIMAL + '\n[[needs]]\nservice = "L"\nwindow = "08:00-08:00"\nminimum = 1\n')
    assert "field window: expected a window 'HH:MM-HH:MM' (24:00 allowed)" in msg


def test_unknown_field_and_section() -> None:
    msgs = problems(MINIMAL + "\n[extra]\nx = 1\n" )
    assert any("extra: unknown section" in m for m in msgs)
    msgs = problems(MINIMAL.replace('fte = 1.0', 'fte = 1.0\nfet = 2'))
    assert any("people[1] 'ann', field fet: unknown field" in m for m in msgs)


def test_all_problems_reported_together() -> None:
    text = MINIMAL.replace("fte = 1.0", "fte = 0").replace('start = "08:00"', 'start = "8am"')
    msgs = problems(text)
    assert len(msgs) == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TeamFileError, match="no such file"):
        load_team(tmp_path / "nope.toml")


def test_colours_and_language_codes_are_checked_at_their_line() -> None:
    text = MINIMAL.replace('name = "Line"', 'name = "Line"\ncolour = "purple"\nlanguages = ["fi", "xx"]')
    text = text.replace('languages = ["et"]', 'languages = ["EE", "english"]')
    text += '\n[[needs]]\nservice = "L"\nshift = "D"\nminimum = 1\nlanguages = { rus = 1 }\n'
    msgs = problems(text)
    assert any("services[1] 'L', field colour" in m and "'#rrggbb'" in m for m in msgs)
    assert any("services[1] 'L', field languages" in m for m in msgs)
    assert any("people[1] 'ann', field languages" in m and "two-letter" in m for m in msgs)
    assert any("field languages.rus" in m and "two-letter language code" in m for m in msgs)
    good = MINIMAL.replace('name = "Line"', 'name = "Line"\ncolour = "#8E44AD"\nlanguages = ["et", "ru"]')
    assert parse_team(good, "team.toml").services[0].colour == "#8E44AD"
    # every ISO 639-1 code, also those Babel has no locale for (Samoan)
    assert parse_team(MINIMAL.replace('languages = ["et"]', 'languages = ["et", "sm"]'),
                      "team.toml").people[0].languages == ("et", "sm")


def test_times_that_cannot_be_a_start_or_do_not_exist() -> None:
    # 24:00 is an end only; 03:30 on 2027-03-28 does not exist in Tallinn (clocks go forward).
    msgs = problems(MINIMAL.replace('start = "08:00"', 'start = "24:00"'))
    assert any("shift_types[1] 'D', field start" in m for m in msgs)
    absence = '\n[[absences]]\nperson = "ann"\nkind = "vacation"\nstart = "2027-03-28T03:30"\nend = "2027-03-28T09:00"\n'
    [msg] = problems(MINIMAL + absence)
    assert "field start" in msg and "existing local time" in msg
    ok = absence.replace("03:30", "04:30")
    assert parse_team(MINIMAL + ok, "team.toml").absences[0].start_time.hour == 4


def test_input_that_would_be_silently_ignored_is_refused() -> None:
    both = '\n[[absences]]\nperson = "ann"\nkind = "vacation"\nfrom = "2027-03-01"\nto = "2027-03-08"\n' \
           'start = "2027-03-01T08:00"\nend = "2027-03-01T12:00"\n'
    [msg] = problems(MINIMAL + both)
    assert "either from/to" in msg
    [msg] = problems(MINIMAL.replace('end = "16:00"', 'end = "16:00"\nweekdays = []'))
    assert "field weekdays" in msg and "at least one weekday" in msg
    day_off = '\n[[wishes]]\nperson = "ann"\ndate = "2027-03-02"\nkind = "day_off"\nshift = "D"\n'
    [msg] = problems(MINIMAL + day_off)
    assert "field shift" in msg and "whole day" in msg
    wanted = '\n[[wishes]]\nperson = "ann"\ndate = "2027-03-02"\nkind = "shift_wanted"\n'
    assert parse_team(MINIMAL + wanted, "team.toml").wishes[0].shift is None  # any shift that day


def test_days_far_outside_the_calendar_are_refused() -> None:
    absence = '\n[[absences]]\nperson = "ann"\nkind = "vacation"\nfrom = "9999-12-31"\n'
    [msg] = problems(MINIMAL + absence)
    assert "field from" in msg and "a date YYYY-MM-DD" in msg
    assert parse_team(MINIMAL + absence.replace("9999", "2027"), "team.toml").absences[0].first_day.year == 2027



def test_a_team_file_saved_in_the_baltic_code_page_says_where_and_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_bytes(MINIMAL.replace('name = "Ann"', 'name = "Ülle Mägi"').encode("cp1257"))
    with pytest.raises(TeamFileError) as info:
        load_team(path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{path}: not a UTF-8 text file (line ")
    assert "it reads as Windows-1257 (Baltic): save it as UTF-8" in problem


def test_a_weight_error_names_the_weights_line() -> None:
    text = MINIMAL + "\n[settings]\nweekly_rest_hours = 36\n\n[settings.weights]\nwish = 2\nwishes = 3\n"
    line = text.splitlines().index("wishes = 3") + 1
    (problem,) = problems(text)
    assert f"team.toml line {line}" in problem and "weights.wishes" in problem



def test_a_toml_time_with_seconds_is_refused() -> None:
    (problem,) = problems(MINIMAL.replace('start = "08:00"', "start = 08:00:30"))
    assert "field start" in problem
    assert parse_team(MINIMAL.replace('start = "08:00"', "start = 08:00:00"), "team.toml").shift_types[0].start.hour == 8


def test_an_absence_may_carry_the_hours_its_rota_had_scheduled() -> None:
    """``rota_month`` and ``scheduled_hours`` (both or neither) record what the month's rota
    had planned in an absence (``absence_norm_reduction = "scheduled_hours"``)."""
    from scheduler.teamfile import parse_team

    entry = """
[[absences]]
person = "ann"
kind = "sick"
from = "2027-03-10"
to = "2027-03-12"
"""
    team = parse_team(MINIMAL + entry + 'rota_month = "2027-03"\nscheduled_hours = 22.5\n', "team.toml")
    (absence,) = team.absences
    assert (absence.rota_month, absence.scheduled_hours) == ((2027, 3), 22.5)
    (msg,) = problems(MINIMAL + entry + "scheduled_hours = 22.5\n")
    assert "absences[1] 'ann', field rota_month: missing; expected the month YYYY-MM" in msg
    (msg,) = problems(MINIMAL + entry + 'rota_month = "2027-04"\nscheduled_hours = 22.5\n')
    assert ("field rota_month: expected the month of a day from 2027-03-10 to 2027-03-12 or the month before, "
            "got 2027-04") in msg
    (msg,) = problems(MINIMAL + entry + 'rota_month = "2027-03"\nscheduled_hours = 800\n')
    assert "field scheduled_hours: expected hours from 0 to 745, got 800" in msg


def test_names_and_ids_may_not_start_like_a_spreadsheet_formula() -> None:
    """Exports show ids and names in spreadsheets, which run a cell starting with =, +, - or @
    (``=1+cmd|' /C calc'!A0`` was accepted as a person id)."""
    text = MINIMAL.replace('id = "ann"', 'id = "=1+1"', 1)
    msgs = problems(text)
    assert any("field id: expected a person id not starting with =, +, - or @" in m for m in msgs), msgs
    (msg,) = problems(MINIMAL.replace('[team]\nname = "t"', '[team]\nname = "@SUM(A1)"'))
    assert "field name: expected the team's name, not starting with =, +, - or @" in msg


@pytest.mark.parametrize(("start", "end", "field"), [("03:00", "11:00", "start"), ("03:30", "10:00", "start"),
                                                     ("20:00", "03:59", "end")])
def test_a_shift_type_at_a_time_the_spring_night_skips_is_refused(start: str, end: str, field: str) -> None:
    """03:00–03:59 does not exist on the last Sunday of March (clocks 03:00 → 04:00): a shift
    type starting 03:00 was written that day as 04:00–04:00, 0 h, covering its need, and the
    next `rota check` refused the file the solve wrote; 03:30–10:00 silently became 04:30–10:00.
    02:59 and 04:00 pass."""
    [msg] = problems(MINIMAL.replace('start = "08:00"', f'start = "{start}"').replace('end = "16:00"',
                                                                                    f'end = "{end}"'))
    assert f"shift_types[1] 'D', field {field}: expected a time every day has" in msg
    assert "clocks go forward from 03:00 to 04:00" in msg and msg.startswith("team.toml line")
    ok = MINIMAL.replace('start = "08:00"', 'start = "04:00"').replace('end = "16:00"', 'end = "02:59"')
    assert parse_team(ok, "team.toml").shift_types[0].start.hour == 4


def test_a_language_minimum_nobody_in_the_file_speaks_is_refused() -> None:
    """languages = { fi = 1 } loaded, and every day of every month then broke the minimum (a
    CLI review): a language nobody in the file speaks is a typing error, named at load."""
    need = '\n[[needs]]\nservice = "L"\nshift = "D"\nminimum = 1\nlanguages = { fi = 1 }\n'
    [msg] = problems(MINIMAL + need)
    assert "needs[1] 'L D', field languages.fi: nobody in the file speaks 'fi' (the people speak et)" in msg
    assert parse_team(MINIMAL + need.replace("fi = 1", "et = 1"), "team.toml").needs[0].languages[0].count == 1


def test_toml_slips_are_explained_and_values_written_as_in_the_file() -> None:
    """tomllib's "Cannot overwrite a value" and "Illegal character '\\n'" were passed on as they
    are, and fte = true was reported as "got True" (a CLI review)."""
    [dup] = problems(MINIMAL.replace('fte = 1.0', 'fte = 1.0\nfte = 0.5'))
    assert "not valid TOML: Cannot overwrite a value (at line" in dup and "probably a key given twice" in dup
    [open_string] = problems(MINIMAL.replace('name = "Ann"', 'name = "Ann'))
    assert "probably a string not closed on its line" in open_string
    [boolean] = problems(MINIMAL.replace('fte = 1.0', 'fte = true'))
    assert boolean.endswith("got true")


def test_an_unknown_setting_of_a_person_lists_only_what_a_person_may_set() -> None:
    """A typo under [people.settings] listed every team setting as a choice, most of which a
    person may not set (a CLI review)."""
    [msg] = problems(MINIMAL + '\n[people.settings]\nweekly_rest_hour = 47\n')
    assert "field settings.weekly_rest_hour: unknown setting; expected one of" in msg
    assert "weekly_rest_hours" in msg and "accounting_period_months" not in msg


def test_an_attendee_listed_twice_is_refused() -> None:
    """attendees = ["ann", "ann"] loaded; the solver planned the event twice and its own checker
    then rejected every rota (the event overlapping itself; a review)."""
    event = ('\n[[events]]\ncode = "SUP"\nkind = "supervision"\ndate = "2027-03-10"\nstart = "10:00"\n'
             'end = "12:00"\nattendees = ["ann", "ann"]\n')
    [msg] = problems(MINIMAL + event)
    assert "events[1] 'SUP', field attendees: 'ann' listed twice" in msg
    assert parse_team(MINIMAL + event.replace('["ann", "ann"]', '["ann"]'), "team.toml").events[0].attendees == ("ann",)
    need = '\n[[needs]]\nservice = "L"\nshift = "D"\nminimum = 1\nlanguages = { ru = 1 }\n'
    spaced = MINIMAL.replace('languages = ["et"]', 'languages = ["et", "ru "]')  # read as ru
    assert parse_team(spaced + need, "team.toml").needs[0].languages[0].language == "ru"
