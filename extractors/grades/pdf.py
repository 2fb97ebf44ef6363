"""Graded judgments from a report PDF, and reconciling them with the HTML page's grades.

Text comes from pypdfium2 (fast); pdfplumber reads tables (and the word positions of a
grade chart) only on pages whose text looks like a grade table.
"""
from __future__ import annotations

import io
import re
from dataclasses import asdict
from typing import Any

from extractors.grades.html import DEFAULT_AREAS
from extractors.grades.words import (GRADE_RE, Candidate, Atom, clean_text, body_from_text,
                                     cycle_from, finish_grades, normalise_grade, plausible_area,
                                     scheme_from)
from extractors.grades.tables import TableState, grades_from_rows
from extractors.grades.text import grades_from_atoms, read_line, sentence_grades
from extractors.pdf.document import page_texts
from extractors.records import Grade, Problem
from reference.grade_scales import area_text, known_areas

_TABLE_HINT = re.compile(r"^(?:area|areas|question|pillar)\b.*\b(?:grade|judge?ment|rating)s?$|"
                         r"^(?:grade|judge?ment)s?$", re.I)


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


def _grade_words(line: str) -> list[str]:
    return re.findall(rf"\b{GRADE_RE}\b", line, re.I)


def _looks_like_grade_table(lines: list[str], *, cycle: str | None, kind: str) -> bool:
    """A header of grade words or 'Area ... Grade', or two or more lines that read as an
    area and its grade."""
    if any(_TABLE_HINT.match(line) or _is_grade_header(line) for line in lines):
        return True
    pairs = 0
    for line in lines:
        if len(line.split()) <= 30 and re.search(rf"\b{GRADE_RE}\W*$", line, re.I):
            pairs += bool(read_line([line], cycle=cycle, kind=kind, wrapped=True).candidates)
    return pairs >= 2


def _is_grade_header(line: str) -> bool:
    words = _grade_words(line)
    rest = re.sub(rf"\b{GRADE_RE}\b", "", line, flags=re.I)
    return len({normalise_grade(w) for w in words}) >= 3 and not re.search(r"[A-Za-z]", rest)


_Word = dict[str, Any]


def _word_rows(page: Any) -> list[list[_Word]]:
    """The page's words grouped into visual lines, top to bottom, left to right."""
    rows: list[list[_Word]] = []
    for w in sorted(page.extract_words(keep_blank_chars=False),
                    key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) < 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _layout_candidates(page: Any, number: int) -> list[Candidate]:
    """Grade tables drawn without ruling lines, read from word positions: a chart with
    one column per grade, or an 'Area | Grade' table."""
    rows = _word_rows(page)
    for i, row in enumerate(rows):
        text = " ".join(w["text"] for w in row)
        if _is_grade_header(text):
            return _chart_columns(row, rows[i + 1:], number)
        if _TABLE_HINT.match(text):
            return _area_grade_columns(row, rows[i + 1:], number)
    return []


def _ends_block(row: list[_Word], last_bottom: float) -> bool:
    text = " ".join(w["text"] for w in row)
    return row[0]["top"] - last_bottom > 40 or (len(text.split()) > 12 and text.endswith("."))


def _area_grade_columns(header: list[_Word], below: list[list[_Word]],
                        number: int) -> list[Candidate]:
    """Rows under an 'Area ... Grade' header: words right of the grade heading's left
    edge are the grade; an area wrapped over lines starts with a capital."""
    grade_x = next((w["x0"] for w in reversed(header)
                    if re.match(r"(?i)^(?:grade|judge?ment|rating)s?$", w["text"])), None)
    if grade_x is None:
        return []
    entries: list[list[str]] = []  # [area text, grade text]
    last_bottom = header[0]["bottom"]
    for row in below:
        if _ends_block(row, last_bottom):
            break
        last_bottom = max(w["bottom"] for w in row)
        area = " ".join(w["text"] for w in row if w["x0"] < grade_x - 2)
        grade = " ".join(w["text"] for w in row if w["x0"] >= grade_x - 2)
        if area and (not entries or not area[:1].islower()):
            entries.append([area, ""])
        elif area:
            entries[-1][0] = f"{entries[-1][0]} {area}"
        if grade and entries:
            entries[-1][1] = f"{entries[-1][1]} {grade}".strip()
    return [Candidate(a, g, number, "layout-table") for a, g in entries
            if g and plausible_area(a)]


def _chart_columns(header: list[_Word], below: list[list[_Word]],
                   number: int) -> list[Candidate]:
    labels: list[tuple[float, str]] = []
    k = 0
    while k < len(header):
        w = header[k]
        two = f"{w['text']} {header[k + 1]['text']}" if k + 1 < len(header) else ""
        if two and normalise_grade(two):
            labels.append(((w["x0"] + header[k + 1]["x1"]) / 2, two))
            k += 2
            continue
        if normalise_grade(w["text"]):
            labels.append(((w["x0"] + w["x1"]) / 2, w["text"]))
        k += 1
    centres = [c for c, _ in labels]
    columns: dict[int, list[list[str]]] = {i: [] for i in range(len(labels))}
    last_bottom = header[0]["bottom"]
    for row in below:
        if _ends_block(row, last_bottom):
            break
        last_bottom = max(w["bottom"] for w in row)
        for col in range(len(labels)):
            columns[col].append([])
        for w in row:
            centre = (w["x0"] + w["x1"]) / 2
            col = min(range(len(centres)), key=lambda i: abs(centres[i] - centre))
            columns[col][-1].append(w["text"])
    out: list[Candidate] = []
    for col, (_, grade) in enumerate(labels):
        areas: list[str] = []
        for words in columns[col]:
            line = " ".join(words)
            if not line:
                if areas and areas[-1]:
                    areas.append("")
                continue
            if areas and areas[-1] and (line[:1].islower() or areas[-1].endswith((",", "and"))):
                areas[-1] = f"{areas[-1]} {line}"
            else:
                areas.append(line)
        out += [Candidate(a, grade, number, "chart") for a in areas if a and plausible_area(a)]
    return out


def _page_tables(plumber: Any, index: int, carry: TableState | None
                 ) -> tuple[list[Candidate], list[Problem], TableState | None]:
    page = plumber.pages[index]
    try:
        tables = page.extract_tables()
        cands: list[Candidate] = []
        problems: list[Problem] = []
        state = carry
        for t, rows in enumerate(tables):
            found, probs, state = grades_from_rows(
                rows, carry=state if t == 0 else None, explicit_lines=False,
                page=index + 1, location=f"page {index + 1} table {t + 1}")
            cands += found
            problems += probs
        if not cands and not problems and not tables:
            cands = _layout_candidates(page, index + 1)
        return cands, problems, state if tables else None
    finally:
        page.close()


def _line_candidates(lines: list[str], number: int, *, cycle: str | None,
                     kind: str) -> list[Candidate]:
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
                    if plumber is None:
                        import pdfplumber      # only for pages that look like grade tables
                        plumber = pdfplumber.open(io.BytesIO(data))
                    table_cands, table_problems, carry = _page_tables(plumber, index, carry)
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
