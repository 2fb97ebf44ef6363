"""finding history and correction notices

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('publications', sa.Column('corrections', sa.JSON(), nullable=True))
    op.create_table(
        'finding_history',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('publication_id', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('ref', sa.String(length=40), nullable=False),
        sa.Column('force_key', sa.String(length=80), nullable=False),
        sa.Column('change', sa.String(length=20), nullable=False),
        sa.Column('old_text', sa.Text(), nullable=True),
        sa.Column('new_text', sa.Text(), nullable=True),
        sa.Column('corrections', sa.JSON(), nullable=True),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('run_id', sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_finding_history_publication_id', 'finding_history', ['publication_id'])


def downgrade() -> None:
    op.drop_index('ix_finding_history_publication_id', table_name='finding_history')
    op.drop_table('finding_history')
    op.drop_column('publications', 'corrections')
