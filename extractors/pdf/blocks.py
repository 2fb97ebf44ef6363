"""A report PDF's positioned lines as text blocks (headings, paragraphs, list items, table
rows), joined across pages: what ``findings_from_blocks`` reads.

Lines become headings (larger or bold text), list items (bullet glyph or number) and
paragraphs (by line spacing and indentation); the contents page is skipped, a paragraph
cut by a page break is joined back and a table cut by one is stitched together.
"""
from __future__ import annotations

import re

from extractors.findings.labels import LABEL_LEVEL, TextBlock, parse_label
from extractors.findings.tables import table_blocks
from extractors.pdf.document import PdfLayoutPage, PdfLine
from extractors.pdf.furniture import body_size, line_pitch
from extractors.pdf.marks import BULLETS, TOC_ENTRY, has_leaders
from extractors.pdf.words import Vocabulary, join_lines

_CONTENTS = re.compile(r"^(?:contents|table\s+of\s+contents|cynnwys)$", re.IGNORECASE)
_NUMBERED = re.compile(
    r"^(?:\(?(?P<n>\d{1,3}(?:\.\d{1,2})*)[.)]|\((?P<r>[a-z]|[ivx]{1,4})\)|(?P<l>[a-z])[.)]"
    r"|(?P<rec>R\d{1,3})(?=\s+[A-Z])"
    r"|(?P<s>\d{1,2}\.\d{1,2})(?=\s+[A-Z]))(?:\s+(?=\S)|(?=[A-Z\u201c\"]))")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=\S)")
_LONE_NUMBER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]?|R\d{1,3}[.)]?)\s*$")
_BULLET = re.compile(rf"^(?:[{BULLETS}*]|[\u2013\u2014-](?=\s))\s*(?=\S)")
_ENDS = re.compile(r"[.!?:;]['\"\u2019\u201d)]*$")


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
                and abs(line.x0 - current.lines[0].x0) <= 2 and not rest[:1].islower())):
            rest = None                      # "... in their 1. force management ...": runs on
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


