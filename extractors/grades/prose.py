"""Graded judgments of PEEL 2014-2019 written as prose, and the sentence splitter the
text readers share."""
from __future__ import annotations

import re

from extractors.grades.words import GRADE_RE, Candidate, clean_text
from reference.grade_scales import area_key, known_areas


def sentences(text: str) -> list[str]:
    """A text's sentences (split after . ! ? before a capital or an opening quote)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", clean_text(text)) if s]


EXTENT = re.compile(
    rf"\bextent\s+to\s+which\s+(?:the\s+)?[\w&'\u2019 -]{{2,60}}?\s+(?:is|are|was)\s+"
    rf"(?P<adj>effective|efficient|legitimate)\s+(?:at|in)\s+(?P<area>[^.;:]{{4,160}}?)\s*,?\s+"
    rf"(?:(?:is|was|has\s+been)\s+(?:(?:judged|assessed|graded|rated)\s+(?:to\s+be\s+|as\s+)?)?)?"
    rf"(?P<grade>{GRADE_RE})\b", re.I)
_ADJECTIVE_QUESTION = {"effective": "How effective is the {body} at {area}?",
                       "efficient": "How efficient is the {body} at {area}?",
                       "legitimate": "How legitimate is the {body} at {area}?"}


def extent_grades(text: str, *, cycle: str | None = None) -> list[Candidate]:
    """PEEL 2014-2019 judgments written as prose: 'The extent to which the constabulary
    is effective at keeping people safe and reducing crime requires improvement' (the
    effectiveness pillar), '... is efficient at ... is judged to be good'; a question's
    own words ('... effective at investigating crime and reducing re-offending is good')
    give that question. Only for pillars and questions known for some framework."""
    out: list[Candidate] = []
    for sentence in sentences(text):
        for m in EXTENT.finditer(sentence):
            area = clean_text(m.group("area"))
            name = next((found for body in ("force", "service") for found in
                         (_known_name(_ADJECTIVE_QUESTION[m.group("adj").lower()].format(
                             body=body, area=area), cycle),) if found), None)
            name = name or _known_name(area, cycle)
            if name:
                out.append(Candidate(name, m.group("grade"), how="sentence"))
    return out


def _known_name(text: str, cycle: str | None) -> str | None:
    """The printed name of the known area a text names, in the cycle's framework."""
    for kind in ("peel", "fire"):
        key = area_key(text, cycle, kind)
        if key:
            names = known_areas(kind)
            return (names.get(cycle or "") or {}).get(key) or next(
                (n[key] for n in names.values() if key in n), None)
    return None
