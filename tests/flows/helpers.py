"""Run the pipeline in-process (no Prefect) and read the tables back."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from flows.pipeline import RunReport, run_pipeline
from flows.settings import Settings

AS_OF = date(2025, 9, 1)
VOLATILE = {"runs", "fetch_log", "alembic_version", "changes"}  # logs, not state
TIMESTAMPS = {"first_seen_at", "updated_at", "fetched_at", "created_at", "run_id", "changed_at"}


def settings(site: str, data_dir: Path, db_url: str, as_of: date = AS_OF) -> Settings:
    """Fast settings for tests: no rate cap, tiny backoff, two tries."""
    return Settings(site=site, db_url=db_url, data_dir=data_dir, as_of=as_of,
                    rate_per_second=0, max_tries=3, timeout=5, backoff_base=0.01)


def run(site: str, data_dir: Path, db_url: str, command: str = "run", as_of: date = AS_OF,
        **filters: Any) -> RunReport:
    """One pipeline run with the direct runner."""
    return run_pipeline(settings(site, data_dir, db_url, as_of), command=command, **filters)


def rows(db_url: str, table: str) -> list[dict[str, Any]]:
    """Every row of a table as dicts."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            meta = sa.MetaData()
            tbl = sa.Table(table, meta, autoload_with=conn)
            return [dict(r) for r in conn.execute(sa.select(tbl)).mappings()]
    finally:
        engine.dispose()


def snapshot(db_url: str, *, timestamps: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Sorted contents of every non-volatile table (optionally without timestamps)."""
    engine = sa.create_engine(db_url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as conn:
            for name in sa.inspect(conn).get_table_names():
                if name in VOLATILE:
                    continue
                tbl = sa.Table(name, sa.MetaData(), autoload_with=conn)
                cols = [c for c in tbl.columns if timestamps or c.name not in TIMESTAMPS]
                cols = [c for c in cols if c.name != "id"]
                out[name] = sorted((tuple(repr(r[c.name]) for c in cols)
                                    for r in conn.execute(sa.select(tbl)).mappings()))
    finally:
        engine.dispose()
    return out
