"""Run settings: flags first, then environment (HMICFRS_*), then defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crawler.urls import DEFAULT_SITE
from store.db import check_url, default_db_url


@dataclass
class Settings:
    """Everything one command needs to know about where and how to work."""

    site: str = DEFAULT_SITE
    db_url: str = ""
    data_dir: Path = Path("data")
    as_of: date = field(default_factory=date.today)
    rate_per_second: float = 1.0
    max_tries: int = 4
    timeout: float = 30.0
    download_budget: float = 300.0  # seconds per download, every try and wait together
    backoff_base: float = 1.0
    watch_days: int = 28
    settle_days: int = 90       # keep re-reading a publication this long after its deadline
    revalidate_days: int = 30   # every stored page is re-read at least this often
    sources: tuple[str, ...] = ("news", "peel-hub", "frs-hub", "sitemap")  # other ways in
    source_pages: int = 10          # pages of a source (news feed...) read at most a run
    unserved_retry_days: int = 7    # a source that answered 404 is asked again this often
    batch_size: int = 10  # publications per batch: fetched while the one before is loaded
    user_agent: str | None = None
    global_rate_limit: str | None = None  # name of a Prefect global concurrency limit

    @property
    def archive_dir(self) -> Path:
        """Where raw downloads are kept by sha256."""
        return self.data_dir / "raw"


def resolve_settings(*, site: str | None = None, db: str | None = None,
                     data_dir: str | Path | None = None, as_of: date | None = None,
                     rate: float | None = None) -> Settings:
    """Build Settings from flags, then HMICFRS_* environment variables, then defaults.

    An explicit database URL is checked (`store.db.check_url`: not empty, and a SQLite
    file's directory must exist); the default database creates its data directory.
    """
    env = os.environ
    data = Path(data_dir or env.get("HMICFRS_DATA_DIR") or "data")
    settings = Settings(
        site=(site or env.get("HMICFRS_SITE") or DEFAULT_SITE).rstrip("/"),
        data_dir=data,
        as_of=as_of or date.today(),
        rate_per_second=float(rate if rate is not None else env.get("HMICFRS_RATE", "1.0")),
        max_tries=int(env.get("HMICFRS_MAX_TRIES", "4")),
        timeout=float(env.get("HMICFRS_TIMEOUT", "30")),
        download_budget=float(env.get("HMICFRS_DOWNLOAD_BUDGET", "300")),
        backoff_base=float(env.get("HMICFRS_BACKOFF", "1.0")),
        watch_days=int(env.get("HMICFRS_WATCH_DAYS", "28")),
        settle_days=int(env.get("HMICFRS_SETTLE_DAYS", "90")),
        revalidate_days=max(1, int(env.get("HMICFRS_REVALIDATE_DAYS", "30"))),
        sources=tuple(s.strip() for s in env.get(
            "HMICFRS_SOURCES", "news,peel-hub,frs-hub,sitemap").split(",") if s.strip()),
        source_pages=max(1, int(env.get("HMICFRS_SOURCE_PAGES", "10"))),
        unserved_retry_days=max(1, int(env.get("HMICFRS_UNSERVED_RETRY_DAYS", "7"))),
        user_agent=env.get("HMICFRS_USER_AGENT"),
        global_rate_limit=env.get("HMICFRS_PREFECT_RATE_LIMIT") or None,
    )
    chosen = db if db is not None else env.get("HMICFRS_DB_URL") or None
    if chosen is None:
        data.mkdir(parents=True, exist_ok=True)
        chosen = default_db_url(data)
    check_url(chosen)
    settings.db_url = chosen
    return settings
