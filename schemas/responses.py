"""The `responses` table."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import body_rows

SOURCES = ["site", "manual"]


class ResponsesSchema(body_rows(publication="The publication responded to.",
                                 force="Force whose local policing body responded.")):
    """One row per response document of a local policing body to a publication."""

    url: Series[str] = pa.Field(description="The response document ('' for a manual record without a link).")
    kind: Series[str] = pa.Field(nullable=True, isin=["pdf", "html"],
                                 description="pdf or html (null for a manual record).")
    sha256: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$",
                                   description="Hash of the fetched response document, if fetched.")
    printed_on: Series[date] = pa.Field(nullable=True, description="Date printed on the response, if any.")
    first_seen_on: Series[date] = pa.Field(description="Night the response was first seen (or recorded).")
    source: Series[str] = pa.Field(isin=SOURCES, description="site (read from the landing page) or manual (`hmicfrs respond`).")

    @pa.dataframe_check(name="a printed date is not after the night it was first seen")
    def _printed_before_seen(cls, df: pd.DataFrame) -> Series[bool]:  # noqa: N805
        printed = pd.to_datetime(df["printed_on"])
        seen = pd.to_datetime(df["first_seen_on"])
        return printed.isna() | (printed <= seen)


COLUMNS = ["publication_id", "force_id", "local_policing_body", "url", "kind", "sha256", "printed_on",
           "first_seen_on", "source"]
