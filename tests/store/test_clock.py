"""The nightly clock on SQLite and PostgreSQL: `refresh_statuses` re-judges only the rows
whose status can change yet ends with the statuses of judging every row, journals only
the changes, and counts per status from the (status, practice_deadline) index of
migration 0010."""
from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from section55.status import status_of
from store import queries
from store import tables as t
from store.db import alembic_config, make_engine, open_store

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
AS_OF = date(2025, 9, 1)
INDEX = "ix_section55_obligations_status_deadline"


def _obligations(engine: Engine) -> None:
    """One publication per combination of deadline (none, passed long ago, yesterday,
    today, tomorrow, later), response (none, before the night), the day it was last judged
    (never, yesterday, long ago, a later day: a night re-run for an earlier date) and
    whether the response was known then (a response recorded since leaves the status
    judged without it). Each stored status is what the judge gave on its day."""
    deadlines = [None, AS_OF - timedelta(days=40), AS_OF - timedelta(days=1), AS_OF,
                 AS_OF + timedelta(days=1), AS_OF + timedelta(days=50)]
    judged_days = [None, AS_OF - timedelta(days=1), AS_OF - timedelta(days=60),
                   AS_OF + timedelta(days=10)]
    combos = list(itertools.product(deadlines, (None, AS_OF - timedelta(days=3)),
                                    judged_days, (True, False)))
    pubs, obligations = [], []
    for n, (deadline, responded, judged, known) in enumerate(combos):
        pid = f"p-{n:03d}"
        statutory = deadline and deadline - timedelta(days=1)
        status = status_of(deadline, statutory, responded if known else None,
                           judged).status if judged else "open"
        pubs.append({"publication_id": pid, "url": f"https://h/{pid}/", "title": pid,
                     "published_on": date(2025, 1, 1), "first_published_on": date(2025, 1, 1),
                     "publication_types": [], "is_police_inspection": True,
                     "all_forces": False, "first_seen_at": NOW, "updated_at": NOW})
        obligations.append({
            "publication_id": pid, "force_id": "norfolk", "local_policing_body": "PCC",
            "published_on": date(2025, 1, 1), "practice_deadline": deadline,
            "statutory_deadline": statutory, "status": status, "responded_on": responded,
            "needs_review": False, "rule_version": "x", "status_as_of": judged})
    with engine.begin() as conn:
        conn.execute(sa.insert(t.publications), pubs)
        conn.execute(sa.insert(t.section55_obligations), obligations)


def test_the_clock_ends_as_judging_every_row_would(db: str) -> None:
    engine = open_store(db)
    try:
        _obligations(engine)
        o = t.section55_obligations
        with engine.connect() as conn:
            rows = conn.execute(sa.select(o)).mappings().all()
        expected = {(r["publication_id"], r["force_id"]): status_of(
            r["practice_deadline"], r["statutory_deadline"], r["responded_on"], AS_OF).status
            for r in rows}
        changed = {k for k, r in zip(expected, rows) if r["status"] != expected[k]}
        with engine.begin() as conn:
            counts = queries.refresh_statuses(conn, AS_OF, status_of)
        with engine.connect() as conn:
            after = {(r.publication_id, r.force_id): r.status
                     for r in conn.execute(sa.select(o))}
            journal = conn.execute(sa.select(t.changes.c.publication_id, t.changes.c.detail)
                                   .where(t.changes.c.kind == "status_changed")).all()
        assert after == expected and counts == dict(Counter(expected.values()))
        assert changed and {(pid, "norfolk") for pid, _ in journal} == changed
        assert all(d["status"] == expected[(pid, "norfolk")] for pid, d in journal)
        with engine.begin() as conn:  # a second night: nothing left to change
            assert queries.refresh_statuses(conn, AS_OF, status_of) == counts
        with engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(t.changes)).scalar() \
                == len(journal)
    finally:
        engine.dispose()


def test_migration_0010_indexes_status_and_deadline(db: str) -> None:
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    engine = make_engine(db)
    try:
        def indexes() -> set[str]:
            return {i["name"] for i in sa.inspect(engine).get_indexes("section55_obligations")}
        command.upgrade(alembic_config(engine), "0009")
        assert INDEX not in indexes()
        command.upgrade(alembic_config(engine), "head")
        assert INDEX in indexes()
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []
            if engine.dialect.name == "sqlite":  # the count reads the index, not the rows
                plan = conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT status, count(*) FROM section55_obligations "
                    "GROUP BY status").all()
                assert any(f"COVERING INDEX {INDEX}" in str(row) for row in plan)
        command.downgrade(alembic_config(engine), "0009")
        assert INDEX not in indexes()
    finally:
        engine.dispose()
