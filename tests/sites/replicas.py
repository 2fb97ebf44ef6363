"""The independently written replicas, and what differs between them for the shared checks.

Each `Replica` names a site under tests/replica_*; tests/sites/test_shared_checks.py runs
every shared check over every replica, and tests/sites/test_<name>.py holds the checks
only that replica's markup needs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from crawler.urls import SiteUrls
from extractors.pages.listing import parse_listing
from reference.fire_services import fire_services
from tests.replica.server import ReplicaServer
from tests.replica.site import Site
from tests.replica.truth import Truth
from tests.replica_aria.site import PER_PAGE as ARIA_PER_PAGE
from tests.replica_aria.site import aria_publications, build_aria_site
from tests.replica_govuk.site import PER_PAGE as GOVUK_PER_PAGE
from tests.replica_govuk.site import GovukServer, build_govuk_site, govuk_publications
from tests.replica_pdf_only.site import PER_PAGE as PDF_ONLY_PER_PAGE
from tests.replica_pdf_only.site import build_pdf_only_site, pdf_only_publications
from tests.replica_two_column.site import PER_PAGE as TWO_COLUMN_PER_PAGE
from tests.replica_two_column.site import build_two_column_site, two_column_publications
from tests.replica_wordpress.site import PER_PAGE as WORDPRESS_PER_PAGE
from tests.replica_wordpress.site import (WordpressServer, build_wordpress_site,
                                          wordpress_publications)

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
LOCAL = "http://127.0.0.1:9"
BTP = "british-transport-police"
FIRE_IDS = {f.name: fid for fid, f in fire_services().items()}


def graded_body(grade: Any) -> str:
    """The force or fire service a true grade is for, as the grades table names it."""
    return grade.force or FIRE_IDS[grade.service]


@dataclass(frozen=True)
class Replica:
    """One replica and the few ways the shared checks treat it differently."""

    name: str
    build: Callable[[], Site]
    publications: Callable[[], list[Any]]
    per_page: int
    server: Callable[[Site], ReplicaServer] = ReplicaServer
    as_of: date | None = None
    unjudged_bodies: frozenset[str] = frozenset()  # may carry s.55-like rows nobody checks
    pdf_language: str | None = "en"    # the PDFs whose findings are the publication's
    decode_requests: bool = True       # compare listing paths percent-decoded
    review_truth: bool = False         # Truth says which obligations need review
    norfolk_open: bool = True          # the reference's Norfolk obligation is still open

    @property
    def site(self) -> Site:
        return _sites(self)

    @property
    def truth(self) -> Truth:
        return self.site.truth

    def stored(self) -> list[str]:
        return [p.slug for p in self.truth.stored()]


_BUILT: dict[str, Site] = {}


def _sites(replica: Replica) -> Site:
    if replica.name not in _BUILT:
        _BUILT[replica.name] = replica.build()
    return _BUILT[replica.name]


REPLICAS = (
    Replica("govuk", build_govuk_site, govuk_publications, GOVUK_PER_PAGE, server=GovukServer),
    Replica("two_column", build_two_column_site, two_column_publications, TWO_COLUMN_PER_PAGE,
            unjudged_bodies=frozenset({BTP}), decode_requests=False),
    Replica("wordpress", build_wordpress_site, wordpress_publications, WORDPRESS_PER_PAGE,
            server=WordpressServer, review_truth=True),
    Replica("pdf_only", build_pdf_only_site, pdf_only_publications, PDF_ONLY_PER_PAGE,
            as_of=date(2025, 9, 30), pdf_language=None, review_truth=True),
    Replica("aria", build_aria_site, aria_publications, ARIA_PER_PAGE, as_of=date(2025, 9, 30),
            unjudged_bodies=frozenset({BTP}), pdf_language=None,
            norfolk_open=False),
)
BY_NAME = {r.name: r for r in REPLICAS}


def walk_listing(replica: Replica) -> Iterator[tuple[int, list[Any], list[Any]]]:
    """Each true listing page parsed: (page number, true publications on it, parsed items);
    the next-page URL the parser finds is checked here against the true next page."""
    urls = SiteUrls(LOCAL)
    pubs, per, pages = replica.publications(), replica.per_page, replica.truth.listing_pages
    for n, path in enumerate(pages, start=1):
        items, next_url = parse_listing(replica.site.get(path).body, LOCAL + path, urls)
        want_next = LOCAL + pages[n] if n < len(pages) else None
        assert next_url == want_next, n
        yield n, pubs[(n - 1) * per:n * per], items
