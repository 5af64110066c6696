"""What the checker returns: violations of the law and the team file, and each person's hours.

These are facts, frozen and free of behaviour; :mod:`scheduler.checker.text` turns them into
text for the terminal. A violation's reason is a :class:`~scheduler.checker.messages.Message`
(an English template and its typed parameters) so that the web app can show it in its
user's language; ``reason`` is its English text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from scheduler.checker.messages import N_, Message, Param, msg, plain
from scheduler.domain import TALLINN

HARD = "hard"
SOFT = "soft"

#: A finding about days already past when the rota is checked (``check_rota``'s
#: ``recorded_before``) that no plan can change any more: a record of what happened.
RECORDED = N_("%(finding)s (already past: recorded as it happened)")


@dataclass(frozen=True)
class Violation:
    """One broken rule.

    ``rule`` is the name of the rule function that found it (``daily_rest``), ``source`` the
    paragraph it comes from (``TLS § 51``), ``person`` the person's id when the rule is about
    one person, ``start`` the Europe/Tallinn instant the problem starts at (None when it is
    not about a moment), ``reason`` a sentence a team lead can act on (English), ``severity``
    "hard" (the rota may not be published) or "soft" (a warning). ``message`` is the same
    sentence as a template and its parameters (None for a violation made from text alone);
    ``reason`` is its English text.
    """

    rule: str
    source: str
    person: str | None
    start: datetime | None
    reason: str
    severity: str = HARD
    message: Message | None = None

    @property
    def hard(self) -> bool:
        return self.severity == HARD

    @property
    def template(self) -> str:
        """The English template of the reason (the reason itself without a message)."""
        return self.message.template if self.message is not None else self.reason

    @property
    def params(self) -> tuple[tuple[str, Param], ...]:
        """The parameters of the reason's template, in order."""
        return self.message.params if self.message is not None else ()

    def param(self, key: str, default: Any = None) -> Any:
        """One parameter of the reason (``default`` when it has none)."""
        return self.message.get(key, default) if self.message is not None else default


@dataclass(frozen=True)
class PersonReport:
    """One person's month and accounting period in hours (the soft picture).

    ``norm_hours`` is the month's norm after absences (TLS § 43, § 53), ``planned_hours`` the
    counted hours of the person's shifts and events starting in the month, ``balance_hours``
    their difference (positive = above the norm). ``period_*`` are the same over the
    accounting period (TLS § 46): the norm of the whole period, hours planned in it up to the
    end of this month. ``substitute_hours`` are hours of work belonging to another role (the
    team lead on counsellor line duty, job description § 1.4–1.5).
    """

    person: str
    name: str
    fte: float
    norm_hours: float
    planned_hours: float
    balance_hours: float
    period_norm_hours: float
    period_planned_hours: float
    period_balance_hours: float
    night_hours: float
    holiday_hours: float
    nights: int
    weekend_days: int
    wishes_met: int
    wishes_total: int
    substitute_hours: float
    #: The period's norm from its first day to the end of this month: what
    #: ``period_balance_hours`` is measured against (``period_norm_hours`` is the whole period's).
    period_norm_to_date_hours: float


@dataclass(frozen=True)
class CheckReport:
    """The result of checking one month's rota."""

    year: int
    month: int
    violations: tuple[Violation, ...]
    people: tuple[PersonReport, ...]
    #: The first day not yet begun that the check read the month with (``check_rota``'s
    #: ``recorded_before``; None: the whole month as a plan).
    recorded_before: date | None = None
    #: The moment the check was made at (``check_rota``'s ``begun_before``): duties begun
    #: before it have happened too. None: only whole days before ``recorded_before``.
    begun_before: datetime | None = None

    @property
    def hard(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity == HARD)

    @property
    def soft(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.severity != HARD)

    @property
    def recorded_breaches(self) -> tuple[Violation, ...]:
        """Breaches of the working-time law that the days already past made on their own
        (``check.recorded_breaches``): soft, since no plan can undo them, but still breaches
        to show apart from the plan's warnings."""
        return tuple(v for v in self.violations
                     if v.severity != HARD and v.template == RECORDED and v.rule != "coverage_minimum")

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken (warnings allowed)."""
        return not self.hard

    def by_rule(self, rule: str) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.rule == rule)

    def person(self, person_id: str) -> PersonReport:
        for p in self.people:
            if p.person == person_id:
                return p
        raise KeyError(person_id)


def violation(
    rule: str,
    source: str,
    person: str | None,
    start: datetime | None,
    reason: Message | str,
    severity: str = HARD,
) -> Violation:
    """A :class:`Violation` whose ``start`` is shown in Europe/Tallinn time; ``reason`` is a
    :class:`Message` (its English text becomes ``Violation.reason``) or plain text."""
    message = reason if isinstance(reason, Message) else None
    return Violation(
        rule=rule,
        source=source,
        person=person,
        start=start.astimezone(TALLINN) if start is not None else None,
        reason=plain(reason) if isinstance(reason, Message) else reason,
        severity=severity,
        message=message,
    )


def as_recorded(v: Violation) -> Violation:
    """``v`` as a record of what happened: a soft finding whose reason says it is already past
    (``RECORDED``). It stays in the report — a law breach that happened is still reported —
    but no longer stops the rota from being published, since no plan can undo it."""
    message = msg(RECORDED, finding=v.message if v.message is not None else v.reason)
    return Violation(v.rule, v.source, v.person, v.start, plain(message), SOFT, message)
