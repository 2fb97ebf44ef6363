"""What a request returns: fetch results, log entries, and the checks on a response."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message
from email.utils import parsedate_to_datetime
from typing import Protocol

import httpx

from crawler.validators import CachedValidators

REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream",
                           "application/download", "application/x-download",
                           "application/force-download"})


@dataclass
class FetchLogEntry:
    """One HTTP request (every attempt, redirect hop and robots.txt fetch)."""

    url: str
    method: str
    status: int | None
    bytes: int
    elapsed_ms: int
    from_cache: bool
    attempt: int
    error: str | None
    fetched_at: datetime


class FetchLogSink(Protocol):
    """Receives every `FetchLogEntry` (the store writes them to the fetch log table)."""

    def __call__(self, entry: FetchLogEntry) -> None: ...


@dataclass
class FetchResult:
    """The outcome of `PoliteClient.fetch`: bytes and hash, or ok=False with a reason."""

    url: str
    final_url: str
    status: int | None
    ok: bool
    body: bytes | None
    sha256: str | None
    content_type: str | None
    not_modified: bool
    changed: bool | None
    error: str | None
    attempts: int = 1
    warning: str | None = None  # e.g. a PDF that arrived whole but has no %%EOF trailer

    @property
    def charset(self) -> str | None:
        """The charset the server declared in Content-Type, if any."""
        if not self.content_type:
            return None
        msg = Message()
        msg["content-type"] = self.content_type
        found = msg.get_param("charset")
        return found.strip().lower() if isinstance(found, str) else None


@dataclass
class Hop:
    """One request as seen on the wire."""

    url: str
    status: int | None = None
    headers: httpx.Headers | None = None
    body: bytes = b""
    error: str | None = None
    retryable: bool = False
    warning: str | None = None
    over_budget: bool = False  # the download's time budget ran out during this request


def failed(url: str, final_url: str, status: int | None, error: str,
           attempts: int = 1) -> FetchResult:
    """An ok=False result with its reason."""
    return FetchResult(url, final_url, status, False, None, None, None, False, None, error,
                       attempts)


def request_headers(expect: tuple[str, ...] | None,
                    usable: CachedValidators | None) -> dict[str, str]:
    """Accept for the expected kinds, plus the conditional headers when revalidating."""
    accept = []
    if expect and "html" in expect:
        accept.append("text/html,application/xhtml+xml")
    if expect and "pdf" in expect:
        accept.append("application/pdf")
    headers = {"Accept": ",".join(accept) + ";q=0.9,*/*;q=0.1" if accept else "*/*"}
    if usable is not None:
        if usable.etag:
            headers["If-None-Match"] = usable.etag
        if usable.last_modified:
            headers["If-Modified-Since"] = usable.last_modified
    return headers


def classify_status(hop: Hop) -> None:
    """Errors for non-2xx statuses: 408/429/5xx retryable, other 4xx final."""
    status = hop.status or 0
    if status in REDIRECTS or status == 304:
        if status in REDIRECTS and not (hop.headers and hop.headers.get("location")):
            hop.error = f"HTTP {status} without a Location header"
        return
    hop.error = f"HTTP {status}"
    hop.retryable = status in (408, 429) or status >= 500


def check_body(hop: Hop, expect: tuple[str, ...] | None) -> None:
    """Truncation and content-type checks on a 2xx body (sets hop.error / hop.warning)."""
    assert hop.headers is not None
    declared = hop.headers.get("content-length", "")
    if (declared.isdigit() and "content-encoding" not in hop.headers
            and int(declared) != len(hop.body)):
        hop.error = f"truncated body: {len(hop.body)} of {declared} bytes"
        hop.retryable = True
        return
    if expect is None:
        return
    media = hop.headers.get("content-type", "").split(";")[0].strip().lower()
    is_pdf = b"%PDF-" in hop.body[:1024]
    if "html" in expect and media in HTML_TYPES:
        return
    if "pdf" in expect and (media in PDF_TYPES or (media in GENERIC_TYPES and is_pdf)):
        if not is_pdf:
            hop.error = f"content type {media} but the body is not a PDF"
        elif b"%%EOF" not in hop.body[-2048:]:
            framed = "content-length" in hop.headers or "chunked" in hop.headers.get(
                "transfer-encoding", "").lower()
            if framed:  # the server sent all it meant to: a broken file, not a broken transfer
                hop.warning = "PDF has no %%EOF trailer (truncated or corrupt at the source)"
            else:  # read-until-close: a cut connection looks exactly like this
                hop.error, hop.retryable = "truncated PDF: no %%EOF trailer", True
        return
    hop.error = f"unexpected content type {media or 'none'} (expected {' or '.join(expect)})"


def retry_after(headers: httpx.Headers | None) -> float | None:
    """The response's Retry-After in seconds, if any."""
    return parse_retry_after((headers or httpx.Headers()).get("retry-after", ""))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After in seconds (delta-seconds or an HTTP-date), None if absent or bad."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
