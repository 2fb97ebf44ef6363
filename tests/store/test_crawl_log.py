"""The crawler's bookkeeping on SQLite and PostgreSQL: validators read as asked for, listing
readings kept and replaced, and migration 0009 (listing_pages) up and down."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from crawler.validators import CachedValidators
from store import tables as t
from store.crawl_log import DbValidatorStore
from store.db import alembic_config, make_engine


def _statements(engine: Engine) -> list[str]:
    seen: list[str] = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda conn, cur, statement, *rest: seen.append(statement))
    return seen


def _v(sha: str, etag: str | None = None) -> CachedValidators:
    return CachedValidators(etag=etag, last_modified=None, sha256=sha * 64,
                            content_type="text/html")


def test_validators_are_read_as_asked_for_never_the_whole_table(engine: Engine) -> None:
    """A prefetch reads its URLs in one statement (per 500) beside the table's first
    look; a URL not prefetched is read alone; none is read twice, found or not; the
    rows not asked for are never read."""
    with engine.begin() as conn:
        conn.execute(sa.insert(t.http_validators), [
            {"url": f"https://h/p/{n}/", "etag": f'"{n}"', "last_modified": None,
             "sha256": "a" * 64, "content_type": "text/html"} for n in range(1200)])
    store = DbValidatorStore(engine)
    seen = _statements(engine)
    store.prefetch([f"https://h/p/{n}/" for n in range(0, 1300, 2)])  # 600 held, 50 not
    assert len(seen) == 1 + 2  # is the table empty; 650 URLs in two statements
    got = [store.get(f"https://h/p/{n}/") for n in range(0, 1300, 2)]
    assert len(seen) == 3
    assert [g.etag if g else None for g in got] == \
        [f'"{n}"' for n in range(0, 1200, 2)] + [None] * 50
    assert store.get("https://h/p/1/").etag == '"1"' and store.get("https://h/p/1/")
    assert store.get("https://h/none/") is None and store.get("https://h/none/") is None
    assert len(seen) == 3 + 2
    assert DbValidatorStore(engine).get("https://h/p/7/").etag == '"7"'


def test_an_empty_table_is_looked_at_once(engine: Engine) -> None:
    store = DbValidatorStore(engine)
    seen = _statements(engine)
    assert [store.get(f"https://h/p/{n}/") for n in range(20)] == [None] * 20
    store.prefetch([f"https://h/q/{n}/" for n in range(20)])
    assert store.get("https://h/q/3/") is None
    assert len(seen) == 1


def test_written_validators_are_read_back(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(t.http_validators), [
            {"url": f"https://h/p/{n}/", "etag": f'"{n}"', "last_modified": None,
             "sha256": "a" * 64, "content_type": "text/html"} for n in range(50)])
    store = DbValidatorStore(engine)
    store.put("https://h/p/1/", _v("b", '"new"'))   # an update
    store.put("https://h/p/99/", _v("c"))           # an insert
    store.put("https://h/p/2/", _v("a", '"2"'))     # what the table holds: nothing to write
    with engine.begin() as conn:
        assert store.write(conn) == 2
    again = DbValidatorStore(engine)
    assert again.get("https://h/p/1/") == _v("b", '"new"')
    assert again.get("https://h/p/99/") == _v("c")


def test_a_killed_runs_journal_is_read_after_the_table(engine: Engine, tmp_path: Path) -> None:
    journal = tmp_path / "validators.journal"
    killed = DbValidatorStore(engine, journal)
    killed.put("https://h/x/", _v("d", '"x"'))  # journalled, never written to the table
    store = DbValidatorStore(engine, journal)
    assert store.get("https://h/x/") is None     # the table alone
    assert store.recover() == 1
    assert store.get("https://h/x/") == _v("d", '"x"') and not journal.exists()


def test_listing_readings_are_kept_and_replaced(engine: Engine) -> None:
    row = {"url": "https://h/publications/", "sha256": "e" * 64,
           "base_url": "http://s/publications/", "charset": None, "extractor_version": "v1",
           "next_url": "http://s/publications/page/2/",
           "items": [{"url": "http://s/publications/a/", "publication_id": "a",
                      "title": "A \u2013 report", "published_on": "2025-06-30",
                      "other_links": []}]}
    first = DbValidatorStore(engine)
    assert first.listings.get(row["url"]) is None
    first.listings.put(row)
    with engine.begin() as conn:
        first.write(conn)
    second = DbValidatorStore(engine)
    assert second.listings.get(row["url"]) == row
    changed = dict(row, sha256="f" * 64, items=row["items"] * 2, next_url=None)
    second.listings.put(changed)
    with engine.begin() as conn:
        second.write(conn)
    assert DbValidatorStore(engine).listings.get(row["url"]) == changed


def test_migration_0009_goes_up_and_down(db: str) -> None:
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    engine = make_engine(db)
    try:
        command.upgrade(alembic_config(engine), "0008")
        assert "listing_pages" not in sa.inspect(engine).get_table_names()
        command.upgrade(alembic_config(engine), "head")
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), t.metadata) == []
        command.downgrade(alembic_config(engine), "0008")
        assert "listing_pages" not in sa.inspect(engine).get_table_names()
        command.upgrade(alembic_config(engine), "head")
        assert "listing_pages" in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
