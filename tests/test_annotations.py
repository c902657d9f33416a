"""Annotations: loading, anchoring to exact words, sanitising, rendering."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, Project

from build_tools import pipeline
from build_tools.errors import BuildFailed

BODY = (
    ARTICLE
    + """
He said: “It isn't over — not yet.” The SPI was
praised, and the SPI was criticised.

Another paragraph with *emphasised words* and [a link](https://example.org/x) here.
"""
)

NOTE = """\
  - id: {id}
    quote: {quote}
    note: A note about it, with [a source link](https://example.org/n).
    author: octocat
    kind: context
    sources:
      - title: Source
        url: https://example.org/s
"""


def annotations(*entries: str) -> str:
    return "# yaml-language-server: $schema=../build_tools/schemas/annotations.schema.json\nannotations:\n" + "".join(
        entries
    )


def note(note_id: str, quote: str, extra: str = "") -> str:
    return NOTE.format(id=note_id, quote=quote) + extra


def setup(project: Project, *entries: str) -> None:
    project.article("talks", BODY)
    project.write("articles/talks.annotations.yml", annotations(*entries))


def errors(project: Project) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        pipeline.render_pages(project.root)
    return [str(error) for error in failed.value.errors]


def page(project: Project) -> str:
    return pipeline.render_pages(project.root)["articles/talks.md"]


def test_exact_quote_is_marked_and_numbered_in_reading_order(project: Project) -> None:
    setup(project, note("second", "touched on operational control again"), note("first", "Officials met"))
    text = page(project)
    assert "==Officials met==[](#note-first){#ref-first" in text  # an empty link: its number is drawn by CSS
    assert "==touched on operational control again==[](#note-second" in text
    assert '{#ref-first .bx-note-ref aria-label="Annotation 1" data-note="1"}' in text
    assert '{#ref-second .bx-note-ref aria-label="Annotation 2" data-note="2"}' in text
    assert text.index("### 1. “Officials met” {#note-first}") < text.index("### 2. “touched on operational")
    assert "*Context* · by [@octocat](https://github.com/octocat)" in text
    assert "**Sources:** [Source](https://example.org/s)" in text
    assert "[Back to the text](#ref-first" in text


@pytest.mark.parametrize(
    "quote",
    [
        "'He said: \"It isn''t over - not yet.\"'",  # straight quotes and a hyphen for the curly ones and the dash
        '"It isn\'t over —   not   yet.”"',  # extra spaces
        "'The SPI was praised'",  # a line break in the source
    ],
)
def test_whitespace_quote_style_and_dashes_are_forgiven(project: Project, quote: str) -> None:
    setup(project, note("n", quote))
    assert "](#note-n" in page(project)


def test_nothing_else_is_fuzzy(project: Project) -> None:
    setup(project, note("n", "Officials meet"))
    (message,) = errors(project)
    assert message.startswith("articles/talks.annotations.yml:3: quote “Officials meet” not found in articles/talks.md")
    assert "hint: closest passage, articles/talks.md:11: “Officials met”" in message


def test_ambiguous_quote_lists_every_place(project: Project) -> None:
    setup(project, note("n", "SPI was"))
    (message,) = errors(project)
    assert "quote “SPI was” occurs 2 times in articles/talks.md (lines 15, 15)" in message
    assert "add `prefix:` or `suffix:`" in message


@pytest.mark.parametrize("extra", ["    prefix: praised, and the\n", "    suffix: criticised\n"])
def test_prefix_or_suffix_picks_one_match(project: Project, extra: str) -> None:
    setup(project, note("n", "SPI was", extra))
    text = page(project)
    assert "praised, and the ==SPI was==[](#note-n" in text


def test_quotes_may_span_emphasis_but_not_end_inside_a_link(project: Project) -> None:
    setup(project, note("ok", "Officials met"), note("bad", "emphasised words and a"))
    (message,) = errors(project)
    assert message.startswith("articles/talks.annotations.yml:11: quote of 'bad' starts or ends inside a link or code")


def test_emphasis_inside_a_quote_nests_properly(project: Project) -> None:
    setup(project, note("n", "with emphasised words"))
    assert "==with *emphasised words*==[](#note-n" in page(project)


def test_overlapping_annotations_are_refused(project: Project) -> None:
    setup(project, note("a", "Officials met for the"), note("b", "for the Security Policy Initiative"))
    (message,) = errors(project)
    assert message.startswith("articles/talks.annotations.yml:11: annotation 'b' overlaps annotation 'a'")


def test_term_links_never_cross_a_note(project: Project) -> None:
    setup(project, note("n", "Officials met for the Security"))
    text = page(project)
    assert "==Officials met for the Security==[](#note-n" in text
    assert "[SPI](../glossary/spi.md" in text  # the term is linked at its next mention instead


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    author: octocat\n", "", "articles/talks.annotations.yml:3: an annotation is missing required key 'author'"),
        ("    kind: context\n", "    kind: gossip\n", "articles/talks.annotations.yml:7: kind must be one of"),
        ("    author: octocat\n", "    author: not a handle\n", "articles/talks.annotations.yml:6: 'not a handle' is not"),
        ("url: https://example.org/s", "url: javascript:alert(1)//x.org", "articles/talks.annotations.yml:10: 'javascript:"),
        ("    sources:\n      - title: Source\n        url: https://example.org/s\n", "    sources: []\n",
         "articles/talks.annotations.yml:8: the list needs at least 1 item"),
        ("    kind: context\n", "    kind: context\n    colour: red\n", "articles/talks.annotations.yml:8: unknown key 'colour'"),
        ("    kind: context\n", "    kind: context\n    added: 2026-11\n", "articles/talks.annotations.yml:8: '2026-11' is not a full"),
    ],
)  # fmt: skip
def test_schema_errors_name_file_and_line(project: Project, old: str, new: str, expected: str) -> None:
    entry = note("n", "Officials met")
    assert old in entry
    setup(project, entry.replace(old, new))
    assert any(m.startswith(expected) for m in errors(project)), errors(project)


def test_duplicate_ids_and_orphan_files(project: Project) -> None:
    setup(project, note("n", "Officials met"), note("n", "touched on"))
    project.write("articles/gone.annotations.yml", annotations(note("x", "y")))
    messages = errors(project)
    assert "articles/gone.annotations.yml: no article gone.md for these annotations" in messages[0]
    assert messages[1].startswith("articles/talks.annotations.yml:11: duplicate annotation id 'n' (first on line 3)")


INJECTIONS = [
    ("<script>alert(1)</script>", "raw HTML is not allowed"),
    ("<img src=x onerror=alert(1)>", "raw HTML is not allowed"),
    ("[x](javascript:alert(1))", "links with the scheme 'javascript:' are not allowed"),
    ("[x](JavaScript:alert(1))", "links with the scheme 'javascript:' are not allowed"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "links with the scheme 'data:' are not allowed"),
    ('Text\n{: onclick="alert(1)" }', "attribute lists such as `{: ...}` are not allowed"),
    ("Text {#id .class}", "attribute lists such as `{: ...}` are not allowed"),
    ("Text\n\n[SPI]: https://evil.example", "definitions (`[x]: ...`) are not allowed"),
    ("Text\n\n*[SPI]: Something else", "definitions (`[x]: ...`) are not allowed"),
    ("![x](https://example.org/x.png)", "images are not allowed"),
    ("## A heading", "headings are not allowed"),
    ("x" * 10_001, "longer than 10,000 bytes"),
]


@pytest.mark.parametrize(("text", "problem"), INJECTIONS)
def test_unsafe_notes_are_refused_with_file_and_line(project: Project, text: str, problem: str) -> None:
    entry = note("n", "Officials met").replace(
        "    note: A note about it, with [a source link](https://example.org/n).\n",
        "    note: |-\n" + "".join(f"      {line}\n" for line in text.split("\n")),
    )
    setup(project, entry)
    messages = errors(project)
    assert any(m.startswith("articles/talks.annotations.yml:5: ") and problem in m for m in messages), messages


def test_term_pages_list_the_notes_that_explain_them(project: Project) -> None:
    setup(project, note("n", "Officials met"))
    project.write(
        "articles/talks.annotations.yml",
        annotations(note("n", "Officials met").replace("A note about it", "This is about operational control")),
    )
    pages = pipeline.render_pages(project.root)
    assert (
        "- [Annotation 1](../articles/talks.md#note-n) on *Talks in Seoul*: “Officials met”"
        in pages["glossary/opcon.md"]
    )
    assert "Annotation 1" not in pages["glossary/spi.md"]


def test_a_quote_starting_with_emphasis_opens_inside_it(project: Project) -> None:
    setup(project, note("n", "emphasised"))
    assert "*==emphasised==[](#note-n" in page(project)


def test_a_quote_crossing_the_edge_of_emphasis_is_refused(project: Project) -> None:
    setup(project, note("n", "paragraph with emphasised"))
    (message,) = errors(project)
    assert "quote of 'n' starts or ends inside a link or code" in message
    assert "cover the whole link or emphasis" in message
