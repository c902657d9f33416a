"""The timeline: sourced, dated only as precisely as known, linked both ways."""

from __future__ import annotations

import pytest
from conftest import REPO, Project

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.load import load_archive

TIMELINE = """\
events:
  - id: spi-begins
    date: 2004
    title: Talks begin
    description: The talks begin.
    terms: [spi]
    articles: [talks]
    sources:
      - title: S
        url: https://example.org/s
  - id: later
    date: 2007-06-08
    title: A later round
    description: Another round.
    terms: [opcon]
    sources:
      - title: S
        url: https://example.org/s
"""


def render(project: Project, timeline: str) -> dict[str, str]:
    project.article("talks")
    project.write("timeline.yml", timeline)
    return pipeline.render_pages(project.root)


def test_events_and_publications_are_merged_oldest_first(project: Project) -> None:
    page = render(project, TIMELINE)["timeline/index.md"]
    first, article, later = (
        page.index(s)
        for s in ("### 2004: Talks begin", "### March 2006: Example News publishes", "### 8 June 2007: A later round")
    )
    assert first < article < later
    assert "Concerns: [SPI](../glossary/spi.md), [Talks in Seoul](../articles/talks.md)." in page
    assert "| 8 June 2007 | [A later round](#event-later) | [OPCON](../glossary/opcon.md) |" in page


def test_pages_link_back_to_their_events(project: Project) -> None:
    pages = render(project, TIMELINE)
    assert '<li><a href="../../timeline/#event-spi-begins">2004: Talks begin</a></li>' in pages["glossary/spi.md"]
    assert '<li><a href="../../timeline/#event-spi-begins">2004: Talks begin</a></li>' in pages["articles/talks.md"]
    assert '"../../timeline/#event-article-talks"' in pages["articles/talks.md"]
    assert "#event-spi-begins" not in pages["glossary/opcon.md"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("terms: [spi]", "terms: [nope]", "timeline.yml:2: event 'spi-begins': unknown glossary entry 'nope'"),
        ("articles: [talks]", "articles: [gone]", "timeline.yml:2: event 'spi-begins': unknown article 'gone'"),
        ("  - id: later", "  - id: spi-begins", "timeline.yml:11: duplicate event id 'spi-begins' (first on line 2)"),
        ("  - id: later", "  - id: article-talks",
         "timeline.yml:11: event id 'article-talks' is reserved for articles' publications"),
        ("date: 2007-06-08", "date: June 2007", "timeline.yml:12: 'June 2007' is not a date"),
        ("    sources:\n      - title: S\n        url: https://example.org/s\n", "",
         "timeline.yml:2: an event is missing required key 'sources'"),
    ],
)  # fmt: skip
def test_timeline_errors_name_file_and_line(project: Project, old: str, new: str, expected: str) -> None:
    with pytest.raises(BuildFailed) as failed:
        render(project, TIMELINE.replace(old, new, 1))
    messages = [str(error) for error in failed.value.errors]
    assert any(m.startswith(expected) for m in messages), messages


def test_the_archive_timeline_covers_1950_to_2017_with_sourced_events() -> None:
    archive = load_archive(REPO)
    sourced = [event for event in archive.events if event.sources]
    assert len(sourced) >= 15
    years = [event.date.year for event in archive.events]
    assert min(years) == 1950 and max(years) >= 2017
    assert all(event.sources or event.id.startswith("article-") for event in archive.events)
    slugs = {article.slug for article in archive.articles}
    assert slugs <= {slug for event in archive.events for slug in event.articles}
