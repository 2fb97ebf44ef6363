"""The `quarantine` table."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

STAGES = ["discover", "fetch", "extract", "reconcile", "validate", "load"]


class QuarantineSchema(pa.DataFrameModel):
    """One row per rejected record: what, where from, and why."""

    stage: Series[str] = pa.Field(isin=STAGES, description="Pipeline stage that rejected it.")
    source_url: Series[str] = pa.Field(nullable=True, description="Page or file it came from.")
    record: Series[object] = pa.Field(nullable=True, description="The rejected record (JSON).")
    reason: Series[str] = pa.Field(str_length={"min_value": 3}, description="Why, in words.")

    class Config:
        strict = "filter"


COLUMNS = ["stage", "source_url", "record", "reason"]
