"""Assemble the ARIA replica: a `Site` with its `Truth`, served by `ReplicaServer`."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from reference.forces import forces
from tests.replica.site import HTML, PDF, Resource, Site, http_date
from tests.replica.truth import (DocumentTruth, FindingTruth, GradeTruth, PublicationTruth,
                                 Truth, obligation)
from tests.replica_aria import documents, pages
from tests.replica_aria.catalogue import PUBLIC, REFERENCE_SLUG, Pub, publications

PER_PAGE = 4
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _res(body: str | bytes, kind: str, day: date) -> Resource:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(data, kind, http_date(day))


def _truth(pub: Pub) -> PublicationTruth:
    force_ids = tuple(sorted(forces())) if pub.all_forces else tuple(sorted(pub.forces))
    has_pdf = any(d.kind == "pdf" and d.stored for d in pub.docs)
    findings = tuple(FindingTruth(f.kind, f.ref, f.text, f.force, f.due_by,
                                  f.page if has_pdf else None) for f in pub.findings)
    owner = pub.forces[0] if len(pub.forces) == 1 else None
    grades = tuple(GradeTruth(owner, area, grade.lower(), "2021-22") for area, grade in pub.grades)
    docs = tuple(DocumentTruth(d.path, d.path, d.kind, "en", d.role, d.label)
                 for d in pub.docs if d.stored)
    return PublicationTruth(
        slug=pub.slug, path=pub.path, url=PUBLIC + pub.path, title=pub.title,
        published_on=pub.published_on, publication_types=pub.types, forces=force_ids,
        all_forces=pub.all_forces, other_bodies=pub.other_bodies, fire_services=(),
        documents=docs, findings=findings, grades=grades,
        obligations=tuple(obligation(fid, pub.published_on) for fid in force_ids))


def _file(pub: Pub, role: str) -> bytes | str:
    if role == "easy_read":
        return documents.easy_read_pdf(pub)
    if role == "annex":
        return documents.annex_xlsx()
    if role == "peel":
        return pages.html_version(pub.title, documents.peel_html(pub))
    return documents.report_pdf(pub)


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, Resource], Truth]:
    pubs = publications()
    entries: dict[str, Resource] = {}
    truths: dict[str, PublicationTruth] = {}
    for pub in pubs:
        day = pub.published_on
        entries[pub.path] = _res(pages.landing_page(pub), HTML, day)
        for d in pub.docs:
            if d.kind == "html" and d.role == "report":
                body = pages.html_version(pub.title, documents.report_html(pub))
                entries[d.path] = _res(body, HTML, day)
            else:
                kind = {"pdf": PDF, "xlsx": XLSX, "html": HTML}[d.kind]
                entries[d.path] = _res(_file(pub, d.role), kind, day)
        truths[pub.slug] = _truth(pub)
    last = -(-len(pubs) // PER_PAGE)
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    for n in range(1, last + 1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        entries[listing[n - 1]] = _res(pages.listing_page(chunk, n, last), HTML,
                                       pubs[0].published_on)
    for slug in ("inspectorate-publishes-crime-recording-spotlight",
                 "new-chief-inspector-of-constabulary-appointed"):
        entries[f"/news/news-feed/{slug}/"] = _res(
            pages.page("News", f"<h1>{slug}</h1><p>News story.</p>"), HTML, date(2025, 8, 28))
    entries["/robots.txt"] = _res(pages.ROBOTS, "text/plain; charset=utf-8", date(2025, 1, 1))
    entries["/"] = _res(pages.page("HMICFRS", "<h1>HMICFRS</h1>"), HTML, date(2025, 1, 1))
    return entries, Truth(truths, listing, [], REFERENCE_SLUG)


def build_aria_site() -> Site:
    """A fresh `Site` over the ARIA replica (resources are shared, immutable)."""
    entries, truth = _built()
    site = Site(truth)
    for path, res in entries.items():
        site.set(path, res)
    return site


def aria_publications() -> list[Pub]:
    """The specs, newest first."""
    return publications()
