"""The orchestrator's loop over jobs: each answered from the run's memo where its inputs were seen, the others run on
every core (`parallel`), their problems added to the run's report. The stages know none of this."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from build_tools import parallel
from build_tools.errors import Report
from build_tools.incremental.memo import Memo
from build_tools.progress import Progress

T = TypeVar("T")


def file_key(rel: str, path: Path, memo: Memo) -> tuple:
    """A source file at `rel` (relative to the root) as a memo key: its place, whether it is a link (refused) and
    its bytes' hash.

    Results read from unchanged files are the very objects of the last run, so the keys of later
    steps that hold them (the link and article-page keys) compare by identity, not field by field."""
    return (rel, memo.digests.is_link(path), memo.digests.of(path))


def each(
    jobs: list[tuple[Hashable, parallel.Job[T]]], report: Report, progress: Progress, memo: Memo,
    slots: list[str] | None = None, shared: parallel.Shared | None = None,
    adopt: Callable[[int, object], T] | None = None,
) -> list[T]:  # fmt: skip
    """Each job's result: reused from the memo where its key was seen (in its slot, given `slots`: see
    `Memo.lookup`), the others computed on every core (by workers that hold only their jobs and what they `shared`:
    see `parallel`); `adopt(index, value)` makes the result of a job computed now from what it returned.

    A job's problems go into the run's report, and a job that had any is not kept; a job whose key is
    None is never kept."""
    results: list = [None] * len(jobs)
    todo = []
    slots = slots or [None] * len(jobs)  # type: ignore[list-item]
    for index, (key, _) in enumerate(jobs):
        found, results[index] = memo.lookup(key, slots[index]) if key is not None else (False, None)
        if found:
            progress.advance()
        else:
            todo.append(index)
    done = parallel.run_all([jobs[i][1] for i in todo], progress, shared=shared)
    for index, (value, errors) in zip(todo, done, strict=True):
        results[index] = value = adopt(index, value) if adopt else value
        report.errors += errors
        if not errors and jobs[index][0] is not None:
            memo.keep(jobs[index][0], value, slots[index])
    return results
