"""What each page shows, read from the store."""
from __future__ import annotations

from datetime import date
from collections import Counter
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


def deadlines(engine: Engine, *, force: str | None, status: str | None, as_of: date,
              due_from: date | None, due_to: date | None) -> list[dict[str, Any]]:
    """The obligations `hmicfrs deadlines` lists (with its next step due), narrowed to a
    practice-deadline range."""
    rows = deadline_rows(engine, force=force, status=status, as_of=as_of)
    if due_from:
        rows = [r for r in rows if r["practice_deadline"] and r["practice_deadline"] >= due_from]
    if due_to:
        rows = [r for r in rows if r["practice_deadline"] and r["practice_deadline"] <= due_to]
    return rows


def checklist(conn: Connection, ref: str, force_id: str) -> dict[str, Any]:
    """One obligation's checklist (what `hmicfrs checklist` shows) and the steps to tick."""
    from reference.checklist_steps import checklist_steps
    from section55.checklist import checklist as steps_of, next_step_due, obligation_of, steps_done
    pub = resolve_publication(conn, ref)
    pid = pub["publication_id"]
    obligation = obligation_of(conn, pid, force_id)
    done = steps_done(conn, publication_id=pid, force_id=force_id).get((pid, force_id), [])
    return {"pub": pub, "obligation": obligation, "steps": steps_of(obligation, done),
            "next_step": next_step_due(obligation, done),
            "choices": list(checklist_steps().values())}


def publication(conn: Connection, ref: str) -> dict[str, Any]:
    """Header facts, findings (each with its register entries), grades and obligations."""
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
    from section55.register import register_rows
    register: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in register_rows(conn, publication_id=pid):
        register.setdefault((entry["kind"], entry["ref"]), []).append(entry)
    for f in findings:
        entries = register.get((f["kind"], f["ref"]), [])
        f["register"] = [e for e in entries if f["force_id"] in (None, e["force_id"])]
        f["register_counts"] = Counter(e["status"] for e in f["register"])
    g = t.grades
    grades = [dict(r) for r in conn.execute(sa.select(g).where(g.c.publication_id == pid)
                                            .order_by(g.c.force_id, g.c.area)).mappings()]
    d = t.documents
    docs = [dict(r) for r in conn.execute(sa.select(d).where(d.c.publication_id == pid)
                                          .order_by(d.c.kind, d.c.url)).mappings()]
    return {
        "pub": pub, "published_text": long_date(pub["first_published_on"]),
        "types_text": join_types(list(pub["publication_types"])),
        "forces_text": ALL_FORCES_TEXT if pub["all_forces"] else
        (pub["forces_text"] or ", ".join(force_name(f) for f in force_ids)),
        "deadline_text": deadline_text, "obligations": obls, "grades": grades,
        "documents": docs,
        "findings": {k: [f for f in findings if f["kind"] == k] for k in KIND_HEADINGS}}


def force(conn: Connection, force_id: str, as_of: date) -> dict[str, Any]:
    """Register entries (open ones first) with their dated updates, grade history, past
    responses."""
    from section55.register import OPEN_STATUSES, register_rows, updates_by_entry
    p = t.publications
    entries = register_rows(conn, force_id=force_id)
    updates = updates_by_entry(conn, [e["register_id"] for e in entries])
    for e in entries:
        e["updates"] = updates.get(e["register_id"], [])
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
    return {"force_id": force_id, "name": force_name(force_id),
            "open": [e for e in entries if e["status"] in OPEN_STATUSES],
            "closed": [e for e in entries if e["status"] not in OPEN_STATUSES],
            "cycles": cycles, "past": past,
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
