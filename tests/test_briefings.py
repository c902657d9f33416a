"""Briefings: quotations found word for word in the articles, footnotes, sources on every paragraph, and what the
other pages show of them (golden files: tests/golden/briefings, tests/golden/briefing-errors)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, Project, dedent
from site_helpers import copy_project

from build_tools import pipeline
from build_tools.commands.links import changed_articles, link_report
from build_tools.errors import BuildFailed

BRIEFING = dedent("""
    ---
    title: Talks and control
    authors: [octocat]
    date: 2026-12-07
    summary: What the talks were about.
    tags: [opcon]
    footnotes:
      - id: talks
        sources: [{title: A source, url: "https://example.org/source"}]
    ---

    The talks were about control.[^talks] The article says officials met "[for the Security Policy
    Initiative](archive:talks)".

    > [Later, SPI talks touched on operational control again.](archive:talks)
""")


@pytest.fixture
def briefed(project: Project) -> Project:
    project.article("talks")
    project.write("briefings/control.md", BRIEFING)
    return project


def problems(root: Path) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(root)
    return [str(error) for error in failed.value.errors]


def test_a_quotation_links_to_the_paragraph_of_the_article_that_holds_its_words(briefed: Project) -> None:
    pages = pipeline.render_pages(briefed.root)
    briefing, article = pages["briefings/control.md"], pages["articles/talks.md"]
    anchors = set(re.findall(r"\.\./articles/talks\.md#(p-[a-z0-9-]+)", briefing))
    assert len(anchors) == 2  # each quotation's own paragraph, in the text and in "Documents in this briefing"
    for anchor in anchors:  # the article's page gives those very ids to its paragraphs
        assert f"{{: #{anchor} }}" in article or f'id="{anchor}"' in article
    assert "“[for the Security Policy\nInitiative]" not in briefing  # its own marks: none added
    assert '"[for the Security Policy' in briefing


def test_an_article_shows_the_briefings_that_quote_it_linked_to_the_quoting_paragraph(briefed: Project) -> None:
    pages = pipeline.render_pages(briefed.root)
    found = re.search(r"\*\*Discussed in\*\* the briefing \[Talks and control\]\(\.\./briefings/control\.md#(p-[^)]+)\)",
                      pages["articles/talks.md"])  # fmt: skip
    assert found is not None
    assert f"#{found.group(1)} }}" in pages["briefings/control.md"]  # the paragraph that quotes it


def test_term_pages_list_the_briefings_that_mention_them(briefed: Project) -> None:
    pages = pipeline.render_pages(briefed.root)
    assert "## In briefings" in pages["glossary/spi.md"]  # "Security Policy Initiative" in the essay
    assert "[Talks and control](../briefings/control.md)" in pages["glossary/spi.md"]
    assert "[Talks and control](../briefings/control.md)" in pages["glossary/opcon.md"]  # in the block quotation
    briefed.write(
        "briefings/control.md",
        BRIEFING.replace("\n> [Later, SPI talks touched on operational control again.](archive:talks)\n", ""),
    )
    assert "## In briefings" not in pipeline.render_pages(briefed.root)["glossary/opcon.md"]  # "control" is no alias
    assert "## [Talks and control](control.md)" in pages["briefings/index.md"]


def test_an_article_edit_that_breaks_a_quotation_fails_naming_the_briefing(briefed: Project) -> None:
    pipeline.check(briefed.root)
    article = briefed.root / "articles/talks.md"
    article.write_text(article.read_text().replace("touched on operational", "touched upon operational"))
    found = problems(briefed.root)
    assert len(found) == 1
    assert found[0].startswith("briefings/control.md:15: quotation “Later, SPI talks touched on operational")
    assert "not found in articles/talks.md" in found[0]
    assert (
        "closest passage, articles/talks.md:13: “Later, SPI talks touched upon operational control again.”" in found[0]
    )


def test_quotation_marks_dashes_and_spaces_are_forgiven_as_in_notes(briefed: Project) -> None:
    briefed.write(
        "briefings/control.md",
        BRIEFING.replace("for the Security Policy\nInitiative", "for   the\nSecurity Policy Initiative"),
    )
    pipeline.check(briefed.root)


def test_a_quotation_of_an_article_with_problems_is_not_looked_for_the_article_is_reported(briefed: Project) -> None:
    article = briefed.root / "articles/talks.md"
    article.write_text(article.read_text().replace("outlet: Example News\n", ""))
    found = problems(briefed.root)
    assert [line.split(":", 1)[0] for line in found] == ["articles/talks.md"]


def test_a_briefing_file_of_another_kind_is_refused(briefed: Project) -> None:
    briefed.write("briefings/draft.markdown", "text")
    (briefed.root / "briefings/sub").mkdir()
    found = problems(briefed.root)
    assert any(line.startswith("briefings/draft.markdown: is not a briefing") for line in found)
    assert any(line.startswith("briefings/sub: is a folder") for line in found)


def test_the_links_report_covers_briefings(briefed: Project) -> None:
    text, report = link_report(briefed.root, ["briefings/control.md"])
    assert not report.errors
    assert text.startswith("briefings/control.md: Talks and control")
    assert "link     glossary/spi  “Security Policy Initiative”" in text or "glossary/spi" in text
    everything, _ = link_report(briefed.root, [])
    assert "articles/talks.md: Talks in Seoul" in everything and "briefings/control.md:" in everything


def test_links_since_names_changed_briefings(briefed: Project) -> None:
    root = briefed.root
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(root), *command], check=True)
    (root / "briefings/control.md").write_text(BRIEFING.replace("about control", "about command"))
    assert changed_articles(root, "HEAD") == ["briefings/control.md"]


def test_the_real_briefing_quotes_both_articles_and_every_quotation_is_found() -> None:
    pages = pipeline.render_pages(REPO)
    briefing = pages["briefings/opcon-transfer-2006-2017.md"]
    for slug in ("us-south-korea-discuss-changes-in-military-relationship",
                 "washington-seoul-postpone-changes-wartime-troop-command-structure"):  # fmt: skip
        anchors = set(re.findall(rf"articles/{slug}/?(?:\.md)?#(p-[a-z0-9-]+)", briefing))
        assert anchors, slug
        article = pages[f"articles/{slug}.md"]
        assert all(f"#{anchor} }}" in article or f'id="{anchor}"' in article for anchor in anchors), slug
        assert "**Discussed in** the briefing" in article


def contributing_example() -> str:
    """The briefing CONTRIBUTING tells a contributor to copy."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## Write a briefing\n", 1)[1]
    return section.split("```markdown\n", 1)[1].split("\n```\n", 1)[0] + "\n"


def test_contributings_example_is_refused_at_its_placeholders_then_published_once_filled(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    example = contributing_example()
    (root / "briefings/example.md").write_text(example, encoding="utf-8")
    found = problems(root)
    lines = [int(line.split(":")[1]) for line in found]
    assert all(line.startswith("briefings/example.md:") for line in found) and len(found) == 3, found
    written = example.splitlines()
    assert {written[line - 1].split(":")[0].strip(" -") for line in lines} == {"authors", "title", "url"}
    filled = example.replace("your-github-handle", "octocat").replace("TO FILL: title of", "The title of")
    (root / "briefings/example.md").write_text(filled.replace("example.org/TO-FILL", "example.org/a-page"))
    page = pipeline.render_pages(root)["briefings/example.md"]
    linked = re.findall(r"us-south-korea-discuss-changes-in-military-relationship(?:\.md|/)#(p-[a-z0-9-]+)", page)
    assert len(set(linked)) == 2 and len(linked) >= 4  # each quotation's paragraph, in the text and the documents
