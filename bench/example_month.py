"""How good the example month's rota is after the time limit, and how much that varies.

    python -m bench.example_month --runs 9 --time-limit 30     # the table of bench/RESULTS.md
    python -m bench.example_month --runs 2 --time-limit 10     # a quicker look

Solves ``examples/helpline/team.toml`` for one month (2027-03 unless ``--month``) once per
seed (``--seed``, ``--seed`` + 1, …) and prints one row per run: seed, objective, the proven
bound ("no bound" when none above 0), seconds to the first legal rota, the independent
checker's verdict and the value of every objective term that is not zero in some run; then
the best, median and worst objective.

Why this exists: the issue's target for the example month is "optimal or within 1 % in
30 s". The solver proves lower bounds (column generation, ``scheduler/solver/bound.py``; whole
weekends, ``scheduler/solver/weekend_pairs.py``: 4 points on the example's March, its optimum)
while its rotas end at that optimum in most runs and up to tens of points above it in the
others, so both the spread of what 30 s gives and the proven gap are measured here
(bench/RESULTS.md, "The 1 % target", "A bound from whole weekends", "Weekends held at their
least", "Exchanges among those with a share", "Exchanges around those the rota charges",
"Wishes met in the first rota").
CP-SAT's multi-threaded search is not deterministic, so a seed does not reproduce a run
exactly; it only makes the runs differ.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from scheduler.solver.model import SolveOptions
from scheduler.solver.solve import SolveResult, solve_month
from scheduler.teamfile import TeamFileError, load_team

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "helpline" / "team.toml"


def _bound_text(result: SolveResult) -> str:
    return f"{result.bound:.1f}" if result.bound > 0 else "no bound"


def _verdict(result: SolveResult) -> str:
    if result.report is None:
        return result.status
    return "ok" if result.report.ok else "REJECTED"


def format_table(runs: Sequence[tuple[int, SolveResult]]) -> str:
    """The runs as a Markdown table, then the best, median and worst objective."""
    terms = [name for name in runs[0][1].terms if any(r.terms.get(name) for _, r in runs)] if runs else []
    head = ["seed", "objective", "bound", "first rota (s)", "checker", *terms]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * 4 + "---|" + "---:|" * len(terms)]
    for seed, r in runs:
        first = f"{r.first_feasible:.1f}" if r.first_feasible is not None else "—"
        objective = f"{r.objective:.0f}" if r.objective is not None else "—"
        cells = [str(seed), objective, _bound_text(r), first, _verdict(r)]
        cells += [f"{r.terms.get(name, 0):g}" for name in terms]
        lines.append("| " + " | ".join(cells) + " |")
    values = [r.objective for _, r in runs if r.objective is not None and _verdict(r) == "ok"]
    if values:
        lines.append("")
        lines.append(f"best {min(values):.0f}, median {statistics.median(values):.0f}, "
                     f"worst {max(values):.0f} over {len(values)} legal rota(s) of {len(runs)} run(s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.example_month", description=__doc__.split("\n\n")[0])
    ap.add_argument("--team", type=Path, default=EXAMPLE, help="team file (default: the example)")
    ap.add_argument("--month", default="2027-03", help="YYYY-MM (default 2027-03)")
    ap.add_argument("--runs", type=int, default=9, help="number of runs (default 9)")
    ap.add_argument("--time-limit", type=float, default=30.0, help="seconds per run (default 30)")
    ap.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the first run (default 1)")
    args = ap.parse_args(argv)
    try:
        first = datetime.strptime(args.month, "%Y-%m")
    except ValueError:
        print(f"--month: expected YYYY-MM, got {args.month!r}", file=sys.stderr)
        return 2
    year, month = first.year, first.month
    try:
        team = load_team(args.team)
    except TeamFileError as err:
        print(err, file=sys.stderr)
        return 2
    runs: list[tuple[int, SolveResult]] = []
    for k in range(args.runs):
        seed = args.seed + k
        options = SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=seed)
        result = solve_month(team, year, month, options=options)
        runs.append((seed, result))
        print(f"run {k + 1}/{args.runs} (seed {seed}): {result.status}, objective {result.objective}",
              file=sys.stderr, flush=True)
    print(f"{args.team.name} {args.month}, {args.time_limit:g} s per run, {args.workers} worker(s)")
    print(format_table(runs))
    return 0 if all(_verdict(r) == "ok" for _, r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
