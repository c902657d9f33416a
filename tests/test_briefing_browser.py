"""A briefing as a reader sees it in headless Chromium (#24): its essay, numbered notes there and back, quotations
that land on the article's paragraph, the articles' "Discussed in", the terms' "In briefings", home and nav, the
keyboard, both schemes and a phone's width, the passage links, and both search engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, fold
from playwright.sync_api import Browser, Page, expect
from test_browser import (
    ARTIFACTS,
    ASIA_TIMES,
    PHONE,
    VOA,
    Watched,
    base_url,
    browser,
    desktop,
    offline_site,
    phone,
    search,
    serious_violations,
)
from test_korean_search import MATERIAL, PAGEFIND
from test_pagefind import pagefind_site

__all__ = [
    "base_url",
    "browser",
    "desktop",
    "offline_site",
    "pagefind_site",
    "phone",
]  # the fixtures, shared with the other tests

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

BRIEFING = "briefings/opcon-transfer-2006-2017/"
TITLE = "Wartime operational control: from the 2006 SPI talks to the 2017 SCM"
QUERY = "wartime operational control from the 2006 SPI talks to the 2017 SCM"
"""The briefing's title as a reader types it."""
REF = "article a.bx-fn-ref"
FOOTNOTES = len(
    yaml.safe_load((REPO / "briefings/opcon-transfer-2006-2017.md").read_text(encoding="utf-8").split("---\n")[1])[
        "footnotes"
    ]
)
"""The briefing's footnotes, as its source declares them (each cited: `check` refuses one that is not)."""


def footnote_geometry(page: Page) -> dict:
    """The first note number's box, and the height of one line of its paragraph's text with it and without it."""
    return page.evaluate(
        """() => {
          const ref = document.querySelector('article a.bx-fn-ref');
          const box = ref.getBoundingClientRect();
          const line = (html) => {
            const p = ref.closest('p').cloneNode(false);
            p.removeAttribute('id');
            p.style.whiteSpace = 'nowrap';
            p.innerHTML = html;
            ref.closest('p').after(p);
            const height = p.getBoundingClientRect().height;
            p.remove();
            return height;
          };
          return {width: box.width, height: box.height, before: line('Text' + ref.outerHTML), without: line('Text')};
        }"""
    )


def open_briefing(page: Page, base_url: str) -> None:
    """The briefing's page, once the page scripts have run (its paragraphs have their passage links)."""
    page.goto(base_url + BRIEFING)
    expect(page.locator("article .bx-passage-link").first).to_be_attached()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_the_briefing_reads_in_either_scheme_at_either_width(
    browser: Browser, base_url: str, width: int, scheme: str
) -> None:
    """The essay, its quotations and notes; note numbers are targets of 24 px that leave the lines as they are;
    no sideways scrolling; axe finds nothing serious (a passage's panel open too)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    watched = Watched(context.new_page())
    page = watched.page
    try:
        open_briefing(page, base_url)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        expect(page.locator("h1")).to_contain_text(TITLE)
        expect(page.locator('article p[id^="p-"]').first).to_contain_text("In March 2006 Voice of America put")
        expect(page.locator("article a.bx-quote").first).to_contain_text("If war ever comes to the Korean peninsula")
        expect(page.locator("article blockquote a.bx-quote-source")).to_have_text("Asia Times, 28–31 October 2017")
        expect(page.locator("article p.bx-footnote")).to_have_count(FOOTNOTES)
        geometry = footnote_geometry(page)
        assert geometry["width"] >= 24 and geometry["height"] >= 24, geometry  # WCAG 2.5.8
        assert geometry["before"] == geometry["without"], geometry  # the line's height is kept
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert serious_violations(page) == []
        page.locator('article p[id^="p-"]').nth(1).locator(".bx-passage-link").focus()
        page.keyboard.press("Enter")
        assert serious_violations(page) == []
        assert watched.problems == []
    finally:
        context.close()


def test_a_note_number_jumps_to_its_note_and_back_to_the_text(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    ref = page.locator(REF).nth(2)
    expect(ref).to_have_text("3")
    expect(ref).to_have_attribute("aria-label", "Note 3")
    ref.click()
    expect(page).to_have_url(base_url + BRIEFING + "#fn-rhee-1950")
    note = page.locator("#fn-rhee-1950")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("3.")
    expect(note).to_contain_text("Taking Back Control")
    note.get_by_role("link", name="Back to the text").click()
    expect(page).to_have_url(base_url + BRIEFING + "#fnref-rhee-1950")
    expect(page.locator("#fnref-rhee-1950")).to_be_in_viewport()
    assert desktop.problems == []


def test_tab_reaches_a_note_number_and_enter_follows_it(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    page.locator("article blockquote a.bx-quote-source").focus()  # the last link before a paragraph with notes
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.bx-fn-ref')"):
            break
    focused = page.locator("a.bx-fn-ref:focus")
    expect(focused).to_have_count(1)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline  # the focus is seen
    target = (focused.get_attribute("href") or "").split("#")[1]
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}{BRIEFING}#{target}")
    expect(page.locator(f"#{target}")).to_be_in_viewport()
    assert desktop.problems == []


def test_a_quotation_lands_on_the_article_s_paragraph_that_holds_its_words(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    quotation = page.locator("article a.bx-quote").first
    words = quotation.inner_text()
    anchor = (quotation.get_attribute("href") or "").split("#")[1]
    assert anchor.startswith("p-"), anchor
    quotation.click()
    expect(page).to_have_url(f"{base_url}{VOA}#{anchor}")
    paragraph = page.locator(f"article p#{anchor}")
    expect(paragraph).to_contain_text(words)
    expect(paragraph).to_be_in_viewport()
    assert desktop.problems == []


def test_documents_in_this_briefing_lists_both_articles_with_their_passages(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    heading = page.locator("h2#documents-in-this-briefing")
    expect(heading).to_be_visible()
    articles = page.locator("article h3 > a:not(.headerlink)")
    expect(articles).to_have_count(2)
    expect(articles.nth(0)).to_have_text("US, South Korea Discuss Changes in Military Relationship")
    expect(articles.nth(1)).to_have_text("Washington and Seoul postpone changes to wartime troop command structure")
    for path in (VOA, ASIA_TIMES):
        passages = page.locator(f'article li > a[href*="{path}#p-"]')
        assert passages.count() >= 4, path
    passage = page.locator(f'article li > a[href*="{ASIA_TIMES}#p-"]').first
    anchor = (passage.get_attribute("href") or "").split("#")[1]
    passage.click()
    expect(page).to_have_url(f"{base_url}{ASIA_TIMES}#{anchor}")
    expect(page.locator(f"article p#{anchor}")).to_be_attached()
    assert desktop.problems == []


@pytest.mark.parametrize("path", [VOA, ASIA_TIMES])
def test_an_article_says_where_it_is_discussed(desktop: Watched, base_url: str, path: str) -> None:
    page = desktop.page
    page.goto(base_url + path)
    line = page.locator("article p", has_text="Discussed in")
    link = line.get_by_role("link", name=TITLE)
    anchor = (link.get_attribute("href") or "").split("#")[1]
    assert anchor.startswith("p-"), anchor
    link.click()
    expect(page).to_have_url(f"{base_url}{BRIEFING}#{anchor}")
    paragraph = page.locator(f"article p#{anchor}")
    expect(paragraph).to_be_in_viewport()
    expect(paragraph.locator(f'a.bx-quote[href*="{path}#p-"]').first).to_be_visible()  # it quotes this article
    assert desktop.problems == []


def test_a_term_lists_the_briefing_under_in_briefings(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + "glossary/opcon/")
    expect(page.locator("h2#in-briefings")).to_be_visible()
    page.locator("h2#in-briefings + ul").get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(base_url + BRIEFING)
    assert desktop.problems == []


def test_home_and_nav_lead_to_the_briefing(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url)
    listed = page.locator("#briefings + p + ul.bx-newest > li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("(7 December 2026)")
    nav = page.locator(".md-tabs, .md-nav--primary").get_by_role("link", name="Briefings", exact=True).first
    expect(nav).to_be_visible()
    nav.click()
    expect(page).to_have_url(base_url + "briefings/")
    page.locator("article h2 > a", has_text=TITLE).click()
    expect(page).to_have_url(base_url + BRIEFING)
    page.goto(base_url)
    listed.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    assert desktop.problems == []


def test_glossary_tooltips_work_on_the_briefing(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    link = page.locator("article a#term-spi")
    link.hover()
    expect(page.locator("#bx-tip-term-spi")).to_contain_text("policy-level talks")
    assert desktop.problems == []


def test_a_briefing_paragraph_has_its_passage_link(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    paragraphs = page.locator('article p[id^="p-"]')
    assert paragraphs.count() >= 10
    expect(page.locator("article .bx-passage-link")).to_have_count(paragraphs.count())
    second = paragraphs.nth(1)
    link = second.locator(":scope > .bx-passage-link")
    expect(link).to_have_attribute("aria-label", "Link to paragraph 2")
    link.focus()
    expect(link).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}{BRIEFING}#{second.get_attribute('id')}")
    assert desktop.problems == []


def test_a_briefing_passage_s_panel_cites_the_briefing(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    second = page.locator('article p[id^="p-"]').nth(1)
    anchor = second.get_attribute("id")
    second.locator(":scope > .bx-passage-link").click()
    panel = page.locator(f"#cite-{anchor}")
    expect(panel).to_be_focused()
    address = re.escape(f"{base_url}{BRIEFING}#{anchor}")
    chicago = panel.locator('pre[data-cite="passage-chicago"] code')  # the briefing's own citation, its paragraph
    expect(chicago).to_have_text(re.compile(rf"^briefing-archive\. .*{re.escape(TITLE)}.*, para\. 2\. {address}$"))
    expect(panel.locator('pre[data-cite="passage-apa"] code')).to_have_text(re.compile(rf"para\. 2\. {address}$"))
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    assert desktop.problems == []


def test_a_phone_shows_the_briefing_without_sideways_scrolling(phone: Watched, base_url: str) -> None:
    page = phone.page
    open_briefing(page, base_url)
    page.wait_for_load_state("load")  # every script and style in: the number is where it will stay
    first = page.locator(REF).first
    first.scroll_into_view_if_needed()
    first.tap()
    expect(page).to_have_url(re.compile(r"#fn-delay-2010$"))  # the tap reaches the note's address
    # Not asserted here: that the page then scrolls to the note. Under CPU load, in about one run in four, Material's
    # instant navigation changes the address without scrolling (no hashchange follows); by mouse and keyboard the
    # jump is asserted in test_a_note_number_jumps_to_its_note_and_back_to_the_text.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert phone.problems == []


def test_printing_the_briefing_keeps_the_note_numbers(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    open_briefing(page, base_url)
    page.emulate_media(media="print")
    ref = page.locator(REF).first
    expect(ref).to_be_visible()
    expect(ref).to_have_text("1")
    expect(page.locator("article p.bx-footnote").first.get_by_role("link", name="Back to the text")).to_be_hidden()


TAGS = ("Wartime operational control", "Combined Forces Command", "Security Policy Initiative", "Plan 5029")
"""Labels of the briefing's tags (glossary.yml's `tags:` register), which its page shows."""


def first_pages(
    page: Page, script: str, url: str, queries: tuple[str, ...] = (QUERY,)
) -> dict[str, list[str]] | list[str]:
    page.goto(url)
    found = page.evaluate(script, {"queries": list(queries)})
    return found[QUERY] if queries == (QUERY,) else found


def test_material_search_for_the_title_ranks_the_briefing_first(desktop: Watched, base_url: str) -> None:
    found = first_pages(desktop.page, MATERIAL, base_url)
    assert found[:1] == [BRIEFING], found
    assert found.index(BRIEFING) < min(found.index(VOA), found.index(ASIA_TIMES)), found
    assert desktop.problems == []


def test_pagefind_search_for_the_title_ranks_the_briefing_first(
    desktop: Watched, pagefind_site: tuple[str, Path]
) -> None:
    found = first_pages(desktop.page, PAGEFIND, pagefind_site[0])
    assert found[:1] == [BRIEFING], found
    assert all(found.index(BRIEFING) < found.index(path) for path in (VOA, ASIA_TIMES) if path in found), found
    assert desktop.problems == []


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_search_for_its_tags_ranks_the_briefing_above_the_articles_it_discusses(
    desktop: Watched, base_url: str, pagefind_site: tuple[str, Path], engine: str
) -> None:
    script, url = (MATERIAL, base_url) if engine == "material" else (PAGEFIND, pagefind_site[0])
    results = first_pages(desktop.page, script, url, TAGS)
    for tag, found in results.items():  # type: ignore[union-attr]
        assert BRIEFING in found, (tag, found)
        assert all(found.index(BRIEFING) < found.index(path) for path in (VOA, ASIA_TIMES) if path in found), (
            tag,
            found,
        )
    assert desktop.problems == []


def test_printing_the_briefing_gives_its_text_and_its_notes_without_the_sites_chrome(
    desktop: Watched, base_url: str
) -> None:
    from pypdf import PdfReader

    page = desktop.page
    page.goto(base_url + BRIEFING)
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "briefing-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = fold(" ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages))  # fonts' ligatures undone
    assert "Wartime operational control: from the 2006 SPI talks to the 2017 SCM" in text
    assert "Documents in this briefing" in text and "Notes and sources" in text and "Cite this page" in text
    assert "Taking Back Control" in text  # a footnote's source
    for chrome in ("Back to the text", "Skip to content", "Made with"):
        assert chrome not in text, chrome


def test_the_offline_copy_leads_from_the_nav_to_the_briefing_and_its_quotations(
    desktop: Watched, offline_site: Path
) -> None:
    page = desktop.page
    page.goto((offline_site / "index.html").as_uri())
    page.get_by_role("link", name="Briefings", exact=True).first.click()
    page.locator('article a[href$="opcon-transfer-2006-2017.html"]').first.click()
    assert page.url.startswith("file://") and page.url.endswith("opcon-transfer-2006-2017.html")
    page.wait_for_load_state("load")  # the search worker of a page opened from disk starts once it has loaded
    hrefs = search(page, "Security Consultative Meeting")
    assert any("opcon-transfer-2006-2017" in href for href in hrefs), hrefs
    page.keyboard.press("Escape")
    quotation = page.locator("article a.bx-quote").first
    target = quotation.get_attribute("href") or ""
    assert target.endswith(".html" + target[target.index("#") :]) and "#p-" in target, target
    quotation.click()
    anchor = target.split("#", 1)[1]
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    assert page.url.startswith("file://") and page.url.endswith(f".html#{anchor}")
    assert desktop.problems == []
