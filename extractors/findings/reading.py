"""How the blocks of one part of a finding section become findings, counted as the
inspectorate counts them:

* a label ("Recommendation 3", "Cause of concern", "Area for improvement:") takes the
  text that follows it; words after a label that are a title, not a sentence ("Cause of
  concern: responding to the public"), label it and the statement follows;
* a lead-in ("By 31 March 2026, chief constables should:", "To address this cause of
  concern, we recommend that within six months the force should:") followed by items
  gives one finding per item, each carrying the lead-in as context (its due date and
  addressee) and a ref made of the lead's ref and the item's letter, number or position
  ("3a", "3.1", "3.2");
* the recommendations that follow a cause of concern are recommendations;
* a finding ends at the next finding, heading, or a paragraph that is not part of it (a
  note such as "HMIC expects chief constables to ..." is never glued on).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.findings.cues import as_item, is_title, names_who_acts, single_label
from extractors.findings.labels import FINDINGS_PROSE, MODAL_VERB, NONE_STATED, Label, TextBlock
from extractors.records import FindingKind

_LEAD_IN = re.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+to|are\s+to|recommends?(?:\s+that)?|"
    r"recommended\s+that|stating\s+that)\b[^:.;]{0,40}:\s*$", re.IGNORECASE)
_INTRODUCES = re.compile(r"\brecommend(?:s|ed|ations?)?\b(?:\s+that)?\s*(?:the\s+following)?"
                         r"\s*:\s*$", re.IGNORECASE)
NOTE = re.compile(
    r"^(?:HMIC(?:FRS)?|HM\s+Inspectorate\b[^,.]{0,80}?|the\s+inspectorate|we)\s+(?:also\s+)?"
    r"(?:expects?|will|would|intends?|plans?|proposes?|has\s+(?:asked|written)|look(?:s)?\s+"
    r"forward|continues?\s+to|is\s+(?:monitoring|to\s+monitor)|(?:shall|may)\s+(?:return|"
    r"revisit))\b", re.IGNORECASE)
_RECOMMENDS = re.compile(r"\brecommend", re.IGNORECASE)


@dataclass
class LeadIn:
    """A lead-in, or a label, whose items are each a finding of their own."""

    kind: FindingKind
    text: str | None          # the lead-in's words: every item's context
    ref: str | None = None    # printed ref of the finding that leads in ("Recommendation 3")
    level: int | None = None  # depth of its items


@dataclass
class DraftFinding:
    kind: FindingKind
    ref: str | None
    parts: list[str]
    force: str | None
    first: TextBlock
    summary: bool
    inherited: str | None = None      # words whose date/addressee the finding inherits
    located: bool = False
    lead: LeadIn | None = None        # the lead-in this finding is an item of
    sub: str | None = None            # the item's printed marker under that lead-in

    def text(self) -> str:
        return without_notes(" ".join(" ".join(p for p in self.parts if p).split()))


def without_notes(text: str) -> str:
    """A finding's text up to a note that follows it in the same block ("... HMIC
    expects chief constables to ..."): the note is not part of the finding."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    for i, sentence in enumerate(sentences[1:], start=1):
        if NOTE.match(sentence):
            return " ".join(sentences[:i])
    return text


@dataclass
class ChunkReader:
    """Reads one part of a section (the blocks between its sub-headings) in order."""

    kind: FindingKind                     # the section's kind
    force: str | None
    summary: bool
    addressee: str | None                 # a section heading's addressee ("... for forces")
    labelled: bool
    has_items: bool
    units: list[DraftFinding] = field(default_factory=list)
    unit: DraftFinding | None = None      # the finding that may continue
    pending: tuple[Label, TextBlock] | None = None  # a label waiting for its text
    lead: LeadIn | None = None            # a lead-in taking items
    whole: bool = False                   # items under an intro are whole findings
    whole_context: str | None = None      # ... inheriting its date and addressee
    after_concern: bool = False           # a cause of concern was read: recommendations follow

    def feed(self, block: TextBlock) -> None:
        block = as_item(block)
        label = single_label(block)
        if block.kind == "heading" or (label and block.kind == "paragraph"):
            self._reset()
            if label:
                self._label(label, block)
            return
        if block.kind == "paragraph":
            self._paragraph(block)
        else:
            self._item(block, label)

    def _reset(self) -> None:
        self.unit, self.pending, self.lead, self.whole, self.whole_context = \
            None, None, None, False, None

    def _label(self, label: Label, block: TextBlock) -> None:
        if label.rest and not is_title(label.rest):
            self.unit = self._add(label.kind, label.ref, block, label.rest)
            self.unit.located = True
        else:
            self.pending = (label, block)

    def _paragraph(self, block: TextBlock) -> None:
        text = block.text.strip()
        if self.unit is not None and text[:1].islower():
            self.unit.parts.append(text)       # a sentence that runs on
            return
        leads_in = text.endswith(":") and bool(_LEAD_IN.search(text))
        if self.pending is not None:
            label, _ = self.pending
            self.pending = None
            if leads_in and label.kind != "cause_of_concern":
                self._open_lead(label.kind, text, label.ref)
                return
            self.unit = self._add(label.kind, label.ref, block, text)
            return
        if leads_in and not (_INTRODUCES.search(text) and not self._subject_before_colon(text)):
            self._open_lead(self._lead_kind(text), text, None)
            return
        self._reset()
        if text.endswith(":"):                 # "We make two recommendations:"
            self.whole = True
            self.whole_context = text if MODAL_VERB.search(text) and \
                not FINDINGS_PROSE.search(text) else None
            return
        kind = None if self.labelled and not self.after_concern else self._paragraph_kind(text)
        if kind is not None:
            self.unit = self._add(kind, None, block, text)

    @staticmethod
    def _subject_before_colon(text: str) -> bool:
        """'we recommend that the force should:' names who acts; 'we recommend that:' not."""
        return not re.search(r"\brecommend(?:s|ed)?(?:\s+that)?\s*:\s*$", text, re.IGNORECASE)

    def _item(self, block: TextBlock, label: Label | None) -> None:
        lead, unit = self.lead, self.unit
        if lead is not None and lead.level is not None and block.level < lead.level:
            self.lead = lead = None            # back out of a nested list of items
            self.unit = unit = None
        if lead is not None and (lead.level is None or block.level <= lead.level):
            lead.level = block.level
            self.unit = self._add(lead.kind, None, block, block.text, lead=lead,
                                  sub=block.marker)
            return
        if unit is not None and block.level > unit.first.level and unit.first.kind == "item":
            text = unit.text()
            if lead is None and text.endswith(":") and _LEAD_IN.search(text):
                self.units.remove(unit)        # the item leads in to the items under it
                self.lead = LeadIn(unit.kind, text, unit.ref, block.level)
                self._item(block, label)
                return
            unit.parts.append(block.text)      # a nested point of the item above
            return
        if self.pending is not None:           # a label, then its items
            found, _ = self.pending
            self.pending = None
            self._open_lead(found.kind, None, found.ref)
            self._item(block, label)
            return
        if unit is not None and self.labelled and lead is None:
            if unit.kind == "cause_of_concern":
                self._open_lead("recommendation", None, None)
                self._item(block, label)
            elif block.text[:1].islower() or unit.text().endswith(":"):
                unit.parts.append(block.text)
            else:
                self.unit = None
            return
        if self.labelled:
            return
        kind, ref, text = self.kind, block.marker, block.text
        if self.after_concern and not self.whole:
            self._open_lead("recommendation", None, None)
            self._item(block, label)
            return
        if label and label.rest:
            kind, ref, text = label.kind, label.ref or ref, label.rest
        self.unit = self._add(kind, ref, block, text)
        if self.whole_context:
            self.unit.inherited = " ".join(t for t in (self.whole_context, self.unit.inherited)
                                           if t)

    def _open_lead(self, kind: FindingKind, text: str | None, ref: str | None) -> None:
        self.unit, self.whole, self.whole_context = None, False, None
        self.lead = LeadIn(kind, text, ref)

    def _lead_kind(self, text: str) -> FindingKind:
        concern = self.kind == "cause_of_concern" or self.after_concern
        if concern and (_RECOMMENDS.search(text) or self.after_concern):
            return "recommendation"
        return self.kind

    def _paragraph_kind(self, text: str) -> FindingKind | None:
        """The kind of an unlabelled paragraph, or None for prose that is no finding."""
        if NOTE.match(text) or NONE_STATED.search(text) or FINDINGS_PROSE.search(text):
            return None
        if self.kind == "cause_of_concern" or self.after_concern:
            if _RECOMMENDS.search(text) or (self.after_concern and MODAL_VERB.search(text)):
                return "recommendation"
            return "cause_of_concern" if self.kind == "cause_of_concern" else None
        if self.has_items:        # beside a list, only a sentence that names who must act
            return self.kind if names_who_acts(text) else None
        if MODAL_VERB.search(text) or (self.kind == "area_for_improvement"
                                       and re.search(r"\bimprove", text, re.IGNORECASE)):
            return self.kind
        return None

    def _add(self, kind: FindingKind, ref: str | None, block: TextBlock, text: str,
             lead: LeadIn | None = None, sub: str | None = None) -> DraftFinding:
        inherited = " ".join(t for t in (lead.text if lead else None, block.context,
                                         self.addressee and f"{self.addressee} should") if t)
        unit = DraftFinding(kind, ref, [text], block.force or self.force, block, self.summary,
                            inherited=inherited or None, lead=lead, sub=sub)
        self.units.append(unit)
        if kind == "cause_of_concern":
            self.after_concern = block.kind != "item"
        return unit
