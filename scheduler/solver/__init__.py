"""Monthly rota solver on OR-Tools CP-SAT."""

from scheduler.solver.model import SolveOptions
from scheduler.solver.solve import SolveResult, print_report, solve_month

__all__ = ["SolveOptions", "SolveResult", "print_report", "solve_month"]
