"""Scale benchmark: the cost of a run as the archive grows (generated replica sites).

    python bench/bench_scale.py                        # 100, 1,000 and 5,000 (~6-7 min)
    python bench/bench_scale.py --sizes 100 1000       # ~2 min
    python bench/bench_scale.py --time-first-up-to 5000   # time every first run (~12 min)

For each size: a first run into an empty SQLite store, then no-change nightly runs with
the same as-of date (fastest and median of ``--repeat``), then one no-change run on the
next day (a real nightly: the Section 55 clock moves on). Each run's wall time, SQL
statements (every statement any engine executes, counted by a global SQLAlchemy
``before_cursor_execute`` listener), time and statements per step, requests (304s,
bytes, by kind) and own work: wall time less the waits on the network, and own CPU: the
fetching thread's CPU time outside its requests (steadier on a shared machine). The target
(issue 18): a no-change night makes only conditional requests, and its own work stays
under 2 s and flat from 1,000 to 5,000 publications (requests grow by design: the whole
listing and the rolling slice of archive / revalidate_days).

First runs above ``--time-first-up-to`` publications only seed the store: they run with
`reference.forces.match_forces` memoised (a pure function, so same rows and the same SQL
statements, counted and reported) but their time is not the product's and is marked so.
Writes bench/results/scale.json.
"""
from __future__ import annotations

import argparse
import copy
import gc
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (AS_OF, Profiler, bench_settings, median, new_requests,  # noqa: E402
                    request_summary, table, write_results)

import extractors.pages.landing as publication_page  # noqa: E402
from crawler.http import PoliteClient  # noqa: E402
from flows.pipeline import run_pipeline  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_scale_site  # noqa: E402

FLAT_TIME_RATIO = 2.0  # no-change own time at the largest size / at 1,000, to call it flat
OWN_SECONDS_TARGET = 2.0  # a no-change night's own work (issue 18)


@contextmanager
def memoised_force_matching() -> Iterator[None]:
    """Seed faster: cache match_forces by its text (it does no I/O; results are copied)."""
    original = publication_page.match_forces
    cached = lru_cache(maxsize=None)(original)
    publication_page.match_forces = lambda text: copy.deepcopy(cached(text))  # type: ignore[assignment]
    try:
        yield
    finally:
        publication_page.match_forces = original  # type: ignore[assignment]


@contextmanager
def network_clock() -> Iterator[list[float]]:
    """Seconds spent waiting on the network: every `PoliteClient` request (all its tries,
    request sent to body read; the replica answers in this process, so its work counts as
    the network's). The run's own work is its wall time less this: the crawler fetches on
    one thread, so the waits do not overlap one another. The second figure is the CPU
    time the calling thread spent inside those requests (httpx's own work)."""
    waited = [0.0, 0.0]
    original = PoliteClient._with_retries

    def timed(self: PoliteClient, *args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - started
            waited[1] += time.thread_time() - cpu

    PoliteClient._with_retries = timed  # type: ignore[method-assign]
    try:
        yield waited
    finally:
        PoliteClient._with_retries = original  # type: ignore[method-assign]


@contextmanager
def fresh_heap() -> Iterator[None]:
    """Run as a nightly process would: with none of the benchmark's garbage to collect and
    its live objects (the replica site, the server's request log, earlier runs) out of the
    collector's way (`gc.freeze`). Without it, a full collection of the benchmark's own heap
    (~0.4 s after a 5,000-publication seed) lands in whichever step of the next run
    allocates at the wrong moment: the "clock" step's 0.44 s of session 5, the discover
    step's in another run."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def one_run(server: ReplicaServer, data_dir: Path, as_of: Any) -> dict[str, Any]:
    """A nightly run with the direct runner: profile, own time, counts, requests."""
    settings = bench_settings(server.url, data_dir, as_of=as_of)
    profiler = Profiler()
    before = len(server.requests)
    with fresh_heap(), network_clock() as waited, profiler.measure() as profile:
        cpu = time.thread_time()
        report = run_pipeline(settings, command="run", runner=profiler.runner)
        cpu = time.thread_time() - cpu - waited[1]
    records = new_requests(server, before)
    s = report.summary
    summary = request_summary(records, server.site)
    summary["unconditional"] = len(summary["unconditional"])
    return {"profile": profile.as_dict(), "network_wait_seconds": round(waited[0], 3),
            "own_seconds": round(max(0.0, profile.seconds - waited[0]), 3),
            "own_cpu_seconds": round(cpu, 3), "new": s.new, "changed": s.changed,
            "unchanged": s.unchanged, "quarantined": s.quarantined, "failed": s.failed,
            "server": summary}


def measure_size(size: int, timed_first: bool, repeat: int) -> dict[str, Any]:
    """First run, no-change runs (same day, next day) on one generated archive."""
    started = time.perf_counter()
    site = build_scale_site(size)
    out: dict[str, Any] = {"publications": size, "site_build_seconds":
                           round(time.perf_counter() - started, 3), "first_run_timed": timed_first}
    scratch = Path(tempfile.mkdtemp(prefix=f"hmicfrs-bench-scale-{size}-"))
    try:
        with ReplicaServer(site) as server:
            if timed_first:
                first = one_run(server, scratch, AS_OF)
            else:
                with memoised_force_matching():
                    first = one_run(server, scratch, AS_OF)
            out["first_run"] = first
            loaded = max(1, first["new"])
            out["queries_per_publication_loaded"] = round(first["profile"]["queries"] / loaded, 2)
            out["load_step_queries_per_publication"] = round(
                first["profile"]["step_queries"].get("validate-load", 0) / loaded, 2)
            nights = [one_run(server, scratch, AS_OF) for _ in range(repeat)]
            out["no_change"] = nights[0]
            out["no_change_seconds_all"] = [n["profile"]["seconds"] for n in nights]
            out["no_change_seconds_median"] = median(out["no_change_seconds_all"])
            out["no_change_seconds_min"] = min(out["no_change_seconds_all"])
            out["no_change_own_seconds_all"] = [n["own_seconds"] for n in nights]
            out["no_change_own_seconds_median"] = median(out["no_change_own_seconds_all"])
            out["no_change_own_seconds_min"] = min(out["no_change_own_seconds_all"])
            out["no_change_own_cpu_seconds_min"] = min(n["own_cpu_seconds"] for n in nights)
            out["next_day"] = one_run(server, scratch, AS_OF + timedelta(days=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def verdict(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    """The nightly target (issue 18): a no-change night makes only conditional requests
    (no download), and its own work (wall time less the waits on the network) stays under
    OWN_SECONDS_TARGET and flat (within FLAT_TIME_RATIO) from the smallest size of at
    least 1,000 publications to the largest.

    Requests and SQL statements grow with the archive by design (the whole listing and the
    rolling slice, archive / revalidate_days), so they are reported, not required equal.
    Times are the fastest of the repeated runs: on a shared machine the minimum is the
    least disturbed estimate of what the run itself costs.
    """
    base = next((s for s in sizes if s["publications"] >= 1000), sizes[0])
    large = sizes[-1]
    own_ratio = large["no_change_own_seconds_min"] / max(base["no_change_own_seconds_min"], 1e-6)
    nights = [s[k] for s in sizes for k in ("no_change", "next_day")]
    return {
        "archive_ratio": large["publications"] / base["publications"],
        "no_change_own_seconds_min": [s["no_change_own_seconds_min"] for s in sizes],
        "no_change_own_time_ratio": round(own_ratio, 2),
        "no_change_own_cpu_seconds_min": [s["no_change_own_cpu_seconds_min"] for s in sizes],
        "no_change_queries": [s["no_change"]["profile"]["queries"] for s in sizes],
        "no_change_requests": [s["no_change"]["server"]["requests"] for s in sizes],
        "next_day_own_seconds": [s["next_day"]["own_seconds"] for s in sizes],
        "next_day_requests": [s["next_day"]["server"]["requests"] for s in sizes],
        "target_met": {
            "only_conditional_requests": all(
                n["server"]["unconditional"] == 0 and n["server"]["status_200"] == 0
                for n in nights),
            "own_under_target": all(s["no_change_own_seconds_min"] < OWN_SECONDS_TARGET
                                    and s["next_day"]["own_seconds"] < OWN_SECONDS_TARGET
                                    for s in sizes),
            "own_flat": own_ratio <= FLAT_TIME_RATIO,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--time-first-up-to", type=int, default=1000,
                        help="time first runs up to this size; larger ones only seed")
    parser.add_argument("--repeat", type=int, default=5, help="no-change runs per size")
    args = parser.parse_args()
    sizes: list[dict[str, Any]] = []
    for size in sorted(args.sizes):
        print(f"{size} publications ...", flush=True)
        sizes.append(measure_size(size, size <= args.time_first_up_to, args.repeat))
        print_size(sizes[-1])
    results = {"as_of": AS_OF.isoformat(), "flat_time_ratio": FLAT_TIME_RATIO,
               "own_seconds_target": OWN_SECONDS_TARGET,
               "sizes": sizes, "verdict": verdict(sizes)}
    path = write_results("scale", results)
    rows = [[s["publications"],
             f"{s['first_run']['profile']['seconds']}" + ("" if s["first_run_timed"] else " (seed)"),
             s["first_run"]["profile"]["queries"], s["queries_per_publication_loaded"],
             s["first_run"]["server"]["requests"], s["no_change_seconds_min"],
             s["no_change_own_seconds_min"], s["no_change"]["profile"]["queries"],
             s["no_change"]["server"]["requests"], s["no_change"]["server"]["status_304"],
             s["no_change"]["server"]["bytes"], s["next_day"]["own_seconds"],
             s["next_day"]["server"]["requests"]]
            for s in sizes]
    print(table(["pubs", "first s", "first SQL", "SQL/pub", "first req", "no-change min s",
                 "own min s", "SQL", "req", "304", "bytes", "next-day own s", "next-day req"],
                rows))
    print(f"verdict: {results['verdict']}")
    print(f"written to {path}")


def print_size(s: dict[str, Any]) -> None:
    """One size's figures as they come."""
    f, n, d = s["first_run"], s["no_change"], s["next_day"]
    print(f"  first run{'' if s['first_run_timed'] else ' (seed, time not comparable)'}: "
          f"{f['profile']['seconds']} s, {f['profile']['queries']} SQL "
          f"({s['queries_per_publication_loaded']}/publication), {f['server']['requests']} "
          f"requests, new {f['new']}, quarantined {f['quarantined']}")
    print(f"    steps s: {f['profile']['step_seconds']}")
    print(f"  no-change: {s['no_change_seconds_min']} s min, {s['no_change_seconds_median']} s "
          f"median of {len(s['no_change_seconds_all'])}, {n['profile']['queries']} SQL, "
          f"{n['server']['requests']} requests ({n['server']['status_304']} 304s, "
          f"{n['server']['bytes']} bytes, by kind {n['server']['requests_by_kind']}), "
          f"{n['server']['document_downloads']} downloads; own work "
          f"{s['no_change_own_seconds_min']} s min ({n['network_wait_seconds']} s network), "
          f"own CPU {s['no_change_own_cpu_seconds_min']} s min")
    print(f"    steps s: {n['profile']['step_seconds']}")
    print(f"  next day: {d['profile']['seconds']} s, own {d['own_seconds']} s, "
          f"{d['server']['requests']} requests, {d['profile']['queries']} SQL "
          f"{d['profile']['step_queries']}", flush=True)


if __name__ == "__main__":
    main()
