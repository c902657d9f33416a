"""The memo `mkdocs serve` keeps between rebuilds: same pages as a fresh build, problems every time."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO
from site_helpers import copy_project

from build_tools import link, pipeline
from build_tools.entries import Entry, Term
from build_tools.errors import BuildFailed
from build_tools.incremental.memo import Memo
from build_tools.link.models import LinkedArticle
from build_tools.load import load_archive
from build_tools.models import Article

NOTES = "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml"
PAGE = "articles/us-south-korea-discuss-changes-in-military-relationship.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "repo", sources=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rendered_again(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The pages the second run rendered: a page reused from the memo is the very string of the first run."""
    return {rel for rel in after if after[rel] is not before.get(rel)}


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the articles the pipeline links, in order (jobs run in this process below 64)."""
    slugs: list[str] = []
    real = link.link_article

    def counted(article: Article, *args: object, **kwargs: object) -> LinkedArticle:
        slugs.append(article.slug)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(link, "link_article", counted)
    return slugs


def test_an_edit_redoes_only_what_it_touched_and_gives_a_fresh_builds_pages(root: Path, linked: list[str]) -> None:
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    assert memo.hits == 0 and len(linked) > 1
    linked.clear()
    edit(root / NOTES, "These are the ten military missions", "These ten missions, edited,")
    after = pipeline.render_pages(root, memo=memo)
    assert linked == [PAGE.removeprefix("articles/").removesuffix(".md")]  # only the edited article
    assert after == pipeline.render_pages(root)  # no memo: everything computed afresh
    assert after[PAGE] != before[PAGE] and "These ten missions, edited," in after[PAGE]
    collection = "annotations/" + PAGE.removeprefix("articles/").removesuffix(".md") + ".jsonld"
    every_note = {f"data/notes.{form}" for form in ("csv", "json", "jsonl", "jsonld")}  # the dataset's notes
    assert {rel for rel in after if after[rel] != before[rel]} == {PAGE, collection, *every_note}
    # rendered again: the article's page, its notes as Web Annotations and the entry pages that list the
    # note; not the indexes, feeds, timeline or the other article (whose related reading names the edited
    # one, but not its notes)
    showing = {rel for rel, text in after.items() if "note-seven-of-ten-missions" in text} | {collection}
    showing |= {"data/index.md", *every_note}  # the dataset's notes, and the Data page, which counts them
    again = rendered_again(before, after)
    assert PAGE in again and again <= showing and len(showing) < len(after) / 2


def test_a_definition_edit_links_no_article_again_and_renders_only_what_shows_it(root: Path, linked: list[str]) -> None:
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    linked.clear()
    edit(root / "glossary.yml", "1950. Until 1994", "1950. Until the year 1994")
    after = pipeline.render_pages(root, memo=memo)
    assert linked == []
    assert after == pipeline.render_pages(root)
    assert "Until the year 1994" in after["glossary/opcon.md"]
    again = rendered_again(before, after)
    assert "glossary/opcon.md" in again
    assert not {rel for rel in again if rel.startswith("articles/")}  # not linked, nor rendered, again


def test_an_edit_to_a_short_definition_reaches_every_article_that_links_the_term(root: Path) -> None:
    memo = Memo()
    before = pipeline.render_pages(root, memo=memo)
    edit(root / "glossary.yml", "forces in a war.", "forces in a war, edited.")
    after = pipeline.render_pages(root, memo=memo)
    assert after == pipeline.render_pages(root)
    linking = {rel for rel, text in before.items() if rel.startswith("articles/") and "glossary/opcon/" in text}
    assert linking and linking <= rendered_again(before, after)


def test_a_glossary_edit_relinks_every_article(root: Path) -> None:
    memo = Memo()
    pipeline.render_pages(root, memo=memo)
    glossary = root / "glossary.yml"
    edit(glossary, "id: opcon", "id: opcon-renamed")
    shutil.copy2(REPO / "people.yml", root / "people.yml")
    with pytest.raises(BuildFailed):  # people.yml and timeline.yml still refer to opcon
        pipeline.render_pages(root, memo=memo)
    # only reading the articles and briefings was reused, mkdocs.yml's conversion setting (linking depends on it)
    # and the record of passages (passages.jsonl)
    read = [*(root / "articles").glob("*.md"), *(root / "briefings").glob("*.md")]
    assert memo.hits == len(read) + 2


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


def _elsewhere(entry: Entry) -> Entry:
    """`entry` with every field that linking is not meant to read changed, lines included."""
    moved = {"line": entry.line + 100, "sources": (), "name": entry.name + " (changed)"}
    sense = replace(entry.sense, line=entry.sense.line + 100,
                    cues=tuple(replace(cue, line=cue.line + 100) for cue in entry.sense.cues),
                    exclusions=tuple(replace(phrase, line=phrase.line + 100) for phrase in entry.sense.exclusions))  # fmt: skip
    aliases = tuple(replace(alias, line=alias.line + 100) for alias in entry.aliases)
    if isinstance(entry, Term):
        extra = {"definition": "Changed.", "expansion": "Changed", "korean": "바뀜", "related": ()}
    else:
        extra = {"description": "Changed.", "roles": ()}
    return replace(entry, aliases=aliases, sense=sense, **moved, **extra)


def test_linking_reads_of_an_entry_only_what_its_signature_holds() -> None:
    """The memo reuses an article's links while the entries' signature stays the same: every article
    must then link exactly as it would with the changed entries."""
    archive = load_archive(REPO)
    changed = tuple(_elsewhere(entry) for entry in archive.entries)
    assert link.signature(changed) == link.signature(archive.entries)
    assert changed != archive.entries
    ours, theirs = link.build_matcher(archive.entries), link.build_matcher(changed)
    for article in archive.articles:
        assert link.link_article(article, ours) == link.link_article(article, theirs), article.slug


def test_a_slot_gives_back_its_result_only_for_a_key_that_hashes_the_same() -> None:
    memo = Memo()
    memo.next_run()
    memo.keep(("page", "a", 1), "first", slot="a.md")
    memo.next_run()
    assert memo.lookup(("page", "a", 1), "a.md") == (True, "first")  # the key rebuilt: equal, not identical
    assert memo.lookup(("page", "a", 2), "a.md") == (False, None)  # a changed key misses
    assert memo.lookup(("page", "a", 1), "b.md") == (False, None)  # another page's slot
    memo.next_run()
    memo.next_run()
    assert memo.lookup(("page", "a", 1), "a.md") == (False, None)  # a run that did not use it dropped it
