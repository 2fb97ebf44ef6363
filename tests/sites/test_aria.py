"""What only the ARIA replica (tests/replica_aria) needs checking: news items in the
listing, an easy read and an XLSX annex beside the report, the Mayor of South Yorkshire on
8 May 2024, "R1"/"R2" refs in a PDF, and the markup shapes it exists for."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from extractors.pages.report_pdf import extract_report_pdf
from reference.forces import forces
from tests.replica_aria.catalogue import DURHAM, KENT, NEWS, NORTH, PEEL
from tests.site_checks import by_pub
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, PUBLIC, walk_listing

REPLICA = BY_NAME["aria"]
SITE, TRUTH = REPLICA.site, REPLICA.truth


@pytest.fixture
def pipeline(pipelines: Pipelines) -> dict[str, Any]:
    return pipelines["aria"]


def test_no_news_item_is_stored(pipeline: dict) -> None:
    assert not any(s in r["publication_id"] for r in pipeline["publications"] for s in NEWS)


def test_easy_read_does_not_double_the_findings(pipeline: dict) -> None:
    got = by_pub(pipeline["recommendations"]).get(NORTH, [])
    assert len(got) == 5
    assert not any("easy-read" in r["source_url"] for r in got)


def test_south_yorkshire_on_8_may_2024_answers_to_the_mayor(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == NORTH and r["force_id"] == "south-yorkshire")
    assert (row["local_policing_body"], str(row["statutory_deadline"]),
            str(row["practice_deadline"])) == ("Mayor of South Yorkshire", "2024-07-02",
                                               "2024-07-03")


def test_no_annex_fetched(pipeline: dict) -> None:
    assert not any(r.path.endswith(".xlsx") for r in pipeline["server"].requests)


def test_listing_skips_news_and_follows_aria_current_pagination() -> None:
    for n, chunk, items in walk_listing(REPLICA):
        assert [i.publication_id for i in items] == [p.slug for p in chunk], n
        assert {i.publication_id: i.published_on for i in items} == \
            {p.slug: p.published_on for p in chunk}, n


def test_kent_refs_printed_r1_r2() -> None:
    path = TRUTH.publication(KENT).documents[0].path
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert [(f.ref, f.force, f.due_by) for f in ext.recommendations] == \
        [("R1", "kent", date(2025, 9, 30)), ("R2", "kent", None)]


def test_aria_shapes_are_really_served() -> None:
    """The shapes this replica exists for are really there."""
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
