"""The JSON API: an endpoint per table, filters, paging, cursors, CSV, OpenAPI."""
from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import sqlalchemy as sa
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from schemas.changes import ChangesSchema
from store import tables as t
from web.listing import csv_cell


def _db(client: TestClient):  # type: ignore[no-untyped-def]
    return client.app.state.engine  # type: ignore[attr-defined]


def _count(client: TestClient, table: sa.Table, *where) -> int:  # type: ignore[no-untyped-def]
    with _db(client).connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()


def _all(client: TestClient, path: str) -> list[dict]:
    rows, url = [], path
    while url:
        body = client.get(url).json()
        rows += body["rows"]
        url = body["next"]
    return rows


def test_every_table_in_metadata_has_an_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(client.get("/api").json()["tables"]) == set(t.metadata.tables)
    for name, table in t.metadata.tables.items():
        assert f"/api/{name}" in spec["paths"], name
        body = client.get(f"/api/{name}", params={"limit": 3}).json()
        assert body["table"] == name
        assert body["total"] == _count(client, table)
        assert len(body["rows"]) == min(3, body["total"])
        for row in body["rows"]:
            assert list(row) == [c.name for c in table.columns]
    assert _count(client, t.publications) > 10 and _count(client, t.changes) > 10


def test_openapi_schema_is_valid_and_lists_filters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    validate(spec)
    params = {p["name"] for p in spec["paths"]["/api/section55_obligations"]["get"]["parameters"]}
    assert {"force_id", "status", "practice_deadline_from", "practice_deadline_to", "limit",
            "offset", "format"} <= params
    assert "since" in {p["name"] for p in spec["paths"]["/api/changes"]["get"]["parameters"]}
    assert client.get("/docs").status_code == 200


def test_equality_filters(client: TestClient) -> None:
    o, p, r = t.section55_obligations, t.publications, t.recommendations
    norfolk = _all(client, "/api/section55_obligations?force_id=norfolk&limit=1000")
    assert norfolk and {x["force_id"] for x in norfolk} == {"norfolk"}
    assert len(norfolk) == _count(client, o, o.c.force_id == "norfolk")
    everyone = _all(client, "/api/publications?all_forces=true")
    assert len(everyone) == _count(client, p, p.c.all_forces.is_(True)) >= 2
    unaddressed = _all(client, "/api/recommendations?force_id=")
    assert len(unaddressed) == _count(client, r, r.c.force_id.is_(None)) > 0
    both = client.get("/api/section55_obligations",
                      params={"force_id": "norfolk", "publication_id": "peel-2023-25-norfolk"}).json()
    assert both["total"] == 1 and both["rows"][0]["local_policing_body"]


def test_date_range_filters(client: TestClient) -> None:
    p = t.publications
    got = _all(client, "/api/publications?published_on_from=2024-01-01&published_on_to=2025-07-15")
    days = [date.fromisoformat(x["published_on"]) for x in got]
    assert days and all(date(2024, 1, 1) <= d <= date(2025, 7, 15) for d in days)
    assert date(2025, 7, 15) in days  # inclusive
    assert len(got) == _count(client, p, p.c.published_on.between(date(2024, 1, 1), date(2025, 7, 15)))
    stamp = client.get("/api/publications", params={"limit": 1}).json()["rows"][0]["first_seen_at"]
    day = stamp[:10]
    assert client.get(f"/api/publications?first_seen_at_from={day}&first_seen_at_to={day}"
                      ).json()["total"] == _count(client, p)
    assert client.get(f"/api/publications?first_seen_at_to=2000-01-01").json()["total"] == 0


def test_paging_walks_every_row_once(client: TestClient) -> None:
    first = client.get("/api/section55_obligations?limit=7").json()
    assert first["next"] and "offset=7" in first["next"]
    rows = _all(client, "/api/section55_obligations?limit=7")
    keys = [(x["publication_id"], x["force_id"]) for x in rows]
    assert len(keys) == len(set(keys)) == first["total"]
    assert keys == sorted(keys)


def test_changes_cursor_is_monotonic_and_complete(client: TestClient) -> None:
    body = client.get("/api/changes?since=0&limit=25").json()
    assert body["cursor"] == body["rows"][-1]["id"]
    rows = _all(client, "/api/changes?since=0&limit=25")
    ids = [x["id"] for x in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == body["total"]
    last = client.get(f"/api/changes?since={ids[-1]}").json()
    assert last["rows"] == [] and last["cursor"] == ids[-1] and last["next"] is None
    kinds = pd.DataFrame(rows)
    ChangesSchema.validate(kinds)
    opened = {(x["publication_id"], x["force_id"]) for x in rows if x["kind"] == "obligation_opened"}
    assert len(opened) == _count(client, t.section55_obligations)
    new = {x["publication_id"] for x in rows if x["kind"] == "publication_new"}
    assert len(new) == _count(client, t.publications)


def test_csv_download_of_a_filtered_listing(client: TestClient) -> None:
    res = client.get("/api/section55_obligations?force_id=norfolk&format=csv")
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == _count(client, t.section55_obligations,
                               t.section55_obligations.c.force_id == "norfolk")
    assert list(rows[0]) == [c.name for c in t.section55_obligations.columns]
    titles = {r["title"] for r in csv.DictReader(io.StringIO(
        client.get("/api/publications?format=csv").text))}
    assert 'Stop and search <script>alert("owned")</script> review & <b>follow-up</b>' in titles


def test_csv_cells_that_look_like_formulas_are_escaped() -> None:
    for bad in ("=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("Norfolk") == "Norfolk" and csv_cell(-3) == -3
    assert csv_cell(["a", "b"]) == '["a", "b"]'


def test_bad_filters_are_one_line_400s(client: TestClient) -> None:
    for path in ("/api/publications?published_on=yesterday", "/api/publications?all_forces=maybe",
                 "/api/runs?new=many", "/api/publications?limit=0",
                 "/api/publications?format=xml", "/api/changes?since=x"):
        res = client.get(path)
        assert res.status_code in (400, 422), path
        assert "detail" in res.json()
