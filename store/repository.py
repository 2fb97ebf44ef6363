"""Reads and writes the pipeline needs: publications, quarantine and runs (the crawler's
validators and fetch log are in store/crawl_log.py)."""
from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store import tables as t
from store.history import content_changed, keep_history
from store.journal import record_changes
from store.sync import CountsByTable, LoadCounts, sync_rows

PUBLICATION_FIELDS = ("url", "title", "published_on", "publication_types", "is_police_inspection",
                      "s55_reason",
                      "all_forces", "forces_text", "key_findings", "page_sha256",
                      "extractor_version", "corrections")
# A publication changes when what we extract changes, never by its bytes (store/history.py)
TRACKED_CHANGES = ("title", "published_on", "publication_types", "all_forces", "forces_text",
                   "corrections")


def utcnow() -> datetime:
    """Timezone-aware now (UTC), second precision so repeated values compare equal."""
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class PublicationBundle:
    """Everything loaded for one publication, in one transaction."""

    publication: dict[str, Any]
    forces: list[str]
    documents: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] | None = None   # None: leave stored rows alone
    grades: list[dict[str, Any]] | None = None
    obligations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LoadResult:
    """What loading one publication did."""

    publication_id: str
    is_new: bool
    changed_fields: list[str]
    counts: CountsByTable
    obligations_opened: list[tuple[str, str]]

    @property
    def content_changed(self) -> bool:
        """What we extract changed, not only bytes (`store.history.content_changed`)."""
        return content_changed(self.changed_fields, self.counts)


def get_publication(conn: Connection, publication_id: str) -> dict[str, Any] | None:
    """One stored publication row, or None."""
    row = conn.execute(sa.select(t.publications).where(
        t.publications.c.publication_id == publication_id)).mappings().first()
    return dict(row) if row else None


def publications_by_id(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Stored publication rows keyed by id (all, or those in ``ids``), in one query."""
    query = sa.select(t.publications)
    if ids is not None:
        query = query.where(t.publications.c.publication_id.in_(list(ids)))
    return {r["publication_id"]: dict(r) for r in conn.execute(query).mappings()}


def publication_dates(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, date]:
    """First publication date of every stored publication, or of those in ``ids`` (one
    narrow query)."""
    p = t.publications
    query = sa.select(p.c.publication_id, p.c.first_published_on)
    if ids is not None:
        query = query.where(p.c.publication_id.in_(list(ids)))
    return {r.publication_id: r.first_published_on for r in conn.execute(query)}


def stale_publications(conn: Connection, version: str) -> list[dict[str, Any]]:
    """Stored publications extracted by another extractor version."""
    p = t.publications
    query = sa.select(p).where(sa.or_(p.c.extractor_version.is_(None),
                                      p.c.extractor_version != version))
    return [dict(r) for r in conn.execute(query).mappings()]


def quarantined_pages(conn: Connection) -> dict[str, str]:
    """publication id -> sha256 of landing page bytes rejected whole by this extractor
    version (a page that fails the same way needs no second extraction)."""
    from extractors.version import EXTRACTOR_VERSION
    out: dict[str, str] = {}
    q = t.quarantine
    for r in conn.execute(sa.select(q.c.record).where(q.c.stage == "extract")):
        rec = r.record or {}
        if rec.get("publication_id") and rec.get("page_sha256") and \
                rec.get("extractor_version") == EXTRACTOR_VERSION:
            out[rec["publication_id"]] = rec["page_sha256"]
    return out


def documents_by_publication(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Stored document rows grouped by publication id, in one query."""
    query = sa.select(t.documents)
    if ids is not None:
        query = query.where(t.documents.c.publication_id.in_(list(ids)))
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(query).mappings():
        out.setdefault(r["publication_id"], []).append(dict(r))
    return out


def load_publication(conn: Connection, bundle: PublicationBundle, *, now: datetime,
                     run_id: str | None) -> LoadResult:
    """Insert or update one publication and its child rows; the first publication date stands."""
    pub = {k: bundle.publication.get(k) for k in PUBLICATION_FIELDS}
    pid = bundle.publication["publication_id"]
    counts = CountsByTable()
    old = get_publication(conn, pid)
    changed: list[str] = []
    if old is None:
        conn.execute(sa.insert(t.publications).values(
            publication_id=pid, first_published_on=pub["published_on"], first_seen_at=now,
            updated_at=now, **pub))
        counts.add("publications", LoadCounts(inserted=1))
    else:
        diff = {k: v for k, v in pub.items() if old.get(k) != v}
        changed = [k for k in diff if k in TRACKED_CHANGES]
        if diff:
            conn.execute(sa.update(t.publications).where(
                t.publications.c.publication_id == pid).values(updated_at=now, **diff))
            counts.add("publications", LoadCounts(updated=1))
            if changed:
                conn.execute(sa.insert(t.publication_changes), [
                    {"publication_id": pid, "field": k, "old_value": _text(old.get(k)),
                     "new_value": _text(diff[k]), "changed_at": now, "run_id": run_id}
                    for k in changed])
        else:
            counts.add("publications", LoadCounts(unchanged=1))
    scope = {"publication_id": pid}
    counts.add("publication_forces", sync_rows(
        conn, t.publication_forces, scope,
        [{"publication_id": pid, "force_id": f} for f in sorted(set(bundle.forces))]))
    counts.add("documents", sync_rows(conn, t.documents, scope, bundle.documents))
    if bundle.recommendations is not None:
        if old is not None:
            keep_history(conn, pid, bundle.recommendations or [],
                         bundle.publication.get("corrections"), now=now, run_id=run_id)
        counts.add("recommendations", sync_rows(conn, t.recommendations, scope,
                                                bundle.recommendations))
    if bundle.grades is not None:
        counts.add("grades", sync_rows(conn, t.grades, scope, bundle.grades))
    before = {(r.force_id) for r in conn.execute(sa.select(t.section55_obligations.c.force_id)
                                                  .where(t.section55_obligations.c.publication_id == pid))}
    counts.add("section55_obligations", sync_rows(
        conn, t.section55_obligations, scope, bundle.obligations,
        keep=("responded_on", "response_url", "responded_on_source", "status", "status_as_of"), delete_missing=False))
    opened = [(pid, o["force_id"]) for o in bundle.obligations if o["force_id"] not in before]
    _journal(conn, pid, old is None, changed, opened, now=now, run_id=run_id)
    return LoadResult(pid, old is None, changed, counts, opened)


def _journal(conn: Connection, pid: str, is_new: bool, changed: list[str],
             opened: list[tuple[str, str]], *, now: datetime, run_id: str | None) -> None:
    """What trackers hear about this load (`changes`, the feed's journal)."""
    if is_new or changed:
        record_changes(conn, "publication_new" if is_new else "publication_changed",
                       [{"publication_id": pid, "detail": {"fields": changed}}],
                       now=now, run_id=run_id)
    record_changes(conn, "obligation_opened", [{"publication_id": p, "force_id": f}
                                               for p, f in opened], now=now, run_id=run_id)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True)
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


# --- quarantine -------------------------------------------------------------------------

def quarantine(conn: Connection, *, stage: str, source_url: str | None, reason: str,
               record: Mapping[str, Any] | None = None, location: str | None = None,
               run_id: str | None = None, now: datetime | None = None) -> bool:
    """Record a rejected record once (same stage, source and reason = same row). True if new."""
    qid = hashlib.sha256(f"{stage}\n{source_url}\n{reason}\n{location}".encode()).hexdigest()
    exists = conn.execute(sa.select(t.quarantine.c.quarantine_id).where(
        t.quarantine.c.quarantine_id == qid)).first()
    if exists:
        return False
    conn.execute(sa.insert(t.quarantine).values(
        quarantine_id=qid, stage=stage, source_url=source_url, reason=reason,
        record=json.loads(json.dumps(dict(record or {}), default=str)), location=location,
        run_id=run_id, created_at=now or utcnow()))
    return True


def clear_quarantine(conn: Connection, source_url: str, stages: Iterable[str]) -> int:
    """Remove quarantine rows of a source that now loads cleanly, those of its pages
    (``<url>#page=N``) included."""
    url = t.quarantine.c.source_url
    res = conn.execute(sa.delete(t.quarantine).where(
        sa.or_(url == source_url, url.startswith(f"{source_url}#page=", autoescape=True)),
        t.quarantine.c.stage.in_(list(stages))))
    return res.rowcount or 0


# --- runs -------------------------------------------------------------------------------

def start_run(engine: Engine, command: str, site: str | None) -> str:
    """Insert a `runs` row with status running; returns its id."""
    run_id = uuid.uuid4().hex[:16]
    with engine.begin() as conn:
        conn.execute(sa.insert(t.runs).values(run_id=run_id, command=command, site=site,
                                              started_at=utcnow(), status="running"))
    return run_id


def mark_crashed_runs(engine: Engine) -> list[str]:
    """Close every run still `running` as `crashed`; call only while holding the writer lock
    (every run writes under it, so any other run still marked running has died)."""
    r = t.runs
    with engine.begin() as conn:
        ids = [row.run_id for row in conn.execute(sa.select(r.c.run_id).where(r.c.status == "running"))]
        if ids:
            conn.execute(sa.update(r).where(r.c.run_id.in_(ids)).values(
                status="crashed", finished_at=utcnow(),
                error="the process stopped without closing the run (killed or lost power)"))
    return ids


def last_site(engine: Engine) -> str | None:
    """The site of the newest run that did its work (completed or interrupted): where the
    archived pages came from."""
    r = t.runs
    query = (sa.select(r.c.site).where(r.c.site.is_not(None),
                                       r.c.status.in_(("completed", "interrupted")))
             .order_by(r.c.started_at.desc()).limit(1))
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def finish_run(engine: Engine, run_id: str, *, status: str, counts: Mapping[str, Any],
               error: str | None = None) -> None:
    """Close a run with its status and counts."""
    with engine.begin() as conn:
        conn.execute(sa.update(t.runs).where(t.runs.c.run_id == run_id).values(
            finished_at=utcnow(), status=status, error=error,
            new=int(counts.get("new", 0)), changed=int(counts.get("changed", 0)),
            unchanged=int(counts.get("unchanged", 0)),
            quarantined=int(counts.get("quarantined", 0)),
            obligations_opened=int(counts.get("obligations_opened", 0)),
            counts=json.loads(json.dumps(dict(counts), default=str))))
