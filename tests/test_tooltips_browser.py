"""Definition tooltips on first mentions (docs/javascripts/tooltips.js), as readers meet them in Chromium.

WCAG 2.2 SC 1.4.13 "Content on Hover or Focus": the tooltip is hoverable (the pointer can move onto it),
dismissible (Escape, without moving hover or focus) and persistent (it stays until hover and focus leave).
Its text is the body's size; on a phone a first tap shows it and a second follows the link.
"""

# The fixtures imported from test_browser (base_url, browser, desktop, phone) are named as parameters.
# ruff: noqa: F811

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect
from test_browser import (  # noqa: F401 - base_url, browser, desktop and phone are fixtures
    ASIA_TIMES,
    PHONE,
    VOA,
    Watched,
    base_url,
    browser,
    desktop,
    phone,
    serious_violations,
)

pytestmark = pytest.mark.browser

GRACE_MS = 300
"""tooltips.js keeps a tooltip this long after the pointer leaves, to cross the gap to it."""
LATER_MS = 3 * GRACE_MS
"""Long enough for a tooltip that was going to disappear to have gone."""


class _Mentions(HTMLParser):
    """The first-mention links of a page's HTML: id -> title."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        anchor, title = values.get("id") or "", values.get("title")
        if tag == "a" and title is not None and re.match(r"(term|person|org)-", anchor):
            self.found[anchor] = title


def titles(page: Page, url: str) -> dict[str, str]:
    """id -> title of every first-mention link, read from the page as the build wrote it (no script)."""
    parser = _Mentions()
    parser.feed(page.request.get(url).text())
    return parser.found


def tip(page: Page, anchor: str) -> Locator:
    return page.locator(f"#bx-tip-{anchor}")


def pointer_over(page: Page, target: Locator) -> None:
    """Move the mouse onto the middle of `target` in steps, as a hand would, from where it is."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)


def test_hovering_shows_the_definition_and_the_pointer_can_move_onto_it(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    definitions = titles(page, base_url + VOA)
    page.goto(base_url + VOA)
    link, shown = page.locator("a#term-spi"), tip(page, "term-spi")
    expect(shown).to_be_hidden()
    pointer_over(page, link)
    expect(shown).to_be_visible()
    expect(shown.locator("[role=tooltip]")).to_have_text(definitions["term-spi"])
    expect(shown.locator(".bx-tooltip__name")).to_have_text("SPI")
    pointer_over(page, shown)  # across the gap, onto the tooltip: it stays (hoverable)
    page.wait_for_timeout(LATER_MS)
    expect(shown).to_be_visible()
    pointer_over(page, shown.get_by_role("link", name="Read the entry"))
    page.wait_for_timeout(LATER_MS)
    expect(shown).to_be_visible()
    page.mouse.move(5, 400, steps=4)  # away from both: it goes
    expect(shown).to_be_hidden()
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0  # Material's own tooltip never shows
    assert desktop.problems == []


def test_people_and_organisations_have_tooltips_too(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    definitions = titles(page, base_url + VOA)
    page.goto(base_url + VOA)
    for anchor, name in (("person-richard-lawless", "Richard Lawless"), ("org-yonsei-university", "Yonsei University")):
        pointer_over(page, page.locator(f"a#{anchor}"))
        expect(tip(page, anchor)).to_be_visible()
        expect(tip(page, anchor).locator("[role=tooltip]")).to_have_text(definitions[anchor])
        expect(tip(page, anchor).locator(".bx-tooltip__name")).to_have_text(name)
    expect(page.locator(".bx-tooltip:visible")).to_have_count(1)  # one at a time
    assert desktop.problems == []


def test_escape_dismisses_the_tooltip_while_the_pointer_stays_on_the_link(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    link, shown = page.locator("a#term-dmz"), tip(page, "term-dmz")
    pointer_over(page, link)
    expect(shown).to_be_visible()
    page.keyboard.press("Escape")
    expect(shown).to_be_hidden()
    page.wait_for_timeout(LATER_MS)
    assert link.evaluate("a => a.matches(':hover')"), "the pointer was moved"
    expect(shown).to_be_hidden()  # dismissed stays dismissed while the pointer rests there
    page.mouse.move(5, 400, steps=4)
    pointer_over(page, link)  # a new hover shows it again
    expect(shown).to_be_visible()
    assert desktop.problems == []


def test_keyboard_focus_shows_it_and_escape_hides_it_leaving_focus_on_the_link(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    definitions = titles(page, base_url + VOA)
    page.goto(base_url + VOA)
    links = page.locator("article a[href]")
    before = links.evaluate_all("(all) => all.findIndex(a => a.id === 'term-spi') - 1")
    links.nth(before).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "term-spi"
    shown = tip(page, "term-spi")
    expect(shown).to_be_visible()
    described = page.locator("a#term-spi").get_attribute("aria-describedby")
    description = page.locator(f"[id='{described}']")
    expect(description).to_have_attribute("role", "tooltip")
    expect(description).to_have_text(definitions["term-spi"])
    page.keyboard.press("Escape")
    expect(shown).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "term-spi"
    page.wait_for_timeout(LATER_MS)
    expect(shown).to_be_hidden()
    page.keyboard.press("Tab")  # focus moves on; back again shows it
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "term-spi"
    expect(shown).to_be_visible()
    assert desktop.problems == []


def test_screen_readers_get_the_definition_as_the_links_description(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    definitions = titles(page, base_url + VOA)
    page.goto(base_url + VOA)
    expect(tip(page, "term-spi")).to_be_attached()
    links = page.locator("article a[data-bx-definition]")
    assert links.count() == len(definitions) > 10
    for anchor, definition in definitions.items():
        link = page.locator(f"a#{anchor}")
        expect(link).not_to_have_attribute("title", re.compile(".*"))  # no second, native tooltip
        expect(link).to_have_accessible_description(definition)


def test_the_tooltip_reads_at_the_body_texts_size_and_weight(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    pointer_over(page, page.locator("a#term-opcon"))
    text = tip(page, "term-opcon").locator("[role=tooltip]")
    expect(text).to_be_visible()
    size = float(text.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    body = float(page.locator("article p").first.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 16 and size == body
    assert text.evaluate("e => getComputedStyle(e).fontWeight") == "400"


def test_a_first_tap_on_a_phone_shows_the_definition_and_a_second_follows_the_link(
    phone: Watched, base_url: str
) -> None:
    page = phone.page
    definitions = titles(page, base_url + VOA)
    page.goto(base_url + VOA)
    link, shown = page.locator("a#term-plan-5029"), tip(page, "term-plan-5029")
    link.tap()
    expect(shown).to_be_visible()
    expect(shown.locator("[role=tooltip]")).to_have_text(definitions["term-plan-5029"])
    expect(shown.locator(".bx-tooltip__name")).to_have_text("Plan 5029")
    page.wait_for_timeout(LATER_MS)
    assert page.url == base_url + VOA  # shown in place, not followed
    expect(shown).to_be_visible()
    page.locator("h1").tap()  # elsewhere: it closes
    expect(shown).to_be_hidden()
    link.tap()
    expect(shown).to_be_visible()
    link.tap()
    expect(page).to_have_url(base_url + "glossary/plan-5029/")
    expect(page.locator("h1")).to_contain_text("Plan 5029")
    assert phone.problems == []


def test_the_tooltips_own_link_leads_to_the_entry_and_is_easy_to_tap(phone: Watched, base_url: str) -> None:
    page = phone.page
    page.goto(base_url + VOA)
    page.locator("a#person-richard-lawless").tap()
    more = tip(page, "person-richard-lawless").get_by_role("link", name="Read the entry")
    expect(more).to_be_visible()
    box = more.bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
    more.tap()
    expect(page).to_have_url(base_url + "people/richard-lawless/")
    assert phone.problems == []


@pytest.mark.parametrize("anchor", ["term-opcon", "term-plan-5029", "person-richard-lawless", "term-wmd"])
def test_on_a_narrow_screen_the_tooltip_stays_on_screen(phone: Watched, base_url: str, anchor: str) -> None:
    page = phone.page
    page.goto(base_url + VOA)
    page.locator(f"a#{anchor}").tap()
    shown = tip(page, anchor)
    expect(shown).to_be_visible()
    box = shown.evaluate("e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
    left, top, right, bottom = box
    assert left >= 0 and right <= 360 and top >= 0 and bottom <= 740, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.problems == []


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_tooltip_opens_where_there_is_room_clear_of_the_header(desktop: Watched, base_url: str, where: str) -> None:
    """A link near the bottom of the window opens its tooltip above it; near the top, below it, never under
    the sticky header."""
    page = desktop.page
    page.goto(base_url + VOA)
    link, shown = page.locator("a#term-usfk"), tip(page, "term-usfk")
    header = page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    target = header + 10 if where == "top" else 900 - 40
    link.evaluate(f"(a) => window.scrollBy(0, a.getBoundingClientRect().top - {target})")
    pointer_over(page, link)
    expect(shown).to_be_visible()
    edges = "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; }"
    (link_top, link_bottom), (top, bottom) = link.evaluate(edges), shown.evaluate(edges)
    if where == "top":
        assert top >= link_bottom and bottom <= 900
    else:
        assert bottom <= link_top and top >= header
    assert desktop.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_no_serious_accessibility_violations_with_a_tooltip_open(
    browser: Browser, base_url: str, scheme: str, device: str
) -> None:
    options = PHONE if device == "phone" else {"viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**options, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + VOA)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        link = page.locator("a#term-spi")
        link.tap() if device == "phone" else pointer_over(page, link)
        expect(tip(page, "term-spi")).to_be_visible()
        assert serious_violations(page) == []
    finally:
        context.close()


def test_tooltips_work_after_instant_navigation(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Archive", exact=True).first.click()
    expect(page).to_have_url(base_url + "articles/")
    # the article's tooltips went with it (once the new page's content is in: the address changes first)
    expect(page.locator(".bx-tooltip")).to_have_count(0)
    page.get_by_role("main").get_by_role("article").get_by_role(
        "link", name=re.compile("postpone changes to wartime troop command structure")
    ).click()
    expect(page).to_have_url(base_url + ASIA_TIMES)
    link = page.locator("article a[data-bx-definition]").first
    anchor = link.get_attribute("id")
    pointer_over(page, link)
    expect(tip(page, anchor)).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip(page, anchor)).to_be_hidden()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation reloaded the page"
    assert desktop.problems == []


def test_without_javascript_the_link_keeps_its_title_and_goes_to_the_page(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + VOA)
        link = page.locator("a#term-spi")
        expect(link).to_have_attribute("title", re.compile("policy-level talks"))
        assert page.locator(".bx-tooltip").count() == 0
        link.click()
        expect(page).to_have_url(base_url + "glossary/spi/")
    finally:
        context.close()


def test_printing_leaves_the_tooltip_out(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    page.locator("a#term-spi").focus()
    expect(tip(page, "term-spi")).to_be_visible()
    page.emulate_media(media="print")
    expect(tip(page, "term-spi")).to_be_hidden()


def serve_with_title(page: Page, url: str, anchor: str, title: str) -> None:
    """Serve the page at `url` with `title` as the link `anchor`'s title, escaped as the build escapes it."""

    def swap_title(route: Route) -> None:
        body = route.fetch().text()
        body, count = re.subn(rf'(id="{anchor}" title=")[^"]*"', rf'\g<1>{html.escape(title)}"', body)
        assert count == 1
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    page.route(url, swap_title)


def test_a_definition_is_shown_as_text_never_as_markup(desktop: Watched, base_url: str) -> None:
    """A definition holding markup (escaped by the build into the title) reaches the tooltip as text."""
    page = desktop.page
    hostile = '<img src=x onerror="window.__ran = 1"><b>bold</b> &amp; <script>window.__ran = 2</script>'
    serve_with_title(page, base_url + VOA, "term-spi", hostile)
    page.goto(base_url + VOA)
    pointer_over(page, page.locator("a#term-spi"))
    text = tip(page, "term-spi").locator("[role=tooltip]")
    expect(text).to_have_text(hostile)
    assert text.locator("img, b, script").count() == 0
    assert page.evaluate("window.__ran") is None


def test_korean_in_a_definition_is_marked_as_korean(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    serve_with_title(page, base_url + VOA, "term-spi", "Talks the Korean press calls 한미 안보정책구상 (SPI).")
    page.goto(base_url + VOA)
    pointer_over(page, page.locator("a#term-spi"))
    text = tip(page, "term-spi").locator("[role=tooltip]")
    expect(text).to_have_text("Talks the Korean press calls 한미 안보정책구상 (SPI).")
    expect(text.locator('span[lang="ko"]')).to_have_text(["한미 안보정책구상"])
