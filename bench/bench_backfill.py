"""Backfill benchmark: throughput against a slow replica under a request-rate cap.

    python bench/bench_backfill.py                       # 5 then 1 request/s, 100 ms (~3 min)
    python bench/bench_backfill.py --rates 5             # 5 requests/s only (~30 s)
    python bench/bench_backfill.py --rates 2 --extra 0   # the 23 hand-written publications only

A backfill over the whole replica (the standard 23 publications plus ``--extra`` generated
ones) into an empty store, the replica answering each request after ``--latency`` seconds
and the product capped at ``--rate`` requests per second (Settings.rate_per_second).
The cap's own ceiling is ``rate / requests per publication`` publications per second; the
target is 95% of it (issue 18: the next batch is fetched while the last is extracted). The server's request log shows whether each document was fetched
exactly once. A second backfill (resume, nothing new) follows. Writes
bench/results/backfill.json.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (Profiler, bench_settings, classify, new_requests,  # noqa: E402
                    request_summary, table, write_results)

from crawler.ratelimit import HostRateLimiter  # noqa: E402
from flows.overlap import Overlap  # noqa: E402
from flows.pipeline import run_pipeline  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_site  # noqa: E402

SINCE = date(1990, 1, 1)
TARGET_SHARE = 0.95


class SlotProbe:
    """Where the wall time beyond the cap's minimum went, from the rate limiter's side:
    before the first request, after the last one's slot, and each request whose slot was
    free before the fetching thread asked for it (it was busy with our own work: reading
    a page, waiting for the loading thread, the GIL)."""

    def __init__(self) -> None:
        self.slots: list[tuple[float, float]] = []  # (free from, asked at)
        self.loader_waits: list[float] = []  # the fetching thread waiting for a load
        self._wait, self._overlap_wait = HostRateLimiter.wait, Overlap.wait

    def __enter__(self) -> "SlotProbe":
        probe = self

        def wait(limiter: HostRateLimiter, host: str) -> float:
            asked = time.monotonic()
            free = limiter._next_slot.get(host, asked)
            probe.slots.append((free, asked))
            return probe._wait(limiter, host)

        def overlap_wait(overlap: Overlap) -> None:
            started = time.monotonic()
            try:
                probe._overlap_wait(overlap)
            finally:
                probe.loader_waits.append(time.monotonic() - started)

        HostRateLimiter.wait = wait  # type: ignore[method-assign]
        Overlap.wait = overlap_wait  # type: ignore[method-assign]
        self.started = time.monotonic()
        return self

    def __exit__(self, *_: Any) -> None:
        HostRateLimiter.wait = self._wait  # type: ignore[method-assign]
        Overlap.wait = self._overlap_wait  # type: ignore[method-assign]
        self.ended = time.monotonic()

    def as_dict(self) -> dict[str, Any]:
        late = [asked - free for free, asked in self.slots[1:] if asked > free]
        return {"before_first_request_s": round(self.slots[0][1] - self.started, 3)
                if self.slots else None,
                "after_last_request_s": round(self.ended - max(self.slots[-1]), 3)
                if self.slots else None,
                "requests_asked_after_their_slot": len(late),
                "seconds_lost_asking_late": round(sum(late), 3),
                "worst_late_ms": round(max(late, default=0) * 1000, 1),
                "waiting_for_the_loading_thread_s": round(sum(self.loader_waits), 3)}


def backfill(server: ReplicaServer, data_dir: Path, rate: float) -> dict[str, Any]:
    """One backfill run: time per step, SQL, what the server saw, request log."""
    settings = bench_settings(server.url, data_dir, rate=rate)
    profiler = Profiler()
    before = len(server.requests)
    cpu = time.process_time()
    with profiler.measure() as profile, SlotProbe() as probe:
        report = run_pipeline(settings, command="backfill", runner=profiler.runner,
                              since=SINCE)
    records = new_requests(server, before)
    s = report.summary
    return {"profile": profile.as_dict(), "records": records, "slots": probe.as_dict(),
            "cpu_seconds": round(time.process_time() - cpu, 2),
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


def measure(rate: float, latency: float, extra: int) -> dict[str, Any]:
    """A first backfill and a resume at one rate cap, on a fresh replica and store."""
    site = build_site(extra_publications=extra)
    scratch = Path(tempfile.mkdtemp(prefix="hmicfrs-bench-backfill-"))
    try:
        with ReplicaServer(site, latency=latency) as server:
            first = backfill(server, scratch / "data", rate)
            resume = backfill(server, scratch / "data", rate)
            once = fetched_once(first, server)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    speed = throughput(first, rate)
    return {
        "rate_per_second": rate, "latency_seconds": latency,
        "site_publications": len(site.truth.publications),
        "throughput": speed, "documents": once,
        "first_backfill": {k: v for k, v in first.items() if k != "records"},
        "resume_backfill": {k: v for k, v in resume.items() if k != "records"},
        "target_met": {"share_of_ceiling_at_least_95pc": speed["share_of_ceiling"] >= TARGET_SHARE,
                       "each_document_fetched_once": once["each_document_once"],
                       "resume_downloads_no_document":
                           resume["server"]["document_downloads"] == 0},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", type=float, nargs="+", default=[5.0, 1.0],
                        help="rate caps, requests/s")
    parser.add_argument("--latency", type=float, default=0.1, help="replica latency (s)")
    parser.add_argument("--extra", type=int, default=27,
                        help="generated publications added to the standard 23")
    args = parser.parse_args()
    load_before = [round(x, 2) for x in os.getloadavg()]
    runs = []
    for rate in args.rates:
        runs.append(measure(rate, args.latency, args.extra))
        report(runs[-1])
    results = {"target_share": TARGET_SHARE, "load_average_before": load_before,
               "runs": runs, "share_of_ceiling": {
                   f"{r['rate_per_second']:g}/s": r["throughput"]["share_of_ceiling"]
                   for r in runs}}
    path = write_results("backfill", results)
    print(f"share of the cap's ceiling: {results['share_of_ceiling']} (target {TARGET_SHARE})")
    print(f"load average before {load_before}, after {[round(x, 2) for x in os.getloadavg()]}")
    print(f"written to {path}")


def report(run: dict[str, Any]) -> None:
    """One rate's figures."""
    speed, once, resume = run["throughput"], run["documents"], run["resume_backfill"]
    print(f"backfill of {speed['publications']} publications, cap {run['rate_per_second']}/s, "
          f"latency {run['latency_seconds']} s")
    print(table(["figure", "value"], [[k, v] for k, v in speed.items()]))
    steps = run["first_backfill"]["profile"]["step_seconds"]
    print("time per step (s, the extract and load steps overlap the fetching): "
          + ", ".join(f"{k} {v}" for k, v in steps.items()))
    print(f"the fetching thread: {run['first_backfill']['slots']}; CPU s (all threads, "
          f"the replica's included) {run['first_backfill']['cpu_seconds']}")
    print(f"documents: {once['document_requests']} requests for {once['documents_requested']} "
          f"documents; repeated: {once['documents_requested_more_than_once'] or 'none'}; "
          f"expected but not requested: {once['documents_expected_not_requested'] or 'none'}")
    r = resume["server"]
    print(f"resume backfill: {resume['profile']['seconds']} s, {r['requests']} requests, "
          f"{r['status_304']} x 304, {r['document_downloads']} document downloads")
    print(f"targets: {run['target_met']}", flush=True)


if __name__ == "__main__":
    main()
