"""The recommendations register: every finding that applies to a force, with a dated status.

Built from the `recommendations` table each time a publication loads (and reprocesses).

Which forces a finding applies to:
- a force-specific finding (``force_id`` set) applies to that force;
- a finding to all forces applies to every force the publication concerns
  (`publication_forces`) when its addressee is a force or its chief officer ("chief
  constables", "the chief constable", "the force", "forces"), a local policing body
  ("police and crime commissioners", whose office keeps the register), a force named by
  name (that force only), or when it names no addressee at all (a report to forces);
- a finding addressed only to other bodies (College of Policing, NPCC, Home Office,
  National Crime Agency, Crown Prosecution Service...) applies to no force.

``register_id`` is derived from (publication_id, force_id, kind, ref), never from the text:
``rr-`` + the first 12 hex digits of their sha256. The same finding keeps its id on any
database, across reprocessing, and when a correction rewords it (the text is updated and
its history kept). A finding that disappears from a report keeps its row and history with
``in_report`` false; a renumbered finding (new ref) is a new entry.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t
from store.sync import LoadCounts

STATUSES = ("awaiting review", "being progressed", "complete", "not accepted")
DEFAULT_STATUS = STATUSES[0]
OPEN_STATUSES = STATUSES[:2]  # still to be acted on; "complete" and "not accepted" close it
FORCE_ADDRESSEES = {"chief constables", "the chief constable", "the force", "forces",
                    "police and crime commissioners"}


class RegisterError(ValueError):
    """Bad input to the register: unknown id or status, a date before the publication."""


def register_id(publication_id: str, force_id: str, kind: str, ref: str) -> str:
    """The stable id of one finding for one force (text plays no part)."""
    key = "\x1f".join((publication_id, force_id, kind, ref))
    return "rr-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def applies_to(finding: dict[str, Any], publication_forces: list[str]) -> list[str]:
    """The forces one finding applies to (see the module docstring)."""
    from reference.forces import force_id_for
    if finding.get("force_id"):
        return [finding["force_id"]]
    addressee = (finding.get("addressee") or "").strip()
    if not addressee:
        return list(publication_forces)
    named = [force_id_for(a.strip()) for a in addressee.split(";")]
    generic = {a.strip() for a in addressee.split(";")} & FORCE_ADDRESSEES
    if generic:
        return list(publication_forces)
    return sorted({f for f in named if f})


def rebuild_register(conn: Connection, publication_id: str, *, now: Any = None) -> LoadCounts:
    """Make one publication's register entries match its findings, keeping ids, statuses
    and history. Counts: inserted, updated (reworded, withdrawn or back), unchanged."""
    from store.repository import utcnow
    r, pf, reg = t.recommendations, t.publication_forces, t.recommendation_register
    forces = sorted(f for (f,) in conn.execute(
        sa.select(pf.c.force_id).where(pf.c.publication_id == publication_id)))
    wanted: dict[str, dict[str, Any]] = {}
    for f in conn.execute(sa.select(r).where(r.c.publication_id == publication_id)).mappings():
        for force in applies_to(dict(f), forces):
            rid = register_id(publication_id, force, f["kind"], f["ref"])
            wanted[rid] = {"register_id": rid, "publication_id": publication_id,
                           "force_id": force, "kind": f["kind"], "ref": f["ref"],
                           "text": f["text"], "addressee": f["addressee"], "in_report": True}
    stored = {row["register_id"]: dict(row) for row in conn.execute(
        sa.select(reg).where(reg.c.publication_id == publication_id)).mappings()}
    counts = LoadCounts()
    inserts = [{**w, "status": DEFAULT_STATUS, "status_on": None,
                "first_seen_at": now or utcnow()} for rid, w in wanted.items() if rid not in stored]
    if inserts:
        conn.execute(sa.insert(reg), inserts)
    counts.inserted = len(inserts)
    for rid, old in stored.items():
        new = wanted.get(rid, {"in_report": False})
        values = {k: v for k, v in new.items() if k in ("text", "addressee", "in_report")
                  and old[k] != v}
        if values:
            conn.execute(sa.update(reg).where(reg.c.register_id == rid).values(**values))
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


def fill_missing(conn: Connection) -> int:
    """Build the register of publications that have findings but no register rows yet
    (stores loaded before the register existed); returns how many were built."""
    r, reg = t.recommendations, t.recommendation_register
    missing = sa.select(r.c.publication_id).distinct().where(
        ~sa.exists().where(reg.c.publication_id == r.c.publication_id))
    ids = [pid for (pid,) in conn.execute(missing)]
    for pid in ids:
        rebuild_register(conn, pid)
    return len(ids)


def register_rows(conn: Connection, *, force_id: str | None = None,
                  publication_id: str | None = None, status: str | None = None,
                  since: date | None = None) -> list[dict[str, Any]]:
    """Register entries with their publication's title and date, newest publication first.

    ``since`` keeps entries whose publication date or latest status date is on or after it.
    """
    if status is not None and status not in STATUSES:
        raise RegisterError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    reg, p = t.recommendation_register, t.publications
    query = (sa.select(reg, p.c.title, p.c.first_published_on.label("published_on"))
             .join(p, p.c.publication_id == reg.c.publication_id))
    for column, value in ((reg.c.force_id, force_id), (reg.c.publication_id, publication_id),
                          (reg.c.status, status)):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(sa.or_(p.c.first_published_on >= since, reg.c.status_on >= since))
    rows = [dict(x) for x in conn.execute(query).mappings()]
    from store.queries import _ref_key
    kinds = {"recommendation": 0, "cause_of_concern": 1, "area_for_improvement": 2}
    rows.sort(key=lambda x: (-x["published_on"].toordinal(), x["publication_id"], x["force_id"],
                             kinds.get(x["kind"], 9), _ref_key(x["ref"])))
    return rows


def record_update(conn: Connection, rid: str, status: str, on: date,
                  note: str | None) -> dict[str, Any]:
    """Add a dated status update (journalled, ``register_updated``); the entry's status is
    its latest update's. Returns the entry."""
    from store.repository import utcnow
    reg, p, up = t.recommendation_register, t.publications, t.recommendation_updates
    if status not in STATUSES:
        raise RegisterError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    row = conn.execute(sa.select(reg, p.c.first_published_on).join(
        p, p.c.publication_id == reg.c.publication_id).where(
        reg.c.register_id == rid)).mappings().first()
    if row is None:
        raise RegisterError(f"unknown register id {rid!r} (see `hmicfrs recommendations`)")
    if on < row["first_published_on"]:
        raise RegisterError(f"--date {on.isoformat()} is before the publication "
                            f"({row['first_published_on'].isoformat()})")
    conn.execute(sa.insert(up).values(register_id=rid, status=status, updated_on=on,
                                      note=note, recorded_at=utcnow()))
    latest = conn.execute(sa.select(up.c.status, up.c.updated_on).where(up.c.register_id == rid)
                          .order_by(up.c.updated_on.desc(), up.c.update_id.desc())).first()
    assert latest is not None
    conn.execute(sa.update(reg).where(reg.c.register_id == rid)
                 .values(status=latest.status, status_on=latest.updated_on))
    from store.journal import record_changes
    record_changes(conn, "register_updated", [
        {"publication_id": row["publication_id"], "force_id": row["force_id"],
         "detail": {"register_id": rid, "kind": row["kind"], "ref": row["ref"],
                    "status": status, "updated_on": on, "note": note,
                    "entry_status": latest.status}}], now=utcnow())
    return dict(conn.execute(sa.select(reg).where(reg.c.register_id == rid)).mappings().one())


def updates_of(conn: Connection, rid: str) -> list[dict[str, Any]]:
    """One entry's updates, oldest first."""
    return updates_by_entry(conn, [rid]).get(rid, [])


def updates_by_entry(conn: Connection, rids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The updates of several entries, oldest first, by register id (one query)."""
    up = t.recommendation_updates
    out: dict[str, list[dict[str, Any]]] = {}
    if not rids:
        return out
    for x in conn.execute(sa.select(up).where(up.c.register_id.in_(rids))
                          .order_by(up.c.updated_on, up.c.update_id)).mappings():
        out.setdefault(x["register_id"], []).append(dict(x))
    return out
