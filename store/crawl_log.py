"""The crawler's bookkeeping in the database: HTTP validators (ETag, Last-Modified, content
hash) per URL and the fetch log of every request.

Both are kept per response as the crawler goes and written to the database together, in
one transaction per batch (`flush_crawl_log`), by the thread that loads the batch: the
fetching thread never waits for the database's write lock. Validators are also appended
to a journal file next to the archive with each response (after its bytes are archived),
so a run killed at any point loses none: the next run replays the journal (`recover`)
and never downloads again what it had archived.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store import tables as t

_COLUMNS = ("etag", "last_modified", "sha256", "content_type")


class DbValidatorStore:
    """ETag / Last-Modified / content hash per URL, kept in `http_validators`."""

    def __init__(self, engine: Engine, journal: Path | None = None) -> None:
        self.engine, self.journal = engine, journal
        self._cache: dict[str, dict[str, Any] | None] = {}
        self._stored: dict[str, dict[str, Any] | None] = {}  # what the table holds
        self._pending: dict[str, dict[str, Any]] = {}
        self._file: TextIO | None = None
        self._lock = threading.Lock()  # the fetching thread puts, the loading thread writes

    def _row(self, url: str) -> dict[str, Any] | None:
        with self._lock:
            if url in self._cache:
                return self._cache[url]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.http_validators).where(
                t.http_validators.c.url == url)).mappings().first()
        with self._lock:
            if url not in self._cache:
                self._cache[url] = self._stored[url] = dict(row) if row else None
            return self._cache[url]

    def get(self, url: str):  # type: ignore[no-untyped-def]
        """Remembered validators for ``url`` or None."""
        from crawler.http import CachedValidators
        row = self._row(url)
        if row is None:
            return None
        return CachedValidators(etag=row["etag"], last_modified=row["last_modified"],
                                sha256=row["sha256"], content_type=row["content_type"])

    def put(self, url: str, v: Any) -> None:
        """Remember validators for ``url``: in memory and the journal now, in the table at
        the next `flush_crawl_log`."""
        row = {"url": url, "etag": v.etag, "last_modified": v.last_modified,
               "sha256": v.sha256, "content_type": v.content_type}
        if self._row(url) == row:
            return
        with self._lock:
            self._cache[url] = self._pending[url] = row
            if self.journal is not None:
                if self._file is None:
                    self._file = self.journal.open("a", encoding="utf-8")
                self._file.write(json.dumps(row) + "\n")
                self._file.flush()  # in the kernel's hands: survives the process

    def write(self, conn: Connection) -> int:
        """Upsert the pending validators in ``conn``'s transaction; returns how many."""
        with self._lock:
            pending, self._pending = self._pending, {}
            known = {url: self._stored.get(url) for url in pending}
        _upsert(conn, [r for u, r in pending.items() if known[u] is None],
                [r for u, r in pending.items() if known[u] is not None])
        with self._lock:
            self._stored.update(pending)
        return len(pending)

    def recover(self) -> int:
        """Write what a killed run's journal holds, then empty it (the run's writer only)."""
        if self.journal is None or not self.journal.exists():
            return 0
        rows: dict[str, dict[str, Any]] = {}
        for line in self.journal.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
                rows[row["url"]] = {"url": row["url"], **{c: row[c] for c in _COLUMNS}}
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by the kill
        with self.engine.begin() as conn:
            v = t.http_validators
            have = {r.url for r in conn.execute(sa.select(v.c.url).where(
                v.c.url.in_(list(rows))))} if rows else set()
            _upsert(conn, [r for u, r in rows.items() if u not in have],
                    [r for u, r in rows.items() if u in have])
        self.close_journal()
        return len(rows)

    def close_journal(self) -> None:
        """Everything is in the table: empty the journal."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
            if self.journal is not None and self.journal.exists() and not self._pending:
                self.journal.unlink()


def _upsert(conn: Connection, inserts: list[dict[str, Any]],
            updates: list[dict[str, Any]]) -> None:
    v = t.http_validators
    if inserts:
        conn.execute(sa.insert(v), inserts)
    if updates:
        conn.execute(sa.update(v).where(v.c.url == sa.bindparam("b_url")).values(
            {c: sa.bindparam(f"b_{c}") for c in _COLUMNS}),
            [{f"b_{k}": val for k, val in r.items()} for r in updates])


class DbFetchLog:
    """Collects fetch log entries (any thread) for `flush_crawl_log` to write."""

    def __init__(self, engine: Engine, run_id: str | None) -> None:
        self.engine, self.run_id = engine, run_id
        self.pending: list[dict[str, Any]] = []
        self.total = 0
        self._lock = threading.Lock()

    def __call__(self, entry: Any) -> None:
        """Record one request attempt."""
        row = {"run_id": self.run_id, "url": entry.url, "method": entry.method,
               "status": entry.status, "bytes": entry.bytes, "elapsed_ms": entry.elapsed_ms,
               "from_cache": entry.from_cache, "attempt": entry.attempt,
               "error": entry.error, "fetched_at": entry.fetched_at}
        with self._lock:
            self.pending.append(row)
            self.total += 1

    def write(self, conn: Connection) -> int:
        """Insert the pending entries in ``conn``'s transaction; returns how many."""
        with self._lock:
            pending, self.pending = self.pending, []
        if pending:
            conn.execute(sa.insert(t.fetch_log), pending)
        return len(pending)


def flush_crawl_log(engine: Engine, log: DbFetchLog,
                    validators: DbValidatorStore | None) -> None:
    """Write what the fetch log and the validator store hold, in one transaction."""
    if not log.pending and (validators is None or not validators._pending):
        return
    with engine.begin() as conn:
        log.write(conn)
        if validators is not None:
            validators.write(conn)
