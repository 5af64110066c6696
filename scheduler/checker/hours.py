"""Hours rules: the hours written in the rota (TLS § 47), the 48 h average over the
accounting period (TLS § 46), night workers' 7-day limit (TLS § 50) and the team lead's
protected management time (job description § 1.4–1.5)."""

from __future__ import annotations

from datetime import date, timedelta

from scheduler.checker.messages import N_, Hours, Message, msg, words
from scheduler.checker.results import SOFT, Violation, violation
from scheduler.checker.text import moment
from scheduler.checker.timeline import (
    EPS,
    HOURS_TOLERANCE,
    RotaMonth,
    days,
    midnight,
    runs_of_days,
)
from scheduler.domain import Role

HOURS_SOURCE = N_("TLS § 47")
AVERAGE_SOURCE = N_("TLS § 46")
NIGHT_WORKER_SOURCE = N_("TLS § 50")
LEAD_SOURCE = N_("job description § 1.4–1.5")
OVERTIME_SOURCE = N_("TLS § 44 (overtime only by agreement)")

#: How far a person's hours so far in the accounting period may run above the norm so far
#: before the checker warns: about a shift (summed working time evens the hours out over the
#: period, so a few hours either way in a month are the method, not overtime yet).
OVERTIME_WARNING_HOURS = 8.0


def hours(rota: RotaMonth) -> list[Violation]:
    """The ``hours`` written in each of the month's rows must be the counted working hours
    (payroll depends on them): elapsed hours (UTC, so DST nights last 9 h or 11 h), less the
    unpaid break of ``break_minutes`` in a duty longer than ``break_after_hours`` unless
    ``break_counts_as_work`` (TLS § 47). A difference above 0.01 h is a hard violation.
    """
    out: list[Violation] = []
    for w in rota.rows:
        if w.claimed is None or abs(w.claimed - w.counted) <= HOURS_TOLERANCE:
            continue
        s = rota.settings(w.person)
        elapsed = w.elapsed
        if not s.break_counts_as_work and elapsed > s.break_after_hours:
            template = N_("%(name)s: %(code)s %(start)s–%(end)s is written as %(written)s h but "
                          "counts %(counted)s h (%(elapsed)s h elapsed less a %(break_minutes)s "
                          "min break; TLS § 47)")
        else:
            template = N_("%(name)s: %(code)s %(start)s–%(end)s is written as %(written)s h but "
                          "counts %(counted)s h (%(elapsed)s h elapsed; TLS § 47)")
        out.append(
            violation(
                "hours",
                HOURS_SOURCE,
                w.person,
                w.start,
                msg(template, name=rota.name(w.person), code=w.code, start=moment(w.start),
                    end=moment(w.end, w.start), written=Hours(w.claimed), counted=Hours(w.counted),
                    elapsed=Hours(elapsed), break_minutes=s.break_minutes),
            )
        )
    return out


def average_weekly_hours(rota: RotaMonth) -> list[Violation]:
    """TLS § 46: working time, overtime included, averages at most
    ``max_average_weekly_hours`` (48 h; 52 h with a separate agreement) per 7 days over the
    accounting period. The counted hours of the period known so far (the history's earlier
    months of the period and this month) may not exceed max × days in the period ÷ 7; the
    days of the period within the person's employment contract (``employed_from`` /
    ``employed_until``), for someone who starts or leaves within it, and never fewer than 7.
    """
    out: list[Violation] = []
    for pid in rota.people_at_work:
        s = rota.settings(pid)
        first, last = rota.period(pid)
        # an earlier month of the period whose hours the history does not hold counts as worked
        # to its norm, as the balance takes it (not as 0 h)
        known, _missing = rota.known_period(pid)
        assumed = rota.norm(pid, first, known - timedelta(days=1)) if known > first else 0.0
        total = assumed + sum(w.counted for w in rota.work_between(pid, known, rota.last))
        p = rota.person(pid)
        employed = p.employed_span(first, last) if p is not None else (first, last)
        if employed is None:
            continue  # no day of the period in the contract: employment_contract names the rows
        first, last = employed
        # at least a week: a contract of a few days may hold a lawful week's 48 h (the average
        # is over 7-day periods; 48 × 3/7 h would forbid the norm of a Mon–Wed start)
        n_days = max(7, (last - first).days + 1)
        limit = s.max_average_weekly_hours * n_days / 7
        if total <= limit + HOURS_TOLERANCE:
            continue
        if last == rota.last:
            template = N_("%(name)s: %(hours)s h in the accounting period %(first)s to %(last)s, "
                          "more than %(max)s h × %(days)s/7 days = %(limit)s h (TLS § 46)")
        else:
            template = N_("%(name)s: %(hours)s h in the accounting period %(first)s to %(last)s "
                          "(planned up to %(planned_to)s), more than %(max)s h × %(days)s/7 days "
                          "= %(limit)s h (TLS § 46)")
        out.append(
            violation(
                "average_weekly_hours",
                AVERAGE_SOURCE,
                pid,
                None,
                msg(template, name=rota.name(pid), hours=Hours(total), first=first, last=last,
                    planned_to=rota.last, max=s.max_average_weekly_hours, days=n_days,
                    limit=Hours(limit)),
            )
        )
    return out


def overtime(rota: RotaMonth) -> list[Violation]:
    """TLS § 44 (1): work beyond the agreed working time is overtime, which the employer may
    have done only by agreement with the employee (and a part-time employee's agreed time is
    their part); under summed working time it is what the accounting period's hours exceed its
    norm by (TLS § 46). A warning when the period so far (its earlier months from the history,
    this month's rota) runs more than ``OVERTIME_WARNING_HOURS`` above the norm so far: a rota
    that loads someone far beyond their contract needs their agreement, or another plan."""
    from scheduler.checker.people import person_report

    out: list[Violation] = []
    for pid in rota.people_at_work:
        p = rota.person(pid)
        if p is None:
            continue
        r = person_report(rota, p)
        over = r.period_planned_hours - r.period_norm_to_date_hours
        if over <= OVERTIME_WARNING_HOURS + HOURS_TOLERANCE:
            continue
        first, _last = rota.period(pid)
        out.append(violation(
            "overtime", OVERTIME_SOURCE, pid, None,
            msg(N_("%(name)s: %(planned)s h from %(first)s to %(last)s against a norm of %(norm)s h (load "
                   "%(fte)s), %(over)s h over: if the accounting period ends so, that is overtime, which needs "
                   "their agreement"),
                name=p.name, planned=Hours(r.period_planned_hours), first=first, last=rota.last,
                norm=Hours(r.period_norm_to_date_hours), fte=r.fte, over=Hours(over)),
            severity=SOFT))
    return out


def accounting_period_history(rota: RotaMonth) -> list[Violation]:
    """TLS § 46: the hours balance runs over the whole accounting period. An earlier month
    of the period whose duties are not in the history has unknown hours, not 0: it is taken
    as worked to the norm (the balance is counted from the month after it). A warning says
    so once per period for months with no rota at all, and per person for months whose rota
    holds none of the person's duties (new in the team, or away without a recorded absence)."""
    out: list[Violation] = []
    seen: set[tuple[date, tuple[tuple[int, int], ...]]] = set()
    for pid in rota.people_at_work:
        first, last = rota.period(pid)
        _known, missing = rota.known_period(pid)
        no_rota = [ym for ym in missing if ym not in rota.history_months]
        not_in_it = [ym for ym in missing if ym in rota.history_months]
        if no_rota and (first, tuple(no_rota)) not in seen:
            seen.add((first, tuple(no_rota)))
            out.append(violation(
                "accounting_period_history", AVERAGE_SOURCE, None, None,
                msg(N_("the history holds no rota of %(months)s, in the accounting period %(first)s "
                       "to %(last)s: those months are taken as worked to the norm for the balance and the "
                       "48 h average (give their rota as history to carry the real balance and average)"),
                    months=_months(no_rota), first=first, last=last),
                severity=SOFT))
        if not_in_it:
            out.append(violation(
                "accounting_period_history", AVERAGE_SOURCE, pid, None,
                msg(N_("%(name)s has no duties in the history's rota of %(months)s (accounting period "
                       "%(first)s to %(last)s): taken as worked to the norm, as for someone new in the "
                       "team"),
                    name=rota.name(pid), months=_months(not_in_it), first=first, last=last),
                severity=SOFT))
    return out


def _months(months: list[tuple[int, int]]) -> str:
    return ", ".join(f"{y}-{m:02d}" for y, m in months)


def night_worker_limits(rota: RotaMonth) -> list[Violation]:
    """TLS § 50 (night work 22:00–06:00): someone who works at least
    ``night_worker_threshold_hours`` (3 h) of a duty at night is a night worker, and a night
    worker's working time may average at most 8 h per 24 h over 7 days, one 24 h period left
    out (Labour Inspectorate): at most ``night_worker_max_hours_7d`` (48 h) in any 7 days.

    A person with such a duty in the month, or in the history's last 6 days before it (the
    part of the previous month that shares a 7-day window with this one), is a night worker
    for the month; then every 7 consecutive days that hold some of the month's work are
    checked, the history included, each duty counted whole on the day it starts (domain.md
    §4: a shift belongs to the day it starts on; a window from midnight that counted the last
    night pro rata let 56 h of duties starting in 7 days pass). Consecutive windows over the
    limit are one finding (the worst and a count); its message also holds every window's hours
    (``windows``, not shown), so that a finding is the same only when every window in it is
    (``check.recorded_breaches``).
    """
    out: list[Violation] = []
    shared_from = midnight(rota.first - timedelta(days=6))
    for pid in rota.people_at_work:
        s = rota.settings(pid)
        night_duty = next(
            (
                d
                for d in rota.duties(pid)
                if (d.in_month or shared_from < d.end and d.start < midnight(rota.first))
                and rota.night_hours(pid, d.parts) >= s.night_worker_threshold_hours - EPS
            ),
            None,
        )
        if night_duty is None:
            continue
        work = rota.all_work(pid)
        over: list[tuple[date, float]] = []
        for d in days(rota.first - timedelta(days=6), rota.last):
            inside = [w for w in work if d <= w.day <= d + timedelta(days=6)]
            if not any(w.in_month for w in inside):
                continue
            total = sum(w.counted for w in inside)
            if total > s.night_worker_max_hours_7d + HOURS_TOLERANCE:
                over.append((d, total))
        for run in runs_of_days(over, lambda item: item[0]):
            d, total = max(run, key=lambda item: item[1])
            out.append(
                violation(
                    "night_worker_limits",
                    NIGHT_WORKER_SOURCE,
                    pid,
                    midnight(d),
                    msg(N_("%(name)s: a night worker (the duty starting %(duty_start)s has "
                           "%(night)s h at night) works %(hours)s h in the 7 days %(first)s to "
                           "%(last)s, more than %(max)s h (TLS § 50)%(more)s"),
                        name=rota.name(pid), duty_start=moment(night_duty.start),
                        night=Hours(rota.night_hours(pid, night_duty.parts)), hours=Hours(total),
                        first=d, last=d + timedelta(days=6), max=s.night_worker_max_hours_7d,
                        more=_also_over(len(run) - 1),
                        windows="; ".join(f"{day} {hours:.2f}" for day, hours in run)),
                )
            )
    return out


def _also_over(others: int) -> Message | str:
    """The overlapping 7-day windows that are over the limit as well."""
    if others == 1:
        return words(N_("; 1 overlapping 7-day window is over too"))
    if others > 1:
        return msg(N_("; %(count)s overlapping 7-day windows are over too"), count=others)
    return ""


def lead_protected_management_time(rota: RotaMonth) -> list[Violation]:
    """Job description § 1.4–1.5: the team lead has management work and is the substitute of
    last resort. Hours of shifts whose service belongs to another role (counsellor line duty)
    may use at most (1 − ``protected_management_share``) of the lead's month norm.
    """
    out: list[Violation] = []
    for p in rota.team.people:
        if p.role != Role.TEAM_LEAD:
            continue
        other = [
            w
            for w in rota.month_work(p.id)
            if w.is_shift and w.service is not None and w.service.role != p.role
        ]
        if not other:
            continue
        total = sum(w.counted for w in other)
        share = p.settings.protected_management_share
        norm = rota.month_norm(p.id)
        limit = (1 - share) * norm
        if total <= limit + HOURS_TOLERANCE:
            continue
        out.append(
            violation(
                "lead_protected_management_time",
                LEAD_SOURCE,
                p.id,
                other[0].start,
                msg(N_("%(name)s: %(hours)s h of other roles' line duty in the month, more than "
                       "(1 − %(share)s) × the month norm %(norm)s h = %(limit)s h; %(percent)s "
                       "of the norm is kept for management work (job description § 1.4–1.5, "
                       "setting protected_management_share)"),
                    name=p.name, hours=Hours(total), share=share, norm=Hours(norm),
                    limit=Hours(limit), percent=f"{share:.0%}"),
            )
        )
    return out
