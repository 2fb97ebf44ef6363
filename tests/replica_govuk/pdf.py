"""Report PDFs for the GOV.UK-like replica, drawn on a reportlab canvas.

A document is a list of blocks; it is laid out twice so that the contents page and the
"Page n of N" footers carry real numbers. Every page after the cover has a running header
(short title on the left, "OFFICIAL" on the right) and a centred footer. Marks record the
physical 1-based page on which a finding or a grade is printed.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import lru_cache

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REGULAR, BOLD = "AltVera", "AltVeraBold"
Marks = dict[tuple[str, ...], int]


@lru_cache(maxsize=1)
def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


@dataclass(frozen=True)
class Block:
    """One thing to draw: kind is section|sub|para|item|table|break."""

    kind: str
    text: str = ""
    prefix: str = ""
    mark: tuple[str, ...] | None = None
    rows: tuple[tuple[str, str], ...] = ()
    row_marks: tuple[tuple[str, ...] | None, ...] = ()


def section(text: str) -> Block:
    """A numbered-in-contents section heading."""
    return Block("section", text)


def sub(text: str, mark: tuple[str, ...] | None = None) -> Block:
    """A bold sub-heading (may carry a mark)."""
    return Block("sub", text, mark=mark)


def para(text: str, mark: tuple[str, ...] | None = None) -> Block:
    """A body paragraph."""
    return Block("para", text, mark=mark)


def item(prefix: str, text: str, mark: tuple[str, ...] | None = None) -> Block:
    """A hanging list item ('1.' or a bullet)."""
    return Block("item", text, prefix=prefix, mark=mark)


def table(header: tuple[str, str], rows: list[tuple[str, str]],
          marks: list[tuple[str, ...] | None]) -> Block:
    """A two-column ruled table (header first)."""
    return Block("table", rows=(header, *rows), row_marks=(None, *marks))


def page_break() -> Block:
    """Start a new page."""
    return Block("break")


class _Writer:
    LEFT, RIGHT, TOP, BOTTOM = 70.0, A4[0] - 70.0, A4[1] - 90.0, 80.0

    def __init__(self, header: str, total: int) -> None:
        _fonts()
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.header, self.total = header, total
        self.page, self.y = 1, self.TOP
        self.marks: Marks = {}
        self.sections: dict[str, int] = {}

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

    def new_page(self) -> None:
        self._footer()
        self.c.showPage()
        self.page += 1
        self.c.setFont(REGULAR, 8)
        self.c.drawString(self.LEFT, A4[1] - 50, self.header)
        self.c.drawRightString(self.RIGHT, A4[1] - 50, "OFFICIAL")
        self.y = self.TOP

    def _footer(self) -> None:
        if self.page > 1:
            self.c.setFont(REGULAR, 8)
            self.c.drawCentredString(A4[0] / 2, 45, f"Page {self.page} of {self.total or '?'}")

    def need(self, height: float) -> None:
        if self.y - height < self.BOTTOM:
            self.new_page()

    def lines(self, text: str, font: str, size: float, indent: float = 0,
              prefix: str = "", mark: tuple[str, ...] | None = None, keep: float = 0) -> None:
        leading = size * 1.4
        wrapped = self.wrap(text, font, size, self.RIGHT - self.LEFT - indent)
        self.need(leading * min(2, len(wrapped)) + keep)
        for i, line in enumerate(wrapped):
            self.need(leading)
            self.y -= leading
            if i == 0:
                if mark:
                    self.marks.setdefault(mark, self.page)
                if prefix:
                    self.c.setFont(font, size)
                    self.c.drawString(self.LEFT + indent - 20, self.y, prefix)
            self.c.setFont(font, size)
            self.c.drawString(self.LEFT + indent, self.y, line)
        self.y -= size * 0.6

    def table(self, block: Block) -> None:
        widths = (300.0, 150.0)
        for n, (cells, mark) in enumerate(zip(block.rows, block.row_marks)):
            font = BOLD if n == 0 else REGULAR
            wrapped = [self.wrap(cells[i], font, 10, widths[i] - 10) for i in range(2)]
            height = max(len(w) for w in wrapped) * 14 + 8
            self.need(height)
            if mark:
                self.marks.setdefault(mark, self.page)
            top, x = self.y, self.LEFT
            for i, lines in enumerate(wrapped):
                y = top - 4
                self.c.setFont(font, 10)
                for line in lines:
                    y -= 14
                    self.c.drawString(x + 5, y + 3, line)
                self.c.rect(x, top - height, widths[i], height)
                x += widths[i]
            self.y = top - height
        self.y -= 10

    def finish(self) -> bytes:
        self._footer()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def render(title: str, short: str, cover_lines: list[str], blocks: list[Block],
           contents: bool = True) -> tuple[bytes, Marks]:
    """The PDF bytes and the page marks (two passes: contents and totals get numbers)."""
    pages: dict[str, int] = {}
    total = 0
    data, marks = b"", {}
    for _ in range(2):
        w = _Writer(short, total)
        w.c.setTitle(title)
        w.c.setAuthor("HMICFRS")
        w.c.setFont(BOLD, 12)
        w.c.drawString(w.LEFT, A4[1] - 80, "His Majesty\u2019s Inspectorate of Constabulary")
        w.c.drawString(w.LEFT, A4[1] - 96, "and Fire & Rescue Services")
        w.y = A4[1] - 250
        for line in w.wrap(title, BOLD, 22, w.RIGHT - w.LEFT):
            w.c.setFont(BOLD, 22)
            w.c.drawString(w.LEFT, w.y, line)
            w.y -= 28
        w.y -= 16
        for line in cover_lines:
            w.c.setFont(REGULAR, 13)
            w.c.drawString(w.LEFT, w.y, line)
            w.y -= 20
        w.new_page()
        if contents:
            w.lines("Contents", BOLD, 16)
            for name in [b.text for b in blocks if b.kind == "section"]:
                w.y -= 18
                number = str(pages.get(name, 0))
                w.c.setFont(REGULAR, 11)
                w.c.drawString(w.LEFT, w.y, name)
                w.c.drawRightString(w.RIGHT, w.y, number)
            w.new_page()
        for block in blocks:
            if block.kind == "break":
                if w.y < w.TOP:
                    w.new_page()
            elif block.kind == "section":
                w.y -= 8
                w.lines(block.text, BOLD, 16, keep=40)
                w.sections.setdefault(block.text, w.page)
            elif block.kind == "sub":
                w.y -= 4
                w.lines(block.text, BOLD, 12, keep=30, mark=block.mark)
            elif block.kind == "para":
                w.lines(block.text, REGULAR, 10.5, mark=block.mark)
            elif block.kind == "item":
                w.lines(block.text, REGULAR, 10.5, indent=22, prefix=block.prefix,
                        mark=block.mark)
            elif block.kind == "table":
                w.table(block)
        total = w.page
        pages = w.sections
        data, marks = w.finish(), w.marks
    return data, marks


def welsh_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A short Welsh-language version (no findings the pipeline should store)."""
    data, _ = render(title, title[:60], ["Gorffennaf 2022"],
                     [section("Crynodeb")] + [para(p) for p in paragraphs], contents=False)
    return data
