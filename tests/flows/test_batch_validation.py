"""Validation once per batch (issue 18): one pandera call for a batch's rows of a table
splits them exactly as one call per publication would, each rejected row with its own
publication; a failure of the whole frame (a column's dtype) falls back to one
publication at a time, so one bad publication never rejects the others."""
from __future__ import annotations

from datetime import date
from typing import Any

from schemas.common import validate_groups, validate_rows
from schemas.grades import GradesSchema
from schemas.publications import COLUMNS as PUB_COLUMNS, PublicationsSchema

GRADE_COLUMNS = list(GradesSchema.to_schema().columns)


def _grade(pub: str, **over: Any) -> dict[str, Any]:
    row = {"publication_id": pub, "force_id": "essex", "body_type": "police",
           "area": "Investigating crime", "area_key": "investigating_crime",
           "grade": "adequate", "cycle": "2023-25",
           "source_url": f"https://example.test/{pub}/", "page": None}
    return {**row, **over}


def _publication(pub: str, **over: Any) -> dict[str, Any]:
    row = {"publication_id": pub, "url": f"https://example.test/{pub}/",
           "title": f"Report {pub}", "published_on": date(2024, 5, 1),
           "publication_types": ["PEEL"], "is_police_inspection": True, "all_forces": False,
           "forces_text": "Essex", "corrections": None}
    return {**row, **over}


def test_one_frame_splits_rows_as_each_publication_alone() -> None:
    groups = [[_grade("a"), _grade("a", area="Responding to the public", area_key=None)],
              [_grade("b", grade="excellent", cycle="2014"),  # not on the 2023-25 scale
               _grade("b", area="Treatment of the public", grade="nonsense")],
              [],
              [_grade("c", force_id="atlantis")]]
    batched = validate_groups(GradesSchema, groups, GRADE_COLUMNS)
    alone = [validate_rows(GradesSchema, group, GRADE_COLUMNS) for group in groups]
    assert batched == alone
    assert [len(good) for good, _ in batched] == [2, 0, 0, 0]
    assert [[r["publication_id"] for r, _ in bad] for _, bad in batched] == [
        [], ["b", "b"], [], ["c"]]


def test_unique_rows_are_judged_within_their_own_publication() -> None:
    groups = [[_grade("a")], [_grade("b")], [_grade("c"), _grade("c")]]
    batched = validate_groups(GradesSchema, groups, GRADE_COLUMNS)
    assert batched == [validate_rows(GradesSchema, g, GRADE_COLUMNS) for g in groups]
    assert [len(bad) for _, bad in batched] == [0, 0, 2]


def test_a_whole_frame_failure_rejects_only_its_own_publication() -> None:
    groups = [[_publication("a")], [_publication("b", is_police_inspection="yes")],
              [_publication("c")]]
    batched = validate_groups(PublicationsSchema, groups, PUB_COLUMNS)
    alone = [validate_rows(PublicationsSchema, g, PUB_COLUMNS) for g in groups]
    assert batched == alone
    assert [bool(bad) for _, bad in batched] == [False, True, False]
