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


def validate_rows(model: type[pa.DataFrameModel], rows: Sequence[dict[str, Any]],
                  columns: Sequence[str]) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """Split ``rows`` into those the model accepts and (row, reason) for those it rejects."""
    if not rows:
        return [], []
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].where(frame[col].notna(), None)
    try:
        model.validate(frame, lazy=True)
        return list(rows), []
    except SchemaErrors as exc:
        cases = exc.failure_cases
        reasons: dict[int, list[str]] = {}
        whole_frame: list[str] = []
        for case in cases.itertuples(index=False):
            idx = getattr(case, "index", None)
            if case.schema_context == "DataFrameSchema" or case.column is None:
                text = f"{case.check} failed"
            else:
                text = f"{case.column}: {case.check} failed ({case.failure_case!r})"
            if idx is None or pd.isna(idx):
                whole_frame.append(text)
            else:
                reasons.setdefault(int(idx), []).append(text)
        if whole_frame and not reasons:
            return [], [(r, "; ".join(whole_frame)) for r in rows]
        good = [r for i, r in enumerate(rows) if i not in reasons]
        bad = [(rows[i], "; ".join(dict.fromkeys(reasons[i]))) for i in sorted(reasons)]
        return good, bad
