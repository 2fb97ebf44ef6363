"""One time budget per download: a server that trickles bytes cannot stall the run."""
from __future__ import annotations

from tests.crawler.conftest import Crawl
from tests.replica.server import Fault


def _pdf(crawl: Crawl) -> str:
    ref = crawl.server.site.truth.reference
    return next(d.path for d in ref.documents if d.kind == "pdf" and d.language == "en")


def test_a_trickling_download_stops_at_its_budget_and_is_not_retried(crawl: Crawl) -> None:
    pdf = _pdf(crawl)
    crawl.server.add_fault(pdf, Fault("trickle", seconds=0.05, size=16))
    result = crawl.client(max_seconds=1.0, max_tries=3).fetch(crawl.url(pdf), expect=("pdf",))
    assert not result.ok and result.body is None and result.sha256 is None
    assert result.error and result.error.startswith("download over its time budget of 1 s")
    assert "bytes received" in (result.error or "")
    assert len(crawl.seen(pdf)) == 1  # the budget is spent: no second try
    assert crawl.logged(pdf)[0].bytes > 0  # it was reading, not waiting for headers
    assert not any(p.read_bytes().startswith(b"%PDF")  # robots.txt only: no partial PDF
                   for p in crawl.archive.root.glob("??/*"))


def test_retries_share_one_budget(crawl: Crawl) -> None:
    """Each try stalls past its read timeout: the tries together stay within the budget."""
    pdf = _pdf(crawl)
    crawl.server.add_fault(pdf, Fault("timeout", seconds=5.0))
    result = crawl.client(max_seconds=1.5, timeout=0.6, max_tries=10,
                          backoff_base=0.01).fetch(crawl.url(pdf), expect=("pdf",))
    assert not result.ok and "time budget of 1.5 s" in (result.error or "")
    assert 1 <= len(crawl.logged(pdf)) <= 3  # not ten tries of 0.6 s


def test_a_slow_but_steady_download_within_budget_succeeds(crawl: Crawl) -> None:
    pdf = _pdf(crawl)
    size = len(crawl.server.site.get(pdf).body)  # type: ignore[union-attr]
    crawl.server.add_fault(pdf, Fault("trickle", seconds=0.01, size=size // 5 + 1))
    result = crawl.client(max_seconds=30).fetch(crawl.url(pdf), expect=("pdf",))
    assert result.ok and result.body and len(result.body) == size
