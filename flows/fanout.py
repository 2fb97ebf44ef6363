"""Where a reprocess's chunks run: in this process, a local process pool (all cores by
default), or a Dask cluster (`--dask ADDRESS`, or `--dask local` for one on this machine;
the optional extra ``hmicfrs[dask]``).

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


class DaskCluster(Fanout):
    """A Dask cluster: ``local`` starts one on this machine (one single-threaded worker
    process per core), anything else is a scheduler address (``tcp://host:8786``). Its
    workers need this package, the raw archive directory and the database at the same
    paths and URL as here (a shared disk and PostgreSQL when they are other machines)."""

    name = "dask"
    remote = True

    def __init__(self, address: str, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # the optional extra is not installed
            raise RuntimeError("--dask needs the optional extra: pip install 'hmicfrs[dask]'"
                               ) from None
        self._cluster = None
        if address == "local":
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self._client = Client(self._cluster)
        else:
            self._client = Client(address)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def close(self, *, cancel: bool) -> None:
        try:
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def open_fanout(workers: int | None, dask: str | None, chunks: int) -> Fanout:
    """The runner a reprocess asked for: ``dask`` set -> a Dask cluster; more than one
    worker and more than one chunk -> local processes; otherwise this process."""
    wanted = workers or cores()
    if dask:
        return DaskCluster(dask, wanted)
    if wanted > 1 and chunks > 1:
        return LocalProcesses(min(wanted, chunks))
    return Fanout()
