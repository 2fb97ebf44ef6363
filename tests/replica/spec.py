"""What each replica publication is: the single source for its pages, PDFs and Truth."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
ASSETS = "https://assets-hmicfrs.justiceinspectorates.gov.uk"
OLD = "https://www.justiceinspectorates.gov.uk/hmicfrs"


@dataclass(frozen=True)
class FindingSpec:
    """A recommendation, area for improvement or cause of concern, as the documents print it."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    numbered: bool = True
    follows: str | None = None
    addressee: str | None = None
    timescale: str | None = None
    welsh: str | None = None


@dataclass(frozen=True)
class GradeSpec:
    """A graded judgment as the report states it."""

    area: str
    grade: str
    force: str | None
    cycle: str
    service: str | None = None


@dataclass(frozen=True)
class DocSpec:
    """One file a landing page links to, and how the replica renders it."""

    path: str
    href: str
    kind: str
    label: str
    role: str = "report"
    language: str = "en"
    style: str = ""
    features: frozenset[str] = frozenset()
    published_on: date | None = None
    cover_date: str | None = None
    footer: str = "Page {n}"
    corrupt: bool = False


@dataclass
class PubSpec:
    """One publication of the replica site."""

    slug: str
    title: str
    published_on: date | None
    listing_date: date
    types: tuple[str, ...]
    forces_text: str | None = None
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    other_bodies: tuple[str, ...] = ()
    fire_text: str | None = None
    fire_services: tuple[str, ...] = ()
    landing_style: str = "dl"
    date_form: str = "plain"
    date_label: str = "Published on:"
    forces_label: str = "Police forces:"
    type_links: bool = True
    docs: tuple[DocSpec, ...] = ()
    findings: tuple[FindingSpec, ...] = ()
    grades: tuple[GradeSpec, ...] = ()
    quarantine: str | None = None
    disallowed: bool = False
    is_police: bool = True
    needs_review: bool = False
    summary: str = ""
    key_findings: str | None = None
    title_cy: str | None = None
    absolute_listing_link: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    generated: bool = False

    @property
    def path(self) -> str:
        """The landing page path."""
        return f"/publications/{self.slug}/"

    @property
    def canonical_url(self) -> str:
        """The landing page on the real host."""
        return PUBLIC + self.path

    def findings_of(self, kind: str) -> list[FindingSpec]:
        """Findings of one kind, in document order."""
        return [f for f in self.findings if f.kind == kind]


def served_path(href: str) -> str:
    """The path the replica serves an href at (real hosts mapped onto the replica)."""
    for prefix in (PUBLIC, ASSETS, OLD):
        if href.startswith(prefix):
            return href[len(prefix):]
    return href
