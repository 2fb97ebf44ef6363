"""Assemble the GOV.UK-like replica: a `Site` with its `Truth`, and a server for ?page=N."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import quote, urlsplit

from reference.forces import forces
from tests.replica.server import ReplicaServer, _Handler
from tests.replica.site import HTML, PDF, Resource, Site, http_date
from tests.replica.truth import (DocumentTruth, FindingTruth, GradeTruth, PublicationTruth,
                                 Truth, obligation)
from tests.replica_govuk import pages
from tests.replica_govuk.catalogue import REFERENCE_SLUG, GovukPub, publications
from tests.replica_govuk.chrome import PUBLIC, day_text
from tests.replica_govuk.documents import report_pdf
from tests.replica_govuk.pdf import Marks, welsh_pdf

PER_PAGE = 5


def _res(body: str | bytes, kind: str, day: date) -> Resource:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(data, kind, http_date(day))


def _truth(pub: GovukPub, marks: Marks) -> PublicationTruth:
    force_ids = tuple(sorted(forces())) if pub.all_forces else tuple(sorted(pub.forces))
    stored = pub.quarantine is None and not pub.disallowed and pub.published_on is not None
    findings = tuple(FindingTruth(f.kind, f.ref, f.text, f.force, f.due_by,
                                  marks.get(("f", f.kind, f.ref)), f.numbered, f.follows)
                     for f in pub.findings)
    grades = tuple(GradeTruth(pub.forces[0], g.area, g.grade, g.cycle,
                              page=marks.get(("g", g.area))) for g in pub.grades)
    docs = tuple(DocumentTruth(d.link, d.path, d.kind, d.language, d.role, d.label,
                               published_on=d.published_on) for d in pub.docs)
    obligations = tuple(obligation(fid, pub.published_on) for fid in force_ids
                        if stored and pub.is_police and pub.published_on)
    return PublicationTruth(
        slug=pub.slug, path=pub.path, url=PUBLIC + pub.path, title=pub.title,
        published_on=pub.published_on, publication_types=pub.types, forces=force_ids,
        all_forces=pub.all_forces, other_bodies=(), fire_services=(), documents=docs,
        findings=findings, grades=grades, obligations=obligations, quarantine=pub.quarantine,
        robots_disallowed=pub.disallowed, is_police_inspection=pub.is_police)


def _pdf_for(pub: GovukPub) -> tuple[bytes, Marks] | None:
    if not any(d.kind == "pdf" and d.language == "en" for d in pub.docs):
        return None
    return report_pdf(pub)


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, Resource], Truth]:
    pubs = publications()
    entries: dict[str, Resource] = {}
    truths: dict[str, PublicationTruth] = {}
    for i, pub in enumerate(pubs):
        day = pub.published_on or pub.listed_on
        related = [p for p in pubs if p is not pub][i % 4:i % 4 + 3]
        entries[pub.path] = _res(pages.landing_page(pub, related), HTML, day)
        rendered = _pdf_for(pub)
        for doc in pub.docs:
            if doc.kind == "html" and doc.role == "peel":
                body: str | bytes = pages.peel_page(pub)
            elif doc.kind == "html":
                stamp = day_text(doc.published_on, "plain") if doc.published_on else None
                body = pages.report_html(pub, stamp)
            elif doc.language == "cy":
                body = welsh_pdf(pub.title, ["Mae\u2019r adroddiad hwn yn nodi ein canfyddiadau "
                                             "am yr heddlu.", "Diolch i\u2019r swyddogion."])
            else:
                assert rendered is not None
                body = rendered[0]
            entries[doc.path] = _res(body, PDF if doc.kind == "pdf" else HTML, day)
        truths[pub.slug] = _truth(pub, rendered[1] if rendered else {})
    last = -(-len(pubs) // PER_PAGE)
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    popular = [p for p in pubs if not p.disallowed][-2:]
    for n in range(1, last + 1):
        chunk = pubs[(n - 1) * PER_PAGE:n * PER_PAGE]
        entries[listing[n - 1]] = _res(pages.listing_page(chunk, n, last, popular), HTML,
                                       pubs[0].listed_on)
    entries["/robots.txt"] = _res(pages.ROBOTS, "text/plain; charset=utf-8", date(2025, 1, 1))
    entries["/"] = _res(pages.page("Home", "<h1>HMICFRS</h1>"), HTML, date(2025, 1, 1))
    truth = Truth(truths, listing, [p.path for p in pubs if p.disallowed], REFERENCE_SLUG)
    return entries, truth


def build_govuk_site() -> Site:
    """A fresh `Site` over the GOV.UK-like replica (resources are shared, immutable)."""
    entries, truth = _built()
    site = Site(truth)
    for path, res in entries.items():
        site.set(path, res)
    return site


def govuk_publications() -> list[GovukPub]:
    """The specs (newest first), for tests that render pages directly."""
    return publications()


class _QueryHandler(_Handler):
    """Serves '/publications/?page=2' as its own resource (the base server drops queries)."""

    def parse_request(self) -> bool:
        ok = super().parse_request()
        parts = urlsplit(self.path)
        if ok and parts.query and (parts.path + "?" + parts.query) in self.replica.site:
            self.path = parts.path + quote("?" + parts.query, safe="")
        return ok


class GovukServer(ReplicaServer):
    """`ReplicaServer` whose handler knows query-string pages."""

    def start(self) -> GovukServer:
        import threading
        from http.server import ThreadingHTTPServer
        handler = type("Handler", (_QueryHandler,), {"replica": self})
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
