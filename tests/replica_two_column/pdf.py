"""PDFs of the two-column replica: reportlab canvas, two-column pages, a landscape table page.

Every page after the cover carries the running footer "HMICFRS | Page n of N" (two
passes, so N is real). Marks record the physical 1-based page where a finding or grade
is printed.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import lru_cache

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REGULAR, BOLD = "ThirdVera", "ThirdVeraBold"
Marks = dict[tuple[str, ...], int]
Mark = tuple[str, ...] | None


@lru_cache(maxsize=1)
def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


@dataclass(frozen=True)
class Block:
    """kind: heading|sub|para|bullet|columns|single|landscape|table|break."""

    kind: str
    text: str = ""
    prefix: str = ""
    mark: Mark = None
    rows: tuple[tuple[str, ...], ...] = ()
    row_marks: tuple[Mark, ...] = ()


def heading(text: str) -> Block:
    """A section heading."""
    return Block("heading", text)


def sub(text: str, mark: Mark = None) -> Block:
    """A bold sub-heading."""
    return Block("sub", text, mark=mark)


def para(text: str, mark: Mark = None) -> Block:
    """A paragraph."""
    return Block("para", text, mark=mark)


def bullet(text: str, mark: Mark = None, prefix: str = "\u2022") -> Block:
    """A hanging list item."""
    return Block("bullet", text, prefix=prefix, mark=mark)


def columns() -> Block:
    """From here, a new page set in two columns."""
    return Block("columns")


def single() -> Block:
    """From here, a new portrait page in one column."""
    return Block("single")


def landscape_page() -> Block:
    """From here, a new landscape page in one column."""
    return Block("landscape")


def table(rows: list[tuple[str, ...]], marks: list[Mark]) -> Block:
    """A ruled table; the first row is the header."""
    return Block("table", rows=tuple(rows), row_marks=(None, *marks))


class _Writer:
    MARGIN, TOP_GAP, BOTTOM = 60.0, 70.0, 75.0
    GUTTER = 24.0

    def __init__(self, total: int) -> None:
        _fonts()
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.total = total
        self.page = 1
        self.size = A4
        self.ncols, self.col = 1, 0
        self.y = 0.0
        self.marks: Marks = {}

    # geometry ---------------------------------------------------------------------
    @property
    def col_width(self) -> float:
        usable = self.size[0] - 2 * self.MARGIN
        return (usable - self.GUTTER * (self.ncols - 1)) / self.ncols

    @property
    def x(self) -> float:
        return self.MARGIN + self.col * (self.col_width + self.GUTTER)

    def top(self) -> float:
        return self.size[1] - self.TOP_GAP

    def start_page(self, size: tuple[float, float], ncols: int) -> None:
        self._footer()
        self.c.showPage()
        self.page += 1
        self.size, self.ncols, self.col = size, ncols, 0
        self.c.setPageSize(size)
        self.y = self.top()

    def _footer(self) -> None:
        if self.page > 1:
            self.c.setFont(REGULAR, 8)
            self.c.drawRightString(self.size[0] - self.MARGIN, 40,
                                   f"HMICFRS | Page {self.page} of {self.total or '?'}")

    def need(self, height: float) -> None:
        if self.y - height >= self.BOTTOM:
            return
        if self.col + 1 < self.ncols:
            self.col += 1
            self.y = self.top()
        else:
            self.start_page(self.size, self.ncols)

    # drawing ----------------------------------------------------------------------
    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if pdfmetrics.stringWidth(trial, font, size) > width and line:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + ([line] if line else [])

    def text(self, text: str, font: str, size: float, *, indent: float = 0, prefix: str = "",
             mark: Mark = None, keep: float = 0) -> None:
        leading = size * 1.35
        wrapped = self.wrap(text, font, size, self.col_width - indent)
        self.need(leading * min(len(wrapped), 3) + keep)
        for i, line in enumerate(wrapped):
            self.need(leading)
            self.y -= leading
            self.c.setFont(font, size)
            if i == 0:
                if mark:
                    self.marks.setdefault(mark, self.page)
                if prefix:
                    self.c.drawString(self.x + indent - 14, self.y, prefix)
            self.c.drawString(self.x + indent, self.y, line)
        self.y -= size * 0.7

    def table(self, block: Block) -> None:
        n = len(block.rows[0])
        usable = self.size[0] - 2 * self.MARGIN
        widths = [usable * 0.6] + [usable * 0.4 / (n - 1)] * (n - 1)
        for i, (cells, mark) in enumerate(zip(block.rows, block.row_marks)):
            font = BOLD if i == 0 else REGULAR
            wrapped = [self.wrap(cells[k], font, 10, widths[k] - 12) for k in range(n)]
            height = max(len(w) for w in wrapped) * 13 + 10
            self.need(height)
            if mark:
                self.marks.setdefault(mark, self.page)
            top, x = self.y, self.MARGIN
            for k, lines in enumerate(wrapped):
                y = top - 3
                self.c.setFont(font, 10)
                for line in lines:
                    y -= 13
                    self.c.drawString(x + 6, y, line)
                self.c.rect(x, top - height, widths[k], height)
                x += widths[k]
            self.y = top - height
        self.y -= 12

    def cover(self, title: str, lines: list[str]) -> None:
        self.c.setFont(BOLD, 11)
        self.c.drawString(self.MARGIN, A4[1] - 70, "HMICFRS")
        y = A4[1] - 260
        for line in self.wrap(title, BOLD, 24, A4[0] - 2 * self.MARGIN):
            self.c.setFont(BOLD, 24)
            self.c.drawString(self.MARGIN, y, line)
            y -= 30
        for line in lines:
            y -= 22
            self.c.setFont(REGULAR, 13)
            self.c.drawString(self.MARGIN, y, line)

    def finish(self) -> bytes:
        self._footer()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def render(title: str, cover_lines: list[str], blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks. The body starts on page 2, portrait, one column."""
    total = 0
    data, marks = b"", {}
    for _ in range(2):
        w = _Writer(total)
        w.c.setTitle(title)
        w.c.setAuthor("HMICFRS")
        w.cover(title, cover_lines)
        w.start_page(A4, 1)
        for b in blocks:
            fresh = w.y >= w.top() and w.col == 0
            if b.kind == "columns":
                w.start_page(A4, 2) if not fresh else setattr(w, "ncols", 2)
            elif b.kind == "single":
                if fresh and w.size == A4:
                    w.ncols = 1
                else:
                    w.start_page(A4, 1)
            elif b.kind == "landscape":
                w.start_page(landscape(A4), 1)
            elif b.kind == "break":
                if not fresh:
                    w.start_page(w.size, w.ncols)
            elif b.kind == "heading":
                w.y -= 6
                w.text(b.text, BOLD, 15, keep=40)
            elif b.kind == "sub":
                w.y -= 3
                w.text(b.text, BOLD, 11.5, keep=28, mark=b.mark)
            elif b.kind == "para":
                w.text(b.text, REGULAR, 10, mark=b.mark)
            elif b.kind == "bullet":
                w.text(b.text, REGULAR, 10, indent=16, prefix=b.prefix, mark=b.mark)
            elif b.kind == "table":
                w.table(b)
        total = w.page
        data, marks = w.finish(), w.marks
    return data, marks
