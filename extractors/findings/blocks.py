"""Recommendations, areas for improvement and causes of concern from a report's text blocks.

HTML and PDF readers both reduce a report to ``TextBlock`` s (headings, paragraphs, list
items, each with a page or anchor); ``findings_from_blocks`` reads them by meaning:

* a heading (or bold line, table header, definition term) that says "Recommendations",
  "Our recommendations", "Areas for improvement", "Causes of concern"... opens a section
  of that kind, which ends at the next non-finding heading of equal or higher level or
  at a known section name ("Introduction", "Annex", "Glossary"...);
* inside a section, single labels ("Recommendation 1", "Area for improvement:",
  "Cause of concern") each take the text that follows; otherwise list items are the
  findings; otherwise paragraphs phrased as findings ("... should ..."); each item under
  a lead-in ("By 31 March 2026, chief constables should:") is a finding of its own,
  carrying the lead-in (see ``extractors.findings.reading``);
* a paragraph that introduces findings where no heading does ("We made the following
  recommendations, stating that the constabulary should:") opens a section too;
* a label inline in a paragraph ("Area for improvement: The force should...") is a
  finding wherever it appears;
* findings under a summary heading ("Executive summary", "Summary of recommendations")
  that repeat a main-section finding are counted once (the main occurrence wins);
* a finding section with nothing readable in it is a ``Problem``.
"""
from __future__ import annotations

import re

from extractors.findings.fields import addressee_of, due_date_of, force_of
from extractors.findings.labels import FINDINGS_PROSE, NONE_STATED, TextBlock, straight_quotes
from extractors.findings.reading import DraftFinding
from extractors.findings.sections import finding_sections, read_section
from extractors.records import Finding, Problem


def findings_from_blocks(blocks: list[TextBlock]) -> tuple[list[Finding], list[Problem]]:
    """Every finding in a report's blocks, deduplicated, with the problems met."""
    problems: list[Problem] = []
    units: list[DraftFinding] = []
    for section in finding_sections(blocks):
        if section.past:
            continue                 # findings of an earlier report, restated
        found = read_section(section)
        if not found and not section.summary and not any(
                NONE_STATED.search(b.text) or FINDINGS_PROSE.search(b.text)
                for b in section.blocks):  # no findings, and no text saying why: say so
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


# ---------------------------------------------------------------- dedupe and output

def match_key(text: str) -> str:
    """Text for comparing findings: straight quotes, no punctuation, lower case."""
    text = straight_quotes(text).lower().replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _dedupe(units: list[DraftFinding]) -> list[DraftFinding]:
    """Findings once each: a unit whose text matches a kept one of its kind and force
    (the same text, or one of at least 40 characters inside the other) replaces it when
    better, else is dropped. Kept units are grouped by kind and force, in kept order."""
    kept: list[DraftFinding] = []
    groups: dict[tuple[str, str | None], list[tuple[DraftFinding, str]]] = {}
    for unit in units:
        key = match_key(unit.text())
        if not key:
            continue
        group = groups.setdefault((unit.kind, unit.force), [])
        at = _twin(group, key)
        if at is None:
            kept.append(unit)
            group.append((unit, key))
        elif _better(unit, group[at][0]):
            kept[kept.index(group[at][0])] = unit
            group[at] = (unit, key)
    order = {id(u): i for i, u in enumerate(units)}
    return sorted(kept, key=lambda u: order[id(u)])


def _twin(group: list[tuple[DraftFinding, str]], key: str) -> int | None:
    """The first kept unit whose text is ``key``, or holds it or is held in it (the
    shorter at least 40 characters)."""
    size = len(key)
    for at, (_, other) in enumerate(group):
        if other == key:
            return at
        short, long_ = (other, key) if len(other) <= size else (key, other)
        if len(short) >= 40 and short in long_:
            return at
    return None


def _better(new: DraftFinding, old: DraftFinding) -> bool:
    if new.summary != old.summary:
        return old.summary
    return len(new.text()) > len(old.text())


def _check_concerns(units: list[DraftFinding]) -> list[Problem]:
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


def _to_findings(units: list[DraftFinding]) -> list[Finding]:
    """Findings with their refs: as printed, else their place among the findings of the
    same kind in document order (a lead-in and its items take one place). An item under a
    lead-in is the lead's ref with the item's letter or number ("3a", "3.1"), else with
    its position ("3.1", "3.2"). A ref is unique per kind and force (the table's key):
    printed refs are claimed first, and a repeat (two lists each numbered from 1, or a
    position that a printed number already holds) gets " (2)", " (3)"... in document order."""
    findings = []
    for unit in units:
        text, context = unit.text(), unit.inherited or ""
        findings.append(Finding(
            kind=unit.kind, ref="", text=text,
            force=unit.force or force_of(text) or (force_of(context) if context else None),
            due_by=due_date_of(text) or (due_date_of(context) if context else None),
            page=unit.first.page, anchor=unit.first.anchor,
            addressee=addressee_of(text) or (addressee_of(context) if context else None),
            lead_in=unit.lead.text if unit.lead else None))
    positions: dict[str, int] = {}
    lead_places: dict[int, int] = {}
    items_seen: dict[int, int] = {}
    refs: list[tuple[str, bool]] = []
    for unit in units:
        lead = unit.lead
        if lead is None or id(lead) not in lead_places:
            positions[unit.kind] = positions.get(unit.kind, 0) + 1
        if lead is None:
            ref = _clean_ref(unit.ref)
            refs.append((ref or str(positions[unit.kind]), bool(ref)))
            continue
        place = lead_places.setdefault(id(lead), positions[unit.kind])
        items_seen[id(lead)] = items_seen.get(id(lead), 0) + 1
        refs.append(_item_ref(_clean_ref(lead.ref), _clean_ref(unit.sub), str(place),
                              items_seen[id(lead)]))
    used: set[tuple[str, str | None, str]] = set()
    for printed in (True, False):
        for finding, (ref, is_printed) in zip(findings, refs):
            if is_printed != printed:
                continue
            n = 1
            while (finding.kind, finding.force, _qualified(ref, n)) in used:
                n += 1
            finding.ref = _qualified(ref, n)
            used.add((finding.kind, finding.force, finding.ref))
    return findings


def _clean_ref(ref: str | None) -> str:
    return (ref or "").strip().strip("().").strip()


def _item_ref(lead_ref: str, marker: str, place: str, index: int) -> tuple[str, bool]:
    """(ref, printed) of an item under a lead-in."""
    if marker:
        if not lead_ref:
            return marker, True
        if marker[0].isdigit():
            return (marker if marker.startswith(f"{lead_ref}.") else f"{lead_ref}.{marker}"), True
        return f"{lead_ref}{marker}", True
    return f"{lead_ref or place}.{index}", bool(lead_ref)


def _qualified(ref: str, n: int) -> str:
    return ref if n == 1 else f"{ref} ({n})"
