"""Which pandera model validates which table."""
from __future__ import annotations

import pandera.pandas as pa

from schemas.changes import AuditSchema, ChangesSchema
from schemas.documents import DocumentsSchema
from schemas.finding_history import FindingHistorySchema
from schemas.grades import GradesSchema
from schemas.obligations import ObligationsSchema
from schemas.office import (ObligationStepsSchema, RecommendationRegisterSchema,
                            RecommendationUpdatesSchema)
from schemas.publication_forces import PublicationForcesSchema
from schemas.publications import PublicationsSchema
from schemas.quarantine import QuarantineSchema
from schemas.recommendations import RecommendationsSchema
from schemas.responses import ResponsesSchema
from schemas.runs import RunsSchema

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "publications": PublicationsSchema,
    "publication_forces": PublicationForcesSchema,
    "documents": DocumentsSchema,
    "recommendations": RecommendationsSchema,
    "grades": GradesSchema,
    "section55_obligations": ObligationsSchema,
    "quarantine": QuarantineSchema,
    "runs": RunsSchema,
    "responses": ResponsesSchema,
    "obligation_steps": ObligationStepsSchema,
    "recommendation_register": RecommendationRegisterSchema,
    "recommendation_updates": RecommendationUpdatesSchema,
    "changes": ChangesSchema,
    "audit": AuditSchema,
    "finding_history": FindingHistorySchema,
}
