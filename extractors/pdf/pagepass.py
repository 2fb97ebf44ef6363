"""The one pdfium pass over a PDF's pages (``pdf_line_pages``): every page read once, in
this process or, for a long document when the caller offers more than one worker, split
into runs of pages read side by side by forked copies of this process.

A page's reading depends on the page before it in two ways only: whether that page named
findings (from its raw text) and the column edges of a ruled table that ran off its foot.
A worker starting at page k reads page k-1's text for the first; for the second it starts
as if no table ran on, and the pages from k are read again here, in order, until one ends
as the worker's reading of it did. So the pages are the same, field for field, however
many workers read them (tests/extractors/test_pdf_pagepass.py).
"""
from __future__ import annotations

import logging
import os
import pickle
import signal

from extractors.pdf.document import PDFIUM_LOCK, PdfError, PdfLayoutPage, open_pages
from extractors.pdf.lines import PageReader
from extractors.pdf.order import SCRAMBLED, word_order
from extractors.pdf.ruled import looks_ruled
from extractors.pdf.words import names_findings

log = logging.getLogger(__name__)
MIN_PAGES_PER_WORKER = 24   # below this a fork costs more than it saves

Edges = list[float] | None   # the column edges of a table running off a page's foot
Read = tuple[PdfLayoutPage, bool, Edges]   # a page, whether it named findings, its edges


def pdf_line_pages(data: bytes, layout: bool = True, workers: int = 1) -> list[PdfLayoutPage]:
    """Every page as printed lines with position, size (loose box height) and boldness.

    One ``get_text_range`` per page; per line, pdfium is asked only for the first and
    last characters' boxes and the first letter's font. With ``layout``, a page that may
    carry findings (it, or the page before, names them) and sets text side by side is
    read in column order, and ruled tables on it come out as rows of cells; all of it
    through pdfium, so no page pays pdfplumber's parse. ``workers`` above 1 lets a long
    document be read by that many processes (forked: POSIX only; the same pages).
    """
    with PDFIUM_LOCK, open_pages(data) as pdf:
        count = len(pdf)
        runs = min(workers, count // MIN_PAGES_PER_WORKER) if hasattr(os, "fork") else 1
        if runs < 2:
            return [page for page, _, _ in _read(pdf, 0, count, layout, False, None)]
        return _split(pdf, count, layout, runs)


def _read(pdf, start: int, stop: int, layout: bool, before: bool, carried: Edges) -> list[Read]:
    """Pages ``start`` to ``stop`` - 1 (0-based), given what the page before them left."""
    out = []
    for index in range(start, stop):
        with pdf.page(index) as (page, textpage, text):
            read = _read_page(index + 1, page, textpage, text, layout, before, carried)
        out.append(read)
        _, before, carried = read
    return out


def _read_page(number: int, page, textpage, text: str, layout: bool, before: bool,
               carried: Edges) -> Read:
    reader = PageReader(page, textpage, text)
    named = names_findings(text)
    relevant = named or before
    lines, order = word_order(reader, reader.lines())
    multi = relevant and reader.side_by_side()
    ruled = relevant and looks_ruled(reader, carried)
    order = SCRAMBLED if order and (multi or ruled) else order   # layout reads pdfium's order
    unread, edges = False, None
    if layout and relevant and (multi or ruled) and not order:
        lines, unread, edges = reader.layout_lines(lines, multi, ruled, carried)
    return (PdfLayoutPage(number, reader.width, reader.height, lines, multi, ruled, unread,
                          text, order), named, edges)


# ---------------------------------------------------------------- runs read side by side

def _split(pdf, count: int, layout: bool, runs: int) -> list[PdfLayoutPage]:
    """Read the first run here and each other run in a forked worker; then mend each
    boundary where a ruled table ran on from one run into the next."""
    bounds = [count * i // runs for i in range(runs + 1)]
    pending = [_fork(pdf, a, b, layout) for a, b in zip(bounds[1:-1], bounds[2:])]
    try:
        reads = _read(pdf, 0, bounds[1], layout, False, None)
        for start, stop in zip(bounds[1:-1], bounds[2:]):
            theirs = _collect(pending.pop(0))
            if theirs is None:     # the worker died: read its run here, in order
                theirs = _read(pdf, start, stop, layout, reads[-1][1], reads[-1][2])
            else:
                _mend(pdf, start, theirs, layout, reads[-1][1], reads[-1][2])
            reads += theirs
    finally:                       # an error on an earlier page: stop the later workers
        for pid, read_end in pending:
            os.kill(pid, signal.SIGKILL)
            os.close(read_end)
            os.waitpid(pid, 0)
    return [page for page, _, _ in reads]


def _mend(pdf, start: int, theirs: list[Read], layout: bool, before: bool,
          carried: Edges) -> None:
    """Read a worker's first pages again, in place, while the table edges they were read
    with (none, for its first page) differ from those the page before them left."""
    assumed: Edges = None
    for i, (_, named, edges) in enumerate(theirs):
        if carried == assumed:
            return
        theirs[i] = _read(pdf, start + i, start + i + 1, layout, before, carried)[0]
        before, carried, assumed = named, theirs[i][2], edges


def _named_before(pdf, index: int) -> bool:
    """Whether page ``index`` - 1 (0-based) named findings."""
    if index == 0:
        return False
    with pdf.page(index - 1) as (_, _, text):
        return names_findings(text)


def _fork(pdf, start: int, stop: int, layout: bool) -> tuple[int, int]:
    """A forked copy of this process that reads pages ``start`` to ``stop`` - 1 of the
    open document and writes them back, pickled, through a pipe: (pid, read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    os.close(read_end)          # the worker: one thread, this document, then exit at once
    try:
        try:
            payload = pickle.dumps(("pages", _read(pdf, start, stop, layout,
                                                   _named_before(pdf, start), None)), -1)
        except BaseException as exc:  # noqa: BLE001 - raised again by the parent, in order
            payload = _pickled_error(exc)
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(("error", exc), -1)
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return pickle.dumps(("error", PdfError(f"{type(exc).__name__}: {exc}")), -1)


def _collect(worker: tuple[int, int]) -> list[Read] | None:
    """A worker's pages; its error raised here; None if it died before answering."""
    pid, read_end = worker
    with os.fdopen(read_end, "rb") as answer:
        payload = answer.read()
    os.waitpid(pid, 0)
    if not payload:
        log.warning("a PDF page worker (pid %s) exited without its pages: reading them "
                    "in this process", pid)
        return None
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value
