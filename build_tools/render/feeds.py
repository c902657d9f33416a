"""RSS 2.0 and JSON Feed 1.1 of the archive's newest articles and briefings, together by date, newest first.

A publication date goes into a feed only when the day is known; both formats make
it optional, and a guessed day would be a made-up fact. Contributed text is escaped
by its kind: RSS readers treat titles and descriptions as HTML, so they carry it
HTML-escaped; the JSON feed's strings hold no `<`, `>` or `&` unescaped. A briefing's
authors (GitHub accounts) are its RSS `dc:creator`s and its JSON Feed `authors`. An item's id (RSS `guid`, JSON
Feed `id`) is its permanent identifier (`build_tools.identifiers`), not its address: a change of domain would make
every item look new to a feed reader.

The corrections have feeds of their own (`corrections_rss`, `corrections_json`): the
newest corrections of articles, notes and entries, each dated by its day (always known)
and linked to the part of the page it corrects.
"""

from __future__ import annotations

import datetime
import email.utils
import xml.etree.ElementTree as ET

from build_tools import identifiers, urls
from build_tools.config import SITE_DESCRIPTION, SITE_NAME, site_url
from build_tools.escape import html_text, json_document
from build_tools.intervals import Dated
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ArticleCard
from build_tools.render.corrections import Corrected

ITEMS = 50
"""A feed carries the newest this many items (articles and briefings): readers poll it, so it stays small however
big the archive."""

Card = ArticleCard | BriefingCard
"""What a feed carries: an article or a briefing."""

_NAMESPACES = {
    "version": "2.0",
    "xmlns:atom": "http://www.w3.org/2005/Atom",
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
}


def newest(articles: tuple[ArticleCard, ...], briefings: tuple[BriefingCard, ...] = ()) -> tuple[Card, ...]:
    """The items a feed carries: articles and briefings by date, newest first (a month-only date before the days
    of its month; on the same date, articles first), at most ITEMS."""
    every: list[Card] = [*articles, *briefings]
    every.sort(key=lambda card: _date(card).sort_key, reverse=True)  # stable, also reversed
    return tuple(every[:ITEMS])


def _date(card: Card) -> Dated:
    return card.date if isinstance(card, BriefingCard) else card.published


def _page(card: Card) -> str:
    return urls.public_url(urls.briefing(card.slug)) if isinstance(card, BriefingCard) else urls.article_url(card.slug)


def _identifier(card: Card) -> str:
    """The item's id: its permanent identifier, which a new domain leaves as it was (readers take an item with a new id
    for a new item)."""
    return identifiers.briefing(card.slug) if isinstance(card, BriefingCard) else identifiers.article(card.slug)


def _day(card: Card) -> datetime.datetime | None:
    date = _date(card).covering  # an interval's is never a day: its item is not dated
    if date.precision != "day":
        return None
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)


def _about(card: Card) -> str:
    """The item's text: where and when it was published, then its summary."""
    if isinstance(card, BriefingCard):
        by = ", ".join(f"@{author}" for author in card.authors)
        return f"A briefing by {by}, {card.date.label}. {card.summary}"
    return f"{card.outlet}, {card.published.label}. {card.summary}"


def rss(
    articles: tuple[ArticleCard, ...], labels: dict[str, str] | None = None, briefings: tuple[BriefingCard, ...] = ()
) -> str:
    """An RSS 2.0 document; each tag a category, as its label reads (`labels`, by tag id); a briefing's authors
    each a `dc:creator`."""
    labels = labels or {}
    root = ET.Element("rss", _NAMESPACES)
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
    for card in newest(articles, briefings):
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = html_text(card.title)
        ET.SubElement(item, "link").text = _page(card)
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = _identifier(card)
        ET.SubElement(item, "description").text = html_text(_about(card))
        if (day := _day(card)) is not None:
            ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
        for author in card.authors if isinstance(card, BriefingCard) else ():
            ET.SubElement(item, "dc:creator").text = html_text(author)
        for tag in card.tags:
            ET.SubElement(item, "category").text = html_text(labels.get(tag, tag))  # readers treat it as HTML
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(
    articles: tuple[ArticleCard, ...], labels: dict[str, str] | None = None, briefings: tuple[BriefingCard, ...] = ()
) -> str:
    """A JSON Feed 1.1 document; its tags as their labels read (`labels`, by tag id); a briefing's authors as the
    item's `authors`."""
    labels = labels or {}
    items = [_json_item(card, labels) for card in newest(articles, briefings)]
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


def _json_item(card: Card, labels: dict[str, str]) -> dict:
    """One item of the JSON Feed."""
    item: dict = {
        "id": _identifier(card),
        "url": _page(card),
        "title": card.title,
        "summary": card.summary,
        "content_text": _about(card),
        "tags": [labels.get(tag, tag) for tag in card.tags],
    }
    if isinstance(card, BriefingCard):
        item["authors"] = [{"name": author, "url": f"https://github.com/{author}"} for author in card.authors]
    elif card.url:
        item["external_url"] = card.url
    if (day := _day(card)) is not None:
        item["date_published"] = day.isoformat()
    return item


def feeds_sitemap() -> str:
    """`feeds/sitemap.xml`: a sitemap of the feeds folder, listing the feeds.

    Every page names the feeds with `<link rel="alternate">`, and Material's script reads
    each such link as another language of the site and fetches `sitemap.xml` beside it: without
    this file, that fetch failed on every page (a 404 in the console). Material only looks the
    feeds up in it; crawlers are pointed at the site's own sitemap (robots.txt).
    """
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    root = ET.Element("urlset", {"xmlns": namespace})
    for feed in (urls.RSS, urls.JSON_FEED, urls.CORRECTIONS_RSS, urls.CORRECTIONS_JSON):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = urls.public_url(feed)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


CORRECTIONS_TITLE = f"{SITE_NAME}: corrections"
CORRECTIONS_DESCRIPTION = "Changes the archive made to its articles, notes and entries after publishing them."


def _corrected_link(item: Corrected) -> str:
    return urls.public_url(item.page) + "#" + item.anchor


def _corrected_title(item: Corrected) -> str:
    """The item's title: Correction to the article <title>, to note 2 on <title>, to the term <name> or to <name>."""
    what = f"note {item.number} on" if item.kind == "note" else item.label
    return " ".join(("Correction to", *([what] if what else []), item.title))


def _corrected_text(item: Corrected) -> str:
    return f"{item.correction.what} Why: {item.correction.why}"


def _corrected_id(item: Corrected) -> str:
    """A stable id: the corrected part of the page, the day and the position among that part's corrections of that
    day (what a later edit of the wording leaves as it was)."""
    return identifiers.correction(item.owner, item.correction.date.iso, item.position)


def corrections_rss(corrections: tuple[Corrected, ...]) -> str:
    """An RSS 2.0 document of the newest corrections (at most ITEMS), each linked to what it corrects."""
    root = ET.Element("rss", _NAMESPACES)
    channel = ET.SubElement(root, "channel")
    link = urls.public_url(urls.CORRECTIONS)
    for tag, text in (("title", CORRECTIONS_TITLE), ("link", link), ("description", CORRECTIONS_DESCRIPTION)):
        ET.SubElement(channel, tag).text = text
    ET.SubElement(channel, "language").text = "en"
    self = {"href": urls.public_url(urls.CORRECTIONS_RSS), "rel": "self", "type": "application/rss+xml"}
    ET.SubElement(channel, "atom:link", self)
    for corrected in corrections[:ITEMS]:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = html_text(_corrected_title(corrected))
        ET.SubElement(item, "link").text = _corrected_link(corrected)
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = _corrected_id(corrected)
        ET.SubElement(item, "description").text = html_text(_corrected_text(corrected))
        date = corrected.correction.date
        day = datetime.datetime(date.year, date.month or 1, date.day or 1, tzinfo=datetime.UTC)
        ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def corrections_json(corrections: tuple[Corrected, ...]) -> str:
    """A JSON Feed 1.1 document of the newest corrections (at most ITEMS)."""
    items = []
    for corrected in corrections[:ITEMS]:
        date = corrected.correction.date
        day = datetime.datetime(date.year, date.month or 1, date.day or 1, tzinfo=datetime.UTC)
        items.append({
            "id": _corrected_id(corrected),
            "url": _corrected_link(corrected),
            "title": _corrected_title(corrected),
            "content_text": _corrected_text(corrected),
            "date_published": day.isoformat(),
        })  # fmt: skip
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": CORRECTIONS_TITLE,
        "home_page_url": urls.public_url(urls.CORRECTIONS),
        "feed_url": urls.public_url(urls.CORRECTIONS_JSON),
        "description": CORRECTIONS_DESCRIPTION,
        "language": "en",
        "items": items,
    }
    return json_document(feed)
