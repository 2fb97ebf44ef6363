"""SiteUrls: real hosts mapped onto a replica site, ids and canonical URLs."""
from __future__ import annotations

import pytest

from crawler.urls import DEFAULT_SITE, REAL_HOSTS, SiteUrls

SITE = "http://127.0.0.1:8765"
PAGE = f"{SITE}/publications/some-report/"


@pytest.fixture
def urls() -> SiteUrls:
    return SiteUrls(SITE)


@pytest.mark.parametrize("href, expected", [
    ("https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/x.pdf", f"{SITE}/uploads/x.pdf"),
    ("https://hmicfrs.justiceinspectorates.gov.uk/publication-html/y/", f"{SITE}/publication-html/y/"),
    ("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/z/", f"{SITE}/publications/z/"),
    ("http://www.justiceinspectorates.gov.uk/hmicfrs/wp-content/uploads/a.pdf",
     f"{SITE}/wp-content/uploads/a.pdf"),
    ("https://s3-eu-west-2.amazonaws.com/assets-hmicfrs.justiceinspectorates.gov.uk/uploads/b.pdf",
     f"{SITE}/uploads/b.pdf"),
    ("/uploads/c.pdf", f"{SITE}/uploads/c.pdf"),
    ("../other/", f"{SITE}/publications/other/"),
    ("page/2/?a=1#top", f"{PAGE}page/2/?a=1"),
    (f"{SITE}/publications/q/#section", f"{SITE}/publications/q/"),
])
def test_resolve_maps_real_hosts_onto_the_site(urls: SiteUrls, href: str, expected: str) -> None:
    assert urls.resolve(href, PAGE) == expected


@pytest.mark.parametrize("href", [
    "mailto:someone@example.org", "javascript:void(0)", "#main", "", "   ", "tel:123",
    "https://example.org/publications/x/", "https://www.justiceinspectorates.gov.uk/hmiprisons/x/",
    "https://s3-eu-west-2.amazonaws.com/other-bucket/x.pdf", "ftp://127.0.0.1:8765/x",
])
def test_resolve_refuses_what_is_not_followable(urls: SiteUrls, href: str) -> None:
    assert urls.resolve(href, PAGE) is None


def test_real_hosts_are_kept_when_site_is_the_real_one() -> None:
    urls = SiteUrls()
    asset = "https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/x.pdf"
    assert urls.site == DEFAULT_SITE
    assert urls.resolve(asset, DEFAULT_SITE + "/publications/a/") == asset
    assert urls.resolve("/publications/b/", asset) == DEFAULT_SITE + "/publications/b/"
    assert "assets-hmicfrs.justiceinspectorates.gov.uk" in REAL_HOSTS


def test_allowlist(urls: SiteUrls) -> None:
    assert urls.is_allowed(f"{SITE}/anything")
    assert urls.is_allowed("https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/x.pdf")
    assert not urls.is_allowed("http://127.0.0.1:9999/other-port")
    assert not urls.is_allowed("https://evil.example/x")
    assert SiteUrls(SITE, extra_hosts=("mirror.example",)).is_allowed("https://mirror.example/x")
    assert SiteUrls(SITE, extra_hosts=("mirror.example",)).resolve(
        "https://mirror.example/x.pdf", PAGE) == "https://mirror.example/x.pdf"


def test_publication_id_is_host_independent(urls: SiteUrls) -> None:
    ids = {urls.publication_id(u) for u in (
        f"{SITE}/publications/my-report/",
        "https://hmicfrs.justiceinspectorates.gov.uk/publications/my-report/",
        "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/my-report",
    )}
    assert ids == {"my-report"}
    for not_landing in (f"{SITE}/publications/", f"{SITE}/publications/page/2/",
                        f"{SITE}/publication-html/my-report/", f"{SITE}/publications/a/b/",
                        "https://example.org/publications/x/"):
        assert urls.publication_id(not_landing) is None


def test_canonical_uses_the_public_host(urls: SiteUrls) -> None:
    public = "https://hmicfrs.justiceinspectorates.gov.uk"
    assert urls.canonical(f"{SITE}/publications/a/") == f"{public}/publications/a/"
    assert urls.canonical(
        "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/a/") == f"{public}/publications/a/"
    assert urls.canonical(f"{SITE}/uploads/x.pdf?v=2") == f"{public}/uploads/x.pdf?v=2"


def test_listing_urls_and_prefixed_site() -> None:
    assert SiteUrls(SITE).listing_url() == f"{SITE}/publications/"
    assert SiteUrls(SITE + "/").listing_url(3) == f"{SITE}/publications/page/3/"
    prefixed = SiteUrls(SITE + "/mirror")
    assert prefixed.listing_url(2) == f"{SITE}/mirror/publications/page/2/"
    assert prefixed.resolve("/publications/a/", f"{SITE}/mirror/publications/") == \
        f"{SITE}/mirror/publications/a/"
    assert prefixed.publication_id(f"{SITE}/mirror/publications/a/") == "a"
    with pytest.raises(ValueError):
        SiteUrls("not a url")
