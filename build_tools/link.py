"""Stage 2, link: turn the first mention of each glossary term into a link.

Works on the markdown-it token stream, not on raw Markdown: only text outside
headings, links, images and code is searched, and mdformat's renderer writes
the stream back out as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from build_tools.models import Article, LinkedArticle, Mention, Term
from build_tools.text import DASHES, normalize

SNIPPET_CHARS = 90
"""Characters of context kept on each side of a mention."""


@dataclass(frozen=True)
class TermMatcher:
    """Finds glossary aliases in plain text: longest match first, whole words only."""

    pattern: re.Pattern[str]
    """One alternation of every alias, longest first."""
    exact: dict[str, Term]
    """Aliases that match only as written."""
    folded: dict[str, Term]
    """Other aliases, keyed by case-folded text."""

    def term_for(self, words: str) -> Term:
        key = normalize(words)
        return self.exact.get(key) or self.folded[key.casefold()]


def _alias_pattern(words: str) -> str:
    pieces = []
    for char in normalize(words):
        pieces.append(r"\s+" if char == " " else f"[{DASHES}]" if char == "-" else re.escape(char))
    return "".join(pieces)


def build_matcher(terms: tuple[Term, ...]) -> TermMatcher:
    """Compile every alias of every term into one matcher."""
    exact, folded, parts = {}, {}, []
    aliases = [(alias, term) for term in terms for alias in term.aliases]
    for alias, term in sorted(aliases, key=lambda pair: (-len(pair[0].text), pair[0].text)):
        body = _alias_pattern(alias.text)
        parts.append(body if alias.exact_case else f"(?i:{body})")
        if alias.exact_case:
            exact[normalize(alias.text)] = term
        else:
            folded[normalize(alias.text).casefold()] = term
    pattern = r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)" if parts else r"(?!x)x"
    return TermMatcher(re.compile(pattern), exact, folded)


def new_parser() -> MarkdownIt:
    """CommonMark parser whose renderer writes Markdown (mdformat's)."""
    parser = MarkdownIt("commonmark", renderer_cls=MDRenderer)
    parser.options.update({"mdformat": {}, "store_labels": True, "parser_extension": [], "codeformatters": {}})
    return parser


def link_article(article: Article, matcher: TermMatcher, href: Callable[[Term], str]) -> LinkedArticle:
    """Link the first mention of each term in `article`; record every mention."""
    parser = new_parser()
    env: dict = {}
    tokens = parser.parse(article.body, env)
    state = _LinkState(article.slug, matcher, href)
    for inline in _linkable_inlines(tokens):
        inline.children = state.link_children(inline.children or [])
    body = parser.renderer.render(tokens, parser.options, env)
    return LinkedArticle(article=article, body=body, mentions=state.mentions())


def _linkable_inlines(tokens: list[Token]) -> Iterator[Token]:
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            yield token


@dataclass
class _Found:
    term: Term
    before: str
    words: str
    after: str
    count: int = 1


class _LinkState:
    """What one article has mentioned so far."""

    def __init__(self, slug: str, matcher: TermMatcher, href: Callable[[Term], str]) -> None:
        self.slug, self.matcher, self.href = slug, matcher, href
        self.found: dict[str, _Found] = {}

    def mentions(self) -> tuple[Mention, ...]:
        return tuple(
            Mention(f.term.id, self.slug, anchor_for(f.term), f.before, f.words, f.after, f.count)
            for f in self.found.values()
        )

    def link_children(self, children: list[Token]) -> list[Token]:
        """Rewrite one paragraph's inline tokens; runs of text outside links are searched."""
        plain = "".join(_plain(child) for child in children)
        out: list[Token] = []
        run: list[Token] = []
        offset = link_depth = 0
        for child in children:
            if child.type in ("text", "softbreak") and link_depth == 0:
                run.append(child)
                continue
            out += self._link_run(run, plain, offset)
            offset += sum(len(_plain(token)) for token in run) + len(_plain(child))
            run = []
            link_depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            out.append(child)
        return out + self._link_run(run, plain, offset)

    def _link_run(self, run: list[Token], plain: str, offset: int) -> list[Token]:
        text = "".join(_plain(token) for token in run)
        out, position = [], 0
        for match in self.matcher.pattern.finditer(text):
            term = self.matcher.term_for(match.group())
            if self._record(term, match, plain, offset):
                out += _text_tokens(text[position : match.start()])
                out += self._link_tokens(term, match.group())
                position = match.end()
        return out + _text_tokens(text[position:]) if out else run

    def _record(self, term: Term, match: re.Match[str], plain: str, offset: int) -> bool:
        """Count a mention; True when it is the first one of its term."""
        if term.id in self.found:
            self.found[term.id].count += 1
            return False
        start, end = offset + match.start(), offset + match.end()
        before = _clip_left(plain[:start])
        after = _clip_right(plain[end:])
        self.found[term.id] = _Found(term, before, " ".join(match.group().split()), after)
        return True

    def _link_tokens(self, term: Term, words: str) -> list[Token]:
        opening = Token("link_open", "a", 1, attrs={"href": self.href(term), "title": term.short})
        # attr_list syntax, so "Mentioned in" can link to this very place.
        anchor = Token("html_inline", "", 0, content="{#" + anchor_for(term) + "}")
        return [opening, *_text_tokens(words), Token("link_close", "a", -1), anchor]


def anchor_for(term: Term) -> str:
    """Id of the linked first mention of `term` on an article page."""
    return f"term-{term.id}"


def _plain(token: Token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.children:
        return "".join(_plain(child) for child in token.children)
    return token.content


def _text_tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for index, piece in enumerate(text.split("\n")):
        if index:
            out.append(Token("softbreak", "br", 0))
        if piece:
            out.append(Token("text", "", 0, content=piece))
    return out


def _clip_left(text: str) -> str:
    text = text.replace("\n", " ")
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[-SNIPPET_CHARS:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


def _clip_right(text: str) -> str:
    text = text.replace("\n", " ")
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS]
    return cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"
