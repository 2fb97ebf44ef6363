"""A local policing body's response document (a letter PDF, an HTML page on the
inspectorate's site or the body's own): the date it prints.

The pipeline meets it only through a landing page's responses section (position
``response``), so it is told by where it stands, not guessed from its content: a response
letter looks like any other PDF or page.
"""
from __future__ import annotations

from extractors.pages.base import PageContext, is_html, is_pdf
from extractors.records import DocumentLink, Extraction, Problem, ProblemCode, ResponseLink


class ResponseDocument:
    """The response itself: its printed date, never the report's date it quotes."""

    name = "response_document"
    positions = ("response",)

    def recognise(self, data: bytes, url: str) -> float:
        """Any PDF or HTML page, but faintly: it is the only type for a response link, and
        any other type that knows a lone document wins over it."""
        return 0.05 if is_pdf(data) or is_html(data) else 0.0

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        """The printed date (``responses[0].printed_on``), or a problem saying none was read."""
        from extractors.responses.printed import printed_date
        out = Extraction(url, self.name)
        report_date = context.publication.published_on if context.publication else None
        kind = "pdf" if is_pdf(data) else "html"
        try:
            text = _pdf_text(data) if kind == "pdf" else _html_text(data)
        except Exception as exc:  # a broken response file: said, and the link still counts
            out.problems.append(Problem("response", f"unreadable response document: {exc}", {},
                                        url, ProblemCode.CORRUPT_DOCUMENT))
            text = ""
        printed = printed_date(text, report_date)
        out.responses.append(ResponseLink(_title(text), url, kind, None, printed))
        return out

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """None."""
        return []


def _pdf_text(data: bytes, pages: int = 3) -> str:
    """The first pages' text layer: a letter prints its date in its head."""
    from contextlib import closing

    from extractors.pdf.document import page_texts
    texts: list[str] = []
    with closing(page_texts(data)) as read:  # type: ignore[arg-type]
        for *_, text in read:
            texts.append(text)
            if len(texts) == pages:
                break
    return "\n".join(texts)


def _html_text(data: bytes) -> str:
    from extractors.html.text import main_content, parse_html
    return main_content(parse_html(data)).get_text("\n")


def _title(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
