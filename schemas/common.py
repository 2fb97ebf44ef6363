"""Validate plain rows with a pandera model (failing rows come back with their reasons), and
what the models share."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from reference.forces import forces

FORCE_IDS = sorted(forces())

Rows = Sequence[dict[str, Any]]
Split = tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]


def body_rows(publication: str, force: str) -> type[pa.DataFrameModel]:
    """The base of a section 55 table (a row per publication x local policing body): its key
    columns, first, with what the publication and the force are to that table; the body
    is the one in office on the publication date. Other columns are dropped, none coerced."""
    class BodyRows(pa.DataFrameModel):
        publication_id: Series[str] = pa.Field(description=publication)
        force_id: Series[str] = pa.Field(description=force)
        local_policing_body: Series[str] = pa.Field(
            str_length={"min_value": 3}, description="Body in office on the publication date.")

        class Config:
            strict = "filter"
            coerce = False
    return BodyRows


def validate_rows(model: type[pa.DataFrameModel], rows: Rows, columns: Sequence[str]) -> Split:
    """Split ``rows`` into those the model accepts and (row, reason) for those it rejects."""
    by_row, whole_frame = _failures(model, rows, columns)
    return _split(rows, by_row, whole_frame)


def validate_groups(model: type[pa.DataFrameModel], groups: Sequence[Rows],
                    columns: Sequence[str]) -> list[Split]:
    """`validate_rows` for each group (one publication's rows), validating them all in one
    frame: the same split as group by group, for one pandera call. A failure of the
    whole frame (a column's dtype) cannot be told apart by row, so then each group is
    validated on its own, as if it were alone."""
    rows = [row for group in groups for row in group]
    by_row, whole_frame = _failures(model, rows, columns)
    if whole_frame:
        return [validate_rows(model, group, columns) for group in groups]
    out: list[Split] = []
    start = 0
    for group in groups:
        end = start + len(group)
        mine = {i - start: why for i, why in by_row.items() if start <= i < end}
        out.append(_split(group, mine, []))
        start = end
    return out


def _failures(model: type[pa.DataFrameModel], rows: Rows, columns: Sequence[str]
              ) -> tuple[dict[int, list[str]], list[str]]:
    """Reasons by row index, and those of the whole frame (no row to blame)."""
    if not rows:
        return {}, []
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].where(frame[col].notna(), None)
    try:
        model.validate(frame, lazy=True)
        return {}, []
    except SchemaErrors as exc:
        reasons: dict[int, list[str]] = {}
        whole_frame: list[str] = []
        for case in exc.failure_cases.itertuples(index=False):
            idx = getattr(case, "index", None)
            if case.schema_context == "DataFrameSchema" or case.column is None:
                text = f"{case.check} failed"
            else:
                text = f"{case.column}: {case.check} failed ({case.failure_case!r})"
            if idx is None or pd.isna(idx):
                whole_frame.append(text)
            else:
                reasons.setdefault(int(idx), []).append(text)
        return reasons, whole_frame


def _split(rows: Rows, reasons: dict[int, list[str]], whole_frame: list[str]) -> Split:
    if whole_frame and not reasons:
        return [], [(r, "; ".join(whole_frame)) for r in rows]
    good = [r for i, r in enumerate(rows) if i not in reasons]
    bad = [(rows[i], "; ".join(dict.fromkeys(reasons[i]))) for i in sorted(reasons)]
    return good, bad
