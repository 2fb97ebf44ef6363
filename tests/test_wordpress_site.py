"""The whole pipeline and the extractors on a fourth, independently written replica.

WordPress block-editor markup throughout: ``<p><strong>Published on:</strong> 28th August
2025</p>`` with ordinal dates, a 'Police forces:' line of links split by ``<br>``, one
of aliases ('GMP', 'the Met', 'Heddlu Gogledd Cymru') with a trailing '(lead force)',
'All police forces in England and Wales', a regional line '(East Midlands region)'; a
search-result listing with the date before the title, ``?paged=N`` paging through
'Older publications' / 'Next page »' and a Featured block repeating a listed item;
reports with recommendations in a rowspan table, nested sub-bullets, two paragraphs in
one item, footnote markers, a 'Recommendations from our previous inspection' section
(not counted) and a singular 'Area for improvement'; PDFs with shaded recommendation
boxes, top-right page numbers, footnotes under a rule and the 'Published:' imprint on
page 2; a PEEL 2021/22 page whose grades are images (alt text) and its PDF with a grade
table over two pages; a fire & rescue round-2 page (3 pillars + 11 questions, 4-point).
A failure here is a product gap on markup it has not seen before.
"""
from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.pages.listing import parse_listing
from extractors.pages.peel_report import extract_peel_page
from extractors.pages.landing import extract_publication_page
from extractors.pages.report_html import extract_report_html
from extractors.pages.report_pdf import extract_report_pdf
from reference.fire_services import fire_services
from reference.forces import forces
from tests import site_checks as check
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS
from tests.replica.truth import Truth
from tests.replica_wordpress.catalogue import PUBLIC
from tests.replica_wordpress.site import (PER_PAGE, WordpressServer, build_wordpress_site,
                                       wordpress_publications)
from tests.site_checks import by_pub, documents_of, extract_problems, grade_keys, url_path

SITE = build_wordpress_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
FIRE_IDS = {f.name: fid for fid, f in fire_services().items()}
GRADE = ("force", "area", "grade", "cycle")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served fourth replica; the tables it leaves."""
    yield from check.run_pipeline(tmp_path_factory, "fourth", WordpressServer(build_wordpress_site()))


def _body(g: Any) -> str:
    return g.force or FIRE_IDS[g.service]


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
def test_documents_found_once_each(pipeline: dict, slug: str) -> None:
    check.check_documents(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", [s for s in STORED if any(
    d.kind == "pdf" for d in TRUTH.publication(s).documents)])
def test_pdf_printed_date_read_from_the_imprint_on_page_2(pipeline: dict, slug: str) -> None:
    pdfs = [r for r in by_pub(pipeline["documents"]).get(slug, []) if r["kind"] == "pdf"]
    assert [r["printed_on"] for r in pdfs] == [TRUTH.publication(slug).published_on]


@pytest.mark.parametrize("slug", STORED)
def test_findings_kinds_refs_and_texts(pipeline: dict, slug: str) -> None:
    check.check_finding_keys(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", [s for s in STORED if TRUTH.publication(s).findings])
def test_findings_force_due_date_and_page(pipeline: dict, slug: str) -> None:
    check.check_finding_force_due_and_page(pipeline, TRUTH, slug)


def test_previous_inspection_recommendations_are_not_stored(pipeline: dict) -> None:
    texts = " ".join(r["text"] for r in pipeline["recommendations"])
    assert "audited every month" not in texts
    assert "authority to change a recording decision" not in texts


def test_grades(pipeline: dict) -> None:
    check.check_grades(pipeline, TRUTH, body=_body)


def test_fire_grades_are_fire_rows(pipeline: dict) -> None:
    fire = [r for r in pipeline["grades"]
            if r["publication_id"] == "cornwall-fire-and-rescue-service-2021-22"]
    assert {(r["force_id"], r["body_type"]) for r in fire} == {("cornwall-fire", "fire")}
    assert len(fire) == 14


def test_obligations(pipeline: dict) -> None:
    territorial = set(forces())
    check.check_obligations(pipeline, TRUTH, judged=lambda r: r["force_id"] in territorial)
    assert all(r["force_id"] in territorial for r in pipeline["section55_obligations"])


def test_obligations_needing_review(pipeline: dict) -> None:
    check.check_obligations_needing_review(pipeline, TRUTH)


def test_reference_report_obligation_for_norfolk(pipeline: dict) -> None:
    check.check_norfolk_reference_obligation(pipeline, TRUTH)


def test_no_quarantine(pipeline: dict) -> None:
    check.check_no_quarantine(pipeline)


def test_every_listing_page_was_walked(pipeline: dict) -> None:
    check.check_listing_pages_walked(pipeline, TRUTH)


# --- extractors on single documents ---------------------------------------------------------

PUBS = {p.slug: p for p in wordpress_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    check.check_landing_page(ext.publication, want)


def test_listing_search_results_with_paged_links_and_featured_block() -> None:
    """Dates before titles; 'Older publications' / 'Next page »'; Featured counted once."""
    urls = SiteUrls(LOCAL)
    pubs = wordpress_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        got_paths = [url_path(i.url) for i in items]
        assert sorted(set(got_paths)) == sorted(p.path for p in chunk), n
        assert [p for p in got_paths if got_paths.count(p) > 1] == [], n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n
        dates = {url_path(i.url): i.published_on for i in items}
        assert dates == {p.path: p.published_on for p in chunk}, n


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "report"))
def test_extract_report_html(slug: str, path: str) -> None:
    ext = extract_report_html(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "force", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "pdf"))
def test_extract_report_pdf(slug: str, path: str) -> None:
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "page", "force", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("slug,path", [x for x in documents_of(TRUTH, "pdf")
                                       if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_a_grade_table_split_over_two_pages(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    check.check_pdf_grades(ext, TRUTH.publication(slug), "area", "grade", "cycle")


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "peel"))
def test_extract_peel_page_reads_grade_images(slug: str, path: str) -> None:
    ext = extract_peel_page(SITE.get(path).body, PUBLIC + path)
    assert grade_keys(ext.grades, *GRADE) == grade_keys(TRUTH.publication(slug).grades, *GRADE)


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "peel")
                         + documents_of(TRUTH, "html", "frs"))
def test_extract_any_on_graded_page_reads_areas_for_improvement(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "peel_report"
    check.check_findings(ext, TRUTH.publication(slug))


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "frs"))
def test_extract_any_on_fire_round_2_page(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert grade_keys(ext.grades, *GRADE) == \
        sorted((_body(g), g.area, g.grade, g.cycle) for g in want.grades)


def test_fourth_site_is_consistent() -> None:
    """Replica self-check: documents served, texts printed, the reference as specified."""
    check.check_served(TRUTH, SITE)
    for pub in TRUTH.publications.values():
        html = [SITE.get(d.path).body.decode() for d in pub.documents if d.kind == "html"]
        for f in pub.findings:
            assert f.text.strip()
            for body in html:
                assert escape(f.text)[:40] in body, f.text
    reference = TRUTH.reference
    check.check_reference_truth(reference)
    check.check_reference_recommendations(reference, REFERENCE_RECOMMENDATIONS)
    landing = SITE.get(reference.path).body.decode()
    assert "<p><strong>Published on:</strong> 28th August 2025</p>" in landing
    first = SITE.get(TRUTH.listing_pages[0]).body.decode()
    assert first.count(reference.path) == 3  # twice in Featured, once in the list
    assert "Older publications" in first
    assert "Next page \u00bb" in SITE.get(TRUTH.listing_pages[1]).body.decode()
    assert Path(__file__).name == "test_wordpress_site.py"
