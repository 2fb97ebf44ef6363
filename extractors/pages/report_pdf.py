"""PDF reports: printed title and date, and every finding with its 1-based page.

Lines come from the fast pypdfium2 pass with their size, boldness and position; pages
that set text side by side (two columns, tables) and carry findings are re-read through
pdfplumber. Running headers, footers and page numbers are dropped, the contents page is
skipped, lines become headings (larger or bold text), list items (bullet glyph or number)
and paragraphs (by line spacing and indentation), a paragraph cut by a page break is
joined back, and ``findings_from_blocks`` does the rest.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import replace
from datetime import date

from extractors.dates import parse_date
from extractors.findings.labels import LABEL_LEVEL, TextBlock, parse_label
from extractors.findings.blocks import findings_from_blocks
from extractors.findings.tables import table_blocks
from extractors.pdf.text import BULLETS, TOC_ENTRY, has_leaders
from extractors.pdf.document import PdfError, PdfLayoutPage, PdfLine, pdf_metadata_title
from extractors.pdf.words import Vocabulary, join_lines
from extractors.pdf.furniture import body_size, line_pitch, remove_furniture
from extractors.pdf.layout import pdf_layout_pages
from extractors.pdf.lines import pdf_line_pages
from extractors.records import Extraction, Problem, Publication

_PUBLISHED = re.compile(
    r"(?:first\s+published|published(?:\s+on)?|date\s+of\s+publication|publication\s+date|"
    r"cyhoeddwyd(?:\s+ar)?)\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4})",
    re.IGNORECASE)
_FULL_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}$")
_CONTENTS = re.compile(r"^(?:contents|table\s+of\s+contents|cynnwys)$", re.IGNORECASE)
_NUMBERED = re.compile(
    r"^(?:\(?(?P<n>\d{1,2}(?:\.\d{1,2})*)[.)]|\((?P<r>[a-z]|[ivx]{1,4})\)|(?P<l>[a-z])[.)]"
    r"|(?P<rec>R\d{1,2})(?=\s+[A-Z])"
    r"|(?P<s>\d{1,2}\.\d{1,2})(?=\s+[A-Z]))(?:\s+(?=\S)|(?=[A-Z\u201c\"]))")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]?|R\d{1,2}[.)]?)\s*$")
_BULLET = re.compile(rf"^(?:[{BULLETS}*]|[\u2013\u2014-](?=\s))\s*(?=\S)")
_ENDS = re.compile(r"[.!?:;]['\"\u2019\u201d)]*$")


def read_pdf(data: bytes) -> list[PdfLayoutPage] | str:
    """The one pypdfium2 pass over a report that every reader shares (findings here, grades
    in ``grades_from_pdf(texts=...)``): its pages, or why it is unreadable."""
    try:
        return pdf_line_pages(data)
    except PdfError as exc:
        return f"corrupt PDF: {exc}"
    except Exception as exc:  # pdfium can fail in ways of its own on broken files
        return f"corrupt PDF: {type(exc).__name__}: {exc}"


def extract_report_pdf(data: bytes, source: str,
                       read: list[PdfLayoutPage] | str | None = None) -> Extraction:
    """Read a PDF report (``read``: what ``read_pdf`` gave, if the caller has it); a corrupt
    or truncated file gives a Problem, never an exception."""
    result = Extraction(source=source, kind="report_pdf")
    pages = read_pdf(data) if read is None else read
    if isinstance(pages, str):
        result.problems.append(Problem("extract", pages, {}, source))
        return result
    pages = _with_layout(data, pages, result.problems)
    pages = remove_furniture(pages)
    result.publication = Publication(title=_title(pages) or _safe_title(data),
                                     published_on=printed_date(pages))
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


# ---------------------------------------------------------------- blocks

class _Table:
    """Rows of a ruled table: (cells, is header row, page)."""

    def __init__(self) -> None:
        self.rows: list[tuple[list[str], bool, int]] = []

    def width(self) -> int:
        return len(self.rows[0][0]) if self.rows else 0

    def extend(self, other: "_Table") -> None:
        """Stitch the part of a table that a page break carried to the next page."""
        header = next((cells for cells, is_header, _ in self.rows if is_header), None)
        for cells, _, page in other.rows:
            if cells != header:                       # a header repeated on the new page
                self.rows.append((cells, False, page))


def pdf_blocks(pages: list[PdfLayoutPage]) -> list[TextBlock]:
    """Positioned lines -> headings, paragraphs and list items, joined across pages.

    A paragraph cut by a page break is joined back (it keeps its first page); a table
    cut by a page break is stitched back together (each row keeps its own page).
    """
    body = body_size(pages)
    pitch = line_pitch(pages, body)
    levels = _heading_levels(pages, body)
    vocab = Vocabulary([ln.text for p in pages for ln in p.lines])
    entries: list[TextBlock | _Table] = []
    full_before = False          # the page before ran to its foot (text may go on here)
    for page in pages:
        if _is_contents(page):
            continue
        page_entries = _page_blocks(page, body, pitch, levels, vocab)
        if entries and page_entries:
            last, first = entries[-1], page_entries[0]
            if isinstance(last, _Table) and isinstance(first, _Table) and \
                    last.width() == first.width():
                last.extend(first)
                page_entries.pop(0)
            elif isinstance(last, TextBlock) and isinstance(first, TextBlock) and \
                    full_before and _continues(last, first):
                last.text = join_lines([last.text, first.text], vocab)
                page_entries.pop(0)
        entries += page_entries
        full_before = page.number > 1 and _runs_to_foot(page)
    blocks: list[TextBlock] = []
    for entry in entries:
        if isinstance(entry, _Table):
            blocks += table_blocks(entry.rows)
        else:
            blocks.append(entry)
    return blocks


def _runs_to_foot(page: PdfLayoutPage) -> bool:
    """True when the page's text reaches its lower quarter (not a cover or a short page)."""
    return any(ln.bottom > 0.75 * page.height for ln in page.lines)


def _heading_levels(pages: list[PdfLayoutPage], body: float) -> dict[float, int]:
    sizes = sorted({round(ln.size) for p in pages for ln in p.lines
                    if _is_heading_size(ln.size, body)}, reverse=True)
    return {s: i + 1 for i, s in enumerate(sizes[:6])}


def _is_heading_size(size: float, body: float) -> bool:
    return size >= body * 1.12 and size - body >= 1.0


def _is_contents(page: PdfLayoutPage) -> bool:
    texts = [ln.text.strip() for ln in page.lines]
    if any(_CONTENTS.match(t) for t in texts[:6]):
        return True
    entries = sum(1 for t in texts if t[-1:].isdigit() and (TOC_ENTRY.search(t) or has_leaders(t)))
    return entries >= 4 and entries >= 0.4 * len(texts)


class _Open:
    """The block being built, with the lines that made it."""

    def __init__(self, kind: str, line: PdfLine, level: int = 0, marker: str | None = None,
                 text: str | None = None) -> None:
        self.kind, self.level, self.marker = kind, level, marker
        self.lines = [line]
        self.texts = [line.text if text is None else text]

    @property
    def last(self) -> PdfLine:
        return self.lines[-1]

    def add(self, line: PdfLine) -> None:
        self.lines.append(line)
        self.texts.append(line.text)


def _page_blocks(page: PdfLayoutPage, body: float, pitch: float, levels: dict[float, int],
                 vocab: Vocabulary) -> list[TextBlock | _Table]:
    out: list[TextBlock | _Table] = []
    table = _Table()
    current: _Open | None = None
    markers: list[float] = []        # x of the list markers open at each nesting depth
    lone: PdfLine | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(_finish(current, page.number, vocab))
        current = None

    def keep_lone() -> None:
        nonlocal lone
        if lone is not None:
            out.append(TextBlock("paragraph", lone.text, page=page.number))
        lone = None

    for line in page.lines:
        if line.cells is not None:
            flush()
            keep_lone()
            table.rows.append((list(line.cells), not table.rows, page.number))
            continue
        if table.rows:
            out.append(table)
            table = _Table()
        if not line.text.strip() or has_leaders(line.text):
            continue
        if _is_heading_size(line.size, body) and len(line.text) < 200:
            keep_lone()
            level = levels.get(round(line.size), 1)
            if current and current.kind == "heading" and current.level == level and \
                    line.top - current.last.top <= 1.8 * line.size:
                current.add(line)
                continue
            flush()
            current = _Open("heading", line, level)
            continue
        if _LONE_NUMBER.match(line.text) and not (current and current.kind == "item"
                                                    and not _ENDS.search(current.texts[-1])):
            flush()
            lone = line                      # a number on a line of its own: the next line's
            continue
        gap = line.top - current.last.top if current else 0.0
        near = current is not None and 0 <= gap <= pitch * 1.2 and \
            abs(line.size - current.last.size) < 1.0
        ended = current is None or current.kind == "heading" or \
            bool(_ENDS.search(current.texts[-1])) or not near or line.x0 < current.last.x0 - 2
        marker, rest = _list_marker(line.text, line.hang is not None)
        if lone is not None:
            if rest is None and line.text[:1].isupper():
                marker, rest = _list_marker(lone.text.strip() + " " + line.text, True)
            if rest is None:
                keep_lone()
            lone = None
        if rest is not None and not (ended or line.text[0] in BULLETS or (
                current is not None and current.kind == "item"
                and abs(line.x0 - current.lines[0].x0) <= 2)):
            rest = None
        if rest is not None:
            flush()
            current = _Open("item", line, _depth(markers, line.x0), marker, rest)
            continue
        if line.bold:
            if current and current.kind == "bold" and near:
                current.add(line)
                continue
            flush()
            current = _Open("bold", line)
            continue
        if current and current.kind in ("paragraph", "item") and gap < -pitch and \
                line.x0 > current.last.x1 and not _ENDS.search(current.texts[-1]) and \
                (line.text[:1].islower() or re.search(r"[\w,\-]$", current.texts[-1].rstrip())):
            current.add(line)                # the sentence goes on at the head of the next column
            continue
        if current and near and current.kind in ("paragraph", "item") and \
                _opens_finding(line.text):
            flush()                          # "Recommendation 2: ..." starts its own block
            current = _Open("paragraph", line)
            continue
        if current and near and current.kind in ("paragraph", "item"):
            indent = line.x0 - current.last.x0
            if current.kind == "paragraph" and indent > 8:
                pass
            elif current.kind == "item" and line.x0 < current.lines[0].x0 - 2:
                pass
            else:
                current.add(line)
                continue
        flush()
        current = _Open("paragraph", line)
    flush()
    keep_lone()
    if table.rows:
        out.append(table)
    return out


def _depth(markers: list[float], x: float) -> int:
    """Nesting depth of a list marker at ``x``, given the markers open before it; a
    marker far from the open list (another column) starts a new list."""
    if not markers or abs(x - markers[0]) > 80 or x < markers[0] - 3:
        markers[:] = [x]
        return 0
    while len(markers) > 1 and x < markers[-1] - 3:
        markers.pop()
    if x > markers[-1] + 3:
        markers.append(x)
    return len(markers) - 1


def _opens_finding(text: str) -> bool:
    """'Recommendation 1: By ...' / 'Area for improvement 2 - The force ...' at a line start."""
    label = parse_label(text)
    return bool(label and not label.section and label.ref and label.rest)


def _list_marker(text: str, margin: bool = False) -> tuple[str | None, str | None]:
    """(number as printed, text after it) for a list line; (None, text) for a bullet.
    With ``margin`` (the number stands in a margin column), a bare number ("1 By 31
    March...") is a list number too."""
    m = _NUMBERED.match(text) or (_BARE_NUMBER.match(text) if margin else None)
    if m:
        return next(g for g in m.groups() if g), text[m.end():]
    m = _BULLET.match(text)
    if m:
        return None, text[m.end():]
    return None, None


def _finish(block: _Open, number: int, vocab: Vocabulary) -> TextBlock:
    text = join_lines(block.texts, vocab)
    if block.kind == "bold":
        single = len(block.lines) == 1 and len(text) < 120
        short = len(block.lines) <= 2 and len(text) < 150
        if (single or short) and not re.search(r"[.;,]$", text):
            return TextBlock("heading", text, LABEL_LEVEL, page=number)
        return TextBlock("paragraph", text, page=number)
    if block.kind == "heading":
        return TextBlock("heading", text, block.level, page=number)
    if block.kind == "item":
        return TextBlock("item", text, max(0, block.level), block.marker, number)
    return TextBlock("paragraph", text, page=number)


def _continues(last: TextBlock, first: TextBlock) -> bool:
    """True when a page opens with the rest of the previous page's last paragraph."""
    if last.kind == "heading" or first.kind != "paragraph":
        return False
    end = last.text.rstrip()
    if first.text[:1].islower():
        return True
    return bool(end) and not re.search(r"[.!?:;]['\"\u2019\u201d)]*$", end)


__all__ = ["extract_report_pdf", "pdf_blocks", "printed_date", "read_pdf"]
