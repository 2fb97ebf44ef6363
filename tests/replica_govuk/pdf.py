"""How the GOV.UK-like replica prints its report PDFs (tests/pdf_writer.py lays them out).

Every page after the cover has a running header (short title on the left, "OFFICIAL" on
the right) and a centred "Page n of N" footer; a contents page lists the level-1 headings
with their real pages (two passes).
"""
from __future__ import annotations

from tests import pdf_layout
from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import A4, BOLD, REGULAR, Block, Heading, Marks, TableStyle

TEXT_WIDTH = A4[0] - 140.0


def _footer(w: Writer) -> None:
    if w.page > 1:
        w.draw(A4[0] / 2, 45, f"Page {w.page} of {w.total or '?'}", REGULAR, 8, align="centre")


def style(short: str) -> pdf.Style:
    """The house style, with ``short`` as the running header."""
    def header(w: Writer) -> None:
        w.draw(70, A4[1] - 50, short, REGULAR, 8)
        w.draw(A4[0] - 70, A4[1] - 50, "OFFICIAL", REGULAR, 8, align="right")
    return pdf.Style(margin=70, top=90, bottom=80, size=10.5, leading=1.4, after=0.6,
                     orphans=2, headings=(Heading(16, 8, 40), Heading(12, 4, 30)),
                     item_indent=22, bullet_indent=22, marker_gap=20,
                     table=TableStyle(size=10, line=14, pad=8, inset=5, drop=1, after=10,
                                      widths=(300 / TEXT_WIDTH, 150 / TEXT_WIDTH)),
                     header=header, footer=_footer)


def render(title: str, short: str, cover_lines: list[str], blocks: list[Block],
           contents: bool = True) -> tuple[bytes, Marks]:
    """The PDF bytes and page marks: a cover, a contents page (level-1 headings), blocks."""
    def front(w: Writer) -> None:
        w.draw(70, A4[1] - 80, "His Majesty\u2019s Inspectorate of Constabulary", BOLD, 12)
        w.draw(70, A4[1] - 96, "and Fire & Rescue Services", BOLD, 12)
        y = A4[1] - 250
        for line in pdf.wrap(title, BOLD, 22, TEXT_WIDTH):
            w.draw(70, y, line, BOLD, 22)
            y -= 28
        y -= 16
        for line in cover_lines:
            w.draw(70, y, line, REGULAR, 13)
            y -= 20
        if contents:
            w.start()
            w.lines("Contents", BOLD, 16)
            w.space_after(16)
            pages = dict(w.known)
            for name in [b.text for b in blocks if b.kind == "heading" and b.chapter]:
                w.y -= 18
                w.draw(70, w.y, name, REGULAR, 11)
                w.draw(A4[0] - 70, w.y, str(pages.get(name, 0)), REGULAR, 11, align="right")
    return pdf_layout.render(style(short), blocks, title=title, front=front, passes=2)


def section(text: str) -> Block:
    """A level-1 heading listed on the contents page."""
    return pdf.heading(text, 1, chapter=True)


def welsh_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A short Welsh-language version (no findings the pipeline should store)."""
    data, _ = render(title, title[:60], ["Gorffennaf 2022"],
                     [section("Crynodeb")] + [pdf.para(p) for p in paragraphs], contents=False)
    return data
