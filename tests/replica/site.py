"""The replica site: root-relative path -> Resource, built by code, with its Truth."""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import format_datetime

from reference.forces import forces
from tests.replica import pages
from tests.replica.catalogue import REFERENCE_SLUG, standard_publications
from tests.replica.chrome import type_slug
from tests.replica.generated import generated_specs
from tests.replica.minipdf import tiny_pdf
from tests.replica.pdfdocs import render_pdf
from tests.replica.reports import frs_page, peel_page, report_html
from tests.replica.spec import DocSpec, PubSpec
from tests.replica.truth import Marks, Truth, build_truth

HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


@dataclass
class Resource:
    """One served file."""

    body: bytes
    content_type: str
    last_modified: str | None = None


Entry = Resource | Callable[[], Resource]


def http_date(day: date | datetime) -> str:
    """An HTTP-date; a plain date means 09:30 UTC that day."""
    if not isinstance(day, datetime):
        day = datetime(day.year, day.month, day.day, 9, 30, tzinfo=timezone.utc)
    return format_datetime(day.astimezone(timezone.utc), usegmt=True)


class Site:
    """A mapping of paths to resources; entries may be built lazily on each request."""

    def __init__(self, truth: Truth | None = None) -> None:
        self._entries: dict[str, Entry] = {}
        self.truth: Truth = truth or Truth()

    def get(self, path: str) -> Resource | None:
        """The resource at ``path`` or None."""
        entry = self._entries.get(path)
        return entry() if callable(entry) else entry

    def put(self, path: str, body: bytes | str, content_type: str = HTML) -> None:
        """Add or replace a resource (Last-Modified: now)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self._entries[path] = Resource(data, content_type, http_date(datetime.now(timezone.utc)))

    def set(self, path: str, entry: Entry) -> None:
        """Add a resource or a zero-argument factory that builds it."""
        self._entries[path] = entry

    def remove(self, path: str) -> None:
        """Remove ``path`` (no error if absent)."""
        self._entries.pop(path, None)

    def paths(self) -> list[str]:
        """Every served path, sorted."""
        return sorted(self._entries)

    def copy(self) -> Site:
        """An independent copy of the mapping (Truth is shared: do not mutate it)."""
        other = Site(self.truth)
        other._entries = dict(self._entries)
        return other

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __len__(self) -> int:
        return len(self._entries)


def _html(factory: Callable[[], str], modified: str) -> Callable[[], Resource]:
    return lambda: Resource(factory().encode("utf-8"), HTML, modified)


def _seed(slug: str) -> int:
    return zlib.crc32(slug.encode()) % 8


def _force_name(spec: PubSpec) -> str:
    return forces()[spec.forces[0]].name if spec.forces else ""


def _tiny(spec: PubSpec) -> bytes:
    date_text = spec.published_on.strftime("%d %B %Y").lstrip("0") if spec.published_on else ""
    paras = [f"Published: {date_text}", spec.summary, "Recommendations"]
    paras += [f"{f.ref}. {f.text}" for f in spec.findings if f.kind == "recommendation"]
    return tiny_pdf(spec.title, paras)


def _document(spec: PubSpec, doc: DocSpec, modified: str) -> Entry:
    seed = _seed(spec.slug)
    if doc.kind == "html":
        if doc.role == "peel_report":
            name = _force_name(spec)
            return _html(lambda: peel_page(spec, doc, name, seed), modified)
        if doc.role == "frs_report":
            return _html(lambda: frs_page(spec, doc, seed), modified)
        return _html(lambda: report_html(spec, doc, seed), modified)
    if doc.style == "tiny":
        return lambda: Resource(_tiny(spec), PDF, modified)
    data = render_pdf(spec, doc, _force_name(spec))[0]
    return Resource(data, PDF, modified)


def _marks(spec: PubSpec) -> Marks:
    for doc in spec.docs:
        if doc.kind == "pdf" and doc.language == "en" and not doc.corrupt:
            if doc.style == "tiny":
                return {("main", f.kind, f.ref): 1 for f in spec.findings}
            return render_pdf(spec, doc, _force_name(spec))[1]
    return {}


def _related(specs: list[PubSpec], index: int) -> list[PubSpec]:
    around = [i for i in (index - 2, index - 1, index + 1, index + 2, index + 3)
              if 0 <= i < len(specs) and not specs[i].disallowed]
    return [specs[i] for i in around[:3]]


def assemble(specs: list[PubSpec], per_page: int) -> Site:
    """A site serving ``specs`` (newest first) with listing, robots, sitemap and chrome."""
    site = Site()
    marks: dict[str, Marks] = {}
    for index, spec in enumerate(specs):
        modified = http_date(spec.published_on or spec.listing_date)
        related = _related(specs, index)
        site.set(spec.path, _html(
            lambda s=spec, r=related, i=index: pages.landing_page(s, r, i), modified))
        for doc in spec.docs:
            site.set(doc.path, _document(spec, doc, modified))
        marks[spec.slug] = _marks(spec)
    last = max(1, -(-len(specs) // per_page))
    type_names = sorted({t for s in specs for t in s.types})
    newest = http_date(specs[0].listing_date) if specs else http_date(date(2025, 1, 1))
    listing = [pages.listing_path(n) for n in range(1, last + 1)]
    for n in range(1, last + 1):
        chunk = specs[(n - 1) * per_page:n * per_page]
        site.set(listing[n - 1], _html(
            lambda c=chunk, n=n: pages.listing_page(c, n, last, len(specs), per_page,
                                                    type_names), newest))
    for name in type_names:
        site.set(f"/publication-type/{type_slug(name)}/", _html(
            lambda t=name: pages.taxonomy_page(t, [s for s in specs if t in s.types]), newest))
    fixed = http_date(date(2025, 1, 6))
    site.set("/", _html(lambda: pages.home_page(specs[:3]), newest))
    for path in pages.STATIC_PAGES:
        site.set(path, _html(lambda p=path: pages.static_page(p), fixed))
    site.set("/robots.txt", Resource(pages.ROBOTS_TXT.encode(), "text/plain; charset=utf-8",
                                     fixed))
    public = [s for s in specs if not s.disallowed]
    chunks = [public[i:i + pages.SITEMAP_CHUNK]
              for i in range(0, len(public), pages.SITEMAP_CHUNK)] or [[]]
    site.set("/wp-sitemap.xml", lambda: Resource(
        pages.sitemap_index(len(chunks)).encode(), "application/xml", newest))
    for i, chunk in enumerate(chunks, start=1):
        site.set(f"/wp-sitemap-posts-publication-{i}.xml", lambda c=chunk: Resource(
            pages.sitemap_chunk(c).encode(), "application/xml", newest))
    disallowed = [s.path for s in specs if s.disallowed]
    site.truth = build_truth(specs, marks, listing, disallowed, REFERENCE_SLUG)
    return site


def build_site(extra_publications: int = 0, per_page: int = 5) -> Site:
    """The standard replica: 23 hand-written publications (+ generated extras)."""
    specs = standard_publications() + generated_specs(extra_publications)
    specs.sort(key=lambda s: s.listing_date, reverse=True)
    return assemble(specs, per_page)


def build_scale_site(n_publications: int, per_page: int = 20) -> Site:
    """``n_publications`` generated publications; pages and PDFs are built per request."""
    return assemble(generated_specs(n_publications), per_page)
