"""Findings history: a corrected report's earlier wording, kept before its findings are
replaced (`finding_history`)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t

# Child tables whose rows are what we extract (documents count by the set of files only:
# a banner or cookie notice rewrites every page's bytes, and changes nothing here).
CONTENT_TABLES = ("publication_forces", "recommendations", "grades", "section55_obligations")


def content_changed(changed_fields: list[str], counts: Any) -> bool:
    """True when a load changed what we extract: a tracked field, a content table's rows,
    or the set of documents (``counts``: a store.sync.CountsByTable)."""
    tables = counts.tables
    docs = tables.get("documents")
    return bool(changed_fields) or any(c.inserted or c.updated or c.deleted
                                       for name, c in tables.items() if name in CONTENT_TABLES) \
        or bool(docs and (docs.inserted or docs.deleted))


def keep_history(conn: Connection, pid: str, findings: list[Mapping[str, Any]],
                 notices: list[str] | None, *, now: datetime, run_id: str | None) -> int:
    """Before a publication's findings are replaced: each reworded, added or removed
    finding becomes a `finding_history` row with its old and new wording and the page's
    correction notices (none when no findings were stored). Returns the rows written."""
    r = t.recommendations
    def key(row: Mapping[str, Any]) -> tuple[str, str, str]:
        return (row["kind"], str(row["ref"]), row.get("force_key") or "")
    before = {key(row): row["text"] for row in conn.execute(
        sa.select(r.c.kind, r.c.ref, r.c.force_key, r.c.text).where(
            r.c.publication_id == pid)).mappings()}
    if not before:  # findings read for the first time (or rebuilt): nothing was replaced
        return 0
    after = {key(row): row["text"] for row in findings}
    rows = []
    for k in sorted(set(before) | set(after)):
        old, new = before.get(k), after.get(k)
        if old == new:
            continue
        change = "added" if old is None else "removed" if new is None else "reworded"
        rows.append({"publication_id": pid, "kind": k[0], "ref": k[1], "force_key": k[2],
                     "change": change, "old_text": old, "new_text": new,
                     "corrections": notices, "changed_at": now, "run_id": run_id})
    if rows:
        conn.execute(sa.insert(t.finding_history), rows)
    return len(rows)
