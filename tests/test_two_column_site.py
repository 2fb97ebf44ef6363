"""The pipeline and extractors on a third, independently written replica (other markup).

Truth comes from tests/replica_two_column (markup neither tests/replica nor tests/replica_govuk
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

import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.pages.listing import parse_listing
from extractors.pages.peel_report import extract_peel_page
from extractors.pages.landing import extract_publication_page
from extractors.pages.report_html import extract_report_html
from extractors.pages.report_pdf import extract_report_pdf
from reference.forces import forces
from tests import site_checks as check
from tests.replica.server import ReplicaServer
from tests.replica.truth import Truth
from tests.replica_two_column.catalogue import PUBLIC
from tests.replica_two_column.site import PER_PAGE, build_two_column_site, two_column_publications
from tests.site_checks import documents_of, extract_problems, grade_keys, url_path

SITE = build_two_column_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
PSNI = "police-service-of-northern-ireland"
BTP = "british-transport-police"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served third replica; the tables it leaves."""
    yield from check.run_pipeline(tmp_path_factory, "third", ReplicaServer(build_two_column_site()))


# --- the whole pipeline -----------------------------------------------------------------

def test_run_completes_and_stores_exactly_the_good_publications(pipeline: dict) -> None:
    assert pipeline["report"].status == "completed"
    assert sorted(r["publication_id"] for r in pipeline["publications"]) == sorted(STORED)


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
def test_documents_found(pipeline: dict, slug: str) -> None:
    check.check_documents(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_findings_kinds_refs_and_texts(pipeline: dict, slug: str) -> None:
    check.check_finding_keys(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", [s for s in STORED if TRUTH.publication(s).findings])
def test_findings_force_due_date_and_page(pipeline: dict, slug: str) -> None:
    check.check_finding_force_due_and_page(pipeline, TRUTH, slug)


def test_grades(pipeline: dict) -> None:
    check.check_grades(pipeline, TRUTH)


def test_obligations(pipeline: dict) -> None:
    """The 43 forces only; BTP's authority may carry a s.55-like row, which is not judged."""
    territorial = set(forces())
    check.check_obligations(pipeline, TRUTH, judged=lambda r: r["force_id"] in territorial)


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
    check.check_norfolk_reference_obligation(pipeline, TRUTH)


@pytest.mark.parametrize("slug", sorted(TRUTH.quarantined()))
def test_quarantine_reason(pipeline: dict, slug: str) -> None:
    check.check_quarantine_reason(pipeline, TRUTH, slug)


def test_no_spurious_quarantine(pipeline: dict) -> None:
    check.check_no_spurious_quarantine(pipeline, TRUTH)


def test_robots_disallowed_page_never_fetched(pipeline: dict) -> None:
    check.check_robots_disallowed_never_fetched(pipeline, TRUTH)


def test_every_listing_page_was_walked(pipeline: dict) -> None:
    check.check_listing_pages_walked(pipeline, TRUTH, decode=False)


# --- extractors on single documents ---------------------------------------------------------

PUBS = {p.slug: p for p in two_column_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    check.check_landing_page(ext.publication, want, forces=want.quarantine != "unknown force",
                             other_bodies=True)


def test_listing_ol_of_articles_with_arrow_paging() -> None:
    urls = SiteUrls(LOCAL)
    pubs = two_column_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        assert [url_path(i.url) for i in items] == [p.path for p in chunk], n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n
        assert [i.published_on for i in items] == [p.published_on for p in chunk], n


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "report"))
def test_extract_report_html(slug: str, path: str) -> None:
    ext = extract_report_html(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "force", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "pdf"))
def test_extract_report_pdf(slug: str, path: str) -> None:
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "page", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("slug,path", [x for x in documents_of(TRUTH, "pdf")
                                       if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_grades_from_pdf(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    check.check_pdf_grades(ext, TRUTH.publication(slug), "area", "grade")


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "peel"))
def test_extract_peel_page(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_peel_page(SITE.get(path).body, PUBLIC + path)
    fields = ("force", "area", "grade", "cycle")
    assert grade_keys(ext.grades, *fields) == grade_keys(want.grades, *fields)
    assert ext.publication.forces == list(want.forces)


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "peel"))
def test_extract_any_on_peel_page_reads_areas_for_improvement(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "peel_report"
    check.check_findings(ext, TRUTH.publication(slug))


def test_welsh_pdf_is_linked_but_yields_no_findings() -> None:
    ref = TRUTH.reference
    welsh = [d for d in ref.documents if d.language == "cy"]
    assert [d.label for d in welsh] == ["Adroddiad (Cymraeg) (PDF document)"]
    ext = extract_publication_page(SITE.get(ref.path).body, PUBLIC + ref.path)
    assert [(d.language, url_path(d.url)) for d in ext.publication.documents
            if d.language == "cy"] == [("cy", welsh[0].path)]


def test_third_site_paths_are_consistent() -> None:
    """Replica self-check: every linked document is served, texts are printed verbatim."""
    check.check_served(TRUTH, SITE)
    for pub in TRUTH.publications.values():
        for f in pub.findings:
            assert f.text.strip()
            for d in pub.documents:
                if d.kind == "html" and d.role == "report":
                    assert escape(f.text)[:40] in SITE.get(d.path).body.decode()
    check.check_reference_truth(TRUTH.reference)
    assert Path(__file__).name == "test_two_column_site.py"
