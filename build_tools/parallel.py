"""Per-article work on every core: jobs run in worker processes, results and problems come back in order.

A job is a function of one Report (the stage's own function with its inputs bound).
Two kinds of workers:

- forked from this process (`run_all`): they inherit the jobs and everything the jobs
  read, so only the results, and the problems each job reported, travel back. Cheap
  for the early stages, while this process holds little;
- shipped (`run_all(..., shared=...)`): the jobs are values sent to workers forked
  from a small server process that holds nothing of the archive (`forkserver`). A
  worker forked from a process that holds the archive copies, page by page, every
  object it touches (reference counts are writes), so each render worker grew to the
  size of the archive; shipped workers hold only their own jobs, and what every job
  shares is sent to each worker once (`Shared.install`). The server imports none of
  the build's modules (Python 3.11's ignores the caller's `sys.path` for those), so each
  worker imports them from this process's path, in its folder, with its environment.
  As with any such start method, a worker imports the caller's main script first: a
  script that builds must do so under `if __name__ == "__main__":` (`python -m
  build_tools`, `mkdocs` and `pytest` do); one that does not stops with
  BrokenProcessPool instead of building.

With few jobs, one core, no `fork` or other threads running (forking a threaded
process is unsafe; `mkdocs serve` has its server threads), the jobs run here, one after
another, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import forkserver
from pathlib import Path
from typing import Protocol, TypeVar

from build_tools.errors import Report, SourceError
from build_tools.progress import SILENT, Progress

T = TypeVar("T")
Job = Callable[[Report], T]

PARALLEL_FROM = 64
"""Fewer jobs than this run in this process: starting workers would cost more than it saves."""

MAX_WORKERS = 8
"""No more workers than this: each holds its own jobs, and a forked one copies what it touches of this process."""

_JOBS: Sequence[Job] = ()
"""The jobs of the running `run_all`, for the forked workers to find by index."""


SHIPPED_CHUNK = 16
"""Shipped jobs travel in chunks of at most this many: a worker holds a chunk's jobs and results until it is done."""


class Shared(Protocol):
    """What every shipped job of a run reads besides itself (the run's settings), sent to each worker once."""

    def install(self) -> None:
        """Make this what the jobs run in this process read."""


def run_all(
    jobs: Sequence[Job[T]], progress: Progress = SILENT, *, shared: Shared | None = None
) -> list[tuple[T, list[SourceError]]]:
    """Each job's result and the problems it reported, in the order of `jobs`. Given what they `shared`, the jobs
    are values (picklable) and run in workers that hold nothing else."""
    if shared is not None:
        shared.install()  # for the jobs run here
    workers = _workers()
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [_progressed(progress, _reported(job)) for job in jobs]
    if shared is not None and "forkserver" in multiprocessing.get_all_start_methods():
        return _shipped(jobs, progress, workers, shared)
    global _JOBS
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(jobs) // (workers * 8))
            return [_progressed(progress, out) for out in pool.imap(_run, range(len(jobs)), chunksize=chunk)]
    finally:
        _JOBS = ()


def _shipped(
    jobs: Sequence[Job[T]], progress: Progress, workers: int, shared: Shared
) -> list[tuple[T, list[SourceError]]]:
    """The jobs run in workers forked from the small server process, in small chunks. A worker that dies (or cannot
    start) stops the run with BrokenProcessPool: a `multiprocessing.Pool` would start it again, forever."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])  # the server imports nothing of ours: workers import from our `sys.path`
    start = (dict(os.environ), shared, _PACKAGE)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=start)
    try:
        chunk = max(1, min(SHIPPED_CHUNK, len(jobs) // (workers * 8)))
        with _package_first():  # the workers start as the chunks are submitted, all of them here
            done = pool.map(_reported, jobs, chunksize=chunk)
        return [_progressed(progress, out) for out in done]
    finally:  # on an interrupt or a failure, the chunks not started are dropped, not run
        pool.shutdown(cancel_futures=True)


def forget_inherited_server() -> None:
    """In a process forked from one whose jobs were shipped: start a workers' server of its own when it ships jobs.
    The inherited one is the parent's child, not this process's, and asking whether it still runs (`waitpid`) fails
    with ECHILD ("No child processes"): `commands.site` generates in such a process."""
    server = forkserver.ForkServer()
    forkserver._forkserver = server  # what `multiprocessing.forkserver`'s own functions are bound to
    for name in ("ensure_running", "get_inherited_fds", "connect_to_new_process", "set_forkserver_preload"):
        setattr(forkserver, name, getattr(server, name))


_PACKAGE = Path(__file__).resolve().parent
"""This very package: the one the workers must import."""


@contextmanager
def _package_first() -> Iterator[None]:
    """While workers start, the folder holding this package is first on the module path they are given (MkDocs
    takes the folder its hook put there away again; another checkout may be on PYTHONPATH)."""
    folder = str(_PACKAGE.parent)
    before = list(sys.path)
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        sys.path[:] = before


def _start(environment: dict[str, str], shared: Shared, package: Path) -> None:
    """A shipped worker takes this process's environment (the server's is that of its start: the build's settings,
    `config`, are read from it) and what the jobs share, and ends when this process does, however it ends (a
    worker waiting for jobs would not notice: CPython gh-111873). Its module path and folder are this process's."""
    if package != _PACKAGE:
        raise ImportError(f"the worker imported {_PACKAGE}, not {package}")
    os.environ.clear()
    os.environ.update(environment)
    shared.install()
    threading.Thread(target=_end_with_parent, daemon=True).start()


def _end_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def _workers() -> int:
    """How many processes to use: the cores this process may run on, or 1 when forking is not safe."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return min(cores(), MAX_WORKERS)


def cores() -> int:
    """How many cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run(index: int) -> tuple[object, list[SourceError]]:
    return _reported(_JOBS[index])


def _reported(job: Job[T]) -> tuple[T, list[SourceError]]:
    report = Report()
    return job(report), report.errors


def _progressed(progress: Progress, out: tuple[T, list[SourceError]]) -> tuple[T, list[SourceError]]:
    progress.advance()
    return out
