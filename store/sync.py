"""Idempotent row syncing with insert / update / no-op / delete counts (Open States style)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


@dataclass
class LoadCounts:
    """What a load did to one table."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def add(self, other: "LoadCounts") -> None:
        """Accumulate another table's or publication's counts."""
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted


@dataclass
class CountsByTable:
    """Load counts keyed by table name."""

    tables: dict[str, LoadCounts] = field(default_factory=dict)

    def add(self, table: str, counts: LoadCounts) -> None:
        """Accumulate counts for one table."""
        self.tables.setdefault(table, LoadCounts()).add(counts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        """Plain dict for JSON, run rows and artifacts."""
        return {t: vars(c).copy() for t, c in sorted(self.tables.items())}


def sync_rows(conn: Connection, table: sa.Table, scope: Mapping[str, Any],
              rows: Iterable[Mapping[str, Any]], *, keep: Sequence[str] = (),
              delete_missing: bool = True) -> LoadCounts:
    """Make ``table``'s rows within ``scope`` equal ``rows``; one SELECT, batched writes.

    ``keep`` names columns that the load never overwrites (a recorded response, say).
    """
    key_cols = [c.name for c in table.primary_key.columns]
    where = [table.c[k] == v for k, v in scope.items()]
    existing = {tuple(r[k] for k in key_cols): dict(r)
                for r in conn.execute(sa.select(table).where(*where)).mappings()}
    counts = LoadCounts()
    inserts: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        key = tuple(row[k] for k in key_cols)
        if key in seen:
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            inserts.append(dict(row))
            continue
        changes = {c: v for c, v in row.items() if c not in keep and old.get(c) != v}
        if changes:
            conn.execute(sa.update(table).where(*[table.c[k] == old[k] for k in key_cols])
                         .values(**changes))
            counts.updated += 1
        else:
            counts.unchanged += 1
    if inserts:
        conn.execute(sa.insert(table), inserts)
        counts.inserted = len(inserts)
    if delete_missing:
        for key, old in existing.items():
            if key not in seen:
                conn.execute(sa.delete(table).where(*[table.c[k] == old[k] for k in key_cols]))
                counts.deleted += 1
    return counts
