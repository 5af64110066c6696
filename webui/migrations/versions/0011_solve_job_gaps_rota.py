"""a solve job of a month no rota can fully cover keeps its best rota with the gaps

The lead may take it as the draft and fill the gaps by hand, instead of building the month
from nothing. Empty for every job before.

Revision ID: 2a7c5e9d3f18
Revises: 6d3b9e1f4a27
Create Date: 2026-11-28 01:35:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2a7c5e9d3f18'
down_revision = '6d3b9e1f4a27'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('solve_job', sa.Column('gaps_rota', sa.JSON(), nullable=True))


def downgrade():
    op.drop_column('solve_job', 'gaps_rota')
