"""The response office's commands: checklist, recommendations register, notifications.

Registered on the `hmicfrs` typer app by one import in flows/cli.py.
"""

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from flows.cli_app import DbOpt, DataOpt, _date, _force, _store, app

REGISTER_FIELDS = ["register_id", "publication_id", "title", "published_on", "force_id", "kind",
                   "ref", "text", "addressee", "status", "status_on", "in_report"]


@app.command()
def checklist(publication: str = typer.Argument(...), force: str = typer.Option(..., "--force"),
              step: Optional[str] = typer.Option(None, "--step", help="Step id to record."),
              on: Optional[str] = typer.Option(None, "--date", help="Date the step was done."),
              note: Optional[str] = typer.Option(None, "--note"),
              db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """The office checklist of one obligation: show it, or record a step (--step --date)."""
    from section55.checklist import checklist as steps_of, obligation_of, record_step, steps_done
    from store.queries import resolve_publication
    if (step is None) != (on is None) or (note is not None and step is None):
        raise typer.BadParameter("record a step with both --step and --date (and --note)")
    fid = _force(force)
    _settings, engine = _store(db, data_dir)
    with engine.begin() as conn:
        pid = resolve_publication(conn, publication)["publication_id"]
        if step is not None:
            record_step(conn, pid, fid, step, _date(on, "--date"), note)  # type: ignore[arg-type]
        obligation = obligation_of(conn, pid, fid)
        done = steps_done(conn, publication_id=pid, force_id=fid).get((pid, fid), [])
    lines = [f"{obligation['local_policing_body']}: {pid} "
             f"(practice deadline {_iso(obligation['practice_deadline']) or 'none'})"]
    for s in steps_of(obligation, done):
        mark = "x" if s["done_on"] else " "
        when = (f"done {_iso(s['done_on'])} ({s['source']})" if s["done_on"]
                else f"due {_iso(s['due_on'])}" if s["due_on"] else "")
        extra = f" - {_one_line(s['note'])}" if s["note"] else ""
        lines.append(f"[{mark}] {s['step']:<24} {s['label']:<54} {when}{extra}".rstrip())
    typer.echo("\n".join(lines))


@app.command()
def recommendations(force: Optional[str] = typer.Option(None, "--force"),
                    status: Optional[str] = typer.Option(None, "--status"),
                    since: Optional[str] = typer.Option(None, "--since"),
                    fmt: str = typer.Option("table", "--format", help="table, csv or json"),
                    db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """The recommendations register: every finding that applies to a force, with its status."""
    from section55.register import fill_missing, register_rows
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter(f"--format must be table, csv or json, not {fmt!r}")
    fid = _force(force) if force else None
    _settings, engine = _store(db, data_dir)
    with engine.begin() as conn:
        fill_missing(conn)
        rows = register_rows(conn, force_id=fid, status=status, since=_date(since, "--since"))
    sys.stdout.write(render_register(rows, fmt))


def render_register(rows: list[dict[str, Any]], fmt: str) -> str:
    """Register entries as JSON, CSV (formula-safe) or a table."""
    if fmt == "json":
        return json.dumps([{k: _iso(r.get(k)) for k in REGISTER_FIELDS} for r in rows],
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(REGISTER_FIELDS)
        writer.writerows([[_csv_cell(_iso(r.get(k))) for k in REGISTER_FIELDS] for r in rows])
        return buf.getvalue()
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    table = Table(title="Recommendations register")
    for col in ("id", "force", "published", "kind", "ref", "status", "since", "finding"):
        table.add_column(col)
    for r in rows:
        text = _one_line(r["text"])
        table.add_row(r["register_id"], r["force_id"], _iso(r["published_on"]),
                      r["kind"].replace("_", " "), escape(r["ref"]), r["status"],
                      _iso(r["status_on"]) or "",
                      escape(text if r["in_report"] else f"[no longer in the report] {text}"))
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(table)
    console.print(f"{len(rows)} register entr{'y' if len(rows) == 1 else 'ies'}")
    return console.file.getvalue()  # type: ignore[attr-defined]


@app.command("recommendation-update")
def recommendation_update(register_id: str = typer.Argument(..., metavar="ID"),
                          status: str = typer.Option(..., "--status"),
                          on: str = typer.Option(..., "--date"),
                          note: Optional[str] = typer.Option(None, "--note"),
                          db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """Record a dated status update for one register entry."""
    from section55.register import fill_missing, record_update
    day = _date(on, "--date")
    _settings, engine = _store(db, data_dir)
    with engine.begin() as conn:
        fill_missing(conn)
        row = record_update(conn, register_id, status, day, note)  # type: ignore[arg-type]
    typer.echo(f"{row['register_id']} ({row['force_id']}, {row['kind'].replace('_', ' ')} "
               f"{row['ref']}): {row['status']} since {_iso(row['status_on'])}")


@app.command("automations")
def automations(action: str = typer.Argument("install", help="install"),
                file: Optional[Path] = typer.Option(None, "--file",
                                                    help="Automations YAML (default: packaged)."),
                webhook_url: Optional[str] = typer.Option(None, "--webhook-url"),
                email: Optional[list[str]] = typer.Option(None, "--email",
                                                          help="Recipient (repeatable)."),
                sendgrid_key: Optional[str] = typer.Option(None, "--sendgrid-key",
                                                           envvar="HMICFRS_SENDGRID_KEY"),
                sender: Optional[str] = typer.Option(None, "--sender"),
                force: Optional[list[str]] = typer.Option(None, "--force",
                                                          help="Only these forces (repeatable).")) -> None:
    """Create (or replace) the Prefect automations that turn hmicfrs events into
    notifications through a webhook and/or an e-mail block (needs PREFECT_API_URL)."""
    from automations.install import install, load_specs
    if action != "install":
        raise typer.BadParameter(f"action must be install, not {action!r}")
    specs = load_specs(file)
    forces = [_force(f) for f in force or []]
    for line in install(specs, webhook_url=webhook_url, emails=list(email or []),
                        sendgrid_key=sendgrid_key, sender=sender, forces=forces):
        typer.echo(line)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _csv_cell(value: Any) -> Any:
    """Site text cannot become a spreadsheet formula (= + - @ lead, tab, CR)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
