"""PDFs (reportlab, page by page) and HTML report versions of the ARIA replica."""
from __future__ import annotations

import io
import os
import zipfile
from functools import lru_cache
from html import escape

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.replica_aria.catalogue import A, NORTH, NORTH_RECS, PEEL_2021, R, Pub

REG, BOLD = "SixthVera", "SixthVeraBold"
W, H = A4
M = 64.0
# One page: (style, text) lines; style is h1 | h2 | p | tag:<marker> (hanging item) | b.
Page = list[tuple[str, str]]


@lru_cache(maxsize=1)
def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(REG, os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, os.path.join(folder, "VeraBd.ttf")))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + ([line] if line else [])


def render_pdf(title: str, pages: list[Page]) -> bytes:
    """A PDF with one page per entry; a footer with the page number from page 2 on."""
    _fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    for number, page in enumerate(pages, start=1):
        y = H - 90
        for style, text in page:
            font, size, indent, tag = REG, 10.5, 0.0, ""
            if style == "h1":
                font, size = BOLD, 20
            elif style in ("h2", "b"):
                font, size = BOLD, 13 if style == "h2" else 10.5
            elif style.startswith("tag:"):
                indent, tag = 26.0, style[4:]
            y -= 8 if style == "h2" else 0
            for i, line in enumerate(_wrap(text, font, size, W - 2 * M - indent)):
                y -= size * 1.4
                c.setFont(font, size)
                if i == 0 and tag:
                    c.setFont(BOLD, size)
                    c.drawString(M, y, tag)
                    c.setFont(font, size)
                c.drawString(M + indent, y, line)
            y -= 6
            assert y > 60, f"page {number} of {title!r} overflows"
        if number > 1:
            c.setFont(REG, 8)
            c.drawRightString(W - M, 30, f"Page {number}")
        c.showPage()
    c.save()
    return buf.getvalue()


FILLER = ("We carried out our fieldwork between January and March. We spoke to officers, "
          "staff and partner organisations and reviewed a sample of case files.")


def report_pdf(pub: Pub) -> bytes:
    """The report PDF: cover, summary, recommendations (page 3), AFIs (page 4), back page."""
    recs, afis = pub.of(R), pub.of(A)
    findings: Page = [("h2", "Recommendations")]
    if recs:
        findings.append(("p", f"We have made {len(recs)} recommendations."))
    for f in recs:
        if f.ref.startswith("R"):
            findings.append((f"tag:{f.ref}", f.text))
        elif pub.slug == NORTH:
            findings.append(("p", f"Recommendation {f.ref}: {f.text}"))
        else:
            findings.append((f"tag:{f.ref}.", f.text))
    if not recs:
        findings = [("h2", "Our findings"), ("p", "We did not make any recommendations in "
                                                  "this report.")]
    pages: list[Page] = [
        [("h1", pub.title), ("p", f"{pub.published_on:%B %Y}")],
        [("h2", "Summary"), ("p", pub.summary), ("p", FILLER)],
        findings,
    ]
    if afis:
        pages.append([("h2", "Areas for improvement"),
                      ("p", "We identified the following areas for improvement:")]
                     + [("tag:\u2022", f.text) for f in afis])
    pages.append([("p", f"\u00a9 HMICFRS {pub.published_on.year}"),
                  ("p", "www.justiceinspectorates.gov.uk/hmicfrs")])
    for f in pub.findings:
        assert f.page is not None and f.page <= len(pages)
    return render_pdf(pub.title, pages)


EASY = (
    "By March 2026, police chiefs should check every case of serious violence within one "
    "day.",
    "By March 2026, police chiefs should agree with councils what serious violence means.",
)


def easy_read_pdf(pub: Pub) -> bytes:
    """The easy-read version: the same findings, in simpler words."""
    assert len(EASY) == len(NORTH_RECS)
    pages: list[Page] = [
        [("h1", "Easy read version"), ("p", pub.title), ("p", f"{pub.published_on:%B %Y}")],
        [("h2", "What we found"), ("p", "Police forces and councils work together to stop "
                                        "serious violence. Some things need to get better.")],
        [("h2", "Our recommendations"), ("p", "We think these things should happen:")]
        + [(f"tag:Recommendation {i}", x) for i, x in enumerate(EASY, start=1)],
        [("h2", "Areas for improvement"),
         ("tag:\u2022", "Forces should share more information with schools."),
         ("tag:\u2022", "Forces should check what works to stop violence.")],
    ]
    return render_pdf(f"{pub.title} - easy read", pages)


def annex_xlsx() -> bytes:
    """A tiny workbook-shaped zip (the product must not treat it as a report)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    return buf.getvalue()


def report_html(pub: Pub) -> str:
    """The accessible HTML version: numbered recommendation paragraphs and an AFI list."""
    recs = "".join(f"<p>Recommendation {f.ref}: {escape(f.text)}</p>" for f in pub.of(R))
    afis = "".join(f"<li>{escape(f.text)}</li>" for f in pub.of(A))
    return (f"<h1>{escape(pub.title)}</h1>"
            '<nav aria-label="Contents"><ol><li><a href="#summary">Summary</a></li>'
            '<li><a href="#recommendations">Recommendations</a></li>'
            '<li><a href="#areas-for-improvement">Areas for improvement</a></li></ol></nav>'
            f'<h2 id="summary">Summary</h2><p>{escape(pub.summary)}</p><p>{FILLER}</p>'
            f'<h2 id="recommendations">Recommendations</h2>{recs}'
            '<h2 id="areas-for-improvement">Areas for improvement</h2>'
            f"<p>We identified the following areas for improvement:</p><ol>{afis}</ol>"
            '<h2 id="next-steps">Next steps</h2><p>We will monitor progress through our '
            "regular inspections.</p>")


def _grade_class(grade: str) -> str:
    return "grade grade--" + grade.lower().replace(" ", "-")


def peel_html(pub: Pub) -> str:
    """PEEL 2021/22 page: judgments as a list of area and grade spans."""
    items = "".join(f'<li><span class="area">{escape(area)}</span>'
                    f'<span class="{_grade_class(grade)}">{grade}</span></li>'
                    for area, grade in PEEL_2021)
    return (f"<h1>{escape(pub.title)}</h1>"
            '<section aria-labelledby="judgements"><h2 id="judgements">Our judgements</h2>'
            "<p>Our inspection assessed how good Lincolnshire Police is in ten areas of "
            "policing. We make graded judgments in all ten as follows:</p>"
            f'<ul class="graded-judgements">{items}</ul></section>'
            '<section aria-labelledby="overview"><h2 id="overview">HM Inspector\u2019s '
            "observations</h2><p>I am pleased with some aspects of the performance of "
            "Lincolnshire Police in keeping people safe and reducing crime.</p></section>")
