"""The response skeleton a local policing body fills in, as Markdown (the Word version,
from the same blocks, is section55/draft_docx.py).

The layout follows the reference response (a Norfolk PCC response to "How effectively
do the police record crime?"): title, the Section 55 paragraph, the header facts, key
findings, recommendations, areas for improvement, then empty chief constable and
body sections with a heading per finding, then the office-use checklist.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date


from reference.forces import force_id_for, forces
from section55.deadlines import long_date
from section55.safe_text import markdown_inline, markdown_line, safe_url

INSPECTORATE = "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
SECTION_55_PARAGRAPH = (
    "Section 55 of the Police Act 1996 (as amended by section 37 of the Policing and Crime "
    "Act 2017) requires local policing bodies to respond and publish comments on all "
    "inspection reports pertaining to your force within 56 days of report publication.")
NO_TIME_LIMIT = "No statutory time limit (published before 2 May 2017)"
KEY_FINDINGS_PLACEHOLDER = ("[Summarise the key findings of the report here: no summary "
                            "could be extracted.]")
NO_AFIS = "There were no areas for improvement."
NO_RECOMMENDATIONS = "There were no recommendations."
ALL_FORCES_TEXT = "All local forces in England and Wales"
_NUMBER_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
                 "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen",
                 "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty")

_NEEDS_ANGLE_BRACKETS = re.compile(r"[\s()]")

Finding = tuple[str, str]


@dataclass
class DraftInput:
    """Everything the skeleton prints; the optional fields are derived when left out."""

    title: str
    published_on: date
    publication_types: list[str]
    forces_text: str
    report_url: str | None
    practice_deadline: date | None
    body_name: str
    force_name: str
    key_findings: str | None = None
    recommendations: list[Finding] = field(default_factory=list)
    areas_for_improvement: list[Finding] = field(default_factory=list)
    causes_of_concern: list[Finding] = field(default_factory=list)
    lpb_type: str | None = None
    force_short_name: str | None = None
    statuses: dict[tuple[str, str], str] = field(default_factory=dict)  # (label kind, ref) -> register status


@dataclass(frozen=True)
class Block:
    """One piece of the document: heading (level 2-4), para, bullet, quote or link."""

    kind: str
    text: str
    level: int = 0
    url: str | None = None


def join_types(types: list[str]) -> str:
    """'A, B, C and D', as the site prints publication types."""
    items = [t.strip() for t in types if t.strip()]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _force_short_name(d: DraftInput) -> str:
    if d.force_short_name:
        return d.force_short_name
    fid = force_id_for(d.force_name)
    if fid in forces():
        return forces()[fid].short_name
    return re.sub(r"\s+(Police|Constabulary|Police Service)$", "", d.force_name.strip())


def _lpb_type(d: DraftInput) -> str:
    if d.lpb_type:
        return d.lpb_type
    fid = force_id_for(d.force_name)
    for body in forces()[fid].bodies if fid in forces() else ():
        if body.name == d.body_name:
            return body.lpb_type
    name = d.body_name.lower()
    for marker, kind in (("police, fire and crime commissioner", "pfcc"),
                         ("police and crime commissioner", "pcc"), ("mayor", "mayor"),
                         ("common council", "common-council"),
                         ("police authority", "police-authority")):
        if marker in name:
            return kind
    return "other"


def _roles(d: DraftInput) -> tuple[str, str, str]:
    """(possessive title subject, short role label, office name) for the body."""
    short, kind, name = _force_short_name(d), _lpb_type(d), d.body_name.strip()
    abbreviation = re.search(r"\(([A-Z]{2,})\)\s*$", name)
    if kind == "pcc":
        return f"{short}'s Police and Crime Commissioner (PCC)", "PCC", "OPCC"
    if kind == "pfcc":
        return f"{short}'s Police, Fire and Crime Commissioner (PFCC)", "PFCC", "OPFCC"
    if abbreviation:
        return name, abbreviation.group(1), abbreviation.group(1)
    label = {"mayor": "Mayor", "common-council": "Common Council",
             "police-authority": "Police Authority"}.get(kind, name)
    return f"{name}'s", label, f"{name}'s"


def _panel(d: DraftInput, kind: str) -> str | None:
    short = _force_short_name(d)
    if force_id_for(d.force_name) == "metropolitan":
        return "London Assembly Police and Crime Committee"
    if kind == "pfcc":
        return f"{short} Police, Fire and Crime Panel"
    if kind in ("pcc", "mayor"):
        return f"{short} Police and Crime Panel"
    return None


def _count_sentence(n: int) -> str:
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    noun, verb = ("recommendation", "is") if n == 1 else ("recommendations", "are")
    return f"{word} {noun} {verb} made within the report:"


def _label(kind: str, ref: str, index: int) -> str:
    return f"{kind} {ref.strip() or index}:"


_BULLET = re.compile(r"^\s*[-\u2022*]\s+(.*)")


def _text_blocks(text: str) -> list[Block]:
    """Paragraphs and bullets from plain text; wrapped lines join their block."""
    blocks: list[Block] = []
    current: list[str] = []
    kind = "para"

    def flush() -> None:
        if current:
            blocks.append(Block(kind, " ".join(" ".join(current).split())))
            current.clear()

    for line in text.splitlines():
        bullet = _BULLET.match(line)
        if bullet or not line.strip():
            flush()
            kind = "bullet" if bullet else "para"
            if bullet:
                current.append(bullet.group(1))
        else:
            current.append(line)
    flush()
    return blocks


def _findings_section(heading: str, kind: str, findings: list[Finding],
                      intro: str | None, statuses: dict[tuple[str, str], str]) -> list[Block]:
    out = [Block("heading", heading, 3)]
    if intro:
        out.append(Block("para", intro))
    for i, (ref, text) in enumerate(findings, start=1):
        out += [Block("heading", _label(kind, ref, i), 4), *_text_blocks(text)]
        if (kind, ref) in statuses:
            out.append(Block("para", f"Register status: {statuses[(kind, ref)]}"))
    return out


def _response_section(heading: str, who: str, d: DraftInput) -> list[Block]:
    out = [Block("heading", heading, 2),
           Block("para", f"[{who} response to the report, to be written.]")]
    numbered = [("Recommendation", f) for f in d.recommendations] + \
               [("Area for improvement", f) for f in d.areas_for_improvement]
    counters: dict[str, int] = {}
    for kind, (ref, text) in numbered:
        counters[kind] = counters.get(kind, 0) + 1
        label = _label(kind, ref, counters[kind])
        out += [Block("heading", label, 3), Block("quote", f'"{" ".join(text.split())}"'),
                Block("para", f"[{who} response to {label.rstrip(':')}.]")]
    return out


def build_blocks(d: DraftInput) -> list[Block]:
    """The document as an ordered list of blocks, shared by both renderers."""
    subject, role, office = _roles(d)
    kind = _lpb_type(d)
    deadline = long_date(d.practice_deadline) if d.practice_deadline else NO_TIME_LIMIT
    blocks = [
        Block("heading", f"{subject} response to inspections published by {INSPECTORATE} "
                         "(HMICFRS)", 2),
        Block("para", SECTION_55_PARAGRAPH),
    ]
    for label, value in (("Inspection Title:", d.title),
                         ("Published on:", long_date(d.published_on)),
                         ("Publication Types:", join_types(d.publication_types)),
                         ("Police Forces:", d.forces_text)):
        blocks += [Block("heading", label, 3), Block("para", value)]
    blocks += [Block("heading", "Link to Report:", 3),
               Block("link", f"{d.title} - {INSPECTORATE}", url=d.report_url or "#"),
               Block("heading", "Section 55 Response Deadline:", 3), Block("para", deadline),
               Block("heading", "Key Findings", 2)]
    blocks += _text_blocks(d.key_findings) if d.key_findings and d.key_findings.strip() \
        else [Block("para", KEY_FINDINGS_PLACEHOLDER)]
    recs, afis = d.recommendations, d.areas_for_improvement
    blocks += _findings_section("Recommendations", "Recommendation", recs,
                                _count_sentence(len(recs)) if recs else NO_RECOMMENDATIONS,
                                d.statuses)
    blocks += _findings_section("Areas For Improvement", "Area for improvement", afis,
                                None if afis else NO_AFIS, d.statuses)
    if d.causes_of_concern:
        blocks += _findings_section("Causes Of Concern", "Cause of concern",
                                    d.causes_of_concern, None, d.statuses)
    blocks += _response_section("Chief Constable response to report and any "
                                "Recommendations/Areas For Improvement", "Chief Constable", d)
    blocks += _response_section(f"{role} response to report and any "
                                "Recommendations/Areas For Improvement", role, d)
    blocks.append(Block("heading", "For Office Use Only:", 3))
    panel = _panel(d, kind)
    checklist = ["Response forwarded to the Chief Constable.",
                 f"Response forwarded to the {panel}." if panel else None,
                 "Response submitted to the HMICFRS monitoring portal.",
                 f"Response published on the {office} website."]
    blocks += [Block("bullet", item) for item in checklist if item]
    return blocks


def _markdown_safe(d: DraftInput) -> DraftInput:
    """The site's text escaped as literal Markdown (HTML, links, emphasis all inert)."""
    def findings(items: list[Finding]) -> list[Finding]:
        return [(markdown_inline(ref), markdown_inline(text)) for ref, text in items]

    def lines(text: str | None) -> str | None:  # keep the bullets _text_blocks reads
        return None if text is None else "\n".join(
            line[:m.start(1)] + markdown_inline(m.group(1)) if (m := _BULLET.match(line))
            else markdown_inline(line) for line in text.splitlines())
    return replace(d, title=markdown_inline(d.title), forces_text=markdown_inline(d.forces_text),
                   publication_types=[markdown_inline(t) for t in d.publication_types],
                   key_findings=lines(d.key_findings), report_url=safe_url(d.report_url),
                   recommendations=findings(d.recommendations),
                   areas_for_improvement=findings(d.areas_for_improvement),
                   causes_of_concern=findings(d.causes_of_concern))


def draft_markdown(d: DraftInput) -> str:
    """The skeleton as Markdown, in the reference response's layout (site text inert)."""
    lines: list[str] = []
    for b in build_blocks(_markdown_safe(d)):
        if b.kind == "heading":
            lines.append(f"{'#' * b.level} **{b.text}**")
        elif b.kind == "link":
            url = b.url or "#"
            target = f"<{url}>" if _NEEDS_ANGLE_BRACKETS.search(url) else url
            lines.append(f"[{b.text}]({target})")
        elif b.kind == "bullet":
            lines.append(f"- {markdown_line(b.text)}")
        else:
            lines.append(markdown_line(b.text))
    out: list[str] = []
    for i, line in enumerate(lines):
        tight = i and line.startswith("- ") and lines[i - 1].startswith("- ")
        out.append(line if tight or not out else "\n" + line)
    return "\n".join(out) + "\n"
