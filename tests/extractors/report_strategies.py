"""Hypothesis strategies that build report pages from the inspectorate's shapes of wording:
lead-ins x item styles, numbering, due dates, addressees, causes of concern with their
statements and recommendations, trailing notes, areas for improvement, and grades as
tables, lists, "Area: Grade" lines, prose judgments and decoys. Each draw gives the page
as HTML and as text blocks (what the PDF reader produces) with the findings or grades it
prints, as the extractor must return them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from hypothesis import strategies as st

from extractors.findings.labels import LABEL_LEVEL, TextBlock


@dataclass(frozen=True)
class Want:
    kind: str
    ref: str
    text: str
    due_by: date | None = None
    addressee: str | None = None


@dataclass
class Page:
    """Abstract blocks: ("h", level, text), ("p", text), ("items", style, [(marker, text)])."""

    blocks: list[tuple]
    want: list[Want]

    def html(self) -> bytes:
        out = ["<html><head><meta charset=\"utf-8\"><title>An inspection</title></head><body><main>",
               "<h1>An inspection of the force</h1>"]
        for block in self.blocks:
            if block[0] == "h":
                _, level, text = block
                out.append(f"<p><strong>{escape(text)}</strong></p>" if level == LABEL_LEVEL
                           else f"<h{level}>{escape(text)}</h{level}>")
            elif block[0] == "p":
                out.append(f"<p>{escape(block[1])}</p>")
            else:
                _, style, items = block
                if style in ("ul", "ol", "ol-a"):
                    tag = "ul" if style == "ul" else "ol"
                    kind = ' type="a"' if style == "ol-a" else ""
                    out.append(f"<{tag}{kind}>" + "".join(
                        f"<li>{escape(t)}</li>" for _, t in items) + f"</{tag}>")
                else:
                    out += [f"<p>{escape(_printed(style, m, t))}</p>" for m, t in items]
        out.append("<h2>About this inspection</h2><p>Forces should read the annex.</p>")
        return "".join(out + ["</main></body></html>"]).encode()

    def text_blocks(self) -> list[TextBlock]:
        out = [TextBlock("heading", "An inspection of the force", 1)]
        for block in self.blocks:
            if block[0] == "h":
                out.append(TextBlock("heading", block[2], block[1]))
            elif block[0] == "p":
                out.append(TextBlock("paragraph", block[1]))
            else:
                _, style, items = block
                for marker, text in items:
                    if style in ("ul", "ol", "ol-a"):
                        out.append(TextBlock("item", text, 0, marker))
                    else:   # a PDF line that keeps its glyph or letter
                        out.append(TextBlock("paragraph", _printed(style, marker, text)))
        out += [TextBlock("heading", "About this inspection", 2),
                TextBlock("paragraph", "Forces should read the annex.")]
        return out


def _printed(style: str, marker: str | None, text: str) -> str:
    return {"bullet": f"\u2022 {text}", "dash": f"\u2013 {text}", "letter": f"{marker}) {text}",
            "roman": f"({marker}) {text}", "number": f"{marker}. {text}"}[style]


# ---------------------------------------------------------------- wording

DUES = [("By 31 March 2026", date(2026, 3, 31)), ("Within six months", None),
        ("By 1 October 2025", date(2025, 10, 1)), ("Not later than 31 March 2015", date(2015, 3, 31)),
        ("Within three months", None), ("Immediately", None)]
ADDRESSEES = [("chief constables", "chief constables"), ("the force", "the force"),
              ("the constabulary", "the force"), ("the College of Policing", "College of Policing"),
              ("forces", "forces")]
LEADS = ["{Due}, {who} should:", "HMIC recommends that {due} {who} should:",
         "We recommend that, {due}, {who} should:",
         "We made the following recommendations, stating that {due} {who} should:"]
CONCERN_LEAD = "To address this cause of concern, we recommend that {due} {who} should:"
_VERBS = ["expand", "review", "clearly define", "agree a plan for", "audit", "publish data on"]
_OBJECTS = ["the training it gives to call handlers", "the role of the crime registrar",
            "how it records reports of anti-social behaviour", "its use of stop and search",
            "the way supervisors check open investigations", "how victims are kept updated"]
ACTIONS = [f"{v} {o}" for v in _VERBS for o in _OBJECTS]   # 36, no one inside another
STATEMENTS = [("The force needs to improve how quickly it answers emergency calls.", "the force"),
              ("The force doesn\u2019t do enough to protect children who go missing.", None),
              ("The constabulary isn\u2019t managing the risk posed by registered sex "
               "offenders.", None)]
CONCERN_HEADINGS = ["Cause of concern", "Cause of concern: responding to the public",
                    "Accelerated cause of concern", "Cause of concern: protecting vulnerable people"]
NOTES = ["HMIC expects chief constables to report on their progress within six months.",
         "We will revisit the force to check its progress."]
AFI_SUBJECTS = [("The force should", "the force"), ("The constabulary should", "the force"),
                ("The service should", "the service")]
ITEM_STYLES = ["ul", "bullet", "dash"]              # unnumbered items
MARKED_STYLES = ["ol", "ol-a", "letter", "roman", "number"]
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi"]


def _lead_text(template: str, due: str, who: str) -> str:
    return template.format(Due=due, due=due[0].lower() + due[1:], who=who)


def _markers(style: str, n: int) -> list[str | None]:
    if style in ITEM_STYLES:
        return [None] * n
    if style in ("ol-a", "letter"):
        return [chr(ord("a") + i) for i in range(n)]
    if style == "roman":
        return _ROMAN[:n]
    return [str(i + 1) for i in range(n)]


def _item_ref(parent: str, marker: str | None, index: int) -> str:
    if marker is None:
        return f"{parent}.{index}"
    return f"{parent}.{marker}" if marker[0].isdigit() else f"{parent}{marker}"


@st.composite
def _recommendation(draw, ordinal: int, printed: bool, after_concern: bool, pool: list[str]):
    """One recommendation: a lead-in and its items (each a recommendation), or one
    sentence; printed as "Recommendation N" when the document numbers them."""
    blocks: list[tuple] = []
    if printed:
        label = draw(st.sampled_from(["Recommendation {n}", "Recommendation {n}:"]))
        blocks.append(("h", draw(st.sampled_from([3, LABEL_LEVEL])), label.format(n=ordinal)))
    due, due_by = draw(st.sampled_from(DUES))
    who, addressee = draw(st.sampled_from(ADDRESSEES))
    if draw(st.booleans()):
        sentence = f"{due}, {who} should {pool.pop()}."
        blocks.append(("p", sentence))
        return blocks, [Want("recommendation", str(ordinal), sentence, due_by, addressee)]
    template = CONCERN_LEAD if after_concern and draw(st.booleans()) else \
        draw(st.sampled_from(LEADS))
    lead = _lead_text(template, due, who)
    style = draw(st.sampled_from(ITEM_STYLES + (MARKED_STYLES if printed else [])))
    actions = [pool.pop() for _ in range(draw(st.integers(1, 4)))]
    texts = [a + (";" if i < len(actions) - 1 else ".") for i, a in enumerate(actions)]
    markers = _markers(style, len(texts))
    blocks += [("p", lead), ("items", style, list(zip(markers, texts)))]
    want = [Want("recommendation", _item_ref(str(ordinal), m, i), t, due_by, addressee)
            for i, (m, t) in enumerate(zip(markers, texts), start=1)]
    if draw(st.booleans()):
        blocks.append(("p", draw(st.sampled_from(NOTES))))
    return blocks, want


@st.composite
def finding_pages(draw) -> Page:
    """A report page: causes of concern with their recommendations, a recommendations
    section, areas for improvement; numbered throughout or not at all."""
    printed = draw(st.booleans())
    pool = draw(st.permutations(ACTIONS))
    blocks: list[tuple] = []
    want: list[Want] = []
    rec = concern = 0
    if draw(st.booleans()):
        blocks.append(("h", 2, "Causes of concern"))
        statements = draw(st.permutations(STATEMENTS))
        for _ in range(draw(st.integers(1, 2))):
            concern += 1
            statement, who = statements[concern - 1]
            blocks += [("h", 3, draw(st.sampled_from(CONCERN_HEADINGS))), ("p", statement)]
            want.append(Want("cause_of_concern", str(concern), statement, None, who))
            for _ in range(draw(st.integers(1, 2))):
                rec += 1
                b, w = draw(_recommendation(rec, printed, True, pool))
                blocks += b
                want += w
    n = draw(st.integers(0 if want else 1, 2))
    if n:
        blocks.append(("h", 2, draw(st.sampled_from(["Recommendations", "Our recommendations"]))))
    for _ in range(n):
        rec += 1
        b, w = draw(_recommendation(rec, printed, False, pool))
        blocks += b
        want += w
    if draw(st.booleans()):
        blocks.append(("h", 2, "Areas for improvement"))
        subjects = draw(st.lists(st.sampled_from(AFI_SUBJECTS), min_size=1, max_size=3))
        actions = [pool.pop() for _ in subjects]
        style = draw(st.sampled_from(["ul", "bullet", "dash", "ol", "number"]))
        texts = [f"{s} {a}." for (s, _), a in zip(subjects, actions)]
        blocks.append(("items", style, list(zip(_markers(style, len(texts)), texts))))
        want += [Want("area_for_improvement", str(i), t, None, who)
                 for i, (t, (_, who)) in enumerate(zip(texts, subjects), start=1)]
    return Page(blocks, want)


# ---------------------------------------------------------------- grades

AREAS_2023 = ["Recording data about crime", "Police powers and public treatment",
              "Responding to the public", "Investigating crime", "Protecting vulnerable people",
              "Managing offenders and suspects", "Leadership and force management"]
GRADES_5 = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
PILLARS = [("effective", "Effectiveness"), ("efficient", "Efficiency"),
           ("legitimate", "Legitimacy")]
PROSE = ["The extent to which the {body} is {adj} at keeping people safe and reducing crime "
         "{verb}{grade}.", "Overall, the extent to which the {body} is {adj} at keeping people "
         "safe and reducing crime {verb}{grade}."]
DECOYS = ["<h2>Areas for improvement: good</h2>", "<p>Areas for improvement: good</p>",
          "<h3>Good practice</h3><p>The force shares what works with other forces.</p>",
          "<p>We found some good work in neighbourhood teams.</p>"]


@dataclass
class GradePage:
    html: str
    cycle: str
    want: list[tuple[str, str]]


@st.composite
def grade_pages(draw) -> GradePage:
    """A force page whose grades are a table, a list, "Area: Grade" lines or (2014-2019)
    prose judgments of the pillars, among decoys that are no grades."""
    form = draw(st.sampled_from(["table", "list", "lines", "prose"]))
    decoys = draw(st.lists(st.sampled_from(DECOYS), max_size=2, unique=True))
    if form == "prose":
        pillars = draw(st.lists(st.sampled_from(PILLARS), min_size=1, max_size=3, unique=True))
        body = draw(st.sampled_from(["force", "constabulary"]))
        parts, want = [], []
        for adj, name in pillars:
            grade = draw(st.sampled_from(["outstanding", "good", "requires improvement",
                                          "inadequate"]))
            verb = "" if grade == "requires improvement" else \
                draw(st.sampled_from(["is ", "is judged to be "]))
            parts.append(draw(st.sampled_from(PROSE)).format(body=body, adj=adj, verb=verb,
                                                             grade=grade))
            want.append((name, grade))
        html = "".join(f"<p>{escape(p)}</p>" for p in parts)
        cycle = draw(st.sampled_from(["2015", "2016", "2017"]))
    else:
        areas = draw(st.lists(st.sampled_from(AREAS_2023), min_size=1, max_size=5, unique=True))
        grades = [draw(st.sampled_from(GRADES_5)) for _ in areas]
        pairs = list(zip(areas, grades))
        if form == "table":
            html = "<table><tr><th>Area</th><th>Grade</th></tr>" + "".join(
                f"<tr><td>{a}</td><td>{g}</td></tr>" for a, g in pairs) + "</table>"
        elif form == "list":
            html = "<ul>" + "".join(f"<li>{a}: {g}</li>" for a, g in pairs) + "</ul>"
        else:
            html = "".join(f"<p>{a}: {g}</p>" for a, g in pairs)
        html = "<h2>Our judgments</h2>" + html
        want = [(a, g.lower()) for a, g in pairs]
        cycle = "2023-25"
    where = draw(st.integers(0, len(decoys)))
    page = "".join(decoys[:where]) + html + "".join(decoys[where:])
    return GradePage(f"<html><head><title>PEEL {cycle}: Essex Police</title></head><body>"
                     f"<main><h1>PEEL {cycle}: Essex Police</h1>{page}</main></body></html>",
                     cycle, want)
