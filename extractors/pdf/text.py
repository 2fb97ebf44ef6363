"""PDF text: a fast pypdfium2 pass, cleaning of page furniture, and layout where needed.

* ``pdf_pages(data)`` - the fast path: pypdfium2 ``get_text_range()`` per page, then
  ``clean_pages`` (text only, no geometry).
* ``pdf_line_pages(data)`` - the same pass, but every printed line keeps its position,
  size and boldness (a few pdfium calls per line, no per-character loop), so headings,
  paragraphs and page furniture can be told apart. Pages that may carry findings and
  set text side by side are read column by column, and their ruled tables come out as
  rows of cells, still through pdfium (text rectangles and the page's path objects).
* ``pdf_layout_pages(data, numbers)`` - pdfplumber, for pages whose rules look like a
  table that pdfium could not read: its parse costs ~0.15 s a page, so it is the
  exception, never the rule.

Every page (pdfium and pdfplumber) is closed as soon as it is read, so memory holds the
document's text, never its pages.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from extractors.pdf.document import (PdfError, PdfLayoutPage, PdfLine, page_texts,
                                     pdf_metadata_title)
from extractors.pdf.furniture import (PAGE_NUMBER, body_size, furniture_key, is_furniture_text,
                                      line_pitch, remove_furniture, repeated_keys)
from extractors.pdf.layout import pdf_layout_pages
from extractors.pdf.pagepass import pdf_line_pages
from extractors.pdf.words import (COMMON_WORDS, FINDING_WORDS, LIGATURES, SUFFIX_FRAGMENTS,
                                  Vocabulary, fix_chars, join_hyphenated, join_lines,
                                  names_findings, printed_lines)

BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u27a2"
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:\.\s?){2,}…")
TOC_ENTRY = re.compile(r"[A-Za-z)](?:\s*(?:\.\s?){3,}|\s*…+|\s)\s*\d{1,3}$")   # use .search


def has_leaders(text: str) -> bool:
    """True for a contents line's dot leaders ("Recommendations ....... 12")."""
    return ("..." in text or ". ." in text or "\u2026" in text) and bool(DOT_LEADERS.search(text))


@dataclass
class PdfPage:
    """One page's text, cleaned of furniture: one paragraph per line, single spaces."""

    number: int
    text: str


def pdf_pages(data: bytes) -> list[PdfPage]:
    """The fast path: every page's text through pypdfium2, cleaned by ``clean_pages``."""
    raw = [text for _, _, _, text in page_texts(data)]
    return clean_pages(raw)


def clean_pages(raw: list[str]) -> list[PdfPage]:
    """Raw page texts -> cleaned pages (text only; see ``pdf_line_pages`` for geometry).

    Furniture: the first two and last two lines of each page are candidates; a
    candidate is dropped when it is a page number ("7", "Page 7", "7 of 40", "vii") or
    when its digit-masked text repeats at the edge of several pages (at least 2 pages
    of a short document, else 3 pages and 20% of short ones). The cover (page 1) keeps
    repeated lines, since a title there often equals the running header. Lines that
    read as finding headings ("Recommendations") are never dropped for repeating.
    Paragraphs: a line ending a sentence (.!?:) followed by a capital, bullet or
    number, or a line well short of the page's usual width, ends a paragraph.
    """
    pages = [[ln for ln in printed_lines(text) if ln] for text in raw]
    edge_keys: dict[str, set[int]] = defaultdict(set)
    for number, lines in enumerate(pages, start=1):
        for line in lines[:2] + lines[-2:]:
            edge_keys[furniture_key(line)].add(number)
    repeated = repeated_keys(edge_keys, len(pages))
    vocab = Vocabulary.from_lines(ln for lines in pages for ln in lines)
    out = []
    for number, lines in enumerate(pages, start=1):
        edges = set(range(min(2, len(lines)))) | set(range(max(0, len(lines) - 2), len(lines)))
        kept = [ln for i, ln in enumerate(lines) if not (i in edges and is_furniture_text(
            ln, repeated, number))]
        out.append(PdfPage(number, "\n".join(_paragraphs(kept, vocab))))
    return out


_ENDS_SENTENCE = re.compile(r"[.!?:;]['\"\u2019\u201d)]?$")
_STARTS_BLOCK = re.compile(rf"^(?:[{BULLETS}*\u2013-]\s|\(?\d{{1,2}}(?:\.\d{{1,2}})*[.)]?\s|[A-Z\"'\u201c\u2018])")


def _paragraphs(lines: list[str], vocab: Vocabulary) -> list[str]:
    if not lines:
        return []
    widths = sorted(len(ln) for ln in lines)
    usual = widths[int(0.8 * (len(widths) - 1))]
    paragraphs: list[list[str]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        ends = _ENDS_SENTENCE.search(prev) and _STARTS_BLOCK.match(line)
        short = len(prev) < 0.6 * usual and not prev.endswith("-")
        bullet = re.match(rf"^[{BULLETS}]", line)
        if ends or short or bullet or has_leaders(prev):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [join_lines(p, vocab) for p in paragraphs]


__all__ = ["BULLETS", "COMMON_WORDS", "DOT_LEADERS", "FINDING_WORDS", "LIGATURES", "PAGE_NUMBER",
           "SUFFIX_FRAGMENTS", "TOC_ENTRY", "PdfError", "PdfLayoutPage", "PdfLine", "PdfPage",
           "Vocabulary", "body_size", "clean_pages", "fix_chars", "furniture_key",
           "has_leaders", "join_hyphenated", "join_lines", "line_pitch", "names_findings",
           "pdf_layout_pages", "pdf_line_pages", "pdf_metadata_title", "pdf_pages",
           "remove_furniture"]
