"""Words drawn out of order within a printed line: found from the characters' boxes, read
in x order when that is unambiguous, else the page is reported (extractors/pdf/layout.py
``out_of_order``).

pdfium itself sorts the separate text objects of a line by x, so what survives is one text
object whose glyphs jump back and forth (a TJ array that moves left between words): its
text comes out in drawing order, words glued where the pen went back. ``reader`` is the
page's ``extractors.pdf.lines.PageReader``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace

from extractors.pdf.document import PdfLine
from extractors.pdf.words import fix_chars, line_segments

IN_ORDER, REORDERED, SCRAMBLED = "", "reordered", "scrambled"
_RTL = {"R", "AL", "AN"}


def word_order(reader, lines: list[PdfLine]) -> tuple[list[PdfLine], str]:
    """The page's lines with words drawn out of order read left to right, and the verdict:
    ``IN_ORDER``; ``REORDERED`` (every such line sat on one baseline in one column, in a
    left-to-right script); ``SCRAMBLED`` (a line that cannot be put right so: it spans a
    gutter or several baselines, or holds right-to-left text).

    Each pdfium line is sampled first (its first, middle and last visible characters
    must run left to right); a page with a line that does not is checked character by
    character, every line of it."""
    boxes = _Boxes(reader)
    if not any(_sampled_back(boxes, reader, start, text)
               for start, text in _pdfium_lines(reader.text)):
        return lines, IN_ORDER
    segments = list(line_segments(reader.text))
    fixed: dict[int, PdfLine] = {}
    for start, text in segments:
        glyphs = boxes.glyphs(reader, start, text)
        if not _goes_back(boxes, glyphs):
            continue
        line = _reordered(reader, start, text, glyphs)
        if line is None:
            return lines, SCRAMBLED
        fixed[start] = line
    if not fixed:
        return lines, IN_ORDER
    out = [ln for start, text in segments
           for ln in ([fixed[start]] if start in fixed else reader.printed(text, start))]
    return out, REORDERED


Glyph = tuple[float, float, float, float, str, int]   # left, right, bottom, top, char, index


def _pdfium_lines(text: str):
    """(text index, line) for each of pdfium's lines (a sample needs no hyphen splits)."""
    start = 0
    for line in text.split("\r\n"):
        yield start, line
        start += len(line) + 2


class _Boxes:
    """Loose character boxes in pdfium coordinates, and the text object of a character."""

    def __init__(self, reader) -> None:
        self.c, self.raw = reader.c, reader.raw
        self.box = reader.c.FS_RECTF()
        self._object = reader.text_object

    def at(self, ci: int, ch: str = "") -> Glyph:
        self.c.FPDFText_GetLooseCharBox(self.raw, ci, self.box)
        b = self.box
        return b.left, b.right, b.bottom, b.top, ch, ci

    def glyphs(self, reader, start: int, text: str) -> list[Glyph]:
        return [self.at(reader.char_index(start + i), ch) for i, ch in enumerate(text)
                if not ch.isspace()]

    def one_object(self, a: Glyph, b: Glyph) -> bool:
        """Both characters drawn by one text object (pdfium sorts separate objects of a
        line by x itself; a step back between two is columns met on one baseline, which
        the column pass reads)."""
        return self._object(a[5]) == self._object(b[5])


def _same_band(a: Glyph, b: Glyph) -> bool:
    return a[2] < b[3] and b[2] < a[3]


def _stepped_back(a: Glyph, b: Glyph) -> bool:
    """``b`` (after ``a`` in the text) starts left of ``a`` on the same baseline."""
    return _same_band(a, b) and b[0] < a[0] - 0.5 * (a[3] - a[2])


def _sampled_back(boxes: _Boxes, reader, start: int, text: str) -> bool:
    """True when the first, middle and last visible characters do not run left to right
    on one baseline (three boxes a line: the cost of the check on an ordinary page)."""
    first, end = len(text) - len(text.lstrip()), len(text.rstrip()) - 1
    if end - first < 8:
        return False
    middle = (first + end) // 2
    if text[middle] == " ":
        middle += 1
    at, index = boxes.at, reader.char_index
    a, b, c = at(index(start + first)), at(index(start + middle)), at(index(start + end))
    return any(_stepped_back(x, y) and boxes.one_object(x, y) for x, y in ((a, b), (b, c), (a, c)))


def _goes_back(boxes: _Boxes, glyphs: list[Glyph]) -> bool:
    return any(_stepped_back(a, b) and boxes.one_object(a, b) for a, b in zip(glyphs, glyphs[1:]))


def _reordered(reader, start: int, text: str, glyphs: list[Glyph]) -> PdfLine | None:
    """The line read in x order, or None when that would not be the printed line."""
    if any(unicodedata.bidirectional(g[4]) in _RTL for g in glyphs):
        return None                       # right-to-left text: pdfium's order is the reading
    if not all(_same_band(glyphs[0], g) for g in glyphs):
        return None                       # characters on more than one baseline
    ordered = sorted(glyphs, key=lambda g: g[0])
    height = max(g[3] - g[2] for g in glyphs)
    words, gaps = [ordered[0][4]], []
    for a, b in zip(ordered, ordered[1:]):
        gap = b[0] - a[1]
        gaps.append(gap)
        words.append(f" {b[4]}" if gap > 0.12 * height else b[4])
    if gaps and max(gaps) >= max(12.0, height):
        return None                       # a gutter's width: two columns' words mixed
    styled = reader.line(text, start)
    if styled is None:
        return None
    return replace(styled, text=" ".join(fix_chars("".join(words)).split()),
                   x0=ordered[0][0], x1=max(g[1] for g in glyphs), hang=None)
