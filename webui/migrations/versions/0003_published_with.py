"""published versions keep the shift times, events and work rules they were published with

Revision ID: 3b8e0c51d2a7
Revises: 7c1d2e4f5a60
Create Date: 2026-11-26 17:40:00

"""
import calendar
import json
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b8e0c51d2a7'
down_revision = '7c1d2e4f5a60'
branch_labels = None
depends_on = None


def _clock(value):
    """A time column as "HH:MM" (SQLite returns text, PostgreSQL a time)."""
    text = value if isinstance(value, str) else value.strftime("%H:%M:%S")
    return text[:5]


def _weekdays(value):
    return json.loads(value) if isinstance(value, str) else list(value or [])


def upgrade():
    with op.batch_alter_table('rota', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_with', sa.JSON(), nullable=True))
    # Versions published before: the best record of their times is today's shift types and
    # the month's events (the work rules stay the team's current ones for them).
    conn = op.get_bind()
    shift_types = [{"code": r.code, "name": r.name, "service": r.service, "start": _clock(r.start),
                    "end": _clock(r.end), "channel": r.channel or "", "weekdays": _weekdays(r.weekdays)}
                   for r in conn.execute(sa.text(
                       "SELECT s.code, s.name, v.code AS service, s.start, s.\"end\", s.channel, s.weekdays "
                       "FROM shift_type s JOIN service v ON v.id = s.service_id ORDER BY s.id"))]
    attendees = {}
    for r in conn.execute(sa.text("SELECT a.event_id, p.key FROM event_attendee a "
                                  "JOIN person p ON p.id = a.person_id ORDER BY p.id")):
        attendees.setdefault(r.event_id, []).append(r.key)
    events = [(date.fromisoformat(str(r.day)[:10]), r) for r in conn.execute(sa.text(
        "SELECT id, code, name, kind, day, start, \"end\" FROM event ORDER BY id"))]
    rotas = list(conn.execute(sa.text("SELECT id, year, month FROM rota WHERE status = 'published'")))
    for rota in rotas:
        first = date(rota.year, rota.month, 1)
        last = date(rota.year, rota.month, calendar.monthrange(rota.year, rota.month)[1])
        snapshot = {"shift_types": shift_types,
                    "events": [{"code": r.code, "name": r.name, "kind": r.kind, "day": day.isoformat(),
                                "start": _clock(r.start), "end": _clock(r.end),
                                "attendees": attendees.get(r.id, [])}
                               for day, r in events if first <= day <= last]}
        conn.execute(sa.text("UPDATE rota SET published_with = :snapshot WHERE id = :id"),
                     {"snapshot": json.dumps(snapshot), "id": rota.id})


def downgrade():
    with op.batch_alter_table('rota', schema=None) as batch_op:
        batch_op.drop_column('published_with')
