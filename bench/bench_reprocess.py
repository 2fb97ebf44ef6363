"""Reprocess benchmark: 200 generated publications re-extracted on 1 process, on every
core, and on a local Dask cluster (issue 18).

    python bench/bench_reprocess.py                  # ~3-4 min on 2 cores
    python bench/bench_reprocess.py --publications 50 --skip-dask

One first run loads ``--publications`` generated publications (`build_scale_site`, a small
PDF each, one in three with an HTML version) into an empty SQLite store; then each way of
reprocessing runs on its own copy of that data directory, so every one starts from the
same store: ``workers=1`` (in this process), ``workers=N`` (local processes, N = the cores
this process may use) and, when `distributed` is installed, ``dask="local"`` (a local
cluster of N single-threaded worker processes, its start-up included). Prints each time
and CPU seconds (this process, its worker processes: cores obtained = CPU / wall),
the speed-ups over one worker as ratios, whether every copy's tables are identical, and
the load average before and after (the figures are only comparable on a quiet machine).
Writes bench/results/reprocess.json.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_settings, table, write_results  # noqa: E402

from flows.fanout import cores  # noqa: E402
from flows.pipeline import run_pipeline  # noqa: E402
from tests.flows.helpers import snapshot  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_scale_site  # noqa: E402


def reprocess(seeded: Path, into: Path, site: str, **fanout: Any) -> dict[str, Any]:
    """One reprocess on a fresh copy of the seeded data directory."""
    shutil.copytree(seeded, into)
    settings = bench_settings(site, into)
    cpu_before = _cpu()
    started = time.perf_counter()
    report = run_pipeline(settings, command="reprocess", **fanout)
    seconds = time.perf_counter() - started
    parent, children = (after - before for after, before in zip(_cpu(), cpu_before))
    s = report.summary
    return {"seconds": round(seconds, 3), "cpu_seconds_this_process": round(parent, 2),
            "cpu_seconds_workers": round(children, 2),
            "cores_obtained": round((parent + children) / seconds, 2),
            "unchanged": s.unchanged, "changed": s.changed,
            "quarantined": s.quarantined, "tables": snapshot(settings.db_url, timestamps=False)}


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended child processes (the workers)."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--publications", type=int, default=200)
    parser.add_argument("--workers", type=int, default=0, help="0: every core")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    n = args.workers or cores()
    load_before = [round(x, 2) for x in os.getloadavg()]
    scratch = Path(tempfile.mkdtemp(prefix="hmicfrs-bench-reprocess-"))
    try:
        seeded = scratch / "seeded"
        with ReplicaServer(build_scale_site(args.publications)) as server:
            started = time.perf_counter()
            first = run_pipeline(bench_settings(server.url, seeded), command="run")
            seed_seconds = round(time.perf_counter() - started, 3)
            site = server.url
        runs = {"1 worker": reprocess(seeded, scratch / "one", site, workers=1),
                f"{n} local processes": reprocess(seeded, scratch / "local", site, workers=n)}
        dask_skipped = None
        if args.skip_dask:
            dask_skipped = "--skip-dask"
        else:
            try:
                import distributed  # noqa: F401
                runs[f"local Dask cluster, {n} workers"] = reprocess(
                    seeded, scratch / "dask", site, workers=n, dask="local")
            except ImportError:
                dask_skipped = "distributed is not installed (pip install -e '.[dask]')"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    base = runs["1 worker"]
    identical = {name: r["tables"] == base["tables"] for name, r in runs.items()}
    ratios = {name: round(base["seconds"] / r["seconds"], 2) for name, r in runs.items()}
    results = {"publications": args.publications, "loaded_first": first.summary.new,
               "seed_seconds": seed_seconds, "workers": n, "cores": cores(),
               "load_average_before": load_before, "dask_skipped": dask_skipped,
               "runs": {k: {x: y for x, y in v.items() if x != "tables"} for k, v in runs.items()},
               "speed_up_over_one_worker": ratios, "tables_identical_to_one_worker": identical}
    path = write_results("reprocess", results)
    print(f"reprocess of {args.publications} publications ({first.summary.new} loaded), "
          f"{cores()} cores")
    print(table(["run", "seconds", "speed-up", "tables identical", "CPU s here",
                 "CPU s workers", "cores obtained"],
                [[k, v["seconds"], ratios[k], identical[k], v["cpu_seconds_this_process"],
                  v["cpu_seconds_workers"], v["cores_obtained"]] for k, v in runs.items()]))
    print("cores obtained = CPU seconds / wall seconds: below the worker count, the machine "
          "(other jobs), not the run, held the workers back")
    if dask_skipped:
        print(f"Dask skipped: {dask_skipped}")
    print(f"load average before {load_before}, after {[round(x, 2) for x in os.getloadavg()]}")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
