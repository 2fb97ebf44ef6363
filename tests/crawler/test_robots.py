"""robots.txt: fetched once, honoured, 4xx allows all, 5xx disallows all."""
from __future__ import annotations

import threading

import pytest

from crawler.discover import discover
from flows.steps import listing_reader
from tests.crawler.conftest import Crawl
from tests.replica.server import Fault


def test_disallowed_paths_are_never_requested(crawl: Crawl) -> None:
    client = crawl.client()
    found = discover(client, crawl.urls, set(),
                      read_listing=listing_reader(crawl.urls))
    assert "private-draft" in {i.publication_id for i in found.items}  # linked from the listing
    results = {item.publication_id: client.fetch(item.url) for item in found.items}
    assert results["private-draft"].error == "disallowed by robots.txt"
    assert all(r.ok for slug, r in results.items() if slug != "private-draft")
    for path in ("/wp-admin/", "/search/"):
        assert not client.fetch(crawl.url(path)).ok
    assert not client.allowed_by_robots(crawl.url("/wp-admin/options.php"))
    assert client.allowed_by_robots(crawl.url("/wp-admin/admin-ajax.php"))
    assert crawl.server.requests_to("/publications/private-draft/") == []
    assert crawl.server.requests_to("/wp-admin/") == []
    assert crawl.server.requests_to("/search/") == []
    assert len(crawl.seen("/robots.txt")) == 1  # once per client


def test_robots_5xx_disallows_everything_and_says_why(crawl: Crawl) -> None:
    crawl.server.add_fault("/robots.txt", Fault("status", status=500))
    client = crawl.client()
    result = client.fetch(crawl.url("/publications/"))
    assert not result.ok
    assert result.error == ("robots.txt unavailable (gave up after 3 tries: HTTP 500): "
                            "host treated as disallowed")
    assert "HTTP 500" in (client.robots_problem(crawl.url("/")) or "")
    assert crawl.server.requests_to("/publications/") == []
    assert len(crawl.seen("/robots.txt", 3)) == 3


def test_robots_503_then_success_is_retried(crawl: Crawl) -> None:
    crawl.server.add_fault("/robots.txt", Fault("status", status=503, retry_after=1, times=1))
    client = crawl.client()
    assert client.fetch(crawl.url("/publications/")).ok
    assert not client.allowed_by_robots(crawl.url("/publications/private-draft/"))


def test_robots_404_allows_everything(crawl: Crawl) -> None:
    crawl.server.site.remove("/robots.txt")
    client = crawl.client()
    assert client.fetch(crawl.url("/publications/private-draft/")).ok
    assert client.robots_problem(crawl.url("/")) == "HTTP 404: no rules"


def test_user_agent_is_honest_and_configurable(crawl: Crawl,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HMICFRS_CONTACT", "data-team@example.org")
    crawl.client().fetch(crawl.url("/publications/"))
    agent = crawl.seen("/publications/")[0].headers["user-agent"]
    assert agent.startswith("hmicfrs/") and "contact: data-team@example.org" in agent
    assert "+https://github.com/hmicfrs" in agent
    monkeypatch.setenv("HMICFRS_USER_AGENT", "custom-agent/1.0 (ops@example.org)")
    crawl.client().fetch(crawl.url("/about-us/"))
    assert crawl.seen("/about-us/")[0].headers["user-agent"] == "custom-agent/1.0 (ops@example.org)"


def test_one_client_from_several_threads(crawl: Crawl) -> None:
    client = crawl.client()
    items = discover(client, crawl.urls, set(),
                      read_listing=listing_reader(crawl.urls)).items
    allowed = [i.url for i in items if client.allowed_by_robots(i.url)]
    results: dict[str, bool] = {}

    def work(chunk: list[str]) -> None:
        for url in chunk:
            results[url] = client.fetch(url).ok

    threads = [threading.Thread(target=work, args=(allowed[n::4],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == len(allowed) and all(results.values())
    assert len(crawl.seen("/robots.txt")) == 1
