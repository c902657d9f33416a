"""Shipped jobs (`parallel.run_all(..., shared=...)`): values run in workers that hold nothing of this process."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_helpers import copy_project

from build_tools import parallel
from build_tools.errors import Report

HELD: list[str] = []
"""What this process holds: a worker forked from it would see it too."""
INSTALLED: list[str] = []
"""What the run shares, as installed in the process that runs a job."""
SETTING = "BRIEFING_ARCHIVE_TEST_SETTING"
REAL = "us-south-korea-discuss-changes-in-military-relationship"


@dataclass(frozen=True)
class Seen:
    """A job that tells what its process sees."""

    number: int

    def __call__(self, report: Report) -> tuple:
        if self.number == 3:
            report.add("articles/x.md", self.number, "a problem", "fix it")
        return self.number, os.getpid(), list(HELD), list(INSTALLED), os.environ.get(SETTING)


@dataclass(frozen=True)
class Shared:
    """What the jobs share."""

    value: str

    def install(self) -> None:
        INSTALLED[:] = [self.value]


pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="shipped jobs need the forkserver start method"
)


def test_shipped_jobs_run_in_order_in_workers_that_hold_nothing_of_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    HELD.append("the archive")
    try:
        jobs = [Seen(number) for number in range(parallel.PARALLEL_FROM)]
        first = parallel.run_all(jobs, shared=Shared("first run"))
        monkeypatch.setenv(SETTING, "set after the workers' server started")
        second = parallel.run_all(jobs, shared=Shared("second run"))
    finally:
        HELD.clear()
    for out, run in ((first, "first run"), (second, "second run")):
        assert [value[0] for value, _ in out] == list(range(parallel.PARALLEL_FROM))  # in the order of the jobs
        assert {value[1] for value, _ in out} & {os.getpid()} == set()  # not run here
        assert all(value[2] == [] for value, _ in out)  # not forked from here: nothing this process holds
        assert all(value[3] == [run] for value, _ in out)  # what the run shares, installed in each worker
        assert [(e.path, e.line) for _, errors in out for e in errors] == [("articles/x.md", 3)]
    assert all(value[4] == "set after the workers' server started" for value, _ in second)  # this process's settings
    assert INSTALLED == ["second run"]  # installed here too, for jobs run here


def _ship_in_a_forked_process(sending: object) -> None:
    parallel.forget_inherited_server()
    sending.send([value[0] for value, _ in parallel.run_all([Seen(n) for n in range(parallel.PARALLEL_FROM)],
                                                            shared=Shared("in the child"))])  # fmt: skip


def test_a_process_forked_after_the_server_started_ships_jobs_through_a_server_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`commands.site` generates in a forked process: when this process had shipped jobs already, the child's jobs
    still run (the parent's server is not the child's child: waiting on it failed with "No child processes")."""
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    parallel.run_all([Seen(number) for number in range(parallel.PARALLEL_FROM)], shared=Shared("here"))
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_ship_in_a_forked_process, args=(sending,))
    child.start()
    assert receiving.poll(120), "the forked process sent nothing"
    assert receiving.recv() == list(range(parallel.PARALLEL_FROM))
    child.join(30)
    assert child.exitcode == 0


def test_few_shipped_jobs_run_here_with_what_they_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    out = parallel.run_all([Seen(number) for number in range(3)], shared=Shared("few"))
    assert [(value[0], value[1], value[3]) for value, _ in out] == [(n, os.getpid(), ["few"]) for n in range(3)]


@pytest.mark.slow
def test_mkdocs_builds_through_the_hook_with_pages_rendered_by_shipped_workers(tmp_path: Path) -> None:
    """Plain `mkdocs build` generates through the hook, which MkDocs loads from a path it then takes away again:
    the workers must still import this project's package (enough articles that the pages are shipped)."""
    root = copy_project(tmp_path / "repo", sources=True)
    text = (root / "articles" / f"{REAL}.md").read_text(encoding="utf-8")
    for number in range(parallel.PARALLEL_FROM):
        (root / "articles" / f"copy-{number:03d}.md").write_text(
            text.replace("title: ", f"title: Copy {number} of ", 1)
        )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}
    command = [str(Path(sys.prefix) / "bin" / "mkdocs"), "build", "--strict"]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (root / "site" / "articles" / "copy-063" / "index.html").is_file()
