"""What each page shows, read from the store; sections whose table is absent are None."""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from flows.deadlines import deadline_rows
from reference.forces import forces
from section55.draft import ALL_FORCES_TEXT, NO_TIME_LIMIT, join_types
from section55.deadlines import long_date
from store import tables as t
from store.queries import findings_of, obligations, resolve_publication

KIND_HEADINGS = {"recommendation": "Recommendations", "area_for_improvement":
                 "Areas for improvement", "cause_of_concern": "Causes of concern"}
CYCLES_WARNING = ("HMICFRS warns that grades are not comparable across PEEL inspection "
                  "cycles: the framework, the graded areas and the grading scale changed "
                  "between cycles (a four-point scale to 2018/19, five points from 2021/22).")


def force_name(force_id: str | None) -> str:
    """The force's name, or the id for bodies outside the 43."""
    known = forces()
    return known[force_id].name if force_id in known else (force_id or "")


def table(metadata: sa.MetaData, name: str) -> sa.Table | None:
    """A table the store has, or None while no migration has made it."""
    return metadata.tables.get(name)


def deadlines(engine: Engine, metadata: sa.MetaData, *, force: str | None, status: str | None,
              as_of: date, due_from: date | None, due_to: date | None) -> list[dict[str, Any]]:
    """The obligations `hmicfrs deadlines` lists, narrowed to a practice-deadline range."""
    rows = deadline_rows(engine, force=force, status=status, as_of=as_of)
    if due_from:
        rows = [r for r in rows if r["practice_deadline"] and r["practice_deadline"] >= due_from]
    if due_to:
        rows = [r for r in rows if r["practice_deadline"] and r["practice_deadline"] <= due_to]
    steps = table(metadata, "obligation_steps")
    if steps is not None:
        with engine.connect() as conn:
            last = {}
            for s in conn.execute(sa.select(steps).order_by(steps.c.done_on)).mappings():
                last[(s["publication_id"], s["force_id"])] = s
        for r in rows:
            r["last_step"] = last.get((r["publication_id"], r["force_id"]))
    return rows


def publication(conn: Connection, metadata: sa.MetaData, ref: str) -> dict[str, Any]:
    """Header facts, findings, grades, obligations and (when stored) responses."""
    pub = resolve_publication(conn, ref)
    pid = pub["publication_id"]
    pf = t.publication_forces
    force_ids = [r.force_id for r in conn.execute(sa.select(pf.c.force_id).where(
        pf.c.publication_id == pid).order_by(pf.c.force_id))]
    obls = [o for o in obligations(conn) if o["publication_id"] == pid]
    deadline = next((o["practice_deadline"] for o in obls if o["practice_deadline"]), None)
    if deadline:
        deadline_text = long_date(deadline)
    elif obls:
        deadline_text = NO_TIME_LIMIT
    else:
        deadline_text = f"No Section 55 obligation ({pub['s55_reason'] or 'none opened'})"
    findings = findings_of(conn, pid)
    g = t.grades
    grades = [dict(r) for r in conn.execute(sa.select(g).where(g.c.publication_id == pid)
                                            .order_by(g.c.force_id, g.c.area)).mappings()]
    d = t.documents
    docs = [dict(r) for r in conn.execute(sa.select(d).where(d.c.publication_id == pid)
                                          .order_by(d.c.kind, d.c.url)).mappings()]
    out = {
        "pub": pub, "published_text": long_date(pub["first_published_on"]),
        "types_text": join_types(list(pub["publication_types"])),
        "forces_text": ALL_FORCES_TEXT if pub["all_forces"] else
        (pub["forces_text"] or ", ".join(force_name(f) for f in force_ids)),
        "deadline_text": deadline_text, "obligations": obls, "grades": grades,
        "documents": docs,
        "findings": {k: [f for f in findings if f["kind"] == k] for k in KIND_HEADINGS},
        "responses": None}
    responses = table(metadata, "responses")
    if responses is not None:
        out["responses"] = [dict(r) for r in conn.execute(
            sa.select(responses).where(responses.c.publication_id == pid)
            .order_by(responses.c.force_id)).mappings()]
    return out


def force(conn: Connection, metadata: sa.MetaData, force_id: str, as_of: date) -> dict[str, Any]:
    """Recommendations (from the register when there is one), grade history, past responses."""
    p, pf, r = t.publications, t.publication_forces, t.recommendations
    register = table(metadata, "recommendation_register")
    updates = table(metadata, "recommendation_updates")
    if register is not None:
        findings = [dict(x) for x in conn.execute(
            sa.select(register, p.c.title, p.c.first_published_on)
            .join(p, p.c.publication_id == register.c.publication_id)
            .where(register.c.force_id == force_id)
            .order_by(p.c.first_published_on.desc(), register.c.ref)).mappings()]
        if updates is not None and findings:
            by_id: dict[Any, list[dict[str, Any]]] = {}
            for u in conn.execute(sa.select(updates).where(updates.c.register_id.in_(
                    [f["register_id"] for f in findings])).order_by(updates.c.updated_on)).mappings():
                by_id.setdefault(u["register_id"], []).append(dict(u))
            for f in findings:
                f["updates"] = by_id.get(f["register_id"], [])
    else:
        concerns = sa.or_(p.c.all_forces, p.c.publication_id.in_(
            sa.select(pf.c.publication_id).where(pf.c.force_id == force_id)))
        findings = [dict(x) for x in conn.execute(
            sa.select(r, p.c.title, p.c.first_published_on)
            .join(p, p.c.publication_id == r.c.publication_id)
            .where(sa.or_(r.c.force_id == force_id, sa.and_(r.c.force_id.is_(None), concerns)))
            .order_by(p.c.first_published_on.desc(), r.c.kind, r.c.ref)).mappings()]
    g = t.grades
    grades = [dict(x) for x in conn.execute(
        sa.select(g, p.c.title, p.c.first_published_on)
        .join(p, p.c.publication_id == g.c.publication_id)
        .where(g.c.force_id == force_id, g.c.body_type == "police")
        .order_by(g.c.cycle.desc(), g.c.area)).mappings()]
    cycles: dict[str, list[dict[str, Any]]] = {}
    for row in grades:
        cycles.setdefault(row["cycle"] or "cycle not stated", []).append(row)
    from section55.status import status_of
    past = []
    for o in obligations(conn, force_id=force_id):
        res = status_of(o["practice_deadline"], o["statutory_deadline"], o["responded_on"], as_of)
        if res.status in ("responded", "responded_late"):
            past.append({**o, "status": res.status, "late_by_statute": res.late_by_statute})
    return {"force_id": force_id, "name": force_name(force_id), "register": register is not None,
            "findings": findings, "cycles": cycles, "past": past,
            "on_time": sum(1 for x in past if x["status"] == "responded"),
            "late": sum(1 for x in past if x["status"] == "responded_late")}


def runs(conn: Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The last runs, newest first, each with the quarantine rows it recorded."""
    ru, q = t.runs, t.quarantine
    recent = [dict(x) for x in conn.execute(sa.select(ru).order_by(ru.c.started_at.desc())
                                            .limit(limit)).mappings()]
    ids = [x["run_id"] for x in recent]
    rows: dict[str, list[dict[str, Any]]] = {}
    for x in conn.execute(sa.select(q).where(q.c.run_id.in_(ids))
                          .order_by(q.c.stage, q.c.source_url)).mappings():
        rows.setdefault(x["run_id"], []).append(dict(x))
    for x in recent:
        x["quarantine"] = rows.get(x["run_id"], [])
    return recent
