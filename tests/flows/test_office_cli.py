"""The office tracker end to end through the CLI: a run on the replica, then the checklist,
the register (kept across reprocessing), reminders and the draft's statuses."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest
from icalendar import Calendar

from flows.cli_office import render_register
from tests.flows.test_cli import hmicfrs
from tests.replica.server import ReplicaServer


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, replica_site):  # type: ignore[no-untyped-def]
    """A data directory after one direct run over the replica (as of 2025-09-01)."""
    data = tmp_path_factory.mktemp("office") / "data"
    with ReplicaServer(replica_site.copy()) as server:
        out = hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of",
                      "2025-09-01", data_dir=data).stdout
    assert "recommendation_register: +" in out
    return data, replica_site.truth.reference.slug


def _register(data: Path, *args: str) -> list[dict]:
    return json.loads(hmicfrs("recommendations", "--format", "json", *args, data_dir=data).stdout)


def _fails(data: Path, *args: str) -> str:
    proc = hmicfrs(*args, data_dir=data, check=False)
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    return proc.stderr


def test_register_checklist_reminders_and_reprocess(office) -> None:  # type: ignore[no-untyped-def]
    data, ref = office
    norfolk = _register(data, "--force", "norfolk")
    ours = [r for r in norfolk if r["publication_id"] == ref]
    assert [r["ref"] for r in ours] == ["1", "2", "3"]
    assert {r["status"] for r in ours} == {"awaiting review"}
    everyone = _register(data)
    assert len([r for r in everyone if r["publication_id"] == ref]) == 43 * 3
    joint = {r["ref"] for r in everyone if r["publication_id"] == "joint-inspection-rape-cumbria"}
    assert joint == {"1"}  # recommendation 2 is addressed to the CPS alone
    rid = ours[0]["register_id"]

    out = hmicfrs("recommendation-update", rid, "--status", "being progressed", "--date",
                  "2025-09-10", "--note", "CDI board", data_dir=data).stdout
    assert "being progressed since 2025-09-10" in out
    assert "--status must be one of" in _fails(data, "recommendation-update", rid, "--status",
                                               "done", "--date", "2025-09-10")
    assert "before the publication" in _fails(data, "recommendation-update", rid, "--status",
                                              "complete", "--date", "2025-08-01")
    assert "unknown register id" in _fails(data, "recommendation-update", "rr-000000000000",
                                           "--status", "complete", "--date", "2025-09-10")
    progressed = _register(data, "--force", "norfolk", "--status", "being progressed")
    assert [r["register_id"] for r in progressed] == [rid]
    rows = list(csv.DictReader(io.StringIO(hmicfrs(
        "recommendations", "--force", "norfolk", "--since", "2025-09-05", "--format", "csv",
        data_dir=data).stdout)))
    assert [r["register_id"] for r in rows] == [rid]

    shown = hmicfrs("checklist", ref, "--force", "norfolk", "--step", "comments_requested",
                    "--date", "2025-09-01", "--note", "asked the ACC", data_dir=data).stdout
    assert "[x] comments_requested" in shown and "asked the ACC" in shown
    assert "unknown checklist step" in _fails(data, "checklist", ref, "--force", "norfolk",
                                              "--step", "pigeon", "--date", "2025-09-02")
    assert "before the publication" in _fails(data, "checklist", ref, "--force", "norfolk",
                                              "--step", "inspectorate", "--date", "2025-01-02")
    hmicfrs("respond", ref, "--force", "norfolk", "--date", "2025-10-20", "--url",
            "https://opccnorfolk.example/response.pdf", "--as-of", "2025-10-21", data_dir=data)
    shown = hmicfrs("checklist", ref, "--force", "norfolk", data_dir=data).stdout
    published = next(line for line in shown.splitlines() if "] published" in line)
    assert published.startswith("[x]") and "2025-10-20 (manual)" in published
    assert "https://opccnorfolk.example/response.pdf" in published

    deadlines = json.loads(hmicfrs("deadlines", "--force", "norfolk", "--as-of", "2025-09-01",
                                   "--format", "json", data_dir=data).stdout)
    reference = next(r for r in deadlines if r["publication_id"] == ref)
    assert (reference["next_step"], reference["next_step_due"]) == \
        ("comments_received", "2025-10-09")
    essex = hmicfrs("deadlines", "--force", "essex", "--as-of", "2025-09-01", "--format", "ics",
                    "--remind", "10,2", data_dir=data).stdout
    calendar = Calendar.from_ical(essex)
    assert str(calendar["x-wr-calname"]).endswith(": Essex Police")
    by_uid = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    due = by_uid[f"{ref}-essex@hmicfrs"]
    assert sorted(-a.decoded("trigger").days for a in due.walk("VALARM")) == [2, 10]
    assert f"{ref}-essex-comments_requested@hmicfrs" in by_uid
    assert "--remind" in _fails(data, "deadlines", "--format", "ics", "--remind", "soon")

    hmicfrs("reprocess", "--engine", "direct", data_dir=data)
    after = {r["register_id"]: r for r in _register(data, "--force", "norfolk")}
    assert set(after) == {r["register_id"] for r in norfolk}
    assert (after[rid]["status"], after[rid]["status_on"]) == ("being progressed", "2025-09-10")

    draft = hmicfrs("draft-response", ref, "--force", "norfolk", data_dir=data).stdout
    assert f"Register status: being progressed (since 2025-09-10), register id {rid}" in draft
    assert draft.count("Register status: awaiting review") == 2
    path = data / "draft.docx"
    hmicfrs("draft-response", ref, "--force", "norfolk", "--format", "docx", "--out", str(path),
            data_dir=data)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert f"Register status: being progressed (since 2025-09-10), register id {rid}" in texts


def test_register_csv_cannot_carry_a_formula() -> None:
    row = {"register_id": "rr-0123456789ab", "publication_id": "p", "title": "@SUM(A1)",
           "published_on": None, "force_id": "essex", "kind": "recommendation", "ref": "1",
           "text": '=HYPERLINK("http://evil")', "addressee": None, "status": "complete",
           "status_on": None, "in_report": True}
    parsed = next(csv.DictReader(io.StringIO(render_register([row], "csv"))))
    assert parsed["text"] == "'=HYPERLINK(\"http://evil\")" and parsed["title"] == "'@SUM(A1)"
