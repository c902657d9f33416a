"""What a reader sees of the feeds, in headless Chromium: home's feed link opens a readable page that says what
a feed is and how to subscribe, and lists what the RSS feed carries; the feed itself stays RSS for feed readers.

(Not an XSLT stylesheet on the RSS: Chromium 156 still applies one, but covers the page with a red banner
saying XSLT "is being removed from this browser very soon" and logs a deprecation warning.)
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from test_browser import ASIA_TIMES, PHONE, VOA, Watched, base_url, browser, desktop, phone, result_links, search  # noqa: F401
from test_pagefind import pagefind_site  # noqa: F401 - a fixture: the archive built with SEARCH=pagefind

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast


def _rss_items(watched: Watched, address: str) -> list[tuple[str, str]]:
    """The RSS feed's (title as a reader sees it, link) pairs, fetched as a feed reader would."""
    response = watched.page.request.get(address)
    assert response.ok
    channel = ET.fromstring(response.body()).find("channel")
    return [(html.unescape(item.findtext("title")), item.findtext("link")) for item in channel.findall("item")]


def test_home_leads_to_a_readable_feed_page(desktop: Watched, base_url: str) -> None:  # noqa: F811
    page = desktop.page
    page.goto(base_url)
    page.get_by_role("link", name="follow new articles").click()
    expect(page).to_have_url(base_url + "feeds/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Follow the archive")
    expect(page.locator("article")).to_contain_text("A feed is a list of the archive's newest articles")
    rss = page.get_by_role("link", name=base_url + "feeds/rss.xml")
    expect(rss).to_be_visible()
    items = _rss_items(desktop, urljoin(page.url, rss.get_attribute("href")))
    shown = page.locator("article h3 a:not(.headerlink)")
    expect(shown).to_have_count(len(items))
    assert [(link.inner_text(), urljoin(page.url, link.get_attribute("href"))) for link in shown.all()] == items
    assert desktop.problems == []
    assert [v["id"] for v in Axe().run(page).response["violations"]] == []


def test_the_feed_page_reads_on_a_phone(phone: Watched, base_url: str) -> None:  # noqa: F811
    page = phone.page
    page.goto(base_url + "feeds/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    expect(page.locator("article h3 a:not(.headerlink)").first).to_be_visible()
    assert phone.problems == []


def test_the_feed_stays_rss_for_feed_readers(desktop: Watched, base_url: str) -> None:  # noqa: F811
    response = desktop.page.request.get(base_url + "feeds/rss.xml")
    root = ET.fromstring(response.body())
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert b"<?xml-stylesheet" not in response.body()  # nothing for browsers that will drop it
    assert _rss_items(desktop, base_url + "feeds/rss.xml")


LISTS = ("articles/", "articles/outlets/", "articles/tags/", "feeds/", "glossary/", "people/", "organisations/")
LISTS += ("timeline/",)
"""The list pages, which repeat the articles' titles, outlets, dates and summaries."""

RANKED = [
    ("Asia Times", ASIA_TIMES),  # the outlet: a heading of the list by outlet, an event of the timeline
    ("Voice of America", VOA),
    ("reinforcements", ASIA_TIMES),  # a word of its summary, which the lists repeat
    ("postpone changes wartime troop", ASIA_TIMES),  # its title
]
"""Words that are on lists and on one article, and that article. Each of the first three ranked a list first, in
one engine or both, before list pages were ranked lower."""


def _settled(page: Page, words: str) -> list[str]:
    """The result links once they stop changing (engines may redraw as more results come), without anchors."""
    hrefs, before = search(page, words), None
    while hrefs != before:
        page.wait_for_timeout(400)
        before, hrefs = hrefs, result_links(page)
    return [urljoin(page.url, href).split("#")[0].split("?")[0] for href in hrefs]


def _check_ranking(found: list[str], site: str, article: str) -> None:
    """The article is found, above every list page found."""
    lists = [found.index(site + listed) for listed in LISTS if site + listed in found]
    assert site + article in found, found
    assert found.index(site + article) < min(lists, default=len(found)), found


def _lists_holding(watched: Watched, site: str, words: str) -> list[str]:
    """The list pages whose sections in Material's index hold every one of the words: the query finds them."""
    docs = watched.page.request.get(site + "search/search_index.json").json()["docs"]
    holding = {
        doc["location"].split("#")[0]
        for doc in docs
        if all(word.lower() in (doc["title"] + " " + doc["text"]).lower() for word in words.split())
    }
    return [listed for listed in LISTS if listed in holding]


PAGEFIND_ALL = """async (words) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
  const found = await pagefind.search(words);
  return Promise.all(found.results.map(async (result) => new URL((await result.data()).url, document.baseURI).href));
}"""
"""Every page Pagefind finds for the words, best first (the box shows the first ten)."""


@pytest.mark.parametrize(("words", "article"), RANKED)
def test_material_ranks_articles_first(desktop: Watched, base_url: str, words: str, article: str) -> None:  # noqa: F811
    assert _lists_holding(desktop, base_url, words)  # lists hold the words too: the box shows them further down
    desktop.page.goto(base_url)
    _check_ranking(_settled(desktop.page, words), base_url, article)
    assert desktop.problems == []


@pytest.mark.parametrize(("words", "article"), RANKED)
def test_pagefind_ranks_articles_first(desktop: Watched, pagefind_site: tuple, words: str, article: str) -> None:  # noqa: F811
    page, site = desktop.page, pagefind_site[0]
    page.goto(site)
    assert _settled(page, words)  # the box answers; it shows the first ten of these
    every = [href.split("#")[0] for href in page.evaluate(PAGEFIND_ALL, words)]
    assert any(site + listed in every for listed in LISTS), every  # lists hold the words too
    _check_ranking(every, site, article)
    assert desktop.problems == []


def test_a_tag_reads_as_its_label_at_its_id_s_address(desktop: Watched, base_url: str) -> None:  # noqa: F811
    page = desktop.page
    page.goto(base_url + "articles/tags/#tag-opcon")
    heading = page.locator("h2#tag-opcon")
    expect(heading).to_contain_text("Wartime operational control")
    expect(heading).to_be_in_viewport()
    page.goto(base_url + VOA)
    expect(page.locator("article")).to_contain_text("tagged Wartime operational control")
    assert "tagged opcon" not in page.locator("article").inner_text()
    assert desktop.problems == []
