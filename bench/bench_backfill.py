"""Backfill benchmark: throughput against a slow replica under a request-rate cap.

    python bench/bench_backfill.py                       # 5 requests/s, 100 ms latency (~40 s)
    python bench/bench_backfill.py --rate 2 --extra 0    # the 23 hand-written publications only

A backfill over the whole replica (the standard 23 publications plus ``--extra`` generated
ones) into an empty store, the replica answering each request after ``--latency`` seconds
and the product capped at ``--rate`` requests per second (Settings.rate_per_second).
The cap's own ceiling is ``rate / requests per publication`` publications per second; the
target is 90% of it. The server's request log shows whether each document was fetched
exactly once. A second backfill (resume, nothing new) follows. Writes
bench/results/backfill.json.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (Profiler, bench_settings, classify, new_requests,  # noqa: E402
                    request_summary, table, write_results)

from flows.pipeline import run_pipeline  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_site  # noqa: E402

SINCE = date(1990, 1, 1)
TARGET_SHARE = 0.90


def backfill(server: ReplicaServer, data_dir: Path, rate: float) -> dict[str, Any]:
    """One backfill run: time per step, SQL, what the server saw, request log."""
    settings = bench_settings(server.url, data_dir, rate=rate)
    profiler = Profiler()
    before = len(server.requests)
    with profiler.measure() as profile:
        report = run_pipeline(settings, command="backfill", runner=profiler.runner,
                              since=SINCE)
    records = new_requests(server, before)
    s = report.summary
    return {"profile": profile.as_dict(), "records": records,
            "publications": s.new + s.changed + s.unchanged + s.quarantined + s.failed,
            "loaded": s.new + s.changed, "quarantined": s.quarantined, "failed": s.failed,
            "server": request_summary(records, server.site)}


def throughput(run: dict[str, Any], rate: float) -> dict[str, Any]:
    """Publications per minute against the cap's ceiling for the same requests."""
    seconds = run["profile"]["seconds"]
    pubs, requests = run["publications"], run["server"]["requests"]
    per_pub = requests / pubs
    achieved = pubs / seconds * 60
    ceiling = rate * 60 / per_pub
    floor = (requests - 1) / rate  # the cap's minimum time: the first request goes at once
    return {"publications": pubs, "requests": requests, "seconds": seconds,
            "requests_per_publication": round(per_pub, 3),
            "publications_per_minute": round(achieved, 2),
            "ceiling_publications_per_minute": round(ceiling, 2),
            "share_of_ceiling": round(achieved / ceiling, 3),
            "cap_minimum_seconds": round(floor, 3),
            "seconds_beyond_cap_minimum": round(seconds - floor, 3)}


def fetched_once(run: dict[str, Any], server: ReplicaServer) -> dict[str, Any]:
    """Every document requested once, none missed (by the server's log)."""
    site = server.site
    docs = Counter(r.path for r in run["records"] if classify(r.path, site) == "document")
    pages = Counter(r.path for r in run["records"] if classify(r.path, site) == "landing")
    expected = {d.path for p in site.truth.crawlable() if not p.quarantine
                for d in p.documents}
    return {"documents_requested": len(docs),
            "document_requests": sum(docs.values()),
            "documents_requested_more_than_once": {p: n for p, n in docs.items() if n > 1},
            "landing_pages_requested_more_than_once": {p: n for p, n in pages.items() if n > 1},
            "documents_expected_not_requested": sorted(expected - set(docs)),
            "each_document_once": all(n == 1 for n in docs.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=5.0, help="rate cap, requests/s")
    parser.add_argument("--latency", type=float, default=0.1, help="replica latency (s)")
    parser.add_argument("--extra", type=int, default=27,
                        help="generated publications added to the standard 23")
    args = parser.parse_args()
    site = build_site(extra_publications=args.extra)
    scratch = Path(tempfile.mkdtemp(prefix="hmicfrs-bench-backfill-"))
    try:
        with ReplicaServer(site, latency=args.latency) as server:
            first = backfill(server, scratch / "data", args.rate)
            resume = backfill(server, scratch / "data", args.rate)
            once = fetched_once(first, server)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    speed = throughput(first, args.rate)
    results = {
        "rate_per_second": args.rate, "latency_seconds": args.latency,
        "site_publications": len(site.truth.publications),
        "throughput": speed, "documents": once,
        "first_backfill": {k: v for k, v in first.items() if k != "records"},
        "resume_backfill": {k: v for k, v in resume.items() if k != "records"},
        "target_share": TARGET_SHARE,
        "target_met": {"share_of_ceiling_at_least_90pc": speed["share_of_ceiling"] >= TARGET_SHARE,
                       "each_document_fetched_once": once["each_document_once"],
                       "resume_downloads_no_document":
                           resume["server"]["document_downloads"] == 0},
    }
    path = write_results("backfill", results)
    print(f"backfill of {speed['publications']} publications, cap {args.rate}/s, "
          f"latency {args.latency} s")
    print(table(["figure", "value"], [[k, v] for k, v in speed.items()]))
    steps = first["profile"]["step_seconds"]
    print("time per step (s): " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    print(f"documents: {once['document_requests']} requests for {once['documents_requested']} "
          f"documents; repeated: {once['documents_requested_more_than_once'] or 'none'}; "
          f"expected but not requested: {once['documents_expected_not_requested'] or 'none'}")
    r = resume["server"]
    print(f"resume backfill: {resume['profile']['seconds']} s, {r['requests']} requests, "
          f"{r['status_304']} x 304, {r['document_downloads']} document downloads")
    print(f"targets: {results['target_met']}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
