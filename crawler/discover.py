"""Discovery: walk the publications listing by its next links."""
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


class DiscoveryError(RuntimeError):
    """The listing could not be read at all (first page unavailable or empty)."""


@dataclass
class DiscoveryResult:
    """Publications seen on the listing, in listing order, once each."""

    items: list[Any] = field(default_factory=list)  # ListingItem-like, in listing order
    known_ids: frozenset[str] = frozenset()
    pages_fetched: int = 0
    pages_not_modified: int = 0
    listing_urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    complete: bool = False  # True when the walk reached the last listing page

    @property
    def new_items(self) -> list[Any]:
        """Items whose publication id was not in ``known_ids``."""
        return [item for item in self.items if item.publication_id not in self.known_ids]


def discover(client: PoliteClient, urls: SiteUrls, known_ids: set[str], *, full: bool,
             read_listing: ReadListing, max_pages: int = 10_000) -> DiscoveryResult:
    """Listing items, all pages (``full``) or up to the first page with nothing new.

    The crawler only fetches: ``read_listing`` (the pipeline hands each page to the
    listing page type) says what a page lists and where the next page is.

    Raises DiscoveryError when the first listing page cannot be fetched or shows no
    publications; trouble on a later page ends the walk with an entry in ``errors``.
    """
    result = DiscoveryResult(known_ids=frozenset(known_ids))
    seen_ids: set[str] = set()
    page_url: str | None = urls.listing_url(1)
    visited: set[str] = set()
    while page_url and result.pages_fetched < max_pages:
        if page_url in visited:
            result.errors.append(f"listing loops back to {page_url}")
            return result
        visited.add(page_url)
        fetched = client.fetch(page_url, expect=("html",))
        first = result.pages_fetched == 0
        if not fetched.ok or fetched.body is None:
            message = f"listing page {page_url} unavailable: {fetched.error}"
            if first:
                raise DiscoveryError(message)
            result.errors.append(message)
            return result
        result.pages_fetched += 1
        result.pages_not_modified += int(fetched.not_modified)
        result.listing_urls.append(page_url)
        items, next_url = read_listing(fetched.body, fetched.final_url, fetched.charset)
        if not items:
            if first:
                raise DiscoveryError(f"listing empty: no publications found on {page_url}")
            result.errors.append(f"listing page {page_url} shows no publications")
            return result
        for item in items:
            if item.publication_id not in seen_ids:
                seen_ids.add(item.publication_id)
                result.items.append(item)
        if not full and all(item.publication_id in known_ids for item in items):
            return result
        page_url = next_url
    result.complete = page_url is None
    if page_url is not None:
        result.errors.append(f"stopped after {max_pages} listing pages")
    return result
