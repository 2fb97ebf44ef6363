"""Shared fixtures: the replica site (built once) and a running server per test."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.replica.server import ReplicaServer
from tests.replica.site import Site, build_site


@pytest.fixture(scope="session")
def replica_site() -> Site:
    """The standard replica site, built once per session (do not mutate it)."""
    return build_site()


@pytest.fixture
def replica(replica_site: Site) -> Iterator[ReplicaServer]:
    """A running server over a copy of the site: tests may put/remove pages and add faults."""
    with ReplicaServer(replica_site.copy()) as server:
        yield server


@pytest.fixture
def tmp_data_dir(tmp_path: Path) -> Path:
    """An empty data directory for a test."""
    path = tmp_path / "data"
    path.mkdir()
    return path
