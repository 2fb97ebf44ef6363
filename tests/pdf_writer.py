"""The one way tests write PDFs: pages of blocks laid out on a reportlab canvas.

Vocabulary (each returns a `Block`): ``heading`` (levels 1-3; ``chapter=True`` starts a page
and is listed for a contents page), ``para`` (optionally with a footnote), ``item`` (a
numbered or lettered item with a hanging indent), ``bullet``, ``margin_number`` (a number
in the left margin), ``table`` (ruled, wrapping cells, may split over pages), ``box`` (a
shaded box with a bold title), ``page_break``, ``new_page`` (another page size or number of
columns: two columns, landscape), ``room`` (move down to force a split at a page foot).
A `Style` says how a house prints them: page size, margins, fonts, sizes, spacing, header
and footer. ``render`` lays the blocks out (twice when page totals or a contents page need
real numbers) and returns the PDF bytes with `Marks`: the physical 1-based page on which
each marked block's first line is printed, so ground truth follows the layout.

Fonts: Bitstream Vera and Vera Bold, embedded TrueType fonts that reportlab itself ships
(reportlab/fonts/Vera*.ttf), so a fresh machine needs nothing else; they have the fi and fl
ligatures, curly quotes and the bullet. Helvetica (standard Type 1, not embedded) is there
for text that should use a non-embedded font.
"""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

REGULAR, BOLD = "Vera", "Vera-Bold"
Mark = tuple[str, ...] | None
Marks = dict[tuple[str, ...], int]
LANDSCAPE_A4 = landscape(A4)


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register Vera and Vera Bold once (shipped inside the reportlab package)."""
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REGULAR, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words of ``text`` in lines no wider than ``width`` (a long word stands alone)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + ([line] if line else [])


# --- the vocabulary ---------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One thing to lay out; build it with the functions below."""

    kind: str
    text: str = ""
    mark: Mark = None
    level: int = 0
    marker: str = ""
    note: str = ""                      # para: footnote text; box: title
    rows: tuple[tuple[str, ...], ...] = ()
    row_marks: tuple[Mark, ...] = ()
    widths: tuple[float, ...] = ()      # table: shares of the column width
    split_at: int = 0                   # table: this body row starts a new page
    chapter: bool = False
    size: tuple[float, float] | None = None
    columns: int = 0
    points: float = 0.0


def heading(text: str, level: int = 1, mark: Mark = None, chapter: bool = False) -> Block:
    """A bold heading; a chapter is listed (with its page) for a contents page."""
    return Block("heading", text, mark=mark, level=level, chapter=chapter)


def para(text: str, mark: Mark = None, footnote: str = "") -> Block:
    """A wrapped paragraph; a footnote puts a superscript number after it, the note below."""
    return Block("para", text, mark=mark, note=footnote)


def item(marker: str, text: str, mark: Mark = None) -> Block:
    """A numbered or lettered item ("1.", "a)", "R1") with a hanging indent."""
    return Block("item", text, mark=mark, marker=marker)


def bullet(text: str, mark: Mark = None, marker: str = "\u2022") -> Block:
    """A bulleted item with a hanging indent."""
    return Block("bullet", text, mark=mark, marker=marker)


def margin_number(number: int | str, text: str, mark: Mark = None) -> Block:
    """A paragraph with its number printed in the left margin."""
    return Block("margin", text, mark=mark, marker=str(number))


def table(rows: list[tuple[str, ...]], marks: list[Mark], widths: tuple[float, ...] = (),
          split_at: int = 0) -> Block:
    """A ruled table; the first row is the bold header, repeated if ``split_at`` splits it."""
    return Block("table", rows=tuple(rows), row_marks=(None, *marks), widths=widths,
                 split_at=split_at)


def box(title: str, text: str, mark: Mark = None) -> Block:
    """A shaded box: a bold title line, then the wrapped text."""
    return Block("box", text, mark=mark, note=title)


def page_break() -> Block:
    """Start a new page (nothing happens at the top of a fresh page)."""
    return Block("break")


def new_page(size: tuple[float, float] | None = None, columns: int = 0) -> Block:
    """From here, pages of ``size`` in ``columns`` columns (a fresh page of the same size is
    reused)."""
    return Block("page", size=size, columns=columns)


def room(points: float) -> Block:
    """Move down so that only ``points`` are left above the bottom margin."""
    return Block("room", points=points)


# --- how a house prints them ------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    """A heading level: size, space before, room kept below it, extra space after; a level
    that ``starts_page`` begins a new page unless the page is still empty."""

    size: float
    before: float = 0.0
    keep: float = 0.0
    after: float = 0.0
    starts_page: bool = False


@dataclass(frozen=True)
class TableStyle:
    """Cell text size, line height, row padding, text inset, first-baseline drop."""

    size: float = 10.0
    line: float = 13.0
    pad: float = 10.0
    inset: float = 6.0
    drop: float = 3.0
    after: float = 12.0
    widths: tuple[float, ...] = (0.6, 0.4)
    full_width: bool = False            # shares of the page's text width, not the column's


@dataclass(frozen=True)
class Style:
    """Page geometry, fonts and spacing; ``header``/``footer`` draw each page's furniture."""

    pagesize: tuple[float, float] = A4
    margin: float = 72.0
    top: float = 72.0                   # from the page top to the first line's top
    bottom: float = 72.0
    gutter: float = 24.0
    columns: int = 1
    size: float = 10.5
    leading: float = 1.4                # line height / font size
    after: float = 0.6                  # space after a paragraph / font size
    after_points: float | None = None   # or a fixed space after every block
    orphans: int = 2                    # first lines of a block kept together
    headings: tuple[Heading, ...] = (Heading(16, 8, 40), Heading(12, 4, 30),
                                     Heading(10.5, 2, 27))
    bullet_indent: float = 16.0
    item_indent: float = 18.0
    marker_gap: float | None = None     # marker this far left of the text; None: at the edge
    marker_bold: bool = False
    table: TableStyle = TableStyle()
    header: Callable[[Writer], None] | None = None
    footer: Callable[[Writer], None] | None = None
    wrap_indent: bool = True            # wrapped width excludes the indent


@dataclass
class Writer:
    """The cursor over a canvas; ``render`` drives it, front/back callables may draw."""

    c: canvas.Canvas
    style: Style
    total: int = 0                      # page count of the previous pass (0 in the first)
    known: list[tuple[str, int]] = field(default_factory=list)  # chapters, previous pass
    page: int = 1
    col: int = 0
    y: float = 0.0
    size: tuple[float, float] = A4
    ncols: int = 1
    marks: Marks = field(default_factory=dict)
    chapters: list[tuple[str, int]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    next_note: int = 1
    first_page: int = 1                 # where the last block's first line is printed

    # geometry ---------------------------------------------------------------------------
    @property
    def width(self) -> float:
        usable = self.size[0] - 2 * self.style.margin
        return (usable - self.style.gutter * (self.ncols - 1)) / self.ncols

    @property
    def x(self) -> float:
        return self.style.margin + self.col * (self.width + self.style.gutter)

    @property
    def top(self) -> float:
        return self.size[1] - self.style.top

    @property
    def fresh(self) -> bool:
        return self.y >= self.top and self.col == 0

    def start(self, size: tuple[float, float] | None = None, columns: int = 0) -> None:
        """Finish this page and start the next (of ``size`` in ``columns`` if given)."""
        self.finish_page()
        self.c.showPage()
        self.page += 1
        self.size = size or self.size
        self.ncols = columns or self.ncols
        self.col = 0
        self.c.setPageSize(self.size)
        self.y = self.top
        if self.style.header:
            self.style.header(self)

    def finish_page(self) -> None:
        if self.style.footer:
            self.style.footer(self)
        if self.notes:
            self._footnotes()

    def need(self, height: float) -> None:
        if self.y - height >= self.style.bottom:
            return
        if self.col + 1 < self.ncols:
            self.col += 1
            self.y = self.top
        else:
            self.start()

    def mark(self, mark: Mark) -> None:
        if mark:
            self.marks.setdefault(mark, self.page)

    def draw(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10.5,
             align: str = "left") -> None:
        """Draw one string (for covers and furniture)."""
        self.c.setFont(font, size)
        {"left": self.c.drawString, "right": self.c.drawRightString,
         "centre": self.c.drawCentredString}[align](x, y, text)

    # blocks -----------------------------------------------------------------------------
    def lines(self, text: str, font: str, size: float, *, indent: float = 0.0,
              marker: str = "", marker_x: float = 0.0, mark: Mark = None,
              keep: float = 0.0) -> str:
        """Wrapped lines from the cursor down; returns the last line."""
        st = self.style
        leading = size * st.leading
        wrapped = wrap(text, font, size, self.width - (indent if st.wrap_indent else 0))
        self.need(leading * min(len(wrapped), st.orphans) + keep)
        for i, line in enumerate(wrapped):
            self.need(leading)
            self.y -= leading
            if i == 0:
                self.first_page = self.page
                self.mark(mark)
                if marker:
                    self.draw(self.x + marker_x, self.y, marker,
                              BOLD if st.marker_bold else font, size)
            self.draw(self.x + indent, self.y, line, font, size)
        return wrapped[-1] if wrapped else ""

    def space_after(self, size: float) -> None:
        st = self.style
        self.y -= st.after_points if st.after_points is not None else size * st.after

    def add(self, b: Block) -> None:
        st = self.style
        if b.kind == "heading":
            h = st.headings[b.level - 1]
            if h.starts_page and not self.fresh:
                self.start()
            self.y -= h.before
            self.lines(b.text, BOLD, h.size, mark=b.mark, keep=h.keep)
            if b.chapter and b.text not in dict(self.chapters):
                self.chapters.append((b.text, self.first_page))
            self.space_after(h.size)
            self.y -= h.after
        elif b.kind == "para":
            last = self.lines(b.text, REGULAR, st.size, mark=b.mark)
            if b.note:
                self._note_mark(last, b.note)
            self.space_after(st.size)
        elif b.kind in ("item", "bullet", "margin"):
            indent = {"item": st.item_indent, "bullet": st.bullet_indent, "margin": 0.0}[b.kind]
            gap = -28.0 if b.kind == "margin" else (
                indent - st.marker_gap if st.marker_gap is not None else 0.0)
            self.lines(b.text, REGULAR, st.size, indent=indent, marker=b.marker,
                       marker_x=gap, mark=b.mark)
            self.space_after(st.size)
        elif b.kind == "table":
            self._table(b)
        elif b.kind == "box":
            self._box(b)
        elif b.kind == "break":
            if not self.fresh:
                self.start()
        elif b.kind == "page":
            size = b.size or self.size
            if self.fresh and size == self.size:
                self.ncols = b.columns or self.ncols
            else:
                self.start(size, b.columns or self.ncols)
        elif b.kind == "room":
            assert self.y >= st.bottom + b.points, "room(): already below that point"
            self.y = st.bottom + b.points

    def _table(self, b: Block) -> None:
        ts = self.style.table
        base = self.size[0] - 2 * self.style.margin if ts.full_width else self.width
        shares = b.widths or ts.widths
        if len(shares) != len(b.rows[0]):
            shares = (shares[0],) + ((1 - shares[0]) / (len(b.rows[0]) - 1),) * (
                len(b.rows[0]) - 1)
        widths = [base * s for s in shares]
        for i, (cells, mark) in enumerate(zip(b.rows, b.row_marks)):
            if b.split_at and i == b.split_at:
                self.start()
                self._row(b.rows[0], BOLD, widths, None)
            self._row(cells, BOLD if i == 0 else REGULAR, widths, mark)
        self.y -= ts.after

    def _row(self, cells: tuple[str, ...], font: str, widths: list[float], mark: Mark) -> None:
        ts = self.style.table
        wrapped = [wrap(cell, font, ts.size, w - 2 * ts.inset) for cell, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped) * ts.line + ts.pad
        self.need(height)
        self.mark(mark)
        top = self.y
        x = self.style.margin if ts.full_width else self.x
        for lines, w in zip(wrapped, widths):
            for k, line in enumerate(lines):
                self.draw(x + ts.inset, top - ts.drop - (k + 1) * ts.line, line, font, ts.size)
            self.c.rect(x, top - height, w, height)
            x += w
        self.y = top - height

    def _box(self, b: Block) -> None:
        width = self.width * 0.62
        lines = wrap(b.text, REGULAR, 10, width - 24)
        height = 14 + 16 + len(lines) * 13.5 + 10
        self.need(height + 8)
        top = self.y - 6
        self.c.setFillGray(0.88)
        self.c.rect(self.x, top - height, width, height, stroke=0, fill=1)
        self.c.setFillGray(0)
        y = top - 22
        self.draw(self.x + 12, y, b.note, BOLD, 11)
        y -= 6
        self.mark(b.mark)
        for line in lines:
            y -= 13.5
            self.draw(self.x + 12, y, line, REGULAR, 10)
        self.y = top - height - 14

    def _note_mark(self, last_line: str, note: str) -> None:
        number = str(self.next_note)
        self.next_note += 1
        end = self.x + pdfmetrics.stringWidth(last_line, REGULAR, self.style.size) + 1
        self.draw(end, self.y + 5, number, REGULAR, 6)
        self.notes.append((number, note))

    def _footnotes(self) -> None:
        margin = self.style.margin
        self.c.setLineWidth(0.5)
        self.c.line(margin, 78, margin + 120, 78)
        y = 66.0
        for number, text in self.notes:
            self.draw(margin, y + 3, number, REGULAR, 6)
            self.draw(margin + 8, y, text, REGULAR, 8)
            y -= 11
        self.notes = []


Draw = Callable[[Writer], None]


def render(style: Style, blocks: list[Block], *, title: str, author: str = "HMICFRS",
           front: Draw | None = None, back: Draw | None = None, passes: int = 1,
           first_note: int = 1) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks. ``front`` draws page 1 (a cover) and may start more
    pages (contents from ``Writer.known``); the blocks follow on a new page; ``back``
    draws after them. With ``passes=2`` the second pass knows the page total and chapters."""
    register_fonts()
    total, known = 0, []
    data, marks = b"", {}
    for _ in range(passes):
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=style.pagesize, invariant=1)
        c.setTitle(title)
        c.setAuthor(author)
        w = Writer(c, style, total=total, known=known, size=style.pagesize,
                   ncols=style.columns, next_note=first_note)
        w.y = w.top
        if front:
            front(w)
            w.start()
        for b in blocks:
            w.add(b)
        if back:
            back(w)
        w.finish_page()
        c.showPage()
        c.save()
        total, known = w.page, w.chapters
        data, marks = buf.getvalue(), w.marks
    return data, marks


__all__ = ["A4", "BOLD", "LANDSCAPE_A4", "REGULAR", "Block", "Heading", "Marks", "Style",
           "TableStyle", "Writer", "box", "bullet", "heading", "item", "margin_number",
           "new_page", "page_break", "para", "register_fonts", "render", "room",
           "table", "wrap"]
