"""JsonValidatorStore: validators survive a restart (used by `hmicfrs extract URL`)."""
from __future__ import annotations

from pathlib import Path

from crawler.http import PoliteClient
from crawler.validators import CachedValidators, JsonValidatorStore
from tests.crawler.conftest import FAST, Crawl


def test_json_store_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "state" / "validators.json"
    store = JsonValidatorStore(path)
    assert store.get("https://x/") is None
    entry = CachedValidators('"abc"', "Thu, 28 Aug 2025 09:30:00 GMT", "0" * 64, "text/html")
    store.put("https://x/", entry)
    assert JsonValidatorStore(path).get("https://x/") == entry
    assert [p.name for p in path.parent.iterdir()] == ["validators.json"]


def test_json_store_gives_304s_to_a_later_process(crawl: Crawl, tmp_path: Path) -> None:
    path = tmp_path / "validators.json"
    landing = crawl.url(crawl.server.site.truth.reference.path)
    with PoliteClient(crawl.urls, crawl.archive, JsonValidatorStore(path), **FAST) as first:
        assert first.fetch(landing).status == 200
    with PoliteClient(crawl.urls, crawl.archive, JsonValidatorStore(path), **FAST) as later:
        again = later.fetch(landing)
    assert again.not_modified and again.body
