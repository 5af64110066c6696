"""people may have a calendar-feed address (a secret token)

Revision ID: 8e4b1c27d9f5
Revises: 5d2a9f7e1c34
Create Date: 2026-11-27 09:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e4b1c27d9f5'
down_revision = '5d2a9f7e1c34'
branch_labels = None
depends_on = None


def upgrade():
    # plain ALTER TABLE ADD COLUMN and CREATE UNIQUE INDEX: a batch copy of ``person`` would
    # drop the table that every other table's foreign keys point at
    op.add_column('person', sa.Column('feed_token', sa.String(length=64), nullable=True))
    op.create_index('ix_person_feed_token', 'person', ['feed_token'], unique=True)


def downgrade():
    op.drop_index('ix_person_feed_token', table_name='person')
    op.drop_column('person', 'feed_token')  # SQLite ≥ 3.35 drops a column in place
