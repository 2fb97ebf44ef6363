"""The one pdfium pass over a PDF's pages (``pdf_line_pages``): every page read once, in
this process or, for a long document when the caller offers more than one worker, cut
into runs of pages that this process and forked copies of it take in turn from a queue.

A page's reading depends on the page before it in two ways only: whether that page named
findings (from its raw text) and the column edges of a ruled table that ran off its foot.
A run that does not follow the last one its process read starts as if the page before
named nothing and carried no table; once every run is in, in page order, a run's first
pages are read again here while what they were read with differs from what the page
before left (one page, for a page that names no findings after one that does; more, for
a table that runs on). So the pages are the same, field for field, however many workers
read them and whichever runs each took (tests/extractors/test_pdf_pagepass.py).
"""
from __future__ import annotations

import logging
import os
import pickle
import signal
import struct

from extractors.pdf.document import PDFIUM_LOCK, PdfError, PdfLayoutPage, open_pages
from extractors.pdf.lines import PageReader
from extractors.pdf.order import SCRAMBLED, word_order
from extractors.pdf.ruled import looks_ruled
from extractors.pdf.words import names_findings

log = logging.getLogger(__name__)
MIN_PAGES_PER_WORKER = 24   # below this a fork costs more than it saves
RUNS_PER_PROCESS = 8        # runs queued a process: at the end, one waits one run at most

Edges = list[float] | None   # the column edges of a table running off a page's foot
Read = tuple[PdfLayoutPage, bool, Edges]   # a page, whether it named findings, its edges
Run = tuple[int, list[Read]]                # a run's first page (0-based) and its pages
Failure = tuple[int, BaseException]         # the run where reading failed, and why
_CLAIM = struct.Struct("<H")                # a run's number, as queued


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
        processes = min(workers, count // MIN_PAGES_PER_WORKER) if hasattr(os, "fork") else 1
        if processes < 2:
            return [page for page, _, _ in _read(pdf, 0, count, layout, False, None)]
        return _split(pdf, count, layout, processes)


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


# ---------------------------------------------------------------- runs taken in turn

def _split(pdf, count: int, layout: bool, processes: int) -> list[PdfLayoutPage]:
    """Cut the pages into runs and queue them; this process and ``processes`` - 1 forked
    workers each take the next run as soon as they finish one, so a core that runs slower
    (a shared VM's often does) reads fewer pages. Then the runs go back in page order,
    each mended at its start (``_mend``). The queue holds a few dozen claims of 2 bytes,
    far less than a pipe buffers, so writing it before any process reads cannot block."""
    size = max(1, count // (processes * RUNS_PER_PROCESS))
    starts = list(range(0, count, size))
    queue = _queue(len(starts))
    workers: list[tuple[int, int]] = []
    try:
        for _ in range(processes - 1):
            workers.append(_fork(pdf, queue, starts, count, layout))
        runs, failure = _take_runs(pdf, queue, starts, count, layout)
        while workers:
            answer = _collect(workers.pop(0))
            if answer is not None:               # None: it died; its runs are read below
                runs += answer[0]
                failure = min((f for f in (failure, answer[1]) if f), key=lambda f: f[0],
                              default=None)
    finally:                     # an error here: stop the workers still reading
        for pid, answer_end in workers:
            os.kill(pid, signal.SIGKILL)
            os.close(answer_end)
            os.waitpid(pid, 0)
        os.close(queue)
    runs += _unanswered(pdf, starts, count, layout, runs, failure[0] if failure else len(starts))
    if failure:
        raise failure[1]        # the first page that fails, as in one process
    return [page for page, _, _ in _in_order(pdf, runs, layout)]


def _queue(runs: int) -> int:
    """A pipe holding the number of every run, its write end closed: each read of one
    claim takes the next run; an empty read, that none is left."""
    take, put = os.pipe()
    try:
        os.write(put, b"".join(_CLAIM.pack(number) for number in range(runs)))
    finally:
        os.close(put)
    return take


def _take_runs(pdf, queue: int, starts: list[int], count: int,
               layout: bool) -> tuple[list[Run], Failure | None]:
    """Read runs taken from the queue until it is empty. A run right after the last one
    read here goes on from that page; any other is read as if the page before it named no
    findings and carried no table (``_in_order`` mends it). At the first failure, the
    queue is emptied (every earlier run is taken already) and the failure returned."""
    runs: list[Run] = []
    while claim := os.read(queue, _CLAIM.size):
        (number,) = _CLAIM.unpack(claim)
        start = starts[number]
        stop = starts[number + 1] if number + 1 < len(starts) else count
        follows = bool(runs) and runs[-1][0] + len(runs[-1][1]) == start
        before, carried = runs[-1][1][-1][1:] if follows else (False, None)
        try:
            reads = _read(pdf, start, stop, layout, before, carried)
        except Exception as exc:  # noqa: BLE001 - raised by the parent, in page order
            while os.read(queue, 4096):
                pass
            return runs, (number, exc)
        if follows:
            runs[-1][1].extend(reads)
        else:
            runs.append((start, reads))
    return runs, None


def _unanswered(pdf, starts: list[int], count: int, layout: bool, runs: list[Run],
                before: int) -> list[Run]:
    """Runs numbered below ``before`` that no process answered for (a worker that died),
    read here in order; a failure among them is the first, and is raised."""
    read = {start + i for start, reads in runs for i in range(len(reads))}
    return [(start, _read(pdf, start, stop, layout, False, None))
            for start, stop in zip(starts[:before], [*starts[1:], count])
            if start not in read]


def _in_order(pdf, runs: list[Run], layout: bool) -> list[Read]:
    """The runs' pages in page order, each run's first pages read again, in place, while
    what they were read with differs from what the page before the run left."""
    out: list[Read] = []
    for start, reads in sorted(runs, key=lambda run: run[0]):
        if out:
            _mend(pdf, start, reads, layout, out[-1][1], out[-1][2])
        out += reads
    return out


def _mend(pdf, start: int, reads: list[Read], layout: bool, before: bool,
          carried: Edges) -> None:
    """Read a run's first pages again while they were read with other than the truth: its
    first page as if the page before named no findings (which matters only to a page that
    names none itself), each page with the table edges the page before it left when read."""
    assumed_before, assumed = False, None
    for i, (_, named, edges) in enumerate(reads):
        if carried == assumed and (named or before == assumed_before):
            return
        reads[i] = _read(pdf, start + i, start + i + 1, layout, before, carried)[0]
        before, carried = named, reads[i][2]
        assumed_before, assumed = named, edges


def _fork(pdf, queue: int, starts: list[int], count: int, layout: bool) -> tuple[int, int]:
    """A forked copy of this process that reads runs taken from the queue and writes them
    back, pickled, through a pipe: (pid, read end)."""
    answer_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, answer_end
    os.close(answer_end)        # the worker: one thread, this document, then exit at once
    try:
        try:
            payload = _pickled_answer(*_take_runs(pdf, queue, starts, count, layout))
        except BaseException as exc:  # noqa: BLE001 - raised again by the parent
            payload = _pickled_error(exc)
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def _pickled_answer(runs: list[Run], failure: Failure | None) -> bytes:
    try:
        return pickle.dumps(("pages", (runs, failure)), -1)
    except Exception:  # noqa: BLE001 - a failure whose exception does not pickle
        number, exc = failure
        return pickle.dumps(("pages", (runs, (number, _plain(exc)))), -1)


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(("error", exc), -1)
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return pickle.dumps(("error", _plain(exc)), -1)


def _plain(exc: BaseException) -> PdfError:
    """An exception that does not pickle, as a PdfError that says what it was."""
    return PdfError(f"{type(exc).__name__}: {exc}")


def _collect(worker: tuple[int, int]) -> tuple[list[Run], Failure | None] | None:
    """A worker's runs and its failure; an error of its own raised here; None if it died
    before answering."""
    pid, answer_end = worker
    with os.fdopen(answer_end, "rb") as answer:
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
