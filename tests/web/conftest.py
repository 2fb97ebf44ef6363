"""A store loaded by the real pipeline from the replica, plus one publication whose title
carries markup, shared by every web test (read-only tests use it as it is)."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from store.db import default_db_url, open_store
from tests.flows.helpers import run
from tests.replica.catalogue import standard_publications
from tests.replica.server import ReplicaServer
from tests.replica.site import assemble
from web.app import create_app

AS_OF = date(2025, 9, 1)
HOSTILE_SLUG = "stop-and-search-markup-review"
HOSTILE_TITLE = 'Stop and search <script>alert("owned")</script> review & <b>follow-up</b>'
SECRET = "correct horse battery staple"


def hostile_publication():  # type: ignore[no-untyped-def]
    """A Staffordshire report re-dated to 2025 with markup in its title (and own files)."""
    base = next(s for s in standard_publications() if s.slug == "staffordshire-stop-and-search")
    docs = tuple(dataclasses.replace(d, path=d.path.replace("staffordshire-police-", "markup-"),
                                     href=d.href.replace("staffordshire-police-", "markup-"),
                                     published_on=date(2025, 8, 20)) for d in base.docs)
    return dataclasses.replace(base, slug=HOSTILE_SLUG, title=HOSTILE_TITLE,
                               published_on=date(2025, 8, 20), listing_date=date(2025, 8, 20),
                               docs=docs)


@pytest.fixture(scope="session")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(database URL, data directory) after one pipeline run over the replica."""
    data_dir = tmp_path_factory.mktemp("web-store")
    specs = standard_publications() + [hostile_publication()]
    specs.sort(key=lambda s: s.listing_date, reverse=True)
    url = default_db_url(data_dir)
    with ReplicaServer(assemble(specs, per_page=5)) as server:
        report = run(server.url, data_dir, url, as_of=AS_OF)
    assert report.status == "completed"
    yield url, data_dir


@pytest.fixture(scope="session")
def client(loaded_store: tuple[str, Path]) -> Iterator[TestClient]:
    """A read-only app over the loaded store."""
    engine = open_store(loaded_store[0])
    with TestClient(create_app(engine)) as c:
        yield c
    engine.dispose()


@pytest.fixture
def store_copy(loaded_store: tuple[str, Path], tmp_path: Path) -> str:
    """A private copy of the loaded store (SQLite backup API) for tests that write."""
    import sqlite3
    src = sqlite3.connect(loaded_store[0].removeprefix("sqlite:///"))
    dst_path = tmp_path / "copy.db"
    dst = sqlite3.connect(dst_path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{dst_path.as_posix()}"
