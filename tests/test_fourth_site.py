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
from urllib.parse import unquote, urlsplit

import pytest

from crawler.urls import SiteUrls
from extractors.detect import extract_any
from extractors.listing import parse_listing
from extractors.peel_page import extract_peel_page
from extractors.publication_page import extract_publication_page
from extractors.report_html import extract_report_html
from extractors.report_pdf import extract_report_pdf
from reference.fire_services import fire_services
from reference.forces import forces
from tests.flows.helpers import rows, run
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS
from tests.replica.truth import PublicationTruth, Truth, normalise_text
from tests.replica_fourth.catalogue import PUBLIC, REFERENCE_RECS
from tests.replica_fourth.site import (PER_PAGE, FourthServer, build_fourth_site,
                                       fourth_publications)

SITE = build_fourth_site()
TRUTH: Truth = SITE.truth
STORED = [p.slug for p in TRUTH.stored()]
LOCAL = "http://127.0.0.1:9"
FIRE_IDS = {f.name: fid for fid, f in fire_services().items()}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One pipeline run over the served fourth replica; the tables it leaves."""
    data_dir = tmp_path_factory.mktemp("fourth") / "data"
    data_dir.mkdir()
    db_url = f"sqlite:///{data_dir / 'hmicfrs.db'}"
    with FourthServer(build_fourth_site()) as server:
        report = run(server.url, data_dir, db_url)
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


def _body(g: Any) -> str:
    return g.force or FIRE_IDS[g.service]


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
def test_documents_found_once_each(pipeline: dict, slug: str) -> None:
    want = sorted((d.path, d.kind, d.language) for d in TRUTH.publication(slug).documents)
    got = sorted((_path(r["url"]), r["kind"], r["language"])
                 for r in _by_pub(pipeline["documents"]).get(slug, []))
    assert got == want
    assert all(r["sha256"] for r in _by_pub(pipeline["documents"]).get(slug, []))


@pytest.mark.parametrize("slug", [s for s in STORED if any(
    d.kind == "pdf" for d in TRUTH.publication(s).documents)])
def test_pdf_printed_date_read_from_the_imprint_on_page_2(pipeline: dict, slug: str) -> None:
    pdfs = [r for r in _by_pub(pipeline["documents"]).get(slug, []) if r["kind"] == "pdf"]
    assert [r["printed_on"] for r in pdfs] == [TRUTH.publication(slug).published_on]


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
        assert (row["force_id"], row["due_by"]) == (f.force, f.due_by), (f.kind, f.ref)
        if f.page is not None:
            assert row["page"] == f.page, (f.kind, f.ref)


def test_previous_inspection_recommendations_are_not_stored(pipeline: dict) -> None:
    texts = " ".join(r["text"] for r in pipeline["recommendations"])
    assert "audited every month" not in texts
    assert "authority to change a recording decision" not in texts


def test_grades(pipeline: dict) -> None:
    got = sorted((r["publication_id"], r["force_id"], r["area"], r["grade"], r["cycle"])
                 for r in pipeline["grades"])
    want = sorted((slug, _body(g), g.area, g.grade, g.cycle) for slug, g in TRUTH.grades())
    assert got == want


def test_fire_grades_are_fire_rows(pipeline: dict) -> None:
    fire = [r for r in pipeline["grades"]
            if r["publication_id"] == "cornwall-fire-and-rescue-service-2021-22"]
    assert {(r["force_id"], r["body_type"]) for r in fire} == {("cornwall-fire", "fire")}
    assert len(fire) == 14


def test_obligations(pipeline: dict) -> None:
    territorial = set(forces())
    got = {(r["publication_id"], r["force_id"]): (r["local_policing_body"], r["published_on"],
                                                  r["statutory_deadline"], r["practice_deadline"])
           for r in pipeline["section55_obligations"] if r["force_id"] in territorial}
    want = {(slug, o.force_id): (o.local_policing_body, o.published_on, o.statutory_deadline,
                                 o.practice_deadline) for slug, o in TRUTH.obligations()}
    assert set(got) - set(want) == set(), "obligations nobody owes"
    assert set(want) - set(got) == set(), "obligations missing"
    assert {k: got[k] for k in want} == want
    assert all(r["force_id"] in territorial for r in pipeline["section55_obligations"])


def test_obligations_needing_review(pipeline: dict) -> None:
    got = {r["publication_id"] for r in pipeline["section55_obligations"] if r["needs_review"]}
    assert got == {p.slug for p in TRUTH.stored() if p.needs_review and p.obligations}


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

PUBS = {p.slug: p for p in fourth_publications()}


@pytest.mark.parametrize("slug", sorted(PUBS))
def test_extract_publication_page(slug: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_publication_page(SITE.get(want.path).body, PUBLIC + want.path)
    pub = ext.publication
    assert pub.title == want.title
    assert pub.published_on == want.published_on
    assert tuple(pub.publication_types) == want.publication_types
    assert (pub.all_forces, sorted(pub.forces)) == (want.all_forces, sorted(want.forces))
    docs = sorted((_path(d.url), d.kind, d.language) for d in pub.documents)
    assert docs == sorted((d.path, d.kind, d.language) for d in want.documents)


def test_listing_search_results_with_paged_links_and_featured_block() -> None:
    """Dates before titles; 'Older publications' / 'Next page »'; Featured counted once."""
    urls = SiteUrls(LOCAL)
    pubs = fourth_publications()
    for n, path in enumerate(TRUTH.listing_pages, start=1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        items, next_url = parse_listing(SITE.get(path).body, LOCAL + path, urls)
        got_paths = [_path(i.url) for i in items]
        assert sorted(set(got_paths)) == sorted(p.path for p in chunk), n
        assert [p for p in got_paths if got_paths.count(p) > 1] == [], n
        want_next = TRUTH.listing_pages[n] if n < len(TRUTH.listing_pages) else None
        assert next_url == (LOCAL + want_next if want_next else None), n
        dates = {_path(i.url): i.published_on for i in items}
        assert dates == {p.path: p.published_on for p in chunk}, n


def _docs(kind: str, role: str | None = None) -> list[tuple[str, str]]:
    return [(p.slug, d.path) for p in TRUTH.publications.values() for d in p.documents
            if d.kind == kind and d.language == "en" and (role is None or d.role == role)]


@pytest.mark.parametrize("slug,path", _docs("html", "report"))
def test_extract_report_html(slug: str, path: str) -> None:
    ext = extract_report_html(SITE.get(path).body, PUBLIC + path)
    assert _finding_keys(ext.recommendations) == _want_keys(TRUTH.publication(slug))
    got = {(f.kind, f.ref): (f.force, f.due_by) for f in ext.recommendations}
    assert got == {(f.kind, f.ref): (f.force, f.due_by) for f in TRUTH.publication(slug).findings}
    assert [p.reason for p in ext.problems if p.stage == "extract"] == []


@pytest.mark.parametrize("slug,path", _docs("pdf"))
def test_extract_report_pdf(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_report_pdf(SITE.get(path).body, PUBLIC + path)
    assert _finding_keys(ext.recommendations) == _want_keys(want)
    assert {(f.kind, f.ref): f.page for f in ext.recommendations} == \
        {(f.kind, f.ref): f.page for f in want.findings}
    assert {(f.kind, f.ref): (f.force, f.due_by) for f in ext.recommendations} == \
        {(f.kind, f.ref): (f.force, f.due_by) for f in want.findings}
    assert [p.reason for p in ext.problems if p.stage == "extract"] == []


@pytest.mark.parametrize("slug,path", [x for x in _docs("pdf") if TRUTH.publication(x[0]).grades])
def test_extract_any_reads_a_grade_table_split_over_two_pages(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "report_pdf"
    want = TRUTH.publication(slug)
    assert sorted((g.area, g.grade, g.cycle) for g in ext.grades) == \
        sorted((g.area, g.grade, g.cycle) for g in want.grades)
    assert {g.area: g.page for g in ext.grades} == {g.area: g.page for g in want.grades}


@pytest.mark.parametrize("slug,path", _docs("html", "peel"))
def test_extract_peel_page_reads_grade_images(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_peel_page(SITE.get(path).body, PUBLIC + path)
    got = sorted((g.force, g.area, g.grade, g.cycle) for g in ext.grades)
    assert got == sorted((g.force, g.area, g.grade, g.cycle) for g in want.grades)


@pytest.mark.parametrize("slug,path", _docs("html", "peel") + _docs("html", "frs"))
def test_extract_any_on_graded_page_reads_areas_for_improvement(slug: str, path: str) -> None:
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    assert ext.kind == "peel_report"
    assert _finding_keys(ext.recommendations) == _want_keys(TRUTH.publication(slug))


@pytest.mark.parametrize("slug,path", _docs("html", "frs"))
def test_extract_any_on_fire_round_2_page(slug: str, path: str) -> None:
    want = TRUTH.publication(slug)
    ext = extract_any(SITE.get(path).body, PUBLIC + path)
    got = sorted((g.force, g.area, g.grade, g.cycle) for g in ext.grades)
    assert got == sorted((_body(g), g.area, g.grade, g.cycle) for g in want.grades)


def test_fourth_site_is_consistent() -> None:
    """Replica self-check: documents served, texts printed, the reference as specified."""
    for pub in TRUTH.publications.values():
        assert pub.path in SITE
        for doc in pub.documents:
            assert doc.path in SITE, doc.path
        html = [SITE.get(d.path).body.decode() for d in pub.documents if d.kind == "html"]
        for f in pub.findings:
            assert f.text.strip()
            for body in html:
                assert escape(f.text)[:40] in body, f.text
    reference = TRUTH.reference
    assert (reference.published_on.isoformat(), reference.all_forces, len(reference.forces)) \
        == ("2025-08-28", True, 43)
    assert reference.publication_types == ("Crime recording", "Data", "Data quality",
                                           "Spotlight")
    assert REFERENCE_RECS == REFERENCE_RECOMMENDATIONS
    assert [f.text for f in reference.findings] == list(REFERENCE_RECOMMENDATIONS)
    landing = SITE.get(reference.path).body.decode()
    assert "<p><strong>Published on:</strong> 28th August 2025</p>" in landing
    first = SITE.get(TRUTH.listing_pages[0]).body.decode()
    assert first.count(reference.path) == 3  # twice in Featured, once in the list
    assert "Older publications" in first
    assert "Next page \u00bb" in SITE.get(TRUTH.listing_pages[1]).body.decode()
    assert Path(__file__).name == "test_fourth_site.py"
