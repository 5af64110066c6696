"""The database: typed SQLAlchemy 2.0 models (microblog style).

These rows are the team's master data and the rotas. They are turned into
:mod:`scheduler.domain` objects by :mod:`webui.convert`; no rule of the law lives here.

Every row a form edits carries ``version``: the form sends it back in a hidden field and a
save whose version differs from the stored one is refused (someone else saved meanwhile).
"""

from __future__ import annotations

import hashlib

from datetime import UTC, date, datetime, time
from typing import Any, Optional

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, has_app_context
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from scheduler import domain
from webui.extensions import db

ROLE_LEAD = "team_lead"
ROLE_COUNSELLOR = "counsellor"
ROLES = (ROLE_LEAD, ROLE_COUNSELLOR)

DRAFT = "draft"
PUBLISHED = "published"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TeamRow(db.Model):
    """The team and its work rules (one row). ``settings`` holds the overrides of
    :class:`scheduler.settings.RuleSettings` (``weights`` a nested table)."""

    __tablename__ = "team"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    settings: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    substitutions: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    #: Wishes for month M can be entered until this day of month M − 1 (inclusive).
    wish_deadline_day: so.Mapped[int] = so.mapped_column(default=15)
    #: Time limit of "Generate month" in seconds.
    solve_seconds: so.Mapped[int] = so.mapped_column(default=60)
    version: so.Mapped[int] = so.mapped_column(default=1)


class Person(UserMixin, db.Model):
    """A member of the team and, when ``username`` is set, their login."""

    __tablename__ = "person"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    #: The person id of the domain and the interchange files (``mari``).
    key: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True, index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default=ROLE_COUNSELLOR)
    fte: so.Mapped[float] = so.mapped_column(default=1.0)
    languages: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    services: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    may_work_nights: so.Mapped[bool] = so.mapped_column(default=True)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    #: The first and the last day of the employment contract (None: not limited that way):
    #: days outside it are no working time (``scheduler.domain.Person.employed_on``).
    employed_from: so.Mapped[Optional[date]]
    employed_until: so.Mapped[Optional[date]]
    #: A load changed on a day: ``fte`` from ``fte_from`` on, ``fte_before`` before it
    #: (``scheduler.domain.Person.loads_between``); both None when it did not.
    fte_from: so.Mapped[Optional[date]]
    fte_before: so.Mapped[Optional[float]]
    settings: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    username: so.Mapped[Optional[str]] = so.mapped_column(sa.String(64), unique=True, index=True)
    password_hash: so.Mapped[Optional[str]] = so.mapped_column(sa.String(256))
    version: so.Mapped[int] = so.mapped_column(default=1)
    #: The secret of the person's calendar-feed address (``/feed/<token>.ics``); None until
    #: they make one, replaced when they ask for a new address.
    feed_token: so.Mapped[Optional[str]] = so.mapped_column(sa.String(64), unique=True, index=True)

    def set_password(self, password: str) -> None:
        """Store a salted hash (werkzeug's default, scrypt; ``ROTA_PASSWORD_METHOD`` may
        choose another, e.g. a cheap one in tests)."""
        method = current_app.config.get("ROTA_PASSWORD_METHOD") if has_app_context() else None
        self.password_hash = (generate_password_hash(password, method=method) if method
                              else generate_password_hash(password))

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Flask-Login's session id: the row id and a stamp of the password, so that a new
        password ends every session opened with the old one (:func:`person_of_session`)."""
        return f"{self.id}:{self.session_stamp}"

    @property
    def session_stamp(self) -> str:
        return hashlib.sha256((self.password_hash or "").encode()).hexdigest()[:16]

    @property
    def is_active(self) -> bool:  # Flask-Login: a deactivated person cannot log in
        return self.active

    @property
    def is_lead(self) -> bool:
        return self.role == ROLE_LEAD


class Service(db.Model):
    __tablename__ = "service"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default=ROLE_COUNSELLOR)
    channels: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    languages: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    colour: so.Mapped[str] = so.mapped_column(sa.String(16), default="#4e79a7")
    version: so.Mapped[int] = so.mapped_column(default=1)

    shift_types: so.Mapped[list[ShiftType]] = so.relationship(back_populates="service")


class ShiftType(db.Model):
    __tablename__ = "shift_type"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(32), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    start: so.Mapped[time]
    end: so.Mapped[time]
    channel: so.Mapped[str] = so.mapped_column(sa.String(64), default="")
    weekdays: so.Mapped[list[int]] = so.mapped_column(sa.JSON, default=lambda: [0, 1, 2, 3, 4, 5, 6])
    version: so.Mapped[int] = so.mapped_column(default=1)

    service: so.Mapped[Service] = so.relationship(back_populates="shift_types")


class Need(db.Model):
    """A coverage need: on one shift type, or throughout a time window."""

    __tablename__ = "need"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    service_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("service.id"), index=True)
    shift_type_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey("shift_type.id"))
    window_start: so.Mapped[Optional[time]]
    window_end: so.Mapped[Optional[time]]
    day_type: so.Mapped[str] = so.mapped_column(sa.String(16), default="all")
    on_date: so.Mapped[Optional[date]]
    minimum: so.Mapped[int] = so.mapped_column(default=1)
    desired: so.Mapped[int] = so.mapped_column(default=1)
    languages: so.Mapped[dict[str, int]] = so.mapped_column(sa.JSON, default=dict)
    version: so.Mapped[int] = so.mapped_column(default=1)

    service: so.Mapped[Service] = so.relationship()
    shift_type: so.Mapped[Optional[ShiftType]] = so.relationship()


class Absence(db.Model):
    """Vacation, sick leave, training away or other unavailability. Whole days when
    ``start_time`` is None."""

    __tablename__ = "absence"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    first_day: so.Mapped[date]
    last_day: so.Mapped[date]
    start_time: so.Mapped[Optional[time]]
    end_time: so.Mapped[Optional[time]]
    note: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    #: Entered by the counsellor as "unavailable" (they may delete it before the deadline).
    by_person: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    version: so.Mapped[int] = so.mapped_column(default=1)
    #: "YYYY-MM" of the published rota the absence was entered on, and the hours that rota
    #: had planned for the person in it (``rotas.record_scheduled_hours``); None when its
    #: month was not published yet.
    rota_month: so.Mapped[Optional[str]] = so.mapped_column(sa.String(7))
    scheduled_hours: so.Mapped[Optional[float]]

    person: so.Mapped[Person] = so.relationship()

    def days(self) -> list[date]:
        """The days the absence touches (:meth:`scheduler.domain.Absence.days`): one entered
        "until 24:00" is stored ending at 00:00 of the day after, which it does not touch."""
        return domain.Absence("", domain.AbsenceKind.OTHER, self.first_day, self.last_day, self.start_time,
                              self.end_time).days()

    @property
    def until_day(self) -> date:
        """The last day the absence touches: the day the pages show it ending on."""
        return self.days()[-1]


event_attendee = sa.Table(
    "event_attendee",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class Event(db.Model):
    """Supervision, covision, training or a meeting: working time that blocks shifts."""

    __tablename__ = "event"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(32))
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    day: so.Mapped[date] = so.mapped_column(index=True)
    start: so.Mapped[time]
    end: so.Mapped[time]
    version: so.Mapped[int] = so.mapped_column(default=1)

    attendees: so.Mapped[list[Person]] = so.relationship(secondary=event_attendee)


class Wish(db.Model):
    __tablename__ = "wish"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id"), index=True)
    day: so.Mapped[date] = so.mapped_column(index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    shift_code: so.Mapped[Optional[str]] = so.mapped_column(sa.String(32))
    weight: so.Mapped[int] = so.mapped_column(default=1)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    person: so.Mapped[Person] = so.relationship()


class Rota(db.Model):
    """One version of a month's rota: the month's draft (at most one) or a published
    version numbered 1, 2, … . ``revision`` counts edits, for stale-form detection."""

    __tablename__ = "rota"
    __table_args__ = (sa.UniqueConstraint("year", "month", "number", name="uq_rota_month_number"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    year: so.Mapped[int]
    month: so.Mapped[int]
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default=DRAFT, index=True)
    number: so.Mapped[Optional[int]]
    source: so.Mapped[str] = so.mapped_column(sa.String(16), default="manual")
    solve_status: so.Mapped[str] = so.mapped_column(sa.String(20), default="")
    objective: so.Mapped[Optional[float]]
    gap: so.Mapped[Optional[float]]
    shortfalls: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    revision: so.Mapped[int] = so.mapped_column(default=1)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    published_at: so.Mapped[Optional[datetime]]
    published_by_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey("person.id"))
    #: A published version: the shift types' times, the month's events and the work rules it
    #: was published with (``webui.convert.published_with``), so that its hours never change.
    published_with: so.Mapped[Optional[dict[str, Any]]] = so.mapped_column(sa.JSON)

    cells: so.Mapped[list[RotaCell]] = so.relationship(
        back_populates="rota", cascade="all, delete-orphan", order_by="RotaCell.day")

    @property
    def verdict_current(self) -> bool:
        """Whether the solver's verdict (status, gap, shortfalls) describes these cells: the
        rota is the solver's result, not edited by hand since."""
        return self.source == "solve"


class RotaCell(db.Model):
    """A person's duty start on a day: a shift code, or None for a pinned day off."""

    __tablename__ = "rota_cell"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    rota_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("rota.id", ondelete="CASCADE"), index=True)
    person_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id"), index=True)
    day: so.Mapped[date]
    shift_code: so.Mapped[Optional[str]] = so.mapped_column(sa.String(32))
    pinned: so.Mapped[bool] = so.mapped_column(default=False)

    rota: so.Mapped[Rota] = so.relationship(back_populates="cells")
    person: so.Mapped[Person] = so.relationship()


class SolveJob(db.Model):
    """A background solve of one month: generate, re-solve around pins, or re-plan after
    sick leave. The thread updates progress here; cancel sets ``cancel_requested``."""

    __tablename__ = "solve_job"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    year: so.Mapped[int]
    month: so.Mapped[int]
    kind: so.Mapped[str] = so.mapped_column(sa.String(16), default="generate")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="queued", index=True)
    time_limit: so.Mapped[float] = so.mapped_column(default=60.0)
    created_by_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey("person.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    started_at: so.Mapped[Optional[datetime]]
    finished_at: so.Mapped[Optional[datetime]]
    elapsed: so.Mapped[float] = so.mapped_column(default=0.0)
    objective: so.Mapped[Optional[float]]
    bound: so.Mapped[Optional[float]]
    gap: so.Mapped[Optional[float]]
    solutions: so.Mapped[int] = so.mapped_column(default=0)
    cancel_requested: so.Mapped[bool] = so.mapped_column(default=False)
    solver_status: so.Mapped[str] = so.mapped_column(sa.String(20), default="")
    message: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    rota_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey("rota.id", ondelete="SET NULL"))
    #: Re-plan: [{"person": key, "day": iso, "before": code|None, "after": code|None}].
    changes: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    #: The solver's objective terms: [{"name": term, "value": points, "note": what it counts}].
    terms: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    #: Where the team lead stood in on line duty, and why (one sentence each).
    lead_duties: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    #: Why no rota costs less than the proven bound (stored reasons; the bound from whole
    #: weekends): None for jobs before migration 0012.
    bound_notes: so.Mapped[Optional[list[Any]]] = so.mapped_column(sa.JSON)
    #: A month no rota can fully cover: the best rota found with its places left empty, never
    #: applied by itself — {"cells": [[person, day, code]], "pins": [[person, day, code|None]],
    #: "shortfalls": [stored reason], "missing": places} — for the lead to take as the draft.
    gaps_rota: so.Mapped[Optional[dict[str, Any]]] = so.mapped_column(sa.JSON)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed", "cancelled")


def person_of_session(user_id: str) -> Person | None:
    """The person a session's id (:meth:`Person.get_id`) stands for, while their password is
    the one the session was opened with."""
    ident, _sep, stamp = user_id.partition(":")
    try:
        person = db.session.get(Person, int(ident))
    except ValueError:
        return None
    return person if person is not None and stamp == person.session_stamp else None


class LoginAttempt(db.Model):
    """Failed logins, per username and IP address, for rate limiting (kept in the
    database so that every worker process sees the same window)."""

    __tablename__ = "login_attempt"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    username: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    ip: so.Mapped[str] = so.mapped_column(sa.String(64))
    at: so.Mapped[datetime] = so.mapped_column(default=utcnow, index=True)


# A swap request's life: the colleague answers an ASKED one, the team lead decides an
# ACCEPTED one; the others are ended.
SWAP_ASKED = "asked"
SWAP_ACCEPTED = "accepted"
SWAP_APPROVED = "approved"
SWAP_DECLINED = "declined"
SWAP_REFUSED = "refused"
SWAP_WITHDRAWN = "withdrawn"
SWAP_LAPSED = "lapsed"
#: Approved, then taken back: the lead published a draft without the swap (``taken_back_number``).
SWAP_TAKEN_BACK = "taken_back"
SWAP_OPEN = (SWAP_ASKED, SWAP_ACCEPTED)


class SwapRequest(db.Model):
    """A team member offers a published shift of theirs to a colleague: handed over, or
    exchanged for one of the colleague's shifts of the same month (``partner_day`` and
    ``partner_shift_code``). The colleague accepts or declines; the team lead approves,
    which publishes the month's next version with the swap (``published_number``); a later
    version published from the lead's draft may take it back (``taken_back_number``)."""

    __tablename__ = "swap_request"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    year: so.Mapped[int]
    month: so.Mapped[int]
    requester_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id"), index=True)
    partner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id"), index=True)
    #: The requester's shift that the colleague takes.
    day: so.Mapped[date]
    shift_code: so.Mapped[str] = so.mapped_column(sa.String(32))
    #: The colleague's shift that the requester takes in return (None: a handover).
    partner_day: so.Mapped[Optional[date]]
    partner_shift_code: so.Mapped[Optional[str]] = so.mapped_column(sa.String(32))
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default=SWAP_ASKED, index=True)
    #: The requester's message to the colleague and the lead.
    note: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    #: Why it ended without a swap: the lead's reason, or what no longer holds.
    answer: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    answered_at: so.Mapped[Optional[datetime]]
    decided_at: so.Mapped[Optional[datetime]]
    decided_by_id: so.Mapped[Optional[int]] = so.mapped_column(sa.ForeignKey("person.id"))
    #: The published version of the month that carries the approved swap.
    published_number: so.Mapped[Optional[int]]
    #: The published version that took the approved swap back (a draft without it, published
    #: with "take back the approved swaps").
    taken_back_number: so.Mapped[Optional[int]]
    #: Every change of the row is conditional on this (SQLAlchemy's version counter): of two
    #: answers at the same moment (an approval and a withdrawal) the second fails.
    version: so.Mapped[int] = so.mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    requester: so.Mapped[Person] = so.relationship(foreign_keys=[requester_id])
    partner: so.Mapped[Person] = so.relationship(foreign_keys=[partner_id])
    decided_by: so.Mapped[Optional[Person]] = so.relationship(foreign_keys=[decided_by_id])

    @property
    def is_exchange(self) -> bool:
        return self.partner_shift_code is not None

    @property
    def is_open(self) -> bool:
        return self.status in SWAP_OPEN
