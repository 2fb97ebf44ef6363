"""Rate cap and Retry-After parsing."""
from __future__ import annotations

from datetime import datetime, timezone

from crawler.responses import parse_retry_after
from crawler.ratelimit import HostRateLimiter


def test_rate_limiter_spaces_requests_per_host() -> None:
    limiter = HostRateLimiter(rate_per_second=50)
    assert limiter.wait("a") == 0
    assert limiter.wait("a") > 0  # the second request to the same host waits its turn
    assert limiter.wait("b") == 0  # another host has its own slot
    uncapped = HostRateLimiter(rate_per_second=0)
    assert [uncapped.wait("a") for _ in range(3)] == [0, 0, 0]
    uncapped.defer("a", 0.02)
    assert uncapped.wait("a") > 0  # Retry-After holds even without a cap


def test_retry_after_seconds_and_http_dates() -> None:
    now = datetime(2025, 8, 28, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Thu, 28 Aug 2025 12:00:30 GMT", now=now) == 30
    assert parse_retry_after("Thu, 28 Aug 2025 11:00:00 GMT", now=now) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
