"""A report PDF none of whose pages can be read (every page out of reading order, or no
text layer) is a quarantined document, end to end on the direct-links replica served on
127.0.0.1: a quarantine row naming the file and why, its documents row `quarantined`, a
run-summary line; never stored as a report without findings. `hmicfrs extract` prints
the same problem (code `no_text`)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.flows.helpers import rows, run
from tests.flows.test_cli import hmicfrs
from tests.generated_pdfs import Part, ReportSpec, build_report
from tests.replica.server import ReplicaServer
from tests.replica.site import PDF
from tests.replica_direct.site import AS_OF, DURHAM, build_direct_site

PDF_PATH = "/uploads/durham-stalking.pdf"     # the file Durham's landing page links
PARTS = [Part("filler", 3), Part("recommendations", 3, style="label"), Part("filler", 4),
         Part("afis", 2)]
WHY = "no page of the document could be read"


def _report(text_order: str = "normal") -> tuple[bytes, int]:
    data, expected = build_report(ReportSpec(PARTS, seed=5, title=DURHAM.title,
                                             text_order=text_order))
    return data, len(expected)


def _scan() -> bytes:
    """Three pages of pictures (filled shapes) and no text layer."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(3):
        c.rect(80, 120, 420, 600, stroke=0, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def _run_with(pdf: bytes, data_dir: Path, db: str):  # type: ignore[no-untyped-def]
    site = build_direct_site()
    site.put(PDF_PATH, pdf, PDF)
    with ReplicaServer(site) as server:
        report = run(server.url, data_dir, db, as_of=AS_OF)
        url = server.url + PDF_PATH
    docs = {d["url"]: d for d in rows(db, "documents")}
    doc = next(d for u, d in docs.items() if u.endswith(PDF_PATH))
    findings = [r for r in rows(db, "recommendations") if r["publication_id"] == DURHAM.pid]
    quarantine = [q for q in rows(db, "quarantine") if q["source_url"].endswith(PDF_PATH)]
    return report, url, doc, findings, quarantine


def test_the_readable_report_loads_its_findings(tmp_data_dir: Path, sqlite_url: str) -> None:
    data, printed = _report()
    report, _, doc, findings, quarantine = _run_with(data, tmp_data_dir, sqlite_url)
    assert report.status == "completed"
    assert doc["status"] == "extracted" and len(findings) == printed >= 4
    assert quarantine == []


def test_a_report_whose_every_page_is_scrambled_is_a_quarantined_document(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    data, _ = _report("shuffled")
    report, url, doc, findings, quarantine = _run_with(data, tmp_data_dir, sqlite_url)
    assert report.status == "completed"
    assert doc["status"] == "quarantined" and findings == []
    assert [(q["stage"], q["source_url"]) for q in quarantine] == [("extract", url)]
    reason = quarantine[0]["reason"]
    assert WHY in reason and "out of reading order" in reason and "quarantined" in reason
    assert quarantine[0]["record"]["pages"] and quarantine[0]["record"]["publication_id"] == \
        DURHAM.pid
    assert f"  quarantine extract: {reason} ({url})" in report.lines()
    pubs = {p["publication_id"] for p in rows(sqlite_url, "publications")}
    assert DURHAM.pid in pubs                      # the publication itself is loaded


def test_a_report_without_a_text_layer_is_a_quarantined_document(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    report, url, doc, findings, quarantine = _run_with(_scan(), tmp_data_dir, sqlite_url)
    assert doc["status"] == "quarantined" and findings == []
    assert len(quarantine) == 1 and WHY in quarantine[0]["reason"]
    assert "3 without text" in quarantine[0]["reason"]
    assert quarantine[0]["record"]["pages_without_text"] == [1, 2, 3]
    assert f"  quarantine extract: {quarantine[0]['reason']} ({url})" in report.lines()


def test_extract_prints_the_unreadable_document_problem(tmp_path: Path) -> None:
    """From a file and from its URL on the replica: the contract's JSON with no findings
    and the one `no_text` problem saying why (exit 0, as for a corrupt file)."""
    data, _ = _report("reversed")
    path = tmp_path / "durham.pdf"
    path.write_bytes(data)
    site = build_direct_site()
    site.put(PDF_PATH, data, PDF)
    with ReplicaServer(site) as server:
        outs = [json.loads(hmicfrs("extract", where, data_dir=tmp_path).stdout)
                for where in (str(path), server.url + PDF_PATH)]
    for out in outs:
        assert out["recommendations"] == []
        assert [(p["stage"], p["code"]) for p in out["problems"]] == [("extract", "no_text")]
        assert WHY in out["problems"][0]["reason"]


def test_words_out_of_order_are_read_and_the_run_names_the_file_and_pages(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    """Every line's words drawn out of order on one-column pages: the findings load as
    printed and the run note names the document's pages (#page=N), not a bare page."""
    data, printed = _report("words")
    report, url, doc, findings, quarantine = _run_with(data, tmp_data_dir, sqlite_url)
    assert doc["status"] == "extracted" and len(findings) == printed and quarantine == []
    notes = [line for line in report.lines() if "out of order within lines" in line]
    assert len(notes) == 1 and notes[0].endswith(f"({url}#page=1)"), notes
