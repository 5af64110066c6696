"""shift swap requests between team members

Revision ID: 3c7d2e9a4b61
Revises: 8e4b1c27d9f5
Create Date: 2026-11-27 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c7d2e9a4b61'
down_revision = '8e4b1c27d9f5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'swap_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('month', sa.Integer(), nullable=False),
        sa.Column('requester_id', sa.Integer(), nullable=False),
        sa.Column('partner_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('shift_code', sa.String(length=32), nullable=False),
        sa.Column('partner_day', sa.Date(), nullable=True),
        sa.Column('partner_shift_code', sa.String(length=32), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('note', sa.String(length=300), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('published_number', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['requester_id'], ['person.id'], name='fk_swap_request_requester_id_person'),
        sa.ForeignKeyConstraint(['partner_id'], ['person.id'], name='fk_swap_request_partner_id_person'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['person.id'], name='fk_swap_request_decided_by_id_person'),
        sa.PrimaryKeyConstraint('id', name='pk_swap_request'),
    )
    op.create_index('ix_swap_request_requester_id', 'swap_request', ['requester_id'], unique=False)
    op.create_index('ix_swap_request_partner_id', 'swap_request', ['partner_id'], unique=False)
    op.create_index('ix_swap_request_status', 'swap_request', ['status'], unique=False)


def downgrade():
    op.drop_index('ix_swap_request_status', table_name='swap_request')
    op.drop_index('ix_swap_request_partner_id', table_name='swap_request')
    op.drop_index('ix_swap_request_requester_id', table_name='swap_request')
    op.drop_table('swap_request')
