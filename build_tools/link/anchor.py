"""Anchoring: find the one place in an article that each annotation's quote names.

Matching runs on the text a reader sees (Markdown syntax removed) and forgives only
what copy-paste and Markdown change: runs of whitespace, curly vs straight quotes
and apostrophes, and dashes vs hyphens. Nothing else is fuzzy.
"""

from __future__ import annotations

import difflib
import heapq
import re
from dataclasses import dataclass

from build_tools.errors import Report
from build_tools.models import Annotation, ArticleText
from build_tools.text import DASHES

_EQUIVALENT = {
    **dict.fromkeys("'‘’‛′", "['‘’‛′]"),
    **dict.fromkeys('"“”„″', '["“”„″]'),
    **dict.fromkeys(DASHES, f"[{DASHES}]"),
}


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


def tolerant(text: str) -> str:
    """Regex matching `text` with any whitespace run, quote style or dash."""
    parts = []
    for chunk in re.split(r"(\s+)", text.strip()):
        if chunk.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_EQUIVALENT.get(char, re.escape(char)) for char in chunk))
    return "".join(parts)


def anchor_all(article: ArticleText, blocks: list[Block], report: Report) -> list[Anchor]:
    """Anchor every annotation of `article`; report each that fails. Sorted by position."""
    anchors = [anchor for note in article.annotations if (anchor := _anchor_one(article, note, blocks, report))]
    anchors.sort(key=lambda a: (a.block, a.start))
    return _without_overlaps(anchors, report)


def _anchor_one(article: ArticleText, note: Annotation, blocks: list[Block], report: Report) -> Anchor | None:
    matches = list(find_matches(note, blocks))
    if len(matches) == 1:
        block, start, end = matches[0]
        return Anchor(note, block, start, end)
    quote = _shorten(note.quote)
    if not matches:
        hint = _suggest(note, blocks, article)
        report.add(note.path, note.line, f"quote “{quote}” not found in {article.path}", hint)
    else:
        lines = ", ".join(str(blocks[block].line) for block, _, _ in matches)
        message = f"quote “{quote}” occurs {len(matches)} times in {article.path} (lines {lines})"
        report.add(note.path, note.line, message, "add `prefix:` or `suffix:` with the words around the one you mean")
    return None


def find_matches(note: Annotation, blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(block, start, end) of every place the quote (with its prefix and suffix) occurs."""
    pattern = f"(?P<quote>{tolerant(note.quote)})"
    if note.prefix:
        pattern = tolerant(note.prefix) + r"\s*" + pattern
    if note.suffix:
        pattern += r"\s*" + tolerant(note.suffix)
    first = (note.prefix or note.quote).strip()[:1]
    last = (note.suffix or note.quote).strip()[-1:]
    pattern = (r"(?<!\w)" if first.isalnum() else "") + pattern + (r"(?!\w)" if last.isalnum() else "")
    compiled = re.compile(pattern)
    return [
        (index, match.start("quote"), match.end("quote"))
        for index, block in enumerate(blocks)
        for match in compiled.finditer(block.plain)
    ]


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
