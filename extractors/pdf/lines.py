"""Printed lines with their position, size and boldness, through pdfium: one pass per page,
with pages that may carry findings read column by column and their ruled tables as rows."""
from __future__ import annotations

import ctypes
import math
import re
import statistics
from dataclasses import replace
from typing import Iterable

from extractors.pdf.document import BOLD_FONT_NAME, PdfLayoutPage, PdfLine, page_texts
from extractors.pdf.layout import (distinct_values, merge_table_rows, overlapping_rules,
                                   reading_order, within_bbox)
from extractors.pdf.words import HYPHEN_MARKS, Vocabulary, fix_chars, join_lines, printed_lines

FINDING_WORDS = ("recommend", "improvement", "concern", "argymh", "i'w gwella", "i\u2019w gwella",
                 "pryder")


def names_findings(text: str) -> bool:
    """True when the text uses a word that findings are headed by (any case)."""
    low = text.lower()
    return any(word in low for word in FINDING_WORDS)


# ---------------------------------------------------------------- pdfium lines with geometry

_FORCE_BOLD = 1 << 18
_MARGIN_NUMBER = re.compile(r"\s*(\(?\d{1,3}[.)]?|R\d{1,2}[.)]?|\(?[a-z][.)])\s+(?=\S)")


def pdf_line_pages(data: bytes, layout: bool = True) -> list[PdfLayoutPage]:
    """Every page as printed lines with position, size (loose box height) and boldness.

    One ``get_text_range`` per page; per line, pdfium is asked only for the first and
    last characters' boxes and the first letter's font. With ``layout``, a page that may
    carry findings (it, or the page before, names them) and sets text side by side is
    read in column order, and ruled tables on it come out as rows of cells; all of it
    through pdfium, so no page pays pdfplumber's parse.
    """
    pages = []
    before = False
    carried: list[float] | None = None      # column edges of a table running off the page
    for number, page, textpage, text in page_texts(data):
        reader = _PageReader(page, textpage, text)
        named = names_findings(text)
        relevant = named or before
        before = named
        lines = reader.lines()
        multi = relevant and reader.side_by_side()
        ruled = relevant and reader.count_paths(4) >= 4
        unread = False
        if layout and relevant and (multi or ruled):
            lines, unread, carried = reader.layout_lines(lines, multi, ruled, carried)
        else:
            carried = None
        pages.append(PdfLayoutPage(number, reader.width, reader.height, lines, multi, ruled,
                                   unread, text))
    return pages


class _PageReader:
    """pdfium calls for one open page: lines, text rectangles, rules, tables."""

    def __init__(self, page, textpage, text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.page, self.textpage, self.text = page, textpage, text
        self.raw = textpage.raw
        self.width, self.height = page.get_size()
        self._font = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._box = pdfium_c.FS_RECTF()
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._rects: list[tuple[float, float, float, float]] | None = None
        self._bold: dict[tuple[bytes, int], bool] = {}
        last = len(text) - 1
        self._identity = last < 0 or (
            pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.raw, last) == last
            and textpage.count_chars() == len(text))

    def char_index(self, text_index: int) -> int:
        if self._identity:
            return text_index
        idx = self.c.FPDFText_GetCharIndexFromTextIndex(self.raw, text_index)
        return idx if idx >= 0 else text_index

    def text_index(self, char_index: int) -> int:
        idx = self.c.FPDFText_GetTextIndexFromCharIndex(self.raw, char_index)
        return idx if idx >= 0 else char_index

    def style(self, ci: int) -> tuple[float, float, float, bool]:
        """(left, top, bottom, bold) of a character's loose box, pdfium coordinates."""
        c = self.c
        c.FPDFText_GetLooseCharBox(self.raw, ci, self._box)
        c.FPDFText_GetFontInfo(self.raw, ci, self._font, 128, self._flags)
        key = (self._font.value, self._flags.value)
        bold = self._bold.get(key)
        if bold is None:
            weight = c.FPDFText_GetFontWeight(self.raw, ci)
            bold = bool(BOLD_FONT_NAME.search(key[0].decode("latin-1", "replace"))
                        or weight >= 600 or key[1] & _FORCE_BOLD)
            self._bold[key] = bold
        return self._box.left, self._box.top, self._box.bottom, bold

    def rotated(self, ci: int) -> bool:
        angle = self.c.FPDFText_GetCharAngle(self.raw, ci) % (2 * math.pi)
        return 0.05 < angle < 2 * math.pi - 0.05

    def right(self, ci: int) -> float:
        left, right, bottom, top = self._edges
        self.c.FPDFText_GetCharBox(self.raw, ci, left, right, bottom, top)
        return right.value

    def line(self, text: str, start: int) -> PdfLine | None:
        """A PdfLine for ``text`` that begins at text index ``start``."""
        first = _first_index(text, str.isalnum)
        visible = _first_index(text, lambda ch: not ch.isspace())
        if visible is None:
            return None
        first = visible if first is None else first
        if self.rotated(self.char_index(start + first)):
            return None                      # a side tab or rotated label: furniture
        x0, top, bottom, bold = self.style(self.char_index(start + first))
        if visible < first:
            x0 = self.style(self.char_index(start + visible))[0]
        last_alnum = _last_index(text, str.isalnum)
        if bold and last_alnum is not None and last_alnum != first:
            bold = self.style(self.char_index(start + last_alnum))[3]
        x1 = self.right(self.char_index(start + len(text.rstrip()) - 1))
        clean = " ".join(fix_chars(text).split())
        return PdfLine(clean, x0, x1, self.height - top, self.height - bottom,
                       round(top - bottom, 1), bold, hang=self.hang(text, start, top - bottom))

    def hang(self, text: str, start: int, size: float) -> float | None:
        """The x of the text after a list number ("1", "1.", "(1)", "R1") that stands apart
        from it by more than a wide word space: a number set in a margin column."""
        m = _MARGIN_NUMBER.match(text)
        if m is None:
            return None
        number_end = self.right(self.char_index(start + m.end(1) - 1))
        text_x = self.style(self.char_index(start + m.end()))[0]
        return text_x if text_x - number_end > 0.75 * size else None

    def lines(self) -> list[PdfLine]:
        out = []
        for start, segment in _segments(self.text):
            line = self.line(segment, start)
            if line is not None:
                out.append(line)
        return out

    def rects(self) -> list[tuple[float, float, float, float]]:
        if self._rects is None:
            tp = self.textpage
            self._rects = [tp.get_rect(i) for i in range(tp.count_rects())]
        return self._rects

    def side_by_side(self) -> bool:
        """True when at least three text rectangles have a partner beside them: one that
        shares most of its height and sits more than 18 pt away (a column or a cell)."""
        rects = sorted((r for r in self.rects() if r[2] - r[0] > r[3] - r[1]),
                       key=lambda r: r[1])           # rotated side tabs are tall and narrow
        paired = 0
        for i, (left, bottom, right, top) in enumerate(rects):
            for other in rects[i + 1:]:
                if other[1] >= top:
                    break
                overlap = min(top, other[3]) - max(bottom, other[1])
                if overlap < 0.5 * min(top - bottom, other[3] - other[1]):
                    continue
                if other[0] - right > 18 or left - other[2] > 18:
                    paired += 1
                    break
            if paired >= 3:
                return True
        return False

    def count_paths(self, limit: int = 6) -> int:
        """How many path objects (rules, boxes) the page draws, counting up to ``limit``."""
        c, found = self.c, 0
        for i in range(c.FPDFPage_CountObjects(self.page.raw)):
            if c.FPDFPageObj_GetType(c.FPDFPage_GetObject(self.page.raw, i)) == c.FPDF_PAGEOBJ_PATH:
                found += 1
                if found >= limit:
                    break
        return found

    def segment_lines(self) -> list[PdfLine]:
        """One line per text rectangle (a line of one column), found by its first char."""
        starts = []
        for left, bottom, right, top in self.rects():
            ci = self.textpage.get_index(left + 0.5, (bottom + top) / 2, 1.0, (top - bottom) / 2)
            if ci is None:
                return []
            starts.append(self.text_index(ci))
        starts = sorted(set(starts))         # rects come in drawing order, text in pdfium's
        out = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            for offset, piece in _segments(self.text[start:end]):
                line = self.line(piece, start + offset)
                if line is not None:
                    out.append(line)
        return _merge_segments(out)

    def rules(self) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
        """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules, top-down coordinates."""
        c = self.c
        hs, vs = [], []
        l, b, r, t = (ctypes.c_float() for _ in range(4))
        for i in range(c.FPDFPage_CountObjects(self.page.raw)):
            obj = c.FPDFPage_GetObject(self.page.raw, i)
            if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH:
                continue
            if not c.FPDFPageObj_GetBounds(obj, l, b, r, t):
                continue
            x0, x1 = l.value, r.value
            top, bottom = self.height - t.value, self.height - b.value
            if bottom - top <= 3 and x1 - x0 > 10:
                hs.append(((top + bottom) / 2, x0, x1))
            elif x1 - x0 <= 3 and bottom - top > 10:
                vs.append(((x0 + x1) / 2, top, bottom))
            elif x1 - x0 > 10 and bottom - top > 10:
                hs += [(top, x0, x1), (bottom, x0, x1)]
                vs += [(x0, top, bottom), (x1, top, bottom)]
        return hs, vs

    def tables(self, carried: list[float] | None = None
               ) -> tuple[list[tuple[tuple[float, float, float, float], list[PdfLine]]], bool]:
        """Ruled tables as (bbox, rows with cells); and whether rules looked like a table
        that could not be read. A one-cell box counts as a table only when it is a table's
        piece that a page break cut off: a one-line row left at the foot of a page, or a
        box at the head of a page under the same column edges (``carried``) as a table
        that ran off the page before."""
        hs, vs = self.rules()
        found, unread = [], False
        for group in overlapping_rules(vs):
            xs = distinct_values(v[0] for v in group)
            top, bottom = min(v[1] for v in group), max(v[2] for v in group)
            ys = distinct_values(h[0] for h in hs if top - 2 <= h[0] <= bottom + 2
                                 and h[1] < xs[-1] and h[2] > xs[0])
            if len(xs) < 2 or len(ys) < 2:
                continue
            if len(ys) < 3 and len(xs) < 3 and not (
                    self.stranded_row(xs, ys) or self.carried_row(xs, ys, carried)):
                continue                     # a box round text, not a table
            rows = []
            for y0, y1 in zip(ys, ys[1:]):
                cells = tuple(self.cell_text(x0, y0, x1, y1) for x0, x1 in zip(xs, xs[1:]))
                if any(cells):
                    rows.append(PdfLine(" ".join(c for c in cells if c), xs[0], xs[-1], y0, y1,
                                        0.0, False, cells))
            if rows:
                found.append(((xs[0], ys[0], xs[-1], ys[-1]), rows))
            else:
                unread = True
        return found, unread

    def stranded_row(self, xs: list[float], ys: list[float]) -> bool:
        """A one-cell, one-line box with no body text below it: a table's first row that
        a page break separated from the rest."""
        raw = self.textpage.get_text_bounded(xs[0], self.height - ys[1], xs[1],
                                             self.height - ys[0]).strip()
        if not raw or "\n" in raw or "\r" in raw:
            return False
        below = [ln for ln in self.lines() if ln.top > ys[1] and ln.top < 0.88 * self.height]
        return not below

    def carried_row(self, xs: list[float], ys: list[float], carried: list[float] | None) -> bool:
        if not carried or len(carried) != len(xs) or any(
                abs(a - b) > 2 for a, b in zip(carried, xs)):
            return False
        return not [ln for ln in self.lines()
                    if ln.bottom < ys[0] and ln.top > 0.12 * self.height]

    def cell_text(self, x0: float, top: float, x1: float, bottom: float) -> str:
        raw = self.textpage.get_text_bounded(x0, self.height - bottom, x1, self.height - top)
        return join_lines(printed_lines(raw), Vocabulary())

    def layout_lines(self, lines: list[PdfLine], multi: bool, ruled: bool,
                     carried: list[float] | None = None
                     ) -> tuple[list[PdfLine], bool, list[float] | None]:
        """Lines in reading order with table rows in place; whether a table went unread;
        the column edges of a table that runs off the foot of this page."""
        tables, unread = self.tables(carried) if ruled else ([], False)
        if multi:
            lines = reading_order(self.segment_lines() or lines, self.width, self.height)
        if not tables:
            return lines, unread, None
        (x0, _, _, bottom), _ = max(tables, key=lambda t: t[0][3])
        running_off = not [ln for ln in lines
                           if ln.top > bottom and ln.top < 0.88 * self.height]
        edges = self._column_edges(x0, bottom) if running_off else None
        boxes = [bbox for bbox, _ in tables]
        body = [ln for ln in lines if not any(within_bbox(ln, b) for b in boxes)]
        if not multi:
            body.sort(key=lambda ln: ln.top)
        sizes = [ln.size for ln in body] or [12.0]
        rows = [replace(row, size=statistics.median(sizes)) for _, rs in tables for row in rs]
        return merge_table_rows(body, rows), unread, edges

    def _column_edges(self, x0: float, bottom: float) -> list[float]:
        """The x of the vertical rules of the table that ends at ``bottom``."""
        _, vs = self.rules()
        return distinct_values(v[0] for v in vs if abs(v[2] - bottom) <= 2 and v[0] >= x0 - 2)


def _merge_segments(lines: list[PdfLine]) -> list[PdfLine]:
    """Join rectangles of one printed line that sit close together (a font change)."""
    out: list[PdfLine] = []
    for line in lines:
        last = out[-1] if out else None
        if last and abs(last.top - line.top) < 2 and 0 <= line.x0 - last.x1 < max(12.0, line.size):
            out[-1] = replace(last, text=f"{last.text} {line.text}", x1=line.x1,
                              bold=last.bold and line.bold)
        else:
            out.append(line)
    return out


def _segments(text: str) -> Iterable[tuple[int, str]]:
    """(text index, printed line) pairs; a pdfium hyphen mark ends its line with '-'."""
    pos = 0
    for line in re.split(r"(\r\n|\r|\n)", text):
        if line in ("\r\n", "\r", "\n"):
            pos += len(line)
            continue
        start = 0
        if "\ufffe" in line or "\x02" in line:
            for i, ch in enumerate(line):
                if ch in HYPHEN_MARKS:
                    yield pos + start, line[start:i] + "-"
                    start = i + 1
        if line[start:].strip():
            yield pos + start, line[start:]
        pos += len(line)


def _first_index(text: str, test) -> int | None:
    return next((i for i, c in enumerate(text) if test(c)), None)


def _last_index(text: str, test) -> int | None:
    return next((i for i in range(len(text) - 1, -1, -1) if test(text[i])), None)
