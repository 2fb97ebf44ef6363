"""Which publications a run looks at: the whole listing compared with the store, the other
ways in, and the revalidation policy (README, "What is re-read when").

A nightly walks the listing from page 1 until a page shows only known publications; after
that a page with a stored reading that is not due tonight (`in_slice` of its URL: each is
re-read at least every ``revalidate_days``) is taken from its reading, unfetched
(`stored_listing`). Backfill walks and fetches the whole listing. Either picks up anything
listed but not fully loaded: no publication row (new, or a load that never committed), a document
never fetched. Stored publications are re-read (conditional GET) while they can still
change, and a rolling slice of the archive every night, so each is re-read at least every
``revalidate_days``. The other sources (news feed, hubs, sitemap) are cross-checked: a
publication they show that the store and the listing lack is fetched.

A listing page is read by the listing page type once per content: its reading (items and
next page) is kept with its validators (`remembered`), and a page that answers 304 (or
200 with the same bytes) is not read again until the extractor version changes.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from crawler.discover import DiscoveryResult, ReadListing, SourceResult, discover, walk_source
from extractors.records import ListingItem
from extractors.version import EXTRACTOR_VERSION
from flows.work import PublicationWork, RunContext
from store import queries
from store import repository as repo

# name -> site path of its first page (each is walked page by page, at most
# ``Settings.source_pages`` pages a run, stopping at known items: crawler.discover)
SOURCES: dict[str, str] = {
    "news": "/news/news-feed/",          # paged as /news/page/<n>/, items link reports
    "peel-hub": "/peel-assessments/",
    "frs-hub": "/frs-assessments/",
    "sitemap": "/sitemap.xml",
}


@dataclass
class DiscoveryReport:
    """What discovery saw, for the run summary: one line per source, and what must fail
    the run once the rest is loaded (a listing page that did not load)."""

    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    listed: int = 0
    sources: dict[str, int] = field(default_factory=dict)
    unserved: dict[str, str] = field(default_factory=dict)  # source -> day it answered 404
    readings_not_used: set[str] = field(default_factory=set)  # listing pages whose stored
    #                                                     reading did not check out


def in_slice(publication_id: str, as_of: date, days: int) -> bool:
    """True on the one night in every ``days`` this publication is due for its re-read
    (the first 32 bits of the sha256 of its id, modulo ``days``)."""
    return _bucket(publication_id, days) == as_of.toordinal() % days


def _bucket(key: str, days: int) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % days


def select(ctx: RunContext, *, mode: str, since: date | None, until: date | None,
           read_listing: Any, read_links: Any) -> list[PublicationWork]:
    """The publications this run fetches, in listing order, then the others."""
    report = DiscoveryReport()
    ctx.discovery = report
    s = ctx.settings
    recent = s.as_of - timedelta(days=s.watch_days)
    with ctx.engine.connect() as conn:
        stored = queries.stored_publications(conn, recent)
        rejected = repo.quarantined_pages(conn)
        incomplete = queries.incompletely_loaded(conn)
        changing = queries.still_changing(conn, s.as_of, s.settle_days)
        before = queries.last_source_counts(conn)
        unserved = queries.last_unserved_sources(conn)
    result = discover(ctx.client, ctx.urls, stored.keys() | rejected.keys(),
                      read_listing=remembered(ctx, read_listing),
                      reuse=stored_listing(ctx) if mode != "backfill" else None)
    _listing_lines(result, report, s.revalidate_days)
    days, tonight = s.revalidate_days, s.as_of.toordinal() % s.revalidate_days

    def wanted(pid: str, published: date | None) -> bool:
        if pid not in stored:
            return pid not in rejected or mode == "backfill" or \
                _bucket(pid, days) == tonight or (published or date.min) >= recent
        if pid in incomplete:
            return True
        if mode == "backfill":
            return False
        return pid in changing or stored[pid] or _bucket(pid, days) == tonight

    works: list[PublicationWork] = []
    taken: set[str] = set()
    for item in result.items:
        pid = item.publication_id
        if mode == "backfill" and item.published_on and (
                (since and item.published_on < since) or (until and item.published_on > until)):
            continue
        taken.add(pid)
        if wanted(pid, item.published_on):
            works.append(PublicationWork(pid, _with_slash(item.url), listed=item,
                                         rejected_sha256=rejected.get(pid)))
    for name in s.sources if mode != "backfill" else ():
        found = _source(ctx, name, read_links, report, before, unserved)
        for url in found:
            pid = ctx.urls.report_id(url)
            if pid and pid not in taken and pid not in stored and pid not in rejected:
                taken.add(pid)
                works.append(PublicationWork(pid, _with_slash(url), listed=ListingItem(
                    url, pid, None, None)))
                report.lines.append(f"{name} shows {pid}, which the listing and the store "
                                    f"lack: fetched")
    if mode != "backfill":  # stored publications the listing no longer shows, when due
        due = [pid for pid in stored if pid not in taken and wanted(pid, None)]
        if due:
            with ctx.engine.connect() as conn:
                urls = queries.publication_urls(conn, due)
            works += [PublicationWork(pid, site_url(ctx, urls[pid])) for pid in due]
    _prefetch_validators(ctx, works)
    return works


def _prefetch_validators(ctx: RunContext, works: list[PublicationWork]) -> None:
    """Read the validators tonight's requests ask for in a few statements: each chosen
    page's and its stored documents' (`DbValidatorStore.prefetch`; not the whole table)."""
    with ctx.engine.connect() as conn:
        documents = queries.document_urls(conn, [w.publication_id for w in works])
    ctx.validators.prefetch([ctx.urls.canonical(w.landing_url) for w in works] + documents)


def remembered(ctx: RunContext, read_listing: ReadListing) -> ReadListing:
    """``read_listing`` that reads each listing page's content once: a page whose bytes
    (sha256), URL, charset and extractor version are those of its stored reading
    (`store.crawl_log.ListingReadings`) gives the stored items and next page; any other
    page (changed bytes, a new extractor version, a stored reading that does not check
    out) is read by the page type and the reading kept, written with the validators."""
    readings = ctx.validators.listings

    def read(body: bytes, url: str, charset: str | None) -> tuple[Any, str | None]:
        key, digest = ctx.urls.canonical(url), hashlib.sha256(body).hexdigest()
        row = readings.get(key)
        if row is not None and (row["sha256"], row["base_url"], row["charset"]) == \
                (digest, url, charset):
            reading = _reading(ctx, row)
            if reading is not None:
                return reading
        items, next_url = read_listing(body, url, charset)
        readings.put({"url": key, "sha256": digest, "base_url": url, "charset": charset,
                      "extractor_version": EXTRACTOR_VERSION,
                      "items": [_plain(item) for item in items], "next_url": next_url})
        return items, next_url
    return read


def stored_listing(ctx: RunContext) -> Any:
    """For `discover`'s ``reuse``: the stored reading (items, next page) of a listing page
    that is not due tonight and whose reading checks out (this extractor version, items
    of the right shape); None (fetch it) otherwise."""
    readings, s = ctx.validators.listings, ctx.settings

    def reuse(url: str) -> tuple[list[ListingItem], str | None] | None:
        key = ctx.urls.canonical(url)
        if in_slice(key, s.as_of, s.revalidate_days):
            return None
        row = readings.get(key)
        return _reading(ctx, row) if row is not None else None  # no items: discover fetches
    return reuse


def _reading(ctx: RunContext, row: dict[str, Any]) -> tuple[list[ListingItem], str | None] | None:
    """A stored reading's items and next page, or None when it does not check out (another
    extractor version, a next page or items of the wrong shape): counted for the run
    summary, and the page is fetched or read again."""
    items = _stored_items(ctx, row["items"])
    if row["extractor_version"] == EXTRACTOR_VERSION and items is not None and \
            isinstance(row["next_url"], (str, type(None))):
        return items, row["next_url"]
    if ctx.discovery is not None:
        ctx.discovery.readings_not_used.add(row["url"])
    return None


_ITEM_FIELDS = frozenset(f.name for f in fields(ListingItem))


def _plain(item: ListingItem) -> dict[str, Any]:
    """Every field of the item (a field added to ListingItem is stored too), the date as ISO."""
    plain = asdict(item)
    plain["published_on"] = item.published_on.isoformat() if item.published_on else None
    return plain


def _stored_items(ctx: RunContext, stored: Any) -> list[ListingItem] | None:
    """The items of a stored reading, or None when it does not check out: each field of
    the type the page type gives, and each id the one the URL rules give its URL."""
    if not isinstance(stored, list):
        return None
    items = []
    page_id, file_id, text = ctx.urls.page_id, ctx.urls.file_id, (str, type(None))
    for x in stored:  # each item of every reused page, every night: kept lean
        if not isinstance(x, dict) or x.keys() != _ITEM_FIELDS:   # another shape: read again
            return None
        url, pid, title, day, others = (x["url"], x["publication_id"], x["title"],
                                        x["published_on"], x["other_links"])
        if not (isinstance(url, str) and isinstance(pid, str) and isinstance(title, text)
                and isinstance(day, text) and isinstance(others, list)
                and (not others or all(isinstance(o, str) for o in others))):
            return None
        try:
            published = date.fromisoformat(day) if day is not None else None
        except ValueError:
            return None
        if pid != (page_id(url) or file_id(url)):
            return None
        items.append(ListingItem(url, pid, title, published, list(others)))
    return items


def _listing_lines(result: DiscoveryResult, report: DiscoveryReport, days: int) -> None:
    report.listed = len(result.items)
    report.lines.append(f"listing: {len(result.items)} publications on "
                        f"{result.pages_fetched + result.pages_stored} pages: "
                        f"{result.pages_fetched} fetched ({result.pages_not_modified} not "
                        f"modified), {result.pages_stored} from stored readings (unchanged "
                        f"since their last read; each re-read at least every {days} days)")
    if report.readings_not_used:
        report.lines.append(f"{len(report.readings_not_used)} listing page(s) read again: "
                            f"their stored reading did not check out (another extractor "
                            f"version, or a row of the wrong shape)")
    report.lines += result.errors
    if result.failed_pages:
        report.failures.append(f"{len(result.failed_pages)} listing page(s) did not load "
                               f"({', '.join(result.failed_pages)}): the next run retries them")


def _source(ctx: RunContext, name: str, read_links: Any, report: DiscoveryReport,
            before: dict[str, int], unserved: dict[str, str]) -> list[str]:
    """One other way in. A source the site answered 404 for is asked again only every
    ``unserved_retry_days`` (one request then, none on the nights between)."""
    if name not in SOURCES:
        report.lines.append(f"source {name}: unknown (known: {', '.join(SOURCES)})")
        return []
    s = ctx.settings
    last = _day(unserved.get(name))
    if last is not None and last <= s.as_of < last + timedelta(days=s.unserved_retry_days):
        report.unserved[name] = last.isoformat()
        report.lines.append(f"source {name}: not served by the site (404 on {last}); asked "
                            f"again from {last + timedelta(days=s.unserved_retry_days)}")
        return []
    got: SourceResult = walk_source(ctx.client, name, s.site + SOURCES[name], read_links,
                                    max_pages=s.source_pages)
    if not got.served:
        report.unserved[name] = s.as_of.isoformat()
        report.lines.append(f"source {name}: not served by the site (404); asked again from "
                            f"{s.as_of + timedelta(days=s.unserved_retry_days)}")
        return []
    report.sources[name] = len(got.urls)
    report.lines.append(f"source {name}: {len(got.urls)} publications on {got.pages} pages"
                        + (f" ({got.stopped})" if got.stopped else ""))
    report.lines += got.errors
    if not got.urls and before.get(name):
        report.lines.append(f"source {name} showed {before[name]} publications last run and "
                            f"none now: check the site")
    return got.urls


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _with_slash(url: str) -> str:
    """A page is '<path>/': one URL however the listing wrote it (files keep their name)."""
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    if parts.path and not parts.path.endswith("/") and "." not in parts.path.rsplit("/", 1)[-1]:
        parts = parts._replace(path=parts.path + "/")
    return urlunsplit(parts)


def site_url(ctx: RunContext, canonical: str) -> str:
    return ctx.urls.resolve(canonical, ctx.settings.site + "/") or canonical
