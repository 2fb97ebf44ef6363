"""The `recommendations` table: recommendations, areas for improvement, causes of concern."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from reference.forces import forces

KINDS = ["recommendation", "area_for_improvement", "cause_of_concern"]
COLUMNS = ["publication_id", "kind", "ref", "text", "force_id", "due_by", "source_url", "page",
           "addressee"]
_FURNITURE = re.compile(
    r"(?m)^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$|\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b"
    r"|[\n\r\t\ufffe\ufb00-\ufb06]|^\s*[\u2022\u25cf\u25aa\uf0b7]", re.IGNORECASE)


class RecommendationsSchema(pa.DataFrameModel):
    """One row per finding a report makes, word for word, with where it came from."""

    publication_id: Series[str] = pa.Field(str_length={"min_value": 1})
    kind: Series[str] = pa.Field(isin=KINDS)
    ref: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": 20})
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    force_id: Series[str] = pa.Field(nullable=True, isin=sorted(forces()))
    due_by: Series[date] = pa.Field(nullable=True, ge=date(2000, 1, 1), le=date(2100, 1, 1))
    source_url: Series[str] = pa.Field(str_length={"min_value": 1})
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    addressee: Series[str] = pa.Field(nullable=True)

    @pa.check("text", element_wise=True, name="no page furniture or line breaks")
    def _clean_text(cls, value: Any) -> bool:  # noqa: N805
        return isinstance(value, str) and bool(value.strip()) and value == value.strip() \
            and not _FURNITURE.search(value) and "  " not in value

    class Config:
        strict = True
        coerce = True


def validate_recommendations(df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """(valid rows, coerced) and one dict per rejected row: its record, reason and page.

    Checks are lazy; a check that fails for the whole column because of a bad value
    elsewhere is re-run once the rows that failed individually are set aside. Problems
    with the frame itself (missing or extra columns) reject every row.
    """
    frame = _prepared(df)
    reasons: dict[Any, list[str]] = {}
    while True:
        rest = frame.drop(index=list(reasons))
        if rest.empty:
            return _empty(), _rejected(frame, reasons)
        try:
            valid = RecommendationsSchema.validate(rest, lazy=True)
            return valid, _rejected(frame, reasons)
        except SchemaErrors as exc:
            row_cases, frame_cases = _split_cases(exc.failure_cases)
            if not row_cases:
                for idx in rest.index:
                    reasons.setdefault(idx, []).extend(frame_cases)
                return _empty(), _rejected(frame, reasons)
            for idx, text in row_cases:
                reasons.setdefault(idx, []).append(text)


def _prepared(df: pd.DataFrame) -> pd.DataFrame:
    frame = df.copy()
    if "due_by" in frame:
        frame["due_by"] = frame["due_by"].map(_as_date).astype(object)
    for column in ("force_id", "addressee", "due_by", "page"):
        if column in frame:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _as_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _split_cases(cases: pd.DataFrame) -> tuple[list[tuple[Any, str]], list[str]]:
    rows, whole = [], []
    for case in cases.itertuples(index=False):
        where = f"{case.column}: " if case.column else ""
        text = f"{where}{case.check} failed ({case.failure_case!r})"
        if case.index is None or (not isinstance(case.index, str) and pd.isna(case.index)):
            whole.append(text)
        else:
            rows.append((case.index, text))
    return rows, whole


def _rejected(frame: pd.DataFrame, reasons: dict[Any, list[str]]) -> list[dict[str, Any]]:
    out = []
    for idx in reasons:
        record = {k: (None if _missing(v) else v) for k, v in frame.loc[idx].to_dict().items()}
        for key, value in record.items():
            if isinstance(value, date):
                record[key] = value.isoformat()
        out.append({"index": idx, "record": record, "reason": "; ".join(dict.fromkeys(reasons[idx])),
                    "page": record.get("page"), "stage": "validate"})
    return out


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
