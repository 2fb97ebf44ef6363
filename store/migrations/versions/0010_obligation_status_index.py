"""section55_obligations: an index on (status, practice_deadline) for the nightly clock

The clock's count per status reads the index alone (not every row), and the soonest open
deadlines are found by a seek; the candidates the clock re-judges are read as before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:00:00
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_section55_obligations_status_deadline', 'section55_obligations',
                    ['status', 'practice_deadline'])


def downgrade() -> None:
    op.drop_index('ix_section55_obligations_status_deadline',
                  table_name='section55_obligations')
