"""Fixtures of the store tests: a fresh store on each database the product supports."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from store.db import default_db_url, open_store
from tests.pg_server import pg_url  # noqa: F401  (session fixture: a real PostgreSQL server)
from tests.pg_server import reset_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The URL of an empty store: the embedded SQLite file, then the private PostgreSQL
    server's database, reset."""
    if request.param == "sqlite":
        yield default_db_url(tmp_path)
        return
    url = request.getfixturevalue("pg_url")
    reset_database(url)
    yield url


@pytest.fixture
def engine(db: str) -> Iterator[Engine]:
    """That store, opened (schema created by the migrations)."""
    eng = open_store(db)
    yield eng
    eng.dispose()
