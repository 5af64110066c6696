"""an approved swap remembers the version that took it back

Revision ID: 7a1f4c9e2d83
Revises: 3c7d2e9a4b61
Create Date: 2026-11-27 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a1f4c9e2d83'
down_revision = '3c7d2e9a4b61'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('swap_request', sa.Column('taken_back_number', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('swap_request', 'taken_back_number')  # SQLite ≥ 3.35 drops a column in place
