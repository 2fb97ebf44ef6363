"""HTML report versions (/publication-html/...): title, printed date, key findings, findings."""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from extractors.dates import parse_date
from extractors.findings.blocks import findings_from_blocks
from extractors.findings.labels import TextBlock
from extractors.html.text import decode_html
from extractors.html.blocks import html_blocks, main_element, strip_chrome
from extractors.html.inline import element_text
from extractors.records import DocumentLink, Extraction, Problem, Publication

if TYPE_CHECKING:
    from extractors.pages.base import PageContext

_PUBLISHED = re.compile(
    r"(?:published(?:\s+on)?|date\s+published|first\s+published|publication\s+date|"
    r"cyhoeddwyd(?:\s+ar)?)\s*:?\s*((?:[A-Za-z]+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Za-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE)
_KEY_FINDINGS = [r"key\s+findings", r"summary\s+of\s+(?:our\s+)?findings", r"main\s+findings",
                 r"executive\s+summary", r"summary", r"overview", r"at\s+a\s+glance"]


def extract_report_html(data: bytes, source: str) -> Extraction:
    """Read an HTML report version: its own printed date, key findings and every finding."""
    result = Extraction(source=source, kind="report_html")
    try:
        doc = lxml.html.document_fromstring(
            re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_html(data)))  # lxml refuses str with one
    except (etree.ParserError, ValueError) as exc:
        result.problems.append(Problem("extract", f"unreadable HTML: {exc}", {}, source))
        return result
    strip_chrome(doc)
    result.publication = Publication(title=_title(doc), published_on=_published(doc))
    blocks = html_blocks(doc)
    result.publication.key_findings = key_findings(blocks)
    findings, problems = findings_from_blocks(blocks)
    result.recommendations = findings
    for problem in problems:
        problem.location = f"{source}{problem.location or ''}" if (
            problem.location or "").startswith("#") else problem.location or source
    result.problems += problems
    return result


def _title(doc) -> str | None:
    main = main_element(doc)
    for h1 in [*(main.iter("h1") if main is not None else []), *doc.iter("h1")]:
        text = element_text(h1)
        if text:
            return text
    meta = doc.xpath("//meta[@property='og:title']/@content")
    if meta and meta[0].strip():
        return meta[0].strip()
    title = doc.findtext(".//title") or ""
    title = re.split(r"\s+[-|\u2013]\s+", title.strip())[0]
    return title or None


def _published(doc) -> date | None:
    """The date the page prints: a "Published on" label, else a <time>, in the main content
    (the whole body only when there is no main element), else the page's metadata."""
    main = main_element(doc)
    regions = [main] if main is not None else [r for r in (doc.find("body"),) if r is not None]
    for region in regions:
        m = _PUBLISHED.search(" ".join(region.text_content().split()))
        found = parse_date(m.group(1)) if m else None
        if found:
            return found
        for value in region.xpath(".//time/@datetime"):
            found = parse_date(value)
            if found:
                return found
    for value in doc.xpath("//meta[@property='article:published_time']/@content"):
        found = parse_date(value)
        if found:
            return found
    return None


def key_findings(blocks: list[TextBlock]) -> str | None:
    """The text of the report's key findings (or summary) section, one block a line."""
    headings = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading"]
    for pattern in _KEY_FINDINGS:
        for i, heading in headings:
            if not re.match(rf"^(?:\d+(?:\.\d+)*\.?\s+)?{pattern}\b", heading.text, re.IGNORECASE):
                continue
            lines = []
            for block in blocks[i + 1:]:
                if block.kind == "heading" and block.level <= heading.level:
                    break
                lines.append(f"- {block.text}" if block.kind == "item" else block.text)
            if lines:
                return "\n".join(lines)
    return None




# -- the page type -----------------------------------------------------------------------
_FINDINGS_HEADING = re.compile(r"\b(?:recommendations?|areas? for improvement|causes? of concern)\b",
                               re.I)
_NUMBERED_FINDING = re.compile(r"\b(?:recommendation|area for improvement|cause of concern)\s*"
                               r"R?\d{1,2}\b", re.I)


class ReportHtmlPage:
    """An HTML report version: the report's own text, read for its findings."""

    name = "report_html"
    positions = ("html", "listed")

    def recognise(self, data: bytes, url: str) -> float:
        """An HTML page with text of its own; more likely when it names findings at length."""
        from extractors.pages.base import is_html, main_text
        if not is_html(data):
            return 0.0
        text = main_text(data)
        if not text:
            return 0.0
        if _NUMBERED_FINDING.search(text) or (len(text) > 1500 and _FINDINGS_HEADING.search(text)):
            return 0.7
        return 0.3

    def extract(self, data: bytes, url: str, context: "PageContext") -> Extraction:
        """The report's printed date, key findings and every finding."""
        return extract_report_html(data, url)

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """None: an HTML report's links are citations, not report files."""
        return []
