"""Marking annotated passages: each quote highlighted, followed by its numbered marker.

A marker is an empty link: its number is drawn by the style sheet from `data-note` and its
name is its `aria-label`, so the number is no part of the page's text (what search engines
index, what a reader copies and what the W3C selectors count: `selectors`)."""

from __future__ import annotations

import itertools

from markdown_it.token import Token

from build_tools import urls
from build_tools.errors import Report
from build_tools.link.anchor import Anchor
from build_tools.link.tokens import LINK_DEPTH, archive_token, attribute_list, plain
from build_tools.models import Annotation


def mark_notes(children: list[Token], anchors: list[Anchor], numbers: dict[str, int], report: Report) -> list[Token]:
    """Wrap each anchored quote in `==...==` (a highlight) followed by a numbered marker link.

    One pass cuts the text at every quote's edges, one more finds where each highlight may open and
    close, and the tokens are put together once: the work grows with the paragraph and its notes, not
    with their product."""
    tokens, bad = _split_all(children, {offset for anchor in anchors for offset in (anchor.start, anchor.end)})
    boundaries = _all_boundaries(tokens)
    inserts: dict[int, list[Token]] = {}
    for anchor in sorted(anchors, key=lambda a: a.start):
        placed = None if bad & {anchor.start, anchor.end} else _place(tokens, boundaries, anchor.start, anchor.end)
        if placed is None:
            note = anchor.annotation
            hint = "make the quote start and end outside links and code, or cover the whole link or emphasis"
            report.add(note.path, note.line, f"quote of {note.id!r} starts or ends inside a link or code", hint)
            continue
        first, last = placed
        inserts.setdefault(last, []).extend([archive_token("==", mark=True), *_marker(anchor.annotation, numbers)])
        inserts.setdefault(first, []).append(archive_token("==", mark=True))
    out: list[Token] = []
    for index, token in enumerate([*tokens, None]):
        out += inserts.get(index, [])
        if token is not None:
            out.append(token)
    return out


def _marker(annotation: Annotation, numbers: dict[str, int]) -> list[Token]:
    number = numbers[annotation.id]
    attrs = {"href": f"#{urls.note_anchor(annotation.id)}"}  # no title: aria-label names it
    attributes = {
        "id": urls.ref_anchor(annotation.id),
        "class": "bx-note-ref",
        "aria-label": f"Annotation {number}",
        "data-note": str(number),  # drawn by the style sheet (`::after`): no text in the page
    }
    return [
        Token("link_open", "a", 1, attrs=attrs, meta={"archive": True}),
        Token("link_close", "a", -1, meta={"archive": True}),
        attribute_list(attributes),
    ]


def _place(tokens: list[Token], boundaries: dict[int, list[int]], start: int, end: int) -> tuple[int, int] | None:
    """Token indices at which a highlight from `start` to `end` opens and closes, nesting properly."""
    for first in boundaries.get(start, []):
        for last in reversed(boundaries.get(end, [])):
            if first <= last and _balanced(tokens[first:last]):
                return first, last
    return None


def _split_all(tokens: list[Token], cuts: set[int]) -> tuple[list[Token], set[int]]:
    """The tokens with every text token cut at each offset in `cuts` that falls inside it, and the offsets
    that fall inside a link or code instead (a quote may not start or end there). One pass over both."""
    out, bad, offset, depth = [], set(), 0, 0
    ordered, next_cut = sorted(cuts), 0
    for token in tokens:
        length = len(plain(token))
        while next_cut < len(ordered) and ordered[next_cut] <= offset:
            next_cut += 1
        inside = []
        while next_cut < len(ordered) and ordered[next_cut] < offset + length:
            inside.append(ordered[next_cut] - offset)
            next_cut += 1
        if inside and (depth or token.type != "text"):
            bad.update(offset + cut for cut in inside)
        elif inside:
            edges = [0, *inside, length]
            out += [Token("text", "", 0, content=token.content[a:b]) for a, b in itertools.pairwise(edges)]
            offset, depth = offset + length, depth + LINK_DEPTH.get(token.type, 0)
            continue
        out.append(token)
        offset += length
        depth += LINK_DEPTH.get(token.type, 0)
    return out, bad


def _all_boundaries(tokens: list[Token]) -> dict[int, list[int]]:
    """For each plain-text offset, the indices between tokens, outside links, where the text is at it."""
    found: dict[int, list[int]] = {}
    offset = depth = 0
    for index, token in enumerate([*tokens, None]):
        if depth == 0:
            found.setdefault(offset, []).append(index)
        if token is not None:
            offset += len(plain(token))
            depth += LINK_DEPTH.get(token.type, 0)
    return found


def _balanced(tokens: list[Token]) -> bool:
    """True when every emphasis, strong or link opened in `tokens` also closes there."""
    level = 0
    for token in tokens:
        level += token.nesting if token.type.endswith(("_open", "_close")) else 0
        if level < 0:
            return False
    return level == 0
