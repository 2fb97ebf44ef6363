"""A small page-layout engine on a reportlab canvas, for untidy report-like PDFs.

It draws text line by line so the replica controls what real reports do to text: a
running header and footer on every page, words hyphenated at line ends, ligature glyphs,
two-column pages, tables that run over a page, dot-leader contents. Fonts are Bitstream
Vera (shipped inside reportlab, so present wherever reportlab is): unlike the standard
Helvetica it encodes U+FB01/U+FB02, curly quotes and bullets, so the text stays
extractable.
"""
from __future__ import annotations

import io
import os
from functools import lru_cache

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT, BOLD = "ReplicaVera", "ReplicaVeraBold"
VOWELS = set("aeiouy")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register Vera and Vera Bold from reportlab's own font folder."""
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(FONT, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


class Layout:
    """Flows headings, paragraphs, tables and columns onto A4 pages."""

    LEFT, RIGHT = 72.0, A4[0] - 72.0
    TOP, BOTTOM = A4[1] - 84.0, 84.0

    def __init__(self, header: str, footer: str = "Page {n}", ligatures: bool = False,
                 hyphenate: bool = False, toc: dict[str, int] | None = None,
                 total: int = 0) -> None:
        register_fonts()
        self._buf = io.BytesIO()
        self.canvas = canvas.Canvas(self._buf, pagesize=A4, invariant=1)
        self.canvas.setTitle(header)
        self.canvas.setAuthor("HMICFRS")
        self.header, self.footer = header, footer
        self.ligatures, self.hyphenate = ligatures, hyphenate
        self.toc, self.total = toc or {}, total
        self.page, self.chrome = 1, False
        self.y = self.TOP
        self.x0, self.x1 = self.LEFT, self.RIGHT
        self._columns: tuple[list[tuple[float, float]], int, float] | None = None
        self.marks: dict[tuple[str, ...], int] = {}
        self.sections: dict[str, int] = {}

    # -- text -----------------------------------------------------------------------
    def display(self, text: str) -> str:
        """What is drawn for ``text`` (with ligature glyphs when asked)."""
        if self.ligatures:
            return text.replace("fi", "\ufb01").replace("fl", "\ufb02")
        return text

    def width(self, text: str, font: str, size: float) -> float:
        """Drawn width of ``text``."""
        return pdfmetrics.stringWidth(self.display(text), font, size)

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Greedy line breaking, hyphenating long words when enabled."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if self.width(trial, font, size) <= width:
                current = trial
                continue
            if self.hyphenate and current:
                split = self._hyphen_split(word, current, font, size, width)
                if split:
                    lines.append(f"{current} {split[0]}-")
                    current = split[1]
                    continue
            if current:
                lines.append(current)
            current = word
        if current:
            lines.append(current)
        return lines

    def _hyphen_split(self, word: str, current: str, font: str, size: float,
                      width: float) -> tuple[str, str] | None:
        core = word.rstrip(".,;:")
        if len(core) < 8 or not core.isalpha() or not core.islower():
            return None
        fits = [k for k in range(len(core) - 3, 3, -1)
                if self.width(f"{current} {word[:k]}-", font, size) <= width]
        between_consonants = [k for k in fits if core[k - 1] not in VOWELS
                              and core[k] not in VOWELS and core[k - 2] in VOWELS
                              and core[k + 1] in VOWELS]
        after_vowel = [k for k in fits if core[k - 1] in VOWELS and core[k] not in VOWELS]
        for k in between_consonants or after_vowel:
            return word[:k], word[k:]
        return None

    # -- pages ------------------------------------------------------------------------
    def _end_page(self) -> None:
        if self.chrome:
            c = self.canvas
            c.setFont(FONT, 8)
            c.setFillGray(0.35)
            text = self.footer.format(n=self.page, total=self.total or self.page)
            c.drawRightString(self.RIGHT, 48, text)
            c.setFillGray(0)
        self.canvas.showPage()

    def new_page(self) -> None:
        """Finish this page and start one with the running header."""
        self._end_page()
        self.page += 1
        self.chrome = True
        c = self.canvas
        c.setFont(FONT, 8)
        c.setFillGray(0.35)
        c.drawString(self.LEFT, A4[1] - 48, self.display(self.header))
        c.setStrokeGray(0.6)
        c.line(self.LEFT, A4[1] - 54, self.RIGHT, A4[1] - 54)
        c.setFillGray(0)
        self.y = self.TOP
        if self._columns:
            cols, _, _ = self._columns
            self._columns = (cols, 0, self.TOP)
            self.x0, self.x1 = cols[0]

    def _break(self) -> None:
        if self._columns and self._columns[1] == 0:
            cols, _, top = self._columns
            self._columns = (cols, 1, top)
            self.x0, self.x1 = cols[1]
            self.y = top
            return
        self.new_page()

    def _line(self, leading: float) -> None:
        if self.y - leading < self.BOTTOM:
            self._break()
        self.y -= leading

    def lines_left(self, leading: float) -> int:
        """Whole lines of ``leading`` that still fit in this column."""
        return int((self.y - self.BOTTOM) // leading)

    def reserve_tail(self, height: float) -> None:
        """Move down so that exactly ``height`` points remain on the page."""
        if self.y - self.BOTTOM < height:
            self.new_page()
        self.y = self.BOTTOM + height + 0.5

    def spacer(self, height: float) -> None:
        """Vertical space (dropped at a page top)."""
        if self.y != self.TOP:
            self.y = max(self.y - height, self.BOTTOM)

    # -- blocks -----------------------------------------------------------------------
    def cover(self, title: str, lines: list[str], font_size: float = 24) -> None:
        """The cover: a big title and a few lines, no header or footer; then page 2."""
        c = self.canvas
        c.setFillColorRGB(0.05, 0.2, 0.4)
        c.rect(0, A4[1] - 150, A4[0], 150, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(BOLD, 13)
        c.drawString(self.LEFT, A4[1] - 90, "HMICFRS")
        c.setFillGray(0)
        y = A4[1] - 260
        for line in self.wrap(title, BOLD, font_size, self.RIGHT - self.LEFT):
            c.setFont(BOLD, font_size)
            c.drawString(self.LEFT, y, self.display(line))
            y -= font_size * 1.25
        y -= 20
        for line in lines:
            c.setFont(FONT, 13)
            c.drawString(self.LEFT, y, self.display(line))
            y -= 20
        self.new_page()

    def heading(self, text: str, size: float = 15, section: str | None = None,
                keep: int = 3) -> None:
        """A bold heading kept with the next ``keep`` lines."""
        leading = size * 1.3
        self.spacer(8)
        if self.y - leading - keep * 14 < self.BOTTOM:
            self._break()
        self._line(leading)
        self.canvas.setFont(BOLD, size)
        self.canvas.drawString(self.x0, self.y, self.display(text))
        if section:
            self.sections.setdefault(section, self.page)
        self.y -= 4

    def heading_height(self, size: float = 15) -> float:
        """Height a heading takes away from the page."""
        return 8 + size * 1.3 + 4

    def para(self, text: str, size: float = 10.5, indent: float = 0, prefix: str | None = None,
             mark: tuple[str, ...] | None = None, bold: bool = False,
             space_after: float = 5) -> None:
        """A wrapped paragraph; ``prefix`` ('1.', '\u2022') hangs in the indent."""
        font = BOLD if bold else FONT
        leading = size * 1.35
        width = self.x1 - self.x0 - indent
        for i, line in enumerate(self.wrap(text, font, size, width)):
            self._line(leading)
            if i == 0:
                if mark:
                    self.marks.setdefault(mark, self.page)
                if prefix:
                    self.canvas.setFont(font, size)
                    self.canvas.drawString(self.x0 + indent - 16, self.y, prefix)
            self.canvas.setFont(font, size)
            self.canvas.drawString(self.x0 + indent, self.y, self.display(line))
        self.y -= space_after

    def para_height(self, text: str, size: float = 10.5, indent: float = 0,
                    space_after: float = 5) -> float:
        """Height ``para`` would take (in the current column)."""
        lines = self.wrap(text, FONT, size, self.x1 - self.x0 - indent)
        return len(lines) * size * 1.35 + space_after

    def contents(self, entries: list[tuple[str, int]], size: float = 11) -> None:
        """A contents list with dot leaders up to right-aligned page numbers."""
        dot = pdfmetrics.stringWidth(".", FONT, size)
        for title, number in entries:
            self._line(size * 1.8)
            num = str(number)
            left = self.width(title, FONT, size) + 6
            right = pdfmetrics.stringWidth(num, FONT, size) + 6
            dots = "." * max(3, int((self.x1 - self.x0 - left - right) / dot))
            c = self.canvas
            c.setFont(FONT, size)
            c.drawString(self.x0, self.y, self.display(title) + " " + dots)
            c.drawRightString(self.x1, self.y, num)

    def table(self, header: tuple[str, str], rows: list[tuple[str, str]],
              widths: tuple[float, float] = (300, 140), size: float = 10,
              marks: list[tuple[str, ...] | None] | None = None) -> None:
        """A ruled two-column table; rows that do not fit go on the next page
        under a repeated header row."""
        leading = size * 1.35
        marks = marks or [None] * len(rows)

        def draw_row(cells: tuple[str, str], font: str) -> None:
            wrapped = [self.wrap(cells[i], font, size, widths[i] - 10) for i in range(2)]
            height = max(len(w) for w in wrapped) * leading + 8
            top = self.y
            c = self.canvas
            c.setFont(font, size)
            x = self.x0
            for i, lines in enumerate(wrapped):
                y = top - 4
                for line in lines:
                    y -= leading
                    c.drawString(x + 5, y + 2, self.display(line))
                x += widths[i]
            c.setStrokeGray(0.5)
            c.rect(self.x0, top - height, widths[0], height)
            c.rect(self.x0 + widths[0], top - height, widths[1], height)
            self.y = top - height

        def height_of(cells: tuple[str, str]) -> float:
            return max(len(self.wrap(cells[i], FONT, size, widths[i] - 10))
                       for i in range(2)) * leading + 8

        if self.y - height_of(header) - height_of(rows[0]) < self.BOTTOM:
            self._break()
        draw_row(header, BOLD)
        for cells, mark in zip(rows, marks):
            if self.y - height_of(cells) < self.BOTTOM:
                self.new_page()
                draw_row(header, BOLD)
            if mark:
                self.marks.setdefault(mark, self.page)
            draw_row(cells, FONT)
        self.y -= 8

    def begin_columns(self, gap: float = 22) -> None:
        """Flow what follows in two columns from the current height."""
        half = (self.RIGHT - self.LEFT - gap) / 2
        cols = [(self.LEFT, self.LEFT + half), (self.LEFT + half + gap, self.RIGHT)]
        self._columns = (cols, 0, self.y)
        self.x0, self.x1 = cols[0]

    def end_columns(self) -> None:
        """Back to one column, on a new page."""
        self._columns = None
        self.x0, self.x1 = self.LEFT, self.RIGHT
        self.new_page()

    def finish(self) -> bytes:
        """Close the last page and return the PDF."""
        self._end_page()
        self.canvas.save()
        return self._buf.getvalue()
