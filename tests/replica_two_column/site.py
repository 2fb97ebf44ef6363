"""Assemble the two-column replica: a `Site` with its `Truth` (serve it with `ReplicaServer`)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from reference.forces import forces
from tests.replica.site import HTML, PDF, Resource, Site, http_date
from tests.replica.truth import (DocumentTruth, FindingTruth, GradeTruth, Marks,
                                 PublicationTruth, Truth, obligation)
from tests.replica_two_column import pages
from tests.replica_two_column.catalogue import PUBLIC, REFERENCE_SLUG, Pub, publications
from tests.replica_two_column.documents import report_pdf, welsh_pdf

PER_PAGE = 4


def _res(body: str | bytes, kind: str, day: date) -> Resource:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(data, kind, http_date(day))


def _truth(pub: Pub, marks: Marks) -> PublicationTruth:
    force_ids = tuple(sorted(forces())) if pub.all_forces else tuple(sorted(pub.forces))
    stored = pub.quarantine is None and not pub.disallowed and pub.published_on is not None
    findings = tuple(FindingTruth(f.kind, f.ref, f.text, f.force, f.due_by,
                                  marks.get(("f", f.kind, f.ref)), f.numbered, f.follows)
                     for f in pub.findings)
    grades = tuple(GradeTruth(pub.forces[0], g.area, g.grade, g.cycle,
                              page=marks.get(("g", g.area))) for g in pub.grades)
    docs = tuple(DocumentTruth(d.link, d.path, d.kind, d.language, d.role, d.label)
                 for d in pub.docs)
    obligations = tuple(obligation(fid, pub.published_on) for fid in force_ids
                        if stored and pub.is_police and pub.published_on)
    return PublicationTruth(
        slug=pub.slug, path=pub.path, url=PUBLIC + pub.path, title=pub.title,
        published_on=pub.published_on, publication_types=pub.types, forces=force_ids,
        all_forces=pub.all_forces, other_bodies=pub.other_bodies, fire_services=(),
        documents=docs, findings=findings, grades=grades, obligations=obligations,
        quarantine=pub.quarantine, robots_disallowed=pub.disallowed,
        is_police_inspection=pub.is_police)


def _document(pub: Pub, kind: str, role: str, language: str,
              rendered: tuple[bytes, Marks] | None) -> bytes | str:
    if kind == "html" and role == "peel":
        return pages.peel_2023(pub) if pub.html_style == "peel2023" else pages.peel_2018(pub)
    if kind == "html":
        return pages.report_html(pub)
    if language == "cy":
        return welsh_pdf(pub)
    assert rendered is not None
    return rendered[0]


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, Resource], Truth]:
    pubs = publications()
    entries: dict[str, Resource] = {}
    truths: dict[str, PublicationTruth] = {}
    public = [p for p in pubs if not p.disallowed]
    for i, pub in enumerate(pubs):
        day = pub.published_on or pub.listed_on
        more = [p for p in public if p is not pub][i % 5:i % 5 + 3]
        entries[pub.path] = _res(pages.landing_page(pub, more), HTML, day)
        has_pdf = any(d.kind == "pdf" and d.language == "en" for d in pub.docs)
        rendered = report_pdf(pub) if has_pdf else None
        for doc in pub.docs:
            body = _document(pub, doc.kind, doc.role, doc.language, rendered)
            entries[doc.path] = _res(body, PDF if doc.kind == "pdf" else HTML, day)
        truths[pub.slug] = _truth(pub, rendered[1] if rendered else {})
    last = -(-len(pubs) // PER_PAGE)
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    for n in range(1, last + 1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        entries[listing[n - 1]] = _res(pages.listing_page(chunk, n, last), HTML,
                                       pubs[0].listed_on)
    entries["/robots.txt"] = _res(pages.ROBOTS, "text/plain; charset=utf-8", date(2025, 1, 1))
    entries["/"] = _res(pages.page("HMICFRS", "<h1>HMICFRS</h1>"), HTML, date(2025, 1, 1))
    truth = Truth(truths, listing, [p.path for p in pubs if p.disallowed], REFERENCE_SLUG)
    return entries, truth


def build_two_column_site() -> Site:
    """A fresh `Site` over the two-column replica (resources are shared, immutable)."""
    entries, truth = _built()
    site = Site(truth)
    for path, res in entries.items():
        site.set(path, res)
    return site


def two_column_publications() -> list[Pub]:
    """The specs (newest first), for tests that render pages directly."""
    return publications()
