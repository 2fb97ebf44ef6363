"""Assemble the PDF-only replica: a `Site` with its `Truth`, served by `ReplicaServer`."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from reference.forces import forces
from tests.replica.site import HTML, PDF, Resource, Site, http_date
from tests.replica.truth import (DocumentTruth, FindingTruth, GradeTruth, Marks,
                                 PublicationTruth, Truth, obligation)
from tests.replica_pdf_only import pages
from tests.replica_pdf_only.catalogue import PUBLIC, REFERENCE_SLUG, Pub, publications
from tests.replica_pdf_only.documents import report_pdf

PER_PAGE = 4


def _res(body: str | bytes, kind: str, day: date) -> Resource:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(data, kind, http_date(day))


def _truth(pub: Pub, marks: Marks) -> PublicationTruth:
    force_ids = tuple(sorted(forces())) if pub.all_forces else tuple(sorted(pub.forces))
    findings = tuple(FindingTruth(f.kind, f.ref, f.text, f.force, f.due_by,
                                  marks.get(("f", f.kind, f.ref)), f.numbered, f.follows,
                                  tuple(p for p in [marks.get(("summary", f.kind, f.ref))]
                                        if p))
                     for f in pub.findings)
    owner = pub.forces[0] if len(pub.forces) == 1 else None
    grades = tuple(GradeTruth(owner, g.area, g.grade, g.cycle, None, marks.get(("g", g.area)))
                   for g in pub.grades)
    docs = tuple(DocumentTruth(d.link, d.path, d.kind, d.language, d.role, d.label,
                               published_on=pub.printed_on) for d in [pub.doc] if d)
    obligations = tuple(obligation(fid, pub.published_on) for fid in force_ids
                        if pub.is_police)
    return PublicationTruth(
        slug=pub.slug, path=pub.path, url=PUBLIC + pub.path, title=pub.title,
        published_on=pub.published_on, publication_types=pub.types, forces=force_ids,
        all_forces=pub.all_forces, other_bodies=_other_bodies(pub), fire_services=(),
        documents=docs, findings=findings, grades=grades, obligations=obligations,
        is_police_inspection=pub.is_police, needs_review=pub.needs_review)


def _other_bodies(pub: Pub) -> tuple[str, ...]:
    return {"Police Service of Northern Ireland": ("police-service-of-northern-ireland",),
            "National Crime Agency": ("national-crime-agency",)}.get(pub.forces_text, ())


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, Resource], Truth]:
    pubs = publications()
    entries: dict[str, Resource] = {}
    truths: dict[str, PublicationTruth] = {}
    for i, pub in enumerate(pubs):
        related = pubs[(i + 1) % len(pubs)]
        entries[pub.path] = _res(pages.landing_page(pub, related), HTML, pub.published_on)
        marks: Marks = {}
        if pub.doc:
            data, marks = report_pdf(pub)
            entries[pub.doc.path] = _res(data, PDF, pub.published_on)
        truths[pub.slug] = _truth(pub, marks)
    last = -(-len(pubs) // PER_PAGE)
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    for n in range(1, last + 1):
        start = (n - 1) * PER_PAGE
        entries[listing[n - 1]] = _res(
            pages.listing_page(pubs[start:start + PER_PAGE], n, last, start), HTML,
            pubs[0].published_on)
    entries["/robots.txt"] = _res(pages.ROBOTS, "text/plain; charset=utf-8", date(2025, 1, 1))
    entries["/"] = _res(pages.page("HMICFRS", "<h1>HMICFRS</h1>"), HTML, date(2025, 1, 1))
    return entries, Truth(truths, listing, [], REFERENCE_SLUG)


def build_pdf_only_site() -> Site:
    """A fresh `Site` over the PDF-only replica (resources are shared, immutable)."""
    entries, truth = _built()
    site = Site(truth)
    for path, res in entries.items():
        site.set(path, res)
    return site


def pdf_only_publications() -> list[Pub]:
    """The specs (newest first), for tests that render pages directly."""
    return publications()
