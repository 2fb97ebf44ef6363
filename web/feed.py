"""The change journal as an Atom feed (same rows and cursor as `/api/changes`)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import quote
from xml.etree import ElementTree as ET

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t
from store.journal import changes_since
from web.views import force_name

ATOM = "http://www.w3.org/2005/Atom"
WORDS = {"publication_new": "New publication", "publication_changed": "Publication changed",
         "obligation_opened": "Section 55 obligation opened",
         "status_changed": "Obligation status changed", "response_recorded": "Response recorded",
         "response_found": "Response found on the site",
         "step_recorded": "Checklist step recorded",
         "register_updated": "Recommendation status updated"}


def _stamp(value: datetime | None) -> str:
    value = value or datetime(1970, 1, 1, tzinfo=timezone.utc)
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def atom(conn: Connection, base: str, since: int, limit: int) -> bytes:
    """Entries after cursor ``since``, oldest first; a `next` link carries the new cursor."""
    rows = changes_since(conn, since, limit)
    p = t.publications
    ids = {r["publication_id"] for r in rows if r["publication_id"]}
    titles = dict(conn.execute(sa.select(p.c.publication_id, p.c.title)
                               .where(p.c.publication_id.in_(ids))).all()) if ids else {}
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}/feed.atom"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "hmicfrs: what changed"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(rows[-1]["changed_at"] if rows else None)
    ET.SubElement(feed, f"{{{ATOM}}}author").append(_text("name", "hmicfrs"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/feed.atom?since={since}")
    cursor = rows[-1]["id"] if rows else since
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="next", href=f"{base}/feed.atom?since={cursor}")
    for r in rows:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        pid = r["publication_id"]
        title = WORDS.get(r["kind"], r["kind"])
        if pid:
            title += f": {titles.get(pid, pid)}"
        if r["force_id"]:
            title += f" ({force_name(r['force_id'])})"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/api/changes?id={r['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(r["changed_at"])
        if pid:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}/publications/{quote(pid)}")
        ET.SubElement(entry, f"{{{ATOM}}}content", type="text").text = json.dumps(
            {"cursor": r["id"], "kind": r["kind"], "publication_id": pid,
             "force_id": r["force_id"], "detail": r["detail"]}, ensure_ascii=False, default=str)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(tag: str, value: str) -> ET.Element:
    el = ET.Element(f"{{{ATOM}}}{tag}")
    el.text = value
    return el
