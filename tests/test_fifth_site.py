"""The whole pipeline and the extractors on a fifth, independently written replica.

Every report is a PDF only (no HTML version), laid out like real HMICFRS PDFs: a cover,
a contents page with dot leaders, a running header and centred page numbers; an "Our
recommendations" chapter of bold "Recommendation N" lines; a "Causes of concern" chapter
(bold "Cause of concern", then "Recommendations" with lettered "a)" items); bulleted
areas for improvement running over a page break; an early summary repeating the
recommendations word for word (counted once); a 2019 progress annex (never counted); a
report in two columns throughout; a PEEL 2023-25 report whose grades are in an
"Area | Grade" table and restated in chapter headings; a PEEL 2015 efficiency report
(4-point). Landing pages: "Published:" with a weekday, PSNI only, the National Crime
Agency, "Inspection programmes and frameworks", a super-complaint naming all police
forces; a card listing paged by numbers only whose links lack the trailing slash or sit
on the old host. A failure here is a product gap on layouts it has not seen before.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pypdfium2 as pdfium
import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.listing import parse_listing
from extractors.publication_page import extract_publication_page
from extractors.report_pdf import extract_report_pdf
from reference.forces import forces
from tests.flows.helpers import rows, run
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS
from tests.replica.server import ReplicaServer
from tests.replica.truth import PublicationTruth, Truth, normalise_text
from tests.replica_fifth.catalogue import OLD_2019_RECS, PUBLIC, REFERENCE_RECS
from tests.replica_fifth.pages import listing_href
from tests.replica_fifth.site import PER_PAGE, build_fifth_site, fifth_publications

SITE = build_fifth_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
AS_OF = date(2025, 9, 30)
SUPER = "police-response-to-victims-of-spiking-super-complaint"
PSNI = "inspection-psni-anti-corruption-2025"
NCA = "inspection-of-the-nca-response-to-online-child-sexual-abuse"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served fifth replica; the tables it leaves."""
    data_dir = tmp_path_factory.mktemp("fifth") / "data"
    data_dir.mkdir()
    db_url = f"sqlite:///{data_dir / 'hmicfrs.db'}"
    with ReplicaServer(build_fifth_site()) as server:
        report = run(server.url, data_dir, db_url, as_of=AS_OF)
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

def test_run_completes_and_stores_every_publication_once(pipeline: dict) -> None:
    assert pipeline["report"].status == "completed"
    assert sorted(r["publication_id"] for r in pipeline["publications"]) == sorted(STORED)
    assert pipeline["report"].summary.new == len(STORED)


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
    assert got == {p.slug: p.is_police_inspection for p in TRUTH.stored()}


@pytest.mark.parametrize("slug", STORED)
def test_the_pdf_is_the_only_document(pipeline: dict, slug: str) -> None:
    want = sorted((d.path, d.kind, d.language) for d in TRUTH.publication(slug).documents)
    got = sorted((_path(r["url"]), r["kind"], r["language"])
                 for r in _by_pub(pipeline["documents"]).get(slug, []))
    assert got == want
    assert all(r["sha256"] for r in _by_pub(pipeline["documents"]).get(slug, []))


@pytest.mark.parametrize("slug", STORED)
def test_pdf_printed_date_full_date_only(pipeline: dict, slug: str) -> None:
    """'Published: 28 August 2025' on the back page or cover; 'July 2025' alone is None."""
    got = [r["printed_on"] for r in _by_pub(pipeline["documents"]).get(slug, [])]
    assert got == [d.published_on for d in TRUTH.publication(slug).documents]


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
        assert (row["force_id"], row["due_by"], row["page"]) == (f.force, f.due_by, f.page), \
            (f.kind, f.ref)


def test_summary_repeat_and_2019_annex_are_not_extra_findings(pipeline: dict) -> None:
    ref = _by_pub(pipeline["recommendations"]).get(TRUTH.reference_slug, [])
    assert len(ref) == 3
    texts = " ".join(normalise_text(r["text"]) for r in pipeline["recommendations"])
    for old in OLD_2019_RECS:
        assert normalise_text(old)[:60] not in texts


def test_grades(pipeline: dict) -> None:
    got = sorted((r["publication_id"], r["force_id"], r["area"], r["grade"], r["cycle"])
                 for r in pipeline["grades"])
    want = sorted((slug, g.force, g.area, g.grade, g.cycle) for slug, g in TRUTH.grades())
    assert got == want


def test_obligations(pipeline: dict) -> None:
    territorial = set(forces())
    got = {(r["publication_id"], r["force_id"]): (r["local_policing_body"], r["published_on"],
                                                  r["statutory_deadline"], r["practice_deadline"])
           for r in pipeline["section55_obligations"]}
    want = {(slug, o.force_id): (o.local_policing_body, o.published_on, o.statutory_deadline,
                                 o.practice_deadline) for slug, o in TRUTH.obligations()}
    assert set(got) - set(want) == set(), "obligations nobody owes"
    assert set(want) - set(got) == set(), "obligations missing"
    assert {k: got[k] for k in want} == want
    assert all(r["force_id"] in territorial for r in pipeline["section55_obligations"])


def test_no_obligation_for_psni_nca_or_the_framework(pipeline: dict) -> None:
    owed = {r["publication_id"] for r in pipeline["section55_obligations"]}
    assert owed & {PSNI, NCA, "police-inspection-programme-and-framework-2025-26"} == set()


def test_obligations_needing_review(pipeline: dict) -> None:
    got = {r["publication_id"] for r in pipeline["section55_obligations"] if r["needs_review"]}
    assert got == {p.slug for p in TRUTH.stored() if p.needs_review and p.obligations} == {SUPER}


def test_pre_2017_report_has_no_deadlines(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == "peel-police-efficiency-2015-avon-and-somerset")
    assert (row["force_id"], row["statutory_deadline"], row["practice_deadline"]) == \
        ("avon-and-somerset", None, None)


def test_reference_report_obligation_for_norfolk(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == TRUTH.reference_slug and r["force_id"] == "norfolk")
    assert (str(row["statutory_deadline"]), str(row["practice_deadline"]), row["status"]) == \
        ("2025-10-22", "2025-10-23", "open")


def test_no_quarantine(pipeline: dict) -> None:
    assert [(q["stage"], q["source_url"], q["reason"]) for q in pipeline["quarantine"]
            if q["stage"] != "flag"] == []


def test_every_listing_page_was_walked(pipeline: dict) -> None:
    seen = {unquote(r.path) for r in pipeline["server"].requests}
    assert set(TRUTH.listing_pages) <= seen, sorted(seen)


# --- extractors on single documents ---------------------------------------------------------

PUBS = {p.slug: p for p in fifth_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    pub = ext.publication
    assert (pub.title, pub.published_on) == (want.title, want.published_on)
    assert tuple(pub.publication_types) == want.publication_types
    assert (pub.all_forces, sorted(pub.forces)) == (want.all_forces, sorted(want.forces))
    assert sorted(pub.other_bodies) == sorted(want.other_bodies)
    docs = sorted((_path(d.url), d.kind, d.language) for d in pub.documents)
    assert docs == sorted((d.path, d.kind, d.language) for d in want.documents)


def test_listing_cards_paged_by_numbers_only() -> None:
    """Links without the trailing slash or on the old host; numbers-only pagination."""
    urls = SiteUrls(LOCAL)
    pubs = fifth_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        assert sorted(i.publication_id for i in items) == sorted(p.slug for p in chunk), n
        assert all(urlsplit(i.url).netloc == "127.0.0.1:9" for i in items), n
        assert sorted(_path(i.url).rstrip("/") for i in items) == \
            sorted(p.path.rstrip("/") for p in chunk), n
        assert {i.publication_id: i.published_on for i in items} == \
            {p.slug: p.published_on for p in chunk}, n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n


def _pdfs() -> list[tuple[str, str]]:
    return [(p.slug, d.path) for p in TRUTH.publications.values() for d in p.documents]


@pytest.mark.parametrize("slug,path", _pdfs())
def test_extract_report_pdf(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert _finding_keys(ext.recommendations) == _want_keys(want)
    assert {(f.kind, f.ref): (f.page, f.force, f.due_by) for f in ext.recommendations} == \
        {(f.kind, f.ref): (f.page, f.force, f.due_by) for f in want.findings}
    assert ext.publication.published_on == want.documents[0].published_on
    assert [p.reason for p in ext.problems if p.stage == "extract"] == []


@pytest.mark.parametrize("slug,path", [x for x in _pdfs() if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_pdf_grades_once(slug: str, path: str) -> None:
    """A table plus 'Investigating crime \u2013 Adequate' headings: each area once."""
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "report_pdf"
    want = TRUTH.publication(slug)
    assert sorted((g.area, g.grade, g.cycle) for g in ext.grades) == \
        sorted((g.area, g.grade, g.cycle) for g in want.grades)
    assert {g.area: g.page for g in ext.grades} == {g.area: g.page for g in want.grades}


# --- replica self-check ---------------------------------------------------------------------

def _pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [" ".join(pdf[i].get_textpage().get_text_range().split())
                for i in range(len(pdf))]
    finally:
        pdf.close()


def test_fifth_site_is_consistent() -> None:
    """Documents served, every finding printed on its page, the reference as specified."""
    for pub in TRUTH.publications.values():
        assert pub.path in SITE
        for doc in pub.documents:
            pages = _pdf_text(SITE.get(doc.path).body)
            for f in pub.findings:
                assert normalise_text(f.text)[:50] in normalise_text(
                    " ".join(pages[f.page - 1:f.page + 1])), (pub.slug, f.ref)
            for g in pub.grades:
                assert g.grade in pages[g.page - 1].lower(), g.area
    reference = TRUTH.reference
    assert (reference.published_on.isoformat(), reference.all_forces, len(reference.forces)) \
        == ("2025-08-28", True, 43)
    assert reference.publication_types == ("Crime recording", "Data", "Data quality",
                                           "Spotlight")
    assert REFERENCE_RECS == REFERENCE_RECOMMENDATIONS
    assert [f.text for f in reference.findings] == list(REFERENCE_RECOMMENDATIONS)
    assert [d.kind for d in reference.documents] == ["pdf"]
    assert reference.findings[0].also_pages == (3,) and reference.findings[0].page == 5
    gwent = TRUTH.publication("inspection-of-gwent-police-response-to-missing-children")
    assert [f.page for f in gwent.findings_of("area_for_improvement")] == [4, 4, 5, 5]
    landing = SITE.get(TRUTH.publication(
        "tackling-antisocial-behaviour-three-forces-north-east").path).body.decode()
    assert "Published:</span> <span class=\"meta-value\">Tuesday 2 September 2025" in landing
    hrefs = [listing_href(p, i) for i, p in enumerate(fifth_publications())]
    assert any(h.startswith("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/")
               for h in hrefs)
    assert sum(1 for h in hrefs if re.fullmatch(r"/publications/[a-z0-9-]+", h)) >= 3
    assert Path(__file__).name == "test_fifth_site.py"
