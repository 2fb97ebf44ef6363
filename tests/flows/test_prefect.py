"""The real `hmicfrs run` under Prefect: flow runs, the run artifact, a fresh machine's start."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.flows.helpers import rows
from tests.flows.test_cli import hmicfrs
from tests.replica.server import ReplicaServer

pytestmark = pytest.mark.prefect


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real `prefect server start` for this module; yields the env that points at it."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host",
                             "127.0.0.1", "--port", str(port)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api"
    try:
        for _ in range(180):
            try:
                if httpx.get(f"{api}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None:
                raise RuntimeError((home / "server.log").read_text()[-2000:])
            time.sleep(0.5)
        else:
            raise RuntimeError("prefect server did not start")
        yield {"PREFECT_HOME": str(home), "PREFECT_API_URL": api}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_real_run_under_prefect(prefect_api: dict[str, str], replica: ReplicaServer,
                                tmp_data_dir: Path) -> None:
    ref = replica.site.truth.reference
    out = hmicfrs("run", "--site", replica.url, "--as-of", "2025-09-01", data_dir=tmp_data_dir,
                  env=prefect_api).stdout
    assert "hmicfrs run completed" in out
    db = f"sqlite:///{tmp_data_dir / 'hmicfrs.db'}"
    ours = [r for r in rows(db, "section55_obligations") if r["publication_id"] == ref.slug]
    assert len(ours) == 43
    norfolk = next(r for r in ours if r["force_id"] == "norfolk")
    assert str(norfolk["practice_deadline"]) == "2025-10-23"
    assert str(norfolk["statutory_deadline"]) == "2025-10-22"
    assert norfolk["local_policing_body"] == "Police and Crime Commissioner for Norfolk"

    again = hmicfrs("run", "--site", replica.url, "--as-of", "2025-09-01", data_dir=tmp_data_dir,
                    env=prefect_api).stdout
    assert "new 0" in again and "obligations opened 0" in again
    runs = rows(db, "runs")
    assert [r["status"] for r in runs] == ["completed", "completed"]
    first = next(r for r in runs if r["new"] > 0)
    assert first["new"] == len(replica.site.truth.stored())

    api = prefect_api["PREFECT_API_URL"]
    arts = httpx.post(f"{api}/artifacts/filter",
                      json={"artifacts": {"key": {"any_": ["hmicfrs-run"]}}}).json()
    assert len(arts) == 2
    assert any(f"new {first['new']}," in a["data"] for a in arts)
    flow_runs = httpx.post(f"{api}/flow_runs/filter", json={}).json()
    assert sorted(fr["state_type"] for fr in flow_runs) == ["COMPLETED", "COMPLETED"]


def test_overlapped_and_fanned_out_steps_are_tasks_of_their_flow_run(
        prefect_api: dict[str, str], replica: ReplicaServer, tmp_data_dir: Path) -> None:
    """The steps the loading thread runs (extract-documents, validate-load) and a reprocess
    over two processes are task runs of their own flow run, not orphans."""
    hmicfrs("run", "--site", replica.url, "--as-of", "2025-09-01", data_dir=tmp_data_dir,
            env=prefect_api)
    out = hmicfrs("reprocess", "--workers", "2", "--as-of", "2025-09-01",
                  data_dir=tmp_data_dir, env=prefect_api).stdout
    assert "hmicfrs reprocess completed" in out and "new 0" in out
    api = prefect_api["PREFECT_API_URL"]
    runs = _flow_run_names(api)
    tasks = httpx.post(f"{api}/task_runs/filter", json={"limit": 200}).json()
    by_flow: dict[str, set[str]] = {}
    for t in tasks:
        assert t["flow_run_id"] in runs, f"task {t['name']} outside any flow run"
        by_flow.setdefault(runs[t["flow_run_id"]], set()).add(t["name"].rsplit("-", 1)[0])
    assert {"extract-documents", "validate-load"} <= by_flow["hmicfrs-nightly"]
    assert "validate-load" in by_flow["hmicfrs-reprocess"]


def test_reprocess_on_a_local_dask_cluster_is_task_runs_of_its_flow_run(
        prefect_api: dict[str, str], replica: ReplicaServer, tmp_data_dir: Path) -> None:
    """`--dask local`: each chunk is an `extract` task run of the reprocess flow run
    (prefect-dask's DaskTaskRunner), loaded here like the others."""
    pytest.importorskip("prefect_dask", reason="the optional extra hmicfrs[dask] is not "
                        "installed (pip install -e '.[dask]')")
    hmicfrs("run", "--site", replica.url, "--as-of", "2025-09-01", data_dir=tmp_data_dir,
            env=prefect_api)
    out = hmicfrs("reprocess", "--dask", "local", "--workers", "2", "--as-of", "2025-09-01",
                  data_dir=tmp_data_dir, env=prefect_api).stdout
    assert "hmicfrs reprocess completed" in out and "new 0" in out
    api = prefect_api["PREFECT_API_URL"]
    runs = _flow_run_names(api)
    extracts: list[dict[str, object]] = []
    for _ in range(40):  # the server records task runs from their events, in the background
        extracts = [t for t in httpx.post(f"{api}/task_runs/filter",
                                          json={"limit": 200}).json()
                    if t["name"].rsplit("-", 1)[0] == "extract"]  # not extract-documents
        if extracts and all(t["state_type"] == "COMPLETED" for t in extracts):
            break
        time.sleep(0.5)
    assert extracts and {runs.get(t["flow_run_id"]) for t in extracts} == {"hmicfrs-reprocess"}
    assert all(t["state_type"] == "COMPLETED" for t in extracts)


def test_failed_run_is_a_failed_flow_run(prefect_api: dict[str, str], replica: ReplicaServer,
                                         tmp_data_dir: Path) -> None:
    replica.site.put("/publications/", b"<html><body><main><h1>Publications</h1>"
                     b"<p>Nothing found.</p></main></body></html>")
    proc = hmicfrs("run", "--site", replica.url, data_dir=tmp_data_dir, env=prefect_api,
                   check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith("hmicfrs: error:") and "listing" in proc.stderr, proc.stderr
    api = prefect_api["PREFECT_API_URL"]
    failed = httpx.post(f"{api}/flow_runs/filter", json={
        "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}).json()
    assert failed
    for _ in range(40):  # the server persists events in the background
        events = httpx.post(f"{api}/events/filter", json={
            "filter": {"event": {"prefix": ["hmicfrs.run.failed"]}}}).json()
        if events.get("events"):
            break
        time.sleep(0.5)
    assert events["events"][0]["payload"]["command"] == "run"


def test_shared_rate_limit_must_exist(prefect_api: dict[str, str], replica: ReplicaServer,
                                      tmp_data_dir: Path) -> None:
    """HMICFRS_PREFECT_RATE_LIMIT names a Prefect global limit; a missing one fails loudly."""
    proc = hmicfrs("run", "--site", replica.url, data_dir=tmp_data_dir, check=False,
                   env={**prefect_api, "HMICFRS_PREFECT_RATE_LIMIT": "no-such-limit"})
    assert proc.returncode == 1
    assert "no-such-limit" in proc.stderr
    assert replica.requests_to("/publications/") == []


def test_first_run_on_a_fresh_machine_starts_prefect_itself(replica: ReplicaServer,
                                                            tmp_path: Path) -> None:
    """No API URL and an empty Prefect home: the temporary server must start in time."""
    env = {"PREFECT_HOME": str(tmp_path / "fresh-prefect-home"), "PREFECT_API_URL": ""}
    env_clean = {k: v for k, v in os.environ.items()
                 if k not in ("PREFECT_API_URL", "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS")}
    proc = subprocess.run([sys.executable, "-m", "flows", "run", "--site", replica.url],
                          capture_output=True, text=True, timeout=400,
                          env={**env_clean, "PREFECT_HOME": env["PREFECT_HOME"],
                               "HMICFRS_DATA_DIR": str(tmp_path / "data"), "HMICFRS_RATE": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "hmicfrs run completed" in proc.stdout


def test_deployments_deploy_and_run_on_a_worker(prefect_api: dict[str, str],
                                                replica: ReplicaServer, tmp_path: Path) -> None:
    """`prefect deploy --all` accepts prefect.yaml; a process worker runs the nightly one."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, **prefect_api, "HMICFRS_RATE": "0"}

    def prefect(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        return proc

    prefect("work-pool", "create", "hmicfrs", "--type", "process", "--overwrite")
    prefect("--no-prompt", "deploy", "--all")
    api = prefect_api["PREFECT_API_URL"]
    deployments = {d["name"]: d for d in httpx.post(f"{api}/deployments/filter", json={}).json()}
    assert set(deployments) >= {"nightly", "backfill", "reprocess"}
    schedule = deployments["nightly"]["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("30 2 * * *", "Europe/London")
    data = tmp_path / "data"
    prefect("deployment", "run", "hmicfrs-nightly/nightly", "--param", f"site={replica.url}",
            "--param", f"data_dir={data}", "--param", "as_of=2025-09-01")
    prefect("worker", "start", "--pool", "hmicfrs", "--run-once")
    runs = rows(f"sqlite:///{data / 'hmicfrs.db'}", "runs")
    assert [(r["command"], r["status"]) for r in runs] == [("run", "completed")]
    assert runs[0]["new"] == len(replica.site.truth.stored())


def _flow_run_names(api: str) -> dict[str, str]:
    """Each flow run's id and its flow's name, from the Prefect API."""
    flows = {f["id"]: f["name"] for f in httpx.post(f"{api}/flows/filter", json={}).json()}
    return {r["id"]: flows[r["flow_id"]] for r in
            httpx.post(f"{api}/flow_runs/filter", json={}).json()}
