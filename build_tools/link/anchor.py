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

from build_tools.errors import Report
from build_tools.models import Annotation, ArticleText
from build_tools.phrases import QUOTING, SPACE, Automaton, tokenize

SHOWN_PLACES = 10
"""A quote found in many places has the lines of this many listed."""
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


def anchor_all(article: ArticleText, blocks: list[Block], report: Report) -> list[Anchor]:
    """Anchor every annotation of `article`; report each that fails. Sorted by position."""
    places = find_places(article.annotations, blocks)
    suggested = 0
    anchors = []
    for index, note in enumerate(article.annotations):
        found = places.get(index, [])
        if len(found) == 1:
            anchors.append(Anchor(note, *found[0]))
            continue
        suggested += not found
        _refuse(article, note, found, blocks, report, suggest=suggested <= SUGGESTIONS)
    anchors.sort(key=lambda a: (a.block, a.start))
    return _without_overlaps(anchors, report)


def _refuse(
    article: ArticleText, note: Annotation, found: list[tuple[int, int, int]], blocks: list[Block], report: Report,
    *, suggest: bool,
) -> None:  # fmt: skip
    quote = _shorten(note.quote)
    if not found:
        hint = _suggest(note, blocks, article) if suggest else "copy the words exactly from the article"
        report.add(note.path, note.line, f"quote “{quote}” not found in {article.path}", hint)
        return
    lines = ", ".join(str(blocks[block].line) for block, _, _ in found[:SHOWN_PLACES])
    lines += ", …" if len(found) > SHOWN_PLACES else ""
    message = f"quote “{quote}” occurs {len(found)} times in {article.path} (lines {lines})"
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


def find_places(notes: tuple[Annotation, ...], blocks: list[Block]) -> dict[int, list[tuple[int, int, int]]]:
    """For each note (by its index), every (block, start, end) its quote occurs at, in one pass over
    each block for all the notes."""
    patterns, owners = [], []
    for index, note in enumerate(notes):
        for symbols, first, length in _patterns(note):
            patterns.append(symbols)
            owners.append((index, first, length))
    automaton = Automaton(patterns)
    places: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for number, block in enumerate(blocks):
        tokens = tokenize(block.plain, QUOTING)
        for last, pattern in automaton.scan(tokens.symbols):
            index, first, length = owners[pattern]
            start = last - len(patterns[pattern]) + 1 + first
            places[index].add((number, tokens.spans[start][0], tokens.spans[start + length - 1][1]))
    return {index: sorted(found) for index, found in places.items()}


def _suggest(note: Annotation, blocks: list[Block], article: ArticleText) -> str:
    best = closest_passage(note.quote, blocks)
    if best is None:
        return "copy the words exactly from the article"
    line, passage = best
    return f"closest passage, {article.path}:{line}: “{_shorten(passage)}”"


COMPARED_WORDS = 40
"""A quote is compared by its first this many words: enough to find the passage, at a bounded cost."""

CANDIDATES = 20
"""How many passages sharing the most words with the quote are compared closely."""


def closest_passage(quote: str, blocks: list[Block]) -> tuple[int, str] | None:
    """The run of words in `blocks` most like `quote`, with its line.

    Every run of words is first scored by how many of the quote's words it holds (a sliding count,
    linear in the article); only the best few are compared character by character."""
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
    matcher = difflib.SequenceMatcher(None, "", " ".join(wanted).casefold(), autojunk=False)
    best: tuple[float, int, str] | None = None
    for _, _, start, block in heapq.nlargest(CANDIDATES, candidates, key=lambda c: c[:3]):
        passage = " ".join(block.plain.split()[start : start + size])
        matcher.set_seq1(passage.casefold())
        if best is None or matcher.ratio() > best[0]:
            best = (matcher.ratio(), block.line, passage)
    return (best[1], best[2]) if best else None


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


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
