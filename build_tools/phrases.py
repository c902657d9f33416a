"""Finding contributed phrases in text, in time linear in the text whatever the phrases are.

Aliases, cues, `not:` phrases, an article's own `links:` words and notes' quotes are all
contributed, so none of them is ever compiled into a regular expression: a backtracking
engine can take exponential time on a phrase built for it. Instead both the text and the
phrases are cut into tokens (a run of word characters, or one other character), with a
space symbol where whitespace separates two tokens; the phrases are then found among the
text's tokens by one Aho-Corasick automaton, which reads each token once however many
phrases there are and however long. The work is the text's tokens plus the matches found.

How two texts compare is a `Style`: for linking, any dash or apostrophe matches any
other and spacing around a dash does not count; for quotes, curly and straight quotes
match too, but spacing counts everywhere. Case is compared exactly or case folded, per
phrase; any run of whitespace matches any other.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from build_tools.config import MAX_NESTED_PHRASES
from build_tools.text import APOSTROPHES, DASHES

SPACE = " "
"""The symbol for whitespace between two tokens (no token is a space)."""


@dataclass(frozen=True)
class Style:
    """How text is compared: characters that stand for each other, and whether spaces by a dash count."""

    table: dict[int, str]
    """A `str.translate` table replacing characters with the one they match (same length)."""
    loose_dashes: bool
    """True when 'ROK-US', 'ROK - US' and 'ROK– US' are the same words."""


LINKING = Style(str.maketrans({**dict.fromkeys(DASHES, "-"), **dict.fromkeys(APOSTROPHES, "'")}), True)
"""Aliases, cues and exclusions (and an article's own `links:` words)."""
QUOTING = Style(
    str.maketrans({**dict.fromkeys(DASHES, "-"), **dict.fromkeys("'‘’‛′", "'"), **dict.fromkeys('"“”„″', '"')}),
    False,
)
"""Notes' quotes and the words around them."""


@dataclass(frozen=True)
class Tokens:
    """A text cut into the symbols phrases are matched on."""

    text: str
    """The text with the style's equivalent characters made one (offsets are the original's)."""
    symbols: list[str]
    """Each token, with SPACE where whitespace separates two tokens and counts."""
    starts: list[int]
    """Where each symbol starts in the text."""
    ends: list[int]
    """Where each symbol ends."""

    @functools.cached_property
    def folded(self) -> list[str]:
        """The symbols case folded (compared with phrases of any case), made once."""
        return [symbol.casefold() for symbol in self.symbols]


_PIECE = re.compile(r"\s+|\w+|[^\w\s]")


def tokenize(text: str, style: Style = LINKING) -> Tokens:
    """`text` as symbols: one pass of the tokenizer, then list operations (this runs on every paragraph)."""
    text = text.translate(style.table)
    pieces = _PIECE.findall(text)
    ends = list(itertools.accumulate(map(len, pieces)))
    starts = [0, *ends[:-1]]
    symbols = [SPACE if piece.isspace() else piece for piece in pieces]
    keep = [symbol != SPACE for symbol in symbols]
    for index in range(1, len(symbols) - 1) if SPACE in symbols else ():
        if symbols[index] == SPACE and not (style.loose_dashes and "-" in (symbols[index - 1], symbols[index + 1])):
            keep[index] = True
    if all(keep):
        return Tokens(text, symbols, starts, ends)
    chosen = list(itertools.compress(range(len(symbols)), keep))
    return Tokens(text, [symbols[i] for i in chosen], [starts[i] for i in chosen], [ends[i] for i in chosen])


class Automaton:
    """Aho-Corasick over symbols: every occurrence of every pattern, in one pass over a text's symbols.

    Identical patterns share a node, and an occurrence is reported once per node: the work of a scan is
    the text's symbols plus, at most, `nesting` reports at each of them."""

    def __init__(self, patterns: Sequence[Sequence[str]]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.ends: list[tuple[int, ...]] = [()]
        """The patterns that end at each node (several when they are the same symbols)."""
        for index, pattern in enumerate(patterns):
            self._add(index, pattern)
        self.fail, self.out, self.chain = self._links()
        self.nesting = max(self.chain)
        """The most patterns that can end at one place: one within another, or ending alike."""

    def _add(self, index: int, pattern: Sequence[str]) -> None:
        if not pattern:
            return
        node = 0
        for symbol in pattern:
            child = self.goto[node].get(symbol)
            if child is None:
                child = self.goto[node][symbol] = len(self.goto)
                self.goto.append({})
                self.ends.append(())
            node = child
        self.ends[node] += (index,)

    def _links(self) -> tuple[list[int], list[int], list[int]]:
        """Each node's failure link (its longest proper suffix in the trie), output link (the nearest node on
        the failure chain where a pattern ends, or 0) and how many patterns end where it is reached, breadth
        first."""
        size = len(self.goto)
        fail, out, chain = [0] * size, [0] * size, [0] * size
        for child in self.goto[0].values():
            chain[child] = 1 if self.ends[child] else 0
        queue = deque(self.goto[0].values())
        while queue:
            node = queue.popleft()
            for symbol, child in self.goto[node].items():
                queue.append(child)
                suffix = fail[node]
                while suffix and symbol not in self.goto[suffix]:
                    suffix = fail[suffix]
                found = self.goto[suffix].get(symbol, 0)
                fail[child] = found
                out[child] = found if self.ends[found] else out[found]
                chain[child] = (1 if self.ends[child] else 0) + chain[out[child]]
        return fail, out, chain

    def scan(self, symbols: Sequence[str]) -> Iterator[tuple[int, int]]:
        """(index of the last symbol, node) of every occurrence: `ends[node]` are the patterns found."""
        goto, fail, ends, out = self.goto, self.fail, self.ends, self.out
        node = 0
        for position, symbol in enumerate(symbols):
            while node and symbol not in goto[node]:
                node = fail[node]
            node = goto[node].get(symbol, 0)
            hit = node if ends[node] else out[node]
            while hit:
                yield position, hit
                hit = out[hit]

    def deepest(self) -> list[int]:
        """The first pattern of each node on the longest chain of patterns ending at one place."""
        node = self.chain.index(self.nesting)
        found = []
        hit = node if self.ends[node] else self.out[node]
        while hit:
            found.append(self.ends[hit][0])
            hit = self.out[hit]
        return found


@dataclass(frozen=True)
class Match:
    """One occurrence of a phrase."""

    start: int
    """Offset of its first character in the text."""
    end: int
    """Offset just past its last."""
    phrase: int
    """Which phrase (its index in the set)."""
    first: int
    """Index of its first symbol."""


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class PhraseSet:
    """Phrases to find, each matched in exact case or case folded, as whole words by default.

    A set in which more than `MAX_NESTED_PHRASES` phrases can end at one place (one within another) would
    make every place of a text cost that many reports: such a set finds nothing, and the checks refuse it
    (`nesting_problem`)."""

    def __init__(
        self, phrases: Sequence[tuple[str, bool]], style: Style = LINKING, *, whole_words: bool = True
    ) -> None:
        self.style, self.whole_words = style, whole_words
        self.symbols = [tokenize(words, style).symbols for words, _ in phrases]
        exact = [symbols if exact_case else () for symbols, (_, exact_case) in zip(self.symbols, phrases, strict=True)]
        folded = [
            () if exact_case else tuple(s.casefold() for s in symbols)
            for symbols, (_, exact_case) in zip(self.symbols, phrases, strict=True)
        ]
        built = ((Automaton(exact), False), (Automaton(folded), True))
        self.automata = [(automaton, folds) for automaton, folds in built if automaton.nesting]
        self.nesting = sum(automaton.nesting for automaton, _ in self.automata)
        """The most phrases that can end at one place."""
        self.same = {phrase: ends for automaton, _ in self.automata for ends in automaton.ends for phrase in ends}

    def __bool__(self) -> bool:
        return bool(self.automata)

    def twins(self, phrase: int) -> tuple[int, ...]:
        """Every phrase matched as `phrase` is (the same symbols and case rule), the one `find_all` reports
        first."""
        return self.same.get(phrase, (phrase,))

    def find_all(self, tokens: Tokens) -> list[Match]:
        """Every occurrence in `tokens`, overlapping ones included, by start and then longest first; one per
        place for phrases that are the same (`twins`). Nothing when the set nests more than the limit."""
        if self.nesting > MAX_NESTED_PHRASES:
            return []
        found = []
        for automaton, folds in self.automata:
            symbols = tokens.folded if folds else tokens.symbols
            if automaton.goto[0].keys().isdisjoint(symbols):
                continue  # no phrase can start here: a set operation instead of a pass of the scan
            for last, node in automaton.scan(symbols):
                phrase = automaton.ends[node][0]
                first = last - len(self.symbols[phrase]) + 1
                match = Match(tokens.starts[first], tokens.ends[last], phrase, first)
                if not self.whole_words or self._whole(tokens.text, match):
                    found.append(match)
        return sorted(found, key=lambda m: (m.start, -m.end, m.phrase))

    def deepest(self) -> list[int]:
        """The phrases of the longest chain ending at one place (for a problem's message)."""
        return [phrase for automaton, _ in self.automata for phrase in automaton.deepest()]

    @staticmethod
    def _whole(text: str, match: Match) -> bool:
        """Not inside a longer word (a phrase starting or ending with a sign may stand next to one)."""
        before = match.start == 0 or not _is_word(text[match.start - 1])
        return before and (match.end == len(text) or not _is_word(text[match.end]))

    def search(self, tokens: Tokens) -> bool:
        """True when any phrase occurs in `tokens`."""
        return bool(self.find_all(tokens))


def leftmost_longest(matches: list[Match]) -> Iterator[Match]:
    """From every occurrence (by start, longest first), those a left-to-right search finds: none overlapping."""
    end = 0
    for match in matches:
        if match.start >= end:
            end = match.end
            yield match


class Span(Protocol):
    """Anything with a start and an end: a match, a decision."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)


class Spans:
    """Occurrences sorted by start, each prefix with the one reaching furthest: whether a place lies inside,
    or overlaps, any occurrence is a binary search, not a pass over them all."""

    def __init__(self, spans: Sequence[S]) -> None:
        ordered = sorted(spans, key=lambda span: (span.start, -span.end))
        self.starts = [span.start for span in ordered]
        self.reach: list[Span] = []
        for span in ordered:
            self.reach.append(span if not self.reach or span.end > self.reach[-1].end else self.reach[-1])

    def containing(self, start: int, end: int) -> Span | None:
        """An occurrence holding `start`..`end` whole, if there is one."""
        index = bisect.bisect_right(self.starts, start) - 1
        return self.reach[index] if index >= 0 and self.reach[index].end >= end else None

    def overlapping(self, start: int, end: int) -> Span | None:
        """An occurrence sharing a character with `start`..`end`, if there is one."""
        index = bisect.bisect_left(self.starts, end) - 1
        return self.reach[index] if index >= 0 and self.reach[index].end > start else None
