"""Discovery over the replica listing: all pages, incremental stop, loud failures."""
from __future__ import annotations

import pytest

from crawler.discover import DiscoveryError, discover
from crawler.urls import SiteUrls
from extractors.pages.listing import parse_listing
from flows.steps import listing_reader
from tests.crawler.conftest import Crawl
from tests.replica.server import Fault
from tests.replica.site import Site


def test_full_discovery_finds_every_publication_on_every_page(crawl: Crawl) -> None:
    truth = crawl.server.site.truth
    found = discover(crawl.client(), crawl.urls, set(),
                     read_listing=listing_reader(crawl.urls))
    ids = [i.publication_id for i in found.items]
    assert sorted(ids) == sorted(truth.publications) and len(ids) == len(set(ids))
    assert found.pages_fetched == len(truth.listing_pages) and found.complete
    assert found.listing_urls == [crawl.url(p) for p in truth.listing_pages]
    assert found.errors == []
    for item in found.items:
        pub = truth.publication(item.publication_id)
        assert item.url == crawl.url(pub.path)  # real-host links mapped onto the replica
        assert item.title and item.title.strip() == pub.title.strip()
    reference = next(i for i in found.items if i.publication_id == truth.reference_slug)
    assert reference.published_on == truth.reference.published_on


def test_every_run_walks_the_whole_listing_with_304s(crawl: Crawl) -> None:
    """Known publications do not stop the walk (a load that never committed is picked up
    again from any page); the second walk is all 304s."""
    truth = crawl.server.site.truth
    everything = discover(crawl.client(), crawl.urls, set(),
                          read_listing=listing_reader(crawl.urls)).items
    newest = {i.publication_id for i in everything[:2]}
    known = {i.publication_id for i in everything} - newest
    found = discover(crawl.client(), crawl.urls, known, read_listing=listing_reader(crawl.urls))
    assert {i.publication_id for i in found.new_items} == newest
    assert found.pages_fetched == len(truth.listing_pages) and found.complete
    assert found.pages_not_modified == len(truth.listing_pages)


def test_empty_first_listing_page_raises(crawl: Crawl) -> None:
    crawl.server.site.put("/publications/",
                          "<html><body><main><p>No publications found.</p></main></body></html>")
    with pytest.raises(DiscoveryError, match="listing empty"):
        discover(crawl.client(), crawl.urls, set(),
                     read_listing=listing_reader(crawl.urls))


def test_unavailable_first_page_raises_and_later_page_is_reported(crawl: Crawl) -> None:
    crawl.server.add_fault("/publications/", Fault("status", status=500))
    with pytest.raises(DiscoveryError, match="unavailable"):
        discover(crawl.client(), crawl.urls, set(),
                     read_listing=listing_reader(crawl.urls))
    crawl.server.clear_faults()
    page3 = crawl.server.site.truth.listing_pages[2]
    crawl.server.add_fault(page3, Fault("status", status=404))
    found = discover(crawl.client(), crawl.urls, set(),
                     read_listing=listing_reader(crawl.urls))
    later = len(crawl.server.site.truth.listing_pages) - 3
    assert found.pages_fetched == 2 + later and not found.complete  # the pages after it too
    assert found.failed_pages == [crawl.url(page3)]
    assert found.errors and "HTTP 404" in found.errors[0]


def test_listing_ignores_sidebar_and_related_widgets(replica_site: Site) -> None:
    """A listing page given a landing page's sidebar and a 'Latest' block in <main>."""
    urls = SiteUrls("http://127.0.0.1:9")
    truth = replica_site.truth
    last = truth.listing_pages[-1]
    listing = replica_site.get(last)
    landing = replica_site.get(truth.reference.path)
    assert listing is not None and landing is not None
    page, sidebar = listing.body.decode(), landing.body.decode()
    aside = sidebar[sidebar.index("<aside"):sidebar.index("</aside>") + 8]
    latest = ('<section><h2>Latest publications</h2><ul><li><a href="/publications/'
              f'{truth.reference_slug}/">{truth.reference.title}</a></li></ul></section>')
    mixed = page.replace("</main>", latest + "</main>" + aside)
    plain_items, plain_next = parse_listing(page.encode(), "http://127.0.0.1:9" + last, urls)
    items, next_url = parse_listing(mixed.encode(), "http://127.0.0.1:9" + last, urls)
    assert [i.publication_id for i in items] == [i.publication_id for i in plain_items]
    assert truth.reference_slug not in {i.publication_id for i in items}
    assert next_url is None and plain_next is None
