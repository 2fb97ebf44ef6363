"""Per-download limits of the polite client: a size cap and one time budget for all tries."""
from __future__ import annotations

import time
from dataclasses import dataclass

import httpx


class TooLarge(Exception):
    """The body passed its size cap; ``partial`` holds what arrived."""

    def __init__(self, message: str, partial: bytes) -> None:
        super().__init__(message)
        self.partial = partial


class Slow(TooLarge):
    """The body was still arriving when the download's time budget ran out."""


class OverBudget(Exception):
    """The download's time budget ran out between tries or hops."""

    def __init__(self, message: str, status: int | None, final_url: str) -> None:
        super().__init__(message)
        self.status, self.final_url = status, final_url


@dataclass
class Budget:
    """One download's time budget: every try, hop and wait of one fetch together."""

    started: float
    seconds: float

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def describe(self) -> str:
        spent = time.monotonic() - self.started
        return f"download over its time budget of {self.seconds:g} s (spent {spent:.1f} s)"


def read_body(response: httpx.Response, budget: Budget, limit: int,
              cap: bool = True) -> bytes:
    """The body, at most ``limit`` bytes (`TooLarge` past it when ``cap``)."""
    declared = response.headers.get("content-length", "")
    if cap and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"response larger than {limit} bytes "
                        f"(Content-Length {declared})", b"")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if cap:
                raise TooLarge(f"response larger than {limit} bytes", b"".join(chunks))
            break
        if budget.left() <= 0:
            raise Slow(f"{budget.describe()} ({size} bytes received)",
                        b"".join(chunks))
    return b"".join(chunks)
