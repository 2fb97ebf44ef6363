"""Page furniture: page numbers and the running headers and footers that repeat at the
edges of pages, for plain page texts and for positioned lines; body text size and pitch."""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import replace

from extractors.pdf.document import PdfLayoutPage, PdfLine

PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$",
    re.IGNORECASE)
_LABEL_LIKE = re.compile(
    r"^(?:our\s+)?(?:recommendations?|areas?\s+for\s+improvement|causes?\s+of\s+concern)\b",
    re.IGNORECASE)


# ---------------------------------------------------------------- furniture

def furniture_key(text: str) -> str:
    """A line's text with digits masked, for spotting running headers and footers."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def repeated_keys(keys_by_page: dict[str, set[int]], n_pages: int) -> set[str]:
    need = 2 if n_pages <= 5 else max(3, round(0.2 * n_pages)) if n_pages < 15 else 3
    return {k for k, pages in keys_by_page.items() if len(pages) >= need and k.strip("# ")}


def is_furniture_text(line: str, repeated: set[str], number: int) -> bool:
    if PAGE_NUMBER.match(line.strip()):
        return True
    if number == 1 or _LABEL_LIKE.match(line):
        return False
    return furniture_key(line) in repeated


# ---------------------------------------------------------------- geometry-aware furniture

def remove_furniture(pages: list[PdfLayoutPage]) -> list[PdfLayoutPage]:
    """Drop running headers, footers and page numbers from positioned lines.

    A line in the top or bottom 12% of its page is furniture when it is a page number,
    or when its digit-masked text recurs at the same height (within 2 pt) on several
    pages (2 of a short document, else 3), unless it is larger than body text or reads
    as a finding heading; neither when it is set in the body's flow (body-sized, within
    a line pitch of the text above or below: a number on a line of its own ending a
    page, list items opening alike at the head of pages). In the top or bottom 8%, text
    smaller than the body's is furniture even once.
    """
    body = body_size(pages)
    spots: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if _in_edge_zone(line, page):
                spots[(furniture_key(line.text), round(line.top / 2))].add(page.number)
    merged: dict[str, set[int]] = defaultdict(set)
    for (key, y), numbers in spots.items():
        for dy in (-1, 0, 1):
            merged[f"{key}@{y}"] |= spots.get((key, y + dy), set())
    repeated = repeated_keys(merged, len(pages))
    pitch = line_pitch(pages, body)
    out = []
    for page in pages:
        kept = []
        for line in page.lines:
            if _in_edge_zone(line, page):
                text = line.text.strip()
                if not text or PAGE_NUMBER.match(text) and not _in_flow(line, page, body, pitch):
                    continue
                key = f"{furniture_key(text)}@{round(line.top / 2)}"
                if _small_at_edge(line, page, body):
                    continue
                if (key in repeated and line.size <= body * 1.1 and not _LABEL_LIKE.match(text)
                        and not _in_flow(line, page, body, pitch)):
                    continue
            kept.append(line)
        out.append(replace(page, lines=kept))
    return out


def _in_flow(line: PdfLine, page: PdfLayoutPage, body: float, pitch: float) -> bool:
    """True when a body-sized line sits within a line pitch above or below a line of its
    page at least as large (not beside it on its row)."""
    if abs(line.size - body) > 0.1 * body:
        return False
    return any(other is not line and other.size >= 0.9 * body
               and 0 <= max(other.top - line.bottom, line.top - other.bottom) <= pitch
               for other in page.lines)


def _small_at_edge(line: PdfLine, page: PdfLayoutPage, body: float) -> bool:
    """Text smaller than the body's in the top or bottom 8% of a page: a running header
    or footer even when it does not repeat (a short document, a one-off page)."""
    zone = 0.08 * page.height
    edge = line.bottom <= zone or line.top >= page.height - zone
    return edge and line.size < 0.85 * body and not _LABEL_LIKE.match(line.text)


def _in_edge_zone(line: PdfLine, page: PdfLayoutPage) -> bool:
    zone = 0.12 * page.height
    return line.bottom <= zone or line.top >= page.height - zone


def body_size(pages: list[PdfLayoutPage]) -> float:
    """The most common line size, weighted by characters (the body text size)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def line_pitch(pages: list[PdfLayoutPage], size: float) -> float:
    """The usual distance between consecutive body lines."""
    gaps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            if abs(a.size - size) < 1 and abs(b.size - size) < 1 and 0 < b.top - a.top < 3 * size:
                gaps.append(b.top - a.top)
    # a paragraph's lines sit closer than 1.8 sizes; wider steps are paragraph gaps, which
    # outnumber line steps in a document of one-line paragraphs
    within = [g for g in gaps if g < 1.8 * size]
    return statistics.median(within) if within else size * 1.2
