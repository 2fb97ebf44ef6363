"""Generated sites (tests/replica_direct/generated.py): the pipeline's tables equal the
truth the generator encoded, whatever the families, label styles, date forms, banners,
sidebars and encodings. Fixed seeds; bench/bench_generated_sites.py runs many more."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer
from tests.replica_direct.generated import GenSite, build, gen_site


def check_site(shape: GenSite) -> None:
    """Serve the generated site, run the pipeline, compare every publication with truth."""
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(build(shape)) as server:
        data = Path(tmp) / "data"
        data.mkdir()
        db = f"sqlite:///{data / 'h.db'}"
        report = run(server.url, data, db)
        got = {r["publication_id"]: (r["title"], r["published_on"])
               for r in rows(db, "publications")}
        forces = {(r["publication_id"], r["force_id"]) for r in rows(db, "publication_forces")}
        quarantine = rows(db, "quarantine")
    assert report.status == "completed"
    assert got == {p.pid: (p.title, p.published_on) for p in shape.pubs}, quarantine
    assert forces == {(p.pid, p.force[0]) for p in shape.pubs}


@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(gen_site())
def test_generated_sites_load_exactly_their_truth(shape: GenSite) -> None:
    check_site(shape)
