"""Grades read from text: one line (a pair, short atoms, or a sentence: the sentence
readers are in extractors/grades/prose.py), and runs of short lines (an area then its
grade, or a grade heading its areas). The same readers serve HTML pages and PDF text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.grades.prose import area_list, sentence_grades, stated_grades
from extractors.grades.words import (GRADE_RE, GRADE_TRIGGER, QUESTION_FORM, UNGRADED_AREAS,
                                     UNGRADED_RE, Atom, Candidate, area_label, clean_text,
                                     is_ungraded, lone_grade, plausible_area)
from reference.grade_scales import area_key, area_text

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
                        for a in area_list(atom.text)]
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
