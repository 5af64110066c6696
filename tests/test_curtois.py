"""Curtois & Qu benchmark support: reader, independent evaluator, CP-SAT blocks and runner."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from bench import curtois
from bench.curtois_evaluate import (
    SolutionFormatError,
    evaluate,
    evaluate_files,
    read_solution,
    write_solution,
)
from bench.curtois_evaluate import main as evaluate_main
from bench.curtois_format import InstanceFormatError, load_instance, parse_instance
from scheduler import cpsat_blocks as blocks

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "curtois"


# Two weeks, two shifts (L may not be followed by E), two employees. Weekends: 5-6, 12-13.
SMALL = """\
# synthetic test instance
SECTION_HORIZON
14

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=2,6000,1440,4,2,2,1
B,E=14|L=0,4800,480,3,1,1,2

SECTION_DAYS_OFF
A,6
B,0

SECTION_SHIFT_ON_REQUESTS
A,1,E,2
B,3,E,3

SECTION_SHIFT_OFF_REQUESTS
A,2,L,5

SECTION_COVER
0,E,1,100,1
1,E,1,100,1
2,E,1,100,1
3,E,1,100,1
4,E,1,100,1
5,E,1,100,1
6,E,1,100,1
7,E,1,100,1
8,E,1,100,1
9,E,1,100,1
10,E,1,100,1
11,E,1,100,1
12,E,1,100,1
13,E,1,100,1
2,L,1,50,2
9,L,1,50,2
"""

#: A legal roster of SMALL ('.' = day off); objective 310 (worked out in test_legal_solution)
LEGAL = {"A": "EEL....EEL....", "B": ".EE.EEE.E.EE.E"}


def rows(roster: dict[str, str]) -> list[tuple[str, int, str]]:
    return [(emp, d, s) for emp, days in roster.items() for d, s in enumerate(days) if s != "."]


def with_day(roster: dict[str, str], emp: str, day: int, shift: str) -> dict[str, str]:
    days = list(roster[emp])
    days[day] = shift
    return {**roster, emp: "".join(days)}


@pytest.fixture
def small():
    return parse_instance(SMALL, "Small.txt")


def rules(instance, roster) -> list[tuple[str, int | None, str]]:
    return [(v.employee, v.day, v.rule) for v in evaluate(instance, rows(roster)).violations]


# ------------------------------------------------------------------------------------------
# reader
# ------------------------------------------------------------------------------------------
def test_reader_parses_all_sections(small):
    assert small.name == "Small"
    assert small.horizon == 14
    assert [(s.id, s.minutes, s.cannot_follow) for s in small.shifts] == [
        ("E", 480, ()),
        ("L", 600, ("E",)),
    ]
    a, b = small.staff
    assert a.max_shifts == {"E": 14, "L": 2} and b.max_shifts == {"E": 14, "L": 0}
    assert (a.max_total_minutes, a.min_total_minutes, a.max_consecutive_shifts) == (6000, 1440, 4)
    assert (a.min_consecutive_shifts, a.min_consecutive_days_off, a.max_weekends) == (2, 2, 1)
    assert small.days_off == {"A": frozenset({6}), "B": frozenset({0})}
    assert [(r.employee, r.day, r.shift, r.weight) for r in small.on_requests] == [
        ("A", 1, "E", 2),
        ("B", 3, "E", 3),
    ]
    assert [(r.employee, r.day, r.shift, r.weight) for r in small.off_requests] == [
        ("A", 2, "L", 5)
    ]
    assert len(small.cover) == 16 and small.cover[-1].under_weight == 50
    assert small.weekends == ((5, 6), (12, 13))


def test_reader_accepts_crlf_and_missing_trailing_blank(tmp_path):
    path = tmp_path / "Crlf.txt"
    path.write_bytes(SMALL.rstrip("\n").replace("\n", "\r\n").encode())
    assert load_instance(path).horizon == 14


def _line_of(text: str, needle: str) -> int:
    """Number of the last line starting with ``needle``."""
    return max(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(needle))


@pytest.mark.parametrize(
    ("old", "new", "section", "expected"),
    [
        (
            "A,E=14|L=2,6000,",
            "A,E=14|L=2,x,",
            "SECTION_STAFF",
            "MaxTotalMinutes: expected a whole number, got 'x'",
        ),
        (
            "A,E=14|L=2,6000,",
            "A,E=14|X=2,6000,",
            "SECTION_STAFF",
            "MaxShifts: unknown shift id 'X'",
        ),
        (
            "A,E=14|L=2,6000,",
            "A,E14|L=2,6000,",
            "SECTION_STAFF",
            "MaxShifts: expected ShiftID=number",
        ),
        (
            "B,E=14|L=0,4800,480,3,1,1,2",
            "B,E=14|L=0,4800,480,3,1,1",
            "SECTION_STAFF",
            "expected 8 comma-separated",
        ),
        ("L,600,E", "L,600,E|Q", "SECTION_SHIFTS", "unknown shift id 'Q'"),
        (
            "L,600,E",
            "L,ten,E",
            "SECTION_SHIFTS",
            "length in minutes: expected a whole number, got 'ten'",
        ),
        ("B,0", "C,0", "SECTION_DAYS_OFF", "unknown employee id 'C'"),
        ("B,0", "B,14", "SECTION_DAYS_OFF", "expected a day index in 0..13, got 14"),
        ("B,3,E,3", "Z,3,E,3", "SECTION_SHIFT_ON_REQUESTS", "unknown employee id 'Z'"),
        ("A,2,L,5", "A,2,N,5", "SECTION_SHIFT_OFF_REQUESTS", "ShiftID: unknown shift id 'N'"),
        (
            "A,2,L,5",
            "A,2,L,-5",
            "SECTION_SHIFT_OFF_REQUESTS",
            "Weight: expected a whole number >= 0",
        ),
        ("9,L,1,50,2", "9,X,1,50,2", "SECTION_COVER", "unknown shift id 'X'"),
        ("9,L,1,50,2", "9,L,1,50", "SECTION_COVER", "expected 5 comma-separated"),
        ("9,L,1,50,2", "2,L,1,50,2", "SECTION_COVER", "repeated"),
        ("14\n", "15\n", "SECTION_HORIZON", "whole number of weeks"),
    ],
)
def test_reader_errors_name_file_line_section(tmp_path, old, new, section, expected):
    text = SMALL.replace(old, new, 1)
    assert text != SMALL
    path = tmp_path / "Instance9.txt"
    path.write_text(text)
    line = _line_of(text, new.rstrip("\n"))
    with pytest.raises(InstanceFormatError) as err:
        load_instance(path)
    message = str(err.value)
    assert message.startswith(f"Instance9.txt line {line} ({section}): "), message
    assert expected in message


def test_reader_exact_message_for_bad_number(tmp_path):
    path = tmp_path / "Instance9.txt"
    path.write_text(SMALL.replace("A,E=14|L=2,6000,", "A,E=14|L=2,x,"))
    with pytest.raises(
        InstanceFormatError,
        match=r"^Instance9\.txt line 11 \(SECTION_STAFF\): "
        r"MaxTotalMinutes: expected a whole number, got 'x'$",
    ):
        load_instance(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14\n" + SMALL, "line 1 (top level): expected a SECTION_ line before data"),
        (SMALL.replace("SECTION_COVER", "SECTION_COVERS"), "unknown section 'SECTION_COVERS'"),
        (SMALL[: SMALL.index("SECTION_COVER")], "(SECTION_COVER): section missing"),
        (
            SMALL.replace("SECTION_HORIZON\n14\n", "SECTION_HORIZON\n14\n15\n"),
            "expected exactly one line",
        ),
    ],
)
def test_reader_structural_errors(text, expected):
    with pytest.raises(InstanceFormatError) as err:
        parse_instance(text, "Bad.txt")
    assert str(err.value).startswith("Bad.txt line ")
    assert expected in str(err.value)


def test_reader_loads_every_shared_instance():
    paths = sorted(SHARED.glob("Instance*.txt"))
    assert len(paths) >= 12, f"the shared instances are expected in {SHARED} (CI lays shared/ beside the clone)"
    for path in paths:
        instance = load_instance(path)
        assert instance.horizon % 7 == 0 and instance.staff and instance.cover


# ------------------------------------------------------------------------------------------
# evaluator
# ------------------------------------------------------------------------------------------
def test_legal_solution(small):
    result = evaluate(small, rows(LEGAL))
    assert result.violations == ()
    # unmet on-request B/3/E (3) + granted off-request A/2/L (5)
    # + E cover: over on days 1 and 8 (1 each), nobody on days 3, 9, 12 (100 each)
    assert result.breakdown == {
        "on_requests": 3,
        "off_requests": 5,
        "under_cover": 300,
        "over_cover": 2,
    }
    assert result.objective == 310


def test_runs_touching_the_horizon_ends_are_exempt(small):
    # A works only day 13 in the second week: a 1-day run, but it ends on the last day
    assert rules(small, with_day(LEGAL, "A", 13, "E")) == []


@pytest.mark.parametrize(
    ("roster", "expected"),
    [
        # A works E and L on day 9 (one extra row, see the test body)
        (None, ("A", 9, "one shift per day")),
        (with_day(LEGAL, "A", 3, "E"), ("A", 2, "forbidden succession")),  # L on day 2, E on day 3
        (with_day(LEGAL, "A", 8, "L"), ("A", None, "max shifts")),  # a third L
        (with_day(LEGAL, "B", 3, "E"), ("B", 1, "max consecutive shifts")),  # days 1-6
        (with_day(LEGAL, "A", 12, "E"), ("A", 12, "min consecutive shifts")),  # lone day inside
        (
            with_day(with_day(LEGAL, "A", 11, "E"), "A", 12, "E"),
            ("A", 10, "min consecutive days off"),
        ),
        (with_day(LEGAL, "B", 0, "E"), ("B", 0, "day off")),
    ],
)
def test_each_broken_rule_is_reported(small, roster, expected):
    assignments = rows(LEGAL) + [("A", 9, "E")] if roster is None else rows(roster)
    violations = [(v.employee, v.day, v.rule) for v in evaluate(small, assignments).violations]
    assert violations == [expected]


@pytest.mark.parametrize(
    ("emp", "change", "rule"),
    [
        ("B", {"max_total_minutes": 4000}, "max total minutes"),  # B works 4320
        ("A", {"min_total_minutes": 4000}, "min total minutes"),  # A works 3120
        ("B", {"max_weekends": 1}, "max weekends"),  # B works both weekends
    ],
)
def test_contract_limits(small, emp, change, rule):
    staff = tuple(dataclasses.replace(s, **change) if s.id == emp else s for s in small.staff)
    instance = dataclasses.replace(small, staff=staff)
    assert rules(instance, LEGAL) == [(emp, None, rule)]


def test_evaluator_cli(tmp_path, small, capsys):
    instance = tmp_path / "Small.txt"
    instance.write_text(SMALL)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    write_solution(good, rows(LEGAL))
    write_solution(bad, rows(with_day(LEGAL, "B", 0, "E")))
    assert evaluate_main([str(instance), str(good)]) == 0
    assert "objective: 310" in capsys.readouterr().out
    assert evaluate_main([str(instance), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "hard violations: 1" in out and "B day 0: day off" in out
    assert evaluate_files(instance, good).objective == 310


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("emp,day,shift\nA,0,E\n", "line 1: expected header"),
        ("employee,day,shift\nA,0,E\nZ,1,E\n", "line 3: unknown employee 'Z'"),
        ("employee,day,shift\nA,x,E\n", "line 2: day: expected a whole number"),
        ("employee,day,shift\nA,14,E\n", "line 2: day: expected 0..13, got 14"),
        ("employee,day,shift\nA,1,N\n", "line 2: unknown shift 'N'"),
        ("employee,day,shift\nA,1\n", "line 2: expected 3 fields"),
    ],
)
def test_solution_format_errors(tmp_path, small, content, expected):
    path = tmp_path / "sol.csv"
    path.write_text(content)
    with pytest.raises(SolutionFormatError, match=expected):
        read_solution(path, small)


# ------------------------------------------------------------------------------------------
# CP-SAT blocks (shared with the monthly rota solver)
# ------------------------------------------------------------------------------------------
def _all_solutions(model: cp_model.CpModel, variables) -> set[tuple[int, ...]]:
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    found: set[tuple[int, ...]] = set()

    class Collect(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            found.add(tuple(self.value(v) for v in variables))

    solver.solve(model, Collect())
    return found


def _runs_ok(bits, min_run, max_run, inside_only=True) -> bool:
    n = len(bits)
    for value, group in itertools.groupby(enumerate(bits), key=lambda t: t[1]):
        days = [d for d, _ in group]
        if not value:
            continue
        length = len(days)
        if length > max_run:
            return False
        inside = days[0] > 0 and days[-1] < n - 1
        if (inside or not inside_only) and length < min_run:
            return False
    return True


@pytest.mark.parametrize("inside_only", [True, False])
def test_min_and_max_consecutive_blocks_match_brute_force(inside_only):
    model = cp_model.CpModel()
    works = [model.new_bool_var(f"works_d{d}") for d in range(8)]
    blocks.add_min_consecutive_runs(model, works, 3, only_inside_horizon=inside_only)
    blocks.add_max_consecutive(model, works, 4)
    expected = {b for b in itertools.product((0, 1), repeat=8) if _runs_ok(b, 3, 4, inside_only)}
    assert _all_solutions(model, works) == expected


def test_max_consecutive_with_history_and_constants():
    model = cp_model.CpModel()
    works = [model.new_bool_var(f"w{d}") for d in range(5)]
    blocks.add_max_consecutive(model, [*works[:2], False, *works[2:]], 3, history_run=2)
    sols = _all_solutions(model, works)
    assert (1, 1, 1, 1, 1) not in sols  # 2 + 2 before the forced day off
    assert (1, 0, 1, 1, 1) in sols and (1, 1, 0, 0, 0) not in sols


def test_weekend_and_cover_blocks():
    model = cp_model.CpModel()
    sat, sun = model.new_bool_var("sat"), model.new_bool_var("sun")
    weekend = blocks.add_weekend_worked(model, sat, sun, "weekend_w1")
    assert blocks.add_weekend_worked(model, False, False) is False
    assert blocks.add_weekend_worked(model, True, sun) is True
    assert {(a, b, c) for a, b, c in _all_solutions(model, [sat, sun, weekend])} == {
        (0, 0, 0),
        (1, 0, 1),
        (0, 1, 1),
        (1, 1, 1),
    }
    for n_working, expected in [(0, 300), (2, 100), (3, 0), (5, 4)]:
        model = cp_model.CpModel()
        people = [model.new_bool_var(f"p{i}") for i in range(5)]
        for i, p in enumerate(people):
            model.add(p == (1 if i < n_working else 0))
        terms = blocks.soft_cover(model, [*people, False], 3, 100, 2, "cover_d0_E")
        model.minimize(cp_model.LinearExpr.weighted_sum(*terms))
        solver = cp_model.CpSolver()
        assert solver.solve(model) == cp_model.OPTIMAL
        assert solver.objective_value == expected


# ------------------------------------------------------------------------------------------
# runner
# ------------------------------------------------------------------------------------------
TINY = """\
SECTION_HORIZON
7

SECTION_SHIFTS
D,480,
N,480,D

SECTION_STAFF
P,D=7|N=2,2400,1440,3,2,2,1
Q,D=7|N=0,1920,960,4,1,1,1

SECTION_DAYS_OFF
Q,2

SECTION_SHIFT_ON_REQUESTS
P,0,D,4

SECTION_SHIFT_OFF_REQUESTS
Q,5,D,3

SECTION_COVER
0,D,1,100,1
1,D,2,100,1
2,D,1,100,1
3,D,1,100,1
4,D,1,100,1
5,D,1,100,1
6,D,1,100,1
1,N,1,80,1
4,N,1,80,1
"""


def _brute_force_optimum(instance) -> int:
    """Exhaustive optimum: every legal week of each employee, then every combination."""
    choices = ["", *[s.id for s in instance.shifts]]
    legal: dict[str, list[list[tuple[str, int, str]]]] = {}
    for staff in instance.staff:
        legal[staff.id] = []
        for week in itertools.product(choices, repeat=instance.horizon):
            assignment = [(staff.id, d, s) for d, s in enumerate(week) if s]
            broken = [
                v for v in evaluate(instance, assignment).violations if v.employee == staff.id
            ]
            if not broken:
                legal[staff.id].append(assignment)
    best = None
    for combo in itertools.product(*legal.values()):
        value = evaluate(instance, [a for part in combo for a in part]).objective
        best = value if best is None else min(best, value)
    assert best is not None
    return best


def test_runner_on_synthetic_instance_reaches_brute_force_optimum(tmp_path, capsys):
    path = tmp_path / "Tiny.txt"
    path.write_text(TINY)
    optimum = _brute_force_optimum(load_instance(path))
    out_dir = tmp_path / "out"
    assert (
        curtois.main([str(path), "--time-limit", "10", "--workers", "2", "--out-dir", str(out_dir)])
        == 0
    )
    table = capsys.readouterr().out
    assert f"| Tiny | {optimum} |  |" in table  # no bestknown.csv beside it: best known blank
    solution = out_dir / "Tiny.csv"
    assert solution.read_text().splitlines()[0] == "employee,day,shift"
    check = evaluate_files(path, solution)
    assert check.feasible and check.objective == optimum


def test_runner_never_reports_a_rejected_solution_as_valid(tmp_path, monkeypatch):
    path = tmp_path / "Small.txt"
    path.write_text(SMALL)
    instance = load_instance(path)
    # B works day 0, which is B's day off
    bad = [[0, 0, 1, -1, -1, -1, -1, 0, 0, 1, -1, -1, -1, -1], [0] * 3 + [-1] + [0] * 3 + [-1] * 7]
    fake = curtois.RunResult("Small", "FEASIBLE", 1, 0.0, 0.1, bad)
    monkeypatch.setattr(curtois, "solve", lambda *a, **k: fake)
    row = curtois.run_instance(path, 1, 1, tmp_path)
    assert row["status"] == "INVALID" and row["violations"]
    assert "INVALID" in curtois.format_row(row)
    assert instance.staff[1].id == "B"  # the second row above is B's


def test_runner_instance1_reaches_optimum(tmp_path):
    row = curtois.run_instance(SHARED / "Instance1.txt", 20, 2, tmp_path)
    assert row["status"] in ("OPTIMAL", "FEASIBLE")
    assert row["objective"] == 607 and row["best_known"] == 607
    check = evaluate_files(SHARED / "Instance1.txt", tmp_path / "Instance1.csv")
    assert check.feasible and check.objective == 607


def test_lp_dive_gives_a_legal_roster_and_restores_the_master(tmp_path):
    """The dive rounds the column-generation master to one line per employee (every line a
    legal roster line by construction, so the roster passes the evaluator) and leaves the LP
    as it found it."""
    instance = load_instance(SHARED / "Instance1.txt")
    costs = curtois.Costs(instance)
    incumbent = curtois.Incumbent()
    start = curtois.solve(instance, time_limit=2.0, workers=1).roster  # the master's first lines
    assert start is not None
    incumbent.offer(start, costs.objective(start), "test")
    generation = curtois.ColumnGeneration(instance, costs, incumbent)
    generation.run(curtois._now() + 10.0)
    before = [(e, line, var.ub()) for e in range(generation.n_staff)
              for line, var in generation.columns[e].items()]
    roster = generation.dive(curtois._now() + 10.0)
    assert roster is not None and len(roster) == len(instance.staff)
    assert [(e, line, var.ub()) for e in range(generation.n_staff)
            for line, var in generation.columns[e].items()] == before
    assignments = [(staff.id, d, instance.shifts[s].id)
                   for staff, row in zip(instance.staff, roster) for d, s in enumerate(row) if s >= 0]
    check = evaluate(instance, assignments)
    assert not check.violations
    assert check.objective == costs.objective(roster) >= 607  # the optimum of Instance1
