"""The interchange format round-trips, keeps UTC offsets, and names bad lines."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.domain import TALLINN, Assignment, local
from scheduler.rotafile import HEADER, RotaFileError, parse_assignments, read_assignments, write_assignments


def night(day: date) -> Assignment:
    start = local(day, time(22))
    end = local(date.fromordinal(day.toordinal() + 1), time(8))
    hours = (end.astimezone(TALLINN).timestamp() - start.timestamp()) / 3600
    return Assignment("mari", day, "N", start, end, hours, "shift")


def test_header_is_the_contract() -> None:
    assert HEADER == ["person", "date", "shift", "start", "end", "hours", "kind"]
    text = write_assignments([night(date(2027, 3, 27))])
    assert text.splitlines()[0] == "person,date,shift,start,end,hours,kind"


def test_dst_nights_carry_offsets_and_real_hours() -> None:
    text = write_assignments([night(date(2027, 3, 27)), night(date(2027, 10, 30))])
    lines = text.splitlines()
    assert lines[1] == "mari,2027-03-27,N,2027-03-27T22:00:00+02:00,2027-03-28T08:00:00+03:00,9.0,shift"
    assert lines[2] == "mari,2027-10-30,N,2027-10-30T22:00:00+03:00,2027-10-31T08:00:00+02:00,11.0,shift"


def test_round_trip(tmp_path: Path) -> None:
    rows = [night(date(2027, 3, 27)), night(date(2027, 10, 30)),
            Assignment("ann", date(2027, 3, 10), "SUP", local(date(2027, 3, 10), time(10)),
                       local(date(2027, 3, 10), time(13)), 3.0, "event")]
    write_assignments(rows, tmp_path / "a.csv")
    back = read_assignments(tmp_path / "a.csv")
    assert sorted(back, key=lambda a: a.start) == sorted(rows, key=lambda a: a.start)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 30)),
    start_minute=st.integers(0, 23 * 60 + 59),
    length=st.integers(15, 24 * 60),
    person=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-_", min_size=1, max_size=12),
)
def test_round_trip_property(day: date, start_minute: int, length: int, person: str) -> None:
    start = local(day, time(start_minute // 60, start_minute % 60))
    start = start.astimezone(TALLINN)
    end = datetime.fromtimestamp(start.timestamp() + length * 60, TALLINN)
    start = datetime.fromtimestamp(start.timestamp(), TALLINN)
    row = Assignment(person, start.date(), "X", start, end, round(length / 60, 2), "shift")
    (back,) = parse_assignments(write_assignments([row]))
    assert back.start == row.start and back.end == row.end and back.person == person
    assert back.hours == pytest.approx(row.hours, abs=0.005)
    assert back.start.utcoffset() == row.start.utcoffset()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("mari,2027-03-32,N,2027-03-27T22:00:00+02:00,2027-03-28T08:00:00+03:00,9,shift", "line 2, field date"),
        ("mari,2027-03-27,N,2027-03-27T22:00:00,2027-03-28T08:00:00+03:00,9,shift", "line 2, field start: expected a time with UTC offset"),
        ("mari,2027-03-27,N,2027-03-27T22:00:00+02:00,2027-03-27T21:00:00+02:00,9,shift", "line 2, field end"),
        ("mari,2027-03-27,N,2027-03-27T22:00:00+02:00,2027-03-28T08:00:00+03:00,x,shift", "line 2, field hours"),
        ("mari,2027-03-27,N,2027-03-27T22:00:00+02:00,2027-03-28T08:00:00+03:00,9,work", "line 2, field kind"),
        ("mari,2027-03-26,N,2027-03-27T22:00:00+02:00,2027-03-28T08:00:00+03:00,9,shift", "line 2, field date: expected the local day"),
        ("mari,2027-03-27,N", "line 2: expected 7 fields, got 3"),
    ],
)
def test_bad_rows_name_line_and_field(line: str, message: str) -> None:
    with pytest.raises(RotaFileError, match=message):
        parse_assignments("person,date,shift,start,end,hours,kind\n" + line + "\n", "rota.csv")


def test_wrong_header() -> None:
    with pytest.raises(RotaFileError, match="rota.csv line 1: expected the header"):
        parse_assignments("who,when\n", "rota.csv")


def test_absences_round_trip_and_bad_lines_name_line_and_field(tmp_path) -> None:
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.rotafile import read_absences, write_absences

    path = tmp_path / "absences.csv"
    sick = Absence("jaan", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 3, 21), note="sick leave (replan)")
    write_absences([sick], path)
    assert read_absences(path) == [sick]
    for line, error in [("jaan,ill,2027-03-15,2027-03-21,", "line 2, field kind"),
                        ("jaan,sick,2027-03-15,21.03.2027,", "line 2, field to: expected a date YYYY-MM-DD"),
                        ("jaan,sick,2027-03-15,2027-03-14,", "line 2, field to: expected a day not before"),
                        ("jaan,sick,2027-03-15", "line 2: expected 5 fields, got 3")]:
        path.write_text("person,kind,from,to,note\n" + line + "\n", encoding="utf-8")
        with pytest.raises(RotaFileError, match=re.escape(f"{path} {error}")):
            read_absences(path)



def test_a_wall_time_the_clocks_skip_is_written_as_the_instant_it_is() -> None:
    """A shift type starting 03:30 on 28.03.2027 (the clocks go 03:00 → 04:00) starts at
    04:30+03:00; it was written as the non-existent 03:30+02:00 (the same instant)."""
    from datetime import date, time

    from scheduler.domain import Assignment, local
    from scheduler.rotafile import parse_assignments, write_assignments

    day = date(2027, 3, 28)
    row = Assignment("mari", day, "P", local(day, time(3, 30)), local(day, time(11, 30)), 7.0)
    text = write_assignments([row])
    assert "2027-03-28T04:30:00+03:00" in text and "03:30" not in text
    (back,) = parse_assignments(text)
    assert back.start.timestamp() == row.start.timestamp() and back.day == day  # the same instant


def test_absences_keep_the_hours_their_rota_had_scheduled_and_old_files_still_read(tmp_path) -> None:
    """absences.csv records the rota month and scheduled hours of a re-planned absence
    (``absence_norm_reduction = "scheduled_hours"``); a file with the earlier five columns
    reads as absences recorded on no rota; a bad month or hours names the line and field."""
    from scheduler.domain import Absence, AbsenceKind
    from scheduler.rotafile import read_absences, write_absences

    path = tmp_path / "absences.csv"
    sick = Absence("jaan", AbsenceKind.SICK, date(2027, 4, 1), date(2027, 4, 3), note="sick leave (replan)",
                   rota_month=(2027, 3), scheduled_hours=17.5)
    plain = Absence("mari", AbsenceKind.VACATION, date(2027, 3, 8), date(2027, 3, 9))
    write_absences([sick, plain], path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        "person,kind,from,to,note,rota_month,scheduled_hours",
        "mari,vacation,2027-03-08,2027-03-09,,,",
        "jaan,sick,2027-04-01,2027-04-03,sick leave (replan),2027-03,17.5"]
    assert read_absences(path) == [plain, sick]
    path.write_text("person,kind,from,to,note\njaan,sick,2027-03-15,2027-03-21,\n", encoding="utf-8")
    assert read_absences(path) == [Absence("jaan", AbsenceKind.SICK, date(2027, 3, 15), date(2027, 3, 21))]
    header = "person,kind,from,to,note,rota_month,scheduled_hours\n"
    for line, error in [("jaan,sick,2027-03-15,2027-03-21,,2027-3,8", "line 2, field rota_month: expected a month"),
                        ("jaan,sick,2027-03-15,2027-03-21,,2027-05,8", "line 2, field rota_month: expected the "
                                                                       "month of a day from 2027-03-15"),
                        ("jaan,sick,2027-03-15,2027-03-21,,,8", "line 2, field rota_month: expected the month"),
                        ("jaan,sick,2027-03-15,2027-03-21,,2027-03,", "line 2, field scheduled_hours"),
                        ("jaan,sick,2027-03-15,2027-03-21,,2027-03,-1", "line 2, field scheduled_hours: "
                                                                        "expected hours from 0 to 745")]:
        path.write_text(header + line + "\n", encoding="utf-8")
        with pytest.raises(RotaFileError, match=re.escape(f"{path} {error}")):
            read_absences(path)
    path.write_text("", encoding="utf-8")
    with pytest.raises(RotaFileError, match=re.escape(f"{path}: empty file; expected the header {header.strip()}")):
        read_absences(path)
    path.write_text(header + "jaan,sick,2027-03-01,2027-03-02,,2027-02,10\n", encoding="utf-8")
    assert read_absences(path)[0].rota_month == (2027, 2)  # the month's last night ran into it


def test_a_time_with_an_offset_tallinn_does_not_have_then_is_refused() -> None:
    """A hand-edited end 08:00+03:00 in January (Tallinn is at +02:00 then) was read as 07:00
    and shortened the night by an hour without a word; both offsets of the autumn night's
    repeated hour are Tallinn's and read."""
    header = "person,date,shift,start,end,hours,kind\n"
    text = header + "mari,2027-01-10,N,2027-01-10T22:00:00+02:00,2027-01-11T08:00:00+03:00,10.0,shift\n"
    with pytest.raises(RotaFileError, match=re.escape(
            "h.csv line 2, field end: expected a Tallinn local time with its offset "
            "(2027-01-11T07:00:00+02:00 for that instant; +02:00 on 2027-01-11)")):
        parse_assignments(text, "h.csv")
    for end in ("2027-10-31T03:30:00+03:00", "2027-10-31T03:30:00+02:00"):
        (row,) = parse_assignments(header + f"mari,2027-10-30,N,2027-10-30T22:00:00+03:00,{end},5.5,shift\n")
        assert row.end.isoformat() == end


def test_every_bad_line_is_named_at_once_and_a_duplicated_row_by_both_lines() -> None:
    """A hand-edited file with three bad lines was refused one line at a time (the team file
    names every problem at once), and a row pasted twice was read as two duties, reported by
    the checker as two starts a day without line numbers (a CLI review)."""
    good = "mari,2027-03-01,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift"
    text = "\n".join([",".join(HEADER), good,
                      "mari,2027-03-02,P,08:00,2027-03-02T16:00:00+02:00,8.0,shift",
                      "jaan,2027-03-32,P,2027-03-01T08:00:00+02:00,2027-03-01T16:00:00+02:00,8.0,shift",
                      good,
                      "olga,2027-03-03,P,2027-03-03T08:00:00+02:00,2027-03-03T16:00:00+02:00,8.0,sift"]) + "\n"
    with pytest.raises(RotaFileError) as info:
        parse_assignments(text, "a.csv")
    assert str(info.value).splitlines() == [
        "a.csv line 3, field start: expected an ISO 8601 time with UTC offset, got '08:00'",
        "a.csv line 4, field date: expected a date YYYY-MM-DD, got '2027-03-32'",
        "a.csv lines 2 and 5: the same shift P of mari on 2027-03-01 twice (delete one)",
        "a.csv line 6, field kind: expected shift or event, got 'sift'",
    ]
    assert len(parse_assignments("\n".join([",".join(HEADER), good]) + "\n", "a.csv")) == 1


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    """A file saved as 'Unicode text' (UTF-16) was told it reads as Windows-1257: wrong advice."""
    path = tmp_path / "a.csv"
    path.write_bytes((",".join(HEADER) + "\n").encode("utf-16"))
    with pytest.raises(RotaFileError, match=r"a.csv: not a UTF-8 text file \(line 1: it is UTF-16 .*save it as UTF-8\)"):
        read_assignments(path)
