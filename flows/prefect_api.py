"""The Prefect API a command's flow and task runs report to."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def prefect_api() -> Iterator[None]:
    """The Prefect API for one CLI command: PREFECT_API_URL when set, else Prefect's temporary
    server, started here and stopped when the command ends, however it ends (error, SIGINT,
    SIGTERM). Left to itself Prefect starts that server on first use and stops it at
    interpreter exit, where a late client can start a second one that outlives the run; with
    PREFECT_API_URL pointing at ours, no client ever starts another."""
    from prefect.settings import PREFECT_API_URL
    if PREFECT_API_URL.value():
        yield
        return
    from prefect.context import refresh_global_settings_context
    from prefect.server.api.server import SubprocessASGIServer
    server = SubprocessASGIServer()
    try:
        server.start()
        os.environ["PREFECT_API_URL"] = server.api_url  # every thread's clients, from now on
        refresh_global_settings_context()
        yield
    finally:
        try:
            _drain_workers()
        finally:
            server.stop()


def _drain_workers() -> None:
    """Send the logs and events still queued before the server goes."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=5)
