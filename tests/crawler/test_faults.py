"""PoliteClient against the replica's injected faults: retry, give up, refuse."""
from __future__ import annotations

import hashlib

import pytest

from tests.crawler.conftest import Crawl
from tests.replica.server import Fault


def _paths(crawl: Crawl) -> tuple[str, str]:
    """The reference publication's landing page and English PDF paths."""
    ref = crawl.server.site.truth.reference
    pdf = next(d.path for d in ref.documents if d.kind == "pdf" and d.language == "en")
    return ref.path, pdf


def test_503_with_retry_after_then_success(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("status", status=503, retry_after=1, times=2))
    result = crawl.client().fetch(crawl.url(landing))
    assert result.ok and result.status == 200 and result.attempts == 3
    assert [r.status for r in crawl.seen(landing, 3)] == [503, 503, 200]
    assert [(e.status, e.attempt) for e in crawl.logged(landing)] == [(503, 1), (503, 2), (200, 3)]
    assert crawl.archive.get(result.sha256 or "") == result.body


def test_429_is_retried(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("status", status=429, retry_after=2, times=1))
    result = crawl.client().fetch(crawl.url(landing))
    assert result.ok and [r.status for r in crawl.seen(landing, 2)] == [429, 200]


def test_timeout_then_success(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("timeout", seconds=2.0, times=1))
    result = crawl.client(timeout=0.5).fetch(crawl.url(landing))
    assert result.ok and result.attempts == 2
    first = crawl.logged(landing)[0]
    assert first.status is None and first.error and "timeout" in first.error


def test_connection_reset_then_success(crawl: Crawl) -> None:
    _, pdf = _paths(crawl)
    crawl.server.add_fault(pdf, Fault("reset", times=1))
    result = crawl.client().fetch(crawl.url(pdf), expect=("pdf",))
    assert result.ok and result.body and result.body.startswith(b"%PDF")
    assert [r.status for r in crawl.seen(pdf, 2)] == [0, 200]
    assert "connection error" in (crawl.logged(pdf)[0].error or "")


def test_permanent_500_gives_up_after_max_tries(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("status", status=500))
    result = crawl.client(max_tries=4).fetch(crawl.url(landing))
    assert not result.ok and result.status == 500 and result.body is None
    assert result.error == "gave up after 4 tries: HTTP 500"
    assert len(crawl.seen(landing, 4)) == 4
    assert [e.attempt for e in crawl.logged(landing)] == [1, 2, 3, 4]
    assert crawl.validators.get(crawl.urls.canonical(crawl.url(landing))) is None


def test_404_is_not_retried(crawl: Crawl) -> None:
    result = crawl.client().fetch(crawl.url("/publications/no-such-report/"))
    assert not result.ok and result.status == 404 and result.error == "HTTP 404"
    assert len(crawl.seen("/publications/no-such-report/")) == 1


def test_redirect_to_foreign_host_is_refused(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("redirect", location="https://evil.example.com/x"))
    result = crawl.client().fetch(crawl.url(landing))
    assert not result.ok
    assert result.error == "refused redirect to foreign host evil.example.com"
    assert len(crawl.seen(landing)) == 1  # a refusal is not retried


def test_redirect_to_a_real_host_is_followed_on_the_site(crawl: Crawl) -> None:
    landing, pdf = _paths(crawl)
    crawl.server.add_fault("/old-link.pdf", Fault(
        "redirect", location="https://assets-hmicfrs.justiceinspectorates.gov.uk" + pdf))
    result = crawl.client().fetch(crawl.url("/old-link.pdf"), expect=("pdf",))
    assert result.ok and result.final_url == crawl.url(pdf)
    assert [r.status for r in crawl.seen("/old-link.pdf")] == [302]


def test_redirect_into_a_disallowed_path_is_refused(crawl: Crawl) -> None:
    crawl.server.add_fault("/moved/", Fault("redirect", location="/wp-admin/secret/"))
    result = crawl.client().fetch(crawl.url("/moved/"))
    assert not result.ok and "robots.txt" in (result.error or "")
    assert crawl.server.requests_to("/wp-admin/") == []


def test_oversize_response_is_refused(crawl: Crawl) -> None:
    _, pdf = _paths(crawl)
    crawl.server.add_fault(pdf, Fault("oversize", size=3_000_000))
    result = crawl.client(max_bytes=1_000_000).fetch(crawl.url(pdf))
    assert not result.ok and result.error == "response larger than 1000000 bytes"
    assert len(crawl.seen(pdf)) == 1
    entry = crawl.logged(pdf)[0]
    assert 1_000_000 < entry.bytes < 3_000_000  # stopped reading early


def test_wrong_content_type_is_refused(crawl: Crawl) -> None:
    landing, pdf = _paths(crawl)
    crawl.server.add_fault(landing, Fault("content_type", content_type="application/zip"))
    result = crawl.client().fetch(crawl.url(landing))
    assert not result.ok
    assert result.error == "unexpected content type application/zip (expected html or pdf)"
    pdf_result = crawl.client().fetch(crawl.url(pdf), expect=("html",))
    assert not pdf_result.ok and "application/pdf" in (pdf_result.error or "")


def test_pdf_served_as_octet_stream_is_accepted_by_its_magic(crawl: Crawl) -> None:
    landing, pdf = _paths(crawl)
    crawl.server.add_fault(pdf, Fault("content_type", content_type="application/octet-stream"))
    crawl.server.add_fault(landing, Fault("content_type", content_type="application/octet-stream"))
    client = crawl.client()
    assert client.fetch(crawl.url(pdf), expect=("pdf",)).ok
    assert not client.fetch(crawl.url(landing), expect=("pdf",)).ok


def test_truncated_pdf_is_retried_then_reported(crawl: Crawl) -> None:
    """Decision: a short body is an error (retried), never a stored document."""
    _, pdf = _paths(crawl)
    crawl.server.add_fault(pdf, Fault("truncate", times=1))
    good = crawl.client().fetch(crawl.url(pdf), expect=("pdf",))
    whole = crawl.server.site.get(pdf)
    assert whole is not None and good.ok and good.body == whole.body
    assert good.sha256 == hashlib.sha256(whole.body).hexdigest()
    crawl.server.add_fault(pdf, Fault("truncate"))
    bad = crawl.client().fetch(crawl.url(pdf), expect=("pdf",), conditional=False)
    assert not bad.ok and bad.body is None
    assert bad.error and bad.error.startswith("gave up after 3 tries:")


def test_pdf_broken_at_the_source_is_kept_with_a_warning(crawl: Crawl) -> None:
    """Whole by its Content-Length but no %%EOF: archived once, flagged, not retried."""
    _, pdf = _paths(crawl)
    whole = crawl.server.site.get(pdf)
    assert whole is not None
    cut = whole.body[: len(whole.body) // 2]
    crawl.server.site.put("/uploads/cut.pdf", cut, "application/pdf")
    result = crawl.client().fetch(crawl.url("/uploads/cut.pdf"), expect=("pdf",))
    assert result.ok and result.body == cut and crawl.archive.has(result.sha256 or "")
    assert result.warning and "no %%EOF trailer" in result.warning
    assert len(crawl.seen("/uploads/cut.pdf")) == 1
    again = crawl.client().fetch(crawl.url("/uploads/cut.pdf"), expect=("pdf",))
    assert again.not_modified and again.body == cut


def test_legacy_encoding_keeps_bytes_and_charset(crawl: Crawl) -> None:
    landing, _ = _paths(crawl)
    crawl.server.add_fault(landing, Fault("encoding"))
    result = crawl.client().fetch(crawl.url(landing))
    assert result.ok and result.charset == "windows-1252"
    assert result.body is not None
    text = result.body.decode("windows-1252")
    assert "How effectively do the police record crime?" in text
    with pytest.raises(UnicodeDecodeError):
        (result.body + b"\x92").decode("utf-8")


def test_foreign_url_is_never_requested(crawl: Crawl) -> None:
    result = crawl.client().fetch("https://evil.example.com/publications/x/")
    assert not result.ok and result.error == "refused foreign host evil.example.com"
    assert crawl.log == []
