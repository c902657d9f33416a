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
from playwright.sync_api import expect
from test_browser import PHONE, Watched, base_url, browser, desktop, phone  # noqa: F401 - fixtures

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
