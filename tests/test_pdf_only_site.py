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
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.pages.listing import parse_listing
from extractors.pages.landing import extract_publication_page
from extractors.pages.report_pdf import extract_report_pdf
from reference.forces import forces
from tests import site_checks as check
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS
from tests.replica.server import ReplicaServer
from tests.replica.truth import Truth, normalise_text
from tests.replica_pdf_only.catalogue import OLD_2019_RECS, PUBLIC
from tests.replica_pdf_only.pages import listing_href
from tests.replica_pdf_only.site import PER_PAGE, build_pdf_only_site, pdf_only_publications
from tests.site_checks import by_pub, documents_of, extract_problems, url_path

SITE = build_pdf_only_site()
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
    yield from check.run_pipeline(tmp_path_factory, "fifth", ReplicaServer(build_pdf_only_site()),
                                  as_of=AS_OF)


# --- the whole pipeline -----------------------------------------------------------------

def test_run_completes_and_stores_every_publication_once(pipeline: dict) -> None:
    assert pipeline["report"].status == "completed"
    assert sorted(r["publication_id"] for r in pipeline["publications"]) == sorted(STORED)
    assert pipeline["report"].summary.new == len(STORED)


@pytest.mark.parametrize("slug", STORED)
def test_publication_date_title_and_url(pipeline: dict, slug: str) -> None:
    check.check_date_title_and_url(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_publication_types(pipeline: dict, slug: str) -> None:
    check.check_types(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_publication_forces(pipeline: dict, slug: str) -> None:
    check.check_forces(pipeline, TRUTH, slug)


def test_police_inspection_flag(pipeline: dict) -> None:
    check.check_police_inspection_flag(pipeline, TRUTH)


@pytest.mark.parametrize("slug", STORED)
def test_the_pdf_is_the_only_document(pipeline: dict, slug: str) -> None:
    check.check_documents(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_pdf_printed_date_full_date_only(pipeline: dict, slug: str) -> None:
    """'Published: 28 August 2025' on the back page or cover; 'July 2025' alone is None."""
    got = [r["printed_on"] for r in by_pub(pipeline["documents"]).get(slug, [])]
    assert got == [d.published_on for d in TRUTH.publication(slug).documents]


@pytest.mark.parametrize("slug", STORED)
def test_findings_kinds_refs_and_texts(pipeline: dict, slug: str) -> None:
    check.check_finding_keys(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", [s for s in STORED if TRUTH.publication(s).findings])
def test_findings_force_due_date_and_page(pipeline: dict, slug: str) -> None:
    check.check_finding_force_due_and_page(pipeline, TRUTH, slug, page_always=True)


def test_summary_repeat_and_2019_annex_are_not_extra_findings(pipeline: dict) -> None:
    ref = by_pub(pipeline["recommendations"]).get(TRUTH.reference_slug, [])
    assert len(ref) == 3
    texts = " ".join(normalise_text(r["text"]) for r in pipeline["recommendations"])
    for old in OLD_2019_RECS:
        assert normalise_text(old)[:60] not in texts


def test_grades(pipeline: dict) -> None:
    check.check_grades(pipeline, TRUTH)


def test_obligations(pipeline: dict) -> None:
    territorial = set(forces())
    check.check_obligations(pipeline, TRUTH)
    assert all(r["force_id"] in territorial for r in pipeline["section55_obligations"])


def test_no_obligation_for_psni_nca_or_the_framework(pipeline: dict) -> None:
    owed = {r["publication_id"] for r in pipeline["section55_obligations"]}
    assert owed & {PSNI, NCA, "police-inspection-programme-and-framework-2025-26"} == set()


def test_obligations_needing_review(pipeline: dict) -> None:
    assert check.check_obligations_needing_review(pipeline, TRUTH) == {SUPER}


def test_pre_2017_report_has_no_deadlines(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == "peel-police-efficiency-2015-avon-and-somerset")
    assert (row["force_id"], row["statutory_deadline"], row["practice_deadline"]) == \
        ("avon-and-somerset", None, None)


def test_reference_report_obligation_for_norfolk(pipeline: dict) -> None:
    check.check_norfolk_reference_obligation(pipeline, TRUTH)


def test_no_quarantine(pipeline: dict) -> None:
    check.check_no_quarantine(pipeline)


def test_every_listing_page_was_walked(pipeline: dict) -> None:
    check.check_listing_pages_walked(pipeline, TRUTH)


# --- extractors on single documents ---------------------------------------------------------

PUBS = {p.slug: p for p in pdf_only_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    check.check_landing_page(ext.publication, want, other_bodies=True)


def test_listing_cards_paged_by_numbers_only() -> None:
    """Links without the trailing slash or on the old host; numbers-only pagination."""
    urls = SiteUrls(LOCAL)
    pubs = pdf_only_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        assert sorted(i.publication_id for i in items) == sorted(p.slug for p in chunk), n
        assert all(urlsplit(i.url).netloc == "127.0.0.1:9" for i in items), n
        assert sorted(url_path(i.url).rstrip("/") for i in items) == \
            sorted(p.path.rstrip("/") for p in chunk), n
        assert {i.publication_id: i.published_on for i in items} == \
            {p.slug: p.published_on for p in chunk}, n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n


def _pdfs() -> list[tuple[str, str]]:
    return documents_of(TRUTH, language=None)


@pytest.mark.parametrize("slug,path", _pdfs())
def test_extract_report_pdf(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, want, "page", "force", "due_by")
    assert ext.publication.published_on == want.documents[0].published_on
    assert extract_problems(ext) == []


@pytest.mark.parametrize("slug,path", [x for x in _pdfs() if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_pdf_grades_once(slug: str, path: str) -> None:
    """A table plus 'Investigating crime \u2013 Adequate' headings: each area once."""
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    check.check_pdf_grades(ext, TRUTH.publication(slug), "area", "grade", "cycle")


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
    check.check_reference_truth(reference)
    check.check_reference_recommendations(reference, REFERENCE_RECOMMENDATIONS)
    assert [d.kind for d in reference.documents] == ["pdf"]
    assert reference.findings[0].also_pages == (3,) and reference.findings[0].page == 5
    gwent = TRUTH.publication("inspection-of-gwent-police-response-to-missing-children")
    assert [f.page for f in gwent.findings_of("area_for_improvement")] == [4, 4, 5, 5]
    landing = SITE.get(TRUTH.publication(
        "tackling-antisocial-behaviour-three-forces-north-east").path).body.decode()
    assert "Published:</span> <span class=\"meta-value\">Tuesday 2 September 2025" in landing
    hrefs = [listing_href(p, i) for i, p in enumerate(pdf_only_publications())]
    assert any(h.startswith("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/")
               for h in hrefs)
    assert sum(1 for h in hrefs if re.fullmatch(r"/publications/[a-z0-9-]+", h)) >= 3
    assert Path(__file__).name == "test_pdf_only_site.py"
