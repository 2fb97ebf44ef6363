"""What the pipeline's steps hand each other: one publication's work, one document's,
the run's shared context and the counts a run reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.engine import Engine

from crawler.archive import RawArchive
from crawler.http import PoliteClient
from crawler.urls import SiteUrls
from extractors.records import DocumentLink, Extraction, Finding, Grade, ListingItem, Problem
from flows.settings import Settings
from store.crawl_log import DbFetchLog, DbValidatorStore, flush_crawl_log


class Outcome(StrEnum):
    """What became of one publication in a run."""

    PENDING = "pending"
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    QUARANTINED = "quarantined"
    SKIPPED = "skipped"
    FAILED = "failed"


class DocStatus(StrEnum):
    """Where one report file stands."""

    PENDING = "pending"
    STORED = "stored"        # archived bytes reused
    FETCHED = "fetched"      # fetched in this run
    QUARANTINED = "quarantined"
    MISSING = "missing"      # known, but no archived bytes


@dataclass
class DocumentWork:
    """One report file of a publication."""

    link: DocumentLink
    url: str            # where it is fetched from (on --site)
    canonical: str      # host-independent URL stored in `documents`
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    fetched_at: datetime | None = None
    status: DocStatus = DocStatus.PENDING
    parent: str | None = None  # canonical URL of the PEEL page that linked it
    extraction: Extraction | None = None

    printed_on: date | None = None  # the publication date the document prints


@dataclass
class PublicationWork:
    """One publication moving through the pipeline."""

    publication_id: str
    landing_url: str
    listed: ListingItem | None = None
    page_sha256: str | None = None
    page_changed: bool = True
    landing: Extraction | None = None
    documents: list[DocumentWork] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcome: Outcome = Outcome.PENDING
    rejected_sha256: str | None = None  # page bytes an earlier run quarantined
    from_archive: bool = False   # the landing page bytes come from the archive
    offline: bool = False        # reprocess: no request at all, documents from the archive
    responses: list[Any] = field(default_factory=list)  # flows.responses.ResponseRead


@dataclass
class RunContext:
    """What every step shares within one run."""

    settings: Settings
    engine: Engine
    run_id: str
    urls: SiteUrls
    archive: RawArchive
    fetch_log: DbFetchLog
    trust_archive: bool = False  # backfill: reuse archived bytes instead of revalidating
    discovery: Any = None        # flows.discovery.DiscoveryReport of this run
    _client: PoliteClient | None = None
    _validators: DbValidatorStore | None = None

    @property
    def validators(self) -> DbValidatorStore:
        """ETag / Last-Modified / sha256 remembered per URL."""
        if self._validators is None:
            self._validators = DbValidatorStore(self.engine, self.settings.data_dir /
                                                "validators.journal")
        return self._validators

    @property
    def client(self) -> PoliteClient:
        """The polite HTTP client, created on first use (reprocess never creates it)."""
        if self._client is None:
            kwargs: dict[str, Any] = {}
            if self.settings.user_agent:
                kwargs["user_agent"] = self.settings.user_agent
            self._client = PoliteClient(
                self.urls, self.archive, self.validators, self.fetch_log,
                rate_per_second=self.settings.rate_per_second, max_tries=self.settings.max_tries,
                timeout=self.settings.timeout, backoff_base=self.settings.backoff_base,
                max_seconds=self.settings.download_budget, **kwargs)
            if self.settings.global_rate_limit:
                _share_rate_limit(self._client, self.settings.global_rate_limit)
        return self._client

    def write_crawl_log(self) -> None:
        """Write the fetch log and validators kept since the last write (one transaction)."""
        flush_crawl_log(self.engine, self.fetch_log, self._validators)

    def close(self) -> None:
        """Release the HTTP client and write the rest of the crawl log."""
        if self._client is not None:
            self._client.close()
        self.write_crawl_log()
        if self._validators is not None:
            self._validators.close_journal()


def _share_rate_limit(client: PoliteClient, name: str) -> None:
    """Also take a slot of a Prefect global rate limit before every request, so that
    several workers share one cap on the site (strict: a missing limit is an error)."""
    from prefect.concurrency.sync import rate_limit
    local_wait = client.limiter.wait

    def wait(host: str) -> float:
        rate_limit(name, occupy=1, strict=True)
        return local_wait(host)

    client.limiter.wait = wait  # type: ignore[method-assign]


def open_context(settings: Settings, engine: Engine, run_id: str) -> RunContext:
    """A run context on the configured site, archive and database."""
    return RunContext(settings, engine, run_id, SiteUrls(settings.site),
                      RawArchive(settings.archive_dir), DbFetchLog(engine, run_id))


@dataclass
class LoadSummary:
    """Counts a run reports."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    failed: int = 0
    obligations_opened: int = 0
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    new_publications: list[str] = field(default_factory=list)
    opened: list[tuple[str, str]] = field(default_factory=list)
    unknown_areas: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    responses_found: list[tuple[str, str, str]] = field(default_factory=list)
    discovery: list[str] = field(default_factory=list)   # what each way in gave
    sources: dict[str, int] = field(default_factory=dict)  # publications per other source
    unserved: dict[str, str] = field(default_factory=dict)  # sources answering 404, since

    def as_counts(self) -> dict[str, Any]:
        """The run row's counts."""
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "quarantined": self.quarantined, "failed": self.failed,
                "obligations_opened": self.obligations_opened, "tables": self.tables,
                "unknown_areas": self.unknown_areas, "notes": self.notes,
                "responses_found": len(self.responses_found),
                "discovery": self.discovery, "sources": self.sources,
                "unserved": self.unserved}


@dataclass
class DocumentFindings:
    """What a publication's documents say, reconciled across HTML and PDF."""

    findings: list[Finding] = field(default_factory=list)
    findings_source: dict[int, str] = field(default_factory=dict)
    grades: list[Grade] = field(default_factory=list)
    grades_source: dict[int, str] = field(default_factory=dict)
    key_findings: str | None = None
