"""people may have the first and the last day of their employment contract

A counsellor who starts on the 15th, or whose contract ends on the 20th: days outside the
contract are no working time (no duty, no norm). Both empty for everyone before.

Revision ID: 4f6a8c2e1b95
Revises: 9b2e5d1f7c40
Create Date: 2026-11-28 00:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4f6a8c2e1b95'
down_revision = '9b2e5d1f7c40'
branch_labels = None
depends_on = None


def upgrade():
    # plain ALTER TABLE ADD COLUMN: a batch copy of ``person`` would drop the table that every
    # other table's foreign keys point at (as 0005)
    op.add_column('person', sa.Column('employed_from', sa.Date(), nullable=True))
    op.add_column('person', sa.Column('employed_until', sa.Date(), nullable=True))


def downgrade():
    op.drop_column('person', 'employed_until')  # SQLite ≥ 3.35 drops a column in place
    op.drop_column('person', 'employed_from')
