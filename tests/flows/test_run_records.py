"""Run records in-process: a signal during a load waits for its commit, reprocess reads the
site the archive came from, a future publication date is a run note."""
from __future__ import annotations

import os
import signal
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.urls import DEFAULT_SITE
from flows.interrupts import RunInterrupted, SafePoints
from flows.pipeline import direct_runner, run_pipeline
from tests.flows.helpers import rows, run, settings, snapshot
from tests.replica.server import ReplicaServer


def test_a_signal_during_a_load_waits_for_the_commit(replica: ReplicaServer, tmp_data_dir: Path,
                                                     sqlite_url: str) -> None:
    """SIGTERM arrives as the first load step starts (on the loading thread, while the next
    batch is fetched): that batch still commits, then the run stops; the next run loads
    the rest."""
    def runner(name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "validate-load" and not sent:
            sent.append(os.kill(os.getpid(), signal.SIGTERM))
        return direct_runner(name, fn, *args, **kwargs)

    sent: list[None] = []
    with pytest.raises(RunInterrupted) as stop:
        run_pipeline(settings(replica.url, tmp_data_dir, sqlite_url), command="run",
                     runner=runner)
    assert stop.value.exit_code == 143
    stored = len(replica.site.truth.stored())
    loaded = len(rows(sqlite_url, "publications"))
    assert 1 <= loaded < stored
    assert f"new {loaded}," in stop.value.detail
    [record] = rows(sqlite_url, "runs")
    assert (record["status"], record["new"]) == ("interrupted", loaded)
    assert signal.getsignal(signal.SIGTERM) is not None  # handlers were restored
    assert run(replica.url, tmp_data_dir, sqlite_url).summary.new == stored - loaded
    assert len(rows(sqlite_url, "publications")) == stored


def test_safe_points_hold_a_signal_outside_interruptible_sections() -> None:
    safe = SafePoints()
    with safe.installed():
        os.kill(os.getpid(), signal.SIGINT)  # held: no exception here
        assert safe.pending == signal.SIGINT
        with pytest.raises(RunInterrupted):
            safe.checkpoint()
    fresh = SafePoints()
    with fresh.installed(), pytest.raises(RunInterrupted) as stop:
        with fresh.interruptible():
            os.kill(os.getpid(), signal.SIGINT)
            signal.pause()  # never reached: the handler raises at once
    assert stop.value.exit_code == 130


def test_reprocess_resolves_links_against_the_site_of_the_run(replica: ReplicaServer,
                                                              tmp_data_dir: Path,
                                                              sqlite_url: str) -> None:
    """`hmicfrs reprocess` has no --site: it must not treat the replica's links as foreign."""
    first = run(replica.url, tmp_data_dir, sqlite_url)
    before = snapshot(sqlite_url, timestamps=False)
    assert before["recommendations"]
    report = run_pipeline(settings(DEFAULT_SITE, tmp_data_dir, sqlite_url), command="reprocess")
    assert report.requests == 0 and report.summary.quarantined == first.summary.quarantined
    assert snapshot(sqlite_url, timestamps=False) == before
    assert [r["site"] for r in rows(sqlite_url, "runs")] == [replica.url, replica.url]


def test_a_future_publication_date_is_a_run_note(replica: ReplicaServer, tmp_data_dir: Path,
                                                 sqlite_url: str) -> None:
    ref = replica.site.truth.reference
    page = replica.site.get(ref.path)
    assert page is not None and b"28 August 2025" in page.body
    future = date.today() + timedelta(days=400)
    printed = f"{future.day} {future:%B} {future.year}".encode()
    replica.site.put(ref.path, page.body.replace(b"28 August 2025", printed), page.content_type)
    report = run(replica.url, tmp_data_dir, sqlite_url)
    notes = [n for n in report.summary.notes if "in the future" in n]
    assert len(notes) == 1 and future.isoformat() in notes[0] and ref.path in notes[0]
    assert any("in the future" in line for line in report.lines())
    [record] = rows(sqlite_url, "runs")
    assert any("in the future" in n for n in record["counts"]["notes"])
