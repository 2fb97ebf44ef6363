"""The crawler's bookkeeping in the database: HTTP validators (ETag, Last-Modified, content
hash) per URL, written with each response, and the fetch log of every request, kept in
memory and written in one transaction per batch (`flush_crawl_log`) by the thread that
loads the batch, so the fetching thread does not wait for it."""
from __future__ import annotations

import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store import tables as t


class DbValidatorStore:
    """ETag / Last-Modified / content hash per URL, kept in `http_validators`: written with
    each response (its bytes are archived first), so a run killed at any point never
    downloads again what it had archived."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[str, dict[str, Any] | None] = {}
        self._lock = threading.Lock()  # the fetching thread puts, the loading thread reads

    def _row(self, url: str) -> dict[str, Any] | None:
        with self._lock:
            if url in self._cache:
                return self._cache[url]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.http_validators).where(
                t.http_validators.c.url == url)).mappings().first()
        with self._lock:
            return self._cache.setdefault(url, dict(row) if row else None)

    def get(self, url: str):  # type: ignore[no-untyped-def]
        """Remembered validators for ``url`` or None."""
        from crawler.http import CachedValidators
        row = self._row(url)
        if row is None:
            return None
        return CachedValidators(etag=row["etag"], last_modified=row["last_modified"],
                                sha256=row["sha256"], content_type=row["content_type"])

    def put(self, url: str, v: Any) -> None:
        """Remember validators for ``url`` (upsert, its own short transaction)."""
        row = {"url": url, "etag": v.etag, "last_modified": v.last_modified,
               "sha256": v.sha256, "content_type": v.content_type}
        old = self._row(url)
        if old == row:
            return
        with self.engine.begin() as conn:
            if old is not None:
                conn.execute(sa.update(t.http_validators).where(
                    t.http_validators.c.url == url).values(**row))
            else:
                conn.execute(sa.insert(t.http_validators).values(**row))
        with self._lock:
            self._cache[url] = row


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


def flush_crawl_log(engine: Engine, log: DbFetchLog) -> None:
    """Write the fetch log entries kept so far, in one transaction."""
    if log.pending:
        with engine.begin() as conn:
            log.write(conn)
