"""Ruled tables on one page through pdfium: the rules the page draws, the tables they
make (one ``PdfLine`` per row, with its cells), and the piece of a table that a page
break cut off. ``reader`` is the page's ``extractors.pdf.lines.PageReader``."""
from __future__ import annotations

import ctypes
from typing import Iterable

from extractors.pdf.document import PdfLine
from extractors.pdf.words import Vocabulary, join_lines, printed_lines

Rule = tuple[float, float, float]   # (y, x0, x1) across, (x, top, bottom) down


def page_rules(reader) -> tuple[list[Rule], list[Rule]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules, top-down coordinates."""
    c = reader.c
    hs, vs = [], []
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    for i in range(c.FPDFPage_CountObjects(reader.page.raw)):
        obj = c.FPDFPage_GetObject(reader.page.raw, i)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH:
            continue
        if not c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            continue
        x0, x1 = l.value, r.value
        top, bottom = reader.height - t.value, reader.height - b.value
        if bottom - top <= 3 and x1 - x0 > 10:
            hs.append(((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= 3 and bottom - top > 10:
            vs.append(((x0 + x1) / 2, top, bottom))
        elif x1 - x0 > 10 and bottom - top > 10:
            hs += [(top, x0, x1), (bottom, x0, x1)]
            vs += [(x0, top, bottom), (x1, top, bottom)]
    return hs, vs


def looks_ruled(reader, carried: list[float] | None = None) -> bool:
    """Whether the page's drawn lines may rule a table: four paths or more (rules drawn
    line by line, a grid), or fewer that ``ruled_tables`` reads as a table: rows boxed one
    box a row, or one row a page break left on its own (at the foot of a page, or at the
    head under the ``carried`` column edges). A lone rule, or a box round a panel of
    text, is not: such a page keeps the plain line order."""
    paths = reader.count_paths(4)
    return paths >= 4 or (paths > 0 and bool(ruled_tables(reader, carried)[0]))


def ruled_tables(reader, carried: list[float] | None = None
                 ) -> tuple[list[tuple[tuple[float, float, float, float], list[PdfLine]]], bool]:
    """Ruled tables as (bbox, rows with cells); and whether rules looked like a table
    that could not be read. A one-cell box counts as a table only when it is a table's
    piece that a page break cut off: a one-line row left at the foot of a page, or a
    box at the head of a page under the same column edges (``carried``) as a table
    that ran off the page before."""
    hs, vs = page_rules(reader)
    found, unread = [], False
    for group in overlapping_rules(vs):
        xs = distinct_values(v[0] for v in group)
        top, bottom = min(v[1] for v in group), max(v[2] for v in group)
        ys = distinct_values(h[0] for h in hs if top - 2 <= h[0] <= bottom + 2
                             and h[1] < xs[-1] and h[2] > xs[0])
        if len(xs) < 2 or len(ys) < 2:
            continue
        if len(ys) < 3 and len(xs) < 3 and not (
                _stranded_row(reader, xs, ys) or _carried_row(reader, xs, ys, carried)):
            continue                     # a box round text, not a table
        rows = []
        for y0, y1 in zip(ys, ys[1:]):
            cells = tuple(_cell_text(reader, x0, y0, x1, y1) for x0, x1 in zip(xs, xs[1:]))
            if any(cells):
                rows.append(PdfLine(" ".join(c for c in cells if c), xs[0], xs[-1], y0, y1,
                                    0.0, False, cells))
        if rows:
            found.append(((xs[0], ys[0], xs[-1], ys[-1]), rows))
        else:
            unread = True
    return found, unread


def _stranded_row(reader, xs: list[float], ys: list[float]) -> bool:
    """A one-cell, one-line box with no body text below it: a table's first row that
    a page break separated from the rest."""
    raw = reader.textpage.get_text_bounded(xs[0], reader.height - ys[1], xs[1],
                                         reader.height - ys[0]).strip()
    if not raw or "\n" in raw or "\r" in raw:
        return False
    below = [ln for ln in reader.lines() if ln.top > ys[1] and ln.top < 0.88 * reader.height]
    return not below


def _carried_row(reader, xs: list[float], ys: list[float], carried: list[float] | None) -> bool:
    if not carried or len(carried) != len(xs) or any(
            abs(a - b) > 2 for a, b in zip(carried, xs)):
        return False
    return not [ln for ln in reader.lines()
                if ln.bottom < ys[0] and ln.top > 0.12 * reader.height]


def _cell_text(reader, x0: float, top: float, x1: float, bottom: float) -> str:
    raw = reader.textpage.get_text_bounded(x0, reader.height - bottom, x1, reader.height - top)
    return join_lines(printed_lines(raw), Vocabulary())


def column_edges(reader, x0: float, bottom: float) -> list[float]:
    """The x of the vertical rules of the table that ends at ``bottom``."""
    _, vs = page_rules(reader)
    return distinct_values(v[0] for v in vs if abs(v[2] - bottom) <= 2 and v[0] >= x0 - 2)


def distinct_values(values: Iterable[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def overlapping_rules(vs: list[Rule]) -> list[list[Rule]]:
    """Vertical rules grouped by overlapping extent: one group per table."""
    groups: list[list[Rule]] = []
    for rule in sorted(vs, key=lambda v: v[1]):
        if groups and rule[1] <= max(v[2] for v in groups[-1]) + 2:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups
