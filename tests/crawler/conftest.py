"""Crawler fixtures: a fast, uncapped PoliteClient against the running replica."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import time

import pytest

from crawler.archive import RawArchive
from crawler.http import PoliteClient
from crawler.responses import FetchLogEntry
from crawler.validators import MemoryValidatorStore
from crawler.urls import SiteUrls
from tests.replica.server import ReplicaServer, RequestRecord

FAST = dict(rate_per_second=0, backoff_base=0.01, max_retry_after=0.05, timeout=2.0,
            max_tries=3)


@dataclass
class Crawl:
    """A client with its archive, validators and fetch log, over one replica server."""

    server: ReplicaServer
    urls: SiteUrls
    archive: RawArchive
    validators: MemoryValidatorStore
    log: list[FetchLogEntry] = field(default_factory=list)
    clients: list[PoliteClient] = field(default_factory=list)

    def client(self, **overrides: Any) -> PoliteClient:
        """A new client sharing archive, validators and log (closed after the test)."""
        client = PoliteClient(self.urls, self.archive, self.validators, self.log.append,
                              **{**FAST, **overrides})
        self.clients.append(client)
        return client

    def url(self, path: str) -> str:
        return self.server.url + path

    def logged(self, path: str) -> list[FetchLogEntry]:
        return [e for e in self.log if e.url == self.url(path)]

    def seen(self, path: str, at_least: int = 1) -> list[RequestRecord]:
        """The server's records for ``path``: it logs just after answering, so wait a little."""
        deadline = time.monotonic() + 2.0
        while len(self.server.requests_to(path)) < at_least and time.monotonic() < deadline:
            time.sleep(0.01)
        return [r for r in self.server.requests_to(path) if r.path.split("?")[0] == path]


@pytest.fixture
def crawl(replica: ReplicaServer, tmp_path: Path) -> Iterator[Crawl]:
    state = Crawl(replica, SiteUrls(replica.url), RawArchive(tmp_path / "raw"),
                  MemoryValidatorStore())
    yield state
    for client in state.clients:
        client.close()


@pytest.fixture
def client(crawl: Crawl) -> PoliteClient:
    return crawl.client()


ClientFactory = Callable[..., PoliteClient]
