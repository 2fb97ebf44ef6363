"""The checks every replica must pass: the pipeline's tables and each extractor against Truth.

One pipeline run per replica (tests/sites/conftest.py); each test is parametrised over the
replicas in tests/sites/replicas.py, and over their publications or documents where it
checks one at a time. A failure is a product gap on markup it has not seen before.
"""
from __future__ import annotations

from typing import Any

import pytest

from extractors.pages.registry import extract
from extractors.pages.landing import extract_publication_page
from extractors.pages.peel_report import extract_peel_page
from extractors.pages.report_html import extract_report_html
from extractors.pages.report_pdf import extract_report_pdf
from reference.forces import forces
from tests import site_checks as check
from tests.site_checks import documents_of, extract_problems, grade_keys
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS
from tests.sites.conftest import Pipelines
from tests.sites.replicas import BY_NAME, PUBLIC, REPLICAS, Replica, graded_body

GRADE = ("force", "area", "grade", "cycle")
NAMES = [r.name for r in REPLICAS]


def _each(values: Any) -> list[Any]:
    """pytest params (replica name, value) for every value ``values(replica)`` yields."""
    return [pytest.param(r.name, v, id=f"{r.name}-{v if isinstance(v, str) else v[1]}")
            for r in REPLICAS for v in values(r)]


def _with_findings(r: Replica) -> list[str]:
    return [s for s in r.stored() if r.truth.publication(s).findings]


def _pdfs(r: Replica) -> list[tuple[str, str]]:
    return documents_of(r.truth, "pdf", language=r.pdf_language)


def _graded_pdfs(r: Replica) -> list[tuple[str, str]]:
    return [x for x in _pdfs(r) if r.truth.publication(x[0]).grades]


def _graded_pages(r: Replica) -> list[tuple[str, str]]:
    return documents_of(r.truth, "html", "peel") + documents_of(r.truth, "html", "frs")


def _body(r: Replica, path: str) -> bytes:
    return r.site.get(path).body


# --- the whole pipeline -----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_run_completes_and_stores_exactly_the_good_publications_once(
        pipelines: Pipelines, name: str) -> None:
    got, stored = pipelines[name], BY_NAME[name].stored()
    assert got["report"].status == "completed"
    assert sorted(r["publication_id"] for r in got["publications"]) == sorted(stored)
    assert got["report"].summary.new == len(stored)


@pytest.mark.parametrize("name,slug", _each(Replica.stored))
def test_publication_date_title_and_url(pipelines: Pipelines, name: str, slug: str) -> None:
    check.check_date_title_and_url(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name,slug", _each(Replica.stored))
def test_publication_types(pipelines: Pipelines, name: str, slug: str) -> None:
    check.check_types(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name,slug", _each(Replica.stored))
def test_publication_forces(pipelines: Pipelines, name: str, slug: str) -> None:
    check.check_forces(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name", NAMES)
def test_police_inspection_flag(pipelines: Pipelines, name: str) -> None:
    check.check_police_inspection_flag(pipelines[name], BY_NAME[name].truth)


@pytest.mark.parametrize("name,slug", _each(Replica.stored))
def test_documents_are_the_report_files_once_each(pipelines: Pipelines, name: str,
                                                  slug: str) -> None:
    """The true documents only (never an annex or an easy read), each once."""
    check.check_documents(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name,slug", _each(Replica.stored))
def test_findings_kinds_refs_and_texts(pipelines: Pipelines, name: str, slug: str) -> None:
    check.check_finding_keys(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name,slug", _each(_with_findings))
def test_findings_force_due_date_and_page(pipelines: Pipelines, name: str, slug: str) -> None:
    """Each finding's force and due date, and its page (None for HTML-only findings)."""
    check.check_finding_force_due_and_page(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name", NAMES)
def test_grades(pipelines: Pipelines, name: str) -> None:
    check.check_grades(pipelines[name], BY_NAME[name].truth, body=graded_body)


@pytest.mark.parametrize("name", NAMES)
def test_obligations_only_for_the_43_forces(pipelines: Pipelines, name: str) -> None:
    """The 43 forces are judged exactly; only the replica's unjudged bodies (BTP's authority
    may carry a s.55-like row) may add rows, never PSNI or an unknown body."""
    r = BY_NAME[name]
    got = pipelines[name]
    check.check_obligations(got, r.truth,
                            judged=lambda row: row["force_id"] not in r.unjudged_bodies)
    allowed = set(forces()) | r.unjudged_bodies
    assert [(row["publication_id"], row["force_id"]) for row in got["section55_obligations"]
            if row["force_id"] not in allowed] == []


@pytest.mark.parametrize("name", [r.name for r in REPLICAS if r.review_truth])
def test_obligations_needing_review(pipelines: Pipelines, name: str) -> None:
    check.check_obligations_needing_review(pipelines[name], BY_NAME[name].truth)


@pytest.mark.parametrize("name", NAMES)
def test_reference_report_obligation_for_norfolk(pipelines: Pipelines, name: str) -> None:
    r = BY_NAME[name]
    check.check_norfolk_reference_obligation(pipelines[name], r.truth,
                                             with_status=r.norfolk_open)


@pytest.mark.parametrize("name,slug", _each(lambda r: sorted(r.truth.quarantined())))
def test_quarantine_reason(pipelines: Pipelines, name: str, slug: str) -> None:
    check.check_quarantine_reason(pipelines[name], BY_NAME[name].truth, slug)


@pytest.mark.parametrize("name", NAMES)
def test_no_spurious_quarantine(pipelines: Pipelines, name: str) -> None:
    r = BY_NAME[name]
    check.check_no_spurious_quarantine(pipelines[name], r.truth)
    if not r.truth.quarantined():
        check.check_no_quarantine(pipelines[name])


@pytest.mark.parametrize("name", NAMES)
def test_robots_disallowed_pages_never_fetched(pipelines: Pipelines, name: str) -> None:
    check.check_robots_disallowed_never_fetched(pipelines[name], BY_NAME[name].truth)


@pytest.mark.parametrize("name", NAMES)
def test_every_listing_page_was_walked(pipelines: Pipelines, name: str) -> None:
    r = BY_NAME[name]
    check.check_listing_pages_walked(pipelines[name], r.truth, decode=r.decode_requests)


# --- extractors on single documents -----------------------------------------------------

@pytest.mark.parametrize("name,slug", _each(lambda r: sorted(p.slug for p in r.publications())))
def test_extract_publication_page(name: str, slug: str) -> None:
    """Title, date, types, forces (unless unknown), other bodies and the report files."""
    r = BY_NAME[name]
    want = r.truth.publication(slug)
    ext = extract_publication_page(_body(r, want.path), PUBLIC + want.path)
    check.check_landing_page(ext.publication, want, forces=want.quarantine != "unknown force")


@pytest.mark.parametrize("name,doc", _each(lambda r: documents_of(r.truth, "html", "report",
                                                                  language=None)))
def test_extract_report_html(name: str, doc: tuple[str, str]) -> None:
    r, (slug, path) = BY_NAME[name], doc
    ext = extract_report_html(_body(r, path), PUBLIC + path)
    check.check_findings(ext, r.truth.publication(slug), "force", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("name,doc", _each(lambda r: documents_of(r.truth, "html", "report",
                                                                  language=None)))
def test_extract_on_html_version(name: str, doc: tuple[str, str]) -> None:
    """`hmicfrs extract` on an HTML version reads what extract_report_html reads."""
    r, (slug, path) = BY_NAME[name], doc
    ext = extract(_body(r, path), PUBLIC + path)
    check.check_findings(ext, r.truth.publication(slug), "force", "due_by")


@pytest.mark.parametrize("name,doc", _each(_pdfs))
def test_extract_report_pdf(name: str, doc: tuple[str, str]) -> None:
    r, (slug, path) = BY_NAME[name], doc
    ext = extract_report_pdf(_body(r, path), PUBLIC + path)
    check.check_findings(ext, r.truth.publication(slug), "page", "force", "due_by")
    assert extract_problems(ext) == []


@pytest.mark.parametrize("name,doc", _each(_graded_pdfs))
def test_extract_reads_grades_from_pdf(name: str, doc: tuple[str, str]) -> None:
    """Each graded area once (a table split over pages, or restated in headings)."""
    r, (slug, path) = BY_NAME[name], doc
    ext = extract(_body(r, path), PUBLIC + path)
    check.check_pdf_grades(ext, r.truth.publication(slug), "area", "grade", "cycle")


@pytest.mark.parametrize("name,doc", _each(lambda r: documents_of(r.truth, "html", "peel")))
def test_extract_peel_page(name: str, doc: tuple[str, str]) -> None:
    r, (slug, path) = BY_NAME[name], doc
    want = r.truth.publication(slug)
    ext = extract_peel_page(_body(r, path), PUBLIC + path)
    assert grade_keys(ext.grades, *GRADE) == grade_keys(want.grades, *GRADE)
    assert ext.publication.forces == list(want.forces)


@pytest.mark.parametrize("name,doc", _each(_graded_pages))
def test_extract_on_graded_page_reads_areas_for_improvement(name: str,
                                                               doc: tuple[str, str]) -> None:
    """`hmicfrs extract` on a PEEL or fire page: the page's own AFIs (HTML-side truth)."""
    r, (slug, path) = BY_NAME[name], doc
    ext = extract(_body(r, path), PUBLIC + path)
    assert ext.kind == "peel_report"
    check.check_findings(ext, r.truth.publication(slug))


# --- replica self-checks ----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_replica_serves_what_it_links_and_prints_the_reference(name: str) -> None:
    """Every page and linked document is served, every finding has text, and the reference
    report is the real one (28 August 2025, 43 forces, the real recommendations)."""
    r = BY_NAME[name]
    check.check_served(r.truth, r.site)
    assert all(f.text.strip() for p in r.truth.publications.values() for f in p.findings)
    check.check_reference_truth(r.truth.reference)
    check.check_reference_recommendations(r.truth.reference, REFERENCE_RECOMMENDATIONS)
