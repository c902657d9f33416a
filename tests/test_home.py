"""A site that explains itself: the home page's newest articles, the key on every article page, and a photo's
caption kept apart from the article's words (whole-site builds with MkDocs + Material)."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
from conftest import ARTICLE, Project
from site_helpers import build_site, copy_project, search_index

from build_tools.render.home import NEWEST

DATES = ("2004", "2006-03", "2006-03-09", "2007-11", "2010", "2012-02-29", "2015-10", "2017-10-28")
"""More articles than the home page lists, in no order."""


def _article(index: int, date: str) -> str:
    title = f"Talks number {index} <b>&amp;</b>"
    return ARTICLE.replace("Talks in Seoul", title).replace("2006-03", date)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("home") / "project")
    for index, date in enumerate(DATES):
        project.article(f"talks-{index}", _article(index, date))
    captioned = ARTICLE.replace(
        "tags: [opcon]", "tags: [opcon]\nphoto_caption: 'Officials <i>meet</i>. Photo: A. Lens'"
    )
    project.article("captioned", captioned.replace("2006-03", "1999"))
    copy_project(project.root, sources=False)
    return build_site(project.root)


def _page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _newest(home: str) -> list[tuple[str, str]]:
    """(link, title) of each item of the home page's list of newest articles, in order."""
    listed = home.split('<ul class="bx-newest">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)">(.*?)</a>', listed)


def test_home_lists_the_newest_articles_newest_first(site: Path) -> None:
    home = _page(site, "")
    expected = sorted(range(len(DATES)), key=lambda i: DATES[i], reverse=True)[:NEWEST]
    assert _newest(home) == [
        (f"articles/talks-{i}/", html_module.escape(f"Talks number {i} <b>&amp;</b>", quote=True)) for i in expected
    ]
    for link, _ in _newest(home):
        assert (site / link / "index.html").is_file()  # each link reaches the article's page
    assert '<a href="articles/">Every article in the Archive, newest first</a>' in home


def test_home_puts_the_list_after_its_introduction(site: Path) -> None:
    home = _page(site, "")
    assert home.index("<h1") < home.index('id="newest-articles"') < home.index('id="how-to-read-an-article"')
    assert "<!-- newest articles -->" not in home
    assert "hover over or focus" not in home  # a phone can do neither: the page says what a tap does


def test_every_article_page_has_the_key_out_of_search(site: Path) -> None:
    for slug in [f"talks-{i}" for i in range(len(DATES))] + ["captioned"]:
        page = _page(site, f"articles/{slug}")
        key = page.split('<details class="info bx-key archive-repeated" data-search-exclude>', 1)[1]
        assert key.index("<summary>How to read this page</summary>") == 1
        for words in ("Highlighted words with a number", "dotted underline", "touch screen", "¶", "Escape"):
            assert words in key.split("</details>", 1)[0]
    assert not any("How to read this page" in doc["text"] for doc in search_index(site))


def test_a_photo_caption_is_shown_as_one_and_escaped(site: Path) -> None:
    page = _page(site, "articles/captioned")
    figure = page.split('<figure class="bx-missing-photo">', 1)[1].split("</figure>", 1)[0]
    assert "which the archive does not keep" in figure
    assert "<em>Officials &lt;i&gt;meet&lt;/i&gt;. Photo: A. Lens</em>" in figure
    body = page.split("</figure>", 1)[1]
    assert "Photo: A. Lens" not in body  # not one of the article's paragraphs
    assert page.index("</figure>") < page.index('<p id="p-')
    assert "bx-missing-photo" not in _page(site, "articles/talks-0")
