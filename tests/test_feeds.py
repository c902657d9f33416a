"""RSS 2.0 and JSON Feed 1.1: valid against their specifications, newest first, no guessed days."""

from __future__ import annotations

import datetime
import email.utils
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ARTICLE, Project

from build_tools import identifiers, pipeline
from build_tools.render import feeds as feeds_module

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feeds(project: Project, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
    project.article("older", ARTICLE.replace("Talks in Seoul", "Older <talks> & more"))
    project.article("newer", ARTICLE.replace("Talks in Seoul", "Newer talks").replace("2006-03", "2017-10-28"))
    pages = pipeline.render_pages(project.root)
    return {"rss": pages["feeds/rss.xml"], "json": pages["feeds/feed.json"]}


def test_rss_follows_the_rss_2_0_specification(feeds: dict[str, str]) -> None:
    root = ET.fromstring(feeds["rss"])
    assert root.tag == "rss" and root.get("version") == "2.0"
    (channel,) = root.findall("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    assert channel.find(f"{ATOM}link").get("href") == "https://archive.example.org/feeds/rss.xml"
    items = channel.findall("item")
    # Readers treat RSS titles and descriptions as HTML: the text is carried HTML-escaped, never as markup.
    assert [html.unescape(item.findtext("title")) for item in items] == ["Newer talks", "Older <talks> & more"]
    assert items[1].findtext("title") == "Older &lt;talks&gt; &amp; more"
    for item in items:
        assert item.findtext("title") or item.findtext("description")
        # the item's permanent identifier, not its address: a new domain leaves it as it was
        assert item.findtext("guid") == identifiers.article(item.findtext("link").rstrip("/").rsplit("/", 1)[1])
        assert item.find("guid").get("isPermaLink") == "false"
    day = email.utils.parsedate_to_datetime(items[0].findtext("pubDate"))
    assert day == datetime.datetime(2017, 10, 28, tzinfo=datetime.UTC)
    assert items[1].find("pubDate") is None  # March 2006: the day is not known, so none is given


def test_json_feed_follows_the_json_feed_1_1_specification(feeds: dict[str, str]) -> None:
    feed = json.loads(feeds["json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"].startswith("https://") and feed["feed_url"].endswith("feed.json")
    items = feed["items"]
    assert [item["title"] for item in items] == ["Newer talks", "Older <talks> & more"]  # plain text, as typed
    assert "<" not in feeds["json"] and "\\u003ctalks\\u003e \\u0026 more" in feeds["json"]  # and no markup
    for item in items:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_text") or item.get("content_html")
        assert item["url"].startswith("https://archive.example.org/articles/")
        assert item["external_url"] == "https://example.org/talks"
    assert datetime.datetime.fromisoformat(items[0]["date_published"]) == datetime.datetime(
        2017, 10, 28, tzinfo=datetime.UTC
    )
    assert "date_published" not in items[1]


def test_feeds_are_published_with_the_site(tmp_path: Path) -> None:
    from site_helpers import build_site, copy_project

    root = copy_project(tmp_path / "archive", sources=True)
    site = build_site(root)
    ET.parse(site / "feeds/rss.xml")
    carried = [*(root / "articles").glob("*.md"), *(root / "briefings").glob("*.md")]  # briefings where copied
    assert len(json.loads((site / "feeds/feed.json").read_text(encoding="utf-8"))["items"]) == len(carried)


def test_feeds_carry_the_newest_articles_only(project: Project) -> None:
    for number in range(feeds_module.ITEMS + 5):
        project.article(f"a{number:03d}", ARTICLE.replace("2006-03", f"{1950 + number}-01"))
    pages = pipeline.render_pages(project.root)
    items = json.loads(pages["feeds/feed.json"])["items"]
    assert len(items) == feeds_module.ITEMS == len(ET.fromstring(pages["feeds/rss.xml"]).findall("channel/item"))
    assert items[0]["url"].endswith(f"/articles/a{feeds_module.ITEMS + 4:03d}/") and items[-1]["url"].endswith("/a005/")


def test_the_feeds_folder_has_a_sitemap_of_its_feeds(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Material fetches sitemap.xml beside each `rel="alternate"` link (the feeds): it must be there, and valid."""
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
    project.article("talks", ARTICLE)
    root = ET.fromstring(pipeline.render_pages(project.root)["feeds/sitemap.xml"])
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}urlset"
    assert [loc.text for loc in root.iter(f"{namespace}loc")] == [
        "https://archive.example.org/feeds/rss.xml",
        "https://archive.example.org/feeds/feed.json",
        "https://archive.example.org/feeds/corrections.xml",
        "https://archive.example.org/feeds/corrections.json",
    ]


def test_the_feeds_page_lists_what_the_feeds_carry(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """feeds/index.md, the page for people, holds the RSS feed's items, newest first, and its address."""
    monkeypatch.setenv("SITE_URL", "https://archive.example.org/")
    monkeypatch.setattr(feeds_module, "ITEMS", 2)
    for slug, day in (("first", "2006-03-01"), ("second", "2006-03-02"), ("third", "2006-03-03")):
        project.article(slug, ARTICLE.replace("Talks in Seoul", f"The {slug} <talks>").replace("2006-03", day))
    pages = pipeline.render_pages(project.root)
    rss_titles = [html.unescape(item.findtext("title")) for item in ET.fromstring(pages["feeds/rss.xml"]).iter("item")]
    page = pages["feeds/index.md"]
    assert rss_titles == ["The third <talks>", "The second <talks>"]
    assert re.findall(r"^### \[(.*)\]\(\.\./articles/(\w+)\.md\)$", page, re.M) == [
        ("The third &lt;talks&gt;", "third"), ("The second &lt;talks&gt;", "second"),
    ]  # fmt: skip
    assert "[https://archive.example.org/feeds/rss.xml](rss.xml)" in page
