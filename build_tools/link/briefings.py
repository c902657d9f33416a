"""Linking a briefing: its quotations found in the articles, its footnotes numbered, its first mentions linked.

A quotation is a link to `archive:<slug>` whose text is words of that article, found by the
rules a note's quote is found by (`anchor`: whitespace, quote marks and dashes may differ,
nothing else), in one paragraph, once. It is written as a link to that paragraph's `#p-…`
address: in running text the words in quotation marks, in a `>` block the words and a line
naming the article. A quotation that is not found, or found more than once, is a problem at its
line of the briefing, with the closest passage; so an edit to an article that breaks a briefing's
quotation fails the build (and `make check`) naming the briefing. `[^id]` cites a footnote of the
front matter; every paragraph and list item cites one or quotes an article.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from build_tools import urls
from build_tools.errors import Report
from build_tools.link.anchor import SHOWN_PLACES, SUGGESTIONS, Block, Places, closest_passage, find_places
from build_tools.link.footnotes import cite_footnotes
from build_tools.link.html import write_paragraphs
from build_tools.link.matcher import TermMatcher
from build_tools.link.models import LinkDecision, LinkedBriefing, NumberedFootnote, Quotation
from build_tools.link.passages import mark_items, mark_passages
from build_tools.link.selectors import passage_blocks
from build_tools.link.terms import TermLinker
from build_tools.link.tokens import attribute_list, linkable_inlines, plain_text, text_tokens
from build_tools.load.sanitize import quoted_slug
from build_tools.markdown import Parsed, new_parser, parse, render
from build_tools.models import Annotation, Article, Briefing
from build_tools.text import shortened as short
from build_tools.values import SLUG, Identifier, Markdown, PlainText

OPENING_MARKS = ('"', "“", "'", "‘", "«", "„")
"""Quotation marks a briefing may write before an inline quotation itself: the build then adds none."""
UNSOURCED = "add `[^id]` after the statement, citing a footnote whose sources say it, or quote an article"


@dataclass
class _Quoted:
    """A quotation as the briefing writes it, before it is found."""

    slug: str
    words: str
    line: int
    block: bool
    inline: Token
    opening: Token
    """Its `link_open` among the inline's children."""


def quoted_slugs(parsed: Parsed) -> tuple[str, ...]:
    """The articles a briefing's text quotes (by what follows `archive:`), in order, each once; `parsed` unchanged."""
    found = (
        quoted_slug(str(child.attrs.get("href") or ""))
        for inline in linkable_inlines(parsed.tokens)
        for child in inline.children or []
        if child.type == "link_open"
    )
    return tuple(dict.fromkeys(slug for slug in found if slug is not None))


def link_briefing(
    briefing: Briefing,
    parsed: Parsed | None,
    articles: Mapping[str, Article],
    known: Collection[str],
    matcher: TermMatcher,
    style: str | None,
    report: Report,
    log: list[LinkDecision] | None = None,
) -> LinkedBriefing:
    """`briefing` linked (on the parse of its text loading made, which this uses up; parsed anew when None, as when
    only an article it quotes changed); every problem reported.
    `articles`: the valid articles by slug; `known`: every article the sources define (one with problems is
    reported as itself, and its quotations are not looked for). Given a `log`, every decision about an alias is
    added to it (`python -m build_tools links`)."""
    page = urls.briefing(briefing.slug)
    parsed = parsed if parsed is not None else parse(briefing.body)
    tokens = parsed.tokens
    inlines, quoted, found, numbers = _checked(briefing, parsed, articles, known, report)
    ids = passage_blocks(inlines, mark_passages(tokens))  # of the briefing's words alone: no quoted article's date
    for item in quoted:
        article = articles.get(item.slug)
        if article is not None:
            _write_quotation(item, article, found.get(id(item)), page)
    linker = TermLinker(briefing.slug, matcher, matcher.context(briefing), log, page=page)
    for inline in inlines:
        inline.children = linker.link_children(inline.children or [], briefing.body_line + inline.map[0])
    mark_items(tokens)
    if style is not None:
        write_paragraphs(tokens, page, style, briefing.title)
    body = render(new_parser(), tokens, parsed.env)
    positions = {id(inline): index for index, inline in enumerate(inlines)}
    quotations = tuple(
        Quotation(q.slug, q.words, found.get(id(q)), q.line, q.block, ids.get(positions[id(q.inline)])) for q in quoted
    )
    by_id = {note.id: note for note in briefing.footnotes}
    footnotes = tuple(NumberedFootnote(number, by_id[name]) for name, number in numbers.items())
    return LinkedBriefing(briefing, body, tuple(linker.found), quotations, footnotes)


def check_briefing(
    briefing: Briefing, parsed: Parsed, articles: Mapping[str, Article], known: Collection[str], report: Report
) -> None:
    """A briefing whose essay broke the rules (a draft, never rendered): its quotations looked for and its footnotes
    checked all the same, on the parse its rules read, so their problems show in the same run."""
    _checked(briefing, parsed, articles, known, report)


def _checked(
    briefing: Briefing, parsed: Parsed, articles: Mapping[str, Article], known: Collection[str], report: Report
) -> tuple[list[Token], list[_Quoted], dict[int, str | None], dict[str, int]]:
    """The paragraphs' and list items' inline tokens (footnote references made links), the quotations, the passage
    of each found, and the footnotes' numbers; every problem reported."""
    inlines = list(linkable_inlines(parsed.tokens))
    blocks = _blocks_of(parsed.tokens)
    quoted = [found for inline in inlines for found in _quotations(briefing, inline, blocks)]
    found = _find(briefing, quoted, articles, known, report)
    numbers = cite_footnotes(briefing, inlines, report)
    _check_sourced(briefing, inlines, quoted, blocks, report)
    return inlines, quoted, found, numbers


def _blocks_of(tokens: list[Token]) -> set[int]:
    """`id()` of each inline token that is a `>` block's only paragraph (a block quotation, if a quotation is
    all it holds)."""
    alone = set()
    for index in range(2, len(tokens) - 2):
        before, after = tokens[index - 2], tokens[index + 2]
        if tokens[index].type == "inline" and before.type == "blockquote_open" and after.type == "blockquote_close":
            alone.add(id(tokens[index]))
    return alone


def _quotations(briefing: Briefing, inline: Token, blocks: set[int]) -> Iterator[_Quoted]:
    children = inline.children or []
    line = briefing.body_line + inline.map[0]
    links = [index for index, child in enumerate(children) if child.type == "link_open"]
    for start in links:
        slug = quoted_slug(str(children[start].attrs.get("href") or ""))
        if slug is None:
            continue
        end = next(index for index in range(start, len(children)) if children[index].type == "link_close")
        words = plain_text(children[start + 1 : end])
        rest = children[:start] + children[end + 1 :]
        block = id(inline) in blocks and not plain_text(rest).strip()
        yield _Quoted(slug, words, line + plain_text(children[:start]).count("\n"), block,
                      inline, children[start])  # fmt: skip


def _find(
    briefing: Briefing, quoted: list[_Quoted], articles: Mapping[str, Article], known: Collection[str], report: Report
) -> dict[int, str | None]:
    """The passage id (None in a list item) of each quotation found once, by `id()` of the quotation; every other
    reported at its line."""
    passages: dict[int, str | None] = {}
    by_article: dict[str, list[_Quoted]] = {}
    hint = f"write archive: then an article's file name without .md (articles: {_some(known)})"
    for item in quoted:
        if not SLUG.fullmatch(item.slug) or item.slug not in known:
            message = f"quotation of {item.slug!r}, which is no article of the archive"
            report.add(briefing.path, item.line, message, hint)
        elif not item.words.strip():
            report.add(briefing.path, item.line, "a quotation without words", "copy the words from the article")
        elif item.slug in articles:
            by_article.setdefault(item.slug, []).append(item)
    for slug, items in by_article.items():
        passages.update(_found_in(briefing, articles[slug], items, report))
    return passages


def _some(known: Collection[str]) -> str:
    """A few article slugs for a hint: the first three in order, found in one pass."""
    return short(", ".join(heapq.nsmallest(3, known)) or "none yet", 120)


def _found_in(briefing: Briefing, article: Article, items: list[_Quoted], report: Report) -> dict[int, str | None]:
    """Each quotation of `article` looked for in its paragraphs and list items, all in one pass."""
    parsed = parse(article.body)
    inlines = list(linkable_inlines(parsed.tokens))
    blocks = [Block(plain_text(inline.children or []), article.body_line + inline.map[0]) for inline in inlines]
    ids = passage_blocks(inlines, mark_passages(parsed.tokens))
    notes = tuple(_as_note(briefing, number, item) for number, item in enumerate(items))
    places = find_places(notes, blocks, report) or {}
    passages: dict[int, str | None] = {}
    suggested = 0
    for number, item in enumerate(items):
        here = places.get(number, Places(0, []))
        if here.count == 1:
            passages[id(item)] = ids.get(here.first[0][0])
            continue
        suggested += not here.count  # each closest passage costs a pass over the article: at most SUGGESTIONS
        _refuse(briefing, article, item, here, blocks, report, suggest=suggested <= SUGGESTIONS)
    return passages


def _as_note(briefing: Briefing, number: int, item: _Quoted) -> Annotation:
    """A quotation as the words a note anchors (`anchor.find_places` looks for those)."""
    return Annotation(
        Identifier(f"quotation-{number + 1}"), PlainText(" ".join(item.words.split())), None, None, Markdown(""),
        Identifier("briefing"), (), Identifier("context"), None, briefing.path, item.line,
    )  # fmt: skip


def _refuse(
    briefing: Briefing, article: Article, item: _Quoted, here: Places, blocks: list[Block], report: Report, *,
    suggest: bool,
) -> None:  # fmt: skip
    quote = short(" ".join(item.words.split()), 80)
    if not here.count:
        best = closest_passage(item.words, blocks) if suggest else None
        hint = f"closest passage, {article.path}:{best[0]}: “{short(best[1], 80)}”" if best else "copy the words"
        message = f"quotation “{quote}” not found in {article.path} (words of one paragraph, as written there)"
        report.add(briefing.path, item.line, message, hint)
        return
    lines = ", ".join(str(blocks[block].line) for block, _, _ in here.first[:SHOWN_PLACES])
    lines += ", …" if here.count > SHOWN_PLACES else ""
    message = f"quotation “{quote}” occurs {here.count} times in {article.path} (lines {lines})"
    report.add(briefing.path, item.line, message, "quote more of the words around the one you mean, so they occur once")


def _check_sourced(
    briefing: Briefing, inlines: list[Token], quoted: list[_Quoted], blocks: set[int], report: Report
) -> None:
    """Every paragraph and list item cites a footnote or quotes an article (a block quotation is its own
    source)."""
    quoting = {id(item.inline) for item in quoted}
    for inline in inlines:
        children = inline.children or []
        cites = any(child.meta.get("archive") and child.type == "link_open" for child in children)
        if cites or id(inline) in quoting or not plain_text(children).strip():
            continue
        line = briefing.body_line + inline.map[0]
        report.add(briefing.path, line, "this paragraph cites no source", UNSOURCED)


def _write_quotation(item: _Quoted, article: Article, passage: str | None, page: str) -> None:
    """The quotation's link made a link to its passage (in place): the words in quotation marks in running text;
    in a block, the words, then a line naming the article."""
    children = item.inline.children or []
    start = next(index for index, child in enumerate(children) if child is item.opening)
    end = next(index for index in range(start, len(children)) if children[index].type == "link_close")
    target = urls.article(article.slug)
    title = f"{article.title} ({article.outlet}, {article.published.label})"
    attrs = {"href": urls.relative(page, target, passage or ""), "title": title}
    opening = Token("link_open", "a", 1, attrs=attrs, meta={"target": target, "anchor": passage or ""})
    closing = Token("link_close", "a", -1)
    words = children[start + 1 : end]
    if item.block:
        source = f"{article.outlet}, {article.published.label}"
        made = [*words, Token("hardbreak", "br", 0), *text_tokens("— "), opening, *text_tokens(source), closing]
        made.append(attribute_list({"class": "bx-quote-source"}))
    else:
        before = plain_text(children[:start])
        marks = ("", "") if before.rstrip().endswith(OPENING_MARKS) else ("“", "”")  # the briefing's own, if it has
        made = [*text_tokens(marks[0]), opening, *words, closing, attribute_list({"class": "bx-quote"})]
        made += text_tokens(marks[1])
    item.inline.children = [*children[:start], *made, *children[end + 1 :]]
