"""The layout engine behind tests/pdf_writer.py: a cursor that lays blocks out on a
reportlab canvas, and ``render``, which returns the PDF bytes with the page marks.

A body is a list of blocks, or a callable that adds blocks itself (``w.add``) when what
comes next depends on where the cursor is (``w.height``, ``w.lines_left``, ``w.page``).
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from tests.pdf_writer import (REGULAR, Block, Draw, Mark, Marks, Style, glyphs, register_fonts,
                              wrap)

Op = tuple[float, int, float, str, str, float, str, float]  # y, column, x, text, font, size,
                                                            # align, gaps


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
    col_top: float = 0.0                # where this page's columns start
    size: tuple[float, float] = A4
    ncols: int = 1
    marks: Marks = field(default_factory=dict)
    chapters: list[tuple[str, int]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    next_note: int = 1
    first_page: int = 1                 # where the last block's first line is printed
    held: list[Op] | None = None        # interleaved columns: strings kept to draw by row
    page_ops: list[tuple] | None = None  # with a text order: this page's body, drawn (in
                                        # that order) when the page is finished
    col_end: float | None = None        # the lowest a column left on this page ended at
    printed: set[str] = field(default_factory=set)  # words of the body so far (hyphenate)

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
    def font(self) -> str:
        return self.style.fonts[0]

    @property
    def bold_font(self) -> str:
        return self.style.fonts[1]

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
        self.col, self.col_end = 0, None
        self.c.setPageSize(self.size)
        self.y = self.col_top = self.top
        if self.style.header:
            self.style.header(self)

    def finish_page(self) -> None:
        if self.style.footer:
            self.style.footer(self)
        if self.notes:
            self._footnotes()
        if self.page_ops is not None:
            self._flush()

    def need(self, height: float) -> None:
        if self.y - height >= self.style.bottom:
            return
        if self.held is not None:
            raise ValueError("interleaved columns must fit in what is left of the page")
        if self.col + 1 < self.ncols:
            self.col_end = self.y if self.col_end is None else min(self.col_end, self.y)
            self.col += 1
            self.y = self.col_top
        else:
            self.start()

    def mark(self, mark: Mark) -> None:
        if mark:
            self.marks.setdefault(mark, self.page)

    def draw(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10.5,
             align: str = "left", gaps: float = 0.0) -> None:
        """Draw one string (for covers and furniture), with the style's ligatures; ``gaps``
        widens each space by that much, the words placed one by one."""
        if self.held is not None:
            self.held.append((y, self.col, x, text, font, size, align, gaps))
        elif self.page_ops is not None:
            self.page_ops.append(("text", x, y, text, font, size, align, gaps))
        else:
            self._emit(x, y, text, font, size, align, gaps)

    def _emit(self, x: float, y: float, text: str, font: str, size: float, align: str,
              gaps: float, backwards: bool = False) -> None:
        text = glyphs(text, self.style.ligatures)
        self.c.setFont(font, size)
        if not gaps and not backwards:
            {"left": self.c.drawString, "right": self.c.drawRightString,
             "centre": self.c.drawCentredString}[align](x, y, text)
            return
        x -= {"left": 0.0, "right": 1.0, "centre": 0.5}[align] * pdfmetrics.stringWidth(
            text, font, size)
        space = pdfmetrics.stringWidth(" ", font, size)
        for word in text.split(" ") if gaps else [text]:
            if backwards:       # each glyph its own object, the last drawn first
                for i in range(len(word) - 1, -1, -1):
                    self.c.drawString(x + pdfmetrics.stringWidth(word[:i], font, size), y,
                                      word[i])
            else:
                self.c.drawString(x, y, word)
            x += pdfmetrics.stringWidth(word, font, size) + space + gaps

    def _flush(self) -> None:
        """Draw this page's held body in the style's text order."""
        st, ops, self.page_ops = self.style, self.page_ops or [], []
        order = st.text_order if not st.order_pages or self.page in st.order_pages else ""
        if order == "reversed":
            ops = ops[::-1]
        elif order == "shuffled":
            random.Random(st.order_seed * 1000 + self.page).shuffle(ops)
        for op in ops:
            if op[0] == "rect":
                self._rect(*op[1:])
            elif order == "words":
                self._emit_words_shuffled(*op[1:], random.Random(
                    f"{st.order_seed} {self.page} {op[2]}"))
            else:
                self._emit(*op[1:], backwards=order == "glyphs")

    def _emit_words_shuffled(self, x: float, y: float, text: str, font: str, size: float,
                             align: str, gaps: float, rng: random.Random) -> None:
        """The line's words each in its place, drawn in a random order by one TJ array that
        moves the pen back and forth (pdfium keeps a text object's order)."""
        text = glyphs(text, self.style.ligatures)
        x -= {"left": 0.0, "right": 1.0, "centre": 0.5}[align] * pdfmetrics.stringWidth(
            text, font, size)
        words, xs = text.split(" "), []
        for word in words:
            xs.append(x)
            x += pdfmetrics.stringWidth(f"{word} ", font, size) + gaps
        order = list(range(len(words)))
        rng.shuffle(order)
        ttf = pdfmetrics.getFont(font)
        parts, pen = [], xs[order[0]]
        for i in order:
            pieces = ttf.splitString(words[i], self.c._doc)
            assert {subset for subset, _ in pieces} <= {0}, "one font subset per line"
            codes = self.c._escape(b"".join(p for _, p in pieces))
            parts.append(f"{(pen - xs[i]) * 1000 / size:.2f} ({codes})")
            pen = xs[i] + pdfmetrics.stringWidth(words[i], font, size)
        name = ttf.getSubsetInternalName(0, self.c._doc)
        self.c._code.append(f"BT {name} {size} Tf 1 0 0 1 {xs[order[0]]:.2f} {y:.2f} Tm "
                            f"[{' '.join(parts)}] TJ ET")

    def _rect(self, x: float, y: float, width: float, height: float) -> None:
        self.c.setLineWidth(0.8)
        self.c.rect(x, y, width, height, stroke=1, fill=0)

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Lines of ``text`` as this style breaks them."""
        hyphenate = self.style.hyphenate
        return wrap(text, font, size, width, ligatures=self.style.ligatures,
                    hyphenate=self.printed if hyphenate == "printed" else hyphenate)

    def _note_printed(self, line: str) -> None:
        """Remember the words of a body line (the words hyphenate="printed" may split)."""
        if self.style.hyphenate == "printed":
            self.printed.update(w.strip(".,:;()").lower() for w in line.split())

    def text_width(self, text: str, font: str, size: float) -> float:
        """Drawn width of ``text``."""
        return pdfmetrics.stringWidth(glyphs(text, self.style.ligatures), font, size)

    def lines_left(self, size: float) -> int:
        """Whole body lines of font ``size`` that still fit in this column."""
        return int((self.y - self.style.bottom) // (size * self.style.leading))

    def height(self, b: Block) -> float:
        """Height a heading, paragraph or item takes in the current column."""
        st = self.style
        if b.kind == "heading":
            h = st.headings[b.level - 1]
            lines = len(self.wrap(b.text, self.bold_font, h.size, self.width))
            return (h.before + lines * h.size * (h.leading or st.leading) + self._after(h.size)
                    + h.after)
        size = b.font_size or st.size
        indent = self._indent(b)
        lines = self.wrap(b.text, self.bold_font if b.bold else self.font, size,
                          self.width - (indent if st.wrap_indent else 0))
        return len(lines) * size * st.leading + self._after(size)

    # blocks -----------------------------------------------------------------------------
    def lines(self, text: str, font: str, size: float, *, indent: float = 0.0,
              marker: str = "", marker_x: float = 0.0, mark: Mark = None,
              keep: float = 0.0, leading: float = 0.0) -> str:
        """Wrapped lines from the cursor down; returns the last line."""
        st = self.style
        leading = size * (leading or st.leading)
        wrapped = self.wrap(text, font, size, self.width - (indent if st.wrap_indent else 0))
        self.need(leading * min(len(wrapped), st.orphans) + keep)
        for i, line in enumerate(wrapped):
            self.need(leading)
            self.y -= leading
            if i == 0:
                self.first_page = self.page
                self.mark(mark)
                if marker:
                    self.draw(self.x + marker_x, self.y, marker,
                              self.bold_font if st.marker_bold else font, size)
            self._note_printed(line)
            self.draw(self.x + indent, self.y, line, font, size)
        return wrapped[-1] if wrapped else ""

    def _after(self, size: float) -> float:
        st = self.style
        return st.after_points if st.after_points is not None else size * st.after

    def space_after(self, size: float) -> None:
        self.y -= self._after(size)

    def _indent(self, b: Block) -> float:
        return {"item": self.style.item_indent, "bullet": self.style.bullet_indent}.get(b.kind,
                                                                                         0.0)

    def add(self, b: Block) -> None:
        st = self.style
        if st.space_before and b.kind in ("heading", "para", "item", "bullet"):
            self.add_spaced(b)
        elif b.kind == "heading":
            h = st.headings[b.level - 1]
            if h.starts_page and not self.fresh:
                self.start()
            if h.before_at_top or self.y < self.top:
                self.y -= h.before
            self.lines(b.text, self.bold_font, h.size, mark=b.mark, keep=h.keep,
                       leading=h.leading)
            if b.chapter and b.text not in dict(self.chapters):
                self.chapters.append((b.text, self.first_page))
            self.y -= self._after(h.size) + h.after
        elif b.kind == "para":
            size = b.font_size or st.size
            last = self.lines(b.text, self.bold_font if b.bold else self.font, size, mark=b.mark)
            if b.note:
                self._note_mark(last, b.note)
            self.y -= self._after(size)
        elif b.kind in ("item", "bullet", "margin"):
            indent, size = self._indent(b), b.font_size or st.size
            gap = -28.0 if b.kind == "margin" else (
                indent - st.marker_gap if st.marker_gap is not None else 0.0)
            self.lines(b.text, self.font, size, indent=indent, marker=b.marker,
                       marker_x=gap, mark=b.mark)
            self.y -= self._after(size)
        elif b.kind == "table":
            self._table(b)
        elif b.kind == "box":
            self._box(b)
        elif b.kind == "contents":
            self._contents(b)
        elif b.kind == "break":
            if not self.fresh:
                self.start()
        elif b.kind == "page":
            size = b.size or self.size
            if self.fresh and size == self.size:
                self.ncols = b.columns or self.ncols
            else:
                self.start(size, b.columns or self.ncols)
        elif b.kind == "columns":
            if self.col > 0 and self.col_end is not None:
                self.y = min(self.y, self.col_end)
            self.y -= b.points
            self.ncols, self.col, self.col_top, self.col_end = b.columns, 0, self.y, None
        elif b.kind == "framed":
            self._framed(b)
        elif b.kind == "interleaved":
            self._interleaved(b)
        elif b.kind == "room":
            if self.y - st.bottom < b.points:
                self.start()
            self.y = st.bottom + b.points

    # space before blocks ------------------------------------------------------------------
    def add_spaced(self, b: Block) -> None:
        """A heading, paragraph or item in a style that puts space before blocks: a heading
        (or label) first makes sure its ``keep`` fits, then takes its space (none at a
        column's top) and is set line by line without a further check, so a short keep
        may leave it alone at a column's foot; a paragraph takes its space and checks each
        line; an item keeps its first ``orphans`` lines together before its space, then
        sets its marker and its lines, each checked (a one-line item's marker may stay at a
        column's foot, its text going on in the next)."""
        st = self.style
        if b.kind == "heading":
            h = st.headings[b.level - 1]
            self.need(h.keep)
            self._space(h.before)
            self.first_page = self.page
            self.mark(b.mark)
            for line in wrap(b.text, self.bold_font, h.size, self.width,
                             ligatures=st.ligatures):
                self.y -= h.line or h.size * (h.leading or st.leading)
                self._note_printed(line)
                self.draw(self.x, self.y, line, self.bold_font, h.size)
            if b.chapter and b.text not in dict(self.chapters):
                self.chapters.append((b.text, self.first_page))
            self.y -= h.after
            return
        size = b.font_size or st.size
        if b.kind == "para":
            if not b.tight:
                self._space(st.before_points)
            font = self.bold_font if b.bold else self.font
            last = self._set(self.wrap(b.text, font, size, self.width), font, size, 0.0, b.mark)
            if b.note:
                self._note_mark(last, b.note)
            return
        indent, leading = self._indent(b), size * st.leading
        lines = self.wrap(b.text, self.font, size, self.width - indent)
        self.need(leading * min(len(lines), st.orphans))
        self._space(st.before_points)
        self.y -= leading
        self.first_page = self.page
        self.mark(b.mark)
        gap = indent - st.marker_gap if st.marker_gap is not None else 0.0
        self.draw(self.x + gap, self.y, b.marker, self.bold_font if st.marker_bold else self.font,
                  size)
        self.y += leading
        self._set(lines, self.font, size, indent, None)

    def _space(self, points: float) -> None:
        if self.y < self.col_top:
            self.y -= points

    def _set(self, lines: list[str], font: str, size: float, indent: float, mark: Mark) -> str:
        """Lines from the cursor down, each checked, justified if the style says (all but
        the last); a ``mark`` goes on the first; returns the last."""
        st, leading = self.style, size * self.style.leading
        for i, line in enumerate(lines):
            self.need(leading)
            if mark is not None and i == 0:
                self.first_page = self.page
                self.mark(mark)
            self.y -= leading
            gaps = 0.0
            if st.justify and i < len(lines) - 1 and " " in line:
                spare = self.width - indent - self.text_width(line, font, size)
                gaps = max(0.0, spare / line.count(" "))
                gaps = gaps if gaps <= 5.0 else 0.0      # a typesetter would not stretch more
            self._note_printed(line)
            self.draw(self.x + indent, self.y, line, font, size, gaps=gaps)
        return lines[-1] if lines else ""

    def _framed(self, b: Block) -> None:
        """The blocks, then a ruled frame around them if they stayed on this page in one
        column, and space below it."""
        top, page = self.y, self.page
        for block in b.parts[0]:
            self.add(block)
        if self.page != page or self.ncols != 1:
            return
        rect = (self.x - 8, self.y - 8, self.width + 16, top - self.y + 4)
        if self.page_ops is not None:
            self.page_ops.append(("rect", *rect))
        else:
            self._rect(*rect)
        self._space(b.points)

    def _table(self, b: Block) -> None:
        ts = self.style.table
        base = self.size[0] - 2 * self.style.margin if ts.full_width else self.width
        shares = b.widths or ts.widths
        if len(shares) != len(b.rows[0]):
            shares = (shares[0],) + ((1 - shares[0]) / (len(b.rows[0]) - 1),) * (
                len(b.rows[0]) - 1)
        widths = [base * s for s in shares]
        head = self.bold_font if ts.bold_header else self.font
        if ts.repeat_header and len(b.rows) > 1:
            self.need(self._row_height(b.rows[0], head, widths)
                      + self._row_height(b.rows[1], self.font, widths))
        for i, (cells, mark) in enumerate(zip(b.rows, b.row_marks)):
            overflow = (ts.repeat_header and i > 0 and
                        self.y - self._row_height(cells, self.font, widths) < self.style.bottom)
            if (b.split_at and i == b.split_at) or overflow:
                self.start()
                self._row(b.rows[0], head, widths, None)
            self._row(cells, head if i == 0 else self.font, widths, mark)
        self.y -= ts.after

    def _interleaved(self, b: Block) -> None:
        """Each part in its own column from here, held back and then drawn a row at a time
        (highest first, left to right within a row)."""
        ncols, top, self.held, ends = self.ncols, self.y, [], []
        self.ncols = b.columns
        for self.col, part in enumerate(b.parts):
            self.y = top
            for block in part:
                self.add(block)
            ends.append(self.y)
        held, self.held = self.held, None
        for y, col, x, text, font, size, align, gaps in sorted(held,
                                                               key=lambda op: (-op[0], op[1])):
            self.draw(x, y, text, font, size, align, gaps)
        self.ncols, self.col, self.y = ncols, 0, min(ends)

    def _row_height(self, cells: tuple[str, ...], font: str, widths: list[float]) -> float:
        ts = self.style.table
        return max(len(self.wrap(cell, font, ts.size, w - 2 * ts.inset))
                   for cell, w in zip(cells, widths)) * ts.line + ts.pad

    def _row(self, cells: tuple[str, ...], font: str, widths: list[float], mark: Mark) -> None:
        ts = self.style.table
        wrapped = [self.wrap(cell, font, ts.size, w - 2 * ts.inset)
                   for cell, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped) * ts.line + ts.pad
        self.need(height)
        self.mark(mark)
        top = self.y
        x = self.style.margin if ts.full_width else self.x
        if ts.rules == "lines":
            self._row_lines(x, widths, top, height)
        for lines, w in zip(wrapped, widths):
            for k, line in enumerate(lines):
                self.draw(x + ts.inset, top - ts.drop - (k + 1) * ts.line, line, font, ts.size)
            if ts.rules == "cells":
                self.c.rect(x, top - height, w, height)
            x += w
        self.y = top - height

    def _row_lines(self, left: float, widths: list[float], top: float, height: float) -> None:
        """A row's edges as separate strokes: its top and bottom, then each column edge."""
        edges = [left]
        for w in widths:
            edges.append(edges[-1] + w)
        self.c.setLineWidth(0.5)
        for y in (top, top - height):
            self.c.line(left, y, edges[-1], y)
        for x in edges:
            self.c.line(x, top, x, top - height)

    def _box(self, b: Block) -> None:
        width = self.width * 0.62
        lines = self.wrap(b.text, self.font, 10, width - 24)
        height = 14 + 16 + len(lines) * 13.5 + 10
        self.need(height + 8)
        top = self.y - 6
        self.c.setFillGray(0.88)
        self.c.rect(self.x, top - height, width, height, stroke=0, fill=1)
        self.c.setFillGray(0)
        y = top - 22
        self.draw(self.x + 12, y, b.note, self.bold_font, 11)
        y -= 6
        self.mark(b.mark)
        for line in lines:
            y -= 13.5
            self.draw(self.x + 12, y, line, self.font, 10)
        self.y = top - height - 14

    def _contents(self, b: Block) -> None:
        size, pages, printed = b.font_size, dict(self.known), dict(b.rows)
        dot = pdfmetrics.stringWidth(".", self.font, size)
        for name in b.names:
            self.need(size * 1.8)
            self.y -= size * 1.8
            number = printed.get(name) or str(pages.get(name, 0))
            left = self.text_width(name, self.font, size) + 6
            right = pdfmetrics.stringWidth(number, self.font, size) + 6
            dots = "." * max(3, int((self.width - left - right) / dot))
            self.draw(self.x, self.y, f"{name} {dots}", self.font, size)
            self.draw(self.x + self.width, self.y, number, self.font, size, align="right")

    def _note_mark(self, last_line: str, note: str) -> None:
        number = str(self.next_note)
        self.next_note += 1
        end = self.x + pdfmetrics.stringWidth(last_line, self.font, self.style.size) + 1
        self.draw(end, self.y + 5, number, self.font, 6)
        self.notes.append((number, note))

    def _footnotes(self) -> None:
        margin = self.style.margin
        self.c.setLineWidth(0.5)
        self.c.line(margin, 78, margin + 120, 78)
        y = 66.0
        for number, text in self.notes:
            self.draw(margin, y + 3, number, self.font, 6)
            self.draw(margin + 8, y, text, self.font, 8)
            y -= 11
        self.notes = []


Body = list[Block] | Callable[[Writer], None]


class _Unseen:
    """A canvas that draws nothing: a pass whose bytes nobody keeps only lays out."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


def render(style: Style, blocks: Body, *, title: str, author: str = "HMICFRS",
           front: Draw | None = None, back: Draw | None = None, passes: int = 1,
           first_note: int = 1, encrypt: str | None = None) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks. ``front`` draws page 1 (a cover, without the style's
    header) and may start more pages (contents from ``Writer.known``); the body follows on
    a new page (without a front, on page 1 under the header); ``back``
    draws after it. With ``passes=2`` the second pass knows the page total and chapters
    (and must paginate as the first did; the first only lays out). ``encrypt``: a user
    password (RC4, as reportlab writes it)."""
    register_fonts()
    total, known, first_marks = 0, [], None
    for _ in range(passes - 1):
        w = _pass(style, blocks, _Unseen(), front, back, total, known, first_note)
        if first_marks is not None and (w.marks, w.page) != (first_marks, total):
            raise RuntimeError(f"unstable pagination in {title!r}")
        total, known, first_marks = w.page, w.chapters, w.marks
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=style.pagesize, invariant=1, encrypt=encrypt)
    c.setTitle(title)
    c.setAuthor(author)
    w = _pass(style, blocks, c, front, back, total, known, first_note)
    c.save()
    if first_marks is not None and (w.marks, w.page) != (first_marks, total):
        raise RuntimeError(f"unstable pagination in {title!r}")
    return buf.getvalue(), w.marks


def lay_out(style: Style, blocks: Body, *, front: Draw | None = None,
            back: Draw | None = None) -> tuple[int, Marks]:
    """The page count and marks of one pass, nothing drawn (to size a document)."""
    register_fonts()
    w = _pass(style, blocks, _Unseen(), front, back, 0, [], 1)
    return w.page, w.marks


def _pass(style: Style, blocks: Body, c: canvas.Canvas | _Unseen, front: Draw | None,
          back: Draw | None, total: int, known: list[tuple[str, int]],
          first_note: int) -> Writer:
    w = Writer(c, style, total=total, known=known, size=style.pagesize,  # type: ignore[arg-type]
               ncols=style.columns, next_note=first_note,
               page_ops=None if style.text_order == "normal" else [])
    w.y = w.col_top = w.top
    if front:
        front(w)
        w.start()
    elif style.header:
        style.header(w)
    for b in (blocks if isinstance(blocks, list) else []):
        w.add(b)
    if callable(blocks):
        blocks(w)
    if back:
        back(w)
    w.finish_page()
    c.showPage()
    return w
