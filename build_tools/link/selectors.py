"""Where each note's quoted words stand in the text a reader's browser has: for the W3C selectors.

The paragraph's text as the page shows it is its plain text with each note's number
right after the quoted words (the marker link); the archive adds nothing else to it
before the end of the paragraph. Offsets count characters (code points) of that text.
"""

from __future__ import annotations

from markdown_it.token import Token

from build_tools.link.anchor import Anchor, Block
from build_tools.link.models import TextSpan

CONTEXT = 32
"""Characters of prefix and suffix kept around the quoted words."""


def text_spans(
    blocks: list[Block], anchors: list[Anchor], numbers: dict[str, int], passages: dict[int, str]
) -> dict[str, TextSpan]:
    """Each anchored note's span, by note id; `passages` maps a block's index to its paragraph's id."""
    spans = {}
    for index, block in enumerate(blocks):
        here = sorted((a for a in anchors if a.block == index), key=lambda a: a.end)
        shown, shifts = _shown(block.plain, here, numbers)
        for anchor in here:
            start, end = anchor.start + shifts(anchor.start), anchor.end + shifts(anchor.end - 1)
            spans[anchor.annotation.id] = TextSpan(
                shown[start:end], shown[max(0, start - CONTEXT) : start], shown[end : end + CONTEXT],
                passages.get(index), start, end,
            )  # fmt: skip
    return spans


def _shown(plain: str, anchors: list[Anchor], numbers: dict[str, int]):
    """The block's text with the note numbers, and a function giving how far an offset of `plain` moved."""
    inserted = [(anchor.end, str(numbers[anchor.annotation.id])) for anchor in anchors]
    pieces, previous = [], 0
    for at, number in inserted:
        pieces += [plain[previous:at], number]
        previous = at
    pieces.append(plain[previous:])

    def shift(offset: int) -> int:
        return sum(len(number) for at, number in inserted if at <= offset)

    return "".join(pieces), shift


def passage_blocks(inlines: list[Token], ids: dict[int, str]) -> dict[int, str]:
    """Block index -> paragraph id, for the blocks that are paragraphs (`ids`: by id() of their inline token)."""
    return {index: ids[id(inline)] for index, inline in enumerate(inlines) if id(inline) in ids}
