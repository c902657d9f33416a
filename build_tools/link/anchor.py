"""Anchoring: find the one place in an article that each annotation's quote names.

Matching runs on the text a reader sees (Markdown syntax removed) and forgives only
what copy-paste and Markdown change: runs of whitespace, curly vs straight quotes
and apostrophes, and dashes vs hyphens. Nothing else is fuzzy. Every note's quote
(with its prefix and suffix) is looked for in one pass over each paragraph
(`build_tools.phrases`), so checking N notes grows with N and the article's length,
never with their product; at most `SUGGESTIONS` notes per article that are not found
get the closest passage as a hint.
"""

from __future__ import annotations

import difflib
import heapq
from collections import defaultdict
from dataclasses import dataclass

from build_tools.config import MAX_NESTED_PHRASES
from build_tools.errors import Report
from build_tools.models import Annotation, ArticleText
from build_tools.phrases import QUOTING, SPACE, Automaton, Tokens, tokenize
from build_tools.text import shortened

SHOWN_PLACES = 10
"""A quote found in many places has the lines of this many listed."""
FIRSTS_LOOKED_FOR = 16
"""With at most this many different first words among an article's notes, a block none of them occurs in (a
substring search) is not scanned; with more, every block is (the work stays linear either way)."""
SUGGESTIONS = 20
"""At most this many notes of an article that are not found get the closest passage as a hint (each costs
a pass over the article); the others are told to copy the words exactly."""


@dataclass(frozen=True)
class Block:
    """One paragraph (or list item) of an article, as plain text."""

    plain: str
    """The text a reader sees; soft line breaks are '\\n'."""
    line: int
    """Line in the article file where the block starts."""


@dataclass(frozen=True)
class Anchor:
    """Where an annotation is attached."""

    annotation: Annotation
    """The annotation."""
    block: int
    """Index of the block that holds the quote."""
    start: int
    """Offset of the first quoted character in the block's plain text."""
    end: int
    """Offset just past the last quoted character."""


@dataclass(frozen=True)
class Places:
    """Where one note's words occur: how many times, and the first few places."""

    count: int
    """Every occurrence."""
    first: list[tuple[int, int, int]]
    """The first `SHOWN_PLACES` + 1, as (block, start, end) of the quote, in order."""


def anchor_all(article: ArticleText, blocks: list[Block], report: Report) -> list[Anchor]:
    """Anchor every annotation of `article`; report each that fails. Sorted by position."""
    places = find_places(article.annotations, blocks, report)
    if places is None:
        return []
    suggested = 0
    anchors = []
    for index, note in enumerate(article.annotations):
        found = places.get(index, Places(0, []))
        if found.count == 1:
            anchors.append(Anchor(note, *found.first[0]))
            continue
        suggested += not found.count
        _refuse(article, note, found, blocks, report, suggested <= SUGGESTIONS)
    anchors.sort(key=lambda a: (a.block, a.start))
    return _without_overlaps(anchors, report)


def _refuse(
    article: ArticleText, note: Annotation, found: Places, blocks: list[Block], report: Report, suggest: bool
) -> None:
    quote = shortened(note.quote)
    if not found.count:
        hint = _suggest(note, blocks, article) if suggest else "copy the words exactly from the article"
        report.add(note.path, note.line, f"quote “{quote}” not found in {article.path}", hint)
        return
    lines = ", ".join(str(blocks[block].line) for block, _, _ in found.first[:SHOWN_PLACES])
    lines += ", …" if found.count > SHOWN_PLACES else ""
    message = f"quote “{quote}” occurs {found.count} times in {article.path} (lines {lines})"
    report.add(note.path, note.line, message, "add `prefix:` or `suffix:` with the words around the one you mean")


def _patterns(note: Annotation) -> list[tuple[tuple[str, ...], int, int]]:
    """The symbols a note's words may be found as, with where the quote starts among them and how many
    symbols it has: the prefix and suffix, when given, each joined to the quote with a space or without."""
    quote = tokenize(note.quote, QUOTING).symbols
    before = tokenize(note.prefix, QUOTING).symbols if note.prefix else None
    after = tokenize(note.suffix, QUOTING).symbols if note.suffix else None
    lefts = [(*before, SPACE), before] if before else [()]
    rights = [(SPACE, *after), after] if after else [()]
    return [((*left, *quote, *right), len(left), len(quote)) for left in lefts for right in rights]


def find_places(notes: tuple[Annotation, ...], blocks: list[Block], report: Report) -> dict[int, Places] | None:
    """For each note (by its index), where its quote occurs, in one pass over each block for all the notes.

    Occurrences are kept per distinct pattern (notes written alike share one) and only the first few places
    of each, so the work is the blocks' symbols and their matches, whatever the notes; None, with the problem
    reported, when more notes than the limit quote words ending one within another."""
    patterns, owners = [], []
    for index, note in enumerate(notes):
        for symbols, first, length in _patterns(note):
            patterns.append(symbols)
            owners.append((index, first, length))
    automaton = Automaton(patterns)
    if automaton.nesting > MAX_NESTED_PHRASES:
        chain = [notes[owners[pattern][0]] for pattern in automaton.deepest()]
        ids = ", ".join(note.id for note in chain[:3])
        message = f"more than {MAX_NESTED_PHRASES} notes quote words that end one within another ({ids}, …)"
        report.add(chain[0].path, chain[0].line, message, "no article needs so many: merge those notes")
        return None
    counts: dict[int, int] = defaultdict(int)
    seen: dict[int, list[tuple[int, int, Tokens]]] = defaultdict(list)
    firsts = [symbol for symbol in automaton.goto[0] if symbol != SPACE]
    for number, block in enumerate(blocks):
        if len(firsts) <= FIRSTS_LOOKED_FOR and not _holds_any(block.plain.translate(QUOTING.table), firsts):
            continue  # no note's words start in this block: not cut into symbols
        tokens = tokenize(block.plain, QUOTING)
        for last, node in automaton.scan(tokens.symbols):
            counts[node] += 1
            if len(seen[node]) <= SHOWN_PLACES:
                seen[node].append((number, last, tokens))
    return _by_note(automaton, patterns, owners, counts, seen)


def _holds_any(text: str, words: list[str]) -> bool:
    return any(word in text for word in words)


def _by_note(
    automaton: Automaton, patterns: list, owners: list, counts: dict[int, int], seen: dict[int, list]
) -> dict[int, Places]:
    """Each note's places, from the places of its patterns."""
    places: dict[int, Places] = {}
    for node, count in counts.items():
        for pattern in automaton.ends[node]:
            index, first, length = owners[pattern]
            found = []
            for block, last, tokens in seen[node]:
                start = last - len(patterns[pattern]) + 1 + first
                found.append((block, tokens.starts[start], tokens.ends[start + length - 1]))
            before = places.get(index, Places(0, []))
            places[index] = Places(before.count + count, sorted(before.first + found)[: SHOWN_PLACES + 1])
    return places


def _suggest(note: Annotation, blocks: list[Block], article: ArticleText) -> str:
    best = closest_passage(note.quote, blocks)
    if best is None:
        return "copy the words exactly from the article"
    line, passage = best
    return f"closest passage, {article.path}:{line}: “{shortened(passage)}”"


COMPARED_WORDS = 40
"""A quote is compared by its first this many words: enough to find the passage, at a bounded cost."""

CANDIDATES = 20
"""How many passages sharing the most words with the quote are compared closely."""
COMPARED_CHARS = 400
"""Each is compared character by character on this many characters at most (the comparison takes time that
grows with the square of its length: a 3,000-character "word" took 23 s)."""


def closest_passage(quote: str, blocks: list[Block]) -> tuple[int, str] | None:
    """The run of words in `blocks` most like `quote`, with its line.

    Every run of words is first scored by how many of the quote's words it holds (a sliding count,
    linear in the article); only the best few are compared character by character, on their first
    `COMPARED_CHARS`."""
    wanted = quote.split()[:COMPARED_WORDS]
    size, vocabulary = max(1, len(wanted)), {word.casefold() for word in wanted}
    candidates = []
    for block in blocks:
        words = block.plain.split()
        hits = [word.casefold() in vocabulary for word in words]
        shared = sum(hits[:size])
        for start in range(max(1, len(words) - size + 1)):
            candidates.append((shared, -block.line, start, block))
            if start + size < len(words):
                shared += hits[start + size] - hits[start]
    matcher = difflib.SequenceMatcher(None, "", " ".join(wanted).casefold()[:COMPARED_CHARS], autojunk=False)
    best: tuple[float, int, str] | None = None
    for _, _, start, block in heapq.nlargest(CANDIDATES, candidates, key=lambda c: c[:3]):
        passage = " ".join(block.plain.split()[start : start + size])
        matcher.set_seq1(passage.casefold()[:COMPARED_CHARS])
        if best is None or matcher.ratio() > best[0]:
            best = (matcher.ratio(), block.line, passage)
    return (best[1], best[2]) if best else None


def by_block(anchors: list[Anchor]) -> dict[int, list[Anchor]]:
    """The anchors of each block, in order, found in one pass."""
    found: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        found.setdefault(anchor.block, []).append(anchor)
    return found


def _without_overlaps(anchors: list[Anchor], report: Report) -> list[Anchor]:
    kept: list[Anchor] = []
    for anchor in anchors:
        previous = kept[-1] if kept else None
        if previous and previous.block == anchor.block and anchor.start < previous.end:
            note, other = anchor.annotation, previous.annotation
            hint = "annotate different words, or merge the two notes"
            report.add(note.path, note.line, f"annotation {note.id!r} overlaps annotation {other.id!r}", hint)
            continue
        kept.append(anchor)
    return kept
