"""Alembic environment: migrations run on the engine handed over by store.db."""
from __future__ import annotations

from alembic import context

from store.tables import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` CLI use: take the URL from the config
    import sqlalchemy as sa
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url"))

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
