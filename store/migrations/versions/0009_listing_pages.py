"""listing_pages: each listing page's reading, kept with its validators

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'listing_pages',
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('base_url', sa.Text(), nullable=False),
        sa.Column('charset', sa.Text(), nullable=True),
        sa.Column('extractor_version', sa.String(length=40), nullable=False),
        sa.Column('items', sa.JSON(), nullable=False),
        sa.Column('next_url', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('url'))


def downgrade() -> None:
    op.drop_table('listing_pages')
