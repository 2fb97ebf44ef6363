"""`hmicfrs responses`: the responses to reports, read from the site or recorded by hand."""

import sys
from typing import Optional

import typer

from flows.cli_app import DataOpt, DbOpt, _force, _store, app


@app.command()
def responses(force: Optional[str] = typer.Option(None, "--force"),
              late: bool = typer.Option(False, "--late", help="Only responses after the practice deadline."),
              fmt: str = typer.Option("table", "--format", help="table, csv or json"),
              db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """Responses with their dates and on-time / late status (practice deadline, +56 days)."""
    from flows.responses_view import render_responses
    _settings, engine = _store(db, data_dir)
    try:
        sys.stdout.write(render_responses(engine, force=_force(force) if force else None,
                                          late_only=late, fmt=fmt))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
