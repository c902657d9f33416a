"""Reader context on article pages: related reading, browsing, citations."""

from __future__ import annotations

import re

import pytest
from conftest import ARTICLE, Project

from build_tools import pipeline
from build_tools.models import Article
from build_tools.render.cite import cite
from build_tools.values import PublishedDate


def article(**changes: object) -> Article:
    values = dict(
        slug="talks", path="articles/talks.md", title="Talks in Seoul", outlet="Example News",
        url="https://example.org/talks", published=PublishedDate(2006, 3), date_note=None, byline=None,
        language="en", summary="S.", tags=("opcon",), capture_note=None, body="B.\n", body_line=10,
    )  # fmt: skip
    return Article(**{**values, **changes})


def test_citations_without_byline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
    c = cite(article())
    assert c.chicago == 'Example News. "Talks in Seoul." March 2006. https://example.org/talks'
    assert c.apa == "Talks in Seoul. (2006, March). Example News. https://example.org/talks"
    assert c.archive_chicago == (
        'The Briefing Archive. "Talks in Seoul." Archived copy of an article from Example News, March 2006. '
        "https://archive.example.org/articles/talks/"
    )
    assert c.archive_apa.startswith("The Briefing Archive. (n.d.). Talks in Seoul [Archived copy of an article")


@pytest.mark.parametrize(
    ("date", "chicago", "apa"),
    [(PublishedDate(2017, 10, 28), "October 28, 2017", "(2017, October 28)"), (PublishedDate(2006), "2006", "(2006)")],
)
def test_citations_with_byline_and_other_precisions(date: PublishedDate, chicago: str, apa: str) -> None:
    c = cite(article(byline="Jane Reporter", published=date, url=None))
    assert c.chicago == f'Jane Reporter. "Talks in Seoul." Example News, {chicago}.'
    assert c.apa == f"Jane Reporter. {apa}. Talks in Seoul. Example News."


def test_citation_blocks_cannot_be_closed_by_the_text(project: Project) -> None:
    project.article(
        "talks", ARTICLE.replace("title: Talks in Seoul", "title: A title ```` with </pre><script>x</script>")
    )
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    block = page.split("## Cite this page", 1)[1].split("\n\n")[2]
    assert block == (
        '<pre class="highlight"><code class="language-text">Example News. &quot;A title ```` with '
        "&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;.&quot; March 2006. https://example.org/talks</code></pre>"
    )


def test_related_reading_ranks_by_shared_entries_and_tags(project: Project) -> None:
    project.article("talks")
    project.article("close", ARTICLE.replace("Talks in Seoul", "Close talks").replace("2006-03", "2007"))
    project.article(
        "far",
        ARTICLE.replace("Talks in Seoul", "Far")
        .replace(
            "Officials met for the Security Policy Initiative to discuss wartime operational control.",
            "Nothing shared.",
        )
        .replace("Later, SPI talks touched on operational control again.", "None.")
        .replace("tags: [opcon]", "tags: [other]"),
    )
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    related = page.split("## Related reading", 1)[1].split("## Cite", 1)[0]
    assert (
        '<a href="../close/">Close talks</a> (Example News, 2007): also mentions Security Policy Initiative, wartime operational control; tagged opcon'
        in related
    )
    assert "far/" not in related


def test_browse_by_year_outlet_and_tag(project: Project) -> None:
    project.article("talks")
    project.article(
        "other",
        ARTICLE.replace("Example News", "Other Wire")
        .replace("2006-03", "2007")
        .replace("tags: [opcon]", "tags: [opcon, spi]"),
    )
    pages = pipeline.render_pages(project.root)
    archive = pages["articles/index.md"]
    assert archive.index("## 2007") < archive.index("## 2006")
    assert "## Example News" in pages["articles/outlets.md"] and "## Other Wire" in pages["articles/outlets.md"]
    tags = pages["articles/tags.md"]
    assert tags.index("## opcon") < tags.index("## spi")
    assert tags.split("## spi", 1)[1].count("](") == 1


def test_article_page_cites_and_points_to_archived_copies(project: Project) -> None:
    project.article("talks")
    page = pipeline.render_pages(project.root)["articles/talks.md"]
    assert (
        "[Look for archived copies (Wayback Machine)](https://web.archive.org/web/*/https://example.org/talks)" in page
    )
    assert (
        len(
            re.findall(
                r'<pre class="highlight"(?: data-cite="archive-(?:chicago|apa)")?><code class="language-text">', page
            )
        )
        == 4
    )


def test_long_mention_lists_get_a_page_per_year(project: Project) -> None:
    for number in range(25):
        project.article(f"a{number:02d}", ARTICLE.replace("2006-03", str(2000 + number % 3)))
    pages = pipeline.render_pages(project.root)
    mentioned = pages["glossary/spi.md"].split("## Mentioned in", 1)[1].split("## Sources", 1)[0]
    assert "25 articles mention SPI, 3 years from 2000 to 2002." in mentioned
    assert (
        '<li><a href="2002/">2002</a>: 8 articles</li>\n<li><a href="2001/">2001</a>: 8 articles</li>\n'
        '<li><a href="2000/">2000</a>: 9 articles</li>' in mentioned
    )
    assert mentioned.split("The latest:", 1)[1].count("\n<li>") == 10  # the entry page stays short
    year = pages["glossary/spi/2000.md"]
    assert year.startswith("---\n# Generated by build_tools from glossary.yml")
    assert 'title: "SPI: mentioned in 2000"' in year and "Other years: [2002](2002.md), [2001](2001.md)." in year
    assert year.count("\n<li>") == 9 and '<a href="../../../articles/a00/#term-spi">' in year
    assert "[SPI](../spi.md)" in year
