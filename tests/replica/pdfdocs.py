"""The replica's report PDFs, drawn with `Layout`; each returns its bytes and page marks.

Marks say on which page each finding starts (("main"|"summary", kind, ref)) and where
each grade is stated (("grade", area)); Truth takes its page numbers from them. Page
numbers are physical, 1-based (the cover is page 1 and carries no footer).
"""
from __future__ import annotations

from collections.abc import Callable
from threading import Lock

from tests.replica.layout import Layout
from tests.replica.reports import VICTIM_SERVICE, grade_word
from tests.replica.spec import DocSpec, PubSpec
from tests.replica.text import REFERENCE_KEY_FINDINGS, WELSH_FILLER, filler

R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
INSPECTORATE = "His Majesty\u2019s Inspectorate of Constabulary and Fire & Rescue Services"
Marks = dict[tuple[str, ...], int]
_CACHE: dict[tuple[str, str], tuple[bytes, Marks]] = {}
_LOCK = Lock()


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


def _numbered(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    recs = spec.findings_of(R)
    if "split_rec" in doc.features and len(recs) > 1:
        height = lay.heading_height() + lay.para_height("We make the following recommendations.")
        height += sum(lay.para_height(r.text, indent=18) for r in recs[:-1])
        lay.reserve_tail(height + 2 * 10.5 * 1.35)
    lay.heading("Recommendations", section="Recommendations")
    lay.para("We make the following recommendations.")
    for r in recs:
        lay.para(r.text, indent=18, prefix=f"{r.ref}.", mark=("main", R, r.ref))


def _headed(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    lay.heading("Recommendations", section="Recommendations")
    for r in spec.findings_of(R):
        lay.heading(f"Recommendation {r.ref}", size=11.5, keep=2)
        lay.para(r.text, mark=("main", R, r.ref))


def _concerns(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    lay.heading(_findings_section_name(spec), section=_findings_section_name(spec))
    recs = spec.findings_of(R)
    for concern in spec.findings_of(C):
        lay.heading(f"Cause of concern {concern.ref}", size=11.5, keep=2)
        lay.para(concern.text, mark=("main", C, concern.ref))
        following = [r for r in recs if r.follows == concern.ref]
        lay.heading("Recommendations" if len(following) > 1 else "Recommendation",
                    size=10.5, keep=2)
        for r in following:
            lay.para(r.text, indent=18, prefix=f"{r.ref}.", mark=("main", R, r.ref))


def _afis(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    afis = spec.findings_of(A)
    if not afis:
        return
    if "two_column" in doc.features:
        lay.new_page()
        lay.heading("Areas for improvement", section="Areas for improvement")
        lay.begin_columns()
        count = 0
        while lay.lines_left(9.5 * 1.35) >= 5:
            lay.para(filler(4 + count, 1)[0], size=9.5)
            count += 1
    else:
        lay.heading("Areas for improvement", section="Areas for improvement")
    for a in afis:
        if a.numbered and "two_column" not in doc.features and doc.style == "headed":
            lay.heading(f"Area for improvement {a.ref}", size=11.5, keep=2)
            lay.para(a.text, mark=("main", A, a.ref))
        elif a.numbered:
            lay.para(a.text, indent=18, prefix=f"{a.ref}.", mark=("main", A, a.ref))
        else:
            lay.para(a.text, size=9.5 if "two_column" in doc.features else 10.5, indent=14,
                     prefix="\u2022", mark=("main", A, a.ref))
    if "two_column" in doc.features:
        for text in filler(1, 2):
            lay.para(text, size=9.5)
        lay.end_columns()


_FINDINGS: dict[str, Callable[[Layout, PubSpec, DocSpec], None]] = {
    "numbered": _numbered, "headed": _headed, "concerns": _concerns}


def draw_report(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    """A report: cover, contents, summary, narrative, findings, annex."""
    lay.cover(spec.title, [doc.cover_date or "", INSPECTORATE])
    if "contents" in doc.features:
        lay.heading("Contents")
        lay.contents([(name, lay.toc.get(name, 0)) for name in _sections(spec)])
        lay.new_page()
    lay.heading("Summary", section="Summary")
    if "key_findings" in doc.features:
        for text in REFERENCE_KEY_FINDINGS:
            lay.para(text)
    else:
        lay.para(spec.summary)
        for text in filler(2, 2):
            lay.para(text)
    if "summary_repeat" in doc.features:
        recs = spec.findings_of(R)
        lay.para(f"We have made {len(recs)} recommendations:")
        for r in recs:
            lay.para(r.text, indent=18, prefix=f"{r.ref}.", mark=("summary", R, r.ref))
    lay.new_page()
    lay.heading("Introduction", section="Introduction")
    for text in filler(0, 3):
        lay.para(text)
    lay.heading("Our findings", section="Our findings")
    for text in filler(3, 5):
        lay.para(text)
    if spec.findings_of(R):
        _FINDINGS[doc.style](lay, spec, doc)
    _afis(lay, spec, doc)
    lay.heading("Annex A: About the data", section="Annex A: About the data")
    for text in filler(6, 2):
        lay.para(text)


def draw_peel(lay: Layout, spec: PubSpec, doc: DocSpec, force_name: str) -> None:
    """A PEEL report: judgments as a table or as sentences, then area chapters."""
    lay.cover(spec.title, [doc.cover_date or "", INSPECTORATE])
    lay.heading("Overall summary")
    lay.para(spec.summary)
    for text in filler(0, 3 if "table_split" in doc.features else 1):
        lay.para(text)
    grades = list(spec.grades)
    if doc.style == "grade_table":
        if "table_split" in doc.features:
            lay.reserve_tail(lay.heading_height() + lay.para_height("x") + 5 * 22)
        lay.heading("Our judgments", section="Our judgments")
        lay.para("Our inspection assessed how good the force is in the following areas.")
        rows = [(g.area, grade_word(g.grade)) for g in grades]
        marks: list[tuple[str, ...] | None] = [("grade", g.area) for g in grades]
        if any(g.cycle == "2023-25" for g in grades):
            rows.append((VICTIM_SERVICE, "Not graded"))
            marks.append(None)
        lay.table(("Area of policing", "Grade"), rows, marks=marks)
    else:
        lay.heading("Our judgments", section="Our judgments")
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
                lay.para(text, mark=("grade", g.area))
                lay.marks.setdefault(("grade", other.area), lay.page)
            else:
                lay.para(f"{force_name} was graded {g.grade} at {g.area.lower()}.",
                         mark=("grade", g.area))
    areas = spec.extra.get("afi_areas", "").split("|")
    by_area = {g.area: g for g in grades}
    for afi, area in zip(spec.findings_of(A), areas):
        lay.heading(area, section=area)
        if "restate" in doc.features:
            lay.para(grade_word(by_area[area].grade), bold=True)
        for text in filler(len(area), 2):
            lay.para(text)
        lay.heading("Area for improvement", size=11.5, keep=2)
        lay.para(afi.text, mark=("main", A, afi.ref))
    lay.heading("About this inspection")
    lay.para(filler(7, 1)[0])


def draw_welsh(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    """The Welsh translation: same recommendations, in Welsh."""
    lay.cover(spec.title_cy or spec.title, [doc.cover_date or "",
                                             "Arolygiaeth Cwnstabliaeth ac Arolygiaeth "
                                             "Gwasanaethau Tân ac Achub EF"])
    lay.heading("Crynodeb")
    for text in WELSH_FILLER:
        lay.para(text)
    lay.heading("Argymhellion")
    for r in spec.findings_of(R):
        lay.para(r.welsh or "", indent=18, prefix=f"{r.ref}.")


def draw_plain(lay: Layout, spec: PubSpec, doc: DocSpec) -> None:
    """A document with no findings (plan, consultation, update)."""
    lay.cover(spec.title, [doc.cover_date or "", INSPECTORATE])
    lay.heading("Foreword")
    lay.para(spec.summary)
    for text in filler(2, 5):
        lay.para(text)


def _layout_for(spec: PubSpec, doc: DocSpec, toc: dict[str, int], total: int) -> Layout:
    header = spec.title_cy if doc.language == "cy" and spec.title_cy else spec.title
    return Layout(header, doc.footer, ligatures="ligatures" in doc.features,
                  hyphenate="hyphenate" in doc.features, toc=toc, total=total)


def _draw(lay: Layout, spec: PubSpec, doc: DocSpec, force_name: str) -> None:
    if doc.style in ("grade_table", "grade_sentences"):
        draw_peel(lay, spec, doc, force_name)
    elif doc.style == "welsh":
        draw_welsh(lay, spec, doc)
    elif doc.style == "plain":
        draw_plain(lay, spec, doc)
    else:
        draw_report(lay, spec, doc)


def corrupt_pdf(spec: PubSpec) -> bytes:
    """A PDF cut off after its first kilobyte, with junk where the rest should be."""
    good = render_pdf_uncached(spec, DocSpec(path="", href="", kind="pdf", label="",
                                             style="plain"), "")[0]
    return good[:1024] + b"\n%%\x00\x00 transfer interrupted \x00" * 8


def render_pdf_uncached(spec: PubSpec, doc: DocSpec, force_name: str) -> tuple[bytes, Marks]:
    """Draw twice (the second pass knows section pages and the page count)."""
    first = _layout_for(spec, doc, {}, 0)
    _draw(first, spec, doc, force_name)
    first.finish()
    second = _layout_for(spec, doc, first.sections, first.page)
    _draw(second, spec, doc, force_name)
    data = second.finish()
    if second.marks != first.marks or second.page != first.page:
        raise RuntimeError(f"unstable pagination in {doc.path}")
    return data, second.marks


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
