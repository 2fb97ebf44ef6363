"""Grade tables, from HTML or PDF: an area column with a 'Grade' column, one column per
grade with the areas beneath, an area x grade matrix of marks, or rows of area and grade."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.grades.words import (GRADE_RE, Candidate, area_label, clean_text, is_ungraded,
                                     lone_grade, normalise_grade, plausible_area)
from extractors.records import Problem


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
                found = [Candidate(area_label(a), grade, page, "grade-columns")
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
            word = grade_in_cell(grade)
            if word is None:
                problems.append(Problem("extract", f"unrecognised grade {grade!r} for area "
                                        f"{area!r}", {"area": area, "grade": grade},
                                        f"{location} row {r + 1}"))
                continue
            cands.append(Candidate(area_label(area), word, page, "grade-column"))
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
    area = area_label(labels[0])
    if not plausible_area(area):
        return None, None
    if len(marks) > 1:
        grades = [state.grade_by_col[c] for c in marks]
        return [], Problem("extract", f"several grades marked for area {area!r}: "
                           f"{', '.join(grades)}", {"area": area, "grades": grades}, where)
    return [Candidate(area, state.grade_by_col[next(iter(marks))], page, "matrix")], None


def grade_in_cell(cell: str) -> str | None:
    """The grade of a 'Grade' column cell: the whole cell, or its first line/words."""
    if normalise_grade(cell):
        return cell
    m = re.match(rf"^\W*({GRADE_RE})\b(?:\s*[\u2013\u2014:(.-]|\s*$)", cell, re.I)
    return m.group(1) if m else None


def _pair_row(cells: list[str], page: int | None, explicit: bool) -> list[Candidate]:
    filled = [(i, c) for i, c in enumerate(cells) if _cell(c)]
    grades = [(i, c) for i, c in filled if lone_grade(_cell(c))]
    if len(grades) != 1:
        return []
    gi, gtext = grades[0]
    others = [c for i, c in filled if i != gi]
    if len(others) != 1:
        return []
    grade_first = gi == filled[0][0]
    lines = _cell_lines(others[0], explicit=explicit) if grade_first else [_cell(others[0])]
    return [Candidate(area_label(a), _cell(gtext), page, "row") for a in lines if plausible_area(a)]
