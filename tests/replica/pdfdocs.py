"""The replica's report PDFs (tests/pdf_writer.py); each returns its bytes and page marks.

Marks say on which page each finding starts (("main"|"summary", kind, ref)) and where
each grade is stated (("grade", area)); Truth takes its page numbers from them. Page
numbers are physical, 1-based (the cover is page 1 and carries no footer). The house
style is in tests/replica/pdf_house.py.
"""
from __future__ import annotations

from collections.abc import Callable
from threading import Lock

from tests import pdf_writer as pdf
from tests.pdf_layout import Writer, render
from tests.pdf_writer import Marks
from tests.replica.pdf_house import house_cover, house_style
from tests.replica.reports import VICTIM_SERVICE, grade_word
from tests.replica.spec import DocSpec, PubSpec
from tests.replica.text import REFERENCE_KEY_FINDINGS, WELSH_FILLER, filler

R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
INSPECTORATE = "His Majesty\u2019s Inspectorate of Constabulary and Fire & Rescue Services"
_CACHE: dict[tuple[str, str], tuple[bytes, Marks]] = {}
_LOCK = Lock()


def _num(text: str, ref: str, mark: tuple[str, ...] | None = None) -> pdf.Block:
    return pdf.item(f"{ref}.", text, mark=mark)


def _findings_section_name(spec: PubSpec) -> str:
    return ("Causes of concern and recommendations" if spec.findings_of(C)
            else "Recommendations")


def _sections(spec: PubSpec) -> list[str]:
    names = ["Summary", "Introduction", "Our findings"]
    if spec.findings_of(R):
        names.append(_findings_section_name(spec))
    if spec.findings_of(A):
        names.append("Areas for improvement")
    return names + ["Annex A: About the data"]


def _chapter(text: str) -> pdf.Block:
    return pdf.heading(text, 1, chapter=True)


def _numbered(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    recs = spec.findings_of(R)
    lead = pdf.para("We make the following recommendations.")
    if "split_rec" in doc.features and len(recs) > 1:
        height = w.height(_chapter("Recommendations")) + w.height(lead)
        height += sum(w.height(_num(r.text, r.ref)) for r in recs[:-1])
        w.add(pdf.room(height + 2 * 10.5 * 1.35 + 0.5))
    w.add(_chapter("Recommendations"))
    w.add(lead)
    for r in recs:
        w.add(_num(r.text, r.ref, ("main", R, r.ref)))


def _headed(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    w.add(_chapter("Recommendations"))
    for r in spec.findings_of(R):
        w.add(pdf.heading(f"Recommendation {r.ref}", 2))
        w.add(pdf.para(r.text, mark=("main", R, r.ref)))


def _concerns(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    w.add(_chapter(_findings_section_name(spec)))
    recs = spec.findings_of(R)
    for concern in spec.findings_of(C):
        w.add(pdf.heading(f"Cause of concern {concern.ref}", 2))
        w.add(pdf.para(concern.text, mark=("main", C, concern.ref)))
        following = [r for r in recs if r.follows == concern.ref]
        w.add(pdf.heading("Recommendations" if len(following) > 1 else "Recommendation", 3))
        for r in following:
            w.add(_num(r.text, r.ref, ("main", R, r.ref)))


def _afis(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    afis = spec.findings_of(A)
    if not afis:
        return
    two_column = "two_column" in doc.features
    if two_column:
        w.add(pdf.page_break())
        w.add(_chapter("Areas for improvement"))
        w.add(pdf.columns(2))
        count = 0
        while w.lines_left(9.5) >= 5:
            w.add(pdf.para(filler(4 + count, 1)[0], size=9.5))
            count += 1
    else:
        w.add(_chapter("Areas for improvement"))
    for a in afis:
        if a.numbered and not two_column and doc.style == "headed":
            w.add(pdf.heading(f"Area for improvement {a.ref}", 2))
            w.add(pdf.para(a.text, mark=("main", A, a.ref)))
        elif a.numbered:
            w.add(_num(a.text, a.ref, ("main", A, a.ref)))
        else:
            w.add(pdf.bullet(a.text, mark=("main", A, a.ref), size=9.5 if two_column else 0))
    if two_column:
        for text in filler(1, 2):
            w.add(pdf.para(text, size=9.5))
        w.add(pdf.new_page(columns=1))


_FINDINGS: dict[str, Callable[[Writer, PubSpec, DocSpec], None]] = {
    "numbered": _numbered, "headed": _headed, "concerns": _concerns}


def draw_report(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    """A report after its cover: contents, summary, narrative, findings, annex."""
    if "contents" in doc.features:
        w.add(pdf.heading("Contents"))
        w.add(pdf.contents(_sections(spec)))
        w.add(pdf.page_break())
    w.add(_chapter("Summary"))
    if "key_findings" in doc.features:
        for text in REFERENCE_KEY_FINDINGS:
            w.add(pdf.para(text))
    else:
        w.add(pdf.para(spec.summary))
        for text in filler(2, 2):
            w.add(pdf.para(text))
    if "summary_repeat" in doc.features:
        recs = spec.findings_of(R)
        w.add(pdf.para(f"We have made {len(recs)} recommendations:"))
        for r in recs:
            w.add(_num(r.text, r.ref, ("summary", R, r.ref)))
    w.add(pdf.page_break())
    w.add(_chapter("Introduction"))
    for text in filler(0, 3):
        w.add(pdf.para(text))
    w.add(_chapter("Our findings"))
    for text in filler(3, 5):
        w.add(pdf.para(text))
    if spec.findings_of(R):
        _FINDINGS[doc.style](w, spec, doc)
    _afis(w, spec, doc)
    w.add(_chapter("Annex A: About the data"))
    for text in filler(6, 2):
        w.add(pdf.para(text))


def draw_peel(w: Writer, spec: PubSpec, doc: DocSpec, force_name: str) -> None:
    """A PEEL report: judgments as a table or as sentences, then area chapters."""
    w.add(pdf.heading("Overall summary"))
    w.add(pdf.para(spec.summary))
    for text in filler(0, 3 if "table_split" in doc.features else 1):
        w.add(pdf.para(text))
    grades = list(spec.grades)
    intro = pdf.para("Our inspection assessed how good the force is in the following areas.")
    if doc.style == "grade_table":
        if "table_split" in doc.features:
            w.add(pdf.room(w.height(_chapter("Our judgments")) + w.height(pdf.para("x"))
                           + 5 * 22 + 0.5))
        w.add(_chapter("Our judgments"))
        w.add(intro)
        rows = [("Area of policing", "Grade")] + [(g.area, grade_word(g.grade)) for g in grades]
        marks: list[tuple[str, ...] | None] = [("grade", g.area) for g in grades]
        if any(g.cycle == "2023-25" for g in grades):
            rows.append((VICTIM_SERVICE, "Not graded"))
            marks.append(None)
        w.add(pdf.table(rows, marks))
    else:
        w.add(_chapter("Our judgments"))
        combined = {"Responding to the public", "Investigating crime"}
        pair = [g for g in grades if g.area in combined]
        pair = pair if len(pair) == 2 else []
        for g in grades:
            if pair and g is pair[1]:
                continue
            if pair and g is pair[0]:
                other = pair[1]
                text = (f"{force_name} was graded {g.grade} at {g.area.lower()} and "
                        f"{other.grade} at {other.area.lower()}.")
                w.add(pdf.para(text, mark=("grade", g.area)))
                w.mark(("grade", other.area))
            else:
                w.add(pdf.para(f"{force_name} was graded {g.grade} at {g.area.lower()}.",
                               mark=("grade", g.area)))
    areas = spec.extra.get("afi_areas", "").split("|")
    by_area = {g.area: g for g in grades}
    for afi, area in zip(spec.findings_of(A), areas):
        w.add(_chapter(area))
        if "restate" in doc.features:
            w.add(pdf.para(grade_word(by_area[area].grade), bold=True))
        for text in filler(len(area), 2):
            w.add(pdf.para(text))
        w.add(pdf.heading("Area for improvement", 2))
        w.add(pdf.para(afi.text, mark=("main", A, afi.ref)))
    w.add(pdf.heading("About this inspection"))
    w.add(pdf.para(filler(7, 1)[0]))


def draw_welsh(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    """The Welsh translation: same recommendations, in Welsh."""
    w.add(pdf.heading("Crynodeb"))
    for text in WELSH_FILLER:
        w.add(pdf.para(text))
    w.add(pdf.heading("Argymhellion"))
    for r in spec.findings_of(R):
        w.add(_num(r.welsh or "", r.ref))


def draw_plain(w: Writer, spec: PubSpec, doc: DocSpec) -> None:
    """A document with no findings (plan, consultation, update)."""
    w.add(pdf.heading("Foreword"))
    w.add(pdf.para(spec.summary))
    for text in filler(2, 5):
        w.add(pdf.para(text))


def _cover_for(spec: PubSpec, doc: DocSpec) -> pdf.Draw:
    if doc.style == "welsh":
        return house_cover(spec.title_cy or spec.title, [
            doc.cover_date or "",
            "Arolygiaeth Cwnstabliaeth ac Arolygiaeth Gwasanaethau T\u00e2n ac Achub EF"])
    return house_cover(spec.title, [doc.cover_date or "", INSPECTORATE])


def _body(spec: PubSpec, doc: DocSpec, force_name: str) -> Callable[[Writer], None]:
    if doc.style in ("grade_table", "grade_sentences"):
        return lambda w: draw_peel(w, spec, doc, force_name)
    if doc.style == "welsh":
        return lambda w: draw_welsh(w, spec, doc)
    if doc.style == "plain":
        return lambda w: draw_plain(w, spec, doc)
    return lambda w: draw_report(w, spec, doc)


def corrupt_pdf(spec: PubSpec) -> bytes:
    """A PDF cut off after its first kilobyte, with junk where the rest should be."""
    good = render_pdf_uncached(spec, DocSpec(path="", href="", kind="pdf", label="",
                                             style="plain"), "")[0]
    return good[:1024] + b"\n%%\x00\x00 transfer interrupted \x00" * 8


def render_pdf_uncached(spec: PubSpec, doc: DocSpec, force_name: str) -> tuple[bytes, Marks]:
    """Drawn twice: the second pass knows section pages and the page count."""
    header = spec.title_cy if doc.language == "cy" and spec.title_cy else spec.title
    return render(house_style(header, doc.footer, doc.features), _body(spec, doc, force_name),
                  title=header, front=_cover_for(spec, doc), passes=2)


def render_pdf(spec: PubSpec, doc: DocSpec, force_name: str = "") -> tuple[bytes, Marks]:
    """The PDF for ``doc`` with its marks, cached for the session."""
    key = (spec.slug, doc.path)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    result = (corrupt_pdf(spec), {}) if doc.corrupt else render_pdf_uncached(spec, doc,
                                                                              force_name)
    with _LOCK:
        _CACHE[key] = result
    return result
