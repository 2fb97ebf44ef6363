"""Read-side queries for the commands: obligations, responses, drafts, exports."""
from __future__ import annotations

import difflib
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t
from store.journal import record_changes
from store.repository import utcnow


class NotFound(LookupError):
    """An unknown publication or force; the message names the close matches."""


def obligations(conn: Connection, *, force_id: str | None = None) -> list[dict[str, Any]]:
    """Obligations joined with their publication's title and URL, by deadline."""
    o, p = t.section55_obligations, t.publications
    query = (sa.select(o, p.c.title, p.c.url)
             .join(p, p.c.publication_id == o.c.publication_id)
             .order_by(o.c.practice_deadline.is_(None), o.c.practice_deadline,
                       o.c.publication_id, o.c.force_id))
    if force_id:
        query = query.where(o.c.force_id == force_id)
    return [dict(r) for r in conn.execute(query).mappings()]


def resolve_publication(conn: Connection, ref: str) -> dict[str, Any]:
    """A publication by id, URL or exact title; else NotFound naming close matches."""
    p = t.publications
    slug = ref.rstrip("/").rsplit("/", 1)[-1] if "/" in ref else ref
    row = conn.execute(sa.select(p).where(sa.or_(p.c.publication_id == slug,
                                                 p.c.title == ref))).mappings().first()
    if row:
        return dict(row)
    known = {r.publication_id: r.title for r in conn.execute(sa.select(p.c.publication_id, p.c.title))}
    close = difflib.get_close_matches(slug, list(known), n=3, cutoff=0.4)
    close += [i for i, title in known.items() if ref.lower() in title.lower() and i not in close]
    hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
    raise NotFound(f"unknown publication {ref!r}{hint}")


def resolve_force(name: str) -> str:
    """A force id from an id, name or alias; else NotFound naming close matches."""
    from reference.forces import force_id_for, forces
    fid = force_id_for(name)
    if fid:
        return fid
    options = list(forces()) + [f.name for f in forces().values()]
    close = difflib.get_close_matches(name.lower(), [o.lower() for o in options], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFound(f"unknown force {name!r}{hint}")


def record_response(conn: Connection, publication_id: str, force_id: str, responded_on: date,
                    url: str | None, recorded_on: date | None = None) -> dict[str, Any]:
    """Store a body's published response by hand (never overwritten by the site), tick the
    checklist's "published" step and journal it (`hmicfrs respond` and the web view both
    call this); returns the updated obligation. ValueError for a date before publication."""
    from section55.checklist import tick_published
    from store.responses import record_manual_response
    o = t.section55_obligations
    where = (o.c.publication_id == publication_id, o.c.force_id == force_id)
    row = conn.execute(sa.select(o).where(*where)).mappings().first()
    if row is None:
        raise NotFound(f"no Section 55 obligation for {force_id!r} on {publication_id!r}")
    if responded_on < row["published_on"]:
        raise ValueError(f"--date: {responded_on.isoformat()} is before the publication was "
                         f"published ({row['published_on'].isoformat()})")
    record_manual_response(conn, publication_id, force_id, responded_on, url,
                           recorded_on or date.today())
    tick_published(conn, publication_id, force_id, responded_on, url, "manual")
    record_changes(conn, "response_recorded", [
        {"publication_id": publication_id, "force_id": force_id,
         "detail": {"responded_on": responded_on, "url": url, "source": "manual"}}],
        now=utcnow())
    return dict(conn.execute(sa.select(o).where(*where)).mappings().one())


def findings_of(conn: Connection, publication_id: str) -> list[dict[str, Any]]:
    """Recommendations, AFIs and causes of concern of one publication, in print order."""
    r = t.recommendations
    rows = [dict(x) for x in conn.execute(sa.select(r).where(r.c.publication_id == publication_id))
            .mappings()]
    return sorted(rows, key=lambda x: (x["page"] or 0, _ref_key(x["ref"])))


def _ref_key(ref: str) -> tuple[Any, ...]:
    parts = []
    for piece in ref.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def table_rows(conn: Connection, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every row of one table, ordered by its key, for export."""
    table = t.metadata.tables[name]
    keys = list(table.primary_key.columns) or list(table.columns)
    result = conn.execute(sa.select(table).order_by(*keys))
    return list(result.keys()), [tuple(r) for r in result]


def quarantined_rows(conn: Connection, stage: str) -> list[dict[str, Any]]:
    """Every quarantine row of one stage."""
    q = t.quarantine
    return [dict(r) for r in conn.execute(sa.select(q).where(q.c.stage == str(stage))).mappings()]


def refresh_statuses(conn: Connection, as_of: date, judge: Any) -> dict[str, int]:
    """Re-judge the obligations whose status can change on ``as_of`` with
    ``judge(practice, statutory, responded_on, as_of).status``; write only the changes
    (one batched UPDATE); return the count per status.

    Candidates: open ones past their deadline, overdue ones not yet past it when judging
    an earlier date, responded ones still open or overdue, and any row never judged (one
    statement; the database scans the table for them, in its order, so the changes and
    their journal rows come in the order they always did). The count reads the
    (status, practice_deadline) index alone (migration 0010).
    """
    o = t.section55_obligations
    candidates = sa.or_(
        sa.and_(o.c.status == "open", o.c.practice_deadline < as_of),
        sa.and_(o.c.status == "overdue", o.c.practice_deadline >= as_of),
        o.c.responded_on.is_not(None) & o.c.status.in_(("open", "overdue")),
        o.c.status_as_of.is_(None))
    changes: list[dict[str, Any]] = []
    rows = conn.execute(sa.select(o.c.publication_id, o.c.force_id, o.c.status,
                                  o.c.practice_deadline, o.c.statutory_deadline,
                                  o.c.responded_on).where(candidates)).mappings().all()
    for r in rows:
        res = judge(r["practice_deadline"], r["statutory_deadline"], r["responded_on"], as_of)
        if r["status"] != res.status:
            changes.append({"pid": r["publication_id"], "fid": r["force_id"],
                            "new_status": res.status, "as_of": as_of})
    if changes:
        conn.execute(sa.update(o).where(o.c.publication_id == sa.bindparam("pid"),
                                        o.c.force_id == sa.bindparam("fid"))
                     .values(status=sa.bindparam("new_status"),
                             status_as_of=sa.bindparam("as_of")), changes)
        from store.journal import record_changes
        from store.repository import utcnow
        record_changes(conn, "status_changed", [
            {"publication_id": c["pid"], "force_id": c["fid"],
             "detail": {"status": c["new_status"], "as_of": as_of}} for c in changes],
            now=utcnow())
    counts = conn.execute(sa.select(o.c.status, sa.func.count()).group_by(o.c.status))
    return {status: n for status, n in counts}


def next_open_deadlines(conn: Connection, as_of: date, limit: int = 5) -> list[dict[str, Any]]:
    """The soonest open obligations on or after ``as_of``, with their publication's title."""
    o, p = t.section55_obligations, t.publications
    query = (sa.select(o.c.publication_id, o.c.force_id, o.c.local_policing_body,
                       o.c.practice_deadline, p.c.title)
             .join(p, p.c.publication_id == o.c.publication_id)
             .where(o.c.status == "open", o.c.practice_deadline >= as_of)
             .order_by(o.c.practice_deadline, o.c.publication_id, o.c.force_id).limit(limit))
    return [dict(r) for r in conn.execute(query).mappings()]


def still_changing(conn: Connection, as_of: date, settle_days: int) -> set[str]:
    """Publications whose obligations or responses can still change: an obligation whose
    practice deadline is ahead (open) or passed less than ``settle_days`` ago (overdue or
    answered, late responses are common). After that, and for obligations with no deadline
    (published before 2 May 2017), only the rolling slice re-reads the page: an overdue
    obligation is not watched every night for ever."""
    from datetime import timedelta
    o = t.section55_obligations
    query = sa.select(o.c.publication_id).where(
        o.c.practice_deadline >= as_of - timedelta(days=settle_days)).distinct()
    return {r.publication_id for r in conn.execute(query)}


def stored_publications(conn: Connection, recent: date) -> dict[str, bool]:
    """Every stored publication's id -> whether it was first published on or after
    ``recent`` (what discovery compares the listing with: one narrow query, the date
    compared in the database, not parsed 5,000 times here)."""
    p = t.publications
    return {pid: bool(r) for pid, r in conn.execute(sa.select(
        p.c.publication_id, p.c.first_published_on >= recent)).tuples()}


def publication_urls(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The stored URL of each of ``ids``, by id."""
    p = t.publications
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):  # well under any database's bound-parameter limit
        out.update((pid, url) for pid, url in conn.execute(
            sa.select(p.c.publication_id, p.c.url).where(p.c.publication_id.in_(ids[i:i + 500]))))
    return out


def document_urls(conn: Connection, ids: list[str]) -> list[str]:
    """The stored documents' URLs of the publications ``ids``."""
    d = t.documents
    return [url for i in range(0, len(ids), 500) for url in conn.execute(
        sa.select(d.c.url).where(d.c.publication_id.in_(ids[i:i + 500]))).scalars()]


def incompletely_loaded(conn: Connection) -> set[str]:
    """Publications with a document never fetched (no bytes stored, not quarantined): a
    load that never finished, picked up by the next run."""
    d = t.documents
    return {r.publication_id for r in conn.execute(
        sa.select(d.c.publication_id).distinct().where(
            sa.or_(d.c.sha256.is_(None), d.c.sha256 == ""), d.c.status != "quarantined"))}


def last_unserved_sources(conn: Connection) -> dict[str, str]:
    """The discovery sources the site did not serve, as the last completed run left them
    (name -> ISO day of the 404)."""
    row = conn.execute(sa.select(t.runs.c.counts).where(t.runs.c.status == "completed")
                       .order_by(t.runs.c.started_at.desc()).limit(1)).first()
    counts = (row.counts if row else None) or {}
    return {str(k): str(v) for k, v in (counts.get("unserved") or {}).items()}


def last_source_counts(conn: Connection) -> dict[str, int]:
    """What each discovery source showed on the last completed run (name -> publications)."""
    r = t.runs
    row = conn.execute(sa.select(r.c.counts).where(r.c.status == "completed")
                       .order_by(r.c.started_at.desc()).limit(1)).first()
    counts = (row.counts if row else None) or {}
    return {k: int(v) for k, v in (counts.get("sources") or {}).items()}
