"""Links to the repository: read from REPO_URL only, never guessed from the checkout; on every kind of page."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from site_helpers import build_site, copy_project

from build_tools import repository
from build_tools.errors import BuildFailed
from build_tools.repository import PageLinks, Repository, page_links, parse_branch, parse_url

REPO_URL = "https://github.com/example-owner/briefing-archive"
PROJECT = Path(__file__).resolve().parent.parent


def test_repo_url_is_checked() -> None:
    assert parse_url("https://github.com/o/r.git/") == "https://github.com/o/r"
    assert parse_url("https://git.example.org/o/r") == "https://git.example.org/o/r"  # GitHub Enterprise
    for bad in ("http://github.com/o/r", "https://github.com/o", "javascript:alert(1)", "https://github.com/o/r?x=1"):
        with pytest.raises(repository.RepositoryError, match="REPO_URL"):
            parse_url(bad)
    assert parse_branch("release/2026") == "release/2026"
    for bad in ("-x", "a..b", "a b", "main/"):
        with pytest.raises(repository.RepositoryError, match="REPO_BRANCH"):
            parse_branch(bad)


def test_a_bad_setting_is_reported_with_its_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPO_URL", "github.com/o/r")
    with pytest.raises(BuildFailed) as failed:
        repository.repository()
    assert "REPO_URL: REPO_URL='github.com/o/r' is not a repository's address" in str(failed.value)
    monkeypatch.setenv("REPO_URL", "")
    assert repository.repository() is None  # empty: no links


def test_the_checkout_is_never_asked(tmp_path: Path) -> None:
    """A copy of the tools in a git working copy whose `origin` is on GitHub, REPO_URL unset: no repository (the
    same sources make the same pages whatever remote a checkout has)."""
    shutil.copytree(PROJECT / "build_tools", tmp_path / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:o/r.git"], check=True)
    env = {name: value for name, value in os.environ.items() if name not in ("REPO_URL", "REPO_BRANCH")}
    code = "from build_tools import repository; print(repository.setting())"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "-"), done.stderr
    env["REPO_URL"] = "https://github.com/o/r"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "https://github.com/o/r main", done.stderr


def test_page_links() -> None:
    found = Repository(REPO_URL, "main")
    meta = {"edit_files": ["articles/a.md", "articles/a.annotations.yml"], "notes_file": "articles/a.annotations.yml"}
    links = page_links(found, meta, "articles/a.md", "https://example.org/articles/a/", 'A & B: "#1"')
    assert links.edits == (
        ("Edit the article", "articles/a.md", f"{REPO_URL}/blob/main/articles/a.md"),
        ("Edit the notes", "articles/a.annotations.yml", f"{REPO_URL}/blob/main/articles/a.annotations.yml"),
    )
    query = parse_qs(urlsplit(links.report).query)
    assert query == {
        "template": ["report-problem.yml"],
        "title": ['Problem on: A & B: "#1"'],
        "page": ["https://example.org/articles/a/"],
    }
    assert (links.suggest, links.notes_file) == (f"{REPO_URL}/issues/new", "articles/a.annotations.yml")
    hand_written = page_links(found, {}, "about.md", "https://example.org/about/", "About")
    assert hand_written.edits == (("Edit about.md", "docs/about.md", f"{REPO_URL}/blob/main/docs/about.md"),)
    assert (hand_written.suggest, hand_written.notes_file) == ("", "")
    folders = page_links(found, {"edit_files": ["timeline.yml", "articles/"]}, "timeline/index.md", "u", "T")
    assert [edit[2] for edit in folders.edits] == [
        f"{REPO_URL}/blob/main/timeline.yml",
        f"{REPO_URL}/tree/main/articles/",
    ]
    hostile = page_links(found, {"edit_files": ["../x", "a b", 3], "notes_file": "javascript:x"}, "x.md", "u", "T")
    assert hostile == PageLinks((), hostile.report, "", "")


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("linked")
    saved = os.environ.get("REPO_URL")
    os.environ["REPO_URL"] = REPO_URL
    try:
        return build_site(copy_project(root, sources=True))
    finally:
        os.environ["REPO_URL"] = saved if saved is not None else ""


SOURCES = {
    "index.html": ["docs/index.md"],
    "about/index.html": ["docs/about.md"],
    "articles/index.html": ["articles/"],
    "glossary/index.html": ["glossary.yml"],
    "glossary/dmz/index.html": ["glossary.yml"],
    "people/index.html": ["people.yml"],
    "timeline/index.html": ["timeline.yml", "articles/"],
    "articles/us-south-korea-discuss-changes-in-military-relationship/index.html": [
        "articles/us-south-korea-discuss-changes-in-military-relationship.md",
        "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml",
    ],
}


@pytest.mark.slow
def test_every_page_links_to_its_sources_and_to_report_a_problem(linked_site: Path) -> None:
    """Each kind of page, built: its edit links name the files it is made from; "Report a problem" names it."""
    pages = sorted(linked_site.rglob("index.html"))
    people = next(p for p in pages if p.parent.parent.name == "people" and p.parent.name != "people")
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="bx-source-links".*?</nav>', text, re.S)
        assert nav, f"{page} has no source links"
        links = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', nav.group(0))]
        report = urlsplit(links[-1])
        assert report.path == "/example-owner/briefing-archive/issues/new"
        address = parse_qs(report.query)["page"][0]
        folder = page.parent.relative_to(linked_site).as_posix()
        assert address == "http://127.0.0.1:8000/" + ("" if folder == "." else folder + "/")
        relative = page.relative_to(linked_site).as_posix()
        wanted = SOURCES.get(relative) or (["people.yml"] if page == people else None)
        if wanted:
            assert [urlsplit(link).path.split("/", 5)[5] for link in links[:-1]] == wanted, relative
        assert f'href="{REPO_URL}"' in text  # Material's header link, without its api.github.com component
        assert 'data-md-component="source"' not in text
    article = (linked_site / next(iter(k for k in SOURCES if k.startswith("articles/us")))).read_text(encoding="utf-8")
    assert (
        f'Source file: <a href="{REPO_URL}/blob/main/articles/us-south-korea-discuss-changes-in-military-relationship.md">'
        in article
    )


@pytest.mark.slow
def test_without_a_repository_pages_omit_the_links(tmp_path: Path) -> None:
    assert os.environ.get("REPO_URL") == ""  # conftest: no repository unless a test names one
    site = build_site(copy_project(tmp_path, sources=True))
    page = (site / "articles/us-south-korea-discuss-changes-in-military-relationship/index.html").read_text("utf-8")
    assert "bx-source-links" not in page and "md-source" not in page and "issues/new" not in page
    assert "Source file: <code>articles/us-south-korea-discuss-changes-in-military-relationship.md</code>" in page


def test_source_file_links_only_a_known_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.render.environment import source_file

    assert source_file("articles/a_b.md") == "`articles/a_b.md`"
    monkeypatch.setenv("REPO_URL", REPO_URL)
    assert source_file("articles/a_b.md") == f"[articles/a\\_b.md]({REPO_URL}/blob/main/articles/a_b.md)"
    with pytest.raises(ValueError):
        source_file("articles/a b.md")
