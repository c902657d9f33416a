"""Linking the first mention of each glossary term, person and organisation in an article.

Aliases are found in the plain text of runs outside links, longest first and as
whole words; the link carries the entry's short definition as a tooltip and an
anchor, so "Mentioned in" lists can point at this very place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from build_tools import urls
from build_tools.link.models import Mention
from build_tools.link.tokens import LINK_DEPTH, archive_token, plain, plain_text, text_tokens
from build_tools.models import Entry
from build_tools.text import DASHES, normalize

SNIPPET_CHARS = 90
"""Characters of context kept on each side of a mention."""


@dataclass(frozen=True)
class TermMatcher:
    """Finds aliases in plain text: longest match first, whole words only."""

    pattern: re.Pattern[str]
    """One alternation of every alias, longest first."""
    exact: dict[str, Entry]
    """Aliases that match only as written."""
    folded: dict[str, Entry]
    """Other aliases, keyed by case-folded text."""
    patterns: tuple[tuple[re.Pattern[str], Entry], ...] = ()
    """Each alias's own pattern: for words that the regex's case rules match but case-folding does not
    (the dotless ı of 'wartıme' matches 'i')."""

    def term_for(self, words: str) -> Entry:
        key = normalize(words)
        found = self.exact.get(key) or self.folded.get(key.casefold())
        return found or next(entry for pattern, entry in self.patterns if pattern.fullmatch(words))

    def keys_in(self, text: str) -> tuple[str, ...]:
        """Keys of the entries mentioned in `text`, in order of first mention."""
        return tuple(dict.fromkeys(self.term_for(m.group()).key for m in self.pattern.finditer(text)))


def _alias_pattern(words: str) -> str:
    pieces = []
    for char in normalize(words):
        pieces.append(r"\s+" if char == " " else f"[{DASHES}]" if char == "-" else re.escape(char))
    return "".join(pieces)


def build_matcher(terms: tuple[Entry, ...]) -> TermMatcher:
    """Compile every alias of every entry into one matcher."""
    exact, folded, parts = {}, {}, []
    aliases = [(alias, term) for term in terms for alias in term.aliases]
    for alias, term in sorted(aliases, key=lambda pair: (-len(pair[0].text), pair[0].text)):
        body = _alias_pattern(alias.text)
        parts.append((body if alias.exact_case else f"(?i:{body})", term))
        if alias.exact_case:
            exact[normalize(alias.text)] = term
        else:
            folded[normalize(alias.text).casefold()] = term
    pattern = r"(?<!\w)(?:" + "|".join(part for part, _ in parts) + r")(?!\w)" if parts else r"(?!x)x"
    return TermMatcher(re.compile(pattern), exact, folded, tuple((re.compile(p), term) for p, term in parts))


@dataclass
class _Found:
    term: Entry
    before: str
    words: str
    after: str
    count: int = 1


class TermLinker:
    """Links one article's first mentions and counts the rest."""

    def __init__(self, slug: str, matcher: TermMatcher) -> None:
        self.page, self.slug, self.matcher = urls.article(slug), slug, matcher
        self.found: dict[str, _Found] = {}

    def mentions(self) -> tuple[Mention, ...]:
        return tuple(
            Mention(f.term.key, self.slug, urls.mention_anchor(f.term.section, f.term.id), f.before, f.words, f.after,
                    f.count)
            for f in self.found.values()
        )  # fmt: skip

    def link_children(self, children: list[Token]) -> list[Token]:
        """Rewrite one paragraph's inline tokens; runs of text outside links are searched."""
        whole = plain_text(children)
        out: list[Token] = []
        run: list[Token] = []
        offset = link_depth = 0
        for child in children:
            if child.type in ("text", "softbreak") and link_depth == 0 and not child.meta.get("archive"):
                run.append(child)
                continue
            out += self._link_run(run, whole, offset)
            offset += len(plain_text(run)) + len(plain(child))
            run = []
            link_depth += LINK_DEPTH.get(child.type, 0)
            out.append(child)
        return out + self._link_run(run, whole, offset)

    def _link_run(self, run: list[Token], whole: str, offset: int) -> list[Token]:
        text = plain_text(run)
        out, position = [], 0
        for match in self.matcher.pattern.finditer(text):
            term = self.matcher.term_for(match.group())
            if self._record(term, match, whole, offset):
                out += text_tokens(text[position : match.start()])
                out += self._link_tokens(term, match.group())
                position = match.end()
        return out + text_tokens(text[position:]) if out else run

    def _record(self, term: Entry, match: re.Match[str], whole: str, offset: int) -> bool:
        """Count a mention; True when it is the first one of its entry."""
        if term.key in self.found:
            self.found[term.key].count += 1
            return False
        start, end = offset + match.start(), offset + match.end()
        before, after = _clip_left(whole[:start]), _clip_right(whole[end:])
        self.found[term.key] = _Found(term, before, " ".join(match.group().split()), after)
        return True

    def _link_tokens(self, term: Entry, words: str) -> list[Token]:
        href = urls.relative(self.page, urls.entry(term.section, term.id))
        opening = Token("link_open", "a", 1, attrs={"href": href, "title": term.short})  # escaped when written
        anchor = archive_token("{#" + urls.mention_anchor(term.section, term.id) + "}")  # attr_list syntax
        return [opening, *text_tokens(words), Token("link_close", "a", -1), anchor]


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
