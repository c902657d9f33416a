"""Field kinds: no field without one, and each kind's values escaped by their type in every output."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools import escape
from build_tools.load.fields import DOCUMENTS, PLAIN_TEXT
from build_tools.load.kinds import Field
from build_tools.load.shapes import Record
from build_tools.values import Identifier, Markdown, PlainText, PublishedDate, Url


def test_a_field_cannot_be_declared_without_a_kind() -> None:
    with pytest.raises(TypeError, match="declared without a kind"):
        Field("title", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="declared without a kind"):
        Field("title", str.strip)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="is not a Field"):
        Record(("title",), "a thing", dict)  # type: ignore[arg-type]
    assert Field("title", PLAIN_TEXT).kind is PLAIN_TEXT


def test_every_source_file_is_declared_with_a_schema() -> None:
    assert [document.schema for document in DOCUMENTS] == [
        "article.schema.json", "briefing.schema.json", "glossary.schema.json", "people.schema.json", "timeline.schema.json",
        "annotations.schema.json",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("*not emphasis* [not](a-link) <b>", r"\*not emphasis\* &#91;not&#93;(a-link) &lt;b&gt;"),
        ("{: onclick=x } {{ 7*7 }} ==mark== a|b", r"\{: onclick&#61;x \} \{\{ 7\*7 \}\} &#61;&#61;mark&#61;&#61; a\|b"),
        (
            "===Seoul=== [x]: javascript:alert(1)",
            "&#61;&#61;&#61;Seoul&#61;&#61;&#61; &#91;x&#93;: javascript:alert(1)",
        ),
        ("- not a list", r"\- not a list"),
        ("1994. Not a list either", r"1994\. Not a list either"),
        ("~~~ not a fence, nor \u00a0~~~ this", "&#126;&#126;&#126; not a fence, nor &#126;&#126;&#126; this"),
        ("AT&T\nsplit   lines", "AT&amp;T split lines"),
    ],
)
def test_plain_text_is_escaped_to_show_as_typed(text: str, markdown: str) -> None:
    assert escape.markdown(PlainText(text)) == markdown
    assert escape.markdown(text) == markdown  # a string of unknown origin counts as plain text


def test_checked_markdown_and_identifiers_go_in_as_they_are() -> None:
    assert escape.markdown(Markdown("*emphasis*")) == "*emphasis*"
    assert escape.markdown(Identifier("plan-5029")) == "plan-5029"
    with pytest.raises(ValueError, match="not an identifier"):
        Identifier("a b")


def test_anything_else_cannot_be_placed_in_a_page() -> None:
    with pytest.raises(TypeError, match="PublishedDate cannot be placed in a page"):
        escape.markdown(PublishedDate(2006))


@pytest.mark.parametrize(
    ("url", "destination"),
    [
        ("https://mnd.go.kr/final(eng)/page.html", "https://mnd.go.kr/final(eng)/page.html"),
        ("https://x.org/a)b{:onclick=x}", "https://x.org/a%29b%7B:onclick=x%7D"),
        ('https://x.org/"title"<x>', "https://x.org/%22title%22%3Cx%3E"),
        ("https://a.b/'(x)", "https://a.b/%27(x)"),
    ],
)
def test_urls_are_encoded_for_link_destinations(url: str, destination: str) -> None:
    assert escape.markdown(Url(url)) == destination


def test_other_outputs_escape_by_type() -> None:
    hostile = PlainText('</title><script>alert(1)</script> "q" \\ & more')
    assert (
        escape.front_matter(hostile)
        == '"&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; \\\\ &amp; more"'
    )
    assert (
        escape.tooltip(hostile)
        == "&lt;/title&gt;&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &quot;q&quot; &#92; &amp; more"
    )
    assert escape.html_text(hostile) == '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; "q" \\ &amp; more'
    document = escape.json_document({"title": hostile})
    assert "<" not in document and "&" not in document and json.loads(document)["title"] == hostile
    assert escape.html_text(Markdown("A [link](https://x.org) and *words*")) == "A link and words"


def test_templates_stay_strict_about_missing_names(tmp_path: Path) -> None:
    from build_tools.render.environment import new_environment

    (tmp_path / "page.md.j2").write_text("{{ title }}{{ ' · ' if subtitle }}{{ misspelt }}", encoding="utf-8")
    template = new_environment(tmp_path).get_template("page.md.j2")
    with pytest.raises(jinja2.UndefinedError, match="misspelt"):
        template.render(title=PlainText("*T*"), subtitle=None)
    assert template.render(title=PlainText("*T*"), subtitle=None, misspelt="") == r"\*T\*"


def test_templates_cannot_mark_text_safe_without_escaping_it(tmp_path: Path) -> None:
    from build_tools.render.environment import new_environment

    (tmp_path / "page.md.j2").write_text("{{ title | safe }}", encoding="utf-8")
    with pytest.raises(jinja2.TemplateAssertionError, match="safe"):
        new_environment(tmp_path).get_template("page.md.j2")


@pytest.mark.parametrize(
    ("html_text", "live"),
    [
        ('<a href="JaVa&#115;cript:alert(1)">y</a>', True),
        ('<a href="\tjavascript:alert(1)">y</a>', True),
        ('<img src="data:image/svg+xml,x">', True),
        ("<img src=x onerror=alert(1)>", True),
        ("<img src=x\nonerror\t=alert(1)>", True),
        ('<a href = "javascript&colon;alert(1)">y</a>', True),
        ("<p><script>alert(1)</script></p>", True),
        ('<p title="onmouseover=alert(1)">shown as text</p>', False),
        ('<p>metadata: fine; javascript: as a word</p><a href="../glossary/opcon/">OPCON</a>', False),
        ('<a href="https://example.org/a%27(x)">x</a><a href="#note-x">1</a><a href="mailto:a@b.org">m</a>', False),
    ],
)
def test_the_last_guard_finds_live_markup_in_rendered_pages(html_text: str, live: bool) -> None:
    assert bool(escape.live_markup(html_text)) == live


PIECES = ["<", ">", "=", " ", "\n", '"', "'", "a", "x", "-", "on", "href", "src", "data", "action", "poster",
          "background", "javascript:", "https://", "mailto:", "#", "/", "../", "<script", "<svg", "srcdoc",
          "formaction", "<a ", "dat", "ref"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_the_last_guard_s_quick_look_finds_what_a_search_of_every_place_finds(text: str) -> None:
    """The quick look tries an unusual address only where one of its attribute names starts, and finds every
    suspect word in one pass: it says what searching each word, and the address at every character, says."""
    everywhere = (
        any(word in text for word in escape._SUSPECT_WORDS)
        or escape._HANDLER.search(text) is not None
        or escape._UNUSUAL_ADDRESS.search(text) is not None
    )
    assert escape._suspect(text) == everywhere
