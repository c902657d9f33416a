"""The exported W3C selectors depend only on the article's words: a note added earlier in an article changes no
other note's selectors (the markers' numbers are drawn by the style sheet, not written in the text)."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from conftest import REPO
from site_helpers import copy_project
from test_web_annotations import SLUGS, _ParagraphText

from build_tools import pipeline

ADDED = "added-earlier"


def render(root: Path) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
        return pipeline.render_pages(root)


def selectors(pages: dict[str, str], slug: str) -> dict[str, list]:
    items = json.loads(pages[f"annotations/{slug}.jsonld"])["first"]["items"]
    return {item["id"].rsplit("/", 1)[1]: item["target"]["selector"] for item in items}


def paragraph_texts(pages: dict[str, str], slug: str) -> dict[str, str]:
    """Each paragraph's textContent, as Python-Markdown renders the page (as MkDocs does)."""
    parser = _ParagraphText()
    source = pages[f"articles/{slug}.md"].split("---\n", 2)[2]
    parser.feed(markdown.markdown(source, extensions=["attr_list", "admonition", "tables", "pymdownx.mark"]))
    return parser.texts


def earlier_quote(found: dict[str, list], texts: dict[str, str]) -> tuple[str, str, str]:
    """A new quote, its suffix and the note it comes before: the first words of the paragraph of the first note
    (in reading order) that has at least two words before it, one word left between the two quotes."""
    for note, (_quote, css) in ((n, s) for n, s in found.items() if len(s) == 2):
        words = texts[css["value"][1:]][: css["refinedBy"]["start"]].split()
        if len(words) >= 2:
            return " ".join(words[:-1][:4]), words[min(len(words) - 1, 4)], note
    raise AssertionError("no note has two words before it in its paragraph")


def add_note(path: Path, quote: str, suffix: str) -> None:
    entry = (
        f"\n  - id: {ADDED}\n    quote: {json.dumps(quote)}\n    suffix: {json.dumps(suffix)}\n"
        "    note: A note added before the others.\n    author: octocat\n    kind: context\n"
        '    sources:\n      - {title: Source, url: "https://example.org/source"}\n'
    )
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry, encoding="utf-8")


@pytest.fixture(scope="module")
def before() -> dict[str, str]:
    return render(REPO)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_note_added_earlier_changes_no_other_notes_selectors(
    before: dict[str, str], tmp_path: Path, slug: str
) -> None:
    old = selectors(before, slug)
    quote, suffix, follower = earlier_quote(old, paragraph_texts(before, slug))
    root = copy_project(tmp_path / "project", sources=True)
    add_note(root / "articles" / f"{slug}.annotations.yml", quote, suffix)
    after = render(root)
    new = selectors(after, slug)
    assert set(new) == set(old) | {ADDED}
    assert new[ADDED][0]["exact"] == quote  # the new note is placed, in the same paragraph as `follower`
    assert new[ADDED][1]["value"] == new[follower][1]["value"]
    assert new[ADDED][1]["refinedBy"]["end"] < new[follower][1]["refinedBy"]["start"]
    numbers = list(new)  # reading order: every note from `follower` on is renumbered
    assert numbers.index(ADDED) < numbers.index(follower) == list(old).index(follower) + 1
    assert {note: new[note] for note in old} == old
    texts = paragraph_texts(after, slug)
    for note, (quote_selector, *rest) in new.items():
        if rest:
            (css,) = rest
            text = texts[css["value"][1:]]
            assert text[css["refinedBy"]["start"] : css["refinedBy"]["end"]] == quote_selector["exact"], note
