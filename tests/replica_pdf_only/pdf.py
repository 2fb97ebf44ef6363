"""How the PDF-only replica prints its reports, like HMICFRS PDFs (tests/pdf_writer.py lays
them out).

A cover (page 1) with the title and a month or a full date, optionally a contents page
with dot leaders, then body pages that carry a running header (the short title over a
rule) and a centred page-number footer. Text flows in one column or, for some reports,
in two columns on every body page. Chapters start a page; bold label lines
("Recommendation 1", "Cause of concern") are level-3 headings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tests import pdf_layout
from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import A4, BOLD, REGULAR, Block, Heading, Mark, Marks

W, H = A4
MARGIN = 56.0


def chapter(text: str) -> Block:
    """A chapter heading (16 pt bold) that starts a new page; its page goes in contents."""
    return pdf.heading(text, 1, chapter=True)


def label(text: str, mark: Mark = None) -> Block:
    """A bold body-size line such as "Recommendation 1" or "Cause of concern"."""
    return pdf.heading(text, 3, mark=mark)


@dataclass
class Layout:
    """What the cover, header and contents say."""

    title: str
    running: str
    cover_date: str
    back: list[str] = field(default_factory=list)
    contents: bool = False
    columns: int = 1


def _style(layout: Layout) -> pdf.Style:
    def furniture(w: Writer) -> None:
        """Running header over a rule, and the page number centred at the foot."""
        w.c.setFillGray(0.35)
        w.draw(MARGIN, H - 40, layout.running, REGULAR, 8)
        w.c.setLineWidth(0.4)
        w.c.line(MARGIN, H - 46, W - MARGIN, H - 46)
        w.draw(W / 2, 34, str(w.page), REGULAR, 8, align="centre")
        w.c.setFillGray(0)
    return pdf.Style(margin=MARGIN, top=78, bottom=64, gutter=22, columns=layout.columns,
                     size=10, leading=1.35, after=0.7, orphans=1,
                     headings=(Heading(16, 0, 40, after=6, starts_page=True),
                               Heading(12.5, 6, 36), Heading(10, 2, 27)),
                     bullet_indent=14, item_indent=18,
                     table=pdf.TableStyle(size=9.5, line=12.5, pad=8, inset=5, drop=2,
                                          after=12, widths=(0.7, 0.3)),
                     header=furniture)


def render(layout: Layout, blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and marks; a contents page (if any) lists the chapters' real pages."""
    def front(w: Writer) -> None:
        w.c.setFillColorRGB(0.12, 0.2, 0.36)
        w.c.rect(0, H - 120, W, 120, stroke=0, fill=1)
        w.c.setFillGray(1)
        w.draw(MARGIN, H - 70, "HM Inspectorate of Constabulary and", BOLD, 12)
        w.draw(MARGIN, H - 86, "Fire & Rescue Services", BOLD, 12)
        w.c.setFillGray(0)
        y = H - 280
        for line in pdf.wrap(layout.title, BOLD, 24, W - 2 * MARGIN):
            w.draw(MARGIN, y, line, BOLD, 24)
            y -= 30
        w.draw(MARGIN, y - 20, layout.cover_date, REGULAR, 13)
        if layout.contents:
            w.start()
            w.draw(MARGIN, w.top - 16, "Contents", BOLD, 16)
            w.y = w.top - 32
            w.add(pdf.contents(w.known, size=10.5))

    def back(w: Writer) -> None:
        if layout.back:
            w.start()
            y = 200.0
            for line in layout.back:
                w.draw(MARGIN, y, line, REGULAR, 9)
                y -= 14
    return pdf_layout.render(_style(layout), blocks, title=layout.title, front=front, back=back,
                             passes=2 if layout.contents else 1)

