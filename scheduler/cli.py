"""The ``rota`` command: norms, check, solve, replan and serve (the web app)."""

from __future__ import annotations

import argparse
import csv
import math
import os
import socket
import sys
import threading
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from scheduler import worktime
from scheduler.domain import TALLINN, Absence, AbsenceKind, Assignment, Person, Team
from scheduler.replan import first_affected_day, in_absence, one_absence_a_span, recorded_on_rota, touches_month
from scheduler.rotafile import (
    RotaFileError,
    assignment_lines,
    iso_day,
    read_absences,
    read_assignments,
    read_loads,
    read_summary_loads,
    write_absences,
    write_assignments,
    write_loads,
)
from scheduler.teamfile import TeamFileError, load_team

if TYPE_CHECKING:
    from scheduler.checker.results import Violation


class UsageError(Exception):
    """Bad command-line input, reported without a traceback."""


def _month(text: str) -> tuple[int, int]:
    try:
        year_s, month_s = text.split("-")
        year, month = int(year_s), int(month_s)
        if not 1 <= month <= 12:
            raise ValueError
    except ValueError:
        raise UsageError(f"--month: expected YYYY-MM, got {text!r}") from None
    if year not in worktime.YEARS:
        raise UsageError(f"--month: {text}: expected a year from {worktime.YEARS[0]} to {worktime.YEARS[-1]} "
                         "(the public-holiday calendar)")
    return year, month


def _day(text: str, option: str) -> date:
    try:
        day = iso_day(text)
    except ValueError:
        raise UsageError(f"{option}: expected a date YYYY-MM-DD, got {text!r}") from None
    if day.year not in worktime.YEARS:
        raise UsageError(f"{option}: expected a date in the years {worktime.YEARS[0]}–{worktime.YEARS[-1]} "
                         f"(the public-holiday calendar), got {text!r}")
    return day


# --- norms ------------------------------------------------------------------------------------

def cmd_norms(args: argparse.Namespace) -> int:
    if args.year not in worktime.YEARS:
        raise UsageError(f"year: expected a year from {worktime.YEARS[0]} to {worktime.YEARS[-1]} "
                         f"(the public-holiday calendar), got {args.year}")
    if not 0.1 <= args.fte <= 1:
        raise UsageError(f"--fte: expected a load (FTE) between 0.1 and 1.0 as in a team file, got {args.fte:g}")
    rows = worktime.year_norms(args.year, args.fte, not args.no_holiday_reduction)
    if args.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["month", "working_days", "shortened_days", "norm_hours"])
        for r in rows:
            out.writerow([r.month, r.working_days, r.shortened_days, f"{r.norm_hours:.1f}"])
        return 0
    print(f"Working-time norm {args.year}, load {args.fte:g} (TLS § 43, § 53; holidays "
          f"{'deducted' if not args.no_holiday_reduction else 'not deducted'})")
    print(f"{'month':<8} {'working days':>12} {'shortened':>10} {'norm h':>8}")
    for r in rows:
        print(f"{r.month:<8} {r.working_days:>12} {r.shortened_days:>10} {r.norm_hours:>8.1f}")
    print(f"{'total':<8} {sum(r.working_days for r in rows):>12} {sum(r.shortened_days for r in rows):>10} "
          f"{sum(r.norm_hours for r in rows):>8.1f}")
    return 0


# --- history -----------------------------------------------------------------------------------

def unique_rows(rows: Iterable[Assignment]) -> list[Assignment]:
    """``rows`` without repeats (the same person, start and code read from two places)."""
    seen: set[tuple] = set()
    out: list[Assignment] = []
    for row in rows:
        key = (row.person, row.start, row.code)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def read_history(paths: Sequence[str] | None, team: Team,
                 copies: Sequence[tuple[Path, Sequence[Assignment]]] = ()) -> tuple[list[Assignment], Team]:
    """Rows of earlier months: each path is a solve output folder or an assignments CSV.
    A folder's own ``history.csv`` (what its solve used) is read too, and the absences its run
    recorded in ``absences.csv`` join ``team`` (a sick leave of an earlier month lowers that
    month's norm, so the balance carried in: TLS § 43, domain.md §3). ``copies``: more
    history.csv-like rows (the checked or re-planned folder's own). One version of each
    month is used (:func:`_one_version_a_month`)."""
    sources: list[tuple[Path, list[Assignment], bool]] = [(p, list(r), False) for p, r in copies]
    own_loads: list[Loads] = []
    carried_loads: list[Loads] = []
    for text in paths or []:
        path = Path(text)
        if not path.exists():
            raise UsageError(f"--history {text}: no such file or folder")
        files = [path]
        if path.is_dir():
            files = [path / "history.csv", path / "assignments.csv"]
            if not files[1].exists():
                raise UsageError(f"--history {text}: no assignments.csv in that folder")
            if (path / "absences.csv").exists():
                team = with_absences(team, _absences_of_the_team(path / "absences.csv", team))
        elif path.name == "assignments.csv" and (path.parent / "absences.csv").is_file():
            print(f"warning: --history {text}: read as a file alone; the absences its run recorded in "
                  f"{path.parent / 'absences.csv'} (a re-plan's sick leave, which lowers that month's norm) "
                  f"are read when the folder {path.parent} is given instead", file=sys.stderr)
        for f in files:
            if f.exists() or f == files[-1]:
                found = read_assignments(f)
                strangers = sorted({r.person for r in found} - _ids(team))
                if strangers:
                    print(f"warning: --history {f}: duties of {', '.join(strangers)}, {_who_are_not(strangers)} in "
                          "the team file (read as former staff: nobody's rest or balance is carried from them)",
                          file=sys.stderr)
                _written_hours_warning(f, found, team)
                sources.append((f, found, f.name != "history.csv"))
        if path.is_dir():
            own, carried = folder_loads(team, path, own_rows=found, option="--history ")  # found: its assignments.csv
            own_loads.append(own)
            carried_loads.append(carried)
    # a month's own summary wins over another run's record of it, as its own rota does
    return unique_rows(_one_version_a_month(sources)), with_loads(team, *carried_loads, *own_loads)


def _who_are_not(people: Sequence[str]) -> str:
    return "who is not" if len(people) == 1 else "who are not"


def _absences_of_the_team(source: Path, team: Team) -> list[Absence]:
    """The absences an earlier month's run recorded (``source``), of the people in the team
    file: those of someone no longer in it are left out with a warning, as their duties are
    read as former staff's (their norm is nobody's balance now)."""
    found = read_absences(source)
    strangers = _former_staff(f"--history {source}", "absences", {a.person for a in found}, team)
    return [a for a in found if a.person not in strangers]


def _former_staff(where: str, what: str, people: Iterable[str], team: Team) -> set[str]:
    """Those of ``people`` (whose ``what`` a file records: ``where``) who are not in the team
    file, said in a warning: their records are left out (former staff, whose norm is nobody's
    balance now)."""
    strangers = sorted(set(people) - _ids(team))
    if strangers:
        print(f"warning: {where}: {what} of {', '.join(strangers)}, {_who_are_not(strangers)} in the "
              "team file (former staff): left out", file=sys.stderr)
    return set(strangers)


def _written_hours_warning(source: Path, rows: Sequence[Assignment], team: Team) -> None:
    """History rows whose written hours are not what their times count under the team's
    break rules (a file edited by hand): the times are used, the hours column is not; say so
    once a file, naming the first such row."""
    from scheduler.solver.candidates import row_minutes

    odd = [(r, row_minutes(team, r) / 60) for r in rows]
    odd = [(r, counted) for r, counted in odd if abs(counted - r.hours) > 0.01]
    if odd:
        r, counted = odd[0]
        print(f"warning: --history {source}: {len(odd)} row(s) whose hours are not what their times count, e.g. "
              f"{r.person} {r.code} {r.day} written {r.hours:g} h, counts {counted:g} h: the times are used",
              file=sys.stderr)


def _one_version_a_month(sources: Sequence[tuple[Path, Sequence[Assignment], bool]]) -> list[Assignment]:
    """The rows of each month from one version of it. A month's own rota (an assignments.csv,
    or a file given alone: ``primary``) wins over a copy in another run's history.csv (April
    solved before March was re-planned keeps the old March there), with a warning; two own
    rotas of one month that differ (a rota and its re-plan), or two copies with no own rota,
    are refused: only one of them was worked."""
    def key(r: Assignment) -> tuple:
        return (r.person, r.kind, r.code, r.start.timestamp(), r.end.timestamp())

    chosen: dict[tuple[int, int], tuple[Path, frozenset, bool]] = {}
    out: list[Assignment] = []
    for source, rows, primary in sorted(sources, key=lambda s: not s[2]):  # own rotas first
        by_month: dict[tuple[int, int], list[Assignment]] = {}
        for r in rows:
            by_month.setdefault((r.day.year, r.day.month), []).append(r)
        for ym, month_rows in sorted(by_month.items()):
            keys = frozenset(key(r) for r in month_rows)
            have = chosen.get(ym)
            if have is None:
                chosen[ym] = (source, keys, primary)
                out.extend(month_rows)
            elif have[1] == keys:
                continue
            elif have[2] and not primary:
                print(f"warning: --history {source} holds another version of {ym[0]}-{ym[1]:02d} than {have[0]} "
                      f"(the month re-planned after that run): {have[0]} is used", file=sys.stderr)
            else:
                raise UsageError(f"--history: {have[0]} and {source} give {ym[0]}-{ym[1]:02d} differently (a rota "
                                 "and its re-plan?); give only the folder of the version that was worked")
    return out


def added_absences(team: Team, base: Team) -> list[Absence]:
    """The absences ``team`` holds beyond the team file's (``base``): what a run's output
    folder records in ``absences.csv`` for ``rota check`` and the next month to read back."""
    return [a for a in team.absences if a not in base.absences]


def _ids(team: Team) -> set[str]:
    return {p.id for p in team.people}


def read_rota(text: str, team: Team, strict: bool = False) -> tuple[Path, list[Assignment], list[Assignment],
                                                                    list[Absence]]:
    """A rota file, or a solve's or re-plan's output folder: the assignments file, its rows,
    the folder's ``history.csv`` and the absences a re-plan recorded in ``absences.csv`` (of
    ``team``'s people). ``strict``: a row of someone not in the team, or of a shift it does not
    have, is refused naming its line (a re-plan would otherwise drop or change it)."""
    people, codes = (_ids(team), {st.code for st in team.shift_types}) if strict else (None, None)
    path = Path(text)
    if not path.is_dir():
        beside = [name for name in ("history.csv", "absences.csv") if (path.parent / name).is_file()]
        if path.name == "assignments.csv" and beside:
            verb = "are" if len(beside) > 1 else "is"
            print(f"warning: {path}: read as a file alone; its folder's {' and '.join(beside)} "
                  f"(what the run used) {verb} read when the folder {path.parent} is given instead",
                  file=sys.stderr)
        return path, read_assignments(path, people, codes), [], []
    rota = path / "assignments.csv"
    if not rota.exists():
        raise UsageError(f"{path}: no assignments.csv in that folder")
    history = read_assignments(path / "history.csv") if (path / "history.csv").exists() else []
    absences = read_absences(path / "absences.csv", _ids(team)) if (path / "absences.csv").exists() else []
    return rota, read_assignments(rota, people, codes), history, absences


def rota_month(rows: Sequence[Assignment], kinds: Sequence[str] = ("shift",)) -> tuple[int, int] | None:
    """The month a rota file is about: the month most of its shifts (rows of ``kinds``) fall in
    (a file may carry a few duties of the month before or after); None without any."""
    counts: dict[tuple[int, int], int] = {}
    for r in rows:
        if r.kind in kinds:
            counts[(r.day.year, r.day.month)] = counts.get((r.day.year, r.day.month), 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else None


#: Person id → (year, month) → load (FTE), as loads.csv holds them.
Loads = dict[str, dict[tuple[int, int], float]]


def earlier_period_months(person: Person, year: int, month: int) -> list[tuple[int, int]]:
    """The months of the person's accounting period holding ``year``-``month`` before it (a run
    of the month counts each of them with a load: the period's norm and balance)."""
    st = person.settings
    months = worktime.period_months(year, month, st.accounting_period_months, st.accounting_period_start_month)
    return months[: months.index((year, month))]


def loads_used(person: Person, year: int, month: int) -> tuple[tuple[tuple[int, int], float], ...]:
    """The earlier loads a run of ``year``-``month`` used for ``person``: the load of every
    earlier month of the accounting period (``Person.fte_in``; the team file's where it has not
    changed), with those of other months it carried in (``Person.earlier_loads``)."""
    used = {**dict(person.earlier_loads),
            **{ym: person.fte_in(*ym) for ym in earlier_period_months(person, year, month)}}
    return tuple(sorted(used.items()))


def folder_loads(team: Team, folder: Path, own_rows: Sequence[Assignment] = (),
                 option: str = "") -> tuple[Loads, Loads]:
    """The loads an output folder records: (its own month's, the earlier months'). The own
    month (that of ``own_rows``, its assignments.csv) has the ``fte`` of its summary.csv; the
    earlier months of each person's accounting period the loads of its ``loads.csv``. A folder
    written before loads.csv held every earlier month (it held only loads changed since) gives
    a month it does not name its summary's load: the team file's load its run used for it.
    The loads of someone not in the team file are left out with a warning (``option``: the
    option that gave the folder, as the warning names it)."""
    carried: Loads = {}
    if (folder / "loads.csv").is_file():
        carried = read_loads(folder / "loads.csv")
        for person in _former_staff(f"{option}{folder / 'loads.csv'}", "loads", carried, team):
            del carried[person]
    month = (rota_month(own_rows) or rota_month(own_rows, kinds=("event",))) if own_rows else None
    if month is not None:  # loads.csv records months before the folder's own, no others
        carried = {person: {ym: fte for ym, fte in months.items() if ym < month} for person, months in carried.items()}
    summary = folder / "summary.csv"
    if month is None or not summary.is_file():
        return {}, carried
    planned = read_summary_loads(summary)
    for person in _former_staff(f"{option}{summary}", "loads", planned, team):
        del planned[person]
    for p in team.people:
        if p.id in planned:
            for ym in earlier_period_months(p, *month):
                carried.setdefault(p.id, {}).setdefault(ym, planned[p.id])
    return {person: {month: fte} for person, fte in planned.items()}, carried


def with_loads(team: Team, *loads: Loads) -> Team:
    """``team`` with the recorded ``loads`` (later ones win) as ``Person.earlier_loads`` where
    they differ from the team file's: a load changed since keeps those months' norms, and so
    the balance the period carries."""
    merged: Loads = {}
    for each in loads:
        for person, months in each.items():
            merged.setdefault(person, {}).update(months)
    people = []
    for p in team.people:
        known = {ym: fte for ym, fte in merged.get(p.id, {}).items() if abs(fte - p.fte) > 1e-9}
        people.append(replace(p, earlier_loads=tuple(sorted({**dict(p.earlier_loads), **known}.items())))
                      if known else p)
    return replace(team, people=tuple(people))


def with_folder_loads(team: Team, folder: Path, own_rows: Sequence[Assignment] = ()) -> Team:
    """``team`` with the loads an output folder records for the months before its own
    (:func:`folder_loads`; ``own_rows``: its assignments.csv) — a checked or re-planned rota's
    folder, whose own month is read with the team file's loads."""
    return with_loads(team, folder_loads(team, folder, own_rows)[1])


def with_absences(team: Team, absences: Sequence[Absence]) -> Team:
    """``team`` with ``absences`` (a re-plan's, or those a folder recorded: read with the
    team's people, :func:`read_rota`), each once: a history folder may record what the team
    file or another folder holds already."""
    new = [a for i, a in enumerate(absences) if a not in team.absences and a not in absences[:i]]
    return replace(team, absences=team.absences + tuple(new))


def check_history(history: Sequence[Assignment], year: int, month: int,
                  sources: Sequence[str] | None = None) -> None:
    """History must come before the month: duties of the month itself or later are an error
    (the wrong folder); without duties of the month just before, a warning says that rest
    and runs across the month boundary cannot be carried."""
    months = sorted({(r.day.year, r.day.month) for r in history if r.kind == "shift"})
    later = [ym for ym in months if ym >= (year, month)]
    if later:
        shown = ", ".join(f"{y}-{m:02d}" for y, m in later)
        named = f" {', '.join(sources)}" if sources else ""
        raise UsageError(f"--history{named}: has duties of {shown}; history must be of months before "
                         f"{year}-{month:02d}")
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    if months and previous not in months:
        print(f"warning: --history has no duties of {previous[0]}-{previous[1]:02d} (only "
              f"{', '.join(f'{y}-{m:02d}' for y, m in months)}): rest and runs of duties across the "
              "month boundary are not carried", file=sys.stderr)


# --- check -------------------------------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    from scheduler.checker import check_rota, format_report

    team = load_team(args.team)
    rota, rows, folder_history, folder_absences = read_rota(args.rota, team)
    team = with_absences(team, folder_absences)
    if Path(args.rota).is_dir():
        team = with_folder_loads(team, Path(args.rota), rows)
    if args.month:
        year, month = _month(args.month)
    else:
        # a rota without shifts (a month with no needs) is the month of its events, if any
        found = rota_month(rows) or rota_month(rows, kinds=("event",))
        if found is None:
            raise UsageError(f"{rota}: no shifts; give --month YYYY-MM")
        year, month = found
    today = _day(args.today, "--today") if args.today else None
    used = [r for r in folder_history if (r.day.year, r.day.month) < (year, month)]
    history, team = read_history(args.history, team, [(rota.parent / "history.csv", used)])
    check_history(history, year, month, args.history)
    in_month = [r for r in rows if (r.day.year, r.day.month) == (year, month)]
    if rows and not in_month:  # said before any note about the month
        raise UsageError(f"{rota}: none of its {len(rows)} entries is in {year}-{month:02d}")
    if not history and not any((r.day.year, r.day.month) < (year, month) for r in rows):
        print(f"note: no history: rest, weekly rest and runs of duties across the start of {year}-{month:02d} "
              "are checked as if nobody worked before it (give the previous month with --history)",
              file=sys.stderr)
    earlier = [r for r in rows if (r.day.year, r.day.month) < (year, month)]
    _not_checked(rota, [r for r in rows if (r.day.year, r.day.month) > (year, month)])
    # a duty of an earlier month is read as one worked before the month (its rest, its run of
    # duties), not checked: said, naming its line, unless --history has it too (a copy)
    known = {(r.person, r.start, r.code) for r in history}
    _not_checked(rota, [r for r in earlier if (r.person, r.start, r.code) not in known],
                 f", only read as duties before {year}-{month:02d}")
    report = check_rota(team, year, month, in_month, [*history, *earlier], today)
    print(format_report(report, _row_places(rota)))
    return 0 if report.ok else 1


def _not_checked(rota: Path, rows: Sequence[Assignment], read_as: str = "") -> None:
    """Warn that ``rows`` of the rota file (of other months than the one checked) are not
    checked; ``read_as``: what they are read as instead, said with the lines they are on."""
    if not rows:
        return
    months = sorted({f"{r.day.year}-{r.day.month:02d}" for r in rows})
    where = ""
    if read_as:
        places = assignment_lines(rota)
        lines = sorted({places[r] for r in rows})
        shown = ", ".join(map(str, lines[:10])) + (f" … ({len(lines) - 10} more)" if len(lines) > 10 else "")
        where = f" (line{'s' if len(lines) > 1 else ''} {shown})"
    print(f"warning: {rota}: {len(rows)} entries in {', '.join(months)}{where} are not checked{read_as} "
          f"(check them with --month {months[0]})", file=sys.stderr)


def _row_places(rota: Path) -> Callable[[Violation], str | None]:
    """Where the row a finding about one row (``unknown_references``: an unknown person,
    shift code or time; ``hours``: written hours the times do not count) stands in ``rota``:
    ``FILE line N``."""
    lines: dict[tuple[str, float], list[int]] = {}
    for row, line in assignment_lines(rota).items():
        lines.setdefault((row.person, row.start.timestamp()), []).append(line)

    def place(v: Violation) -> str | None:
        if v.rule not in ("unknown_references", "hours") or v.person is None or v.start is None:
            return None
        found = sorted(lines.get((v.person, v.start.timestamp()), []))
        return f"{rota} line{'s' if len(found) > 1 else ''} {', '.join(map(str, found))}" if found else None

    return place


# --- solve -------------------------------------------------------------------------------------

#: Writes one output file at the path it is given.
Writer = Callable[[Path], None]


def output_writers(team: Team, result, history: Sequence[Assignment],  # noqa: ANN001
                   absences: Sequence[Absence] = ()) -> dict[str, Writer]:
    """The files of a valid result by name: assignments, the history and the re-plan's
    absences it used (``rota check FOLDER`` reads them back), the earlier loads, summary and
    grid (:func:`_replace_outputs` writes them, all or none)."""
    from scheduler.exports import write_summary, write_xlsx

    files: dict[str, Writer] = {"assignments.csv": lambda path: write_assignments(result.assignments, path)}
    if history:
        files["history.csv"] = lambda path: write_assignments(history, path)
    if absences:
        files["absences.csv"] = lambda path: write_absences(absences, path)
    people = [replace(p, earlier_loads=loads_used(p, result.year, result.month)) for p in team.people]
    if any(p.earlier_loads for p in people):
        files["loads.csv"] = lambda path: write_loads(people, path)
    if result.report is not None:
        files["summary.csv"] = lambda path: write_summary(result.report, path)
    files["rota.xlsx"] = lambda path: write_xlsx(team, result.year, result.month, result.assignments,
                                                 result.report, path)
    return files


def _solve_and_write(team: Team, year: int, month: int, history: list[Assignment], options, out_dir: Path,  # noqa: ANN001
                     quiet: bool, absences: Sequence[Absence] = (),
                     more: Callable[[object], dict[str, Writer]] | None = None) -> tuple[int, object]:
    """Solve the month and write its result into ``out_dir`` (``more``: the further files a
    valid result gives, a re-plan's changes.csv, written with the others, all or none)."""
    from scheduler.solver import print_report, solve_month

    if not quiet:
        print(f"Solving {team.name} {year}-{month:02d}: {len(team.active_people)} people, "
              f"time limit {options.time_limit:g} s, {options.workers} workers")
    result = _solve_until_interrupted(solve_month, team, year, month, history, options)
    print_report(result)
    if result.valid:
        _replace_outputs(out_dir, {**output_writers(team, result, history, absences), **(more(result) if more else {})})
        print(f"Wrote {out_dir}/assignments.csv, summary.csv, rota.xlsx "
              f"({len([a for a in result.assignments if a.kind == 'shift'])} shifts); "
              "the independent checker passed it.")
        return 0, result
    if result.status == "infeasible":
        text = "\n".join(result.shortfalls) + "\n"
        _replace_outputs(out_dir, {"infeasible.txt": lambda path: path.write_text(text, encoding="utf-8")})
        why = ": the coverage minima cannot be met" if result.coverage_short else " is possible"
        print(f"No legal rota{why} (details in {out_dir}/infeasible.txt).")
        return 2, result
    kept = _outputs_in(out_dir)
    left = f" The files already in {out_dir} ({', '.join(kept)}) are from an earlier run." if kept else ""
    if result.status == "no solution":
        print(f"No rota found within the time limit; try a longer --time-limit.{left}")
        return 2, result
    if result.status == "past not kept":
        print(f"Not solved: days already past cannot be kept as the rota has them (above).{left}")
        return 2, result
    print(f"The rota was not written because the checker rejected it.{left}")
    return 3, result


def _validate_options(args: argparse.Namespace) -> None:
    """The search options, checked before anything is read or created."""
    if not math.isfinite(args.time_limit) or args.time_limit <= 0:
        raise UsageError(f"--time-limit: expected a number of seconds > 0, got {args.time_limit:g}")
    if args.workers < 1:
        raise UsageError(f"--workers: expected at least 1, got {args.workers}")


def _solve_until_interrupted(solve_month, team: Team, year: int, month: int,  # noqa: ANN001, ANN202
                             history: list[Assignment], options):  # noqa: ANN001
    """``solve_month`` in a thread, so that Ctrl-C (which Python delivers to the main thread
    only between its own steps, never inside CP-SAT) stops the search within a moment; the
    interrupt then goes on up (``main``: "interrupted", exit 130, nothing written)."""
    interrupted, finished = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = solve_month(team, year, month, history, options, out=sys.stdout,
                                            stop=interrupted.is_set)
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc
        finally:
            finished.set()

    threading.Thread(target=run, name="solve", daemon=True).start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        # (not Thread.join: once interrupted, CPython 3.11's join may return at once while the
        # thread runs on, and the process then aborts at exit with CP-SAT's threads alive)
        interrupted.set()
        finished.wait()
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]


def _options(args: argparse.Namespace, **extra):  # noqa: ANN003, ANN202
    """The search options (checked first by :func:`_validate_options`)."""
    from scheduler.solver import SolveOptions

    return SolveOptions(time_limit=args.time_limit, workers=args.workers, progress=not args.quiet, **extra)


#: The files a solve or re-plan writes into its output folder.
OUTPUT_FILES = ("assignments.csv", "summary.csv", "rota.xlsx", "history.csv", "absences.csv", "loads.csv",
                "changes.csv", "infeasible.txt")


def _out_dir(text: str, inputs: Sequence[str] = ()) -> Path:
    """The output folder, created (or refused) before any solving: not a file, not a folder
    the command reads (``--rota``, ``--history``: writing there would replace its input), not an
    empty path (which would be the current folder, unasked)."""
    if not text.strip():
        raise UsageError(f"--out: expected a folder, got {text!r} (write --out . for the current folder)")
    out = Path(text)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {text}: is a file, not a folder")
    if not out.exists() and any(p.exists() and not p.is_dir() for p in out.parents):
        raise UsageError(f"--out {text}: a part of that path is a file")
    for source in inputs:
        folder = Path(source) if Path(source).is_dir() else Path(source).parent
        if folder.exists() and out.exists() and folder.resolve() == out.resolve():
            raise UsageError(f"--out {text}: is the folder {source} is read from; "
                             "write the new rota into another folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {text}: cannot create that folder ({exc.strerror})") from None
    if not os.access(out, os.W_OK):
        raise UsageError(f"--out {text}: the folder is not writable")
    # what the run writes (or where it moves an earlier run's files) must be free for it
    for name in (*OUTPUT_FILES, "earlier"):
        here = out / name
        if name == "earlier" and here.exists() and not here.is_dir():
            raise UsageError(f"--out {text}: {here} is a file; the earlier run's files are moved into a folder of "
                             "that name (rename it first)")
        if name != "earlier" and here.is_dir():
            raise UsageError(f"--out {text}: {here} is a folder; the run writes a file of that name (rename it first)")
    return out


@contextmanager
def _no_empty_folder_left(out: str | None) -> Iterator[None]:
    """The folders of the path ``out`` (``--out``) that do not exist yet are removed again, the
    deepest first, if the run leaves them empty (a solve that found no rota, an error, Ctrl-C):
    a run that writes nothing leaves nothing. A folder that existed before is never removed."""
    created = [p for p in (Path(out), *Path(out).parents) if not p.exists()] if out else []
    try:
        yield
    finally:
        for folder in created:
            try:
                folder.rmdir()  # an empty folder only
            except OSError:
                break


def _outputs_in(out_dir: Path) -> list[str]:
    """The files of :data:`OUTPUT_FILES` that ``out_dir`` holds."""
    return [name for name in OUTPUT_FILES if (out_dir / name).is_file()]


def _replace_outputs(out_dir: Path, files: dict[str, Writer]) -> None:
    """Put this run's ``files`` (name → writer) into ``out_dir``, all or none: each is written
    under a temporary name first, then what an earlier solve or re-plan wrote there is moved to
    ``out_dir/earlier/<UTC time>/`` (so the folder holds this run's result only: a stale rota
    next to a new infeasible.txt would mislead, and nothing is lost), then each is renamed into
    place. A failure on the way (a full disk, no permission) removes what this run wrote and
    puts back what it moved: the folder holds what it held before, and a UsageError names the
    path and the reason."""
    undo: list[Callable[[], object]] = []  # what puts the folder back, step by step
    doing = ""
    try:
        staged: dict[str, Path] = {}
        for name, write in files.items():
            doing, staged[name] = f"cannot write {out_dir / name}", out_dir / f".partial-{os.getpid()}-{name}"
            undo.append(staged[name].unlink)  # before writing: a failed write may leave a part
            write(staged[name])
        earlier = _outputs_in(out_dir)
        if earlier:
            keep = _earlier_folder(out_dir, undo)
            for name in earlier:
                doing = f"cannot move {out_dir / name} to {keep}"
                (out_dir / name).rename(keep / name)
                undo.append(lambda name=name: (keep / name).rename(out_dir / name))
        for name, path in staged.items():
            doing = f"cannot write {out_dir / name}"
            os.replace(path, out_dir / name)
            undo.append((out_dir / name).unlink)
    except BaseException as exc:
        for step in reversed(undo):
            try:
                step()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise UsageError(f"--out {out_dir}: {doing} ({exc.strerror or exc}); nothing of this run was "
                             f"written, {out_dir} holds what it held before") from None
        raise
    if earlier:
        print(f"Moved the earlier run's {', '.join(earlier)} to {keep}.")


def _earlier_folder(out_dir: Path, undo: list[Callable[[], object]]) -> Path:
    """A new folder ``out_dir/earlier/<UTC time>/`` for an earlier run's files; the step that
    removes each folder it creates joins ``undo``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    keep = out_dir / "earlier" / stamp
    n = 1
    while keep.exists():
        n += 1
        keep = out_dir / "earlier" / f"{stamp}-{n}"
    for folder in (keep.parent, keep):
        if not folder.exists():
            folder.mkdir()
            undo.append(folder.rmdir)
    return keep


def cmd_solve(args: argparse.Namespace) -> int:
    _validate_options(args)
    base = load_team(args.team)
    year, month = _month(args.month)
    history, team = read_history(args.history, base)
    check_history(history, year, month, args.history)
    out = _out_dir(args.out, args.history or ())
    code, _ = _solve_and_write(team, year, month, history, _options(args), out, args.quiet,
                               added_absences(team, base))
    return code


# --- replan ------------------------------------------------------------------------------------

def _absent(text: str, team: Team, kind: AbsenceKind = AbsenceKind.SICK) -> Absence:
    try:
        person, span = text.rsplit(":", 1)  # an id may hold a colon; the days do not
        one_day = ".." not in span  # PERSON:DAY
        first_s, last_s = (span, span) if one_day else span.split("..", 1)
        if one_day:
            iso_day(span)  # not a day: the usage below
    except ValueError:
        raise UsageError(f"--absent: expected PERSON:FROM..TO such as mari:2027-03-08..2027-03-14, got {text!r}") from None
    if person not in {p.id for p in team.people}:
        raise UsageError(f"--absent: unknown person {person!r}; known: {', '.join(p.id for p in team.people)}")
    if one_day:
        first = last = _day(span, "--absent DAY")
    else:
        first, last = _day(first_s, "--absent FROM"), _day(last_s, "--absent TO")
    if last < first:
        raise UsageError(f"--absent: TO {last} is before FROM {first}")
    return Absence(person, kind, first, last, note=f"{_ABSENCE_NOTES[kind]} (replan)")


def _one_absence_a_span(given: Sequence[Absence], texts: Sequence[str]) -> list[tuple[Absence, list[str]]]:
    """The ``--absent`` absences (``given``, as written: ``texts``), those of one person that
    overlap joined into one absence, with a note naming them (:func:`one_absence_a_span`: a
    duty of the days they share is recorded once); each with the options it was given by."""
    absences = []
    for absence, positions in one_absence_a_span(given):
        named = [f"--absent {texts[i]}" for i in positions]
        if len(positions) > 1:
            print(f"note: {', '.join(named[:-1])} and {named[-1]} overlap: one absence of {absence.person} "
                  f"from {absence.first_day} to {absence.last_day}", file=sys.stderr)
        absences.append((absence, named))
    return absences


#: How a re-plan's absence is described in absences.csv, by its kind (``--kind``).
_ABSENCE_NOTES = {AbsenceKind.SICK: "sick leave", AbsenceKind.VACATION: "vacation",
                  AbsenceKind.TRAINING: "away at training", AbsenceKind.OTHER: "absence"}


def cmd_replan(args: argparse.Namespace) -> int:
    base = team = load_team(args.team)
    rota, rows, folder_history, earlier_absences = read_rota(args.rota, team, strict=True)
    if Path(args.rota).is_dir():
        base = team = with_folder_loads(team, Path(args.rota), rows)
    _validate_options(args)
    found = rota_month(rows)
    if found is None:
        raise UsageError(f"--rota {args.rota}: the rota has no shifts")
    year, month = found
    shifts = [r for r in rows if r.kind == "shift" and (r.day.year, r.day.month) == (year, month)]
    others = [r for r in rows if r.kind == "shift" and (r.day.year, r.day.month) != (year, month)]
    if others:
        months = sorted({f"{r.day.year}-{r.day.month:02d}" for r in others})
        print(f"warning: {rota}: re-planning {year}-{month:02d} (most of its shifts); its "
              f"{len(others)} entries of {', '.join(months)} are left out", file=sys.stderr)
    given = [_absent(a, team, AbsenceKind(args.kind)) for a in args.absent]
    first, last = worktime.month_bounds(year, month)
    joined = _one_absence_a_span(given, args.absent)  # a span into the next month joined first
    for absence, named in joined:
        if not touches_month(absence, shifts, first, last):
            raise UsageError(f"{' and '.join(named)}: outside the rota's month {year}-{month:02d} "
                             "and none of its duties runs into it")
    absences = [absence for absence, _named in joined]
    affected = first_affected_day(shifts, absences)
    start = _day(args.from_, "--from") if args.from_ else affected
    if args.from_ and not first <= start <= last:
        raise UsageError(f"--from {args.from_}: outside the rota's month {year}-{month:02d}")
    # everything before --from is kept as it is: its coverage is a record, not asked again
    # (SolveOptions.recorded_before). A --from after the absence's first day: those days have
    # happened (a sick leave learnt of late), kept without the absent people's duties that
    # the absence overlaps (not worked, as the checker reads them)
    late = start > max(affected, first)
    _past_as_the_team_has_it(team, [r for r in shifts if r.day < start and not (late and in_absence(r, absences))],
                             start, args.rota, args.team, happened=late)
    used = [h for h in folder_history if (h.day.year, h.day.month) < (year, month)]
    history, team = read_history(args.history, team, [(rota.parent / "history.csv", used)])
    check_history(history, year, month, args.history)
    out = _out_dir(args.out, [args.rota, *(args.history or ())])
    # a leave already recorded (last month's re-plan of the same sick leave, in --history's
    # absences.csv) is that record, not a second one lowering the norm again
    known = [*team.absences, *earlier_absences]
    recorded: list[Absence] = []
    for a in absences:  # a duty recorded in one of this run's absences is not counted in the next
        recorded.append(next((k for k in known if k.leave == a.leave), None)
                        or recorded_on_rota(a, team, shifts, year, month, recorded=[*known, *recorded]))
    absences = recorded
    team = with_absences(team, [*earlier_absences, *absences])
    pins: dict[tuple[str, date], str | None] = {}
    before = {(r.person, r.day): r.code for r in shifts}
    not_worked = {(r.person, r.day) for r in shifts if late and in_absence(r, absences)}
    for person in team.active_people:
        d = first
        while d < start and d <= last:
            pins[(person.id, d)] = None if (person.id, d) in not_worked else before.get((person.id, d))
            d = date.fromordinal(d.toordinal() + 1)
    if late:
        print(f"note: the days before {start} have happened: kept as {args.rota} has them, without the duties "
              f"the absence overlaps (not worked); their coverage is a record — check the result with "
              f"`rota check ... --today {start}`", file=sys.stderr)
    options = _options(args, pins=pins, keep=shifts, recorded_before=start if start > first else None,
                       replan_absences=absences)

    def changes_of(result) -> list[tuple[str, date, str, str]]:  # noqa: ANN001
        """Each cell the re-plan changed: person, day, code before and after ("" for none)."""
        after = {(r.person, r.day): r.code for r in result.assignments if r.kind == "shift"}
        cells = sorted({k for k in set(before) | set(after) if before.get(k) != after.get(k)},
                       key=lambda k: (k[1], k[0]))
        return [(person, day, before.get((person, day), ""), after.get((person, day), "")) for person, day in cells]

    def changes_file(result) -> dict[str, Writer]:  # noqa: ANN001
        return {"changes.csv": lambda path: _write_changes(changes_of(result), path)}

    code, result = _solve_and_write(team, year, month, history, options, out, args.quiet,
                                    added_absences(team, base), more=changes_file)
    if getattr(result, "status", None) == "past not kept":
        print(f"The days before {start} are kept as {args.rota} has them: change those rows there, or the team "
              f"file {args.team}, and re-plan again.")
    if code != 0:
        return code
    changes = changes_of(result)
    names = {p.id: p.name for p in team.people}
    print(f"{len(changes)} change{'s' if len(changes) != 1 else ''} against {args.rota}:")
    for person, day, was, now in changes:
        print(f"  {day} {names.get(person, person):<20} {was or 'off':>4} → {now or 'off'}")
    if result.status == "feasible" and result.terms.get("changes", 0) > 0:  # only duties dropped: no fewer
        print("  (the time limit ran out before this re-plan was proven the best: one with fewer changes may "
              "exist; a longer --time-limit searches further)")
    _tell_events_left(rows, result.assignments, names, year, month)
    return 0


def _write_changes(changes: Sequence[tuple[str, date, str, str]], path: Path) -> None:
    """changes.csv: ``person,date,before,after``, a cell a line."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["person", "date", "before", "after"])
        for person, day, was, now in changes:
            writer.writerow([person, day.isoformat(), was, now])


def _past_as_the_team_has_it(team: Team, past: Sequence[Assignment], start: date, rota: str, team_file: str,
                             happened: bool = False) -> None:
    """The duties before a re-plan's first day are kept as the rota has them (``happened``:
    as they were worked, --from after the absence began), so the team file must still describe
    them: someone set inactive would lose them (no row is planned for them), a shift type
    re-timed would move their start and end. Either is refused, naming the rows, before
    anything is written — never rewritten silently. Days not known to have happened (no
    --from after the absence began) are a plan the team as it is now must allow: a duty of a
    service, a weekday or night work the team file no longer gives the person is refused too
    (days that have happened were worked with the team as it was then)."""
    kept = "as they happened" if happened else f"as {rota} has them"
    problems: list[str] = []
    gone = sorted({r.person for r in past if not team.person(r.person).active})
    if not happened and past:
        from scheduler.checker import check_rota
        from scheduler.checker.references import WEEKDAY_NOT_RUN

        first = min(r.day for r in past)
        report = check_rota(team, first.year, first.month, past)
        problems += [v.reason for v in report.hard if v.person not in gone
                     and (v.rule == "eligibility" or v.template == WEEKDAY_NOT_RUN)]
    for pid in gone:
        days = ", ".join(str(r.day) for r in past if r.person == pid)
        problems.append(f"{pid} is not active in {team_file} but has duties before {start} ({days}): keep "
                        f"{pid} active for this month and give the rest of it with --absent "
                        f"{pid}:FROM..TO --kind other")
    for r in past:
        person = team.person(r.person)
        if r.person not in gone and not person.employed_on(r.day):
            problems.append(f"{r.person} {r.day} {r.code}: outside the employment contract in {team_file} "
                            f"(employed_from {person.employed_from or '—'}, employed_until "
                            f"{person.employed_until or '—'})")
    types = {st.code: st for st in team.shift_types}
    for r in past:
        st = types.get(r.code)
        if st is None or r.person in gone:
            continue
        start_at, end_at = st.interval(r.day)
        if (r.start, r.end) != (start_at, end_at):
            problems.append(f"{r.person} {r.day} {r.code} {r.start.astimezone(TALLINN):%H:%M}–"
                            f"{r.end.astimezone(TALLINN):%H:%M}: shift {r.code} runs "
                            f"{start_at:%H:%M}–{end_at:%H:%M} in {team_file}")
    if problems:
        shown = problems[:10] + ([f"… and {len(problems) - 10} more"] if len(problems) > 10 else [])
        since = "" if happened else "; if those days have happened, give --from the first day not yet worked"
        raise UsageError(f"--rota {rota}: the days before {start} are kept {kept}, but {team_file} no "
                         "longer describes them (re-plan with the team file the month was planned with; a "
                         f"new shift time applies from the next month{since}):\n  " + "\n  ".join(shown))


def _tell_events_left(rows: Sequence[Assignment], after: Sequence[Assignment], names: dict[str, str],
                      year: int, month: int) -> None:
    """The month's events (supervision, training) the rota had someone at and the re-plan no
    longer has, an absence keeping them away: not cells of changes.csv, but the lead says so."""
    def events(assignments: Iterable[Assignment]) -> set[tuple[date, str, str]]:
        return {(a.day, a.person, a.code) for a in assignments
                if a.kind == "event" and (a.day.year, a.day.month) == (year, month)}

    left = sorted(events(rows) - events(after))
    if left:
        print(f"{len(left)} event{'s' if len(left) != 1 else ''} no longer attended (the absence):")
        for day, person, code in left:
            print(f"  {day} {names.get(person, person):<20} {code}")


# --- serve ---------------------------------------------------------------------------------------

def cmd_serve(args: argparse.Namespace) -> int:
    from webui import cli_serve

    if not 0 < args.port < 65536:
        raise UsageError(f"--port: expected 1–65535, got {args.port}")
    try:
        socket.getaddrinfo(args.host, args.port)
    except OSError as exc:
        raise UsageError(f"--host {args.host}: not an address of this machine ({exc.strerror or exc})") from None
    return cli_serve(args.host, args.port)


# --- main ----------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rota", description="Rotas under Estonian summed working time.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("norms", help="working-time norm of each month of a year")
    p.add_argument("year", type=int)
    p.add_argument("--fte", type=float, default=1.0, help="load (default 1.0)")
    p.add_argument("--csv", action="store_true", help="CSV: month,working_days,shortened_days,norm_hours")
    p.add_argument("--no-holiday-reduction", action="store_true",
                   help="public holidays do not reduce the norm (Supreme Court 3-2-1-69-17)")
    p.set_defaults(func=cmd_norms)

    p = sub.add_parser("check", help="check a rota against the law and the team's needs")
    p.add_argument("team")
    p.add_argument("rota", help="assignments.csv, or a solve's output folder")
    p.add_argument("--month", help="YYYY-MM (default: the month of the rota's shifts)")
    p.add_argument("--history", action="append", help="previous month's folder or CSV (repeatable)")
    p.add_argument("--today", metavar="DATE", help="the first day not yet begun: the days before it are a "
                   "record, and a coverage shortfall there is a warning, not a violation")
    p.set_defaults(func=cmd_check)

    for name, helptext in (("solve", "build the month's rota"), ("replan", "re-plan after an absence")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("team")
        if name == "solve":
            p.add_argument("--month", required=True, help="YYYY-MM")
        else:
            p.add_argument("--rota", required=True, help="folder (or assignments.csv) of the rota to re-plan")
            p.add_argument("--absent", action="append", required=True, metavar="PERSON:FROM..TO",
                           help="an absence, both days included, or PERSON:DAY for one day (repeatable; those of "
                                "one person that share a day are one absence, each duty in it recorded once)")
            p.add_argument("--kind", choices=[k.value for k in AbsenceKind], default=AbsenceKind.SICK.value,
                           help="kind of the absences given with --absent (default sick)")
            p.add_argument("--from", dest="from_", metavar="DATE",
                           help="keep everything before this day (default: the first day of a duty the absence touches; "
                                "later: those days have happened, the absent person's duties there were not worked)")
        p.add_argument("--out", required=True, help="output folder")
        p.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
        p.add_argument("--workers", type=int, default=2, help="search workers (default 2)")
        p.add_argument("--history", action="append", help="previous month's output folder (repeatable)")
        p.add_argument("--quiet", action="store_true", help="no progress lines")
        p.set_defaults(func=cmd_solve if name == "solve" else cmd_replan)
    p = sub.add_parser("serve", help="run the web app (SQLite in instance/, migrated and seeded on first start)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=5000, help="port (default 5000)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _no_empty_folder_left(getattr(args, "out", None)):
            code = args.func(args)
        sys.stdout.flush()
        return code
    except (TeamFileError, RotaFileError, UsageError) as exc:
        return _error(args.command, str(exc))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``rota check … | head``): no traceback; point stdout at
        # /dev/null so the interpreter's final flush does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:  # a file or folder the run could not read or write: named, no traceback
        return _error(args.command, f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc))


def _error(command: str, message: str) -> int:
    """Say ``message`` as the command's error, each line indented; exit code 2."""
    print(f"rota {command}: error:", file=sys.stderr)
    for line in message.splitlines():
        print(f"  {line}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
