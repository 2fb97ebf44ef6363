"""A per-host request-rate cap on the monotonic clock, shared by threads."""
from __future__ import annotations

import threading
import time


class HostRateLimiter:
    """At most one request per ``interval`` seconds per host; hosts can be deferred."""

    def __init__(self, rate_per_second: float) -> None:
        self.interval = 1.0 / rate_per_second if rate_per_second > 0 else 0.0
        self._intervals: dict[str, float] = {}
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_interval(self, host: str, seconds: float) -> None:
        """Use a longer interval for one host (robots.txt Crawl-delay)."""
        with self._lock:
            self._intervals[host] = max(self.interval, seconds)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` from now (Retry-After)."""
        with self._lock:
            until = time.monotonic() + max(0.0, seconds)
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), until)

    def wait(self, host: str) -> float:
        """Block until ``host`` may be requested; returns the seconds waited."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self._intervals.get(host, self.interval)
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
        return delay
