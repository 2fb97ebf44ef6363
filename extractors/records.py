"""Record types every extractor returns; they serialise to the contract's JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

DocumentKind = Literal["pdf", "html"]
FindingKind = Literal["recommendation", "area_for_improvement", "cause_of_concern"]
ExtractKind = str  # a page type's name (extractors/pages/registry.py lists them)
UNRECOGNISED = "unrecognised"  # the kind of a document no page type recognises


class Stage(StrEnum):
    """Where a Problem arose; ``quarantine.stage`` stores the value."""

    DISCOVER = "discover"  # a listed item's link not followed, a source's trouble
    FETCH = "fetch"
    EXTRACT = "extract"
    VALIDATE = "validate"
    RECONCILE = "reconcile"
    RESPONSE = "response"  # a response link or document that cannot be matched or read
    NOTE = "note"        # a run-summary line, no quarantine row
    FLAG = "flag"        # a new graded area: loaded, and named in the summary


class ProblemCode(StrEnum):
    """What kind of trouble a Problem reports, for code that must act on it."""

    GENERAL = "general"
    CORRUPT_DOCUMENT = "corrupt_document"   # the file cannot be opened at all
    UNRECOGNISED = "unrecognised"           # no page type recognises the document
    OVER_CAP = "over_cap"                   # too big to read safely (a PDF cap's figure)
    TEXT_ORDER = "text_order"               # a text layer out of reading order (PDF pages)
    NO_TEXT = "no_text"                     # no page read: no text layer, or all out of order
    NO_GRADES = "no_grades"                 # a report page that shows no graded judgment


# Codes that mark the document itself unreadable: the pipeline quarantines it (its
# documents row says so) instead of storing its reading as a report without findings.
QUARANTINES_DOCUMENT = frozenset({ProblemCode.CORRUPT_DOCUMENT, ProblemCode.UNRECOGNISED,
                                  ProblemCode.OVER_CAP, ProblemCode.NO_TEXT})


@dataclass
class DocumentLink:
    """A report file a landing page links to."""

    url: str
    kind: DocumentKind
    language: Literal["en", "cy"] = "en"
    label: str | None = None


@dataclass
class ListingItem:
    """One publication shown on a listing page."""

    url: str
    publication_id: str
    title: str | None
    published_on: date | None
    other_links: list[str] = field(default_factory=list)  # the item's other same-site pages


@dataclass
class Publication:
    """What a landing page (or a report's own front matter) says about a publication."""

    title: str | None = None
    published_on: date | None = None
    publication_types: list[str] = field(default_factory=list)
    forces: list[str] = field(default_factory=list)
    all_forces: bool = False
    documents: list[DocumentLink] = field(default_factory=list)
    forces_text: str | None = None
    other_bodies: list[str] = field(default_factory=list)
    fire_services: list[str] = field(default_factory=list)
    key_findings: str | None = None
    corrections: list[str] = field(default_factory=list)  # "This report was updated on ..."


@dataclass
class Finding:
    """A recommendation, area for improvement or cause of concern, word for word."""

    kind: FindingKind
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    page: int | None = None
    addressee: str | None = None
    anchor: str | None = None
    lead_in: str | None = None   # the lead-in an item finding stands under, as printed


@dataclass
class Grade:
    """One graded judgment: a force's grade for an area in an inspection cycle."""

    force: str | None
    area: str
    grade: str
    cycle: str | None = None
    page: int | None = None
    area_key: str | None = None


@dataclass
class Problem:
    """Something an extractor could not read; becomes a quarantine row, never a crash."""

    stage: Stage
    reason: str
    record: dict[str, Any] = field(default_factory=dict)
    location: str | None = None
    code: ProblemCode = ProblemCode.GENERAL

    def __post_init__(self) -> None:
        self.stage = Stage(self.stage)
        self.code = ProblemCode(self.code)


@dataclass
class ResponseLink:
    """A local policing body's response a page lists, or (``printed_on``) a response
    document's own reading."""

    body: str
    url: str
    kind: DocumentKind
    force: str | None = None
    printed_on: date | None = None


@dataclass
class Extraction:
    """Everything read from one document."""

    source: str
    kind: ExtractKind
    publication: Publication = field(default_factory=Publication)
    recommendations: list[Finding] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    listing: list[ListingItem] = field(default_factory=list)  # a listing page's items
    next_page: str | None = None  # a listing page's next page
    responses: list[ResponseLink] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape (dates as ISO strings, every key present)."""
        pub = self.publication
        return {
            "source": self.source,
            "kind": self.kind,
            "publication": {
                "title": pub.title,
                "published_on": _iso(pub.published_on),
                "publication_types": list(pub.publication_types),
                "forces": list(pub.forces),
                "all_forces": pub.all_forces,
                "documents": [{"url": d.url, "kind": d.kind, "language": d.language}
                              for d in pub.documents],
            },
            "recommendations": [
                {"kind": f.kind, "ref": f.ref, "text": f.text, "force": f.force,
                 "due_by": _iso(f.due_by), "page": f.page, "addressee": f.addressee,
                 "lead_in": f.lead_in}
                for f in self.recommendations
            ],
            "grades": [
                {"force": g.force, "area": g.area, "grade": g.grade, "cycle": g.cycle,
                 "page": g.page}
                for g in self.grades
            ],
            "responses": [
                {"body": r.body, "force": r.force, "url": r.url, "kind": r.kind,
                 "printed_on": _iso(r.printed_on)}
                for r in self.responses
            ],
            "problems": [{**asdict(p), "stage": str(p.stage), "code": str(p.code)}
                         for p in self.problems],
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
