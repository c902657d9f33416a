"""The parts of `make serve` that need no server: how changed paths are sorted, what a watched run trusts, and how
problems are shown."""

from __future__ import annotations

import ast
import gc
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from site_helpers import copy_project

from build_tools import collector, pipeline, render, write
from build_tools.config import MANIFEST
from build_tools.dataset import files, tables
from build_tools.errors import BuildFailed
from build_tools.incremental.memo import Digests, Memo
from build_tools.preview.server import problems_box
from build_tools.preview.watch import sort_changes
from build_tools.registry import Claim
from build_tools.render import families
from build_tools.render.context import FACTS, Site

EVERY_NOTE = {"data/index.md", "data/notes.jsonld", "data/notes.csv", "data/notes.json", "data/notes.jsonl"}
"""The dataset's files that hold (or count) every note of the archive: a note's edit reads them again."""


def test_changed_paths_are_sorted_by_what_they_ask(tmp_path: Path) -> None:
    (tmp_path / "docs/stylesheets").mkdir(parents=True)
    (tmp_path / "docs/about.md").write_text("x", encoding="utf-8")
    (tmp_path / "docs/stylesheets/archive.css").write_text("x", encoding="utf-8")
    changes = sort_changes(
        tmp_path,
        [tmp_path / name for name in (
            "articles/a.md", "glossary.yml", "docs/about.md", "docs/stylesheets/archive.css", "docs/.about.md.swp",
            "docs/articles/a.md", "notes.txt", ".glossary.yml.swp", "articles/.a.md.swp", "articles/a.md~",
            "articles/#a.md#",
        )],
    )  # fmt: skip
    assert changes.sources == {
        tmp_path / "articles/a.md",
        tmp_path / "glossary.yml",
        tmp_path / "docs/stylesheets/archive.css",
    }
    assert changes.docs == {"about.md", "stylesheets/archive.css"}  # generated folders and dot files are not
    assert not changes.config
    assert sort_changes(tmp_path, [tmp_path / "templates/theme/main.html"]).config
    assert sort_changes(tmp_path, [tmp_path / "mkdocs.yml"]).config


def test_a_watched_file_is_hashed_again_only_when_the_watcher_names_it(tmp_path: Path) -> None:
    source, outside = tmp_path / "articles/a.md", tmp_path / "requirements.txt"
    source.parent.mkdir()
    source.write_text("one", encoding="utf-8")
    outside.write_text("one", encoding="utf-8")
    digests = Digests()
    first, other = digests.of(source), digests.of(outside)
    source.write_text("two", encoding="utf-8")
    assert digests.of(source) != first  # no watcher yet: every file hashed each time
    digests.forget([], [tmp_path / "articles"])
    second = digests.of(source)
    source.write_text("three", encoding="utf-8")
    outside.write_text("two", encoding="utf-8")
    assert digests.of(source) == second  # watched, not named: trusted
    assert digests.of(outside) != other  # not under a watched place: hashed each time
    digests.forget([source], [tmp_path / "articles"])
    assert digests.of(source) not in (first, second)
    twin = tmp_path / "articles/b.md"
    twin.write_text("one", encoding="utf-8")
    assert not digests.is_link(twin)
    twin.unlink()
    twin.symlink_to(outside)
    assert not digests.is_link(twin)  # watched, not named: trusted
    digests.forget([twin], [tmp_path / "articles"])
    assert digests.is_link(twin)  # named: looked at again, and refused when read (`load.read_article`)
    digests.forget(None)
    assert not digests.watched and not digests.known and not digests.links


def test_a_watched_write_removes_the_pages_the_last_run_left_without_walking(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write.write_pages({"articles/a.md": "---\nA\n", "articles/b.md": "---\nB\n"}, docs, _NoSeal(), checked=True)
    result = write.write_pages(
        {"articles/a.md": "---\nA\n"}, docs, _NoSeal(), checked=True, present=["articles/a.md", "articles/b.md"]
    )
    assert result.removed == ("articles/b.md",) and not (docs / "articles/b.md").exists()


class _NoSeal:
    def sign(self, data: bytes) -> str:
        return "unsealed"

    def verify(self, data: bytes, seal: object) -> bool:
        return False


def test_problems_are_shown_escaped() -> None:
    box = problems_box(['glossary.yml:3: "<script>alert(1)</script>" & <img src=x onerror=alert(1)>'])
    assert "<script" not in box and "<img" not in box
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box and "glossary.yml:3:" in box
    assert box.startswith("<div role='alert'")


WATCHED_EDITS = [
    ("articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml",
     "These are the ten military missions", "These ten missions, edited"),
    ("articles/us-south-korea-discuss-changes-in-military-relationship.md", "\ntags: [opcon, spi, plan-5029]",
     "\ntags: [opcon, plan-5029]"),
    ("articles/washington-seoul-postpone-changes-wartime-troop-command-structure.md",
     "title: Washington and Seoul postpone", "title: Washington and Seoul put off"),
    ("articles/us-south-korea-discuss-changes-in-military-relationship.md", "published: 2006-03", "published: 2006-04"),
    ("glossary.yml", "1950. Until 1994", "1950. Until the year 1994"),
    ("glossary.yml", "headquarters, set up in 1978", "headquarters, established in 1978"),
    ("timeline.yml", "title: Armistice halts the Korean War", "title: Armistice stops the Korean War"),
    ("people.yml", "role: US Secretary of Defense", "role: Secretary of Defense of the United States"),
    ("articles/us-south-korea-discuss-changes-in-military-relationship.annotations.yml",
     "from US to South Korean forces.", "from US to South Korean forces under the Combined Forces Command."),
    ("articles/washington-seoul-postpone-changes-wartime-troop-command-structure.md", "\ntags: [",
     "\ntags: [spi, "),
]  # fmt: skip
"""Edits whose effect reaches other pages than the edited article's: lists, tags, related reading, the timeline,
tooltips, a term's page through a note that now mentions it, a person's roles."""


@pytest.mark.slow
def test_pages_after_watched_edits_are_those_a_fresh_build_makes(tmp_path: Path) -> None:
    """Each edit, seen as the preview's watcher names it, leaves docs/ exactly as generation from nothing would."""
    root = copy_project(tmp_path / "repo", sources=True)
    kept = Memo()
    kept.digests.forget((), [root / "articles", root / "glossary.yml", root / "people.yml", root / "timeline.yml"])
    pipeline.generate(root, memo=kept)
    for rel, old, new in WATCHED_EDITS:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
        kept.digests.forget([path], kept.digests.watching)
        pipeline.generate(root, memo=kept)
        pipeline.settle(kept)
        for page, expected in pipeline.render_pages(root).items():
            assert (root / "docs" / page).read_text(encoding="utf-8") == expected, f"{page} after editing {rel}"
        assert not (root / "docs" / MANIFEST).exists(), "a watched run left a record a build would trust"


def test_a_watched_edit_reads_again_only_the_pages_that_read_what_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's reads are recorded as the site's facts it read (`incremental.reads`): an edit to one article's
    note makes again what that article's pages read, not the other article's pages or the lists."""
    root = copy_project(tmp_path / "repo", sources=True)
    kept = Memo()
    kept.digests.forget((), [root / "articles", root / "glossary.yml", root / "people.yml", root / "timeline.yml"])
    pipeline.generate(root, memo=kept)
    read_again: list[str] = []
    render_page = render.render_page

    def spied(site: Site, claim: Claim) -> tuple:
        read_again.append(claim.path)
        return render_page(site, claim)

    monkeypatch.setattr(render, "render_page", spied)
    slug = "us-south-korea-discuss-changes-in-military-relationship"
    notes = root / f"articles/{slug}.annotations.yml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("ten military missions", "ten missions"), "utf-8")
    kept.digests.forget([notes], kept.digests.watching)
    pipeline.generate(root, memo=kept)
    assert f"articles/{slug}.md" in read_again  # what shows the note
    # its article's pages, and the dataset's files that hold every note (and the Data page, which counts them)
    assert read_again and all(slug in page or page in EVERY_NOTE for page in read_again), read_again
    read_again.clear()
    pipeline.generate(root, memo=kept)
    assert read_again == []  # nothing changed: every page is the last run's


def _watched_project(tmp_path: Path) -> tuple[Path, Memo]:
    root = copy_project(tmp_path / "repo", sources=True)
    kept = Memo()
    kept.digests.forget((), [root / "articles", root / "glossary.yml", root / "people.yml", root / "timeline.yml"])
    pipeline.generate(root, memo=kept)
    return root, kept


def _data_files_are_a_fresh_build_s(root: Path) -> None:
    for page, expected in pipeline.render_pages(root).items():
        if page.startswith("data/"):
            assert (root / "docs" / page).read_text(encoding="utf-8") == expected, page


def test_a_watched_edit_makes_again_only_the_dataset_rows_of_what_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row of the dataset is made once from its entry and kept with it (`Site.derived`), for every format of its
    table: a note's edit makes again the rows of its article's notes, once each, not every row of every table;
    the files are still a fresh build's."""
    root, kept = _watched_project(tmp_path)
    made: list[str] = []
    row_of, annotation_line = tables.row_of, files.annotation_line
    monkeypatch.setattr(tables, "row_of", lambda table, model: made.append(table.name) or row_of(table, model))
    monkeypatch.setattr(
        files, "annotation_line", lambda note, slug: made.append("jsonld") or annotation_line(note, slug)
    )
    slug = "us-south-korea-discuss-changes-in-military-relationship"
    notes = root / f"articles/{slug}.annotations.yml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("ten military missions", "ten missions"), "utf-8")
    kept.digests.forget([notes], kept.digests.watching)
    pipeline.generate(root, memo=kept)
    in_article = text.count("\n  - id: ")
    # the other article's notes and rows are kept; the edited article's row is made again (its model holds its
    # notes), equal to the one before, so the articles' files are not written again
    assert in_article > 1 and Counter(made) == {"notes": in_article, "jsonld": in_article, "articles": 1}
    assert "ten missions" in (root / "docs/data/notes.csv").read_text(encoding="utf-8")
    _data_files_are_a_fresh_build_s(root)


def test_a_watched_run_under_another_site_address_makes_every_row_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows hold pages' addresses: kept rows are not taken once the settings changed (mkdocs.yml's site_url under
    `make serve`)."""
    root, kept = _watched_project(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example/")
    pipeline.generate(root, memo=kept)
    assert "https://elsewhere.example/articles/" in (root / "docs/data/notes.csv").read_text(encoding="utf-8")
    _data_files_are_a_fresh_build_s(root)


def test_families_read_the_site_only_through_its_facts() -> None:
    """What a page read is known only if every read goes through a fact (`render.context.FACTS`): a family that
    read the site's data directly would not be read again after an edit, and the preview would show a stale page.
    Every function of the families given the site (a parameter annotated `Site`) reads only its facts, and passes
    it on only to such functions of its own module, which are checked alike."""
    folder = Path(families.__file__).parent
    for module in sorted(folder.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        helpers = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
            given = {arg.arg for arg in function.args.args if arg.annotation and ast.unparse(arg.annotation) == "Site"}
            read = {id(node.value) for node in ast.walk(function) if isinstance(node, ast.Attribute)}
            passed = {
                id(arg)
                for call in ast.walk(function)
                if isinstance(call, ast.Call) and _checked_alike(call.func, helpers)
                for arg in call.args
            }
            for node in ast.walk(function):
                where = f"{module.name}:{getattr(node, 'lineno', '?')}"
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in given:
                    assert node.attr in FACTS | NOT_READS, f"{where}: {node.value.id}.{node.attr} is not a fact"
                if isinstance(node, ast.Name) and node.id in given and isinstance(node.ctx, ast.Load):
                    assert id(node) in read | passed, f"{where}: the site is passed on, not read through its facts"
                if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".derived"):  # made of sources alone
                    inside = {n.id for arg in node.args for n in ast.walk(arg) if isinstance(n, ast.Name)}
                    assert not inside & given, f"{where}: what `derived` makes reads the site"


NOT_READS = {"env", "derived"}
"""What a family may use of the site besides its facts: the Jinja environment, and values made from objects it
was given (`Site.derived`), which read nothing of the site."""
DATASET_TABLE_READS = {"rows", "entries"}
"""The methods of the dataset's tables given the site (`dataset.tables.Table`), whose reads are checked alike."""


def _checked_alike(called: ast.expr, helpers: set[str]) -> bool:
    """A call that may be given the site: a function of the family's own module, or a dataset table's read."""
    if isinstance(called, ast.Name):
        return called.id in helpers
    return isinstance(called, ast.Attribute) and called.attr in DATASET_TABLE_READS


def test_the_dataset_s_tables_read_the_site_only_through_its_facts() -> None:
    """Each table's entries (a function or lambda given `site`) read only the site's facts, so the files of the
    dataset are read again after exactly the edits that change what they hold."""
    tree = ast.parse(Path(tables.__file__).read_text(encoding="utf-8"))
    given_site = [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Lambda | ast.FunctionDef) and [arg.arg for arg in node.args.args] == ["site"]
    ]  # fmt: skip
    assert given_site
    for function in given_site:
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "site":
                assert node.attr in FACTS, f"tables.py:{node.lineno}: site.{node.attr} is not a fact"
            if isinstance(node, ast.Call) and any(isinstance(arg, ast.Name) and arg.id == "site" for arg in node.args):
                raise AssertionError(f"tables.py:{node.lineno}: the site is passed on, not read through its facts")


def test_a_watched_folder_is_listed_once_and_kept_up_to_date_from_the_paths_named(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("a", encoding="utf-8")
    digests = Digests()
    digests.forget([], [folder])
    assert digests.listing(folder) == {"a.md": ""}
    (folder / "b.md").write_text("b", encoding="utf-8")
    (folder / "sub").mkdir()
    assert "b.md" not in digests.listing(folder)  # not named by the watcher: the listing is kept
    digests.forget([folder / "b.md", folder / "sub"], [folder])
    assert digests.listing(folder) == {"a.md": "", "b.md": "", "sub": "a folder"}
    (folder / "a.md").unlink()
    digests.forget([folder / "a.md"], [folder])
    assert digests.listing(folder) == {"b.md": "", "sub": "a folder"}
    digests.forget(None)
    assert not digests.listings


def test_files_added_to_and_removed_from_a_watched_articles_folder_are_seen(tmp_path: Path) -> None:
    """The preview lists articles/ once; what the watcher names there is added or removed: a stray file is
    reported, and its removal, or a new article, is seen as a fresh build would see it."""
    root = copy_project(tmp_path / "repo", sources=True)
    kept = Memo()
    kept.digests.forget((), [root / "articles", root / "glossary.yml", root / "people.yml", root / "timeline.yml"])
    pipeline.generate(root, memo=kept)
    stray = root / "articles/notes.txt"
    stray.write_text("a note to self", encoding="utf-8")
    kept.digests.forget([stray], kept.digests.watching)
    with pytest.raises(BuildFailed, match=r"articles/notes\.txt"):
        pipeline.generate(root, memo=kept)
    stray.unlink()
    added = root / "articles/talks-resume.md"
    source = root / "articles/us-south-korea-discuss-changes-in-military-relationship.md"
    added.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Resumed talks and ", 1), "utf-8")
    kept.digests.forget([stray, added], kept.digests.watching)
    pipeline.generate(root, memo=kept)
    assert (root / "docs/articles/talks-resume.md").is_file()
    for page, expected in pipeline.render_pages(root).items():
        assert (root / "docs" / page).read_text(encoding="utf-8") == expected, page


def test_the_collector_stays_paused_until_the_outermost_pause_ends() -> None:
    """The preview pauses the cycle collector for a whole rebuild, generation again inside it: a full collection
    after generation's own pause ended walked the whole memo (0.8 s of an edit at 5,000 articles)."""
    held = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0
    with collector.collector_paused():
        with collector.collector_paused():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0, "the inner pause ended the outer one"
    assert gc.get_freeze_count() == 0 and held


def test_search_data_waits_until_saves_stop(tmp_path: Path) -> None:
    """A save that comes while the last one's page is being shown is rebuilt first; search data, the sitemap and
    the citation store (`after`) follow once, when no change came for `after_quiet` seconds."""
    from build_tools.preview.server import PreviewServer

    server = PreviewServer(tmp_path, "127.0.0.1", 0, site=lambda: None)
    done: list[str] = []
    after = threading.Event()

    def rebuild(paths: set[Path]) -> bool:
        done.append(" ".join(sorted(path.name for path in paths)))
        if len(done) == 1:
            server._note([tmp_path / "second.md"])  # saved again before the first save's page was shown
        return True

    server.rebuild, server.after = rebuild, lambda: (done.append("after"), after.set())
    loop = threading.Thread(target=server._build_loop, daemon=True)
    loop.start()
    try:
        server._note([tmp_path / "first.md"])
        assert after.wait(timeout=60), f"search data never followed: {done}"
        assert done == ["first.md", "second.md", "after"]
        server._note([tmp_path / "third.md"])
        deadline = time.monotonic() + 60
        while done[-1] != "after" or len(done) < 5:
            assert time.monotonic() < deadline, f"search data did not follow a later save: {done}"
            time.sleep(0.01)
        assert done == ["first.md", "second.md", "after", "third.md", "after"]
        server.after_longest = 0  # saves that keep coming: `after` runs before the next rebuild once it waited long
        done.clear()
        after.clear()
        server._note([tmp_path / "first.md"])
        deadline = time.monotonic() + 60
        while len(done) < 4:
            assert time.monotonic() < deadline, f"search data did not follow: {done}"
            time.sleep(0.01)
        assert done == ["first.md", "after", "second.md", "after"]
    finally:
        server.shutdown()
        loop.join(timeout=30)
        server.server_close()


def test_a_watched_folder_replaced_whole_is_read_again(tmp_path: Path) -> None:
    """`mv new articles`: the watcher names the folder, not its files; nothing kept of them is trusted."""
    articles, other = tmp_path / "articles", tmp_path / "outside.md"
    articles.mkdir()
    other.write_text("outside", encoding="utf-8")
    (articles / "a.md").write_text("one", encoding="utf-8")
    (articles / "b.md").write_text("one", encoding="utf-8")
    digests = Digests()
    digests.forget((), [tmp_path])
    before, listed = digests.of(articles / "b.md"), dict(digests.listing(articles))
    assert not digests.is_link(articles / "a.md")
    fresh = tmp_path / "new"
    fresh.mkdir()
    (fresh / "a.md").symlink_to(other)
    (fresh / "b.md").write_text("two", encoding="utf-8")
    (fresh / "c.md").write_text("three", encoding="utf-8")
    articles.rename(tmp_path / "old")
    fresh.rename(articles)
    digests.forget([articles, fresh, tmp_path / "old"], [tmp_path])
    assert digests.is_link(articles / "a.md")
    assert digests.of(articles / "b.md") not in (before, None)
    assert dict(digests.listing(articles)) != listed and "c.md" in digests.listing(articles)


def test_stopping_the_preview_keeps_the_citation_store_its_last_rebuild_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search data waits until saves stop (`AFTER_QUIET`); a preview stopped before then still writes the citation
    store (`pipeline.settle`), unless the last rebuild failed."""
    from build_tools.incremental import memo
    from build_tools.preview.run import Preview

    preview = Preview(tmp_path, "127.0.0.1", 0)
    kept: list[str] = []
    try:
        monkeypatch.setattr(memo.KEPT, "settle", lambda: kept.append("store"))
        preview._settle()
        assert kept == ["store"] and memo.KEPT.settle is None
        memo.KEPT.settle = lambda: kept.append("store of a failed run")
        preview.server.problems = ["articles/a.md:3: a problem"]
        preview._settle()
        assert kept == ["store"]
    finally:
        preview.server.server_close()
