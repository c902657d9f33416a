"""Term linking rules, on tricky Markdown."""

from __future__ import annotations

import re

import pytest

from build_tools.entries import Alias, Sense, Term
from build_tools.link import build_matcher, link_article
from build_tools.models import Article, Source
from build_tools.values import PublishedDate


def term(term_id: str, *aliases: str) -> Term:
    return Term(
        id=term_id,
        name=aliases[0],
        expansion=None,
        short=f"Short {term_id}.",
        definition="Long.",
        aliases=tuple(Alias(a, exact_case=a.isupper()) for a in aliases),
        sense=Sense(),
        korean=None,
        related=(),
        sources=(Source("S", "https://example.org"),),
        line=1,
    )


TERMS = (
    term("spi", "SPI", "Security Policy Initiative"),
    term("plan-5029", "Plan 5029", "Concept Plan 5029", "CONPLAN 5029"),
    term("opcon", "OPCON", "operational control", "wartime operational control", "wartime command"),
    term("cfc", "CFC", "Combined Forces Command", "Korea-US Combined Forces Command"),
)


PASSAGE_IDS = re.compile(r'\n *\{: (?:#p-[a-z0-9-]+|data-bx-block="item") \}')  # and the mark of a list's item


def link(body: str) -> tuple[str, dict[str, int]]:
    article = Article(
        slug="a", path="articles/a.md", title="T", outlet="O", url=None, published=PublishedDate(2006),
        date_note=None, byline=None, language="en", summary="S", tags=("x",), capture_note=None,
        body=body, body_line=1,
    )  # fmt: skip
    linked = link_article(article, build_matcher(TERMS))
    body = PASSAGE_IDS.sub("", linked.body)  # each block's id or mark (test_passages.py) is not what these test
    return body, {m.key.removeprefix("glossary/"): m.count for m in linked.mentions}


def linked_ids(markdown: str) -> list[str]:
    return [part.split(".md")[0] for part in markdown.split("](../glossary/")[1:]]


def test_first_mention_is_linked_with_tooltip_and_anchor() -> None:
    body, counts = link("The SPI met. The SPI met again.\n")
    assert body == 'The [SPI](../glossary/spi.md "Short spi."){#term-spi} met. The SPI met again.\n'
    assert counts == {"spi": 2}


def test_longest_match_wins() -> None:
    body, _ = link("They discussed Concept Plan 5029 and the Korea-US Combined Forces Command.\n")
    assert "[Concept Plan 5029](../glossary/plan-5029.md" in body
    assert "[Korea-US Combined Forces Command](../glossary/cfc.md" in body


@pytest.mark.parametrize("text", ["SPIN doctors", "SPIs", "the spi", "xSPI", "Plan 50290", "Operational controller"])
def test_whole_words_and_case_rules(text: str) -> None:
    body, counts = link(f"{text} talk.\n")
    assert counts == {}
    assert body == f"{text} talk.\n"


def test_words_in_any_case_match_for_non_acronyms() -> None:
    body, _ = link("Operational Control matters.\n")
    assert body.startswith('[Operational Control](../glossary/opcon.md "Short opcon."){#term-opcon}')


def test_dashes_and_line_breaks_inside_an_alias_still_match() -> None:
    body, counts = link("The Korea–US Combined\nForces Command leads.\n")
    assert counts == {"cfc": 1}
    assert "[Korea–US Combined\nForces Command](../glossary/cfc.md" in body


def test_headings_links_code_and_images_are_never_linked() -> None:
    source = (
        "## The SPI heading\n\n"
        "See [the SPI site](https://example.org) and `SPI` and ![SPI logo](logo.png).\n\n"
        "Then the SPI itself.\n"
    )
    body, counts = link(source)
    assert body.startswith("## The SPI heading\n")
    assert "[the SPI site](https://example.org)" in body and "`SPI`" in body and "![SPI logo](logo.png)" in body
    assert 'Then the [SPI](../glossary/spi.md "Short spi."){#term-spi} itself.' in body
    assert counts == {"spi": 1}


def test_each_term_is_linked_once_and_in_order_of_appearance() -> None:
    body, counts = link("OPCON and the CFC. Then wartime command, the CFC and SPI.\n")
    assert linked_ids(body) == ["opcon", "cfc", "spi"]
    assert counts == {"opcon": 2, "cfc": 2, "spi": 1}


def test_mentions_inside_emphasis_are_linked() -> None:
    body, _ = link("*A caption about the CFC.*\n")
    assert body == '*A caption about the [CFC](../glossary/cfc.md "Short cfc."){#term-cfc}.*\n'


def test_snippet_keeps_context_around_the_mention() -> None:
    article_text = ("word " * 40) + "the SPI met " + ("later " * 40) + "\n"
    article = Article(
        slug="a", path="articles/a.md", title="T", outlet="O", url=None, published=PublishedDate(2006),
        date_note=None, byline=None, language="en", summary="S", tags=("x",), capture_note=None,
        body=article_text, body_line=1,
    )  # fmt: skip
    (mention,) = link_article(article, build_matcher(TERMS)).mentions
    assert mention.words == "SPI"
    assert mention.before.startswith("…word") and mention.before.endswith("word the ")
    assert mention.after.startswith(" met later") and mention.after.endswith("…")
    assert len(mention.before) < 100 and len(mention.after) < 100


def test_text_that_looks_like_markdown_survives() -> None:
    source = "A *b* and 1950. Also \\*stars\\* and [x][ref].\n\n[ref]: https://example.org\n"
    body, _ = link(source)
    # a reference link is written inline: a definition's address and title would be written unescaped
    assert body == "A *b* and 1950. Also \\*stars\\* and [x](https://example.org).\n"


def test_what_python_markdown_reads_differently_is_written_so_both_read_it_alike() -> None:
    source = "Seoul, March 9  \n(Yonhap)\n\n- agreed:\n  - a timetable\n\n  Both signed.\n\n1) first\n"
    body, _ = link(source)
    assert (
        body
        == "Seoul, March 9<br />\n(Yonhap)\n\n-   agreed:\n\n    -   a timetable\n\n    Both signed.\n\n1.  first\n"
    )


def test_a_look_alike_letter_is_not_the_word_it_resembles() -> None:
    """Words are compared case folded: the dotless ı of 'wartıme' (as in Turkish) is not the i of 'wartime',
    so only the shorter alias after it links."""
    body, counts = link("Talks on wartıme operational control went on.\n")
    assert "Talks on wartıme [operational control](../glossary/opcon.md" in body and counts == {"opcon": 1}
