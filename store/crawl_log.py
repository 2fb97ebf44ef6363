"""The crawler's bookkeeping in the database: HTTP validators (ETag, Last-Modified, content
hash) per URL, what the listing page type read from each listing page, and the fetch log
of every request.

All are kept per response as the crawler goes and written to the database together, in
one transaction per batch (`flush_crawl_log`), by the thread that loads the batch: the
fetching thread never waits for the database's write lock. Validators are also appended
to a journal file next to the archive with each response (after its bytes are archived),
so a run killed at any point loses none: the next run replays the journal (`recover`)
and never downloads again what it had archived (a listing reading lost that way is only
read again from the archive).
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
Remembered = tuple[str | None, str | None, str, str | None]  # a row's _COLUMNS


class DbValidatorStore:
    """ETag / Last-Modified / content hash per URL, kept in `http_validators`, and each
    listing page's reading (`listings`), kept in `listing_pages`.

    Rows are read as they are asked for, never the whole table: `prefetch` reads the URLs
    a run is about to ask for in a few statements (discovery names the pages it chose and
    their documents), any other URL is read alone on its first lookup; a URL looked up is
    remembered, found or not, for the rest of the run (this run is the only writer). A
    nightly's lookups so cost what it fetches, not what the archive holds."""

    _CHUNK = 500  # URLs per statement, well under any database's bound-parameter limit

    def __init__(self, engine: Engine, journal: Path | None = None) -> None:
        self.engine, self.journal = engine, journal
        self.listings = ListingReadings(engine)
        self._cache: dict[str, Remembered | None] = {}  # looked up (None: not in the table)
        self._stored: set[str] = set()  # URLs known to be in the table
        self._pending: dict[str, Remembered] = {}
        self._empty: bool | None = None  # the table held no row when first asked
        self._file: TextIO | None = None
        self._lock = threading.Lock()  # the fetching thread puts, the loading thread writes

    def _row(self, url: str) -> Remembered | None:
        with self._lock:
            if url in self._cache:
                return self._cache[url]
        self.prefetch([url])
        with self._lock:
            return self._cache[url]

    def prefetch(self, urls: list[str]) -> None:
        """Read the rows of ``urls`` not looked up yet (one statement per _CHUNK)."""
        with self._lock:
            wanted = list(dict.fromkeys(u for u in urls if u not in self._cache))
        if not wanted:
            return
        v = t.http_validators
        found: dict[str, Remembered] = {}
        with self.engine.connect() as conn:
            if self._empty is None:
                self._empty = conn.execute(sa.select(v.c.url).limit(1)).first() is None
            for i in range(0, 0 if self._empty else len(wanted), self._CHUNK):
                found.update((r[0], tuple(r[1:])) for r in conn.execute(  # type: ignore[misc]
                    sa.select(v.c.url, *(v.c[c] for c in _COLUMNS))
                    .where(v.c.url.in_(wanted[i:i + self._CHUNK]))))
        with self._lock:
            for url in wanted:
                if url not in self._cache:
                    self._cache[url] = found.get(url)
            self._stored.update(found)

    def get(self, url: str):  # type: ignore[no-untyped-def]
        """Remembered validators for ``url`` or None."""
        from crawler.validators import CachedValidators
        row = self._row(url)
        if row is None:
            return None
        return CachedValidators(etag=row[0], last_modified=row[1], sha256=row[2],
                                content_type=row[3])  # type: ignore[arg-type]

    def put(self, url: str, v: Any) -> None:
        """Remember validators for ``url``: in memory and the journal now, in the table at
        the next `flush_crawl_log`."""
        row: Remembered = (v.etag, v.last_modified, v.sha256, v.content_type)
        if self._row(url) == row:
            return
        with self._lock:
            self._cache[url] = self._pending[url] = row
            if self.journal is not None:
                if self._file is None:
                    self._file = self.journal.open("a", encoding="utf-8")
                self._file.write(json.dumps({"url": url, **dict(zip(_COLUMNS, row))}) + "\n")
                self._file.flush()  # in the kernel's hands: survives the process

    @property
    def pending(self) -> bool:
        """True when validators or listing readings wait for `write`."""
        return bool(self._pending) or self.listings.pending

    def write(self, conn: Connection) -> int:
        """Upsert the pending validators and listing readings in ``conn``'s transaction;
        returns how many validators."""
        with self._lock:
            pending, self._pending = self._pending, {}
            known = {url: url in self._stored for url in pending}
        rows = {url: {"url": url, **dict(zip(_COLUMNS, r))} for url, r in pending.items()}
        _upsert(conn, t.http_validators, _COLUMNS,
                [r for u, r in rows.items() if not known[u]],
                [r for u, r in rows.items() if known[u]])
        with self._lock:
            self._stored.update(pending)
        self.listings.write(conn)
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
            _upsert(conn, v, _COLUMNS, [r for u, r in rows.items() if u not in have],
                    [r for u, r in rows.items() if u in have])
        with self._lock:  # looked up again, with what was recovered, on the next lookup
            self._cache = {u: r for u, r in self._cache.items() if u in self._pending}
            self._stored.update(rows)
            self._empty = None
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


class ListingReadings:
    """What the listing page type read from each listing page (its items and next page),
    by the page's canonical URL, with the bytes (sha256), URL, charset and extractor version
    it was read from: `listing_pages`, read once per run on the first lookup, new readings
    written with the validators (`DbValidatorStore.write`). Rows are plain JSON; whoever
    reuses one checks it (they hold what the site sent)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._rows: dict[str, dict[str, Any]] | None = None
        self._stored: set[str] = set()
        self._pending: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> dict[str, Any] | None:
        """The stored reading of the page at canonical ``url``, or None."""
        if self._rows is None:
            with self.engine.connect() as conn:
                rows = {r["url"]: dict(r) for r in
                        conn.execute(sa.select(t.listing_pages)).mappings()}
            with self._lock:
                if self._rows is None:
                    self._rows, self._stored = rows, set(rows)
        return self._rows.get(url)

    def put(self, row: dict[str, Any]) -> None:
        """Keep a new reading (a row of `listing_pages`) for the next `write`."""
        self.get(row["url"])
        with self._lock:
            assert self._rows is not None
            self._rows[row["url"]] = self._pending[row["url"]] = row

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def write(self, conn: Connection) -> int:
        """Upsert the pending readings in ``conn``'s transaction; returns how many."""
        with self._lock:
            pending, self._pending = self._pending, {}
            stored = set(self._stored)
        columns = tuple(c.name for c in t.listing_pages.columns if c.name != "url")
        _upsert(conn, t.listing_pages, columns,
                [r for u, r in pending.items() if u not in stored],
                [r for u, r in pending.items() if u in stored])
        with self._lock:
            self._stored.update(pending)
        return len(pending)


def _upsert(conn: Connection, table: sa.Table, columns: tuple[str, ...],
            inserts: list[dict[str, Any]], updates: list[dict[str, Any]]) -> None:
    """Insert and update rows keyed by ``url`` (executemany each)."""
    if inserts:
        conn.execute(sa.insert(table), inserts)
    if updates:
        conn.execute(sa.update(table).where(table.c.url == sa.bindparam("b_url")).values(
            {c: sa.bindparam(f"b_{c}") for c in columns}),
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
    if not log.pending and (validators is None or not validators.pending):
        return
    with engine.begin() as conn:
        log.write(conn)
        if validators is not None:
            validators.write(conn)
