"""Lists the build writes as HTML: links in each engine's style, checked against the run's pages, values
escaped for HTML by kind, and the same pages whether generation runs on one core or on several."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ARTICLE, REPO, Project
from mkdocs.utils.yaml import yaml_load

from build_tools import escape, parallel, pipeline, urls
from build_tools.config import MANIFEST, link_style
from build_tools.errors import BuildFailed, Report
from build_tools.registry import Claim, PageRegistry, read_links
from build_tools.values import Identifier, Markdown, PlainText, Url


@pytest.mark.parametrize(
    ("here", "target", "anchor", "folders", "files", "sources"),
    [
        ("articles/a.md", "articles/b.md", "", "../b/", "b.html", "b.md"),
        ("articles/a.md", "timeline/index.md", "event-x", "../../timeline/#event-x", "../timeline/index.html#event-x",
         "../timeline/index.md#event-x"),
        ("glossary/cfc/2006.md", "glossary/cfc.md", "", "../", "../cfc.html", "../cfc.md"),
        ("glossary/cfc.md", "glossary/cfc/2006.md", "", "2006/", "cfc/2006.html", "cfc/2006.md"),
        ("articles/index.md", "articles/b.md", "", "b/", "b.html", "b.md"),
        ("glossary/cfc.md", "articles/b.md", "term-cfc", "../../articles/b/#term-cfc", "../articles/b.html#term-cfc",
         "../articles/b.md#term-cfc"),
        ("articles/a.md", "articles/a.md", "note-n", "#note-n", "#note-n", "#note-n"),
    ],
)  # fmt: skip
def test_links_follow_each_engines_url_style(
    here: str, target: str, anchor: str, folders: str, files: str, sources: str
) -> None:
    for style, expected in (("folders", folders), ("files", files), ("sources", sources)):
        assert urls.link(here, target, anchor, style=style) == expected, style


def registry_of(pages: dict[str, str]) -> PageRegistry:
    registry = PageRegistry(Report())
    for path in pages:
        registry.claim(Claim(path, "article", what=path))
    return registry


@pytest.mark.parametrize("style", ["folders", "files", "sources"])
def test_links_in_html_blocks_are_checked_against_the_pages_and_their_ids(style: str) -> None:
    def a(here: str, target: str, anchor: str = "") -> str:
        return f'<li><a href="{urls.link(here, target, anchor, style=style)}">x</a></li>'

    pages = {
        "articles/a.md": a("articles/a.md", "timeline/index.md", "event-x") + a("articles/a.md", "glossary/cfc.md"),
        "glossary/cfc.md": a("glossary/cfc.md", "articles/a.md", "term-cfc") + a("glossary/cfc.md", "articles/gone.md")
        + a("glossary/cfc.md", "timeline/index.md", "event-gone") + '<a href="https://example.org/x">out</a>',
        "timeline/index.md": "### 2006: Talks {#event-x .bx-event}\n",
    }  # fmt: skip
    pages["articles/a.md"] += "[CFC](../glossary/cfc.md){#term-cfc}"
    report = Report()
    registry_of(pages).check_links(pages, style, report)
    problems = [(e.path, e.message) for e in report.errors]
    assert problems == [
        ("docs/glossary/cfc.md", f"links to {urls.link('glossary/cfc.md', 'articles/gone.md', style=style)!r}, "
         "which is not a page of this build"),
        ("docs/glossary/cfc.md", f"links to {urls.link('glossary/cfc.md', 'timeline/index.md', 'event-gone', style=style)!r}, "
         "whose page timeline/index.md has no element with the id 'event-gone'"),
    ]  # fmt: skip


def test_html_values_are_escaped_by_kind_and_markdown_is_refused() -> None:
    assert escape.html_value(PlainText('<b>"R&D"</b>')) == "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;"
    assert escape.html_value(Url("https://example.org/?a=1&b=2")) == "https://example.org/?a=1&amp;b=2"
    assert escape.html_value(Identifier("cfc")) == "cfc"
    assert escape.html_value(3) == "3"
    with pytest.raises(TypeError, match="Markdown cannot go into an HTML block"):
        escape.html_value(Markdown("*x*"))
    with pytest.raises(TypeError):
        escape.html_value(None)


def test_generated_pages_carry_their_lists_as_html_with_published_links(project: Project) -> None:
    project.article("talks")
    project.article("later", ARTICLE.replace("published: 2006-03", "published: 2006-04"))
    project.article("earlier", ARTICLE.replace("published: 2006-03", "published: 2006-02"))
    pages = pipeline.render_pages(project.root)
    article = pages["articles/talks.md"]
    related = article.split("## Related reading\n\n", 1)[1].split("\n\n", 1)[0]
    assert related.count("\n<li><a href=") == 2 and "&lt;" not in article  # a tight list, nothing escaped twice
    assert (
        '## Terms on this page\n\n<ul class="archive-repeated">\n<li><a href="../../glossary/spi/">SPI</a>: ' in article
    )
    assert '<li><a href="../later/">Talks in Seoul</a> (Example News, April 2006)' in related
    assert '<pre class="highlight"><code class="language-text">Example News. “Talks in Seoul.” March 2006.' in article
    term = pages["glossary/spi.md"]
    assert (
        '<li><a href="../../articles/talks/#term-spi">Talks in Seoul</a> (Example News, March 2006; 2 mentions)' in term
    )


@pytest.mark.parametrize(
    ("offline", "engine", "link"), [("true", "mkdocs", "later.html"), ("false", "zensical", "later.md")]
)
def test_the_offline_copy_and_zensical_get_links_in_their_style(
    project: Project, monkeypatch: pytest.MonkeyPatch, offline: str, engine: str, link: str
) -> None:
    monkeypatch.setenv("OFFLINE", offline)
    monkeypatch.setenv("BUILD_ENGINE", engine)
    project.article("talks")
    project.article("later", ARTICLE.replace("published: 2006-03", "published: 2006-04"))
    assert f'<li><a href="{link}">Talks in Seoul</a>' in pipeline.render_pages(project.root)["articles/talks.md"]


@pytest.mark.parametrize("value", ["true", "True", "yes", "ON", "false", "no", "1", "tRuE", ""])
def test_links_are_offline_exactly_when_materials_offline_plugin_is_on(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("OFFLINE", value)
    monkeypatch.delenv("BUILD_ENGINE", raising=False)
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    (enabled,) = [p["offline"]["enabled"] for p in config["plugins"] if isinstance(p, dict) and "offline" in p]
    assert (link_style() == "files") == (enabled is True)


def many_articles(project: Project, count: int) -> None:
    for number in range(count):
        month = 1 + number % 12
        text = ARTICLE.replace("published: 2006-03", f"published: {2000 + number % 9}-{month:02d}")
        project.article(f"report-{number:03d}", text.replace("Talks in Seoul", f"Talks in Seoul, part {number}"))


def test_generation_on_several_cores_gives_the_pages_of_one_core(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_articles(project, parallel.PARALLEL_FROM + 6)
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    several = pipeline.render_pages(project.root)
    monkeypatch.setattr(parallel, "_workers", lambda: 1)
    assert several == pipeline.render_pages(project.root)


def test_a_build_on_several_cores_writes_the_files_of_one_core(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The streamed build (pages written where they are made, in workers that receive them as values) writes the
    same files, byte for byte, as one core (the manifest aside: it records the files' times)."""
    many_articles(project, parallel.PARALLEL_FROM + 6)
    written = []
    for workers in (2, 1):
        monkeypatch.setattr(parallel, "_workers", lambda workers=workers: workers)
        docs = tmp_path / f"docs-{workers}"
        shutil.copytree(project.root / "docs", docs)
        pipeline.generate(project.root, docs)
        files = sorted(path for path in docs.rglob("*") if path.is_file() and path != docs / MANIFEST)
        written.append({path.relative_to(docs).as_posix(): path.read_bytes() for path in files})
    assert len(written[0]) > 5 * parallel.PARALLEL_FROM and written[0] == written[1]


def test_problems_found_on_several_cores_are_all_reported_in_order(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_articles(project, parallel.PARALLEL_FROM + 6)
    for number in (3, 40):
        path = project.root / f"articles/report-{number:03d}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("outlet:", "headline: x\noutlet:"), "utf-8")
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    with pytest.raises(BuildFailed) as failed:
        pipeline.render_pages(project.root)
    assert [(e.path, e.line, e.message) for e in failed.value.errors] == [
        (f"articles/report-{number:03d}.md", 3, "unknown key 'headline' in front matter") for number in (3, 40)
    ]


def test_a_later_link_check_reads_only_what_changed_and_misses_nothing() -> None:
    """Under a kept memo the orchestrator hands the check the very links object of an unchanged page: only the
    pages read anew are checked, and when one of them lost or gained ids, the pages that link to an anchor on it."""
    style = "folders"
    link = f'<li><a href="{urls.link("articles/a.md", "articles/b.md", "here", style=style)}">x</a></li>'
    pages = {"articles/a.md": link, "articles/b.md": '<p id="here">b</p>', "articles/c.md": "<p>c</p>"}
    registry, memo = registry_of(pages), {}

    def read(page: str, text: str, style: str):
        if memo.get(page, (None,))[0] is not text:
            memo[page] = (text, read_links(page, text, style))
        return memo[page][1]

    report = Report()
    last = registry.check_links(pages, style, report, read)
    assert not report.errors
    broken = {**pages, "articles/c.md": link.replace("here", "nowhere")}  # a changed page gains a broken link
    report = Report()
    registry.check_links(broken, style, report, read, last=last)
    assert [(e.path, "'nowhere'" in e.message) for e in report.errors] == [("docs/articles/c.md", True)]
    gone = {**pages, "articles/b.md": "<p>b</p>"}  # a changed page loses the id an unchanged page links to
    report = Report()
    registry.check_links(gone, style, report, read, last=last)
    assert [e.path for e in report.errors] == ["docs/articles/a.md"]
    there = link.replace("here", "there")  # a page gains an id, and a changed page links to it
    more = {**pages, "articles/b.md": '<p id="here">b</p><p id="there">b</p>', "articles/c.md": there}
    report = Report()
    later = registry.check_links(more, style, report, read, last=last)
    assert not report.errors and later.anchored is not None  # who links to which anchor, known from now on
    edited = {**more, "articles/a.md": link + "<p>edited</p>"}  # no ids changed: the index is kept all the same
    report = Report()
    still = registry.check_links(edited, style, report, read, last=later)
    assert not report.errors and still.anchored is not None
    fewer = {**edited, "articles/b.md": '<p id="here">b</p>'}  # the link added while the index was kept breaks
    report = Report()
    registry.check_links(fewer, style, report, read, last=still)
    assert [e.path for e in report.errors] == ["docs/articles/c.md"]
