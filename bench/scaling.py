"""How the monthly solver scales: teams of 10, 20, 40 and 80 people built from the example
team's structure, one month each, one subprocess per size (so peak memory is that size's).

    python -m bench.scaling --time-limit 60                # the table of bench/RESULTS.md
    python -m bench.scaling --sizes 10 20 --time-limit 20  # a quicker look

Prints one row per size: people, CP-SAT variables, seconds to the first legal rota, seconds to
a 1 % gap (— when the bound never gets there), objective and gap at the time limit ("no
bound" when no lower bound above 0 was proven, instead of a meaningless 100 %), peak
memory of the process.

A team of n people keeps the example's team lead and its own line desk; its counsellors
cycle through the example's counsellors in an order that mixes the services they take
(copies get ``-2``, ``-3``… ids and copy the original's absences, events and wishes); every
counsellor need (minimum, desired, language minima) is scaled by n/16, rounded, at least one
where the example asks for at least one.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from scheduler.domain import CoverageNeed, LanguageMinimum, Person, Role, Team
from scheduler.teamfile import load_team

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "helpline" / "team.toml"
#: The example's counsellors in an order whose every prefix mixes the two supervision groups,
#: the crisis line, the emotional-support line and spiritual care, full- and part-timers,
#: Russian and English speakers.
MIXED_ORDER = ("mari", "anna", "toomas", "jaan", "tiina", "olga", "ene", "andres", "sergei", "dmitri",
               "piret", "margus", "katrin", "liis", "helen")
BASE_PEOPLE = 16


def _copy_id(pid: str, k: int) -> str:
    return pid if k == 1 else f"{pid}-{k}"


def scaled_team(base: Team, people: int) -> Team:
    """The example team grown or shrunk to ``people`` people (module docstring)."""
    lead = next(p for p in base.people if p.role == Role.TEAM_LEAD)
    counsellors = {p.id: p for p in base.people if p.role != Role.TEAM_LEAD}
    order = [pid for pid in MIXED_ORDER if pid in counsellors] + [pid for pid in counsellors if pid not in MIXED_ORDER]
    chosen: list[Person] = [lead]
    copies: dict[str, list[str]] = {pid: [] for pid in counsellors}
    for i in range(people - 1):
        pid = order[i % len(order)]
        k = i // len(order) + 1
        new_id = _copy_id(pid, k)
        original = counsellors[pid]
        name = original.name if k == 1 else f"{original.name} {k}"
        chosen.append(replace(original, id=new_id, name=name, email=""))
        copies[pid].append(new_id)
    copies[lead.id] = [lead.id]
    factor = people / BASE_PEOPLE
    lead_services = {s.code for s in base.services if s.role == Role.TEAM_LEAD}
    needs = tuple(n if n.service in lead_services else _scaled_need(n, factor) for n in base.needs)
    absences = tuple(replace(a, person=c) for a in base.absences for c in copies.get(a.person, []))
    wishes = tuple(replace(w, person=c) for w in base.wishes for c in copies.get(w.person, []))
    events = tuple(replace(e, attendees=tuple(c for pid in e.attendees for c in copies.get(pid, [])))
                   for e in base.events)
    return replace(base, name=f"{base.name} ×{factor:g}", people=tuple(chosen), needs=needs,
                   absences=absences, wishes=wishes, events=events)


def _scaled(value: int, factor: float) -> int:
    return max(1, round(value * factor)) if value >= 1 else 0


def _scaled_need(need: CoverageNeed, factor: float) -> CoverageNeed:
    minimum = _scaled(need.minimum, factor)
    desired = max(minimum, _scaled(need.desired, factor))
    languages = tuple(LanguageMinimum(lm.language, min(minimum, _scaled(lm.count, factor)) if minimum else
                                      _scaled(lm.count, factor)) for lm in need.languages)
    return replace(need, minimum=minimum, desired=desired, languages=languages)


def measure(people: int, month: str, time_limit: float, workers: int) -> dict[str, object]:
    """Solves one size in this process and returns the row (peak memory of this process)."""
    from scheduler.solver import SolveOptions, solve_month

    year, mon = (int(x) for x in month.split("-"))
    team = scaled_team(load_team(EXAMPLE), people)
    result = solve_month(team, year, mon, (), SolveOptions(time_limit=time_limit, workers=workers))
    to_gap = next((p.elapsed for p in result.history if p.gap <= 0.01), None)
    return {
        "people": people,
        "variables": result.variables,
        "first_feasible": result.first_feasible,
        "to_1pct": to_gap,
        "objective": result.objective if result.assignments else None,
        "bound": result.bound,
        # a gap against a bound of 0 says nothing: shown as "no bound", as rota solve does
        "gap": result.gap if result.assignments and (result.bound > 0 or result.status == "optimal") else None,
        "status": result.status,
        "checker_ok": bool(result.report and result.report.ok),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _fmt(value: object, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)


def table(rows: Sequence[dict[str, object]]) -> str:
    head = ("| people | variables | first feasible (s) | to 1 % gap (s) | objective at limit | "
            "gap at limit | status (checker) | peak memory (MB) |")
    lines = [head, "|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        lines.append(
            f"| {r['people']} | {r['variables']} | {_fmt(r['first_feasible'], '{:.1f}')} | "
            f"{_fmt(r['to_1pct'], '{:.1f}')} | {_fmt(r['objective'], '{:.0f}')} | "
            f"{_fmt(r['gap'], '{:.1%}') if r['gap'] is not None or r['objective'] is None else 'no bound'} | {r['status']} ({'ok' if r['checker_ok'] else 'not checked'}) | "
            f"{r['peak_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40, 80])
    parser.add_argument("--month", default="2027-03")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.month, args.time_limit, args.workers)))
        return 0
    rows = []
    for size in args.sizes:
        cmd = [sys.executable, "-m", "bench.scaling", "--one", str(size), "--month", args.month,
               "--time-limit", str(args.time_limit), "--workers", str(args.workers)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"size {size} failed:\n{out.stderr}", file=sys.stderr)
            continue
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"  {size} people done", file=sys.stderr, flush=True)
    print(f"Monthly solver scaling, {args.month}, time limit {args.time_limit:g} s, {args.workers} workers")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
