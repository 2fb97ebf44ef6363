"""PDF reports: printed title and date, every finding with its 1-based page, and grades.

Lines come from the fast pypdfium2 pass with their size, boldness and position; pages
that set text side by side (two columns, tables) and carry findings are re-read through
pdfplumber. Running headers, footers and page numbers are dropped, extractors/pdf/blocks.py
turns lines into blocks, and ``findings_from_blocks`` does the rest.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import replace
from datetime import date

from extractors.dates import parse_date
from extractors.findings.blocks import findings_from_blocks
from extractors.pages.base import PageContext, is_pdf
from extractors.pdf.blocks import pdf_blocks
from extractors.pdf.document import PdfError, PdfLayoutPage, pdf_metadata_title
from extractors.pdf.furniture import remove_furniture
from extractors.pdf.limits import PdfOverCap
from extractors.pdf.layout import out_of_order, pdf_layout_pages
from extractors.pdf.pagepass import pdf_line_pages
from extractors.records import DocumentLink, Extraction, Problem, ProblemCode, Publication

_PUBLISHED = re.compile(
    r"(?:first\s+published|published(?:\s+on)?|date\s+of\s+publication|publication\s+date|"
    r"cyhoeddwyd(?:\s+ar)?)\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4})",
    re.IGNORECASE)
_FULL_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}$")


def read_pdf(data: bytes, workers: int = 1) -> list[PdfLayoutPage] | Problem:
    """The one pypdfium2 pass over a report that every reader shares (findings in
    ``extract_report_pdf``, grades in ``grades_from_pdf(texts=...)``): its pages (each
    keeping pdfium's raw text), or the Problem that says why it cannot be read.
    ``workers``: processes that may share the pass (the same pages)."""
    try:
        return pdf_line_pages(data, workers=workers)
    except PdfError as exc:
        return Problem("extract", f"corrupt PDF: {exc}", {}, None, ProblemCode.CORRUPT_DOCUMENT)
    except PdfOverCap as exc:  # too costly to read: the figure goes to quarantine
        return Problem("extract", str(exc), dict(exc.record), None, ProblemCode.OVER_CAP)
    except Exception as exc:  # pdfium can fail in ways of its own on broken files
        return Problem("extract", f"corrupt PDF: {type(exc).__name__}: {exc}", {}, None,
                       ProblemCode.CORRUPT_DOCUMENT)


def extract_report_pdf(data: bytes, source: str,
                       read: list[PdfLayoutPage] | Problem | None = None) -> Extraction:
    """Read a PDF report (``read``: what ``read_pdf`` gave, when the caller has it); a
    corrupt or truncated file gives a Problem, never an exception."""
    result = Extraction(source=source, kind="report_pdf")
    pages = read_pdf(data) if read is None else read
    if isinstance(pages, Problem):
        result.problems.append(replace(pages, location=source))
        return result
    pages = _with_layout(data, pages, result.problems)
    pages = remove_furniture(pages)
    result.publication = Publication(title=_title(pages) or _safe_title(data),
                                     published_on=printed_date(pages))
    pages, garbled = out_of_order(pages)         # a text layer that reads backwards or scrambled
    result.problems += garbled
    findings, problems = findings_from_blocks(pdf_blocks(pages))
    result.recommendations = findings
    result.problems += problems
    return result


def _safe_title(data: bytes) -> str | None:
    try:
        return pdf_metadata_title(data)
    except PdfError:
        return None


def _with_layout(data: bytes, pages: list[PdfLayoutPage],
                 problems: list[Problem]) -> list[PdfLayoutPage]:
    """Re-read through pdfplumber the pages whose ruled tables pdfium could not read."""
    wanted = [p.number for p in pages if p.table_unread]
    if not wanted:
        return pages
    try:
        layout = pdf_layout_pages(data, wanted)
    except Exception as exc:  # keep the fast-pass lines if the layout pass fails
        problems.append(Problem("extract", f"layout pass failed: {exc}", {}, None))
        return pages
    out = []
    for page in pages:
        redone = layout.get(page.number)
        if redone is None or not redone.lines:
            out.append(page)
            continue
        scale = _size_scale(page, redone)
        lines = [replace(ln, size=round(ln.size * scale, 1)) for ln in redone.lines]
        out.append(replace(redone, lines=lines))
    return out


def _size_scale(fast: PdfLayoutPage, slow: PdfLayoutPage) -> float:
    """pdfium sizes are loose box heights, pdfplumber's are font sizes: match them."""
    a = [ln.size for ln in fast.lines if ln.size]
    b = [ln.size for ln in slow.lines if ln.size and ln.cells is None]
    return statistics.median(a) / statistics.median(b) if a and b else 1.0


# ---------------------------------------------------------------- title and date

def _title(pages: list[PdfLayoutPage]) -> str | None:
    if not pages or not pages[0].lines:
        return None
    lines = [ln for ln in pages[0].lines if re.search(r"[A-Za-z]", ln.text)]
    if not lines:
        return None
    biggest = max(ln.size for ln in lines)
    title = [ln.text for ln in lines if ln.size >= biggest - 0.5]
    return " ".join(" ".join(title).split()) or None


def printed_date(pages: list[PdfLayoutPage]) -> date | None:
    """The publication date printed on the cover or imprint ("Published: 28 August 2025").

    Looks at the first four and last two pages for a "Published" label, then at a line
    on the cover that is a whole date. A month without a day ("August 2025") is not a
    publication day: None, and the landing page's date governs.
    """
    numbers = list(range(min(4, len(pages)))) + list(range(max(0, len(pages) - 2), len(pages)))
    for i in dict.fromkeys(numbers):
        text = " ".join(ln.text for ln in pages[i].lines)
        m = _PUBLISHED.search(text)
        if m and parse_date(m.group(1)):
            return parse_date(m.group(1))
    for line in pages[0].lines if pages else []:
        if _FULL_DATE.match(line.text.strip()):
            return parse_date(line.text)
    return None


# ---------------------------------------------------------------- the page type

class ReportPdf:
    """A report PDF: findings with their pages and, where the publication grades forces,
    graded judgments."""

    name = "report_pdf"
    positions = ("pdf",)

    def recognise(self, data: bytes, url: str) -> float:
        """The %PDF header (a .pdf name alone is not enough)."""
        return 1.0 if is_pdf(data) else 0.0

    def extract(self, data: bytes, url: str, context: PageContext) -> Extraction:
        """Findings, then grades when ``grade_hints`` wants them: for the force and cycle
        the context gives, else those the PDF prints; both from one pdfium pass (a file
        that pass cannot read gives its one Problem, and no grades)."""
        from extractors.grades.pdf import grades_from_pdf
        read = read_pdf(data, context.workers)   # one pdfium pass for findings and grades
        out = extract_report_pdf(data, url, read)
        wanted, force, cycle = grade_hints(url, context)
        if wanted and not isinstance(read, Problem):
            out.grades, problems = grades_from_pdf(data, force=force, cycle=cycle,
                                                   texts=[page.text for page in read])
            out.problems += problems
        return out

    def children(self, extraction: Extraction) -> list[DocumentLink]:
        """None."""
        return []


def grade_hints(url: str, context: PageContext) -> tuple[bool, str | None, str | None]:
    """Whether to read a PDF's grades, and for which force and cycle.

    A lone document (no publication known): always, with what the PDF prints. In a
    publication: when a report page linked it, the publication grades forces (PEEL, crime
    data integrity) or concerns one force; the force of the linking page, else the
    publication's only force; the cycle the linking page's URL, the PDF's URL or the
    title names.
    """
    from extractors.grades.words import cycle_from
    pub = context.publication
    if pub is None:
        return True, None, None
    graded = re.search(r"\bpeel\b|crime data integrity",
                       " ".join(pub.publication_types + [pub.title or ""]), re.I)
    if not (context.parent or graded or len(pub.forces) == 1):
        return False, None, None
    force = context.parent_forces[0] if context.parent_forces else (
        pub.forces[0] if len(pub.forces) == 1 else None)
    return True, force, cycle_from(context.parent or url) or cycle_from(pub.title or "")
