"""The office checklist of one obligation: steps done (dated, with a note) and steps due.

Steps, their order and due rules are data (reference/checklist_steps.csv). A step recorded
by hand (``source`` manual) is never overwritten by one read from the site (``site``).
"""
from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from reference.checklist_steps import ChecklistStep, checklist_steps
from store import tables as t
from store.journal import record_changes

SOURCES = ("manual", "site")
PUBLISHED = "published"


class ChecklistError(ValueError):
    """Bad input to the checklist: unknown step or obligation, a date before publication."""


def obligation_of(conn: Connection, publication_id: str, force_id: str) -> dict[str, Any]:
    o = t.section55_obligations
    row = conn.execute(sa.select(o).where(o.c.publication_id == publication_id,
                                          o.c.force_id == force_id)).mappings().first()
    if row is None:
        raise ChecklistError(f"no Section 55 obligation for {force_id!r} on {publication_id!r}")
    return dict(row)


def step_of(name: str) -> ChecklistStep:
    """A checklist step by id (or its label, any case); ChecklistError naming the steps."""
    steps = checklist_steps()
    wanted = name.strip().lower().replace("-", "_")
    for step in steps.values():
        if wanted in (step.step, step.label.lower()):
            return step
    raise ChecklistError(f"unknown checklist step {name!r}; steps: {', '.join(steps)}")


def record_step(conn: Connection, publication_id: str, force_id: str, step: str, done_on: date,
                note: str | None = None, source: str = "manual") -> dict[str, Any]:
    """Record one step as done on a date; a repeated non-note step replaces the earlier
    record, except that a site record never replaces a manual one; what is stored is
    journalled (``step_recorded``). Returns the stored row."""
    from store.repository import utcnow
    if source not in SOURCES:
        raise ChecklistError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    spec = step_of(step)
    obligation = obligation_of(conn, publication_id, force_id)
    if done_on < obligation["published_on"]:
        raise ChecklistError(f"--date {done_on.isoformat()} is before the publication "
                             f"({obligation['published_on'].isoformat()})")
    s = t.obligation_steps
    where = (s.c.publication_id == publication_id, s.c.force_id == force_id,
             s.c.step == spec.step)
    values = {"done_on": done_on, "note": note, "source": source, "recorded_at": utcnow()}
    old = None if spec.repeats else conn.execute(sa.select(s).where(*where)).mappings().first()
    kept = old is not None and source == "site" and old["source"] == "manual"
    if old is None:
        conn.execute(sa.insert(s).values(publication_id=publication_id, force_id=force_id,
                                         step=spec.step, **values))
    elif not kept:
        conn.execute(sa.update(s).where(s.c.step_id == old["step_id"]).values(**values))
    if not kept:
        record_changes(conn, "step_recorded", [
            {"publication_id": publication_id, "force_id": force_id,
             "detail": {"step": spec.step, "done_on": done_on, "note": note, "source": source}}],
            now=values["recorded_at"])
    order = s.c.step_id.desc()
    return dict(conn.execute(sa.select(s).where(*where).order_by(order)).mappings().first())


def tick_published(conn: Connection, publication_id: str, force_id: str, done_on: date,
                   url: str | None, source: str) -> dict[str, Any]:
    """Tick "response published" with its URL as the note: called by `hmicfrs respond`
    (manual) and by the site's responses when they load (site)."""
    return record_step(conn, publication_id, force_id, PUBLISHED, done_on, url, source)


def steps_done(conn: Connection, *, publication_id: str | None = None,
               force_id: str | None = None) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Recorded steps grouped by (publication_id, force_id), in recording order."""
    s = t.obligation_steps
    query = sa.select(s).order_by(s.c.done_on, s.c.step_id)
    if publication_id is not None:
        query = query.where(s.c.publication_id == publication_id)
    if force_id is not None:
        query = query.where(s.c.force_id == force_id)
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in conn.execute(query).mappings():
        out.setdefault((row["publication_id"], row["force_id"]), []).append(dict(row))
    return out


def checklist(obligation: dict[str, Any], done: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every step in checklist order with its due date and, when done, date, note and
    source; repeating steps (notes) give one line per record. An obligation with no time
    limit (published before 2 May 2017) has no step due."""
    timed = obligation.get("practice_deadline") is not None  # before May 2017: nothing due
    by_step: dict[str, list[dict[str, Any]]] = {}
    for row in done:
        by_step.setdefault(row["step"], []).append(row)
    out = []
    for spec in checklist_steps().values():
        records = by_step.get(spec.step, [])
        base = {"step": spec.step, "label": spec.label, "order": spec.order,
                "due_on": spec.due_on(obligation) if timed else None}
        if not records and not spec.repeats:
            out.append({**base, "done_on": None, "note": None, "source": None})
        out += [{**base, "done_on": r["done_on"], "note": r["note"], "source": r["source"]}
                for r in records]
    return out


def open_steps(obligation: dict[str, Any], done: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Steps not yet done that have a due date, soonest first."""
    pending = [s for s in checklist(obligation, done) if s["done_on"] is None and s["due_on"]]
    return sorted(pending, key=lambda s: (s["due_on"], s["order"]))


def next_step_due(obligation: dict[str, Any], done: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The soonest open step with a due date, or None."""
    pending = open_steps(obligation, done)
    return pending[0] if pending else None
