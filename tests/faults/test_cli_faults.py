"""Hostile documents through the real pipeline, the CLI run as a process against the
replica on 127.0.0.1: a compression bomb, a 100,000-page PDF, a trickling download and
injection strings in a title. Each run goes on, records what it refused with the figure,
writes nothing outside its data directory, and a clean run afterwards ends with the same
tables as a run that never saw the faults."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from extractors.pdf.limits import MAX_INFLATED_BYTES, MAX_PAGES
from tests.faults.hostile_pdfs import compression_bomb, many_pages
from tests.flows.helpers import rows, snapshot
from tests.flows.test_cli import hmicfrs
from tests.replica.server import Fault, ReplicaServer
from tests.replica.site import PDF, Resource, Site

AS_OF = "2025-09-01"
ENV = {"HMICFRS_WATCH_DAYS": "100000", "HMICFRS_DOWNLOAD_BUDGET": "3",
       "HMICFRS_MAX_TRIES": "3"}
HOSTILE_TITLE = ('=HYPERLINK("http://evil.example/") <script>alert(1)</script> '
                 '<img src=x onerror=alert(1)> [link](javascript:alert(1))')


def _run(server: ReplicaServer, data: Path, cwd: Path) -> None:
    proc = hmicfrs("run", "--engine", "direct", "--site", server.url, "--as-of", AS_OF,
                   data_dir=data, env=ENV, check=False, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def _targets(site: Site, n: int) -> list[tuple[str, str, str]]:
    """(publication slug, English PDF path, HTML report path) of ``n`` publications that
    load normally and stand on the first listing page (which every nightly run reads
    again; discovery past it is not this test's concern)."""
    found = []
    first_page = site.get("/publications/")
    assert first_page is not None
    for pub in site.truth.stored():
        if pub.path.encode() not in first_page.body:
            continue
        pdfs = [d.path for d in pub.documents
                if d.kind == "pdf" and d.language == "en" and not d.corrupt]
        htmls = [d.path for d in pub.documents if d.kind == "html" and d.language == "en"]
        if pdfs and htmls and pub.is_police_inspection and not pub.generated:
            found.append((pub.slug, pdfs[0], htmls[0]))
    assert len(found) >= n
    return found[:n]


def _outside(tmp: Path, data: Path) -> list[str]:
    return sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*")
                  if data not in p.parents and p != data)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, replica_site: Site):  # type: ignore[no-untyped-def]
    """The tables after one run over the untouched replica."""
    tmp = tmp_path_factory.mktemp("baseline")
    data, cwd = tmp / "data", tmp / "cwd"
    cwd.mkdir()
    with ReplicaServer(replica_site.copy()) as server:
        _run(server, data, cwd)
    return _tables(f"sqlite:///{data / 'hmicfrs.db'}")


def _tables(db: str) -> dict[str, list[tuple[str, ...]]]:
    """Every table without timestamps, the replica's port and the quarantine row ids
    (rows name the site they came from, and each test serves it on another port)."""
    def plain(cell: str) -> str:
        return re.sub(r"http://127\.0\.0\.1:\d+", "SITE", cell)
    out = {}
    for name, table in snapshot(db, timestamps=False).items():
        cut = 1 if name == "quarantine" else 0  # its id hashes the source URL
        out[name] = sorted(tuple(plain(c) for c in row[cut:]) for row in table)
    return out


def test_bomb_huge_page_count_and_trickle_are_quarantined_and_the_run_goes_on(
        tmp_path: Path, replica_site: Site, baseline) -> None:  # type: ignore[no-untyped-def]
    data, cwd = tmp_path / "data", tmp_path / "cwd"
    cwd.mkdir()
    site = replica_site.copy()
    (bomb_pub, bomb_pdf, slow_doc), (pages_pub, pages_pdf, _) = _targets(site, 2)
    slow_pub = bomb_pub
    site.set(bomb_pdf, Resource(compression_bomb(MAX_INFLATED_BYTES + (16 << 20)), PDF))
    site.set(pages_pdf, Resource(many_pages(100_000), PDF))
    db = f"sqlite:///{data / 'hmicfrs.db'}"
    with ReplicaServer(site) as server:
        server.add_fault(slow_doc, Fault("trickle", seconds=0.2, size=64))
        _run(server, data, cwd)
        [run] = rows(db, "runs")
        assert run["status"] == "completed"
        reasons = {q["source_url"].removeprefix(server.url): (q["stage"], q["reason"], q["record"])
                   for q in rows(db, "quarantine")}
        stage, reason, record = reasons[bomb_pdf]
        record = record if isinstance(record, dict) else json.loads(record)
        assert stage == "extract" and "decompressed-size cap" in reason
        assert record["figure"] > MAX_INFLATED_BYTES and record["limit"] == MAX_INFLATED_BYTES
        stage, reason, record = reasons[pages_pdf]
        record = record if isinstance(record, dict) else json.loads(record)
        assert stage == "extract" and f"100000 pages (cap {MAX_PAGES})" in reason
        assert record["figure"] == 100_000
        stage, reason, _ = reasons[slow_doc]
        assert stage == "fetch" and "download over its time budget of 3 s" in reason
        assert len([r for r in rows(db, "fetch_log") if r["url"].endswith(slow_doc)]) == 1
        # the rest loaded: every publication is there, the faulted ones too
        stored = {p["publication_id"] for p in rows(db, "publications")}
        assert {bomb_pub, pages_pub, slow_pub} <= stored
        assert len(stored) == len(baseline["publications"])
        assert _outside(tmp_path, data) == ["cwd"]

        server.clear_faults()
        server.site = replica_site.copy()
        _run(server, data, cwd)
    runs = sorted(rows(db, "runs"), key=lambda r: r["started_at"])
    assert [r["status"] for r in runs] == ["completed", "completed"]
    assert _tables(db) == baseline  # nothing lost, nothing left over
    assert _outside(tmp_path, data) == ["cwd"]


def test_injection_strings_in_a_title_come_out_inert(tmp_path: Path, replica_site: Site) -> None:
    from markdown_it import MarkdownIt
    data, cwd = tmp_path / "data", tmp_path / "cwd"
    cwd.mkdir()
    site = replica_site.copy()
    ref = site.truth.reference
    page = site.get(ref.path)
    assert page is not None
    body = page.body.decode("utf-8").replace(html.escape(ref.title, quote=False),
                                             html.escape(HOSTILE_TITLE, quote=False))
    assert HOSTILE_TITLE not in body and html.escape(HOSTILE_TITLE, quote=False) in body
    site.put(ref.path, body)
    with ReplicaServer(site) as server:
        _run(server, data, cwd)
    db = f"sqlite:///{data / 'hmicfrs.db'}"
    [stored] = [p for p in rows(db, "publications") if p["publication_id"] == ref.slug]
    assert stored["title"] == HOSTILE_TITLE  # stored as the site gave it
    md = hmicfrs("draft-response", ref.slug, "--force", "norfolk", "--format", "md",
                 data_dir=data, cwd=cwd).stdout
    assert "<script" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md) and "\\[link\\](javascript:" in md
    rendered = MarkdownIt("commonmark", {"html": True}).render(md)
    assert "<script" not in rendered and "<img" not in rendered
    assert "javascript:" not in "".join(t.split(">", 1)[0] for t in rendered.split("<")[1:])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown as text
    out = hmicfrs("deadlines", "--format", "csv", "--as-of", AS_OF, data_dir=data,
                  cwd=cwd).stdout
    titles = {r["title"] for r in csv.DictReader(io.StringIO(out)) if r["publication_id"] == ref.slug}
    assert titles == {"'" + HOSTILE_TITLE}
    assert all(not cell.startswith(("=", "+", "-", "@")) or re.fullmatch(r"-\d+", cell)
               for row in csv.reader(io.StringIO(out)) for cell in row)  # numbers stay numbers
    exported = tmp_path / "data" / "export"
    hmicfrs("export", "--format", "csv", "--out", str(exported), data_dir=data, cwd=cwd)
    with (exported / "publications.csv").open(encoding="utf-8") as fh:
        assert "'" + HOSTILE_TITLE in {r["title"] for r in csv.DictReader(fh)}
    assert _outside(tmp_path, data) == ["cwd"]
