"""Page types through the registry: recognition by content, unrecognised documents, and a
page type added through the registry alone reaching both `hmicfrs extract` and the
pipeline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.urls import SiteUrls
from extractors.pages import registry
from extractors.pages.base import PageContext, is_html
from extractors.records import DocumentLink, Extraction, Finding, ProblemCode
from flows.extract_one import extract_document
from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer
from tests.replica.site import Resource, Site

TOY_MARK = b'<meta name="toy-page" content="1">'
TOY_TEXT = "The toy page type read this finding."


class ToyPage:
    """A page type the product does not have: recognised by a mark in its head."""

    name = "toy_page"
    positions = ("html",)

    def recognise(self, data: bytes, url: str) -> float:
        return 0.95 if is_html(data) and TOY_MARK in data[:2048] else 0.0

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        return Extraction(url, self.name, recommendations=[
            Finding("recommendation", "T1", TOY_TEXT)])

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        return []


def _toy_page() -> bytes:
    return (b"<!doctype html><html><head>" + TOY_MARK + b"<title>Toy</title></head>"
            b"<body><main><h1>Toy report</h1><p>Nothing the other types read.</p></main>"
            b"</body></html>")


@pytest.fixture
def with_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy page type added the way a new one is: one line in the registry."""
    monkeypatch.setattr(registry, "PAGE_TYPES", [*registry.PAGE_TYPES, ToyPage()])


def test_a_toy_page_type_reaches_hmicfrs_extract(with_toy: None, tmp_path: Path) -> None:
    page = tmp_path / "toy.html"
    page.write_bytes(_toy_page())
    out = extract_document(str(page))
    assert out["kind"] == "toy_page"
    assert [(r["ref"], r["text"]) for r in out["recommendations"]] == [("T1", TOY_TEXT)]


def test_a_toy_page_type_reaches_the_pipeline(with_toy: None, replica_site: Site,
                                              tmp_data_dir: Path) -> None:
    site = replica_site.copy()
    pub = site.truth.publications["btp-response-to-vawg-on-the-railway"]
    (doc,) = pub.documents
    site.set(doc.path, Resource(_toy_page(), "text/html; charset=utf-8"))
    db_url = f"sqlite:///{tmp_data_dir / 'hmicfrs.db'}"
    with ReplicaServer(site) as served:
        run(served.url, tmp_data_dir, db_url)
    stored = [r for r in rows(db_url, "recommendations")
              if r["publication_id"] == pub.slug]
    assert [(r["ref"], r["text"], r["source_url"].endswith(doc.path)) for r in stored] == \
        [("T1", TOY_TEXT, True)]


def test_without_the_toy_its_page_is_just_an_html_report(tmp_path: Path) -> None:
    assert registry.page_type_for(_toy_page(), "https://x.test/r/").name == "report_html"


def test_a_document_no_page_type_recognises_is_a_problem(tmp_path: Path) -> None:
    for data in (b"PK\x03\x04 a spreadsheet", b"", b"plain words, no markup"):
        ext = registry.extract(data, "https://x.test/uploads/annex.pdf")
        assert ext.kind == "unrecognised" and ext.recommendations == []
        assert [(p.stage, p.code) for p in ext.problems] == \
            [("extract", ProblemCode.UNRECOGNISED)]


def test_the_url_alone_never_decides(replica_site: Site) -> None:
    """The same bytes read as the same page type whatever the URL says."""
    names = {}
    for path in replica_site.paths():
        res = replica_site.get(path)
        if res is None or path.endswith((".txt", ".xml")):
            continue
        here = registry.page_type_for(res.body, "https://x.test" + path)
        elsewhere = registry.page_type_for(res.body, "/tmp/" + re.sub(r"\W", "_", path))
        names[path] = (here.name if here else None, elsewhere.name if elsewhere else None)
    differ = {p: n for p, n in names.items() if n[0] != n[1]}
    assert differ == {}
    assert {n[0] for n in names.values()} == {"listing_page", "publication_page", "peel_report",
                                              "report_html", "report_pdf"}


def test_pipeline_positions_narrow_the_choice(replica_site: Site) -> None:
    landing = replica_site.get(replica_site.truth.reference.path).body
    urls = SiteUrls()
    assert registry.page_type_for(landing, "u").name == "publication_page"
    assert registry.page_type_for(landing, "u", PageContext(position="pdf", urls=urls)) is None
    listed = registry.extract(b"<html><body><p>nothing</p></body></html>", "u",
                              PageContext(position="listed", urls=urls))
    assert listed.kind == "publication_page"
    assert "no publication date on the landing page" in [p.reason for p in listed.problems]
