"""Hostile pull requests, class by class: bounded work, sources as the only input, all or nothing on disk,
nothing silently ignored, output that cannot be forged. Each class is covered by construction (generated
phrases, texts and names, every kind of special file...), not only by the examples that found it.

This module holds the first class: the work done on contributed text is bounded. It is proved by counting
(the automaton's steps, the symbols read) and by construction (no regular expression is ever built from
contributed text), never by timing. The other classes are in `test_hostile_*.py`.
"""

from __future__ import annotations

import re

import pytest
from conftest import ARTICLE, GLOSSARY, Project, dedent
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools import pipeline
from build_tools.config import MAX_NESTED_PHRASES
from build_tools.errors import BuildFailed, Report
from build_tools.link import anchor as anchoring
from build_tools.models import Annotation, ArticleText, Source
from build_tools.phrases import LINKING, QUOTING, SPACE, Automaton, PhraseSet, Spans, tokenize
from build_tools.values import Identifier, Markdown, PlainText, Url

ALPHABET = "ab -–'’.\n"
"""Few characters, so generated phrases and texts meet often: words, dashes, apostrophes, spaces."""
phrases_st = st.text(ALPHABET, min_size=1, max_size=12).filter(lambda p: tokenize(p).symbols)
texts_st = st.text(ALPHABET, max_size=80)


class Counting(dict):
    """A trie node's transitions, counting every lookup the automaton makes."""

    lookups = 0

    def get(self, *args):  # type: ignore[override]
        Counting.lookups += 1
        return super().get(*args)

    def __contains__(self, key: object) -> bool:
        Counting.lookups += 1
        return super().__contains__(key)


def counted(automaton: Automaton) -> Automaton:
    automaton.goto = [Counting(node) for node in automaton.goto]
    Counting.lookups = 0
    return automaton


def naive(patterns: list[list[str]], symbols: list[str]) -> set[tuple[int, int]]:
    """Every (last symbol, pattern) occurrence, by comparing every pattern at every place."""
    return {
        (start + len(pattern) - 1, index)
        for index, pattern in enumerate(patterns)
        for start in range(len(symbols) - len(pattern) + 1)
        if pattern and symbols[start : start + len(pattern)] == pattern
    }


def occurrences(automaton: Automaton, symbols: list[str]) -> set[tuple[int, int]]:
    """(last symbol, pattern) of every occurrence the automaton reports (a node stands for its patterns)."""
    return {(last, pattern) for last, node in automaton.scan(symbols) for pattern in automaton.ends[node]}


@settings(max_examples=300, deadline=None)
@given(st.lists(phrases_st, min_size=1, max_size=6), texts_st)
def test_the_automaton_finds_what_comparing_everywhere_finds(phrases: list[str], text: str) -> None:
    patterns = [tokenize(phrase).symbols for phrase in phrases]
    symbols = tokenize(text).symbols
    assert occurrences(Automaton(patterns), symbols) == naive(patterns, symbols)


@settings(max_examples=200, deadline=None)
@given(st.lists(phrases_st, min_size=1, max_size=30), texts_st, st.integers(1, 40))
def test_the_work_grows_with_the_text_whatever_the_phrases(phrases: list[str], text: str, times: int) -> None:
    """Each symbol of the text costs at most three lookups (one step forward; failure steps are paid for by
    earlier steps forward) and at most `nesting` reports: the phrases that can end at one place."""
    patterns = [tokenize(phrase).symbols for phrase in phrases]
    symbols = tokenize(text * times).symbols
    automaton = counted(Automaton(patterns))
    reports = list(automaton.scan(symbols))
    assert Counting.lookups <= 3 * len(symbols) + 1
    assert len(reports) <= len(symbols) * automaton.nesting
    assert automaton.nesting <= len({tuple(p) for p in patterns if p})


def test_phrases_nested_past_the_limit_find_nothing_and_are_refused(project: Project) -> None:
    """x, x x, x x x...: every place of a text of x's would report each of them. Past the limit the set finds
    nothing, and the glossary and the article's own rules are refused, at the line of the first phrase."""
    nested = [" ".join(["x"] * size) for size in range(1, MAX_NESTED_PHRASES + 2)]
    assert PhraseSet([(words, False) for words in nested[:-1]]).nesting == MAX_NESTED_PHRASES
    too_many = PhraseSet([(words, False) for words in nested])
    assert too_many.nesting == MAX_NESTED_PHRASES + 1 and too_many.find_all(tokenize("x " * 1000)) == []
    same = PhraseSet([("x", False)] * 300)  # written alike: one place, one report
    assert same.nesting == 1 and len(same.find_all(tokenize("x " * 1000))) == 1000
    aliases = ", ".join(f"'{words}'" for words in nested)
    project.write(
        "glossary.yml", GLOSSARY.replace("aliases: [SPI, Security Policy Initiative]", f"aliases: [{aliases}]")
    )
    skips = ", ".join(f"'{words}'" for words in nested)
    project.article("talks", ARTICLE.replace("tags: [opcon]", f"tags: [opcon]\nlinks: {{skip: [{skips}]}}"))
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    found = [(e.path, e.message.split(" (")[0]) for e in failed.value.errors if "one within another" in e.message]
    assert found == [
        (
            "articles/talks.md",
            f"more than {MAX_NESTED_PHRASES} `links: skip:` phrases end one within another at one place",
        ),
        ("glossary.yml", f"more than {MAX_NESTED_PHRASES} aliases end one within another at one place"),
    ]


@pytest.mark.parametrize("dashes", [8, 12, 30, 200])
def test_a_phrase_of_spaced_dashes_over_a_near_match_reads_each_symbol_once(dashes: int) -> None:
    """The example that hung CI: a `links: skip:` phrase of spaced dashes, over a paragraph with a near match
    (backtracking took 110 s at 10 dashes). Spaces around dashes do not count, so the phrase is `dashes`
    dash symbols; the paragraph holds one fewer, then a word, many times over."""
    phrase = " ".join(["-"] * dashes)
    text = ("    ".join(["-"] * (dashes - 1)) + "    x\n") * 200
    found = PhraseSet([(phrase, False)])
    ((automaton, _),) = found.automata
    counted(automaton)
    tokens = tokenize(text)
    assert found.find_all(tokens) == []
    assert Counting.lookups <= 3 * len(tokens.symbols) + 1


def test_tokens_compare_as_the_rules_say() -> None:
    """Linking: any dash, spaced or not, is one; apostrophes are one; whitespace runs are one space.
    Quoting: curly and straight quotes are one too, and spacing around a dash counts."""
    assert tokenize("ROK – US  talks").symbols == ["ROK", "-", "US", SPACE, "talks"] == tokenize("ROK-US talks").symbols
    assert tokenize("Japan’s").symbols == tokenize("Japan's").symbols == tokenize("Japanʼs").symbols
    assert tokenize("“ROK - US”", QUOTING).symbols == ['"', "ROK", SPACE, "-", SPACE, "US", '"']
    assert tokenize("ROK-US", QUOTING).symbols != tokenize("ROK - US", QUOTING).symbols
    assert tokenize("  a\n\t b ", LINKING).symbols == ["a", SPACE, "b"]  # no space at either end


def test_whole_words_and_case() -> None:
    phrases = PhraseSet([("CFC", True), ("wartime command", False), ("'s", False)])
    found = [(m.start, m.end, m.phrase) for m in phrases.find_all(tokenize("CFCs, cfc, CFC; Wartime\nCommand"))]
    assert found == [(11, 14, 0), (16, 31, 1)]  # not inside "CFCs", not "cfc" (capitals only)
    assert phrases.find_all(tokenize("Korea's")) == []  # a phrase starting with a sign is still a whole word


def test_no_regular_expression_is_ever_built_from_contributed_text(project: Project, monkeypatch) -> None:
    """By construction: every alias, cue, exclusion, `links:` phrase and quote of a run is matched without a
    regular expression, so none can backtrack. Every pattern compiled during a check is recorded."""
    marker = "zqxj"
    project.write("glossary.yml", project.root.joinpath("glossary.yml").read_text(encoding="utf-8").replace(
        "aliases: [SPI, Security Policy Initiative]",
        f"aliases: [SPI, Security Policy Initiative, {marker} - - alias]\n    not: [{marker} - - alias - - not]",
    ))  # fmt: skip
    project.article("talks", dedent(f"""
        ---
        title: Talks {marker}
        outlet: Example News
        published: 2006-03
        language: en
        summary: Officials met ({marker} cue).
        tags: [opcon]
        links:
          skip: [{marker} - - - - skip]
          link: [{{words: {marker} - - link, to: spi}}]
        ---

        Officials met for the Security Policy Initiative, {marker} - - alias, {marker} - - - - skip, {marker} - - link.
        """))  # fmt: skip
    project.write("articles/talks.annotations.yml", dedent(f"""
        annotations:
          - id: a-note
            quote: "{marker} - - alias"
            prefix: Initiative,
            note: A note.
            author: octocat
            kind: context
            sources: [{{title: S, url: 'https://example.org/s'}}]
        """))  # fmt: skip
    compiled: list[str] = []
    original = re._compile

    def recording(pattern, flags):  # type: ignore[no-untyped-def]
        compiled.append(str(pattern))
        return original(pattern, flags)

    monkeypatch.setattr(re, "_compile", recording)
    re.purge()
    pipeline.check(project.root)
    assert compiled and not [pattern for pattern in compiled if marker in pattern]


def test_checking_many_notes_reads_the_article_once(monkeypatch) -> None:
    """N notes are looked for in one pass over each paragraph: the symbols read do not grow with N, and notes
    quoting alike (the same words, N times) cost one report per place, not N."""
    words = [f"word{number:03d}" for number in range(100)]
    body = "\n\n".join(" ".join(words[i : i + 10]) for i in range(0, 100, 10))
    blocks = [anchoring.Block(paragraph, 1) for paragraph in body.split("\n\n")]
    read: list[int] = []
    reports: list[int] = []
    scan = Automaton.scan

    def counting(self, symbols):  # type: ignore[no-untyped-def]
        read.append(len(symbols))
        for found in scan(self, symbols):
            reports.append(1)
            yield found

    monkeypatch.setattr(Automaton, "scan", counting)
    symbols = sum(len(tokenize(block.plain, QUOTING).symbols) for block in blocks)
    for notes in (1, 10, 100):
        text = ArticleText(Identifier("x"), "articles/x.md", body, 1, tuple(_note(words[i]) for i in range(notes)))
        read.clear()
        assert len(anchoring.anchor_all(text, blocks, Report())) == notes
        assert sum(read) <= symbols  # one pass at most (blocks no note can start in are not even cut)
    for notes in (10, 1000):  # the same quote: one pattern, reported once per place; each note told where
        text = ArticleText(Identifier("x"), "articles/x.md", body, 1, tuple(_note(words[7], n) for n in range(notes)))
        reports.clear()
        report = Report()
        assert len(anchoring.anchor_all(text, blocks, report)) == 1  # the first; the others overlap it
        assert [e.message.split(" overlaps")[0] for e in report.errors] == [
            f"annotation 'n-word007-{n}'" for n in range(1, notes)
        ]
        assert len(reports) == 1


def _note(quote: str, number: int = 0) -> Annotation:
    return Annotation(
        Identifier(f"n-{quote}-{number}"), PlainText(quote), None, None, Markdown("A note."), Identifier("octocat"),
        (Source(PlainText("S"), Url("https://example.org")),), Identifier("context"), None, "articles/x.annotations.yml", 1,
    )  # fmt: skip


def test_a_hostile_links_rule_is_refused_or_linked_never_hangs(project: Project) -> None:
    """The examples of the issue, end to end through `make check`'s code: they finish and say what is wrong."""
    project.article("talks", dedent("""
        ---
        title: Talks
        outlet: Example News
        published: 2006-03
        language: en
        summary: Officials met.
        tags: [opcon]
        links:
          skip: ["- - - - - - - - - - - -"]
        ---

        Officials met - - - - - - - - - - - x for the SPI talks.
        """))  # fmt: skip
    with pytest.raises(BuildFailed) as failed:
        pipeline.check(project.root)
    assert [str(e) for e in failed.value.errors] == [
        "articles/talks.md:9: links: “- - - - - - - - - - - -” does not occur in the article's text\n"
        "    hint: copy the words as the article writes them (headings and the text of links are not linked)"
    ]


def test_entries_sharing_a_cue_cost_the_cues_found_plus_the_entries(project: Project, monkeypatch) -> None:
    """N entries whose weak aliases share one cue, in an article whose title holds that cue M times: each
    place is looked at once for all entries, so the work is M + N lookups, not M x N (34 s at N = 800)."""
    calls = [0]
    containing = Spans.containing

    def counting(self, start, end):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return containing(self, start, end)

    monkeypatch.setattr(Spans, "containing", counting)
    for entries, cues in ((100, 400), (400, 400), (400, 1600)):
        terms = "".join(f"  - id: zt{n}\n    name: Zname{n}\n    short: s.\n    definition: d.\n    aliases: [Zalias{n}]\n"
                        f"    weak_aliases: [w{n}]\n    cues: [Kq]\n    sources: [{{title: s, url: 'https://example.org/'}}]\n"
                        for n in range(entries))  # fmt: skip
        project.write("glossary.yml", GLOSSARY + terms)
        title = " ".join(["Kq"] * cues)
        body = " ".join(f"w{n}" for n in range(entries))
        project.article("talks", ARTICLE.replace("title: Talks in Seoul", f"title: {title}") + f"\n{body}.\n")
        calls[0] = 0
        pipeline.check(project.root)
        assert calls[0] <= 3 * (entries + cues), (entries, cues, calls[0])
