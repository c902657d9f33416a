"""Topic tags read as labels wherever readers see them; their ids stay in addresses; an unknown tag is a problem."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ARTICLE, GLOSSARY, Project

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.load import load_archive

REGISTER = """
tags:
  - id: opcon
    label: Wartime operational control
  - id: talks-and-plans
    label: Talks & <plans>
"""


def _tagged(project: Project, slug: str, tags: str, day: str = "2006-03") -> None:
    project.article(slug, ARTICLE.replace("tags: [opcon]", f"tags: {tags}").replace("2006-03", day))


@pytest.fixture
def pages(project: Project) -> dict[str, str]:
    project.write("glossary.yml", GLOSSARY + REGISTER)
    _tagged(project, "older", "[opcon, spi, talks-and-plans]")
    _tagged(project, "newer", "[opcon, spi]", "2017-10-28")
    return pipeline.render_pages(project.root)


def test_the_list_by_tag_shows_labels_by_label_with_the_ids_as_anchors(pages: dict[str, str]) -> None:
    headings = re.findall(r"^## (.*)$", pages["articles/tags.md"], re.M)
    assert headings == [
        "SPI {#tag-spi}",  # a term's id: the term's name
        "Talks &amp; &lt;plans&gt; {#tag-talks-and-plans}",  # the register's label, as text
        "Wartime operational control {#tag-opcon}",  # the register's label wins over the term's name
    ]


def test_feeds_and_related_reading_show_labels(pages: dict[str, str]) -> None:
    rss = ET.fromstring(pages["feeds/rss.xml"])
    # RSS readers take element text as HTML, so a category is escaped for HTML once more, as titles are.
    categories = [[html.unescape(c.text) for c in item.iter("category")] for item in rss.iter("item")]
    assert categories == [
        ["Wartime operational control", "SPI"],
        ["Wartime operational control", "SPI", "Talks & <plans>"],
    ]
    assert "<category>Talks &amp;amp; &amp;lt;plans&amp;gt;</category>" in pages["feeds/rss.xml"]
    items = json.loads(pages["feeds/feed.json"])["items"]
    assert [item["tags"] for item in items] == categories
    assert "tagged Wartime operational control, SPI</li>" in pages["articles/older.md"]


def test_an_unknown_tag_is_a_problem_at_the_tags_line(project: Project) -> None:
    _tagged(project, "talks", "[opcon, opcom, nuclear]")
    with pytest.raises(BuildFailed) as failed:
        load_archive(project.root)
    problems = [(e.path, e.line, e.message, e.hint) for e in failed.value.errors]
    line = ARTICLE.splitlines().index("tags: [opcon]") + 1
    assert [problem[:3] for problem in problems] == [
        ("articles/talks.md", line, "unknown tag 'nuclear'"),
        ("articles/talks.md", line, "unknown tag 'opcom'"),
    ]  # both, in one run
    assert problems[1][3].startswith("did you mean opcon? or declare it under `tags:` in glossary.yml")


def test_a_tag_declared_twice_is_a_problem(project: Project) -> None:
    project.write("glossary.yml", GLOSSARY + REGISTER + "  - id: opcon\n    label: Again\n")
    project.article("talks")
    with pytest.raises(BuildFailed) as failed:
        load_archive(project.root)
    lines = (GLOSSARY + REGISTER).splitlines()
    first = lines.index("tags:") + 2  # the register's first item
    problems = [(e.path, e.line, e.message) for e in failed.value.errors]
    assert problems == [("glossary.yml", len(lines) + 1, f"tag 'opcon' is declared twice (first on line {first})")]


def test_a_broken_glossary_does_not_make_every_tag_unknown(project: Project) -> None:
    project.write("glossary.yml", GLOSSARY.replace("    name: SPI\n", "") + REGISTER)
    _tagged(project, "talks", "[opcon, spi, talks-and-plans]")
    with pytest.raises(BuildFailed) as failed:
        load_archive(project.root)
    assert not [e for e in failed.value.errors if "unknown tag" in e.message]
