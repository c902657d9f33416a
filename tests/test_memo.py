"""The memo `mkdocs serve` keeps between rebuilds: same pages as a fresh build, problems every time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from site_helpers import copy_project

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.incremental.memo import Memo

NOTES = "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml"
PAGE = "articles/us-south-korea-discuss-changes-in-military-relationship.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "repo", sources=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_redoes_only_what_it_touched_and_gives_a_fresh_builds_pages(root: Path) -> None:
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    assert memo.hits == 0
    edit(root / NOTES, "These are the ten military missions", "These ten missions, edited,")
    after = pipeline.render_pages(root, memo=memo)
    articles = len(list((root / "articles").glob("*.md")))
    # the other article is neither read nor linked again and related reading is reused; its page
    # is rendered again because its related reading lists the edited article
    assert memo.hits == 2 * (articles - 1) + 1
    assert after == pipeline.render_pages(root)  # no memo: everything computed afresh
    assert after[PAGE] != before[PAGE] and "These ten missions, edited," in after[PAGE]
    assert {rel for rel in after if after[rel] != before[rel]} == {PAGE}


def test_a_glossary_edit_relinks_every_article(root: Path) -> None:
    memo = Memo()
    pipeline.render_pages(root, memo=memo)
    glossary = root / "glossary.yml"
    edit(glossary, "id: opcon", "id: opcon-renamed")
    shutil.copy2(REPO / "people.yml", root / "people.yml")
    with pytest.raises(BuildFailed):  # people.yml and timeline.yml still refer to opcon
        pipeline.render_pages(root, memo=memo)
    assert memo.hits == len(list((root / "articles").glob("*.md")))  # only reading the articles was reused


def test_a_problem_is_reported_on_every_run(root: Path) -> None:
    memo = Memo()
    pipeline.render_pages(root, memo=memo)
    edit(root / NOTES, "quote: seven of the ten major military operations", "quote: words the article lacks")
    for _ in range(2):
        with pytest.raises(BuildFailed) as failed:
            pipeline.render_pages(root, memo=memo)
        assert "words the article lacks" in str(failed.value)


def test_a_timeline_edit_reaches_the_article_pages_it_concerns(root: Path) -> None:
    memo = Memo()
    pipeline.render_pages(root, memo=memo)
    timeline = root / "timeline.yml"
    slug = PAGE.removeprefix("articles/").removesuffix(".md")
    event = (
        "\n  - id: memo-test-event\n    date: 1990-01-09\n    title: A new event about the talks\n"
        f"    description: Made for a test.\n    articles: [{slug}]\n"
        "    sources:\n      - title: A source\n        url: https://example.org/event\n"
    )
    # appended and dated far from the article: no other event moves and "around this date" stays the same,
    # so only the page's "On the timeline" list changes
    timeline.write_text(timeline.read_text(encoding="utf-8").rstrip("\n") + "\n" + event, encoding="utf-8")
    after = pipeline.render_pages(root, memo=memo)
    assert "A new event about the talks" in after[PAGE].split("## On the timeline", 1)[1]
    assert after == pipeline.render_pages(root)
