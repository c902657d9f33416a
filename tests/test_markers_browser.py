"""Issue 23, points 2 and 4, as a reader's browser has them: note markers and "¶" links are no part of the
article's text (search, copying, the W3C selectors), and a passage's citation appears where the reader is."""

# ruff: noqa: F811 - the fixtures imported from test_browser and test_pagefind are redefined as arguments

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_browser import (  # noqa: F401 - base_url and browser are fixtures
    ASIA_TIMES,
    PHONE,
    VOA,
    Watched,
    base_url,
    browser,
    search,
    serious_violations,
)
from test_pagefind import indexed_text, pagefind_site  # noqa: F401 - pagefind_site is a fixture

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

PASSAGE = 'article p[id^="p-"]'

COPIED = """(paragraph) => {
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield Watched(context.new_page())
    context.close()


@pytest.fixture(params=[{"viewport": {"width": 1280, "height": 900}}, PHONE], ids=["1280px", "360px"])
def reader(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(**request.param)
    yield Watched(context.new_page())
    context.close()


def marked_paragraph(page: Page, words: str):
    paragraph = page.locator(PASSAGE).filter(has_text=words)
    expect(paragraph).to_have_count(1)
    return paragraph


def test_markers_and_passage_links_draw_their_signs_but_hold_no_text(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    paragraph = marked_paragraph(page, "peacetime control of its military in 1994")
    expect(paragraph.locator(".bx-passage-link")).to_have_count(1)  # passages.js has run
    text = paragraph.evaluate("p => p.textContent")
    assert "military in 1994. President" in text and "in office since 2003, has" in text
    assert "¶" not in text and "19945" not in text
    copied = paragraph.evaluate(COPIED)
    assert "military in 1994. President" in copied and "¶" not in copied and "20036" not in copied
    page.keyboard.press("Control+C")  # what reaches the clipboard, too
    assert "military in 1994. President" in page.evaluate("() => navigator.clipboard.readText()")
    for marker in page.locator("a.bx-note-ref").all():
        number = marker.get_attribute("data-note")
        assert marker.evaluate("a => a.textContent") == ""
        drawn = marker.evaluate("a => getComputedStyle(a, '::after').content")
        assert drawn == f'"{number}"'  # the reader sees the number
        expect(page.get_by_role("button", name=f"Annotation {number}", exact=True)).to_have_count(1)
        box = marker.bounding_box()
        assert box and box["width"] >= 10 and box["height"] >= 10
    link = paragraph.locator(".bx-passage-link")
    assert link.evaluate("a => getComputedStyle(a, '::after').content") == '"¶"'
    expect(link).to_have_accessible_name(re.compile(r"^Link to paragraph \d+$"))
    assert desktop.problems == []


def test_markers_show_their_numbers_in_print(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    page.emulate_media(media="print")
    marker = page.locator("a.bx-note-ref").nth(4)
    expect(marker).to_be_visible()
    assert marker.evaluate("a => getComputedStyle(a, '::after').content") == '"5"'
    expect(page.locator(".bx-passage-link").first).to_be_hidden()


def test_a_marker_reached_with_tab_shows_its_focus(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    expect(page.locator(".bx-passage-link").first).to_be_attached()  # passages.js has run
    for _ in range(200):  # Tab through the page, as a keyboard user does, to the first marker
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('bx-note-ref')"):
            break
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Annotation 1"
    marker = page.locator("a.bx-note-ref").first
    assert marker.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"
    page.keyboard.press("Enter")  # the note opens beside the words, its title read from the list's heading
    expect(page.locator(".bx-note-panel .bx-note-panel__title")).to_have_text(re.compile(r"^1\. “seven of the ten"))
    assert desktop.problems == []


RESOLVED = """([quote, css]) => {
  const paragraph = document.querySelector(css.value);
  const text = paragraph.textContent;
  const context = quote.prefix + quote.exact + quote.suffix;
  const at = text.indexOf(context);
  const id = quote.id;
  const mark = document.getElementById(id).previousElementSibling;
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEndBefore(mark);
  return {
    quoteAt: at < 0 || text.indexOf(context, at + 1) >= 0 ? -1 : at + quote.prefix.length,
    positioned: text.slice(css.refinedBy.start, css.refinedBy.end),
    highlighted: mark.tagName === "MARK" ? mark.textContent : null,
    highlightedAt: before.toString().length,
    wordsOnly: (() => {
      const words = paragraph.cloneNode(true);
      words.querySelectorAll("a.bx-note-ref, .bx-passage-link").forEach((a) => a.remove());
      return words.textContent === text;
    })(),
  };
}"""


@pytest.mark.parametrize("path", [VOA, ASIA_TIMES])
def test_each_exported_selector_resolves_to_exactly_the_highlighted_words(
    desktop: Watched,
    base_url: str,
    path: str,
) -> None:
    page = desktop.page
    page.goto(base_url + path)
    expect(page.locator(".bx-passage-link").first).to_be_attached()  # passages.js has added its links
    address = page.get_by_role("link", name="W3C Web Annotation collection (JSON-LD)").evaluate("a => a.href")
    items = page.request.get(address).json()["first"]["items"]
    assert len(items) == page.locator("a.bx-note-ref").count() > 0
    for item in items:
        quote, css = item["target"]["selector"]
        marker = "ref-" + item["id"].rsplit("/", 1)[1]
        found = page.evaluate(RESOLVED, [{**quote, "id": marker}, css])
        assert found["highlighted"] == quote["exact"] == found["positioned"], item["id"]
        assert found["quoteAt"] == found["highlightedAt"] == css["refinedBy"]["start"], item["id"]
        assert found["wordsOnly"], item["id"]  # the markers and the ¶ add nothing to the text counted
    assert desktop.problems == []


@pytest.mark.parametrize(
    ("words", "before", "after"),
    [("in the event of war", "in the event of war", ".")],  # a marker within an excerpt's first lines
)
def test_search_excerpts_quote_the_words_without_marker_numbers(
    desktop: Watched,
    base_url: str,
    words: str,
    before: str,
    after: str,
) -> None:
    """Material's search quotes the text it indexed: a phrase right before a marker, then the punctuation."""
    page = desktop.page
    page.goto(base_url)
    search(page, words)
    for more in page.locator(".md-search-result__more summary").all():  # a page ranked below another (a briefing
        more.click()  # quoting the same words) shows its sections folded
    articles = page.locator(f'.md-search-result__item a[href*="{ASIA_TIMES}"] .md-search-result__article')
    excerpts = [" ".join(text.split()) for text in articles.all_inner_texts()]  # the article's, not a briefing's
    quoting = [text for text in excerpts if before in text]
    assert quoting, excerpts
    for text in quoting:
        assert re.search(re.escape(before) + re.escape(after), text), text
        assert not re.search(re.escape(before) + r"\s*\d", text), text
    assert desktop.problems == []


@pytest.mark.parametrize("path", [VOA, ASIA_TIMES])
def test_material_search_indexes_each_quote_without_its_marker_number(
    desktop: Watched, base_url: str, path: str
) -> None:
    """Most excerpts a reader sees are cut after their first lines: the index they are cut from, for every note."""
    page = desktop.page
    docs = page.request.get(base_url + "search/search_index.json").json()["docs"]
    text = " ".join(
        " ".join(re.sub(r"<[^>]+>", "", doc["text"]).split()) for doc in docs if doc["location"].startswith(path)
    )
    collection = page.request.get(f"{base_url}annotations/{path.split('/')[1]}.jsonld").json()
    quotes = [item["target"]["selector"][0] for item in collection["first"]["items"]]
    assert len(quotes) >= 5
    for quote in quotes:
        exact = " ".join(quote["exact"].split())
        assert exact in text, exact
        assert not re.search(re.escape(exact) + r"\d", text), exact


def test_pagefind_indexes_the_words_without_marker_numbers(pagefind_site: tuple[str, Path]) -> None:
    voa = " ".join(indexed_text(pagefind_site[1])[f"/{VOA}"].split())
    assert re.search(r"control of its military in 1994 ?\. President", voa), voa
    assert re.search(r"in office since 2003 ?, has", voa), voa
    assert "19945" not in voa and "20036" not in voa


def open_passage(page: Page, index: int):
    paragraph = page.locator(PASSAGE).nth(index)
    paragraph.hover()
    paragraph.locator(".bx-passage-link").click()
    return paragraph


def check_beside(page: Page, paragraph, number: int, address: str) -> None:
    panel = page.locator(".bx-passage-panel")
    expect(panel).to_have_count(1)
    expect(panel).to_be_in_viewport()
    expect(panel).to_have_accessible_name(f"Cite this passage (paragraph {number}): Chicago, then APA")
    gap = panel.evaluate("p => p.getBoundingClientRect().top - p.previousElementSibling.getBoundingClientRect().bottom")
    assert panel.evaluate("p => p.previousElementSibling.id") == paragraph.get_attribute("id")
    assert 0 <= gap < 40  # right after the paragraph
    expect(panel.locator('pre[data-cite="passage-chicago"] code')).to_have_text(re.compile(rf", para\. {number}\. "))
    expect(panel.locator('pre[data-cite="passage-apa"] code')).to_contain_text(f"para. {number}. {address}")
    expect(panel).to_be_focused()  # announced: focus moved to it


def test_following_a_passage_link_cites_it_beside_the_paragraph(reader: Watched, base_url: str) -> None:
    page = reader.page
    page.goto(base_url + VOA)
    paragraph = open_passage(page, 6)
    address = f"{base_url}{VOA}#{paragraph.get_attribute('id')}"
    expect(page).to_have_url(address)
    check_beside(page, paragraph, 7, address)
    page.keyboard.press("Escape")
    expect(page.locator(".bx-passage-panel")).to_have_count(0)
    expect(paragraph.locator(".bx-passage-link")).to_be_focused()  # focus back where it was
    page.keyboard.press("Enter")  # the same passage again: the address does not change, the panel opens
    check_beside(page, paragraph, 7, address)
    page.locator(".bx-passage-panel__close").click()
    expect(page.locator(".bx-passage-panel")).to_have_count(0)
    expect(page.locator('.bx-cite-passage pre[data-cite="passage-apa"] code')).to_contain_text(address)
    assert reader.problems == []


def test_a_passage_address_opened_directly_shows_its_citation_in_view(reader: Watched, base_url: str) -> None:
    page = reader.page
    page.goto(base_url + VOA)
    anchor = page.locator(PASSAGE).nth(9).get_attribute("id")
    page.goto(f"{base_url}{VOA}#{anchor}")
    check_beside(page, page.locator(f"#{anchor}"), 10, f"{base_url}{VOA}#{anchor}")
    assert reader.problems == []


def test_the_copy_button_copies_the_passage_citation(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    open_passage(page, 2)
    panel = page.locator(".bx-passage-panel")
    panel.get_by_role("button", name="Copy Chicago").click()
    expect(panel.get_by_role("status")).to_have_text("The Chicago citation of this passage is copied.")
    cited = panel.locator('pre[data-cite="passage-chicago"] code').inner_text()
    assert page.evaluate("() => navigator.clipboard.readText()") == cited
    assert ", para. 3. " in cited
    assert page.locator('[id^="__code_"]').evaluate_all("els => els.length") == len(
        set(page.locator('[id^="__code_"]').evaluate_all("els => els.map(e => e.id)"))
    )  # no copied block repeats a code block's id
    assert desktop.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_the_open_citation_panel_passes_axe(browser: Browser, base_url: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base_url + VOA)
        anchor = page.locator(PASSAGE).nth(4).get_attribute("id")
        page.goto(f"{base_url}{VOA}#{anchor}")
        expect(page.locator(".bx-passage-panel")).to_be_visible()
        assert serious_violations(page) == []
    finally:
        context.close()
