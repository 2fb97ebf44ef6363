"""Report files of one publication: fetch each once, then extract findings and grades."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from extractors.records import DocumentLink, Extraction, Finding, Grade, Problem

if TYPE_CHECKING:
    from flows.steps import RunContext


@dataclass
class DocumentWork:
    """One report file of a publication."""

    link: DocumentLink
    url: str            # where it is fetched from (on --site)
    canonical: str      # host-independent URL stored in `documents`
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    fetched_at: datetime | None = None
    status: str = "pending"   # stored | fetched | quarantined | missing
    parent: str | None = None  # canonical URL of the PEEL page that linked it
    extraction: Extraction | None = None

    printed_on: date | None = None  # the publication date the document prints
    graded_page: bool = False  # an HTML page of graded judgments (PEEL, fire & rescue)

    @property
    def is_peel_page(self) -> bool:
        """A page of graded judgments (PEEL force report, fire & rescue assessment)."""
        return self.link.kind == "html" and (self.graded_page or
                                             "/peel-reports/" in urlparse(self.url).path)


def fetch_documents(ctx: "RunContext", links: list[DocumentLink], base: str,
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
            doc = DocumentWork(link, link.url, link.url, status="quarantined")
            doc.extraction = Extraction(link.url, "report_html", problems=[Problem(
                "fetch", f"document link outside the allowed hosts: {link.url}", {}, link.url)])
            out.append(doc)
            continue
        canonical = ctx.urls.canonical(url)
        if canonical in seen:
            continue
        seen.add(canonical)
        doc = DocumentWork(link, url, canonical, parent=parent)
        old = by_url.get(canonical)
        if old and old["sha256"] and ctx.archive.has(old["sha256"]):
            doc.sha256, doc.size, doc.status = old["sha256"], old["bytes"], "stored"
            doc.content_type, doc.fetched_at = old["content_type"], old["fetched_at"]
            if revalidate and not offline:
                _revalidate(ctx, doc)
        elif offline or (ctx.trust_archive and _from_archive(ctx, doc)):
            _from_archive(ctx, doc)
        else:
            _fetch(ctx, doc)
        out.append(doc)
        if doc.link.kind == "html" and doc.sha256:
            from extractors.detect import detect_kind
            doc.graded_page = detect_kind(ctx.archive.get(doc.sha256), url) == "peel_report"
        if doc.is_peel_page and doc.sha256:
            from extractors.pages.peel_report import extract_peel_page
            peel = extract_peel_page(ctx.archive.get(doc.sha256), url)
            queue += [(child, url, canonical) for child in peel.publication.documents
                      if child.kind == "pdf"]
    return out


def _from_archive(ctx: "RunContext", doc: DocumentWork) -> bool:
    """The last archived version of this URL, known from its HTTP validators, if any."""
    cached = ctx.validators.get(doc.canonical)
    if cached is not None and ctx.archive.has(cached.sha256):
        doc.sha256, doc.content_type, doc.status = cached.sha256, cached.content_type, "stored"
        doc.size = ctx.archive.path(cached.sha256).stat().st_size
        return True
    doc.status = "missing"
    return False


def _revalidate(ctx: "RunContext", doc: DocumentWork) -> None:
    res = ctx.client.fetch(doc.url, expect=(doc.link.kind,))
    if res.ok and res.sha256 and res.body is not None and res.sha256 != doc.sha256:
        from store.repository import utcnow
        doc.sha256, doc.size, doc.content_type = res.sha256, len(res.body), res.content_type
        doc.fetched_at, doc.status = utcnow(), "fetched"


def _fetch(ctx: "RunContext", doc: DocumentWork) -> None:
    from store.repository import utcnow
    res = ctx.client.fetch(doc.url, expect=(doc.link.kind,))
    if res.ok and res.sha256 and res.body is not None:
        doc.sha256, doc.size, doc.content_type = res.sha256, len(res.body), res.content_type
        doc.fetched_at, doc.status = utcnow(), "fetched"
    else:
        doc.status = "quarantined"
        doc.extraction = Extraction(doc.url, "report_pdf" if doc.link.kind == "pdf" else
                                    "report_html", problems=[Problem(
                                        "fetch", f"document not fetched: {res.error}",
                                        {"status": res.status}, doc.url)])


@dataclass
class DocumentFindings:
    """What a publication's documents say, reconciled across HTML and PDF."""

    findings: list[Finding] = field(default_factory=list)
    findings_source: dict[int, str] = field(default_factory=dict)
    grades: list[Grade] = field(default_factory=list)
    grades_source: dict[int, str] = field(default_factory=dict)
    key_findings: str | None = None


def extract_documents(ctx: "RunContext", landing: Extraction,
                      docs: list[DocumentWork]) -> list[Problem]:
    """Run the right extractor on each archived document; returns the problems found."""
    from extractors.grades.words import cycle_from
    from extractors.grades.pdf import grades_from_pdf
    from extractors.pages.peel_report import extract_peel_page
    from extractors.pages.report_html import extract_report_html
    from extractors.pages.report_pdf import extract_report_pdf, read_pdf
    problems: list[Problem] = []
    for doc in docs:
        if doc.extraction is not None:
            problems += doc.extraction.problems
            continue
        if not doc.sha256 or doc.link.language == "cy":
            continue
        data = ctx.archive.get(doc.sha256)
        if doc.is_peel_page:
            doc.extraction = extract_peel_page(data, doc.url)
            _merge_html_findings(doc, data, extract_report_html)
        elif doc.link.kind == "html":
            doc.extraction = extract_report_html(data, doc.url)
        else:
            read = read_pdf(data)            # one pdfium pass for findings and grades
            doc.extraction = extract_report_pdf(data, doc.url, read)
            if not isinstance(read, str) and (
                    doc.parent or _is_peel(landing) or len(landing.publication.forces) == 1):
                force = _force_of(landing, docs, doc)
                grades, grade_problems = grades_from_pdf(
                    data, force=force, cycle=cycle_from(doc.parent or doc.url)
                    or cycle_from(landing.publication.title or ""),
                    texts=[page.text for page in read])
                doc.extraction.grades = grades
                doc.extraction.problems += grade_problems
        for p in doc.extraction.problems:
            p.location = p.location or doc.url
        problems += doc.extraction.problems
        if doc.extraction.problems and any(p.stage == "extract" and "corrupt" in p.reason.lower()
                                           for p in doc.extraction.problems):
            doc.status = "quarantined"
        _check_printed_date(landing, doc, problems)
    return problems


def _merge_html_findings(doc: DocumentWork, data: bytes, extract_report_html: Any) -> None:
    report = extract_report_html(data, doc.url)
    assert doc.extraction is not None
    doc.extraction.recommendations = report.recommendations
    doc.extraction.problems += [p for p in report.problems if p.stage != "extract"
                                or "no findings" not in p.reason]


def _is_peel(landing: Extraction) -> bool:
    """Reports that grade forces: PEEL and crime data integrity."""
    text = " ".join(landing.publication.publication_types + [landing.publication.title or ""])
    return bool(re.search(r"\bpeel\b|crime data integrity", text, re.I))


def _force_of(landing: Extraction, docs: list[DocumentWork], doc: DocumentWork) -> str | None:
    for other in docs:
        if other.canonical == doc.parent and other.extraction and other.extraction.publication.forces:
            return other.extraction.publication.forces[0]
    forces = landing.publication.forces
    return forces[0] if len(forces) == 1 else None


def _check_printed_date(landing: Extraction, doc: DocumentWork, problems: list[Problem]) -> None:
    """Keep the date the document prints; a difference is noted (the landing page wins)."""
    printed = doc.extraction.publication.published_on if doc.extraction else None
    doc.printed_on = printed
    official = landing.publication.published_on
    if printed and official and printed != official:
        problems.append(Problem(
            "note", f"document date {printed.isoformat()} differs from the landing page "
            f"date {official.isoformat()} (landing page wins)",
            {"document_date": printed.isoformat(), "landing_date": official.isoformat()},
            doc.url))


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
        if ext is None or doc.status == "quarantined":
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
    has_html = any(d.link.kind == "html" and d.extraction and d.status != "quarantined" for d in docs)
    has_pdf = any(d.link.kind == "pdf" and d.extraction and d.status != "quarantined" for d in docs)
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
