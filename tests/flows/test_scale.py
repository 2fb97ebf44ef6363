"""Scale (issue 18): a reprocess fanned out over processes or a Dask cluster leaves the
same tables as one in this process, and a backfill that fetches while it extracts still
fetches each document once and logs every request."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flows.pipeline import run_pipeline
from store.db import default_db_url
from tests.flows.helpers import rows, settings, snapshot
from tests.replica.server import ReplicaServer
from tests.replica.site import build_site


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after one nightly run on the replica with generated extras."""
    data = tmp_path_factory.mktemp("loaded")
    with ReplicaServer(build_site(extra_publications=12)) as server:
        report = run_pipeline(settings(server.url, data, default_db_url(data)), command="run")
    assert report.summary.new >= 10
    return data


def _reprocess(loaded: Path, into: Path, **fanout: object) -> dict[str, list[tuple[object, ...]]]:
    shutil.copytree(loaded, into)
    url = default_db_url(into)
    report = run_pipeline(settings("http://127.0.0.1:9", into, url), command="reprocess",
                          **fanout)
    assert report.status == "completed"
    lines = [re.sub(r"\(run \w+\)", "(run)", line) for line in report.lines()]
    return {"report": [tuple(lines)], **snapshot(url, timestamps=False)}


def test_reprocess_on_two_processes_gives_the_tables_of_one(loaded: Path, tmp_path: Path) -> None:
    one = _reprocess(loaded, tmp_path / "one", workers=1)
    two = _reprocess(loaded, tmp_path / "two", workers=2)
    assert one["publications"] and one["recommendations"]
    assert two == one


def test_reprocess_runs_on_a_local_dask_cluster(loaded: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the optional extra hmicfrs[dask] is not "
                        "installed (pip install -e '.[dask]')")
    one = _reprocess(loaded, tmp_path / "one", workers=1)
    dask = _reprocess(loaded, tmp_path / "dask", workers=2, dask="local")
    assert dask == one


def test_backfill_fetching_while_extracting_fetches_each_document_once(tmp_path: Path) -> None:
    site = build_site(extra_publications=15)
    data = tmp_path / "data"
    data.mkdir()
    url = default_db_url(data)
    with ReplicaServer(site, latency=0.01) as server:
        s = settings(server.url, data, url)
        s.batch_size = 3  # many batches: each fetched while the one before is loaded
        report = run_pipeline(s, command="backfill", since=date(1990, 1, 1))
        requests = list(server.requests)
    documents = Counter(r.path for r in requests if r.status == 200 and (
        r.path.endswith(".pdf") or "/publication-html/" in r.path))
    assert documents and max(documents.values()) == 1
    stored = {r["publication_id"] for r in rows(url, "publications")}
    assert stored == {p.slug for p in site.truth.stored()}
    logged = [r for r in rows(url, "fetch_log") if r["run_id"] == report.run_id]
    assert len(logged) == report.requests == len(requests)



def test_a_signal_mid_reprocess_stops_the_workers_after_a_commit(loaded: Path,
                                                                 tmp_path: Path) -> None:
    """SIGTERM as the first chunk's rows are loaded (two worker processes extracting the
    next ones): that chunk commits, the workers end, the run is `interrupted`; the next
    reprocess completes with the tables of an uninterrupted one."""
    import multiprocessing
    import os
    import signal
    import time

    from flows.interrupts import RunInterrupted
    from flows.pipeline import direct_runner

    def runner(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "validate-load" and not sent:
            sent.append(os.kill(os.getpid(), signal.SIGTERM))
        return direct_runner(name, fn, *args, **kwargs)

    sent: list[None] = []
    clean = _reprocess(loaded, tmp_path / "clean", workers=2)
    shutil.copytree(loaded, tmp_path / "stopped")
    url = default_db_url(tmp_path / "stopped")
    s = settings("http://127.0.0.1:9", tmp_path / "stopped", url)
    with pytest.raises(RunInterrupted) as stop:
        run_pipeline(s, command="reprocess", runner=runner, workers=2)
    assert stop.value.exit_code == 143
    for _ in range(50):  # the workers were ended, not left extracting
        if not multiprocessing.active_children():
            break
        time.sleep(0.1)
    assert not multiprocessing.active_children()
    assert [r["status"] for r in rows(url, "runs") if r["command"] == "reprocess"] == [
        "interrupted"]
    again = run_pipeline(s, command="reprocess", workers=2)
    assert again.status == "completed"
    assert snapshot(url, timestamps=False) == {k: v for k, v in clean.items() if k != "report"}
