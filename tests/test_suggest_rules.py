"""What "Suggest a note" relies on in the build: placeholders refused by `check`, the tight list items it counts
marked as blocks, and the reading key's line on it only where the build knows the repository."""

from __future__ import annotations

import pytest
from conftest import Project

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.link import build_matcher, link_article
from build_tools.load.placeholders import AUTHOR, FIXES, TO_FILL
from build_tools.models import Article

SUGGESTED = """\
annotations:
  # Suggested for http://127.0.0.1:8000/articles/talks/#p-officials-met-for-the-1a2b3c4d
  - id: "security-policy-initiative"
    quote: "Security Policy Initiative"
    note: "TO FILL: your note, in your own words (Markdown; no HTML)."
    author: "your-github-handle"   # TO FILL
    kind: "context"                # context, correction, clarification, term or person
    sources:
      - title: "TO FILL: the title of a source that says what the note says"
        url: "https://example.org/TO-FILL"
"""
"""An entry as docs/javascripts/suggest.js writes it (the placeholders are its, word for word)."""

FILLED = {
    '"TO FILL: your note, in your own words (Markdown; no HTML)."': "Policy talks begun in 2005.",
    '"your-github-handle"   # TO FILL': "octocat",
    '"TO FILL: the title of a source that says what the note says"': "A source on the talks",
    '"https://example.org/TO-FILL"': "https://example.org/spi-talks",
}


def _problems(project: Project) -> list[tuple[str, int | None, str, str]]:
    try:
        pipeline.check(project.root)
    except BuildFailed as failed:
        return [(error.path, error.line, error.message, error.hint) for error in failed.errors]
    return []


def test_the_suggested_entry_is_refused_until_each_placeholder_is_filled(project: Project) -> None:
    project.article("talks")
    project.write("articles/talks.annotations.yml", SUGGESTED)
    notes = "articles/talks.annotations.yml"
    assert _problems(project) == [
        (notes, 5, "“TO FILL” is a placeholder, still to replace", FIXES["note"]),
        (notes, 6, "“your-github-handle” is a placeholder, still to replace", "write the GitHub handle of the note's author"),
        (notes, 9, "“TO FILL” is a placeholder, still to replace", FIXES["title"]),
        (notes, 10, "“TO-FILL” is a placeholder, still to replace", FIXES["url"]),
    ]  # fmt: skip
    text = SUGGESTED
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    project.write(notes, text)
    assert _problems(project) == []


@pytest.mark.parametrize(
    ("value", "refused"),
    [("TO FILL", True), ("Say what TO-FILL means", True), ("to fill in the gaps", False), ("TOFILL", False)],
)
def test_the_mark_of_a_value_to_fill(value: str, refused: bool) -> None:
    assert (TO_FILL.search(value) is not None) is refused  # capitals, as the entry writes it: not "to fill in"


def test_only_the_templates_handle_is_refused() -> None:
    found = [placeholder.found(text) for placeholder in AUTHOR.placeholders for text in ("@Your-GitHub-Handle", "me")]
    assert found == ["@Your-GitHub-Handle", None]


LISTED = """\
---
title: Talks in Seoul
outlet: Example News
published: 2006-03
language: en
summary: Officials met.
tags: [opcon]
---

Officials met.

- Six-party talks: multi-nation talks
- A *second* item
    - nested here

1. loose

2. list
"""


def test_tight_list_items_are_marked_as_blocks(project: Project) -> None:
    """Each tight list item with words is marked (`data-bx-block`), nested ones too; paragraphs (loose items
    among them) have their id instead."""
    from build_tools.load import load_archive

    project.article("listed", LISTED)
    archive = load_archive(project.root)
    (article,) = [item for item in archive.articles if isinstance(item, Article)]
    body = link_article(article, build_matcher(archive.terms)).body
    assert body.count('{: data-bx-block="item" }') == 3
    assert "multi-nation talks\n    {: data-bx-block" in body and "nested here\n        {: data-bx-block" in body
    assert "{: #p-loose-" in body and "{: #p-officials-met-" in body


KEY_LINE = "Select words</strong> in the text to suggest a note"


@pytest.mark.parametrize("repo_url", ["", "https://github.com/example-owner/briefing-archive"])
def test_the_key_offers_suggestions_only_with_a_repository(
    project: Project, monkeypatch: pytest.MonkeyPatch, repo_url: str
) -> None:
    monkeypatch.setenv("REPO_URL", repo_url)
    project.article("talks")
    docs = project.root / "docs"
    pipeline.generate(project.root, docs)
    page = (docs / "articles/talks.md").read_text(encoding="utf-8")
    assert "shows its citation below it" in page
    assert (KEY_LINE in page) is bool(repo_url)
