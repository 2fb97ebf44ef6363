"""The report PDFs of the two-column replica, with the marks Truth needs."""
from __future__ import annotations

from tests.pdf_writer import Block, Marks, bullet, heading, para, table
from tests.replica_two_column.catalogue import A, C, R, Pub
from tests.replica_two_column.pdf import columns, landscape_page, render, single

FILLER = ("Our fieldwork included interviews with senior leaders, focus groups with officers "
          "and staff, and a review of case files selected at random.",
          "We would like to thank everyone who took part in the inspection for their "
          "co-operation and openness.",
          "This chapter sets out what we found, drawing on the documents the force gave us "
          "and the data it supplied before our fieldwork.",
          "Where we refer to forces in this report we mean the police forces we inspected "
          "unless we say otherwise.")


def _m(kind: str, ref: str) -> tuple[str, str, str]:
    return ("f", kind, ref)


def _two_column_summary(pub: Pub) -> list[Block]:
    return ([columns(), heading("Summary"), para(pub.summary)]
            + [para(FILLER[i % 4]) for i in range(14)] + [single()])


def _headed(pub: Pub) -> list[Block]:
    out = [heading("Our findings")] + [para(FILLER[i % 4]) for i in range(3)]
    concerns = pub.of(C)
    if concerns:
        out.append(heading("Causes of concern"))
        for c in concerns:
            out += [heading(f"Cause of concern {c.ref}", 2), para(c.text, mark=_m(C, c.ref))]
            for r in pub.of(R):
                if r.follows == c.ref:
                    out += [heading(f"Recommendation {r.ref}", 2), para(r.text, mark=_m(R, r.ref))]
    free = [r for r in pub.of(R) if r.follows is None]
    if free:
        out += [heading("Recommendations")]
        for r in free:
            out += [heading(f"Recommendation {r.ref}", 2), para(r.text, mark=_m(R, r.ref))]
    if pub.of(A):
        out.append(heading("Areas for improvement"))
        for a in pub.of(A):
            out += [heading(f"Area for improvement {a.ref}", 2), para(a.text, mark=_m(A, a.ref))]
    return out


def _chapters(pub: Pub) -> list[Block]:
    names = {"2": "2. Intelligence sharing at the port", "3": "3. Managing wanted people"}
    out: list[Block] = []
    for r in pub.of(R):
        chapter = r.ref.split(".")[0]
        out += [heading(names[chapter]), para(FILLER[2]), para(FILLER[0]),
                heading(f"Recommendation {r.ref}", 2), para(r.text, mark=_m(R, r.ref))]
    out += [columns(), heading("Areas for improvement")]
    for i, a in enumerate(pub.of(A)):
        out += [heading(f"Area for improvement {a.ref}", 2), para(a.text, mark=_m(A, a.ref)),
                para(FILLER[i % 4]), para(FILLER[(i + 2) % 4])]
    return out + [single()]


def _landscape(pub: Pub) -> list[Block]:
    out = [heading("Our findings")] + [para(FILLER[i % 4]) for i in range(4)]
    for c in pub.of(C):
        out += [heading("Cause of concern"), para(c.text, mark=_m(C, c.ref)),
                para("We have made the recommendations in the table on the next page to "
                     "address this cause of concern and our wider findings.")]
    rows = [("Recommendation", "Owner", "Deadline")]
    rows += [(r.text, r.owner, r.deadline) for r in pub.of(R)]
    return out + [landscape_page(), heading("Recommendations"),
                  table(rows, [_m(R, r.ref) for r in pub.of(R)]), single(),
                  heading("Next steps"), para(FILLER[3])]


def _grade(word: str) -> str:
    return word[0].upper() + word[1:]


def _peel(pub: Pub) -> list[Block]:
    out = [heading("Our judgments"),
           para(f"Our inspection assessed how good {pub.force_name} is in "
                f"{len(pub.grades)} areas of policing. We made the following graded "
                "judgments:")]
    out += [bullet(f"{g.area} \u2013 {_grade(g.grade)}", mark=("g", g.area)) for g in pub.grades]
    out.append(para("We also inspected how effective the force\u2019s service is for victims; "
                    "this is not graded."))
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            out += [heading(g.area), para(FILLER[2]), heading("Areas for improvement", 2)]
            out += [bullet(f.text, mark=_m(A, f.ref)) for f in afis]
    return out


def _cdi(pub: Pub) -> list[Block]:
    g = pub.grades[0]
    out = [heading("Overall judgment"),
           para(f"Crime data integrity: {_grade(g.grade)}", mark=("g", g.area)),
           para(f"Overall, we judge {pub.force_name} to be {g.grade}."),
           para(FILLER[2]), heading("Areas for improvement")]
    out += [para(f"Area for improvement {a.ref}: {a.text}", mark=_m(A, a.ref))
            for a in pub.of(A)]
    return out


_STYLES = {"headed": _headed, "chapters": _chapters, "landscape": _landscape, "peel": _peel,
           "cdi": _cdi}


def report_pdf(pub: Pub) -> tuple[bytes, Marks]:
    """The English report PDF and its marks."""
    cover = [f"{pub.published_on:%B %Y}" if pub.published_on else "",
             "hmicfrs.justiceinspectorates.gov.uk"]
    body = _two_column_summary(pub) + _STYLES[pub.pdf_style](pub)
    body += [heading("About this inspection"), para(FILLER[0]), para(FILLER[1])]
    return render(pub.title, cover, body)


def welsh_pdf(pub: Pub) -> bytes:
    """The Welsh-language version (no findings the pipeline should store)."""
    data, _ = render(pub.title, ["Awst 2025"], [
        heading("Crynodeb"),
        para("Mae\u2019r adroddiad hwn yn nodi pa mor effeithiol y mae heddluoedd yn cofnodi "
             "troseddau."),
        para("Diolch i\u2019r swyddogion a\u2019r staff a fu\u2019n rhan o\u2019r arolygiad.")])
    return data
