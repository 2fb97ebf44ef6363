"""Honest exits: SIGINT / SIGTERM / kill -9 against `hmicfrs run` as a real process.

The replica holds one report PDF back (a `timeout` fault) so the run is mid-download when
the signal arrives; every case then checks the exit code, the one stderr line, the `runs`
row, and that the next clean run ends with the tables of an uninterrupted run.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.flows.helpers import rows, snapshot
from tests.flows.test_cli import hmicfrs
from tests.replica.server import Fault, ReplicaServer

AS_OF = "2025-09-01"


@pytest.fixture(scope="module")
def server(replica_site) -> Iterator[ReplicaServer]:  # type: ignore[no-untyped-def]
    """One replica for the module, so stored URLs and validators compare across runs."""
    with ReplicaServer(replica_site.copy()) as srv:
        yield srv


@pytest.fixture(scope="module")
def clean_tables(server: ReplicaServer, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The tables after one uninterrupted run."""
    data = tmp_path_factory.mktemp("clean") / "data"
    hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", AS_OF, data_dir=data)
    return snapshot(f"sqlite:///{data / 'hmicfrs.db'}", timestamps=False)


def slow_pdf(server: ReplicaServer) -> str:
    """Hold the reference report's PDF for two minutes; returns its path."""
    ref = server.site.truth.reference
    path = next(d.path for d in ref.documents if d.kind == "pdf" and d.language == "en")
    server.add_fault(path, Fault("timeout", seconds=120))
    return path


def start_run(server: ReplicaServer, data: Path, engine: str = "direct",
              env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`hmicfrs run` in the background, its own process group (the signal is ours alone)."""
    full_env = {**os.environ, "HMICFRS_DATA_DIR": str(data), "HMICFRS_RATE": "0",
                "HMICFRS_BACKOFF": "0.01", "HMICFRS_TIMEOUT": "300", **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "flows", "run", "--engine", engine,
                             "--site", server.url, "--as-of", AS_OF],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=full_env, start_new_session=True)


def wait_for_hit(server: ReplicaServer, path: str, proc: subprocess.Popen[str],
                 limit: float = 300) -> None:
    """Block until the run is waiting on the held-back PDF (or fail if it exited)."""
    deadline = time.monotonic() + limit
    while server.fault_hits(path) == 0:
        if proc.poll() is not None:
            raise AssertionError(f"run ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the run never requested the held-back PDF")
        time.sleep(0.05)


def reason_lines(err: str) -> list[str]:
    """stderr without the progress lines ("hmicfrs run: 0/23 publications")."""
    return [line for line in err.splitlines()
            if line and not re.fullmatch(r"hmicfrs \w+: \d+/\d+ publications", line)]


def signal_mid_run(server: ReplicaServer, data: Path, signum: int, engine: str = "direct",
                   env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    """Start a run, send ``signum`` while it waits on the held-back PDF; (process, stderr)."""
    path = slow_pdf(server)
    try:
        proc = start_run(server, data, engine=engine, env=env)
        wait_for_hit(server, path, proc)
        if env and "PREFECT_HOME" in env:
            assert prefect_servers(Path(env["PREFECT_HOME"])), "no temporary server was started"
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=120)
    finally:
        server.clear_faults()
    return proc, err


def db_of(data: Path) -> str:
    return f"sqlite:///{data / 'hmicfrs.db'}"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_stops_the_run_honestly(server: ReplicaServer, clean_tables, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       signum: int) -> None:
    data = tmp_path / "data"
    proc, err = signal_mid_run(server, data, signum)
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    [line] = reason_lines(err)
    assert line.startswith(f"hmicfrs: interrupted by {name}; run ") and "new 0" in line, err
    runs = rows(db_of(data), "runs")
    assert [(r["status"], r["error"]) for r in runs] == [("interrupted", f"interrupted by {name}")]
    assert runs[0]["finished_at"] is not None and runs[0]["counts"]["requests"] > 0
    logged = [r for r in rows(db_of(data), "fetch_log") if r["run_id"] == runs[0]["run_id"]]
    assert len(logged) == runs[0]["counts"]["requests"]  # the fetch log was flushed

    again = hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", AS_OF,
                    data_dir=data)
    assert "hmicfrs run completed" in again.stdout
    assert [r["status"] for r in rows(db_of(data), "runs")] == ["interrupted", "completed"]
    assert snapshot(db_of(data), timestamps=False) == clean_tables


def test_killed_run_is_marked_crashed_and_does_not_block(server: ReplicaServer, clean_tables,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc, _err = signal_mid_run(server, data, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert [r["status"] for r in rows(db_of(data), "runs")] == ["running"]
    again = hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", AS_OF,
                    data_dir=data)
    assert "hmicfrs run completed" in again.stdout
    runs = sorted(rows(db_of(data), "runs"), key=lambda r: r["started_at"])
    assert [r["status"] for r in runs] == ["crashed", "completed"]
    assert runs[0]["finished_at"] is not None and "killed" in runs[0]["error"]
    assert snapshot(db_of(data), timestamps=False) == clean_tables


def prefect_servers(home: Path) -> set[int]:
    """Live Prefect API server processes started for this Prefect home (any parent)."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if b"prefect.server.api.server:create_app" in cmdline and \
                f"PREFECT_HOME={home}".encode() in environ:
            found.add(int(entry.name))
    return found


@pytest.mark.prefect
def test_sigterm_under_prefect_stops_its_temporary_server(server: ReplicaServer,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    data = tmp_path / "data"
    home = tmp_path / "prefect-home"
    env = {"PREFECT_HOME": str(home), "PREFECT_API_URL": "",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc, err = signal_mid_run(server, data, signal.SIGTERM, engine="prefect", env=env)
    assert proc.returncode == 143, err[-3000:]
    [line] = reason_lines(err)
    assert line.startswith("hmicfrs: interrupted by SIGTERM; run "), err[-3000:]
    assert [r["status"] for r in rows(db_of(data), "runs")] == ["interrupted"]
    assert not prefect_servers(home)  # stopped (and reaped) before the CLI exited
