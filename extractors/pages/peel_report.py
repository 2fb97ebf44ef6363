"""A PEEL force report page (or a fire & rescue / crime data integrity report page) ->
Extraction with its title, date, force, PDF links and graded judgments."""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup, Tag

from extractors.dates import parse_date
from extractors.grades.words import (body_from_slug, body_from_text, clean_text, cycle_from,
                                     scheme_from)
from extractors.grades.html import grades_from_html, to_soup
from extractors.html.chrome import NAVIGATION_TAGS
from extractors.records import DocumentLink, Extraction, Problem, ProblemCode, Publication

if TYPE_CHECKING:
    from extractors.pages.base import PageContext

_PUBLISHED = re.compile(r"^\s*(?:published(?:\s+on)?|date\s+published|publication\s+date|"
                        r"first\s+published)\s*:?\s*(?P<rest>.*)$", re.I)
_SITE_SUFFIX = re.compile(r"\s*[|\u2013\u2014-]\s*(?:HMICFRS|His Majesty's Inspectorate.*|"
                          r"HM Inspectorate.*|Justice Inspectorates?)\s*$", re.I)
_PUBLISHED_HINT = re.compile(r"published|publication date", re.I)
_WELSH = re.compile(r"cymraeg|gymraeg|welsh|\bcy\b|[-_]cy[-_.]", re.I)


def _title(soup: BeautifulSoup | Tag) -> str | None:
    h1 = soup.find("h1")
    if h1 and clean_text(h1.get_text(" ")):
        return clean_text(h1.get_text(" "))
    title = soup.find("title")
    return _SITE_SUFFIX.sub("", clean_text(title.get_text(" "))) or None if title else None


def _published_on(soup: BeautifulSoup | Tag) -> date | None:
    """The date printed after a 'Published on' label (same text, or the next text)."""
    for node in soup.find_all(string=_PUBLISHED_HINT):
        m = _PUBLISHED.match(clean_text(node))
        if not m:
            continue
        found = parse_date(m.group("rest"))
        following = (clean_text(s) for s in node.find_all_next(string=True, limit=6))
        for text in following:
            if found:
                break
            found = parse_date(text) if text else None
        if found:
            return found
    meta = soup.find("meta", attrs={"property": "article:published_time"})
    return parse_date(str(meta["content"])) if meta and meta.get("content") else None


_LINK_CHROME = sorted((NAVIGATION_TAGS - {"menu"}) | {"footer"})  # links there are the site's


def _documents(soup: BeautifulSoup | Tag, source: str) -> list[DocumentLink]:
    base = source if urlparse(source).scheme in ("http", "https") else None
    out: dict[str, DocumentLink] = {}
    for a in soup.find_all("a", href=True):
        if a.find_parent(_LINK_CHROME):
            continue
        href = str(a["href"]).strip()
        label = clean_text(a.get_text(" "))
        path = unquote(urlparse(href).path).lower()
        if not (path.endswith(".pdf") or re.search(r"\(pdf|pdf document", label, re.I)):
            continue
        url = urljoin(base, href) if base else href
        language = "cy" if _WELSH.search(label) or _WELSH.search(path.rsplit("/", 1)[-1]) else "en"
        out.setdefault(url, DocumentLink(url=url, kind="pdf", language=language,
                                         label=label or None))
    return list(out.values())


def _body(title: str, source: str, kind: str) -> tuple[str | None, list[Problem]]:
    from_title = body_from_text(title, kind) if title else None
    from_slug = body_from_slug(source, kind)
    problems: list[Problem] = []
    if from_title and from_slug and from_title != from_slug:
        problems.append(Problem("extract", f"title names {from_title!r} but the URL names "
                                f"{from_slug!r}; using the title",
                                {"title": title, "source": source}, source))
    body = from_title or from_slug
    if body is None:
        what = "fire and rescue service" if kind == "fire" else "police force"
        problems.append(Problem("extract", f"{what} not identified", {"title": title}, source))
    return body, problems


def _last_segment(source: str) -> str:
    return unquote(urlparse(source).path).rstrip("/").rsplit("/", 1)[-1]


def extract_peel_page(data: bytes, source: str) -> Extraction:
    """Title, published date, force, PDF links and every graded judgment of a report page."""
    soup = to_soup(data)
    title = _title(soup) or ""
    kind = scheme_from(f"{title} {_last_segment(source)}")
    cycle = cycle_from(title) or cycle_from(source)
    body, problems = _body(title, source, kind)
    pub = Publication(title=title or None, published_on=_published_on(soup),
                      documents=_documents(soup, source))
    if body and kind == "fire":
        pub.fire_services = [body]
    elif body:
        pub.forces = [body]
    grades, grade_problems = grades_from_html(soup, force=body, cycle=cycle, kind=kind,
                                              location=source)
    problems += grade_problems
    if cycle is None:
        problems.append(Problem("extract", "inspection cycle not identified",
                                {"title": title}, source))
    if not grades and not grade_problems:
        problems.append(Problem("extract", "no graded judgments found on the report page",
                                {"title": title}, source, ProblemCode.NO_GRADES))
    return Extraction(source=source, kind="peel_report", publication=pub, grades=grades,
                      problems=problems)


# -- the page type -----------------------------------------------------------------------
_JUDGMENTS = re.compile(r"our judgments|our judgements|graded areas|how we graded", re.I)
_GRADED_PATH = re.compile(r"/peel-reports/")


class PeelReportPage:
    """A page of graded judgments (PEEL force report, fire & rescue assessment)."""

    name = "peel_report"
    positions = ("html", "listed")

    def recognise(self, data: bytes, url: str) -> float:
        """Its judgments section ('Our judgments', 'Graded areas'...); a /peel-reports/ URL
        adds a little."""
        from extractors.pages.base import is_html, main_text, url_path
        if not is_html(data) or not _JUDGMENTS.search(main_text(data)):
            return 0.0
        return 0.9 if _GRADED_PATH.search(url_path(url)) else 0.85

    def extract(self, data: bytes, url: str, context: "PageContext") -> Extraction:
        """The page's grades and facts, and the findings its text carries."""
        from extractors.pages.report_html import extract_report_html
        out = extract_peel_page(data, url)
        report = extract_report_html(data, url)
        out.recommendations = report.recommendations
        out.problems += report.problems
        return out

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """The report PDFs the page offers."""
        return [d for d in extraction.publication.documents if d.kind == "pdf"]
