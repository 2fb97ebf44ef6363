"""Layout of positioned lines: columns put in reading order, table rows put back among the
text, the test for a gutter shared by side-by-side text, pages whose text layer is out of
reading order, and the pdfplumber pass for pages whose tables pdfium could not read."""
from __future__ import annotations

import io
import re
import statistics

from dataclasses import replace

from extractors.pdf.document import BOLD_FONT_NAME, PdfError, PdfLayoutPage, PdfLine
from extractors.pdf.words import fix_chars
from extractors.records import Problem, ProblemCode


# ---------------------------------------------------------------- pdfplumber layout pass


def pdf_layout_pages(data: bytes, numbers: list[int]) -> dict[int, PdfLayoutPage]:
    """Pages (1-based numbers) read by pdfplumber: columns in order, tables as rows.

    Text inside a table comes out as one ``PdfLine`` per row with ``cells`` set; the rest
    is grouped into lines by position and, on a two-column page, read left column then
    right column between any full-width lines. Each page is closed after use.
    """
    import pdfplumber

    wanted = sorted(set(numbers))
    out: dict[int, PdfLayoutPage] = {}
    if not wanted:
        return out
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on bad input
        raise PdfError(f"unreadable: {exc}") from exc
    with pdf:
        for number in wanted:
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            try:
                out[number] = _plumber_page(page, number)
            finally:
                page.close()
    return out


def _plumber_page(page, number: int) -> PdfLayoutPage:
    width, height = float(page.width), float(page.height)
    table_lines: list[PdfLine] = []
    boxes = []
    for table in page.find_tables():
        boxes.append(table.bbox)
        for row, cells in zip(table.rows, table.extract()):
            texts = tuple(" ".join(fix_chars(c or "").split()) for c in cells)
            if not any(texts):
                continue
            x0, top, x1, bottom = row.bbox
            table_lines.append(PdfLine(" ".join(t for t in texts if t), x0, x1, top, bottom,
                                       0.0, False, texts))
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"])
             if not any(_inside(w, b) for b in boxes)]
    lines = reading_order([_run_line(r) for r in _group_words(words)], width, height)
    sizes = [ln.size for ln in lines]
    for ln in table_lines:
        ln.size = statistics.median(sizes) if sizes else 12.0
    if table_lines:
        lines = merge_table_rows(lines, table_lines)
    return PdfLayoutPage(number, width, height, lines, multi_column=True)


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _group_words(words: list[dict]) -> list[list[dict]]:
    """Words -> runs on one baseline without a wide gap (a column's line)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    runs: list[list[dict]] = []
    for w in words:
        last = runs[-1] if runs else None
        if (last and abs(last[-1]["top"] - w["top"]) < 2
                and w["x0"] - last[-1]["x1"] < max(12.0, 1.5 * w["size"])):
            last.append(w)
        else:
            runs.append([w])
    return runs


def _run_line(run: list[dict]) -> PdfLine:
    text = " ".join(fix_chars(w["text"]) for w in run)
    first = next((w for w in run if re.search(r"\w", w["text"])), run[0])
    letters = [w for w in run if re.search(r"\w", w["text"])] or run
    bold = all(BOLD_FONT_NAME.search(w["fontname"] or "") for w in letters)
    return PdfLine(" ".join(text.split()), run[0]["x0"], run[-1]["x1"],
                   min(w["top"] for w in run), max(w["bottom"] for w in run),
                   round(float(first["size"]), 1), bold)


def reading_order(lines: list[PdfLine], width: float, height: float) -> list[PdfLine]:
    """Left column before right column, between full-width lines."""
    gutter = _gutter(lines, width, height)
    if gutter is None:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[PdfLine] = []
    left: list[PdfLine] = []
    right: list[PdfLine] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.x1 <= gutter:
            left.append(ln)
        elif ln.x0 >= gutter:
            right.append(ln)
        else:
            out += left + right + [ln]
            left, right = [], []
    return out + left + right


def _gutter(lines: list[PdfLine], width: float, height: float) -> float | None:
    """Just left of the far side (and of any number hung there) of the widest strip between
    30% and 70% of the width that no column line crosses, with worded lines on both
    sides. Column lines are those that share their height with a line beside them
    (full-width lines, and running headers and footers in the top and bottom tenth, are
    ignored)."""
    body = [ln for ln in lines if 0.1 * height < ln.top < 0.9 * height]
    spans = sorted((ln.x0, ln.x1) for ln in _beside_others(body) if ln.x1 - ln.x0 < 0.6 * width)
    low, high = 0.3 * width, 0.7 * width
    gaps: list[tuple[float, float]] = []
    reach = 0.0
    for x0, x1 in spans:
        if x0 > reach:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    gaps.append((reach, width))
    best = None
    for a, b in gaps:
        a, b = max(a, low), min(b, high)
        if b <= a:
            continue
        x = max((a + b) / 2, b - 4)   # just left of the right column (left lines vary)
        hung = [ln.x0 for ln in body if a <= ln.x0 < x and _MARKER.match(ln.text)]
        x = min(hung) - 0.5 if hung else x        # ... and of a number hung in its margin
        lefts = sum(1 for ln in body if ln.x1 <= x and ln.x1 - ln.x0 < 0.6 * width)
        rights = sum(1 for ln in body if ln.x0 >= x and re.search(r"[A-Za-z]{3}", ln.text))
        if lefts >= 2 and rights >= 1 and (best is None or b - a > best[0]):
            best = (b - a, x)
    return best[1] if best else None


_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]?|\(?[A-Za-z][.)]|R\d{1,3}[.)]?|[\u2022\u25cf\u25aa"
                     r"\u25a0\u2013*-])\s*$")


def _beside_others(lines: list[PdfLine]) -> list[PdfLine]:
    """The lines that share their height with a line beside them (set in columns); a
    list number or bullet hung in a margin beside its own text does not count."""
    ordered = sorted((ln for ln in lines if not _MARKER.match(ln.text)), key=lambda ln: ln.top)
    beside: set[int] = set()
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.top >= a.bottom:
                break
            if b.x0 - a.x1 > 10 or a.x0 - b.x1 > 10:
                beside.update((id(a), id(b)))
    return [ln for ln in lines if id(ln) in beside]


def out_of_order(pages: list[PdfLayoutPage]) -> tuple[list[PdfLayoutPage], list[Problem]]:
    """Pages whose text layer is out of reading order, left out (their lines dropped) and
    reported in one Problem: a designed PDF that draws its lines from the foot of the
    page up, or in a scrambled order, gives text that reads backwards or garbled, never
    findings. A page of at least 5 lines is out of order when 3 or more, and a quarter,
    of the steps from one line to the next down a column go back up the page instead (a
    column change, a caption or a box drawn late makes a step or two; no page of the
    replicas or the long generated reports makes one); or when words within
    a line were drawn out of order and could not be read in x order
    (extractors/pdf/order.py: a page set in columns or ruled, a line across a gutter).
    Pages whose words were read in x order instead are named in a run note."""
    out, bad, reordered = [], [], []
    for page in pages:
        lines = [ln for ln in page.lines if ln.cells is None and ln.text.strip()]
        steps = [(a, b) for a, b in zip(lines, lines[1:]) if a.x0 < b.x1 and b.x0 < a.x1]
        back = sum(1 for a, b in steps if b.bottom <= a.top)
        if len(lines) >= MIN_LINES and back >= 3 and back >= 0.25 * len(steps):
            bad.append((page.number, "lines backwards" if back >= 0.9 * len(steps)
                        else "lines scrambled"))
        elif page.word_order == "scrambled":
            bad.append((page.number, "words scrambled within lines"))
        elif page.word_order == "reordered":
            reordered.append(page.number)
        if bad and bad[-1][0] == page.number:
            page = replace(page, lines=[])
        out.append(page)
    unread = _no_page_read(pages, out, [n for n, _ in bad])
    if unread is not None:
        return out, [unread]
    problems = []
    if bad:
        numbers = [n for n, _ in bad]
        how = " or ".join(sorted({h for _, h in bad}))
        reason = (f"text layer out of reading order on {len(numbers)} page(s) ({how}, as "
                  f"some designed PDFs draw them): findings on those pages not read")
        problems.append(Problem("extract", reason, {"pages": numbers}, f"page {numbers[0]}",
                                ProblemCode.TEXT_ORDER))
    if reordered:
        problems.append(Problem(
            "note", f"words drawn out of order within lines on {len(reordered)} page(s), "
            f"read left to right", {"pages": reordered}, f"page {reordered[0]}",
            ProblemCode.TEXT_ORDER))
    return out, problems


MIN_LINES = 5        # fewer lines than this cannot show a page out of order


def _no_page_read(pages: list[PdfLayoutPage], kept: list[PdfLayoutPage],
                  left_out: list[int]) -> Problem | None:
    """The one Problem of a document none of whose pages could be read (it is quarantined,
    not stored as a report without findings): no page has text (a scan without a text
    layer), or pages were left out as out of order and no page long enough to judge
    (``MIN_LINES``) was read in order, a cover's few lines aside."""
    blank = [p.number for p in pages if not p.lines]
    if len(blank) < len(pages) and not (
            left_out and not any(len(p.lines) >= MIN_LINES for p in kept)):
        return None
    parts = [f"{len(left_out)} out of reading order"] if left_out else []
    blank = [n for n in blank if n not in left_out]
    parts += [f"{len(blank)} without text (no text layer: a scan?)"] if blank else []
    short = len(pages) - len(left_out) - len(blank)
    parts += [f"{short} with too few lines to read (a cover)"] if short else []
    return Problem("extract", f"no page of the document could be read (of {len(pages)} "
                   f"page(s), {', '.join(parts)}): document quarantined, no findings read",
                   {"pages": left_out, "pages_without_text": blank}, None, ProblemCode.NO_TEXT)


def merge_table_rows(lines: list[PdfLine], table_lines: list[PdfLine]) -> list[PdfLine]:
    """Put table rows back among the text lines by their vertical position."""
    out = [ln for ln in lines if ln.cells is None]
    for row in table_lines:
        at = next((i for i, ln in enumerate(out) if ln.top > row.top and ln.cells is None
                   and ln.x0 < row.x1 and ln.x1 > row.x0), len(out))
        out.insert(at, row)
    return out


def within_bbox(line: PdfLine, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    middle = (line.top + line.bottom) / 2
    return top <= middle <= bottom and line.x0 < x1 and line.x1 > x0


def shared_gutter(gaps: list[tuple[float, float]], needed: int) -> bool:
    """True when some x lies inside at least ``needed`` of the (left, right) gaps."""
    edges = sorted([(a, 1) for a, _ in gaps] + [(b, -1) for _, b in gaps])
    open_now = 0
    for _, step in edges:
        open_now += step
        if open_now >= needed:
            return True
    return False
