"""Where a re-plan after sick leave starts, and which absences concern a month's rota."""

from __future__ import annotations

from datetime import date, time

from scheduler.domain import Absence, AbsenceKind, Assignment, local
from scheduler.replan import first_affected_day, one_absence_a_span, touches_month

MARCH = (date(2027, 3, 1), date(2027, 3, 31))


def night(person: str, day: date) -> Assignment:
    """22:00 → 08:00 the next morning."""
    end_day = date.fromordinal(day.toordinal() + 1)
    return Assignment(person, day, "N", local(day, time(22)), local(end_day, time(8)), 10.0, "shift")


def sick(person: str, first: date, last: date) -> Absence:
    return Absence(person, AbsenceKind.SICK, first, last)


def test_a_night_into_the_first_sick_day_is_re_planned_too() -> None:
    shifts = [night("mari", date(2027, 3, 16)), night("jaan", date(2027, 3, 17))]
    assert first_affected_day(shifts, [sick("mari", date(2027, 3, 17), date(2027, 3, 18))]) == date(2027, 3, 16)
    assert first_affected_day(shifts, [sick("mari", date(2027, 3, 18), date(2027, 3, 19))]) == date(2027, 3, 18)


def test_sick_from_the_first_of_next_month_concerns_the_last_night_of_this_one() -> None:
    last_night = [night("mari", date(2027, 3, 31))]
    april = sick("mari", date(2027, 4, 1), date(2027, 4, 3))
    assert touches_month(april, last_night, *MARCH)
    assert first_affected_day(last_night, [april]) == date(2027, 3, 31)
    # without that night, or for someone else, April is no business of March's rota
    assert not touches_month(april, [], *MARCH)
    assert not touches_month(sick("jaan", date(2027, 4, 1), date(2027, 4, 3)), last_night, *MARCH)
    assert touches_month(sick("jaan", date(2027, 3, 30), date(2027, 4, 3)), [], *MARCH)


def test_absences_given_together_that_share_a_day_are_one() -> None:
    """Mari's 15th–16th and 20th–22nd, then the 16th–20th bridging them: one absence of the
    15th–22nd joining all three; Jaan's of the same days, and Mari's meeting it on the 23rd,
    stay their own."""
    given = [sick("mari", date(2027, 3, 15), date(2027, 3, 16)), sick("jaan", date(2027, 3, 15), date(2027, 3, 22)),
             sick("mari", date(2027, 3, 20), date(2027, 3, 22)), sick("mari", date(2027, 3, 23), date(2027, 3, 24)),
             sick("mari", date(2027, 3, 16), date(2027, 3, 20))]
    assert one_absence_a_span(given) == [(sick("mari", date(2027, 3, 15), date(2027, 3, 22)), (0, 2, 4)),
                                         (given[1], (1,)), (given[3], (3,))]
