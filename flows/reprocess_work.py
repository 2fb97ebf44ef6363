"""What one reprocess worker does with a chunk of publications: re-extract them from the
raw archive and build their validated rows, reading the store but never writing it.

The parent process loads what comes back through the single writer (`flows.load`), one
transaction per publication, in the order the publications were selected, so a run with
many workers leaves the same tables as a run with one. A worker process builds its run
context once (`_context`) and keeps it for every chunk it is given; results come back
compact: the extractions themselves are dropped once the rows are built.
"""
from __future__ import annotations

from typing import Any

from flows import steps
from flows.load import Prepared, prepare_rows
from flows.responses import read_responses_step
from flows.settings import Settings
from flows.work import PublicationWork, RunContext

_CONTEXTS: dict[tuple[str, str, str, str], RunContext] = {}


def prepare_works(ctx: RunContext, works: list[PublicationWork]
                  ) -> tuple[list[PublicationWork], Prepared]:
    """Extract pages and documents from the archive, read responses, build the rows."""
    works = steps.extract_pages_step(ctx, works)
    steps.note_future_dates(works)
    works = steps.fetch_documents_step(ctx, works)
    works = steps.extract_documents_step(ctx, works)
    works = read_responses_step(ctx, works)
    prepared = prepare_rows(ctx, works)
    for work in works:  # what the load needs travels back; the extractions do not
        work.landing = None
        for doc in work.documents:
            doc.extraction = None
    return works, prepared


def prepare_chunk(settings: Settings, run_id: str, works: list[PublicationWork]
                  ) -> tuple[list[PublicationWork], Prepared]:
    """`prepare_works` in a worker process (a local pool or a Dask worker)."""
    return prepare_works(_context(settings, run_id), works)


def _context(settings: Settings, run_id: str) -> RunContext:
    """This process's read-only run context (engine opened once, no schema upgrade)."""
    from store.db import make_engine
    from flows.work import open_context
    key = (settings.db_url, str(settings.archive_dir), settings.site, run_id)
    if key not in _CONTEXTS:
        for old in _CONTEXTS.values():  # a worker outlives runs (a Dask cluster)
            old.engine.dispose()
        _CONTEXTS.clear()
        _CONTEXTS[key] = open_context(settings, make_engine(settings.db_url), run_id)
    return _CONTEXTS[key]


def init_worker(*_: Any) -> None:
    """A local pool worker: Ctrl-C is the parent's to handle (it stops the pool), and the
    worker dies with its parent (Linux PR_SET_PDEATHSIG; elsewhere the pool's broken pipe
    ends it)."""
    import signal
    import sys
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's safe points (forked)
    if sys.platform.startswith("linux"):
        import ctypes
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
