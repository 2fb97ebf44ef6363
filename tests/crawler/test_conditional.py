"""Revalidation: validators remembered, 304 bodies from the archive, content-hash changes."""
from __future__ import annotations

from tests.crawler.conftest import Crawl


def test_second_fetch_is_conditional_and_304_comes_from_the_archive(crawl: Crawl) -> None:
    ref = crawl.server.site.truth.reference
    pdf = next(d.path for d in ref.documents if d.kind == "pdf")
    paths = [ref.path, pdf, "/publications/"]
    first = {p: crawl.client().fetch(crawl.url(p)) for p in paths}
    assert all(r.ok and not r.not_modified and r.changed is None for r in first.values())
    fresh = crawl.client()  # a new client, same validators and archive
    for path in paths:
        again = fresh.fetch(crawl.url(path))
        assert again.ok and again.not_modified and again.status == 304
        assert again.changed is False
        assert again.body == first[path].body and again.sha256 == first[path].sha256
        assert again.content_type == first[path].content_type
        records = crawl.seen(path, 2)
        assert [r.status for r in records] == [200, 304]
        assert "if-none-match" not in records[0].headers
        assert records[1].headers["if-none-match"].startswith('"')
        assert "if-modified-since" in records[1].headers
        assert records[1].bytes_sent == 0
        assert crawl.logged(path)[-1].from_cache


def test_changed_page_is_refetched_and_both_versions_kept(crawl: Crawl) -> None:
    landing = crawl.server.site.truth.reference.path
    first = crawl.client().fetch(crawl.url(landing))
    assert first.body is not None
    crawl.server.site.put(landing, first.body.replace(b"</main>", b"<p>Corrected.</p></main>"))
    second = crawl.client().fetch(crawl.url(landing))
    assert second.ok and not second.not_modified and second.changed is True
    assert second.sha256 != first.sha256
    assert crawl.archive.get(first.sha256 or "") == first.body
    assert b"Corrected." in crawl.archive.get(second.sha256 or "")
    stored = crawl.validators.get(crawl.urls.canonical(crawl.url(landing)))
    assert stored is not None and stored.sha256 == second.sha256


def test_unchanged_bytes_without_validators_count_as_unchanged(crawl: Crawl) -> None:
    landing = crawl.server.site.truth.reference.path
    first = crawl.client().fetch(crawl.url(landing))
    again = crawl.client().fetch(crawl.url(landing), conditional=False)
    assert again.status == 200 and not again.not_modified
    assert again.changed is False and again.sha256 == first.sha256
    assert "if-none-match" not in crawl.seen(landing, 2)[1].headers


def test_no_conditional_headers_when_the_archive_lost_the_body(crawl: Crawl) -> None:
    landing = crawl.server.site.truth.reference.path
    first = crawl.client().fetch(crawl.url(landing))
    crawl.archive.path(first.sha256 or "").unlink()
    again = crawl.client().fetch(crawl.url(landing))
    assert again.ok and again.status == 200 and again.body == first.body
    assert "if-none-match" not in crawl.seen(landing, 2)[1].headers
    assert crawl.archive.has(first.sha256 or "")


def test_validators_are_keyed_by_canonical_url(crawl: Crawl) -> None:
    landing = crawl.server.site.truth.reference.path
    crawl.client().fetch(crawl.url(landing))
    key = "https://hmicfrs.justiceinspectorates.gov.uk" + landing
    stored = crawl.validators.get(key)
    assert stored is not None and stored.etag and stored.last_modified
    assert stored.content_type.startswith("text/html")
