"""The nightly listing walk stops fetching once settled (README, "Discovery and what is
re-read when"): page 1 is fetched, then pages until one shows only known publications;
after that a page with a stored reading that is not due tonight is taken from its reading.
Backfill fetches every page. The trade-off: a publication inserted deep in the listing, on
a page not due, is seen on the night that page is due (or by backfill)."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from flows.pipeline import RunFailed, RunReport, run_pipeline
from store import tables as t
from tests.flows.helpers import rows, settings, snapshot
from tests.replica.generated import generated_specs
from tests.replica.pages import listing_path
from tests.replica.server import Fault, ReplicaServer
from tests.replica.site import assemble

PER_PAGE = 4
PAGES = [listing_path(n) for n in range(1, 7)]
# the nights below, chosen by which listing pages `in_slice` makes due (30-day slices)
FIRST = date(2025, 9, 1)       # no listing page due
NONE_DUE = date(2025, 9, 2)    # no listing page due
PAGE_3_DUE = date(2025, 9, 7)
PAGE_4_DUE = date(2025, 9, 10)


def _night(server: ReplicaServer, data: Path, db: str, as_of: date,
           command: str = "run", **filters: object) -> tuple[RunReport, list[str]]:
    """One run; the report and the listing pages it fetched, in order."""
    seen = len(server.requests)
    report = run_pipeline(settings(server.url, data, db, as_of), command=command, **filters)
    time.sleep(0.2)  # the server logs a request just after answering it
    return report, [r.path for r in server.requests[seen:] if r.path in PAGES]


def _listed(report: RunReport) -> str:
    return next(line for line in report.summary.discovery if line.startswith("listing: "))


def _ids(db: str) -> set[str]:
    return {r["publication_id"] for r in rows(db, "publications")}


def test_a_no_change_night_fetches_page_1_and_the_due_pages(tmp_data_dir: Path,
                                                            sqlite_url: str) -> None:
    with ReplicaServer(assemble(generated_specs(20), PER_PAGE)) as server:
        first, fetched = _night(server, tmp_data_dir, sqlite_url, FIRST)
        assert first.summary.new == 20 and fetched == PAGES[:5]  # a first run: every page
        tables = snapshot(sqlite_url, timestamps=False)
        night, fetched = _night(server, tmp_data_dir, sqlite_url, PAGE_3_DUE)
    assert fetched == [listing_path(1), listing_path(3)]
    assert _listed(night) == (
        "listing: 20 publications on 5 pages: 2 fetched (2 not modified), 3 from stored "
        "readings (unchanged since their last read; each re-read at least every 30 days)")
    assert night.summary.new == 0 and night.summary.changed == 0
    assert snapshot(sqlite_url, timestamps=False) == tables


def test_a_new_publication_at_the_top_is_picked_up_fetching_pages_1_and_2(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    specs = generated_specs(21)
    with ReplicaServer(assemble(specs[1:], PER_PAGE)) as server:
        _night(server, tmp_data_dir, sqlite_url, FIRST)
        before = _ids(sqlite_url)
        server.site = assemble(specs, PER_PAGE)  # every page shifts by one
        night, fetched = _night(server, tmp_data_dir, sqlite_url, NONE_DUE)
    assert fetched == [listing_path(1), listing_path(2)]  # page 2 shows only known ones
    assert night.summary.new == 1
    # the one pushed from page 2 to page 3 is on neither page 2 nor page 3's stored reading:
    # not listed tonight, but kept in the store (re-read when due, as any stored one the
    # listing does not show); it is listed again once page 3 is re-read
    assert _listed(night).startswith("listing: 20 publications on 5 pages: 2 fetched ")
    assert _ids(sqlite_url) == before | {specs[0].slug}


def test_a_publication_inserted_deep_is_seen_the_night_its_page_is_due(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    specs = generated_specs(21)
    deep = specs[13]  # on page 4 of the listing that shows it
    with ReplicaServer(assemble(specs[:13] + specs[14:], PER_PAGE)) as server:
        _night(server, tmp_data_dir, sqlite_url, FIRST)
        server.site = assemble(specs, PER_PAGE)
        quiet, fetched = _night(server, tmp_data_dir, sqlite_url, NONE_DUE)
        assert fetched == [listing_path(1)]  # the trade-off: page 4 is not due tonight
        assert quiet.summary.new == 0 and deep.slug not in _ids(sqlite_url)
        due, fetched = _night(server, tmp_data_dir, sqlite_url, PAGE_4_DUE)
    # page 4 shows it and un-settles the walk: page 5 is fetched, then page 6 (new: the
    # chain grew by a page, and page 6 has no stored reading)
    assert fetched == [listing_path(1), listing_path(4), listing_path(5), listing_path(6)]
    assert due.summary.new == 1 and deep.slug in _ids(sqlite_url)
    assert len(_ids(sqlite_url)) == 21


def test_backfill_fetches_every_listing_page(tmp_data_dir: Path, sqlite_url: str) -> None:
    with ReplicaServer(assemble(generated_specs(20), PER_PAGE)) as server:
        _night(server, tmp_data_dir, sqlite_url, FIRST)
        night, fetched = _night(server, tmp_data_dir, sqlite_url, NONE_DUE,
                                command="backfill", since=date(2010, 1, 1))
    assert fetched == PAGES[:5]
    assert " 0 from stored readings " in _listed(night)


def test_a_stored_reading_that_does_not_check_out_is_fetched(tmp_data_dir: Path,
                                                             sqlite_url: str) -> None:
    """After settling, a page whose stored reading is of another extractor version, or of
    the wrong shape, is fetched (and read again), not used."""
    with ReplicaServer(assemble(generated_specs(20), PER_PAGE)) as server:
        _night(server, tmp_data_dir, sqlite_url, FIRST)
        engine = sa.create_engine(sqlite_url)
        with engine.begin() as conn:
            lp = t.listing_pages
            conn.execute(sa.update(lp).where(lp.c.url.endswith("/page/2/")).values(
                extractor_version="2000.01.01-1"))
            conn.execute(sa.update(lp).where(lp.c.url.endswith("/page/4/")).values(
                items={"not": "a list"}))
        engine.dispose()
        night, fetched = _night(server, tmp_data_dir, sqlite_url, NONE_DUE)
    assert fetched == [listing_path(1), listing_path(2), listing_path(4)]
    assert _listed(night).startswith("listing: 20 publications on 5 pages: 3 fetched ")
    assert night.summary.new == 0


def test_a_due_page_that_fails_fails_the_night_and_the_walk_fetches_on(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    """A page fetched after settling that does not load is a failure (the run fails, as
    on a full walk) and un-settles the walk: the next page is fetched by its number."""
    with ReplicaServer(assemble(generated_specs(20), PER_PAGE)) as server:
        _night(server, tmp_data_dir, sqlite_url, FIRST)
        server.add_fault(listing_path(3), Fault("status", status=404))
        seen = len(server.requests)
        with pytest.raises(RunFailed, match="listing page"):
            run_pipeline(settings(server.url, tmp_data_dir, sqlite_url, PAGE_3_DUE),
                         command="run")
        time.sleep(0.2)
        fetched = [r.path for r in server.requests[seen:] if r.path in PAGES]
    assert fetched == [listing_path(1), listing_path(3), listing_path(4)]
