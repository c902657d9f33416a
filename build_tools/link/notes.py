"""Marking annotated passages: each quote highlighted, followed by its numbered marker."""

from __future__ import annotations

from markdown_it.token import Token

from build_tools import urls
from build_tools.errors import Report
from build_tools.link.anchor import Anchor
from build_tools.link.tokens import LINK_DEPTH, archive_token, plain
from build_tools.models import Annotation


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
        closing = [archive_token("=="), *_marker(anchor.annotation, numbers)]
        out = [*out[:first], archive_token("=="), *out[first:last], *closing, *out[last:]]
    return out


def _marker(annotation: Annotation, numbers: dict[str, int]) -> list[Token]:
    number = numbers[annotation.id]
    attrs = {"href": f"#{urls.note_anchor(annotation.id)}"}  # no title: aria-label names it
    attr_list = f'{{#{urls.ref_anchor(annotation.id)} .bx-note-ref aria-label="Annotation {number}"}}'
    return [
        Token("link_open", "a", 1, attrs=attrs, meta={"archive": True}),
        Token("text", "", 0, content=str(number), meta={"archive": True}),
        Token("link_close", "a", -1, meta={"archive": True}),
        archive_token(attr_list),
    ]


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
        length = len(plain(token))
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
        depth += LINK_DEPTH.get(token.type, 0)
    return tokens


def _boundaries(tokens: list[Token], position: int) -> list[int]:
    """Indices between tokens, outside links, where the plain-text offset is `position`."""
    found, offset, depth = [], 0, 0
    for index, token in enumerate([*tokens, None]):
        if offset == position and depth == 0:
            found.append(index)
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
