"""Recommendations, areas for improvement and causes of concern from a report's text blocks.

HTML and PDF readers both reduce a report to ``TextBlock`` s (headings, paragraphs, list
items, each with a page or anchor); ``findings_from_blocks`` reads them by meaning:

* a heading (or bold line, table header, definition term) that says "Recommendations",
  "Our recommendations", "Areas for improvement", "Causes of concern"... opens a section
  of that kind, which ends at the next non-finding heading of equal or higher level or
  at a known section name ("Introduction", "Annex", "Glossary"...);
* inside a section, single labels ("Recommendation 1", "Area for improvement:",
  "Cause of concern") each take the text that follows; otherwise list items are the
  findings (a lead-in such as "By 31 March 2026, chief constables should:" followed by
  bullets is one finding); otherwise paragraphs phrased as findings ("... should ...");
* a label inline in a paragraph ("Area for improvement: The force should...") is a
  finding wherever it appears;
* findings under a summary heading ("Executive summary", "Summary of recommendations")
  that repeat a main-section finding are counted once (the main occurrence wins);
* a finding section with nothing readable in it is a ``Problem``.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from extractors.dates import parse_date
from extractors.records import Finding, FindingKind, Problem
from reference.forces import force_id_for, forces

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
    rf"^(?P<prefix>(?:our|the|summary\s+of(?:\s+the)?|list\s+of|national|key|main|new)\s+)?"
    rf"(?:{_ALT})\b(?:\s+(?:number|no\.?))?"
    rf"(?:\s*(?P<ref>\d{{1,2}}(?:\.\d{{1,2}})*|[A-Z](?![\w'])|[ivx]{{1,4}}(?![\w'])))?"
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


_PAST = re.compile(r"\b(?:previous|earlier|last|prior|past|original|progress|update|"
                   r"(?:19|20)\d\d)\b", re.IGNORECASE)


def parse_label(text: str, heading: bool = False) -> Label | None:
    """Read a finding label at the start of ``text``, or None if it is not one.

    For a heading, a plural label with a short qualifier ("Areas for improvement in
    custody", "Recommendations (2019)") still opens a section."""
    norm = _straight(text).strip().rstrip()
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
    return Label(kind, plural or bool(target), ref, rest,
                 summary=prefix.startswith(("summary", "list")), target=target,
                 past=bool(target and _PAST.search(target)))


def _straight(text: str) -> str:
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
            .replace("\u201d", '"'))


_SUMMARY = re.compile(
    r"^(?:executive\s+summary|summary|key\s+findings|summary\s+of\b|overview|at\s+a\s+glance|"
    r"main\s+findings|crynodeb)", re.IGNORECASE)
_TERMINATOR = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:annex|appendix|appendices|glossary|about\s+(?:the\s+data|this|"
    r"us|our|hmicfrs)|introduction|methodology|methods|references|contents|table\s+of\s+contents|"
    r"foreword|background|conclusions?|next\s+steps|acknowledg|terms\s+of\s+reference|context|"
    r"further\s+information|our\s+approach|how\s+we\s+(?:inspected|did)|abbreviations|"
    r"definitions|endnotes|notes)\b", re.IGNORECASE)
_NONE_STATED = re.compile(
    r"\b(?:no|not\s+(?:make|made|making)\s+any|none|nid\s+oes)\b[^.]*?\b(?:recommendations?|"
    r"areas?\s+for\s+improvement|causes?\s+of\s+concern|argymh)|^none\.?$|^n/?a\.?$",
    re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+to|are\s+to|has\s+to|have\s+to|"
    r"recommends?\s+that|we\s+recommend)\b", re.IGNORECASE)
_PROSE = re.compile(
    r"\b(?:we\s+(?:have\s+)?(?:made|make|set\s+out|list)|this\s+(?:report|section|chapter)\s+"
    r"(?:makes|contains|sets)|(?:is|are|were)\s+(?:made|set\s+out|listed|directed)|"
    r"should\s+be\s+read|read\s+(?:alongside|together))", re.IGNORECASE)
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d*\s*$|…{2,}")


def is_summary_heading(text: str) -> bool:
    """True for headings whose sections summarise the report."""
    return bool(_SUMMARY.match(text.strip()))


# ---------------------------------------------------------------- dates, addressees, forces

_DUE = re.compile(
    r"\b(?P<lead>by\s+the\s+end\s+of|by|not\s+later\s+than|no\s+later\s+than|on\s+or\s+before|"
    r"before|until)\s+(?:the\s+)?(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})", re.IGNORECASE)


def due_date_of(text: str) -> date | None:
    """The due date a finding carries ("By 31 March 2026, ..." -> 2026-03-31).

    "Not later than", "no later than", "on or before" and "before" count too; "by the end
    of March 2026" is the month's last day. A month without a day ("by March 2026") and
    relative periods ("within six months") give None: the text keeps them.
    """
    for m in _DUE.finditer(text):
        found = parse_date(m.group("date")) if m.group("date")[:1].isdigit() else None
        if found:
            return found
        if m.group("lead").lower().startswith("by the end"):
            month_year = re.match(r"([A-Za-z]{3,9})\.?,?\s+(\d{4})$", m.group("date"))
            month = parse_date(f"1 {month_year.group(1)} {month_year.group(2)}") \
                if month_year else None
            if month:
                last = calendar.monthrange(month.year, month.month)[1]
                return month.replace(day=last)
    return None


_ADDRESSEES: list[tuple[str, str]] = [
    ("chief constables", r"(?:all\s+)?chief\s+constables|chief\s+officers"),
    ("the chief constable", r"(?:the\s+)?chief\s+constable\b"),
    ("College of Policing", r"(?:the\s+)?college\s+of\s+policing"),
    ("NPCC", r"(?:the\s+)?national\s+police\s+chiefs'?\s+council|\bnpcc\b"),
    ("Home Office", r"(?:the\s+)?home\s+office|(?:the\s+)?home\s+secretary"),
    ("police and crime commissioners",
     r"police(?:,)?\s+(?:fire\s+)?and\s+crime\s+commissioners|\bp(?:f)?ccs\b|local\s+policing\s+bodies"),
    ("National Crime Agency", r"(?:the\s+)?national\s+crime\s+agency|\bnca\b"),
    ("Crown Prosecution Service", r"(?:the\s+)?crown\s+prosecution\s+service|\bcps\b"),
    ("Ministry of Justice", r"(?:the\s+)?ministry\s+of\s+justice"),
    ("Department for Education", r"(?:the\s+)?department\s+for\s+education"),
    ("the force", r"\bthe\s+(?:force|constabulary)\b"),
    ("forces", r"\b(?:all\s+|police\s+|the\s+)?forces\b"),
]
_LEAD_CLAUSE = re.compile(
    r"^(?:(?:by|not\s+later\s+than|no\s+later\s+than|within|before|on\s+or\s+before|"
    r"immediately|as\s+a\s+priority|in\s+the\s+next)\b[^,]*,\s*)+", re.IGNORECASE)


def _subject(text: str) -> str | None:
    """The words before a finding's first modal verb (after any date clause)."""
    body = _LEAD_CLAUSE.sub("", _straight(text).strip())
    m = _MODAL.search(body)
    if not m:
        return None
    if re.match(r"recommends?\s+that|we\s+recommend", m.group(), re.IGNORECASE):
        after = body[m.end():]
        m2 = _MODAL.search(after)
        return _LEAD_CLAUSE.sub("", after[: m2.start()].strip(" ,")) if m2 else None
    return body[: m.start()]


def addressee_of(text: str) -> str | None:
    """Who a finding is addressed to: 'chief constables', 'College of Policing', 'NPCC'...

    Read from the words before the first "should / must / needs to" (or after "we
    recommend that"); a named force gives its name. Several are joined with '; '
    ("Cumbria Constabulary; Crown Prosecution Service").
    """
    subject = _subject(text)
    if not subject or len(subject) > 160:
        return None
    found: list[tuple[int, str]] = list(_subject_forces(subject))
    named_force = bool(found)
    taken: list[tuple[int, int]] = []
    for name, pattern in _ADDRESSEES:
        if named_force and name in _GENERIC:
            continue                     # "the chief constable of Essex Police" -> the force
        for m in re.finditer(pattern, subject, re.IGNORECASE):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), name))
    names = list(dict.fromkeys(n for _, n in sorted(found)))
    return "; ".join(names) if names else None


_GENERIC = {"the force", "forces", "the chief constable"}


def _subject_forces(subject: str) -> list[tuple[int, str]]:
    """(position, force name) for each force a subject names: the whole subject, or
    its parts split at commas and "and" (longest first, so "Devon and Cornwall Police"
    stays one force while "Cumbria Constabulary and CPS North West" gives Cumbria)."""
    whole = _force_in(subject)
    if whole:
        return [(0, forces()[whole].name)]
    pieces = re.split(r"(,|;|\band\b)", subject)
    starts = [sum(len(p) for p in pieces[:i]) for i in range(len(pieces))]
    out = []
    i = 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + 5), i, -1):
            fid = _force_in("".join(pieces[i:j])) if pieces[i] not in (",", ";", "and") else None
            if fid:
                out.append((starts[i], forces()[fid].name))
                i = j
                break
        else:
            i += 1
    return out


def _force_in(subject: str) -> str | None:
    words = re.sub(r"^(?:the\s+)?(?:(?:chief\s+constable|commissioner|chief\s+officer|"
                   r"(?:police,\s+fire\s+and\s+|police\s+and\s+)crime\s+commissioner)"
                   r"\s+(?:of|for)\s+)?", "", subject.strip(" ,"), flags=re.IGNORECASE)
    words = re.sub(r"^the\s+", "", words, flags=re.IGNORECASE)
    fid = force_id_for(words) if 2 < len(words) < 60 else None
    return fid if fid in forces() else None


def force_of(text: str) -> str | None:
    """The force id when a finding's subject names one force ("Essex Police should...",
    "Cumbria Constabulary and CPS North West should..."); None for two forces or none."""
    subject = _subject(text)
    if not subject:
        return None
    named = {force_id_for(name) for _, name in _subject_forces(subject)}
    return named.pop() if len(named) == 1 else None


def force_heading(text: str) -> str | None:
    """The force id a heading names ("Essex Police", "Recommendations for Kent Police")."""
    clean = re.sub(r"^(?:\d+(?:\.\d+)*\.?\s+)", "", _straight(text).strip(" :"))
    fid = force_id_for(clean)
    if fid in forces():
        return fid
    m = re.search(r"\b(?:for|to)\s+(?:the\s+)?(.+)$", clean, re.IGNORECASE)
    if m:
        fid = force_id_for(m.group(1))
        return fid if fid in forces() else None
    return None


# ---------------------------------------------------------------- sections

@dataclass
class _Section:
    kind: FindingKind
    level: int
    heading: TextBlock
    summary: bool
    force: str | None
    addressee: str | None
    blocks: list[TextBlock] = field(default_factory=list)
    past: bool = False


@dataclass
class _Unit:
    kind: FindingKind
    ref: str | None
    parts: list[str]
    force: str | None
    first: TextBlock
    summary: bool
    inherited: str | None = None      # a lead-in whose date/addressee the finding inherits
    located: bool = False

    def text(self) -> str:
        return " ".join(" ".join(p for p in self.parts if p).split())


def findings_from_blocks(blocks: list[TextBlock]) -> tuple[list[Finding], list[Problem]]:
    """Every finding in a report's blocks, deduplicated, with the problems met."""
    problems: list[Problem] = []
    units: list[_Unit] = []
    for section in _sections(blocks):
        if section.past:
            continue                 # findings of an earlier report, restated
        found = _read_section(section)
        if not found and not section.summary and not any(
                _NONE_STATED.search(b.text) for b in section.blocks):
            problems.append(Problem(
                "extract", f"'{section.heading.text}' is followed by nothing readable as a "
                f"{section.kind.replace('_', ' ')}", {"heading": section.heading.text},
                _where(section.heading)))
        units += found
    kept = _dedupe(units)
    problems += _check_concerns(kept)
    return _to_findings(kept), problems


def _where(block: TextBlock) -> str | None:
    if block.page is not None:
        return f"page {block.page}"
    return f"#{block.anchor}" if block.anchor else None


def _sections(blocks: list[TextBlock]) -> list[_Section]:
    """Group blocks under the finding headings that open sections."""
    sections: list[_Section] = []
    current: _Section | None = None
    summary_level: int | None = None
    force_ctx: list[tuple[int, str]] = []
    for block in blocks:
        if ("..." in block.text or ". ." in block.text or "\u2026" in block.text) and \
                DOT_LEADERS.search(block.text):
            continue
        if block.kind == "heading":
            level = block.level
            if summary_level is not None and level <= summary_level:
                summary_level = None
            force_ctx = [(lv, f) for lv, f in force_ctx if lv < level]
            label = parse_label(block.text, heading=True)
            if label:
                if current and (current.past or (not label.section and label.kind == current.kind
                                                 and not label.rest)) and level > current.level:
                    current.blocks.append(block)
                    continue
                if current and not label.section and label.kind == current.kind \
                        and not label.rest:
                    current.blocks.append(block)
                    continue
                if current and label.section and current.kind == label.kind and \
                        level > current.level and not label.target:
                    current.blocks.append(block)     # "Recommendations" under a cause of concern
                    continue
                current = _open(label, block, summary_level, force_ctx)
                sections.append(current)
                continue
            fid = force_heading(block.text)
            if current and (level <= current.level or _TERMINATOR.match(block.text)):
                current = None
            if fid:
                force_ctx.append((level, fid))
            if current:
                current.blocks.append(block)
            if is_summary_heading(block.text) and (summary_level is None or level < summary_level):
                summary_level = level
            continue
        if current:
            current.blocks.append(block)
            continue
        label = parse_label(block.text)
        if label and not label.section and (label.rest or block.kind == "paragraph"):
            current = _open(label, block, summary_level, force_ctx, level=99)
            sections.append(current)
    return sections


def _open(label: Label, block: TextBlock, summary_level: int | None,
          force_ctx: list[tuple[int, str]], level: int | None = None) -> _Section:
    force = force_heading(label.target) if label.target else None
    force = force or block.force or (force_ctx[-1][1] if force_ctx else None)
    addressee = addressee_of(f"{label.target} should") if label.target and not force else None
    section = _Section(label.kind, block.level if level is None else level, block,
                       label.summary or summary_level is not None, force, addressee,
                       past=label.past)
    if not label.section:
        section.blocks.append(block)
    return section


def _read_section(section: _Section) -> list[_Unit]:
    """Read each part of a section (split at its sub-headings) in the way it is laid out."""
    units: list[_Unit] = []
    for force, chunk in _chunks(section):
        if any(_single(b) for b in chunk):
            units += _read_labelled(section, chunk, force)
        elif any(b.kind == "item" for b in chunk):
            units += _read_items(section, chunk, force)
        else:
            units += _read_paragraphs(section, chunk, force)
    return units


def _chunks(section: _Section) -> list[tuple[str | None, list[TextBlock]]]:
    """Blocks between non-label sub-headings, with the force those headings name."""
    chunks: list[tuple[str | None, list[TextBlock]]] = []
    stack: list[tuple[int, str | None]] = []
    chunk: list[TextBlock] = []
    force = section.force
    for block in section.blocks:
        if block.kind == "heading" and parse_label(block.text, heading=True) is None:
            chunks.append((force, chunk))
            chunk = []
            stack = [(lv, f) for lv, f in stack if lv < block.level]
            stack.append((block.level, force_heading(block.text)))
            force = next((f for _, f in reversed(stack) if f), section.force)
            continue
        chunk.append(block)
    chunks.append((force, chunk))
    return [(f, c) for f, c in chunks if c]


def _single(block: TextBlock) -> Label | None:
    label = parse_label(block.text, heading=block.kind == "heading")
    if not label or label.section:
        return None
    if block.kind == "item" and not label.rest:
        return None
    return label


def _new_unit(section: _Section, kind: FindingKind, ref: str | None, block: TextBlock,
              force: str | None) -> _Unit:
    inherited = " ".join(t for t in (block.context, section.addressee and
                                     f"{section.addressee} should") if t) or None
    return _Unit(kind, ref, [], block.force or force, block, section.summary,
                 inherited=inherited)


def _read_labelled(section: _Section, chunk: list[TextBlock], force: str | None) -> list[_Unit]:
    units: list[_Unit] = []
    unit: _Unit | None = None
    for block in chunk:
        label = _single(block)
        if label:
            unit = _new_unit(section, label.kind, label.ref, block, force)
            if label.rest:
                unit.parts.append(label.rest)
                unit.located = True
            units.append(unit)
            continue
        if block.kind == "heading" or unit is None:
            unit = None
            continue
        if not unit.parts:
            unit.parts.append(block.text)
            unit.first = block if not unit.located else unit.first
            unit.located = True
        elif block.kind == "item" or unit.parts[-1].rstrip().endswith(":") \
                or block.text[:1].islower():
            unit.parts.append(block.text)
        else:
            unit = None
    return [u for u in units if u.parts]


def _read_items(section: _Section, chunk: list[TextBlock], force: str | None) -> list[_Unit]:
    units: list[_Unit] = []
    items = [b for b in chunk if b.kind == "item"]
    top = min(b.level for b in items)
    lead: TextBlock | None = None
    compound: _Unit | None = None
    last: _Unit | None = None
    for block in chunk:
        if block.kind == "heading":
            lead, compound, last = None, None, None
            continue
        if block.kind == "paragraph":
            if last and block.text[:1].islower():
                last.parts.append(block.text)
                continue
            lead, compound, last = block, None, None
            continue
        if block.level > top and last:
            last.parts.append(block.text)
            continue
        modal_lead = lead is not None and lead.text.rstrip().endswith(":") and \
            bool(_MODAL.search(lead.text)) and not _PROSE.search(lead.text)
        one_finding = modal_lead and (section.kind != "area_for_improvement"
                                      or due_date_of(lead.text) is not None)
        if one_finding and block.marker is None:
            if compound is None:
                compound = _new_unit(section, section.kind, None, lead, force)
                compound.parts.append(lead.text)
                units.append(compound)
            compound.parts.append(block.text)
            last = compound
            continue
        label = parse_label(block.text)
        kind, ref, text = section.kind, block.marker, block.text
        if label and not label.section and label.rest:
            kind, ref, text = label.kind, label.ref or ref, label.rest
        last = _new_unit(section, kind, ref, block, force)
        last.parts.append(text)
        if modal_lead and lead is not None:
            last.inherited = lead.text
        units.append(last)
    return units


def _read_paragraphs(section: _Section, chunk: list[TextBlock], force: str | None) -> list[_Unit]:
    units = []
    for block in chunk:
        text = block.text.strip()
        if block.kind == "heading" or text.endswith(":") or _NONE_STATED.search(text) \
                or _PROSE.search(text):
            continue
        if section.kind != "cause_of_concern" and not (
                _MODAL.search(text) or (section.kind == "area_for_improvement"
                                        and re.search(r"\bimprove", text, re.IGNORECASE))):
            continue
        unit = _new_unit(section, section.kind, None, block, force)
        unit.parts.append(text)
        units.append(unit)
    return units


# ---------------------------------------------------------------- dedupe and output

def match_key(text: str) -> str:
    """Text for comparing findings: straight quotes, no punctuation, lower case."""
    text = _straight(text).lower().replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _dedupe(units: list[_Unit]) -> list[_Unit]:
    kept: list[_Unit] = []
    keys: dict[int, str] = {}
    for unit in units:
        key = keys[id(unit)] = match_key(unit.text())
        if not key:
            continue
        twin = next((k for k in kept if k.kind == unit.kind and k.force == unit.force
                     and _same(keys[id(k)], key)), None)
        if twin is None:
            kept.append(unit)
        elif _better(unit, twin):
            kept[kept.index(twin)] = unit
    order = {id(u): i for i, u in enumerate(units)}
    return sorted(kept, key=lambda u: order[id(u)])


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 40 and short in long_


def _better(new: _Unit, old: _Unit) -> bool:
    if new.summary != old.summary:
        return old.summary
    return len(new.text()) > len(old.text())


def _check_concerns(units: list[_Unit]) -> list[Problem]:
    problems = []
    main = [u for u in units if not u.summary]
    for i, unit in enumerate(main):
        if unit.kind != "cause_of_concern":
            continue
        following = main[i + 1] if i + 1 < len(main) else None
        if following is None or following.kind != "recommendation":
            problems.append(Problem(
                "extract", "cause of concern not followed by a recommendation",
                {"text": unit.text()}, _where(unit.first)))
    return problems


def _to_findings(units: list[_Unit]) -> list[Finding]:
    """Findings with their refs: as printed, else their place among the findings of the
    same kind and force. A ref is unique per kind and force (the table's key): printed
    refs are claimed first, and a repeat (two lists each numbered from 1, or a position
    that a printed number already holds) gets " (2)", " (3)"... in document order."""
    findings = []
    for unit in units:
        text, context = unit.text(), unit.inherited or ""
        findings.append(Finding(
            kind=unit.kind, ref=(unit.ref or "").rstrip("."), text=text,
            force=unit.force or force_of(text) or (force_of(context) if context else None),
            due_by=due_date_of(text) or (due_date_of(context) if context else None),
            page=unit.first.page, anchor=unit.first.anchor,
            addressee=addressee_of(text) or (addressee_of(context) if context else None)))
    positions: dict[tuple[str, str | None], int] = {}
    order = []
    for finding in findings:
        group = (finding.kind, finding.force)
        positions[group] = positions.get(group, 0) + 1
        order.append(str(positions[group]))
    used: set[tuple[str, str | None, str]] = set()
    for printed in (True, False):
        for finding, position in zip(findings, order):
            if bool(finding.ref) != printed:
                continue
            ref = finding.ref or position
            n = 1
            while (finding.kind, finding.force, _qualified(ref, n)) in used:
                n += 1
            finding.ref = _qualified(ref, n)
            used.add((finding.kind, finding.force, finding.ref))
    return findings


def _qualified(ref: str, n: int) -> str:
    return ref if n == 1 else f"{ref} ({n})"


def table_blocks(rows: list[tuple], page: int | None = None,
                 anchor: str | None = None) -> list[TextBlock]:
    """A table's rows as blocks: a findings column becomes list items.

    Each row is (cells, is_header) or (cells, is_header, page) for a table that a page
    break split (each row then keeps its own page)."""
    out: list[TextBlock] = []
    text_col = num_col = force_col = due_col = None
    default_page = page
    for row in rows:
        cells, is_header = row[0], row[1]
        page = row[2] if len(row) > 2 else default_page
        cells = [" ".join((c or "").split()) for c in cells]
        if not any(cells):
            continue
        if text_col is None:
            header = _findings_header(cells, is_header)
            if header is not None:
                text_col, kind = header
                num_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:no\.?|number|ref(?:erence)?\.?|#|id)$", c, re.IGNORECASE)), None)
                force_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:police\s+)?force$", c, re.IGNORECASE)), None)
                due_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:timescales?|deadline|due(?:\s+date)?|by\s+when|target\s+date|"
                    r"date\s+due)$", c, re.IGNORECASE)), None)
                out.append(TextBlock("heading", _PLURAL[kind], LABEL_LEVEL, page=page,
                                     anchor=anchor))
                continue
        if text_col is not None and text_col < len(cells) and cells[text_col]:
            marker = cells[num_col] if num_col is not None and num_col < len(cells) else None
            if marker is None and text_col > 0 and re.match(r"^\(?\w{1,4}[.)]?$", cells[0]):
                marker = cells[0]
            fid = force_id_for(cells[force_col]) if force_col is not None else None
            due = cells[due_col] if due_col is not None and due_col < len(cells) else None
            if due and parse_date(due) and not re.search(r"\b(?:by|before|later|within)\b",
                                                          due, re.IGNORECASE):
                due = f"By {due}"  # a bare date in a Deadline column is the due date
            out.append(TextBlock("item", cells[text_col], 0,
                                 marker.strip("().") if marker else None, page, anchor,
                                 fid if fid in forces() else None, due))
            continue
        label = parse_label(cells[0]) if len(cells) > 1 else None
        if label and not label.section and not label.rest:
            out.append(TextBlock("heading", cells[0], LABEL_LEVEL, page=page, anchor=anchor))
            out.append(TextBlock("paragraph", " ".join(c for c in cells[1:] if c), page=page,
                                 anchor=anchor))
            continue
        out.append(TextBlock("paragraph", " ".join(c for c in cells if c), page=page,
                             anchor=anchor))
    return out


_PLURAL = {"recommendation": "Recommendations", "area_for_improvement": "Areas for improvement",
           "cause_of_concern": "Causes of concern"}


def _findings_header(cells: list[str], is_header: bool) -> tuple[int, FindingKind] | None:
    for i, cell in enumerate(cells):
        label = parse_label(cell)
        if label and not label.rest and not label.ref and (is_header or len(cells) > 1):
            others = [c for j, c in enumerate(cells) if j != i]
            if is_header or all(len(c) <= 25 for c in others):
                return i, label.kind
    return None
