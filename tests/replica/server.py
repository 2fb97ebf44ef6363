"""A real HTTP server over a `Site`, with conditional requests, latency and faults."""
from __future__ import annotations

import hashlib
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import unquote, urlsplit

from tests.replica.pages import not_found_page
from tests.replica.site import Resource, Site

FAULT_KINDS = ("status", "timeout", "reset", "truncate", "redirect", "oversize",
               "content_type", "encoding", "trickle")
DEFAULT_OVERSIZE = 64 * 1024 * 1024
SERVER_NAME = "Apache"


@dataclass
class Fault:
    """A misbehaviour for one path ('/x/' exact, or '/uploads/*' as a prefix).

    status: answer ``status`` (with Retry-After when set); timeout: wait ``seconds`` then
    answer normally; reset: close the connection with a TCP RST and no answer; truncate:
    full Content-Length, half the body, then close; redirect: 302 to ``location``;
    oversize: stream ``size`` bytes (default 64 MiB) with no Content-Length; content_type:
    serve the body under ``content_type``; encoding: serve an HTML page in windows-1252
    with that charset declared; trickle: the full Content-Length, then the body ``size``
    bytes (default 1) every ``seconds`` (default 1), as a stalling server does. ``times``:
    how many requests misbehave (None: all).
    """

    kind: str
    status: int = 503
    retry_after: int | None = None
    times: int | None = None
    location: str | None = None
    seconds: float = 0.0
    size: int = 0
    content_type: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}")


@dataclass
class RequestRecord:
    """One request the server answered (status 0: connection reset, no answer)."""

    method: str
    path: str
    headers: dict[str, str]
    status: int
    bytes_sent: int


class Headers(dict[str, str]):
    """Request headers: keys stored lowercase, looked up case-insensitively."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return super().get(key.lower(), default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())


def etag_of(body: bytes) -> str:
    """The quoted ETag the server sends for ``body``."""
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


class _Aborted(Exception):
    """The handler dropped the connection on purpose."""


class ReplicaServer:
    """Serves a `Site` on 127.0.0.1 (port 0: any free port) in a background thread."""

    def __init__(self, site: Site, latency: float = 0.0, port: int = 0,
                 host: str = "127.0.0.1") -> None:
        self.site = site
        self.latency = latency
        self.requests: list[RequestRecord] = []
        self.url = ""
        self._host, self._port = host, port
        self._faults: list[tuple[str, Fault, list[int]]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()

    # -- lifecycle ------------------------------------------------------------------
    def start(self) -> ReplicaServer:
        """Bind, start serving, and set ``url``."""
        handler = type("Handler", (_Handler,), {"replica": self})
        httpd = ThreadingHTTPServer((self._host, self._port), handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False
        self._httpd = httpd
        host, port = httpd.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._stopping.clear()
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="replica-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close open connections."""
        self._stopping.set()
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- faults and log -------------------------------------------------------------
    def add_fault(self, path: str, fault: Fault) -> None:
        """Make requests for ``path`` (or a 'prefix*') misbehave."""
        with self._lock:
            self._faults.append((path, fault, [0]))

    def clear_faults(self) -> None:
        """Remove every fault."""
        with self._lock:
            self._faults.clear()

    def requests_to(self, path_prefix: str) -> list[RequestRecord]:
        """Logged requests whose path starts with ``path_prefix``."""
        with self._lock:
            return [r for r in self.requests if r.path.startswith(path_prefix)]

    def take_fault(self, path: str) -> Fault | None:
        """The fault that applies to this request (counting it), if any."""
        with self._lock:
            for pattern, fault, used in self._faults:
                hit = (path.startswith(pattern[:-1]) if pattern.endswith("*")
                       else path == pattern)
                if hit and (fault.times is None or used[0] < fault.times):
                    used[0] += 1
                    return fault
        return None

    def fault_hits(self, path: str) -> int:
        """How many requests the fault added for ``path`` has answered (or is answering)."""
        with self._lock:
            return sum(used[0] for pattern, _fault, used in self._faults if pattern == path)

    def record(self, entry: RequestRecord) -> None:
        """Append to the request log."""
        with self._lock:
            self.requests.append(entry)

    def track(self, conn: socket.socket, add: bool) -> None:
        """Remember open connections so `stop` can close them."""
        with self._lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def wait(self, seconds: float) -> None:
        """Sleep, but wake up when the server stops."""
        if seconds > 0:
            self._stopping.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    replica: ReplicaServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stall
    server_version = SERVER_NAME
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.replica.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        self.replica.track(self.connection, False)

    def handle(self) -> None:
        try:
            super().handle()
        except (_Aborted, ConnectionError, TimeoutError, OSError):
            self.close_connection = True

    def version_string(self) -> str:
        return SERVER_NAME

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    # -- answering ------------------------------------------------------------------
    def _serve(self, head: bool) -> None:
        raw_path = urlsplit(self.path).path or "/"
        path = unquote(raw_path)
        headers = Headers({k.lower(): v for k, v in self.headers.items()})
        self._record_args = (self.command, self.path, headers)
        self.replica.wait(self.replica.latency)
        fault = self.replica.take_fault(path)
        resource = self.replica.site.get(path)
        if fault is not None:
            self._fault(fault, resource, path, head)
            return
        if resource is None:
            self._missing(path, head)
            return
        self._send_resource(resource, head, headers)

    def _log(self, status: int, sent: int) -> None:
        method, path, headers = self._record_args
        self.replica.record(RequestRecord(method, path, headers, status, sent))

    def _write(self, data: bytes) -> int:
        self.wfile.write(data)
        return len(data)

    def _simple(self, status: int, body: bytes, content_type: str, head: bool,
                extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self._log(status, 0 if head else len(body))
        self.end_headers()
        if not head:
            self._write(body)

    def _missing(self, path: str, head: bool) -> None:
        if not path.endswith("/") and self.replica.site.get(path + "/") is not None:
            location = self.replica.url + path + "/"
            self._simple(301, b"", "text/html; charset=UTF-8", head, {"Location": location})
            return
        self._simple(404, not_found_page().encode(), "text/html; charset=UTF-8", head)

    def _send_resource(self, resource: Resource, head: bool, request: Headers,
                       body: bytes | None = None, content_type: str | None = None) -> None:
        body = resource.body if body is None else body
        etag = etag_of(body)
        validators = {"ETag": etag}
        if resource.last_modified:
            validators["Last-Modified"] = resource.last_modified
        if _not_modified(request, etag, resource.last_modified):
            self.send_response(304)
            for key, value in validators.items():
                self.send_header(key, value)
            self._log(304, 0)
            self.end_headers()
            return
        validators["Cache-Control"] = "max-age=0, must-revalidate"
        self._simple(200, body, content_type or resource.content_type, head, validators)

    def _fault(self, fault: Fault, resource: Resource | None, path: str, head: bool) -> None:
        kind = fault.kind
        request = self._record_args[2]
        if kind == "status":
            extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            body = f"<html><body><h1>{fault.status}</h1></body></html>".encode()
            self._simple(fault.status, body, "text/html; charset=UTF-8", head, extra)
        elif kind == "redirect":
            location = fault.location or "https://evil.example.com/x"
            self._simple(302, b"", "text/html; charset=UTF-8", head, {"Location": location})
        elif kind == "reset":
            self._log(0, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.wfile.close()
            self.rfile.close()
            self.connection.close()
            raise _Aborted
        elif kind == "timeout":
            self.replica.wait(fault.seconds)
            if resource is None:
                self._missing(path, head)
            else:
                self._send_resource(resource, head, request)
        elif kind == "oversize":
            self._oversize(fault, resource, head)
        elif resource is None:
            self._missing(path, head)
        elif kind == "truncate":
            self._truncate(resource, head)
        elif kind == "trickle":
            self._trickle(fault, resource, head)
        elif kind == "content_type":
            self._send_resource(resource, head, request,
                                content_type=fault.content_type or "application/octet-stream")
        elif kind == "encoding" and resource.content_type.startswith("text/html"):
            body, ctype = windows_1252(resource)
            self._send_resource(resource, head, request, body=body, content_type=ctype)
        else:
            self._send_resource(resource, head, request)

    def _truncate(self, resource: Resource, head: bool) -> None:
        body = resource.body
        self.send_response(200)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag_of(body))
        self._log(200, 0 if head else len(body) // 2)
        self.end_headers()
        if not head:
            self._write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)
        raise _Aborted

    def _trickle(self, fault: Fault, resource: Resource, head: bool) -> None:
        body, step = resource.body, max(1, fault.size or 1)
        self.send_response(200)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        sent = 0
        try:
            while not head and sent < len(body) and not self.replica._stopping.is_set():
                sent += self._write(body[sent:sent + step])
                self.wfile.flush()
                self.replica.wait(fault.seconds or 1.0)
        finally:
            self._log(200, sent)

    def _oversize(self, fault: Fault, resource: Resource | None, head: bool) -> None:
        size = fault.size or DEFAULT_OVERSIZE
        content_type = resource.content_type if resource else "application/pdf"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = 0
        if not head:
            first = (resource.body if resource else b"%PDF-1.7\n")[:size]
            chunk = b"0" * 65536
            try:
                sent += self._write(first)
                while sent < size and not self.replica._stopping.is_set():
                    sent += self._write(chunk[: min(len(chunk), size - sent)])
            except OSError:
                pass
        self._log(200, sent)


def _not_modified(request: Headers, etag: str, last_modified: str | None) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins over If-Modified-Since."""
    inm = request.get("if-none-match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = request.get("if-modified-since")
    if ims and last_modified:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


def windows_1252(resource: Resource) -> tuple[bytes, str]:
    """An HTML page re-encoded in windows-1252, with the charset declared in both places."""
    text = resource.body.decode("utf-8", errors="replace")
    text = re.sub(r'<meta charset="[^"]*">', '<meta charset="windows-1252">', text,
                  count=1, flags=re.IGNORECASE)
    return text.encode("cp1252", errors="xmlcharrefreplace"), "text/html; charset=windows-1252"


def serve_forever(server: ReplicaServer) -> None:
    """Block until interrupted (for `python -m tests.replica`)."""
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
