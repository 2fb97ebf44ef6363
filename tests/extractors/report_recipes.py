"""Untidy report PDFs for the extractor tests, printed through tests/pdf_writer.py.

The house they are printed in (``report_style``): A4, Vera with fi/fl drawn as ligature
glyphs, a running header in Helvetica (standard Type 1, not embedded) and a "Page n of N"
or bare-number footer on every page but the cover, 18/14/12 pt headings and a bold
body-size label level, numbered and bulleted items with hanging indents, ruled tables
with body-size text. The recipes add a cover, a contents page with dot leaders (naming
chapters that the text calls otherwise), paragraphs over page breaks, words split by hand
at line ends ("recom-" / "mendation") and real hyphens at line ends ("crime-" /
"recording"), curly quotes, and a two-column page drawn row by row across both columns
(the worst reading order). No font guaranteed on a fresh machine has U+FB00 (ff) or
U+FB03 (ffi): those two are covered by string-level tests of ``fix_chars`` and
``join_lines`` (tests/extractors/test_pdf_text.py) instead.
"""
from __future__ import annotations

from tests import pdf_writer as pdf
from tests.pdf_layout import Body, Writer, render
from tests.pdf_writer import A4, BOLD, Heading, Marks, bullet, heading, item, para, room
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS, REFERENCE_TITLE

W, H = A4
MARGIN = 72.0
SIZE, LEADING = 10.5, 1.35
LINE = SIZE * LEADING
LABEL = 4                       # the heading level of a bold body-size label


def report_style(header: str, footer: str = "Page {n} of {total}",
                 rules: str = "lines") -> pdf.Style:
    """The house: a running ``header`` and a ``footer`` ({n}, {total}) on every page but a
    cover, both drawn before the page's text; table ``rules`` as in pdf.TableStyle."""
    def furniture(w: Writer) -> None:
        w.draw(MARGIN, H - 40, header, "Helvetica", 8)
        w.draw(W / 2, 36, footer.format(n=w.page, total=w.total or w.page), "Helvetica", 8,
               align="centre")
    return pdf.Style(margin=MARGIN, top=70, bottom=94, gutter=24, size=SIZE, leading=LEADING,
                     after=0.6, orphans=1,
                     headings=(Heading(18, 4, 2 * LINE, leading=1.3),
                               Heading(14, 4, 2 * LINE, leading=1.3),
                               Heading(12, 2, 2 * LINE, leading=1.3),
                               Heading(SIZE, 0, LINE, after=-2)),
                     bullet_indent=14, item_indent=34, marker_gap=16,
                     table=pdf.TableStyle(size=SIZE, line=LINE, pad=6, inset=4, drop=0,
                                          after=LINE, rules=rules),
                     header=furniture, ligatures=True)


def label(text: str, mark: pdf.Mark = None) -> pdf.Block:
    """A bold body-size line such as "Recommendations", kept with the next line."""
    return heading(text, LABEL, mark)


def cover(title: str, lines: list[str]) -> pdf.Draw:
    """Page 1: the title large and bold, lines under it in Helvetica."""
    def draw(w: Writer) -> None:
        y = H - 200
        for part in w.wrap(title, BOLD, 26, W - 2 * MARGIN):
            w.draw(MARGIN, y, part, BOLD, 26)
            y -= 32
        y -= 20
        for line in lines:
            w.draw(MARGIN, y, line, "Helvetica", 12)
            y -= 18
    return draw


def report(header: str, body: Body, *, title: str = "", footer: str = "Page {n} of {total}",
           front: pdf.Draw | None = None, rules: str = "lines",
           encrypt: str | None = None) -> tuple[bytes, Marks]:
    """A report in the house style (two passes, for "of N" and the contents page)."""
    return render(report_style(header, footer, rules), body, title=title or header,
                  front=front, passes=2, encrypt=encrypt)


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first ``keep`` share of a PDF's bytes, as an interrupted download leaves it."""
    return data[: int(len(data) * keep)]


def corrupt(data: bytes) -> bytes:
    """A PDF whose header and end marker survive but whose body is overwritten with junk."""
    return data[:20] + bytes((b * 7 + 13) % 256 for b in data[20:-40]) + data[-40:]


# ---------------------------------------------------------------- the reference report

SEED_TITLE = REFERENCE_TITLE
SEED_RECOMMENDATIONS = REFERENCE_RECOMMENDATIONS


def seed_report(cover_date: str = "Published: 28 August 2025") -> tuple[bytes, Marks]:
    """The reference report ("How effectively do the police record crime?") as an untidy
    PDF: cover, dotted contents, a summary that repeats the recommendations (a word split
    by hand), the three recommendations under "Recommendation n" headings, one split by a
    hyphen at a line end, the last running over a page break with a real hyphen at a line
    end. Marks: ("rec", n) for each recommendation's text, ("summary",) for the list."""
    r1, r2, r3 = SEED_RECOMMENDATIONS
    body = [
        heading("Contents", 1), pdf.contents(["Summary", "Recommendations", "About the data"],
                                             size=SIZE), pdf.page_break(),
        heading("Summary", 1, chapter=True),
        para("HMICFRS assesses how well police forces record the reports of crimes that "
             "they receive. We found \u201cmarked improvements\u201d in the way forces record "
             "crime, and the recom-\nmendations below follow from our findings."),
        label("Our recommendations", ("summary",)),
        *[item("\u2022", text) for text in SEED_RECOMMENDATIONS],
        pdf.page_break(),
        heading("Recommendations", 1, chapter=True),
        para("We make three recommendations. All of them are for chief constables."),
        heading("Recommendation 1", 3), para(r1.replace("coercive", "coer-\ncive"), ("rec", 1)),
        heading("Recommendation 2", 3), para(r2, ("rec", 2)),
        heading("Recommendation 3", 3), room(LINE),
        para(r3.replace("crime-recording", "crime-\nrecording"), ("rec", 3)),
        heading("Areas for improvement", 2),
        para("There were no areas for improvement."),
        heading("About the data", 1, chapter=True),
        para("Forces should read this section as notes on the data, not as a finding."),
    ]
    front = cover(SEED_TITLE, [cover_date, "His Majesty\u2019s Inspectorate of Constabulary "
                                           "and Fire & Rescue Services"])
    return report(SEED_TITLE, body, front=front)


# ---------------------------------------------------------------- every untidiness at once

UNTIDY_TITLE = "Police response in the eastern region: a spotlight report"


Expected = tuple[str, str, str, int, str | None, str | None, str | None]


def untidy_report() -> tuple[bytes, list[Expected]]:
    """A report with every kind of untidiness and every layout of findings; returns the
    PDF and the findings it prints, in order, each once, as the extractor should return
    them: (kind, ref, text, page the writer printed it on, force, due by, addressee).
    Unnumbered findings whose place a printed number of the same kind already holds get a
    qualified ref ("1 (2)")."""
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
    afi1 = ("The force should make sure its officers record all the details of a "
            "victim\u2019s call.")
    afi2 = ("The force should improve how it identifies vulnerable callers at the first "
            "point of contact, so that it can send the right response.")
    tab1 = "The force should make sure that custody records are complete and accurate."
    tab2 = "The force should improve the oversight of its use of force in custody."
    inline = "The force should improve how it records the outcome of investigations."
    found: list[tuple[str, str, str, str | None, str | None, str | None]] = []

    def find(kind: str, ref: str, text: str, force: str | None = None,
             due_by: str | None = None, addressee: str | None = None) -> tuple[str, ...]:
        """Mark a finding the extractor should return (in document order)."""
        found.append((kind, ref, text, force, due_by, addressee))
        return ("finding", str(len(found)))

    body = [
        # page 2: a contents page whose entries the text calls otherwise
        heading("Contents", 1),
        pdf.contents([("Executive summary", 3), ("Causes of concern", 4), ("Recommendations", 5),
                      ("Areas for improvement", 7), ("Annex A", 10)], size=SIZE),
        pdf.page_break(),
        # page 3: the executive summary repeats findings
        heading("Executive summary", 1),
        para("We inspected how four forces in the eastern region respond to the public. "
             "We found that the forces\u2019 \u201cfirst response\u201d is often too slow."),
        label("Recommendations"), item("1.", num1), item("2.", num2),
        pdf.page_break(),
        # page 4: causes of concern, each followed by recommendations
        heading("Causes of concern", 1),
        heading("Cause of concern", 2), para(coc1, find("cause_of_concern", "1", coc1)),
        label("Recommendation"),
        para("By 31 March 2025, chief constables should:"),
        # each item under the lead-in is a recommendation of its own, numbered from the
        # lead-in's place (1)
        item("\u2022", rec1a, find("recommendation", "1.1", rec1a, due_by="2025-03-31",
                                   addressee="chief constables")),
        item("\u2022", rec1b, find("recommendation", "1.2", rec1b, due_by="2025-03-31",
                                   addressee="chief constables")),
        heading("Cause of concern", 2), para(coc2, find("cause_of_concern", "2", coc2)),
        label("Recommendation"),
        para(rec2, find("recommendation", "2 (2)", rec2, addressee="College of Policing")),
        pdf.page_break(),
        # page 5: a numbered list under a bold "Recommendations", one item over a page break
        heading("Our findings", 1),
        para("This chapter sets out what we found in each force, with our recommendations."),
        label("Recommendations"),
        item("1.", num1, find("recommendation", "1", num1, addressee="forces")),
        room(LINE),
        item("2.", num2.replace("crime-recording", "crime-\nrecording"),
             find("recommendation", "2", num2, addressee="chief constables")),
        item("3.", num3, find("recommendation", "3", num3, due_by="2015-03-31",
                              addressee="NPCC")),
        heading("Recommendations for Essex Police", 2),
        item("1.", essex, find("recommendation", "1", essex, force="essex",
                               addressee="Essex Police")),
        heading("Recommendations for Kent Police", 2),
        item("1.", kent, find("recommendation", "1", kent, force="kent",
                              addressee="Kent Police")),
        heading("Other forces", 2),
        para("Most forces have made progress since our last inspection."),
        label("Recommendation 4"),
        para(norfolk, find("recommendation", "4", norfolk, force="norfolk",
                           addressee="Norfolk Constabulary")),
        # page 7: a two-column page (drawn row by row across both columns)
        pdf.page_break(),
        pdf.interleaved(
            [heading("Areas for improvement", 3),
             bullet(afi1, find("area_for_improvement", "1 (2)", afi1, addressee="the force")),
             bullet(afi2, find("area_for_improvement", "2 (2)", afi2, addressee="the force"))],
            [heading("Innovative practice", 3),
             para("The force has introduced a call-back service for victims who ring more "
                  "than once in a week, which victims told us they valued."),
             para("Other forces could learn from this approach.")]),
        pdf.page_break(),
        # page 8: a table of areas for improvement, then an inline one
        heading("Areas for improvement in custody", 2),
        pdf.table([("No.", "Area for improvement"), ("1", tab1), ("2", tab2)],
                  [find("area_for_improvement", "1", tab1, addressee="the force"),
                   find("area_for_improvement", "2", tab2, addressee="the force")],
                  widths=(50 / (W - 2 * MARGIN), 400 / (W - 2 * MARGIN))),
        heading("Investigating crime", 2),
        para(f"Area for improvement: {inline}",
             find("area_for_improvement", "5", inline, addressee="the force")),
        pdf.page_break(),
        heading("Annex A: About the data", 1),
        para("Recommendations in earlier reports are listed on our website. Forces should "
             "read this annex alongside the data tables."),
    ]
    data, marks = report("Police response in the eastern region", body, title=UNTIDY_TITLE,
                         footer="{n}", front=cover(UNTIDY_TITLE, ["Published on 12 March 2024"]))
    return data, [(kind, ref, text, marks[("finding", str(n))], force, due_by, addressee)
                  for n, (kind, ref, text, force, due_by, addressee) in enumerate(found, 1)]
