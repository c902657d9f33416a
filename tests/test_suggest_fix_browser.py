""" "Suggest a note" and the passage panel after the hostile review (issue 23, point 5): quotes counted over every
block the build counts (list items too), the context found in bounded work, addresses without the query string,
focus after closing the panel, a triple-click. In headless Chromium, on the real archive built knowing its
repository, with one list appended to the VOA article."""

# ruff: noqa: F811 - the fixtures imported from test_suggest_browser are redefined as arguments

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from site_helpers import served_site
from test_browser import VOA, Watched
from test_suggest_browser import (  # noqa: F401 - browser and desktop are fixtures
    REPO_URL,
    VOA_NOTES,
    _project,
    accepted,
    browser,
    desktop,
    select,
    selectors,
    suggested,
)

pytestmark = pytest.mark.browser

VOA_FILE = "articles/us-south-korea-discuss-changes-in-military-relationship.md"
VOA_SLUG = "us-south-korea-discuss-changes-in-military-relationship"
LIST = "\n- Six-party talks: multi-nation negotiations in Beijing\n- It has refused to give up\n"
"""The list item the review appended, and one more: the words of each occur in a paragraph too (the first's in a
note), and the build counts both blocks."""
WORDS = "multi-nation negotiations"
REFUSED = "refused to give up"
PAST = "p-in-the-past-three-526b27ab"


def _listed(root: Path) -> Path:
    """The archive with the review's list item at the end of the VOA article."""
    project = _project(root)
    path = project / VOA_FILE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + LIST, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def listed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_site(tmp_path_factory.mktemp("listed"), _listed, REPO_URL=REPO_URL) as url:
        yield url


def _paragraph_with(page, words: str) -> str:
    return page.eval_on_selector_all(
        'article p[id^="p-"]', "(ps, words) => ps.filter(p => p.textContent.includes(words)).map(p => p.id)", words
    )


def test_words_also_in_a_list_item_get_the_context_check_needs(
    listed_url: str, desktop: Watched, tmp_path: Path
) -> None:
    """Words that occur in a paragraph and in a tight list item (which has no passage id): selected in the
    paragraph, the entry has the context that tells them apart (the script counted paragraphs only, and gave
    none: check refused it, "occurs 2 times"); selected in the item, it is offered too. Check accepts both."""
    page = desktop.page
    page.goto(listed_url + VOA)
    (paragraph,) = _paragraph_with(page, REFUSED)
    assert select(page, paragraph, "refused", "up") == REFUSED
    entry = suggested(page, paragraph)["entry"]
    assert f'quote: "{REFUSED}"' in entry
    assert 'prefix: "and has"' in entry, entry  # "has" alone is before it in the item too
    quote, place = selectors(accepted(tmp_path / "paragraph", VOA_NOTES, entry, VOA_SLUG, _listed))
    assert (quote["exact"], place["value"]) == (REFUSED, f"#{paragraph}")
    item = page.locator("article li[data-bx-block]").filter(has_text="Six-party talks: multi-nation")
    expect(item).to_have_count(1)
    item.evaluate(
        """(li, words) => {
          const node = [...li.childNodes].find((n) => n.nodeType === 3 && n.data.includes(words));
          const range = document.createRange();
          range.setStart(node, node.data.indexOf(words));
          range.setEnd(node, node.data.indexOf(words) + words.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        WORDS,
    )
    expect(page.locator(".bx-suggest a")).to_have_attribute("href", re.compile("multi-nation"))
    fields = suggested_anywhere(page)
    assert fields["passage"] == listed_url + VOA  # a list item has no passage id: the page's address
    assert f'quote: "{WORDS}"' in fields["entry"] and 'prefix: ":"' in fields["entry"], fields["entry"]
    item_note = accepted(tmp_path / "item", VOA_NOTES, fields["entry"], VOA_SLUG, _listed)
    exact = next(s for s in item_note["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert exact["exact"] == WORDS and exact["suffix"].startswith(" in Beijing")
    assert not desktop.problems


def suggested_anywhere(page) -> dict[str, str]:
    """The fields of the link shown now, wherever its words are (`suggested` waits for a paragraph's)."""
    address = urlsplit(page.locator(".bx-suggest a").get_attribute("href") or "")
    return {name: values[0] for name, values in parse_qs(address.query, keep_blank_values=True).items()}


CONTEXT = """([texts, block, quote, nth]) => {
  let at = -1;
  for (let i = 0; i < nth; i++) at = texts[block].indexOf(quote, at + 1);
  const found = window.bxSuggest.context(texts, block, at, at + quote.length);
  return [texts[block].slice(found.before, at), texts[block].slice(at + quote.length, found.after), found.unique,
          found.places, found.work.steps];
}"""


@pytest.mark.parametrize(
    ("texts", "block", "quote", "nth", "prefix", "suffix", "unique"),
    [
        (["senior South Korean defense officials say x, other defense officials say"], 0, "defense officials say", 2,
         "other ", "", True),
        (["a war b", "c war b"], 0, "war", 1, "a ", "", True),  # another block: counted as check counts
        (["warfare war"], 0, "war", 2, "", "", True),  # "war" in "warfare" is no place: whole words
        (["x ha ha ha"], 0, "ha ha", 1, "x ", "", True),  # places that overlap count apart
        (["said: beta x", "said:beta y"], 0, "beta", 1, "said: ", " x", True),  # joined with or without a space
        (["said: beta x", "said:beta x"], 0, "beta", 1, "said: ", " x", False),  # the same around it: refused
        (["a b war", "b war"], 1, "war", 1, "b ", "", False),  # the block's start: no more words before it
    ],
)  # fmt: skip
def test_the_context_is_what_check_needs(
    listed_url: str, desktop: Watched, texts: list[str], block: int, quote: str, nth: int, prefix: str, suffix: str,
    unique: bool,
) -> None:  # fmt: skip
    page = desktop.page
    page.goto(listed_url + VOA)
    found = page.evaluate(CONTEXT, [texts, block, quote, nth])
    assert found[:3] == [prefix, suffix, unique]


def test_the_context_costs_work_linear_in_the_article(listed_url: str, desktop: Watched) -> None:
    """The review's 1 MB article (200 paragraphs of "war war ...", one "war" to tell apart): the context is
    found with work (characters read, counted by the function) a few times the article's length, not the places
    times the context's length: no freeze, whatever the machine."""
    page = desktop.page
    page.goto(listed_url + VOA)
    found = page.evaluate(
        """() => {
          const texts = Array.from({ length: 200 }, () => Array(1250).fill("war").join(" "));
          texts[100] += " end";
          const at = texts[100].length - 7;
          const found = window.bxSuggest.context(texts, 100, at, at + 3);
          return [texts.join("").length, found.places, found.work.steps, found.unique,
                  texts[100].slice(found.after - 4, found.after)];
        }"""
    )
    length, places, work, unique, last = found
    assert places == 250_000 and unique and last == " end"  # the one "war" before "end"
    assert work <= 8 * length, f"{work:,} steps for {length:,} characters"


def test_addresses_leave_out_a_search_query(listed_url: str, desktop: Watched) -> None:
    """Opened from a search result (`?h=nuclear`, which Material highlights in the text): the passage panel's
    citation and the suggested entry's passage are the page's published address and the paragraph's id."""
    page = desktop.page
    page.goto(listed_url + VOA)
    (paragraph,) = _paragraph_with(page, "has nuclear weapons")
    page.goto(f"{listed_url}{VOA}?h=nuclear#{paragraph}")
    expect(page.locator("mark[data-md-highlight]").first).to_be_attached()  # the search's words are marked
    citation = page.locator(".bx-passage-panel pre code").first
    expect(citation).to_contain_text(f"{listed_url}{VOA}#{paragraph}")
    assert "?h=" not in (citation.text_content() or "")
    assert select(page, paragraph, "has", "weapons") == "has nuclear weapons"  # across a search's mark: offered
    fields = suggested(page, paragraph)
    assert fields["passage"] == f"{listed_url}{VOA}#{paragraph}"
    assert "?h=" not in fields["entry"]
    assert not desktop.problems


def test_closing_the_panel_gives_focus_to_its_own_passage_link(listed_url: str, desktop: Watched) -> None:
    """The passage panel is open; a note of the same paragraph is opened (it goes between the paragraph and the
    panel); Escape in the panel gives focus back to that paragraph's ¶, not to the page."""
    page = desktop.page
    page.goto(f"{listed_url}{VOA}#{PAST}")
    panel = page.locator(".bx-passage-panel")
    expect(panel).to_be_visible()
    page.locator(f"#{PAST} a.bx-note-ref").first.click()
    expect(page.locator(".bx-note-panel")).to_have_count(1)
    assert page.evaluate(f"() => document.getElementById('{PAST}').nextElementSibling.className") == "bx-note-panel"
    panel.focus()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    focused = page.evaluate(
        "() => [document.activeElement.classList.contains('bx-passage-link'), document.activeElement.parentElement.id]"
    )
    assert focused == [True, PAST]
    assert not desktop.problems


def test_a_triple_click_suggests_the_paragraph_it_selects(listed_url: str, desktop: Watched, tmp_path: Path) -> None:
    """A triple-click selects a whole paragraph, up to the start of the next: the words suggested are that
    paragraph's, and check accepts them."""
    page = desktop.page
    page.goto(listed_url + VOA)
    paragraph = page.locator("article p[id^='p-if-war-ever-comes']")
    paragraph.click(click_count=3, position={"x": 20, "y": 5})
    ends = page.evaluate(
        "(p) => !document.getElementById(p).contains(getSelection().getRangeAt(0).endContainer)",
        paragraph.get_attribute("id"),
    )
    assert ends  # the selection runs past the paragraph, as a triple-click's does
    pid = paragraph.get_attribute("id") or ""
    fields = suggested(page, pid)
    words = " ".join((paragraph.text_content() or "").split())
    assert f'quote: "{words}"' in fields["entry"]
    quote, place = selectors(accepted(tmp_path, VOA_NOTES, fields["entry"], VOA_SLUG))
    assert (quote["exact"], place["value"]) == (words, f"#{pid}")
    assert not desktop.problems
