"""The nightly revalidation policy (README, "What is re-read when"): a stored publication
is re-read while an obligation's practice deadline is ahead or passed less than
``settle_days`` ago, or on its night of the rolling slice (``hash(id) mod N == day mod
N``); an overdue obligation long past its deadline is left to the slice, and every
re-read is a conditional request."""
from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta
from pathlib import Path

from flows.pipeline import run_pipeline
from store.db import default_db_url
from tests.flows.helpers import rows, settings
from tests.replica.generated import generated_specs
from tests.replica.server import ReplicaServer
from tests.replica.site import build_scale_site

AS_OF = date(2025, 9, 1)


def _due_in_slice(publication_id: str, day: date, days: int) -> bool:
    return int(hashlib.sha256(publication_id.encode()).hexdigest()[:8], 16) % days \
        == day.toordinal() % days


def test_a_quiet_night_rereads_the_settling_window_and_the_slice_only(tmp_path: Path) -> None:
    site = build_scale_site(60)  # published one day apart back from 2025-06-30
    landing = {spec.path: spec.slug for spec in generated_specs(60)}
    db = default_db_url(tmp_path)
    with ReplicaServer(site) as server:
        first = settings(server.url, tmp_path, db)
        first.settle_days, first.revalidate_days = 30, 30
        assert run_pipeline(first, command="run").summary.new == 60
        time.sleep(0.2)
        seen = len(server.requests)
        night = settings(server.url, tmp_path, db)
        night.settle_days, night.revalidate_days = 30, 30
        report = run_pipeline(night, command="run")
        time.sleep(0.2)
        records = server.requests[seen:]
    reread = {landing[r.path] for r in records if r.path in landing}
    deadlines: dict[str, list[date]] = {}
    for o in rows(db, "section55_obligations"):
        deadlines.setdefault(o["publication_id"], []).append(o["practice_deadline"])
    assert all(o["status"] == "overdue" or o["practice_deadline"] >= AS_OF
               for o in rows(db, "section55_obligations"))  # no response on this site
    settling = {pid for pid, days in deadlines.items()
                if max(days) >= AS_OF - timedelta(days=30)}
    in_slice = {pid for pid in landing.values() if _due_in_slice(pid, AS_OF, 30)}
    assert settling and len(settling | in_slice) < 60  # the old overdue ones are left alone
    assert reread == settling | in_slice
    assert report.summary.changed == 0 and report.summary.new == 0
    assert not [r.path for r in records if r.status == 200]  # 304s: nothing downloaded
    assert all(r.headers.get("if-none-match") or r.headers.get("if-modified-since")
               for r in records if r.path in landing)
