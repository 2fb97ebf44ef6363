"""Responses the landing pages list: fetch and read each response document, then load
them against the publication's obligations (store/responses.py holds the rules)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Connection

from extractors.pages.base import PageContext
from extractors.pages.registry import extract
from extractors.records import Problem, ResponseLink, Stage
from flows.work import Outcome, PublicationWork, RunContext
from section55.checklist import tick_published
from store.journal import record_changes
from store.repository import utcnow
from store.responses import SiteResponse, apply_site_responses, obligations_by_force
from store.sync import LoadCounts


@dataclass
class ResponseRead:
    """One listed response after its document was fetched and read (or could not be)."""

    link: ResponseLink
    url: str                 # canonical (host-independent) URL
    sha256: str | None = None
    printed_on: date | None = None


def read_responses_step(ctx: RunContext, works: list[PublicationWork]) -> list[PublicationWork]:
    """Fetch (conditionally) and read every response each changed landing page lists."""
    for work in works:
        if work.outcome != Outcome.PENDING or work.landing is None:
            continue
        for link in work.landing.responses:
            work.responses.append(_read(ctx, work, link))
    return works


def _read(ctx: RunContext, work: PublicationWork, link: ResponseLink) -> ResponseRead:
    assert work.landing is not None
    url = ctx.urls.resolve(link.url, work.landing_url)
    if url is None:
        work.problems.append(Problem(Stage.RESPONSE, "response document outside the allowed "
                                     f"hosts (reference/response_hosts.csv): {link.url}",
                                     {"body": link.body, "force": link.force}, link.url))
        return ResponseRead(link, link.url)
    read = ResponseRead(link, ctx.urls.canonical(url))
    data = _archived(ctx, read.url) if work.offline else _fetched(ctx, work, url)
    if data is None:
        return read
    ext = extract(data, url, PageContext(publication=work.landing.publication,
                                         position="response", urls=ctx.urls))
    for p in ext.problems:
        p.location = p.location or url
    work.problems += ext.problems
    read.printed_on = ext.responses[0].printed_on if ext.responses else None
    read.sha256 = ctx.validators.get(read.url).sha256 if ctx.validators.get(read.url) else None
    if read.printed_on is None:
        work.problems.append(Problem(Stage.NOTE, f"{link.body}: prints no date we can trust; "
                                     "the night it was first seen stands", {}, url))
    return read


def _fetched(ctx: RunContext, work: PublicationWork, url: str) -> bytes | None:
    res = ctx.client.fetch(url, expect=("html", "pdf"))
    if not res.ok or res.body is None:
        work.problems.append(Problem(Stage.FETCH, f"response document not fetched: {res.error}",
                                     {"status": res.status}, url))
        return None
    return res.body


def _archived(ctx: RunContext, canonical: str) -> bytes | None:
    cached = ctx.validators.get(canonical)
    return ctx.archive.get(cached.sha256) if cached and ctx.archive.has(cached.sha256) else None


def load_responses(conn: Connection, work: PublicationWork, seen_on: date
                   ) -> tuple[LoadCounts, list[tuple[str, str, str]]]:
    """Store the responses read for one publication; a response whose force has no
    obligation here is a quarantine problem, never a marked obligation. Returns the load
    counts and the (publication, force, url) responses new tonight."""
    bodies = {force: row["local_policing_body"]
              for force, row in obligations_by_force(conn, work.publication_id).items()}
    found: list[SiteResponse] = []
    for read in work.responses:
        force = read.link.force or ""
        if force not in bodies:
            work.problems.append(Problem(
                Stage.RESPONSE, f"response from {read.link.body!r}, but this publication opens "
                f"no Section 55 obligation for {force}", {"force": force}, read.url))
            continue
        found.append(SiteResponse(force, bodies[force], read.url, read.link.body,
                                  read.link.kind, read.sha256, read.printed_on))
    counts, new = apply_site_responses(conn, work.publication_id, found, seen_on)
    settled = obligations_by_force(conn, work.publication_id)
    for force, url in new:
        row = settled[force]
        if row["responded_on_source"] != "manual":
            tick_published(conn, work.publication_id, force, row["responded_on"],
                           row["response_url"], "site")
    record_changes(conn, "response_found", [
        {"publication_id": work.publication_id, "force_id": force, "detail": {"url": url}}
        for force, url in new], now=utcnow())
    return counts, [(work.publication_id, force, url) for force, url in new]
