"""People and organisations: a registry like the glossary, linked with the same rules."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, Project

from build_tools import pipeline
from build_tools.errors import BuildFailed

PEOPLE = """\
people:
  - id: richard-lawless
    name: Richard Lawless
    short: A Pentagon official.
    aliases: [Richard Lawless, Lawless]
    roles:
      - article: talks
        role: US negotiator
    sources:
      - title: S
        url: https://example.org/lawless
organisations:
  - id: yonsei-university
    name: Yonsei University
    short: A university in Seoul.
    aliases: [Yonsei University]
    roles:
      - article: talks
        role: Where the expert teaches
"""

BODY = ARTICLE + "\nRichard Lawless met Lee of Yonsei University. Lawless spoke about the SPI.\n"


def pages(project: Project) -> dict[str, str]:
    project.article("talks", BODY)
    project.write("people.yml", PEOPLE)
    return pipeline.render_pages(project.root)


def errors(project: Project, people: str) -> list[str]:
    project.article("talks", BODY)
    project.write("people.yml", people)
    with pytest.raises(BuildFailed) as failed:
        pipeline.render_pages(project.root)
    return [str(error) for error in failed.value.errors]


def test_first_mentions_link_to_person_and_organisation_pages(project: Project) -> None:
    article = pages(project)["articles/talks.md"]
    assert '[Richard Lawless](../people/richard-lawless.md "A Pentagon official."){#person-richard-lawless}' in article
    assert (
        '[Yonsei University](../organisations/yonsei-university.md "A university in Seoul."){#org-yonsei-university}'
        in article
    )
    assert article.count("](../people/richard-lawless.md") == 1  # the text: the list below is HTML
    assert article.count('<a href="../../people/richard-lawless/">Richard Lawless</a>: A Pentagon official.') == 1
    assert "## People and organisations on this page" in article


def test_entry_pages_list_roles_mentions_and_sources(project: Project) -> None:
    rendered = pages(project)
    person = rendered["people/richard-lawless.md"]
    assert "- US negotiator, in [Talks in Seoul](../articles/talks.md) (Example News, March 2006)" in person
    assert (
        '<a href="../../articles/talks/#person-richard-lawless">Talks in Seoul</a> (Example News, March 2006; 2 mentions)'
        in person
    )
    assert "- [S](https://example.org/lawless)" in person
    organisation = rendered["organisations/yonsei-university.md"]
    assert "Only the articles above" in organisation
    assert "- [**Richard Lawless**](richard-lawless.md): A Pentagon official." in rendered["people/index.md"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      - article: talks\n        role: US negotiator\n", "      - article: nowhere\n        role: US negotiator\n",
         "people.yml:2: 'richard-lawless': role for unknown article 'nowhere'"),
        ("aliases: [Richard Lawless, Lawless]", "aliases: [Richard Lawless, SPI]",
         "people.yml:2: alias 'SPI' of 'people/richard-lawless' is already an alias of 'glossary/spi'"),
        ("    roles:\n      - article: talks\n        role: Where the expert teaches\n", "",
         "people.yml:13: 'yonsei-university' has neither sources nor roles"),
        ("    short: A university in Seoul.\n", "", "people.yml:13: an organisation is missing required key 'short'"),
    ],
)  # fmt: skip
def test_registry_errors_name_file_and_line(project: Project, old: str, new: str, expected: str) -> None:
    assert old in PEOPLE
    messages = errors(project, PEOPLE.replace(old, new))
    assert any(m.startswith(expected) for m in messages), messages
