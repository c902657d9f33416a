"""RSS 2.0 and JSON Feed 1.1 of the archive's newest articles.

A publication date goes into a feed only when the day is known; both formats make
it optional, and a guessed day would be a made-up fact. Contributed text is escaped
by its kind: RSS readers treat titles and descriptions as HTML, so they carry it
HTML-escaped; the JSON feed's strings hold no `<`, `>` or `&` unescaped.
"""

from __future__ import annotations

import datetime
import email.utils
import xml.etree.ElementTree as ET

from build_tools import urls
from build_tools.config import SITE_DESCRIPTION, SITE_NAME, site_url
from build_tools.escape import html_text, json_document
from build_tools.render.cards import ArticleCard

ITEMS = 50
"""A feed carries the newest this many articles: readers poll it, so it stays small however big the archive."""


def _page(article: ArticleCard) -> str:
    return urls.article_url(article.slug)


def _day(article: ArticleCard) -> datetime.datetime | None:
    date = article.published
    if date.precision != "day":
        return None
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)


def rss(articles: tuple[ArticleCard, ...], labels: dict[str, str] | None = None) -> str:
    """An RSS 2.0 document; each tag a category, as its label reads (`labels`, by tag id)."""
    labels = labels or {}
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(root, "channel")
    for tag, text in (
        ("title", SITE_NAME),
        ("link", site_url()),
        ("description", SITE_DESCRIPTION),
        ("language", "en"),
    ):
        ET.SubElement(channel, tag).text = text
    ET.SubElement(
        channel, "atom:link", {"href": urls.public_url(urls.RSS), "rel": "self", "type": "application/rss+xml"}
    )
    for article in articles[:ITEMS]:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = html_text(article.title)
        ET.SubElement(item, "link").text = _page(article)
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = _page(article)
        about = f"{article.outlet}, {article.published.label}. {article.summary}"
        ET.SubElement(item, "description").text = html_text(about)
        if (day := _day(article)) is not None:
            ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
        for tag in article.tags:
            ET.SubElement(item, "category").text = html_text(labels.get(tag, tag))  # readers treat it as HTML
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(articles: tuple[ArticleCard, ...], labels: dict[str, str] | None = None) -> str:
    """A JSON Feed 1.1 document; its tags as their labels read (`labels`, by tag id)."""
    labels = labels or {}
    items = []
    for article in articles[:ITEMS]:
        item = {
            "id": _page(article),
            "url": _page(article),
            "title": article.title,
            "summary": article.summary,
            "content_text": f"{article.outlet}, {article.published.label}. {article.summary}",
            "tags": [labels.get(tag, tag) for tag in article.tags],
        }
        if article.url:
            item["external_url"] = article.url
        if (day := _day(article)) is not None:
            item["date_published"] = day.isoformat()
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE_NAME,
        "home_page_url": site_url(),
        "feed_url": urls.public_url(urls.JSON_FEED),
        "description": SITE_DESCRIPTION,
        "language": "en",
        "items": items,
    }
    return json_document(feed)


def feeds_sitemap() -> str:
    """`feeds/sitemap.xml`: a sitemap of the feeds folder, listing the two feeds.

    Every page names the feeds with `<link rel="alternate">`, and Material's script reads
    each such link as another language of the site and fetches `sitemap.xml` beside it: without
    this file, that fetch failed on every page (a 404 in the console). Material only looks the
    feeds up in it; crawlers are pointed at the site's own sitemap (robots.txt).
    """
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", {"xmlns": namespace})
    for feed in (urls.RSS, urls.JSON_FEED):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.public_url(feed)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
