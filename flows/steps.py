"""The pipeline's steps as plain functions: discover, fetch, extract, validate, load, clock.

Prefect flows (flows/nightly.py) wrap each step in a task; tests and `--engine direct`
call them as they are. Each step takes and returns plain objects; raw bytes travel through
the archive by sha256, never through the flow.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from crawler.discover import ReadListing
from crawler.responses import FetchResult
from crawler.urls import SiteUrls
from extractors.pages.base import PageContext, describe_page
from extractors.pages.registry import extract
from extractors.records import ListingItem, Problem, Stage
from extractors.version import EXTRACTOR_VERSION
from flows.discovery import site_url, select
from flows.documents import extract_documents, fetch_documents, revalidate_stored
from flows.work import Outcome, PublicationWork, RunContext
from store import queries
from store import repository as repo


# --- discover ---------------------------------------------------------------------------

def discover_step(ctx: RunContext, *, mode: str, since: date | None = None,
                  until: date | None = None) -> list[PublicationWork]:
    """The whole listing and the other ways in -> the publications this run looks at
    (flows/discovery.py: what is new, not fully loaded, or due for its re-read)."""
    from extractors.pages.links import read_links
    urls = ctx.urls
    return select(ctx, mode=mode, since=since, until=until, read_listing=listing_reader(urls),
                  read_links=lambda body, url, charset: read_links(body, url, urls, charset))


def listing_reader(urls: SiteUrls) -> ReadListing:
    """What discovery calls on each listing page it fetches: the registry's page type
    for a listing position reads the items and the next page's URL."""
    def read(body: bytes, url: str, charset: str | None) -> tuple[list[ListingItem], str | None]:
        page = extract(body, url, PageContext(position="listing", urls=urls, charset=charset))
        return page.listing, page.next_page
    return read


def stored_step(ctx: RunContext, *, since: date | None = None,
                stale_only: bool = False) -> list[PublicationWork]:
    """Publications to rebuild from the raw archive (reprocess, or extractor upgrades)."""
    works: list[PublicationWork] = []
    with ctx.engine.connect() as conn:
        rows = repo.stale_publications(conn, EXTRACTOR_VERSION) if stale_only else \
            list(repo.publications_by_id(conn).values())
        for row in rows:
            if since and row["published_on"] < since:
                continue
            if row["page_sha256"] and ctx.archive.has(row["page_sha256"]):
                works.append(PublicationWork(row["publication_id"], site_url(ctx, row["url"]),
                                             page_sha256=row["page_sha256"], from_archive=True,
                                             offline=True))
        if not stale_only:
            for q in queries.quarantined_rows(conn, Stage.EXTRACT):
                rec = q["record"] or {}
                sha, pid = rec.get("page_sha256"), rec.get("publication_id")
                if sha and pid and ctx.archive.has(sha) and all(w.publication_id != pid for w in works):
                    works.append(PublicationWork(pid, q["source_url"], page_sha256=sha,
                                                 from_archive=True, offline=True))
    return works


# --- fetch ------------------------------------------------------------------------------

def fetch_pages_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Fetch each landing page (conditionally; bytes go to the archive) and read it at once
    with its page type, in the rate cap's wait before the next request."""
    ids = [w.publication_id for w in works]
    with ctx.engine.connect() as conn:
        stored = repo.publications_by_id(conn, ids)
        stored_docs = repo.documents_by_publication(conn, ids)
    for work in works:
        _fetch_page(ctx, work, stored.get(work.publication_id))
        if work.outcome == Outcome.PENDING and work.page_sha256 and \
                not _unchanged(ctx, work, stored_docs.get(work.publication_id, [])):
            _extract_page(ctx, work)
    return works


def _unchanged(ctx: RunContext, work: PublicationWork, stored: list[dict[str, Any]]) -> bool:
    """A revalidated page with the bytes and extractor version of its stored load is not
    read again (README: never re-extracted): its stored documents are revalidated from
    their rows, and when none changed the publication is unchanged. A changed document
    sends the page through the usual reading (its documents asked again, conditionally)."""
    if work.page_changed or work.from_archive or work.offline or ctx.trust_archive:
        return False
    documents = revalidate_stored(ctx, stored)
    if documents is None:
        return False
    work.documents = documents
    _unfollowed_links(ctx, work)
    work.outcome = Outcome.UNCHANGED
    return True


def _fetch_page(ctx: RunContext, work: PublicationWork, old: dict[str, Any] | None) -> None:
    if work.from_archive:
        return
    cached = ctx.validators.get(ctx.urls.canonical(work.landing_url)) if ctx.trust_archive else None
    if cached is not None and ctx.archive.has(cached.sha256):
        work.page_sha256, work.from_archive = cached.sha256, True
        return
    if not ctx.client.allowed_by_robots(work.landing_url):
        work.outcome = Outcome.SKIPPED
        work.problems.append(Problem(Stage.FETCH, "disallowed by robots.txt", {},
                                     work.landing_url))
        return
    res: FetchResult = ctx.client.fetch(work.landing_url, expect=("html", "pdf"))
    if not res.ok or not res.sha256:
        work.outcome = Outcome.FAILED
        work.problems.append(Problem(Stage.FETCH, f"landing page not fetched: {res.error}",
                                     {"status": res.status}, work.landing_url))
        return
    work.page_sha256 = res.sha256
    if work.rejected_sha256 == res.sha256:
        work.outcome = Outcome.QUARANTINED  # same bytes, same extractor: same verdict as before
        return
    work.page_changed = not (old and old["page_sha256"] == res.sha256 and
                             old["extractor_version"] == EXTRACTOR_VERSION)


def extract_pages_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Read every archived landing page with its page type (a reprocess)."""
    for work in _active(works):
        _extract_page(ctx, work)
    return works


def _extract_page(ctx: RunContext, work: PublicationWork) -> None:
    data = ctx.archive.get(work.page_sha256 or "")
    work.landing = extract(data, work.landing_url,
                           PageContext(position="listed", urls=ctx.urls))
    blocking = [p for p in work.landing.problems if p.stage == Stage.EXTRACT]
    work.problems += [p for p in work.landing.problems if p.stage != Stage.EXTRACT]
    if blocking:
        looked = describe_page(data)
        for p in blocking:
            p.reason = f"{p.reason} (the page is {looked})"
            p.record.update({"publication_id": work.publication_id,
                             "page_sha256": work.page_sha256,
                             "extractor_version": EXTRACTOR_VERSION})
        work.problems += blocking
        work.outcome = Outcome.QUARANTINED


def fetch_documents_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Fetch the report files each extracted landing page links to (never twice)."""
    with ctx.engine.connect() as conn:
        stored_docs = repo.documents_by_publication(conn, [w.publication_id for w in works])
    for work in _active(works):
        assert work.landing is not None
        stored = stored_docs.get(work.publication_id, [])
        work.documents = fetch_documents(ctx, work.landing.publication.documents,
                                         work.landing_url, stored, offline=work.offline,
                                         revalidate=not (work.offline or ctx.trust_archive))
        _unfollowed_links(ctx, work)
        before = {d["url"]: d["sha256"] for d in stored}
        if not work.page_changed and all(before.get(d.canonical) == d.sha256
                                         for d in work.documents) \
                and len(before) == len(work.documents):
            work.outcome = Outcome.UNCHANGED
    return works


def _unfollowed_links(ctx: RunContext, work: PublicationWork) -> None:
    """A listed item's other same-site links that are not documents of its publication:
    each is a quarantine row naming the item, never dropped without a trace."""
    if work.listed is None or not work.listed.other_links:
        return
    documents = {d.canonical for d in work.documents}
    for url in work.listed.other_links:
        if ctx.urls.canonical(url) not in documents:
            work.problems.append(Problem(
                Stage.DISCOVER, f"listed item {work.publication_id} also links {url}: not "
                "followed (not one of the documents its page offers)", {
                    "publication_id": work.publication_id, "title": work.listed.title}, url))


def extract_documents_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Extract findings and grades from every fetched report file."""
    for work in _active(works):
        assert work.landing is not None
        work.problems += extract_documents(ctx, work.landing, work.documents)
    return works


def note_future_dates(works: list[PublicationWork]) -> None:
    """A publication date after today is a run note (the page is loaded as printed)."""
    today = date.today()
    for w in works:
        published = w.landing.publication.published_on if w.landing else None
        if published and published > today:
            w.problems.append(Problem(Stage.NOTE, f"publication date {published.isoformat()} "
                                      f"is in the future (today is {today.isoformat()})", {},
                                      w.landing_url))


def _active(works: list[PublicationWork]) -> list[PublicationWork]:
    return [w for w in works if w.outcome == Outcome.PENDING and w.page_sha256]


# --- clock --------------------------------------------------------------------------------

def clock_step(engine: Engine, as_of: date) -> dict[str, int]:
    """Refresh obligation statuses as of a date; returns the count per status.

    Only rows whose status can change on ``as_of`` are re-judged and only changes are
    written (store.queries.refresh_statuses); the database still looks at every row to
    find them, and counts per status from the (status, practice_deadline) index: ~1 ms
    at 5,000 obligations (bench/bench_scale.py).
    """
    from section55.status import status_of
    with engine.begin() as conn:
        return queries.refresh_statuses(conn, as_of, status_of)


def next_deadlines(engine: Engine, as_of: date, limit: int = 5) -> list[dict[str, Any]]:
    """The soonest open obligations on or after ``as_of``."""
    with engine.connect() as conn:
        return queries.next_open_deadlines(conn, as_of, limit)
