"""Fetch and extract at once: the batch just fetched is extracted and loaded on a worker
thread while the main thread fetches the next, so the rate cap, not our own work, sets the
pace of a backfill or a nightly run.

At most one batch is in the worker's hands and one being fetched (bounded memory). The
worker is the run's only writer while it runs (the crawl log of each batch, then its
publications, one transaction each). Signals reach only the main thread, which waits with
short `threading.Event` waits so the run's safe points keep working: on a signal the
worker skips a load it has not started and the main thread waits for a load in progress
to commit (a second signal stops at once, its transaction rolling back).
"""
from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any


class Overlap:
    """``extract(batch)`` then ``load(batch)`` for one batch at a time on a worker thread."""

    def __init__(self, extract: Callable[[Any], Any], load: Callable[[Any], None]) -> None:
        self._extract, self._load = extract, load
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._done.set()
        self._loading = False
        self._stopped = False
        self._error: BaseException | None = None

    def submit(self, batch: Any) -> None:
        """Hand a fetched batch over (after the previous one is loaded)."""
        self.wait()
        self._done = threading.Event()
        context = contextvars.copy_context()  # Prefect's flow run context, for the tasks
        threading.Thread(target=context.run, args=(self._run, batch, self._done),
                         name="hmicfrs-extract-load", daemon=True).start()

    def wait(self) -> None:
        """Until the batch in hand is loaded; raises what the worker raised."""
        while not self._done.wait(0.2):
            pass
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def stop(self) -> None:
        """After a signal or an error: no new load starts; one in progress commits."""
        with self._lock:
            self._stopped = True
            loading = self._loading
        if loading:
            while not self._done.wait(0.2):
                pass

    def _run(self, batch: Any, done: threading.Event) -> None:
        try:
            batch = self._extract(batch)
            with self._lock:
                if self._stopped:
                    return
                self._loading = True
            try:
                self._load(batch)
            finally:
                with self._lock:
                    self._loading = False
        except BaseException as exc:  # noqa: BLE001 - raised again in the main thread
            self._error = exc
        finally:
            done.set()
