"""Where each note's quoted words stand in the text a reader's browser has: for the W3C selectors.

The paragraph's text as the page shows it (its `textContent`) is its plain text without
the alternative text of its images, with each note's number right after the quoted words
(the marker link); the archive adds nothing else before the end of the paragraph.
Offsets count characters (code points) of that text.
"""

from __future__ import annotations

from markdown_it.token import Token

from build_tools.link.anchor import Anchor, Block, by_block
from build_tools.link.models import TextSpan
from build_tools.link.tokens import plain

CONTEXT = 32
"""Characters of prefix and suffix kept around the quoted words."""


def text_spans(
    blocks: list[Block],
    anchors: list[Anchor],
    numbers: dict[str, int],
    passages: dict[int, str],
    hidden: dict[int, list[range]] | None = None,
) -> dict[str, TextSpan]:
    """Each anchored note's span, by note id. `passages` maps a block's index to its paragraph's id;
    `hidden`, a block's index to the ranges of its plain text the page does not show (images' alt text)."""
    spans = {}
    for index, here in by_block(anchors).items():
        block = blocks[index]
        inserted = {a.end: str(numbers[a.annotation.id]) for a in here}
        shown, before, after = _shown(block.plain, (hidden or {}).get(index, []), inserted)
        for anchor in here:
            start, end = after[anchor.start], before[anchor.end]
            spans[anchor.annotation.id] = TextSpan(
                shown[start:end], shown[max(0, start - CONTEXT) : start], shown[end : end + CONTEXT],
                passages.get(index), start, end,
            )  # fmt: skip
    return spans


def _shown(plain_text: str, hidden: list[range], inserted: dict[int, str]) -> tuple[str, list[int], list[int]]:
    """The text the page shows, and for each offset of `plain_text` where it lands there: before and after
    what is inserted at it."""
    gone = {offset for span in hidden for offset in span}
    out: list[str] = []
    before, after, length = [], [], 0
    for offset in range(len(plain_text) + 1):
        before.append(length)
        out.append(inserted.get(offset, ""))
        length += len(out[-1])
        after.append(length)
        if offset < len(plain_text) and offset not in gone:
            out.append(plain_text[offset])
            length += 1
    return "".join(out), before, after


def hidden_ranges(children: list[Token]) -> list[range]:
    """The ranges of a paragraph's plain text (`tokens.plain_text`) that the page does not show: images'
    alternative text, which is an attribute in HTML, not text."""
    ranges, position = [], 0
    for child in children:
        length = len(plain(child))
        if child.type == "image":
            ranges.append(range(position, position + length))
        position += length
    return ranges


def passage_blocks(inlines: list[Token], ids: dict[int, str]) -> dict[int, str]:
    """Block index -> paragraph id, for the blocks that are paragraphs (`ids`: by id() of their inline token)."""
    return {index: ids[id(inline)] for index, inline in enumerate(inlines) if id(inline) in ids}
