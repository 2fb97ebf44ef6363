"""Crawl benchmark: a first run and a no-change run against the in-process site replica.

Each run fetches every listing page, every landing page and every document a landing
page links to (HTML report versions, PEEL pages, PDFs) once. The second run uses a
fresh client that reuses the first run's validators and raw archive, so it should make
only conditional requests and get 304s.

Run from the project root:
    /work/venv/bin/python bench/bench_crawl.py [--latency 0.0] [--rate 0] [--out bench/results/crawl.json]
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.archive import RawArchive  # noqa: E402
from flows.steps import listing_reader  # noqa: E402
from crawler.discover import discover  # noqa: E402
from crawler.http import PoliteClient  # noqa: E402
from crawler.responses import FetchLogEntry  # noqa: E402
from crawler.validators import MemoryValidatorStore  # noqa: E402
from crawler.urls import SiteUrls  # noqa: E402
from extractors.html.text import decode_html  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_site  # noqa: E402

DOCUMENT_SHAPES = ("/publication-html/", "/peel-reports/", "/frs-assessment/")


def document_links(body: bytes, base_url: str, urls: SiteUrls, charset: str | None) -> list[str]:
    """Report files a landing page links to (PDFs, HTML versions, PEEL pages)."""
    root = lxml.html.document_fromstring(decode_html(body, charset))
    found: list[str] = []
    for anchor in root.iter("a"):
        url = urls.resolve(anchor.get("href") or "", base_url)
        if not url or urls.publication_id(url) or url in found:
            continue
        path = (urls.site_path(url) or "").lower()
        if path.endswith(".pdf") or any(path.startswith(shape) for shape in DOCUMENT_SHAPES):
            found.append(url)
    return found


def crawl(server: ReplicaServer, archive: RawArchive, validators: MemoryValidatorStore,
          rate: float) -> dict[str, Any]:
    """One run; returns what the server saw and what the client logged."""
    urls = SiteUrls(server.url)
    log: list[FetchLogEntry] = []
    seen_before = len(server.requests)
    started = time.perf_counter()
    failures: list[str] = []
    with PoliteClient(urls, archive, validators, log.append, rate_per_second=rate,
                      backoff_base=0.05, max_retry_after=2.0, timeout=10.0) as client:
        found = discover(client, urls, set(),
             read_listing=listing_reader(urls))
        documents: list[str] = []
        for item in found.items:
            page = client.fetch(item.url, expect=("html",))
            if not page.ok or page.body is None:
                failures.append(f"{item.url}: {page.error}")
                continue
            for link in document_links(page.body, page.final_url, urls, page.charset):
                if link not in documents:
                    documents.append(link)
        for link in documents:
            result = client.fetch(link)
            if not result.ok:
                failures.append(f"{link}: {result.error}")
    wall = time.perf_counter() - started
    requests = server.requests[seen_before:]
    return {
        "wall_seconds": round(wall, 3),
        "listing_pages": found.pages_fetched,
        "publications": len(found.items),
        "documents": len(documents),
        "requests": len(requests),
        "bytes_sent": sum(r.bytes_sent for r in requests),
        "status_304": sum(1 for r in requests if r.status == 304),
        "status_200": sum(1 for r in requests if r.status == 200),
        "conditional_requests": sum(1 for r in requests if _conditional(r.headers)),
        "client_log_entries": len(log),
        "failures": failures,
    }


def _conditional(headers: Any) -> bool:
    keys = {str(k).lower() for k in (headers.keys() if hasattr(headers, "keys") else headers)}
    return bool(keys & {"if-none-match", "if-modified-since"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.0, help="server latency per request (s)")
    parser.add_argument("--rate", type=float, default=0.0,
                        help="client requests per second per host (0 = no cap)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "crawl.json")
    args = parser.parse_args()
    site = build_site()
    validators = MemoryValidatorStore()
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site, latency=args.latency) as server:
        archive = RawArchive(Path(tmp) / "raw")
        first = crawl(server, archive, validators, args.rate)
        second = crawl(server, archive, validators, args.rate)
    expected = {d.path for p in site.truth.crawlable() for d in p.documents}
    report = {
        "documents_on_crawlable_landing_pages": len(expected),
        "command": "python bench/bench_crawl.py " + " ".join(sys.argv[1:]),
        "latency_seconds": args.latency, "rate_per_second": args.rate,
        "python": platform.python_version(), "machine": platform.machine(),
        "first_run": first, "no_change_run": second,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, run in (("first run", first), ("no-change run", second)):
        print(f"{name:>14}: {run['requests']} requests, {run['bytes_sent']} bytes, "
              f"{run['status_304']} x 304, {run['conditional_requests']} conditional, "
              f"{run['wall_seconds']} s wall ({run['listing_pages']} listing pages, "
              f"{run['publications']} publications, {run['documents']} documents, "
              f"{len(run['failures'])} failures)")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
