"""Grades stated in prose: judgment sentences ("We graded the force as good at
investigating crime", "Investigating crime is good"), PEEL 2014-2019 judgments ("The
extent to which the constabulary is effective at ... requires improvement"), and the
sentence splitter the text readers share."""
from __future__ import annotations

import re

from extractors.grades.words import (GRADE_RE, Candidate, body_from_text, clean_text,
                                     plausible_area)
from reference.fire_services import match_fire_services
from reference.grade_scales import area_key, cycle_start, known_areas


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


# ---------------------------------------------------------------- judgment sentences

_VERB_GRADE = re.compile(
    rf"\b(?:graded|judged|judges|rated|assessed)\b(?P<between>(?:\s+(?!as\b|to\b)[\w'\u2019&,-]+)"
    rf"{{0,12}}?)\s+(?:as\s+(?:being\s+)?|to\s+be\s+|)(?={GRADE_RE}\b)", re.I)
_GRADE_FOR = re.compile(rf"\bgrade\s+(?:for|in|on)\s+(?P<area>[^.;:]{{2,120}}?)\s+"
                        rf"(?:is|was|remains)\s+(?:now\s+)?(?P<grade>{GRADE_RE})\b", re.I)
_GRADE_AT = re.compile(rf"\b(?P<grade>{GRADE_RE})\s+(?:at|in|for|on|when\s+it\s+comes\s+to)\s+",
                       re.I)
_GRADE_ALONE = re.compile(rf"^(?P<grade>{GRADE_RE})(?:\s+overall)?\s*$", re.I)
_AREA_VERB = re.compile(
    rf"(?:^|[;:]\s+|,\s+)(?P<area>[^.;:,]{{2,120}}?)\s+(?:was|is|were|are|has\s+been|"
    rf"have\s+been)\s+(?:graded|judged|rated|assessed)\s+(?:as\s+(?:being\s+)?|to\s+be\s+)?"
    rf"(?P<grade>{GRADE_RE})\b(?!\s+(?:at|in|for|on)\b)", re.I)
_CONTINUES = re.compile(r"(?:,|\band|\bbut|\bwhile|\bwhereas)\s*(?:(?:it\s+)?was\s+)?"
                        r"(?:(?:graded|judged|rated)\s+)?(?:as\s+)?$", re.I)
_AREA_CUT = re.compile(r"\s*(?:,|;|\(|\s[\u2013\u2014-]\s|\bbut\b|\bwhich\b|\bbecause\b|"
                       r"\balthough\b|\bwhile\b|\bwhere\b)")
_POSSESSIVE = re.compile(r"^(?:(?i:the\s+(?:force|service|constabulary)(?:'s|\u2019s)|its|their)|"
                         r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,5}(?:'s|\u2019s))\s+"
                         r"(?:(?:performance|approach|work)\s+(?:in|at|on)\s+)?")
_NOT_AN_AREA = re.compile(r"^(?:the\s+)?(?:force|service|constabulary|it|we|they)$", re.I)


_PAST_WORDS = re.compile(r"\b(?:previous(?:ly)?|last\s+(?:inspection|year|time)|since|"
                         r"earlier|was\s+then|at\s+that\s+time)\b", re.I)
_CHANGED = re.compile(r"\b(?:up|down|improved|changed|moved|rose|fell)\s+from\b|\bcompared\b",
                      re.I)


def _about_the_past(head: str, sentence: str, cycle: str | None) -> bool:
    """True if a grade sentence reports an earlier inspection: another cycle's year or a
    word like 'previously' before the verb, or 'up from' anywhere."""
    start = cycle_start(cycle)
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", head)}
    if start and years - {start, start + 1, start + 2}:
        return True
    return bool(_PAST_WORDS.search(head) or _CHANGED.search(sentence))


def sentence_grades(text: str, *, cycle: str | None = None,
                    default_area: str | None = None) -> list[Candidate]:
    """Grades stated in prose: 'X was graded as adequate at investigating crime', 'We graded
    the force as requiring improvement in A and good at B', 'Investigating crime was graded
    as good'; 'We graded the force as good' names ``default_area`` (crime data integrity's
    one overall grade). Sentences about earlier inspections are left alone."""
    out: list[Candidate] = extent_grades(text, cycle=cycle)
    for sentence in sentences(text):
        body = sentence.rstrip(".!? ")
        if EXTENT.search(body):
            continue
        for verb in _VERB_GRADE.finditer(body):
            if _about_the_past(body[:verb.start()], body, cycle):
                continue
            rest = body[verb.end():]
            alone = _GRADE_ALONE.match(rest)
            between = _POSSESSIVE.sub("", clean_text(verb.group("between")))
            if alone and _known_anywhere(between):
                out.append(Candidate(_sentence_case(between), alone.group("grade"),
                                     how="sentence"))
                continue
            if alone and default_area:
                out.append(Candidate(default_area, alone.group("grade"), how="sentence"))
                continue
            hits = list(_GRADE_AT.finditer(rest))
            if not hits or hits[0].start() != 0:
                continue
            chosen = [hits[0]]
            for hit in hits[1:]:
                if _CONTINUES.search(rest[chosen[-1].end():hit.start()]):
                    chosen.append(hit)
            for i, hit in enumerate(chosen):
                stop = chosen[i + 1].start() if i + 1 < len(chosen) else len(rest)
                area_raw = _CONTINUES.sub("", rest[hit.end():stop])
                out += [Candidate(_sentence_case(a), hit.group("grade"), how="sentence")
                        for a in _split_areas(area_raw)]
        if _about_the_past(body, body, cycle):
            continue
        for m in _GRADE_FOR.finditer(body):
            area = _POSSESSIVE.sub("", clean_text(m.group("area")))
            if plausible_area(area):
                out.append(Candidate(_sentence_case(area), m.group("grade"), how="sentence"))
        for m in _AREA_VERB.finditer(body):
            area = _POSSESSIVE.sub("", m.group("area").strip())
            if _NOT_AN_AREA.match(area) or body_from_text(area) or match_fire_services(area):
                continue
            if plausible_area(area):
                out.append(Candidate(_sentence_case(area), m.group("grade"), how="sentence"))
    return out


_STATE_AT = re.compile(
    rf"(?:\b(?:is|was|are|were|remains|has\s+been)\s+(?:now\s+)?|(?=\brequires?\s+improvement\b))"
    rf"(?P<grade>{GRADE_RE})\s+(?:at|in|when\s+it\s+comes\s+to)\s+(?P<area>[^.;]+)", re.I)


_AREA_IS = re.compile(
    rf"(?:^|,\s+)(?:overall,?\s+)?(?P<area>[^.;:,]{{4,140}}?)\s+(?:is|was)\s+"
    rf"(?P<grade>{GRADE_RE})$", re.I)


def stated_grades(text: str, *, cycle: str | None = None) -> list[Candidate]:
    """'Dyfed-Powys Police is adequate at recording data about crime', 'X requires
    improvement at investigating crime': only for area names known for some framework,
    so ordinary prose ('the force is good at listening') is never read as a grade."""
    out: list[Candidate] = extent_grades(text, cycle=cycle)
    for sentence in sentences(text):
        body = sentence.rstrip(".!? ")
        if _about_the_past(body, body, cycle) or EXTENT.search(body):
            continue
        for m in _AREA_IS.finditer(body):
            area = _POSSESSIVE.sub("", m.group("area").strip())
            area = re.sub(r"^(?:approach\s+to|performance\s+(?:in|at))\s+", "", area, flags=re.I)
            if _known_anywhere(area):
                out.append(Candidate(_sentence_case(area), m.group("grade"), how="sentence"))
        for m in _STATE_AT.finditer(body):
            area = _AREA_CUT.split(m.group("area"), maxsplit=1)[0].strip()
            if not _known_anywhere(area):
                area = re.sub(r"^the\s+(?=\w)", "", area, flags=re.I)
            if _known_anywhere(area):
                out.append(Candidate(_sentence_case(area), m.group("grade"), how="sentence"))
    return out


def area_list(text: str) -> list[str]:
    """'A, B and C' as three areas when each is a known area name, else the text as is."""
    if _known_anywhere(text):
        return [text]
    parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", clean_text(text)) if p]
    if len(parts) > 1 and all(_known_anywhere(p) for p in parts):
        return [_sentence_case(p) for p in parts]
    return [text]


def _known_anywhere(text: str) -> bool:
    return bool(text) and any(area_key(text, None, k) for k in ("peel", "fire", "cdi"))


def _split_areas(raw: str) -> list[str]:
    raw = clean_text(raw).strip(" ,;")
    if not raw:
        return []
    parts = area_list(raw)
    if len(parts) > 1 or _known_anywhere(raw):
        return parts
    cut = _AREA_CUT.split(raw, maxsplit=1)[0].strip()
    return [cut] if cut and plausible_area(cut) else []


def _sentence_case(text: str) -> str:
    text = clean_text(text)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# ---------------------------------------------------------------- atom walk
