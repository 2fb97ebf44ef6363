"""Who the crawler says it is (User-Agent, robots token) and robots.txt: fetched once per
host, read with protego (RFC 9309: 2xx parse; 4xx allow all; 5xx, 429 or unreachable
disallow all), Crawl-delay honoured."""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from protego import Protego

from crawler.responses import FetchResult

ROBOTS_TOKEN = "hmicfrs"
ROBOTS_MAX_BYTES = 512_000
PROJECT_URL = "https://github.com/hmicfrs"


def default_user_agent() -> str:
    """``HMICFRS_USER_AGENT``, else 'hmicfrs/<version> (+<project>; contact: <HMICFRS_CONTACT>)'."""
    override = os.environ.get("HMICFRS_USER_AGENT", "").strip()
    if override:
        return override
    try:
        ours = version("hmicfrs")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        ours = "0"
    contact = os.environ.get("HMICFRS_CONTACT", "").strip()
    details = f"+{PROJECT_URL}" + (f"; contact: {contact}" if contact else "")
    return f"hmicfrs/{ours} ({details})"


@dataclass
class _Robots:
    parser: Protego | None  # None: disallow everything
    problem: str | None = None


class RobotsRules:
    """Each host's rules, loaded on first use through ``fetch(robots_url)``."""

    def __init__(self, fetch: Callable[[str], FetchResult], robots_url: Callable[[str], str],
                 crawl_delay: Callable[[str, float], None]) -> None:
        self._fetch, self._robots_url, self._crawl_delay = fetch, robots_url, crawl_delay
        self._by_origin: dict[str, _Robots] = {}
        self._lock = threading.Lock()

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        robots = self._for(url)
        if robots.parser is None:
            return f"robots.txt unavailable ({robots.problem}): host treated as disallowed"
        if not robots.parser.can_fetch(url, ROBOTS_TOKEN):
            return "disallowed by robots.txt"
        return None

    def problem(self, url: str) -> str | None:
        """What went wrong reading the host's robots.txt, if anything."""
        return self._for(url).problem

    def _for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._lock:
            if origin not in self._by_origin:
                self._by_origin[origin] = self._load(self._robots_url(url))
            return self._by_origin[origin]

    def _load(self, robots_url: str) -> _Robots:
        result = self._fetch(robots_url)
        status = result.status
        if result.ok and result.body is not None:
            parser = Protego.parse(result.body.decode("utf-8", errors="replace"))
            delay = parser.crawl_delay(ROBOTS_TOKEN)
            if delay:
                self._crawl_delay(robots_url, float(delay))
            return _Robots(parser)
        if status is not None and 400 <= status < 500 and status != 429:
            return _Robots(Protego.parse(""), f"HTTP {status}: no rules")
        return _Robots(None, result.error or f"HTTP {status}")
