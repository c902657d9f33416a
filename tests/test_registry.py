"""One registry of pages: every page claimed once, a second claim on an address refused with both claimants."""

from __future__ import annotations

import re

import pytest
from conftest import ARTICLE, GLOSSARY, REPO, Project

from build_tools import pipeline, urls
from build_tools.errors import BuildFailed

PEOPLE = """\
people:
  - id: {person}
    name: A Person
    short: Someone.
    aliases: [A Person]
    sources:
      - title: S
        url: https://example.org/person
organisations:
  - id: {organisation}
    name: An Organisation
    short: Something.
    aliases: [An Organisation]
    sources:
      - title: S
        url: https://example.org/organisation
"""


def problems(project: Project) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    return [str(error) for error in failed.value.errors]


def test_a_person_cannot_take_the_people_index(project: Project) -> None:
    project.article("talks")
    project.write("people.yml", PEOPLE.format(person="index", organisation="yonsei"))
    (problem,) = problems(project)
    assert problem == (
        "people.yml:2: person 'index' would write the page people/index.md, which the People index"
        " (templates/entities.md.j2) already writes\n    hint: 'index' is reserved: choose another name"
    )


def test_an_article_cannot_take_the_list_by_tag(project: Project) -> None:
    project.article("tags")
    (problem,) = problems(project)
    assert problem.startswith(
        "articles/tags.md: article 'tags' would write the page articles/tags.md, which the list by tag"
        " (templates/tags.md.j2) already writes"
    )


def test_two_entries_with_one_id_name_both_lines(project: Project) -> None:
    project.article("talks")
    second = GLOSSARY.split("  - id: opcon", 1)[1]
    project.write(
        "glossary.yml",
        GLOSSARY
        + "  - id: spi"
        + second.replace("[OPCON, operational control, wartime operational control]", "[Other]")
        .replace("name: OPCON", "name: Other")
        .replace("expansion: operational control", "expansion: another term"),
    )
    (problem,) = problems(project)
    assert problem.startswith(
        "glossary.yml:21: term 'spi' would write the page glossary/spi.md, which term 'spi' (glossary.yml:2)"
    )
    assert problem.endswith("hint: ids must be unique: rename one of them")


def test_one_id_in_two_sections_is_two_pages(project: Project) -> None:
    project.article("talks")
    project.write("people.yml", PEOPLE.format(person="kim", organisation="kim"))
    pages = pipeline.render_pages(project.root)
    assert "people/kim.md" in pages and "organisations/kim.md" in pages


def test_every_page_rendered_is_the_page_claimed(project: Project) -> None:
    project.article("talks")
    project.article("later", ARTICLE.replace("2006-03", "2007"))
    project.write("people.yml", PEOPLE.format(person="kim", organisation="yonsei"))
    assert sorted(pipeline.render_pages(project.root)) == sorted(pipeline.check(project.root).paths)


def test_templates_take_page_paths_and_anchor_ids_from_urls() -> None:
    """No template writes a page path or an anchor id itself: they come from build_tools.urls."""
    for template in sorted((REPO / "templates").glob("*.j2")):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\]\((?!\{\{|https://)", text), f"{template.name}: a link target not from href()"
        assert not re.search(r"(note|ref|event|term|person|org)-\{\{", text), f"{template.name}: an anchor by hand"
        assert "{#" not in text.replace("{#-", ""), f"{template.name}: an attribute list by hand; use attrs()"


def test_urls_publish_pages_where_mkdocs_does() -> None:
    assert urls.public_path("articles/index.md") == "articles/"
    assert urls.public_path("articles/talks.md") == "articles/talks/"
    assert urls.public_path("glossary/opcon/2006.md") == "glossary/opcon/2006/"
    assert urls.public_path(urls.RSS) == "feeds/rss.xml"
    assert urls.relative("glossary/opcon/2006.md", "glossary/opcon.md") == "../opcon.md"
    assert urls.relative("articles/a.md", "articles/a.md", "note-x") == "#note-x"
    assert urls.relative("articles/a.md", urls.TIMELINE, urls.event_anchor("x")) == "../timeline/index.md#event-x"
