"""A polite, fault-tolerant HTTP client for the site (plain httpx, our own validators).

Politeness: robots.txt (protego, fetched once per host per client), an honest
User-Agent, a per-host rate cap, Retry-After on 429/503, exponential backoff with
jitter on 5xx, timeouts and broken connections, a bounded number of tries. Safety:
only allowlisted hosts, redirects followed by hand and only to allowlisted hosts, a
response size cap, a content-type check, and one time budget per download
(``max_seconds``: every try, redirect hop and backoff wait of one `fetch` together; a
server that trickles bytes cannot stall the run for longer, and an over-budget download
is not retried). Revalidation: If-None-Match /
If-Modified-Since from a `ValidatorStore`; a 304 returns the archived body.

Validators are keyed by ``SiteUrls.canonical(url)`` so that they survive a change of
``--site``. A truncated transfer is detected by HTTP framing: an httpx protocol error (the
connection closed before Content-Length bytes or mid-chunk), a body shorter than
Content-Length, or, for a read-until-close response, a PDF without a ``%%EOF``
trailer; each is retried, then reported as ``ok=False`` (never stored). A PDF whole by
its framing but with no trailer is the server's own broken file: archived and returned
with ``ok=True`` and a ``warning`` (the PDF extractor quarantines it), never re-fetched.
"""
from __future__ import annotations

import random
import time
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from crawler.archive import RawArchive
from crawler.limits import Budget, OverBudget, Slow, TooLarge, read_body
from crawler.ratelimit import HostRateLimiter
from crawler.refusal import screened
from crawler.robots import ROBOTS_MAX_BYTES, RobotsRules, default_user_agent
from crawler.responses import (REDIRECTS, FetchLogEntry, FetchLogSink, FetchResult, Hop,
                               check_body, classify_status, failed, request_headers,
                               retry_after)
from crawler.urls import SiteUrls
from crawler.validators import CachedValidators, ValidatorStore


_ERROR_BODY_BYTES = 65_536

DEFAULT_USER_AGENT = default_user_agent()


class _Retry(Exception):
    def __init__(self, reason: str, status: int | None, final_url: str,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status, self.final_url = reason, status, final_url
        self.retry_after = retry_after


class PoliteClient:
    """Fetches site URLs politely; `fetch` never raises for network or HTTP trouble."""

    def __init__(self, urls: SiteUrls, archive: RawArchive, validators: ValidatorStore,
                 log: FetchLogSink | None = None, *, user_agent: str | None = None,
                 rate_per_second: float = 1.0, max_tries: int = 4, timeout: float = 30.0,
                 max_bytes: int = 50_000_000, max_redirects: int = 5,
                 backoff_base: float = 1.0, max_retry_after: float = 120.0,
                 max_seconds: float = 300.0, transport: httpx.BaseTransport | None = None
                 ) -> None:
        self.urls, self.archive, self.validators, self.log = urls, archive, validators, log
        self.user_agent = user_agent or default_user_agent()
        self.max_tries = max(1, max_tries)
        self.max_bytes, self.max_redirects = max_bytes, max_redirects
        self.backoff_base, self.max_retry_after = backoff_base, max_retry_after
        self.max_seconds = max_seconds  # the whole download's budget, all tries together
        self.rate_per_second = rate_per_second
        self.limiter = HostRateLimiter(rate_per_second)
        self.robots = RobotsRules(self._fetch_robots, urls.robots_url, self._crawl_delay)
        self.timeout = timeout
        self.refusals: list[str] = []  # requests the site refused (403, challenge pages)
        self._http = httpx.Client(headers={"User-Agent": self.user_agent},
                                  timeout=httpx.Timeout(timeout), follow_redirects=False,
                                  transport=transport)

    # -- public ------------------------------------------------------------------------
    def fetch(self, url: str, *, expect: tuple[str, ...] = ("html", "pdf"),
              conditional: bool = True) -> FetchResult:
        """GET ``url`` (retrying, revalidating); the body is archived and returned."""
        if not self.urls.is_allowed(url):
            return failed(url, url, None, f"refused foreign host {urlsplit(url).hostname}")
        refusal = self.robots.refusal(url)
        if refusal:
            if refusal.startswith("robots.txt unavailable"):
                self.refusals.append(f"{self.urls.robots_url(url)}: {refusal}")
            return failed(url, url, None, refusal)
        return screened(self._fetch(url, expect, conditional, check_robots=True), url,
                        self.refusals)

    def _fetch(self, url: str, expect: tuple[str, ...] | None, conditional: bool, *,
               check_robots: bool, max_bytes: int | None = None,
               key: str | None = None) -> FetchResult:
        """Revalidate or fetch, then archive the body and remember its validators."""
        key = key or self.urls.canonical(url)
        remembered = self.validators.get(key)
        usable = (remembered if conditional and remembered
                  and self.archive.has(remembered.sha256) else None)
        result, headers = self._with_retries(url, expect, usable, check_robots=check_robots,
                                             max_bytes=max_bytes)
        if not result.ok:
            return result
        if result.not_modified:
            assert remembered is not None
            return self._revalidated(result, headers, key, remembered)
        return self._stored(result, headers, key, remembered)

    def allowed_by_robots(self, url: str) -> bool:
        """True when robots.txt for the URL's host lets us fetch it."""
        return self.robots.refusal(url) is None

    def robots_problem(self, url: str) -> str | None:
        """Why robots.txt for the URL's host could not be read (then all is disallowed)."""
        return self.robots.problem(url)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- results -----------------------------------------------------------------------
    def _revalidated(self, result: FetchResult, headers: httpx.Headers | None, key: str,
                     remembered: CachedValidators) -> FetchResult:
        try:
            result.body = self.archive.get(remembered.sha256)
        except (KeyError, ValueError) as exc:
            return failed(result.url, result.final_url, 304,
                           f"304 Not Modified but the archived copy is unreadable: {exc}")
        result.sha256, result.content_type = remembered.sha256, remembered.content_type
        result.changed = False
        headers = headers or httpx.Headers()
        new_etag = headers.get("etag") or remembered.etag
        new_modified = headers.get("last-modified") or remembered.last_modified
        if (new_etag, new_modified) != (remembered.etag, remembered.last_modified):
            self.validators.put(key, CachedValidators(
                etag=new_etag, last_modified=new_modified,
                sha256=remembered.sha256, content_type=remembered.content_type))
        return result

    def _stored(self, result: FetchResult, headers: httpx.Headers | None, key: str,
                remembered: CachedValidators | None) -> FetchResult:
        assert result.body is not None
        digest = self.archive.put(result.body)
        result.sha256 = digest
        result.changed = None if remembered is None else digest != remembered.sha256
        headers = headers or httpx.Headers()
        self.validators.put(key, CachedValidators(
            etag=headers.get("etag"), last_modified=headers.get("last-modified"),
            sha256=digest, content_type=result.content_type or ""))
        return result

    # -- retries -----------------------------------------------------------------------
    def _with_retries(self, url: str, expect: tuple[str, ...] | None,
                      usable: CachedValidators | None, *, check_robots: bool,
                      max_bytes: int | None = None
                      ) -> tuple[FetchResult, httpx.Headers | None]:
        """The result and the final response headers, after at most max_tries tries."""
        last: _Retry | None = None
        budget = Budget(time.monotonic(), self.max_seconds)
        for attempt in range(1, self.max_tries + 1):
            try:
                result, headers = self._attempt(url, attempt, expect, usable, check_robots,
                                                max_bytes or self.max_bytes, budget)
                result.attempts = attempt
                return result, headers
            except OverBudget as over:
                return failed(url, over.final_url, over.status, str(over),
                               attempts=attempt), None
            except _Retry as retry:
                last = retry
                if attempt == self.max_tries:
                    break
                host = urlsplit(retry.final_url).netloc
                wait = (min(retry.retry_after, self.max_retry_after)
                        if retry.retry_after is not None else self._backoff(attempt))
                if budget.left() < wait:
                    return failed(url, retry.final_url, retry.status,
                                   f"{budget.describe()} after {attempt} tries "
                                   f"(last: {retry.reason})", attempts=attempt), None
                if retry.retry_after is not None:
                    self.limiter.defer(host, wait)
                else:
                    time.sleep(wait)
        assert last is not None
        return failed(url, last.final_url, last.status,
                       f"gave up after {self.max_tries} tries: {last.reason}",
                       attempts=self.max_tries), None

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter, capped at max_retry_after."""
        base = self.backoff_base * (2 ** (attempt - 1))
        return min(self.max_retry_after, base + random.uniform(0, self.backoff_base))

    def _attempt(self, url: str, attempt: int, expect: tuple[str, ...] | None,
                 usable: CachedValidators | None, check_robots: bool,
                 max_bytes: int, budget: Budget) -> tuple[FetchResult, httpx.Headers | None]:
        """One try, following redirects by hand; raises _Retry for transient trouble and
        OverBudget when the download's time budget is spent."""
        current = url
        headers = request_headers(expect, usable)
        for _ in range(self.max_redirects + 1):
            hop = self._request(current, headers, attempt, expect, max_bytes, budget)
            status = hop.status
            if hop.over_budget:
                raise OverBudget(hop.error or budget.describe(), status, current)
            if hop.error and hop.retryable:
                raise _Retry(hop.error, status, current, retry_after(hop.headers))
            if hop.error:
                return failed(url, current, status, hop.error), hop.headers
            assert status is not None and hop.headers is not None
            if status in REDIRECTS and hop.headers.get("location"):
                target, refusal = self._redirect_target(hop.headers["location"], current,
                                                        check_robots)
                if refusal:
                    return failed(url, current, status, refusal), hop.headers
                assert target is not None
                current = target
                continue
            if status == 304:
                if usable is None:
                    return failed(url, current, status,
                                   "304 Not Modified without a cached copy"), hop.headers
                return FetchResult(url, current, 304, True, None, usable.sha256,
                                   usable.content_type, True, False, None), hop.headers
            content_type = hop.headers.get("content-type", "")
            return FetchResult(url, current, status, True, hop.body, None, content_type,
                               False, None, None, warning=hop.warning), hop.headers
        return failed(url, current, None, f"more than {self.max_redirects} redirects"), None

    def _redirect_target(self, location: str, current: str,
                         check_robots: bool) -> tuple[str | None, str | None]:
        target = self.urls.resolve(location, current)
        if target is None:
            host = urlsplit(urljoin(current, location)).hostname
            return None, f"refused redirect to foreign host {host}"
        if check_robots:
            refusal = self.robots.refusal(target)
            if refusal:
                return None, f"redirect to {target} refused: {refusal}"
        return target, None

    # -- the wire ----------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str], attempt: int,
                 expect: tuple[str, ...] | None, max_bytes: int, budget: Budget) -> Hop:
        """One GET: status, headers and a checked body (or an error), logged."""
        self.limiter.wait(urlsplit(url).netloc)
        hop = Hop(url)
        started = time.monotonic()
        fetched_at = datetime.now(timezone.utc)
        if budget.left() <= 0:
            hop.error, hop.over_budget = budget.describe(), True
            return hop
        wait = httpx.Timeout(max(0.05, min(self.timeout, budget.left())))
        try:
            with self._http.stream("GET", url, headers=headers, timeout=wait) as response:
                hop.status, hop.headers = response.status_code, response.headers
                if response.is_success:
                    hop.body = read_body(response, budget, max_bytes)
                    check_body(hop, expect)
                else:
                    hop.body = read_body(response, budget, _ERROR_BODY_BYTES, cap=False)
                    classify_status(hop)
        except TooLarge as too_large:
            hop.error, hop.body = str(too_large), too_large.partial
        except Slow as slow:
            hop.error, hop.body, hop.over_budget = str(slow), slow.partial, True
        except httpx.TimeoutException as exc:
            hop.error, hop.retryable = f"timeout ({type(exc).__name__})", True
        except httpx.TransportError as exc:
            hop.error = f"connection error ({type(exc).__name__}: {exc})"
            hop.retryable = True
        except httpx.HTTPError as exc:  # pragma: no cover - other httpx trouble
            hop.error = f"HTTP error ({type(exc).__name__}: {exc})"
        elapsed_ms = int((time.monotonic() - started) * 1000)
        if self.log is not None:
            self.log(FetchLogEntry(url=url, method="GET", status=hop.status,
                                   bytes=len(hop.body), elapsed_ms=elapsed_ms,
                                   from_cache=hop.status == 304, attempt=attempt,
                                   error=hop.error, fetched_at=fetched_at))
        return hop

    def _fetch_robots(self, robots_url: str) -> FetchResult:
        return self._fetch(robots_url, None, True, check_robots=False,
                           max_bytes=ROBOTS_MAX_BYTES, key=robots_url)  # per host

    def _crawl_delay(self, robots_url: str, delay: float) -> None:
        if self.rate_per_second > 0:
            self.limiter.set_interval(urlsplit(robots_url).netloc,
                                      min(delay, self.max_retry_after))
