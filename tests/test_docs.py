"""docs/tables.md is generated from the models and must not drift from them."""
from __future__ import annotations

from pathlib import Path

from schemas.docs import data_dictionary
from schemas.registry import MODELS
from store.tables import CONTRACT_TABLES, metadata


def test_data_dictionary_is_current() -> None:
    path = Path(__file__).resolve().parents[1] / "docs" / "tables.md"
    assert path.read_text(encoding="utf-8") == data_dictionary(), \
        "docs/tables.md is stale: run `python -m schemas.docs > docs/tables.md`"


def test_every_contract_table_has_a_model_and_is_documented() -> None:
    text = data_dictionary()
    assert set(CONTRACT_TABLES) <= set(MODELS) <= set(metadata.tables)
    for name in CONTRACT_TABLES:
        assert f"## `{name}`" in text
