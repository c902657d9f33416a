"""`make serve` (`python -m build_tools serve`): the edit-driven preview, run on a copy of the project.

One preview serves the whole module (its first build is the slow part); each test waits for the rebuilds its own
edits set off, and leaves the sources as it found them."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_helpers import copy_project

pytestmark = pytest.mark.slow  # whole builds: left out of make test-fast

SLUG = "us-south-korea-discuss-changes-in-military-relationship"
NOTES = f"articles/{SLUG}.annotations.yml"
PAGE = f"articles/{SLUG}/"
VISIBLE = "Visible in "
PROBLEMS = "archive-preview-problems"


class Preview:
    """A running `python -m build_tools serve` on a copy of the project, with its log."""

    def __init__(self, root: Path, scratch: Path | None = None, **extra_env: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.root, self.log = root, root / "preview.log"
        command = [sys.executable, "-m", "build_tools", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"TMPDIR": str(scratch)} if scratch else {}), **extra_env}
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, words: str, count: int, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while self.text().count(words) < count:
            assert self.process.poll() is None, f"the preview exited:\n{self.text()}"
            assert time.monotonic() < deadline, f"no {words!r} #{count} within {timeout} s:\n{self.text()}"
            time.sleep(0.05)
        return self.text()

    def save(self, rel: str, text: str) -> str:
        """Save `text` as an editor does (a new file renamed over the old), and return what the log says of the
        rebuild it set off, once the result is visible (or its problems shown)."""
        before = len(self.text())
        done = self.text().count(VISIBLE) + self.text().count("still shows the last good site")
        path = self.root / rel
        spare = path.with_name(f".{path.name}.swp")
        spare.write_text(text, encoding="utf-8")
        spare.replace(path)
        deadline = time.monotonic() + 60
        while self.text().count(VISIBLE) + self.text().count("still shows the last good site") <= done:
            assert self.process.poll() is None, f"the preview exited:\n{self.text()}"
            assert time.monotonic() < deadline, f"no rebuild after saving {rel}:\n{self.text()}"
            time.sleep(0.05)
        time.sleep(0.2)  # the rest of a problem's lines
        return self.text()[before:]

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as response:
            return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    folder = tmp_path_factory.mktemp("preview")
    (folder / "scratch").mkdir()
    running = Preview(copy_project(folder / "repo", sources=True), folder / "scratch")
    try:
        running.wait_for("Serving on", 1, timeout=300)
        yield running
    finally:
        running.process.terminate()  # SIGTERM: stops as Ctrl-C does
        running.process.wait(timeout=30)
    assert not list((folder / "scratch").iterdir()), "the preview left its served folders behind"


def _epoch(page: str) -> int:
    """The site version the live-reload script of a served page knows."""
    return int(re.search(r"livereload\((\d+),", page).group(1))


def test_an_edited_note_rebuilds_only_its_pages_and_reloads_the_browser(preview: Preview) -> None:
    page = preview.get(PAGE)
    reloaded: list[str] = []
    poll = f"livereload/{_epoch(page)}/1"  # what the page's script asks; answered when the site changes
    waiting = threading.Thread(target=lambda: reloaded.append(preview.get(poll)))
    waiting.start()
    notes = (preview.root / NOTES).read_text(encoding="utf-8")
    edited = notes.replace("These are the ten military missions", "An edited note, seen at once: the ten missions")
    assert edited != notes
    line = preview.save(NOTES, edited)
    # the article's page, its notes as Web Annotations, and the dataset's four files holding every note
    assert "6 pages rebuilt" in line, preview.text()
    assert "whole site" not in preview.text().split("Serving on", 1)[1]
    assert "An edited note, seen at once" in preview.get(PAGE)
    waiting.join(timeout=30)
    assert reloaded and int(reloaded[0]) > _epoch(page), "the browser was not told to reload"
    assert "Plan 5029" in preview.get("glossary/plan-5029/")  # untouched pages are still served
    deadline = time.monotonic() + 30  # search data follows once the page is shown
    while "An edited note, seen at once" not in preview.get("search/search_index.json"):
        assert time.monotonic() < deadline, "the search index was not refreshed"
        time.sleep(0.1)
    index = json.loads(preview.get("search/search_index.json"))["docs"]
    assert len({entry["location"] for entry in index}) == len(index), "a rebuilt page's entries are doubled"
    preview.save(NOTES, notes)


def test_the_home_page_shows_an_edited_summary_of_a_newest_article(preview: Preview) -> None:
    """The home page lists the newest articles from the archive index's front matter: it is rebuilt with it."""
    rel = "articles/us-south-korea-discuss-changes-in-military-relationship.md"
    text = (preview.root / rel).read_text(encoding="utf-8")
    edited = text.replace("Voice of America reports on talks in Seoul", "An edited summary: talks in Seoul", 1)
    assert edited != text
    preview.save(rel, edited)
    assert "An edited summary: talks in Seoul" in preview.get("")
    assert "whole site" not in preview.text().split("Serving on", 1)[1]
    preview.save(rel, text)
    assert "Voice of America reports on talks in Seoul" in preview.get("")


def test_a_broken_source_shows_its_problems_over_the_last_good_site(preview: Preview) -> None:
    glossary = (preview.root / "glossary.yml").read_text(encoding="utf-8")
    broken = glossary + '\n  - id: "<script>alert(1)</script>\n'  # an unclosed quote, and markup in it
    line = preview.save("glossary.yml", broken)
    assert "still shows the last good site" in line
    page = preview.get(PAGE)  # served at once, not held until a build succeeds
    assert PROBLEMS in page and "glossary.yml:" in page
    box = page[page.index(PROBLEMS) : page.index("</div>", page.index(PROBLEMS))]
    assert "<script>alert" not in box
    assert "US, South Korea" in page or "South Korea" in page  # the last good page under the box
    with pytest.raises(urllib.error.HTTPError) as missing:
        preview.get("no-such-page/")
    assert PROBLEMS in missing.value.read().decode("utf-8")  # the problems on the 404 page too
    assert "Visible in" in preview.save("glossary.yml", glossary)
    assert PROBLEMS not in preview.get(PAGE)


BRIEFING = "briefings/opcon-transfer-2006-2017.md"


def test_an_edited_briefing_is_shown_and_an_article_edit_that_breaks_its_quotation_is_a_problem(
    preview: Preview,
) -> None:
    text = (preview.root / BRIEFING).read_text(encoding="utf-8")
    edited = text.replace("Three threads run through this record.", "Three threads, edited, run through this record.")
    edited = edited.replace("summary: >-\n  How the plan", "summary: >-\n  An edited summary. How the plan")
    assert edited.count("edited") == 2
    assert "Visible" in preview.save(BRIEFING, edited)
    assert "Three threads, edited, run through" in preview.get("briefings/opcon-transfer-2006-2017/")
    assert "An edited summary. How the plan" in preview.get("")  # the home page lists the briefings
    preview.save(BRIEFING, text)
    rel = f"articles/{SLUG}.md"
    article = (preview.root / rel).read_text(encoding="utf-8")
    broken = article.replace(
        "Seoul regained peacetime control of its military in 1994", "Seoul regained control in 1994"
    )
    line = preview.save(rel, broken)
    assert "still shows the last good site" in line
    assert f"{BRIEFING}:" in line and "quotation “Seoul regained peacetime control" in line
    assert "Visible" in preview.save(rel, article)
    assert PROBLEMS not in preview.get("briefings/opcon-transfer-2006-2017/")


def test_a_new_article_is_built_with_the_whole_site(preview: Preview) -> None:
    source = (preview.root / f"articles/{SLUG}.md").read_text(encoding="utf-8")
    copy = source.replace(SLUG, "a-copy-for-the-preview")
    line = preview.save("articles/a-copy-for-the-preview.md", copy)
    assert "the whole site" in line, preview.text()
    assert "Visible" in line
    assert preview.get("articles/a-copy-for-the-preview/")
    whole = preview.text().count("the whole site")
    (preview.root / "articles/a-copy-for-the-preview.md").unlink()
    preview.wait_for("the whole site", whole + 1)
    with pytest.raises(urllib.error.HTTPError):
        preview.get("articles/a-copy-for-the-preview/")


def test_articles_removed_and_made_again_are_still_watched(preview: Preview) -> None:
    """articles/ moved away and made again (a branch switch can do it): its watch went with the old folder, and
    the listing the preview keeps must follow the new one: an article added afterwards is shown."""
    articles = preview.root / "articles"
    shown = preview.text().count(VISIBLE)
    articles.rename(preview.root / "articles-moved")
    articles.mkdir()
    for path in sorted((preview.root / "articles-moved").iterdir()):
        path.rename(articles / path.name)
    (preview.root / "articles-moved").rmdir()
    preview.wait_for(VISIBLE, shown + 1)  # the move seen (the same articles: nothing may have changed)
    time.sleep(1)  # the rest of the move's events
    source = (articles / f"{SLUG}.md").read_text(encoding="utf-8")
    line = preview.save("articles/added-after-the-move.md", source.replace(SLUG, "added-after-the-move"))
    assert "the whole site" in line, preview.text()
    assert preview.get("articles/added-after-the-move/")
    whole = preview.text().count("the whole site")
    (articles / "added-after-the-move.md").unlink()
    preview.wait_for("the whole site", whole + 1)


def test_a_hand_written_page_is_rebuilt_alone(preview: Preview) -> None:
    about = (preview.root / "docs/about.md").read_text(encoding="utf-8")
    line = preview.save("docs/about.md", about + "\nA sentence added while previewing.\n")
    assert "1 page rebuilt" in line, preview.text()
    assert "A sentence added while previewing." in preview.get("about/")
    assert about.startswith("---\n")  # its front matter: a page left out of search from now on
    preview.save("docs/about.md", about.replace("---\n", "---\nsearch:\n  exclude: true\n", 1))
    deadline = time.monotonic() + 30
    while any(entry["location"].startswith("about/") for entry in _search_entries(preview)):
        assert time.monotonic() < deadline, "the excluded page's old entries stayed in the search index"
        time.sleep(0.1)
    preview.save("docs/about.md", about)


def _search_entries(preview: Preview) -> list[dict]:
    return json.loads(preview.get("search/search_index.json"))["docs"]


def test_a_preview_started_on_a_broken_source_shows_its_problems_until_fixed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo", sources=True)
    glossary = (root / "glossary.yml").read_text(encoding="utf-8")
    (root / "glossary.yml").write_text(glossary + "\n  - id: [\n", encoding="utf-8")
    started = Preview(root)
    try:
        started.wait_for("has no site to show yet", 1, timeout=300)
        started.wait_for("Serving on", 1)
        with pytest.raises(urllib.error.HTTPError) as missing:
            started.get(PAGE)
        assert PROBLEMS in missing.value.read().decode("utf-8")
        assert "the whole site" in started.save("glossary.yml", glossary)
        assert PROBLEMS not in started.get(PAGE)
    finally:
        started.process.terminate()
        started.process.wait(timeout=30)


def test_a_failed_batch_stays_part_of_the_next_until_it_succeeds(preview: Preview) -> None:
    glossary = (preview.root / "glossary.yml").read_text(encoding="utf-8")
    assert "still shows the last good site" in preview.save("glossary.yml", glossary + "\n  - id: [\n")
    about = (preview.root / "docs/about.md").read_text(encoding="utf-8")
    assert "still shows the last good site" in preview.save("docs/about.md", about + "\nAnother sentence.\n")
    assert PROBLEMS in preview.get("about/")  # the glossary is still broken: its problems stay shown
    assert "Visible in" in preview.save("glossary.yml", glossary)
    page = preview.get("about/")
    assert PROBLEMS not in page and "Another sentence." in page  # the edit held back by the failure, shown now
    preview.save("docs/about.md", about)


def test_an_editors_leftovers_in_articles_do_not_stop_the_preview(preview: Preview) -> None:
    shown = preview.text().count(VISIBLE)
    for name in (f".{SLUG}.md.swp", f"{SLUG}.md~", f"#{SLUG}.md#"):
        (preview.root / "articles" / name).write_text("scratch", encoding="utf-8")
    time.sleep(1)
    assert preview.text().count(VISIBLE) == shown, "an editor's leftovers set off a rebuild"
    notes = (preview.root / NOTES).read_text(encoding="utf-8")
    line = preview.save(NOTES, notes.replace("These are the ten military missions", "Ten missions, edited"))
    assert "Visible in" in line and PROBLEMS not in preview.get(PAGE), line
    assert "Ten missions, edited" in preview.get(PAGE)
    for name in (f".{SLUG}.md.swp", f"{SLUG}.md~", f"#{SLUG}.md#"):
        (preview.root / "articles" / name).unlink()
    preview.save(NOTES, notes)


def test_under_pagefind_an_edit_is_indexed_again_and_the_index_stays_served(tmp_path: Path) -> None:
    """`make serve SEARCH=pagefind`: after an edit the index is made again, beside the served site, and moved in
    once made; a reader's query meanwhile is answered by the last index, not by a missing one."""
    (tmp_path / "scratch").mkdir()
    running = Preview(copy_project(tmp_path / "repo", sources=True), tmp_path / "scratch", SEARCH="pagefind")
    missing: list[str] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                running.get("pagefind/pagefind.js")
            except urllib.error.HTTPError as error:
                missing.append(str(error.code))
            time.sleep(0.005)

    try:
        running.wait_for("Serving on", 1, timeout=300)
        before = running.get("pagefind/pagefind-entry.json")  # the index's hashes: they change with its words
        polling = threading.Thread(target=poll)
        polling.start()
        notes = (running.root / NOTES).read_text(encoding="utf-8")
        running.save(NOTES, notes.replace("These are the ten military missions", "Searchable after an edit"))
        deadline = time.monotonic() + 60
        while running.get("pagefind/pagefind-entry.json") == before:
            assert time.monotonic() < deadline, "the Pagefind index was not made again"
            time.sleep(0.1)
        stop.set()
        polling.join(timeout=30)
        # made again in place, it was missing for most of the polls; moved in, at most for the one between its
        # two renames (the old folder out, the new one in)
        assert len(missing) <= 1, f"the index was missing while it was made again: {missing}"
    finally:
        stop.set()
        running.process.terminate()
        running.process.wait(timeout=30)
    assert not list((tmp_path / "scratch").iterdir()), "the preview left its folders behind"


def test_the_search_index_made_from_each_pages_json_is_the_one_material_writes() -> None:
    """The preview keeps each page's search entries in JSON and joins them after an edit (not one call on the
    whole index, which held the interpreter while browsers waited for the page): the bytes are Material's."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from build_tools.preview.site import _encoded, _search_index

    config = {"lang": ["en", "ko"], "separator": r"[\s\-,]+", "pipeline": ["stemmer"], "fields": {}}
    index = SearchIndex(**config)
    index.entries = [
        {"location": "articles/a/", "title": "A “quoted” title", "text": '전시작전통제권을 "returned" </script>'},
        {"location": "articles/a/#p-1", "title": "A", "text": "second entry of page a", "boost": 2},
        {"location": "", "title": "Home", "text": "no location: the home page"},
        {"location": "glossary/opcon/", "title": "OPCON", "text": "x", "tags": ("a", Path("b"))},
    ]
    search = SimpleNamespace(search_index=index)
    assert _search_index(search, _encoded(index.entries)) == index.generate_search_index(None)


@pytest.mark.slow
def test_whole_rebuilds_leave_no_uncollected_site_behind(tmp_path: Path) -> None:
    """The collector is paused for a whole rebuild; the site it replaces dies meanwhile and is collected once the
    new one is shown, not kept rebuild after rebuild."""
    import gc

    from build_tools.incremental import memo
    from build_tools.preview import run
    from build_tools.preview.watch import Changes, reported

    root = copy_project(tmp_path / "repo", sources=True)
    preview = run.Preview(root, "127.0.0.1", 0)
    memo.driven = True
    memo.KEPT.digests.forget((), reported(preview.root))
    try:
        preview._show(lambda: preview._whole(Changes(frozenset(), frozenset(), True), generated=False), set())
        preview.after()
        gc.collect()
        for _ in range(3):
            assert preview.rebuild({preview.root / "mkdocs.yml"})
            preview.after()
        left = gc.collect()
        assert left < 3_000, f"old sites were left for the collector ({left} objects)"
    finally:
        preview.site.close()
        preview.server.server_close()
        memo.KEPT.__init__()
        memo.driven = False
