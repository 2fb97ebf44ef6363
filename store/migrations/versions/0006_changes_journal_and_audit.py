"""changes journal and audit

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'changes',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('publication_id', sa.String(length=300), nullable=True),
        sa.Column('force_id', sa.String(length=80), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('run_id', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_changes_publication_id', 'changes', ['publication_id'])
    op.create_table(
        'audit',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('who', sa.String(length=120), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('target', sa.Text(), nullable=False),
        sa.Column('detail', sa.JSON(), nullable=True),
        sa.Column('client', sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint('id'))


def downgrade() -> None:
    op.drop_table('audit')
    op.drop_index('ix_changes_publication_id', table_name='changes')
    op.drop_table('changes')
