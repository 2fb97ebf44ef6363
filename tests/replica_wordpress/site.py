"""Assemble the WordPress replica: a `Site` with its `Truth`, and a server for ``?paged=N``."""
from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache
from http.server import ThreadingHTTPServer
from urllib.parse import quote, urlsplit

from reference.forces import forces
from tests.replica.server import ReplicaServer, _Handler
from tests.replica.site import HTML, PDF, Resource, Site, http_date
from tests.replica.truth import (DocumentTruth, FindingTruth, GradeTruth, Marks,
                                 PublicationTruth, Truth, obligation)
from tests.replica_wordpress import pages
from tests.replica_wordpress.catalogue import PUBLIC, REFERENCE_SLUG, Pub, publications
from tests.replica_wordpress.documents import report_pdf

PER_PAGE = 4


def _res(body: str | bytes, kind: str, day: date) -> Resource:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(data, kind, http_date(day))


def _truth(pub: Pub, marks: Marks) -> PublicationTruth:
    force_ids = tuple(sorted(forces())) if pub.all_forces else tuple(sorted(pub.forces))
    # each sub-bullet under a lead-in is a finding of its own (the inspectorate's count):
    # the lead's ref and the bullet's position ("1.1", "1.2"), the lead's due date and force
    findings = tuple(FindingTruth(f.kind, ref, text, f.force, f.due_by,
                                  marks.get(("f", f.kind, f.ref)), f.numbered, f.follows)
                     for f in pub.findings
                     for ref, text in ([(f"{f.ref}.{i}", s) for i, s in enumerate(f.subs, 1)]
                                       or [(f.ref, f.text)]))
    owner = pub.forces[0] if len(pub.forces) == 1 else None
    grades = tuple(GradeTruth(owner, g.area, g.grade, g.cycle, pub.fire_service,
                              marks.get(("g", g.area))) for g in pub.grades)
    docs = tuple(DocumentTruth(d.link, d.path, d.kind, d.language, d.role, d.label)
                 for d in pub.docs)
    obligations = tuple(obligation(fid, pub.published_on) for fid in force_ids
                        if pub.is_police)
    return PublicationTruth(
        slug=pub.slug, path=pub.path, url=PUBLIC + pub.path, title=pub.title,
        published_on=pub.published_on, publication_types=pub.types, forces=force_ids,
        all_forces=pub.all_forces, other_bodies=(),
        fire_services=(pub.fire_service,) if pub.fire_service else (),
        documents=docs, findings=findings, grades=grades, obligations=obligations,
        is_police_inspection=pub.is_police, needs_review=pub.needs_review)


def _document(pub: Pub, role: str, kind: str, rendered: bytes | None) -> bytes | str:
    if kind == "pdf":
        assert rendered is not None
        return rendered
    return {"peel": pages.peel_page, "frs": pages.frs_page}.get(role, pages.report_html)(pub)


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, Resource], Truth]:
    pubs = publications()
    entries: dict[str, Resource] = {}
    truths: dict[str, PublicationTruth] = {}
    for pub in pubs:
        day = pub.published_on
        entries[pub.path] = _res(pages.landing_page(pub), HTML, day)
        rendered = report_pdf(pub) if pub.pdf_style else None
        for doc in pub.docs:
            body = _document(pub, doc.role, doc.kind, rendered[0] if rendered else None)
            entries[doc.path] = _res(body, PDF if doc.kind == "pdf" else HTML, day)
        truths[pub.slug] = _truth(pub, rendered[1] if rendered else {})
    last = -(-len(pubs) // PER_PAGE)
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    featured = next(p for p in pubs if p.slug == REFERENCE_SLUG)
    for n in range(1, last + 1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        entries[listing[n - 1]] = _res(
            pages.listing_page(chunk, n, last, featured if n == 1 else None), HTML,
            pubs[0].published_on)
    entries["/robots.txt"] = _res(pages.ROBOTS, "text/plain; charset=utf-8", date(2025, 1, 1))
    entries["/"] = _res(pages.page("HMICFRS", "<h1>HMICFRS</h1>"), HTML, date(2025, 1, 1))
    return entries, Truth(truths, listing, [], REFERENCE_SLUG)


def build_wordpress_site() -> Site:
    """A fresh `Site` over the WordPress replica (resources are shared, immutable)."""
    entries, truth = _built()
    site = Site(truth)
    for path, res in entries.items():
        site.set(path, res)
    return site


def wordpress_publications() -> list[Pub]:
    """The specs (newest first), for tests that render pages directly."""
    return publications()


class _PagedHandler(_Handler):
    """Serves '/publications/?paged=2' as its own resource (the base server drops queries)."""

    def parse_request(self) -> bool:
        ok = super().parse_request()
        parts = urlsplit(self.path)
        if ok and parts.query and (parts.path + "?" + parts.query) in self.replica.site:
            self.path = parts.path + quote("?" + parts.query, safe="")
        return ok


class WordpressServer(ReplicaServer):
    """`ReplicaServer` whose handler knows ``?paged=N`` listing pages."""

    def start(self) -> WordpressServer:
        handler = type("Handler", (_PagedHandler,), {"replica": self})
        httpd = ThreadingHTTPServer((self._host, self._port), handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False
        self._httpd = httpd
        host, port = httpd.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._stopping.clear()
        self._thread = threading.Thread(target=httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self
