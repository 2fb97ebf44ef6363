"""The `recommendations` table: recommendations, areas for improvement, causes of concern."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from reference.forces import forces

KINDS = ["recommendation", "area_for_improvement", "cause_of_concern"]
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
