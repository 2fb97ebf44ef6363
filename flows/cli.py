"""The `hmicfrs` command line (typer). Commands parse options and call flows or queries."""

import atexit
import gc
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from flows.cli_app import (AsOfOpt, DataOpt, DbOpt, EngineOpt, SiteOpt, _date, _force,
                           _store, app)

def _pipeline(command: str, engine: str, site: Optional[str], db: Optional[str],
              data_dir: Optional[str], as_of: Optional[date], **filters: Any) -> None:
    from flows.settings import resolve_settings
    settings = resolve_settings(site=site, db=db, data_dir=data_dir, as_of=as_of)  # bad input fails here
    if engine == "direct":
        from flows.pipeline import run_pipeline
        report = run_pipeline(settings, command=command, **filters)
        typer.echo("\n".join(report.lines()))
        return
    if engine != "prefect":
        raise typer.BadParameter(f"--engine must be prefect or direct, not {engine!r}")
    from flows import nightly as flows_
    with flows_.prefect_api():
        if command == "run":
            result = flows_.nightly(site=site, db=db, data_dir=data_dir, as_of=as_of)
        elif command == "backfill":
            result = flows_.backfill(site=site, db=db, data_dir=data_dir, as_of=as_of, **filters)
        else:
            result = flows_.reprocess(db=db, data_dir=data_dir, as_of=as_of, **filters)
    typer.echo("\n".join(result["lines"]))


@app.command()
def run(site: Optional[str] = SiteOpt, db: Optional[str] = DbOpt,
        data_dir: Optional[str] = DataOpt, as_of: Optional[str] = AsOfOpt,
        engine: str = EngineOpt) -> None:
    """The nightly job, once: discover, fetch, extract, validate, load, start clocks."""
    _pipeline("run", engine, site, db, data_dir, _date(as_of, "--as-of"))


@app.command()
def backfill(since: str = typer.Option(..., "--since"), until: Optional[str] = typer.Option(None, "--until"),
             type_: Optional[list[str]] = typer.Option(None, "--type", help="Publication type (repeatable)."),
             force: Optional[list[str]] = typer.Option(None, "--force", help="Force (repeatable)."),
             site: Optional[str] = SiteOpt, db: Optional[str] = DbOpt,
             data_dir: Optional[str] = DataOpt, as_of: Optional[str] = AsOfOpt,
             engine: str = EngineOpt) -> None:
    """The pipeline over a date range of publications; resumable."""
    forces = [_force(f) for f in force or []]
    _pipeline("backfill", engine, site, db, data_dir, _date(as_of, "--as-of"),
              since=_date(since, "--since"), until=_date(until, "--until"),
              types=list(type_ or []) or None, forces=forces or None)


@app.command()
def reprocess(since: Optional[str] = typer.Option(None, "--since"), db: Optional[str] = DbOpt,
              data_dir: Optional[str] = DataOpt, as_of: Optional[str] = AsOfOpt,
              engine: str = EngineOpt,
              workers: int = typer.Option(0, "--workers", min=0,
                                          help="Extraction processes (0: every core)."),
              dask: Optional[str] = typer.Option(
                  None, "--dask", help="Extract on a Dask cluster: a scheduler address "
                  "(tcp://host:8786) or 'local' (needs the extra hmicfrs[dask]).")) -> None:
    """Re-run extraction and validation from the stored raw documents (no network)."""
    _pipeline("reprocess", engine, None, db, data_dir, _date(as_of, "--as-of"),
              since=_date(since, "--since"), workers=workers or None, dask=dask)


@app.command()
def extract(path_or_url: str = typer.Argument(..., metavar="PATH_OR_URL"),
            site: Optional[str] = SiteOpt) -> None:
    """Run the extractors on one document and print the contract's JSON."""
    atexit.register(gc.freeze)   # the last exit handler: Python's exit then scans none of
    collecting = gc.isenabled()  # the objects for cycles (15 ms after a 100-page report)
    gc.disable()      # one document's objects, freed by reference counts: the cycle
    try:              # collector would only scan them (6 ms of a 100-page report)
        from flows.extract_one import extract_document
        typer.echo(json.dumps(extract_document(path_or_url, site), indent=2,
                              ensure_ascii=False))
    finally:
        if collecting:
            gc.enable()


@app.command()
def deadlines(force: Optional[str] = typer.Option(None, "--force"),
              status: Optional[str] = typer.Option(None, "--status"),
              as_of: Optional[str] = AsOfOpt,
              fmt: str = typer.Option("table", "--format", help="table, csv, json or ics"),
              remind: str = typer.Option("14,3", "--remind",
                                         help="ics reminders, days before the deadline."),
              db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """The Section 55 obligations, judged as of a date (default today)."""
    from flows.deadlines import render_deadlines
    from section55.alerts import parse_days
    _settings, engine = _store(db, data_dir)
    out = render_deadlines(engine, force=_force(force) if force else None, status=status,
                           as_of=_date(as_of, "--as-of") or date.today(), fmt=fmt,
                           remind=parse_days(remind, "--remind"))
    sys.stdout.write(out if isinstance(out, str) else out.decode())


@app.command()
def respond(publication: str = typer.Argument(...), force: str = typer.Option(..., "--force"),
            on: str = typer.Option(..., "--date", help="Date the response was published."),
            url: Optional[str] = typer.Option(None, "--url"),
            as_of: Optional[str] = AsOfOpt,
            db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """Record that a local policing body published its response."""
    from section55.status import status_of
    from store.queries import record_response, resolve_publication
    _settings, engine = _store(db, data_dir)
    responded = _date(on, "--date") or date.today()
    with engine.begin() as conn:
        pub = resolve_publication(conn, publication)
        row = record_response(conn, pub["publication_id"], _force(force), responded, url)
    res = status_of(row["practice_deadline"], row["statutory_deadline"], row["responded_on"],
                    _date(as_of, "--as-of") or date.today())
    from flows.pipeline import direct_runner
    from flows.steps import clock_step
    direct_runner("clock", clock_step, engine, _date(as_of, "--as-of") or date.today())
    typer.echo(f"{row['local_policing_body']}: {pub['title']}: responded {row['responded_on']} "
               f"-> {res.status} ({res.note})")


@app.command("draft-response")
def draft_response(publication: str = typer.Argument(...), force: str = typer.Option(..., "--force"),
                   fmt: str = typer.Option("md", "--format", help="md or docx"),
                   out: Optional[Path] = typer.Option(None, "--out"),
                   db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """The response document skeleton, laid out like a real PCC response."""
    from flows.drafts import render_draft
    _settings, engine = _store(db, data_dir)
    data = render_draft(engine, publication, _force(force), fmt)
    if out is None:
        if fmt == "docx":
            raise typer.BadParameter("--format docx needs --out FILE")
        sys.stdout.write(data.decode() if isinstance(data, bytes) else data)
        return
    out.write_bytes(data if isinstance(data, bytes) else data.encode())
    typer.echo(f"wrote {out}")


@app.command()
def export(fmt: str = typer.Option("csv", "--format", help="csv or parquet"),
           out: Path = typer.Option(..., "--out"),
           db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """Every table as files (CSV or Parquet)."""
    from flows.export import export_tables
    _settings, engine = _store(db, data_dir)
    for path in export_tables(engine, out, fmt):
        typer.echo(f"wrote {path}")


from flows import cli_office  # noqa: E402,F401  (checklist, register, automations)
from flows import cli_responses  # noqa: E402,F401  (responses)
import web.cli  # noqa: E402,F401  (registers `hmicfrs serve`)


def main() -> None:
    """Console entry point: one-line errors on stderr unless --debug; a signal exits
    128 + its number (130 SIGINT, 143 SIGTERM) with one line."""
    from flows.interrupts import RunInterrupted, install_process_handlers
    debug = "--debug" in sys.argv
    if not debug:  # Prefect still sends every log to its API; the console gets our summary
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    install_process_handlers()
    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except RunInterrupted as stop:
        sys.stderr.write(stop.line() + "\n")
        sys.exit(stop.exit_code)
    except Exception as exc:  # noqa: BLE001 - the contract: one line, non-zero exit
        no_args, abort, usage = _click_errors()
        if isinstance(exc, no_args):
            sys.exit(0)
        if isinstance(exc, abort):
            sys.stderr.write("hmicfrs: aborted\n")
            sys.exit(130)
        if isinstance(exc, usage):
            sys.stderr.write(f"hmicfrs: {exc.format_message()}\n")
            sys.exit(exc.exit_code)
        if debug:
            raise
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"hmicfrs: error: {message}\n")
        sys.exit(1)
    if isinstance(code, int) and code:  # typer returns Exit codes (130: Ctrl-C) unraised
        if code == 130:
            sys.stderr.write("hmicfrs: interrupted by SIGINT\n")
        sys.exit(code)


def _click_errors() -> tuple[tuple[type, ...], tuple[type, ...], tuple[type, ...]]:
    """(no arguments: help shown, aborted, usage and other click errors) as classes, from
    click and from the copy of click that typer 0.29+ carries (``typer._click``)."""
    import click.exceptions as found
    modules = [found]
    try:
        import typer._click.exceptions as vendored
        modules.append(vendored)
    except ImportError:  # pragma: no cover - typer < 0.29 raises click's own
        pass
    return tuple(tuple(getattr(m, name) for m in modules if hasattr(m, name))  # type: ignore
                 for name in ("NoArgsIsHelpError", "Abort", "ClickException"))


if __name__ == "__main__":
    main()
