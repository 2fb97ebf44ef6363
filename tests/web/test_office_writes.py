"""The office's writes through the web view: tick a checklist step, update a register
entry's status. Same sign-in / CSRF rules as recording a response; each write is stored
by the CLI's own function, audited, and journalled for trackers."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from flows.deadlines import render_deadlines
from section55.register import register_id
from store import tables as t
from store.db import open_store
from tests.web.conftest import AS_OF, SECRET
from web.app import create_app

REFERENCE = "how-effectively-do-the-police-record-crime"
CHECKLIST = f"/publications/{REFERENCE}/checklist/norfolk"


@pytest.fixture
def office(store_copy: str) -> Iterator[tuple[TestClient, str]]:
    """A client signed in as "Jo Bloggs" on a server with a secret, and its CSRF token."""
    engine = open_store(store_copy)
    with TestClient(create_app(engine, secret=SECRET)) as c:
        assert c.post("/login", data={"name": "Jo Bloggs", "secret": SECRET},
                      follow_redirects=False).status_code == 303
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/runs").text).group(1)
        yield c, token
    engine.dispose()


def _rows(c: TestClient, table: sa.Table, *where) -> list[dict]:  # type: ignore[no-untyped-def]
    with c.app.state.engine.connect() as conn:  # type: ignore[attr-defined]
        return [dict(x) for x in conn.execute(sa.select(table).where(*where)).mappings()]


def _entry(c: TestClient) -> dict:
    reg = t.recommendation_register
    return sorted(_rows(c, reg, reg.c.publication_id == REFERENCE, reg.c.force_id == "norfolk"),
                  key=lambda r: r["ref"])[0]


def _error(res) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(re.search(r'<p class="error">([^<]+)</p>', res.text).group(1))


def _tick(c: TestClient, **form: str):  # type: ignore[no-untyped-def]
    data = {"step": "comments_requested", "done_on": "2025-09-01", "note": "to the ACC", **form}
    return c.post(CHECKLIST, data=data, follow_redirects=False)


def _update(c: TestClient, rid: str, **form: str):  # type: ignore[no-untyped-def]
    data = {"status": "being progressed", "updated_on": "2025-11-01", "note": "board set up",
            **form}
    return c.post(f"/register/{rid}", data=data, follow_redirects=False)


def test_office_writes_refused_without_the_secret(store_copy: str) -> None:
    engine = open_store(store_copy)
    with TestClient(create_app(engine)) as c:
        rid = _entry(c)["register_id"]
        page = c.get(CHECKLIST).text
        assert 'id="tick-step"' not in page and "Sign in" not in page
        assert 'action="/register/' not in c.get("/forces/norfolk").text
        for res in (_tick(c, csrf="x"), _update(c, rid, csrf="x")):
            assert res.status_code == 403 and "read-only" in _error(res)
        assert _rows(c, t.obligation_steps, t.obligation_steps.c.force_id == "norfolk",
                     t.obligation_steps.c.publication_id == REFERENCE) == []
        assert _rows(c, t.recommendation_updates) == [] and _rows(c, t.audit) == []
    engine.dispose()


def test_office_writes_need_sign_in_and_csrf(store_copy: str) -> None:
    engine = open_store(store_copy)
    with TestClient(create_app(engine, secret=SECRET)) as c:
        rid = _entry(c)["register_id"]
        assert _tick(c).status_code == 401 and _update(c, rid).status_code == 401
        c.post("/login", data={"name": "Jo Bloggs", "secret": SECRET})
        for res in (_tick(c), _tick(c, csrf="forged"), _update(c, rid), _update(c, rid, csrf="0")):
            assert res.status_code == 403 and "CSRF" in _error(res)
        assert _rows(c, t.recommendation_updates) == [] and _rows(c, t.audit) == []
    engine.dispose()


def test_ticking_a_step_is_stored_audited_and_journalled(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    page = c.get(CHECKLIST).text
    assert 'id="tick-step"' in page and '<option value="comments_requested" selected>' in page
    res = _tick(c, csrf=token)
    assert res.status_code == 303 and res.headers["location"].startswith(CHECKLIST)
    s = t.obligation_steps
    stored = _rows(c, s, s.c.publication_id == REFERENCE, s.c.force_id == "norfolk")
    assert [(r["step"], r["done_on"], r["note"], r["source"]) for r in stored] == \
        [("comments_requested", date(2025, 9, 1), "to the ACC", "manual")]
    audit = _rows(c, t.audit)
    assert [(a["who"], a["action"], a["target"]) for a in audit] == \
        [("Jo Bloggs", "record_step", f"{REFERENCE}/norfolk/comments_requested")]
    assert audit[0]["detail"] == {"before": {}, "after": {
        "done_on": "2025-09-01", "note": "to the ACC", "source": "manual"}}
    changes = c.get("/api/changes?since=0&limit=1000&kind=step_recorded").json()["rows"]
    assert [(x["publication_id"], x["force_id"], x["detail"]["step"]) for x in changes] == \
        [(REFERENCE, "norfolk", "comments_requested")]
    page = c.get(CHECKLIST).text
    assert re.search(r'<tr data-step="comments_requested" class="done">', page)
    assert '<dd id="next-step">Chief officer&#39;s comments received by 9 October 2025</dd>' in page

    assert _tick(c, csrf=token, done_on="02/09/2025", note="resent").status_code == 303
    again = _rows(c, t.audit)[-1]
    assert again["detail"]["before"] == {"done_on": "2025-09-01", "note": "to the ACC",
                                         "source": "manual"}
    assert again["detail"]["after"]["done_on"] == "2025-09-02"


def test_bad_steps_and_dates_are_refused_with_a_clear_message(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    cases = [({"step": "sent_by_pigeon"}, "unknown checklist step 'sent_by_pigeon'; steps: "),
             ({"done_on": "soon"}, "date 'soon': not a date"),
             ({"done_on": "31/02/2025"}, "no such date"),
             ({"done_on": "2025-08-01"}, "date 2025-08-01 is before the publication (2025-08-28)")]
    for form, message in cases:
        res = _tick(c, csrf=token, **form)
        assert res.status_code == 400 and message in _error(res), form
    res = c.post(f"/publications/{REFERENCE}/checklist/gotham", data={
        "step": "note", "done_on": "2025-09-01", "csrf": token})
    assert res.status_code == 404 and "unknown force 'gotham'" in _error(res)
    assert _rows(c, t.obligation_steps, t.obligation_steps.c.publication_id == REFERENCE) == []
    assert _rows(c, t.audit) == []


def test_updating_a_recommendation_is_stored_audited_and_journalled(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    entry = _entry(c)
    rid = entry["register_id"]
    assert f'action="/register/{rid}"' in c.get("/forces/norfolk").text
    res = _update(c, rid, csrf=token)
    assert res.status_code == 303 and res.headers["location"] == \
        f"/forces/norfolk?updated={rid}#{rid}"
    up, reg = t.recommendation_updates, t.recommendation_register
    assert [(u["status"], u["updated_on"], u["note"]) for u in _rows(c, up)] == \
        [("being progressed", date(2025, 11, 1), "board set up")]
    now = _rows(c, reg, reg.c.register_id == rid)[0]
    assert (now["status"], now["status_on"]) == ("being progressed", date(2025, 11, 1))
    audit = _rows(c, t.audit)
    assert [(a["who"], a["action"], a["target"]) for a in audit] == \
        [("Jo Bloggs", "update_recommendation", rid)]
    assert audit[0]["detail"]["before"] == {"status": "awaiting review", "status_on": None}
    assert audit[0]["detail"]["after"]["status"] == "being progressed"
    changes = c.get("/api/changes?since=0&limit=1000&kind=register_updated").json()["rows"]
    assert [(x["publication_id"], x["force_id"], x["detail"]["register_id"],
             x["detail"]["status"]) for x in changes] == \
        [(REFERENCE, "norfolk", rid, "being progressed")]
    feed = c.get(f"/feed.atom?since={changes[0]['id'] - 1}&limit=1").text
    assert "Recommendation status updated" in feed
    page = c.get(f"/forces/norfolk?updated={rid}").text
    assert f"Status updated: {rid}" in page
    assert "1 November 2025: being progressed: board set up" in page


def test_bad_statuses_and_dates_are_refused_with_a_clear_message(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    rid = _entry(c)["register_id"]
    cases = [(rid, {"status": "done"}, "status must be one of awaiting review, being "
                                       "progressed, complete, not accepted, not 'done'"),
             (rid, {"updated_on": "next week"}, "date 'next week': not a date"),
             (rid, {"updated_on": "2025-08-27"}, "is before the publication (2025-08-28)"),
             ("rr-000000000000", {}, "unknown register id 'rr-000000000000'")]
    for target, form, message in cases:
        res = _update(c, target, csrf=token, **form)
        assert res.status_code == 400 and message in _error(res), form
    assert _rows(c, t.recommendation_updates) == [] and _rows(c, t.audit) == []


def test_deadlines_page_shows_the_next_step_the_cli_shows(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    assert _tick(c, csrf=token).status_code == 303
    engine = c.app.state.engine  # type: ignore[attr-defined]
    cli = json.loads(render_deadlines(engine, force="norfolk", status=None, as_of=AS_OF,
                                      fmt="json"))
    page = c.get(f"/deadlines?force=norfolk&as_of={AS_OF.isoformat()}").text
    shown = re.findall(r'<tr data-publication="([^"]+)" data-force="norfolk">.*?'
                       r'<td class="next-step" data-step="([^"]*)">', page, re.S)
    assert shown == [(r["publication_id"], r["next_step"] or "") for r in cli] and shown
    assert dict(shown)[REFERENCE] == "comments_received"
    assert "Chief officer&#39;s comments received</a><br><small>due 9 October 2025" in page


def test_recording_a_response_ticks_published(office) -> None:  # type: ignore[no-untyped-def]
    c, token = office
    res = c.post(f"/publications/{REFERENCE}/respond", follow_redirects=False, data={
        "force": "norfolk", "responded_on": "2025-10-01", "url": "https://example.org/r",
        "csrf": token})
    assert res.status_code == 303
    s = t.obligation_steps
    assert [(r["step"], r["done_on"], r["note"]) for r in _rows(
        c, s, s.c.publication_id == REFERENCE, s.c.force_id == "norfolk")] == \
        [("published", date(2025, 10, 1), "https://example.org/r")]
    early = c.post(f"/publications/{REFERENCE}/respond", data={
        "force": "norfolk", "responded_on": "2025-08-01", "csrf": token})
    assert early.status_code == 400 and "before the publication" in _error(early)
