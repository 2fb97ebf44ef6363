"""Turn one publication's extractions into validated table rows (rejects to quarantine)."""
from __future__ import annotations

from datetime import date
from typing import Any

from extractors.records import Problem, Stage
from extractors.version import EXTRACTOR_VERSION
from flows.documents import reconcile
from reference.forces import forces
from schemas.common import validate_rows
from flows.work import DocStatus, PublicationWork, RunContext
from store.repository import PublicationBundle


def build_bundle(ctx: RunContext, work: PublicationWork,
                 first_published: date | None) -> tuple[PublicationBundle | None, list[Problem]]:
    """Rows for every table of one publication; None when the publication itself fails."""
    from schemas.publications import COLUMNS as PUB_COLUMNS, PublicationsSchema
    from section55.rules import is_police_inspection
    assert work.landing is not None
    pub = work.landing.publication
    problems: list[Problem] = []
    found, reconcile_problems = reconcile(work.documents)
    problems += reconcile_problems
    facts = _facts(work, first_published or pub.published_on)
    police, why = is_police_inspection(facts)
    row = {"publication_id": work.publication_id, "url": ctx.urls.canonical(work.landing_url),
           "title": pub.title, "published_on": pub.published_on,
           "publication_types": list(pub.publication_types), "is_police_inspection": police,
           "s55_reason": why,
           "all_forces": pub.all_forces, "forces_text": pub.forces_text,
           "key_findings": found.key_findings or pub.key_findings,
           "page_sha256": work.page_sha256, "extractor_version": EXTRACTOR_VERSION,
           "corrections": _corrections(work)}
    good, bad = validate_rows(PublicationsSchema, [row], PUB_COLUMNS)
    if bad:
        problems.append(Problem(Stage.VALIDATE, f"publication rejected: {bad[0][1]}",
                                {**_jsonable(row)}, work.landing_url))
        return None, problems
    documents = [{"publication_id": work.publication_id, "url": d.canonical, "kind": d.link.kind,
                  "language": d.link.language, "sha256": d.sha256, "bytes": d.size,
                  "content_type": d.content_type, "fetched_at": d.fetched_at,
                  "status": "quarantined" if d.status == DocStatus.QUARANTINED else
                  ("missing" if d.sha256 is None else "extracted"),
                  "extractor_version": EXTRACTOR_VERSION, "printed_on": d.printed_on}
                 for d in work.documents if d.canonical.startswith("http")]
    documents, doc_problems = _valid_documents(work, documents)
    problems += doc_problems
    recs, rec_problems = _recommendation_rows(work, found)
    grades, grade_problems = _grade_rows(work, found)
    obligations, ob_problems, notes = _obligation_rows(ctx, facts) if police else ([], [], [])
    if notes:
        row["s55_reason"] = "; ".join([why, *notes])
    problems += rec_problems + grade_problems + ob_problems
    has_docs = any(d.extraction is not None for d in work.documents)
    return PublicationBundle(row, list(pub.forces), documents,
                             recs if has_docs else None, grades if has_docs else None,
                             obligations), problems


def _corrections(work: PublicationWork) -> list[str] | None:
    """The correction notices the publication's pages print, once each (None: none)."""
    assert work.landing is not None
    found = list(work.landing.publication.corrections)
    for doc in work.documents:
        if doc.extraction is not None and doc.link.language == "en":
            found += doc.extraction.publication.corrections
    return list(dict.fromkeys(found)) or None


def _valid_documents(work: PublicationWork, documents: list[dict[str, Any]]
                     ) -> tuple[list[dict[str, Any]], list[Problem]]:
    from schemas.documents import COLUMNS, DocumentsSchema
    good, bad = validate_rows(DocumentsSchema, documents, COLUMNS)
    return good, [Problem(Stage.VALIDATE, f"document rejected: {why}", _jsonable(r), r.get("url"))
                  for r, why in bad]


def _facts(work: PublicationWork, published_on: date | None) -> Any:
    from section55.rules import PublicationFacts
    assert work.landing is not None
    pub = work.landing.publication
    return PublicationFacts(publication_id=work.publication_id, title=pub.title or "",
                            published_on=published_on or date.min,
                            publication_types=list(pub.publication_types),
                            force_ids=list(pub.forces), all_forces=pub.all_forces,
                            other_bodies=list(pub.other_bodies),
                            fire_services=list(pub.fire_services))


def _recommendation_rows(work: PublicationWork, found: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    from schemas.recommendations import RecommendationsSchema
    rows: list[dict[str, Any]] = []
    keys: dict[tuple[str, str, str], str] = {}
    for f in found.findings:
        ref, force_key = str(f.ref), f.force or ""
        n = 2
        while (f.kind, ref, force_key) in keys and keys[(f.kind, ref, force_key)] != f.text:
            ref, n = f"{f.ref}-{n}", n + 1
        if (f.kind, ref, force_key) in keys:
            continue
        keys[(f.kind, ref, force_key)] = f.text
        rows.append({"publication_id": work.publication_id, "kind": f.kind, "ref": ref,
                     "force_key": force_key, "text": f.text, "force_id": f.force,
                     "due_by": f.due_by, "addressee": f.addressee,
                     "source_url": found.findings_source.get(id(f), ""), "page": f.page,
                     "anchor": f.anchor})
    columns = list(RecommendationsSchema.to_schema().columns)
    good, bad = validate_rows(RecommendationsSchema, rows, columns)
    return good, [Problem(Stage.VALIDATE, f"recommendation rejected: {why}", _jsonable(r),
                          r.get("source_url") or work.landing_url) for r, why in bad]


def _grade_rows(work: PublicationWork, found: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    from schemas.grades import GradesSchema
    known = forces()
    rows, flags = [], []
    seen: set[tuple[str, str]] = set()
    for g in found.grades:
        force = g.force or (work.landing.publication.forces[0]
                            if work.landing and len(work.landing.publication.forces) == 1 else None)
        if force is None or (force, g.area) in seen:
            continue
        seen.add((force, g.area))
        rows.append({"publication_id": work.publication_id, "force_id": force,
                     "body_type": "police" if force in known else "fire", "area": g.area,
                     "area_key": g.area_key, "grade": g.grade, "cycle": g.cycle,
                     "source_url": found.grades_source.get(id(g), ""), "page": g.page})
        if g.area_key is None:
            flags.append(Problem(Stage.FLAG, f"unknown graded area {g.area!r} (cycle {g.cycle})",
                                 {"area": g.area, "cycle": g.cycle}, work.landing_url))
    columns = list(GradesSchema.to_schema().columns)
    good, bad = validate_rows(GradesSchema, rows, columns)
    return good, flags + [Problem(Stage.VALIDATE, f"grade rejected: {why}", _jsonable(r),
                                  r.get("source_url") or work.landing_url) for r, why in bad]


def _obligation_rows(ctx: RunContext, facts: Any
                     ) -> tuple[list[dict[str, Any]], list[Problem], list[str]]:
    from schemas.obligations import COLUMNS, ObligationsSchema
    from section55.rules import obligations_for
    from section55.status import status_of
    try:
        drafts, notes = obligations_for(facts)
    except LookupError as exc:  # no local policing body on record for that date
        return [], [Problem(Stage.VALIDATE, f"no obligation opened: {exc}",
                            {"publication_id": facts.publication_id}, None)], []
    rows = []
    for d in drafts:
        status = status_of(d.practice_deadline, d.statutory_deadline, None, ctx.settings.as_of)
        rows.append({"publication_id": d.publication_id, "force_id": d.force_id,
                     "local_policing_body": d.local_policing_body, "lpb_type": d.lpb_type,
                     "published_on": d.published_on, "statutory_deadline": d.statutory_deadline,
                     "practice_deadline": d.practice_deadline, "status": status.status,
                     "responded_on": None, "response_url": None,
                     "needs_review": d.needs_review, "reason": d.reason,
                     "rule_version": d.rule_version, "status_as_of": ctx.settings.as_of})
    good, bad = validate_rows(ObligationsSchema, rows, COLUMNS)
    return good, [Problem(Stage.VALIDATE, f"obligation rejected: {why}", _jsonable(r), None)
                  for r, why in bad], notes


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
