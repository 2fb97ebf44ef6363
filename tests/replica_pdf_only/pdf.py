"""PDFs of the PDF-only replica (reportlab canvas, Vera TTF), laid out like HMICFRS reports.

A cover (page 1) with the title and a month or a full date, optionally a contents page
with dot leaders, then body pages that carry a running header (the short title over a
rule) and a centred page-number footer. Text flows in one column or, for some reports,
in two columns on every body page. Bold label lines ("Recommendation 1", "Cause of
concern"), bullets with a hanging indent, lettered items ("a)") and ruled two-column
tables. Marks record the physical 1-based page where a finding or a grade starts.
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

REGULAR, BOLD = "FifthVera", "FifthVeraBold"
W, H = A4
Mark = tuple[str, ...] | None
Marks = dict[tuple[str, ...], int]


@lru_cache(maxsize=1)
def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


@dataclass(frozen=True)
class Block:
    """kind: chapter|heading|label|para|bullet|item|table|room|break."""

    kind: str
    text: str = ""
    mark: Mark = None
    tag: str = ""  # item: its printed marker ("a)"); room: points wanted below
    rows: tuple[tuple[str, ...], ...] = ()
    row_marks: tuple[Mark, ...] = ()


def chapter(text: str) -> Block:
    """A chapter heading (16 pt bold) that starts a new page; its page goes in contents."""
    return Block("chapter", text)


def heading(text: str) -> Block:
    """A section heading (12.5 pt bold)."""
    return Block("heading", text)


def label(text: str, mark: Mark = None) -> Block:
    """A bold body-size line such as "Recommendation 1" or "Cause of concern"."""
    return Block("label", text, mark=mark)


def para(text: str, mark: Mark = None) -> Block:
    """A paragraph."""
    return Block("para", text, mark=mark)


def bullet(text: str, mark: Mark = None) -> Block:
    """A bulleted item with a hanging indent."""
    return Block("bullet", text, mark=mark)


def item(tag: str, text: str, mark: Mark = None) -> Block:
    """A lettered or numbered item: ``tag`` ("a)") then the hanging text."""
    return Block("item", text, mark=mark, tag=tag)


def table(rows: list[tuple[str, str]], marks: list[Mark]) -> Block:
    """A ruled two-column table; the first row is the bold header."""
    return Block("table", rows=tuple(rows), row_marks=(None, *marks))


def room(points: float) -> Block:
    """Move down so that only ``points`` of the column are left (to force a page split)."""
    return Block("room", tag=str(points))


def page_break() -> Block:
    """Start a new page."""
    return Block("break")


@dataclass
class Layout:
    """What the cover, header and contents say."""

    title: str
    running: str
    cover_date: str
    back: list[str] = field(default_factory=list)
    contents: bool = False
    columns: int = 1


@dataclass
class _Writer:
    c: canvas.Canvas
    layout: Layout
    page: int = 1
    col: int = 0
    y: float = 0.0
    marks: Marks = field(default_factory=dict)
    chapters: list[tuple[str, int]] = field(default_factory=list)

    MARGIN = 56.0
    GUTTER = 22.0
    TOP = H - 78.0
    BOTTOM = 64.0
    SIZE = 10.0
    LEAD = 13.5

    @property
    def width(self) -> float:
        n = self.layout.columns
        return (W - 2 * self.MARGIN - (n - 1) * self.GUTTER) / n

    @property
    def x(self) -> float:
        return self.MARGIN + self.col * (self.width + self.GUTTER)

    def furniture(self) -> None:
        """Running header over a rule, and the page number centred at the foot."""
        self.c.setFont(REGULAR, 8)
        self.c.setFillGray(0.35)
        self.c.drawString(self.MARGIN, H - 40, self.layout.running)
        self.c.setLineWidth(0.4)
        self.c.line(self.MARGIN, H - 46, W - self.MARGIN, H - 46)
        self.c.drawCentredString(W / 2, 34, str(self.page))
        self.c.setFillGray(0)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.col = 0
        self.y = self.TOP
        self.furniture()

    def advance(self) -> None:
        """Next column, or a new page after the last one."""
        if self.col + 1 < self.layout.columns:
            self.col += 1
            self.y = self.TOP
        else:
            self.new_page()

    def need(self, height: float) -> None:
        if self.y - height < self.BOTTOM:
            self.advance()

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

    def lines(self, text: str, font: str, size: float, indent: float = 0.0, mark: Mark = None,
              tag: str = "", keep: float = 0.0) -> None:
        leading = size * 1.35
        wrapped = self.wrap(text, font, size, self.width - indent)
        self.need(leading + keep)
        for i, line in enumerate(wrapped):
            self.need(leading)
            self.y -= leading
            self.c.setFont(font, size)
            if i == 0 and tag:
                self.c.drawString(self.x, self.y, tag)
            self.c.drawString(self.x + indent, self.y, line)
            if i == 0 and mark:
                self.marks.setdefault(mark, self.page)
        self.y -= size * 0.7

    def table(self, block: Block) -> None:
        widths = [self.width * 0.7, self.width * 0.3]
        for i, (cells, mark) in enumerate(zip(block.rows, block.row_marks)):
            font = BOLD if i == 0 else REGULAR
            wrapped = [self.wrap(cell, font, 9.5, w - 10) for cell, w in zip(cells, widths)]
            height = max(len(w) for w in wrapped) * 12.5 + 8
            self.need(height)
            if mark:
                self.marks.setdefault(mark, self.page)
            top, x = self.y, self.x
            for cell_lines, w in zip(wrapped, widths):
                y = top - 2
                self.c.setFont(font, 9.5)
                for line in cell_lines:
                    y -= 12.5
                    self.c.drawString(x + 5, y, line)
                self.c.rect(x, top - height, w, height)
                x += w
            self.y = top - height
        self.y -= 12

    def block(self, b: Block) -> None:
        if b.kind == "chapter":
            if self.y < self.TOP or self.col:
                self.new_page()
            self.chapters.append((b.text, self.page))
            self.lines(b.text, BOLD, 16, keep=40)
            self.y -= 6
        elif b.kind == "heading":
            self.y -= 6
            self.lines(b.text, BOLD, 12.5, keep=36)
        elif b.kind == "label":
            self.y -= 2
            self.lines(b.text, BOLD, self.SIZE, mark=b.mark, keep=2 * self.LEAD)
        elif b.kind == "para":
            self.lines(b.text, REGULAR, self.SIZE, mark=b.mark)
        elif b.kind == "bullet":
            self.lines(b.text, REGULAR, self.SIZE, indent=14, mark=b.mark, tag="\u2022")
        elif b.kind == "item":
            self.lines(b.text, REGULAR, self.SIZE, indent=18, mark=b.mark, tag=b.tag)
        elif b.kind == "table":
            self.table(b)
        elif b.kind == "room":
            assert self.y >= self.BOTTOM + float(b.tag), "room(): already below that point"
            self.y = self.BOTTOM + float(b.tag)
        elif b.kind == "break" and (self.y < self.TOP or self.col):
            self.new_page()


def _cover(c: canvas.Canvas, layout: Layout, w: _Writer) -> None:
    c.setFillColorRGB(0.12, 0.2, 0.36)
    c.rect(0, H - 120, W, 120, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(BOLD, 12)
    c.drawString(w.MARGIN, H - 70, "HM Inspectorate of Constabulary and")
    c.drawString(w.MARGIN, H - 86, "Fire & Rescue Services")
    c.setFillGray(0)
    y = H - 280
    for line in w.wrap(layout.title, BOLD, 24, W - 2 * w.MARGIN):
        c.setFont(BOLD, 24)
        c.drawString(w.MARGIN, y, line)
        y -= 30
    c.setFont(REGULAR, 13)
    c.drawString(w.MARGIN, y - 20, layout.cover_date)


def _contents(c: canvas.Canvas, entries: list[tuple[str, int]], w: _Writer) -> None:
    c.setFont(BOLD, 16)
    c.drawString(w.MARGIN, w.TOP - 16, "Contents")
    y = w.TOP - 50
    for text, number in entries:
        c.setFont(REGULAR, 10.5)
        c.drawString(w.MARGIN, y, text)
        start = w.MARGIN + pdfmetrics.stringWidth(text, REGULAR, 10.5) + 4
        end = W - w.MARGIN - 20
        dots = "." * max(3, int((end - start) / pdfmetrics.stringWidth(".", REGULAR, 10.5)))
        c.drawString(start, y, dots)
        c.drawRightString(W - w.MARGIN, y, str(number))
        y -= 22


def _once(layout: Layout, blocks: list[Block],
          contents: list[tuple[str, int]]) -> tuple[bytes, Marks, list[tuple[str, int]]]:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(layout.title)
    c.setAuthor("HMICFRS")
    w = _Writer(c, layout)
    _cover(c, layout, w)
    if layout.contents:
        w.new_page()
        _contents(c, contents, w)
    w.new_page()
    for b in blocks:
        w.block(b)
    if layout.back:
        w.new_page()
        y = 200.0
        for line in layout.back:
            c.setFont(REGULAR, 9)
            c.drawString(w.MARGIN, y, line)
            y -= 14
    c.showPage()
    c.save()
    return buf.getvalue(), w.marks, w.chapters


def render(layout: Layout, blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and marks; a contents page (if any) lists the chapters' real pages."""
    _fonts()
    data, marks, chapters = _once(layout, blocks, [])
    if layout.contents:
        data, marks, again = _once(layout, blocks, chapters)
        assert again == chapters
    return data, marks
