"""Per-article work on every core: jobs run in forked worker processes, results and problems come back in order.

A job is a function of one Report (the stage's own function with its inputs bound).
Workers are forked, so they inherit the jobs and everything the jobs read: only the
results, and the problems each job reported, travel back. With few jobs, one core,
no `fork` or other threads running (forking a threaded process is unsafe; `mkdocs
serve` has its server threads), the jobs run here, one after another, with the same
results.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from build_tools.errors import Report, SourceError
from build_tools.progress import SILENT, Progress

T = TypeVar("T")
Job = Callable[[Report], T]

PARALLEL_FROM = 64
"""Fewer jobs than this run in this process: starting workers would cost more than it saves."""

MAX_WORKERS = 8
"""No more workers than this: each forked worker slowly copies what it touches of the parent's memory."""

_JOBS: Sequence[Job] = ()
"""The jobs of the running `run_all`, for the forked workers to find by index."""


def run_all(jobs: Sequence[Job[T]], progress: Progress = SILENT) -> list[tuple[T, list[SourceError]]]:
    """Each job's result and the problems it reported, in the order of `jobs`."""
    workers = _workers()
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return [_progressed(progress, _reported(job)) for job in jobs]
    global _JOBS
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(jobs) // (workers * 8))
            return [_progressed(progress, out) for out in pool.imap(_run, range(len(jobs)), chunksize=chunk)]
    finally:
        _JOBS = ()


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
