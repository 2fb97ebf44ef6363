"""The report PDF of each GOV.UK-like publication, with the marks Truth needs."""
from __future__ import annotations

from tests.pdf_writer import Block, Marks, bullet, heading, item, page_break, para, table
from tests.replica_govuk.catalogue import A, C, R, GovukPub
from tests.replica_govuk.pdf import render, section

BACKGROUND = ("This inspection forms part of our continuing programme. We reviewed "
              "documents and case files, surveyed the workforce and interviewed leaders.",
              "We are grateful to the officers and staff who helped us.",
              "The findings in this report are based on the evidence we gathered during our "
              "fieldwork.")


def _intro(pub: GovukPub) -> list[Block]:
    blocks = [section("Summary"), para(pub.summary)]
    blocks += [para(t) for t in BACKGROUND]
    blocks += [section("Introduction")] + [para(t) for t in BACKGROUND * 3]
    return blocks + [page_break()]


def _m(kind: str, ref: str) -> tuple[str, str, str]:
    return ("f", kind, ref)


def _headed(pub: GovukPub) -> list[Block]:
    blocks = [section("Recommendations")]
    for f in pub.of(R):
        blocks += [heading(f"Recommendation {f.ref}", 2), para(f.text, mark=_m(R, f.ref))]
    return blocks


def _numbered(pub: GovukPub) -> list[Block]:
    blocks = [section("Recommendations"), para("We make the following recommendations.")]
    blocks += [item(f"{f.ref}.", f.text, mark=_m(R, f.ref)) for f in pub.of(R)]
    if pub.of(A):
        blocks += [section("Areas for improvement")]
        blocks += [bullet(f.text, mark=_m(A, f.ref)) for f in pub.of(A)]
    return blocks


def _concerns(pub: GovukPub) -> list[Block]:
    blocks = [section("Causes of concern and recommendations")]
    for c in pub.of(C):
        blocks += [heading(f"Cause of concern {c.ref}", 2), para(c.text, mark=_m(C, c.ref)),
                   heading("Recommendations", 2)]
        blocks += [item(f"{r.ref}.", r.text, mark=_m(R, r.ref))
                   for r in pub.of(R) if r.follows == c.ref]
    if pub.of(A):
        blocks += [section("Areas for improvement")]
        for a in pub.of(A):
            blocks += [heading(f"Area for improvement {a.ref}", 2), para(a.text, mark=_m(A, a.ref))]
    return blocks


def _questions(pub: GovukPub) -> list[Block]:
    questions = ("Do you agree with the proposed areas of assessment?",
                 "Should we continue to grade forces on a five-point scale?",
                 "Is there anything else you would like us to consider?")
    return ([section("Consultation questions"), para("We would like your views on the "
                                                      "following questions.")]
            + [item(f"{i}.", q) for i, q in enumerate(questions, 1)]
            + [section("How to respond"), para("Please send your response by 14 March 2025.")])


def _peel(pub: GovukPub) -> list[Block]:
    rows = [(g.area, g.grade[0].upper() + g.grade[1:]) for g in pub.grades]
    blocks = [section("Our judgments"),
              para(f"Our inspection assessed how good {pub.force_name} is in "
                   f"{len(pub.grades)} areas of policing."),
              table([("Area of policing", "Grade"), *rows], [("g", g.area) for g in pub.grades]),
              page_break()]
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            blocks += [section(g.area), para(BACKGROUND[2])]
            for f in afis:
                blocks += [heading("Area for improvement", 2), para(f.text, mark=_m(A, f.ref))]
    return blocks


_STYLES = {"headed": _headed, "numbered": _numbered, "concerns": _concerns,
           "questions": _questions}


def report_pdf(pub: GovukPub) -> tuple[bytes, Marks]:
    """The English report PDF and its marks."""
    short = pub.title if len(pub.title) < 70 else pub.title[:67] + "..."
    cover = [f"{pub.published_on:%B %Y}" if pub.published_on else "",
             "hmicfrs.justiceinspectorates.gov.uk"]
    body = _peel(pub) if pub.grades else _STYLES[pub.pdf_style](pub)
    lead = int(pub.extra_pdf.get("findings_paragraphs", "0"))
    if lead:
        body = [section("Our findings")] + [para(BACKGROUND[i % 3]) for i in range(lead)] + body
    return render(pub.title, short, cover, _intro(pub) + body + [
        section("About the data"), para(BACKGROUND[0])])
