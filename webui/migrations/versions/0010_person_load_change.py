"""a person's load may change on a day: the load before it is kept beside the day

Someone going from 0.6 to 0.4 on the 16th: the month's norm counts each part at its own
load. Both empty for everyone before.

Revision ID: 6d3b9e1f4a27
Revises: 4f6a8c2e1b95
Create Date: 2026-11-28 01:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d3b9e1f4a27'
down_revision = '4f6a8c2e1b95'
branch_labels = None
depends_on = None


def upgrade():
    # plain ALTER TABLE ADD COLUMN (a batch copy of ``person`` would drop the table that
    # every other table's foreign keys point at, as 0005 and 0009 say)
    op.add_column('person', sa.Column('fte_from', sa.Date(), nullable=True))
    op.add_column('person', sa.Column('fte_before', sa.Double(), nullable=True))


def downgrade():
    op.drop_column('person', 'fte_before')
    op.drop_column('person', 'fte_from')
