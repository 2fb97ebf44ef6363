"""One list of findings from a report's HTML version and its PDF: agreed, or the difference
recorded as a Problem (stage "reconcile"); no finding is kept twice."""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from difflib import SequenceMatcher

from extractors.findings.blocks import match_key
from extractors.records import Finding, Problem, Stage

SIMILAR = 0.85   # texts at least this alike (difflib ratio) are one finding worded apart


def reconcile_findings(html: list[Finding], pdf: list[Finding]) -> tuple[list[Finding], list[Problem]]:
    """Merge the two readings: matched findings once (HTML text and anchor, PDF page).

    A match is the same kind and force with the same normalised text (quotes, dashes,
    punctuation and case ignored), else text at least 85% alike; such near matches, a
    different ref or kind, and findings only one side carries are recorded. When one side
    carries no findings at all, one Problem says so and the other side stands.
    """
    problems: list[Problem] = []
    if not html or not pdf:
        if html or pdf:
            missing, present = ("PDF", "HTML version") if html else ("HTML version", "PDF")
            problems.append(_problem(
                f"the {missing} carries none of the {len(html or pdf)} findings of the {present}",
                None, None))
        return list(html or pdf), problems
    unmatched_pdf = list(range(len(pdf)))
    merged: list[Finding] = []
    for h in html:
        j = _match(h, pdf, unmatched_pdf)
        if j is None:
            merged.append(h)
            problems.append(_problem("finding only in the HTML version", h, None))
            continue
        unmatched_pdf.remove(j)
        p = pdf[j]
        merged.append(_merge(h, p, problems))
    for j in unmatched_pdf:
        merged.append(pdf[j])
        problems.append(_problem("finding only in the PDF", None, pdf[j]))
    return merged, problems


def _match(h: Finding, pdf: list[Finding], candidates: list[int]) -> int | None:
    key = match_key(h.text)
    exact = [j for j in candidates if match_key(pdf[j].text) == key]
    same_scope = [j for j in exact if pdf[j].kind == h.kind and pdf[j].force == h.force]
    if same_scope or exact:
        return (same_scope or exact)[0]
    best, best_ratio = None, SIMILAR
    for j in candidates:
        other = match_key(pdf[j].text)
        matcher = SequenceMatcher(None, key, other, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = j, ratio
    return best


def _merge(h: Finding, p: Finding, problems: list[Problem]) -> Finding:
    if match_key(h.text) != match_key(p.text):
        problems.append(_problem("text differs between the HTML version and the PDF", h, p))
    for name in ("kind", "ref", "force", "due_by", "addressee"):
        if getattr(h, name) != getattr(p, name) and getattr(p, name) is not None \
                and getattr(h, name) is not None:
            problems.append(_problem(f"{name} differs: HTML {getattr(h, name)!r}, "
                                     f"PDF {getattr(p, name)!r}", h, p))
    return replace(h, page=p.page if p.page is not None else h.page,
                   force=h.force or p.force, due_by=h.due_by or p.due_by,
                   addressee=h.addressee or p.addressee)


def _problem(reason: str, h: Finding | None, p: Finding | None) -> Problem:
    record = {}
    if h is not None:
        record["html"] = _plain(h)
    if p is not None:
        record["pdf"] = _plain(p)
    where = []
    if h is not None and h.anchor:
        where.append(f"#{h.anchor}")
    if p is not None and p.page:
        where.append(f"page {p.page}")
    return Problem("reconcile", reason, record, ", ".join(where) or None)


def _plain(f: Finding) -> dict:
    out = asdict(f)
    out["due_by"] = f.due_by.isoformat() if f.due_by else None
    return out


def reconcile_dates(landing: date | None, printed: date | None, source: str | None = None) -> Problem | None:
    """A run note when the date a document prints disagrees with the landing page's (the
    landing page's date is the publication date and wins)."""
    if landing is None or printed is None or landing == printed:
        return None
    return Problem(Stage.NOTE, f"document date {printed.isoformat()} differs from the landing "
                   f"page date {landing.isoformat()} (landing page wins)",
                   {"document_date": printed.isoformat(), "landing_date": landing.isoformat()},
                   source)
