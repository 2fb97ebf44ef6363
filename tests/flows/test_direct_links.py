"""The direct-links replica (tests/replica_direct): a listing that links PEEL force reports,
an FRS assessment and a letter straight, a news feed that links a report the listing does
not show; refused nights, banner-only changes, corrections, failed and unfinished runs."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from flows.pipeline import RunFailed
from tests.flows.helpers import rows, run, snapshot
from tests.replica.minipdf import tiny_pdf
from tests.replica.server import Fault, ReplicaServer
from tests.replica_direct import site as direct
from tests.replica_direct.site import AS_OF, LOADED, build_direct_site


def _run(server: ReplicaServer, data: Path, db: str):  # type: ignore[no-untyped-def]
    return run(server.url, data, db, as_of=AS_OF)


def _quarantined(db: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for q in rows(db, "quarantine"):
        out.setdefault((q["record"] or {}).get("publication_id"), []).append(q)
    return out


def test_every_listed_publication_is_loaded_or_a_quarantine_row(tmp_data_dir: Path,
                                                                sqlite_url: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        report = _run(server, tmp_data_dir, sqlite_url)
    got = {r["publication_id"]: r for r in rows(sqlite_url, "publications")}
    assert set(got) == {p.pid for p in LOADED}
    for pub in LOADED:
        assert (got[pub.pid]["title"], got[pub.pid]["published_on"]) == (pub.title,
                                                                          pub.published_on)
    forces = {(r["publication_id"], r["force_id"]) for r in rows(sqlite_url, "publication_forces")}
    assert forces == {(p.pid, f) for p in LOADED for f in p.forces}
    grades: dict[str, int] = {}
    for g in rows(sqlite_url, "grades"):
        grades[g["publication_id"]] = grades.get(g["publication_id"], 0) + 1
    assert grades == {p.pid: p.grades for p in LOADED if p.grades}
    findings: dict[str, int] = {}
    for f in rows(sqlite_url, "recommendations"):
        findings[f["publication_id"]] = findings.get(f["publication_id"], 0) + 1
    assert findings == {p.pid: p.findings for p in LOADED if p.findings}
    obligations = {(o["publication_id"], o["force_id"])
                   for o in rows(sqlite_url, "section55_obligations")}
    assert obligations == {(p.pid, f) for p in LOADED for f in p.forces}  # Avon opens none
    quarantined = _quarantined(sqlite_url)
    broken = direct.BROKEN.strip("/").split("/")[-1]
    assert any(q["stage"] == "extract" and "HTML page titled \"Maintenance" in q["reason"]
               for q in quarantined[broken])  # the unrecognised page, saying what it was
    assert any(q["stage"] == "discover" and q["source_url"].endswith(direct.STRAY)
               for q in quarantined[direct.CLEVELAND.pid])  # the link not followed
    lines = "\n".join(report.lines())
    assert f"1 listed items not loaded: {broken}" in lines
    assert f"news shows {direct.NORFOLK.pid}, which the listing and the store lack" in lines
    assert "source sitemap: not served by the site" in lines
    assert report.status == "completed"


@pytest.mark.parametrize("path", ["/*", "/peel-reports/*"])
def test_a_night_the_cdn_answers_403_is_a_failed_run_that_removes_nothing(
        tmp_data_dir: Path, sqlite_url: str, path: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        _run(server, tmp_data_dir, sqlite_url)
        before = snapshot(sqlite_url, timestamps=False)
        server.add_fault(path, Fault("status", status=403))
        with pytest.raises(RunFailed, match=r"refused .*HTTP 403.*User-Agent"):
            _run(server, tmp_data_dir, sqlite_url)
    after = snapshot(sqlite_url, timestamps=False)
    grew = set(after.pop("quarantine")) - set(before.pop("quarantine"))
    assert all("'fetch'" in row and "HTTP 403" in " ".join(row) for row in grew)
    assert after == before  # nothing removed, nothing changed
    assert [r["status"] for r in sorted(rows(sqlite_url, "runs"),
                                        key=lambda r: r["started_at"])] == ["completed", "failed"]


def test_a_challenge_page_served_with_200_fails_the_run(tmp_data_dir: Path,
                                                        sqlite_url: str) -> None:
    site = build_direct_site()
    site.put("/publications/", "<html><head><title>Just a moment...</title></head><body>"
             "<div id='cf-chl-widget'>Checking your browser</div></body></html>")
    with ReplicaServer(site) as server, pytest.raises(RunFailed, match="challenge"):
        _run(server, tmp_data_dir, sqlite_url)
    assert rows(sqlite_url, "publications") == []
    assert [r["status"] for r in rows(sqlite_url, "runs")] == ["failed"]


def test_a_banner_on_every_page_changes_no_publication(tmp_data_dir: Path,
                                                       sqlite_url: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        _run(server, tmp_data_dir, sqlite_url)
        before = snapshot(sqlite_url, timestamps=False)
        for path, html in direct.pages(banner=True).items():
            server.site.put(path, html)
        time.sleep(0.2)
        seen = len(server.requests)
        report = _run(server, tmp_data_dir, sqlite_url)
        time.sleep(0.2)
        refetched = {r.path for r in server.requests[seen:] if r.status == 200}
    pages = {p.path for p in LOADED if not p.path.endswith(".pdf")}  # a PDF has no banner
    assert pages <= refetched  # every page re-read, banner and all
    assert report.summary.changed == 0 and report.summary.new == 0
    after = snapshot(sqlite_url, timestamps=False)
    assert after["publication_changes"] == [] and after["finding_history"] == []
    for table in ("recommendations", "grades", "section55_obligations", "publication_forces"):
        assert after[table] == before[table]


def test_a_corrected_report_keeps_the_old_wording_in_history_and_the_dates(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    kent = direct.KENT
    notice = ("This report was updated on 20 June 2025 to correct the wording of "
              "recommendation 2.")
    with ReplicaServer(build_direct_site()) as server:
        _run(server, tmp_data_dir, sqlite_url)
        deadlines = {(o["force_id"], o["statutory_deadline"], o["practice_deadline"])
                     for o in rows(sqlite_url, "section55_obligations")
                     if o["publication_id"] == kent.pid}
        server.site.put("/publication-html/kent-fraud/", direct.kent_html(
            False, second="review every fraud report within 28 days", added=True))
        server.site.put(kent.path, direct.pages()[kent.path].replace(
            "<h1>" + kent.title.replace("&", "&amp;") + "</h1>",
            f"<h1>{kent.title}</h1><p>{notice}</p>"))
        report = _run(server, tmp_data_dir, sqlite_url)
    assert report.summary.changed == 1
    pub = next(r for r in rows(sqlite_url, "publications") if r["publication_id"] == kent.pid)
    assert pub["published_on"] == kent.published_on and pub["corrections"] == [notice]
    texts = {r["ref"]: r["text"] for r in rows(sqlite_url, "recommendations")
             if r["publication_id"] == kent.pid}
    assert "review every fraud report within 28 days" in texts["2"] and "3" in texts
    history = {(h["ref"], h["change"]): h for h in rows(sqlite_url, "finding_history")}
    assert set(history) == {("2", "reworded"), ("3", "added")}
    assert "improve how it records reports of fraud" in history[("2", "reworded")]["old_text"]
    assert history[("2", "reworded")]["corrections"] == [notice]
    assert {(o["force_id"], o["statutory_deadline"], o["practice_deadline"])
            for o in rows(sqlite_url, "section55_obligations")
            if o["publication_id"] == kent.pid} == deadlines


def _durham_pdf(second: str, added: bool) -> bytes:
    paras = ["We inspected the response to stalking.", "Recommendations",
             "Recommendation 1: By 31 December 2025, Durham Constabulary should make sure "
             "that every stalking report is risk assessed within 24 hours.",
             f"Recommendation 2: By 31 December 2025, Durham Constabulary should {second}."]
    if added:
        paras += ["Area for improvement 1: The force should improve how it tells victims "
                  "of stalking about protection orders."]
    return tiny_pdf(direct.DURHAM.title, paras)


def test_a_corrected_pdf_at_the_same_url_is_a_change_with_history_and_the_same_dates(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    durham = direct.DURHAM
    notice = ("This report was updated on 25 June 2025 to correct the wording of "
              "recommendation 2 and to add an area for improvement.")
    first, second = "train its call handlers to recognise stalking", \
        "train every call handler and response officer to recognise stalking"
    with ReplicaServer(build_direct_site()) as server:
        server.site.put("/uploads/durham-stalking.pdf", _durham_pdf(first, False), direct.PDF)
        _run(server, tmp_data_dir, sqlite_url)
        before = {r["ref"]: r["text"] for r in rows(sqlite_url, "recommendations")
                  if r["publication_id"] == durham.pid}
        deadlines = {(o["force_id"], o["statutory_deadline"], o["practice_deadline"])
                     for o in rows(sqlite_url, "section55_obligations")
                     if o["publication_id"] == durham.pid}
        server.site.put("/uploads/durham-stalking.pdf", _durham_pdf(second, True), direct.PDF)
        server.site.put(durham.path, direct.pages()[durham.path].replace(
            "<h1>" + durham.title + "</h1>", f"<h1>{durham.title}</h1><p>{notice}</p>"))
        report = _run(server, tmp_data_dir, sqlite_url)
    assert set(before) == {"1", "2"} and first in before["2"] and deadlines
    assert report.summary.changed == 1
    pub = next(r for r in rows(sqlite_url, "publications") if r["publication_id"] == durham.pid)
    assert pub["published_on"] == durham.published_on and pub["corrections"] == [notice]
    after = [r for r in rows(sqlite_url, "recommendations") if r["publication_id"] == durham.pid]
    assert second in next(r["text"] for r in after if r["ref"] == "2")
    assert any(r["kind"] == "area_for_improvement" and "protection orders" in r["text"]
               for r in after)
    history = [h for h in rows(sqlite_url, "finding_history")
               if h["publication_id"] == durham.pid]
    reworded = [h for h in history if h["change"] == "reworded"]
    assert [h["ref"] for h in reworded] == ["2"] and first in reworded[0]["old_text"]
    assert {h["change"] for h in history} == {"reworded", "added"}
    assert all(h["corrections"] == [notice] for h in history)
    assert {(o["force_id"], o["statutory_deadline"], o["practice_deadline"])
            for o in rows(sqlite_url, "section55_obligations")
            if o["publication_id"] == durham.pid} == deadlines


def _clean_tables(server: ReplicaServer, tmp_path: Path) -> dict:
    """The tables of one uninterrupted run on the same server (same URLs)."""
    data = tmp_path / "clean"
    data.mkdir()
    db = f"sqlite:///{data / 'h.db'}"
    _run(server, data, db)
    return snapshot(db, timestamps=False)


def test_a_failing_listing_page_2_on_a_first_run_fails_and_the_next_run_catches_up(
        tmp_path: Path, tmp_data_dir: Path, sqlite_url: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        server.add_fault("/publications/page/2/", Fault("status", status=404))
        with pytest.raises(RunFailed, match="listing page"):
            _run(server, tmp_data_dir, sqlite_url)
        assert [r["status"] for r in rows(sqlite_url, "runs")] == ["failed"]
        assert rows(sqlite_url, "publications")  # page 1 was loaded all the same
        server.clear_faults()
        assert _run(server, tmp_data_dir, sqlite_url).status == "completed"
        assert snapshot(sqlite_url, timestamps=False) == _clean_tables(server, tmp_path)


def test_loads_that_never_committed_are_picked_up_by_the_next_run(
        tmp_path: Path, tmp_data_dir: Path, sqlite_url: str) -> None:
    """As after a kill between two publications' transactions: rows missing for some
    publications (on both listing pages) and a document never fetched."""
    with ReplicaServer(build_direct_site()) as server:
        _run(server, tmp_data_dir, sqlite_url)
        engine = sa.create_engine(sqlite_url)
        with engine.begin() as conn:
            for pid in (direct.ESSEX.pid, direct.CLEVELAND.pid):
                for table in ("recommendation_register", "recommendations", "grades",
                              "section55_obligations", "publication_forces", "documents",
                              "publications"):
                    conn.execute(sa.text(f"DELETE FROM {table} WHERE publication_id = :p"),
                                 {"p": pid})
            conn.execute(sa.text("UPDATE documents SET sha256 = NULL, status = 'missing' "
                                 "WHERE publication_id = :p"), {"p": direct.DURHAM.pid})
        engine.dispose()
        assert _run(server, tmp_data_dir, sqlite_url).status == "completed"
        assert snapshot(sqlite_url, timestamps=False) == _clean_tables(server, tmp_path)
