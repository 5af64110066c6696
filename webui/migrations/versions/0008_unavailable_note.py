"""a counsellor's unavailability saved without a note stores none

Before, the note was filled with "unavailable" in the counsellor's language ("pole
saadaval"), which a lead on the other language then read as is; the pages now say
"unavailable" in the viewer's language for an empty note.

Revision ID: 9b2e5d1f7c40
Revises: 7a1f4c9e2d83
Create Date: 2026-11-27 19:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b2e5d1f7c40'
down_revision = '7a1f4c9e2d83'
branch_labels = None
depends_on = None

#: The notes the unavailability form wrote for an empty note, in each language of the app.
DEFAULT_NOTES = ("pole saadaval", "unavailable")


def upgrade():
    op.execute(sa.text("UPDATE absence SET note = '' WHERE by_person AND note IN :notes")
               .bindparams(sa.bindparam("notes", value=list(DEFAULT_NOTES), expanding=True)))


def downgrade():
    pass  # an empty note reads "unavailable" on the pages either way
