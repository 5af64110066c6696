"""a solve job keeps why no rota costs less than its proven bound

Where the bound comes from whole weekends (scheduler/solver/weekend_pairs.py), the job page
says why the weekend points of an optimal rota cannot be removed. Empty for every job before.

Revision ID: 8e1f4c2b7a90
Revises: 2a7c5e9d3f18
Create Date: 2026-11-28 04:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e1f4c2b7a90'
down_revision = '2a7c5e9d3f18'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('solve_job', sa.Column('bound_notes', sa.JSON(), nullable=True))


def downgrade():
    op.drop_column('solve_job', 'bound_notes')
