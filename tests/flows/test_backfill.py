"""Backfills: date, type and force filters, and resuming after the process is killed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer


def test_backfill_filters(replica: ReplicaServer, tmp_data_dir: Path, sqlite_url: str) -> None:
    truth = replica.site.truth
    run(replica.url, tmp_data_dir, sqlite_url, command="backfill", since=date(2024, 1, 1),
        until=date(2024, 12, 31), types=["PEEL"])
    got = {r["publication_id"] for r in rows(sqlite_url, "publications")}
    want = {p.slug for p in truth.stored() if p.published_on and
            date(2024, 1, 1) <= p.published_on <= date(2024, 12, 31)
            and "PEEL" in p.publication_types}
    assert got == want and len(want) >= 2
    run(replica.url, tmp_data_dir, sqlite_url, command="backfill", since=date(2014, 1, 1),
        forces=["essex"])
    essex = {r["publication_id"] for r in rows(sqlite_url, "publication_forces")
             if r["force_id"] == "essex"}
    assert {p.slug for p in truth.stored() if "essex" in p.forces} <= essex


def _settled(server: ReplicaServer, quiet: float = 0.5) -> int:
    """The request log's length once no request has been logged for ``quiet`` seconds: the
    server logs a request when it starts to answer (after its latency), so one the killed
    client had sent may be logged after the kill."""
    count, since = len(server.requests), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        if len(server.requests) != count:
            count, since = len(server.requests), time.monotonic()
    return count


def test_backfill_killed_half_way_resumes_without_refetching(replica_site, tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = f"sqlite:///{data / 'hmicfrs.db'}"
    truth = replica_site.truth
    with ReplicaServer(replica_site.copy(), latency=0.05) as server:
        env = {**os.environ, "HMICFRS_DATA_DIR": str(data), "HMICFRS_RATE": "0"}
        proc = subprocess.Popen([sys.executable, "-m", "flows", "backfill", "--since",
                                 "2010-01-01", "--engine", "direct", "--site", server.url],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        loaded = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                engine = sa.create_engine(db)
                with engine.connect() as conn:
                    loaded = conn.execute(sa.text("SELECT count(*) FROM publications")).scalar() or 0
                engine.dispose()
            except sa.exc.OperationalError:
                continue
            if loaded >= 4:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=30)
        assert 4 <= loaded < len(truth.stored()), "the backfill was not interrupted half way"
        before_kill = _settled(server)  # a request in flight at the kill is logged late
        kept = _remembered_paths(data, db)
        run(server.url, data, db, command="backfill", since=date(2010, 1, 1))
        time.sleep(0.2)
        downloads = Counter(r.path for r in server.requests
                            if r.status == 200 and (r.path.endswith(".pdf")
                                                    or "/publication-html/" in r.path))
        fetched_first = {r.path for r in server.requests[:before_kill]}
    assert {r["publication_id"] for r in rows(db, "publications")} == {p.slug for p in truth.stored()}
    assert any(p.endswith(".pdf") for p in kept), "no document was archived before the kill"
    # A file whose bytes and validators were kept before the kill is never fetched again;
    # only one still in flight when the process died (sent, not yet archived) may be.
    refetched = {p for p, n in downloads.items() if n > 1}
    assert refetched & kept == set()
    assert refetched <= fetched_first
    keys = [(r["publication_id"], r["force_id"]) for r in rows(db, "section55_obligations")]
    assert len(keys) == len(set(keys))


def _remembered_paths(data: Path, db: str) -> set[str]:
    """Paths whose validators (so whose archived bytes) a killed run left behind: in the
    validators table or in the journal it writes after each archived response."""
    urls = {r["url"] for r in rows(db, "http_validators")}
    journal = data / "validators.journal"
    if journal.exists():
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                urls.add(json.loads(line)["url"])
            except (ValueError, KeyError):
                continue  # the line being written when the process died
    return {urlsplit(u).path for u in urls}
