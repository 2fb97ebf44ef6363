"""Graded judgments from a report PDF, and reconciling them with the HTML page's grades.

Text comes from the shared pypdfium2 pass; only pages with grade words near graded-area
words are read, and pdfplumber (extractors/grades/pdf_tables.py) only on pages whose
text looks like a grade table.
"""
from __future__ import annotations

import io
import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from extractors.grades.words import (DEFAULT_AREAS, GRADE_RE, Atom, Candidate, body_from_text,
                                     clean_text, cycle_from, finish_grades, scheme_from)
from extractors.pdf.document import page_texts

if TYPE_CHECKING:
    from extractors.grades.tables import TableState

# The line, prose and table readers (extractors/grades/text.py, prose.py, pdf_tables.py and
# their ~20 patterns) load on the first page that may hold grades: a report without any
# does not compile them.
from extractors.records import Grade, Problem
from reference.grade_scales import area_text, known_areas


def _page_texts(data: bytes) -> list[str]:
    """Each page's text through the shared opener (every check: header, end marker,
    encryption, limits); pages closed as they are read."""
    return [text for _, _, _, text in page_texts(data)]


def _area_words() -> re.Pattern[str]:
    """Words that name a graded area, pillar or judgment in any scheme and cycle."""
    words = {"effective", "effectiveness", "efficient", "efficiency", "legitimate",
             "legitimacy", "crime recording", "graded", "judged", "judgment", "judgement",
             "grade", "grades", "rated", "rating", "pillar"}
    for kind in ("peel", "cdi", "fire"):
        for areas in known_areas(kind).values():
            words.update(" ".join(name.lower().split()[:2]) for name in areas.values())
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})", re.I)


_AREA_WORDS = _area_words()
_GRADE_WORD = re.compile(rf"\b{GRADE_RE}\b", re.I)
_NEAR = 400      # characters between a grade word and a graded-area word


def may_hold_grades(text: str) -> bool:
    """True when a page shows a grade word within a few lines of a word that names a
    graded area or a judgment: the only pages the grade readers look at."""
    grades = [m.start() for m in _GRADE_WORD.finditer(text)]
    if not grades:
        return False
    areas = [m.start() for m in _AREA_WORDS.finditer(text)]
    j = 0
    for g in grades:          # both lists ascend: one merge pass
        while j < len(areas) and areas[j] < g - _NEAR:
            j += 1
        if j < len(areas) and abs(areas[j] - g) <= _NEAR:
            return True
    return False


def _lines(text: str) -> list[str]:
    return [clean_text(x) for x in re.split(r"\r\n|\r|\n", text) if clean_text(x)]


def _looks_like_grade_table(lines: list[str], *, cycle: str | None, kind: str) -> bool:
    """A header of grade words or 'Area ... Grade', or two or more lines that read as an
    area and its grade."""
    from extractors.grades.pdf_tables import TABLE_HINT, is_grade_header
    from extractors.grades.text import read_line
    if any(TABLE_HINT.match(line) or is_grade_header(line) for line in lines):
        return True
    pairs = 0
    for line in lines:
        if len(line.split()) <= 30 and re.search(rf"\b{GRADE_RE}\W*$", line, re.I):
            pairs += bool(read_line([line], cycle=cycle, kind=kind, wrapped=True).candidates)
    return pairs >= 2


def _line_candidates(lines: list[str], number: int, *, cycle: str | None,
                     kind: str) -> list[Candidate]:
    from extractors.grades.prose import sentence_grades
    from extractors.grades.text import grades_from_atoms, read_line
    cands = sentence_grades(" ".join(lines), cycle=cycle, default_area=DEFAULT_AREAS.get(kind))
    atoms: list[Atom] = []
    for line in lines:
        read = read_line([line], cycle=cycle, kind=kind, wrapped=True)
        if read.candidates:
            atoms.append(Atom("break", ""))
        cands += read.candidates
        atoms += read.atoms
    cands += grades_from_atoms(atoms)
    for c in cands:
        c.page = number
    return cands


def grades_from_pdf(data: bytes, *, force: str | None, cycle: str | None,
                    kind: str | None = None, texts: list[str] | None = None
                    ) -> tuple[list[Grade], list[Problem]]:
    """Every graded judgment in a report PDF: grade tables (also across two pages),
    grade charts, 'Area: Grade' lines and judgment sentences, with 1-based pages.

    ``texts``: the pages' pdfium text from the shared pass (``read_pdf``), else read
    here. Only pages that ``may_hold_grades`` are read line by line; pdfplumber opens
    only pages whose text looks like a grade table (or continues one)."""
    if texts is None:
        try:
            texts = _page_texts(data)
        except Exception as exc:  # PdfError, or pypdfium2's own PdfiumError and OSError
            return [], [Problem("extract", f"unreadable PDF: {exc}", {}, None)]
    head = " ".join(_lines("\n".join(texts[:2])))
    kind = kind or scheme_from(head[:300])
    cycle = cycle or cycle_from(head[:1500])
    force = force or body_from_text(head[:1500], kind)
    cands: list[Candidate] = []
    problems: list[Problem] = []
    carry: TableState | None = None
    plumber: Any = None
    try:
        for index, text in enumerate(texts):
            if carry is None and not may_hold_grades(text):
                continue
            lines = _lines(text)
            table_cands: list[Candidate] = []
            if carry is not None or _looks_like_grade_table(lines, cycle=cycle, kind=kind):
                try:
                    from extractors.grades.pdf_tables import page_tables
                    if plumber is None:
                        import pdfplumber      # only for pages that look like grade tables
                        plumber = pdfplumber.open(io.BytesIO(data))
                    table_cands, table_problems, carry = page_tables(plumber, index, carry)
                    problems += table_problems
                except Exception as exc:  # pdfminer raises many types on odd files
                    carry = None
                    problems.append(Problem("extract", f"tables unreadable: {exc}", {},
                                            f"page {index + 1}"))
            else:
                carry = None
            cands += table_cands or _line_candidates(lines, index + 1, cycle=cycle, kind=kind)
    finally:
        if plumber is not None:
            plumber.close()
    grades, more = finish_grades(cands, force=force, cycle=cycle, kind=kind, location="pdf")
    return grades, problems + more


def reconcile_grades(html: list[Grade], pdf: list[Grade]) -> tuple[list[Grade], list[Problem]]:
    """One set of grades from the HTML page and the PDF: agreeing grades kept once (the
    HTML record), a grade found in one source only kept, and any disagreement reported
    as a Problem with neither grade stored."""
    def key(g: Grade) -> tuple[str | None, str]:
        return g.force, g.area_key or area_text(g.area)

    by_pdf = {key(g): g for g in pdf}
    out: list[Grade] = []
    problems: list[Problem] = []
    seen: set[tuple[str | None, str]] = set()
    for g in html:
        k = key(g)
        seen.add(k)
        other = by_pdf.get(k)
        if other is None or other.grade == g.grade:
            out.append(g)
            continue
        problems.append(Problem(
            "reconcile", f"grade disagreement: {g.area!r} is {g.grade!r} in the HTML page "
            f"but {other.grade!r} in the PDF (page {other.page})",
            {"html": asdict(g), "pdf": asdict(other)}, f"page {other.page}"))
    out += [g for g in pdf if key(g) not in seen]
    return out, problems
