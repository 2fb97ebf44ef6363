"""What a nightly's discovery reads of the store, on SQLite and PostgreSQL: every stored id
with whether it is recent (the date compared in the database), the URLs of the few it
re-reads, and the rolling slice's bucket of an id (the same nights as ever)."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from flows.discovery import in_slice
from store import queries
from store import tables as t

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
RECENT = date(2025, 6, 3)


def _publications(engine: Engine, first_published: list[date]) -> list[str]:
    ids = [f"report-{n:04d}" for n in range(len(first_published))]
    with engine.begin() as conn:
        conn.execute(sa.insert(t.publications), [
            {"publication_id": pid, "url": f"https://h/publications/{pid}/", "title": pid,
             "published_on": day, "first_published_on": day, "publication_types": [],
             "is_police_inspection": True, "all_forces": False, "first_seen_at": NOW,
             "updated_at": NOW} for pid, day in zip(ids, first_published)])
    return ids


def test_stored_publications_says_which_are_recent(engine: Engine) -> None:
    days = [RECENT - timedelta(days=400), RECENT - timedelta(days=1), RECENT,
            RECENT + timedelta(days=1)]
    ids = _publications(engine, days)
    with engine.connect() as conn:
        stored = queries.stored_publications(conn, RECENT)
    assert stored == dict(zip(ids, [False, False, True, True]))
    assert all(type(v) is bool for v in stored.values())


def test_publication_urls_of_more_ids_than_one_statement_takes(engine: Engine) -> None:
    ids = _publications(engine, [RECENT] * 1203)
    with engine.connect() as conn:
        urls = queries.publication_urls(conn, ids[1:])
        assert queries.publication_urls(conn, []) == {}
    assert urls == {pid: f"https://h/publications/{pid}/" for pid in ids[1:]}


def test_the_rolling_slice_is_the_one_it_always_was() -> None:
    """The bucket is the first 32 bits of the id's sha256 (as the hex digest's first 8
    characters were read before): every publication keeps its nights."""
    for n in range(2000):
        pid, days = f"publication-{n}", (30, 7, 1, 45)[n % 4]
        old = int(hashlib.sha256(pid.encode()).hexdigest()[:8], 16) % days
        for as_of in (date(2025, 9, 1), date(2025, 9, 2) + timedelta(days=n % 61)):
            assert in_slice(pid, as_of, days) == (old == as_of.toordinal() % days)
