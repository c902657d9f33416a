"""Passage ids: made from each paragraph's own words, so an edit elsewhere in the article keeps them."""

from __future__ import annotations

import re

from conftest import ARTICLE, Project

from build_tools import pipeline
from build_tools.link.passages import passage_id

BODY = ARTICLE.split("---\n", 2)[2]
NOTE = """\
annotations:
  - id: later
    quote: touched on operational control
    note: A note.
    author: octocat
    kind: context
    sources: [{title: S, url: "https://example.org/s"}]
"""


def ids(project: Project) -> dict[str, str]:
    """Each passage id of the article page, with the words of its paragraph."""
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    found = re.findall(r"\n\n((?:(?!\n\n).)+?)\n\{: #(p-[a-z0-9-]+) \}", page, re.S)
    written = re.findall(r'^<p id="(p-[a-z0-9-]+)">(.*?)</p>$', page, re.S | re.M)  # paragraphs written as HTML
    return {anchor: words for words, anchor in found} | dict(written)


def test_every_paragraph_of_the_body_gets_an_id_made_of_its_words(project: Project) -> None:
    project.article("talks")
    found = ids(project)
    assert len(found) == 2
    first = "Officials met for the Security Policy Initiative to discuss wartime operational control."
    assert passage_id(first) in found
    assert passage_id(first).startswith("p-officials-met-for-the-")


def test_an_edit_elsewhere_keeps_the_other_paragraphs_ids(project: Project) -> None:
    project.article("talks")
    before = ids(project)
    edited = ARTICLE.replace(BODY, "A new opening paragraph.\n\n" + BODY.replace("again.", "once more."))
    project.article("talks", edited)
    project.write("articles/talks.annotations.yml", NOTE.replace("operational control", "operational control once"))
    after = ids(project)
    (kept,) = [anchor for anchor in before if before[anchor].startswith("Officials met")]
    assert kept in after  # the untouched first paragraph: same id, though a paragraph came before it
    assert len(after) == 3 and [a for a in before if a not in after] != []  # the edited one changed


def test_ids_ignore_what_the_archive_adds_notes_and_links(project: Project) -> None:
    project.article("talks")
    before = ids(project)
    project.write("articles/talks.annotations.yml", NOTE)
    after = ids(project)
    assert set(after) == set(before)
    assert "Annotation 1" in " ".join(after.values())  # the note is marked in the paragraph whose id held


def test_same_words_twice_get_numbered_ids(project: Project) -> None:
    project.article("talks", ARTICLE + "\nLater, SPI talks touched on operational control again.\n")
    anchors = list(ids(project))
    assert len(anchors) == 3 and anchors[2] == anchors[1] + "-2"


def test_ids_compare_words_after_unicode_and_whitespace_folding() -> None:
    assert passage_id("The  ﬁrst\nwords") == passage_id("The first words")
    assert passage_id("전시작전통제권 환수").startswith("p-") and passage_id("전시작전통제권 환수") != passage_id(
        "환수"
    )
