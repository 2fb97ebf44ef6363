"""Generic listings of any store table: equality and date-range filters, paging, CSV."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class BadFilter(ValueError):
    """A query parameter that does not fit its column."""


def filterable(table: sa.Table) -> list[sa.Column]:
    """Columns that take an equality filter (every column but JSON ones)."""
    return [c for c in table.columns if not isinstance(c.type, sa.JSON)]


def ranged(table: sa.Table) -> list[sa.Column]:
    """Date and timestamp columns, which also take ``<col>_from`` / ``<col>_to``."""
    return [c for c in table.columns if isinstance(c.type, (sa.Date, sa.DateTime))]


def cursor_column(table: sa.Table) -> sa.Column | None:
    """The integer autoincrement key a ``since`` cursor runs over, if the table has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, sa.Integer):
        return keys[0]
    return None


def _value(col: sa.Column, raw: str) -> Any:
    try:
        if isinstance(col.type, sa.Boolean):
            low = raw.lower()
            if low not in ("true", "false", "1", "0"):
                raise ValueError(raw)
            return low in ("true", "1")
        if isinstance(col.type, sa.DateTime):
            return datetime.fromisoformat(raw)
        if isinstance(col.type, sa.Date):
            return date.fromisoformat(raw)
        if isinstance(col.type, sa.Integer):
            return int(raw)
    except ValueError:
        raise BadFilter(f"{col.name}: {raw!r} is not a {col.type}") from None
    return raw


def _bound(col: sa.Column, raw: str, upper: bool) -> Any:
    """A range bound; a plain date on a timestamp column covers that whole UK-calendar day."""
    if isinstance(col.type, sa.DateTime) and len(raw) == 10:
        day = _value(sa.Column(col.name, sa.Date), raw) + timedelta(days=1 if upper else 0)
        return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)
    return _value(col, raw)


@dataclass
class Listing:
    """One filtered page of a table."""

    total: int
    rows: list[dict[str, Any]]
    cursor: int | None


def where_clauses(table: sa.Table, params: Mapping[str, str | None]) -> list[Any]:
    """SQL conditions for the filters given (an empty value means IS NULL)."""
    out: list[Any] = []
    for col in filterable(table):
        raw = params.get(col.name)
        if raw is not None:
            out.append(col.is_(None) if raw == "" else col == _value(col, raw))
    for col in ranged(table):
        low, high = params.get(f"{col.name}_from"), params.get(f"{col.name}_to")
        if low:
            out.append(col >= _bound(col, low, upper=False))
        if high:
            exclusive = isinstance(col.type, sa.DateTime) and len(high) == 10
            bound = _bound(col, high, upper=True)
            out.append(col < bound if exclusive else col <= bound)
    key = cursor_column(table)
    if key is not None and params.get("since"):
        out.append(key > _value(key, params["since"]))
    return out


def _order(table: sa.Table) -> list[sa.Column]:
    return list(table.primary_key.columns) or list(table.columns)


def fetch(conn: Connection, table: sa.Table, params: Mapping[str, str | None], *,
          limit: int, offset: int) -> Listing:
    """The rows matching ``params``, ``limit`` from ``offset``, with the total."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise BadFilter(f"limit must be 1..{MAX_LIMIT} and offset >= 0")
    where = where_clauses(table, params)
    total = conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()
    query = sa.select(table).where(*where).order_by(*_order(table)).limit(limit).offset(offset)
    rows = [{k: plain(v) for k, v in r.items()} for r in conn.execute(query).mappings()]
    key = cursor_column(table)
    cursor = None
    if key is not None:
        since = params.get("since")
        cursor = rows[-1][key.name] if rows else int(since) if since else 0
    return Listing(total, rows, cursor)


def stream_csv(conn: Connection, table: sa.Table, params: Mapping[str, str | None]) -> Iterator[str]:
    """Every matching row as CSV, header first, formula-looking cells escaped."""
    query = sa.select(table).where(*where_clauses(table, params)).order_by(*_order(table))
    names = [c.name for c in table.columns]
    yield csv_line(names)
    for row in conn.execution_options(yield_per=500).execute(query):
        yield csv_line([csv_cell(v) for v in row])


def csv_line(cells: list[Any]) -> str:
    """One CSV record."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: text starting = + - @ gets a leading quote."""
    value = plain(value)
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plain(value: Any) -> Any:
    """A JSON-ready value (ISO dates and timestamps)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)  # SQLite hands back naive UTC
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
