"""Progress of long work: a bar on a terminal, plain log lines otherwise."""
from __future__ import annotations

import logging
import sys
from types import TracebackType

log = logging.getLogger("hmicfrs")


class Progress:
    """Counts publications done; draws a rich bar only when stderr is a terminal."""

    def __init__(self, label: str, total: int, *, every: int = 25) -> None:
        self.label, self.total, self.done, self.every = label, total, 0, every
        self._bar = None
        self._task = None
        if sys.stderr.isatty() and total:
            from rich.progress import Progress as Bar
            self._bar = Bar(transient=False)
            self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> "Progress":
        if self._bar is not None:
            self._bar.start()
        elif self.total:
            self._line()
        return self

    def advance(self, n: int) -> None:
        """Mark ``n`` more publications done."""
        before, self.done = self.done, self.done + n
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=n)
        elif self.done == self.total or before // self.every != self.done // self.every:
            self._line()

    def _line(self) -> None:
        print(f"{self.label}: {self.done}/{self.total} publications", file=sys.stderr,
              flush=True)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
