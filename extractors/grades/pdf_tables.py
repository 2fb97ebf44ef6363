"""Grade tables on one PDF page through pdfplumber: ruled tables (also carried across a
page break), and grade charts or 'Area | Grade' tables drawn without rules, read from
word positions. Only pages whose text looks like a grade table come here."""
from __future__ import annotations

import re
from typing import Any

from extractors.grades.tables import TableState, grades_from_rows
from extractors.grades.words import GRADE_RE, Candidate, normalise_grade, plausible_area
from extractors.records import Problem

TABLE_HINT = re.compile(r"^(?:area|areas|question|pillar)\b.*\b(?:grade|judge?ment|rating)s?$|"
                        r"^(?:grade|judge?ment)s?$", re.I)


def is_grade_header(line: str) -> bool:
    """A line of three or more different grade words and nothing else (a chart's header)."""
    words = re.findall(rf"\b{GRADE_RE}\b", line, re.I)
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
        if is_grade_header(text):
            return _chart_columns(row, rows[i + 1:], number)
        if TABLE_HINT.match(text):
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


def page_tables(plumber: Any, index: int, carry: TableState | None
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
