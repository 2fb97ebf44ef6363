"""What only the PDF-only replica (tests/replica_pdf_only) needs checking: printed dates,
a summary repeat and a 2019 annex that add no findings, bodies that owe no s.55 comments,
a pre-2017 report, a number-paged listing with odd links, and its PDFs' own layout."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest

from extractors.pages.report_pdf import extract_report_pdf
from tests.replica.truth import normalise_text
from tests.replica_pdf_only.catalogue import OLD_2019_RECS
from tests.replica_pdf_only.pages import listing_href
from tests.site_checks import by_pub, check_obligations_needing_review, documents_of, url_path
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, PUBLIC, walk_listing

REPLICA = BY_NAME["pdf_only"]
SITE, TRUTH = REPLICA.site, REPLICA.truth
SUPER = "police-response-to-victims-of-spiking-super-complaint"
PSNI = "inspection-psni-anti-corruption-2025"
NCA = "inspection-of-the-nca-response-to-online-child-sexual-abuse"


@pytest.fixture
def pipeline(pipelines: Pipelines) -> dict[str, Any]:
    return pipelines["pdf_only"]


@pytest.mark.parametrize("slug", REPLICA.stored())
def test_pdf_printed_date_full_date_only(pipeline: dict, slug: str) -> None:
    """'Published: 28 August 2025' on the back page or cover; 'July 2025' alone is None."""
    got = [r["printed_on"] for r in by_pub(pipeline["documents"]).get(slug, [])]
    assert got == [d.published_on for d in TRUTH.publication(slug).documents]


def test_summary_repeat_and_2019_annex_are_not_extra_findings(pipeline: dict) -> None:
    ref = by_pub(pipeline["recommendations"]).get(TRUTH.reference_slug, [])
    assert len(ref) == 3
    texts = " ".join(normalise_text(r["text"]) for r in pipeline["recommendations"])
    for old in OLD_2019_RECS:
        assert normalise_text(old)[:60] not in texts


def test_no_obligation_for_psni_nca_or_the_framework(pipeline: dict) -> None:
    owed = {r["publication_id"] for r in pipeline["section55_obligations"]}
    assert owed & {PSNI, NCA, "police-inspection-programme-and-framework-2025-26"} == set()


def test_only_the_super_complaint_needs_review(pipeline: dict) -> None:
    assert check_obligations_needing_review(pipeline, TRUTH) == {SUPER}


def test_pre_2017_report_has_no_deadlines(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == "peel-police-efficiency-2015-avon-and-somerset")
    assert (row["force_id"], row["statutory_deadline"], row["practice_deadline"]) == \
        ("avon-and-somerset", None, None)


def test_listing_cards_paged_by_numbers_only() -> None:
    """Links without the trailing slash or on the old host; numbers-only pagination."""
    for n, chunk, items in walk_listing(REPLICA):
        assert sorted(i.publication_id for i in items) == sorted(p.slug for p in chunk), n
        assert all(urlsplit(i.url).netloc == "127.0.0.1:9" for i in items), n
        assert sorted(url_path(i.url).rstrip("/") for i in items) == \
            sorted(p.path.rstrip("/") for p in chunk), n
        assert {i.publication_id: i.published_on for i in items} == \
            {p.slug: p.published_on for p in chunk}, n


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, language=None))
def test_extract_report_pdf_reads_the_printed_date(slug: str, path: str) -> None:
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert ext.publication.published_on == TRUTH.publication(slug).documents[0].published_on


def _pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [" ".join(pdf[i].get_textpage().get_text_range().split())
                for i in range(len(pdf))]
    finally:
        pdf.close()


def test_pdf_only_site_is_consistent() -> None:
    """Every finding printed on its page, every grade on its own; the layouts as specified."""
    for pub in TRUTH.publications.values():
        for doc in pub.documents:
            pages = _pdf_text(SITE.get(doc.path).body)
            for f in pub.findings:
                assert normalise_text(f.text)[:50] in normalise_text(
                    " ".join(pages[f.page - 1:f.page + 1])), (pub.slug, f.ref)
            for g in pub.grades:
                assert g.grade in pages[g.page - 1].lower(), g.area
    reference = TRUTH.reference
    assert [d.kind for d in reference.documents] == ["pdf"]
    assert reference.findings[0].also_pages == (3,) and reference.findings[0].page == 5
    gwent = TRUTH.publication("inspection-of-gwent-police-response-to-missing-children")
    assert [f.page for f in gwent.findings_of("area_for_improvement")] == [4, 4, 5, 5]
    landing = SITE.get(TRUTH.publication(
        "tackling-antisocial-behaviour-three-forces-north-east").path).body.decode()
    assert "Published:</span> <span class=\"meta-value\">Tuesday 2 September 2025" in landing
    hrefs = [listing_href(p, i) for i, p in enumerate(REPLICA.publications())]
    assert any(h.startswith("https://www.justiceinspectorates.gov.uk/hmicfrs/publications/")
               for h in hrefs)
    assert sum(1 for h in hrefs if re.fullmatch(r"/publications/[a-z0-9-]+", h)) >= 3
