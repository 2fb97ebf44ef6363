"""The response office's tables: `obligation_steps`, `recommendation_register`,
`recommendation_updates`."""
from __future__ import annotations

from datetime import date

import pandera.pandas as pa
from pandera.typing import Series

from reference.checklist_steps import checklist_steps
from schemas.common import FORCE_IDS
from section55.register import STATUSES

STATUSES_LIST = list(STATUSES)


class ObligationStepsSchema(pa.DataFrameModel):
    """One row per checklist step recorded for an obligation (notes may repeat)."""

    publication_id: Series[str] = pa.Field(description="The obligation's publication.")
    force_id: Series[str] = pa.Field(description="The obligation's force.")
    step: Series[str] = pa.Field(isin=list(checklist_steps()),
                                 description="Step id from reference/checklist_steps.csv.")
    done_on: Series[date] = pa.Field(description="Date the step was done (not before publication).")
    note: Series[str] = pa.Field(nullable=True, description="Free text: who, what, the URL published.")
    source: Series[str] = pa.Field(isin=["manual", "site"],
                                   description="manual (recorded by hand, never overwritten) or site.")

    class Config:
        strict = "filter"


class RecommendationRegisterSchema(pa.DataFrameModel):
    """One row per finding that applies to a force, with its current status."""

    register_id: Series[str] = pa.Field(unique=True, str_matches=r"^rr-[0-9a-f]{12}$",
                                        description="rr- + sha256(publication, force, kind, ref)[:12]: stable across reprocessing and rewording.")
    publication_id: Series[str] = pa.Field(description="The publication that made the finding.")
    force_id: Series[str] = pa.Field(isin=FORCE_IDS, description="Force the finding applies to.")
    kind: Series[str] = pa.Field(isin=["recommendation", "area_for_improvement", "cause_of_concern"],
                                 description="recommendation, area_for_improvement or cause_of_concern.")
    ref: Series[str] = pa.Field(description="The finding's number in the report.")
    text: Series[str] = pa.Field(str_length={"min_value": 1},
                                 description="The finding's current wording (updated after a correction).")
    status: Series[str] = pa.Field(isin=STATUSES_LIST,
                                   description="awaiting review, being progressed, complete, not accepted (latest update).")
    status_on: Series[date] = pa.Field(nullable=True, description="Date of the latest status update; null while awaiting review.")
    in_report: Series[bool] = pa.Field(description="False once the finding no longer appears in the report (history kept).")

    class Config:
        strict = "filter"


class RecommendationUpdatesSchema(pa.DataFrameModel):
    """One row per dated status update of a register entry."""

    register_id: Series[str] = pa.Field(description="The register entry.")
    status: Series[str] = pa.Field(isin=STATUSES_LIST, description="Status from this date.")
    updated_on: Series[date] = pa.Field(description="Date of the update (not before publication).")
    note: Series[str] = pa.Field(nullable=True, description="What was done or decided.")

    class Config:
        strict = "filter"
