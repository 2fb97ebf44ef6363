"""Render the Section 55 obligations as a table, CSV, JSON or an iCalendar feed."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from section55.safe_text import csv_cell
from section55.status import status_of
from store.queries import obligations

FIELDS = ["publication_id", "title", "force_id", "local_policing_body", "published_on",
          "statutory_deadline", "practice_deadline", "status", "days_left", "late_by_statute",
          "responded_on", "response_url", "needs_review", "rule_version", "status_rule", "url",
          "next_step", "next_step_due", "responded_on_source"]
STATUSES = ("open", "overdue", "responded", "responded_late")


def deadline_rows(engine: Engine, *, force: str | None, status: str | None,
                  as_of: date) -> list[dict[str, Any]]:
    """Obligations with their status judged as of ``as_of`` (practice deadline, +56)."""
    if status and status not in STATUSES:
        raise ValueError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    from section55.checklist import open_steps, steps_done
    with engine.connect() as conn:
        rows = obligations(conn, force_id=force)
        done = steps_done(conn, force_id=force)
    out = []
    for r in rows:
        res = status_of(r["practice_deadline"], r["statutory_deadline"], r["responded_on"], as_of)
        if status and res.status != status:
            continue
        pending = open_steps(r, done.get((r["publication_id"], r["force_id"]), []))
        out.append({**r, "status": res.status, "days_left": res.days_left,
                    "late_by_statute": res.late_by_statute, "status_rule": res.rule,
                    "note": res.note, "open_steps": pending,
                    "next_step": pending[0]["step"] if pending else None,
                    "next_step_due": pending[0]["due_on"] if pending else None})
    return out


def render_deadlines(engine: Engine, *, force: str | None, status: str | None, as_of: date,
                     fmt: str, remind: tuple[int, ...] = (14, 3)) -> str | bytes:
    """The obligations in one of the formats the CLI offers (``remind``: ics alarms,
    days before the practice deadline)."""
    rows = deadline_rows(engine, force=force, status=status, as_of=as_of)
    if fmt == "json":
        return json.dumps([{k: _plain(r.get(k)) for k in FIELDS} for r in rows], indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: csv_cell(_plain(r.get(k))) for k in FIELDS})
        return buf.getvalue()
    if fmt == "ics":
        from reference.forces import forces
        from section55.calendar import obligations_ics
        names = {fid: f.name for fid, f in forces().items()}
        return obligations_ics([{**r, "force_name": names.get(r["force_id"], r["force_id"])}
                                for r in rows], remind=remind,
                               force_name=names.get(force, force) if force else None)
    if fmt == "table":
        return _table(rows, as_of)
    raise ValueError(f"--format must be table, csv, json or ics, not {fmt!r}")


def _table(rows: list[dict[str, Any]], as_of: date) -> str:
    from rich.console import Console
    from rich.table import Table
    table = Table(title=f"Section 55 obligations as of {as_of.isoformat()} "
                        f"(status by practice deadline, publication + 56 days)")
    for col in ("practice deadline", "statutory", "days left", "status", "force",
                "local policing body", "publication", "next step"):
        table.add_column(col)
    for r in rows:
        status = r["status"] + (" (late by statute)" if r["late_by_statute"] and
                                r["status"] in ("responded", "open") else "")
        table.add_row(_plain(r["practice_deadline"]) or "no limit",
                      _plain(r["statutory_deadline"]) or "-",
                      "" if r["days_left"] is None else str(r["days_left"]), status,
                      r["force_id"], r["local_policing_body"], r["title"],
                      f"{r['next_step']} {_plain(r['next_step_due'])}" if r["next_step"] else "")
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(table)
    console.print(f"{len(rows)} obligation(s)")
    return console.file.getvalue()  # type: ignore[attr-defined]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
