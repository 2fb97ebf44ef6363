"""Each listing page's reading (items and next page) is kept with its validators: a page
that answers 304 gives its stored reading and is not read again; a new extractor version,
changed bytes or a stored reading that does not check out sends the page to the listing
page type again (README, "What is re-read when"). Every listing page is due every night
here (``revalidate_days=1``), so each is fetched: what a nightly takes from a stored reading
without fetching is tests/flows/test_listing_walk.py."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from extractors.version import EXTRACTOR_VERSION
from flows.pipeline import RunReport, run_pipeline
from store import tables as t
from tests.flows.helpers import settings
from tests.replica.pages import listing_path
from tests.replica.server import ReplicaServer
from tests.replica.site import build_scale_site

PAGE_2 = listing_path(2)
_FETCHED = ("listing: {} publications on 3 pages: 3 fetched ({} not modified), 0 from stored "
            "readings (unchanged since their last read; each re-read at least every 1 days)")


def _night(server: ReplicaServer, data: Path, db: str) -> tuple[RunReport, dict[str, int]]:
    """One run; the report and the status each listing page answered."""
    seen = len(server.requests)
    report = run_pipeline(replace(settings(server.url, data, db), revalidate_days=1),
                          command="run")
    time.sleep(0.2)  # the server logs a request just after answering it
    return report, {r.path: r.status for r in server.requests[seen:]
                    if r.path in {listing_path(n) for n in (1, 2, 3)}}


def _listed(report: RunReport) -> str:
    return next(line for line in report.summary.discovery if line.startswith("listing: "))


def _read_again(report: RunReport) -> list[str]:
    return [line for line in report.summary.discovery if "stored reading did not" in line]


_READ_AGAIN = ("{} listing page(s) read again: their stored reading did not check out "
               "(another extractor version, or a row of the wrong shape)")


def _readings(db: str) -> dict[str, dict[str, Any]]:
    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            return {r["url"].rsplit("/publications/", 1)[-1]: dict(r) for r in
                    conn.execute(sa.select(t.listing_pages)).mappings()}
    finally:
        engine.dispose()


def _drop_first_item(db: str, key: str, **also: Any) -> None:
    """Edit a stored reading as no parse of the page would give it (one item fewer)."""
    engine = sa.create_engine(db)
    try:
        with engine.begin() as conn:
            lp = t.listing_pages
            row = conn.execute(sa.select(lp).where(lp.c.url.endswith(key))).mappings().one()
            conn.execute(sa.update(lp).where(lp.c.url == row["url"]).values(
                items=row["items"][1:], **also))
    finally:
        engine.dispose()


def test_a_304_listing_page_gives_its_stored_reading(tmp_data_dir: Path, db_url: str) -> None:
    with ReplicaServer(build_scale_site(12, per_page=4)) as server:
        first, _ = _night(server, tmp_data_dir, db_url)
        assert first.summary.new == 12
        stored = _readings(db_url)
        assert sorted(stored) == ["", "page/2/", "page/3/"]
        assert [len(r["items"]) for _, r in sorted(stored.items())] == [4, 4, 4]
        assert {r["extractor_version"] for r in stored.values()} == {EXTRACTOR_VERSION}
        assert stored[""]["next_url"].endswith("/publications/page/2/")
        _drop_first_item(db_url, "page/2/")
        night, statuses = _night(server, tmp_data_dir, db_url)
    assert statuses == {listing_path(1): 304, PAGE_2: 304, listing_path(3): 304}
    # the walk took page 2's items from its stored reading, not from the page's bytes
    assert _listed(night) == _FETCHED.format(11, 3)
    assert _read_again(night) == []
    after = _readings(db_url)
    assert len(after["page/2/"]["items"]) == 3  # not read again, not rewritten
    assert night.summary.new == 0 and night.summary.changed == 0


def test_a_new_extractor_version_reads_the_page_again(tmp_data_dir: Path,
                                                      sqlite_url: str) -> None:
    with ReplicaServer(build_scale_site(12, per_page=4)) as server:
        _night(server, tmp_data_dir, sqlite_url)
        _drop_first_item(sqlite_url, "page/2/", extractor_version="2000.01.01-1")
        night, statuses = _night(server, tmp_data_dir, sqlite_url)
    assert statuses[PAGE_2] == 304
    assert _listed(night) == _FETCHED.format(12, 3)
    assert _read_again(night) == [_READ_AGAIN.format(1)]
    again = _readings(sqlite_url)["page/2/"]
    assert len(again["items"]) == 4 and again["extractor_version"] == EXTRACTOR_VERSION


def test_changed_bytes_are_read_again(tmp_data_dir: Path, sqlite_url: str) -> None:
    with ReplicaServer(build_scale_site(12, per_page=4)) as server:
        _night(server, tmp_data_dir, sqlite_url)
        before = _readings(sqlite_url)["page/2/"]
        _drop_first_item(sqlite_url, "page/2/")
        page = server.site.get(PAGE_2)
        assert page is not None
        server.site.put(PAGE_2, page.body.replace(b"</body>", b"<!-- changed --></body>"))
        night, statuses = _night(server, tmp_data_dir, sqlite_url)
    assert statuses[PAGE_2] == 200
    assert _listed(night) == _FETCHED.format(12, 2)
    again = _readings(sqlite_url)["page/2/"]
    assert again["sha256"] != before["sha256"] and again["items"] == before["items"]


def test_a_stored_reading_that_does_not_check_out_is_not_used(tmp_data_dir: Path,
                                                             sqlite_url: str) -> None:
    """What is stored came from the site: an item whose id is not its URL's, or a reading
    of the wrong shape, is not trusted; the page is read again and the reading replaced."""
    with ReplicaServer(build_scale_site(12, per_page=4)) as server:
        _night(server, tmp_data_dir, sqlite_url)
        before = _readings(sqlite_url)
        engine = sa.create_engine(sqlite_url)
        with engine.begin() as conn:
            lp = t.listing_pages
            items = [dict(before["page/2/"]["items"][0], publication_id="someone-else")]
            items += before["page/2/"]["items"][1:]
            conn.execute(sa.update(lp).where(lp.c.url.endswith("page/2/")).values(items=items))
            conn.execute(sa.update(lp).where(lp.c.url.endswith("page/3/")).values(
                items={"not": "a list"}))
        engine.dispose()
        night, statuses = _night(server, tmp_data_dir, sqlite_url)
    assert set(statuses.values()) == {304}
    assert _listed(night) == _FETCHED.format(12, 3)
    assert _read_again(night) == [_READ_AGAIN.format(2)]
    assert _readings(sqlite_url) == before
