"""What only the two-column replica (tests/replica_two_column) needs checking: the Mayor of
York and North Yorkshire, an ``<ol>`` of ``<article>`` listing with arrow-only paging, a
Welsh PDF that is linked but adds nothing, and texts printed verbatim in the HTML."""
from __future__ import annotations

from html import escape
from typing import Any

import pytest

from extractors.pages.landing import extract_publication_page
from tests.site_checks import url_path
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, PUBLIC, walk_listing

REPLICA = BY_NAME["two_column"]
SITE, TRUTH = REPLICA.site, REPLICA.truth


@pytest.fixture
def pipeline(pipelines: Pipelines) -> dict[str, Any]:
    return pipelines["two_column"]


def test_north_yorkshire_obligation_goes_to_the_mayor(pipeline: dict) -> None:
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == "peel-2023-25-north-yorkshire-police")
    assert (row["force_id"], row["local_policing_body"], str(row["statutory_deadline"]),
            str(row["practice_deadline"])) == ("north-yorkshire", "Mayor of York and North "
                                               "Yorkshire", "2025-04-07", "2025-04-08")


def test_listing_ol_of_articles_with_arrow_paging() -> None:
    for n, chunk, items in walk_listing(REPLICA):
        assert [url_path(i.url) for i in items] == [p.path for p in chunk], n
        assert [i.published_on for i in items] == [p.published_on for p in chunk], n


def test_welsh_pdf_is_linked_but_yields_no_findings() -> None:
    ref = TRUTH.reference
    welsh = [d for d in ref.documents if d.language == "cy"]
    assert [d.label for d in welsh] == ["Adroddiad (Cymraeg) (PDF document)"]
    ext = extract_publication_page(SITE.get(ref.path).body, PUBLIC + ref.path)
    assert [(d.language, url_path(d.url)) for d in ext.publication.documents
            if d.language == "cy"] == [("cy", welsh[0].path)]


def test_finding_texts_are_printed_verbatim_in_the_html_reports() -> None:
    for pub in TRUTH.publications.values():
        for f in pub.findings:
            for d in pub.documents:
                if d.kind == "html" and d.role == "report":
                    assert escape(f.text)[:40] in SITE.get(d.path).body.decode()
