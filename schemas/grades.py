"""pandera model of the `grades` table (rows are validated by schemas.common.validate_rows)."""
from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from reference.fire_services import fire_services
from reference.forces import forces
from reference.grade_scales import GRADES, scale_for

BODY_TYPES = ("police", "fire")


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
