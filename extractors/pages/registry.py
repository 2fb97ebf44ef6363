"""Every page type, and the one way to read a document: ``hmicfrs extract``, the nightly
and backfill pipeline and ``reprocess`` all call ``extract`` and ``children`` here.

To add a page type: write its module in extractors/pages/ (one class with ``name``,
``recognise``, ``extract`` and ``children``: see extractors/pages/base.py) and add one
line to ``PAGE_TYPES`` (an HTML-only type through ``HtmlOnly``, so that reading a PDF
never imports the HTML parsers).
"""
from __future__ import annotations

from typing import Callable

from extractors.grades.words import scheme_from
from extractors.pages.base import PageContext, PageType, correction_notices, is_html, main_text
from extractors.pages.report_pdf import ReportPdf
from extractors.pages.response_document import ResponseDocument
from extractors.records import UNRECOGNISED, DocumentLink, Extraction, Problem, ProblemCode, Stage
from reference.forces import forces_named_in


class HtmlOnly:
    """A page type that reads HTML only, its module (and the HTML parsers it imports)
    loaded the first time an HTML document comes: reading a PDF imports none of them.
    Any other document it does not recognise (0), as every HTML type says itself."""

    def __init__(self, load: Callable[[], PageType]) -> None:
        self._load: Callable[[], PageType] | None = load
        self._type: PageType | None = None

    @property
    def page_type(self) -> PageType:
        if self._type is None and self._load is not None:
            self._type, self._load = self._load(), None
        assert self._type is not None
        return self._type

    @property
    def name(self) -> str:
        return self.page_type.name

    @property
    def positions(self) -> tuple[str, ...]:
        return self.page_type.positions

    def recognise(self, data: bytes, url: str) -> float:
        return self.page_type.recognise(data, url) if is_html(data) else 0.0

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        return self.page_type.extract(data, url, context)

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        return self.page_type.children(extraction)


def _peel_report() -> PageType:
    from extractors.pages.peel_report import PeelReportPage
    return PeelReportPage()


def _publication_page() -> PageType:
    from extractors.pages.landing import PublicationPage
    return PublicationPage()


def _listing_page() -> PageType:
    from extractors.pages.listing import ListingPage
    return ListingPage()


def _report_html() -> PageType:
    from extractors.pages.report_html import ReportHtmlPage
    return ReportHtmlPage()


PAGE_TYPES: list[PageType] = [
    ReportPdf(),
    HtmlOnly(_peel_report),
    HtmlOnly(_publication_page),
    HtmlOnly(_listing_page),
    HtmlOnly(_report_html),
    ResponseDocument(),
]

def page_type_for(data: bytes, url: str, context: PageContext | None = None) -> PageType | None:
    """The page type that recognises the document most surely (the first listed on a
    tie), among those that can stand where the pipeline met it; None when none does.

    A page of the listing, or one the listing links to (a publication's page), is that
    whatever it looks like: when no type recognises it, the first type for that position
    reads it (and reports what it lacks, a date or a title, as problems).
    """
    position = context.position if context else None
    candidates = [t for t in PAGE_TYPES if position is None or position in t.positions or
                  (position == "listed" and "pdf" in t.positions)]  # a PDF listed straight
    best, best_score = None, 0.0
    for page_type in candidates:
        score = page_type.recognise(data, url)
        if position == "listed" and page_type.positions[0] != "listed" and score < 0.5:
            continue  # a report page standing for its publication must be clearly one
        if score > best_score:
            best, best_score = page_type, score
    if best is None and position in _DEFAULT:
        return by_name(_DEFAULT[position])
    return best


_DEFAULT = {"listing": "listing_page", "listed": "publication_page"}


def extract(data: bytes, url: str, context: PageContext | None = None) -> Extraction:
    """Read one document with its page type; an unrecognised one is a Problem."""
    context = context or PageContext()
    page_type = page_type_for(data, url, context)
    if page_type is None:
        return Extraction(url, UNRECOGNISED, problems=[Problem(
            "extract", "no page type recognises this document",
            {"bytes": len(data), "start": data[:40].decode("latin-1")}, url,
            ProblemCode.UNRECOGNISED)])
    out = page_type.extract(data, url, context)
    if is_html(data):
        out.publication.corrections = correction_notices(main_text(data))
    if context.position == "listed" and page_type.positions[0] != "listed":
        as_publication(out, url)
    return out


def as_publication(extraction: Extraction, url: str) -> None:
    """A report page the listing links to straight (a PEEL force report, an FRS
    assessment, a letter, an HTML report) is the publication itself: its own page is its
    first document, its force comes from its title (the URL only as a hint)."""
    pub = extraction.publication
    if not pub.publication_types:
        kind = scheme_from(f"{pub.title or ''} {url}") if extraction.kind == "peel_report" else None
        pub.publication_types = {"peel": ["PEEL"], "cdi": ["Crime data integrity"],
                                 "fire": ["Fire and rescue services"]}.get(kind or "", [])
    if not pub.forces and not pub.fire_services and pub.title:
        named = forces_named_in(pub.title)
        pub.forces, pub.other_bodies = named.force_ids, named.other_bodies
    if extraction.kind == "report_pdf" and pub.published_on is None:
        extraction.problems.append(Problem(
            "extract", "no publication date printed in the report PDF the listing links to "
            "straight", {"title": pub.title}, url))
    own = DocumentLink(url, "pdf" if extraction.kind == "report_pdf" else "html", "en",
                       pub.title)
    pub.documents = [own] + [d for d in pub.documents if d.url != url]
    for problem in extraction.problems:
        if problem.code == ProblemCode.NO_GRADES:
            problem.stage = Stage.NOTE  # a letter or report page the listing links: no grades


def children(extraction: Extraction) -> list[DocumentLink]:
    """The documents an extracted document points to (none for an unrecognised one)."""
    page_type = by_name(extraction.kind)
    return page_type.children(extraction) if page_type is not None else []


def by_name(name: str) -> PageType | None:
    """The registered page type of that name."""
    return next((t for t in PAGE_TYPES if t.name == name), None)
