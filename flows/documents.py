"""Report files of one publication: fetch each once, then extract findings and grades."""
from __future__ import annotations

import re
from typing import Any

from extractors.pages.base import PageContext
from extractors.pages.registry import children, extract
from extractors.records import (QUARANTINES_DOCUMENT, DocumentLink, Extraction, Finding, Grade,
                                Problem, Stage)
from flows.work import DocStatus, DocumentFindings, DocumentWork, RunContext


def fetch_documents(ctx: RunContext, links: list[DocumentLink], base: str,
                    stored: list[dict[str, Any]], *, offline: bool,
                    revalidate: bool = False) -> list[DocumentWork]:
    """Fetch every linked report file not already archived; PEEL pages' PDFs too.

    ``revalidate``: ask again (conditionally) for files already stored, so that a
    replaced PDF is noticed; a failed revalidation keeps the stored version.
    """
    by_url = {d["url"]: d for d in stored}
    out: list[DocumentWork] = []
    queue = [(link, base, None) for link in links]
    seen: set[str] = set()
    while queue:
        link, page, parent = queue.pop(0)
        url = ctx.urls.resolve(link.url, page)
        if url is None:
            doc = DocumentWork(link, link.url, link.url, status=DocStatus.QUARANTINED)
            doc.extraction = Extraction(link.url, "report_html", problems=[Problem(
                Stage.FETCH, f"document link outside the allowed hosts: {link.url}", {},
                link.url)])
            out.append(doc)
            continue
        canonical = ctx.urls.canonical(url)
        if canonical in seen:
            continue
        seen.add(canonical)
        doc = DocumentWork(link, url, canonical, parent=parent)
        old = by_url.get(canonical)
        if old and old["sha256"] and ctx.archive.has(old["sha256"]):
            doc.sha256, doc.size, doc.status = old["sha256"], old["bytes"], DocStatus.STORED
            doc.content_type, doc.fetched_at = old["content_type"], old["fetched_at"]
            if revalidate and not offline:
                _revalidate(ctx, doc)
        elif offline or (ctx.trust_archive and _from_archive(ctx, doc)):
            _from_archive(ctx, doc)
        else:
            _fetch(ctx, doc)
        out.append(doc)
        if doc.link.kind == "html" and doc.sha256:  # a report page's own files too
            page = extract(ctx.archive.get(doc.sha256), url,
                           PageContext(position="html", urls=ctx.urls))
            queue += [(child, url, canonical) for child in children(page)]
    return out


def revalidate_stored(ctx: RunContext, stored: list[dict[str, Any]]) -> list[DocumentWork] | None:
    """The stored documents of a publication whose landing page did not change, each
    revalidated (conditionally) from its stored row, without reading the page again.

    The documents as stored when each answers with the bytes we hold (a failed
    revalidation keeps the stored version, as in `fetch_documents`); None when one
    changed, or one was never stored, so the page is read and its documents fetched as
    usual."""
    if not stored or not all(d["sha256"] and ctx.archive.has(d["sha256"]) for d in stored):
        return None
    out: list[DocumentWork] = []
    for row in stored:
        url = ctx.urls.resolve(row["url"], ctx.settings.site + "/") or row["url"]
        doc = DocumentWork(DocumentLink(url, row["kind"], row["language"]), url, row["url"],
                           sha256=row["sha256"], size=row["bytes"],
                           content_type=row["content_type"], fetched_at=row["fetched_at"],
                           status=DocStatus.STORED)
        _revalidate(ctx, doc)
        if doc.sha256 != row["sha256"]:
            return None
        out.append(doc)
    return out


def _from_archive(ctx: RunContext, doc: DocumentWork) -> bool:
    """The last archived version of this URL, known from its HTTP validators, if any."""
    cached = ctx.validators.get(doc.canonical)
    if cached is not None and ctx.archive.has(cached.sha256):
        doc.sha256, doc.content_type = cached.sha256, cached.content_type
        doc.status = DocStatus.STORED
        doc.size = ctx.archive.path(cached.sha256).stat().st_size
        return True
    doc.status = DocStatus.MISSING
    return False


def _revalidate(ctx: RunContext, doc: DocumentWork) -> None:
    res = ctx.client.fetch(doc.url, expect=(doc.link.kind,))
    if res.ok and res.sha256 and res.body is not None and res.sha256 != doc.sha256:
        from store.repository import utcnow
        doc.sha256, doc.size, doc.content_type = res.sha256, len(res.body), res.content_type
        doc.fetched_at, doc.status = utcnow(), DocStatus.FETCHED


def _fetch(ctx: RunContext, doc: DocumentWork) -> None:
    from store.repository import utcnow
    res = ctx.client.fetch(doc.url, expect=(doc.link.kind,))
    if res.ok and res.sha256 and res.body is not None:
        doc.sha256, doc.size, doc.content_type = res.sha256, len(res.body), res.content_type
        doc.fetched_at, doc.status = utcnow(), DocStatus.FETCHED
    else:
        doc.status = DocStatus.QUARANTINED
        doc.extraction = Extraction(doc.url, "report_pdf" if doc.link.kind == "pdf" else
                                    "report_html", problems=[Problem(
                                        Stage.FETCH, f"document not fetched: {res.error}",
                                        {"status": res.status}, doc.url)])


def extract_documents(ctx: RunContext, landing: Extraction,
                      docs: list[DocumentWork]) -> list[Problem]:
    """Read each archived document with the registry's ``extract``, in the context the
    publication gives it; returns the problems found."""
    problems: list[Problem] = []
    for doc in docs:
        if doc.extraction is not None:  # not fetched, or outside the site
            problems += doc.extraction.problems
            continue
        if not doc.sha256 or doc.link.language == "cy":
            continue
        doc.extraction = extract(ctx.archive.get(doc.sha256), doc.url,
                                 document_context(ctx, landing, docs, doc))
        for p in doc.extraction.problems:
            p.location = located(doc.url, p.location)
        problems += doc.extraction.problems
        if any(p.code in QUARANTINES_DOCUMENT for p in doc.extraction.problems):
            doc.status = DocStatus.QUARANTINED
        _check_printed_date(landing, doc, problems)
    return problems


def located(url: str, location: str | None) -> str:
    """Where a document's problem is, as a URL: the document's own, or the page of a PDF
    (an extractor's "page 3") as its ``#page=3`` fragment, so that a quarantine row or a
    run note names the file."""
    m = re.fullmatch(r"page (\d+)", location or "")
    return f"{url}#page={m.group(1)}" if m else location or url


def document_context(ctx: RunContext, landing: Extraction, docs: list[DocumentWork],
                     doc: DocumentWork) -> PageContext:
    """What the publication tells a document's page type: its landing page's reading,
    the page that linked it and that page's forces."""
    parent = next((d for d in docs if doc.parent and d.canonical == doc.parent), None)
    forces = parent.extraction.publication.forces if parent and parent.extraction else []
    return PageContext(publication=landing.publication, parent=doc.parent,
                       parent_forces=tuple(forces), position=doc.link.kind, urls=ctx.urls)


def _check_printed_date(landing: Extraction, doc: DocumentWork, problems: list[Problem]) -> None:
    """Keep the date the document prints; a difference is noted (the landing page wins)."""
    from extractors.findings.reconcile import reconcile_dates
    printed = doc.extraction.publication.published_on if doc.extraction else None
    doc.printed_on = printed
    note = reconcile_dates(landing.publication.published_on, printed, doc.url)
    if note is not None:
        problems.append(note)


def reconcile(docs: list[DocumentWork]) -> tuple[DocumentFindings, list[Problem]]:
    """One set of findings and grades from the HTML and PDF versions, differences recorded."""
    from extractors.grades.pdf import reconcile_grades
    from extractors.findings.reconcile import reconcile_findings
    html_f: list[Finding] = []
    pdf_f: list[Finding] = []
    html_g: list[Grade] = []
    pdf_g: list[Grade] = []
    out = DocumentFindings()
    source: dict[int, str] = {}
    for doc in docs:
        ext = doc.extraction
        if ext is None or doc.status == DocStatus.QUARANTINED:
            continue
        for f in ext.recommendations:
            source[id(f)] = doc.canonical
        for g in ext.grades:
            source[id(g)] = doc.canonical
        if doc.link.kind == "html":
            html_f += ext.recommendations
            html_g += ext.grades
            out.key_findings = out.key_findings or ext.publication.key_findings
        else:
            pdf_f += ext.recommendations
            pdf_g += ext.grades
            out.key_findings = out.key_findings or ext.publication.key_findings
    problems: list[Problem] = []
    has_html = any(d.link.kind == "html" and d.extraction and d.status != DocStatus.QUARANTINED for d in docs)
    has_pdf = any(d.link.kind == "pdf" and d.extraction and d.status != DocStatus.QUARANTINED for d in docs)
    if has_html and has_pdf:
        findings, fp = reconcile_findings(html_f, pdf_f)
        problems += fp
    else:
        findings = html_f or pdf_f
    if has_html and has_pdf:
        grades, gp = reconcile_grades(html_g, pdf_g)
        problems += gp
    else:
        grades = html_g or pdf_g
    out.findings, out.grades = findings, grades
    first = {kind: next((d.canonical for d in docs if d.link.kind == kind and d.sha256
                         and d.link.language == "en"), "") for kind in ("html", "pdf")}
    out.findings_source = {id(f): source.get(id(f)) or first["pdf" if f.page else "html"]
                           for f in findings}
    out.grades_source = {id(g): source.get(id(g)) or first["pdf" if g.page else "html"]
                         for g in grades}
    return out, problems
