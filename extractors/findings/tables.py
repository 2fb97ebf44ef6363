"""Findings set out in a table: a findings column read as list items, with the number,
force and deadline columns beside it."""
from __future__ import annotations

import re

from extractors.dates import parse_date
from extractors.findings.labels import LABEL_LEVEL, TextBlock, parse_label
from extractors.records import FindingKind
from reference.forces import force_id_for, forces


def table_blocks(rows: list[tuple], page: int | None = None,
                 anchor: str | None = None) -> list[TextBlock]:
    """A table's rows as blocks: a findings column becomes list items.

    Each row is (cells, is_header) or (cells, is_header, page) for a table that a page
    break split (each row then keeps its own page)."""
    out: list[TextBlock] = []
    text_col = num_col = force_col = due_col = None
    default_page = page
    for row in rows:
        cells, is_header = row[0], row[1]
        page = row[2] if len(row) > 2 else default_page
        cells = [" ".join((c or "").split()) for c in cells]
        if not any(cells):
            continue
        if text_col is None:
            header = _findings_header(cells, is_header)
            if header is not None:
                text_col, kind = header
                num_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:no\.?|number|ref(?:erence)?\.?|#|id)$", c, re.IGNORECASE)), None)
                force_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:police\s+)?force$", c, re.IGNORECASE)), None)
                due_col = next((i for i, c in enumerate(cells) if re.match(
                    r"^(?:timescales?|deadline|due(?:\s+date)?|by\s+when|target\s+date|"
                    r"date\s+due)$", c, re.IGNORECASE)), None)
                out.append(TextBlock("heading", _PLURAL[kind], LABEL_LEVEL, page=page,
                                     anchor=anchor))
                continue
        if text_col is not None and text_col < len(cells) and cells[text_col]:
            marker = cells[num_col] if num_col is not None and num_col < len(cells) else None
            if marker is None and text_col > 0 and re.match(r"^\(?\w{1,4}[.)]?$", cells[0]):
                marker = cells[0]
            fid = force_id_for(cells[force_col]) if force_col is not None else None
            due = cells[due_col] if due_col is not None and due_col < len(cells) else None
            if due and parse_date(due) and not re.search(r"\b(?:by|before|later|within)\b",
                                                          due, re.IGNORECASE):
                due = f"By {due}"  # a bare date in a Deadline column is the due date
            out.append(TextBlock("item", cells[text_col], 0,
                                 marker.strip("().") if marker else None, page, anchor,
                                 fid if fid in forces() else None, due))
            continue
        label = parse_label(cells[0]) if len(cells) > 1 else None
        if label and not label.section and not label.rest:
            out.append(TextBlock("heading", cells[0], LABEL_LEVEL, page=page, anchor=anchor))
            out.append(TextBlock("paragraph", " ".join(c for c in cells[1:] if c), page=page,
                                 anchor=anchor))
            continue
        out.append(TextBlock("paragraph", " ".join(c for c in cells if c), page=page,
                             anchor=anchor))
    return out


_PLURAL = {"recommendation": "Recommendations", "area_for_improvement": "Areas for improvement",
           "cause_of_concern": "Causes of concern"}


def _findings_header(cells: list[str], is_header: bool) -> tuple[int, FindingKind] | None:
    for i, cell in enumerate(cells):
        label = parse_label(cell)
        if label and not label.rest and not label.ref and (is_header or len(cells) > 1):
            others = [c for j, c in enumerate(cells) if j != i]
            if is_header or all(len(c) <= 25 for c in others):
                return i, label.kind
    return None
