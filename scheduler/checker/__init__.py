"""The independent rule checker: the specification of a legal rota.

Written from the law (domain.md §2) and the team file, sharing no code with any solver: the
solver calls :func:`check_rota` to verify its output, never the other way. One function per
rule, named after it, each citing its source:

=============================== =========================================================
rule                            source
=============================== =========================================================
``unknown_references``          team file (people, shift and event codes, shift times)
``hours``                       TLS § 47 (counted hours, break)
``daily_rest``                  TLS § 51 (11 h rest, 13 h duty; 24 h switch)
``weekly_rest``                 TLS § 52 (2) (36 h, or 47 h; calendar or rolling week)
``average_weekly_hours``        TLS § 46 (48 h average over the accounting period)
``accounting_period_history``   TLS § 46 (warning: earlier months of the period not in the history)
``overtime``                    TLS § 44 (warning: the period so far more than 8 h over its norm)
``night_worker_limits``         TLS § 50 (night worker: 48 h in any 7 days)
``one_duty_start_per_day``      TLS § 51; work rules (split_duties_allowed)
``no_overlapping_duties``       TLS § 43
``absences_and_events``         team file absences; job description § 3.8
``employment_contract``         TLS § 5 (1) (the contract's first and last day: employed_from / employed_until)
``eligibility``                 job description § 1.4–1.5; TLS § 50 (may_work_nights)
``lead_protected_management_time`` job description § 1.4–1.5
``coverage_minimum``            team file coverage needs (incl. language minima)
=============================== =========================================================
"""

from scheduler.checker.check import RULES, check_rota
from scheduler.checker.results import CheckReport, PersonReport, Violation
from scheduler.checker.text import format_report

__all__ = [
    "RULES",
    "CheckReport",
    "PersonReport",
    "Violation",
    "check_rota",
    "format_report",
]
