"""Grades read from text: one line (a pair, short atoms, or a sentence), grades stated in
prose, and runs of short lines (an area then its grade, or a grade heading its areas).
The same readers serve HTML pages and PDF text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.grades.words import (GRADE_RE, GRADE_TRIGGER, QUESTION_FORM, UNGRADED_AREAS,
                                     UNGRADED_RE, Atom, Candidate, area_label, body_from_text,
                                     clean_text, is_ungraded, lone_grade, plausible_area)
from extractors.grades.prose import EXTENT, extent_grades, sentences as _sentences
from reference.fire_services import match_fire_services
from reference.grade_scales import area_key, area_text, cycle_start

_SEP = r"(?:\s*[:|(\u2013\u2014]\s*|\s+-\s+|\t+)"
_AREA_THEN_GRADE = re.compile(
    rf"^(?P<area>.+?){_SEP}(?P<grade>{GRADE_RE}|{UNGRADED_RE})\W*$", re.I)
_GRADE_THEN_AREA = re.compile(rf"^(?P<grade>{GRADE_RE}){_SEP}(?P<area>.+)$", re.I)
_SENTENCE_CUE = re.compile(r"\b(?:graded|judged|judges|rated|assessed)\b", re.I)


@dataclass
class _Read:
    candidates: list[Candidate] = field(default_factory=list)
    atoms: list[Atom] = field(default_factory=list)


def read_line(segments: list[str], *, cycle: str | None, kind: str,
              heading: bool = False, default_area: str | None = None,
              wrapped: bool = False) -> _Read:
    """Read one line of text (its inline segments): a pair, atoms, or sentence grades.

    ``wrapped`` marks PDF lines, where prose wraps mid-sentence: sentences are read from
    the joined page instead, and a bare line counts as an area only if it looks like a
    label (capitalised, short) or names a known area."""
    segs = [clean_text(s) for s in segments if clean_text(s)]
    text = clean_text(" ".join(segs))
    out = _Read()
    if not text:
        return out
    if wrapped and GRADE_TRIGGER.search(text):
        out.atoms.append(Atom("break", text))
        return out
    stated = stated_grades(text, cycle=cycle)
    if stated:
        out.candidates = stated
        return out
    if _SENTENCE_CUE.search(text) and normalise_grade_in(text):
        out.candidates = sentence_grades(text, cycle=cycle, default_area=default_area)
        if not out.candidates:
            out.atoms.append(Atom("break", text))
        return out
    m = _AREA_THEN_GRADE.match(text)
    if m and plausible_area(m.group("area")):
        out.candidates.append(Candidate(area_label(m.group("area")), m.group("grade"), how="line"))
        return out
    m = _GRADE_THEN_AREA.match(text)
    if m and plausible_area(m.group("area")) and not _known(text, cycle, kind):
        out.candidates.append(Candidate(area_label(m.group("area")), m.group("grade"), how="line"))
        return out
    if lone_grade(text):
        prose_end = wrapped and text.endswith(".")  # 'good.' ending a wrapped sentence
        out.atoms.append(Atom("break" if prose_end else "grade", text, heading))
        return out
    graded = [i for i, seg in enumerate(segs) if lone_grade(seg)]
    if len(segs) >= 2 and graded == [len(segs) - 1] and plausible_area(" ".join(segs[:-1])):
        out.candidates.append(Candidate(area_label(" ".join(segs[:-1])), segs[-1], how="segments"))
        return out
    if len(segs) == 2 and graded == [0] and plausible_area(segs[1]):
        out.candidates.append(Candidate(area_label(segs[1]), segs[0], how="segments"))
        return out
    if len(segs) >= 3 and graded and all(i in graded or plausible_area(seg)
                                         for i, seg in enumerate(segs)):
        out.atoms += [Atom("grade" if i in graded else "area", seg, heading)
                      for i, seg in enumerate(segs)]
        return out
    if not _known(text, cycle, kind):
        m = re.match(rf"^(?P<area>.+?)\s+(?P<grade>{GRADE_RE})\W*$", text, re.I)
        if m and _known(m.group("area"), cycle, kind):
            out.candidates.append(Candidate(area_label(m.group("area")), m.group("grade"),
                                            how="known"))
            return out
        m = re.match(rf"^(?P<grade>{GRADE_RE})\s+(?P<area>.+)$", text, re.I)
        if m and _known(m.group("area"), cycle, kind):
            out.candidates.append(Candidate(area_label(m.group("area")), m.group("grade"),
                                            how="known"))
            return out
    is_area = plausible_area(text) and (not wrapped or _known(text, cycle, kind) or (
        text[:1].isupper() and len(text.split()) <= 14 and not text.endswith((",", ";"))))
    out.atoms.append(Atom("area" if is_area else "break", text, heading))
    return out


def _known(text: str, cycle: str | None, kind: str) -> bool:
    return area_key(area_label(text), cycle, kind) is not None


def normalise_grade_in(text: str) -> bool:
    """True if a grade word appears anywhere in the text."""
    return bool(re.search(rf"\b{GRADE_RE}\b", text, re.I))


# ---------------------------------------------------------------- sentences

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
    for sentence in _sentences(text):
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
    for sentence in _sentences(text):
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
            area = re.sub(r"^the\s+(?=\w)", "", area, flags=re.I) if not _known_anywhere(area) else area
            if _known_anywhere(area):
                out.append(Candidate(_sentence_case(area), m.group("grade"), how="sentence"))
    return out


def _area_list(text: str) -> list[str]:
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
    parts = _area_list(raw)
    if len(parts) > 1 or _known_anywhere(raw):
        return parts
    cut = _AREA_CUT.split(raw, maxsplit=1)[0].strip()
    return [cut] if cut and plausible_area(cut) else []


def _sentence_case(text: str) -> str:
    text = clean_text(text)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# ---------------------------------------------------------------- atom walk

def grades_from_atoms(atoms: list[Atom], page: int | None = None) -> list[Candidate]:
    """Grades from a run of short lines: 'Area' then 'Grade' pairs, or a grade followed by
    the areas it covers (a chart or grouped list). Prose lines break runs."""
    out: list[Candidate] = []
    run: list[Atom] = []
    for atom in [*atoms, Atom("break", "")]:
        if atom.kind != "break":
            run.append(atom)
            continue
        out += _read_run(run, page)
        run = []
    return out


def _is_grouped(run: list[Atom]) -> bool:
    """Whether grade words head groups of areas (a chart, '<h3>Good</h3><ul>...') rather
    than follow their area ('<h4>Area</h4><p>Good</p>'). Headings decide when they can;
    otherwise a run that opens with a grade, or a lone caption followed by grades that
    mostly head two or more areas, is grouped."""
    kinds = [a.kind for a in run]
    grades = [a for a in run if a.kind == "grade"]
    before = [run[i - 1] for i, k in enumerate(kinds) if k == "grade" and i and
              kinds[i - 1] == "area"]
    if all(g.heading for g in grades) and not any(a.heading for a in run if a.kind == "area"):
        return True
    if before and all(a.heading for a in before) and not any(g.heading for g in grades):
        return False
    first = kinds.index("grade")
    if first == 0:
        return True
    heads_many = sum(1 for i, k in enumerate(kinds)
                     if k == "grade" and kinds[i + 1:i + 3] == ["area", "area"])
    return first == 1 and heads_many * 2 > len(grades)


def _read_run(run: list[Atom], page: int | None) -> list[Candidate]:
    if not any(a.kind == "grade" for a in run):
        return []
    out: list[Candidate] = []
    if _is_grouped(run):
        current: str | None = None
        for atom in run[[a.kind for a in run].index("grade"):]:
            if atom.kind == "grade":
                current = atom.text
            elif atom.heading:
                current = None
            elif current and not is_ungraded(current) and \
                    area_text(atom.text) not in UNGRADED_AREAS:
                out += [Candidate(area_label(a), current, page, "grouped", atom.order)
                        for a in _area_list(atom.text)]
        return out
    for i, (prev, atom) in enumerate(zip(run, run[1:]), start=1):
        if atom.kind == "grade" and prev.kind == "area":
            named = prev
            head = run[i - 2] if i >= 2 else None
            if QUESTION_FORM.search(prev.text) and head is not None and head.kind == "area" \
                    and head.heading and not QUESTION_FORM.search(head.text):
                named = head  # '<h3>Effectiveness</h3><p>How effectively...?</p><p>Good</p>'
            out.append(Candidate(area_label(named.text), atom.text, page, "pairs", named.order))
    return out
