"""Paragraphs written straight to HTML (`link.html`): the page converts to exactly what it did when every
paragraph was Markdown read by Python-Markdown, for the real articles, the bench's synthetic ones and any
text a contributor could write, with notes and glossary links on it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from test_link import TERMS

from bench.archive import write_archive
from build_tools import link, pipeline, urls
from build_tools.convert.made import links_of
from build_tools.convert.page import Converted, convert_page
from build_tools.convert.setting import read_setting
from build_tools.errors import Report
from build_tools.link.models import LinkedArticle
from build_tools.load import load_archive
from build_tools.load.sanitize import article_problems
from build_tools.markdown import parse
from build_tools.models import Annotation, Article, Source
from build_tools.registry import page_links, read_links
from build_tools.values import Identifier, Markdown, PlainText, PublishedDate, Url

ASIA_TIMES = "washington-seoul-postpone-changes-wartime-troop-command-structure"
STYLES = {"folders": "false", "files": "true"}
"""The link styles whose pages are converted, and OFFLINE for each."""


def page_of(article: Article, linked: LinkedArticle) -> str:
    """The article's page as far as conversion reads it: its title as a heading, its body, a heading after."""
    return f"# {article.title}\n\n{linked.body}\n## Annotations\n"


def converted(article: Article, linked: LinkedArticle, style: str, targets: frozenset[str]) -> tuple:
    """What a reader and the link check get of the page: its HTML, table of contents, ids, and the places its
    links reach."""
    here, text = urls.article(article.slug), page_of(article, linked)
    made: Converted = convert_page(here, text, (), read_setting(REPO, style), Report(), targets)
    reached = sorted(
        (address, anchor) for _, address, anchor in page_links(read_links(here, text, style), links_of(made)).links
    )
    return _blocks_apart(made.html), made.toc, made.ids, made.title, reached


def _blocks_apart(html: str) -> str:
    """Python-Markdown writes a blank line after an HTML block, and none after a paragraph it converts: the one
    difference a paragraph written as HTML makes, which no reader sees (white space between two blocks)."""
    return html.replace("</p>\n\n", "</p>\n")


def assert_same_pages(articles: tuple[Article, ...], matcher, style: str, targets: frozenset[str]) -> int:  # type: ignore[no-untyped-def]
    """Each article converted with its paragraphs as Markdown and with them written as HTML: the same. How many
    paragraphs were written as HTML."""
    written = 0
    for article in articles:
        markdown = link.link_article(article, matcher)
        html = link.link_article(article, matcher, style=style)
        assert converted(article, html, style, targets) == converted(article, markdown, style, targets), article.slug
        written += len(re.findall(r"^<p", html.body, re.MULTILINE))
    return written


def targets_of(articles: tuple[Article, ...], entries) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return frozenset([urls.article(a.slug) for a in articles] + [urls.entry(e.section, e.id) for e in entries])


@pytest.mark.parametrize("style", STYLES)
def test_the_archives_articles_convert_as_their_markdown_does(style: str, monkeypatch) -> None:
    monkeypatch.setenv("OFFLINE", STYLES[style])
    archive = load_archive(REPO)
    matcher = link.build_matcher(archive.entries)
    written = assert_same_pages(archive.articles, matcher, style, targets_of(archive.articles, archive.entries))
    assert written >= 15  # most of their paragraphs: those with emphasis stay Markdown


def test_the_benchs_synthetic_articles_convert_as_their_markdown_does(tmp_path: Path) -> None:
    write_archive(tmp_path, 60)
    archive = load_archive(tmp_path)
    matcher = link.build_matcher(archive.entries)
    written = assert_same_pages(archive.articles, matcher, "folders", targets_of(archive.articles, archive.entries))
    assert written >= 60 * 20


PIECES = [
    "Security Policy Initiative",
    "SPI",
    "CFC",
    "wartime operational control",
    "Plan 5029",
    "the",
    "talks",
    "Seoul",
    "서울은",
    "전작권을",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "  \n",
    "\t",
    "\u00a0",
    "*",
    "**",
    "_",
    "__",
    "`x`",
    "\\",
    "\\*",
    "&",
    "&amp;",
    "&copy;",
    "&#91;",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "=",
    "==",
    "~~~",
    "|",
    "#",
    "!",
    "-",
    "+",
    "1.",
    "2)",
    "{",
    "}",
    "{: #x }",
    '"',
    "'",
    "—",
    "http://example.org/a_b",
    "[a link](https://example.org/a?b=1&c=2)",
    '[titled](https://example.org/x "a \\"title\\" (x)")',
    "<https://example.org>",
    "![image](https://example.org/i.png)",
    "*emphasis*",
    "**strong**",
    "## Heading",
    "> quoted",
    "- item",
    "term-spi",
    "Term SPI",
    "<1a@b.co>",
    "e\u0301",
    "[X](HTTPS://example.org)",
    "&nbsp;",
    "&#x41;",
    "\u3000",
]


def article_of(body: str, title: str = "T", notes: tuple[Annotation, ...] = ()) -> Article:
    """An article `a` with `body` (one line or more), its `title` and `notes`."""
    return Article(
        slug=Identifier("a"),
        path="articles/a.md",
        body=Markdown(body if body.endswith("\n") else body + "\n"),
        body_line=1,
        annotations=notes,
        title=PlainText(title),
        outlet=PlainText("O"),
        url=None,
        published=PublishedDate(2006),
        date_note=None,
        byline=None,
        language=Identifier("en"),
        summary=PlainText("S"),
        tags=(Identifier("x"),),
        capture_note=None,
    )


def note(number: int, quote: str) -> Annotation:
    source = Source(PlainText("S"), Url("https://example.org"))
    return Annotation(
        Identifier(f"n{number}"),
        PlainText(quote),
        None,
        None,
        Markdown("A note."),
        Identifier("octocat"),
        (source,),
        Identifier("context"),
        None,
        "articles/a.annotations.yml",
        1,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=40),
    paragraphs=st.integers(1, 3),
    quotes=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 6)), max_size=3),
    title=st.sampled_from(["T", "Term SPI", "term-spi", "ref n0", "p x"]),
    style=st.sampled_from(sorted(STYLES)),
)
@example(
    pieces=["Security Policy Initiative", " ", "talks"],
    paragraphs=1,
    quotes=[(0, 2)],
    title="Term SPI",
    style="folders",
)
@example(pieces=["the", " ", "SPI", " ", "talks"], paragraphs=1, quotes=[(0, 1), (0, 3)], title="T", style="files")
def test_any_text_converts_as_its_markdown_does(
    pieces: list[str], paragraphs: int, quotes: list, title: str, style: str
) -> None:
    """Text made of what Markdown, Python-Markdown and the archive treat specially, glossary links and notes on
    it, and a title whose heading id could be one of the paragraph's ids: the page converts the same."""
    text = "".join(pieces).strip()
    body = "\n\n".join([text] * paragraphs) + "\n"
    assume(text and not article_problems(parse(body)))
    words = text.split()
    notes = tuple(
        note(number, " ".join(words[start % len(words) : start % len(words) + size]))
        for number, (start, size) in enumerate(quotes)
    )
    article = article_of(body, title, notes)
    matcher = link.build_matcher(TERMS)
    markdown = link.link_article(article, matcher, Report())
    html = link.link_article(article, matcher, Report(), style=style)
    targets = frozenset([urls.article("a")] + [urls.entry(term.section, term.id) for term in TERMS])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFLINE", STYLES[style])
        assert converted(article, html, style, targets) == converted(article, markdown, style, targets)


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("Write to <1a@b.co> now.", None),  # an autolink: Python-Markdown writes it by its own rules
        ('The cafe\u0301"old" place is here.', '"old" place'),  # no highlight opens after a combining mark
        ("See [x](HTTPS://example.org/a) and [y](Mailto:a@b.co) now.", None),  # another site, in any case
        ("A (quoted words) here.", "quoted words"),  # a highlight after punctuation
    ],
)
def test_found_in_review_converts_as_its_markdown_does(body: str, quote: str | None) -> None:
    article = article_of(body, notes=(note(0, quote),) if quote else ())
    assert not article_problems(parse(article.body))
    matcher, targets = link.build_matcher(TERMS), frozenset({"articles/a.md"})
    markdown, html = link.link_article(article, matcher), link.link_article(article, matcher, style="folders")
    assert converted(article, html, "folders", targets) == converted(article, markdown, "folders", targets)
    assert all(address == "" for address, _ in converted(article, html, "folders", targets)[4])


def test_a_paragraph_with_an_id_a_heading_could_take_stays_markdown() -> None:
    """A paragraph holding an id that a heading of the article could be given (the title "Term SPI" and the
    glossary link's `term-spi`) is left to Markdown: MkDocs, converting a page itself, shows the table of
    contents only the ids of what it converts."""
    article = article_of("The SPI met.\n\nThe talks ended.", "Term SPI")
    linked = link.link_article(article, link.build_matcher(TERMS), style="folders")
    assert linked.body.startswith("The [SPI](../glossary/spi.md") and '\n<p id="p-the-talks-ended-' in linked.body
    html = converted(article, linked, "folders", frozenset({"articles/a.md", "glossary/spi.md"}))[0]
    assert '<h1 id="term-spi_1">' in html and 'id="term-spi" title=' in html


def test_headings_ids_are_unique_among_the_ids_of_paragraphs_set_aside() -> None:
    """The conversion shows the table of contents the ids in the paragraphs it sets aside: a heading whose id
    one of them has gets another, as it would had the paragraph been converted."""
    setting, targets = read_setting(REPO, "folders"), frozenset({"articles/a.md"})
    as_html = '<p id="p-x">Text <a href="#ref" id="notes">1</a>.</p>\n\n## Notes\n\n<p id="ref">R.</p>\n'
    as_markdown = "Text [1](#ref){#notes}.\n{: #p-x }\n\n## Notes\n\nR.\n{: #ref }\n"
    made = [convert_page("articles/a.md", text, (), setting, Report(), targets) for text in (as_html, as_markdown)]
    assert '<h2 id="notes_1">' in made[0].html and made[0].toc == made[1].toc and made[0].ids == made[1].ids
    assert _blocks_apart(made[0].html) == made[1].html


def test_paragraphs_are_written_as_html_only_for_the_extensions_they_are_written_for(tmp_path: Path) -> None:
    """mkdocs.yml's extensions are those the writer is made for; another (`smarty` would read `'` and `--` as
    typographic quotes and dashes), or `pymdownx.mark` configured otherwise, leaves every paragraph Markdown."""
    setting = read_setting(REPO, "folders")
    assert setting is not None and link.writes_for(setting.extensions, setting.extension_configs)
    assert not link.writes_for([*setting.extensions, "smarty"], setting.extension_configs)
    assert not link.writes_for(setting.extensions, {"pymdownx.mark": {"smart_mark": True}})
    assert not link.writes_for([name for name in setting.extensions if name != "attr_list"], {})
    root = tmp_path / "repo"
    for folder in ("articles", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("glossary.yml", "people.yml", "timeline.yml"):
        shutil.copy2(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    page = f"articles/{ASIA_TIMES}.md"
    assert '\n<p id="p-' in pipeline.render_pages(root)[page]
    (root / "mkdocs.yml").write_text(config.replace("  - admonition\n", "  - admonition\n  - smarty\n"), "utf-8")
    assert '\n<p id="p-' not in pipeline.render_pages(root)[page]


def test_paragraphs_are_set_aside_however_many_a_page_has(monkeypatch) -> None:
    """Every block is put back after one conversion: with ten or more, none is taken for another's start."""
    from build_tools.convert import page as converting

    calls = []
    real = converting._converted
    monkeypatch.setattr(converting, "_converted", lambda *args: calls.append(args[6]) or real(*args))
    text = "".join(f'<p id="p-{number}">Paragraph {number}.</p>\n\n' for number in range(12))
    made = convert_page("articles/a.md", text, (), read_setting(REPO, "folders"), Report(), frozenset())
    assert len(calls) == 1 and "<p" not in calls[0]  # one conversion, of placeholders only
    assert made.ids == {f"p-{number}" for number in range(12)}
