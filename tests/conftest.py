"""Shared fixtures: small throwaway projects built from the real templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Pages link to the repository only when a test says which (REPO_URL): a REPO_URL set in the shell that
# runs the tests must not change what they see.
os.environ["REPO_URL"] = ""

GLOSSARY = """\
terms:
  - id: spi
    name: SPI
    expansion: Security Policy Initiative
    short: Policy talks between the two defense ministries.
    definition: A longer explanation of the talks.
    aliases: [SPI, Security Policy Initiative]
    related: [opcon]
    sources:
      - title: A source
        url: https://example.org/spi
  - id: opcon
    name: OPCON
    expansion: operational control
    short: Authority to direct forces.
    definition: A longer explanation of operational control.
    aliases: [OPCON, operational control, wartime operational control]
    sources:
      - title: Another source
        url: https://example.org/opcon
"""


GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@x"}  # fmt: skip
"""Who commits in the tests' repositories: no one's git configuration is needed."""


def git(root: Path, *args: str) -> str:
    """Run git in `root`; its output, stripped."""
    done = subprocess.run(["git", "-C", str(root), *args], env=GIT_ENV, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def committed(root: Path) -> str:
    """`root` made a git repository with everything in it committed (the base of a simulated pull request); the
    commit."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return git(root, "rev-parse", "HEAD")


def links_to(page: str, entry: str) -> bool:
    """Whether a rendered article page links to the page of `entry` (`glossary/spi`): from Markdown, or from a
    paragraph written as HTML (`link/html.py`)."""
    return f"](../{entry}.md" in page or f'href="../../{entry}/"' in page


ARTICLE = """\
---
title: Talks in Seoul
outlet: Example News
url: https://example.org/talks
published: 2006-03
language: en
summary: Officials met to talk about operational control.
tags: [opcon]
---

Officials met for the Security Policy Initiative to discuss wartime operational control.

Later, SPI talks touched on operational control again.
"""


def fold(text: str) -> str:
    """Text as compared by the tests: Unicode NFKC (ligatures such as "ﬃ" become "ffi", full-width forms
    plain) and every run of whitespace one space. Text read back from PDFs and pages depends on the fonts
    and the renderer of the machine; what it says does not."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


class Project:
    """A project folder with the real templates and hand-given sources."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO / "templates", root / "templates")
        (root / "articles").mkdir()
        (root / "docs").mkdir()
        self.write("glossary.yml", GLOSSARY)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def article(self, slug: str, text: str = ARTICLE) -> Path:
        return self.write(f"articles/{slug}.md", text)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")
