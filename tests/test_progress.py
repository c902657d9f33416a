"""Progress on long runs: quiet for small archives, a few lines for large ones, then one summary."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from bench import archive as bench
from build_tools.progress import SHOW_FROM, Progress

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_line_at_each_quarter() -> None:
    stream = io.StringIO()
    progress = Progress(stream)
    progress.start("linking articles", 1000)
    for _ in range(1000):
        progress.advance()
    progress.finish()
    assert stream.getvalue().splitlines() == [
        "linking articles: 250/1,000",
        "linking articles: 500/1,000",
        "linking articles: 750/1,000",
        "linking articles: 1,000/1,000",
    ]


def test_small_runs_are_silent() -> None:
    stream, said = io.StringIO(), []
    for progress in (Progress(stream), Progress(emit=said.append)):
        progress.start("reading articles", SHOW_FROM - 1)
        progress.advance(SHOW_FROM - 1)
        progress.finish()
    assert stream.getvalue() == "" and said == []


def test_a_terminal_line_is_redrawn_in_place_and_ended() -> None:
    stream = Terminal()
    progress = Progress(stream)
    progress.start("rendering article pages", 300)
    progress.advance(300)
    progress.finish()
    text = stream.getvalue()
    assert text.startswith("\r\x1b[Krendering article pages: 0/300")
    assert "\r\x1b[Krendering article pages: 300/300" in text and text.endswith("\n")
    assert text.count("\n") == 1


def test_the_build_command_reports_progress_then_one_summary(tmp_path: Path) -> None:
    bench.write_archive(tmp_path, 240)
    command = [sys.executable, "-m", "build_tools", "build", "--root", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    stages = [line.split(":")[0] for line in result.stderr.splitlines()]
    # each article is linked in the job that read it: no stage of linking is left for a build
    expected = {"reading and linking articles": 4, "formatting citations": 1, "rendering pages": 4}
    assert stages == [stage for stage, lines in expected.items() for _ in range(lines)]
    assert "reading and linking articles: 242/242" in result.stderr  # the two real articles are in the archive too
    (summary,) = result.stdout.splitlines()
    assert summary.startswith("generated: ") and " written, 0 removed, 0 unchanged; " in summary
