"""The `publications` table."""
from __future__ import annotations

from datetime import date
from typing import Optional

import pandera.pandas as pa
from pandera.typing import Series

SLUG = r"^[a-z0-9][a-z0-9._~%-]*$"


class PublicationsSchema(pa.DataFrameModel):
    """One row per publication (a landing page)."""

    publication_id: Series[str] = pa.Field(str_matches=SLUG, unique=True,
                                           description="Landing page slug, or for a report page the listing links to straight its path joined by '--' (peel-reports--essex-2023-25): stable, host-independent.")
    url: Series[str] = pa.Field(str_startswith="https://", description="Canonical landing page URL on the public site.")
    title: Series[str] = pa.Field(str_length={"min_value": 3}, description="Title as the page prints it.")
    published_on: Series[date] = pa.Field(ge=date(2000, 1, 1), le=date(2100, 1, 1),
                                          description="Landing page's 'Published on' date (ISO).")
    publication_types: Series[object] = pa.Field(description="Publication types as a list of strings.")
    is_police_inspection: Series[bool] = pa.Field(description="True when the publication carries a s.55 duty.")
    all_forces: Series[bool] = pa.Field(description="'All local forces in England and Wales'.")
    forces_text: Series[str] = pa.Field(nullable=True, description="The 'Police forces' line as printed.")
    corrections: Series[object] = pa.Field(nullable=True, description="Correction notices the pages print ('This report was updated on ... to correct ...'), a JSON list.")

    @pa.check("publication_types", element_wise=True, name="list of non-empty strings")
    def _types_are_lists(cls, value: object) -> bool:  # noqa: N805
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)

    class Config:
        strict = "filter"
        coerce = False


COLUMNS = ["publication_id", "url", "title", "published_on", "publication_types",
           "is_police_inspection", "all_forces", "forces_text", "corrections"]
