"""The `changes` journal and the `audit` table."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from store.journal import KINDS

AUDIT_ACTIONS = ["respond", "record_step", "update_recommendation"]


class ChangesSchema(pa.DataFrameModel):
    """One row per change a tracker polls for; `id` is the feed's cursor."""

    id: Series[int] = pa.Field(ge=1, unique=True, description="Cursor: grows with every change.")
    kind: Series[str] = pa.Field(isin=list(KINDS), description="What changed.")
    publication_id: Series[str] = pa.Field(nullable=True, description="Publication concerned.")
    force_id: Series[str] = pa.Field(nullable=True, description="Force concerned, if one.")
    detail: Series[object] = pa.Field(nullable=True,
                                      description="Fields changed, new status, response, "
                                                  "checklist step or register update (JSON).")

    class Config:
        strict = "filter"
        coerce = True


class AuditSchema(pa.DataFrameModel):
    """One row per write made through the web view: who, when, what."""

    who: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name the writer signed in with.")
    action: Series[str] = pa.Field(isin=AUDIT_ACTIONS, description="What was done.")
    target: Series[str] = pa.Field(str_length={"min_value": 1},
                                   description="Row written: publication_id/force_id (respond), "
                                               "publication_id/force_id/step (record_step), "
                                               "register_id (update_recommendation).")
    detail: Series[object] = pa.Field(nullable=True, description="Values before and after (JSON).")

    class Config:
        strict = "filter"


COLUMNS = ["id", "kind", "publication_id", "force_id", "detail"]
AUDIT_COLUMNS = ["who", "action", "target", "detail"]
