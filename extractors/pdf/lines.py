"""Printed lines with their position, size and boldness, through pdfium (one page at a
time: extractors/pdf/pagepass.py): pages that may carry findings read column by column and
their ruled tables as rows."""
from __future__ import annotations

import ctypes
import math
import re
import statistics
from bisect import bisect_left
from dataclasses import replace
from itertools import chain

from extractors.pdf.document import BOLD_FONT_NAME, PdfLine, by_address
from extractors.pdf.layout import merge_table_rows, reading_order, shared_gutter, within_bbox
from extractors.pdf.ruled import column_edges, ruled_tables
from extractors.pdf.words import HYPHEN_MARKS, fix_chars, last_index, line_segments

# ---------------------------------------------------------------- pdfium lines with geometry

_FORCE_BOLD = 1 << 18
_ALNUM = re.compile(r"[^\W_]")         # what str.isalnum() accepts, one character
_MARGIN_NUMBER = re.compile(r"\s*(\(?\d{1,3}[.)]?|R\d{1,3}[.)]?|\(?[a-z][.)])\s+(?=\S)")


def _level(bottom: float, top: float, o_bottom: float, o_top: float) -> bool:
    """True when two text rectangles share half the height of the shorter one."""
    height, o_height = top - bottom, o_top - o_bottom
    return ((top if top < o_top else o_top) - (bottom if bottom > o_bottom else o_bottom)
            >= 0.5 * (height if height < o_height else o_height))


class PageReader:
    """pdfium calls for one open page: lines, text rectangles, columns (its ruled tables:
    extractors/pdf/ruled.py)."""

    def __init__(self, page, textpage, text: str) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.page, self.textpage, self.text = page, textpage, text
        self.raw = textpage.raw
        self.text_address = ctypes.cast(self.raw, ctypes.c_void_p).value
        # (text page, char index) -> the drawing object's address, None for a character
        # pdfium generated (FPDFText_GetTextObject: bound from pypdfium2 5.0 on, pyproject)
        self._object_of = by_address("FPDFText_GetTextObject", ctypes.c_void_p,
                                     ctypes.c_void_p, ctypes.c_int)
        self.width, self.height = page.get_size()
        self._font = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._box = pdfium_c.FS_RECTF()
        self._edges = [ctypes.c_double() for _ in range(4)]
        self._rects: list[tuple[float, float, float, float]] | None = None
        self._last_y = (0.0, 0.0)          # (bottom, top) of the last line's last character
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
        c, raw, box = self.c, self.raw, self._box
        c.FPDFText_GetLooseCharBox(raw, ci, box)
        c.FPDFText_GetFontInfo(raw, ci, self._font, 128, self._flags)
        key = (self._font.value, self._flags.value)
        bold = self._bold.get(key)
        if bold is None:
            weight = c.FPDFText_GetFontWeight(raw, ci)
            bold = bool(BOLD_FONT_NAME.search(key[0].decode("latin-1", "replace"))
                        or weight >= 600 or key[1] & _FORCE_BOLD)
            self._bold[key] = bold
        return box.left, box.top, box.bottom, bold

    def rotated(self, ci: int) -> bool:
        angle = self.c.FPDFText_GetCharAngle(self.raw, ci) % (2 * math.pi)
        return 0.05 < angle < 2 * math.pi - 0.05

    def right(self, ci: int) -> float:
        left, right, bottom, top = self._edges
        self.c.FPDFText_GetCharBox(self.raw, ci, left, right, bottom, top)
        return right.value

    def line(self, text: str, start: int) -> PdfLine | None:
        """A PdfLine for ``text`` that begins at text index ``start``: x0 from the first
        visible character, size, top and bottom from the first letter or digit, x1 from
        the last character; bold when the first and last letters or digits are."""
        shown = text.lstrip()
        if not shown:
            return None
        visible = len(text) - len(shown)
        alnum = _ALNUM.search(text, visible)
        first = alnum.start() if alnum else visible
        ci = self.char_index(start + first)
        if self.rotated(ci):
            return None                      # a side tab or rotated label: furniture
        x0, top, bottom, bold = self.style(ci)
        if visible < first:
            x0 = self.style(self.char_index(start + visible))[0]
        if bold:
            last_alnum = last_index(text, str.isalnum)
            if last_alnum is not None and last_alnum != first:
                bold = self.style(self.char_index(start + last_alnum))[3]
        x1 = self.right(self.char_index(start + len(text.rstrip()) - 1))
        self._last_y = (self._edges[2].value, self._edges[3].value)
        height = self.height
        return PdfLine(" ".join(fix_chars(text).split()), x0, x1, height - top, height - bottom,
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

    def printed(self, text: str, start: int) -> list[PdfLine]:
        """The printed lines of a pdfium text line: itself, unless its last character sits
        off its first one's line (pdfium sometimes runs a number set on a line of its own
        into the line before), when it is split where the characters change line."""
        line = self.line(text, start) if text.strip() else None
        if line is None:
            return []
        bottom, top = self._last_y
        if self.height - bottom >= line.top and self.height - top <= line.bottom:
            return [line]
        cuts, band = [0], None
        for i, ch in enumerate(text):
            if not ch.isspace():
                self.right(self.char_index(start + i))
                low, high = self._edges[2].value, self._edges[3].value
                if band is not None and (high < band[0] or low > band[1]):
                    cuts.append(i)
                band = (low, high)
        if len(cuts) == 1:
            return [line]
        return [ln for a, b in zip(cuts, cuts[1:] + [len(text)])
                for ln in self.printed(text[a:b], start + a)]

    def lines(self) -> list[PdfLine]:
        return [ln for start, segment in line_segments(self.text)
                for ln in self.printed(segment, start)]

    def rects(self) -> list[tuple[float, float, float, float]]:
        """The text page's rectangles as (left, bottom, right, top), read once."""
        if self._rects is None:
            raw, get = self.raw, self.c.FPDFText_GetRect
            left, top, right, bottom = self._edges
            rects = []
            for i in range(self.textpage.count_rects()):
                if not get(raw, i, left, top, right, bottom):
                    from pypdfium2 import PdfiumError
                    raise PdfiumError("Failed to get rectangle.")
                rects.append((left.value, bottom.value, right.value, top.value))
            self._rects = rects
        return self._rects

    def side_by_side(self) -> bool:
        """True when text is set in columns (or cells): at least three text rectangles
        whose nearest neighbour to the right on their line sits more than 18 pt away, with
        the gaps sharing one gutter x. Justified text, placed word by word, has its words
        a few points apart, however far the line's other words are.

        A rectangle's neighbours are those whose bottom lies from one rectangle height
        below its bottom up to its top (found by bisection on the sorted bottoms); the
        search stops at the first neighbour to the right within 18 pt, since then the
        rectangle has no gap. A neighbour to the right starts at most 1 pt left of the
        rectangle's right edge and shares half the height of the shorter of the two."""
        flat = [r for r in self.rects() if r[2] - r[0] > r[3] - r[1]]  # rotated side tabs
        order = sorted(range(len(flat)), key=lambda k: flat[k][1])   # are tall and narrow
        rects = [flat[k] for k in order]
        bottoms = [r[1] for r in rects]
        gaps, last = [], len(flat) - 1
        for i, (left, bottom, right, top) in enumerate(rects):
            k = order[i]             # most often the next word in text order is a neighbour
            if k < last and top > bottom:                # close by: no gap, skip the search
                o_left, o_bottom, _, o_top = flat[k + 1]
                if bottom - (top - bottom) <= o_bottom < top and right - 1 <= o_left and \
                        o_left - right <= 18 and _level(bottom, top, o_bottom, o_top):
                    continue
            nearest = None
            lo = bisect_left(bottoms, bottom - (top - bottom), 0, i)
            hi = bisect_left(bottoms, top, i + 1)
            for j in chain(range(i + 1, hi), range(i - 1, lo - 1, -1)):
                o_left, o_bottom, _, o_top = rects[j]
                if o_left < right - 1 or not _level(bottom, top, o_bottom, o_top):
                    continue
                if o_left - right <= 18:
                    nearest = None           # a neighbour close by: no gap here
                    break
                if nearest is None or o_left < nearest:
                    nearest = o_left
            if nearest is not None:
                gaps.append((right, nearest))
        return shared_gutter(gaps, 3)

    def count_paths(self, limit: int = 6) -> int:
        """How many path objects (rules, boxes) the page draws, counting up to ``limit``."""
        c, found = self.c, 0
        page_address = ctypes.cast(self.page.raw, ctypes.c_void_p).value
        get = by_address("FPDFPage_GetObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        kind = by_address("FPDFPageObj_GetType", ctypes.c_int, ctypes.c_void_p)
        for i in range(c.FPDFPage_CountObjects(self.page.raw)):
            if kind(get(page_address, i)) == c.FPDF_PAGEOBJ_PATH:
                found += 1
                if found >= limit:
                    break
        return found

    def text_object(self, ci: int) -> int | None:
        """The address of the text object that draws character ``ci``."""
        return self._object_of(self.text_address, ci)

    def object_starts(self) -> set[int]:
        """Text indices where a run of characters drawn by one text object begins (where
        pdfium starts a text rectangle), at the run's first character that is not a space."""
        get, address, text = self._object_of, self.text_address, self.text
        starts, previous, pending = set(), None, False
        for ci in range(self.textpage.count_chars()):
            drawn_by = get(address, ci)
            if drawn_by is None:             # a space or line break pdfium generated
                continue
            if drawn_by != previous:
                previous, pending = drawn_by, True
            if pending:
                ti = ci if self._identity else self.text_index(ci)
                if ti < len(text) and not text[ti].isspace():
                    starts.add(ti)
                    pending = False
        return starts

    def segment_lines(self) -> list[PdfLine]:
        """Lines of one column each: pdfium's lines, cut where a text object's run starts
        apart from the text before it (a gutter's width on, or back to the left)."""
        cuts = sorted({0} | {start for start in self.object_starts() if self._apart(start)})
        out = []
        for i, start in enumerate(cuts):
            end = cuts[i + 1] if i + 1 < len(cuts) else len(self.text)
            for offset, piece in line_segments(self.text[start:end]):
                out += self.printed(piece, start + offset)
        return out

    def _apart(self, start: int) -> bool:
        """True when the character at text index ``start`` does not go on from the one
        before it on its line: a gap wider than a word space, a step back left, another
        height (a font change or a glyph drawn on its own goes on)."""
        before = start - 1
        while before >= 0 and self.text[before] == " ":
            before -= 1
        if before < 0 or self.text[before] in "\r\n" + HYPHEN_MARKS:
            return False
        self.right(self.char_index(before))
        end, low, high = (edge.value for edge in self._edges[1:])
        self.right(self.char_index(start))
        left, _, bottom, top = (edge.value for edge in self._edges)
        gap, size = left - end, max(top - bottom, high - low, 1.0)
        return gap >= max(12.0, size) or gap < -0.5 * size or top < low or bottom > high

    def layout_lines(self, lines: list[PdfLine], multi: bool, ruled: bool,
                     carried: list[float] | None = None
                     ) -> tuple[list[PdfLine], bool, list[float] | None]:
        """Lines in reading order with table rows in place; whether a table went unread;
        the column edges of a table that runs off the foot of this page."""
        tables, unread = ruled_tables(self, carried) if ruled else ([], False)
        if multi:
            lines = reading_order(self.segment_lines() or lines, self.width, self.height)
        if not tables:
            return lines, unread, None
        (x0, _, _, bottom), _ = max(tables, key=lambda t: t[0][3])
        running_off = not [ln for ln in lines
                           if ln.top > bottom and ln.top < 0.88 * self.height]
        edges = column_edges(self, x0, bottom) if running_off else None
        boxes = [bbox for bbox, _ in tables]
        body = [ln for ln in lines if not any(within_bbox(ln, b) for b in boxes)]
        if not multi:
            body.sort(key=lambda ln: ln.top)
        sizes = [ln.size for ln in body] or [12.0]
        rows = [replace(row, size=statistics.median(sizes)) for _, rs in tables for row in rs]
        return merge_table_rows(body, rows), unread, edges
