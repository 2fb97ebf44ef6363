"""`hmicfrs serve`: registered on the CLI's typer app by one import in flows/cli.py."""

import os
from typing import Optional

import typer

from flows.cli_app import DataOpt, DbOpt, _store, app


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
          port: int = typer.Option(8055, "--port"),
          secret: Optional[str] = typer.Option(
              None, "--secret", help="Turn writes on; forms then need it (env HMICFRS_SERVE_SECRET)."),
          db: Optional[str] = DbOpt, data_dir: Optional[str] = DataOpt) -> None:
    """The web view and JSON API over the store (read-only unless started with a secret)."""
    import uvicorn

    from web.app import create_app
    secret = secret or os.environ.get("HMICFRS_SERVE_SECRET") or None
    if secret is not None and len(secret) < 12:
        raise typer.BadParameter("the secret must be at least 12 characters", param_hint="--secret")
    _settings, engine = _store(db, data_dir)
    mode = "writes on (sign in with the secret)" if secret else "read-only"
    typer.echo(f"hmicfrs: serving {engine.url.render_as_string(hide_password=True)} on "
               f"http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(create_app(engine, secret=secret), host=host, port=port, log_level="warning",
                proxy_headers=True,
                forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
