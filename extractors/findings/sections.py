"""Finding sections: the blocks under each finding heading (or inline label), read by how
they are laid out - single labels, list items, or paragraphs phrased as findings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.findings.fields import addressee_of, force_heading
from extractors.findings.labels import (DOT_LEADERS, Label, TextBlock, is_summary_heading,
                                        parse_label)
from extractors.findings.cues import as_item, is_title, opening_kind, single_label
from extractors.findings.reading import ChunkReader, DraftFinding
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
                bare = not label.rest or is_title(label.rest)  # "Cause of concern: <subject>"
                if current and (current.past or (not label.section and label.kind == current.kind
                                                 and bare)) and level > current.level:
                    current.blocks.append(block)
                    continue
                if current and not label.section and label.kind == current.kind and bare:
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
            continue
        opening = opening_kind(block.text) if block.kind == "paragraph" else None
        if opening:                      # "We made the following recommendations, ...:"
            current = _open(Label(opening[0], True, past=opening[1]), block, summary_level,
                            force_ctx, level=99)
            current.blocks.append(block)
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
    """Read each part of a section (split at its sub-headings) in order: labels and their
    text, lead-ins and their items, paragraphs phrased as findings."""
    units: list[DraftFinding] = []
    for force, chunk in _chunks(section):
        items = [as_item(b) for b in chunk]
        reader = ChunkReader(section.kind, force, section.summary, section.addressee,
                             labelled=any(single_label(b) for b in items),
                             has_items=any(b.kind == "item" for b in items))
        for block in chunk:
            reader.feed(block)
        units += [u for u in reader.units if u.parts]
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
