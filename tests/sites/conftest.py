"""One pipeline run per replica for the whole session, shared by every module here."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import site_checks as check
from tests.sites.replicas import BY_NAME


class Pipelines:
    """Runs the pipeline over a replica the first time its tables are asked for."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._factory = tmp_path_factory
        self._runs: dict[str, Iterator[dict[str, Any]]] = {}
        self._tables: dict[str, dict[str, Any]] = {}

    def __getitem__(self, name: str) -> dict[str, Any]:
        if name not in self._tables:
            replica = BY_NAME[name]
            run = check.run_pipeline(self._factory, name, replica.server(replica.build()),
                                     as_of=replica.as_of)
            self._runs[name] = run
            self._tables[name] = next(run)
        return self._tables[name]

    def close(self) -> None:
        for run in self._runs.values():
            run.close()


@pytest.fixture(scope="session")
def pipelines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipelines]:
    """Every replica's pipeline tables (the report, the server and each table), by name."""
    runs = Pipelines(tmp_path_factory)
    yield runs
    runs.close()
