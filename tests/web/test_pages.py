"""Pages over the loaded store (TestClient): escaping, sections, writes and their audit."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from fastapi.testclient import TestClient
from icalendar import Calendar

from store import tables as t
from store.db import open_store
from tests.web.conftest import HOSTILE_SLUG, HOSTILE_TITLE, SECRET
from web.app import create_app

REFERENCE = "how-effectively-do-the-police-record-crime"


def test_titles_from_the_site_are_escaped(client: TestClient) -> None:
    for path in (f"/publications/{HOSTILE_SLUG}", "/deadlines?as_of=2025-09-01",
                 "/forces/staffordshire"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<b>follow-up" not in html, path
        assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in html, path
    feed = client.get("/feed.atom").text
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_publication_page_has_the_seed_header_and_findings(client: TestClient) -> None:
    html = client.get(f"/publications/{REFERENCE}").text
    labels = re.findall(r"<dt>([^<]+)</dt>", html)
    assert labels == ["Inspection Title:", "Published on:", "Publication Types:", "Police Forces:",
                      "Link to Report:", "Section 55 Response Deadline:"]
    assert "28 August 2025" in html and '<dd id="deadline">23 October 2025</dd>' in html
    assert "All local forces in England and Wales" in html
    with client.app.state.engine.connect() as conn:  # type: ignore[attr-defined]
        r = t.recommendations
        texts = [x.text for x in conn.execute(sa.select(r.c.text).where(r.c.publication_id == REFERENCE))]
    from markupsafe import escape
    assert texts and all(str(escape(x)) in html for x in texts)
    assert re.search(r'href="[^"]+\.pdf#page=\d+">page \d+</a>', html)
    assert "https://example.org/" not in html  # no response found yet (the section is empty)
    assert f'action="/publications/{REFERENCE}/draft"' in html


def test_draft_downloads(client: TestClient) -> None:
    md = client.get(f"/publications/{REFERENCE}/draft?force=norfolk&format=md")
    assert md.status_code == 200 and "23 October 2025" in md.text
    assert "attachment" in md.headers["content-disposition"]
    assert client.get(f"/publications/{REFERENCE}/draft?force=gotham&format=md").status_code == 404


def test_force_page_grades_warning_and_findings(client: TestClient) -> None:
    html = client.get("/forces/essex").text
    assert "not comparable across PEEL inspection cycles" in html
    assert "PEEL 2023-25" in html and "PEEL 2021-22" in html
    assert "Open recommendations" in html and 'id="open-register"' in html


def test_calendar_is_the_forces_ics(client: TestClient) -> None:
    res = client.get("/calendar/norfolk.ics")
    cal = Calendar.from_ical(res.content)
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    assert f"{REFERENCE}-norfolk@hmicfrs" in uids
    assert all(u.endswith("-norfolk@hmicfrs") or "-norfolk-" in u for u in uids)  # + steps


def test_runs_page_shows_quarantine_reasons(client: TestClient) -> None:
    html = client.get("/runs").text
    assert "unknown police force name(s): gotham city police" in html
    assert "no publication date on the landing page" in html


def test_bad_page_parameters(client: TestClient) -> None:
    assert client.get("/deadlines?status=late").status_code == 400
    assert client.get("/deadlines?due_from=soon").status_code == 400
    assert client.get("/publications/no-such-thing").status_code == 404


def _respond(c: TestClient, **form: str):  # type: ignore[no-untyped-def]
    data = {"force": "norfolk", "responded_on": "2025-10-01", "url": "https://example.org/r", **form}
    return c.post(f"/publications/{REFERENCE}/respond", data=data, follow_redirects=False)


def _obligation(engine) -> dict:  # type: ignore[no-untyped-def]
    o = t.section55_obligations
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(o).where(o.c.publication_id == REFERENCE,
                                                    o.c.force_id == "norfolk")).mappings().one())


def test_writes_are_refused_without_the_secret(store_copy: str) -> None:
    engine = open_store(store_copy)
    with TestClient(create_app(engine)) as c:
        assert _respond(c, csrf="x").status_code == 403
        assert c.post("/login", data={"name": "a", "secret": "b"}).status_code == 403
    assert _obligation(engine)["responded_on"] is None


def test_writes_need_sign_in_and_csrf_and_are_audited(store_copy: str) -> None:
    engine = open_store(store_copy)
    with TestClient(create_app(engine, secret=SECRET)) as c:
        assert _respond(c).status_code == 401
        assert c.post("/login", data={"name": "Jo", "secret": "wrong"}).status_code == 401
        assert c.post("/login", data={"name": "Jo Bloggs", "secret": SECRET},
                      follow_redirects=False).status_code == 303
        assert _respond(c).status_code == 403  # no CSRF token
        assert _respond(c, csrf="forged").status_code == 403
        assert _respond(c, csrf="x", url="javascript:alert(1)").status_code in (400, 403)
        page = c.get(f"/publications/{REFERENCE}").text
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        assert _respond(c, csrf=token, url="javascript:alert(1)").status_code == 400
        assert _respond(c, csrf=token).status_code == 303
    row = _obligation(engine)
    assert row["responded_on"] == date(2025, 10, 1) and row["status"] == "responded"
    with engine.connect() as conn:
        audit = [dict(x) for x in conn.execute(sa.select(t.audit)).mappings()]
        journal = [dict(x) for x in conn.execute(sa.select(t.changes).where(
            t.changes.c.kind == "response_recorded")).mappings()]
    assert [(a["who"], a["action"], a["target"]) for a in audit] == \
        [("Jo Bloggs", "respond", f"{REFERENCE}/norfolk")]
    assert audit[0]["detail"]["after"] == {"responded_on": "2025-10-01",
                                           "response_url": "https://example.org/r"}
    assert [(j["publication_id"], j["force_id"]) for j in journal] == [(REFERENCE, "norfolk")]


def test_responses_and_register_rows_show_escaped(store_copy: str) -> None:
    from section55.register import record_update, register_id
    from store.responses import settle_obligation
    engine = open_store(store_copy)
    reg = t.recommendation_register
    with engine.begin() as conn:
        for force, printed in (("norfolk", date(2025, 10, 20)), ("essex", date(2025, 10, 30))):
            conn.execute(sa.insert(t.responses).values(
                publication_id=REFERENCE, force_id=force, url=f"https://example.org/{force}.pdf",
                local_policing_body=f"Police and Crime Commissioner for {force.title()}",
                kind="pdf", printed_on=printed, first_seen_on=printed, source="site"))
            settle_obligation(conn, REFERENCE, force)
        first = conn.execute(sa.select(reg).where(reg.c.force_id == "norfolk",
                                                  reg.c.publication_id == REFERENCE)
                             .order_by(reg.c.ref)).mappings().first()
        conn.execute(sa.update(reg).where(reg.c.register_id == first["register_id"])
                     .values(text="Register text <i>kept</i>"))
        record_update(conn, first["register_id"], "being progressed", date(2025, 11, 1),
                      "board <set up>")
        record_update(conn, register_id(REFERENCE, "essex", first["kind"], first["ref"]),
                      "complete", date(2025, 12, 1), None)
    with TestClient(create_app(engine)) as c:
        assert c.get("/api/responses?force_id=norfolk").json()["total"] == 1
        page = c.get(f"/publications/{REFERENCE}").text
        verdicts = dict(re.findall(r'<tr data-force="(\w+)">.*?<td class="verdict">([^<]+)</td>',
                                   page, re.S))
        assert verdicts == {"essex": "late", "norfolk": "on time"}
        assert "https://example.org/norfolk.pdf" in page
        summaries = re.findall(r"<summary>Register: ([^<]+)</summary>", page)
        assert "41 awaiting review, 1 being progressed, 1 complete" in summaries
        assert summaries.count("43 awaiting review") == len(summaries) - 1
        force = c.get("/forces/norfolk").text
        open_part = force.split('id="closed-register"')[0]
        row = force[force.index(f'id="{first["register_id"]}"'):]
        row = row[:row.index("</tr>")]
        assert "being progressed (1 November 2025)" in row
        assert "1 November 2025: being progressed: board &lt;set up&gt;" in row
        assert "Register text &lt;i&gt;kept&lt;/i&gt;" in row
        assert first["register_id"] in open_part and 'id="open-register"' in open_part
        essex = c.get("/forces/essex").text
        closed = essex[essex.index('id="closed-register"'):]
        assert register_id(REFERENCE, "essex", first["kind"], first["ref"]) in closed
        assert "complete (1 December 2025)" in closed
