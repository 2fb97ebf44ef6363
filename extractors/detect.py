"""Tell what kind of document some bytes are, and run the matching extractors."""
from __future__ import annotations

import re

from extractors.records import Extraction, ExtractKind

_LANDING = re.compile(r"publication types?\s*:|get the report|download the report", re.I)
_PUBLISHED = re.compile(r"published( on)?\s*:", re.I)
_JUDGMENTS = re.compile(r"our judgments|our judgements|graded areas|how we graded", re.I)


def detect_kind(data: bytes, source: str = "") -> ExtractKind:
    """'report_pdf', 'peel_report', 'publication_page' or 'report_html', by content first."""
    if data[:1024].lstrip().startswith(b"%PDF") or source.lower().endswith(".pdf"):
        return "report_pdf"
    from extractors.html.text import main_content, parse_html, text_of
    root = main_content(parse_html(data))
    text = text_of(root)[:20000]
    if "/peel-reports/" in source or _JUDGMENTS.search(text):
        return "peel_report"
    if "/publications/" in source or (_PUBLISHED.search(text) and _LANDING.search(text)):
        return "publication_page" if "/publication-html/" not in source else "report_html"
    return "report_html"


def extract_any(data: bytes, source: str) -> Extraction:
    """Run every extractor that applies to this document kind."""
    kind = detect_kind(data, source)
    if kind == "report_pdf":
        from extractors.grades.pdf import grades_from_pdf
        from extractors.pages.report_pdf import extract_report_pdf, read_pdf
        read = read_pdf(data)                # one pdfium pass for findings and grades
        out = extract_report_pdf(data, source, read)
        if not isinstance(read, str):
            grades, problems = grades_from_pdf(data, force=None, cycle=None,
                                               texts=[page.text for page in read])
            out.grades, out.problems = grades, out.problems + problems
        return out
    if kind == "peel_report":
        from extractors.pages.peel_report import extract_peel_page
        from extractors.pages.report_html import extract_report_html
        out = extract_peel_page(data, source)
        out.recommendations = extract_report_html(data, source).recommendations
        return out
    if kind == "publication_page":
        from extractors.pages.landing import extract_publication_page
        from extractors.pages.report_html import extract_report_html
        out = extract_publication_page(data, source)
        out.recommendations = extract_report_html(data, source).recommendations  # if any
        return out
    from extractors.pages.report_html import extract_report_html
    return extract_report_html(data, source)
