"""Graded judgments read by meaning: grade words, cycles, tables, lists, charts and sentences.

The readers here turn text lines and table rows into candidates (area, grade text); the
same code serves HTML pages and PDF text. ``finish_grades`` checks each against the
report's scale and returns Grade records plus Problems for what cannot be trusted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from extractors.records import Grade, Problem
from reference.fire_services import fire_service_id_for, match_fire_services
from reference.forces import force_id_for, forces, name_index, normalise
from reference.grade_scales import area_key, area_text, cycle_start, scale_for

_GRADE_FORMS = {
    "outstanding": "outstanding", "good": "good", "adequate": "adequate",
    "inadequate": "inadequate", "requires improvement": "requires improvement",
    "requiring improvement": "requires improvement",
    "require improvement": "requires improvement",
    "required improvement": "requires improvement",
}
GRADE_RE = r"(?:outstanding|good|adequate|inadequate|requir(?:es|ing|e|ed)\s+improvement)"
_UNGRADED_RE = (r"(?:not\s+graded|ungraded|no\s+grade|no\s+graded\s+judge?ments?|"
                r"not\s+given\s+a\s+grade|we\s+don'?t\s+(?:give|make)\s+a\s+grade[^.]*|"
                r"not\s+assessed|not\s+applicable|n/a)")
_UNGRADED = re.compile(rf"^{_UNGRADED_RE}$", re.I)
UNGRADED_AREAS = frozenset(area_text(a) for a in (
    "Victim service assessment", "Providing a service to the victims of crime",
    "Providing a service to victims of crime", "Specialist capabilities",
    "Victim service"))
_LABEL = re.compile(r"^(?:grade|grading|judge?ment|rating|our\s+judge?ment)\s*[:\-\u2013]\s*",
                    re.I)
_SEP = r"(?:\s*[:|(\u2013\u2014]\s*|\s+-\s+|\t+)"
_AREA_THEN_GRADE = re.compile(
    rf"^(?P<area>.+?){_SEP}(?P<grade>{GRADE_RE}|{_UNGRADED_RE})\W*$", re.I)
_GRADE_THEN_AREA = re.compile(rf"^(?P<grade>{GRADE_RE}){_SEP}(?P<area>.+)$", re.I)
_TRIGGER = re.compile(r"\b(?:graded|judged|rated|assessed|grades?|grading|judge?ments?)\b", re.I)
_SENTENCE_CUE = re.compile(r"\b(?:graded|judged|rated|assessed)\b", re.I)
_JUDGMENTS_HEADING = re.compile(
    r"^(?:summary\s+of\s+|overview\s+of\s+)?(?:our\s+|the\s+|hmicfrs\s+)?"
    r"(?:graded\s+|peel\s+|inspection\s+|overall\s+)?"
    r"(?:judge?ments?|grades|graded\s+areas|gradings?)"
    r"(?:\s+(?:for|on|about|of|in)\s+.{0,60})?$", re.I)


# ---------------------------------------------------------------- words, cycles, bodies

def clean_text(text: str) -> str:
    """Whitespace collapsed, no-break and soft hyphens removed."""
    text = text.replace("\xa0", " ")
    text = re.sub("[\u200b\u00ad\x02\ufffe]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def normalise_grade(word: str) -> str | None:
    """One of the five contract grade words for a printed grade, or None if not a grade."""
    text = clean_text(word).strip(".,;:!*\"'()[]\u2018\u2019\u201c\u201d ").lower()
    text = _LABEL.sub("", text).strip(".,;:!*\"'()[] ")
    text = re.sub(r"^graded\s+(?:as\s+)?|\s+(?:grade|rating|judge?ment)$", "", text)
    return _GRADE_FORMS.get(re.sub(r"\s+", " ", text))


def is_ungraded(text: str) -> bool:
    """True for 'not graded', 'ungraded', 'no graded judgment' and the like."""
    return bool(_UNGRADED.match(clean_text(text).strip(".,;:()[] ").lower()))


_RANGE = re.compile(r"(?<![\d/])((?:19|20)\d\d)\s*(?:/|-|\u2013|\u2014|\s+to\s+)\s*"
                    r"((?:19|20)?\d\d)(?![\d])(?!-\d)")
_PEEL_YEAR = re.compile(
    r"\bpeel\b\W{0,3}(?:[a-z]+\W{1,3}){0,4}?((?:19|20)\d\d)\b(?![/\-\u2013]\d)", re.I)
_OTHER_YEAR = re.compile(
    r"\b(?:integrity|inspection|assessment|effectiveness|efficiency|legitimacy|peel)"
    r"\W{1,3}(?:[a-z]+\W{1,3}){0,2}?((?:19|20)\d\d)\b(?![/\-\u2013]\d)", re.I)


def _ranges(text: str) -> Iterable[tuple[int, str]]:
    for m in _RANGE.finditer(text):
        start, end = int(m.group(1)), m.group(2)
        end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if end_year - start in (1, 2):
            yield m.start(), f"{start}-{end_year % 100:02d}"


def cycle_from(text_or_url: str) -> str | None:
    """The inspection cycle a title or URL names: '2023-25', '2021-22', '2016', or None."""
    text = (text_or_url or "").replace("\xa0", " ")
    peel = [m.start() for m in re.finditer(r"\bpeel\b", text, re.I)]
    ranges = list(_ranges(text))
    for pos, cycle in ranges:
        if any(0 <= pos - p <= 60 for p in peel):
            return cycle
    if ranges:
        return ranges[0][1]
    m = _PEEL_YEAR.search(text) or _OTHER_YEAR.search(text)
    if m:
        return m.group(1)
    m = re.search(r"\bfire\b.*\bround\s+([123])\b|\bround\s+([123])\b.*\bfire\b", text, re.I)
    if m:
        return {"1": "2018-19", "2": "2021-22", "3": "2023-25"}[m.group(1) or m.group(2)]
    return None


_INSPECTORATE = re.compile(r"\b(?:his|her|hm)?\s*(?:majesty's\s+)?inspectorate\s+of\s+"
                          r"constabulary\s+and\s+fire\s+and\s+rescue\s+services?\b")


def scheme_from(text: str) -> str:
    """'fire', 'cdi' or 'peel': which grading scheme a title or URL belongs to."""
    norm = _INSPECTORATE.sub(" ", normalise(text.replace("/", " ")))
    if re.search(r"\bfire\b|\bfrs\b|\brescue\b", norm):
        return "fire"
    if "crime data integrity" in norm or "crime recording" in norm or re.search(r"\bcdi\b", norm):
        return "cdi"
    return "peel"


@lru_cache(maxsize=1)
def _police_names() -> list[tuple[str, str]]:
    index, known = name_index(), forces()
    short = {normalise(f.short_name) for f in known.values()}
    names = [(k, v) for k, v in index.items() if v in known and not k.startswith("the ")
             and (len(k.split()) >= 2 or k in short)]
    return sorted(names, key=lambda kv: len(kv[0]), reverse=True)


def body_from_text(text: str, kind: str = "peel") -> str | None:
    """The first police force (or fire service, for kind 'fire') named in free text."""
    if kind == "fire":
        found = match_fire_services(text)
        return found[0] if found else None
    norm = " " + normalise(text) + " "
    best: tuple[int, int, str] | None = None
    for key, fid in _police_names():
        pos = norm.find(f" {key} ")
        if pos >= 0 and (best is None or (pos, -len(key)) < best[:2]):
            best = (pos, -len(key), fid)
    return best[2] if best else None


def body_from_slug(url: str, kind: str = "peel") -> str | None:
    """The body a URL's last path segment names ('/peel-reports/essex-2023-25/' -> 'essex')."""
    path = re.sub(r"[?#].*$", "", url or "").rstrip("/")
    slug = re.sub(r"\.(?:html?|pdf|php)$", "", path.rsplit("/", 1)[-1], flags=re.I)
    slug = re.sub(r"(?:19|20)\d\d(?:[-_](?:19|20)?\d\d)?", " ", slug)
    slug = re.sub(r"\b(?:peel|report|inspection|assessment|frs|cdi)\b", " ",
                  slug.replace("-", " "))
    slug = clean_text(slug)
    if not slug:
        return None
    if kind == "fire":
        return fire_service_id_for(slug)
    fid = force_id_for(slug)
    return fid if fid in forces() else None


# ---------------------------------------------------------------- candidates

@dataclass
class Candidate:
    """An (area, grade text) pair as printed, before scale checks."""

    area: str
    grade: str
    page: int | None = None
    how: str = ""
    order: int = 0


@dataclass
class Atom:
    """One short line in reading order: an area name, a grade word, or a break (prose)."""

    kind: str  # "area" | "grade" | "break"
    text: str
    heading: bool = False
    order: int = 0


@dataclass
class _Read:
    candidates: list[Candidate] = field(default_factory=list)
    atoms: list[Atom] = field(default_factory=list)


def _area(text: str) -> str:
    text = clean_text(text).strip(" :|\u2013\u2014-\u2022*\u00b7\t")
    text = re.sub(r"^(?:\d{1,2}[.)]|[a-k][.)]|q\d{1,2}[.:)]?)\s+", "", text, flags=re.I)
    return text.strip()


def plausible_area(text: str) -> bool:
    """Short label-like text that could name a graded area (not prose, not a grade)."""
    text = _area(text)
    words = text.split()
    if not (2 <= len(text) <= 170 and 1 <= len(words) <= 24):
        return False
    if text.endswith(".") or normalise_grade(text) or is_ungraded(text):
        return False
    if _TRIGGER.search(text) or not re.search(r"[A-Za-z]{3}", text):
        return False
    if _PROSE_VERB.search(text) and not _QUESTION.search(text):
        return False
    return not re.match(r"^(?:we|our|this|these|the\s+force\s+(?:is|was)|page\s+\d)\b", text, re.I)


_PROSE_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were|does|do|did|should|must|will|"
                         r"would|can|could|may|needs?|means?)\b", re.I)
_QUESTION = re.compile(r"^(?:how|to\s+what\s+extent|what|is|does|are)\b|\?$", re.I)


def _grade_atom(text: str) -> str | None:
    """The grade text if a line is only a grade (or an 'ungraded' marker), also when the
    grade is printed twice (an icon's alt text beside the word)."""
    stripped = clean_text(text)
    if normalise_grade(stripped) or is_ungraded(stripped):
        return stripped
    words = re.findall(rf"\b{GRADE_RE}\b", stripped, re.I)
    rest = re.sub(rf"\b{GRADE_RE}\b", "", stripped, flags=re.I)
    if words and not re.search(r"[A-Za-z0-9]", rest) and \
            len({normalise_grade(w) for w in words}) == 1:
        return words[0]
    return None


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
    if wrapped and _TRIGGER.search(text):
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
        out.candidates.append(Candidate(_area(m.group("area")), m.group("grade"), how="line"))
        return out
    m = _GRADE_THEN_AREA.match(text)
    if m and plausible_area(m.group("area")) and not _known(text, cycle, kind):
        out.candidates.append(Candidate(_area(m.group("area")), m.group("grade"), how="line"))
        return out
    if _grade_atom(text):
        prose_end = wrapped and text.endswith(".")  # 'good.' ending a wrapped sentence
        out.atoms.append(Atom("break" if prose_end else "grade", text, heading))
        return out
    graded = [i for i, seg in enumerate(segs) if _grade_atom(seg)]
    if len(segs) >= 2 and graded == [len(segs) - 1] and plausible_area(" ".join(segs[:-1])):
        out.candidates.append(Candidate(_area(" ".join(segs[:-1])), segs[-1], how="segments"))
        return out
    if len(segs) == 2 and graded == [0] and plausible_area(segs[1]):
        out.candidates.append(Candidate(_area(segs[1]), segs[0], how="segments"))
        return out
    if len(segs) >= 3 and graded and all(i in graded or plausible_area(seg)
                                         for i, seg in enumerate(segs)):
        out.atoms += [Atom("grade" if i in graded else "area", seg, heading)
                      for i, seg in enumerate(segs)]
        return out
    if not _known(text, cycle, kind):
        m = re.match(rf"^(?P<area>.+?)\s+(?P<grade>{GRADE_RE})\W*$", text, re.I)
        if m and _known(m.group("area"), cycle, kind):
            out.candidates.append(Candidate(_area(m.group("area")), m.group("grade"), how="known"))
            return out
        m = re.match(rf"^(?P<grade>{GRADE_RE})\s+(?P<area>.+)$", text, re.I)
        if m and _known(m.group("area"), cycle, kind):
            out.candidates.append(Candidate(_area(m.group("area")), m.group("grade"), how="known"))
            return out
    is_area = plausible_area(text) and (not wrapped or _known(text, cycle, kind) or (
        text[:1].isupper() and len(text.split()) <= 14 and not text.endswith((",", ";"))))
    out.atoms.append(Atom("area" if is_area else "break", text, heading))
    return out


def _known(text: str, cycle: str | None, kind: str) -> bool:
    return area_key(_area(text), cycle, kind) is not None


def normalise_grade_in(text: str) -> bool:
    """True if a grade word appears anywhere in the text."""
    return bool(re.search(rf"\b{GRADE_RE}\b", text, re.I))


# ---------------------------------------------------------------- sentences

_VERB_GRADE = re.compile(
    rf"\b(?:graded|judged|rated|assessed)\b(?P<between>(?:\s+(?!as\b|to\b)[\w'\u2019&,-]+)"
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


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", clean_text(text)) if s]


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
    out: list[Candidate] = []
    for sentence in _sentences(text):
        body = sentence.rstrip(".!? ")
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


def stated_grades(text: str, *, cycle: str | None = None) -> list[Candidate]:
    """'Dyfed-Powys Police is adequate at recording data about crime', 'X requires
    improvement at investigating crime': only for area names known for some framework,
    so ordinary prose ('the force is good at listening') is never read as a grade."""
    out: list[Candidate] = []
    for sentence in _sentences(text):
        body = sentence.rstrip(".!? ")
        if _about_the_past(body, body, cycle):
            continue
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


# ---------------------------------------------------------------- tables (HTML and PDF)

_GRADE_HEADER = re.compile(r"^(?:(?:our\s+|overall\s+|peel\s+|\d{4}(?:[/-]\d{2})?\s+)?"
                           r"(?:grade|grading|judge?ment|graded\s+judge?ment|rating)s?)$", re.I)
_AREA_HEADER = re.compile(r"\b(?:area|areas|question|questions|pillar|topic|theme|"
                          r"what\s+we\s+inspected|inspection\s+area|area\s+of\s+policing)\b",
                          re.I)


@dataclass
class TableState:
    """A grade table's layout, carried to the next page when a table spans two pages."""

    columns: int
    area_col: int | None = None
    grade_col: int | None = None
    grade_by_col: dict[int, str] = field(default_factory=dict)
    ambiguous: bool = False


def _cell(text: str | None) -> str:
    return clean_text((text or "").replace("\n", " "))


def _cell_lines(text: str | None, *, explicit: bool) -> list[str]:
    """A cell's lines: explicit breaks (HTML) or wrapped lines joined (PDF)."""
    lines = [clean_text(x) for x in (text or "").split("\n") if clean_text(x)]
    if explicit:
        return lines
    out: list[str] = []
    for line in lines:
        if out and (line[:1].islower() or out[-1].endswith((",", "and", "-"))):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _header_state(row: list[str]) -> TableState | None:
    cells = [_cell(c) for c in row]
    grade_cols = [i for i, c in enumerate(cells) if _GRADE_HEADER.match(c)]
    graded = {i: cells[i] for i, c in enumerate(cells) if normalise_grade(c)}
    labels = [i for i, c in enumerate(cells) if c and i not in graded]
    if len(graded) >= 3 and len(labels) <= 1:
        return TableState(len(cells), area_col=labels[0] if labels else None,
                          grade_by_col=graded)
    if len(grade_cols) > 1:
        return TableState(len(cells), ambiguous=True)
    if len(grade_cols) == 1:
        gcol = grade_cols[0]
        area_cols = [i for i, c in enumerate(cells) if i != gcol and _AREA_HEADER.search(c)]
        others = [i for i, c in enumerate(cells) if i != gcol and c]
        acol = area_cols[0] if area_cols else (others[0] if others else None)
        return TableState(len(cells), area_col=acol, grade_col=gcol)
    return None


def grades_from_rows(rows: list[list[str | None]], *, carry: TableState | None = None,
                     explicit_lines: bool = True, page: int | None = None,
                     location: str = "table") -> tuple[list[Candidate], list[Problem],
                                                       TableState | None]:
    """Candidates from a table's rows, in any of three layouts: an area column with a
    'Grade' column; one column per grade with the areas beneath; rows holding an area and
    a grade cell. ``carry`` continues a table from the previous page."""
    cands: list[Candidate] = []
    problems: list[Problem] = []
    state = carry if carry and rows and len(rows[0]) == carry.columns else None
    for r, row in enumerate(rows):
        header = _header_state([c or "" for c in row])
        if header:
            state = header
            if header.ambiguous:
                problems.append(Problem("extract", "grade table with several grade columns: "
                                        "not read", {"header": [c or "" for c in row]},
                                        f"{location} row {r + 1}"))
            continue
        cells = [c or "" for c in row]
        if state and state.ambiguous:
            continue
        if state and state.grade_by_col:
            found, problem = _matrix_row(cells, state, page, f"{location} row {r + 1}")
            if found is None:
                found = [Candidate(_area(a), grade, page, "grade-columns")
                         for col, grade in state.grade_by_col.items() if col < len(cells)
                         for a in _cell_lines(cells[col], explicit=explicit_lines)
                         if plausible_area(a)]
            cands += found
            problems += [problem] if problem else []
        elif state and state.grade_col is not None and state.area_col is not None:
            if max(state.grade_col, state.area_col) >= len(cells):
                continue
            area, grade = _cell(cells[state.area_col]), _cell(cells[state.grade_col])
            if not area or not grade or is_ungraded(grade):
                continue
            word = _grade_in_cell(grade)
            if word is None:
                problems.append(Problem("extract", f"unrecognised grade {grade!r} for area "
                                        f"{area!r}", {"area": area, "grade": grade},
                                        f"{location} row {r + 1}"))
                continue
            cands.append(Candidate(_area(area), word, page, "grade-column"))
        else:
            cands += _pair_row(cells, page, explicit_lines)
    return cands, problems, state


_MARK = re.compile(r"^(?:.{1,3}|yes|selected|ticked|checked|current\s+grade)$", re.I)


def _matrix_row(cells: list[str], state: TableState, page: int | None, where: str
                ) -> tuple[list[Candidate] | None, Problem | None]:
    """A row of an area x grade matrix (a mark under the grade), or None if the row is
    not one (the grade columns then hold area names)."""
    label_cols = [state.area_col] if state.area_col is not None else [
        i for i in range(len(cells)) if i not in state.grade_by_col]
    labels = [_cell(cells[i]) for i in label_cols if i < len(cells) and _cell(cells[i])]
    marks = {col: _cell(cells[col]) for col in state.grade_by_col
             if col < len(cells) and _cell(cells[col])}
    if len(labels) != 1 or not marks or not all(_MARK.match(m) or normalise_grade(m)
                                                for m in marks.values()):
        return None, None
    area = _area(labels[0])
    if not plausible_area(area):
        return None, None
    if len(marks) > 1:
        grades = [state.grade_by_col[c] for c in marks]
        return [], Problem("extract", f"several grades marked for area {area!r}: "
                           f"{', '.join(grades)}", {"area": area, "grades": grades}, where)
    return [Candidate(area, state.grade_by_col[next(iter(marks))], page, "matrix")], None


def _grade_in_cell(cell: str) -> str | None:
    """The grade of a 'Grade' column cell: the whole cell, or its first line/words."""
    if normalise_grade(cell):
        return cell
    m = re.match(rf"^\W*({GRADE_RE})\b(?:\s*[\u2013\u2014:(.-]|\s*$)", cell, re.I)
    return m.group(1) if m else None


def _pair_row(cells: list[str], page: int | None, explicit: bool) -> list[Candidate]:
    filled = [(i, c) for i, c in enumerate(cells) if _cell(c)]
    grades = [(i, c) for i, c in filled if _grade_atom(_cell(c))]
    if len(grades) != 1:
        return []
    gi, gtext = grades[0]
    others = [c for i, c in filled if i != gi]
    if len(others) != 1:
        return []
    grade_first = gi == filled[0][0]
    lines = _cell_lines(others[0], explicit=explicit) if grade_first else [_cell(others[0])]
    return [Candidate(_area(a), _cell(gtext), page, "row") for a in lines if plausible_area(a)]


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
                out += [Candidate(_area(a), current, page, "grouped", atom.order)
                        for a in _area_list(atom.text)]
        return out
    for i, (prev, atom) in enumerate(zip(run, run[1:]), start=1):
        if atom.kind == "grade" and prev.kind == "area":
            named = prev
            head = run[i - 2] if i >= 2 else None
            if _QUESTION.search(prev.text) and head is not None and head.kind == "area" \
                    and head.heading and not _QUESTION.search(head.text):
                named = head  # '<h3>Effectiveness</h3><p>How effectively...?</p><p>Good</p>'
            out.append(Candidate(_area(named.text), atom.text, page, "pairs", named.order))
    return out


# ---------------------------------------------------------------- HTML

_SKIP = {"script", "style", "noscript", "template", "nav", "footer", "form", "select", "svg",
         "iframe", "head", "input", "textarea"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "main", "aside", "header", "figure", "figcaption",
           "blockquote", "caption", "details", "summary", "tr", "td", "th", "tbody", "thead",
           "body", "html", "address", "center", "fieldset", "hr", "pre"}
DEFAULT_AREAS = {"cdi": "Crime recording"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class _Block:
    lines: list[list[str]] = field(default_factory=list)
    heading: int | None = None
    table: Tag | None = None
    dl: Tag | None = None

    @property
    def text(self) -> str:
        return clean_text(" ".join(" ".join(line) for line in self.lines))


def to_soup(data: bytes | str | BeautifulSoup | Tag) -> BeautifulSoup | Tag:
    """A parsed tree from bytes (honouring a declared charset), text or an existing tree."""
    if isinstance(data, Tag):
        return data
    if isinstance(data, bytes):
        head = data[:4096].decode("ascii", "ignore").lower()
        m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", head)
        text = None
        for enc in ([m.group(1)] if m else []) + ["utf-8", "windows-1252"]:
            try:
                text = data.decode(enc)
                break
            except (LookupError, UnicodeDecodeError):
                continue
        data = text if text is not None else data.decode("utf-8", "replace")
    return BeautifulSoup(data, "lxml")


def _inline_segments(node: Tag | NavigableString) -> list[tuple[str, bool]]:
    """(text, starts a new line) pieces of an inline node: <br> breaks, <img alt> counts."""
    if isinstance(node, NavigableString):
        return [(str(node), False)]
    if node.name == "br":
        return [("", True)]
    if node.name == "img":
        return [(node.get("alt") or "", False)]
    label = node.get("aria-label") if node.get("role") == "img" else None
    if label:
        return [(str(label), False)]
    out: list[tuple[str, bool]] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, (NavigableString, Tag)) and getattr(child, "name", None) not in _SKIP:
            out += _inline_segments(child)
    return out


def _flush(pending: list[Tag | NavigableString], heading: int | None, out: list[_Block]) -> None:
    lines: list[list[tuple[str, bool]]] = [[]]
    for node in pending:
        is_string = isinstance(node, NavigableString)
        pieces = _inline_segments(node)
        if not any(brk for _, brk in pieces):
            pieces = [("".join(t for t, _ in pieces), False)]
        for text, brk in pieces:
            if brk:
                lines.append([])
            elif text.strip():
                lines[-1].append((text, is_string))
    merged = [_merge(line) for line in lines if line]
    if merged:
        out.append(_Block(lines=merged, heading=heading))
    pending.clear()


def _merge(line: list[tuple[str, bool]]) -> list[str]:
    """Inline pieces -> segments: loose text joins its neighbour; two elements side by side
    (spans of a chart), grade words and text after a separator stay apart."""
    out: list[tuple[str, bool]] = []
    for text, is_string in line:
        if out and _same_grade(text, out[-1][0]):
            continue  # an icon's alt text beside the same grade word
        if out and (is_string or out[-1][1]) and not _grade_atom(text) \
                and not _grade_atom(out[-1][0]) and not re.match(r"^\s*[:|\u2013\u2014]", text):
            out[-1] = (out[-1][0] + text, True)
        else:
            out.append((text, is_string))
    return [clean_text(t) for t, _ in out if clean_text(t)]


def _same_grade(a: str, b: str) -> bool:
    grade_a, grade_b = _grade_atom(a), _grade_atom(b)
    return bool(grade_a and grade_b) and (
        normalise_grade(grade_a or "") == normalise_grade(grade_b or ""))


def _walk(node: Tag, out: list[_Block]) -> None:
    heading = _HEADINGS.get(node.name)
    pending: list[Tag | NavigableString] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                pending.append(child)
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name in ("table", "dl"):
            _flush(pending, heading, out)
            out.append(_Block(table=child) if child.name == "table" else _Block(dl=child))
        elif child.name in _BLOCKS or child.find(list(_BLOCKS | {"table", "dl"})):
            _flush(pending, heading, out)
            _walk(child, out)
        else:
            pending.append(child)
    _flush(pending, heading, out)


def _judgments_scopes(blocks: list[_Block]) -> list[list[_Block]]:
    """The blocks under each "Our judgments"-like heading: real headings (h1-h6) first,
    then short bold-line pseudo-headings. A scope ends at the next heading of its level."""
    real: list[list[_Block]] = []
    pseudo: list[list[_Block]] = []
    level_before: int | None = None
    for i, block in enumerate(blocks):
        if block.heading is not None:
            level_before = block.heading
        single = (block.table is None and block.dl is None and len(block.text) < 80
                  and len(block.lines) == 1 and len(block.lines[0]) == 1)
        if not ((block.heading is not None or single)
                and _JUDGMENTS_HEADING.match(block.text.strip(" :"))):
            continue
        level = block.heading if block.heading is not None else (level_before or 0)
        scope = []
        for nxt in blocks[i + 1:]:
            if nxt.heading is not None and nxt.heading <= level and not _grade_atom(nxt.text):
                break
            scope.append(nxt)
        (real if block.heading is not None else pseudo).append(scope)
    return real + pseudo


def _table_rows(table: Tag) -> list[list[str]]:
    rows = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            blocks: list[_Block] = []
            _walk(cell, blocks)
            cells.append("\n".join(" ".join(line) for b in blocks for line in b.lines))
        rows.append(cells)
    return rows


def _dl_candidates(dl: Tag) -> list[Candidate]:
    out: list[Candidate] = []
    term: str | None = None
    for child in dl.find_all(["dt", "dd"]):
        if child.find_parent("dl") is not dl:
            continue
        blocks: list[_Block] = []
        _walk(child, blocks)
        lines = [clean_text(" ".join(line)) for b in blocks for line in b.lines]
        if child.name == "dt":
            term = clean_text(" ".join(lines))
            continue
        if not term:
            continue
        if _grade_atom(term):
            out += [Candidate(_area(a), term, how="dl") for a in lines if plausible_area(a)]
        elif lines and plausible_area(term):
            grade = _grade_atom(lines[0]) or _grade_in_cell(lines[0])
            if grade:
                out.append(Candidate(_area(term), grade, how="dl"))
    return out


def _read_blocks(blocks: list[_Block], *, cycle: str | None, kind: str,
                 location: str) -> tuple[list[Candidate], list[Problem]]:
    default_area = DEFAULT_AREAS.get(kind)
    cands: list[Candidate] = []
    problems: list[Problem] = []
    atoms: list[Atom] = []
    for n, block in enumerate(blocks):
        if block.table is not None:
            atoms.append(Atom("break", ""))
            found, probs, _ = grades_from_rows(_table_rows(block.table),
                                               location=f"{location} table {n + 1}")
            for c in found:
                c.order = len(cands) + len(atoms)
            cands += found
            problems += probs
            continue
        if block.dl is not None:
            atoms.append(Atom("break", ""))
            found = _dl_candidates(block.dl)
            for c in found:
                c.order = len(cands) + len(atoms)
            cands += found
            continue
        for line in block.lines:
            read = read_line(line, cycle=cycle, kind=kind, heading=block.heading is not None,
                             default_area=default_area)
            if read.candidates:
                atoms.append(Atom("break", ""))
            order = len(cands) + len(atoms)
            for c in read.candidates:
                c.order = order
            for a in read.atoms:
                a.order = order
            cands += read.candidates
            atoms += read.atoms
    cands += grades_from_atoms(atoms)
    return sorted(cands, key=lambda c: c.order), problems


def grades_from_html(soup_or_bytes: bytes | str | BeautifulSoup | Tag, *, force: str | None,
                     cycle: str | None, kind: str | None = None,
                     location: str = "html") -> tuple[list[Grade], list[Problem]]:
    """Every graded judgment of a page's "Our judgments" section (or, without one, the
    whole page), whatever its markup: tables, lists, definition lists, charts of divs,
    sentences. ``kind`` is 'peel', 'cdi' or 'fire' (guessed from the title if None)."""
    soup = to_soup(soup_or_bytes)
    title = clean_text(" ".join(t.get_text(" ") for t in soup.find_all(["title", "h1"])[:2]))
    kind = kind or scheme_from(title)
    cycle = cycle or cycle_from(title)
    blocks: list[_Block] = []
    root = soup.find("body") or soup
    if isinstance(root, Tag):
        _walk(root, blocks)
    cands: list[Candidate] = []
    problems: list[Problem] = []
    for scope in [*_judgments_scopes(blocks), blocks]:
        cands, problems = _read_blocks(scope, cycle=cycle, kind=kind, location=location)
        if cands or problems:
            break
    grades, more = finish_grades(cands, force=force, cycle=cycle, kind=kind, location=location)
    return grades, problems + more


# ---------------------------------------------------------------- checks

def finish_grades(cands: list[Candidate], *, force: str | None, cycle: str | None, kind: str,
                  location: str | None = None) -> tuple[list[Grade], list[Problem]]:
    """Candidates -> Grade records: ungraded areas dropped, grades outside the cycle's
    scale and areas with conflicting grades turned into Problems. An area printed twice
    (or under two known names of one area) gives one Grade, with its first printed name."""
    scale = scale_for(cycle, kind)
    by_area: dict[str, list[Grade]] = {}
    problems: list[Problem] = []
    for c in cands:
        area = _area(c.area)
        where = f"page {c.page}" if c.page else location
        record = {"force": force, "area": area, "grade": c.grade, "cycle": cycle,
                  "page": c.page}
        if not area or is_ungraded(c.grade):
            continue
        grade = normalise_grade(c.grade)
        if grade is None:
            problems.append(Problem("extract", f"unrecognised grade {c.grade!r} for area "
                                    f"{area!r}", record, where))
            continue
        if grade not in scale:
            problems.append(Problem(
                "extract", f"grade {grade!r} for area {area!r} is outside the "
                f"{len(scale)}-point {kind} scale of cycle {cycle}", record, where))
            continue
        key = area_key(area, cycle, kind)
        by_area.setdefault(key or area_text(area), []).append(
            Grade(force, area, grade, cycle, c.page, key))
    out: list[Grade] = []
    for found in by_area.values():
        words = sorted({g.grade for g in found})
        if len(words) > 1:
            problems.append(Problem(
                "extract", f"conflicting grades for area {found[0].area!r}: "
                f"{' vs '.join(words)}", {"force": force, "area": found[0].area,
                                          "grades": words, "cycle": cycle},
                location))
            continue
        out.append(found[0])
    return out, problems
