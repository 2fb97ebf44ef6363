"""HTML report versions, PEEL force report pages and the fire & rescue report page."""
from __future__ import annotations

from html import escape

from tests.replica.chrome import long_date, page
from tests.replica.spec import DocSpec, FindingSpec, GradeSpec, PubSpec
from tests.replica.text import GRADING_SCALE, REFERENCE_KEY_FINDINGS, filler

R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
VICTIM_SERVICE = "Victim service assessment"


def grade_word(grade: str) -> str:
    """'requires improvement' -> 'Requires improvement'."""
    return grade[:1].upper() + grade[1:]


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _rec_html(f: FindingSpec, bold_due: bool) -> str:
    """A finding's text, with a leading due-date phrase in bold when asked."""
    text = escape(f.text)
    if bold_due and f.due_by and "," in f.text:
        head, tail = f.text.split(",", 1)
        text = f"<strong>{escape(head)}</strong>,{escape(tail)}"
    return text


def _afis(spec: PubSpec, doc: DocSpec, headed: bool) -> str:
    afis = spec.findings_of(A)
    if not afis:
        return ""
    out = '<h2 id="areas-for-improvement">Areas for improvement</h2>'
    if all(not a.numbered for a in afis):
        return out + "<ul>" + "".join(f"<li>{escape(a.text)}</li>" for a in afis) + "</ul>"
    if headed and "afi_ol" not in doc.features:
        return out + "".join(f"<h3>Area for improvement {a.ref}</h3>{_p(a.text)}" for a in afis)
    return out + '<ol class="afis">' + "".join(f"<li>{escape(a.text)}</li>" for a in afis) + "</ol>"


def _findings_ol(spec: PubSpec, doc: DocSpec) -> str:
    recs = spec.findings_of(R)
    out = ""
    if recs:
        out += ('<h2 id="recommendations">Recommendations</h2>'
                f"<p>We have made {len(recs)} recommendations.</p>"
                '<ol class="recommendations">'
                + "".join(f"<li><p>{escape(r.text)}</p></li>" for r in recs) + "</ol>")
    return out + _afis(spec, doc, headed=False)


def _findings_headed(spec: PubSpec, doc: DocSpec) -> str:
    recs = spec.findings_of(R)
    out = '<h2 id="recommendations">Recommendations</h2>' if recs else ""
    for i, r in enumerate(recs):
        out += (f'<h3 id="recommendation-{r.ref}">Recommendation {r.ref}</h3>'
                f"<p>{_rec_html(r, bold_due=i == 0)}</p>")
    return out + _afis(spec, doc, headed=True)


def _findings_concerns(spec: PubSpec, doc: DocSpec) -> str:
    out = '<h2 id="causes-of-concern">Causes of concern and recommendations</h2>'
    recs = spec.findings_of(R)
    for concern in spec.findings_of(C):
        following = [r for r in recs if r.follows == concern.ref]
        label = "Recommendations" if len(following) > 1 else "Recommendation"
        out += (f'<div class="callout callout--concern"><h3>Cause of concern {concern.ref}</h3>'
                f"{_p(concern.text)}</div>"
                f'<div class="callout callout--recommendation"><h4>{label}</h4>'
                f'<ol start="{following[0].ref}">'
                + "".join(f"<li>{escape(r.text)}</li>" for r in following) + "</ol></div>")
    return out + _afis(spec, doc, headed=False)


def _findings_table(spec: PubSpec, doc: DocSpec) -> str:
    rows = "".join(f"<tr><td>{r.ref}</td><td>{escape(r.text)}</td>"
                   f"<td>{escape(r.timescale or '')}</td></tr>" for r in spec.findings_of(R))
    return ('<h2 id="recommendations">Recommendations</h2>'
            '<table class="recommendations-table"><thead><tr><th scope="col">No.</th>'
            '<th scope="col">Recommendation</th><th scope="col">Timescale</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>" + _afis(spec, doc, headed=False))


_FINDINGS = {"ol": _findings_ol, "headed": _findings_headed, "concerns": _findings_concerns,
             "table": _findings_table}


def report_html(spec: PubSpec, doc: DocSpec, seed: int) -> str:
    """An HTML report version ``/publication-html/<slug>/``."""
    published = (f'<p class="published-date">Published on: {long_date(doc.published_on)}</p>'
                 if doc.published_on else "")
    if "key_findings" in doc.features:
        summary = "".join(_p(t) for t in REFERENCE_KEY_FINDINGS)
        summary_heading = "Key findings"
    else:
        summary = _p(spec.summary) + "".join(_p(t) for t in filler(seed, 2))
        summary_heading = "Summary"
    toc_items = [("summary", summary_heading), ("introduction", "Introduction"),
                 ("findings", "Our findings")]
    if spec.findings_of(C):
        toc_items.append(("causes-of-concern", "Causes of concern and recommendations"))
    elif spec.findings_of(R):
        toc_items.append(("recommendations", "Recommendations"))
    if spec.findings_of(A):
        toc_items.append(("areas-for-improvement", "Areas for improvement"))
    toc = ('<nav class="report-contents" aria-label="Contents"><h2>Contents</h2><ol>'
           + "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in toc_items) + "</ol></nav>")
    main = (
        f'<article class="publication-html"><h1>{escape(spec.title)}</h1>{published}{toc}'
        f'<section id="summary"><h2>{summary_heading}</h2>{summary}</section>'
        '<section id="introduction"><h2>Introduction</h2>'
        + "".join(_p(t) for t in filler(seed + 3, 2)) + "</section>"
        '<section id="findings"><h2>Our findings</h2>'
        + "".join(_p(t) for t in filler(seed + 5, 3)) + "</section>"
        f'<section class="findings">{_FINDINGS[doc.style](spec, doc)}</section>'
        '<section id="about-the-data"><h2>About the data</h2>'
        + _p(filler(seed + 1, 1)[0]) + "</section>"
        f'<p class="back-link"><a href="{spec.path}">Back to publication page</a></p></article>'
    )
    return page(spec.title, main, trail=[("Publications", "/publications/"),
                                         (spec.title, spec.path), ("Report", None)],
                canonical=doc.path, body_class="publication-html-template-default")


def _judgments(spec: PubSpec, doc: DocSpec, force_name: str) -> str:
    grades = list(spec.grades)
    with_victim = any(g.cycle == "2023-25" for g in grades)
    style = doc.style
    if style == "table":
        rows = "".join(f"<tr><td>{escape(g.area)}</td><td>{grade_word(g.grade)}</td></tr>"
                       for g in grades)
        if with_victim:
            rows += f"<tr><td>{VICTIM_SERVICE}</td><td>Not graded</td></tr>"
        return ('<table class="judgments"><thead><tr><th scope="col">Area of policing</th>'
                f'<th scope="col">Grade</th></tr></thead><tbody>{rows}</tbody></table>')
    if style == "list":
        return ('<ul class="judgment-list">'
                + "".join(f"<li>{escape(g.area)}: {grade_word(g.grade)}</li>" for g in grades)
                + "</ul>")
    if style == "dl":
        items = "".join(f"<dt>{escape(g.area)}</dt><dd>{grade_word(g.grade)}</dd>"
                        for g in grades)
        if with_victim:
            items += f"<dt>{VICTIM_SERVICE}</dt><dd>Not graded</dd>"
        return f'<dl class="judgments">{items}</dl>'
    if style == "sentences":
        return "".join(f"<p>We graded {escape(force_name)} as <strong>{g.grade}</strong> for "
                       f"{g.area.lower()}.</p>" for g in grades)
    raise ValueError(f"unknown PEEL page style {style}")


def peel_page(spec: PubSpec, doc: DocSpec, force_name: str, seed: int) -> str:
    """A PEEL force report page ``/peel-reports/<force>-<cycle>/``."""
    published = (f"<p><strong>Published on:</strong> {long_date(doc.published_on)}</p>"
                 if doc.published_on else "")
    legend = _p(GRADING_SCALE) if doc.style == "table" else ""
    victim = ""
    if any(g.cycle == "2023-25" for g in spec.grades) and doc.style not in ("table", "dl"):
        victim = f"<p>{VICTIM_SERVICE}: not graded</p>"
    chapters = ""
    areas = spec.extra.get("afi_areas", "").split("|")
    by_area = {g.area: g for g in spec.grades}
    for afi, area in zip(spec.findings_of(A), areas):
        grade = by_area[area].grade
        chapters += (f"<section><h2>{escape(area)}</h2>"
                     f"<p class=\"grade\">{grade_word(grade)}</p>"
                     + _p(filler(seed + len(chapters), 1)[0])
                     + f"<h3>Area for improvement</h3>{_p(afi.text)}</section>")
    main = (
        f'<article class="peel-report"><h1>{escape(spec.title)}</h1>{published}'
        f"<section><h2>Overall summary</h2>{_p(spec.summary)}{legend}</section>"
        f'<section id="our-judgments"><h2>Our judgments</h2>'
        f"{_judgments(spec, doc, force_name)}{victim}</section>"
        f"{chapters}"
        "<section><h2>About this inspection</h2>" + _p(filler(seed, 1)[0]) + "</section>"
        f'<p><a href="{spec.path}">Back to publication page</a></p></article>'
    )
    return page(spec.title, main, trail=[("Publications", "/publications/"),
                                         (spec.title, spec.path), ("PEEL report", None)],
                canonical=doc.path, body_class="peel-report-template-default")


_PILLARS = (("Effectiveness", 5), ("Efficiency", 2), ("People", 4))


def frs_page(spec: PubSpec, doc: DocSpec, seed: int) -> str:
    """A fire & rescue service report page with its graded questions."""
    grades: list[GradeSpec] = list(spec.grades)
    sections, start = "", 0
    for pillar, count in _PILLARS:
        sections += f"<h3>{pillar}</h3>"
        for g in grades[start:start + count]:
            sections += (f'<div class="judgement"><h4>{escape(g.area)}</h4>'
                         f'<p class="judgement__grade">{grade_word(g.grade)}</p></div>')
        start += count
    afis = "".join(f"<li>{escape(a.text)}</li>" for a in spec.findings_of(A))
    published = (f'<p class="published-date">Published on: {long_date(doc.published_on)}</p>'
                 if doc.published_on else "")
    main = (
        f'<article class="frs-assessment"><h1>{escape(spec.title)}</h1>{published}'
        f"<section><h2>Overview</h2>{_p(spec.summary)}</section>"
        f'<section id="judgements"><h2>Our judgements</h2>{sections}</section>'
        f"<section><h2>Areas for improvement</h2><ul>{afis}</ul></section>"
        "<section><h2>About this inspection</h2>" + _p(filler(seed, 1)[0]) + "</section>"
        "</article>"
    )
    return page(spec.title, main, trail=[("Fire & rescue services", "/fire-and-rescue-services/"),
                                         (spec.title, None)], canonical=doc.path)
