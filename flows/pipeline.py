"""One pipeline run (nightly, backfill or reprocess), whatever runs its steps.

`run_pipeline` calls each step through ``runner(name, fn, *args)``: the Prefect flows pass a
runner that makes each step a task; tests and `--engine direct` call the steps as they are.
A nightly run or a backfill fetches one batch while the previous one is extracted and
loaded (`flows.overlap`); a reprocess fans its extraction out over processes or a Dask
cluster (`flows.fanout`) and loads the results here, in order.
"""
from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Iterator

from crawler.discover import DiscoveryError
from flows import steps
from flows.load import merge_summary, validate_and_load_step
from flows.work import LoadSummary, Outcome, PublicationWork, RunContext, open_context
from flows.interrupts import RunInterrupted, SafePoints
from flows.overlap import Overlap
from flows.progress import Progress
from flows.responses import read_responses_step
from flows.settings import Settings
from store import repository as repo
from store.db import open_store

Runner = Callable[..., Any]


def direct_runner(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a step in-process with no orchestration."""
    return fn(*args, **kwargs)


class RunFailed(RuntimeError):
    """The run could not do its job (empty listing, site unreachable...)."""


@dataclass
class RunReport:
    """What a run did: the summary printed, stored in `runs` and sent as an artifact."""

    run_id: str
    command: str
    status: str
    summary: LoadSummary
    statuses: dict[str, int] = field(default_factory=dict)
    next_deadlines: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0
    error: str | None = None

    def lines(self) -> list[str]:
        """The short human summary."""
        s = self.summary
        out = [f"hmicfrs {self.command} {self.status} (run {self.run_id}): new {s.new}, "
               f"changed {s.changed}, unchanged {s.unchanged}, quarantined {s.quarantined}, "
               f"obligations opened {s.obligations_opened}"]
        if s.failed:
            out.append(f"  failed to fetch: {s.failed}")
        if s.responses_found:
            out.append(f"  responses found: {len(s.responses_found)}")
        for table, c in sorted(s.tables.items()):
            out.append(f"  {table}: +{c['inserted']} ~{c['updated']} ={c['unchanged']} "
                       f"-{c['deleted']}")
        for reason in s.reasons[:20]:
            out.append(f"  quarantine {reason}")
        if len(s.reasons) > 20:
            out.append(f"  ... and {len(s.reasons) - 20} more quarantine rows")
        for line in s.discovery[:30]:
            out.append(f"  discovery {line}")
        for note in s.notes[:20]:
            out.append(f"  note {note}")
        for area in sorted(set(s.unknown_areas)):
            out.append(f"  NEW AREA {area}")
        for d in self.next_deadlines:
            out.append(f"  next deadline {d['practice_deadline']}: {d['force_id']} - {d['title']}")
        return out


@contextmanager
def single_writer(settings: Settings) -> Iterator[None]:
    """Refuse a second concurrent run on the same database, whatever its data directory:
    the lock lives with the database (`store.db.writer_lock`) and dies with its holder."""
    from store.db import StoreBusy, writer_lock
    try:
        with writer_lock(settings.db_url):
            yield
    except StoreBusy as exc:
        raise RunFailed(str(exc)) from None


def run_pipeline(settings: Settings, *, command: str, runner: Runner = direct_runner,
                 since: date | None = None, until: date | None = None,
                 types: list[str] | None = None, forces: list[str] | None = None,
                 workers: int | None = 1, dask: str | None = None) -> RunReport:
    """Discover or reload, fetch, extract, validate, load, then refresh the clock.

    Reprocess only: ``workers`` processes (None: every core) or the Dask cluster at
    ``dask`` ("local" starts one here) extract; this process loads.

    SIGINT / SIGTERM stop the run at the next safe point (`flows.interrupts`): the run is
    closed as `interrupted` with what it loaded, and `RunInterrupted` propagates.
    """
    safe = SafePoints()
    with safe.installed(), single_writer(settings):
        engine = open_store(settings.db_url)
        repo.mark_crashed_runs(engine)
        if command == "reprocess":  # archived links resolve against the site they came from
            settings = replace(settings, site=repo.last_site(engine) or settings.site)
        run_id = repo.start_run(engine, command, settings.site)
        ctx = open_context(settings, engine, run_id)
        ctx.validators.recover()  # what a killed run had fetched
        ctx.trust_archive = command == "backfill"
        total = LoadSummary()
        try:
            with safe.interruptible():
                works = _select(ctx, runner, command, since, until)
            progress = Progress(f"hmicfrs {command}", len(works))
            with progress:
                if command == "reprocess":
                    _reprocess(ctx, runner, works, safe, progress, total, workers, dask)
                else:
                    _fetch_and_load(ctx, runner, works, types, forces, safe, progress, total)
            statuses = runner("clock", steps.clock_step, engine, settings.as_of)
            safe.checkpoint()
            _discovery_lines(ctx, works, total)
            failure = _run_failure(ctx)
            if failure:
                raise RunFailed(failure)
            report = RunReport(run_id, command, "completed", total, statuses,
                               steps.next_deadlines(engine, settings.as_of))
        except RunInterrupted as stop:
            safe.pending = stop.signum  # a further signal now stops at once
            ctx.close()
            repo.finish_run(engine, run_id, status="interrupted",
                            counts={**total.as_counts(), "requests": ctx.fetch_log.total},
                            error=f"interrupted by {signal.Signals(stop.signum).name}")
            engine.dispose()
            s = total
            stop.detail = (f"run {run_id} marked interrupted: new {s.new}, changed {s.changed}, "
                           f"unchanged {s.unchanged}, quarantined {s.quarantined}")
            raise
        except Exception as exc:
            ctx.close()
            repo.finish_run(engine, run_id, status="failed", counts=total.as_counts(),
                            error=f"{type(exc).__name__}: {exc}")
            raise
        ctx.close()
        report.requests = ctx.fetch_log.total
        counts = {**total.as_counts(), "statuses": report.statuses,
                  "requests": report.requests}
        repo.finish_run(engine, run_id, status="completed", counts=counts)
        engine.dispose()
        return report


def _fetch_and_load(ctx: RunContext, runner: Runner, works: list[PublicationWork],
                    types: list[str] | None, forces: list[str] | None, safe: SafePoints,
                    progress: Progress, total: LoadSummary) -> None:
    """Each batch's network steps here (a signal stops them at once); its document
    extraction and load on the worker thread while the next batch is fetched."""
    def extract(batch: list[PublicationWork]) -> list[PublicationWork]:
        return runner("extract-documents", steps.extract_documents_step, ctx, batch)

    def load(batch: list[PublicationWork]) -> None:
        ctx.write_crawl_log()
        merge_summary(total, runner("validate-load", validate_and_load_step, ctx, batch))
        progress.advance(len(batch))

    overlap = Overlap(extract, load)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)  # the fetching thread gets the GIL back within 1 ms
    try:
        for batch in _batches(works, ctx.settings.batch_size, taper=True):
            with safe.interruptible():
                batch = runner("fetch-pages", steps.fetch_pages_step, ctx, batch)  # and read
                steps.note_future_dates(batch)
                _filter(batch, types, forces)
                batch = runner("fetch-documents", steps.fetch_documents_step, ctx, batch)
                batch = runner("read-responses", read_responses_step, ctx, batch)
                overlap.wait()
            overlap.submit(batch)
            safe.checkpoint()
        with safe.interruptible():
            overlap.wait()
    except BaseException:
        overlap.stop()
        raise
    finally:
        sys.setswitchinterval(switch)


def _reprocess(ctx: RunContext, runner: Runner, works: list[PublicationWork],
               safe: SafePoints, progress: Progress, total: LoadSummary,
               workers: int | None, dask: str | None) -> None:
    """Extract chunks of publications from the archive wherever the fan-out runs them,
    and load each chunk's rows here as it comes back, in selection order."""
    from flows.fanout import cores, open_fanout
    from flows.reprocess_work import prepare_chunk, prepare_works
    wanted = workers or cores()
    size = max(1, min(ctx.settings.batch_size, -(-len(works) // (wanted * 8))))
    chunks = list(_batches(works, size))
    with safe.interruptible():
        pool = open_fanout(workers, dask, len(chunks))
    with pool:
        if pool.remote:
            results = pool.ordered(prepare_chunk, (ctx.settings, ctx.run_id), chunks)
        else:
            results = pool.ordered(lambda c: runner("extract", prepare_works, ctx, c), (),
                                   chunks)
        while True:
            with safe.interruptible():
                item = next(results, None)
            if item is None:
                break
            done, prepared = item
            merge_summary(total, runner("validate-load", validate_and_load_step, ctx, done, prepared))
            progress.advance(len(done))
            safe.checkpoint()


def _discovery_lines(ctx: RunContext, works: list[PublicationWork], total: LoadSummary) -> None:
    """What each way in gave, and the listed items this run did not load (each has its
    quarantine row): "3 listed items not loaded: a, b, c"."""
    report = ctx.discovery
    if report is None:
        return
    total.discovery += report.lines
    total.sources, total.unserved = dict(report.sources), dict(report.unserved)
    missed = [w.publication_id for w in works if w.listed is not None
              and w.outcome in (Outcome.QUARANTINED, Outcome.FAILED)]
    if missed:
        total.discovery.append(f"{len(missed)} listed items not loaded: " + ", ".join(missed))


def _run_failure(ctx: RunContext) -> str | None:
    """One line when the run must fail though it loaded what it could: the site refused
    us, or a listing page did not load (the next run retries it)."""
    refusals = ctx._client.refusals if ctx._client is not None else []
    if refusals:
        from crawler.refusal import ADVICE
        return (f"the site refused {len(refusals)} request(s) (first: {refusals[0]}): "
                f"{ADVICE}")
    failures = ctx.discovery.failures if ctx.discovery is not None else []
    return "; ".join(failures) or None


def _select(ctx: RunContext, runner: Runner, command: str, since: date | None,
            until: date | None) -> list[PublicationWork]:
    if command == "reprocess":
        return runner("stored", steps.stored_step, ctx, since=since)
    try:
        works = runner("discover", steps.discover_step, ctx, mode=command, since=since,
                       until=until)
    except DiscoveryError as exc:
        raise RunFailed(_run_failure(ctx) or str(exc)) from exc
    stale = steps.stored_step(ctx, stale_only=True)
    listed = {w.publication_id for w in works}
    return works + [w for w in stale if w.publication_id not in listed]


def _filter(works: list[PublicationWork], types: list[str] | None,
            forces: list[str] | None) -> None:
    """Backfill filters: skip publications of other types or forces (no rows, no problems)."""
    from reference.forces import force_id_for
    wanted_forces = {force_id_for(f) or f for f in forces or []}
    for w in works:
        if w.outcome != Outcome.PENDING or w.landing is None:
            continue
        pub = w.landing.publication
        if types and not any(t.lower() in (x.lower() for x in pub.publication_types) for t in types):
            w.outcome = Outcome.SKIPPED
        elif wanted_forces and not wanted_forces & set(pub.forces):
            w.outcome = Outcome.SKIPPED


def _batches(items: list[Any], size: int, *, taper: bool = False) -> Iterator[list[Any]]:
    """``size`` at a time; ``taper``: at most half of what is left, so the last batches are
    small and little work is left once the last request is made (10, 10, 9, 5, 2, 1, 1)."""
    i = 0
    while i < len(items):
        step = max(1, min(size, (len(items) - i) // 2)) if taper else max(1, size)
        yield items[i:i + step]
        i += step
