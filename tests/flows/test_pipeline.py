"""The whole pipeline against the served replica, on SQLite and on PostgreSQL."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from flows.discovery import SOURCES
from reference.fire_services import fire_services
from tests.flows.helpers import rows, run, snapshot
from tests.replica.server import Fault, ReplicaServer
from tests.replica.truth import same_text


def test_first_run_loads_what_the_site_says(replica: ReplicaServer, tmp_data_dir: Path,
                                            db_url: str) -> None:
    truth = replica.site.truth
    report = run(replica.url, tmp_data_dir, db_url)
    assert report.status == "completed"

    pubs = {r["publication_id"]: r for r in rows(db_url, "publications")}
    assert set(pubs) == {p.slug for p in truth.stored()}
    forces = {}
    for r in rows(db_url, "publication_forces"):
        forces.setdefault(r["publication_id"], set()).add(r["force_id"])
    for p in truth.stored():
        row = pubs[p.slug]
        assert row["title"] == p.title
        assert row["published_on"] == p.published_on
        assert tuple(row["publication_types"]) == p.publication_types
        assert row["all_forces"] == p.all_forces
        assert forces.get(p.slug, set()) == set(p.forces), p.slug
        assert row["url"] == p.url

    got = {(r["publication_id"], r["force_id"]): r for r in rows(db_url, "section55_obligations")
           if r["force_id"] != "british-transport-police"}
    want = {(slug, o.force_id): o for slug, o in truth.obligations()}
    assert set(got) == set(want)
    for key, o in want.items():
        r = got[key]
        assert (r["local_policing_body"], r["statutory_deadline"], r["practice_deadline"]) == \
            (o.local_policing_body, o.statutory_deadline, o.practice_deadline), key


def test_reference_report_obligations_and_findings(replica: ReplicaServer, tmp_data_dir: Path,
                                                   sqlite_url: str) -> None:
    ref = replica.site.truth.reference
    run(replica.url, tmp_data_dir, sqlite_url)
    obligations = [r for r in rows(sqlite_url, "section55_obligations")
                   if r["publication_id"] == ref.slug]
    assert len(obligations) == 43
    norfolk = next(r for r in obligations if r["force_id"] == "norfolk")
    assert norfolk["practice_deadline"] == date(2025, 10, 23)
    assert norfolk["statutory_deadline"] == date(2025, 10, 22)
    assert norfolk["local_policing_body"] == "Police and Crime Commissioner for Norfolk"
    assert norfolk["status"] == "open"

    pub = next(r for r in rows(sqlite_url, "publications") if r["publication_id"] == ref.slug)
    assert pub["published_on"] == date(2025, 8, 28)  # not the HTML version's 4 September
    findings = [r for r in rows(sqlite_url, "recommendations") if r["publication_id"] == ref.slug]
    assert [r["kind"] for r in findings] == ["recommendation"] * 3
    texts = [r["text"] for r in sorted(findings, key=lambda r: r["ref"])]
    for got, want in zip(texts, [f.text for f in ref.findings], strict=True):
        assert same_text(got, want), got


def test_quarantine_and_robots(replica: ReplicaServer, tmp_data_dir: Path, sqlite_url: str) -> None:
    truth = replica.site.truth
    report = run(replica.url, tmp_data_dir, sqlite_url)
    quarantine = rows(sqlite_url, "quarantine")
    for slug, reason in truth.quarantined().items():
        path = truth.publication(slug).path
        hits = [q for q in quarantine if q["source_url"].endswith(path) and q["stage"] == "extract"]
        assert hits, (slug, reason)
        words = {"no date": "no publication date", "unknown force": "unknown police force"}[reason]
        assert words in hits[0]["reason"]
    assert report.summary.quarantined == len(truth.quarantined())
    for path in truth.robots_disallowed:
        assert replica.requests_to(path) == []
    corrupt = [q for q in quarantine if "corrupt" in q["reason"].lower()]
    assert corrupt and corrupt[0]["source_url"].endswith(".pdf")


def test_grades_match_truth(replica: ReplicaServer, tmp_data_dir: Path, sqlite_url: str) -> None:
    truth = replica.site.truth
    run(replica.url, tmp_data_dir, sqlite_url)
    got = {(r["publication_id"], r["force_id"], r["area"]): (r["grade"], r["cycle"])
           for r in rows(sqlite_url, "grades")}
    names = {fid: f.name for fid, f in fire_services().items()}
    want = {}
    for slug, g in truth.grades():
        body = g.force or next(fid for fid, name in names.items() if name == g.service)
        want[(slug, body, g.area)] = (g.grade, g.cycle)
    assert got == want


def test_second_run_adds_nothing_and_fetches_no_page_again(replica: ReplicaServer,
                                                           tmp_data_dir: Path,
                                                           sqlite_url: str) -> None:
    run(replica.url, tmp_data_dir, sqlite_url)
    before = snapshot(sqlite_url)
    time.sleep(0.2)  # the server logs a request just after answering it
    seen = len(replica.requests)
    report = run(replica.url, tmp_data_dir, sqlite_url)
    assert snapshot(sqlite_url) == before
    assert report.summary.new == 0 and report.summary.obligations_opened == 0
    time.sleep(0.2)
    again = replica.requests[seen:]
    full = [r for r in again if r.status == 200 and r.path != "/robots.txt"]
    assert full == [], [r.path for r in full]
    unserved = set(SOURCES.values())  # the other ways in: 404 on the first run
    assert all(r.headers.get("If-None-Match") or r.headers.get("If-Modified-Since")
               for r in again if r.path != "/robots.txt")
    assert [r.path for r in again if r.path in unserved] == []  # asked again next week


def test_changed_page_is_reloaded_and_recorded(replica: ReplicaServer, tmp_data_dir: Path,
                                               sqlite_url: str) -> None:
    ref = replica.site.truth.reference
    run(replica.url, tmp_data_dir, sqlite_url)
    page = replica.site.get(ref.path)
    assert page is not None
    new_title = b"How effectively do the police record crime? (corrected)"
    replica.site.put(ref.path, page.body.replace(
        b"How effectively do the police record crime?</h1>", new_title + b"</h1>", 1),
        page.content_type)
    report = run(replica.url, tmp_data_dir, sqlite_url)
    assert report.summary.changed == 1
    pub = next(r for r in rows(sqlite_url, "publications") if r["publication_id"] == ref.slug)
    assert pub["title"] == new_title.decode()
    changes = rows(sqlite_url, "publication_changes")
    assert [(c["publication_id"], c["field"]) for c in changes if c["field"] == "title"] == \
        [(ref.slug, "title")]
    assert len([r for r in rows(sqlite_url, "section55_obligations")
                if r["publication_id"] == ref.slug]) == 43


def test_reprocess_with_the_site_down_rebuilds_the_same_tables(replica_site, tmp_data_dir: Path,
                                                               sqlite_url: str) -> None:
    with ReplicaServer(replica_site.copy()) as server:
        run(server.url, tmp_data_dir, sqlite_url)
        url = server.url
    before = snapshot(sqlite_url, timestamps=False)
    import sqlalchemy as sa
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        for table in ("recommendations", "grades", "section55_obligations",
                      "publication_forces", "documents"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
    engine.dispose()
    report = run(url, tmp_data_dir, sqlite_url, command="reprocess")
    assert report.requests == 0
    assert snapshot(sqlite_url, timestamps=False) == before


def test_transient_faults_are_retried_and_permanent_ones_quarantined(
        replica: ReplicaServer, tmp_data_dir: Path, sqlite_url: str) -> None:
    truth = replica.site.truth
    ref = truth.reference
    norfolk = truth.publication("norfolk-police-custody-inspection")
    pdf = next(d.path for d in norfolk.documents if d.kind == "pdf")
    replica.add_fault(ref.path, Fault(kind="status", status=503, retry_after=0, times=1))
    replica.add_fault(pdf, Fault(kind="reset", times=1))
    gone = truth.publication("staffordshire-stop-and-search").path
    replica.add_fault(gone, Fault(kind="status", status=500))
    hostile = truth.publication("joint-inspection-rape-cumbria").path
    replica.add_fault(hostile, Fault(kind="redirect", location="https://evil.example.com/x"))
    report = run(replica.url, tmp_data_dir, sqlite_url)
    pubs = {r["publication_id"] for r in rows(sqlite_url, "publications")}
    assert ref.slug in pubs and norfolk.slug in pubs
    assert "staffordshire-stop-and-search" not in pubs
    assert "joint-inspection-rape-cumbria" not in pubs
    assert report.summary.failed == 2
    fetch_rows = [q for q in rows(sqlite_url, "quarantine") if q["stage"] == "fetch"]
    assert any(q["source_url"].endswith(gone) for q in fetch_rows)
    assert any(q["source_url"].endswith(hostile) and "evil.example.com" in q["reason"]
               for q in fetch_rows)
    docs = {r["url"]: r for r in rows(sqlite_url, "documents")}
    assert any(u.endswith(pdf) and d["sha256"] for u, d in docs.items())


def test_empty_listing_fails_the_run(replica: ReplicaServer, tmp_data_dir: Path,
                                     sqlite_url: str) -> None:
    from flows.pipeline import RunFailed
    replica.site.put("/publications/", b"<html><body><main><h1>Publications</h1>"
                     b"<p>No results.</p></main></body></html>")
    with pytest.raises(RunFailed, match="listing"):
        run(replica.url, tmp_data_dir, sqlite_url)
    assert [r["status"] for r in rows(sqlite_url, "runs")] == ["failed"]


def test_a_second_concurrent_run_is_refused(replica: ReplicaServer, tmp_path: Path,
                                            tmp_data_dir: Path, sqlite_url: str) -> None:
    """The lock is the database's: another data directory on the same file is refused too."""
    from flows.pipeline import RunFailed
    from store.db import writer_lock
    with writer_lock(sqlite_url):
        for data_dir in (tmp_data_dir, tmp_path / "elsewhere"):
            with pytest.raises(RunFailed, match="another hmicfrs run"):
                run(replica.url, data_dir, sqlite_url)
    assert run(replica.url, tmp_path / "elsewhere", sqlite_url).status == "completed"


def test_replaced_pdf_of_a_recent_publication_is_reextracted(
        replica: ReplicaServer, tmp_data_dir: Path, sqlite_url: str) -> None:
    from crawler.archive import RawArchive
    truth = replica.site.truth
    ref = truth.reference
    pdf = next(d.path for d in ref.documents if d.kind == "pdf" and d.language == "en")
    run(replica.url, tmp_data_dir, sqlite_url)
    old = next(r for r in rows(sqlite_url, "documents") if r["url"].endswith(pdf))
    other = truth.publication("norfolk-police-custody-inspection")
    other_pdf = replica.site.get(next(d.path for d in other.documents if d.kind == "pdf"))
    assert other_pdf is not None
    replica.site.put(pdf, other_pdf.body, "application/pdf")
    report = run(replica.url, tmp_data_dir, sqlite_url)
    assert report.summary.changed == 1
    new = next(r for r in rows(sqlite_url, "documents") if r["url"].endswith(pdf))
    assert new["sha256"] != old["sha256"]
    archive = RawArchive(tmp_data_dir / "raw")
    assert archive.has(old["sha256"]) and archive.has(new["sha256"])


def test_postgres_runs_are_exclusive_across_machines(replica: ReplicaServer, tmp_path: Path,
                                                     pg_url: str) -> None:
    """A run holding the database's advisory lock refuses a run from another data dir."""
    import sqlalchemy as sa

    from flows.pipeline import RunFailed
    from tests.pg_server import reset_database
    reset_database(pg_url)
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_try_advisory_lock(5510055)")).scalar()
        with pytest.raises(RunFailed, match="advisory lock"):
            run(replica.url, tmp_path / "other-machine", pg_url)
        conn.execute(sa.text("SELECT pg_advisory_unlock(5510055)"))
    engine.dispose()
    assert run(replica.url, tmp_path / "other-machine", pg_url).status == "completed"


def test_republished_report_does_not_restart_the_clock(replica: ReplicaServer,
                                                       tmp_data_dir: Path,
                                                       sqlite_url: str) -> None:
    ref = replica.site.truth.reference
    run(replica.url, tmp_data_dir, sqlite_url)
    page = replica.site.get(ref.path)
    assert page is not None and b"28 August 2025" in page.body
    replica.site.put(ref.path, page.body.replace(b"28 August 2025", b"4 September 2025"),
                     page.content_type)
    run(replica.url, tmp_data_dir, sqlite_url, as_of=date(2025, 9, 5))
    pub = next(r for r in rows(sqlite_url, "publications") if r["publication_id"] == ref.slug)
    assert (pub["published_on"], pub["first_published_on"]) == (date(2025, 9, 4), date(2025, 8, 28))
    norfolk = next(r for r in rows(sqlite_url, "section55_obligations")
                   if r["publication_id"] == ref.slug and r["force_id"] == "norfolk")
    assert norfolk["practice_deadline"] == date(2025, 10, 23)
    changes = [c for c in rows(sqlite_url, "publication_changes") if c["field"] == "published_on"]
    assert [(c["old_value"], c["new_value"]) for c in changes] == [("2025-08-28", "2025-09-04")]


def test_other_bodies_and_non_police_publications_say_why(replica: ReplicaServer,
                                                          tmp_data_dir: Path,
                                                          sqlite_url: str) -> None:
    run(replica.url, tmp_data_dir, sqlite_url)
    pubs = {r["publication_id"]: r for r in rows(sqlite_url, "publications")}
    obligations = rows(sqlite_url, "section55_obligations")
    btp = [o for o in obligations if o["publication_id"] == "btp-response-to-vawg-on-the-railway"]
    assert [(o["force_id"], o["local_policing_body"]) for o in btp] == \
        [("british-transport-police", "British Transport Police Authority")]
    nca = "inspection-of-nca-covert-intelligence"
    assert not [o for o in obligations if o["publication_id"] == nca]
    assert "Crime and Courts Act 2013" in pubs[nca]["s55_reason"]
    fire = "essex-county-fire-and-rescue-service-2023-25"
    assert not pubs[fire]["is_police_inspection"]
    assert "fire" in pubs[fire]["s55_reason"].lower()


def test_a_graded_area_never_seen_loads_and_is_flagged(replica: ReplicaServer,
                                                       tmp_data_dir: Path,
                                                       sqlite_url: str) -> None:
    page = replica.site.get("/peel-reports/essex-2023-25/")
    assert page is not None and b"Investigating crime" in page.body
    replica.site.put("/peel-reports/essex-2023-25/",
                     page.body.replace(b"Investigating crime", b"Tackling drone crime"),
                     page.content_type)
    pdf = "/uploads/peel-assessment-2023-25-essex.pdf"
    replica.add_fault(pdf, Fault(kind="status", status=404))
    report = run(replica.url, tmp_data_dir, sqlite_url)
    new = [g for g in rows(sqlite_url, "grades") if g["area"] == "Tackling drone crime"]
    assert len(new) == 1 and new[0]["area_key"] is None and new[0]["force_id"] == "essex"
    assert any("Tackling drone crime" in a for a in report.summary.unknown_areas)
    assert any("NEW AREA" in line and "Tackling drone crime" in line for line in report.lines())
