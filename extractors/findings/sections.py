"""Finding sections: the blocks under each finding heading (or inline label), read by how
they are laid out - single labels, list items, or paragraphs phrased as findings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.findings.fields import addressee_of, due_date_of, force_heading
from extractors.findings.labels import (DOT_LEADERS, FINDINGS_PROSE, MODAL_VERB, NONE_STATED,
                                        Label, TextBlock, is_summary_heading, parse_label)
from extractors.records import FindingKind

_TERMINATOR = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:annex|appendix|appendices|glossary|about\s+(?:the\s+data|this|"
    r"us|our|hmicfrs)|introduction|methodology|methods|references|contents|table\s+of\s+contents|"
    r"foreword|background|conclusions?|next\s+steps|acknowledg|terms\s+of\s+reference|context|"
    r"further\s+information|our\s+approach|how\s+we\s+(?:inspected|did)|abbreviations|"
    r"definitions|endnotes|notes)\b", re.IGNORECASE)


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
class DraftFinding:
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


def finding_sections(blocks: list[TextBlock]) -> list[_Section]:
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


def read_section(section: _Section) -> list[DraftFinding]:
    """Read each part of a section (split at its sub-headings) in the way it is laid out."""
    units: list[DraftFinding] = []
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
              force: str | None) -> DraftFinding:
    inherited = " ".join(t for t in (block.context, section.addressee and
                                     f"{section.addressee} should") if t) or None
    return DraftFinding(kind, ref, [], block.force or force, block, section.summary,
                        inherited=inherited)


def _read_labelled(section: _Section, chunk: list[TextBlock],
                   force: str | None) -> list[DraftFinding]:
    units: list[DraftFinding] = []
    unit: DraftFinding | None = None
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


_INTRODUCES = re.compile(r"\brecommend(?:s|ed|ations?)?\b(?:\s+that)?\s*(?:the\s+following)?\s*:\s*$",
                         re.IGNORECASE)


def _read_items(section: _Section, chunk: list[TextBlock], force: str | None) -> list[DraftFinding]:
    units: list[DraftFinding] = []
    items = [b for b in chunk if b.kind == "item"]
    top = min(b.level for b in items)
    lead: TextBlock | None = None
    compound: DraftFinding | None = None
    last: DraftFinding | None = None
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
            bool(MODAL_VERB.search(lead.text)) and not FINDINGS_PROSE.search(lead.text)
        one_finding = modal_lead and (section.kind != "area_for_improvement"
                                      or due_date_of(lead.text) is not None)
        if one_finding and lead is not None and _INTRODUCES.search(lead.text) and \
                MODAL_VERB.search(block.text):
            one_finding = False  # 'we recommend that:' then whole recommendations
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


def _read_paragraphs(section: _Section, chunk: list[TextBlock],
                     force: str | None) -> list[DraftFinding]:
    units = []
    for block in chunk:
        text = block.text.strip()
        if block.kind == "heading" or text.endswith(":") or NONE_STATED.search(text) \
                or FINDINGS_PROSE.search(text):
            continue
        if section.kind != "cause_of_concern" and not (
                MODAL_VERB.search(text) or (section.kind == "area_for_improvement"
                                            and re.search(r"\bimprove", text, re.IGNORECASE))):
            continue
        unit = _new_unit(section, section.kind, None, block, force)
        unit.parts.append(text)
        units.append(unit)
    return units
