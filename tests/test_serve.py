"""`mkdocs serve --dirty` (plain MkDocs' own preview, through the hook; `make serve` runs `python -m build_tools
serve`, tested in test_preview.py): an edit is rebuilt once, page by page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_helpers import copy_project

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast

NOTES = "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml"
PAGE = "articles/us-south-korea-discuss-changes-in-military-relationship/"
BUILT = "Documentation built in"
STARTED = "Building documentation"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serve:
    """A running `mkdocs serve --dirty` on a copy of the project, with its log."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.log = root / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dirty"]
        command += ["--dev-addr", f"127.0.0.1:{self.port}"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_builds(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while self.text().count(BUILT) < count:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.text()}"
            assert "Aborted with a BuildError" not in self.text(), self.text()
            assert time.monotonic() < deadline, f"no build {count} within {timeout} s:\n{self.text()}"
            time.sleep(0.2)

    def edit(self, path: Path, text: str, patience: float = 20) -> None:
        """Save `text` to `path` as an editor would, and wait until a rebuild starts.

        MkDocs starts its file watcher after the first build and takes the watcher's first
        look at the files in a thread of its own: on a busy machine an edit saved before that
        look becomes part of it and is never seen as a change. So if no rebuild has started
        after `patience` seconds, the edit is saved again, as a person would."""
        started = self.text().count(STARTED)
        path.write_text(text, encoding="utf-8")
        deadline = time.monotonic() + patience
        while self.text().count(STARTED) == started:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.text()}"
            if time.monotonic() > deadline:
                path.write_text(text, encoding="utf-8")
                deadline = time.monotonic() + patience
            time.sleep(0.2)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Serve]:
    server = Serve(copy_project(tmp_path / "repo", sources=True))
    try:
        server.wait_for_builds(1)
        yield server
    finally:  # Ctrl-C, as a person stops it: MkDocs removes its temporary site only then
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=30)


def test_an_edited_note_is_rebuilt_once_and_only_its_page(served: Serve) -> None:
    assert "A 'dirty' build is being performed" in served.text()
    notes = served.root / NOTES
    original = notes.read_text(encoding="utf-8")
    edited = original.replace("These are the ten military missions", "An edited note, seen at once: the ten missions")
    assert edited != original
    served.edit(notes, edited)

    served.wait_for_builds(2)
    time.sleep(3)  # a second build, if the regenerated pages set one off, would start within this
    log = served.text()
    assert log.count(BUILT) == 2, log
    rebuild = log.split(BUILT)[1]
    # the article's page, its notes' collection, and the dataset's four files holding every note
    assert "Generated pages: 6 written, 0 removed" in rebuild, log
    # the other article was neither read, linked nor rendered again (the memo kept by the serve process)
    assert re.search(r"; [1-9]\d* steps reused from the last build", rebuild), log
    assert "An edited note, seen at once: the ten missions" in served.get(PAGE)
    assert "Plan 5029" in served.get("glossary/plan-5029/")  # untouched pages are still served


def test_a_hand_written_page_is_still_watched(served: Serve) -> None:
    about = served.root / "docs/about.md"
    served.edit(about, about.read_text(encoding="utf-8") + "\nA sentence added while serving.\n")
    served.wait_for_builds(2)
    assert "A sentence added while serving." in served.get("about/")
