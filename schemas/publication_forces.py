"""The `publication_forces` table."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import FORCE_IDS


class PublicationForcesSchema(pa.DataFrameModel):
    """One row per publication x territorial force it concerns."""

    publication_id: Series[str] = pa.Field(description="The publication.")
    force_id: Series[str] = pa.Field(isin=FORCE_IDS, description="One of the 43 force ids.")

    class Config:
        strict = "filter"
        unique = ["publication_id", "force_id"]


COLUMNS = ["publication_id", "force_id"]
