"""Stage 2, link: mark annotated words and link the first mention of each entry.

Works on the markdown-it token stream (`tokens`), not on raw Markdown: only text
outside headings, links, images and code is touched, and mdformat's renderer
writes the stream back out as Markdown. Notes are anchored (`anchor`) and marked
(`notes`) first, so an entry link (`terms`) never crosses the edge of an annotated
passage.
"""

from __future__ import annotations

from build_tools.errors import Report
from build_tools.link.anchor import Anchor, Block, anchor_all
from build_tools.link.models import AnchoredNote, LinkedArticle
from build_tools.link.notes import mark_notes
from build_tools.link.terms import TermLinker, TermMatcher, build_matcher
from build_tools.link.tokens import linkable_inlines, new_parser, plain_text
from build_tools.models import Article, ArticleText
from build_tools.values import Markdown

__all__ = ["TermMatcher", "build_matcher", "check_notes", "link_article"]


def link_article(article: Article, matcher: TermMatcher, report: Report | None = None) -> LinkedArticle:
    """Place `article`'s notes and link the first mention of each entry; report notes that do not anchor."""
    body, mentions, notes = _link(article, matcher, report if report is not None else Report())
    return LinkedArticle(article=article, body=body, mentions=mentions, notes=notes)


def check_notes(text: ArticleText, report: Report) -> None:
    """Anchor the notes of an article whose front matter has problems, so theirs are reported too."""
    _link(text, build_matcher(()), report)


def _link(article: ArticleText, matcher: TermMatcher, report: Report) -> tuple[Markdown, tuple, tuple]:
    parser = new_parser()
    env: dict = {}
    tokens = parser.parse(article.body, env)
    inlines = list(linkable_inlines(tokens))
    blocks = [Block(plain_text(inline.children or []), article.body_line + inline.map[0]) for inline in inlines]
    anchors = anchor_all(article, blocks, report)
    numbers = {anchor.annotation.id: number for number, anchor in enumerate(anchors, start=1)}
    linker = TermLinker(article.slug, matcher)
    for index, inline in enumerate(inlines):
        here = [anchor for anchor in anchors if anchor.block == index]
        inline.children = linker.link_children(mark_notes(inline.children or [], here, numbers, report))
    body = Markdown(parser.renderer.render(tokens, parser.options, env))
    notes = tuple(_anchored(anchor, numbers, matcher) for anchor in anchors)
    return body, linker.mentions(), notes


def _anchored(anchor: Anchor, numbers: dict[str, int], matcher: TermMatcher) -> AnchoredNote:
    note = anchor.annotation
    return AnchoredNote(numbers[note.id], note, matcher.keys_in(note.quote + "\n" + note.note))
