"""PDFs of the WordPress replica (reportlab canvas, Vera TTF).

Layout: a cover (page 1), an imprint page carrying "Published: <date>" (page 2), then
the body. Body pages print their physical page number in the top-right corner and
their footnotes at the foot, under a short rule. Recommendations sit in shaded boxes
headed "Recommendation", narrower than the text column so they wrap over many lines.
Tables can be split across pages with the header row repeated. Marks record the
physical 1-based page where a finding or grade is printed.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from functools import lru_cache

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REGULAR, BOLD = "FourthVera", "FourthVeraBold"
Marks = dict[tuple[str, ...], int]
Mark = tuple[str, ...] | None
W, H = A4


@lru_cache(maxsize=1)
def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


@dataclass(frozen=True)
class Block:
    """kind: heading|sub|para|box|table|break."""

    kind: str
    text: str = ""
    mark: Mark = None
    footnote: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    row_marks: tuple[Mark, ...] = ()
    split_at: int = 0


def heading(text: str) -> Block:
    """A section heading."""
    return Block("heading", text)


def sub(text: str) -> Block:
    """A bold sub-heading."""
    return Block("sub", text)


def para(text: str, mark: Mark = None, footnote: str = "") -> Block:
    """A paragraph; ``footnote``: a superscript marker after it and its note at the foot."""
    return Block("para", text, mark=mark, footnote=footnote)


def box(text: str, mark: Mark = None, title: str = "Recommendation") -> Block:
    """A shaded box with a bold title line and wrapped text."""
    return Block("box", text, mark=mark, footnote=title)


def page_break() -> Block:
    """Start a new page."""
    return Block("break")


def table(rows: list[tuple[str, ...]], marks: list[Mark], split_at: int = 0) -> Block:
    """A ruled table (first row: header); body row ``split_at`` starts a new page."""
    return Block("table", rows=tuple(rows), row_marks=(None, *marks), split_at=split_at)


@dataclass
class _Writer:
    c: canvas.Canvas
    page: int = 1
    y: float = 0.0
    notes: list[tuple[str, str]] = field(default_factory=list)
    marks: Marks = field(default_factory=dict)
    next_note: int = 12

    MARGIN = 62.0
    TOP = H - 88.0
    BOTTOM = 96.0

    def new_page(self) -> None:
        self._foot()
        self.c.showPage()
        self.page += 1
        self.y = self.TOP
        if self.page > 2:
            self.c.setFont(REGULAR, 9)
            self.c.drawRightString(W - self.MARGIN, H - 42, str(self.page))

    def _foot(self) -> None:
        if not self.notes:
            return
        self.c.setLineWidth(0.5)
        self.c.line(self.MARGIN, 78, self.MARGIN + 120, 78)
        y = 66.0
        for num, text in self.notes:
            self.c.setFont(REGULAR, 6)
            self.c.drawString(self.MARGIN, y + 3, num)
            self.c.setFont(REGULAR, 8)
            self.c.drawString(self.MARGIN + 8, y, text)
            y -= 11
        self.notes = []

    def need(self, height: float) -> None:
        if self.y - height < self.BOTTOM:
            self.new_page()

    @staticmethod
    def wrap(text: str, font: str, size: float, width: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if pdfmetrics.stringWidth(trial, font, size) > width and line:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + ([line] if line else [])

    def text(self, text: str, font: str, size: float, mark: Mark = None, keep: float = 0,
             footnote: str = "") -> None:
        leading = size * 1.4
        lines = self.wrap(text, font, size, W - 2 * self.MARGIN)
        self.need(leading * min(len(lines), 2) + keep)
        for i, line in enumerate(lines):
            self.need(leading)
            self.y -= leading
            self.c.setFont(font, size)
            self.c.drawString(self.MARGIN, self.y, line)
            if i == 0 and mark:
                self.marks.setdefault(mark, self.page)
        if footnote:
            num = str(self.next_note)
            self.next_note += 1
            end = self.MARGIN + pdfmetrics.stringWidth(lines[-1], font, size) + 1
            self.c.setFont(REGULAR, 6)
            self.c.drawString(end, self.y + 5, num)
            self.notes.append((num, footnote))
        self.y -= size * 0.8

    def box(self, block: Block) -> None:
        width = (W - 2 * self.MARGIN) * 0.62
        lines = self.wrap(block.text, REGULAR, 10, width - 24)
        height = 14 + 16 + len(lines) * 13.5 + 10
        self.need(height + 8)
        top = self.y - 6
        self.c.setFillGray(0.88)
        self.c.rect(self.MARGIN, top - height, width, height, stroke=0, fill=1)
        self.c.setFillGray(0)
        self.c.setFont(BOLD, 11)
        y = top - 22
        self.c.drawString(self.MARGIN + 12, y, block.footnote)
        y -= 6
        if block.mark:
            self.marks.setdefault(block.mark, self.page)
        self.c.setFont(REGULAR, 10)
        for line in lines:
            y -= 13.5
            self.c.drawString(self.MARGIN + 12, y, line)
        self.y = top - height - 14

    def table(self, block: Block) -> None:
        widths = [(W - 2 * self.MARGIN) * 0.68, (W - 2 * self.MARGIN) * 0.32]
        header = block.rows[0]
        for i, (cells, mark) in enumerate(zip(block.rows, block.row_marks)):
            if block.split_at and i == block.split_at:
                self.new_page()
                self._row(header, BOLD, widths, None)
            self._row(cells, BOLD if i == 0 else REGULAR, widths, mark)
        self.y -= 12

    def _row(self, cells: tuple[str, ...], font: str, widths: list[float], mark: Mark) -> None:
        wrapped = [self.wrap(cell, font, 10, w - 12) for cell, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped) * 13 + 10
        self.need(height)
        if mark:
            self.marks.setdefault(mark, self.page)
        top, x = self.y, self.MARGIN
        for lines, w in zip(wrapped, widths):
            y = top - 3
            self.c.setFont(font, 10)
            for line in lines:
                y -= 13
                self.c.drawString(x + 6, y, line)
            self.c.rect(x, top - height, w, height)
            x += w
        self.y = top - height


def render(title: str, subtitle: str, imprint: list[str],
           blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks: cover, imprint page, then ``blocks`` from page 3."""
    _fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("HM Inspectorate of Constabulary and Fire & Rescue Services")
    w = _Writer(c)
    y = H - 250
    for line in w.wrap(title, BOLD, 22, W - 2 * w.MARGIN):
        c.setFont(BOLD, 22)
        c.drawString(w.MARGIN, y, line)
        y -= 28
    c.setFont(REGULAR, 13)
    c.drawString(w.MARGIN, y - 16, subtitle)
    w.new_page()
    y = 260.0
    for line in imprint:
        c.setFont(REGULAR, 9)
        c.drawString(w.MARGIN, y, line)
        y -= 14
    w.new_page()
    for b in blocks:
        if b.kind == "heading":
            w.y -= 8
            w.text(b.text, BOLD, 15, keep=40)
        elif b.kind == "sub":
            w.y -= 4
            w.text(b.text, BOLD, 11.5, keep=30)
        elif b.kind == "para":
            w.text(b.text, REGULAR, 10, mark=b.mark, footnote=b.footnote)
        elif b.kind == "box":
            w.box(b)
        elif b.kind == "table":
            w.table(b)
        elif b.kind == "break" and w.y < w.TOP:
            w.new_page()
    w._foot()
    c.showPage()
    c.save()
    return buf.getvalue(), w.marks
