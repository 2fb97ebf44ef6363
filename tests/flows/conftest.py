"""Fixtures for pipeline tests: a database on SQLite or a real PostgreSQL server."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store.db import default_db_url
from tests.pg_server import pg_url, reset_database  # noqa: F401  (session fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_data_dir: Path) -> Iterator[str]:
    """An empty database of each kind the product supports."""
    if request.param == "sqlite":
        yield default_db_url(tmp_data_dir)
    else:
        url = request.getfixturevalue("pg_url")
        reset_database(url)
        yield url


@pytest.fixture
def sqlite_url(tmp_data_dir: Path) -> str:
    """An empty SQLite database in the test's data directory."""
    return default_db_url(tmp_data_dir)
