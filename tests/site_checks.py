"""Checks shared by the tests that run the pipeline on an independent replica of the site.

tests/sites serves each replica, runs the pipeline once over it (``run_pipeline``) and
compares the tables it leaves with the replica's ``Truth`` through these functions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.flows.helpers import rows, run
from tests.replica.truth import PublicationTruth, Truth, normalise_text

TABLES = ("publications", "publication_forces", "documents", "recommendations", "grades",
          "section55_obligations", "quarantine")
Row = dict[str, Any]
Tables = dict[str, Any]


# --- the pipeline run -------------------------------------------------------------------

def run_pipeline(tmp_path_factory: pytest.TempPathFactory, name: str,
                 server: AbstractContextManager[Any], as_of: date | None = None
                 ) -> Iterator[Tables]:
    """Serve a replica, run the pipeline once over it; yield the report, server and tables."""
    data_dir = tmp_path_factory.mktemp(name) / "data"
    data_dir.mkdir()
    db_url = f"sqlite:///{data_dir / 'hmicfrs.db'}"
    with server as served:
        report = (run(served.url, data_dir, db_url) if as_of is None
                  else run(served.url, data_dir, db_url, as_of=as_of))
        tables = {table: rows(db_url, table) for table in TABLES}
        yield {"report": report, "server": served, **tables}


# --- reading tables and records ---------------------------------------------------------

def by_pub(table: list[Row]) -> dict[str, list[Row]]:
    """Rows grouped by their publication_id."""
    out: dict[str, list[Row]] = {}
    for r in table:
        out.setdefault(r["publication_id"], []).append(r)
    return out


def url_path(url: str) -> str:
    """The path part of a URL."""
    return urlsplit(url).path


def stored_row(pipeline: Tables, slug: str) -> Row:
    """The publications row for a slug; fails if it was not stored."""
    row = next((r for r in pipeline["publications"] if r["publication_id"] == slug), None)
    assert row is not None, f"{slug} not stored"
    return row


def _field(found: Any, name: str) -> Any:
    return found[name] if isinstance(found, dict) else getattr(found, name)


def finding_keys(found: list[Any]) -> list[tuple[str, str, str]]:
    """(kind, ref, normalised text) of findings given as table rows or Finding records."""
    return sorted((_field(f, "kind"), str(_field(f, "ref")), normalise_text(_field(f, "text")))
                  for f in found)


def want_keys(pub: PublicationTruth) -> list[tuple[str, str, str]]:
    """(kind, ref, normalised text) of a publication's true findings."""
    return sorted((f.kind, f.ref, normalise_text(f.text)) for f in pub.findings)


def by_finding(found: list[Any], *fields: str) -> dict[tuple[str, str], tuple[Any, ...]]:
    """(kind, ref) -> the named fields, for extracted or true findings."""
    return {(f.kind, f.ref): tuple(getattr(f, name) for name in fields) for f in found}


def documents_of(truth: Truth, kind: str | None = None, role: str | None = None,
                 language: str | None = "en") -> list[tuple[str, str]]:
    """(slug, path) of every true document of a kind, role and language (None: any)."""
    return [(p.slug, d.path) for p in truth.publications.values() for d in p.documents
            if (kind is None or d.kind == kind) and (language is None or d.language == language)
            and (role is None or d.role == role)]


def extract_problems(ext: Any) -> list[str]:
    """Reasons of the extract-stage problems an extraction reported."""
    return [p.reason for p in ext.problems if p.stage == "extract"]


def grade_keys(grades: list[Any], *fields: str) -> list[tuple[Any, ...]]:
    """The named fields of each grade, sorted."""
    return sorted(tuple(getattr(g, name) for name in fields) for g in grades)


# --- the stored tables against Truth ----------------------------------------------------

def check_date_title_and_url(pipeline: Tables, truth: Truth, slug: str) -> None:
    want = truth.publication(slug)
    row = stored_row(pipeline, slug)
    assert (row["published_on"], row["title"], row["url"]) == (want.published_on, want.title,
                                                               want.url)


def check_types(pipeline: Tables, truth: Truth, slug: str) -> None:
    assert tuple(stored_row(pipeline, slug)["publication_types"]) == \
        truth.publication(slug).publication_types


def check_forces(pipeline: Tables, truth: Truth, slug: str) -> None:
    want = truth.publication(slug)
    row = stored_row(pipeline, slug)
    got = {r["force_id"] for r in by_pub(pipeline["publication_forces"]).get(slug, [])}
    assert (row["all_forces"], got) == (want.all_forces, set(want.forces))


def check_police_inspection_flag(pipeline: Tables, truth: Truth) -> None:
    got = {r["publication_id"]: r["is_police_inspection"] for r in pipeline["publications"]}
    assert got == {p.slug: p.is_police_inspection for p in truth.stored()}


def check_documents(pipeline: Tables, truth: Truth, slug: str) -> None:
    """Stored documents are the true ones (path, kind, language), each hashed."""
    want = sorted((d.path, d.kind, d.language) for d in truth.publication(slug).documents)
    stored = by_pub(pipeline["documents"]).get(slug, [])
    assert sorted((url_path(r["url"]), r["kind"], r["language"]) for r in stored) == want
    assert all(r["sha256"] for r in stored)


def check_finding_keys(pipeline: Tables, truth: Truth, slug: str) -> None:
    got = by_pub(pipeline["recommendations"]).get(slug, [])
    assert finding_keys(got) == want_keys(truth.publication(slug))


def check_finding_force_due_and_page(pipeline: Tables, truth: Truth, slug: str) -> None:
    """Each true finding's force, due date and page (None for a finding read from HTML)."""
    got = {(r["kind"], str(r["ref"])): r
           for r in by_pub(pipeline["recommendations"]).get(slug, [])}
    for f in truth.publication(slug).findings:
        row = got.get((f.kind, f.ref))
        assert row is not None, (f.kind, f.ref)
        assert (row["force_id"], row["due_by"]) == (f.force, f.due_by), (f.kind, f.ref)
        assert row["page"] == f.page, (f.kind, f.ref)


def check_grades(pipeline: Tables, truth: Truth,
                 body: Callable[[Any], str] = lambda g: g.force) -> None:
    """Stored grades are the true ones; ``body`` names the graded force or service."""
    got = sorted((r["publication_id"], r["force_id"], r["area"], r["grade"], r["cycle"])
                 for r in pipeline["grades"])
    want = sorted((slug, body(g), g.area, g.grade, g.cycle) for slug, g in truth.grades())
    assert got == want


def check_obligations(pipeline: Tables, truth: Truth,
                      judged: Callable[[Row], bool] = lambda r: True) -> None:
    """The judged obligation rows are exactly the true ones, with the true deadlines."""
    got = {(r["publication_id"], r["force_id"]): (r["local_policing_body"], r["published_on"],
                                                  r["statutory_deadline"], r["practice_deadline"])
           for r in pipeline["section55_obligations"] if judged(r)}
    want = {(slug, o.force_id): (o.local_policing_body, o.published_on, o.statutory_deadline,
                                 o.practice_deadline) for slug, o in truth.obligations()}
    assert set(got) - set(want) == set(), "obligations nobody owes"
    assert set(want) - set(got) == set(), "obligations missing"
    assert {k: got[k] for k in want} == want


def check_obligations_needing_review(pipeline: Tables, truth: Truth) -> set[str]:
    """Publications flagged for review are the true ones; returns them."""
    got = {r["publication_id"] for r in pipeline["section55_obligations"] if r["needs_review"]}
    assert got == {p.slug for p in truth.stored() if p.needs_review and p.obligations}
    return got


def check_norfolk_reference_obligation(pipeline: Tables, truth: Truth,
                                       with_status: bool = True) -> None:
    """The reference report: Norfolk's deadlines 22/23 October 2025 (and still open)."""
    row = next(r for r in pipeline["section55_obligations"]
               if r["publication_id"] == truth.reference_slug and r["force_id"] == "norfolk")
    assert (str(row["statutory_deadline"]), str(row["practice_deadline"])) == \
        ("2025-10-22", "2025-10-23")
    if with_status:
        assert row["status"] == "open"


def check_quarantine_reason(pipeline: Tables, truth: Truth, slug: str) -> None:
    reason = truth.quarantined()[slug]
    path = truth.publication(slug).path
    hits = [q for q in pipeline["quarantine"]
            if url_path(q["source_url"]) == path and q["stage"] == "extract"]
    assert hits, f"{slug} not quarantined"
    words = {"no date": ("date",), "unknown force": ("unknown", "force")}[reason]
    assert all(w in hits[0]["reason"].lower() for w in words), hits[0]["reason"]


def check_no_spurious_quarantine(pipeline: Tables, truth: Truth) -> None:
    expected = {truth.publication(s).path for s in truth.quarantined()}
    expected |= set(truth.robots_disallowed)
    spurious = [(q["stage"], q["source_url"], q["reason"]) for q in pipeline["quarantine"]
                if url_path(q["source_url"]) not in expected
                and q["record"].get("publication_id") not in truth.quarantined()]
    assert spurious == []


def check_no_quarantine(pipeline: Tables) -> None:
    """Nothing quarantined except review flags."""
    assert [(q["stage"], q["source_url"], q["reason"]) for q in pipeline["quarantine"]
            if q["stage"] != "flag"] == []


def check_robots_disallowed_never_fetched(pipeline: Tables, truth: Truth) -> None:
    for path in truth.robots_disallowed:
        assert pipeline["server"].requests_to(path) == []


def check_listing_pages_walked(pipeline: Tables, truth: Truth, decode: bool = True) -> set[str]:
    """Every true listing page was requested; returns the requested paths."""
    seen = {unquote(r.path) if decode else r.path for r in pipeline["server"].requests}
    assert set(truth.listing_pages) <= seen, sorted(seen)
    return seen


# --- extractors against Truth -----------------------------------------------------------

def check_landing_page(pub: Any, want: PublicationTruth, forces: bool = True) -> None:
    """An extracted landing page: title, date, types, report files and, unless ``forces`` is
    off (a page naming an unknown force), its forces and other bodies."""
    assert (pub.title, pub.published_on) == (want.title, want.published_on)
    assert tuple(pub.publication_types) == want.publication_types
    if forces:
        assert (pub.all_forces, sorted(pub.forces)) == (want.all_forces, sorted(want.forces))
        assert sorted(pub.other_bodies) == sorted(want.other_bodies)
    assert sorted((url_path(d.url), d.kind, d.language) for d in pub.documents) == \
        sorted((d.path, d.kind, d.language) for d in want.documents)


def check_findings(ext: Any, want: PublicationTruth, *fields: str) -> None:
    """Extracted findings: keys and texts, then the named fields of each finding."""
    assert finding_keys(ext.recommendations) == want_keys(want)
    if fields:
        assert by_finding(ext.recommendations, *fields) == by_finding(want.findings, *fields)


def check_pdf_grades(ext: Any, want: PublicationTruth, *fields: str) -> None:
    """A PDF read by the registry's extract: the named grade fields, and each area's page."""
    assert ext.kind == "report_pdf"
    assert grade_keys(ext.grades, *fields) == grade_keys(want.grades, *fields)
    assert {g.area: g.page for g in ext.grades} == {g.area: g.page for g in want.grades}


# --- replica self-checks ----------------------------------------------------------------

def check_served(truth: Truth, site: Any) -> None:
    """Every publication page and every linked document is served."""
    for pub in truth.publications.values():
        assert pub.path in site
        for doc in pub.documents:
            assert doc.path in site, doc.path


def check_reference_truth(reference: PublicationTruth) -> None:
    """The reference report: 28 August 2025, all 43 forces."""
    assert (reference.published_on.isoformat(), reference.all_forces, len(reference.forces)) \
        == ("2025-08-28", True, 43)


def check_reference_recommendations(reference: PublicationTruth, recommendations: Any) -> None:
    """The reference's types, and its recommendations as the first replica prints them
    (every replica imports the texts from tests/replica/catalogue.py)."""
    assert reference.publication_types == ("Crime recording", "Data", "Data quality",
                                           "Spotlight")
    assert [f.text for f in reference.findings] == list(recommendations)
