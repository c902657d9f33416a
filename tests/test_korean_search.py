"""Korean nouns are found where they carry a particle (전작권을, 정책실장에), in both search engines (#23, point 7).

Neither engine cuts the particle off, and neither needs to: each matches a query word against the beginning of the
words it indexed. Material's search worker puts a trailing wildcard on every query word (`transform` in its
`integrations/search/query/transform`: "append a wildcard to every resulting term"), so 전작권 is asked as `전작권*`;
Pagefind extends every query word to the indexed words that begin with it (`find_word_extensions` in
pagefind_web/src/search.rs; the pinned 1.5.2 behaves so, as these tests show). These tests hold both engines to that, through their own code in Chromium, for every
noun + particle word of the archive's text: a change of engine, version or separator that lost it fails here.
"""

from __future__ import annotations

import html
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from korean_words import EVERY_PARTICLE, PARTICLES, korean_names, noun_particle_pairs, split_particle, with_particle
from playwright.sync_api import Browser, Page, expect
from site_helpers import build_site, copy_project
from test_browser import Watched, browser  # noqa: F401 - browser is a fixture
from test_pagefind import served

from build_tools.commands import search as site_search

KOREAN_ARTICLE = "synthetic-korean"
"""The one article the test adds to the real archive: the real articles and notes hold a single noun + particle
word (정책실장에, in a Korean source's title), so this one writes every particle onto every one-word Korean name
of the glossary and registers (전작권을, 연합사를, 주한미군에서...). Test text, not sentences anyone wrote."""


def write_korean_article(root: Path) -> None:
    words = [[with_particle(noun, forms) for forms in EVERY_PARTICLE] for noun in korean_names()]
    body = "\n\n".join(" ".join(paragraph) + "." for paragraph in words)
    front = (
        "---\ntitle: Synthetic Korean report\noutlet: Example Wire\npublished: 2006\nlanguage: ko\n"
        "summary: A synthetic article made for tests. Its words are the glossary's Korean names.\n"
        "tags: [opcon]\n---\n\n"
    )
    (root / "articles" / f"{KOREAN_ARTICLE}.md").write_text(front + body + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real archive and one Korean article, built with Material's index and indexed by Pagefind too."""
    root = copy_project(tmp_path_factory.mktemp("korean"), sources=True)
    write_korean_article(root)
    site = build_site(root)
    site_search.index_site(site)
    with served(site) as url:
        yield url, site


@pytest.fixture(scope="module")
def pairs(korean_site: tuple[str, Path]) -> list[tuple[str, str, str, str]]:
    return noun_particle_pairs(korean_site[1])


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Watched]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


MATERIAL = """async ({queries}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, base));
  const ask = (message) => new Promise((answer) => {
    worker.onmessage = (event) => answer(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const found = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query});
    found[query] = [...new Set(result.data.items.flat().map((item) => item.location.split("#")[0]))];
  }
  worker.terminate();
  return found;
}"""
"""Material's own search worker (the file its pages load), set up as its search box sets it up, with the site's
index, then asked each query as the box asks it: every page found, not only the ones the result list draws."""

PAGEFIND = """async ({queries}) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.map((result) => result.data()));
    found[query] = data.map((page) => page.url.replace(/^\\//, ""));
  }
  return found;
}"""
"""Pagefind's own JavaScript API, as docs/javascripts/pagefind-search.js asks it."""


def found(page: Page, script: str, url: str, queries: list[str]) -> dict[str, list[str]]:
    page.goto(url)
    return page.evaluate(script, {"queries": queries})


def misses(page: Page, script: str, url: str, pairs: list[tuple[str, str, str, str]], part: int) -> list[str]:
    """The pairs whose page a query for their `part` (2: the noun, 1: the whole word) does not find."""
    answers = found(page, script, url, sorted({pair[part] for pair in pairs}))
    return [f"{pair[part]} -> {pair[0]} ({pair[1]})" for pair in pairs if pair[0] not in answers[pair[part]]]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("전작권을", ("전작권", "을")), ("합참에서", ("합참", "에서")), ("한미연합사령부의", ("한미연합사령부", "의"))],
)
def test_a_particle_is_read_off_the_end_of_a_noun(word: str, expected: tuple[str, str]) -> None:
    assert split_particle(word) == expected


@pytest.mark.parametrize(
    ("noun", "forms", "expected"),
    [
        ("전작권", ("을", "를"), "전작권을"),
        ("연합사", ("을", "를"), "연합사를"),
        ("서울", ("은", "는"), "서울은"),
        ("서울", ("으로", "로"), "서울로"),  # after a final ㄹ, 로
        ("합참", ("으로", "로"), "합참으로"),
        ("합참", ("에서",), "합참에서"),
    ],
)
def test_a_noun_takes_the_form_of_a_particle_its_last_syllable_asks_for(
    noun: str, forms: tuple[str, ...], expected: str
) -> None:
    assert with_particle(noun, forms) == expected


@pytest.mark.parametrize("word", ["국가", "전작권", "연합사", "조선일보"])
def test_a_word_with_no_particle_is_left_whole(word: str) -> None:
    """국가 ends in 가, but 국 alone is no noun this reading takes; the others end in no particle at all."""
    assert split_particle(word) is None


@pytest.mark.browser  # the fixture builds the site, and the other tests drive it in headless Chromium
def test_the_archive_s_text_has_nouns_with_particles(pairs: list[tuple[str, str, str, str]]) -> None:
    """The list the engines are held to: the real sources' pair and the Korean article's, several particles."""
    assert ("people/kwon-an-do/", "정책실장에", "정책실장", "에") in pairs  # a Korean source's title, real
    assert {particle for *_, particle in pairs} == set(PARTICLES)
    assert {noun for _, _, noun, _ in pairs} >= set(korean_names()) >= {"전작권", "연합사", "주한미군"}


@pytest.mark.browser
@pytest.mark.parametrize(("script", "part"), [(MATERIAL, 2), (MATERIAL, 1), (PAGEFIND, 2), (PAGEFIND, 1)])
def test_each_noun_and_each_whole_word_finds_its_page(
    desktop: Watched, korean_site: tuple[str, Path], pairs: list[tuple[str, str, str, str]], script: str, part: int
) -> None:
    """A query for the noun alone (part 2) and for the word as written (part 1), in each engine."""
    assert len(pairs) >= 10
    assert misses(desktop.page, script, korean_site[0], pairs, part) == []
    assert desktop.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("script", [MATERIAL, PAGEFIND])
def test_a_noun_does_not_find_pages_without_it(desktop: Watched, korean_site: tuple[str, Path], script: str) -> None:
    """The match is on the beginning of a word: 정책실장 finds only the page whose source title has it, and an
    English query still finds its English pages, not the Korean article."""
    answers = found(desktop.page, script, korean_site[0], ["정책실장", "Lawless"])
    assert answers["정책실장"] == ["people/kwon-an-do/"]
    assert "people/richard-lawless/" in answers["Lawless"] and f"articles/{KOREAN_ARTICLE}/" not in answers["Lawless"]
    assert desktop.problems == []


@pytest.mark.browser
def test_the_search_box_shows_the_page_of_a_noun_written_with_a_particle(
    desktop: Watched, korean_site: tuple[str, Path]
) -> None:
    """What a reader sees: 정책실장 typed into Material's box (as an input method gives it) lists Kwon An-do's page,
    whose text has it only as 정책실장에, and marks the word."""
    page = desktop.page
    page.goto(korean_site[0])
    page.keyboard.press("/")
    box = page.locator(".md-search__input")
    box.fill("정책실장")
    box.dispatch_event("keyup")
    expect(page.locator(".md-search-result__item a[href*='people/kwon-an-do/']").first).to_be_visible()
    expect(page.locator(".md-search-result mark", has_text="정책실장에").first).to_be_visible()
    assert desktop.problems == []


SCALE_PAGES = 300
"""Pages of the scale test: enough English words that Pagefind writes its index in several chunks."""


def article_paragraphs() -> list[str]:
    """The paragraphs of the real articles' bodies."""
    bodies = [path.read_text(encoding="utf-8").split("\n---\n", 1)[1] for path in sorted(REPO.glob("articles/*.md"))]
    return [paragraph for body in bodies for paragraph in body.split("\n\n") if paragraph.strip()]


def write_scale_site(site: Path) -> Counter[str]:
    """`SCALE_PAGES` pages, each of five paragraphs of the real articles and one Korean paragraph in which two of
    the archive's Korean names stand only with particles, and an empty home page; how many pages hold each name."""
    english = article_paragraphs()
    held: Counter[str] = Counter()
    for number in range(SCALE_PAGES):
        rng = random.Random(number)
        names = rng.sample(korean_names(), 2)
        held.update(names)
        korean = " ".join(with_particle(rng.choice(names), rng.choice(EVERY_PARTICLE)) for _ in range(60))
        body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in rng.sample(english, 5))
        page = site / f"page-{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="en"><body><article class="md-content__inner"><h1>Page {number}</h1>{body}<p>{korean}</p>'
            "</article></body></html>",
            encoding="utf-8",
        )
    (site / "index.html").write_text('<html><head><link rel="icon" href="data:,"></head></html>', encoding="utf-8")
    return held


PAGEFIND_COUNTS = """async ({queries}) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  const found = {};
  for (const query of queries) found[query] = (await pagefind.search(query)).results.length;
  return found;
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_pagefind_finds_every_page_of_a_noun_when_its_index_has_many_chunks(desktop: Watched, tmp_path: Path) -> None:
    """Pagefind fetches, for each query word, the one chunk of its index whose range holds the word: the forms of a
    noun with particles (연합사가 ... 연합사를) must all be reached from it, however many pages the site has."""
    site = tmp_path / "site"
    held = write_scale_site(site)
    site_search.index_site(site)
    assert len(list((site / "pagefind" / "index").iterdir())) > 1  # else no chunk boundary is tested
    with served(site) as url:
        desktop.page.goto(url)
        counts = desktop.page.evaluate(PAGEFIND_COUNTS, {"queries": sorted(held)})
    assert counts == dict(held)
    assert desktop.problems == []
