"""Briefings: quotations found word for word in the articles, footnotes, sources on every paragraph, and what the
other pages show of them (golden files: tests/golden/briefings, tests/golden/briefing-errors)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, Project, dedent
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
    article = briefed.root / "articles/talks.md"
    article.write_text(article.read_text().replace("wartime operational", "wartime \u2013 \u2018operational\u2019"))
    written = BRIEFING.replace("for the Security Policy\nInitiative", "for   the\nSecurity Policy Initiative to discuss "
                               "wartime - 'operational'")  # fmt: skip
    briefed.write("briefings/control.md", written)
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
    briefed.write("briefings/control.md~", "a backup")
    backup = [line for line in problems(briefed.root) if line.startswith("briefings/control.md~")]
    assert backup and "hint: delete it: it is an editor's or a merge tool's leftover" in backup[0]


def test_the_links_report_covers_briefings(briefed: Project) -> None:
    text, report = link_report(briefed.root, ["briefings/control.md"])
    assert not report.errors
    assert text.startswith("briefings/control.md: Talks and control")
    assert "\n    15  link     glossary/spi  “SPI”: alias\n" in text  # in the block quotation (words in a link are not)
    assert "\n    15  link     glossary/opcon  “operational control”: alias\n" in text
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


def test_many_broken_quotations_and_an_ambiguous_one_are_each_a_problem_never_a_crash(briefed: Project) -> None:
    missing = "\n\n".join(f"Claim {n}.[^talks] [words not there {n}](archive:talks)" for n in range(25))
    briefed.write("briefings/control.md", BRIEFING + f"\n{missing}\n\nTwice: [operational control](archive:talks).\n")
    found = problems(briefed.root)
    assert sum("not found in articles/talks.md" in line for line in found) == 25
    assert sum("closest passage" in line for line in found) == 20  # each costs a pass over the article
    assert any("“operational control” occurs 2 times" in line for line in found)


def test_a_heading_may_neither_quote_an_article_nor_cite_a_footnote(briefed: Project) -> None:
    briefed.write("briefings/control.md", BRIEFING + "\n## As [Later, SPI talks](archive:talks) said[^talks]\n")
    found = problems(briefed.root)
    assert any(line.startswith("briefings/control.md:17: a heading may not quote an article") for line in found)
    assert any(line.startswith("briefings/control.md:17: a heading may not cite a footnote") for line in found)


def test_a_briefings_passage_ids_do_not_change_with_the_quoted_articles_date(briefed: Project) -> None:
    before = re.findall(r"\{: #(p-[a-z0-9-]+) \}", pipeline.render_pages(briefed.root)["briefings/control.md"])
    article = briefed.root / "articles/talks.md"
    article.write_text(article.read_text().replace("published: 2006-03", "published: 2006-04-02"))
    after_page = pipeline.render_pages(briefed.root)["briefings/control.md"]
    assert "Example News, 2 April 2006" in after_page  # the block quotation's line names the new date
    assert re.findall(r"\{: #(p-[a-z0-9-]+) \}", after_page) == before and len(before) == 2


def test_an_edit_to_an_article_no_briefing_quotes_links_no_briefing_again(
    briefed: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import sources
    from build_tools.incremental.memo import Memo

    briefed.article("other", ARTICLE.replace("Talks in Seoul", "Other talks"))
    linked: list[str] = []
    real = sources.link_briefing
    monkeypatch.setattr(sources, "link_briefing", lambda briefing, *a, **k: linked.append(briefing.slug) or real(
        briefing, *a, **k))  # fmt: skip
    memo = Memo()
    pipeline.render_pages(briefed.root, memo=memo)
    assert linked == ["control"]
    other = briefed.root / "articles/other.md"
    other.write_text(other.read_text().replace("Later, SPI talks", "Later, the SPI talks"))
    pipeline.render_pages(briefed.root, memo=memo)
    assert linked == ["control"]  # not again
    talks = briefed.root / "articles/talks.md"
    talks.write_text(talks.read_text().replace("Officials met", "The officials met"))
    pipeline.render_pages(briefed.root, memo=memo)
    assert linked == ["control", "control"]  # the article it quotes changed


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Claim `[^talks]` in code.", "a `[^` here cites no footnote"),
        ("Claim [see [^talks] here](https://example.org/x).", "a `[^` here cites no footnote"),
        ("Claim [^ talks] with a space.", "a `[^` here cites no footnote"),
        ("Claim [^nothing].", "[^nothing] cites no footnote of the front matter"),
        (
            "A link [into the page](#notes-and-sources).[^talks]",
            "the relative link '#notes-and-sources' is not allowed",
        ),
        ("Made up: [words never said](ARCHIVE:talks).[^talks]", "quotation “words never said” not found"),
    ],
)
def test_a_reference_that_goes_nowhere_or_a_link_into_the_page_is_a_problem_at_its_line(
    briefed: Project, text: str, says: str
) -> None:
    briefed.write("briefings/control.md", BRIEFING + f"\n{text}\n")
    found = problems(briefed.root)
    assert any(line.startswith("briefings/control.md:17: ") and says in line for line in found), found


def test_a_footnotes_repeated_citations_and_another_footnotes_first_have_ids_of_their_own(briefed: Project) -> None:
    two = BRIEFING.replace(
        "footnotes:\n", 'footnotes:\n  - id: talks-2\n    sources: [{title: B, url: "https://example.org/b"}]\n'
    )
    briefed.write("briefings/control.md", two + "\nFirst.[^talks] Second.[^talks] Third.[^talks-2]\n")
    page = pipeline.render_pages(briefed.root)["briefings/control.md"]
    ids = re.findall(r"\{#(fnref-[a-z0-9-]+) ", page)  # the ids given (the back links name some of them)
    assert len(ids) == len(set(ids)) == 4, ids  # talks, talks--2, talks--3, talks-2


def test_an_image_is_refused_at_its_own_line(briefed: Project) -> None:
    briefed.write(
        "briefings/control.md", BRIEFING + "\nFine.[^talks]\n\nAn ![image](https://example.org/i.png).[^talks]\n"
    )
    found = problems(briefed.root)
    assert [line.split(": ", 1)[0] for line in found if "images are not allowed" in line] == ["briefings/control.md:19"]


def test_every_problem_of_a_briefing_shows_in_one_run_even_when_its_markup_is_refused(briefed: Project) -> None:
    broken = BRIEFING.replace("tags: [opcon]", "tags: [opcon, no-such-tag]")
    broken += "\nRaw <b>markup</b>.[^talks] A [quotation not there](archive:talks). [^missing]\n"
    briefed.write("briefings/control.md", broken)
    found = "\n".join(problems(briefed.root))
    for says in ("raw HTML is not allowed", "unknown tag 'no-such-tag'", "quotation “quotation not there” not found",
                 "[^missing] cites no footnote"):  # fmt: skip
        assert says in found, (says, found)
