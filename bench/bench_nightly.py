"""Nightly benchmark: a first run, then no-change nightly runs against the standard replica.

    python bench/bench_nightly.py                  # everything (~1-2 min)
    python bench/bench_nightly.py --skip-prefect   # only the in-process runs (~15 s)

Our own work is timed in-process with the direct runner (no Prefect). Prefect's share is
timed by running the real CLI (`hmicfrs run`) as a subprocess against the already-loaded
data directory: with `--engine direct` (process start and imports, no Prefect), against a
temporary `prefect server start` this script launches, and with Prefect's ephemeral
server (no PREFECT_API_URL). Prefect's share is the Prefect CLI time minus the direct CLI
time. Writes bench/results/nightly.json.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (AS_OF, Profiler, bench_settings, fetch_log_summary, median,  # noqa: E402
                    new_requests, request_summary, table, write_results)

import httpx  # noqa: E402

from flows.pipeline import run_pipeline  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import build_site  # noqa: E402

VENV_BIN = Path(sys.executable).parent
TARGET_SECONDS = 2.0


def in_process_run(server: ReplicaServer, data_dir: Path, rate: float) -> dict[str, Any]:
    """One pipeline run with the direct runner: time, queries, requests, fetch log."""
    settings = bench_settings(server.url, data_dir, rate=rate)
    profiler = Profiler()
    before = len(server.requests)
    with profiler.measure() as profile:
        report = run_pipeline(settings, command="run", runner=profiler.runner)
    requests = new_requests(server, before)
    return {"profile": profile.as_dict(), "counts": report.summary.as_counts(),
            "reported_requests": report.requests,
            "server": request_summary(requests, server.site),
            "fetch_log": fetch_log_summary(settings.db_url, report.run_id)}


# --- the CLI as a subprocess --------------------------------------------------------------

def cli_env(prefect_home: Path, api_url: str | None, rate: float) -> dict[str, str]:
    """A clean environment: no HMICFRS_* or PREFECT_* from outside, our Prefect home."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HMICFRS_", "PREFECT_"))}
    env.update({"PREFECT_HOME": str(prefect_home), "HMICFRS_RATE": str(rate),
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "HMICFRS_MAX_TRIES": "3", "HMICFRS_BACKOFF": "0.05"})
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def cli_run(server: ReplicaServer, data_dir: Path, engine: str, env: dict[str, str],
            label: str) -> dict[str, Any]:
    """`hmicfrs run` once as a subprocess; wall time and what the replica saw."""
    command = [str(VENV_BIN / "hmicfrs"), "run", "--site", server.url, "--data-dir",
               str(data_dir), "--as-of", AS_OF.isoformat(), "--engine", engine]
    before = len(server.requests)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - started
    requests = new_requests(server, before)
    summary = request_summary(requests, server.site)
    first_line = next((line for line in done.stdout.splitlines() if line.startswith("hmicfrs ")),
                      done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "")
    if done.returncode != 0:
        print(f"  {label}: exit {done.returncode}\n{done.stderr[-2000:]}", file=sys.stderr)
    return {"label": label, "engine": engine, "seconds": round(wall, 3),
            "exit_code": done.returncode, "summary_line": first_line,
            "requests": summary["requests"], "status_304": summary["status_304"],
            "document_downloads": summary["document_downloads"]}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_prefect_server(prefect_home: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """`prefect server start` in its own session; returns it, its API URL and start-up time."""
    port = free_port()
    env = cli_env(prefect_home, None, 0)
    env["PREFECT_SERVER_UI_ENABLED"] = "false"
    started = time.perf_counter()
    with open(prefect_home / "server.log", "wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen([str(VENV_BIN / "prefect"), "server", "start", "--host",
                                 "127.0.0.1", "--port", str(port), "--no-ui"],
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited: see {prefect_home / 'server.log'}")
        try:
            if httpx.get(f"{api}/health", timeout=1).status_code == 200:
                return proc, api, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    stop_prefect_server(proc)
    raise RuntimeError("prefect server did not become healthy within 120 s")


def stop_prefect_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server we started (its own process group), politely then firmly."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def prefect_runs(server: ReplicaServer, data_dir: Path, scratch: Path,
                 rate: float) -> dict[str, Any]:
    """Direct CLI, CLI against a started Prefect server, CLI with the ephemeral server."""
    out: dict[str, Any] = {}
    plain_home = scratch / "prefect-unused"
    plain_home.mkdir()
    direct = [cli_run(server, data_dir, "direct", cli_env(plain_home, None, rate),
                      f"direct #{i}") for i in (1, 2)]
    out["cli_direct"] = direct
    home = scratch / "prefect-server"
    home.mkdir()
    proc, api, startup = start_prefect_server(home)
    try:
        out["prefect_server_startup_seconds"] = round(startup, 3)
        env = cli_env(home, api, rate)
        out["cli_prefect_server"] = [cli_run(server, data_dir, "prefect", env,
                                             f"prefect server #{i}") for i in (1, 2, 3)]
    finally:
        stop_prefect_server(proc)
    home = scratch / "prefect-ephemeral"
    home.mkdir()
    env = cli_env(home, None, rate)
    out["cli_prefect_ephemeral"] = [cli_run(server, data_dir, "prefect", env,
                                            f"ephemeral #{i}") for i in (1, 2)]
    base = median([r["seconds"] for r in direct])
    steady_server = median([r["seconds"] for r in out["cli_prefect_server"][1:]])
    out["prefect_overhead_seconds"] = {
        "server_first_flow": round(out["cli_prefect_server"][0]["seconds"] - base, 3),
        "server_steady": round(steady_server - base, 3),
        "ephemeral_fresh_home": round(out["cli_prefect_ephemeral"][0]["seconds"] - base, 3),
        "ephemeral_existing_home": round(out["cli_prefect_ephemeral"][1]["seconds"] - base, 3),
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.0, help="replica latency (s)")
    parser.add_argument("--rate", type=float, default=0.0,
                        help="rate cap for the timed runs (0 = none; product default 1.0)")
    parser.add_argument("--repeat", type=int, default=5, help="no-change runs to time")
    parser.add_argument("--skip-prefect", action="store_true", help="no CLI / Prefect runs")
    args = parser.parse_args()
    site = build_site()
    scratch = Path(tempfile.mkdtemp(prefix="hmicfrs-bench-nightly-"))
    data_dir = scratch / "data"
    results: dict[str, Any] = {"as_of": AS_OF.isoformat(), "latency_seconds": args.latency,
                               "rate_per_second": args.rate}
    try:
        with ReplicaServer(site, latency=args.latency) as server:
            first = in_process_run(server, data_dir, args.rate)
            print(f"first run: {first['profile']['seconds']} s, "
                  f"{first['server']['requests']} requests, {first['server']['bytes']} bytes")
            nights = [in_process_run(server, data_dir, args.rate) for _ in range(args.repeat)]
            polite = in_process_run(server, data_dir, 1.0)
            own = median([n["profile"]["seconds"] for n in nights])
            results.update({
                "first_run": first, "no_change_run": nights[0],
                "no_change_seconds_all": [n["profile"]["seconds"] for n in nights],
                "no_change_seconds_median": own,
                "no_change_at_default_rate_1_per_second": {
                    "seconds": polite["profile"]["seconds"],
                    "requests": polite["server"]["requests"]},
                "target_own_work_seconds": TARGET_SECONDS,
                "target_met": {
                    "own_work_under_2s": own < TARGET_SECONDS,
                    "zero_document_downloads": all(
                        n["server"]["document_downloads"] == 0 for n in nights),
                    "only_conditional_requests": all(
                        not n["server"]["unconditional"] for n in nights)},
            })
            if not args.skip_prefect:
                results["cli"] = prefect_runs(server, data_dir, scratch, args.rate)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    path = write_results("nightly", results)
    report(results)
    print(f"written to {path}")


def report(results: dict[str, Any]) -> None:
    """Print the figures."""
    first, night = results["first_run"], results["no_change_run"]
    rows = []
    for name, run in (("first run", first), ("no-change run", night)):
        s = run["server"]
        rows.append([name, s["requests"], s["bytes"], s["status_304"], s["conditional"],
                     s["document_downloads"], run["profile"]["queries"],
                     run["profile"]["seconds"]])
    print(table(["run", "requests", "bytes", "304s", "conditional", "doc downloads",
                 "SQL", "seconds"], rows))
    print(f"no-change own work (direct runner, median of {len(results['no_change_seconds_all'])}):"
          f" {results['no_change_seconds_median']} s (target < {TARGET_SECONDS} s)")
    polite = results["no_change_at_default_rate_1_per_second"]
    print(f"no-change at the default cap of 1 request/s: {polite['seconds']} s "
          f"({polite['requests']} requests)")
    print(f"targets: {results['target_met']}")
    cli = results.get("cli")
    if cli:
        rows = [[r["label"], r["seconds"], r["exit_code"], r["requests"],
                 r["document_downloads"]]
                for key in ("cli_direct", "cli_prefect_server", "cli_prefect_ephemeral")
                for r in cli[key]]
        print(table(["CLI run", "seconds", "exit", "requests", "doc downloads"], rows))
        print(f"prefect server start-up: {cli['prefect_server_startup_seconds']} s; "
              f"Prefect overhead (CLI prefect - CLI direct): {cli['prefect_overhead_seconds']}")


if __name__ == "__main__":
    main()
