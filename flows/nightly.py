"""Prefect flows: nightly, backfill and reprocess. Orchestration only; steps live elsewhere."""
from __future__ import annotations

import os
from datetime import date
from typing import Any, Callable

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.events import emit_event  # noqa: E402
from prefect.tasks import exponential_backoff  # noqa: E402

from flows.pipeline import RunReport, run_pipeline  # noqa: E402
from flows.prefect_api import prefect_api  # noqa: E402,F401  (the CLI's)
from flows.settings import resolve_settings  # noqa: E402

NETWORK_STEPS = {"discover", "fetch-pages", "fetch-documents"}


def prefect_runner(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one step as a Prefect task; network steps retry with exponential backoff.

    Results are not cached by Prefect: the store skips unchanged content by its sha256 and
    the extractor version, which holds across machines and databases.
    """
    retries = 2 if name in NETWORK_STEPS else 0
    step = task(fn, name=name, retries=retries, cache_policy=NO_CACHE,
                retry_delay_seconds=exponential_backoff(backoff_factor=5) if retries else 0)
    return step(*args, **kwargs)


def _publish(report: RunReport, site: str) -> None:
    """Markdown artifact, log lines and events for automations."""
    logger = get_run_logger()
    for line in report.lines():
        logger.info(line)
    s = report.summary
    rows = "\n".join(f"| {t} | {c['inserted']} | {c['updated']} | {c['unchanged']} | "
                     f"{c['deleted']} |" for t, c in sorted(s.tables.items()))
    deadlines = "\n".join(f"- {d['practice_deadline']}: {d['force_id']} - {d['title']}"
                          for d in report.next_deadlines) or "- none"
    reasons = "\n".join(f"- {r}" for r in s.reasons[:50]) or "- none"
    discovery = "\n".join(f"- {line}" for line in s.discovery[:50]) or "- none"
    create_markdown_artifact(
        key=f"hmicfrs-{report.command}",
        markdown=(f"# hmicfrs {report.command}: {report.status}\n\n"
                  f"new {s.new}, changed {s.changed}, unchanged {s.unchanged}, "
                  f"quarantined {s.quarantined}, obligations opened {s.obligations_opened}, "
                  f"responses found {len(s.responses_found)}\n\n"
                  f"| table | inserted | updated | no-op | deleted |\n|---|---|---|---|---|\n"
                  f"{rows}\n\n## Discovery\n{discovery}\n\n## Quarantined\n{reasons}\n\n## Next deadlines\n{deadlines}\n"),
        description=f"run {report.run_id}")
    resource = {"prefect.resource.id": f"hmicfrs.site.{site}"}
    for pid in s.new_publications:
        emit_event(event="hmicfrs.publication.new", resource=resource,
                   payload={"publication_id": pid, "run_id": report.run_id})
    for pid, force in s.opened:
        emit_event(event="hmicfrs.obligation.opened", **force_resource(site, force),
                   payload={"publication_id": pid, "force_id": force, "run_id": report.run_id})
    for pid, force, url in s.responses_found:
        emit_event(event="hmicfrs.response.found", **force_resource(site, force),
                   payload={"publication_id": pid, "force_id": force, "url": url,
                            "run_id": report.run_id})


def force_resource(site: str, force: str) -> dict[str, Any]:
    """An event's resource (the site, labelled with the force) and the force as a related
    resource: automations filter on ``hmicfrs.force`` or on the related resource."""
    return {"resource": {"prefect.resource.id": f"hmicfrs.site.{site}", "hmicfrs.force": force},
            "related": [{"prefect.resource.id": f"hmicfrs.force.{force}",
                         "prefect.resource.role": "force"}]}


def _alert_deadlines(settings: Any) -> None:
    """`hmicfrs.deadline.approaching` once per open obligation per reminder threshold."""
    from section55.alerts import alert_thresholds, claim_deadline_alerts
    from store.db import open_store
    engine = open_store(settings.db_url)
    try:
        for a in claim_deadline_alerts(engine, settings.as_of, alert_thresholds()):
            emit_event(event="hmicfrs.deadline.approaching",
                       **force_resource(settings.site, a["force_id"]),
                       payload={"publication_id": a["publication_id"], "force_id": a["force_id"],
                                "practice_deadline": a["practice_deadline"].isoformat(),
                                "days_left": a["days_left"],
                                "threshold_days": a["threshold_days"]})
    finally:
        engine.dispose()


def _run(command: str, site: str | None, db: str | None, data_dir: str | None,
         as_of: date | None, **filters: Any) -> dict[str, Any]:
    settings = resolve_settings(site=site, db=db, data_dir=data_dir, as_of=as_of)
    try:
        report = run_pipeline(settings, command=command, runner=prefect_runner, **filters)
    except Exception as exc:
        emit_event(event="hmicfrs.run.failed",
                   resource={"prefect.resource.id": f"hmicfrs.site.{settings.site}"},
                   payload={"command": command, "error": f"{type(exc).__name__}: {exc}"})
        raise
    _publish(report, settings.site)
    if command == "run":
        _alert_deadlines(settings)
    return {"run_id": report.run_id, "lines": report.lines(), **report.summary.as_counts()}


@flow(name="hmicfrs-nightly", log_prints=True)
def nightly(site: str | None = None, db: str | None = None, data_dir: str | None = None,
            as_of: date | None = None) -> dict[str, Any]:
    """Discover new or changed publications and load them; refresh every s.55 clock."""
    return _run("run", site, db, data_dir, as_of)


@flow(name="hmicfrs-backfill", log_prints=True)
def backfill(since: date, until: date | None = None, types: list[str] | None = None,
             forces: list[str] | None = None, site: str | None = None, db: str | None = None,
             data_dir: str | None = None, as_of: date | None = None) -> dict[str, Any]:
    """The same pipeline over a date range of publications; resumable."""
    return _run("backfill", site, db, data_dir, as_of, since=since, until=until,
                types=types, forces=forces)


@flow(name="hmicfrs-reprocess", log_prints=True)
def reprocess(since: date | None = None, db: str | None = None, data_dir: str | None = None,
              as_of: date | None = None, workers: int | None = None,
              dask: str | None = None) -> dict[str, Any]:
    """Re-extract from the raw archive, with no network, over ``workers`` local processes
    (None: every core) or the Dask cluster at ``dask`` ("local": one on this machine);
    reload here, one transaction per publication."""
    return _run("reprocess", None, db, data_dir, as_of, since=since, workers=workers,
                dask=dask)
