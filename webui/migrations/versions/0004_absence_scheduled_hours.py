"""absences keep the month and hours of the published rota they were entered on

Revision ID: 5d2a9f7e1c34
Revises: 3b8e0c51d2a7
Create Date: 2026-11-27 09:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2a9f7e1c34'
down_revision = '3b8e0c51d2a7'
branch_labels = None
depends_on = None


def upgrade():
    # Absences entered before: nothing recorded (their norm falls back to the daily hours
    # under absence_norm_reduction = "scheduled_hours", as before).
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rota_month', sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column('scheduled_hours', sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.drop_column('scheduled_hours')
        batch_op.drop_column('rota_month')
