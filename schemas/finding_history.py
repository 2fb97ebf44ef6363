"""The `finding_history` table: a finding's earlier wording, kept when a correction changed it."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

CHANGES = ["reworded", "added", "removed"]


class FindingHistorySchema(pa.DataFrameModel):
    """One row per finding a corrected report reworded, added or removed."""

    publication_id: Series[str] = pa.Field(description="Publication corrected.")
    kind: Series[str] = pa.Field(description="recommendation, area_for_improvement or cause_of_concern.")
    ref: Series[str] = pa.Field(description="The finding's reference as printed.")
    force_key: Series[str] = pa.Field(description="Force the finding is addressed to ('' for all).")
    change: Series[str] = pa.Field(isin=CHANGES, description="What the correction did to it.")
    old_text: Series[str] = pa.Field(nullable=True, description="Wording before (null: added).")
    new_text: Series[str] = pa.Field(nullable=True, description="Wording after (null: removed).")
    corrections: Series[object] = pa.Field(nullable=True,
                                           description="Correction notices the pages printed then (JSON list).")

    class Config:
        strict = "filter"


COLUMNS = ["publication_id", "kind", "ref", "force_key", "change", "old_text", "new_text",
           "corrections"]
