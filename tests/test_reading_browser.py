"""A page that explains itself, as a reader sees it in headless Chromium: the home page's newest articles, the key
to an article page by mouse, keyboard and touch, and the summary at the size of the text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from test_browser import ASIA_TIMES, PHONE, VOA, Watched, base_url, browser, desktop, phone, serious_violations

__all__ = ["base_url", "browser", "desktop", "phone"]  # the fixtures, shared with test_browser.py

pytestmark = pytest.mark.browser


def test_home_lists_the_newest_articles_and_leads_to_them(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url)
    items = page.locator("#newest-articles + ul.bx-newest > li")  # the briefings' list comes first
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Washington and Seoul postpone changes")  # October 2017 before March 2006
    expect(items.nth(1)).to_contain_text("US, South Korea Discuss Changes")
    items.first.locator("a").click()
    expect(page).to_have_url(base_url + ASIA_TIMES)
    expect(page.locator("h1")).to_contain_text("Washington and Seoul postpone changes")
    assert desktop.problems == []


def test_the_key_opens_from_the_keyboard_and_reads_at_text_size(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    key = page.locator("details.bx-key")
    expect(key.locator("li").first).to_be_hidden()  # folded until asked for
    key.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(key.locator("li").first).to_be_visible()
    expect(key).to_contain_text("first tap shows the definition")
    sizes = page.evaluate(
        """() => ['details.bx-key li', '.admonition.abstract > p:not(.admonition-title)', 'article p[id^="p-"]']
          .map((selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize))"""
    )
    assert sizes[0] == sizes[1] == sizes[2], sizes  # the key and the summary read at the article's size
    assert desktop.problems == []


def test_the_key_opens_with_a_tap_on_a_phone(phone: Watched, base_url: str) -> None:
    page = phone.page
    page.goto(base_url + ASIA_TIMES)
    page.locator("details.bx-key summary").tap()
    expect(page.locator("details.bx-key li").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert phone.problems == []


def test_the_photo_caption_is_shown_apart_from_the_text(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + ASIA_TIMES)
    caption = page.locator("figure.bx-missing-photo figcaption")
    expect(caption).to_contain_text("which the archive does not keep")
    expect(caption).to_contain_text("Photo: US Department of Defense via AFP/Amber I Smith")
    first = page.locator('article p[id^="p-"]').first
    expect(first).to_contain_text("The US and South Korea have reportedly postponed")
    assert desktop.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_key_on_a_phone_has_no_serious_accessibility_violations(
    browser: Browser, base_url: str, scheme: str
) -> None:
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + ASIA_TIMES)
        page.locator("details.bx-key summary").tap()
        expect(page.locator("details.bx-key li").first).to_be_visible()
        assert serious_violations(page) == []
    finally:
        context.close()
