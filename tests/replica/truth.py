"""Ground truth: what the pipeline must find on a replica site.

Built from the same specs that render the pages and PDFs, so it says exactly what the
documents say. Conventions:

- ``FindingTruth.force`` is the force the text itself names as addressee ("the chief
  constable of Dorset Police should ...") and None when the text names none ("the force
  should", "Forces need to"), even in a single-force report. Only the 43 territorial
  forces count (a BTP recommendation has force None).
- ``FindingTruth.page`` is the physical 1-based page of the English PDF where the finding
  starts (None when the publication has no readable English PDF). ``also_pages`` lists
  pages where the same text is repeated (an executive summary); it must be counted once.
- Unnumbered findings (``numbered=False``) get refs "1", "2"... in document order.
- Texts keep the documents' typography (curly apostrophes); compare with `same_text`.
- Grades are deduplicated per (force, area, cycle); a PEEL page and its PDF state the same
  grades. ``page`` is the PDF page of the judgments table or sentence.
- Obligations are for the 43 forces only, for police publications that are stored (not
  quarantined, not robots-disallowed); the body is the one in office on the date.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from reference.forces import forces
from tests.replica.spec import PubSpec

S55_TIME_LIMIT_FROM = date(2017, 5, 2)
Marks = dict[tuple[str, ...], int]


@dataclass(frozen=True)
class DocumentTruth:
    """A file the landing page links to."""

    url: str
    path: str
    kind: str
    language: str
    role: str
    label: str
    corrupt: bool = False
    published_on: date | None = None


@dataclass(frozen=True)
class FindingTruth:
    """One recommendation, area for improvement or cause of concern."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    page: int | None = None
    numbered: bool = True
    follows: str | None = None
    also_pages: tuple[int, ...] = ()
    addressee: str | None = None


@dataclass(frozen=True)
class GradeTruth:
    """One graded judgment."""

    force: str | None
    area: str
    grade: str
    cycle: str
    service: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class ObligationTruth:
    """A Section 55 obligation the publication opens."""

    force_id: str
    local_policing_body: str
    published_on: date
    statutory_deadline: date | None
    practice_deadline: date | None


@dataclass(frozen=True)
class PublicationTruth:
    """Everything the pipeline must find about one publication."""

    slug: str
    path: str
    url: str
    title: str
    published_on: date | None
    publication_types: tuple[str, ...]
    forces: tuple[str, ...]
    all_forces: bool
    other_bodies: tuple[str, ...]
    fire_services: tuple[str, ...]
    documents: tuple[DocumentTruth, ...]
    findings: tuple[FindingTruth, ...]
    grades: tuple[GradeTruth, ...]
    obligations: tuple[ObligationTruth, ...]
    quarantine: str | None = None
    robots_disallowed: bool = False
    is_police_inspection: bool = True
    needs_review: bool = False
    key_findings: str | None = None
    generated: bool = False

    @property
    def stored(self) -> bool:
        """Whether the pipeline should store it (fetched and not quarantined)."""
        return not self.robots_disallowed and self.quarantine is None

    def findings_of(self, kind: str) -> list[FindingTruth]:
        """Findings of one kind, in order."""
        return [f for f in self.findings if f.kind == kind]


@dataclass
class Truth:
    """Ground truth for a whole replica site."""

    publications: dict[str, PublicationTruth] = field(default_factory=dict)
    listing_pages: list[str] = field(default_factory=list)
    robots_disallowed: list[str] = field(default_factory=list)
    reference_slug: str | None = None

    @property
    def reference(self) -> PublicationTruth:
        """The reference report ("How effectively do the police record crime?")."""
        if not self.reference_slug:
            raise KeyError("this site has no reference publication")
        return self.publications[self.reference_slug]

    def publication(self, slug: str) -> PublicationTruth:
        """One publication by landing slug."""
        return self.publications[slug]

    def by_path(self, path: str) -> PublicationTruth | None:
        """The publication whose landing page or document is served at ``path``."""
        for pub in self.publications.values():
            if pub.path == path or any(d.path == path for d in pub.documents):
                return pub
        return None

    def crawlable(self) -> list[PublicationTruth]:
        """Publications a polite crawler fetches (robots.txt allows them)."""
        return [p for p in self.publications.values() if not p.robots_disallowed]

    def stored(self) -> list[PublicationTruth]:
        """Publications the pipeline must store."""
        return [p for p in self.publications.values() if p.stored]

    def quarantined(self) -> dict[str, str]:
        """slug -> reason for publications that must be quarantined."""
        return {p.slug: p.quarantine for p in self.crawlable() if p.quarantine}

    def findings(self) -> list[tuple[str, FindingTruth]]:
        """(slug, finding) for every stored publication."""
        return [(p.slug, f) for p in self.stored() for f in p.findings]

    def grades(self) -> list[tuple[str, GradeTruth]]:
        """(slug, grade) for every stored publication."""
        return [(p.slug, g) for p in self.stored() for g in p.grades]

    def obligations(self) -> list[tuple[str, ObligationTruth]]:
        """(slug, obligation) for every stored publication."""
        return [(p.slug, o) for p in self.stored() for o in p.obligations]


def same_text(a: str, b: str) -> bool:
    """Equal after NFKC, straight quotes, joined line-end hyphens and collapsed spaces."""
    return normalise_text(a) == normalise_text(b)


def normalise_text(text: str) -> str:
    """The comparison form used by `same_text`."""
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "-\n").replace("\u00ad", "-\n")
    text = re.sub(r"(?<=[a-z])-\s*\r?\n\s*(?=[a-z])", "", text)
    text = re.sub(r"[\u2018\u2019]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def body_on(force_id: str, day: date) -> str:
    """The local policing body of ``force_id`` in office on ``day`` (latest start wins)."""
    bodies = [b for b in forces()[force_id].bodies
              if (b.since is None or b.since <= day) and (b.until is None or day <= b.until)]
    return max(bodies, key=lambda b: b.since or date.min).name


def obligation(force_id: str, published_on: date) -> ObligationTruth:
    """The obligation a publication on ``published_on`` opens for ``force_id``."""
    timed = published_on >= S55_TIME_LIMIT_FROM
    return ObligationTruth(
        force_id, body_on(force_id, published_on), published_on,
        published_on + timedelta(days=55) if timed else None,
        published_on + timedelta(days=56) if timed else None)


def publication_truth(spec: PubSpec, marks: Marks) -> PublicationTruth:
    """Truth for one spec, given the page marks of its English report PDF."""
    force_ids = tuple(sorted(forces())) if spec.all_forces else spec.forces
    findings = tuple(
        FindingTruth(f.kind, f.ref, f.text, f.force, f.due_by,
                     marks.get(("main", f.kind, f.ref)), f.numbered, f.follows,
                     tuple(p for p in [marks.get(("summary", f.kind, f.ref))] if p),
                     f.addressee)
        for f in spec.findings)
    grades = tuple(GradeTruth(g.force, g.area, g.grade, g.cycle, g.service,
                              marks.get(("grade", g.area))) for g in spec.grades)
    documents = tuple(DocumentTruth(d.href, d.path, d.kind, d.language, d.role, d.label,
                                    d.corrupt, d.published_on) for d in spec.docs)
    stored = spec.quarantine is None and not spec.disallowed and spec.published_on
    obligations = tuple(obligation(fid, spec.published_on) for fid in force_ids
                        if stored and spec.is_police and spec.published_on)
    return PublicationTruth(
        slug=spec.slug, path=spec.path, url=spec.canonical_url, title=spec.title,
        published_on=spec.published_on, publication_types=spec.types, forces=force_ids,
        all_forces=spec.all_forces, other_bodies=spec.other_bodies,
        fire_services=spec.fire_services, documents=documents, findings=findings,
        grades=grades, obligations=obligations, quarantine=spec.quarantine,
        robots_disallowed=spec.disallowed, is_police_inspection=spec.is_police,
        needs_review=spec.needs_review, key_findings=spec.key_findings,
        generated=spec.generated)


def build_truth(specs: Iterable[PubSpec], marks: dict[str, Marks], listing_pages: list[str],
                disallowed: list[str], reference_slug: str | None) -> Truth:
    """Truth for a whole site; ``marks`` maps a slug to its English report PDF's marks."""
    pubs = {s.slug: publication_truth(s, marks.get(s.slug, {})) for s in specs}
    ref = reference_slug if reference_slug in pubs else None
    return Truth(pubs, listing_pages, disallowed, ref)
