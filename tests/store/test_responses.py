"""Responses in the store: site rows, manual records that the site never overwrites, and
links that vanish but keep their rows."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from store import repository as repo
from store import tables as t
from store.queries import record_response
from store.responses import SiteResponse, apply_site_responses, responses_listing
from tests.store.test_store import NOW, bundle, engine  # noqa: F401  (fixture)


def _site(url: str, printed: date | None, force: str = "norfolk") -> SiteResponse:
    return SiteResponse(force, "PCC", url, "Norfolk PCC’s response", "pdf", "a" * 64, printed)


def _obligation(conn):  # type: ignore[no-untyped-def]
    return conn.execute(sa.select(t.section55_obligations)).mappings().one()


def test_printed_date_decides_else_the_first_night_seen(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
        counts, new = apply_site_responses(conn, "a-report", [_site("https://p/r.html", None)],
                                           date(2025, 10, 30))
        first = dict(_obligation(conn))
        apply_site_responses(conn, "a-report", [_site("https://p/r.html", None),
                                                _site("https://p/r.pdf", date(2025, 10, 20))],
                             date(2025, 10, 31))
        second = dict(_obligation(conn))
    assert counts.inserted == 1 and new == [("norfolk", "https://p/r.html")]
    assert (first["responded_on"], first["responded_on_source"]) == (date(2025, 10, 30), "first_seen")
    assert (second["responded_on"], second["responded_on_source"], second["response_url"]) == \
        (date(2025, 10, 20), "document", "https://p/r.pdf")
    assert second["status_as_of"] is None  # the clock re-judges it


def test_manual_record_is_never_overwritten_and_a_vanished_link_keeps_its_row(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        repo.load_publication(conn, bundle(), now=NOW, run_id="r1")
        record_response(conn, "a-report", "norfolk", date(2025, 10, 1), "https://pcc/x",
                        recorded_on=date(2025, 10, 2))
        apply_site_responses(conn, "a-report", [_site("https://p/r.pdf", date(2025, 9, 30))],
                             date(2025, 10, 5))
        after_site = dict(_obligation(conn))
        apply_site_responses(conn, "a-report", [], date(2025, 10, 6))  # link gone from the page
        repo.load_publication(conn, bundle(), now=NOW, run_id="r2")     # and a reload
        rows = responses_listing(conn, force_id="norfolk")
        final = dict(_obligation(conn))
    assert (after_site["responded_on"], after_site["responded_on_source"]) == \
        (date(2025, 10, 1), "manual")
    assert final["responded_on_source"] == "manual" and final["response_url"] == "https://pcc/x"
    assert sorted((r["source"], r["url"], r["last_seen_on"] if r["source"] == "site" else None)
                  for r in rows) == [("manual", "https://pcc/x", None),
                                     ("site", "https://p/r.pdf", date(2025, 10, 5))]
