"""Record types every extractor returns; they serialise to the contract's JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

DocumentKind = Literal["pdf", "html"]
FindingKind = Literal["recommendation", "area_for_improvement", "cause_of_concern"]
ExtractKind = Literal["publication_page", "report_html", "peel_report", "report_pdf"]


@dataclass
class DocumentLink:
    """A report file a landing page links to."""

    url: str
    kind: DocumentKind
    language: Literal["en", "cy"] = "en"
    label: str | None = None


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

    stage: str
    reason: str
    record: dict[str, Any] = field(default_factory=dict)
    location: str | None = None


@dataclass
class Extraction:
    """Everything read from one document."""

    source: str
    kind: ExtractKind
    publication: Publication = field(default_factory=Publication)
    recommendations: list[Finding] = field(default_factory=list)
    grades: list[Grade] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

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
            "problems": [asdict(p) for p in self.problems],
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
