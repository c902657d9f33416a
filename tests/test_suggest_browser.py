""" "Suggest a note" in a real browser: the entry it makes, once its placeholders are filled, is accepted by
`check` and anchored to the selected words.

Words are selected in headless Chromium with a Range over the paragraph's text nodes, as a reader's mouse,
keyboard or finger does; the entry is read from the link's address (the `entry` field of the issue form),
appended to a copy of the article's notes file: `check` refuses it as it comes, naming each placeholder
(note, author, source title and address) at its line; with them replaced, as a contributor does, the copy
is checked and generated: the note's W3C Web Annotation then quotes exactly the selected words, in the
selected paragraph, at the selected place.
"""

# ruff: noqa: F811 - the fixtures imported from test_browser are redefined as arguments
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from site_helpers import copy_project, served_site
from test_browser import (  # noqa: F401 - browser, desktop and phone are fixtures
    PHONE,
    VOA,
    Watched,
    browser,
    desktop,
    phone,
    serious_violations,
)

pytestmark = pytest.mark.browser

REPO_URL = "https://github.com/example-owner/briefing-archive"
"""A repository address for the test build: GitHub is never asked (the test reads the link, it does not follow it)."""
VOA_NOTES = "articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml"
HOSTILE = "articles/hostile-words/"
HOSTILE_ARTICLE = """\
---
title: Hostile words
outlet: Test Outlet
published: 2006-03
language: en
tags: [opcon]
summary: A test article whose words are hard to quote in YAML and in an address.
---

The spokesman said: "#1 {priority} is 'readiness' & \\ nothing else": a colon, a hash # and braces {here}.

Another paragraph says "#1 {priority}" again, and plainly.
"""


def _project(root: Path) -> Path:
    """A copy of the real archive, with one more article whose words are hostile to YAML and addresses."""
    project = copy_project(root, sources=True)
    (project / "articles/hostile-words.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def suggest_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The archive (and the hostile article) built knowing its repository, served over HTTP."""
    with served_site(tmp_path_factory.mktemp("suggest"), _project, REPO_URL=REPO_URL) as url:
        yield url


SELECT = """([paragraph, first, last, nth]) => {
  // Select from the `nth` occurrence of `first` to the end of the first `last` after it, in the paragraph's
  // text nodes (a Range, as a reader's selection is); gives the selected words and where they start.
  const p = document.getElementById(paragraph);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  let seen = 0, range = document.createRange(), started = false;
  for (const node of nodes) {
    if (!started) {
      let at = -1;
      while ((at = node.data.indexOf(first, at + 1)) >= 0) if (++seen === nth) break;
      if (at < 0) continue;
      range.setStart(node, at);
      started = true;
      const end = node.data.indexOf(last, at);
      if (end >= 0) { range.setEnd(node, end + last.length); break; }
    } else {
      const end = node.data.indexOf(last);
      if (end >= 0) { range.setEnd(node, end + last.length); break; }
    }
  }
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return range.toString();
}"""


def select(page: Page, paragraph: str, first: str, last: str, nth: int = 1) -> str:
    return page.evaluate(SELECT, [paragraph, first, last, nth])


def suggested(page: Page, paragraph: str) -> dict[str, str]:
    """The issue form's fields that the "Suggest a note" link for words of `paragraph` prefills, decoded from its
    address (waiting for the link of this selection, not one shown for an earlier one)."""
    link = page.locator(".bx-suggest a")
    expect(link).to_have_attribute("href", re.compile(rf"[?&]passage=[^&]*%23{re.escape(paragraph)}(&|$)"))
    expect(link).to_have_text("Suggest a note")
    address = urlsplit(link.get_attribute("href") or "")
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO_URL}/issues/new"
    fields = {name: values[0] for name, values in parse_qs(address.query, keep_blank_values=True).items()}
    assert fields["template"] == "suggest-note.yml"
    return fields


def _id(entry: str) -> str:
    line = next(line for line in entry.splitlines() if line.strip().startswith("- id:"))
    return json.loads(line.split(":", 1)[1])  # a YAML double-quoted id is a JSON string too


PLACEHOLDERS = ("note", "author", "title", "url")
"""The entry's fields a contributor fills in: as it comes, `check` refuses each of them."""
FILLED = {
    "note": '"Written by the contributor, with *Markdown*."',
    "author": '"octocat"',
    "title": '"A source that says so (the contributor\'s)"',
    "url": '"https://www.example.com/the-source"',
}
"""What a contributor writes in their place (the values, as YAML)."""


def filled(entry: str) -> str:
    """The entry with the placeholders' values replaced, line by line, as a contributor edits the pasted text."""
    lines = []
    for line in entry.splitlines():
        key = line.strip().removeprefix("- ").split(":", 1)[0]
        if key in FILLED and line.split(":", 1)[1].strip().startswith('"'):
            line = line.split(":", 1)[0] + ": " + FILLED[key]
        lines.append(line)
    return "\n".join(lines) + "\n"


def _run(project: Path, command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "REPO_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "build_tools", command], cwd=project, env=env, capture_output=True, text=True
    )


def accepted(tmp_path: Path, notes: str, entry: str, slug: str, make: Callable[[Path], Path] | None = None) -> dict:
    """Append `entry` to a copy's notes file (made if missing): `check` refuses it, naming each placeholder at its
    line; filled in (`filled`), it is checked and generated: the new note's Web Annotation. Fails with `check`'s
    report if the filled entry is refused. `make` makes the copy (`_project` by default)."""
    project = (make or _project)(tmp_path / "project")
    path = project / notes
    before = path.read_text(encoding="utf-8") if path.exists() else "annotations:\n"
    path.write_text(before.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    refused = _run(project, "check")
    first = len((before.rstrip("\n") + "\n\n").splitlines()) + 1
    lines = {
        key: first + number
        for number, line in enumerate(entry.splitlines())
        if (key := line.strip().removeprefix("- ").split(":", 1)[0]) in PLACEHOLDERS
    }
    report = refused.stdout + refused.stderr
    assert refused.returncode == 1, report
    problems = [line for line in report.splitlines() if line.startswith(notes)]
    assert sorted(int(line.split(":")[1]) for line in problems) == sorted(lines.values()), report
    assert all("is a placeholder, still to replace" in line for line in problems), report
    path.write_text(before.rstrip("\n") + "\n\n" + filled(entry), encoding="utf-8")
    for command in ("check", "build"):
        done = _run(project, command)
        assert done.returncode == 0, f"`{command}` refused the filled entry:\n{done.stdout}{done.stderr}\n{entry}"
    collection = json.loads((project / f"docs/annotations/{slug}.jsonld").read_text(encoding="utf-8"))
    wanted = _id(entry)
    (item,) = [item for item in collection["first"]["items"] if item["id"].endswith(f"/notes/{wanted}")]
    return item


def selectors(item: dict) -> tuple[dict, dict]:
    quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    place = next(s for s in item["target"]["selector"] if s["type"] == "CssSelector")
    return quote, place


def offset_in_paragraph(page: Page, paragraph: str) -> int:
    """Where the selection starts in the paragraph's text, as the position selectors count it (¶ links left
    out; a note marker counts with the text it has in the page)."""
    return page.evaluate(
        """(paragraph) => {
          const selected = getSelection().getRangeAt(0);
          const range = document.createRange();
          range.setStart(document.getElementById(paragraph), 0);
          range.setEnd(selected.startContainer, selected.startOffset);
          const copy = document.createElement("div");
          copy.appendChild(range.cloneContents());
          copy.querySelectorAll(".bx-passage-link").forEach((e) => e.remove());
          return copy.textContent.length;
        }""",
        paragraph,
    )


PAST = "p-in-the-past-three-526b27ab"
TWICE = "p-south-korean-defense-officials-41b11ace"


def test_words_across_a_glossary_link_next_to_a_marker(suggest_url: str, desktop: Watched, tmp_path: Path) -> None:
    """From the word after note 1's marker to the end of the "Demilitarized Zone" glossary link."""
    page = desktop.page
    page.goto(suggest_url + VOA)
    words = select(page, PAST, "involved", "Zone")
    assert words == "involved in the country's defense, including patrolling the heavily fortified Demilitarized Zone"
    fields = suggested(page, PAST)
    assert fields["notes-file"] == VOA_NOTES
    assert fields["passage"] == f"{suggest_url}{VOA}#{PAST}"
    assert f'quote: "{words}"' in fields["entry"]
    assert "prefix:" not in fields["entry"] and "suffix:" not in fields["entry"]
    item = accepted(tmp_path, VOA_NOTES, fields["entry"], "us-south-korea-discuss-changes-in-military-relationship")
    quote, place = selectors(item)
    assert quote["exact"] == words
    assert place["value"] == f"#{PAST}"
    assert place["refinedBy"]["start"] == offset_in_paragraph(page, PAST)
    assert not desktop.problems


def test_words_that_occur_twice_get_context(suggest_url: str, desktop: Watched, tmp_path: Path) -> None:
    """ "defense officials say" occurs twice in one paragraph of the VOA article: the entry picks the second."""
    page = desktop.page
    page.goto(suggest_url + VOA)
    text = page.locator(f"#{TWICE}").text_content() or ""
    assert text.count("defense officials say") == 2
    words = select(page, TWICE, "defense officials say", "say", nth=2)
    assert words == "defense officials say"
    entry = suggested(page, TWICE)["entry"]
    assert f'quote: "{words}"' in entry
    assert 'prefix: "senior South Korean"' in entry  # the shortest context that is unique
    item = accepted(tmp_path, VOA_NOTES, entry, "us-south-korea-discuss-changes-in-military-relationship")
    quote, place = selectors(item)
    assert quote["exact"] == words
    assert place["value"] == f"#{TWICE}"
    assert place["refinedBy"]["start"] == offset_in_paragraph(page, TWICE)
    assert place["refinedBy"]["start"] > text.index("defense officials say")  # the second, not the first
    assert not desktop.problems


def test_hostile_words_round_trip(suggest_url: str, desktop: Watched, tmp_path: Path) -> None:
    """Quotes, colons, `#`, braces, a backslash and `&`: escaped in YAML and in the address, read back the same."""
    page = desktop.page
    page.goto(suggest_url + HOSTILE)
    paragraph = page.eval_on_selector('article p[id^="p-"]', "p => p.id")
    words = select(page, paragraph, '"#1', "{here}")
    assert words == "\"#1 {priority} is 'readiness' & \\ nothing else\": a colon, a hash # and braces {here}"
    entry = suggested(page, paragraph)["entry"]
    item = accepted(tmp_path, "articles/hostile-words.annotations.yml", entry, "hostile-words")
    quote, place = selectors(item)
    assert quote["exact"] == words
    assert place["value"] == f"#{paragraph}"
    second = page.eval_on_selector_all('article p[id^="p-"]', "ps => ps[1].id")
    words = select(page, second, "#1", "}")  # `#1 {priority}` is in both paragraphs: a prefix with a quote mark
    assert words == "#1 {priority}"
    entry = suggested(page, second)["entry"]
    assert 'prefix: "says \\""' in entry
    item = accepted(tmp_path / "again", "articles/hostile-words.annotations.yml", entry, "hostile-words")
    quote, place = selectors(item)
    assert (quote["exact"], place["value"]) == (words, f"#{second}")
    assert not desktop.problems


def test_a_phone_selection_shows_a_large_enough_target(suggest_url: str, phone: Watched) -> None:
    """Touch selection (selectionchange) shows the link too, with a target of at least 44 × 44 px."""
    page = phone.page
    page.goto(suggest_url + VOA)
    select(page, PAST, "seven", "defense")  # runs into note 1's words: refused with a reason, no link
    expect(page.locator(".bx-suggest")).to_contain_text("overlap a note")
    expect(page.locator(".bx-suggest a")).to_have_count(0)
    select(page, PAST, "heavily", "fortified")
    link = page.locator(".bx-suggest a")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    page.keyboard.press("Escape")
    expect(page.locator(".bx-suggest")).to_have_count(0)
    assert not phone.problems


def test_the_link_is_reached_by_keyboard(suggest_url: str, desktop: Watched) -> None:
    """After selecting with the keyboard, Tab reaches "Suggest a note" (it follows the paragraph)."""
    page = desktop.page
    page.goto(suggest_url + VOA)
    select(page, "p-if-war-ever-comes-73cb614e", "command", "troops")
    expect(page.locator(".bx-suggest a")).to_be_visible()
    page.locator(f"#{'p-if-war-ever-comes-73cb614e'}").evaluate("p => p.lastElementChild && p.lastElementChild.focus()")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('.bx-suggest') !== null"):
            break
    assert page.evaluate("() => document.activeElement.textContent") == "Suggest a note"
    assert not desktop.problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_and_suggestion_are_accessible(suggest_url: str, browser: Browser, scheme: str) -> None:
    """The page's source links and a shown suggestion: no serious axe violation in either colour scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(suggest_url + VOA)
        expect(page.locator(".bx-source-links a")).to_have_count(3)  # the article, its notes, report
        select(page, PAST, "heavily", "fortified")
        expect(page.locator(".bx-suggest a")).to_be_visible()
        assert serious_violations(page) == []
    finally:
        context.close()
