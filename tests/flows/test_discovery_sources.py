"""The direct-links replica (tests/replica_direct) on the other ways in and on report files
listed straight: a listed PDF is a publication or a quarantine row that names it; the news
feed's later pages are walked (bounded, stopping at known items); a source the site does
not serve is asked again weekly, not every night."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import timedelta
from html import escape
from pathlib import Path

from flows.pipeline import RunReport, run_pipeline
from tests.flows.helpers import rows, settings
from tests.replica.minipdf import tiny_pdf
from tests.replica.server import ReplicaServer
from tests.replica.site import PDF
from tests.replica_direct import site as direct
from tests.replica_direct.site import AS_OF, build_direct_site

UNSERVED = ("/peel-assessments/", "/frs-assessments/", "/sitemap.xml")


def _run(server: ReplicaServer, data: Path, db: str, days: int = 0,
         **changes: int) -> tuple[RunReport, set[str]]:
    """One night ``days`` after AS_OF; the report and the paths it requested."""
    seen = len(server.requests)
    report = run_pipeline(replace(settings(server.url, data, db, AS_OF + timedelta(days=days)),
                                  **changes), command="run")
    time.sleep(0.2)
    return report, {r.path for r in server.requests[seen:]}


def test_listed_pdfs_are_publications_with_their_findings(tmp_data_dir: Path,
                                                          sqlite_url: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        _run(server, tmp_data_dir, sqlite_url)
    pub = direct.CUSTODY
    got = {r["publication_id"]: r for r in rows(sqlite_url, "publications")}
    assert (got[pub.pid]["title"], got[pub.pid]["published_on"]) == (pub.title, pub.published_on)
    assert [(d["kind"], d["url"].endswith(pub.path)) for d in rows(sqlite_url, "documents")
            if d["publication_id"] == pub.pid] == [("pdf", True)]
    found = [(r["kind"], r["force_id"], r["due_by"].isoformat()) for r in
             rows(sqlite_url, "recommendations") if r["publication_id"] == pub.pid]
    assert found == [("recommendation", "cleveland", "2025-12-31")]


def test_a_listed_pdf_without_a_date_is_a_quarantine_row_that_names_it(
        tmp_data_dir: Path, sqlite_url: str) -> None:
    site = build_direct_site()
    pub = direct.CUSTODY
    site.put(pub.path, tiny_pdf(pub.title, ["We inspected the custody suites."]), PDF)
    with ReplicaServer(site) as server:
        report, _ = _run(server, tmp_data_dir, sqlite_url)
    assert pub.pid not in {r["publication_id"] for r in rows(sqlite_url, "publications")}
    named = [q for q in rows(sqlite_url, "quarantine")
             if (q["record"] or {}).get("publication_id") == pub.pid]
    assert named and all(q["stage"] == "extract" for q in named)
    assert any("no publication date printed in the report PDF" in q["reason"] for q in named)
    lines = "\n".join(report.lines())
    assert "2 listed items not loaded:" in lines and pub.pid in lines


def _paged_news(site_pages: int) -> dict[str, str]:
    """A news feed of ``site_pages`` pages (``/news/page/<n>/``, 'Next' links): the last
    page's item links Norfolk's PEEL report, the others link no report."""
    out = {}
    for n in range(1, site_pages + 1):
        path = "/news/news-feed/" if n == 1 else f"/news/page/{n}/"
        nxt = f'<a href="/news/page/{n + 1}/">Next</a>' if n < site_pages else ""
        out[path] = direct._page("News", f'<h1>News</h1><ul><li><h3><a href="/news/news-feed/'
                                 f'item-{n}/">Item {n}</a></h3></li></ul>{nxt}', False)
        link = (f'<a href="{direct.NORFOLK.path}">{escape(direct.NORFOLK.title)}</a>'
                if n == site_pages else "We spoke at a conference.")
        out[f"/news/news-feed/item-{n}/"] = direct._page(f"Item {n}", f"<h1>Item {n}</h1>"
                                                        f"<p>{link}</p>", False)
    return out


def test_the_news_feeds_later_pages_are_walked_until_known_items(tmp_data_dir: Path,
                                                                 sqlite_url: str) -> None:
    site = build_direct_site()
    for path, html in _paged_news(3).items():
        site.put(path, html)
    with ReplicaServer(site) as server:
        first, asked = _run(server, tmp_data_dir, sqlite_url)
        assert {"/news/page/2/", "/news/page/3/", "/news/news-feed/item-3/"} <= asked
        assert direct.NORFOLK.pid in {r["publication_id"] for r in rows(sqlite_url,
                                                                         "publications")}
        assert "source news: 1 publications on 3 pages" in "\n".join(first.lines())
        second, asked = _run(server, tmp_data_dir, sqlite_url, days=1)
    assert "/news/news-feed/" in asked and "/news/page/2/" not in asked
    assert "source news: 0 publications on 1 pages (stopped at known items (page 1))" in \
        "\n".join(second.lines())


def test_the_news_walk_stops_at_the_page_limit(tmp_data_dir: Path, sqlite_url: str) -> None:
    site = build_direct_site()
    for path, html in _paged_news(3).items():
        site.put(path, html)
    with ReplicaServer(site) as server:
        report, asked = _run(server, tmp_data_dir, sqlite_url, source_pages=2)
    assert "/news/page/2/" in asked and "/news/page/3/" not in asked
    assert "(stopped at the page limit (2))" in "\n".join(report.lines())
    assert direct.NORFOLK.pid not in {r["publication_id"] for r in rows(sqlite_url,
                                                                         "publications")}


def test_a_source_the_site_does_not_serve_is_asked_again_weekly(tmp_data_dir: Path,
                                                                sqlite_url: str) -> None:
    with ReplicaServer(build_direct_site()) as server:
        _, first = _run(server, tmp_data_dir, sqlite_url)
        quiet, second = _run(server, tmp_data_dir, sqlite_url, days=1)
        _, week = _run(server, tmp_data_dir, sqlite_url, days=7)
        statuses = [(r.path, r.status) for r in server.requests if r.path in UNSERVED]
    assert set(UNSERVED) <= first and not set(UNSERVED) & second and set(UNSERVED) <= week
    assert sorted(statuses) == sorted((p, 404) for p in UNSERVED for _ in range(2))
    again = (AS_OF + timedelta(days=7)).isoformat()
    assert f"source sitemap: not served by the site (404 on {AS_OF.isoformat()}); asked " \
           f"again from {again}" in "\n".join(quiet.lines())
    assert "/news/news-feed/" in second  # a served source is read every night
