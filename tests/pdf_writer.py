"""The one way tests write PDFs: the vocabulary and the house styles (tests/pdf_layout.py
lays the blocks out on a reportlab canvas and returns the bytes).

Vocabulary (each returns a `Block`): ``heading`` (a level the style has, 1-3 by default;
``chapter=True`` is listed for a contents page), ``para`` (optionally bold, another size,
with a footnote), ``item`` (a numbered or lettered item with a hanging indent), ``bullet``,
``margin_number`` (a number in the left margin), ``table`` (ruled, wrapping cells, may split
over pages), ``box`` (a shaded box with a bold title), ``contents`` (chapters with dot
leaders to their pages, or to pages given), ``page_break``, ``new_page`` (another page size
or number of columns: two columns, landscape), ``columns`` (more columns from the current
height), ``interleaved`` (columns drawn row by row across all of them, the worst reading
order), ``framed`` (a ruled frame around blocks that stay on one page), ``room`` (move down
to force a split at a page foot). A newline in a text forces a line break there (a word
split by hand, "recom-" over "mendation").
A `Style` says how a house prints them: page size, margins, fonts, sizes, spacing, header
and footer, ligature glyphs, hyphenated line ends, justified lines, how tables are ruled,
whether space goes after blocks or before them, the order the text layer holds the text in
(glyph by glyph, lines reversed or shuffled: a text layer out of reading order). Marks are the
physical 1-based page on which each marked block's first line is printed, so ground truth
follows the layout.

Fonts: Bitstream Vera and Vera Bold, embedded TrueType fonts that reportlab itself ships
(reportlab/fonts/Vera*.ttf), so a fresh machine needs nothing else; they have the fi and fl
ligatures, curly quotes and the bullet. A style may print in Helvetica instead
(``fonts=("Helvetica", "Helvetica-Bold")``, standard Type 1, not embedded), and
furniture may draw in any font. ``render(..., encrypt=password)`` writes an encrypted PDF.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

if TYPE_CHECKING:
    from tests.pdf_layout import Writer

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


def glyphs(text: str, ligatures: bool) -> str:
    """What is drawn for ``text``: "fi" and "fl" as ligature glyphs if asked (as DTP does)."""
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02") if ligatures else text


def wrap(text: str, font: str, size: float, width: float, *, ligatures: bool = False,
         hyphenate: bool | Collection[str] = False) -> list[str]:
    """Words of ``text`` in lines no wider than ``width`` as drawn (a long word stands
    alone); ``hyphenate`` splits a long lower-case word at a syllable-like point, or (a
    collection of words) a word of 9 or more letters that is in it, at the longest head that
    fits; a newline always ends a line."""
    if "\n" in text:
        return [line for part in text.split("\n")
                for line in wrap(part, font, size, width, ligatures=ligatures,
                                 hyphenate=hyphenate)]

    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(glyphs(line, ligatures), font, size) <= width
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if fits(trial) or not line:
            line = trial
            continue
        split = (_known_split(word, line, fits, hyphenate) if isinstance(hyphenate, Collection)
                 else _hyphen_split(word, line, fits) if hyphenate else None)
        if split:
            lines.append(f"{line} {split[0]}-")
            line = split[1]
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


VOWELS = set("aeiouy")


def _hyphen_split(word: str, line: str, fits: Callable[[str], bool]) -> tuple[str, str] | None:
    core = word.rstrip(".,;:")
    if len(core) < 8 or not core.isalpha() or not core.islower():
        return None
    ends = [k for k in range(len(core) - 3, 3, -1) if fits(f"{line} {word[:k]}-")]
    between_consonants = [k for k in ends if core[k - 1] not in VOWELS and core[k] not in VOWELS
                          and core[k - 2] in VOWELS and core[k + 1] in VOWELS]
    after_vowel = [k for k in ends if core[k - 1] in VOWELS and core[k] not in VOWELS]
    for k in between_consonants or after_vowel:
        return word[:k], word[k:]
    return None


def _known_split(word: str, line: str, fits: Callable[[str], bool],
                 known: Collection[str]) -> tuple[str, str] | None:
    """A word the document has printed before (so a reader can learn it) split at the
    longest head of 4 or more letters that fits, leaving 4 or more."""
    if not (word.isalpha() and len(word) >= 9 and word.lower() in known):
        return None
    for k in range(len(word) - 4, 3, -1):
        if fits(f"{line} {word[:k]}-"):
            return word[:k], word[k:]
    return None


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
    font_size: float = 0.0              # para, item, bullet: instead of the style's size
    bold: bool = False                  # para: in bold
    tight: bool = False                 # para: no space between it and the block before
    names: tuple[str, ...] = ()         # contents: the chapters listed
    parts: tuple[tuple[Block, ...], ...] = ()   # interleaved: each column's blocks; framed


def heading(text: str, level: int = 1, mark: Mark = None, chapter: bool = False) -> Block:
    """A bold heading; a chapter is listed (with its page) for a contents page."""
    return Block("heading", text, mark=mark, level=level, chapter=chapter)


def para(text: str, mark: Mark = None, footnote: str = "", *, bold: bool = False,
         size: float = 0.0, tight: bool = False) -> Block:
    """A wrapped paragraph; a footnote puts a superscript number after it, the note below;
    ``tight``: set close under the block before (a label's text), in a style that puts
    space before blocks."""
    return Block("para", text, mark=mark, note=footnote, bold=bold, font_size=size,
                 tight=tight)


def item(marker: str, text: str, mark: Mark = None, *, size: float = 0.0) -> Block:
    """A numbered or lettered item ("1.", "a)", "R1") with a hanging indent."""
    return Block("item", text, mark=mark, marker=marker, font_size=size)


def bullet(text: str, mark: Mark = None, marker: str = "\u2022", *, size: float = 0.0) -> Block:
    """A bulleted item with a hanging indent."""
    return Block("bullet", text, mark=mark, marker=marker, font_size=size)


def margin_number(number: int | str, text: str, mark: Mark = None) -> Block:
    """A paragraph with its number printed in the left margin."""
    return Block("margin", text, mark=mark, marker=str(number))


def table(rows: list[tuple[str, ...]], marks: list[Mark], widths: tuple[float, ...] = (),
          split_at: int = 0, header: Mark = None) -> Block:
    """A ruled table; the first row is the header (bold unless the style says not; marked
    ``header``), repeated if ``split_at`` splits it; ``marks`` mark the body rows."""
    return Block("table", rows=tuple(rows), row_marks=(header, *marks), widths=widths,
                 split_at=split_at)


def box(title: str, text: str, mark: Mark = None) -> Block:
    """A shaded box: a bold title line, then the wrapped text."""
    return Block("box", text, mark=mark, note=title)


def contents(names: list[str | tuple[str, int]], size: float = 11.0) -> Block:
    """A contents list: each chapter, dot leaders, its page right-aligned (pages from the
    previous pass, so render with ``passes=2``; 0 in the first). A (name, page) entry
    prints that page whatever the layout does (a contents page out of step with the text,
    or naming a chapter that is not there)."""
    named = [n if isinstance(n, str) else n[0] for n in names]
    printed = tuple((n[0], str(n[1])) for n in names if not isinstance(n, str))
    return Block("contents", names=tuple(named), rows=printed, font_size=size)


def page_break() -> Block:
    """Start a new page (nothing happens at the top of a fresh page)."""
    return Block("break")


def new_page(size: tuple[float, float] | None = None, columns: int = 0) -> Block:
    """From here, pages of ``size`` in ``columns`` columns (a fresh page of the same size is
    reused)."""
    return Block("page", size=size, columns=columns)


def columns(count: int, space: float = 0.0) -> Block:
    """From the current height (below the longest column on this page, less ``space``)
    down, ``count`` columns (the next page starts at its top)."""
    return Block("columns", columns=count, points=space)


def interleaved(*parts: list[Block]) -> Block:
    """From the current height, one column for each list of blocks (headings, paragraphs,
    items, bullets), drawn row by row across all of them as some DTP output does, so the
    content stream alternates between the columns; they must fit in what is left of the
    page. The cursor ends below the longest column."""
    return Block("interleaved", parts=tuple(tuple(p) for p in parts), columns=len(parts))


def framed(blocks: list[Block], space: float = 8.0) -> Block:
    """Blocks inside a ruled frame, drawn if they end on the page and in the single column
    they started in (else they are set without one), ``space`` below it."""
    return Block("framed", parts=(tuple(blocks),), points=space)


def room(points: float) -> Block:
    """Move down so that only ``points`` are left above the bottom margin (on a new page if
    fewer are left)."""
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
    leading: float = 0.0                # line height / size; 0: the style's
    before_at_top: bool = True          # False: no space before at the top of a page
    line: float = 0.0                   # line height in points, instead of ``leading``


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
    repeat_header: bool = False         # header kept with the first row, repeated on overflow
    bold_header: bool = True
    rules: Literal["cells", "lines", "none"] = "cells"   # a box a cell; each row's edges
                                        # as separate strokes; none (set by position alone)


@dataclass(frozen=True)
class Style:
    """Page geometry, fonts and spacing; ``header``/``footer`` draw each page's furniture."""

    pagesize: tuple[float, float] = A4
    fonts: tuple[str, str] = (REGULAR, BOLD)    # regular and bold (Helvetica: not embedded)
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
    ligatures: bool = False             # fi and fl drawn as ligature glyphs
    hyphenate: bool | Literal["printed"] = False  # long words split with a hyphen at line
                                        # ends ("printed": only words printed before)
    justify: bool = False               # lines but a paragraph's last spread to the width
    # space before blocks (``before_points``, a heading's ``before``), none at the top of a
    # column; a block's keep is made sure of before its space (see Writer.add_spaced)
    space_before: bool = False
    before_points: float = 0.0
    # the order the text layer holds each page's body text in (the style's furniture comes
    # first, in order), on ``order_pages`` (every page if ()): "glyphs" (each glyph its own
    # object, drawn last to first: still read forwards), "reversed" (from the foot up),
    # "shuffled" (lines in a random order seeded by ``order_seed`` and the page), "words"
    # (each line one text object whose words are drawn in a random order)
    text_order: Literal["normal", "glyphs", "reversed", "shuffled", "words"] = "normal"
    order_pages: tuple[int, ...] = ()
    order_seed: int = 0


Draw = Callable[["Writer"], None]


__all__ = ["A4", "BOLD", "LANDSCAPE_A4", "REGULAR", "Block", "Draw", "Heading", "Mark", "Marks",
           "Style", "TableStyle", "box", "bullet", "columns", "contents", "framed", "glyphs",
           "heading", "interleaved", "item", "margin_number", "new_page", "page_break", "para",
           "register_fonts", "room", "table", "wrap"]
