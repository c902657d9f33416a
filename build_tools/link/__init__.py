"""Stage 2, link: mark annotated words and link the first mention of each entry.

Works on the markdown-it token stream (`tokens`), not on raw Markdown: only text
outside headings, links, images and code is touched, and mdformat's renderer
writes the stream back out as Markdown. Notes are anchored (`anchor`) and marked
(`notes`) first, so an entry link (`terms`) never crosses the edge of an annotated
passage. Whether words name an entry where they stand (exclusions, weak aliases and
their cues, the article's own rules) is the matcher's call (`matcher`), from what is
looked up once in each paragraph (`paragraphs`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from markdown_it import MarkdownIt
from markdown_it.token import Token

from build_tools import urls
from build_tools.errors import Report
from build_tools.escape import text_of
from build_tools.link.amend import landings, mark_amended
from build_tools.link.anchor import Anchor, Block, anchor_all, by_block
from build_tools.link.html import write_paragraphs, writes_for
from build_tools.link.matcher import Context, TermMatcher, build_matcher, signature
from build_tools.link.models import AnchoredNote, LinkDecision, LinkedArticle, TextSpan
from build_tools.link.notes import mark_notes
from build_tools.link.passages import mark_items, mark_passages, paragraphs
from build_tools.link.selectors import hidden_ranges, passage_blocks, text_spans
from build_tools.link.terms import TermLinker
from build_tools.link.tokens import linkable_inlines, plain_text
from build_tools.load.record import Snapshot
from build_tools.markdown import Parsed, new_parser, parse, render
from build_tools.models import Article, ArticleText
from build_tools.phrases import tokenize
from build_tools.values import Markdown

__all__ = [
    "LinkDecision",
    "TermMatcher",
    "build_matcher",
    "check_notes",
    "join_parts",
    "link_article",
    "link_parts",
    "signature",
    "writes_for",
]

NESTING = "write the passage as published, without markers nested inside each other"


def link_article(
    article: Article,
    matcher: TermMatcher,
    report: Report | None = None,
    log: list[LinkDecision] | None = None,
    style: str | None = None,
    parsed: Parsed | None = None,
    snapshots: tuple[Snapshot, ...] = (),
) -> LinkedArticle:
    """Place `article`'s notes and link the first mention of each entry; report notes that do not anchor,
    and the article's own link rules that name words it does not hold. Given a `log`, every decision
    about an alias is added to it. Given the build's link `style`, paragraphs are written straight to HTML
    where they can be (`link.html`, for the styles whose pages the build converts); without, the body is all
    Markdown. Given the parse of its text that loading checked (`load.read_parsed`), the text is not parsed
    again (the parse is used up). Given its `snapshots` in the record of passages, the old ids land on its
    paragraphs, amended ones marked (`link.amend`)."""
    report = report if report is not None else Report()
    placed = _place_notes(article, report, parsed)
    context = matcher.context(article)
    linker = TermLinker(article.slug, matcher, context, log)
    for inline in placed.inlines:
        inline.children = linker.link_children(inline.children or [], article.body_line + inline.map[0])
    if article.links:
        _check_rules(article, context, [plain_text(inline.children or []) for inline in placed.inlines], report)
    ids = mark_passages(placed.tokens)
    passages = passage_blocks(placed.inlines, ids)
    mark_items(placed.tokens)
    hidden = {index: hidden_ranges(inline.children or []) for index, inline in enumerate(placed.inlines)}
    spans = text_spans(placed.blocks, placed.anchors, passages, hidden)
    current = tuple(ids.values())
    amended = landings(snapshots, current)
    mark_amended({ids[id(inline)]: inline for inline in paragraphs(placed.tokens)}, amended)
    if style is not None:
        write_paragraphs(placed.tokens, urls.article(article.slug), style, article.title)
    try:
        body = render(placed.parser, placed.tokens, placed.env)
    except RecursionError:
        report.add(article.path, article.body_line, "the text nests emphasis or links too deeply to publish", NESTING)
        body = Markdown("")
    notes = tuple(_anchored(anchor, placed.numbers, matcher, context, spans) for anchor in placed.anchors)
    return LinkedArticle(article, body, linker.mentions(), notes, current, amended)


def link_parts(
    article: Article,
    matcher: TermMatcher,
    style: str | None,
    report: Report,
    parsed: Parsed | None = None,
    snapshots: tuple[Snapshot, ...] = (),
) -> tuple:
    """What `link_article` makes of `article` but the article itself, for a worker to send back without a copy of
    the article (`join_parts` joins them to the very article the caller holds)."""
    linked = link_article(article, matcher, report, style=style, parsed=parsed, snapshots=snapshots)
    return tuple(getattr(linked, name) for name in _PARTS)


def join_parts(article: Article, parts: tuple) -> LinkedArticle:
    """The linked article made of `article` and what `link_parts` made of it."""
    return LinkedArticle(article, **dict(zip(_PARTS, parts, strict=True)))


_PARTS = tuple(field.name for field in fields(LinkedArticle) if field.name != "article")


def check_notes(text: ArticleText, report: Report, parsed: Parsed | None = None) -> None:
    """Anchor and place the notes of an article with problems, so the notes' own problems are reported too (on the
    parse of its text loading made, if given)."""
    _place_notes(text, report, parsed)


@dataclass
class _Placed:
    """An article's token stream with its notes anchored and marked."""

    parser: MarkdownIt
    env: dict
    tokens: list[Token]
    inlines: list[Token]
    """The inline tokens of its paragraphs and list items, notes marked."""
    blocks: list[Block]
    """Their plain text, before any marking."""
    anchors: list[Anchor]
    numbers: dict[str, int]
    """Each note's number, by id."""


def _place_notes(article: ArticleText, report: Report, parsed: Parsed | None = None) -> _Placed:
    if parsed is None:
        parsed = parse(article.body)
    elif parsed.text != article.body:
        raise ValueError(f"{article.path}: the parse given is of another text")
    parser, env, tokens = new_parser(), parsed.env, parsed.tokens
    inlines = list(linkable_inlines(tokens))
    blocks = [Block(plain_text(inline.children or []), article.body_line + inline.map[0]) for inline in inlines]
    anchors = anchor_all(article, blocks, report)
    numbers = {anchor.annotation.id: number for number, anchor in enumerate(anchors, start=1)}
    for index, here in by_block(anchors).items():
        inlines[index].children = mark_notes(inlines[index].children or [], here, numbers, report)
    return _Placed(parser, env, tokens, inlines, blocks, anchors, numbers)


def _anchored(
    anchor: Anchor, numbers: dict[str, int], matcher: TermMatcher, context: Context, spans: dict[str, TextSpan]
) -> AnchoredNote:
    note = anchor.annotation
    keys = matcher.keys_in(note.quote + "\n" + text_of(note.note), context)
    return AnchoredNote(numbers[note.id], note, keys, spans.get(note.id))


def _check_rules(article: Article, context: Context, paragraphs: list[str], report: Report) -> None:
    """Each phrase of the article's `links:` must occur in the text that is linked (rules naming an unknown
    entry are reported as such, and left out of the context). Each paragraph is read once for all of them."""
    sets = [rules for rules in (context.skips, context.links) if rules.rules]
    found: list[set[int]] = [set() for _ in sets]
    for text in paragraphs:
        tokens = tokenize(text)
        for number, rules in enumerate(sets):
            found[number] |= {match.phrase for match in rules.phrases.find_all(tokens)}
    missing = [
        rule
        for number, rules in enumerate(sets)
        for index, (rule, _) in enumerate(rules.rules)
        if rules.phrases.twins(index)[0] not in found[number]  # a phrase written twice is found as its first
    ]
    for rule in sorted(missing, key=lambda rule: rule.line):
        hint = "copy the words as the article writes them (headings and the text of links are not linked)"
        report.add(article.path, rule.line, f"links: “{rule.words}” does not occur in the article's text", hint)
