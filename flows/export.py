"""Export every table as CSV or Parquet files."""
from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from section55.safe_text import csv_cell
from store.queries import table_rows

EXPORTED = ("publications", "publication_forces", "documents", "recommendations", "grades",
            "section55_obligations", "quarantine", "runs", "fetch_log", "publication_changes",
            "obligation_steps", "recommendation_register", "recommendation_updates")


def export_tables(engine: Engine, out: Path, fmt: str) -> list[Path]:
    """Write one file per table into ``out``; returns the paths written."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"--format must be csv or parquet, not {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with engine.connect() as conn:
        for name in EXPORTED:
            columns, rows = table_rows(conn, name)
            path = out / f"{name}.{fmt}"
            if fmt == "csv":
                with path.open("w", newline="", encoding="utf-8") as fh:
                    writer = csv.writer(fh, lineterminator="\n")
                    writer.writerow(columns)
                    writer.writerows([[csv_cell(_cell(v)) for v in r] for r in rows])
            else:
                _parquet(path, name, columns, rows)
            written.append(path)
    return written


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _parquet(path: Path, name: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    arrays = {}
    for i, col in enumerate(columns):
        values = [r[i] for r in rows]
        if any(isinstance(v, (list, dict)) for v in values):
            values = [_cell(v) for v in values]
        arrays[col] = values
    pq.write_table(pa.table(arrays) if rows else pa.table({c: pa.array([], pa.string())
                                                             for c in columns}), path)
