"""The commands a maintainer runs: `make build`, plain `mkdocs build`, `python -m build_tools`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, Project
from site_helpers import copy_project

from build_tools.config import CITATION_STORE, MANIFEST
from build_tools.convert import is_sidecar

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast

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
    article.write_text(article.read_text(encoding="utf-8").replace("title: US, South Korea", "headline: US"), "utf-8")
    failed = make_build(repo_copy)

    assert failed.returncode != 0
    assert f"{ARTICLE_FILE}:3: front matter is missing required key 'title'" in failed.stderr
    assert f"{ARTICLE_FILE}:3: unknown key 'headline' in front matter" in failed.stderr
    assert tree_digest(repo_copy / "site") == site_before
    assert tree_digest(repo_copy / "docs") == docs_before
    assert not list(repo_copy.glob(".build-*"))


def test_make_build_changes_nothing_when_mkdocs_fails_after_generation(repo_copy: Path) -> None:
    assert make_build(repo_copy).returncode == 0
    site_before, docs_before = tree_digest(repo_copy / "site"), tree_digest(repo_copy / "docs")
    article = repo_copy / ARTICLE_FILE  # a change that regenerates pages...
    article.write_text(
        article.read_text(encoding="utf-8").replace("outlet: Voice of America", "outlet: VOA News"), "utf-8"
    )
    about = repo_copy / "docs/about.md"  # ...and a hand-written page that fails --strict
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [the missing page](missing.md).\n", "utf-8")
    docs_before["about.md"] = tree_digest(repo_copy / "docs")["about.md"]

    result = make_build(repo_copy)

    assert result.returncode != 0
    assert "missing.md" in result.stderr and "mkdocs build --strict failed" in result.stderr
    assert tree_digest(repo_copy / "docs") == docs_before
    assert tree_digest(repo_copy / "site") == site_before
    assert not list(repo_copy.glob(".build-*"))


def test_plain_mkdocs_build_generates_through_the_hook(repo_copy: Path) -> None:
    result = run([str(VENV / "bin/mkdocs"), "build", "--strict", "--site-dir", "out"], repo_copy)
    assert result.returncode == 0, result.stderr
    assert (repo_copy / "docs/glossary/cfc.md").exists()
    assert (repo_copy / "out/glossary/cfc/index.html").exists()


def test_plain_mkdocs_build_reports_source_errors(repo_copy: Path) -> None:
    (repo_copy / "glossary.yml").write_text("terms:\n  - id: x\n", encoding="utf-8")
    result = run([str(VENV / "bin/mkdocs"), "build", "--site-dir", "out"], repo_copy)
    assert result.returncode != 0
    assert "glossary.yml:2: a glossary term is missing required key 'name'" in result.stderr
    assert not (repo_copy / "out").exists()


def test_cli_check_and_build(project: Project) -> None:
    project.article("talks")
    check = run([sys.executable, "-m", "build_tools", "check", "--root", str(project.root)], REPO)
    assert check.returncode == 0 and "ok: sources are valid (43 pages would be generated)" in check.stdout
    assert not (project.root / "docs/articles").exists()
    relative = os.path.relpath(project.root, REPO)  # a relative --root is the folder it names
    build = run([sys.executable, "-m", "build_tools", "build", "--root", relative], REPO)
    assert build.returncode == 0 and "generated: 43 written, 0 removed, 0 unchanged" in build.stdout, build.stderr
    again = run([sys.executable, "-m", "build_tools", "build", "--root", str(project.root)], REPO)
    assert again.returncode == 0 and "generated: 0 written, 0 removed, 43 unchanged" in again.stdout


def test_the_stages_take_a_relative_root(tmp_path: Path, monkeypatch) -> None:
    """Generation and the site build called with a relative root (as scripts and tests do) build the folder it
    names: the workers and the engine's scratch folder see the same paths."""
    from build_tools import pipeline
    from build_tools.commands.site import build_site

    root = copy_project(tmp_path / "repo", sources=True)
    monkeypatch.chdir(tmp_path)
    assert pipeline.generate(Path("repo")).written
    assert build_site(Path("repo")) == root / "site"
    assert (root / "site/glossary/opcon/index.html").is_file()


def test_cli_reports_every_error_with_file_and_line(project: Project) -> None:
    project.article("a", ARTICLE.replace("title: Talks in Seoul\n", ""))
    project.article("b", ARTICLE.replace("language: en", "language: 42x"))
    result = run([sys.executable, "-m", "build_tools", "check", "--root", str(project.root)], REPO)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "articles/a.md:2: front matter is missing required key 'title'"
    assert lines[2] == "articles/b.md:6: '42x' is not a language tag"
    assert lines[-1] == "2 problems found; nothing was written."


AT_NOTES = "articles/washington-seoul-postpone-changes-wartime-troop-command-structure.annotations.yml"
BAD_NOTE = """
  - id: appended
    quote: {quote}
    note: {note}
    author: octocat
    kind: context
    sources:
      - title: Source
        url: https://example.org/s
"""


def append_note(root: Path, quote: str, note: str = "A note.") -> int:
    """Append an annotation to the Asia Times file; return the line of its entry."""
    path = root / AT_NOTES
    text = path.read_text(encoding="utf-8")
    path.write_text(text + BAD_NOTE.format(quote=quote, note=note), encoding="utf-8")
    return text.count("\n") + 2


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "the US drags its feet",
            "not found in articles/washington-seoul-postpone-changes-wartime-troop-command-structure.md",
        ),
        ("in the event of war", "occurs 2 times in articles/"),
    ],
)
def test_make_check_and_build_refuse_unanchored_notes(repo_copy: Path, quote: str, expected: str) -> None:
    assert make_build(repo_copy).returncode == 0
    site_before = tree_digest(repo_copy / "site")
    line = append_note(repo_copy, quote)
    for target in ("check", "build"):
        result = run(["make", "--no-print-directory", target, f"VENV={VENV}", "SOURCE_DATE_EPOCH=0"], repo_copy)
        assert result.returncode != 0, target
        assert f"{AT_NOTES}:{line}: quote “{quote}” {expected}" in result.stderr, result.stderr
    if "not found" in expected:
        assert (
            "closest passage, articles/washington-seoul-postpone-changes-wartime-troop-command-structure.md:"
            in result.stderr
        )
        assert "“the US drags its heels" in result.stderr
    else:
        article = (repo_copy / AT_NOTES.replace(".annotations.yml", ".md")).read_text(encoding="utf-8").split("\n")
        lines = [str(number) for number, text in enumerate(article, start=1) if quote in text]
        assert len(lines) == 2
        assert f"(lines {', '.join(lines)})" in result.stderr
    assert tree_digest(repo_copy / "site") == site_before


INJECTIONS = [
    "'<script>alert(1)</script>'",
    "'<img src=x onerror=alert(1)>'",
    "'[x](javascript:alert(1))'",
    "'Text {: onclick=\"alert(1)\" }'",
]


@pytest.mark.parametrize("note", INJECTIONS)
def test_injected_notes_never_reach_a_page(repo_copy: Path, note: str) -> None:
    assert make_build(repo_copy).returncode == 0
    site_before = tree_digest(repo_copy / "site")
    line = append_note(repo_copy, "Japan’s Asahi Shimbun said", note)
    result = make_build(repo_copy)
    assert result.returncode != 0
    assert f"{AT_NOTES}:{line + 2}: " in result.stderr
    assert tree_digest(repo_copy / "site") == site_before
    for page in (repo_copy / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alert(1)" not in text and "onerror" not in text and "javascript:" not in text, page


def copy_in_order(root: Path, *, reverse: bool) -> Path:
    """A project copy whose article files are created in the given order."""
    copy_project(root, sources=False)
    (root / "articles").mkdir()
    for source in sorted((REPO / "articles").iterdir(), reverse=reverse):
        shutil.copy2(source, root / "articles" / source.name)
    for rel in ("glossary.yml", "people.yml", "timeline.yml", "Makefile", "requirements.txt"):
        shutil.copy2(REPO / rel, root / rel)
    return root


def test_builds_are_byte_identical_whatever_the_order_and_hash_seed(tmp_path: Path) -> None:
    trees = []
    for name, reverse, seed in (("one", False, "1"), ("two", True, "4242")):
        root = copy_in_order(tmp_path / name, reverse=reverse)
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
        command = ["make", "--no-print-directory", "build", f"VENV={VENV}", "SOURCE_DATE_EPOCH=1700000000"]
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
        docs = tree_digest(root / "docs")
        del docs[MANIFEST], docs[CITATION_STORE]  # the build's own state (file times, the copy's seal), never published
        for rel in [rel for rel in docs if is_sidecar(rel)]:  # a converted page: its record (but the copy's seal)
            record, _, html = (root / "docs" / rel).read_text(encoding="utf-8").partition("\n")
            docs[rel] = (json.loads(record)["converted"], html)
        store = json.loads((root / "docs" / CITATION_STORE).read_text(encoding="utf-8"))["citations"]
        trees.append((docs, tree_digest(root / "site"), store))
    assert trees[0] == trees[1]
    assert not any(".generated" in rel for rel in trees[0][1])
    assert "sitemap.xml.gz" in trees[0][1] and "search/search_index.json" in trees[0][1]


VOA_FILE = ARTICLE_FILE


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bad_inputs() -> dict[str, tuple]:
    """name -> (how to break the copy, the start of the expected error)."""
    title = "title: US, South Korea Discuss Changes in Military Relationship"
    return {
        "duplicate key": (
            lambda r: _edit(r / VOA_FILE, "outlet: Voice", "title: Again\noutlet: Voice"),
            f"{VOA_FILE}:4: duplicate key 'title' (first on line 3)",
        ),
        "yaml tag": (
            lambda r: _edit(r / VOA_FILE, title, "title: !!python/object:os.system x"),
            f"{VOA_FILE}:3: invalid YAML: YAML tags",
        ),
        "yaml anchor": (
            lambda r: _edit(r / VOA_FILE, "outlet: Voice of America", "outlet: &o Voice of America"),
            f"{VOA_FILE}:4: invalid YAML: anchors",
        ),
        "number where text is due": (
            lambda r: _edit(r / VOA_FILE, "language: en", "language: 1"),
            f"{VOA_FILE}:16: '1' is not a language tag",
        ),
        "oversized file": (
            lambda r: (r / VOA_FILE).write_text(
                (r / VOA_FILE).read_text(encoding="utf-8") + "word " * 210_000, encoding="utf-8"
            ),
            f"{VOA_FILE}: file is 1.1 MB",
        ),
        "not utf-8": (
            lambda r: (r / VOA_FILE).write_bytes((r / VOA_FILE).read_bytes() + b"\xff"),
            f"{VOA_FILE}: not UTF-8: byte",
        ),
        "bidi override": (
            lambda r: _edit(r / VOA_FILE, "Voice of America", "Voice of \u202eAmerica"),
            f"{VOA_FILE}:4: invisible character U+202E",
        ),
        "zero-width in a note": (lambda r: _edit(r / AT_NOTES, "misspelling", "miss\u200bspelling"), f"{AT_NOTES}:"),
        "bad slug": (
            lambda r: (r / VOA_FILE).rename(r / "articles/VOA Report.md"),
            "articles/VOA Report.md: file name",
        ),
        "reserved page": (
            lambda r: shutil.copy2(r / VOA_FILE, r / "articles/index.md"),
            "articles/index.md: article 'index' would write the page articles/index.md, which the archive index",
        ),
        "symlinked source": (
            lambda r: (r / "articles/linked.md").symlink_to(r / VOA_FILE),
            "articles/linked.md: is a symbolic link; only regular files are read",
        ),
        "raw html in text": (
            lambda r: _edit(r / VOA_FILE, "If war ever comes", "<script>alert(1)</script> If war ever comes"),
            f"{VOA_FILE}:",
        ),
    }


@pytest.mark.parametrize("name", list(_bad_inputs()))
def test_each_bad_input_fails_the_build_and_changes_nothing(repo_copy: Path, name: str) -> None:
    assert make_build(repo_copy).returncode == 0
    docs_before, site_before = tree_digest(repo_copy / "docs"), tree_digest(repo_copy / "site")
    breaks, expected = _bad_inputs()[name]
    breaks(repo_copy)
    result = make_build(repo_copy)
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert re.search(r"^\S+?(:\d+)?: ", result.stderr, flags=re.M)
    assert tree_digest(repo_copy / "docs") == docs_before
    assert tree_digest(repo_copy / "site") == site_before
    assert not list(repo_copy.glob(".build-*"))


def test_a_title_that_looks_like_code_is_shown_as_typed(repo_copy: Path) -> None:
    hostile = "</title><script>alert(1)</script> {{ 7*7 }}"
    _edit(
        repo_copy / VOA_FILE, "title: US, South Korea Discuss Changes in Military Relationship", f"title: '{hostile}'"
    )
    assert make_build(repo_copy).returncode == 0
    page = (repo_copy / "site/articles/us-south-korea-discuss-changes-in-military-relationship/index.html").read_text(
        encoding="utf-8"
    )
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} - The Briefing Archive</title>" in page
    assert "<script>alert(1)" not in "".join(
        p.read_text(encoding="utf-8") for p in (repo_copy / "site").rglob("*.html")
    )
