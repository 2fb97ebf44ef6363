"""The report PDFs of the PDF-only replica, one layout per ``Pub.style``, with their marks."""
from __future__ import annotations

from collections.abc import Callable

from tests.pdf_writer import Block, Marks, bullet, heading, item, page_break, para, room, table
from tests.replica_pdf_only.catalogue import (A, C, OLD_2019_RECS, PEEL_2023, R, Pub,
                                              long_date)
from tests.replica_pdf_only.pdf import Layout, chapter, label, render

FILLER = (
    "Our fieldwork took place over six weeks. We interviewed senior leaders, held focus "
    "groups with officers and staff, and reviewed a random sample of case files.",
    "We are grateful to everyone who took part for their co-operation and openness.",
    "This chapter sets out what we found, drawing on the documents and data we were given "
    "before our fieldwork and on what we saw during it.",
    "Leaders told us that demand has risen in the past two years, and that officers are "
    "often moved between teams to meet it. We saw the effect of this on the quality of "
    "the work we reviewed.",
)
# Distinct body paragraphs, so that no body text repeats from page to page.
MORE = (
    "Supervisors reviewed most of the cases we examined, but their reviews rarely set "
    "out what the investigating officer should do next.",
    "The quality of the records we saw varied between teams. Some were thorough; others "
    "left out important details about the people involved.",
    "Officers understood the importance of the work but told us that they had received "
    "little training in it since they joined the force.",
    "Partner organisations spoke positively about their relationship with the police, "
    "although several described delays in sharing information.",
    "The force has invested in new technology, and staff told us it has made some tasks "
    "quicker. It has not yet evaluated whether the investment has improved outcomes.",
    "Performance meetings considered a wide range of data, but the data rarely described "
    "the experience of the people who asked the police for help.",
    "We reviewed 60 case files. In 41 of them the initial response was appropriate, and "
    "in 12 more it was appropriate once a supervisor had intervened.",
    "Many of the officers we spoke to were in their first two years of service, and some "
    "were working without a tutor for the first time.",
    "Senior leaders have a clear plan for improving the service, and they described it "
    "consistently. Staff at other levels were less aware of it.",
)
ASB = (
    "Antisocial behaviour was the most common reason for calls to the three forces in the "
    "year to March 2025, and most of those calls came from a small number of places.",
    "Victims told us that persistent antisocial behaviour had affected their health, their "
    "sleep and their willingness to go out after dark.",
    "Each force has a neighbourhood policing strategy, but only one of them sets out how "
    "officers should work with housing providers and councils.",
    "Problem-solving plans were in place for most of the places we visited. Few of them had "
    "been reviewed to see whether they were working.",
)
PROGRESS = (
    "Progress: Most forces now have an action plan. In the forces we inspected in 2024, "
    "nine in ten reports of rape were recorded within 24 hours.",
    "Progress: Crime registrars in most forces review a sample of cancelled crimes rather "
    "than all of them. We consider this recommendation to be partly achieved.",
)


def _m(kind: str, ref: str) -> tuple[str, str, str]:
    return ("f", kind, ref)


def _labelled(pub: Pub, kind: str = R, word: str = "Recommendation") -> list[Block]:
    out: list[Block] = []
    for f in pub.of(kind):
        out += [label(f"{word} {f.ref}", mark=_m(kind, f.ref)), para(f.text)]
    return out


def _reference(pub: Pub) -> list[Block]:
    n = len(pub.of(R))
    out = [chapter("Summary"), para(pub.summary), para(FILLER[3]),
           para(f"We make {n} recommendations to forces:")]
    out += [bullet(f.text, mark=("summary", R, f.ref)) for f in pub.of(R)]
    out += [para(FILLER[1]),
            chapter("Introduction"), para(FILLER[0]), para(FILLER[2]), para(MORE[0]),
            chapter("Our recommendations"),
            para("We have made three recommendations. We will monitor forces\u2019 progress "
                 "against them through our PEEL inspections."),
            *_labelled(pub),
            chapter("Annex A: Recommendations from our 2019 report and progress"),
            para("In our 2019 report we made the following recommendations. We describe the "
                 "progress forces have made against each of them.")]
    for i, text in enumerate(OLD_2019_RECS):
        out += [label(f"Recommendation {i + 1}"), para(text), para(PROGRESS[i])]
    return out


def _concern(pub: Pub) -> list[Block]:
    cause = pub.of(C)[0]
    out = [chapter("Summary"), para(pub.summary), para(FILLER[3]), para(FILLER[0]),
           chapter("Causes of concern"),
           para("We found one cause of concern. We have made three recommendations to "
                "address it."),
           label("Cause of concern", mark=_m(C, cause.ref)), para(cause.text),
           label("Recommendations"), para("We recommend that:")]
    out += [item(f"{r.ref})", r.text, mark=_m(R, r.ref)) for r in pub.of(R)]
    out += [chapter("Our findings"), para(FILLER[2]), *[para(m) for m in MORE[:8]],
            room(112),
            heading("Areas for improvement", 2),
            para("We also found the following areas for improvement:")]
    out += [bullet(a.text, mark=_m(A, a.ref)) for a in pub.of(A)]
    return out + [chapter("About our inspection"), para(FILLER[0]), para(FILLER[1])]


def _columns(pub: Pub) -> list[Block]:
    recs = pub.of(R)
    out = [chapter("Summary"), para(pub.summary), para(FILLER[3]), para(FILLER[0]),
           para(FILLER[2]), *[para(m) for m in MORE[:6] + ASB]
           + [chapter("Our recommendations"),
           para("We have made three recommendations. Two are for all three chief constables "
                "and one is for Durham Constabulary."),
           label("Recommendation 1", mark=_m(R, recs[0].ref)), para(recs[0].text),
           room(70),
           label("Recommendation 2", mark=_m(R, recs[1].ref)), para(recs[1].text),
           label("Recommendation 3", mark=_m(R, recs[2].ref)), para(recs[2].text),
           heading("Areas for improvement", 2)]]
    out += [bullet(a.text, mark=_m(A, a.ref)) for a in pub.of(A)]
    return out + [heading("About this inspection", 2), *[para(m) for m in MORE[6:]],
                  para(FILLER[1])]


def _grade(word: str) -> str:
    return word[0].upper() + word[1:]


def _peel2023(pub: Pub) -> list[Block]:
    rows = [("Area", "Grade")] + [(g.area, _grade(g.grade)) for g in pub.grades]
    out = [chapter("Overall summary"), para(pub.summary), para(FILLER[3]),
           chapter("Our judgments"),
           para(f"Our inspection assessed how good {pub.force_name} is in nine areas of "
                "policing. We make a graded judgment in each of these areas:"),
           table(rows, [("g", g.area) for g in pub.grades]),
           para("We also inspected how well the force provides a service to the victims of "
                "crime. We don\u2019t grade this area."),
           chapter("Our findings")]
    for g in pub.grades:
        out += [heading(f"{g.area} \u2013 {_grade(g.grade)}", 2),
                para(MORE[PEEL_FILLER[g.area]])]
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            out += [label("Areas for improvement")]
            out += [bullet(f.text, mark=_m(A, f.ref)) for f in afis]
    return out


PEEL_FILLER = {a: i for i, a in enumerate(PEEL_2023)}


def _efficiency(pub: Pub) -> list[Block]:
    g = pub.grades[0]
    out = [chapter("Overview"),
           heading("How efficient is the force at keeping people safe and reducing crime?", 2),
           para(f"Overall judgement: {_grade(g.grade)}", mark=("g", g.area)),
           para(f"{pub.force_name} has been assessed as {g.grade} in respect of the "
                "efficiency with which it keeps people safe and reduces crime."),
           para(FILLER[3]), heading("Areas for improvement", 2)]
    out += [bullet(f.text, mark=_m(A, f.ref)) for f in pub.findings]
    return out + [chapter("Introduction"), para(FILLER[0]),
                  heading("How well does the force use its resources to meet its demand?", 2),
                  para(FILLER[2]), para(MORE[1])]


def _labels(pub: Pub) -> list[Block]:
    return [chapter("Summary"), para(pub.summary), para(FILLER[3]),
            chapter("Recommendations"),
            para(f"We have made {len(pub.of(R))} recommendations."), *_labelled(pub),
            chapter("Introduction"), para(FILLER[0]), para(FILLER[2]), para(FILLER[1])]


def _framework(pub: Pub) -> list[Block]:
    return [chapter("Introduction"), para(pub.summary),
            para("Under section 54 of the Police Act 1996, we must inspect and report on the "
                 "efficiency and effectiveness of every police force in England and Wales."),
            chapter("Our inspection programme"), para(FILLER[2]),
            chapter("How we report what we find"),
            heading("Causes of concern, recommendations and areas for improvement", 2),
            para("When we find a serious or critical shortfall in a force\u2019s practice, "
                 "policy or performance, we report a cause of concern. A cause of concern "
                 "always comes with one or more recommendations."),
            para("When we find a shortfall that is not serious enough to be a cause of "
                 "concern, we report an area for improvement."),
            page_break(), chapter("Annex A: Our inspection framework"), para(FILLER[0])]


_STYLES: dict[str, Callable[[Pub], list[Block]]] = {
    "reference": _reference, "concern": _concern, "columns": _columns,
    "peel2023": _peel2023, "efficiency2015": _efficiency, "labels": _labels,
    "framework": _framework}
_CONTENTS = {"reference", "peel2023", "framework"}


def _cover_date(pub: Pub) -> str:
    if pub.printed_on and pub.style in ("columns", "labels"):
        return f"Published: {long_date(pub.printed_on)}"
    return f"{pub.published_on:%B %Y}"


def _back(pub: Pub) -> list[str]:
    year = pub.published_on.year
    lines = [f"\u00a9 {'HMICFRS' if year >= 2017 else 'HMIC'} {year}", "ISBN: 978-1-78655-512-4",
             "www.justiceinspectorates.gov.uk/hmicfrs"]
    if pub.printed_on and pub.style not in ("columns", "labels"):
        lines.insert(1, f"Published: {long_date(pub.printed_on)}")
    return lines


def report_pdf(pub: Pub) -> tuple[bytes, Marks]:
    """The English PDF of ``pub`` and its marks."""
    layout = Layout(pub.title, pub.running, _cover_date(pub), _back(pub),
                    contents=pub.style in _CONTENTS,
                    columns=2 if pub.style == "columns" else 1)
    return render(layout, _STYLES[pub.style](pub))
