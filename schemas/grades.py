"""pandera model of the `grades` table, and row-level validation for quarantine."""
from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.typing import Series

from extractors.records import Grade
from reference.fire_services import fire_services
from reference.forces import forces
from reference.grade_scales import GRADES, scale_for

BODY_TYPES = ("police", "fire")
COLUMNS = ("publication_id", "force_id", "body_type", "area", "area_key", "grade", "cycle",
           "source_url", "page")


def _in_scale(grade: Any, cycle: Any, body_type: Any) -> bool:
    kind = "fire" if body_type == "fire" else "peel"
    cycle = None if cycle is None or pd.isna(cycle) else str(cycle)
    return grade in scale_for(cycle, kind)


class GradesSchema(pa.DataFrameModel):
    """One graded judgment per (publication, body, area); the grade in its cycle's scale."""

    publication_id: Series[str] = pa.Field(str_length={"min_value": 1})
    force_id: Series[str] = pa.Field(str_length={"min_value": 1})
    body_type: Series[str] = pa.Field(isin=list(BODY_TYPES))
    area: Series[str] = pa.Field(str_length={"min_value": 1})
    area_key: Series[str] = pa.Field(nullable=True)
    grade: Series[str] = pa.Field(isin=list(GRADES))
    cycle: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}(-\d{2})?$")
    source_url: Series[str] = pa.Field(str_length={"min_value": 1})
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)

    class Config:
        strict = True
        coerce = True
        unique = ["publication_id", "force_id", "area"]

    @pa.dataframe_check(error="force_id is not a police force (body_type police) or a "
                              "fire and rescue service (body_type fire)")
    def body_known(cls, df: pd.DataFrame) -> Series[bool]:
        police, fire = set(forces()), set(fire_services())
        return pd.Series([(b == "police" and f in police) or (b == "fire" and f in fire)
                          for f, b in zip(df["force_id"], df["body_type"])], index=df.index)

    @pa.dataframe_check(error="grade is outside the scale of its cycle")
    def grade_in_cycle_scale(cls, df: pd.DataFrame) -> Series[bool]:
        return pd.Series([_in_scale(g, c, b) for g, c, b in
                          zip(df["grade"], df["cycle"], df["body_type"])], index=df.index)


def body_type_of(force_id: str | None) -> str:
    """'fire' for a fire and rescue service id, otherwise 'police'."""
    return "fire" if force_id in fire_services() else "police"


def grades_frame(grades: list[Grade], *, publication_id: str, source_url: str) -> pd.DataFrame:
    """Grade records as rows of the grades table (body_type from the id)."""
    rows = [{"publication_id": publication_id, "force_id": g.force,
             "body_type": body_type_of(g.force), "area": g.area, "area_key": g.area_key,
             "grade": g.grade, "cycle": g.cycle, "source_url": source_url, "page": g.page}
            for g in grades]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"page": "Int64"})


def validate_grades(df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """(valid rows, failed rows). Each failure: {"index", "record", "reason"} for the
    quarantine table; a failure that names no row (a missing column) fails every row."""
    try:
        return GradesSchema.validate(df, lazy=True), []
    except SchemaErrors as err:
        cases = err.failure_cases
    by_row: dict[Any, dict[str, list[str]]] = {}
    whole_frame: list[str] = []
    for case in cases.to_dict("records"):
        check = _CHECK_NAMES.get(str(case.get("check")), str(case.get("check")))
        column = case.get("column")
        value = f"{column}={case.get('failure_case')!r}"
        index = case.get("index")
        if index is None or (not isinstance(index, str) and pd.isna(index)):
            whole_frame.append(f"{check} ({value})")
        else:
            by_row.setdefault(index, {}).setdefault(check, []).append(value)
    reasons = {i: [f"{c} ({', '.join(_relevant(c, v))})" for c, v in checks.items()]
               for i, checks in by_row.items()}
    bad = list(df.index) if whole_frame else [i for i in df.index if i in reasons]
    failures = [{"index": i, "record": _record(df.loc[i]),
                 "reason": "; ".join(whole_frame + reasons.get(i, []))} for i in bad]
    valid = df.drop(index=bad)
    if not whole_frame and len(valid):
        valid = GradesSchema.validate(valid, lazy=True)
    return valid, failures


_CHECK_NAMES = {"multiple_fields_uniqueness":
                "duplicate grade for the same (publication_id, force_id, area)"}


_ROW_CHECK_COLUMNS = {"grade is outside": ("grade", "cycle", "body_type"),
                      "force_id is not": ("force_id", "body_type")}


def _relevant(check: str, values: list[str]) -> list[str]:
    """For a whole-row check, only the columns it is about."""
    for prefix, columns in _ROW_CHECK_COLUMNS.items():
        if check.startswith(prefix):
            return [v for v in values if v.split("=", 1)[0] in columns]
    return values


def _record(row: pd.Series) -> dict[str, Any]:
    return {k: (None if not isinstance(v, str) and pd.isna(v) else
                (int(v) if k == "page" else v)) for k, v in row.to_dict().items()}
