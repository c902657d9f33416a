"""What a reader sees: the built archive in headless Chromium (Debian's, driven by Playwright).

`make test` installs chromium when it is missing; CHROMIUM_PATH points elsewhere if needed.
Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, fold
from playwright.sync_api import Browser, Page, expect, sync_playwright
from site_helpers import QuietHandler, build_site, copy_project, served_site

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SLOW_MACHINE_MS = 30_000
"""How long an expectation waits: what a reader sees must not depend on how busy the machine is."""
expect.set_options(timeout=SLOW_MACHINE_MS)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
VOA = "articles/us-south-korea-discuss-changes-in-military-relationship/"
ASIA_TIMES = "articles/washington-seoul-postpone-changes-wartime-troop-command-structure/"
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real archive, built with its site_url set to where it is served."""
    with served_site(tmp_path_factory.mktemp("browser"), lambda root: copy_project(root, sources=True)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, page errors and failed requests are recorded."""

    def __init__(self, page: Page) -> None:
        self.page, self.problems = page, []
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        page.on("dialog", lambda d: self.problems.append(f"dialog: {d.message}"))

    def _failed(self, request: object) -> None:
        # A request cut short because the reader moved on (net::ERR_ABORTED) is not a failure.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(**PHONE)
    yield Watched(context.new_page())
    context.close()


def every_page() -> list[str]:
    pages = ["", "about/", "articles/", "glossary/", VOA, ASIA_TIMES]
    pages += [
        f"glossary/{path.stem}/" for path in sorted((REPO / "docs/glossary").glob("*.md")) if path.stem != "index"
    ]
    return pages


def search(page: Page, words: str) -> list[str]:
    """Put the words into the search box and return the result links."""
    page.keyboard.press("/")  # Material's shortcut focuses the search box on any screen size
    box = page.locator(".md-search__input")
    # Search loads its index in a worker (an iframe for a copy opened from disk): allow for a busy machine.
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=2 * SLOW_MACHINE_MS)
    # The words in one go, so the engine answers one query: typing them letter by letter let a partial query's
    # results be redrawn while they were read (Material listens to keyup, Pagefind's glue to input).
    box.fill(words)
    box.press("End")
    expect(page.locator(".md-search-result__item a").first).to_be_visible()
    return result_links(page)


def result_links(page: Page) -> list[str]:
    """The result links' addresses, read in one step: a redraw between reading the list and each link can't
    leave an index pointing past its end."""
    return page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(link => link.getAttribute('href') || '')"
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("5029", "glossary/plan-5029/"),
        ("Lawless", VOA),
        ("wartime control", VOA),
        ("misspelling", ASIA_TIMES),  # a word that appears only in an annotation
    ],
)
def test_search_finds_the_right_pages(desktop: Watched, base_url: str, words: str, expected: str) -> None:
    desktop.page.goto(base_url)
    hrefs = search(desktop.page, words)
    assert any(expected in href for href in hrefs), hrefs
    assert desktop.problems == []


def test_term_tooltip_on_hover_and_focus(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    link = page.locator("a#term-spi")
    link.hover()
    tooltip = page.locator("#bx-tip-term-spi")  # tooltips.js; tests/test_tooltips_browser.py has the rest
    expect(tooltip).to_contain_text("policy-level talks")
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    link.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("policy-level talks")
    assert desktop.problems == []


def test_tapping_a_term_on_a_phone_twice_opens_its_page(phone: Watched, base_url: str) -> None:
    page = phone.page
    page.goto(base_url + VOA)
    page.locator("a#term-plan-5029").tap()  # the first tap shows the definition
    expect(page.locator("#bx-tip-term-plan-5029")).to_be_visible()
    page.locator("a#term-plan-5029").tap()
    expect(page).to_have_url(base_url + "glossary/plan-5029/")
    expect(page.locator("h1")).to_contain_text("Plan 5029")
    assert phone.problems == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_annotation_markers_open_the_note_in_place(request: pytest.FixtureRequest, base_url: str, device: str) -> None:
    watched: Watched = request.getfixturevalue(device)
    page = watched.page
    page.goto(base_url + ASIA_TIMES)
    marker = page.locator("#ref-chosinilbo-typo")
    if device == "phone":
        marker.tap()
    else:
        marker.focus()
        page.keyboard.press("Enter")
    panel = page.locator(".bx-note-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("misspelling")
    expect(panel).to_contain_text("Sources:")
    expect(marker).to_have_attribute("aria-expanded", "true")
    assert page.url == base_url + ASIA_TIMES  # opened in place, not by jumping away
    page.keyboard.press("Escape") if device == "desktop" else panel.get_by_role("button", name="Close").tap()
    expect(panel).to_have_count(0)
    assert watched.problems == []


def test_permalinks_land_on_the_right_note(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    for note in ("note-summit-2000", "note-lawless"):
        page.goto("about:blank")  # a permalink is followed from elsewhere: a fresh load
        page.goto(f"{base_url}{VOA}#{note}")
        heading = page.locator(f"h3#{note}")
        expect(heading).to_be_in_viewport()
        assert page.evaluate("location.hash") == f"#{note}"
    page.locator("h3#note-lawless ~ p a.bx-note-back").first.click()
    expect(page.locator("#ref-lawless")).to_be_in_viewport()


def test_instant_navigation_home_archive_article_term_and_back(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Archive", exact=True).first.click()
    expect(page).to_have_url(base_url + "articles/")
    page.get_by_role("main").get_by_role("article").get_by_role(
        "link", name="US, South Korea Discuss Changes in Military Relationship"
    ).click()
    expect(page).to_have_url(base_url + VOA)
    page.locator("a#term-opcon").click()
    expect(page).to_have_url(base_url + "glossary/opcon/")
    page.go_back()
    expect(page).to_have_url(base_url + VOA)
    expect(page.locator("h1")).to_contain_text("US, South Korea Discuss Changes in Military Relationship")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation reloaded the page"
    assert desktop.problems == []


def test_no_errors_and_no_sideways_scrolling_on_any_page(phone: Watched, base_url: str) -> None:
    page = phone.page
    for path in every_page():
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width}px)"
    assert phone.problems == []


def serious_violations(page: Page) -> list[tuple]:
    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], [n["html"][:80] for n in v["nodes"][:3]]) for v in violations
            if v["impact"] in ("serious", "critical")]  # fmt: skip


@pytest.mark.parametrize("path", ["articles/", "search"])
def test_no_serious_accessibility_violations(desktop: Watched, base_url: str, path: str) -> None:
    page = desktop.page
    if path == "search":
        page.goto(base_url)
        search(page, "wartime control")
    else:
        page.goto(base_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", ["", VOA, "glossary/cfc/", "people/richard-lawless/", "timeline/"])
def test_no_serious_accessibility_violations_in_either_scheme_or_width(
    browser: Browser, base_url: str, path: str, width: int, scheme: str
) -> None:
    """Home, article (a note open: its panel and Close button), term, person and timeline pages."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    if path == VOA:
        page.locator("a.bx-note-ref").first.click()
        expect(page.locator(".bx-note-panel")).to_be_visible()
    try:
        assert serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_article_screenshots(request: pytest.FixtureRequest, base_url: str, device: str) -> None:
    watched: Watched = request.getfixturevalue(device)
    watched.page.goto(base_url + VOA)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"article-{device}.png"
    watched.page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_printing_an_article_gives_a_clean_briefing(desktop: Watched, base_url: str) -> None:
    from pypdf import PdfReader

    page = desktop.page
    page.goto(base_url + VOA)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        expect(page.locator(chrome).first).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "article-print.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = fold(" ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages))
    assert "US, South Korea Discuss Changes in Military Relationship" in text
    assert "Senior South Korean and American defense officials are meeting in Seoul" in text
    assert "Annotations" in text and "Kim Dae-jung was awarded the Nobel Peace Prize" in text  # notes as endnotes
    assert "Terms on this page" in text and "Authority to direct forces assigned to a commander" in text
    assert "Sources:" in text
    for chrome in ("Table of contents", "Skip to content", "Back to the text", "Made with"):
        assert chrome not in text, chrome


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from build_tools.commands.site import build_site as build_offline

    return build_offline(copy_project(tmp_path_factory.mktemp("offline"), sources=True), offline=True)


def test_the_offline_copy_works_from_disk_search_included(desktop: Watched, offline_site: Path) -> None:
    page = desktop.page
    page.goto((offline_site / "index.html").as_uri())
    page.get_by_role("link", name="Archive", exact=True).first.click()
    page.get_by_role("main").get_by_role("article").get_by_role(
        "link", name="US, South Korea Discuss Changes in Military Relationship"
    ).click()
    expect(page.locator("h1")).to_contain_text("US, South Korea Discuss Changes")
    assert page.url.startswith("file://") and page.url.endswith("military-relationship.html")
    hrefs = search(page, "Lawless")
    assert any("us-south-korea-discuss-changes-in-military-relationship" in href for href in hrefs), hrefs
    assert desktop.problems == []


def test_timeline_links_both_ways(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + "timeline/")
    assert page.locator("h3.bx-event").count() >= 15
    assert page.locator("table tbody tr").count() == page.locator("h3.bx-event").count()
    event = page.locator("#event-cfc-established")
    expect(event).to_contain_text("7 November 1978")
    page.locator("#event-cfc-established ~ p a", has_text="CFC").first.click()
    expect(page).to_have_url(base_url + "glossary/cfc/")
    page.get_by_role("link", name="7 November 1978: Combined Forces Command set up").click()
    expect(page.locator("#event-cfc-established")).to_be_in_viewport()
    assert desktop.problems == []


def test_person_page_shows_roles_and_leads_to_the_mention(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + "people/richard-lawless/")
    expect(page.locator("article")).to_contain_text("US Deputy Undersecretary of Defense, representing Washington")
    page.locator('a[href*="#person-richard-lawless"]').first.click()
    expect(page).to_have_url(base_url + VOA + "#person-richard-lawless")
    expect(page.locator("#person-richard-lawless")).to_be_in_viewport()
    assert desktop.problems == []


@pytest.mark.parametrize("path", ["", VOA, "glossary/opcon/", "timeline/"])
def test_feed_readers_find_both_feeds_from_any_page(desktop: Watched, base_url: str, path: str) -> None:
    """The articles' and briefings' feeds, and the corrections' feeds, each as RSS and as JSON Feed."""
    desktop.page.goto(base_url + path)
    links = desktop.page.locator('head link[rel="alternate"]')
    found = {link.evaluate("l => l.href"): link.get_attribute("type") for link in links.all()}
    rss, json_feed = "application/rss+xml", "application/feed+json"
    names = {"rss.xml": rss, "feed.json": json_feed, "corrections.xml": rss, "corrections.json": json_feed}
    assert found == {base_url + "feeds/" + name: kind for name, kind in names.items()}
    for href, kind in found.items():
        response = desktop.page.request.get(href)
        if kind == rss:
            assert response.ok and response.text().startswith("<?xml") and "<rss" in response.text()
        else:
            assert response.ok and response.json()["version"] == "https://jsonfeed.org/version/1.1"
    assert desktop.problems == []


KOREAN_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7a3]/.test(node.data)) continue;
    if (node.parentElement.closest("script, style, template")) continue;
    const marked = node.parentElement.closest("[lang]");
    found.push([node.data.trim(), marked ? marked.getAttribute("lang") : null]);
  }
  return found;
}"""


@pytest.mark.parametrize(
    ("path", "korean"),
    [
        ("glossary/cfc/", "한미연합군사령부"),  # a term's Korean name
        ("glossary/opcon/", "전시작전통제권"),  # and a Korean source's title
        ("people/kwon-an-do/", "권안도"),  # inside a description
        ("timeline/", "한·미 안보협의회 결산"),
        (ASIA_TIMES, "조선일보"),  # inside a note
    ],
)
def test_korean_text_is_marked_as_korean(desktop: Watched, base_url: str, path: str, korean: str) -> None:
    desktop.page.goto(base_url + path)
    found = desktop.page.evaluate(KOREAN_TEXT)
    assert any(korean in text for text, _ in found), found
    assert [text for text, lang in found if lang != "ko"] == []
    assert desktop.problems == []


def test_a_passage_link_shows_on_hover_and_focus_and_cites_the_passage(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    paragraphs = page.locator('article p[id^="p-"]')
    assert paragraphs.count() >= 10
    third = paragraphs.nth(2)
    link = third.locator(".bx-passage-link")
    expect(link).to_have_css("opacity", "0")
    third.hover()
    expect(link).to_have_css("opacity", "1")
    page.mouse.move(0, 0)
    link.focus()  # reached with Tab like any link; visible while it has focus
    expect(link).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    anchor = third.get_attribute("id")
    expect(page).to_have_url(f"{base_url}{VOA}#{anchor}")
    cited = page.locator('.bx-cite-passage pre[data-cite="passage-chicago"] code')
    expect(cited).to_contain_text(f", para. 3. {base_url}{VOA}#{anchor}")
    expect(page.locator('.bx-cite-passage pre[data-cite="passage-apa"] code')).to_contain_text("para. 3.")
    assert desktop.problems == []


def test_a_passage_address_opened_directly_lands_on_it_and_cites_it(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    anchor = page.locator('article p[id^="p-"]').nth(4).get_attribute("id")
    page.goto(f"{base_url}{VOA}#{anchor}")
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    expect(page.locator(".bx-cite-passage")).to_contain_text("This passage (paragraph 5")
    assert desktop.problems == []


@pytest.fixture(scope="module")
def edited_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A small archive built twice, served: before and after an edit to one of an article's paragraphs."""
    from conftest import ARTICLE, Project

    root = tmp_path_factory.mktemp("passages")
    for name, text in (("before", ARTICLE), ("after", ARTICLE.replace("touched on", "came back to"))):
        project = Project(root / name)
        project.article("talks", text.replace("---\n\n", "---\n\nA first paragraph, kept as it was.\n\n"))
        build_site(copy_project(project.root, sources=False))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield url + "before/site/articles/talks/", url + "after/site/articles/talks/"
    server.shutdown()


def test_passage_links_survive_an_edit_elsewhere_in_the_article(
    desktop: Watched, edited_sites: tuple[str, str]
) -> None:
    before, after = edited_sites
    page = desktop.page
    page.goto(before)
    anchors = [p.get_attribute("id") for p in page.locator('article p[id^="p-"]').all()]
    words = [fold(p.inner_text()) for p in page.locator('article p[id^="p-"]').all()]
    assert len(anchors) == 3
    for anchor, text in zip(anchors[:2], words[:2], strict=True):  # the first two are not edited
        page.goto(f"{after}#{anchor}")
        expect(page.locator(f"#{anchor}")).to_be_in_viewport()
        assert fold(page.locator(f"#{anchor}").inner_text()) == text
    assert page.locator(f"#{anchors[2]}").count() == 0  # the edited paragraph has a new id
    assert desktop.problems == []


FIND_SELECTED = """(selectors) => {
  const [quote, css] = selectors;
  const text = document.body.textContent;
  const element = document.querySelector(css.value);
  const inElement = element.textContent.slice(css.refinedBy.start, css.refinedBy.end);
  return {
    quoted: text.includes(quote.prefix + quote.exact + quote.suffix),
    positioned: inElement,
  };
}"""


@pytest.mark.parametrize("path", [VOA, ASIA_TIMES])
def test_the_notes_as_web_annotations_select_the_quoted_words_in_the_page(
    desktop: Watched, base_url: str, path: str
) -> None:
    page = desktop.page
    page.goto(base_url + path)
    address = page.get_by_role("link", name="W3C Web Annotation collection (JSON-LD)").evaluate("a => a.href")
    collection = page.request.get(address).json()
    items = collection["first"]["items"]
    markers = page.locator("a.bx-note-ref")
    assert len(items) == markers.count() > 0  # every note of the page
    for item in items:
        assert item["target"]["source"] == base_url + path
        selectors = item["target"]["selector"]
        found = page.evaluate(FIND_SELECTED, selectors)
        assert found["quoted"], selectors[0]
        assert found["positioned"] == selectors[0]["exact"]
    assert desktop.problems == []


@pytest.mark.parametrize("path", [VOA, "glossary/opcon/", "people/richard-lawless/"])
def test_the_phone_menu_drawer_holds_the_page_contents(phone: Watched, base_url: str, path: str) -> None:
    page = phone.page
    page.goto(base_url + path)
    dangling = page.evaluate(
        "() => [...document.querySelectorAll('label[for]')].map(l => l.htmlFor).filter(id => !document.getElementById(id))"
    )
    assert dangling == []  # every label names a control that is there (the Nu checker's complaint)
    headings = page.locator("article h2[id]")
    assert headings.count() >= 2
    page.locator('.md-header label[for="__drawer"]').click()  # the menu button
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_be_in_viewport()
    drawer.locator('label.md-nav__link[for="__toc"]').click()  # the page's item: opens its contents
    target = headings.nth(1)
    entry = drawer.locator(f'a.md-nav__link[href$="#{target.get_attribute("id")}"]')
    expect(entry).to_be_visible()
    entry.click()
    expect(target).to_be_in_viewport()
    assert phone.problems == []


def test_the_desktop_nav_does_not_list_an_unlisted_page(desktop: Watched, base_url: str) -> None:
    desktop.page.goto(base_url + VOA)
    expect(desktop.page.locator(".md-sidebar--primary .bx-nav-page")).to_be_hidden()
    expect(desktop.page.locator(".md-sidebar--secondary nav.md-nav--secondary")).to_be_visible()


def test_a_query_naming_an_entry_shows_its_page_first(desktop: Watched, base_url: str) -> None:
    """Every name, expansion, Korean name and alias of every entry, in Material's search."""
    from site_helpers import check_entries_come_first, entry_names

    assert any(name == "전작권" for name, _ in entry_names()) and len(entry_names()) > 60
    assert check_entries_come_first(desktop.page, base_url) == []
    assert desktop.problems == []


@pytest.mark.parametrize(("words", "expected"), [("조선일보", ASIA_TIMES), ("단독행사", "glossary/opcon/")])
def test_korean_words_in_pages_are_searchable(desktop: Watched, base_url: str, words: str, expected: str) -> None:
    """Korean in a note and in a Korean source's title, found by Material's search (lang: en, ko).

    Typed as an input method gives it: the words arrive whole, then the key is released."""
    page = desktop.page
    page.goto(base_url)
    page.keyboard.press("/")
    page.locator(".md-search__input").fill(words)
    page.locator(".md-search__input").dispatch_event("keyup")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = [link.get_attribute("href") or "" for link in results.all()]
    assert any(expected in href for href in hrefs), hrefs
    assert desktop.problems == []


def test_reference_managers_find_the_article_metadata(desktop: Watched, base_url: str) -> None:
    """What Zotero's translators read, as the browser parsed it: the Highwire tags and the JSON-LD."""
    import yaml

    source = (REPO / "articles" / (VOA.split("/")[1] + ".md")).read_text(encoding="utf-8")
    front = yaml.safe_load(source.split("---\n")[1])
    page = desktop.page
    page.goto(base_url + VOA)
    read = page.evaluate(
        """() => ({
          title: document.querySelector('meta[name="citation_title"]').content,
          journal: document.querySelector('meta[name="prism.publicationName"]').content,
          date: document.querySelector('meta[name="citation_date"]').content,
          jsonld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
        })"""
    )
    assert read["title"] == front["title"] == read["jsonld"]["headline"]
    assert read["journal"] == front["outlet"] == read["jsonld"]["publisher"]["name"]
    assert read["date"] == str(front["published"]).replace("-", "/")
    assert read["jsonld"].get("isBasedOn") == front.get("url")  # this one's original address is not known
    assert read["jsonld"]["url"] == base_url + VOA
    assert desktop.problems == []


def test_the_reference_files_download_from_the_article_page(desktop: Watched, base_url: str) -> None:
    page = desktop.page
    page.goto(base_url + VOA)
    starts = {"CSL-JSON": "[", "RIS": "TY  - NEWS", "BibTeX": "@article{"}
    for name, start in starts.items():
        response = page.request.get(page.get_by_role("link", name=name, exact=True).evaluate("a => a.href"))
        assert response.ok and response.text().startswith(start), name
    assert json.loads(page.request.get(base_url + "cite/" + VOA.split("/")[1] + ".json").text())[0]["title"]
    assert desktop.problems == []
