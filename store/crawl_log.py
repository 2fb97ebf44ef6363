"""The crawler's bookkeeping in the database: HTTP validators (ETag, Last-Modified, content
hash) per URL and the fetch log of every request, written in batches."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import tables as t

class DbValidatorStore:
    """ETag / Last-Modified / content hash per URL, kept in `http_validators`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[str, dict[str, Any] | None] = {}

    def _row(self, url: str) -> dict[str, Any] | None:
        if url not in self._cache:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(t.http_validators).where(
                    t.http_validators.c.url == url)).mappings().first()
            self._cache[url] = dict(row) if row else None
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
        """Remember validators for ``url`` (upsert)."""
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
        self._cache[url] = row


class DbFetchLog:
    """Collects fetch log entries and writes them in batches to `fetch_log`."""

    def __init__(self, engine: Engine, run_id: str | None, batch: int = 200) -> None:
        self.engine, self.run_id, self.batch = engine, run_id, batch
        self.pending: list[dict[str, Any]] = []
        self.total = 0

    def __call__(self, entry: Any) -> None:
        """Record one request attempt."""
        self.pending.append({"run_id": self.run_id, "url": entry.url, "method": entry.method,
                             "status": entry.status, "bytes": entry.bytes,
                             "elapsed_ms": entry.elapsed_ms, "from_cache": entry.from_cache,
                             "attempt": entry.attempt, "error": entry.error,
                             "fetched_at": entry.fetched_at})
        self.total += 1
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write what is pending."""
        if self.pending:
            with self.engine.begin() as conn:
                conn.execute(sa.insert(t.fetch_log), self.pending)
            self.pending = []
