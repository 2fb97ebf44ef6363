"""SIGINT and SIGTERM: stop a run at a safe point, never in the middle of a load.

A run's network and extract steps only read, fetch and archive (content-addressed, atomic),
so a signal there stops the run at once, even inside a slow download. Loading and the clock
write the store: a signal there is held until the step ends, so the transaction in hand
commits. A second signal stops at once (its transaction rolls back; still consistent).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class RunInterrupted(BaseException):
    """A signal asked the process to stop (a BaseException: no step or retry swallows it)."""

    def __init__(self, signum: int, detail: str = "") -> None:
        super().__init__(signum, detail)
        self.signum = signum
        self.detail = detail

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as shells report it (130 SIGINT, 143 SIGTERM)."""
        return 128 + self.signum

    def line(self) -> str:
        """The one line printed on stderr."""
        name = signal.Signals(self.signum).name
        return f"hmicfrs: interrupted by {name}" + (f"; {self.detail}" if self.detail else "")


def raise_on_signal(signum: int, _frame: FrameType | None) -> None:
    """Handler for the whole process: turn a signal into `RunInterrupted`."""
    raise RunInterrupted(signum)


def install_process_handlers() -> None:
    """SIGTERM unwinds like Ctrl-C (atexit hooks run, e.g. Prefect's temporary server stops)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, raise_on_signal)


class SafePoints:
    """Signal handling for one run: immediate inside `interruptible()`, deferred elsewhere."""

    def __init__(self) -> None:
        self.pending: int | None = None
        self._open = 0

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        again = self.pending is not None
        self.pending = signum
        if self._open or again:
            raise RunInterrupted(signum)

    def checkpoint(self) -> None:
        """A safe point: stop here if a signal arrived."""
        if self.pending is not None:
            raise RunInterrupted(self.pending)

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        """A section that may stop anywhere (no store writes that must finish)."""
        self.checkpoint()
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
        self.checkpoint()

    @contextmanager
    def installed(self) -> Iterator[SafePoints]:
        """Handle SIGINT and SIGTERM for the duration (main thread only), then restore."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {s: signal.signal(s, self._handle) for s in SIGNALS}
        try:
            yield self
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
