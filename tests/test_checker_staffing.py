"""Who may be where: eligibility (incl. substitution), one duty start a day, overlapping
duties, absences and events, and rows the team file does not know."""

from __future__ import annotations


from datetime import datetime, time
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
    raw,
    shift,
    st,
    vacation,
)
from scheduler.checker import check_rota
from scheduler.domain import (
    TALLINN,
    Absence,
    AbsenceKind,
    Assignment,
    Person,
    Role,
    SubstitutionRule,
    Team,
)

TYPES = SHIFT_TYPES + (
    st("S1", "08:00", "12:00"),
    st("S2", "14:00", "18:00"),
    st("E3", "16:00", "01:00"),
    st("WD", "09:00", "17:00", weekdays=(0, 1, 2, 3, 4)),
)
MARI = person("mari", "Mari Tamm")
LIIS = person("liis", "Liis Lepp", role=Role.TEAM_LEAD, services=(CRISIS, DESK))
PEETER = person("peeter", "Peeter Saar", services=(CRISIS, DESK))  # a counsellor


def team(people: Sequence[Person] = (MARI, LIIS, PEETER), **kw: Any) -> Team:
    return make_team(people, shift_types=TYPES, **kw)


# --- eligibility -----------------------------------------------------------------------------


def test_eligible_people_pass() -> None:
    t = team()
    rows = [
        shift(t, "mari", d(3, 2), "A"),
        shift(t, "liis", d(3, 3), "A"),  # the lead on counsellor duty: substitution rule
        shift(t, "peeter", d(3, 4), "V"),  # a counsellor on the lead's desk: substitution rule
    ]
    assert found(check(t, rows), "eligibility") == []


def test_service_must_be_among_the_persons_services() -> None:
    t = team()
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "V")]), "eligibility")
    assert v.person == "mari" and "DESK" in v.reason and "not among their services" in v.reason


def test_role_needs_a_substitution_rule() -> None:
    no_lead_on_line = (SubstitutionRule(Role.COUNSELLOR, Role.TEAM_LEAD),)
    t = team(substitutions=no_lead_on_line)
    [v] = found(check(t, [shift(t, "liis", d(3, 3), "A")]), "eligibility")
    assert "no substitution rule lets a team_lead stand in for a counsellor" in v.reason
    assert found(check(t, [shift(t, "peeter", d(3, 3), "V")]), "eligibility") == []
    nobody = team(substitutions=())
    assert len(found(check(nobody, [shift(nobody, "peeter", d(3, 3), "V")]), "eligibility")) == 1


def test_inactive_person_may_not_work() -> None:
    t = team((person("mari", "Mari Tamm", active=False),))
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "A")]), "eligibility")
    assert "not active" in v.reason


def test_a_duty_of_someone_who_has_left_since_on_a_day_already_past_is_what_happened() -> None:
    """Mari worked the 2nd and was set inactive when she left: correcting the month afterwards
    showed every one of her past duties as a hard violation and blocked publishing. A duty of
    hers not yet begun still is one."""
    t = team((person("mari", "Mari Tamm", active=False),))
    rows = [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 20), "A")]
    [v] = found(check_rota(t, 2027, 3, rows, recorded_before=d(3, 15)), "eligibility")
    assert "not active" in v.reason and "2027-03-20" in v.reason


def test_a_past_duty_the_team_data_no_longer_allows_was_worked_as_the_team_was_then() -> None:
    """Mari worked the desk (V) on the 2nd, the night N of the 3rd and the weekday shift WD on
    Saturday the 6th; since then she no longer takes the desk, may not work nights and WD runs
    on weekdays only — changes meant for the days ahead, which blocked every re-plan and
    publish of the month. On days already past (``recorded_before``) they are what happened;
    the same duties ahead are still refused."""
    t = team((person("mari", "Mari Tamm", may_work_nights=False),))
    rows = [shift(t, "mari", d(3, 2), "V"), shift(t, "mari", d(3, 3), "N"),
            raw("mari", at(2027, 3, 6, 9), at(2027, 3, 6, 17), code="WD")]
    later = [shift(t, "mari", d(3, 16), "V"), shift(t, "mari", d(3, 17), "N"),
             raw("mari", at(2027, 3, 20, 9), at(2027, 3, 20, 17), code="WD")]
    past = check_rota(t, 2027, 3, rows + later, recorded_before=d(3, 7))
    assert [v.start.day for v in found(past, "eligibility")] == [16, 17]
    [weekday] = found(past, "unknown_references")
    assert "does not run on 2027-03-20 (Sat)" in weekday.reason
    # checked before the 2nd: every one of them is a fault of the plan
    ahead = check_rota(t, 2027, 3, rows + later, recorded_before=d(3, 2))
    assert len(found(ahead, "eligibility")) == 4 and len(found(ahead, "unknown_references")) == 2
    # checked at noon on the 16th: the desk V that began that morning is under way, worked too
    noon = check_rota(t, 2027, 3, rows + later, recorded_before=d(3, 16),
                      begun_before=datetime(2027, 3, 16, 12, tzinfo=TALLINN))
    assert [v.start.day for v in found(noon, "eligibility")] == [17]


def test_an_inactive_attendee_of_an_event_has_no_work_from_it() -> None:
    """Jaan left the team (inactive) but is still listed for the supervision: the report
    gave him its 3 h and a balance of −173 h with no row in the rota. Someone active gets
    them."""
    supervision = event("SUP", d(3, 10), "10:00", "13:00", ["mari", "jaan"])
    t = team((MARI, person("jaan", "Jaan Kask", active=False)), events=(supervision,))
    report = check(t, [])
    assert [p.person for p in report.people] == ["mari"]
    assert report.person("mari").planned_hours == 3.0
    # checked after the 10th: he attended it before he left
    past = check_rota(t, 2027, 3, [], recorded_before=d(3, 15))
    assert past.person("jaan").planned_hours == 3.0


def test_may_work_nights_false() -> None:
    t = team((person("mari", "Mari Tamm", may_work_nights=False),))
    # E 16–24 has 2 h at night: allowed.
    assert found(check(t, [shift(t, "mari", d(3, 2), "E")]), "eligibility") == []
    # E3 16–01 has 3 h at night, N 20–08 has 8 h: night work.
    [v] = found(check(t, [shift(t, "mari", d(3, 2), "E3")]), "eligibility")
    assert "may not work nights" in v.reason and "3.0 h at night" in v.reason
    assert len(found(check(t, [shift(t, "mari", d(3, 2), "N")]), "eligibility")) == 1


# --- one duty start per day ------------------------------------------------------------------


def test_two_shift_starts_on_one_day() -> None:
    t = team()
    rows = [shift(t, "mari", d(3, 2), "S1"), shift(t, "mari", d(3, 2), "S2")]
    [v] = found(check(t, rows), "one_duty_start_per_day")
    assert "2 shifts start on 2027-03-02 (Tue)" in v.reason
    # 08–12 and 14–18 span 10 h: legal under the daily rest, only the split is the problem.
    assert found(check(t, rows), "daily_rest") == []
    assert found(check(team(split_duties_allowed=True), rows), "one_duty_start_per_day") == []


def test_one_shift_a_day_passes() -> None:
    t = team()
    rows = [shift(t, "mari", d(3, 2), "N"), shift(t, "mari", d(3, 4), "S1")]
    assert found(check(t, rows), "one_duty_start_per_day") == []


# --- overlapping duties ----------------------------------------------------------------------


def test_overlapping_shifts() -> None:
    t = team()
    rows = [shift(t, "mari", d(3, 2), "A"), shift(t, "mari", d(3, 2), "M")]
    [v] = found(check(t, rows), "no_overlapping_duties")
    assert v.person == "mari"


def test_touching_shifts_do_not_overlap() -> None:
    t = team()
    rows = [shift(t, "mari", d(3, 2), "M"), shift(t, "mari", d(3, 2), "E")]  # 08–16, 16–24
    assert found(check(t, rows), "no_overlapping_duties") == []


def test_shift_overlapping_an_event_row() -> None:
    t = team()
    meeting = raw("mari", at(2027, 3, 2, 15), at(2027, 3, 2, 17), code="MEET", kind="event")
    rows = [shift(t, "mari", d(3, 2), "M"), meeting]
    [v] = found(check(t, rows), "no_overlapping_duties")
    assert "overlaps event MEET" in v.reason


def test_two_events_at_once_or_an_event_row_written_twice_overlap() -> None:
    """A person attends one event at a time: a meeting inside the supervision, or the
    supervision's row written twice, counted the hours twice with the verdict OK. Back to
    back is no overlap."""
    supervision = event("SUP", d(3, 10), "10:00", "13:00", ["mari"])
    for meeting, overlapping in ((event("MEET", d(3, 10), "11:00", "12:00", ["mari"]), True),
                                 (event("MEET", d(3, 10), "13:00", "14:00", ["mari"]), False)):
        t = team(events=(supervision, meeting))
        rows = [event_row(supervision, "mari"), event_row(meeting, "mari")]
        for given in (rows, []):  # the events' rows, or the team file's events alone
            violations = found(check(t, given), "no_overlapping_duties")
            assert len(violations) == overlapping, violations
            if overlapping:
                assert "Mari" in violations[0].reason and "overlaps event" in violations[0].reason
    t = team(events=(supervision,))
    once = found(check(t, [event_row(supervision, "mari")]), "no_overlapping_duties")
    twice = found(check(t, [event_row(supervision, "mari")] * 2), "no_overlapping_duties")
    assert once == [] and len(twice) == 1
    assert "SUP 2027-03-10 10:00–13:00 overlaps event SUP 2027-03-10 10:00–13:00" in twice[0].reason


def test_overlap_with_the_history() -> None:
    t = team()
    history = [shift(t, "mari", d(2, 28), "N")]  # until 2027-03-01 08:00
    early = raw("mari", at(2027, 3, 1, 7), at(2027, 3, 1, 15), code="X7")
    assert len(found(check(t, [early], history), "no_overlapping_duties")) == 1
    assert found(check(t, [shift(t, "mari", d(3, 1), "M")], history), "no_overlapping_duties") == []


# --- absences and events ---------------------------------------------------------------------


def test_no_duty_during_a_vacation() -> None:
    t = team(absences=[vacation("mari", d(3, 10), d(3, 14))])
    [v] = found(check(t, [shift(t, "mari", d(3, 12), "A")]), "absences_and_events")
    assert "vacation absence 2027-03-10 to 2027-03-14" in v.reason
    assert found(check(t, [shift(t, "mari", d(3, 15), "A")]), "absences_and_events") == []
    # A night starting the evening before runs into the first vacation day.
    assert len(found(check(t, [shift(t, "mari", d(3, 9), "N")]), "absences_and_events")) == 1
    # Ending at the first vacation day's midnight is fine.
    assert found(check(t, [shift(t, "mari", d(3, 9), "E")]), "absences_and_events") == []


def test_part_day_absence() -> None:
    doctor = Absence("mari", AbsenceKind.OTHER, d(3, 20), d(3, 20), time(9), time(12))
    t = team(absences=[doctor])
    assert len(found(check(t, [shift(t, "mari", d(3, 20), "A")]), "absences_and_events")) == 1
    assert found(check(t, [shift(t, "mari", d(3, 20), "E")]), "absences_and_events") == []


def test_no_shift_over_an_event_the_person_attends() -> None:
    sup = event("SUP", d(3, 16), "10:00", "12:00", ["mari"])
    t = team(events=[sup])
    [v] = found(check(t, [shift(t, "mari", d(3, 16), "A")]), "absences_and_events")
    assert "overlaps the supervision SUP" in v.reason
    assert found(check(t, [shift(t, "peeter", d(3, 16), "A")]), "absences_and_events") == []
    assert found(check(t, [shift(t, "mari", d(3, 16), "E")]), "absences_and_events") == []


def test_events_are_working_time_and_counted_once() -> None:
    sup = event("SUP", d(3, 16), "10:00", "12:00", ["mari", "peeter"])
    t = team(events=[sup], absences=[vacation("peeter", d(3, 16), d(3, 16))])
    report = check(t, [])
    assert report.person("mari").planned_hours == 2.0
    assert report.person("peeter").planned_hours == 0.0  # absent: not working time
    # The rota's own row for the same event is the same working time.
    report = check(t, [event_row(sup, "mari")])
    assert report.person("mari").planned_hours == 2.0
    assert found(report, "no_overlapping_duties") == []
    assert found(report, "unknown_references") == []


def test_event_blocks_rest() -> None:
    # A supervision 06:00–08:00 after a shift ending at midnight leaves only 6 h rest.
    sup = event("SUP", d(3, 3), "06:00", "08:00", ["mari"])
    t = team(events=[sup])
    rows = [shift(t, "mari", d(3, 2), "E"), shift(t, "mari", d(3, 3), "S2")]
    [v] = found(check(t, rows), "daily_rest")
    assert "only 6.0 h rest" in v.reason and v.start == at(2027, 3, 3, 6)
    assert found(check(team(), rows), "daily_rest") == []
    # Supervision 06–08 then a shift 08–20 is one duty of 14 h.
    rows = [shift(t, "mari", d(3, 3), "A")]
    [v] = found(check(t, rows), "daily_rest")
    assert "a duty of 14.0 h from 2027-03-03 06:00 to 20:00" in v.reason


# --- unknown references ----------------------------------------------------------------------


def test_known_rows_pass() -> None:
    t = team()
    rows = [shift(t, "mari", d(3, 27), "L"), shift(t, "mari", d(3, 2), "WD")]  # incl. DST night
    assert found(check(t, rows), "unknown_references") == []


def test_unknown_person_and_codes() -> None:
    t = team()
    ghost = shift(t, "mari", d(3, 2), "A")
    ghost = Assignment("ghost", ghost.day, "A", ghost.start, ghost.end, ghost.hours)
    [v] = found(check(t, [ghost]), "unknown_references")
    assert "ghost" in v.reason and "not in the team file" in v.reason
    bad_code = raw("mari", at(2027, 3, 2, 8), at(2027, 3, 2, 20), code="NOPE")
    [v] = found(check(t, [bad_code]), "unknown_references")
    assert "'NOPE'" in v.reason
    bad_event = raw("mari", at(2027, 3, 2, 8), at(2027, 3, 2, 9), code="PARTY", kind="event")
    assert len(found(check(t, [bad_event]), "unknown_references")) == 1


def test_shift_times_must_match_the_shift_type_that_day() -> None:
    t = team()
    late = raw("mari", at(2027, 3, 2, 9), at(2027, 3, 2, 20), code="A")
    [v] = found(check(t, [late]), "unknown_references")
    assert "does not match shift A, which runs 2027-03-02 08:00–20:00" in v.reason
    saturday = raw("mari", at(2027, 3, 6, 9), at(2027, 3, 6, 17), code="WD")
    [v] = found(check(t, [saturday]), "unknown_references")
    assert "does not run on 2027-03-06 (Sat)" in v.reason


def test_rows_after_the_month_are_reported_not_checked() -> None:
    t = team()
    report = check(t, [shift(t, "mari", d(4, 1), "A")])
    [v] = found(report, "unknown_references")
    assert v.severity == "soft" and report.ok
