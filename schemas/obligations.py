"""The `section55_obligations` table."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import body_rows

STATUSES = ["open", "overdue", "responded", "responded_late"]


class ObligationsSchema(body_rows(publication="The publication.",
                                   force="Force (or British Transport Police) the body oversees.")):
    """One row per publication x local policing body that must respond."""

    published_on: Series[date] = pa.Field(description="First publication date (the clock's start).")
    statutory_deadline: Series[date] = pa.Field(nullable=True, description="Publication + 55 days; null before 2 May 2017.")
    practice_deadline: Series[date] = pa.Field(nullable=True, description="Publication + 56 days; null before 2 May 2017.")
    status: Series[str] = pa.Field(isin=STATUSES, description="open, overdue, responded, responded_late (practice deadline).")
    rule_version: Series[str] = pa.Field(description="Version of the rule that opened the obligation.")

    @pa.dataframe_check(name="deadlines are +55 / +56 days")
    def _deadlines(cls, df: pd.DataFrame) -> Series[bool]:  # noqa: N805
        pub = pd.to_datetime(df["published_on"])
        stat = pd.to_datetime(df["statutory_deadline"])
        prac = pd.to_datetime(df["practice_deadline"])
        ok_stat = stat.isna() | ((stat - pub).dt.days == 55)
        ok_prac = prac.isna() | ((prac - pub).dt.days == 56)
        return ok_stat & ok_prac


COLUMNS = ["publication_id", "force_id", "local_policing_body", "published_on",
           "statutory_deadline", "practice_deadline", "status", "rule_version"]
