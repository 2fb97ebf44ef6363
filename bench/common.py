"""Shared helpers for the pipeline benchmarks: settings, profiling, request logs, results."""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from flows.settings import Settings  # noqa: E402
from store.db import default_db_url  # noqa: E402
from tests.replica import server as _replica_server  # noqa: E402
from tests.replica.server import ReplicaServer, RequestRecord  # noqa: E402
from tests.replica.site import Site  # noqa: E402

# The replica's handler writes a response's headers and body in two sends; with Nagle on,
# each 200 then waits ~40 ms for the client's delayed ACK. Real web servers do not do this,
# so the benchmarks switch Nagle off on the replica (see docs/benchmarks.md).
_replica_server._Handler.disable_nagle_algorithm = True

RESULTS = ROOT / "bench" / "results"
AS_OF = date(2025, 9, 1)  # the date the replica's watch window and deadlines are built around
DOCUMENT_PREFIXES = ("/publication-html/", "/peel-reports/", "/frs-assessment/", "/uploads/",
                     "/wp-content/uploads/")


# --- the machine and the results file -----------------------------------------------------

def machine() -> dict[str, Any]:
    """Cores, CPU model, Python and the date: what docs/benchmarks.md records."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
            else os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform(),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "load_average_1_5_15_min_at_end": [round(x, 2) for x in os.getloadavg()]}


def write_results(name: str, data: dict[str, Any]) -> Path:
    """Write bench/results/<name>.json with the machine attached; returns the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "command": "python " + " ".join(
        [f"bench/{Path(sys.argv[0]).name}", *sys.argv[1:]]), "machine": machine(), **data}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table for the console."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.1f}"
    return str(value)


def median(values: list[float]) -> float:
    """Median rounded to milliseconds."""
    return round(statistics.median(values), 3)


# --- settings -----------------------------------------------------------------------------

def bench_settings(site_url: str, data_dir: Path, *, rate: float = 0.0,
                   as_of: date = AS_OF, db_url: str | None = None) -> Settings:
    """Settings like the tests' (short backoff) with a chosen rate cap."""
    data_dir.mkdir(parents=True, exist_ok=True)  # the store no longer creates directories
    return Settings(site=site_url, db_url=db_url or default_db_url(data_dir),
                    data_dir=data_dir, as_of=as_of, rate_per_second=rate, max_tries=3,
                    timeout=10, backoff_base=0.05)


# --- SQL queries and time per step --------------------------------------------------------

@dataclass
class Profile:
    """Wall time and SQL statements of one run, in total and per pipeline step."""

    seconds: float = 0.0
    queries: int = 0
    by_verb: Counter[str] = field(default_factory=Counter)
    step_seconds: dict[str, float] = field(default_factory=dict)
    step_queries: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for the results file."""
        return {"seconds": round(self.seconds, 3), "queries": self.queries,
                "queries_by_verb": dict(self.by_verb.most_common()),
                "step_seconds": {k: round(v, 3) for k, v in self.step_seconds.items()},
                "step_queries": dict(self.step_queries)}


class Profiler:
    """Counts every SQL statement any engine runs (a global SQLAlchemy event) and times steps.

    Use ``profiler.runner`` as the pipeline's runner: it attributes time and queries to the
    step it wraps; statements outside steps (schema check, run rows, selection) go to
    'outside steps'.
    """

    OUTSIDE = "outside steps"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._step = self.OUTSIDE
        self.profile = Profile()

    def _on_execute(self, conn: Any, cursor: Any, statement: str, params: Any,
                    context: Any, executemany: bool) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"
        with self._lock:
            p = self.profile
            p.queries += 1
            p.by_verb[verb] += 1
            p.step_queries[self._step] = p.step_queries.get(self._step, 0) + 1

    def runner(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A pipeline runner that runs the step directly and records its cost."""
        previous, self._step = self._step, name
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.perf_counter() - started
            self.profile.step_seconds[name] = self.profile.step_seconds.get(name, 0.0) + spent
            self._step = previous

    @contextmanager
    def measure(self) -> Iterator[Profile]:
        """Count statements and time everything inside the block."""
        self.profile = Profile()
        sa.event.listen(Engine, "before_cursor_execute", self._on_execute)
        started = time.perf_counter()
        try:
            yield self.profile
        finally:
            self.profile.seconds = time.perf_counter() - started
            sa.event.remove(Engine, "before_cursor_execute", self._on_execute)


# --- what the server saw ------------------------------------------------------------------

def settle(server: ReplicaServer, quiet: float = 0.15, limit: float = 3.0) -> None:
    """Wait until the server's request log stops growing (it logs just after answering)."""
    deadline = time.monotonic() + limit
    seen = -1
    while time.monotonic() < deadline and seen != len(server.requests):
        seen = len(server.requests)
        time.sleep(quiet)


def classify(path: str, site: Site) -> str:
    """robots | listing | landing | document | other, by what the replica serves there."""
    bare = path.split("?", 1)[0]
    if bare == "/robots.txt":
        return "robots"
    if bare in _listing_paths(site):
        return "listing"
    if bare in _landing_paths(site):
        return "landing"
    if bare.lower().endswith(".pdf") or bare.startswith(DOCUMENT_PREFIXES):
        return "document"
    return "other"


_CACHE: dict[int, tuple[set[str], set[str]]] = {}


def _paths(site: Site) -> tuple[set[str], set[str]]:
    key = id(site.truth)
    if key not in _CACHE:
        _CACHE[key] = (set(site.truth.listing_pages),
                       {p.path for p in site.truth.publications.values()})
    return _CACHE[key]


def _listing_paths(site: Site) -> set[str]:
    return _paths(site)[0]


def _landing_paths(site: Site) -> set[str]:
    return _paths(site)[1]


def conditional(record: RequestRecord) -> bool:
    """The request carried If-None-Match or If-Modified-Since."""
    return bool(record.headers.get("if-none-match") or record.headers.get("if-modified-since"))


def request_summary(records: list[RequestRecord], site: Site) -> dict[str, Any]:
    """Requests, bytes, statuses, conditional requests and full downloads by kind of page."""
    kinds = Counter(classify(r.path, site) for r in records)
    downloads = Counter(classify(r.path, site) for r in records if r.status == 200)
    return {
        "requests": len(records),
        "bytes": sum(r.bytes_sent for r in records),
        "status_304": sum(r.status == 304 for r in records),
        "status_200": sum(r.status == 200 for r in records),
        "other_statuses": dict(Counter(r.status for r in records if r.status not in (200, 304))),
        "conditional": sum(conditional(r) for r in records),
        "unconditional": [r.path for r in records if not conditional(r)],
        "requests_by_kind": dict(kinds),
        "full_downloads_by_kind": dict(downloads),
        "document_downloads": downloads.get("document", 0),
    }


def fetch_log_summary(db_url: str, run_id: str) -> dict[str, Any]:
    """What the product's own fetch_log table says about one run."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            log = sa.Table("fetch_log", sa.MetaData(), autoload_with=conn)
            rows = conn.execute(sa.select(log.c.status, log.c.bytes, log.c.from_cache)
                                .where(log.c.run_id == run_id)).all()
    finally:
        engine.dispose()
    return {"entries": len(rows), "bytes": sum(r.bytes or 0 for r in rows),
            "from_cache": sum(bool(r.from_cache) for r in rows),
            "status_304": sum(r.status == 304 for r in rows)}


def new_requests(server: ReplicaServer, since: int) -> list[RequestRecord]:
    """The server's log entries after index ``since`` (once it has settled)."""
    settle(server)
    return list(server.requests[since:])
