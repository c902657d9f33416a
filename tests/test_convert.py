"""Pages converted in generation's workers (`build_tools.convert`): MkDocs gets exactly the HTML, title, table
of contents and anchors its own conversion would have made, and uses nothing it cannot trust."""

from __future__ import annotations

import hashlib
from pathlib import Path

import markdown
import pytest
from conftest import REPO
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.extensions.tables import TableProcessor
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort
from site_helpers import build_site, copy_project

from build_tools import convert, pipeline
from build_tools.convert import is_sidecar, open_sidecar, sealed_sidecar
from build_tools.convert.made import links_of
from build_tools.convert.page import Converted, Link, _converter, _raw_ids, convert_page
from build_tools.convert.setting import read_setting
from build_tools.errors import BuildFailed, Report
from build_tools.incremental.trust import UNSEALED, Seal
from build_tools.registry import PageRegistry


def site_tree(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("offline", [False, True], ids=["as deployed", "offline copy"])
def test_mkdocs_publishes_the_site_its_own_conversion_makes(tmp_path: Path, monkeypatch, offline: bool) -> None:
    """The real archive built twice: once handing MkDocs the converted pages, once letting MkDocs convert them
    (as it would without this stage): every file of the two sites is the same, search index included."""
    monkeypatch.setenv("OFFLINE", "true" if offline else "false")
    handed, opened = [], convert.open_sidecar

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = opened(*args, **kwargs)
        handed.append(found is not None)
        return found

    sites = []
    for name, use in (("converted", True), ("mkdocs", False)):
        root = copy_project(tmp_path / name, sources=True)
        monkeypatch.setattr(convert, "open_sidecar", counting if use else lambda *args, **kwargs: None)
        sites.append(site_tree(build_site(root)))
        monkeypatch.undo()
        monkeypatch.setenv("OFFLINE", "true" if offline else "false")
    assert sites[0] == sites[1]
    pages = sum(1 for path in (tmp_path / "converted/docs").rglob("*.md") if "/." not in path.as_posix())
    assert handed.count(True) == pages - 2  # every page but the two hand-written ones (index.md, about.md)


def test_mkdocs_holds_one_converted_pages_content_at_a_time(tmp_path: Path, monkeypatch) -> None:
    """A converted page's content is read when MkDocs builds the page and let go after it: while any page is
    built, no other converted page holds its content (the hand-written pages, which MkDocs converts, do)."""
    root = copy_project(tmp_path / "site", sources=True)
    holding: list[list[str]] = []
    real = mkdocs_build._build_page

    def counting(page, config, doc_files, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(page, config, doc_files, *args, **kwargs)
        holding.append(sorted(f.src_uri for f in doc_files if f.page is not None and f.page.content))

    monkeypatch.setattr(mkdocs_build, "_build_page", counting)
    build_site(root)
    pages = [path for path in (root / "docs").rglob("*.md") if "/." not in path.as_posix()]
    assert len(holding) == len(pages) > 30  # every page of the real archive was built
    assert {tuple(held) for held in holding} == {("about.md", "index.md")}


def test_a_converted_page_changed_while_mkdocs_builds_stops_the_build_naming_it(
    tmp_path: Path, monkeypatch, caplog: pytest.LogCaptureFixture
) -> None:
    root = copy_project(tmp_path / "site", sources=True)
    pipeline.generate(root)
    page = "us-south-korea-discuss-changes-in-military-relationship"
    sidecar = root / f"docs/articles/.html/{page}.html"
    real = mkdocs_build._build_page

    def forging(built, *args, **kwargs):  # type: ignore[no-untyped-def]
        if built.file.src_uri == f"articles/{page}.md":
            sidecar.write_text(sidecar.read_text(encoding="utf-8") + "<script>alert(1)</script>", encoding="utf-8")
        real(built, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", forging)
    with pytest.raises(Abort):
        build_site(root)
    assert f"docs/articles/.html/{page}.html changed while MkDocs built the site" in caplog.text
    assert "delete it and build again" in caplog.text
    assert not (root / f"site/articles/{page}/index.html").exists()


TARGETS = frozenset({"articles/talks.md", "glossary/cfc.md"})
"""The files of the site the unit tests' links may reach."""


def converted(page: str, text: str, blocks: tuple[str, ...] = ()) -> tuple[Converted, Report]:
    report = Report()
    setting = read_setting(REPO, "folders")
    assert setting is not None
    return convert_page(page, text, blocks, setting, report, TARGETS), report


def test_links_are_rewritten_as_mkdocs_does_and_recorded_for_the_check() -> None:
    text = "---\ntitle: T\n---\n\n# Talks\n\nSee [CFC](../glossary/cfc.md#term) and [notes](#note-x).\n"
    page, report = converted("articles/talks.md", text)
    assert report.errors == []
    assert '<a href="../../glossary/cfc/#term">CFC</a>' in page.html
    assert '<a href="#note-x">notes</a>' in page.html
    permalink = Link("#talks", "", "talks")  # the heading's own permalink (toc), which MkDocs checks too
    assert page.links == (
        permalink,
        Link("../glossary/cfc.md#term", "glossary/cfc.md", "term"),
        Link("#note-x", "", "note-x"),
    )
    assert links_of(page).links[1:] == (("../glossary/cfc.md#term", "glossary/cfc", "term"), ("#note-x", "", "note-x"))
    assert page.title == "Talks" and "talks" in page.ids


def test_a_converted_link_to_no_page_or_anchor_of_the_build_fails_it() -> None:
    text = "---\ntitle: T\n---\n\n[gone](gone.md) [cfc](../glossary/cfc.md#nowhere)\n"
    page, _ = converted("articles/talks.md", text)
    target, _ = converted("glossary/cfc.md", "---\ntitle: C\n---\n\nDefinition.\n{: #term }\n")
    report = Report()
    registry = PageRegistry(report)
    for path in ("articles/talks.md", "glossary/cfc.md"):
        registry.claim(convert_claim(path))
    made = {"articles/talks.md": links_of(page), "glossary/cfc.md": links_of(target)}
    registry.check_links(dict.fromkeys(made, ""), "folders", report, lambda path, text, style: made[path])
    problems = sorted(error.message for error in report.errors)
    assert problems == [
        "links to '../glossary/cfc.md#nowhere', whose page glossary/cfc.md has no element with the id 'nowhere'",
        "links to 'gone.md', which is not a page of this build",
    ]


def convert_claim(path: str):  # type: ignore[no-untyped-def]
    from build_tools.registry import Claim

    return Claim(path, "article", path, what=path, source=path)


def test_html_blocks_are_put_back_as_python_markdown_passes_them_on() -> None:
    block = '<ul>\n<li><a href="../x/" id="one">x</a></li>\n</ul>'
    text = f"---\ntitle: T\n---\n\n## Related\n\n{block}\n\nAfter.\n"
    page, _ = converted("articles/talks.md", text, (block,))
    plain, _ = converted("articles/talks.md", text)  # nothing set aside: Python-Markdown parses the block
    assert page.html == plain.html and "one" in page.ids


def test_only_html_blocks_python_markdown_passes_on_are_set_aside() -> None:
    """A `<span>` line is wrapped in a paragraph by Python-Markdown: it is converted, not put back as it was; a
    block at the very end of the page is put back; ids in raw HTML are collected as MkDocs collects them."""
    inline, last = '<span id="x">hi</span>', '<ul>\n<li><a name="last">x</a></li>\n</ul>'
    text = f"---\ntitle: T\n---\n\nSee <sup id='ref-a'>1</sup>.\n\n{inline}\n\n{last}\n"
    page, _ = converted("articles/talks.md", text, (inline, last))
    plain, _ = converted("articles/talks.md", text)
    assert page.html == plain.html and '<p><span id="x">hi</span></p>' in page.html
    assert {"x", "last", "ref-a"} <= page.ids


def test_ids_in_raw_html_are_found_however_the_attribute_is_written() -> None:
    """Raw HTML is parsed for ids only where an attribute could be one: none is missed in any case, with spaces
    before `=`, right after a quote, or split between two blocks."""
    blocks = ['<A NAME = "a">', "<p title='x'id=b>", "<div i", 'd="c">']
    assert _raw_ids(blocks) == {"a", "b", "c"}
    assert _raw_ids(['<ul class="archive-repeated">\n<li>He said so.</li>\n</ul>']) == set()


TABLE_PIECES = ["|", "-", ":", " ", "\n", "`", "\\", "a", "b", "---", "| a |", "\\|"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TABLE_PIECES), max_size=16).map("".join))
@example("a | b\n--- | ---")
@example("| a |\n|---|")
@example("a\n---")
def test_a_block_is_a_table_to_the_converter_exactly_when_it_is_to_mkdocs(block: str) -> None:
    """The converter skips the `tables` test for a block without `|`; MkDocs' own converter runs it."""
    setting = read_setting(REPO, "folders")
    assert setting is not None
    ours = next(p for p in _converter(setting)[0].parser.blockprocessors if isinstance(p, TableProcessor))
    plain = markdown.Markdown(extensions=list(setting.extensions), extension_configs=setting.extension_configs)
    theirs = next(p for p in plain.parser.blockprocessors if isinstance(p, TableProcessor))
    assert "test" in vars(ours) and "test" not in vars(theirs)
    assert ours.test(None, block) == theirs.test(None, block)


def test_live_markup_in_a_converted_page_fails_the_build_naming_it() -> None:
    _, report = converted("articles/talks.md", "---\ntitle: T\n---\n\n<script>alert(1)</script>\n")
    (problem,) = report.errors
    assert problem.path == "docs/articles/talks.md" and "live markup" in problem.message


def test_the_hook_uses_only_a_converted_page_this_working_copy_sealed_for_these_words(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    seal = Seal.of(tmp_path)
    body = "# Talks\n\nWords.\n"
    page, _ = converted("articles/talks.md", "---\ntitle: T\n---\n\n" + body)
    signature = read_setting(REPO, "folders").signature  # type: ignore[union-attr]
    path = docs / "articles/.html/talks.html"
    path.parent.mkdir(parents=True)
    path.write_text(sealed_sidecar("articles/talks.md", page, signature, seal), encoding="utf-8")
    handed = open_sidecar(docs, "articles/talks.md", body, signature, seal)
    assert handed is not None and handed.content.html() == page.html and handed.title == "Talks"
    assert open_sidecar(docs, "articles/talks.md", body + "More.\n", signature, seal) is None  # other words
    assert open_sidecar(docs, "articles/talks.md", body, "another setting", seal) is None
    assert open_sidecar(docs, "articles/talks.md", body, signature, UNSEALED) is None
    other = tmp_path / "other"
    other.mkdir()
    assert open_sidecar(docs, "articles/talks.md", body, signature, Seal.of(other)) is None  # another copy's key
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Words.", "<b>Forged</b>"), encoding="utf-8")
    assert handed.content.html() is None  # HTML changed after sealing: not read (the hook then stops the build)
    path.unlink()
    Path(path).symlink_to(tmp_path / "elsewhere.html")
    assert open_sidecar(docs, "articles/talks.md", body, signature, seal) is None


def test_links_to_hand_written_files_are_rewritten_and_to_no_file_left_as_written() -> None:
    """As MkDocs: a link reaching a file of the site (a hand-written page too) is rewritten to where it is
    published; one reaching no file is left as written, and the link check refuses it."""
    text = "---\ntitle: T\n---\n\n[about](../about.md) [gone](../gone.md) [odd](javascript%3Aalert(1))\n"
    report = Report()
    setting = read_setting(REPO, "folders")
    page = convert_page("articles/talks.md", text, (), setting, report, {"about.md", "articles/talks.md"})  # type: ignore[arg-type]
    assert '<a href="../../about/">about</a>' in page.html
    assert '<a href="../gone.md">gone</a>' in page.html and "javascript:" not in page.html
    addresses = {href: address for href, address, _ in links_of(page).links}
    assert addresses["../about.md"] == "about" and addresses["../gone.md"].startswith("\0")


def test_a_folder_where_a_converted_page_belongs_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """A folder named like a converted page, holding a file: the file is no converted page of the build, so
    the check of docs/ names it first, instead of the write failing late on the folder."""
    root = copy_project(tmp_path / "project", sources=True)
    slug = next((root / "articles").glob("*.md")).stem
    stray = root / f"docs/articles/.html/{slug}.html/x.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("hi", encoding="utf-8")
    assert not is_sidecar(f"articles/.html/{slug}.html/x.html") and is_sidecar("glossary/.html/opcon/2006.html")
    with pytest.raises(BuildFailed) as failed:
        pipeline.generate(root)
    assert [error.path for error in failed.value.errors] == [f"docs/articles/.html/{slug}.html/x.html"]
