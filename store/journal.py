"""The change journal: one `changes` row per change a tracker may want to hear about.

The row id is the feed's cursor. Ids only mean "later" if rows become visible in id
order, so every writer takes the journal's lock before inserting (PostgreSQL: a table
lock held to the end of the transaction; SQLite already serialises writers): a reader
that has seen id N never later finds a smaller id appear.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t

KINDS = ("publication_new", "publication_changed", "obligation_opened", "status_changed",
         "response_recorded", "response_found", "step_recorded", "register_updated")


def record_changes(conn: Connection, kind: str, items: Iterable[Mapping[str, Any]], *,
                   now: datetime, run_id: str | None = None) -> int:
    """Journal changes of one kind; each item has publication_id, maybe force_id and detail."""
    if kind not in KINDS:
        raise ValueError(f"unknown change kind {kind!r}")
    rows = [{"kind": kind, "publication_id": i.get("publication_id"),
             "force_id": i.get("force_id"),
             "detail": json.loads(json.dumps(i.get("detail") or {}, default=str)),
             "changed_at": now, "run_id": run_id} for i in items]
    if not rows:
        return 0
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("LOCK TABLE changes IN SHARE ROW EXCLUSIVE MODE"))
    conn.execute(sa.insert(t.changes), rows)
    return len(rows)


def changes_since(conn: Connection, since: int, limit: int) -> list[dict[str, Any]]:
    """Journal rows after the cursor ``since``, oldest first."""
    c = t.changes
    query = sa.select(c).where(c.c.id > since).order_by(c.c.id).limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]
