"""Corrections: the CI rule on a simulated pull request, the model's order, and the site-wide list when one
article changes under `make serve`'s memo."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import committed, git
from site_helpers import copy_project

from build_tools import pipeline
from build_tools.__main__ import main
from build_tools.commands.corrections import check_corrections
from build_tools.incremental.memo import Memo

FRONT = """---
title: {title}
outlet: Example Radio
published: 2006-03-09
language: en
summary: {summary}
tags: [spi]
{corrections}---

"""
BODY = "Officials met in Seoul for the talks.\n\nThe second paragraph says the talks will continue.\n\n- A list item.\n"
CORRECTION = "corrections:\n  - date: 2026-12-01\n    what: {what}\n    why: The copy differed from the original.\n"


def article(body: str = BODY, corrections: str = "", summary: str = "Officials met.", title: str = "Talks") -> str:
    return FRONT.format(title=title, summary=summary, corrections=corrections) + body


def write(root: Path, name: str, text: str) -> None:
    (root / "articles" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose base commit holds some articles and whose head changes them, each in its own way."""
    root = tmp_path / "repo"
    (root / "articles").mkdir(parents=True)
    corrected = CORRECTION.format(what="Restored a word.")
    for name in ("words", "fixed", "wrapped", "renamed", "kept", "replaced", "shortened", "notes", "retitled", "coded"):
        write(root, f"{name}.md", article(corrections=corrected if name in ("kept", "replaced") else ""))
    write(root, "coded.md", article(BODY + "\n```\nold words in code\n```\n"))
    base = committed(root)
    changed = BODY.replace("will continue", "will go on")
    write(root, "words.md", article(changed))  # words changed, no correction: refused at the second paragraph
    write(root, "fixed.md", article(changed, CORRECTION.format(what="Put back the outlet's words.")))
    wrapped = BODY.replace("the talks will", "the talks\n   will").replace("in Seoul", "in  Seoul")
    write(root, "wrapped.md", article(wrapped, summary="Officials met in Seoul."))  # the front matter but the title
    write(root, "retitled.md", article(title="Talks, again"))  # the headline is the outlet's words: refused at it
    write(root, "coded.md", article(BODY + "\n```\nnew words in code\n```\n"))  # a code block's words count too
    other = "A new report, on other talks entirely, held in another city a year later.\n"
    write(root, "new.md", article(other, title="Other talks", summary="Others met."))  # needs no correction
    git(root, "mv", "articles/renamed.md", "articles/moved.md")
    write(root, "moved.md", article(BODY.replace("A list item", "A list entry")))
    write(root, "kept.md", article(changed, corrected))  # the base's correction only: refused
    # the base's correction replaced by another: refused (a correction is a record; one removed stands for none)
    write(root, "replaced.md", article(changed, CORRECTION.format(what="Restored another word.")))
    write(root, "shortened.md", article(BODY.split("\n\n- ")[0] + "\n"))  # the last block removed
    (root / "articles" / "notes.annotations.yml").write_text("annotations: []\n", encoding="utf-8")  # not words
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    return root, base


def test_a_pull_request_that_changes_words_needs_a_new_correction(
    pull_request: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, base = pull_request
    assert main(["corrections", "--root", str(root), "--since", base]) == 1
    hint = (
        "    hint: add an entry to its front matter: `corrections: [{date: YYYY-MM-DD, what: what changed, why: why}]` "
        "(see CONTRIBUTING.md, Corrections)"
    )
    problem = f"the article's words changed since {base} (first on this line), and it has no new correction"
    assert capsys.readouterr().err.splitlines() == [
        f"articles/coded.md:16: {problem}", hint,  # the code block after the list
        f"articles/kept.md:16: {problem}", hint,  # below its three lines of `corrections:`
        f"articles/moved.md:14: {problem}", hint,  # the list item
        f"articles/replaced.md:16: {problem}", hint,
        f"articles/retitled.md:2: {problem}", hint,  # the title
        f"articles/shortened.md:12: {problem}", hint,  # its last line: the list item after it is gone
        f"articles/words.md:12: {problem}", hint,
        "7 problems found; nothing was written.",
    ]  # fmt: skip


def test_a_pull_request_with_its_corrections_passes(
    pull_request: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, base = pull_request
    replaced = CORRECTION.format(what="Restored a word.") + CORRECTION.format(what="Restored another word.")[13:]
    write(root, "replaced.md", article(BODY.replace("will continue", "will go on"), replaced))  # both kept
    for name in ("words", "moved", "shortened", "kept", "retitled", "coded"):
        text = (root / "articles" / f"{name}.md").read_text(encoding="utf-8")
        entry = CORRECTION.format(what="Changed a word.").replace("2026-12-01", "2026-12-02")
        if "corrections:\n" in text:
            entry = entry.removeprefix("corrections:\n")
            text = text.replace("---\n\n", entry + "---\n\n", 1)
        else:
            text = text.replace("tags: [spi]\n", "tags: [spi]\n" + entry, 1)
        (root / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    compared, report = check_corrections(root, base)  # uncommitted changes count too
    assert report.errors == [] and compared == 9
    assert main(["corrections", "--root", str(root), "--since", base]) == 0
    said = f"corrections: 9 changed article(s) compared with {base}; every change of their words has a new correction"
    assert capsys.readouterr().out == said + "\n"


def test_an_unknown_revision_is_a_message(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "articles").mkdir(parents=True)
    git(root, "init", "-q")
    with pytest.raises(SystemExit, match=r"corrections --since no-such-revision: not a revision\n    hint: give a"):
        check_corrections(root, "no-such-revision")


# --- shown: the site's list, its feeds, and what an edit renders again ------------------------------------------

ARTICLE_PAGE = "articles/us-south-korea-discuss-changes-in-military-relationship.md"
LISTS = {"corrections/index.md", "feeds/corrections.xml", "feeds/corrections.json"}


def add_correction(root: Path, what: str, date: str = "2026-12-01") -> None:
    path = root / ARTICLE_PAGE
    text = path.read_text(encoding="utf-8")
    entry = f"  - date: {date}\n    what: {what}\n    why: A reader compared it with the original.\n"
    if "\ncorrections:\n" in text:
        path.write_text(text.replace("\ncorrections:\n", "\ncorrections:\n" + entry, 1), encoding="utf-8")
    else:
        path.write_text(text.replace("\n---\n", "\ncorrections:\n" + entry + "---\n", 1), encoding="utf-8")


def test_the_corrections_feed_is_rss_with_every_correction_linked_and_escaped(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    add_correction(root, "Restored <b>one</b> word & a comma.")
    add_correction(root, "An older change.", "2026-11-30")
    pages = pipeline.render_pages(root)
    channel = ET.fromstring(pages["feeds/corrections.xml"]).find("channel")
    assert channel is not None and channel.findtext("link") == "http://127.0.0.1:8000/corrections/"
    items = channel.findall("item")
    page = "http://127.0.0.1:8000/articles/us-south-korea-discuss-changes-in-military-relationship/#corrections"
    assert [item.findtext("link") for item in items] == [page, page]  # newest first
    assert [item.findtext("pubDate") for item in items] == [
        "Tue, 01 Dec 2026 00:00:00 +0000", "Mon, 30 Nov 2026 00:00:00 +0000"
    ]  # fmt: skip
    assert items[0].findtext("description") == (
        "Restored &lt;b&gt;one&lt;/b&gt; word &amp; a comma. Why: A reader compared it with the original."
    )  # HTML-escaped text: readers treat a description as HTML
    assert len({item.findtext("guid") for item in items}) == 2
    shown = pages[ARTICLE_PAGE].split("\n## Corrections {#corrections}\n", 1)[1].split("\n## ", 1)[0]
    assert shown.index("**1 December 2026.** Restored &lt;b&gt;one") < shown.index("**30 November 2026.** An older")
    assert json.loads(pages["feeds/corrections.json"])["items"][1]["content_text"].startswith("An older change.")


def test_an_edit_renders_the_corrections_again_only_when_they_changed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    path = root / ARTICLE_PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\n---\nAn added paragraph.\n\n", 1))
    after = pipeline.render_pages(root, memo=memo)
    assert ARTICLE_PAGE in rendered(before, after) and not LISTS & rendered(before, after)
    add_correction(root, "Removed the added paragraph.")
    again = pipeline.render_pages(root, memo=memo)
    assert rendered(after, again) >= LISTS and "Removed the added paragraph." in again["corrections/index.md"]
    assert again == pipeline.render_pages(root)  # no memo: the same pages


def rendered(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The pages the second run rendered: one reused from the memo is the very string of the first run."""
    return {rel for rel in after if after[rel] is not before.get(rel)}
