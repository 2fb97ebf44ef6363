"""Cues in a finding's wording: a paragraph printed as a list item, a paragraph that opens a
list of findings where no heading does, words that are a title rather than a sentence, a
label of one finding, and whether a sentence names who must act."""
from __future__ import annotations

import re

from extractors.findings.fields import subject_of
from extractors.findings.labels import MODAL_VERB, NONE_STATED, Label, TextBlock, parse_label
from extractors.records import FindingKind

_BULLET_TEXT = re.compile(r"^(?:[\u2022\u25cf\u25aa\u25a0\u00b7\u2023\u2043*]|[\u2013\u2014-](?=\s))"
                          r"\s*(?=\S)")
_MARKED_TEXT = re.compile(r"^(?:\((?P<p>[a-z]|[ivx]{1,4}|\d{1,3})\)|(?P<c>[a-z]|[ivx]{1,4})\)"
                          r"|(?P<r>R\d{1,3})(?=\s+[A-Z])|(?P<n>\d{1,3}(?:\.\d{1,2})*)(?:[.)]|"
                          r"(?=\s+[A-Z\u201c\"])))\s+(?=\S)")


def as_item(block: TextBlock) -> TextBlock:
    """A paragraph printed as a list item ("• expand ...", "a) clearly define ...",
    "(i) ...", "R1 The force should ...", "1. Forces should ...") as an item block."""
    if block.kind != "paragraph":
        return block
    m = _BULLET_TEXT.match(block.text)
    if m:
        return TextBlock("item", block.text[m.end():], 0, None, block.page, block.anchor,
                         block.force, block.context)
    m = _MARKED_TEXT.match(block.text)
    if m:
        marker = next(g for g in m.groups() if g)
        return TextBlock("item", block.text[m.end():], 0, marker, block.page, block.anchor,
                         block.force, block.context)
    return block


_LISTS = re.compile(r"\b(?P<r>recommend\w*)|\b(?P<a>areas?\s+for\s+improvement)|"
                    r"\b(?P<c>causes?\s+of\s+concern)", re.IGNORECASE)


_EARLIER = re.compile(r"\b(?:previous|earlier|last|prior|original)\b", re.IGNORECASE)


def opening_kind(text: str) -> tuple[FindingKind, bool] | None:
    """(kind, about an earlier report) for a paragraph that introduces a list of findings
    where no heading does ("We made the following recommendations, stating that the
    constabulary should:", a letter's way), else None."""
    text = text.strip()
    m = _LISTS.search(text) if text.endswith(":") else None
    if m is None or NONE_STATED.search(text):
        return None
    kind: FindingKind = "recommendation" if m.group("r") else \
        "area_for_improvement" if m.group("a") else "cause_of_concern"
    return kind, bool(_EARLIER.search(text))


_NOT_WHO = re.compile(r"^(?:we|our|this|these|that|it|there|they|in|as|some|many|most|all\s+of|"
                     r"if|when|where|while)\b", re.IGNORECASE)


def names_who_acts(text: str) -> bool:
    """'By 2026, chief constables should ...', 'HMIC recommends that the force should ...'
    (not 'We found several things the force should look at')."""
    who = subject_of(text)
    return bool(who and who.strip()) and not _NOT_WHO.match(who.strip()) \
        and len(who.split()) <= 10


def is_title(rest: str) -> bool:
    """Words after a label that name its subject rather than state the finding."""
    rest = rest.strip()
    return bool(rest) and not MODAL_VERB.search(rest) and not rest.endswith((".", "!", "?")) \
        and len(rest.split()) <= 12


def single_label(block: TextBlock) -> Label | None:
    """A label of one finding ("Recommendation 2", "Area for improvement: ..."), not of
    a section; an item is one only when it carries text after the label."""
    label = parse_label(block.text, heading=block.kind == "heading")
    if not label or label.section:
        return None
    if block.kind == "item" and not label.rest:
        return None
    return label
