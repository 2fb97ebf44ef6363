"""office tracker: obligation_steps, recommendation_register, recommendation_updates,
deadline_alerts

Revision ID: 0005
Revises: 0003 (the lead re-chains onto 0004 at merge)
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'obligation_steps',
        sa.Column('step_id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('publication_id', sa.String(length=300), nullable=False),
        sa.Column('force_id', sa.String(length=80), nullable=False),
        sa.Column('step', sa.String(length=60), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['publication_id', 'force_id'],
                                ['section55_obligations.publication_id',
                                 'section55_obligations.force_id']),
        sa.PrimaryKeyConstraint('step_id'),
    )
    op.create_index('ix_obligation_steps_obligation', 'obligation_steps',
                    ['publication_id', 'force_id'])
    op.create_table(
        'recommendation_register',
        sa.Column('register_id', sa.String(length=20), nullable=False),
        sa.Column('publication_id', sa.String(length=300), nullable=False),
        sa.Column('force_id', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('ref', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('addressee', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=30), nullable=False),
        sa.Column('status_on', sa.Date(), nullable=True),
        sa.Column('in_report', sa.Boolean(), nullable=False),
        sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['publication_id'], ['publications.publication_id']),
        sa.PrimaryKeyConstraint('register_id'),
    )
    op.create_index('ix_recommendation_register_force', 'recommendation_register',
                    ['force_id', 'publication_id'])
    op.create_table(
        'recommendation_updates',
        sa.Column('update_id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('register_id', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=30), nullable=False),
        sa.Column('updated_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['register_id'], ['recommendation_register.register_id']),
        sa.PrimaryKeyConstraint('update_id'),
    )
    op.create_table(
        'deadline_alerts',
        sa.Column('publication_id', sa.String(length=300), nullable=False),
        sa.Column('force_id', sa.String(length=80), nullable=False),
        sa.Column('threshold_days', sa.Integer(), nullable=False),
        sa.Column('practice_deadline', sa.Date(), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('publication_id', 'force_id', 'threshold_days'),
    )


def downgrade() -> None:
    op.drop_table('deadline_alerts')
    op.drop_table('recommendation_updates')
    op.drop_index('ix_recommendation_register_force', table_name='recommendation_register')
    op.drop_table('recommendation_register')
    op.drop_index('ix_obligation_steps_obligation', table_name='obligation_steps')
    op.drop_table('obligation_steps')
