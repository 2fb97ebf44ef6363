"""How the two-column replica prints its PDFs (tests/pdf_writer.py lays them out).

A cover, then portrait pages in one column; ``columns()`` and ``landscape_page()`` switch to
two columns or a landscape page. Every page after the cover carries the running footer
"HMICFRS | Page n of N" (two passes, so N is real).
"""
from __future__ import annotations

from tests import pdf_layout
from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import A4, BOLD, LANDSCAPE_A4, REGULAR, Block, Heading, Marks

MARGIN = 60.0


def _footer(w: Writer) -> None:
    if w.page > 1:
        w.draw(w.size[0] - MARGIN, 40, f"HMICFRS | Page {w.page} of {w.total or '?'}",
               REGULAR, 8, align="right")


STYLE = pdf.Style(margin=MARGIN, top=70, bottom=75, gutter=24, size=10, leading=1.35,
                  after=0.7, orphans=3, headings=(Heading(15, 6, 40), Heading(11.5, 3, 28)),
                  bullet_indent=16, marker_gap=14,
                  table=pdf.TableStyle(size=10, line=13, pad=10, inset=6, drop=3, after=12,
                                       widths=(0.6, 0.4), full_width=True),
                  footer=_footer)


def columns() -> Block:
    """From here, a new page set in two columns."""
    return pdf.new_page(A4, 2)


def single() -> Block:
    """From here, a new portrait page in one column."""
    return pdf.new_page(A4, 1)


def landscape_page() -> Block:
    """From here, a new landscape page in one column."""
    return pdf.new_page(LANDSCAPE_A4, 1)


def render(title: str, cover_lines: list[str], blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks. The body starts on page 2, portrait, one column."""
    def front(w: Writer) -> None:
        w.draw(MARGIN, A4[1] - 70, "HMICFRS", BOLD, 11)
        y = A4[1] - 260
        for line in pdf.wrap(title, BOLD, 24, A4[0] - 2 * MARGIN):
            w.draw(MARGIN, y, line, BOLD, 24)
            y -= 30
        for line in cover_lines:
            y -= 22
            w.draw(MARGIN, y, line, REGULAR, 13)
    return pdf_layout.render(STYLE, blocks, title=title, front=front, passes=2)
