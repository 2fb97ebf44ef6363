"""What only the WordPress replica (tests/replica_wordpress) needs checking: the imprint
date on page 2 of each PDF, earlier inspections' recommendations left out, fire & rescue
round-2 grades, a search-result listing with a Featured block, and its printed markup."""
from __future__ import annotations

from html import escape
from typing import Any

import pytest

from extractors.pages.registry import extract
from tests.site_checks import by_pub, documents_of, grade_keys, url_path
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, PUBLIC, graded_body, walk_listing

REPLICA = BY_NAME["wordpress"]
SITE, TRUTH = REPLICA.site, REPLICA.truth
GRADE = ("force", "area", "grade", "cycle")


@pytest.fixture
def pipeline(pipelines: Pipelines) -> dict[str, Any]:
    return pipelines["wordpress"]


@pytest.mark.parametrize("slug", [s for s in REPLICA.stored() if any(
    d.kind == "pdf" for d in TRUTH.publication(s).documents)])
def test_pdf_printed_date_read_from_the_imprint_on_page_2(pipeline: dict, slug: str) -> None:
    pdfs = [r for r in by_pub(pipeline["documents"]).get(slug, []) if r["kind"] == "pdf"]
    assert [r["printed_on"] for r in pdfs] == [TRUTH.publication(slug).published_on]


def test_previous_inspection_recommendations_are_not_stored(pipeline: dict) -> None:
    texts = " ".join(r["text"] for r in pipeline["recommendations"])
    assert "audited every month" not in texts
    assert "authority to change a recording decision" not in texts


def test_fire_grades_are_fire_rows(pipeline: dict) -> None:
    fire = [r for r in pipeline["grades"]
            if r["publication_id"] == "cornwall-fire-and-rescue-service-2021-22"]
    assert {(r["force_id"], r["body_type"]) for r in fire} == {("cornwall-fire", "fire")}
    assert len(fire) == 14


def test_listing_search_results_with_paged_links_and_featured_block() -> None:
    """Dates before titles; 'Older publications' / 'Next page »'; Featured counted once."""
    for n, chunk, items in walk_listing(REPLICA):
        got_paths = [url_path(i.url) for i in items]
        assert sorted(set(got_paths)) == sorted(p.path for p in chunk), n
        assert [p for p in got_paths if got_paths.count(p) > 1] == [], n
        dates = {url_path(i.url): i.published_on for i in items}
        assert dates == {p.path: p.published_on for p in chunk}, n


@pytest.mark.parametrize("slug,path", documents_of(TRUTH, "html", "frs"))
def test_extract_on_fire_round_2_page(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract(SITE.get(path).body, PUBLIC + path)
    assert grade_keys(ext.grades, *GRADE) == \
        sorted((graded_body(g), g.area, g.grade, g.cycle) for g in want.grades)


def test_wordpress_markup_is_really_served() -> None:
    """Texts printed in every HTML document; ordinal dates; Featured and paging labels."""
    for pub in TRUTH.publications.values():
        html = [SITE.get(d.path).body.decode() for d in pub.documents if d.kind == "html"]
        for f in pub.findings:
            for body in html:
                assert escape(f.text)[:40] in body, f.text
    reference = TRUTH.reference
    landing = SITE.get(reference.path).body.decode()
    assert "<p><strong>Published on:</strong> 28th August 2025</p>" in landing
    first = SITE.get(TRUTH.listing_pages[0]).body.decode()
    assert first.count(reference.path) == 3  # twice in Featured, once in the list
    assert "Older publications" in first
    assert "Next page \u00bb" in SITE.get(TRUTH.listing_pages[1]).body.decode()
