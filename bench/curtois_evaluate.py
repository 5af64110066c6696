"""Independent checker for Curtois & Qu benchmark solutions.

Reads an instance and a solution CSV (header exactly ``employee,day,shift``, one row per
assigned shift, day 0-based), checks every hard constraint of the benchmark README and
recomputes the objective from scratch. It deliberately shares no code with the solver (no
ortools, nothing from ``scheduler``), so a modelling bug in the solver cannot hide here.

CLI::

    python -m bench.curtois_evaluate INSTANCE.txt SOLUTION.csv

prints the objective and every hard violation; the exit status is 1 on any violation
(or an unreadable file), 0 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.curtois_format import Instance, InstanceFormatError, load_instance

__all__ = [
    "Evaluation",
    "SolutionFormatError",
    "Violation",
    "evaluate",
    "evaluate_files",
    "read_solution",
    "write_solution",
]

HEADER = ["employee", "day", "shift"]

Assignment = tuple[str, int, str]


class SolutionFormatError(ValueError):
    """A solution file that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Violation:
    """A broken hard rule. ``day`` is where the offending run/assignment starts, if any."""

    employee: str
    day: int | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = f"day {self.day}" if self.day is not None else "horizon"
        return f"{self.employee} {where}: {self.rule}: {self.detail}"


@dataclass(frozen=True)
class Evaluation:
    objective: int
    violations: tuple[Violation, ...]
    #: objective split into its parts: on_requests, off_requests, under_cover, over_cover
    breakdown: dict[str, int] = field(hash=False)

    @property
    def feasible(self) -> bool:
        return not self.violations


def read_solution(path: str | Path, instance: Instance) -> list[Assignment]:
    """Rows of a solution CSV; unknown ids, bad days and a wrong header are errors."""
    path = Path(path)
    name = path.name
    staff = set(instance.staff_ids)
    shifts = set(instance.shift_ids)
    rows: list[Assignment] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip() for h in header] != HEADER:
            raise SolutionFormatError(
                f"{name} line 1: expected header 'employee,day,shift', got {header!r}"
            )
        for row in reader:
            line = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != 3:
                raise SolutionFormatError(
                    f"{name} line {line}: expected 3 fields, got {len(row)}: {row!r}"
                )
            emp, day, shift = (c.strip() for c in row)
            if emp not in staff:
                raise SolutionFormatError(f"{name} line {line}: unknown employee {emp!r}")
            try:
                d = int(day)
            except ValueError:
                raise SolutionFormatError(
                    f"{name} line {line}: day: expected a whole number, got {day!r}"
                ) from None
            if not 0 <= d < instance.horizon:
                raise SolutionFormatError(
                    f"{name} line {line}: day: expected 0..{instance.horizon - 1}, got {d}"
                )
            if shift not in shifts:
                raise SolutionFormatError(f"{name} line {line}: unknown shift {shift!r}")
            rows.append((emp, d, shift))
    return rows


def write_solution(path: str | Path, assignments: Iterable[Assignment]) -> None:
    """Write assignments as ``employee,day,shift`` rows, sorted by employee order then day."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for emp, day, shift in assignments:
            writer.writerow([emp, day, shift])


def _runs(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """(start, length) of every maximal run of ``value`` in ``flags``."""
    runs = []
    start = None
    for d, flag in enumerate([*flags, not value]):
        if flag == value and start is None:
            start = d
        elif flag != value and start is not None:
            runs.append((start, d - start))
            start = None
    return runs


def evaluate(instance: Instance, assignments: Iterable[Assignment]) -> Evaluation:
    """Check all hard rules and compute the objective of ``assignments``."""
    horizon = instance.horizon
    minutes = {s.id: s.minutes for s in instance.shifts}
    cannot_follow = {s.id: set(s.cannot_follow) for s in instance.shifts}
    by_emp_day: dict[str, dict[int, list[str]]] = {e: defaultdict(list) for e in instance.staff_ids}
    for emp, day, shift in assignments:
        by_emp_day[emp][day].append(shift)

    violations: list[Violation] = []
    for staff in instance.staff:
        emp = staff.id
        days = by_emp_day[emp]
        for d in sorted(days):
            if len(days[d]) > 1:
                violations.append(
                    Violation(
                        emp, d, "one shift per day", f"{len(days[d])} shifts: {'|'.join(days[d])}"
                    )
                )
        for d in sorted(instance.days_off.get(emp, ())):
            if days.get(d):
                violations.append(
                    Violation(emp, d, "day off", f"works {'|'.join(days[d])} on a day off")
                )
        for d in range(horizon - 1):
            for s1 in days.get(d, ()):
                for s2 in days.get(d + 1, ()):
                    if s2 in cannot_follow[s1]:
                        violations.append(
                            Violation(
                                emp,
                                d,
                                "forbidden succession",
                                f"{s1} on day {d} then {s2} on day {d + 1}",
                            )
                        )
        counts = Counter(s for shifts in days.values() for s in shifts)
        for shift_id, limit in staff.max_shifts.items():
            if counts[shift_id] > limit:
                violations.append(
                    Violation(
                        emp,
                        None,
                        "max shifts",
                        f"{counts[shift_id]} shifts {shift_id} > max {limit}",
                    )
                )
        total = sum(minutes[s] for shifts in days.values() for s in shifts)
        if total > staff.max_total_minutes:
            violations.append(
                Violation(emp, None, "max total minutes", f"{total} > {staff.max_total_minutes}")
            )
        if total < staff.min_total_minutes:
            violations.append(
                Violation(emp, None, "min total minutes", f"{total} < {staff.min_total_minutes}")
            )
        works = [bool(days.get(d)) for d in range(horizon)]
        for start, length in _runs(works, True):
            if length > staff.max_consecutive_shifts:
                violations.append(
                    Violation(
                        emp,
                        start,
                        "max consecutive shifts",
                        f"{length} days > max {staff.max_consecutive_shifts}",
                    )
                )
            inside = start > 0 and start + length < horizon
            if inside and length < staff.min_consecutive_shifts:
                violations.append(
                    Violation(
                        emp,
                        start,
                        "min consecutive shifts",
                        f"{length} days < min {staff.min_consecutive_shifts}",
                    )
                )
        for start, length in _runs(works, False):
            inside = start > 0 and start + length < horizon
            if inside and length < staff.min_consecutive_days_off:
                violations.append(
                    Violation(
                        emp,
                        start,
                        "min consecutive days off",
                        f"{length} days off < min {staff.min_consecutive_days_off}",
                    )
                )
        weekends = [sat for sat, sun in instance.weekends if works[sat] or works[sun]]
        if len(weekends) > staff.max_weekends:
            violations.append(
                Violation(
                    emp,
                    None,
                    "max weekends",
                    f"{len(weekends)} weekends (from days {weekends}) > max {staff.max_weekends}",
                )
            )

    def works_shift(emp: str, day: int, shift: str) -> bool:
        return shift in by_emp_day[emp].get(day, ())

    on = sum(r.weight for r in instance.on_requests if not works_shift(r.employee, r.day, r.shift))
    off = sum(r.weight for r in instance.off_requests if works_shift(r.employee, r.day, r.shift))
    assigned = Counter(
        (d, s) for emp_days in by_emp_day.values() for d, ss in emp_days.items() for s in ss
    )
    under = over = 0
    for c in instance.cover:
        n = assigned[c.day, c.shift]
        under += c.under_weight * max(0, c.requirement - n)
        over += c.over_weight * max(0, n - c.requirement)
    breakdown = {"on_requests": on, "off_requests": off, "under_cover": under, "over_cover": over}
    return Evaluation(on + off + under + over, tuple(violations), breakdown)


def evaluate_files(instance_path: str | Path, solution_path: str | Path) -> Evaluation:
    instance = load_instance(instance_path)
    return evaluate(instance, read_solution(solution_path, instance))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.curtois_evaluate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("instance", type=Path, help="instance .txt file")
    parser.add_argument("solution", type=Path, help="solution CSV (employee,day,shift)")
    args = parser.parse_args(argv)
    try:
        result = evaluate_files(args.instance, args.solution)
    except (InstanceFormatError, SolutionFormatError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    parts = ", ".join(f"{k}={v}" for k, v in result.breakdown.items())
    print(f"objective: {result.objective} ({parts})")
    if result.violations:
        print(f"hard violations: {len(result.violations)}")
        for v in result.violations:
            print(f"  {v}")
        return 1
    print("hard violations: 0 (feasible)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
