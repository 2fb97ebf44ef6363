"""`hmicfrs responses`: responses to reports, from the site or recorded by hand, with their
dates and on-time / late status (by the practice deadline, publication + 56 days)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy.engine import Engine

from section55.safe_text import csv_cell
from store.responses import responses_listing

FIELDS = ["publication_id", "title", "force_id", "local_policing_body", "source", "url",
          "printed_on", "first_seen_on", "responded_on", "responded_on_source",
          "practice_deadline", "statutory_deadline", "on_time", "late_by_statute"]


def response_rows(engine: Engine, *, force: str | None, late_only: bool,
                  publication: str | None = None) -> list[dict[str, Any]]:
    """Each response (of one force or publication) with the verdict its obligation's date gives."""
    with engine.connect() as conn:
        rows = responses_listing(conn, force_id=force, publication_id=publication)
    out = []
    for r in rows:
        day = r["responded_on"]
        on_time = None if day is None or r["practice_deadline"] is None else \
            day <= r["practice_deadline"]
        late_statute = None if day is None or r["statutory_deadline"] is None else \
            day > r["statutory_deadline"]
        if late_only and on_time is not False:
            continue
        out.append({**r, "on_time": on_time, "late_by_statute": late_statute})
    return out


def render_responses(engine: Engine, *, force: str | None, late_only: bool, fmt: str) -> str:
    """The responses as a table, CSV or JSON."""
    rows = response_rows(engine, force=force, late_only=late_only)
    plain = [{k: _plain(r.get(k)) for k in FIELDS} for r in rows]
    if fmt == "json":
        return json.dumps(plain, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in plain)
        return buf.getvalue()
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table
        table = Table(title="Responses to reports (on time by the practice deadline)")
        for col in ("responded on", "from", "deadline", "verdict", "force", "body",
                    "publication", "link"):
            table.add_column(col)
        for r in rows:
            verdict = {True: "on time", False: "late", None: "no limit"}[r["on_time"]]
            table.add_row(_plain(r["responded_on"]) or "-", r["responded_on_source"] or "-",
                          _plain(r["practice_deadline"]) or "-", verdict, r["force_id"],
                          r["local_policing_body"], r["title"], r["url"] or "-")
        console = Console(file=io.StringIO(), width=220, force_terminal=False)
        console.print(table)
        console.print(f"{len(rows)} response(s)")
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise ValueError(f"--format must be table, csv or json, not {fmt!r}")


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
