"""The report PDFs of the WordPress replica, with the marks Truth needs."""
from __future__ import annotations

from tests.pdf_writer import Block, box, heading, page_break, para, table
from tests.replica_wordpress.catalogue import A, R, Pub
from tests.replica_wordpress.pages import long_date
from tests.replica_wordpress.pdf import render

FILLER = ("Our fieldwork included interviews with senior leaders, focus groups with officers "
          "and staff, and a review of case files selected at random.",
          "We are grateful to everyone who took part in the inspection for their "
          "co-operation and openness.",
          "This chapter sets out what we found, drawing on the documents and data the "
          "forces gave us before our fieldwork.")
PREVIOUS = ("In our 2023 report we recommended that, by 30 September 2023, chief constables "
            "should make sure that crime-recording decisions are audited every month. Most "
            "forces have done so.")


def _m(kind: str, ref: str) -> tuple[str, str, str]:
    return ("f", kind, ref)


def _boxes(pub: Pub) -> list[Block]:
    recs = pub.of(R)
    out = [heading("Summary"), para(pub.summary), para(FILLER[0]), para(FILLER[2]),
           page_break(), heading("Recommendations"),
           para(f"We make {len(recs)} recommendations in this report. We will monitor "
                "progress against them.", footnote="Our inspection methodology is on our "
                "website.")]
    for i, r in enumerate(recs):
        out.append(box("Recommendation", r.text, mark=_m(R, r.ref)))
        if i == 0:
            out.append(page_break())
    if pub.of(A):
        out += [heading("Area for improvement")]
        out += [para(a.text, mark=_m(A, a.ref)) for a in pub.of(A)]
    if pub.slug.startswith("how-effectively"):
        out += [heading("Recommendations from our previous inspection"), para(PREVIOUS)]
    return out + [heading("Our findings"), para(FILLER[2]), para(FILLER[0])]


def _grade(word: str) -> str:
    return word[0].upper() + word[1:]


def _peel(pub: Pub) -> list[Block]:
    rows = [("Area of policing", "Grade")] + [(g.area, _grade(g.grade)) for g in pub.grades]
    out = [heading("Our judgments"),
           para(f"Our inspection assessed how good {pub.force_name} is in "
                f"{len(pub.grades)} areas of policing. We made the following graded "
                "judgments:"),
           table(rows, [("g", g.area) for g in pub.grades], split_at=7),
           para("We also inspected how well the force provides a service to the victims "
                "of crime. This area is not graded.")]
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            out += [heading(g.area), para(f"{pub.force_name} is {g.grade} at this area of "
                                          "policing."), para(FILLER[2]),
                    heading("Area for improvement", 2)]
            out += [para(f.text, mark=_m(A, f.ref)) for f in afis]
    return out


def _plain(pub: Pub) -> list[Block]:
    return [heading("Foreword"), para(pub.summary),
            para("In 2024\u201325 we published 58 inspection reports and made 212 "
                 "recommendations to police forces and fire and rescue services."),
            heading("Performance report"), para(FILLER[2]), para(FILLER[1])]


_STYLES = {"boxes": _boxes, "peel": _peel, "plain": _plain}


def report_pdf(pub: Pub) -> tuple[bytes, dict[tuple[str, ...], int]]:
    """The English PDF and its marks."""
    imprint = ["\u00a9 HMICFRS 2025" if pub.published_on.year == 2025 else
               f"\u00a9 HMICFRS {pub.published_on.year}",
               "ISBN: 978-1-78655-000-0",
               f"Published: {long_date(pub.published_on)}",
               "www.justiceinspectorates.gov.uk/hmicfrs"]
    return render(pub.title, "HM Inspectorate of Constabulary and Fire & Rescue Services",
                  imprint, _STYLES[pub.pdf_style](pub))
