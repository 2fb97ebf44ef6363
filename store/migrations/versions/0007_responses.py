"""responses table; section55_obligations.responded_on_source

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'responses',
        sa.Column('publication_id', sa.String(300), sa.ForeignKey('publications.publication_id'),
                  primary_key=True),
        sa.Column('force_id', sa.String(80), primary_key=True),
        sa.Column('url', sa.Text(), primary_key=True),
        sa.Column('local_policing_body', sa.Text(), nullable=False),
        sa.Column('body_text', sa.Text()),
        sa.Column('kind', sa.String(10)),
        sa.Column('sha256', sa.String(64)),
        sa.Column('printed_on', sa.Date()),
        sa.Column('first_seen_on', sa.Date(), nullable=False),
        sa.Column('last_seen_on', sa.Date()),
        sa.Column('source', sa.String(10), nullable=False),
    )
    with op.batch_alter_table('section55_obligations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responded_on_source', sa.String(20), nullable=True))
    # responses recorded by hand before this migration were manual records
    op.execute("UPDATE section55_obligations SET responded_on_source = 'manual' "
               "WHERE responded_on IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('section55_obligations', schema=None) as batch_op:
        batch_op.drop_column('responded_on_source')
    op.drop_table('responses')
