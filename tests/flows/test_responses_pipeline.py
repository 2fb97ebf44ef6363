"""Responses published after a report: a landing page gains its responses section (PDF on
the inspectorate's asset host, an HTML page on a commissioner's own site, an undated
letter, an unmatched body); the next nightly run marks each obligation, a manual record
stands, a no-change night is only conditional requests, and a vanished link keeps its row."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
import pytest

from flows.pipeline import run_pipeline
from flows.settings import Settings
from store.db import default_db_url, open_store
from store.queries import record_response
from tests.flows.helpers import rows
from tests.flows.test_cli import hmicfrs
from tests.replica.catalogue import REFERENCE_SLUG
from tests.replica.minipdf import tiny_pdf
from tests.replica.server import ReplicaServer
from tests.replica.site import Site, build_site

LANDING = f"/publications/{REFERENCE_SLUG}/"
ASSETS = "https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads"
SECTION = """<h2>Get the police and crime commissioners’ responses to the report</h2><ul>
<li><a href="{assets}/norfolk-pcc-response.pdf">Norfolk PCC’s response (PDF document)</a></li>
<li><a href="{pcc}/hmicfrs/crime-recording/">Gwent PCC’s response</a></li>
<li><a href="/uploads/cheshire-pcc-letter.pdf">Cheshire police and crime commissioner’s letter in response to ‘{title}’ (PDF document)</a></li>
<li><a href="/uploads/dorset-pcc.pdf">Dorset PCC’s response (PDF document)</a></li>
<li><a href="/uploads/federation.pdf">Police Federation’s response (PDF document)</a></li>
</ul><p>Find out why we publish PCC responses.</p>"""


def _settings(site: str, data: Path, as_of: date) -> Settings:
    return Settings(site=site, db_url=default_db_url(data), data_dir=data, as_of=as_of,
                    rate_per_second=0, max_tries=2, timeout=5, backoff_base=0.01,
                    watch_days=120)


@pytest.fixture()
def sites(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    main, pcc = build_site(), Site()
    pcc.put("/hmicfrs/crime-recording/", "<html><body><main><h1>Our response to HMICFRS</h1>"
            "<p>Date: 30 October 2025</p><p>The report published on 28 August 2025 ...</p>"
            "</main></body></html>")
    pcc.put("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    with ReplicaServer(main) as server, ReplicaServer(pcc) as pcc_server:
        monkeypatch.setenv("HMICFRS_RESPONSE_HOSTS", pcc_server.url.split("//", 1)[1])
        yield main, server, pcc_server


def _publish_responses(main: Site, pcc_url: str) -> None:
    page = main.get(LANDING).body.decode()
    section = SECTION.format(assets=ASSETS, pcc=pcc_url, title="How effectively do the police record crime?")
    main.put(LANDING, page.replace("</main>", section + "</main>"))
    main.put("/uploads/norfolk-pcc-response.pdf", tiny_pdf(
        "Norfolk PCC response", ["14 October 2025", "Thank you for your report published "
                                 "on 28 August 2025."]), "application/pdf")
    main.put("/uploads/cheshire-pcc-letter.pdf", tiny_pdf(
        "Cheshire PCC", ["We welcome the report published on 28 August 2025."]),
        "application/pdf")
    main.put("/uploads/dorset-pcc.pdf", tiny_pdf("Dorset PCC", ["1 September 2025"]),
             "application/pdf")
    main.put("/uploads/federation.pdf", tiny_pdf("Federation", ["1 October 2025"]),
             "application/pdf")


def _obligation(db: str, force: str) -> dict:
    [row] = [r for r in rows(db, "section55_obligations")
             if r["publication_id"] == REFERENCE_SLUG and r["force_id"] == force]
    return row


def test_responses_found_on_the_site_settle_their_obligations(sites, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main, server, pcc = sites
    data = tmp_path / "data"
    data.mkdir()
    db = default_db_url(data)
    first = run_pipeline(_settings(server.url, data, date(2025, 9, 1)), command="run")
    assert first.status == "completed" and _obligation(db, "norfolk")["responded_on"] is None

    engine = open_store(db)  # Dorset's office recorded its response by hand first
    with engine.begin() as conn:
        record_response(conn, REFERENCE_SLUG, "dorset", date(2025, 10, 2), "https://pcc/d",
                        recorded_on=date(2025, 10, 2))
    engine.dispose()
    _publish_responses(main, pcc.url)
    second = run_pipeline(_settings(server.url, data, date(2025, 11, 1)), command="run")

    assert second.status == "completed"
    assert sorted(f for _, f, _ in second.summary.responses_found) == \
        ["cheshire", "dorset", "gwent", "norfolk"]
    assert any("responses found: 4" in line for line in second.lines())
    norfolk, gwent, cheshire, dorset = (_obligation(db, f) for f in
                                        ("norfolk", "gwent", "cheshire", "dorset"))
    assert (norfolk["responded_on"], norfolk["responded_on_source"], norfolk["status"],
            norfolk["response_url"]) == (date(2025, 10, 14), "document", "responded",
                                         f"{ASSETS.replace('assets-', '')}/norfolk-pcc-response.pdf")
    assert (gwent["responded_on"], gwent["responded_on_source"], gwent["status"]) == \
        (date(2025, 10, 30), "document", "responded_late")
    assert gwent["response_url"] == f"{pcc.url}/hmicfrs/crime-recording/"
    assert (cheshire["responded_on"], cheshire["responded_on_source"], cheshire["status"]) == \
        (date(2025, 11, 1), "first_seen", "responded_late")
    assert (dorset["responded_on"], dorset["responded_on_source"], dorset["response_url"]) == \
        (date(2025, 10, 2), "manual", "https://pcc/d")  # the site never overwrites it
    quarantined = [q for q in rows(db, "quarantine") if q["stage"] == "response"]
    assert [("Police Federation" in q["reason"]) for q in quarantined] == [True]
    site_rows = [r for r in rows(db, "responses") if r["source"] == "site"]
    assert len(site_rows) == 4 and all(r["sha256"] for r in site_rows)
    steps = {(s["force_id"], s["source"]) for s in rows(db, "obligation_steps")
             if s["step"] == "published"}
    assert {("norfolk", "site"), ("gwent", "site"), ("cheshire", "site")} <= steps
    assert ("dorset", "site") not in steps  # a manual response is the office's own record
    assert not [p for p in rows(db, "publication_changes") if p["field"] == "published_on"]

    listed = json.loads(hmicfrs("responses", "--format", "json", data_dir=data).stdout)
    assert sorted((r["force_id"], r["source"], r["on_time"]) for r in listed) == [
        ("cheshire", "site", False), ("dorset", "manual", True), ("dorset", "site", True),
        ("gwent", "site", False), ("norfolk", "site", True)]
    late = json.loads(hmicfrs("responses", "--late", "--format", "json", "--force", "Gwent",
                              data_dir=data).stdout)
    assert [(r["force_id"], r["responded_on"], r["responded_on_source"]) for r in late] == [
        ("gwent", "2025-10-30", "document")]
    ics = hmicfrs("deadlines", "--force", "norfolk", "--format", "ics", data_dir=data).stdout
    [event] = [e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
               if REFERENCE_SLUG in str(e.get("url", ""))]
    assert "Response: https://hmicfrs.justiceinspectorates.gov.uk/uploads/norfolk-pcc-response" \
        ".pdf" in str(event["description"])

    quiet = run_pipeline(_settings(server.url, data, date(2025, 11, 2)), command="run")
    log = [r for r in rows(db, "fetch_log") if r["run_id"] == quiet.run_id]
    assert {r["status"] for r in log} <= {304, 404} and quiet.summary.responses_found == []
    missing = {r["url"].split(server.url, 1)[-1] for r in log if r["status"] == 404}
    assert missing <= {"/news/news-feed/", "/peel-assessments/", "/frs-assessments/",
                       "/sitemap.xml"}  # optional ways in this replica does not serve

    page = main.get(LANDING).body.decode()  # Gwent's link disappears from the page
    main.put(LANDING, page.replace("Gwent PCC’s response", "").replace(
        f'<li><a href="{pcc.url}/hmicfrs/crime-recording/"></a></li>', ""))
    run_pipeline(_settings(server.url, data, date(2025, 11, 3)), command="run")
    kept = [r for r in rows(db, "responses") if r["force_id"] == "gwent"]
    assert len(kept) == 1 and kept[0]["last_seen_on"] == date(2025, 11, 1)  # last read with it
    assert _obligation(db, "gwent")["responded_on"] == date(2025, 10, 30)
