"""Discovery: walk the publications listing every run, and the other ways in.

The listing is walked from page 1 to its last page (conditional requests). A full walk
fetches every page. A walk given ``reuse`` fetches pages until it is settled (a fetched
page that loaded and shows only known publications); after that a page that ``reuse``
has a stored reading for, and that is not due, is taken from that reading unfetched
(`pages_stored`); a fetched page showing an unknown publication un-settles the walk.
A listing page that fails does not end the walk: the next page is tried by its number,
and the failure is kept in ``failed_pages`` (the run fails on it).

Other sources (the news feed, hubs, sitemaps) are optional: each is walked by
`walk_source` and says what it gave; a source the site does not serve gives nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from crawler.http import PoliteClient
from crawler.urls import SiteUrls


class ListingItem(Protocol):
    """What the crawler needs of a listed publication (the listing page type makes them)."""

    publication_id: str


# (page bytes, its URL, the charset the server declared) -> (items, next page URL or None)
ReadListing = Callable[[bytes, str, "str | None"], tuple[Sequence[Any], "str | None"]]
# page URL -> its stored reading (items, next page URL) when the page need not be fetched
# tonight; None (or no items): the page is fetched
Reuse = Callable[[str], "tuple[Sequence[Any], str | None] | None"]
# (page bytes, its URL, charset) -> (publication page URLs, item pages to read, next page)
ReadLinks = Callable[[bytes, str, "str | None"], tuple[list[str], list[str], "str | None"]]


class DiscoveryError(RuntimeError):
    """The listing could not be read at all (first page unavailable or empty)."""


@dataclass
class DiscoveryResult:
    """Publications seen on the listing, in listing order, once each."""

    items: list[Any] = field(default_factory=list)  # ListingItem-like, in listing order
    known_ids: frozenset[str] = frozenset()
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_stored: int = 0  # pages taken from their stored reading, not fetched
    listing_urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_pages: list[str] = field(default_factory=list)  # listing pages that did not load
    complete: bool = False  # True when the walk reached the last page with none failing

    @property
    def new_items(self) -> list[Any]:
        """Items whose publication id was not in ``known_ids``."""
        return [item for item in self.items if item.publication_id not in self.known_ids]


def discover(client: PoliteClient, urls: SiteUrls, known_ids: set[str], *,
             read_listing: ReadListing, max_pages: int = 10_000,
             reuse: Reuse | None = None) -> DiscoveryResult:
    """Every listing item, every page, in listing order.

    The crawler only fetches: ``read_listing`` (the pipeline hands each page to the
    listing page type) says what a page lists and where the next page is.

    Raises DiscoveryError when the first listing page cannot be fetched or shows no
    publications; a later page that fails is skipped (its number + 1 is tried) and
    recorded in ``failed_pages`` and ``errors``. Without ``reuse`` every page is fetched.
    """
    result = DiscoveryResult(known_ids=frozenset(known_ids))
    seen_ids: set[str] = set()
    page_url: str | None = urls.listing_url(1)
    number = 1
    visited: set[str] = set()
    guessed = False  # page_url was guessed by its number after a failed page
    settled = False  # a fetched page showed only known publications, none since
    while page_url and len(visited) < max_pages:
        if page_url in visited:
            result.errors.append(f"listing loops back to {page_url}")
            return result
        visited.add(page_url)
        stored = reuse(page_url) if settled and reuse is not None else None
        if stored is not None and stored[0]:
            result.pages_stored += 1
            result.listing_urls.append(page_url)
            _keep(result, seen_ids, stored[0])
            number += 1
            page_url, guessed = stored[1], False
            continue
        fetched = client.fetch(page_url, expect=("html",))
        items: Sequence[Any] = ()
        next_url: str | None = None
        if fetched.ok and fetched.body is not None:
            items, next_url = read_listing(fetched.body, fetched.final_url, fetched.charset)
        if not items:
            what = (f"unavailable: {fetched.error}" if not fetched.ok or fetched.body is None
                    else "shows no publications")
            if number == 1:
                raise DiscoveryError(f"listing page {page_url} {what}" if not fetched.ok
                                     else f"listing empty: no publications found on {page_url}")
            if guessed and fetched.status in (404, 410):
                break  # past the end, or more missing pages: the run fails on the first
            result.errors.append(f"listing page {page_url} {what}")
            result.failed_pages.append(page_url)
            settled = False
            numbered = page_url == urls.listing_url(number)
            number += 1
            page_url = urls.listing_url(number) if numbered and \
                len(result.failed_pages) <= _MAX_GUESSES else None
            guessed = True
            continue
        result.pages_fetched += 1
        result.pages_not_modified += int(fetched.not_modified)
        result.listing_urls.append(page_url)
        _keep(result, seen_ids, items)
        settled = all(item.publication_id in result.known_ids for item in items)
        number += 1
        page_url, guessed = next_url, False
    result.complete = page_url is None and not result.failed_pages
    if page_url is not None and len(visited) >= max_pages:
        result.errors.append(f"stopped after {max_pages} listing pages")
    return result


_MAX_GUESSES = 3  # failed listing pages in a row before the walk gives up guessing


def _keep(result: DiscoveryResult, seen_ids: set[str], items: Sequence[Any]) -> None:
    for item in items:
        if item.publication_id not in seen_ids:
            seen_ids.add(item.publication_id)
            result.items.append(item)


@dataclass
class SourceResult:
    """What one other way in gave: publication page URLs, and what went wrong."""

    name: str
    urls: list[str] = field(default_factory=list)
    pages: int = 0
    served: bool = True   # False: the site does not serve it (404 / 410 on its first page)
    errors: list[str] = field(default_factory=list)
    stopped: str = ""     # why the walk stopped before the last page ('' at the last page)


def walk_source(client: PoliteClient, name: str, start: str, read_links: ReadLinks, *,
                max_pages: int) -> SourceResult:
    """Read a source from ``start``, page by page (a news feed's later pages, a hub, a
    sitemap index): each page gives publication URLs, item pages (news items, child
    sitemaps: read for their publication URLs) and its next page.

    The walk is bounded: at most ``max_pages`` pages, and it stops at a page whose item
    pages are all known (each answered 304: read on an earlier night, so the pages after
    it are older still)."""
    out = SourceResult(name)
    page_url: str | None = start
    seen: set[str] = set()
    while page_url and page_url not in seen:
        if out.pages >= max_pages:
            out.stopped = f"stopped at the page limit ({max_pages})"
            break
        seen.add(page_url)
        fetched = client.fetch(page_url, expect=("html", "xml"))
        if not fetched.ok or fetched.body is None:
            if page_url == start and fetched.status in (404, 410):
                out.served = False
            else:
                out.errors.append(f"{name}: {page_url} unavailable: {fetched.error}")
            return out
        out.pages += 1
        found, items, next_url = read_links(fetched.body, fetched.final_url, fetched.charset)
        _add(out, found)
        fresh = 0
        for item in items:
            if item in seen:
                continue
            seen.add(item)
            got = client.fetch(item, expect=("html", "xml"))
            if not got.ok or got.body is None:
                out.errors.append(f"{name}: {item} unavailable: {got.error}")
                continue
            fresh += int(not got.not_modified)
            _add(out, read_links(got.body, got.final_url, got.charset)[0])
        if items and not fresh and next_url:
            out.stopped = f"stopped at known items (page {out.pages})"
            break
        page_url = next_url
    return out


def _add(out: SourceResult, found: list[str]) -> None:
    out.urls += [u for u in found if u not in out.urls]
