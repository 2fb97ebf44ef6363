"""Where a reprocess's chunks run: in this process, a local process pool (all cores by
default), or a Dask cluster through prefect-dask's `DaskTaskRunner`, each chunk a Prefect
task run (`--dask ADDRESS`, or `--dask local` for one on this machine; the optional extra
``hmicfrs[dask]``).

The local pool is ours, not Prefect's `ProcessPoolTaskRunner`: that one spawns its
workers (each imports Prefect and this package again) and runs Prefect's task engine per
chunk; measured on 200 generated publications it took 31.6 CPU s against 10.9 for this
pool (docs/benchmarks.md, reprocess), which alone would cost the 2-core speed target.

Each runner takes chunks in order and hands their results back in the same order, with at
most a few chunks in flight per worker (bounded memory); waiting is a loop of short waits,
so SIGINT and SIGTERM reach the run's safe points at once. On a signal or an error the
pool is stopped and its workers ended; they never write the store.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

IN_FLIGHT_PER_WORKER = 3


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


class Fanout:
    """Runs ``fn(*args, chunk)`` for each chunk, results in chunk order."""

    workers = 1
    name = "in-process"
    remote = False  # True: chunks run in other processes (arguments and results pickled)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Start one call; returns something with ``result(timeout)``."""
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - raised again by result()
            done.set_exception(exc)
        return done

    def ordered(self, fn: Callable[..., Any], args: tuple[Any, ...],
                chunks: Iterable[Any]) -> Iterator[Any]:
        """Each chunk's result, in order, keeping the workers busy."""
        pending: deque[Any] = deque()
        todo = iter(chunks)
        window = self.workers * IN_FLIGHT_PER_WORKER if self.remote else 1
        while True:
            while len(pending) < window:
                chunk = next(todo, None)
                if chunk is None:
                    break
                pending.append(self.submit(fn, *args, chunk))
            if not pending:
                return
            yield _wait(pending.popleft())

    def close(self, *, cancel: bool) -> None:
        """Stop the workers (at once when ``cancel``)."""

    def __enter__(self) -> "Fanout":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.close(cancel=exc_type is not None)


def _wait(handle: Any) -> Any:
    """The result, waiting in short slices so a signal handler can run and raise."""
    while True:
        try:
            return handle.result(timeout=0.2)
        except TimeoutError:
            continue


class LocalProcesses(Fanout):
    """A process pool on this machine. When this process runs no other thread (the direct
    engine) workers are forked: they start at once with everything already imported.
    Otherwise (Prefect's threads make fork unsafe) they come from a fork server that
    imported the main module and the worker module once, so each worker still starts in
    milliseconds. Each keeps its store connection for every chunk."""

    name = "local processes"
    remote = True

    def __init__(self, workers: int) -> None:
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor
        from flows.reprocess_work import init_worker
        self.workers = workers
        if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
            mp = multiprocessing.get_context("fork")
        else:
            mp = multiprocessing.get_context("forkserver")
            mp.set_forkserver_preload(["__main__", "flows.reprocess_work"])
        self._pool = ProcessPoolExecutor(workers, mp_context=mp, initializer=init_worker)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._pool.submit(fn, *args)

    def close(self, *, cancel: bool) -> None:
        if cancel:  # a chunk of long PDFs can take a while: end the workers now
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
        else:
            self._pool.shutdown(wait=True)


class PrefectTasks(Fanout):
    """Each chunk a Prefect task run (``extract``) on a Prefect task runner (for
    ``--dask``, prefect-dask's `DaskTaskRunner`). The task runs report to the Prefect API:
    the flow run's when there is one (the Prefect engine), else a temporary server
    started here for the run (`flows.prefect_api`; remote Dask workers need
    ``PREFECT_API_URL`` set to a server they can reach)."""

    remote = True

    def __init__(self, runner: Any, name: str, workers: int) -> None:
        from contextlib import ExitStack
        self.name, self.workers = name, workers
        self._stack = ExitStack()
        try:
            self._stack.enter_context(_prefect_api())
            self._runner = self._stack.enter_context(runner)
        except BaseException:
            self._stack.close()
            raise
        self._tasks: dict[Callable[..., Any], Any] = {}

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        import inspect
        if fn not in self._tasks:
            from prefect import task
            from prefect.cache_policies import NO_CACHE
            self._tasks[fn] = task(fn, name="extract", cache_policy=NO_CACHE,
                                   persist_result=False)
        parameters = dict(inspect.signature(fn).bind(*args).arguments)
        return self._runner.submit(self._tasks[fn], parameters)

    def close(self, *, cancel: bool) -> None:
        self._stack.close()


@contextmanager
def _prefect_api() -> Iterator[None]:
    """The API task runs report to: the one in use, else a temporary server for as long
    as the fan-out lasts (this process's environment restored after it)."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import (PREFECT_API_URL,
                                  PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
                                  temporary_settings)
    if PREFECT_API_URL.value():
        yield
        return
    from flows.prefect_api import prefect_api
    quiet = "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW" not in os.environ
    if quiet:  # task runs outside a flow run: no warning per task (workers inherit it)
        os.environ["PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW"] = "ignore"
    try:
        with temporary_settings(  # a busy machine starts it slowly
                {PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 90}), prefect_api():
            yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)  # prefect_api set it for the command
        if quiet:
            os.environ.pop("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", None)
        refresh_global_settings_context()


def dask_cluster(address: str, workers: int) -> PrefectTasks:
    """``local``: a Dask cluster started here (one single-threaded worker process per
    core), else the scheduler at ``address`` (``tcp://host:8786``). Its workers need this
    package, the raw archive directory and the database at the same paths and URL as here
    (a shared disk and PostgreSQL when they are other machines)."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:  # the optional extra is not installed
        raise RuntimeError("--dask needs the optional extra: pip install 'hmicfrs[dask]'"
                           ) from None
    if address == "local":
        runner = DaskTaskRunner(cluster_kwargs={
            "n_workers": workers, "threads_per_worker": 1, "processes": True,
            "dashboard_address": None})
    else:
        runner = DaskTaskRunner(address=address)
    fanout = PrefectTasks(runner, "dask", workers)
    try:  # starts or reaches the cluster
        found = len(fanout._runner.client.scheduler_info().get("workers", {}))
    except BaseException:
        fanout.close(cancel=True)
        raise
    fanout.workers = max(1, found or workers)
    return fanout


def open_fanout(workers: int | None, dask: str | None, chunks: int) -> Fanout:
    """The runner a reprocess asked for: ``dask`` set -> a Dask cluster; more than one
    worker and more than one chunk -> local processes; otherwise this process."""
    wanted = workers or cores()
    if dask:
        return dask_cluster(dask, wanted)
    if wanted > 1 and chunks > 1:
        return LocalProcesses(min(wanted, chunks))
    return Fanout()
