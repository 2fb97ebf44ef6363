"""Responses of local policing bodies: rows read from the site or recorded by hand, and the
obligation fields they decide (responded_on, its source, response_url).

Rules (CONTRACT.md, Section 55 clock): ``responded_on`` is the date printed on the response
when it has one, else the night it was first seen on the site, else what `hmicfrs respond`
recorded; a manual record is never overwritten by the site. A link that later disappears
from the site keeps its row (``last_seen_on`` stops moving).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store import tables as t
from store.sync import LoadCounts


@dataclass(frozen=True)
class SiteResponse:
    """A response the site links to, matched to a force, with its document if fetched."""

    force_id: str
    local_policing_body: str
    url: str
    body_text: str
    kind: str
    sha256: str | None
    printed_on: date | None


def apply_site_responses(conn: Connection, publication_id: str, found: list[SiteResponse],
                         seen_on: date) -> tuple[LoadCounts, list[tuple[str, str]]]:
    """Upsert what the site lists; returns load counts and the (force, url) pairs new tonight."""
    r = t.responses
    counts, new = LoadCounts(), []
    old = {(row["force_id"], row["url"]): dict(row) for row in conn.execute(
        sa.select(r).where(r.c.publication_id == publication_id, r.c.source == "site")).mappings()}
    for item in found:
        key = (item.force_id, item.url)
        values = {"local_policing_body": item.local_policing_body, "body_text": item.body_text,
                  "kind": item.kind, "sha256": item.sha256 or old.get(key, {}).get("sha256"),
                  "printed_on": item.printed_on or old.get(key, {}).get("printed_on"),
                  "last_seen_on": seen_on}
        if key not in old:
            conn.execute(sa.insert(r).values(publication_id=publication_id, force_id=item.force_id,
                                             url=item.url, first_seen_on=seen_on, source="site",
                                             **values))
            counts.inserted += 1
            new.append(key)
        elif any(old[key].get(k) != v for k, v in values.items() if k != "last_seen_on"):
            conn.execute(sa.update(r).where(r.c.publication_id == publication_id,
                                            r.c.force_id == item.force_id, r.c.url == item.url,
                                            r.c.source == "site").values(**values))
            counts.updated += 1
        else:
            if old[key].get("last_seen_on") != seen_on:
                conn.execute(sa.update(r).where(
                    r.c.publication_id == publication_id, r.c.force_id == item.force_id,
                    r.c.url == item.url, r.c.source == "site").values(last_seen_on=seen_on))
            counts.unchanged += 1
    for force_id in {f.force_id for f in found}:
        settle_obligation(conn, publication_id, force_id)
    return counts, new


def record_manual_response(conn: Connection, publication_id: str, force_id: str,
                           responded_on: date, url: str | None, recorded_on: date) -> None:
    """`hmicfrs respond`: a manual record, which the site never overwrites."""
    o, r = t.section55_obligations, t.responses
    body = conn.execute(sa.select(o.c.local_policing_body).where(
        o.c.publication_id == publication_id, o.c.force_id == force_id)).scalar_one()
    conn.execute(sa.delete(r).where(r.c.publication_id == publication_id,
                                    r.c.force_id == force_id, r.c.source == "manual"))
    conn.execute(sa.insert(r).values(
        publication_id=publication_id, force_id=force_id, url=url or "",
        local_policing_body=body, body_text=None, kind=None, sha256=None,
        printed_on=responded_on, first_seen_on=recorded_on, last_seen_on=recorded_on,
        source="manual"))
    conn.execute(sa.update(o).where(o.c.publication_id == publication_id, o.c.force_id == force_id)
                 .values(responded_on=responded_on, response_url=url,
                         responded_on_source="manual", status_as_of=None))


def obligations_by_force(conn: Connection, publication_id: str) -> dict[str, dict[str, Any]]:
    """The publication's Section 55 obligations, keyed by force id."""
    o = t.section55_obligations
    return {r["force_id"]: dict(r) for r in conn.execute(
        sa.select(o).where(o.c.publication_id == publication_id)).mappings()}


def settle_obligation(conn: Connection, publication_id: str, force_id: str) -> dict[str, Any] | None:
    """Set the obligation's response fields from the site rows, unless a manual record rules."""
    o, r = t.section55_obligations, t.responses
    where = (o.c.publication_id == publication_id, o.c.force_id == force_id)
    row = conn.execute(sa.select(o).where(*where)).mappings().first()
    if row is None or row["responded_on_source"] == "manual":
        return None
    rows = conn.execute(sa.select(r).where(r.c.publication_id == publication_id,
                                           r.c.force_id == force_id, r.c.source == "site")
                        ).mappings().all()
    if not rows:
        return None
    best = min(rows, key=lambda x: (x["printed_on"] or x["first_seen_on"], x["url"]))
    values = {"responded_on": best["printed_on"] or best["first_seen_on"],
              "responded_on_source": "document" if best["printed_on"] else "first_seen",
              "response_url": best["url"]}
    if any(row[k] != v for k, v in values.items()):
        conn.execute(sa.update(o).where(*where).values(status_as_of=None, **values))
    return values


def responses_listing(conn: Connection, *, force_id: str | None = None,
                      publication_id: str | None = None) -> list[dict[str, Any]]:
    """Every response (of one force or publication) with its obligation's deadlines."""
    o, r, p = t.section55_obligations, t.responses, t.publications
    query = (sa.select(r.c.publication_id, p.c.title, r.c.force_id, r.c.local_policing_body,
                       r.c.url, r.c.printed_on, r.c.first_seen_on, r.c.last_seen_on, r.c.source,
                       o.c.practice_deadline, o.c.statutory_deadline, o.c.responded_on,
                       o.c.responded_on_source)
             .join(p, p.c.publication_id == r.c.publication_id)
             .join(o, (o.c.publication_id == r.c.publication_id) & (o.c.force_id == r.c.force_id),
                   isouter=True)
             .order_by(p.c.published_on.desc(), r.c.publication_id, r.c.force_id, r.c.url))
    if force_id:
        query = query.where(r.c.force_id == force_id)
    if publication_id:
        query = query.where(r.c.publication_id == publication_id)
    return [dict(x) for x in conn.execute(query).mappings()]
