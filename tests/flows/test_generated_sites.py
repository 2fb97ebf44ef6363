"""Generated sites (tests/replica_direct/generated.py): the pipeline's tables equal the
truth the generator encoded, whatever the families (landing, PEEL force report, letter,
FRS assessments, HTML version, PDF), label styles, value lists, date forms, Welsh
versions, banners, sidebars, encodings and news paging. Fixed seeds;
bench/bench_generated_sites.py runs many more."""
from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer
from tests.replica_direct.generated import GenSite, gen_site
from tests.replica_direct.generated_pages import build

_LOUD = ("discover", "fetch", "extract", "validate", "load")  # stages that lose something


def check_site(shape: GenSite) -> None:
    """Serve the generated site, run the pipeline, compare every table with the truth."""
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(build(shape)) as server:
        data = Path(tmp) / "data"
        data.mkdir()
        db = f"sqlite:///{data / 'h.db'}"
        report = run(server.url, data, db)
        got = {r["publication_id"]: r for r in rows(db, "publications")}
        forces = {(r["publication_id"], r["force_id"]) for r in rows(db, "publication_forces")}
        findings = Counter((r["publication_id"], r["kind"], r["text"])
                           for r in rows(db, "recommendations"))
        grades = {(r["publication_id"], r["area"], r["grade"]) for r in rows(db, "grades")}
        documents = {(r["publication_id"], r["url"].split("/", 3)[-1], r["language"])
                     for r in rows(db, "documents")}
        quarantine = [(q["stage"], q["reason"]) for q in rows(db, "quarantine")
                      if q["stage"] in _LOUD]
    truth = shape.loaded
    assert report.status == "completed", report.lines()
    loaded = {pid: (r["title"], r["published_on"]) for pid, r in got.items()}
    wanted = {p.pid: (p.title, p.published_on) for p in truth}
    assert loaded == wanted, (set(loaded.items()) ^ set(wanted.items()), quarantine,
                              report.lines())
    assert quarantine == []
    assert forces == {(p.pid, fid) for p in truth for fid, _ in p.forces}
    assert {pid: sorted(r["publication_types"]) for pid, r in got.items()
            if pid in {p.pid for p in truth if p.family == "landing"}} == \
        {p.pid: sorted(p.types) for p in truth if p.family == "landing"}
    assert findings == Counter((p.pid, f.kind, f.text) for p in truth for f in p.findings)
    assert grades == {(p.pid, area, grade.lower()) for p in truth for area, grade in p.grades}
    welsh = {(pid, url, lang) for pid, url, lang in documents if lang == "cy"}
    assert welsh == {(p.pid, p.welsh_doc.lstrip("/"), "cy") for p in truth if p.welsh}


@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(gen_site())
def test_generated_sites_load_exactly_their_truth(shape: GenSite) -> None:
    check_site(shape)
