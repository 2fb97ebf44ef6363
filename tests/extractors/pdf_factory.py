"""Untidy report PDFs for tests, drawn with reportlab's canvas.

What real reports do and this writer can do: a cover, a contents page with dot leaders,
a running header and a "Page n of N" or bare-number footer on every page but the cover,
paragraphs that flow over a page break, forced line breaks inside words ("recom-" /
"mendation") and at real hyphens ("crime-" / "recording"), curly quotes, the fi/fl
ligature characters U+FB01/U+FB02, bullet glyphs, numbered lists with hanging indents,
bold and larger headings, a two-column page drawn row by row across both columns (the
worst reading order), and ruled tables.

Fonts: Bitstream Vera, which reportlab itself ships (reportlab/fonts/Vera*.ttf), so it is
on every machine that has reportlab; it has the fi and fl ligatures, curly quotes and
the bullet. No font guaranteed on a fresh machine has U+FB00 (ff) or U+FB03 (ffi): those
two are covered by string-level tests of ``clean_pages`` instead. Helvetica (a standard
Type 1 font, not embedded) is used for some text so both font kinds are exercised.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from typing import Callable

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT_DIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
_REGISTERED = False


def register_fonts() -> None:
    """Register Vera and Vera Bold once (shipped inside the reportlab package)."""
    global _REGISTERED
    if _REGISTERED:
        return
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(_FONT_DIR, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", os.path.join(_FONT_DIR, "VeraBd.ttf")))
    _REGISTERED = True


def ligatures(text: str) -> str:
    """Print "fi" and "fl" as the ligature characters, as DTP software does."""
    return text.replace("fi", "\ufb01").replace("fl", "\ufb02")


@dataclass
class _Page:
    ops: list[tuple] = field(default_factory=list)
    furniture: bool = True


class ReportPdf:
    """Lays out a report top to bottom; ``build()`` returns the PDF bytes."""

    def __init__(self, header: str = "HMICFRS report", footer: str = "Page {n} of {total}",
                 body_font: str = "Vera", bold_font: str = "Vera-Bold", size: float = 10.5,
                 use_ligatures: bool = True, pagesize: tuple[float, float] = A4) -> None:
        register_fonts()
        self.header, self.footer = header, footer
        self.body_font, self.bold_font, self.size = body_font, bold_font, size
        self.use_ligatures = use_ligatures
        self.width, self.height = pagesize
        self.margin = 72.0
        self.leading = size * 1.35
        self.pages: list[_Page] = []
        self.y = 0.0
        self.started_on = 1          # page (1-based) where the last element's text began
        self.new_page()

    # ------------------------------------------------------------ pages and cursor
    def new_page(self, furniture: bool = True) -> None:
        self.pages.append(_Page(furniture=furniture))
        self.y = self.height - self.margin - 12

    def page_break(self) -> None:
        self.new_page()

    def space(self, lines: float = 1.0) -> None:
        self.y -= self.leading * lines

    def to_bottom(self, lines_left: int) -> None:
        """Move down so that only ``lines_left`` body lines fit on this page."""
        self.y = self.margin + 8 + self.leading * (lines_left - 1)

    def _need(self, height: float) -> None:
        if self.y - height < self.margin + 8:
            self.new_page()

    def _text(self, x: float, text: str, font: str, size: float) -> None:
        self.pages[-1].ops.append(("text", font, size, x, self.y, text))

    # ------------------------------------------------------------ elements
    def cover(self, title: str, lines: list[str]) -> None:
        """The cover: big title, then smaller lines (e.g. "Published: 28 August 2025")."""
        page = self.pages[-1]
        page.furniture = False
        self.y = self.height - 200
        for part in self._wrap(title, self.bold_font, 26, self.width - 2 * self.margin):
            self._text(self.margin, part, self.bold_font, 26)
            self.y -= 32
        self.y -= 20
        for line in lines:
            self._text(self.margin, line, "Helvetica", 12)
            self.y -= 18
        self.new_page()

    def contents(self, entries: list[tuple[str, int]]) -> None:
        self.heading("Contents", 1)
        for title, number in entries:
            self._need(self.leading)
            width = pdfmetrics.stringWidth(title, self.body_font, self.size)
            dots = "." * int((self.width - 2 * self.margin - width - 30) /
                             pdfmetrics.stringWidth(".", self.body_font, self.size))
            self._text(self.margin, f"{title} {dots}", self.body_font, self.size)
            self._text(self.width - self.margin - 14, str(number), self.body_font, self.size)
            self.y -= self.leading
        self.page_break()

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 18.0, 2: 14.0, 3: 12.0}.get(level, 12.0)
        self._need(size * 3)
        self.y -= size * 0.6
        self._text(self.margin, text, self.bold_font, size)
        self.y -= size * 1.3

    def bold(self, text: str) -> None:
        """A bold body-size line (a label such as "Recommendations")."""
        self._need(self.leading * 2)
        self._text(self.margin, text, self.bold_font, self.size)
        self.y -= self.leading * 1.4

    def para(self, text: str, font: str | None = None, indent: float = 0.0) -> None:
        """A wrapped paragraph; a newline in ``text`` forces a line break there."""
        font = font or self.body_font
        for i, line in enumerate(self._lines(text, font, self.width - 2 * self.margin - indent)):
            self._need(self.leading)
            if i == 0:
                self.started_on = len(self.pages)
            self._text(self.margin + indent, self._glyphs(line, font), font, self.size)
            self.y -= self.leading
        self.y -= self.leading * 0.6

    def item(self, text: str, marker: str = "\u2022", indent: float = 18.0,
             hang: float = 16.0, font: str | None = None) -> None:
        """A list item: marker at ``indent``, text (and its wrapped lines) at indent+hang."""
        font = font or self.body_font
        width = self.width - 2 * self.margin - indent - hang
        for i, line in enumerate(self._lines(text, font, width)):
            self._need(self.leading)
            if i == 0:
                self.started_on = len(self.pages)
                self._text(self.margin + indent, marker, font, self.size)
            self._text(self.margin + indent + hang, self._glyphs(line, font), font, self.size)
            self.y -= self.leading
        self.y -= self.leading * 0.3

    def two_columns(self, left: list[tuple[str, str]], right: list[tuple[str, str]]) -> None:
        """A page of two columns, drawn row by row across both (the worst stream order).

        Each column is a list of (style, text) with style "heading", "bold", "para" or
        "item".
        """
        self.new_page()
        self.started_on = len(self.pages)
        gutter = 24.0
        col_width = (self.width - 2 * self.margin - gutter) / 2
        columns = [self._column_rows(left, col_width), self._column_rows(right, col_width)]
        top = self.y
        for row in range(max(len(c) for c in columns)):
            for i, col in enumerate(columns):
                if row < len(col) and col[row] is not None:
                    font, size, dx, text = col[row]
                    x = self.margin + i * (col_width + gutter) + dx
                    self.pages[-1].ops.append(("text", font, size, x, top - row * self.leading,
                                               text))
        self.y = top - (max(len(c) for c in columns) + 1) * self.leading
        self.new_page()

    def _column_rows(self, content: list[tuple[str, str]], width: float) -> list:
        rows: list = []
        for style, text in content:
            if style == "heading":
                rows += [(self.bold_font, 12.0, 0.0, text), None]
            elif style == "bold":
                rows += [(self.bold_font, self.size, 0.0, text)]
            elif style == "item":
                for i, line in enumerate(self._lines(text, self.body_font, width - 14)):
                    if i == 0:
                        rows.append((self.body_font, self.size, 0.0,
                                     "\u2022  " + self._glyphs(line, self.body_font)))
                    else:
                        rows.append((self.body_font, self.size, 14.0, self._glyphs(line, self.body_font)))
            else:
                rows += [(self.body_font, self.size, 0.0, self._glyphs(line, self.body_font))
                         for line in self._lines(text, self.body_font, width)]
                rows.append(None)
        return rows

    def table(self, rows: list[list[str]], widths: list[float], bold_header: bool = True) -> None:
        """A ruled table; cell text wraps inside its column."""
        self.row_pages: list[int] = []
        x_edges = [self.margin]
        for w in widths:
            x_edges.append(x_edges[-1] + w)
        for r, cells in enumerate(rows):
            font = self.bold_font if r == 0 and bold_header else self.body_font
            wrapped = [self._lines(c, font, w - 8) for c, w in zip(cells, widths)]
            height = max(len(w) for w in wrapped) * self.leading + 6
            self._need(height)
            self.started_on = len(self.pages)
            self.row_pages.append(self.started_on)
            top = self.y + self.leading - 2
            ops = self.pages[-1].ops
            ops.append(("line", x_edges[0], top, x_edges[-1], top))
            ops.append(("line", x_edges[0], top - height, x_edges[-1], top - height))
            for x in x_edges:
                ops.append(("line", x, top, x, top - height))
            for i, lines in enumerate(wrapped):
                for k, line in enumerate(lines):
                    ops.append(("text", font, self.size, x_edges[i] + 4,
                                self.y - 2 - k * self.leading, self._glyphs(line, font)))
            self.y -= height
        self.y -= self.leading

    # ------------------------------------------------------------ text helpers
    def _glyphs(self, text: str, font: str) -> str:
        return ligatures(text) if self.use_ligatures and font.startswith("Vera") else text

    def _lines(self, text: str, font: str, width: float) -> list[str]:
        out: list[str] = []
        for chunk in text.split("\n"):
            out += self._wrap(chunk, font, self.size, width)
        return out

    @staticmethod
    def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if current and pdfmetrics.stringWidth(trial, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines

    # ------------------------------------------------------------ output
    def build(self, title: str | None = None,
              furniture: Callable[[canvas.Canvas, int, int], None] | None = None) -> bytes:
        """Draw every page (header, footer, content) and return the PDF bytes."""
        if self.pages and not self.pages[-1].ops and len(self.pages) > 1:
            self.pages.pop()
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(self.width, self.height))
        if title:
            c.setTitle(title)
        total = len(self.pages)
        for n, page in enumerate(self.pages, start=1):
            if page.furniture:
                (furniture or self._furniture)(c, n, total)
            for op in page.ops:
                if op[0] == "text":
                    _, font, size, x, y, text = op
                    c.setFont(font, size)
                    c.drawString(x, y, text)
                else:
                    c.setLineWidth(0.5)
                    c.line(*op[1:])
            c.showPage()
        c.save()
        return buf.getvalue()

    def _furniture(self, c: canvas.Canvas, n: int, total: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(self.margin, self.height - 40, self.header)
        footer = self.footer.format(n=n, total=total)
        c.drawCentredString(self.width / 2, 36, footer)


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first ``keep`` share of a PDF's bytes, as an interrupted download leaves it."""
    return data[: int(len(data) * keep)]


def corrupt(data: bytes) -> bytes:
    """A PDF whose header and end marker survive but whose body is overwritten with junk."""
    return data[:20] + bytes((b * 7 + 13) % 256 for b in data[20:-40]) + data[-40:]


# ---------------------------------------------------------------- report recipes

SEED_TITLE = "How effectively do the police record crime?"
SEED_RECOMMENDATIONS = [
    "Forces need to improve their recording of all violent crime, in particular conduct "
    "crimes such as harassment, stalking and controlling or coercive behaviour, and less "
    "serious assaults.",
    "Forces should make sure they quickly and correctly record crimes related to domestic "
    "abuse.",
    "Forces need to make sure all officers and staff involved in crime recording are "
    "appropriately trained and understand their role in recording crime. They should also "
    "make sure there is effective oversight and scrutiny of crime-recording decisions and "
    "accuracy.",
]


def seed_report(cover_date: str = "Published: 28 August 2025") -> bytes:
    """The reference report ("How effectively do the police record crime?") as an untidy
    PDF: cover, dotted contents, a summary that repeats the recommendations, the three
    recommendations under "Recommendation n" headings, one split by a hyphen at a line
    end, one running over a page break with a real hyphen at a line end."""
    r1, r2, r3 = SEED_RECOMMENDATIONS
    w = ReportPdf(header=SEED_TITLE)
    w.cover(SEED_TITLE, [cover_date, "His Majesty\u2019s Inspectorate of Constabulary and "
                         "Fire & Rescue Services"])
    w.contents([("Summary", 3), ("Recommendations", 4), ("About the data", 5)])
    w.heading("Summary", 1)
    w.para("HMICFRS assesses how well police forces record the reports of crimes that "
           "they receive. We found \u201cmarked improvements\u201d in the way forces "
           "record crime, and the recom-\nmendations below follow from our findings.")
    w.bold("Our recommendations")
    for text in SEED_RECOMMENDATIONS:
        w.item(text)
    w.page_break()
    w.heading("Recommendations", 1)
    w.para("We make three recommendations. All of them are for chief constables.")
    w.heading("Recommendation 1", 3)
    w.para(r1.replace("coercive", "coer-\ncive"))
    w.heading("Recommendation 2", 3)
    w.para(r2)
    w.heading("Recommendation 3", 3)
    w.to_bottom(2)
    w.para(r3.replace("crime-recording", "crime-\nrecording"))
    w.heading("Areas for improvement", 2)
    w.para("There were no areas for improvement.")
    w.heading("About the data", 1)
    w.para("Forces should read this section as notes on the data, not as a finding.")
    return w.build(title=SEED_TITLE)


UNTIDY_TITLE = "Police response in the eastern region: a spotlight report"


@dataclass
class Expected:
    """A finding a recipe prints, as the extractor should return it."""

    kind: str
    ref: str
    text: str
    page: int
    force: str | None = None
    due_by: str | None = None
    addressee: str | None = None


def untidy_report() -> tuple[bytes, list[Expected]]:
    """A report with every kind of untidiness and every layout of findings; returns the
    PDF and the findings it prints, in order, each once. Unnumbered findings whose place
    a printed number of the same kind already holds get a qualified ref ("1 (2)")."""
    coc1 = ("The forces in the region are not answering emergency calls quickly enough, "
            "and too many victims wait for a response.")
    rec1a = "make sure that emergency calls are answered within ten seconds; and"
    rec1b = "review the demand on their control rooms."
    coc2 = "Forces do not understand the risks that repeat callers face."
    rec2 = ("Within six months, the College of Policing should review its guidance on "
            "repeat callers so that forces can identify them.")
    num1 = ("Forces should publish the time they take to answer emergency calls, so that "
            "the public can see how well they respond.")
    num2 = ("Chief constables should make sure their force crime registrar has the "
            "authority, training and resources to oversee crime-recording decisions in "
            "every part of the force.")
    num3 = ("Not later than 31 March 2015, the NPCC lead for crime data should agree a "
            "national standard for recording calls from vulnerable people.")
    essex = "Essex Police should improve how it supervises the allocation of calls for service."
    kent = "Kent Police should make sure officers record the details of every missed call."
    norfolk = "Norfolk Constabulary should share its call-handling training with the other forces."
    afi1 = "The force should make sure its officers record all the details of a victim\u2019s call."
    afi2 = ("The force should improve how it identifies vulnerable callers at the first "
            "point of contact, so that it can send the right response.")
    tab1 = "The force should make sure that custody records are complete and accurate."
    tab2 = "The force should improve the oversight of its use of force in custody."
    inline = "The force should improve how it records the outcome of investigations."
    w = ReportPdf(header="Police response in the eastern region", footer="{n}")
    w.cover(UNTIDY_TITLE, ["Published on 12 March 2024"])
    w.contents([("Executive summary", 3), ("Causes of concern", 4), ("Recommendations", 5),
                ("Areas for improvement", 7), ("Annex A", 10)])
    # page 3: the executive summary repeats findings
    w.heading("Executive summary", 1)
    w.para("We inspected how four forces in the eastern region respond to the public. "
           "We found that the forces\u2019 \u201cfirst response\u201d is often too slow.")
    w.bold("Recommendations")
    w.item(num1, marker="1.")
    w.item(num2, marker="2.")
    w.page_break()
    # page 4: causes of concern, each followed by recommendations
    w.heading("Causes of concern", 1)
    w.heading("Cause of concern", 2)
    w.para(coc1)
    w.bold("Recommendation")
    w.para("By 31 March 2025, chief constables should:")
    w.item(rec1a)
    w.item(rec1b)
    w.heading("Cause of concern", 2)
    w.para(coc2)
    w.bold("Recommendation")
    w.para(rec2)
    w.page_break()
    # page 5: a numbered list under a bold "Recommendations", one item over a page break
    w.heading("Our findings", 1)
    w.para("This chapter sets out what we found in each force, with our recommendations.")
    w.bold("Recommendations")
    w.item(num1, marker="1.")
    w.to_bottom(2)
    w.item(num2.replace("crime-recording", "crime-\nrecording"), marker="2.")
    w.item(num3, marker="3.")
    w.heading("Recommendations for Essex Police", 2)
    w.item(essex, marker="1.")
    w.heading("Recommendations for Kent Police", 2)
    w.item(kent, marker="1.")
    w.heading("Other forces", 2)
    w.para("Most forces have made progress since our last inspection.")
    w.bold("Recommendation 4")
    w.para(norfolk)
    # page 8: a two-column page (drawn row by row across both columns)
    w.two_columns(
        [("heading", "Areas for improvement"), ("item", afi1), ("item", afi2)],
        [("heading", "Innovative practice"),
         ("para", "The force has introduced a call-back service for victims who ring "
                  "more than once in a week, which victims told us they valued."),
         ("para", "Other forces could learn from this approach.")])
    # page 9: a table of areas for improvement, then an inline one
    w.heading("Areas for improvement in custody", 2)
    w.table([["No.", "Area for improvement"], ["1", tab1], ["2", tab2]], [50, 400])
    w.heading("Investigating crime", 2)
    w.para(f"Area for improvement: {inline}")
    w.page_break()
    w.heading("Annex A: About the data", 1)
    w.para("Recommendations in earlier reports are listed on our website. Forces should "
           "read this annex alongside the data tables.")
    data = w.build(title=UNTIDY_TITLE)
    expected = [
        Expected("cause_of_concern", "1", coc1, 4),
        # each item under the lead-in "By 31 March 2025, chief constables should:" is a
        # recommendation of its own, numbered from the lead-in's place (1)
        Expected("recommendation", "1.1", rec1a, 4, due_by="2025-03-31",
                 addressee="chief constables"),
        Expected("recommendation", "1.2", rec1b, 4, due_by="2025-03-31",
                 addressee="chief constables"),
        Expected("cause_of_concern", "2", coc2, 4),
        Expected("recommendation", "2 (2)", rec2, 4, addressee="College of Policing"),
        Expected("recommendation", "1", num1, 5, addressee="forces"),
        Expected("recommendation", "2", num2, 5, addressee="chief constables"),
        Expected("recommendation", "3", num3, 6, due_by="2015-03-31", addressee="NPCC"),
        Expected("recommendation", "1", essex, 6, force="essex", addressee="Essex Police"),
        Expected("recommendation", "1", kent, 6, force="kent", addressee="Kent Police"),
        Expected("recommendation", "4", norfolk, 6, force="norfolk",
                 addressee="Norfolk Constabulary"),
        Expected("area_for_improvement", "1 (2)", afi1, 7, addressee="the force"),
        Expected("area_for_improvement", "2 (2)", afi2, 7, addressee="the force"),
        Expected("area_for_improvement", "1", tab1, 8, addressee="the force"),
        Expected("area_for_improvement", "2", tab2, 8, addressee="the force"),
        Expected("area_for_improvement", "5", inline, 8, addressee="the force"),
    ]
    return data, expected
