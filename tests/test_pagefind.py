"""`SEARCH=pagefind`: the same search box answered from Pagefind's chunked index, in Chromium."""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Response, Route, expect
from site_helpers import QuietHandler, build_site, copy_project, search_index
from test_browser import PHONE, SLOW_MACHINE_MS, VOA, Watched, browser, search  # noqa: F401 - browser is a fixture

from build_tools.commands import search as site_search
from build_tools.errors import BuildFailed

pytestmark = pytest.mark.browser  # headless Chromium: left out of make test-fast

QUERY_BUDGET = 500_000
"""The issue's target: one query fetches at most 0.5 MB (here the archive is tiny; bench measures 10,000)."""


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The address of `site` served over HTTP until the block ends (Pagefind needs a web server)."""
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("pagefind")
    os.environ["SEARCH"] = "pagefind"
    try:
        site = build_site(copy_project(root, sources=True))
    finally:
        os.environ.pop("SEARCH")
    with served(site) as url:
        yield url, site


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Watched]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def test_material_index_is_empty_and_pagefind_index_is_written(pagefind_site: tuple[str, Path]) -> None:
    _, site = pagefind_site
    assert search_index(site) == []
    assert (site / "pagefind/pagefind.js").is_file()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] >= 30  # articles, glossary, people, timeline...
    assert "pagefind-search.js" in (site / "index.html").read_text(encoding="utf-8")


def indexed_text(site: Path) -> dict[str, str]:
    """What Pagefind indexed of each page (its fragments: gzipped JSON after a signature), by URL."""
    found = {}
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{") :])
        found[data["url"]] = data["content"]
    return found


def test_lists_that_repeat_other_pages_are_not_indexed(pagefind_site: tuple[str, Path]) -> None:
    """An article is found by its own words, not by the titles of the articles it lists as related reading, nor
    by the definitions of the terms on it: those are other pages' words."""
    _, site = pagefind_site
    texts = indexed_text(site)
    voa, other = texts[f"/{VOA}"], "Washington and Seoul postpone changes"
    assert "Senior South Korean and American defense officials" in voa  # its own words
    assert other in texts["/articles/washington-seoul-postpone-changes-wartime-troop-command-structure/"]
    page = (site / VOA / "index.html").read_text(encoding="utf-8")
    assert other in page and 'class="archive-repeated"' in page  # shown to readers, in a list Pagefind skips
    assert other not in voa


def test_the_same_box_answers_from_pagefind(desktop: Watched, pagefind_site: tuple[str, Path]) -> None:
    url, _ = pagefind_site
    page, fetched = desktop.page, []
    page.goto(url)

    def record(response: Response) -> None:
        if "/pagefind/" in response.url:
            fetched.append(len(response.body()))

    page.on("response", record)
    hrefs = search(page, "Lawless")
    assert any(VOA in href for href in hrefs), hrefs
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ matching documents?$"))
    marks = page.locator(".md-search-result__article p mark")
    expect(marks.first).to_contain_text("Lawless")
    tags = page.eval_on_selector_all(".md-search-result__article p *", "els => els.map(e => e.tagName)")
    assert set(tags) == {"MARK"}  # excerpts carry text and <mark> only
    assert 0 < sum(fetched) <= QUERY_BUDGET, fetched
    page.keyboard.press("Enter")  # Material's Enter still goes to the best (first) result
    expect(page).to_have_url(urljoin(url, hrefs[0]))
    assert desktop.problems == []


def test_enter_right_after_typing_opens_the_new_query_s_first_result(
    desktop: Watched, pagefind_site: tuple[str, Path]
) -> None:
    """Enter within the pause before Pagefind is asked used to open the previous query's first result."""
    url, _ = pagefind_site
    page = desktop.page
    page.goto(url)
    expected = search(page, "Plan 5029")[0]
    page.goto(url)
    previous = search(page, "Lawless")[0]
    assert previous != expected
    page.locator(".md-search__input").fill("Plan 5029")  # the old results are still shown
    page.keyboard.press("Enter")
    expect(page).to_have_url(urljoin(url, expected))
    assert desktop.problems == []


def test_results_survive_refocusing_the_box(desktop: Watched, pagefind_site: tuple[str, Path]) -> None:
    url, _ = pagefind_site
    page = desktop.page
    page.goto(url)
    search(page, "Plan 5029")
    page.locator(".md-search__input").blur()
    page.locator(".md-search__input").focus()  # Material redraws its own (empty) results here
    page.wait_for_timeout(500)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("No matching documents")
    assert desktop.problems == []


def test_search_on_a_phone(browser: Browser, pagefind_site: tuple[str, Path]) -> None:  # noqa: F811
    url, _ = pagefind_site
    context = browser.new_context(**PHONE)
    watched = Watched(context.new_page())
    watched.page.goto(url + "glossary/")
    watched.page.locator("label.md-header__button[for='__search']").tap()
    watched.page.locator(".md-search__input").press_sequentially("Combined Forces", delay=30)
    first = watched.page.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    first.tap()
    expect(watched.page.locator("h1")).to_be_visible()
    assert "/pagefind/" not in watched.page.url and watched.page.url != url + "glossary/"
    assert watched.problems == []
    context.close()


def test_an_unknown_search_engine_is_refused() -> None:
    with pytest.raises(BuildFailed) as failed:
        site_search.engine("lunr")
    assert str(failed.value.errors[0]).startswith("mkdocs.yml: extra.search_engine is 'lunr'; it must be one of")


def test_the_index_is_byte_identical_when_rebuilt(pagefind_site: tuple[str, Path], tmp_path: Path) -> None:
    _, site = pagefind_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    site_search.index_site(copy)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    after = {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
    assert before == after and len(before) > 5


def test_more_results_are_fetched_only_when_asked(desktop: Watched, pagefind_site: tuple[str, Path]) -> None:
    url, _ = pagefind_site
    page, fragments = desktop.page, []
    page.goto(url)
    page.on("request", lambda r: fragments.append(r.url) if "/pagefind/fragment/" in r.url else None)
    page.keyboard.press("/")
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=2 * SLOW_MACHINE_MS)
    page.locator(".md-search__input").fill("Korea")  # one query: typed letter by letter, a slow machine could draw
    # a prefix's results first, and "more" would be asked of them before the query's own replaced them
    items = page.locator(".md-search-result__item:not(.bx-search-more)")
    expect(items).to_have_count(10)
    total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    assert total > 10 and len(fragments) == 10  # excerpts of the first ten only
    page.get_by_role("button", name="Show more results").click()
    expect(items).to_have_count(min(20, total))
    assert len(fragments) == min(20, total)
    assert desktop.problems == []


def test_a_query_naming_an_entry_shows_its_page_first(desktop: Watched, pagefind_site: tuple[str, Path]) -> None:
    """Every name, expansion, Korean name and alias of every entry, answered from Pagefind."""
    from site_helpers import check_entries_come_first

    assert check_entries_come_first(desktop.page, pagefind_site[0]) == []
    assert desktop.problems == []


@pytest.mark.parametrize(("words", "expected"), [("조선일보", "washington-seoul"), ("단독행사", "glossary/opcon/")])
def test_korean_words_in_pages_are_found_by_pagefind(
    desktop: Watched, pagefind_site: tuple[str, Path], words: str, expected: str
) -> None:
    desktop.page.goto(pagefind_site[0])
    hrefs = search(desktop.page, words)
    assert any(expected in href for href in hrefs), hrefs
    assert desktop.problems == []


def test_a_site_split_into_several_indexes_answers_as_one(
    desktop: Watched, pagefind_site: tuple[str, Path], tmp_path: Path
) -> None:
    """Above `PAGES_PER_INDEX` pages the build makes several indexes, each from its share of the pages; the reader's
    browser merges them and a query finds what the one index finds."""
    url, site = pagefind_site
    split = tmp_path / "site"
    shutil.copytree(site, split)
    site_search.index_site(split, per_index=12)
    others = json.loads((split / "pagefind" / site_search.BUNDLES).read_text(encoding="utf-8"))
    assert len(others) >= 2 and all((split / folder / "pagefind-entry.json").is_file() for folder in others)
    assert json.loads((site / "pagefind" / site_search.BUNDLES).read_text(encoding="utf-8")) == []
    assert sorted(tmp_path.iterdir()) == [split], "a part's scratch folder was left"
    counted = 0
    for folder in ["pagefind/", *others]:
        entry = json.loads((split / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        counted += sum(language["page_count"] for language in entry["languages"].values())
    whole = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert counted == sum(language["page_count"] for language in whole["languages"].values())
    with served(split) as split_url:
        for words in ("Lawless", "Korea", "조선일보"):  # scores differ by index: the same pages, not the same order
            found = []
            for address in (url, split_url):
                desktop.page.goto(address)
                hrefs = search(desktop.page, words)
                total = desktop.page.locator(".md-search-result__meta").inner_text()
                found.append((total, sorted(hrefs) if len(hrefs) < 10 else len(hrefs)))
            assert found[0] == found[1], (words, found)
    assert desktop.problems == []


@pytest.fixture(scope="module")
def split_site(pagefind_site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test site with its index in parts of 12 pages, served."""
    split = tmp_path_factory.mktemp("split") / "site"
    shutil.copytree(pagefind_site[1], split)
    site_search.index_site(split, per_index=12)
    assert len(json.loads((split / "pagefind" / site_search.BUNDLES).read_text(encoding="utf-8"))) >= 2
    with served(split) as url:
        yield url


@pytest.mark.parametrize(
    ("dropped", "status"),
    [
        ("pagefind/pagefind.js", None),  # None: the request fails, as when the network is down
        ("pagefind/pagefind-entry.json", None),
        ("pagefind/bundles.json", None),
        ("pagefind/bundles.json", 503),
        ("pagefind-2/pagefind-entry.json", None),
    ],
)
def test_a_search_whose_index_failed_to_load_tries_again(
    desktop: Watched, split_site: str, dropped: str, status: int | None
) -> None:
    """While the network is down, loading Pagefind fails (its code, the first index, the list of the others, or
    one of those); once it is back, the next query loads it again, and every index's pages are found once."""
    page, offline, failed = desktop.page, [True], []
    box, meta = page.locator(".md-search__input"), page.locator(".md-search-result__meta")
    links = page.locator(".md-search-result__item a")

    def open_search() -> None:
        page.goto(split_site)
        page.keyboard.press("/")  # focusing the box loads Pagefind
        expect(meta).not_to_have_text("Initializing search", timeout=2 * SLOW_MACHINE_MS)

    def drop_while_offline(route: Route) -> None:
        if not offline[0]:
            route.continue_()
            return
        failed.append(route.request.url)
        if status:
            route.fulfill(status=status)
        else:
            route.abort("internetdisconnected")

    open_search()
    box.fill("Korea")  # one query, not its prefixes letter by letter
    expect(links).to_have_count(10)
    total, expected = meta.inner_text(), sorted(link.get_attribute("href") or "" for link in links.all())
    assert int(total.split()[0]) > 10 and len(set(expected)) == 10, (total, expected)
    page.route(re.compile(re.escape(urljoin(split_site, dropped)) + r"(\?.*)?$"), drop_while_offline)
    open_search()
    box.fill("Lawless")
    expect(meta).to_have_text("No matching documents")
    assert failed, "the dropped file was never asked for"
    problems = len(desktop.problems)  # so far, the dropped requests and what they made fail
    offline[0] = False
    box.fill("Korea")
    expect(meta).to_have_text(total)  # twice as many of one index's pages if it was merged again
    assert sorted(link.get_attribute("href") or "" for link in links.all()) == expected
    assert desktop.problems[problems:] == []
