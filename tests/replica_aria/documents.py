"""PDFs (tests/pdf_writer.py, page by page) and HTML report versions of the ARIA replica."""
from __future__ import annotations

import io
import zipfile
from html import escape

from tests import pdf_layout
from tests import pdf_writer as pdf
from tests.pdf_layout import Writer
from tests.pdf_writer import A4, REGULAR, Heading
from tests.replica_aria.catalogue import A, NORTH, NORTH_RECS, PEEL_2021, R, Pub

W, H = A4
M = 64.0
# One page: (style, text) lines; style is h1 | h2 | p | tag:<marker> (hanging item) | b.
Page = list[tuple[str, str]]


def _footer(w: Writer) -> None:
    if w.page > 1:
        w.draw(W - M, 30, f"Page {w.page}", REGULAR, 8, align="right")


STYLE = pdf.Style(margin=M, top=90, bottom=60, size=10.5, leading=1.4, after_points=6,
                  headings=(Heading(20), Heading(13, 8), Heading(10.5)), item_indent=26,
                  marker_bold=True, footer=_footer)


def _block(style: str, text: str, mark: tuple[str, ...] | None) -> pdf.Block:
    if style.startswith("tag:"):
        return pdf.item(style[4:], text, mark=mark)
    level = {"h1": 1, "h2": 2, "b": 3}.get(style)
    return pdf.heading(text, level, mark=mark) if level else pdf.para(text, mark=mark)


def render_pdf(title: str, pages: list[Page]) -> bytes:
    """A PDF with one page per entry; a footer with the page number from page 2 on."""
    blocks: list[pdf.Block] = []
    for number, page in enumerate(pages, start=1):
        blocks += [pdf.page_break()] if blocks else []
        blocks += [_block(style, text, ("page", str(number), str(i)) if i == len(page) - 1
                          else None) for i, (style, text) in enumerate(page)]
    data, marks = pdf_layout.render(STYLE, blocks, title=title, author="")
    for number, page in enumerate(pages, start=1):
        assert marks[("page", str(number), str(len(page) - 1))] == number, \
            f"page {number} of {title!r} overflows"
    return data


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
