"""Scale benchmark: the cost of a run as the archive grows (generated replica sites).

    python bench/bench_scale.py                        # 100, 1,000 and 5,000 (~6-7 min)
    python bench/bench_scale.py --sizes 100 1000       # ~2 min
    python bench/bench_scale.py --time-first-up-to 5000   # time every first run (~12 min)

For each size: a first run into an empty SQLite store, then no-change nightly runs with
the same as-of date (fastest and median of ``--repeat``), then one no-change run on the
next day (a real nightly: the Section 55 clock moves on). Each run's wall time, SQL
statements (every statement any engine executes, counted by a global SQLAlchemy
``before_cursor_execute`` listener), time and statements per step, and requests. The
target: the no-change run's time and statements stay flat as the archive grows.

First runs above ``--time-first-up-to`` publications only seed the store: they run with
`reference.forces.match_forces` memoised (a pure function, so same rows and the same SQL
statements, counted and reported) but their time is not the product's and is marked so.
Writes bench/results/scale.json.
"""
from __future__ import annotations

import argparse
import copy
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
from flows.pipeline import run_pipeline  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_scale_site  # noqa: E402

FLAT_TIME_RATIO = 2.0  # no-change time at the largest size / at the smallest, to call it flat


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


def one_run(server: ReplicaServer, data_dir: Path, as_of: Any) -> dict[str, Any]:
    """A nightly run with the direct runner: profile, counts, requests."""
    settings = bench_settings(server.url, data_dir, as_of=as_of)
    profiler = Profiler()
    before = len(server.requests)
    with profiler.measure() as profile:
        report = run_pipeline(settings, command="run", runner=profiler.runner)
    records = new_requests(server, before)
    s = report.summary
    summary = request_summary(records, server.site)
    summary.pop("unconditional")
    return {"profile": profile.as_dict(), "new": s.new, "changed": s.changed,
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
            out["next_day"] = one_run(server, scratch, AS_OF + timedelta(days=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def verdict(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    """Flat or not: statements equal, time within FLAT_TIME_RATIO, from smallest to largest.

    Time is compared on the fastest of the repeated no-change runs: on a shared machine the
    minimum is the least disturbed estimate of what the run itself costs.
    """
    small, large = sizes[0], sizes[-1]
    time_ratio = large["no_change_seconds_min"] / max(small["no_change_seconds_min"], 1e-6)
    next_ratio = (large["next_day"]["profile"]["seconds"]
                  / max(small["next_day"]["profile"]["seconds"], 1e-6))
    return {
        "archive_ratio": large["publications"] / small["publications"],
        "no_change_time_ratio": round(time_ratio, 2),
        "no_change_queries": [s["no_change"]["profile"]["queries"] for s in sizes],
        "no_change_requests": [s["no_change"]["server"]["requests"] for s in sizes],
        "next_day_time_ratio": round(next_ratio, 2),
        "next_day_queries": [s["next_day"]["profile"]["queries"] for s in sizes],
        "target_met": {
            "no_change_queries_flat": len({s["no_change"]["profile"]["queries"]
                                           for s in sizes}) == 1,
            "no_change_time_flat": time_ratio <= FLAT_TIME_RATIO,
            "next_day_queries_flat": len({s["next_day"]["profile"]["queries"]
                                          for s in sizes}) == 1,
            "next_day_time_flat": next_ratio <= FLAT_TIME_RATIO,
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
               "sizes": sizes, "verdict": verdict(sizes)}
    path = write_results("scale", results)
    rows = [[s["publications"],
             f"{s['first_run']['profile']['seconds']}" + ("" if s["first_run_timed"] else " (seed)"),
             s["first_run"]["profile"]["queries"], s["queries_per_publication_loaded"],
             s["first_run"]["server"]["requests"], s["no_change_seconds_min"],
             s["no_change_seconds_median"],
             s["no_change"]["profile"]["queries"], s["no_change"]["server"]["requests"],
             s["next_day"]["profile"]["seconds"], s["next_day"]["profile"]["queries"]]
            for s in sizes]
    print(table(["pubs", "first s", "first SQL", "SQL/pub", "first req", "no-change min s",
                 "median s", "no-change SQL", "no-change req", "next-day s", "next-day SQL"], rows))
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
          f"{n['server']['requests']} requests, {n['server']['document_downloads']} downloads")
    print(f"    steps s: {n['profile']['step_seconds']}")
    print(f"  next day: {d['profile']['seconds']} s, {d['profile']['queries']} SQL "
          f"{d['profile']['step_queries']}", flush=True)


if __name__ == "__main__":
    main()
