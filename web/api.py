"""`/api/<table>` for every table in the store's metadata, built from its columns."""
from __future__ import annotations

import inspect
from typing import Any, Optional
from urllib.parse import urlencode

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from web import listing



def table_router(metadata: sa.MetaData) -> APIRouter:
    """One GET endpoint per table, its filters declared so the OpenAPI page lists them."""
    router = APIRouter(prefix="/api", tags=["tables"])
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        router.add_api_route(f"/{name}", _endpoint(table), methods=["GET"],
                             name=f"list_{name}", summary=f"Rows of `{name}`",
                             description=_description(table))

    @router.get("", summary="The tables this API serves")
    def index(request: Request) -> dict[str, Any]:
        return {"tables": {n: str(request.url_for(f"list_{n}")) for n in sorted(metadata.tables)}}

    return router


def _description(table: sa.Table) -> str:
    text = ("Equality filter on any column (an empty value matches NULL); "
            "`<column>_from` / `<column>_to` (inclusive) on date columns; "
            f"`limit` (1-{listing.MAX_LIMIT}) and `offset`; `format=csv` downloads every "
            "matching row as CSV.")
    if listing.cursor_column(table) is not None:
        text += " `since=<id>` lists rows after a cursor; the answer's `cursor` is the next one."
    return text


def _parameters(table: sa.Table) -> list[inspect.Parameter]:
    params = [inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)]

    def add(name: str, description: str, annotation: Any = Optional[str], default: Any = None) -> None:
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
                                        default=Query(default, description=description)))

    for col in listing.filterable(table):
        add(col.name, f"{col.name} equals ({col.type})")
    for col in listing.ranged(table):
        add(f"{col.name}_from", f"{col.name} on or after (ISO date)")
        add(f"{col.name}_to", f"{col.name} on or before (ISO date)")
    if listing.cursor_column(table) is not None:
        add("since", "rows after this cursor (an id)")
    add("limit", "page size", int, listing.DEFAULT_LIMIT)
    add("offset", "rows to skip", int, 0)
    add("format", "json (default) or csv", Optional[str], "json")
    return params


def _endpoint(table: sa.Table):  # type: ignore[no-untyped-def]
    def endpoint(**kwargs: Any) -> Any:
        request: Request = kwargs.pop("request")
        limit, offset, fmt = kwargs.pop("limit"), kwargs.pop("offset"), kwargs.pop("format")
        filters = {k: v for k, v in kwargs.items() if v is not None}
        engine = request.app.state.engine
        try:
            if fmt == "csv":
                listing.where_clauses(table, filters)  # a bad filter fails before streaming
                return StreamingResponse(_csv(engine, table, filters), media_type="text/csv",
                                         headers={"Content-Disposition":
                                                  f'attachment; filename="{table.name}.csv"'})
            if fmt != "json":
                raise listing.BadFilter(f"format must be json or csv, not {fmt!r}")
            with engine.connect() as conn:
                page = listing.fetch(conn, table, filters, limit=limit, offset=offset)
        except listing.BadFilter as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        more = offset + len(page.rows) < page.total
        query = {**filters, "limit": limit, "offset": offset + limit}
        if page.cursor is not None and offset == 0:  # page by cursor: stable as rows arrive
            more = len(page.rows) < page.total
            query = {**filters, "since": page.cursor, "limit": limit}
        body: dict[str, Any] = {
            "table": table.name, "total": page.total, "limit": limit, "offset": offset,
            "next": f"{request.url.path}?{urlencode(query)}" if more else None,
            "rows": page.rows}
        if page.cursor is not None:
            body["cursor"] = page.cursor
        return body

    endpoint.__signature__ = inspect.Signature(_parameters(table))  # type: ignore[attr-defined]
    endpoint.__name__ = f"list_{table.name}"
    return endpoint


def _csv(engine, table, filters):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        yield from listing.stream_csv(conn, table, filters)
