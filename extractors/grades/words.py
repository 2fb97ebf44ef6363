"""Grade words and the names around them: the five grade forms, inspection cycles, grading
schemes, police force and fire service names, area labels, and the scale check that turns
candidates into Grade records."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from extractors.findings.labels import parse_label
from extractors.records import Grade, Problem
from reference.fire_services import fire_service_id_for, match_fire_services
from reference.forces import force_id_for, forces, name_index, normalise
from reference.grade_scales import area_key, area_text, scale_for

_GRADE_FORMS = {
    "outstanding": "outstanding", "good": "good", "adequate": "adequate",
    "inadequate": "inadequate", "requires improvement": "requires improvement",
    "requiring improvement": "requires improvement",
    "require improvement": "requires improvement",
    "required improvement": "requires improvement",
}
DEFAULT_AREAS = {"cdi": "Crime recording"}   # the area a scheme's lone judgment grades
GRADE_RE = r"(?:outstanding|good|adequate|inadequate|requir(?:es|ing|e|ed)\s+improvement)"
UNGRADED_RE = (r"(?:not\s+graded|ungraded|no\s+grade|no\s+graded\s+judge?ments?|"
               r"not\s+given\s+a\s+grade|we\s+don'?t\s+(?:give|make)\s+a\s+grade[^.]*|"
               r"not\s+assessed|not\s+applicable|n/a)")
_UNGRADED = re.compile(rf"^{UNGRADED_RE}$", re.I)
UNGRADED_AREAS = frozenset(area_text(a) for a in (
    "Victim service assessment", "Providing a service to the victims of crime",
    "Providing a service to victims of crime", "Specialist capabilities",
    "Victim service"))
_LABEL = re.compile(r"^(?:grade|grading|judge?ment|rating|our\s+judge?ment)\s*[:\-\u2013]\s*",
                    re.I)
GRADE_TRIGGER = re.compile(r"\b(?:graded|judged|rated|assessed|grades?|grading|judge?ments?)\b",
                           re.I)


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


def area_label(text: str) -> str:
    text = clean_text(text).strip(" :|\u2013\u2014-\u2022*\u00b7\t")
    text = re.sub(r"^(?:\d{1,2}[.)]|[a-k][.)]|q\d{1,2}[.:)]?)\s+", "", text, flags=re.I)
    return text.strip()


def plausible_area(text: str) -> bool:
    """Short label-like text that could name a graded area (not prose, not a grade)."""
    text = area_label(text)
    words = text.split()
    if not (2 <= len(text) <= 170 and 1 <= len(words) <= 24):
        return False
    if text.endswith(".") or normalise_grade(text) or is_ungraded(text):
        return False
    if GRADE_TRIGGER.search(text) or not re.search(r"[A-Za-z]{3}", text):
        return False
    if parse_label(text, heading=True):   # "Areas for improvement: good" names no area
        return False
    if _PROSE_VERB.search(text) and not QUESTION_FORM.search(text):
        return False
    return not re.match(r"^(?:we|our|this|these|the\s+force\s+(?:is|was)|page\s+\d)\b", text, re.I)


_PROSE_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were|does|do|did|should|must|will|"
                         r"would|can|could|may|needs?|means?)\b", re.I)
QUESTION_FORM = re.compile(r"^(?:how|to\s+what\s+extent|what|is|does|are)\b|\?$", re.I)


def lone_grade(text: str) -> str | None:
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
        area = area_label(_pillar_phrase(c.area))
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
    return _without_wrapped_tails(out), problems


_IN_RESPECT = re.compile(r"^(?:in\s+)?respect\s+of\s+(?:the\s+|its\s+)?(efficiency|effectiveness|"
                         r"legitimacy)\b", re.IGNORECASE)


def _pillar_phrase(area: str) -> str:
    """'in respect of the efficiency with which it keeps people safe' -> 'Efficiency'."""
    m = _IN_RESPECT.match(area.strip())
    return m.group(1).capitalize() if m else area


def _without_wrapped_tails(grades: list[Grade]) -> list[Grade]:
    """Drop an unknown area that is only the second line of a known area's wrapped name
    ('reducing vulnerability' of 'Preventing ... and reducing vulnerability')."""
    keep = []
    for g in grades:
        tail = area_text(g.area)
        wrapped = g.area_key is None and any(
            o is not g and o.area_key and o.grade == g.grade and
            area_text(o.area).endswith(tail) and len(area_text(o.area)) > len(tail)
            for o in grades)
        if not wrapped:
            keep.append(g)
    return keep
