"""The FastAPI application: pages, the JSON API, the change feed and (with a secret) writes."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Engine

from section55.deadlines import long_date
from store import tables as t
from store.queries import NotFound
from web import auth

HERE = Path(__file__).parent
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def safe_url(value: Any) -> str | None:
    """An http(s) URL to link to, or None (javascript:, data: and the like are not links)."""
    if not value or not isinstance(value, str):
        return None
    return value if urlsplit(value).scheme in ("http", "https") else None


def _long(value: Any) -> str:
    return long_date(value) if isinstance(value, date) else ""


ENV.filters.update(safe_url=safe_url, long_date=_long)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template, with what every page needs (sign-in state, CSRF token)."""
    from web.views import force_name
    html = ENV.get_template(template).render(
        request=request, writable=request.app.state.secret is not None,
        who=auth.signed_in(request), csrf=auth.csrf_token(request), force_name=force_name,
        **context)
    return HTMLResponse(html, status_code=status_code)


def create_app(engine: Engine, *, secret: str | None = None) -> FastAPI:
    """The app over one store; ``secret`` turns writes on."""
    from web import api, pages, writes
    app = FastAPI(title="hmicfrs", version="0.1.0",
                  description="Section 55 obligations, publications, findings and grades "
                              "read from the HMICFRS website.")
    app.state.engine = engine
    app.state.secret = secret or None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.table_router(t.metadata))
    app.include_router(pages.router)
    app.include_router(writes.router)

    @app.exception_handler(NotFound)
    def _not_found(request: Request, exc: NotFound) -> HTMLResponse:
        return _error(request, 404, str(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):  # type: ignore[no-untyped-def]
        if request.url.path.startswith("/api"):
            from fastapi.exception_handlers import http_exception_handler
            return await http_exception_handler(request, exc)
        return _error(request, exc.status_code, str(exc.detail))

    return app


def _error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)
