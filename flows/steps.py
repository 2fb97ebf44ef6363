"""The pipeline's steps as plain functions: discover, fetch, extract, validate, load, clock.

Prefect flows (flows/nightly.py) wrap each step in a task; tests and `--engine direct`
call them as they are. Each step takes and returns plain objects; raw bytes travel through
the archive by sha256, never through the flow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from crawler.archive import RawArchive
from crawler.discover import discover
from crawler.http import FetchResult, PoliteClient
from crawler.urls import SiteUrls
from extractors.pages.listing import ListingItem
from extractors.records import DocumentLink, Extraction, Problem
from extractors.version import EXTRACTOR_VERSION
from flows.documents import DocumentWork, extract_documents, fetch_documents
from flows.rows import build_bundle
from flows.settings import Settings
from section55.register import rebuild_register
from store import repository as repo
from store import tables as t
from store.journal import record_changes


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
    outcome: str = "pending"  # new | changed | unchanged | quarantined | skipped | failed
    rejected_sha256: str | None = None  # page bytes an earlier run quarantined
    from_archive: bool = False   # the landing page bytes come from the archive
    offline: bool = False        # reprocess: no request at all, documents from the archive


@dataclass
class RunContext:
    """What every step shares within one run."""

    settings: Settings
    engine: Engine
    run_id: str
    urls: SiteUrls
    archive: RawArchive
    fetch_log: repo.DbFetchLog
    trust_archive: bool = False  # backfill: reuse archived bytes instead of revalidating
    _client: PoliteClient | None = None
    _validators: repo.DbValidatorStore | None = None

    @property
    def validators(self) -> repo.DbValidatorStore:
        """ETag / Last-Modified / sha256 remembered per URL."""
        if self._validators is None:
            self._validators = repo.DbValidatorStore(self.engine)
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

    def close(self) -> None:
        """Release the HTTP client and flush the fetch log."""
        if self._client is not None:
            self._client.close()
        self.fetch_log.flush()


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
                      RawArchive(settings.archive_dir), repo.DbFetchLog(engine, run_id))


# --- discover ---------------------------------------------------------------------------

def discover_step(ctx: RunContext, *, mode: str, since: date | None = None,
                  until: date | None = None) -> list[PublicationWork]:
    """Listing pages -> the publications this run must look at.

    nightly: new ones plus recently published ones (revalidated); backfill: every
    listed one in the date range that is not already fully stored.
    """
    with ctx.engine.connect() as conn:
        stored = repo.publication_dates(conn)
        rejected = repo.quarantined_pages(conn)
        docs = repo.documents_by_publication(conn) if mode == "backfill" else {}
    full = mode == "backfill" or not stored
    result = discover(ctx.client, ctx.urls, set(stored) | set(rejected), full=full)
    works: list[PublicationWork] = []
    watch_from = ctx.settings.as_of - timedelta(days=ctx.settings.watch_days)
    for item in result.items:
        pid = item.publication_id
        if mode == "backfill":
            if item.published_on and ((since and item.published_on < since) or
                                      (until and item.published_on > until)):
                continue
            if pid in stored and _complete(docs.get(pid, [])):
                continue
        elif pid in stored and stored[pid] < watch_from:
            continue
        elif pid in rejected and (item.published_on or date.min) < watch_from:
            continue
        works.append(PublicationWork(pid, _with_slash(item.url), listed=item,
                                     rejected_sha256=rejected.get(pid)))
    return works


def _with_slash(url: str) -> str:
    """Landing pages are '/publications/<slug>/': one URL however the listing wrote it."""
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    if parts.path and not parts.path.endswith("/") and "." not in parts.path.rsplit("/", 1)[-1]:
        parts = parts._replace(path=parts.path + "/")
    return urlunsplit(parts)


def _complete(documents: list[dict[str, Any]]) -> bool:
    return all(d["sha256"] for d in documents if d["status"] != "quarantined")


def stored_step(ctx: RunContext, *, since: date | None = None,
                stale_only: bool = False) -> list[PublicationWork]:
    """Publications to rebuild from the raw archive (reprocess, or extractor upgrades)."""
    works: list[PublicationWork] = []
    with ctx.engine.connect() as conn:
        rows = repo.stale_publications(conn, EXTRACTOR_VERSION) if stale_only else \
            list(repo.publications_by_id(conn).values())
        for row in rows:
            if since and row["published_on"] < since:
                continue
            if row["page_sha256"] and ctx.archive.has(row["page_sha256"]):
                works.append(PublicationWork(row["publication_id"], _site_url(ctx, row["url"]),
                                             page_sha256=row["page_sha256"], from_archive=True,
                                             offline=True))
        if not stale_only:
            for q in conn.execute(sa.select(t.quarantine).where(t.quarantine.c.stage == "extract")).mappings():
                rec = q["record"] or {}
                sha, pid = rec.get("page_sha256"), rec.get("publication_id")
                if sha and pid and ctx.archive.has(sha) and all(w.publication_id != pid for w in works):
                    works.append(PublicationWork(pid, q["source_url"], page_sha256=sha,
                                                 from_archive=True, offline=True))
    return works


def _site_url(ctx: RunContext, canonical: str) -> str:
    return ctx.urls.resolve(canonical, ctx.settings.site + "/") or canonical


# --- fetch ------------------------------------------------------------------------------

def fetch_pages_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Fetch each landing page (conditionally); bytes go to the archive."""
    with ctx.engine.connect() as conn:
        stored = repo.publications_by_id(conn, [w.publication_id for w in works])
    for work in works:
        if work.from_archive:
            continue
        cached = ctx.validators.get(ctx.urls.canonical(work.landing_url)) if ctx.trust_archive else None
        if cached is not None and ctx.archive.has(cached.sha256):
            work.page_sha256, work.from_archive = cached.sha256, True
            continue
        if not ctx.client.allowed_by_robots(work.landing_url):
            work.outcome = "skipped"
            work.problems.append(Problem("fetch", "disallowed by robots.txt", {}, work.landing_url))
            continue
        res: FetchResult = ctx.client.fetch(work.landing_url, expect=("html",))
        if not res.ok or not res.sha256:
            work.outcome = "failed"
            work.problems.append(Problem("fetch", f"landing page not fetched: {res.error}",
                                         {"status": res.status}, work.landing_url))
            continue
        work.page_sha256 = res.sha256
        if work.rejected_sha256 == res.sha256:
            work.outcome = "quarantined"  # same bytes, same extractor: same verdict as before
            continue
        old = stored.get(work.publication_id)
        work.page_changed = not (old and old["page_sha256"] == res.sha256 and
                                 old["extractor_version"] == EXTRACTOR_VERSION)
    return works


def extract_pages_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Read every changed landing page from the archive and extract it."""
    from extractors.pages.landing import extract_publication_page
    for work in _active(works):
        data = ctx.archive.get(work.page_sha256 or "")
        work.landing = extract_publication_page(data, work.landing_url)
        blocking = [p for p in work.landing.problems if p.stage == "extract"]
        if blocking:
            for p in blocking:
                p.record.update({"publication_id": work.publication_id,
                                 "page_sha256": work.page_sha256,
                                 "extractor_version": EXTRACTOR_VERSION})
            work.problems += blocking
            work.outcome = "quarantined"
    return works


def fetch_documents_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Fetch the report files each extracted landing page links to (never twice)."""
    with ctx.engine.connect() as conn:
        stored_docs = repo.documents_by_publication(conn, [w.publication_id for w in works])
    for work in _active(works):
        assert work.landing is not None
        stored = stored_docs.get(work.publication_id, [])
        work.documents = fetch_documents(ctx, work.landing.publication.documents,
                                         work.landing_url, stored, offline=work.offline,
                                         revalidate=not (work.offline or ctx.trust_archive))
        before = {d["url"]: d["sha256"] for d in stored}
        if not work.page_changed and all(before.get(d.canonical) == d.sha256
                                         for d in work.documents) \
                and len(before) == len(work.documents):
            work.outcome = "unchanged"
    return works


def extract_documents_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Extract findings and grades from every fetched report file."""
    for work in _active(works):
        assert work.landing is not None
        work.problems += extract_documents(ctx, work.landing, work.documents)
    return works


def _active(works: list[PublicationWork]) -> list[PublicationWork]:
    return [w for w in works if w.outcome == "pending" and w.page_sha256]


# --- validate + load ----------------------------------------------------------------------

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

    def as_counts(self) -> dict[str, Any]:
        """The run row's counts."""
        return {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                "quarantined": self.quarantined, "failed": self.failed,
                "obligations_opened": self.obligations_opened, "tables": self.tables,
                "unknown_areas": self.unknown_areas, "notes": self.notes}


def validate_and_load_step(ctx: RunContext, works: list[PublicationWork]) -> LoadSummary:
    """Validate each publication's rows and load it in its own transaction."""
    from store.sync import CountsByTable
    summary = LoadSummary()
    totals = CountsByTable()
    now = repo.utcnow()
    for work in works:
        if work.outcome in ("unchanged", "skipped"):
            summary.unchanged += work.outcome == "unchanged"
            _record_problems(ctx, work, summary, now)
            continue
        if work.outcome in ("quarantined", "failed"):
            summary.quarantined += work.outcome == "quarantined"
            summary.failed += work.outcome == "failed"
            _record_problems(ctx, work, summary, now)
            continue
        with ctx.engine.begin() as conn:
            old = repo.get_publication(conn, work.publication_id)
            first_published = old["first_published_on"] if old else None
            bundle, rejected = build_bundle(ctx, work, first_published)
            work.problems += rejected
            if bundle is None:
                work.outcome = "quarantined"
            else:
                result = repo.load_publication(conn, bundle, now=now, run_id=ctx.run_id)
                totals.add("recommendation_register", rebuild_register(conn, work.publication_id))
                for table, c in result.counts.tables.items():
                    totals.add(table, c)
                work.outcome = "new" if result.is_new else (
                    "changed" if any(c.inserted or c.updated or c.deleted
                                     for c in result.counts.tables.values()) else "unchanged")
                summary.opened += result.obligations_opened
                for source in [work.landing_url] + [d.url for d in work.documents
                                                    if d.sha256 and d.status != "quarantined"]:
                    repo.clear_quarantine(conn, source, ("extract", "fetch"))  # fixed now
        _count(summary, work)
        _record_problems(ctx, work, summary, now)
    summary.tables = totals.as_dict()
    summary.obligations_opened = len(summary.opened)
    return summary


def _count(summary: LoadSummary, work: PublicationWork) -> None:
    if work.outcome == "new":
        summary.new += 1
        summary.new_publications.append(work.publication_id)
    elif work.outcome == "changed":
        summary.changed += 1
    elif work.outcome == "unchanged":
        summary.unchanged += 1
    elif work.outcome == "quarantined":
        summary.quarantined += 1


def _record_problems(ctx: RunContext, work: PublicationWork, summary: LoadSummary,
                     now: Any) -> None:
    if not work.problems:
        return
    with ctx.engine.begin() as conn:
        for p in work.problems:
            if p.stage == "flag":
                summary.unknown_areas.append(p.reason)
                continue
            if p.stage == "note":
                summary.notes.append(f"{p.reason} ({p.location or work.landing_url})")
                continue
            repo.quarantine(conn, stage=p.stage, source_url=p.location or work.landing_url,
                            reason=p.reason, record={"publication_id": work.publication_id,
                                                     **p.record},
                            run_id=ctx.run_id, now=now)
            summary.reasons.append(f"{p.stage}: {p.reason} ({p.location or work.landing_url})")


# --- clock --------------------------------------------------------------------------------

def clock_step(engine: Engine, as_of: date) -> dict[str, int]:
    """Refresh obligation statuses as of a date; returns the count per status.

    Only rows whose status can change on ``as_of`` are read (open ones past their
    deadline, overdue ones not yet past it when judging an earlier date, and any row
    never judged), and only changes are written, in one batched UPDATE: a quiet night
    costs the same however many obligations the store holds.
    """
    from section55.status import status_of
    o = t.section55_obligations
    candidates = sa.or_(
        sa.and_(o.c.status == "open", o.c.practice_deadline < as_of),
        sa.and_(o.c.status == "overdue", o.c.practice_deadline >= as_of),
        o.c.responded_on.is_not(None) & o.c.status.in_(("open", "overdue")),
        o.c.status_as_of.is_(None))
    changes: list[dict[str, Any]] = []
    with engine.begin() as conn:
        rows = conn.execute(sa.select(o.c.publication_id, o.c.force_id, o.c.status,
                                      o.c.practice_deadline, o.c.statutory_deadline,
                                      o.c.responded_on).where(candidates)).mappings().all()
        for r in rows:
            res = status_of(r["practice_deadline"], r["statutory_deadline"], r["responded_on"],
                            as_of)
            if r["status"] != res.status:
                changes.append({"pid": r["publication_id"], "fid": r["force_id"],
                                "new_status": res.status, "as_of": as_of})
        if changes:
            conn.execute(sa.update(o).where(o.c.publication_id == sa.bindparam("pid"),
                                            o.c.force_id == sa.bindparam("fid"))
                         .values(status=sa.bindparam("new_status"),
                                 status_as_of=sa.bindparam("as_of")), changes)
            record_changes(conn, "status_changed", [
                {"publication_id": c["pid"], "force_id": c["fid"],
                 "detail": {"status": c["new_status"], "as_of": as_of}} for c in changes],
                now=repo.utcnow())
        counts = conn.execute(sa.select(o.c.status, sa.func.count()).group_by(o.c.status))
        return {status: n for status, n in counts}


def next_deadlines(engine: Engine, as_of: date, limit: int = 5) -> list[dict[str, Any]]:
    """The soonest open obligations on or after ``as_of``."""
    o, p = t.section55_obligations, t.publications
    query = (sa.select(o.c.publication_id, o.c.force_id, o.c.local_policing_body,
                       o.c.practice_deadline, p.c.title)
             .join(p, p.c.publication_id == o.c.publication_id)
             .where(o.c.status == "open", o.c.practice_deadline >= as_of)
             .order_by(o.c.practice_deadline, o.c.publication_id, o.c.force_id).limit(limit))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


__all__ = ["DocumentLink", "PublicationWork", "RunContext", "LoadSummary", "open_context",
           "discover_step", "stored_step", "fetch_pages_step", "extract_pages_step",
           "fetch_documents_step", "extract_documents_step", "validate_and_load_step",
           "clock_step", "next_deadlines"]
