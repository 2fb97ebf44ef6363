"""How the WordPress replica prints its PDFs (tests/pdf_writer.py lays them out).

Layout: a cover (page 1), an imprint page carrying "Published: <date>" (page 2), then
the body. Body pages print their physical page number in the top-right corner and
their footnotes (numbered from 12) at the foot, under a short rule. Recommendations sit in
shaded boxes headed "Recommendation", narrower than the text column so they wrap over many
lines. Tables can be split across pages with the header row repeated.
"""
from __future__ import annotations

from tests import pdf_layout
from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import A4, BOLD, REGULAR, Block, Heading, Marks

W, H = A4
MARGIN = 62.0


def _header(w: Writer) -> None:
    if w.page > 2:
        w.draw(W - MARGIN, H - 42, str(w.page), REGULAR, 9, align="right")


STYLE = pdf.Style(margin=MARGIN, top=88, bottom=96, size=10, leading=1.4, after=0.8,
                  orphans=2, headings=(Heading(15, 8, 40), Heading(11.5, 4, 30)),
                  table=pdf.TableStyle(size=10, line=13, pad=10, inset=6, drop=3, after=12,
                                       widths=(0.68, 0.32)),
                  header=_header)


def render(title: str, subtitle: str, imprint: list[str],
           blocks: list[Block]) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks: cover, imprint page, then ``blocks`` from page 3."""
    def front(w: Writer) -> None:
        y = H - 250
        for line in pdf.wrap(title, BOLD, 22, W - 2 * MARGIN):
            w.draw(MARGIN, y, line, BOLD, 22)
            y -= 28
        w.draw(MARGIN, y - 16, subtitle, REGULAR, 13)
        w.start()
        y = 260.0
        for line in imprint:
            w.draw(MARGIN, y, line, REGULAR, 9)
            y -= 14
    return pdf_layout.render(STYLE, blocks, title=title, front=front, first_note=12,
                      author="HM Inspectorate of Constabulary and Fire & Rescue Services")
