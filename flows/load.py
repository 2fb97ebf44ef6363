"""The load step: each publication's rows are built and validated (`prepare_rows`, pure
but for one read; a reprocess runs it in its worker processes), then each publication is
loaded in its own transaction; every problem becomes a quarantine row, a run note or a
new-area flag."""
from __future__ import annotations

from typing import Any


from extractors.records import Problem, Stage
from flows.rows import build_bundles
from flows.work import DocStatus, LoadSummary, Outcome, PublicationWork, RunContext
from flows.responses import load_responses
from section55.register import rebuild_register
from store import repository as repo
from store.repository import PublicationBundle

SETTLED = (Outcome.UNCHANGED, Outcome.SKIPPED, Outcome.QUARANTINED, Outcome.FAILED)
Prepared = list[tuple[PublicationBundle | None, list[Problem]] | None]


def prepare_rows(ctx: RunContext, works: list[PublicationWork]) -> Prepared:
    """Validated rows of every publication still to load (None for the others), in the
    order of ``works``, each table validated once for them all; reads only the first
    publication date of those already stored."""
    ids = [w.publication_id for w in works if w.outcome not in SETTLED]
    with ctx.engine.connect() as conn:
        first = repo.publication_dates(conn, ids) if ids else {}
    todo = [w for w in works if w.outcome not in SETTLED]
    built = iter(build_bundles(ctx, [(w, first.get(w.publication_id)) for w in todo]))
    return [None if w.outcome in SETTLED else next(built) for w in works]


def validate_and_load_step(ctx: RunContext, works: list[PublicationWork],
                           prepared: Prepared | None = None) -> LoadSummary:
    """Load each publication's validated rows (``prepared``, else built here) in its own
    transaction."""
    from store.sync import CountsByTable
    summary = LoadSummary()
    totals = CountsByTable()
    now = repo.utcnow()
    if prepared is None:
        prepared = prepare_rows(ctx, works)
    for work, ready in zip(works, prepared):
        if work.outcome in (Outcome.UNCHANGED, Outcome.SKIPPED):
            summary.unchanged += work.outcome == Outcome.UNCHANGED
            _record_problems(ctx, work, summary, now)
            continue
        if work.outcome in (Outcome.QUARANTINED, Outcome.FAILED) or ready is None:
            summary.quarantined += work.outcome == Outcome.QUARANTINED
            summary.failed += work.outcome == Outcome.FAILED
            _record_problems(ctx, work, summary, now)
            continue
        bundle, rejected = ready
        work.problems += rejected
        if bundle is None:
            work.outcome = Outcome.QUARANTINED
        else:
            with ctx.engine.begin() as conn:
                result = repo.load_publication(conn, bundle, now=now, run_id=ctx.run_id)
                totals.add("recommendation_register", rebuild_register(conn, work.publication_id))
                answered, found = load_responses(conn, work, ctx.settings.as_of)
                result.counts.add("responses", answered)
                summary.responses_found += found
                for table, c in result.counts.tables.items():
                    totals.add(table, c)
                work.outcome = Outcome.NEW if result.is_new else (
                    Outcome.CHANGED if result.content_changed else Outcome.UNCHANGED)
                summary.opened += result.obligations_opened
                for source in [work.landing_url] + [d.url for d in work.documents
                                                    if d.sha256 and d.status != DocStatus.QUARANTINED]:
                    repo.clear_quarantine(conn, source, (Stage.EXTRACT, Stage.FETCH))  # fixed now
        _count(summary, work)
        _record_problems(ctx, work, summary, now)
    summary.tables = totals.as_dict()
    summary.obligations_opened = len(summary.opened)
    return summary


def _count(summary: LoadSummary, work: PublicationWork) -> None:
    if work.outcome == Outcome.NEW:
        summary.new += 1
        summary.new_publications.append(work.publication_id)
    elif work.outcome == Outcome.CHANGED:
        summary.changed += 1
    elif work.outcome == Outcome.UNCHANGED:
        summary.unchanged += 1
    elif work.outcome == Outcome.QUARANTINED:
        summary.quarantined += 1


def _record_problems(ctx: RunContext, work: PublicationWork, summary: LoadSummary,
                     now: Any) -> None:
    if not work.problems:
        return
    with ctx.engine.begin() as conn:
        for p in work.problems:
            if p.stage == Stage.FLAG:
                summary.unknown_areas.append(p.reason)
                continue
            if p.stage == Stage.NOTE:
                summary.notes.append(f"{p.reason} ({p.location or work.landing_url})")
                continue
            repo.quarantine(conn, stage=str(p.stage), source_url=p.location or work.landing_url,
                            reason=p.reason, record={"publication_id": work.publication_id,
                                                     **p.record},
                            run_id=ctx.run_id, now=now)
            summary.reasons.append(f"{p.stage}: {p.reason} ({p.location or work.landing_url})")


def merge_summary(total: LoadSummary, part: LoadSummary) -> None:
    """Add one batch's counts to the run's."""
    for name in ("new", "changed", "unchanged", "quarantined", "failed"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.new_publications += part.new_publications
    total.opened += part.opened
    total.responses_found += part.responses_found
    total.obligations_opened = len(total.opened)
    total.unknown_areas += part.unknown_areas
    total.reasons += part.reasons
    total.notes += part.notes
    for table, counts in part.tables.items():
        acc = total.tables.setdefault(table, {k: 0 for k in counts})
        for k, v in counts.items():
            acc[k] = acc.get(k, 0) + v
