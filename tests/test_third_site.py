"""The pipeline and extractors on a third, independently written replica (other markup).

Truth comes from tests/replica_third (markup neither tests/replica nor tests/replica_alt
uses): labels in <strong>..</strong><br>, <h4> labels with lists, one pipe-separated meta
line, <dl> with nested lists, a date only in <time> next to its label (dd/mm/yyyy text),
Get-the-report tables, English + Welsh PDFs, an <ol> of <article> listing with arrow-only
paging, <details> accordions, <ol type="a">, two-column and landscape PDF pages, a
grade-first PEEL table, bulleted PEEL judgments, PEEL 2018/19 pillars and a 2019 crime
data integrity grade. A failure here is a product gap on markup it has not seen before.
"""
from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.listing import parse_listing
from extractors.peel_page import extract_peel_page
from extractors.publication_page import extract_publication_page
from extractors.report_html import extract_report_html
from extractors.report_pdf import extract_report_pdf
from reference.forces import forces
from tests.flows.helpers import rows, run
from tests.replica.server import ReplicaServer
from tests.replica.truth import PublicationTruth, Truth, normalise_text
from tests.replica_third.catalogue import PUBLIC
from tests.replica_third.site import PER_PAGE, build_third_site, third_publications

SITE = build_third_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
PSNI = "police-service-of-northern-ireland"
BTP = "british-transport-police"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served third replica; the tables it leaves."""
    data_dir = tmp_path_factory.mktemp("third") / "data"
    data_dir.mkdir()
    db_url = f"sqlite:///{data_dir / 'hmicfrs.db'}"
    with ReplicaServer(build_third_site()) as server:
        report = run(server.url, data_dir, db_url)
        tables = {name: rows(db_url, name) for name in (
            "publications", "publication_forces", "documents", "recommendations", "grades",
            "section55_obligations", "quarantine")}
        yield {"report": report, "server": server, **tables}


def _by_pub(table: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in table:
        out.setdefault(r["publication_id"], []).append(r)
    return out


def _path(url: str) -> str:
    return urlsplit(url).path


def _row(pipeline: dict, slug: str) -> dict[str, Any]:
    row = next((r for r in pipeline["publications"] if r["publication_id"] == slug), None)
    assert row is not None, f"{slug} not stored"
    return row


def _finding_keys(found: list[Any]) -> list[tuple[str, str, str]]:
    return sorted((f["kind"] if isinstance(f, dict) else f.kind,
                   str(f["ref"] if isinstance(f, dict) else f.ref),
                   normalise_text(f["text"] if isinstance(f, dict) else f.text)) for f in found)


def _want_keys(pub: PublicationTruth) -> list[tuple[str, str, str]]:
    return sorted((f.kind, f.ref, normalise_text(f.text)) for f in pub.findings)


# --- the whole pipeline -----------------------------------------------------------------

def test_run_completes_and_stores_exactly_the_good_publications(pipeline: dict) -> None:
    assert pipeline["report"].status == "completed"
    assert sorted(r["publication_id"] for r in pipeline["publications"]) == sorted(STORED)


@pytest.mark.parametrize("slug", STORED)
def test_publication_date_title_and_url(pipeline: dict, slug: str) -> None:
    want = TRUTH.publication(slug)
    row = _row(pipeline, slug)
    assert (row["published_on"], row["title"], row["url"]) == (want.published_on, want.title,
                                                               want.url)


@pytest.mark.parametrize("slug", STORED)
def test_publication_types(pipeline: dict, slug: str) -> None:
    assert tuple(_row(pipeline, slug)["publication_types"]) == \
        TRUTH.publication(slug).publication_types


@pytest.mark.parametrize("slug", STORED)
def test_publication_forces(pipeline: dict, slug: str) -> None:
    want = TRUTH.publication(slug)
    row = _row(pipeline, slug)
    got = {r["force_id"] for r in _by_pub(pipeline["publication_forces"]).get(slug, [])}
    assert (row["all_forces"], got) == (want.all_forces, set(want.forces))


def test_police_inspection_flag(pipeline: dict) -> None:
    got = {r["publication_id"]: r["is_police_inspection"] for r in pipeline["publications"]}
    want = {p.slug: p.is_police_inspection for p in TRUTH.stored()}
    assert got == want


@pytest.mark.parametrize("slug", STORED)
def test_documents_found(pipeline: dict, slug: str) -> None:
    want = sorted((d.path, d.kind, d.language) for d in TRUTH.publication(slug).documents)
    got = sorted((_path(r["url"]), r["kind"], r["language"])
                 for r in _by_pub(pipeline["documents"]).get(slug, []))
    assert got == want
    assert all(r["sha256"] for r in _by_pub(pipeline["documents"]).get(slug, []))


@pytest.mark.parametrize("slug", STORED)
def test_findings_kinds_refs_and_texts(pipeline: dict, slug: str) -> None:
    got = _by_pub(pipeline["recommendations"]).get(slug, [])
    assert _finding_keys(got) == _want_keys(TRUTH.publication(slug))


@pytest.mark.parametrize("slug", [s for s in STORED if TRUTH.publication(s).findings])
def test_findings_force_due_date_and_page(pipeline: dict, slug: str) -> None:
    got = {(r["kind"], str(r["ref"])): r for r in _by_pub(pipeline["recommendations"]).get(slug, [])}
    for f in TRUTH.publication(slug).findings:
        row = got.get((f.kind, f.ref))
        assert row is not None, (f.kind, f.ref)
        assert (row["force_id"], row["due_by"]) == (f.force, f.due_by), (f.kind, f.ref)
        if f.page is not None:
            assert row["page"] == f.page, (f.kind, f.ref)


def test_grades(pipeline: dict) -> None:
    got = sorted((r["publication_id"], r["force_id"], r["area"], r["grade"], r["cycle"])
                 for r in pipeline["grades"])
    want = sorted((slug, g.force, g.area, g.grade, g.cycle) for slug, g in TRUTH.grades())
    assert got == want


def test_obligations(pipeline: dict) -> None:
    """The 43 forces only; BTP's authority may carry a s.55-like row, which is not judged."""
    territorial = set(forces())
    got = {(r["publication_id"], r["force_id"]): (r["local_policing_body"], r["published_on"],
                                                  r["statutory_deadline"], r["practice_deadline"])
           for r in pipeline["section55_obligations"] if r["force_id"] in territorial}
    want = {(slug, o.force_id): (o.local_policing_body, o.published_on, o.statutory_deadline,
                                 o.practice_deadline) for slug, o in TRUTH.obligations()}
    assert set(got) - set(want) == set(), "obligations nobody owes"
    assert set(want) - set(got) == set(), "obligations missing"
    assert {k: got[k] for k in want} == want


def test_no_obligation_for_psni_or_unknown_bodies(pipeline: dict) -> None:
    allowed = set(forces()) | {BTP}
    stray = [(r["publication_id"], r["force_id"]) for r in pipeline["section55_obligations"]
             if r["force_id"] not in allowed]
    assert stray == []


def test_north_yorkshire_obligation_goes_to_the_mayor(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == "peel-2023-25-north-yorkshire-police")
    assert (row["force_id"], row["local_policing_body"], str(row["statutory_deadline"]),
            str(row["practice_deadline"])) == ("north-yorkshire", "Mayor of York and North "
                                               "Yorkshire", "2025-04-07", "2025-04-08")


def test_reference_report_obligation_for_norfolk(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == TRUTH.reference_slug and r["force_id"] == "norfolk")
    assert (str(row["statutory_deadline"]), str(row["practice_deadline"]), row["status"]) == \
        ("2025-10-22", "2025-10-23", "open")


@pytest.mark.parametrize("slug", sorted(TRUTH.quarantined()))
def test_quarantine_reason(pipeline: dict, slug: str) -> None:
    reason = TRUTH.quarantined()[slug]
    path = TRUTH.publication(slug).path
    hits = [q for q in pipeline["quarantine"]
            if _path(q["source_url"]) == path and q["stage"] == "extract"]
    assert hits, f"{slug} not quarantined"
    words = {"no date": ("date",), "unknown force": ("unknown", "force")}[reason]
    assert all(w in hits[0]["reason"].lower() for w in words), hits[0]["reason"]


def test_no_spurious_quarantine(pipeline: dict) -> None:
    expected = {TRUTH.publication(s).path for s in TRUTH.quarantined()}
    expected |= set(TRUTH.robots_disallowed)
    spurious = [(q["stage"], q["source_url"], q["reason"]) for q in pipeline["quarantine"]
                if _path(q["source_url"]) not in expected
                and q["record"].get("publication_id") not in TRUTH.quarantined()]
    assert spurious == []


def test_robots_disallowed_page_never_fetched(pipeline: dict) -> None:
    for path in TRUTH.robots_disallowed:
        assert pipeline["server"].requests_to(path) == []


def test_every_listing_page_was_walked(pipeline: dict) -> None:
    seen = {r.path for r in pipeline["server"].requests}
    assert set(TRUTH.listing_pages) <= seen, sorted(seen)


# --- extractors on single documents ---------------------------------------------------------

PUBS = {p.slug: p for p in third_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    pub = ext.publication
    assert pub.title == want.title
    assert pub.published_on == want.published_on
    assert tuple(pub.publication_types) == want.publication_types
    if want.quarantine != "unknown force":
        assert (pub.all_forces, sorted(pub.forces)) == (want.all_forces, sorted(want.forces))
        assert sorted(pub.other_bodies) == sorted(want.other_bodies)
    docs = sorted((_path(d.url), d.kind, d.language) for d in pub.documents)
    assert docs == sorted((d.path, d.kind, d.language) for d in want.documents)


def test_listing_ol_of_articles_with_arrow_paging() -> None:
    urls = SiteUrls(LOCAL)
    pubs = third_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        assert [_path(i.url) for i in items] == [p.path for p in chunk], n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n
        assert [i.published_on for i in items] == [p.published_on for p in chunk], n


def _docs(kind: str, role: str | None = None) -> list[tuple[str, str]]:
    return [(p.slug, d.path) for p in TRUTH.publications.values() for d in p.documents
            if d.kind == kind and d.language == "en" and (role is None or d.role == role)]


@pytest.mark.parametrize("slug,path", _docs("html", "report"))
def test_extract_report_html(slug: str, path: str) -> None:
    ext = extract_report_html(SITE.get(path).body, PUBLIC + path)
    assert _finding_keys(ext.recommendations) == _want_keys(TRUTH.publication(slug))
    forces_got = {(f.kind, f.ref): (f.force, f.due_by) for f in ext.recommendations}
    assert forces_got == {(f.kind, f.ref): (f.force, f.due_by)
                          for f in TRUTH.publication(slug).findings}
    assert [p.reason for p in ext.problems if p.stage == "extract"] == []


@pytest.mark.parametrize("slug,path", _docs("pdf"))
def test_extract_report_pdf(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert _finding_keys(ext.recommendations) == _want_keys(want)
    pages_got = {(f.kind, f.ref): f.page for f in ext.recommendations}
    assert pages_got == {(f.kind, f.ref): f.page for f in want.findings}
    dues = {(f.kind, f.ref): f.due_by for f in ext.recommendations}
    assert dues == {(f.kind, f.ref): f.due_by for f in want.findings}
    assert [p.reason for p in ext.problems if p.stage == "extract"] == []


@pytest.mark.parametrize("slug,path", [x for x in _docs("pdf") if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_grades_from_pdf(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "report_pdf"
    want = TRUTH.publication(slug)
    assert sorted((g.area, g.grade) for g in ext.grades) == \
        sorted((g.area, g.grade) for g in want.grades)
    assert {g.area: g.page for g in ext.grades} == {g.area: g.page for g in want.grades}


@pytest.mark.parametrize("slug,path", _docs("html", "peel"))
def test_extract_peel_page(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_peel_page(SITE.get(path).body, PUBLIC + path)
    got = sorted((g.force, g.area, g.grade, g.cycle) for g in ext.grades)
    assert got == sorted((g.force, g.area, g.grade, g.cycle) for g in want.grades)
    assert ext.publication.forces == list(want.forces)


@pytest.mark.parametrize("slug,path", _docs("html", "peel"))
def test_extract_any_on_peel_page_reads_areas_for_improvement(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "peel_report"
    assert _finding_keys(ext.recommendations) == _want_keys(TRUTH.publication(slug))


def test_welsh_pdf_is_linked_but_yields_no_findings() -> None:
    ref = TRUTH.reference
    welsh = [d for d in ref.documents if d.language == "cy"]
    assert [d.label for d in welsh] == ["Adroddiad (Cymraeg) (PDF document)"]
    ext = extract_publication_page(SITE.get(ref.path).body, PUBLIC + ref.path)
    assert [(d.language, _path(d.url)) for d in ext.publication.documents
            if d.language == "cy"] == [("cy", welsh[0].path)]


def test_third_site_paths_are_consistent() -> None:
    """Replica self-check: every linked document is served, texts are printed verbatim."""
    for pub in TRUTH.publications.values():
        assert pub.path in SITE
        for doc in pub.documents:
            assert doc.path in SITE, doc.path
        for f in pub.findings:
            assert f.text.strip()
            html = [d for d in pub.documents if d.kind == "html"]
            for d in html:
                if d.role == "report":
                    assert escape(f.text)[:40] in SITE.get(d.path).body.decode()
    reference = TRUTH.reference
    assert (reference.published_on.isoformat(), reference.all_forces, len(reference.forces)) \
        == ("2025-08-28", True, 43)
    assert Path(__file__).name == "test_third_site.py"
