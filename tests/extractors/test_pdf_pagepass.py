"""The page pass split over forked workers gives the same pages, field for field, as one
process: on generated reports cut at every kind of boundary, and where a ruled table runs
off one worker's last page into the next worker's first."""
from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.pdf import pagepass
from extractors.pdf.document import PdfError
from extractors.pdf.pagepass import pdf_line_pages
from tests.extractors.test_report_pdf import _table_report
from tests.generated_pdfs import long_report, report_specs
from tests.extractors.report_recipes import LINE

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the split forks (POSIX)")


@pytest.fixture
def split_small(monkeypatch):
    """Split documents of any length (the product splits only long ones)."""
    monkeypatch.setattr(pagepass, "MIN_PAGES_PER_WORKER", 1)


@settings(max_examples=25, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(report_specs(), st.integers(min_value=2, max_value=6))
def test_generated_reports_read_the_same_split_or_not(split_small, spec, workers) -> None:
    from tests.generated_pdfs import build_report
    data, _ = build_report(spec)
    assert pdf_line_pages(data, workers=workers) == pdf_line_pages(data)


@pytest.mark.parametrize("points_left", [10, 2 * LINE, 4 * LINE, 6 * LINE],
                         ids=["whole-table-carried", "header-stranded", "two-rows-carried",
                              "last-row-carried"])
def test_a_table_cut_by_a_worker_boundary_is_read_as_in_one_process(split_small,
                                                                    points_left) -> None:
    """Three workers on three pages: a table that runs off page 2 (worker 2's only page)
    onto page 3 (worker 3's) is read with page 2's column edges, as in one process."""
    data, _ = _table_report(points_left)
    alone = pdf_line_pages(data)
    assert len(alone) == 3 and alone[2].ruled
    assert pdf_line_pages(data, workers=3) == alone


def test_the_last_row_carried_needs_the_mend(split_small) -> None:
    """Worker 3 reads page 3 without page 2's edges, and that reading is wrong: the split
    is right only because page 3 is read again with them."""
    data, _ = _table_report(6 * LINE)
    alone = pdf_line_pages(data)
    with pagepass.PDFIUM_LOCK, pagepass.open_pages(data) as pdf:
        unmended = pagepass._read(pdf, 2, 3, True, True, None)[0][0]
    assert unmended != alone[2]
    assert [ln.text for ln in alone[2].lines if ln.cells] != \
        [ln.text for ln in unmended.lines if ln.cells]
    assert pdf_line_pages(data, workers=3) == alone


def test_a_workers_first_page_knows_the_page_before_named_findings(split_small) -> None:
    """Page 2 names no findings but follows a page that does, so it is read column by
    column, whichever process reads it."""
    data = _named_then_unnamed()
    alone = pdf_line_pages(data)
    assert len(alone) == 2 and alone[1].multi_column
    assert "recommendation" not in alone[1].text.lower()
    assert pdf_line_pages(data, workers=2) == alone


def _named_then_unnamed() -> bytes:
    """Page 1 names findings, page 2 does not and sets text side by side."""
    from tests.extractors.report_recipes import report
    from tests.pdf_writer import heading, interleaved, page_break, para
    return report("Custody inspection", [
        heading("Recommendations", 1), para("We inspected custody suites in the force."),
        page_break(),
        interleaved([heading("Custody", 3), para("Staff kept a log of every check. " * 6)],
                    [para("Detainees were seen by a nurse within the hour. " * 6)])])[0]


@pytest.mark.parametrize("report", ["named-then-unnamed", "last-row-carried", "long"])
def test_runs_read_apart_and_out_of_order_are_mended_into_one_process_pages(report) -> None:
    """Every page read as the first page of a run, last page first, as a worker that took
    it would read it (no findings named before, no table carried in): put in order and
    mended, the pages are those one process reads."""
    data = {"named-then-unnamed": _named_then_unnamed,
            "last-row-carried": lambda: _table_report(6 * LINE)[0],
            "long": lambda: long_report(30)[0]}[report]()
    alone = pdf_line_pages(data)
    with pagepass.PDFIUM_LOCK, pagepass.open_pages(data) as pdf:
        apart = [(i, pagepass._read(pdf, i, i + 1, True, False, None))
                 for i in reversed(range(len(alone)))]
        unmended = [reads[0][0] for _, reads in sorted(apart, key=lambda run: run[0])]
        mended = [page for page, _, _ in pagepass._in_order(pdf, apart, True)]
    assert mended == alone
    if report != "long":                  # these two need the mend: read apart, they differ
        assert unmended != alone


def test_the_queue_gives_each_run_once_and_a_run_after_ones_own_goes_on_from_it() -> None:
    """Runs taken from the queue: one taken elsewhere (another process) is not read here;
    the runs read here one after another come back as one run."""
    data, _ = long_report(30)
    count = len(pdf_line_pages(data))
    starts = list(range(0, count, 5))
    queue = pagepass._queue(len(starts))
    try:
        assert os.read(queue, pagepass._CLAIM.size) == pagepass._CLAIM.pack(0)  # taken elsewhere
        with pagepass.PDFIUM_LOCK, pagepass.open_pages(data) as pdf:
            runs, failure = pagepass._take_runs(pdf, queue, starts, count, True)
        assert os.read(queue, 2) == b""                 # nothing left to take
    finally:
        os.close(queue)
    assert failure is None
    assert [(start, len(reads)) for start, reads in runs] == [(5, count - 5)]
    assert [page for page, _, _ in runs[0][1]] == pdf_line_pages(data)[5:]


def test_a_slower_taker_gets_fewer_runs_and_no_run_is_taken_twice() -> None:
    """A forked process that takes a run from the queue every 200 ms, while this one reads
    runs as fast as it can: this one reads most of them, and the runs taken by either
    are every run, once."""
    data, _ = long_report(30)
    count = len(pdf_line_pages(data))
    starts = list(range(0, count, 2))
    queue = pagepass._queue(len(starts))
    taken_end, tell = os.pipe()
    pid = os.fork()
    if pid == 0:                                       # the slow taker
        import time
        while claim := os.read(queue, pagepass._CLAIM.size):
            os.write(tell, claim)
            time.sleep(0.2)
        os._exit(0)
    os.close(tell)
    try:
        with pagepass.PDFIUM_LOCK, pagepass.open_pages(data) as pdf:
            runs, failure = pagepass._take_runs(pdf, queue, starts, count, True)
    finally:
        os.waitpid(pid, 0)
        os.close(queue)
    with os.fdopen(taken_end, "rb") as answer:
        claims = answer.read()
    theirs = [pagepass._CLAIM.unpack_from(claims, i)[0] for i in range(0, len(claims), 2)]
    mine = [starts.index(start + i) for start, reads in runs
            for i in range(0, len(reads), 2)]
    assert failure is None
    assert sorted(mine + theirs) == list(range(len(starts)))
    assert len(mine) > 2 * len(theirs), (mine, theirs)


def test_runs_no_process_answered_for_are_read_here_up_to_the_first_failure() -> None:
    data, _ = long_report(30)
    alone = pdf_line_pages(data)
    starts = [0, 10, 20]
    with pagepass.PDFIUM_LOCK, pagepass.open_pages(data) as pdf:
        answered = [(10, pagepass._read(pdf, 10, 20, True, False, None))]
        missing = pagepass._unanswered(pdf, starts, len(alone), True, answered, 3)
        assert [start for start, _ in missing] == [0, 20]
        before_run_1 = pagepass._unanswered(pdf, starts, len(alone), True, answered, 1)
        assert [start for start, _ in before_run_1] == [0]       # run 1 failed: 20 unread
        pages = [page for page, _, _ in pagepass._in_order(pdf, answered + missing, True)]
    assert pages == alone


def _children_cpu() -> float:
    times = os.times()        # CPU time of the waited-for child processes
    return times.children_user + times.children_system


def test_a_long_report_is_split_and_a_short_one_is_not() -> None:
    long, _ = long_report(60)
    short, _ = _table_report(10)
    before = _children_cpu()
    assert pdf_line_pages(short, workers=2) == pdf_line_pages(short)
    assert _children_cpu() == before                   # 3 pages: no worker
    assert pdf_line_pages(long, workers=2) == pdf_line_pages(long)
    assert _children_cpu() > before                    # 60 pages: a worker read half


def _child(payload: bytes | None) -> tuple[int, int]:
    """A real forked process that answers ``payload`` (or nothing) through a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        if payload:
            os.write(write_end, payload)
        os._exit(0)
    os.close(write_end)
    return pid, read_end


def test_a_worker_that_dies_without_answering_is_reported_and_its_pages_read_here(caplog):
    with caplog.at_level(logging.WARNING, logger="extractors.pdf.pagepass"):
        assert pagepass._collect(_child(None)) is None
    assert "exited without its pages" in caplog.text


def test_a_workers_error_is_raised_in_the_parent() -> None:
    with pytest.raises(PdfError, match="unreadable page 7"):
        pagepass._collect(_child(pickle.dumps(("error", PdfError("unreadable page 7")))))


def test_hmicfrs_extract_on_a_long_pdf_matches_the_pipelines_one_process_path(tmp_path):
    """The command (every core) prints what the pipeline's path (one process) stores."""
    import json

    from extractors.pages.base import PageContext
    from extractors.pages.registry import extract
    data, _ = long_report(60)
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    out = subprocess.run([sys.executable, "-m", "flows", "extract", str(path)],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.getcwd()})
    expected = extract(data, str(path), PageContext(workers=1)).to_json()
    assert json.loads(out.stdout) == json.loads(json.dumps(expected, default=str))


def _with_unloadable_page(pages: int, bad: int) -> bytes:
    """``pages`` one-line pages; page ``bad`` (0-based) is not a page object, so pdfium
    cannot load it."""
    from tests.replica.minipdf import pdf_file
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i in range(pages):
        objects.append(b"<< /Type /Foo >>" if i == bad else (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            f"<< /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>").encode())
        stream = f"BT /F1 12 Tf 72 700 Td (Page {i + 1} of the report) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()
    return pdf_file(objects)


@pytest.mark.parametrize("bad", [10, 30, 50], ids=["in-this-process", "worker-2", "worker-3"])
def test_an_unloadable_page_fails_as_in_one_process_and_leaves_no_worker(split_small,
                                                                        bad) -> None:
    import time
    data = _with_unloadable_page(60, bad)
    with pytest.raises(PdfError) as alone:
        pdf_line_pages(data)
    with pytest.raises(PdfError) as split:
        pdf_line_pages(data, workers=3)
    assert str(split.value) == str(alone.value) == f"unreadable page {bad + 1}: Failed to load page."
    time.sleep(0.3)       # a worker left running would have ended by now, unreaped
    try:
        assert os.waitpid(-1, os.WNOHANG)[0] == 0        # no finished child left unreaped
    except ChildProcessError:
        pass                                              # no child at all


def test_a_line_sent_by_a_worker_keeps_every_field() -> None:
    """PdfLine pickles as a call with its fields (document.py): each field, set away from
    its default, comes back (a field left out of ``__reduce__`` fails here)."""
    from dataclasses import fields

    from extractors.pdf.document import PdfLine

    values = {"text": "1 By March", "x0": 1.5, "x1": 2.5, "top": 3.5, "bottom": 4.5,
              "size": 9.5, "bold": True, "cells": ("a", "b"), "hang": 7.5}
    assert set(values) == {f.name for f in fields(PdfLine)}
    line = PdfLine(**values)
    assert pickle.loads(pickle.dumps(line, -1)) == line


def test_a_workers_failure_that_does_not_pickle_comes_back_as_a_pdf_error() -> None:
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle")

    kind, (runs, (number, exc)) = pickle.loads(
        pagepass._pickled_answer([], (3, Unpicklable("page 7 broke"))))
    assert (kind, runs, number) == ("pages", [], 3)
    assert isinstance(exc, PdfError) and str(exc) == "Unpicklable: page 7 broke"
    kind, exc = pickle.loads(pagepass._pickled_error(Unpicklable("the worker broke")))
    assert kind == "error" and str(exc) == "Unpicklable: the worker broke"
