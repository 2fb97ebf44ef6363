"""The `runs` table."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series


class RunsSchema(pa.DataFrameModel):
    """One row per pipeline run (run, backfill, reprocess)."""

    run_id: Series[str] = pa.Field(unique=True, description="Run id.")
    command: Series[str] = pa.Field(isin=["run", "backfill", "reprocess"], description="What ran.")
    status: Series[str] = pa.Field(isin=["running", "completed", "failed"], description="Outcome.")
    new: Series[int] = pa.Field(ge=0, description="Publications stored for the first time.")
    changed: Series[int] = pa.Field(ge=0, description="Publications whose rows changed.")
    unchanged: Series[int] = pa.Field(ge=0, description="Publications looked at and unchanged.")
    quarantined: Series[int] = pa.Field(ge=0, description="Publications rejected whole.")
    obligations_opened: Series[int] = pa.Field(ge=0, description="Section 55 obligations opened.")

    class Config:
        strict = "filter"
        coerce = True


COLUMNS = ["run_id", "command", "status", "new", "changed", "unchanged", "quarantined",
           "obligations_opened"]
