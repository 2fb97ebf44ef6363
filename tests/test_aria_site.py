"""The pipeline against a sixth, independently written replica of the HMICFRS site.

Shapes the other five do not have: landing pages of ``<section aria-labelledby>`` blocks
with visually hidden headings, ``<span class="meta-label">Published on</span><time>``
labels without colons, type chips as ``<a rel="tag">`` with no separators, a link-less
comma list of four northern forces (8 May 2024: the Mayor of South Yorkshire), a report
linking a PDF, an XLSX annex, an easy-read PDF and an accessible HTML version (only the
PDF and HTML are the report; the easy read must not add findings), a listing that also
carries news items and paginates with ``aria-current``, an HTML version with
"Recommendation 1: By 31 March 2026, ..." paragraphs and an AFI ``<ol>``, a PEEL 2021/22
page whose judgments are ``<ul class="graded-judgements">`` spans, and a PDF whose
recommendations are printed "R1", "R2". A failure here is a product gap.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

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
from tests.replica.truth import Truth
from tests.replica_aria.catalogue import (DURHAM, KENT, NEWS, NORTH, PEEL, PUBLIC)
from tests.replica_aria.site import PER_PAGE, build_aria_site, aria_publications
from tests.site_checks import by_pub, documents_of

SITE = build_aria_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
AS_OF = date(2025, 9, 30)
PUBS = {p.slug: p for p in aria_publications()}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served sixth replica; the tables it leaves."""
    yield from check.run_pipeline(tmp_path_factory, "sixth", ReplicaServer(build_aria_site()),
                                  as_of=AS_OF)


# --- the whole pipeline -----------------------------------------------------------------

def test_run_stores_every_publication_and_no_news(pipeline: dict) -> None:
    assert pipeline["report"].status == "completed"
    assert sorted(r["publication_id"] for r in pipeline["publications"]) == sorted(STORED)
    assert not any(s in r["publication_id"] for r in pipeline["publications"] for s in NEWS)


@pytest.mark.parametrize("slug", STORED)
def test_publication_date_title_url_and_types(pipeline: dict, slug: str) -> None:
    check.check_date_title_and_url(pipeline, TRUTH, slug)
    check.check_types(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_publication_forces(pipeline: dict, slug: str) -> None:
    check.check_forces(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", STORED)
def test_documents_are_the_report_files_only(pipeline: dict, slug: str) -> None:
    """The report PDF and the HTML version; never the XLSX annex or the easy read."""
    check.check_documents(pipeline, TRUTH, slug, hashed=False)


@pytest.mark.parametrize("slug", STORED)
def test_findings_kinds_refs_and_texts(pipeline: dict, slug: str) -> None:
    check.check_finding_keys(pipeline, TRUTH, slug)


@pytest.mark.parametrize("slug", [s for s in STORED if TRUTH.publication(s).findings])
def test_findings_force_due_date_and_page(pipeline: dict, slug: str) -> None:
    check.check_finding_force_due_and_page(pipeline, TRUTH, slug, page_always=True)


def test_easy_read_does_not_double_the_findings(pipeline: dict) -> None:
    got = by_pub(pipeline["recommendations"]).get(NORTH, [])
    assert len(got) == 5
    assert not any("easy-read" in r["source_url"] for r in got)


def test_grades(pipeline: dict) -> None:
    check.check_grades(pipeline, TRUTH)


def test_obligations(pipeline: dict) -> None:
    """The 43 forces are judged; BTP's authority may carry a s.55-like row (not judged)."""
    check.check_obligations(pipeline, TRUTH,
                            judged=lambda r: r["force_id"] != "british-transport-police")


def test_south_yorkshire_on_8_may_2024_answers_to_the_mayor(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == NORTH and r["force_id"] == "south-yorkshire")
    assert (row["local_policing_body"], str(row["statutory_deadline"]),
            str(row["practice_deadline"])) == ("Mayor of South Yorkshire", "2024-07-02",
                                               "2024-07-03")


def test_reference_report_obligation_for_norfolk(pipeline: dict) -> None:
    check.check_norfolk_reference_obligation(pipeline, TRUTH, with_status=False)


def test_no_quarantine(pipeline: dict) -> None:
    check.check_no_quarantine(pipeline)


def test_every_listing_page_was_walked_and_no_annex_fetched(pipeline: dict) -> None:
    seen = check.check_listing_pages_walked(pipeline, TRUTH)
    assert not any(p.endswith(".xlsx") for p in seen)


# --- extractors on single documents ---------------------------------------------------------

@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    pub = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path).publication
    check.check_landing_page(pub, want, other_bodies=True, documents=False)


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_landing_page_report_files(slug: str) -> None:
    """Report PDF and HTML version only: no annex spreadsheet, no easy-read PDF."""
    want = TRUTH.publication(slug)
    pub = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path).publication
    assert sorted((check.url_path(d.url), d.kind, d.language) for d in pub.documents) == \
        sorted((d.path, d.kind, d.language) for d in want.documents)


def test_listing_skips_news_and_follows_aria_current_pagination() -> None:
    urls = SiteUrls(LOCAL)
    pubs = aria_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        assert [i.publication_id for i in items] == [p.slug for p in chunk], n
        assert {i.publication_id: i.published_on for i in items} == \
            {p.slug: p.published_on for p in chunk}, n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n


def _docs(kind: str) -> list[tuple[str, str]]:
    return documents_of(TRUTH, kind, language=None)


@pytest.mark.parametrize("slug,path", _docs("pdf"))
def test_extract_report_pdf(slug: str, path: str) -> None:
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "page", "force", "due_by")


@pytest.mark.parametrize("slug,path", [x for x in _docs("html") if x[0] != PEEL])
def test_extract_html_version(slug: str, path: str) -> None:
    """'Recommendation 1: By 31 March 2026, ...' paragraphs and an AFI <ol>."""
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    check.check_findings(ext, TRUTH.publication(slug), "force", "due_by")


def test_extract_peel_2021_graded_judgements_list() -> None:
    path = TRUTH.publication(PEEL).documents[0].path
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert sorted((g.force, g.area, g.grade, g.cycle) for g in ext.grades) == \
        sorted((g.force, g.area, g.grade, g.cycle) for g in TRUTH.publication(PEEL).grades)


def test_kent_refs_printed_r1_r2() -> None:
    path = TRUTH.publication(KENT).documents[0].path
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert [(f.ref, f.force, f.due_by) for f in ext.recommendations] == \
        [("R1", "kent", date(2025, 9, 30)), ("R2", "kent", None)]


# --- replica self-check ---------------------------------------------------------------------

def test_sixth_site_is_consistent() -> None:
    """The reference as specified; the shapes this replica exists for are really there."""
    ref = TRUTH.reference
    check.check_reference_truth(ref)
    check.check_reference_recommendations(ref, REFERENCE_RECOMMENDATIONS)
    north = SITE.get(TRUTH.publication(NORTH).path).body.decode()
    assert ('<span class="meta-label">Published on</span><time datetime="2024-05-08T09:00:00'
            '+01:00">8 May 2024</time>') in north
    assert "<p>Humberside Police, South Yorkshire Police, Cleveland Police, Durham " \
        "Constabulary</p>" in north
    assert "Easy read version (PDF document)" in north and "Annex: data tables (XLSX)" in north
    assert 'class="visually-hidden">Publication details</h2>' in north
    html = SITE.get(f"/publication-html/{DURHAM}/").body.decode()
    assert '<h2 id="recommendations">Recommendations</h2><p>Recommendation 1: By 31 March ' \
        "2026, the chief constable of Durham Constabulary should" in html
    assert "<p>We identified the following areas for improvement:</p><ol><li>" in html
    peel = SITE.get(TRUTH.publication(PEEL).documents[0].path).body.decode()
    assert '<li><span class="area">Investigating crime</span><span class="grade ' \
        'grade--adequate">Adequate</span></li>' in peel
    listing = SITE.get("/publications/").body.decode()
    assert all(f"/news/news-feed/{s}/" in listing for s in NEWS)
    assert '<a href="/publications/" aria-current="page">1</a>' in listing
    assert {"durham", "south-yorkshire"} <= set(forces())
    assert Path(__file__).name == "test_aria_site.py"
