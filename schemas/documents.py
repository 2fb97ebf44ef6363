"""The `documents` table."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class DocumentsSchema(pa.DataFrameModel):
    """One row per report file a publication links to (PDF or HTML version)."""

    publication_id: Series[str] = pa.Field(description="The publication that links to it.")
    url: Series[str] = pa.Field(str_startswith="http", description="Canonical URL on the public host.")
    kind: Series[str] = pa.Field(isin=["pdf", "html"], description="pdf or html.")
    language: Series[str] = pa.Field(isin=["en", "cy"], description="en, or cy for a Welsh version.")
    sha256: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$",
                                   description="Content hash; the raw bytes are archived under it.")
    bytes: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Size in bytes.")
    status: Series[str] = pa.Field(isin=["extracted", "quarantined", "missing"],
                                   description="extracted, quarantined (unreadable) or missing (not fetched).")

    class Config:
        strict = "filter"
        coerce = True


COLUMNS = ["publication_id", "url", "kind", "language", "sha256", "bytes", "status"]
