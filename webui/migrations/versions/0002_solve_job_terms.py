"""solve jobs keep the objective terms and where the team lead stood in

Revision ID: 7c1d2e4f5a60
Revises: 19eb861af340
Create Date: 2026-11-26 13:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c1d2e4f5a60'
down_revision = '19eb861af340'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('solve_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terms', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('lead_duties', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('solve_job', schema=None) as batch_op:
        batch_op.drop_column('lead_duties')
        batch_op.drop_column('terms')
