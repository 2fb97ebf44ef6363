"""What only the GOV.UK/Drupal-like replica (tests/replica_govuk) needs checking: listings
of cards paged by ``?page=N`` and tables with numbered links only."""
from __future__ import annotations

from typing import Any

import pytest

from crawler.urls import SiteUrls
from extractors.pages.listing import parse_listing
from tests.replica_govuk import pages
from tests.site_checks import url_path
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, LOCAL, walk_listing

REPLICA = BY_NAME["govuk"]
SITE, TRUTH = REPLICA.site, REPLICA.truth


@pytest.fixture
def pipeline(pipelines: Pipelines) -> dict[str, Any]:
    return pipelines["govuk"]


def test_the_third_query_page_was_requested(pipeline: dict) -> None:
    seen = {r.path for r in pipeline["server"].requests if r.path.startswith("/publications/")}
    assert any("page%3D3" in p or "page=3" in p for p in seen), sorted(seen)


def test_listing_cards_with_query_paging() -> None:
    for n, chunk, items in walk_listing(REPLICA):
        assert [url_path(i.url) for i in items] == [p.path for p in chunk], n
        assert [i.published_on for i in items] == [p.published_on for p in chunk], n


def test_listing_table_with_numbered_links_only() -> None:
    urls = SiteUrls(LOCAL)
    pubs = REPLICA.publications()
    html = pages.table_listing(pubs[:5], 1, 3).encode()
    items, next_url = parse_listing(html, LOCAL + "/publications/", urls)
    assert [url_path(i.url) for i in items] == [p.path for p in pubs[:5]]
    assert next_url == LOCAL + "/publications/page/2/"
    html = pages.table_listing(pubs[10:], 3, 3).encode()
    items, next_url = parse_listing(html, LOCAL + "/publications/page/3/", urls)
    assert [url_path(i.url) for i in items] == [p.path for p in pubs[10:]]
    assert next_url is None
