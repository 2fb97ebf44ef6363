"""A report's text blocks, and what their words say: finding labels ("Recommendation 1",
"Areas for improvement"), summary headings, and the phrasing of findings and of prose
about them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.records import FindingKind

BlockKind = Literal["heading", "paragraph", "item"]
LABEL_LEVEL = 7    # level given to bold paragraphs, definition terms and table headers


@dataclass
class TextBlock:
    """A heading, paragraph or list item of a report, in reading order."""

    kind: BlockKind
    text: str
    level: int = 0              # heading: 1 (top) .. 7 (bold line / label); item: depth 0..
    marker: str | None = None   # list number as printed ("1", "2.3", "a"); None for bullets
    page: int | None = None     # PDF page, 1-based
    anchor: str | None = None   # HTML id of the nearest heading
    force: str | None = None    # force id the layout ties this block to (a table column)
    context: str | None = None  # text the layout ties to it (a table's timescale cell)


# ---------------------------------------------------------------- labels

_KINDS: list[tuple[FindingKind, str, str]] = [
    ("recommendation", r"recommendation|argymhelliad", r"recommendations|argymhellion"),
    ("area_for_improvement", r"area\s+for\s+improvement|afi|maes\s+i'w\s+wella",
     r"areas\s+for\s+improvement|afis|meysydd\s+i'w\s+gwella"),
    ("cause_of_concern", r"cause\s+of\s+concern|achos\s+pryder",
     r"causes\s+of\s+concern|achosion\s+pryder"),
]
_ALT = "|".join(f"(?P<s{i}>{s})|(?P<p{i}>{p})" for i, (_, s, p) in enumerate(_KINDS))
_LABEL = re.compile(
    rf"^(?P<prefix>(?:our|the|summary\s+of(?:\s+the)?|list\s+of|national|key|main|new|"
    rf"accelerated)\s+)?"
    rf"(?:{_ALT})\b(?:\s+(?:number|no\.?))?"
    rf"(?:\s*(?P<ref>\d{{1,3}}(?:\.\d{{1,2}})*|[A-Z](?![\w'])|[ivx]{{1,4}}(?![\w'])))?"
    rf"(?P<tail>.*)$", re.IGNORECASE | re.DOTALL)
_SEPARATOR = re.compile(r"^\s*[:.\u2013\u2014-]\s*")


@dataclass
class Label:
    """What a label says: its kind, section or single, printed ref and any inline text."""

    kind: FindingKind
    section: bool
    ref: str | None = None
    rest: str = ""
    summary: bool = False
    target: str = ""
    past: bool = False     # "Recommendations from our 2019 report": another report's


_PART = re.compile(r"^(?:annex|appendix|chapter|part|section)\s+[\w.]{1,4}\s*[:.\u2013\u2014-]\s*",
                   re.IGNORECASE)
PAST_REPORT = re.compile(r"\b(?:previous|earlier|last|prior|past|original|progress|update|"
                   r"(?:19|20)\d\d)\b", re.IGNORECASE)


def parse_label(text: str, heading: bool = False) -> Label | None:
    """Read a finding label at the start of ``text``, or None if it is not one.

    For a heading, a plural label with a short qualifier ("Areas for improvement in
    custody", "Recommendations (2019)") still opens a section."""
    norm = straight_quotes(text).strip().rstrip()
    if heading and _PART.match(norm):  # "Annex A: Recommendations from our 2019 report"
        text = norm = norm[_PART.match(norm).end():]  # type: ignore[union-attr]
    m = _LABEL.match(norm)
    if not m:
        return None
    index = next(i for i in range(len(_KINDS)) if m.group(f"s{i}") or m.group(f"p{i}"))
    plural = bool(m.group(f"p{index}"))
    kind = _KINDS[index][0]
    prefix = (m.group("prefix") or "").lower()
    ref, tail = m.group("ref"), m.group("tail")
    rest = ""
    target = ""
    if tail.strip():
        sep = _SEPARATOR.match(tail)
        if sep:
            rest = text.strip()[len(norm) - len(tail) + sep.end():].strip()
        elif ref and ref[0].isdigit() and tail[:1] == " " and tail.strip()[:1].isupper():
            rest = text.strip()[len(norm) - len(tail):].strip()
        elif plural and not ref and re.match(r"^\s+(?:for|to|and|made to|made for)\s+\S", tail,
                                             re.IGNORECASE):
            target = tail.strip()
        elif not plural and re.match(r"^\s*\(\s*\w{1,4}\s*\)\s*$", tail):
            ref = ref or re.sub(r"\W", "", tail)
        elif heading and plural and not ref and len(tail.split()) <= 6 and not re.search(
                r"\b(?:are|were|is|was|have|has|had|will|should)\b", tail, re.IGNORECASE):
            target = tail.strip()
        else:
            return None
    if plural and ref:
        return None      # "Recommendations 12" is a contents line, not a label
    if "\n" in rest:
        rest = " ".join(rest.split())
    # "Recommendations from our 2019 report" is another report's: it holds none of ours
    other_report = bool(target and PAST_REPORT.search(target))
    return Label(kind, plural or bool(target), ref, rest,
                 summary=prefix.startswith(("summary", "list")), target=target,
                 past=other_report)


def straight_quotes(text: str) -> str:
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
            .replace("\u201d", '"'))


_SUMMARY = re.compile(
    r"^(?:executive\s+summary|summary|key\s+findings|summary\s+of\b|overview|at\s+a\s+glance|"
    r"main\s+findings|crynodeb)", re.IGNORECASE)
NONE_STATED = re.compile(
    r"\b(?:no|not\s+(?:make|made|making)\s+any|none|nid\s+oes)\b[^.]*?\b(?:recommendations?|"
    r"areas?\s+for\s+improvement|causes?\s+of\s+concern|argymh)|^none\.?$|^n/?a\.?$",
    re.IGNORECASE)
MODAL_VERB = re.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+to|are\s+to|has\s+to|have\s+to|"
    r"recommends?\s+that|we\s+recommend)\b", re.IGNORECASE)
FINDINGS_PROSE = re.compile(
    r"\b(?:we\s+(?:have\s+)?(?:made|make|set\s+out|list)|this\s+(?:report|section|chapter)\s+"
    r"(?:makes|contains|sets)|(?:is|are|were)\s+(?:made|set\s+out|listed|directed)|"
    r"should\s+be\s+read|read\s+(?:alongside|together)|"
    # a framework defining the terms: "When we find ..., we report a cause of concern"
    r"we\s+(?:will\s+)?(?:report|raise|identify|issue|give)\s+an?\s+(?:cause\s+of\s+concern|"
    r"area\s+for\s+improvement|recommendation)|\bif\s+we\s+find\b|\bwhen\s+we\s+find\b)",
    re.IGNORECASE)
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d*\s*$|…{2,}")


def is_summary_heading(text: str) -> bool:
    """True for headings whose sections summarise the report."""
    return bool(_SUMMARY.match(text.strip()))
