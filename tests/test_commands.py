"""The commands a maintainer runs: `make build`, plain `mkdocs build`, `python -m build_tools`."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, Project
from site_helpers import copy_project

VENV = Path(sys.prefix)
ARTICLE_FILE = "articles/us-south-korea-discuss-changes-in-military-relationship.md"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "repo", sources=True)
    for rel in ("Makefile", "requirements.txt"):
        shutil.copy2(REPO / rel, root / rel)
    return root


def make_build(root: Path) -> subprocess.CompletedProcess[str]:
    return run(["make", "--no-print-directory", "build", f"VENV={VENV}", "SOURCE_DATE_EPOCH=0"], root)


def test_make_build_fails_on_a_missing_title_and_leaves_the_site_alone(repo_copy: Path) -> None:
    first = make_build(repo_copy)
    assert first.returncode == 0, first.stderr
    assert (repo_copy / "site/articles/us-south-korea-discuss-changes-in-military-relationship/index.html").exists()
    site_before, docs_before = tree_digest(repo_copy / "site"), tree_digest(repo_copy / "docs")

    article = repo_copy / ARTICLE_FILE
    article.write_text(article.read_text(encoding="utf-8").replace("title: US, South Korea", "headline: US"))
    failed = make_build(repo_copy)

    assert failed.returncode != 0
    assert f"{ARTICLE_FILE}:3: front matter is missing required key 'title'" in failed.stderr
    assert f"{ARTICLE_FILE}:3: unknown key 'headline' in front matter" in failed.stderr
    assert tree_digest(repo_copy / "site") == site_before
    assert tree_digest(repo_copy / "docs") == docs_before
    assert not (repo_copy / ".site-new").exists()


def test_plain_mkdocs_build_generates_through_the_hook(repo_copy: Path) -> None:
    result = run([str(VENV / "bin/mkdocs"), "build", "--strict", "--site-dir", "out"], repo_copy)
    assert result.returncode == 0, result.stderr
    assert (repo_copy / "docs/glossary/cfc.md").exists()
    assert (repo_copy / "out/glossary/cfc/index.html").exists()


def test_plain_mkdocs_build_reports_source_errors(repo_copy: Path) -> None:
    (repo_copy / "glossary.yml").write_text("terms:\n  - id: x\n")
    result = run([str(VENV / "bin/mkdocs"), "build", "--site-dir", "out"], repo_copy)
    assert result.returncode != 0
    assert "glossary.yml:2: a glossary term is missing required key 'name'" in result.stderr
    assert not (repo_copy / "out").exists()


def test_cli_check_and_build(project: Project) -> None:
    project.article("talks")
    check = run([sys.executable, "-m", "build_tools", "check", "--root", str(project.root)], REPO)
    assert check.returncode == 0 and "ok: sources are valid (5 pages would be generated)" in check.stdout
    assert not (project.root / "docs/articles").exists()
    build = run([sys.executable, "-m", "build_tools", "build", "--root", str(project.root)], REPO)
    assert build.returncode == 0 and "generated: 5 written, 0 removed, 0 unchanged" in build.stdout


def test_cli_reports_every_error_with_file_and_line(project: Project) -> None:
    project.article("a", ARTICLE.replace("title: Talks in Seoul\n", ""))
    project.article("b", ARTICLE.replace("language: en", "language: 42x"))
    result = run([sys.executable, "-m", "build_tools", "check", "--root", str(project.root)], REPO)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "articles/a.md:2: front matter is missing required key 'title'"
    assert lines[2] == "articles/b.md:6: '42x' is not a language tag"
    assert lines[-1] == "2 problems found; nothing was written."


def test_serve_watches_the_sources() -> None:
    sys.path.insert(0, str(REPO))
    from build_tools import mkdocs_hook

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    class Config:
        config_file_path = str(REPO / "mkdocs.yml")

    server = mkdocs_hook.on_serve(Server(), Config(), builder=None)
    assert server.watched == [str(REPO / "articles"), str(REPO / "glossary.yml"), str(REPO / "templates")]
