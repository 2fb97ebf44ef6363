"""How the main replica prints its report PDFs (tests/pdf_writer.py lays them out): A4,
Vera, a running header over a rule and a right-aligned footer from page 2, a cover with a
coloured band; some reports draw fi/fl as ligature glyphs or hyphenate long words at line
ends."""
from __future__ import annotations

from collections.abc import Collection

from reportlab.lib.pagesizes import A4

from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import BOLD, REGULAR, Heading

W, H = A4
LEFT, RIGHT = 72.0, A4[0] - 72.0
# headings: 15 pt chapters, 11.5 pt and 10.5 pt labels, kept with 3 / 2 / 2 lines of 14 pt
HEADINGS = (Heading(15, 8, 42, after=-1, leading=1.3, before_at_top=False),
            Heading(11.5, 8, 28, after=-1, leading=1.3, before_at_top=False),
            Heading(10.5, 8, 28, after=-1, leading=1.3, before_at_top=False))


def house_style(header: str, footer: str, features: Collection[str]) -> pdf.Style:
    def running_header(w: Writer) -> None:
        w.c.setFillGray(0.35)
        w.draw(LEFT, H - 48, header, REGULAR, 8)
        w.c.setStrokeGray(0.6)
        w.c.line(LEFT, H - 54, RIGHT, H - 54)
        w.c.setFillGray(0)

    def page_footer(w: Writer) -> None:
        if w.page > 1:
            w.c.setFillGray(0.35)
            w.draw(RIGHT, 48, footer.format(n=w.page, total=w.total or w.page), REGULAR, 8,
                   align="right")
            w.c.setFillGray(0)
    return pdf.Style(margin=LEFT, top=84, bottom=84, gutter=22, size=10.5, leading=1.35,
                     after_points=5, orphans=1, headings=HEADINGS, bullet_indent=14,
                     item_indent=18, marker_gap=16,
                     table=pdf.TableStyle(size=10, line=13.5, pad=8, inset=5, drop=2, after=8,
                                          widths=(300 / (W - 2 * LEFT), 140 / (W - 2 * LEFT)),
                                          repeat_header=True),
                     header=running_header, footer=page_footer,
                     ligatures="ligatures" in features, hyphenate="hyphenate" in features)


def house_cover(title: str, lines: list[str], size: float = 24) -> pdf.Draw:
    def cover(w: Writer) -> None:
        """A big title and a few lines under a coloured band; no header or footer."""
        c = w.c
        c.setFillColorRGB(0.05, 0.2, 0.4)
        c.rect(0, H - 150, W, 150, stroke=0, fill=1)
        c.setFillGray(1)
        w.draw(LEFT, H - 90, "HMICFRS", BOLD, 13)
        c.setFillGray(0)
        y = H - 260
        for line in w.wrap(title, BOLD, size, RIGHT - LEFT):
            w.draw(LEFT, y, line, BOLD, size)
            y -= size * 1.25
        y -= 20
        for line in lines:
            w.draw(LEFT, y, line, REGULAR, 13)
            y -= 20
    return cover
