"""Turn one publication's extractions into validated table rows (rejects to quarantine)."""
from __future__ import annotations

from datetime import date
from collections.abc import Callable, Sequence
from typing import Any

from extractors.records import Problem, Stage
from extractors.version import EXTRACTOR_VERSION
from flows.documents import reconcile
from reference.forces import forces
from schemas.common import validate_groups
from flows.work import DocStatus, PublicationWork, RunContext
from store.repository import PublicationBundle


def build_bundles(ctx: RunContext, items: Sequence[tuple[PublicationWork, date | None]]
                  ) -> list[tuple[PublicationBundle | None, list[Problem]]]:
    """Rows for every table of each publication (with its first publication date), and its
    problems; None for a publication that itself fails. Each table's rows are validated
    once for the whole batch (`validate_groups`), each rejected row still a problem of its
    own publication, in the order one publication at a time would give."""
    from schemas.publications import COLUMNS as PUB_COLUMNS, PublicationsSchema
    drafts = [_Draft(ctx, work, first) for work, first in items]
    checked = validate_groups(PublicationsSchema, [[d.row] for d in drafts], PUB_COLUMNS)
    kept = []
    for d, (_good, bad) in zip(drafts, checked):
        if bad:
            d.problems.append(Problem(Stage.VALIDATE, f"publication rejected: {bad[0][1]}",
                                      {**_jsonable(d.row)}, d.work.landing_url))
            d.rejected = True
        else:
            d.tables()
            kept.append(d)
    for name, (model, columns, where) in _tables().items():
        splits = validate_groups(model, [d.rows[name] for d in kept], columns)
        for d, (good, bad) in zip(kept, splits):
            d.valid[name] = good
            d.rejects[name] = [Problem(Stage.VALIDATE, f"{name} rejected: {why}", _jsonable(r),
                                       where(r, d.work)) for r, why in bad]
    return [d.result() for d in drafts]


class _Draft:
    """One publication's rows before validation, then its bundle."""

    def __init__(self, ctx: RunContext, work: PublicationWork, first: date | None) -> None:
        from section55.rules import is_police_inspection
        assert work.landing is not None
        pub = work.landing.publication
        self.ctx, self.work, self.rejected = ctx, work, False
        self.found, self.problems = reconcile(work.documents)
        self.facts = _facts(work, first or pub.published_on)
        self.police, self.why = is_police_inspection(self.facts)
        self.row = {"publication_id": work.publication_id,
                    "url": ctx.urls.canonical(work.landing_url),
                    "title": pub.title, "published_on": pub.published_on,
                    "publication_types": list(pub.publication_types),
                    "is_police_inspection": self.police, "s55_reason": self.why,
                    "all_forces": pub.all_forces, "forces_text": pub.forces_text,
                    "key_findings": self.found.key_findings or pub.key_findings,
                    "page_sha256": work.page_sha256, "extractor_version": EXTRACTOR_VERSION,
                    "corrections": _corrections(work)}
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.valid: dict[str, list[dict[str, Any]]] = {}
        self.rejects: dict[str, list[Problem]] = {}
        self.flags: list[Problem] = []
        self.lookup: list[Problem] = []

    def tables(self) -> None:
        """The rows of the publication's other tables (to validate)."""
        work = self.work
        self.rows["document"] = [
            {"publication_id": work.publication_id, "url": d.canonical, "kind": d.link.kind,
             "language": d.link.language, "sha256": d.sha256, "bytes": d.size,
             "content_type": d.content_type, "fetched_at": d.fetched_at,
             "status": "quarantined" if d.status == DocStatus.QUARANTINED else
             ("missing" if d.sha256 is None else "extracted"),
             "extractor_version": EXTRACTOR_VERSION, "printed_on": d.printed_on}
            for d in work.documents if d.canonical.startswith("http")]
        self.rows["recommendation"] = _recommendation_rows(work, self.found)
        self.rows["grade"], self.flags = _grade_rows(work, self.found)
        self.rows["obligation"], self.lookup, notes = (
            _obligation_rows(self.ctx, self.facts) if self.police else ([], [], []))
        if notes:
            self.row["s55_reason"] = "; ".join([self.why, *notes])

    def result(self) -> tuple[PublicationBundle | None, list[Problem]]:
        if self.rejected:
            return None, self.problems
        r = self.rejects
        problems = (self.problems + r["document"] + r["recommendation"] + self.flags
                    + r["grade"] + self.lookup + r["obligation"])
        has_docs = any(d.extraction is not None for d in self.work.documents)
        v = self.valid
        return PublicationBundle(self.row, list(self.work.landing.publication.forces),
                                 v["document"], v["recommendation"] if has_docs else None,
                                 v["grade"] if has_docs else None, v["obligation"]), problems


def _source(row: dict[str, Any], work: PublicationWork) -> str | None:
    return row.get("source_url") or work.landing_url


def _tables() -> dict[str, tuple[Any, list[str], Callable[[dict[str, Any], PublicationWork],
                                                          str | None]]]:
    """Each table validated after the publication's own row: its model, the columns
    validated, where a rejected row's problem points."""
    from schemas.documents import COLUMNS as DOC_COLUMNS, DocumentsSchema
    from schemas.grades import GradesSchema
    from schemas.obligations import COLUMNS as OB_COLUMNS, ObligationsSchema
    from schemas.recommendations import RecommendationsSchema
    return {"document": (DocumentsSchema, DOC_COLUMNS, lambda r, w: r.get("url")),
            "recommendation": (RecommendationsSchema,
                               list(RecommendationsSchema.to_schema().columns), _source),
            "grade": (GradesSchema, list(GradesSchema.to_schema().columns), _source),
            "obligation": (ObligationsSchema, OB_COLUMNS, lambda r, w: None)}


def _corrections(work: PublicationWork) -> list[str] | None:
    """The correction notices the publication's pages print, once each (None: none)."""
    assert work.landing is not None
    found = list(work.landing.publication.corrections)
    for doc in work.documents:
        if doc.extraction is not None and doc.link.language == "en":
            found += doc.extraction.publication.corrections
    return list(dict.fromkeys(found)) or None


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


def _recommendation_rows(work: PublicationWork, found: Any) -> list[dict[str, Any]]:
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
    return rows


def _grade_rows(work: PublicationWork, found: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The grade rows, and a flag for each area the registry does not know."""
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
    return rows, flags


def _obligation_rows(ctx: RunContext, facts: Any
                     ) -> tuple[list[dict[str, Any]], list[Problem], list[str]]:
    """The obligation rows (to validate), a problem when none can open, the rules' notes."""
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
    return rows, [], notes


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
