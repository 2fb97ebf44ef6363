"""Grade scales, area names per cycle, fire & rescue service ids, and the grades schema."""
from __future__ import annotations

import pytest

from reference.fire_services import fire_service_id_for, fire_services, match_fire_services
from reference.forces import forces
from reference.grade_scales import (CDI_AREAS, FIRE_AREAS, KNOWN_AREAS, area_key, known_areas,
                                    scale_for)
from schemas.common import validate_rows
from schemas.grades import GradesSchema

FOUR = ("outstanding", "good", "requires improvement", "inadequate")
FIVE = ("outstanding", "good", "adequate", "requires improvement", "inadequate")


@pytest.mark.parametrize("cycle,kind,expected", [
    ("2014", "peel", FOUR), ("2016", "peel", FOUR), ("2018-19", "peel", FOUR),
    ("2021-22", "peel", FIVE), ("2023-25", "peel", FIVE), ("2025-27", "peel", FIVE),
    ("2016", "cdi", FOUR), ("2023-25", "cdi", FOUR), (None, "cdi", FOUR),
    ("2018-19", "fire", FOUR), ("2021-22", "fire", FOUR), ("2023-25", "fire", FIVE),
    (None, "peel", FIVE), (None, "fire", FIVE),
])
def test_scale_for(cycle: str | None, kind: str, expected: tuple[str, ...]) -> None:
    assert scale_for(cycle, kind) == expected


def test_scale_for_unknown_scheme_fails_loudly() -> None:
    with pytest.raises(ValueError):
        scale_for("2023-25", "prisons")
    with pytest.raises(ValueError):
        area_key("Investigating crime", "2023-25", "prisons")


@pytest.mark.parametrize("area,cycle,kind,expected", [
    ("Investigating crime", "2023-25", "peel", "investigating_crime"),
    ("INVESTIGATING CRIME", "2021-22", "peel", "investigating_crime"),
    ("Preventing crime and antisocial behaviour", "2021-22", "peel", "preventing_crime"),
    ("Preventing crime and anti-social behaviour", "2021-22", "peel", "preventing_crime"),
    ("Preventing and deterring crime and anti-social behaviour, and reducing vulnerability",
     "2023-25", "peel", "preventing_crime"),
    ("Building, supporting & protecting the workforce", "2023-25", "peel",
     "building_the_workforce"),
    ("1. Leadership and force management", "2023-25", "peel",
     "leadership_and_force_management"),
    ("Good use of resources", "2021-22", "peel", "good_use_of_resources"),
    ("Good use of resources", "2023-25", "peel", None),
    ("Leadership and force management", "2021-22", "peel", None),
    ("How effective is the force at investigating crime and reducing re-offending?", "2016",
     "peel", "investigating_crime"),
    ("Legitimacy", "2017", "peel", "legitimacy"),
    ("Investigating crime", None, "peel", "investigating_crime"),
    ("Tackling fraud", "2023-25", "peel", None),
    ("Victim service assessment", "2023-25", "peel", None),
    ("Crime recording", "2016", "cdi", "crime_recording"),
    ("Responding to national risks", "2018-19", "fire", "responding_to_major_incidents"),
    ("Preventing fire and other risks", "2023-25", "fire", "preventing_fires"),
    ("Effectiveness", "2021-22", "fire", "effectiveness"),
    ("Effectiveness", "2023-25", "fire", None),
])
def test_area_key(area: str, cycle: str | None, kind: str, expected: str | None) -> None:
    assert area_key(area, cycle, kind) == expected


def test_known_areas_per_cycle() -> None:
    assert len(KNOWN_AREAS["2023-25"]) == 9
    assert len(KNOWN_AREAS["2021-22"]) == 10
    assert KNOWN_AREAS["2023-25"]["police_powers_and_public_treatment"] == \
        "Police powers and public treatment"
    assert "adequate" not in " ".join(KNOWN_AREAS["2016"].values()).lower()
    assert len(FIRE_AREAS["2023-25"]) == 11
    assert len(FIRE_AREAS["2021-22"]) == 14  # three pillars and eleven questions
    assert known_areas("cdi") is CDI_AREAS
    for table in (KNOWN_AREAS, FIRE_AREAS, CDI_AREAS):
        for cycle, areas in table.items():
            for key, name in areas.items():
                kind = "fire" if table is FIRE_AREAS else "cdi" if table is CDI_AREAS else "peel"
                assert area_key(name, cycle, kind) == key


def test_fire_services_table() -> None:
    services = fire_services()
    assert len(services) == 46  # 44 services now, plus Hampshire and Isle of Wight before 2021
    assert len([s for s in services.values() if s.until is None]) == 44
    police = set(forces())
    assert all(sid.endswith("-fire") and sid not in police for sid in services)
    assert services["hampshire-fire"].successor == "hampshire-and-isle-of-wight-fire"
    assert services["essex-fire"].name == "Essex County Fire and Rescue Service"


@pytest.mark.parametrize("name,expected", [
    ("Essex County Fire and Rescue Service", "essex-fire"),
    ("Essex County Fire & Rescue Service", "essex-fire"),
    ("essex", "essex-fire"),
    ("essex-fire", "essex-fire"),
    ("London Fire Brigade", "london-fire"),
    ("West Midlands Fire Service", "west-midlands-fire"),
    ("Cleveland Fire Brigade", "cleveland-fire"),
    ("Devon & Somerset FRS", "devon-and-somerset-fire"),
    ("Hampshire and Isle of Wight Fire and Rescue Service", "hampshire-and-isle-of-wight-fire"),
    ("Royal Berkshire Fire and Rescue Service", "royal-berkshire-fire"),
    ("Essex Police", None),
    ("Nowhere Fire and Rescue Service", None),
])
def test_fire_service_id_for(name: str, expected: str | None) -> None:
    assert fire_service_id_for(name) == expected


def test_match_fire_services_needs_a_fire_word() -> None:
    text = ("A joint report on Essex Police, Kent Fire and Rescue Service and London Fire "
            "Brigade, with Essex County Fire & Rescue Service")
    assert match_fire_services(text) == ["kent-fire", "london-fire", "essex-fire"]
    assert match_fire_services("Essex Police and Kent Police") == []


# ------------------------------------------------------------------ grades table schema

def _row(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "publication_id": "peel-2023-25-essex", "force_id": "essex", "body_type": "police",
        "area": "Investigating crime", "area_key": "investigating_crime", "grade": "adequate",
        "cycle": "2023-25", "source_url": "https://example.test/peel-reports/essex-2023-25/",
        "page": None}
    row.update(over)
    return row


GRADE_COLUMNS = list(GradesSchema.to_schema().columns)


def _validated(rows: list[dict[str, object]], columns: list[str] = GRADE_COLUMNS
               ) -> tuple[list[int], dict[int, str]]:
    """What the pipeline's validation (flows/rows.py) keeps and refuses, by row number."""
    good, bad = validate_rows(GradesSchema, rows, columns)
    return ([next(i for i, r in enumerate(rows) if r is g) for g in good],
            {next(i for i, r in enumerate(rows) if r is row): why for row, why in bad})


def test_valid_police_and_fire_rows_pass() -> None:
    rows = [_row(), _row(area="Responding to the public", area_key=None, grade="good", page=7),
            _row(publication_id="p2", force_id="essex-fire", body_type="fire", area="People",
                 area_key="people", grade="good", cycle="2021-22")]
    assert _validated(rows) == ([0, 1, 2], {})


def test_schema_rejects_bad_rows_for_quarantine() -> None:
    rows = [
        _row(),
        _row(area="Responding to the public", grade="good"),
        _row(area="Responding to the public", grade="adequate"),
        _row(publication_id="peel-2016-kent", force_id="kent", area="Legitimacy",
             grade="adequate", cycle="2016"),
        _row(force_id="essex-fire", body_type="police", area="People"),
        _row(force_id="essex", body_type="fire", area="People"),
        _row(area="Protecting vulnerable people", grade="very good"),
        _row(area="Managing offenders and suspects", page=0),
        _row(area="Leadership and force management", area_key=None, grade="good", cycle=None),
        _row(publication_id="frs-2021-22-essex", force_id="essex-fire", body_type="fire",
             area="Preventing fire and other risks", grade="adequate", cycle="2021-22"),
    ]
    valid, reasons = _validated(rows)
    assert valid == [0, 8]
    assert sorted(reasons) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert reasons[1] == reasons[2] == "multiple_fields_uniqueness failed"
    assert reasons[3] == reasons[9] == "grade is outside the scale of its cycle failed"
    assert reasons[4] == reasons[5] == ("force_id is not a police force (body_type police) or a "
                                        "fire and rescue service (body_type fire) failed")
    assert "grade: isin(" in reasons[6] and "failed ('very good')" in reasons[6]
    assert reasons[7] == "page: greater_than_or_equal_to(1) failed (0)"


def test_schema_missing_column_fails_every_row() -> None:
    columns = [c for c in GRADE_COLUMNS if c != "cycle"]
    valid, reasons = _validated([_row(), _row(area="Responding to the public")], columns)
    assert valid == []
    assert sorted(reasons) == [0, 1]
    assert all(why.startswith("column_in_dataframe failed") for why in reasons.values())
