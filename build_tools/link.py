"""Stage 2, link: mark annotated words and link the first mention of each glossary term.

Works on the markdown-it token stream, not on raw Markdown: only text outside
headings, links, images and code is touched, and mdformat's renderer writes the
stream back out as Markdown. Notes are placed first, so a term link never
crosses the edge of an annotated passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from build_tools.anchor import Anchor, Block, anchor_all
from build_tools.errors import Report
from build_tools.models import AnchoredNote, Annotation, Article, Entry, LinkedArticle, Mention
from build_tools.text import DASHES, normalize

SNIPPET_CHARS = 90
"""Characters of context kept on each side of a mention."""


@dataclass(frozen=True)
class TermMatcher:
    """Finds glossary aliases in plain text: longest match first, whole words only."""

    pattern: re.Pattern[str]
    """One alternation of every alias, longest first."""
    exact: dict[str, Entry]
    """Aliases that match only as written."""
    folded: dict[str, Entry]
    """Other aliases, keyed by case-folded text."""

    def term_for(self, words: str) -> Entry:
        key = normalize(words)
        return self.exact.get(key) or self.folded[key.casefold()]

    def keys_in(self, text: str) -> tuple[str, ...]:
        """Keys of the entries mentioned in `text`, in order of first mention."""
        return tuple(dict.fromkeys(self.term_for(m.group()).key for m in self.pattern.finditer(text)))


def _alias_pattern(words: str) -> str:
    pieces = []
    for char in normalize(words):
        pieces.append(r"\s+" if char == " " else f"[{DASHES}]" if char == "-" else re.escape(char))
    return "".join(pieces)


def build_matcher(terms: tuple[Entry, ...]) -> TermMatcher:
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


def link_article(
    article: Article, matcher: TermMatcher, href: Callable[[Entry], str], report: Report | None = None
) -> LinkedArticle:
    """Place `article`'s notes, link the first mention of each term; report notes that do not anchor."""
    report = report if report is not None else Report()
    parser = new_parser()
    env: dict = {}
    tokens = parser.parse(article.body, env)
    inlines = list(_linkable_inlines(tokens))
    blocks = [Block(plain_text(inline.children or []), article.body_line + inline.map[0]) for inline in inlines]
    anchors = anchor_all(article, blocks, report)
    numbers = {anchor.annotation.id: number for number, anchor in enumerate(anchors, start=1)}
    state = _LinkState(article.slug, matcher, href)
    for index, inline in enumerate(inlines):
        here = [anchor for anchor in anchors if anchor.block == index]
        children = mark_notes(inline.children or [], here, numbers, report)
        inline.children = state.link_children(children)
    body = parser.renderer.render(tokens, parser.options, env)
    notes = tuple(_anchored(anchor, numbers, matcher) for anchor in anchors)
    return LinkedArticle(article=article, body=body, mentions=state.mentions(), notes=notes)


def _anchored(anchor: Anchor, numbers: dict[str, int], matcher: TermMatcher) -> AnchoredNote:
    note = anchor.annotation
    return AnchoredNote(numbers[note.id], note, matcher.keys_in(note.quote + "\n" + note.note))


def _linkable_inlines(tokens: list[Token]) -> Iterator[Token]:
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            yield token


def plain_text(children: list[Token]) -> str:
    """What a reader sees of a paragraph's inline tokens."""
    return "".join(_plain(child) for child in children)


def _plain(token: Token) -> str:
    if token.meta.get("archive"):
        return ""
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.children:
        return "".join(_plain(child) for child in token.children)
    return token.content


# --- notes ----------------------------------------------------------------------------


def note_anchor(annotation: Annotation) -> str:
    """Id of an annotation's entry in the closing list."""
    return f"note-{annotation.id}"


def ref_anchor(annotation: Annotation) -> str:
    """Id of an annotation's marker in the text."""
    return f"ref-{annotation.id}"


def mark_notes(children: list[Token], anchors: list[Anchor], numbers: dict[str, int], report: Report) -> list[Token]:
    """Wrap each anchored quote in `==...==` (a highlight) followed by a numbered marker link."""
    out = list(children)
    for anchor in sorted(anchors, key=lambda a: a.start, reverse=True):
        placed = _place(out, anchor.start, anchor.end)
        if placed is None:
            note = anchor.annotation
            hint = "make the quote start and end outside links and code, or cover the whole link or emphasis"
            report.add(note.path, note.line, f"quote of {note.id!r} starts or ends inside a link or code", hint)
            continue
        out, first, last = placed
        closing = [_archive_token("=="), *_marker(anchor.annotation, numbers)]
        out = [*out[:first], _archive_token("=="), *out[first:last], *closing, *out[last:]]
    return out


def _marker(annotation: Annotation, numbers: dict[str, int]) -> list[Token]:
    number = numbers[annotation.id]
    attrs = {"href": f"#{note_anchor(annotation)}"}  # no title: aria-label names it, a tooltip would cover the text
    attr_list = f'{{#{ref_anchor(annotation)} .bx-note-ref aria-label="Annotation {number}"}}'
    return [
        Token("link_open", "a", 1, attrs=attrs, meta={"archive": True}),
        Token("text", "", 0, content=str(number), meta={"archive": True}),
        Token("link_close", "a", -1, meta={"archive": True}),
        _archive_token(attr_list),
    ]


def _archive_token(content: str) -> Token:
    """Markdown the archive adds (not article text): passed through as is."""
    return Token("html_inline", "", 0, content=content, meta={"archive": True})


def _place(tokens: list[Token], start: int, end: int) -> tuple[list[Token], int, int] | None:
    """Token indices at which a highlight from `start` to `end` opens and closes, nesting properly."""
    for position in (end, start):
        split = _split_text(tokens, position)
        if split is None:
            return None
        tokens = split
    opens, closes = _boundaries(tokens, start), _boundaries(tokens, end)
    for first in opens:
        for last in reversed(closes):
            if first <= last and _balanced(tokens[first:last]):
                return tokens, first, last
    return None


def _split_text(tokens: list[Token], position: int) -> list[Token] | None:
    """Split the text token that `position` falls inside; None if it falls inside a link or code."""
    offset = depth = 0
    for index, token in enumerate(tokens):
        length = len(_plain(token))
        if offset < position < offset + length:
            if depth or token.type != "text":
                return None
            cut = position - offset
            pieces = [
                Token("text", "", 0, content=token.content[:cut]),
                Token("text", "", 0, content=token.content[cut:]),
            ]
            return [*tokens[:index], *pieces, *tokens[index + 1 :]]
        offset += length
        depth += _LINK_DEPTH.get(token.type, 0)
    return tokens


def _boundaries(tokens: list[Token], position: int) -> list[int]:
    """Indices between tokens, outside links, where the plain-text offset is `position`."""
    found, offset, depth = [], 0, 0
    for index, token in enumerate([*tokens, None]):
        if offset == position and depth == 0:
            found.append(index)
        if token is not None:
            offset += len(_plain(token))
            depth += _LINK_DEPTH.get(token.type, 0)
    return found


def _balanced(tokens: list[Token]) -> bool:
    """True when every emphasis, strong or link opened in `tokens` also closes there."""
    level = 0
    for token in tokens:
        level += token.nesting if token.type.endswith(("_open", "_close")) else 0
        if level < 0:
            return False
    return level == 0


_LINK_DEPTH = {"link_open": 1, "link_close": -1}


# --- terms ----------------------------------------------------------------------------


@dataclass
class _Found:
    term: Entry
    before: str
    words: str
    after: str
    count: int = 1


class _LinkState:
    """What one article has mentioned so far."""

    def __init__(self, slug: str, matcher: TermMatcher, href: Callable[[Entry], str]) -> None:
        self.slug, self.matcher, self.href = slug, matcher, href
        self.found: dict[str, _Found] = {}

    def mentions(self) -> tuple[Mention, ...]:
        return tuple(
            Mention(f.term.key, self.slug, anchor_for(f.term), f.before, f.words, f.after, f.count)
            for f in self.found.values()
        )

    def link_children(self, children: list[Token]) -> list[Token]:
        """Rewrite one paragraph's inline tokens; runs of text outside links are searched."""
        plain = plain_text(children)
        out: list[Token] = []
        run: list[Token] = []
        offset = link_depth = 0
        for child in children:
            if child.type in ("text", "softbreak") and link_depth == 0 and not child.meta.get("archive"):
                run.append(child)
                continue
            out += self._link_run(run, plain, offset)
            offset += len(plain_text(run)) + len(_plain(child))
            run = []
            link_depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            out.append(child)
        return out + self._link_run(run, plain, offset)

    def _link_run(self, run: list[Token], plain: str, offset: int) -> list[Token]:
        text = plain_text(run)
        out, position = [], 0
        for match in self.matcher.pattern.finditer(text):
            term = self.matcher.term_for(match.group())
            if self._record(term, match, plain, offset):
                out += _text_tokens(text[position : match.start()])
                out += self._link_tokens(term, match.group())
                position = match.end()
        return out + _text_tokens(text[position:]) if out else run

    def _record(self, term: Entry, match: re.Match[str], plain: str, offset: int) -> bool:
        """Count a mention; True when it is the first one of its term."""
        if term.key in self.found:
            self.found[term.key].count += 1
            return False
        start, end = offset + match.start(), offset + match.end()
        before = _clip_left(plain[:start])
        after = _clip_right(plain[end:])
        self.found[term.key] = _Found(term, before, " ".join(match.group().split()), after)
        return True

    def _link_tokens(self, term: Entry, words: str) -> list[Token]:
        opening = Token("link_open", "a", 1, attrs={"href": self.href(term), "title": term.short})
        # attr_list syntax, so "Mentioned in" can link to this very place.
        anchor = _archive_token("{#" + anchor_for(term) + "}")
        return [opening, *_text_tokens(words), Token("link_close", "a", -1), anchor]


def anchor_for(term: Entry) -> str:
    """Id of the linked first mention of an entry on an article page: `term-cfc`, `person-jim-mattis`."""
    return f"{term.anchor_prefix}-{term.id}"


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
