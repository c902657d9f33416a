"""Where each note's quoted words stand in the text a reader's browser has: for the W3C selectors.

The paragraph's text as the page shows it (its `textContent`) is its plain text without
the alternative text of its images: the article's words and nothing else. The archive's
furniture adds no text to it (a note's marker is an empty link whose number the style
sheet draws, and so is the "¶" link passages.js appends), so the selectors depend only on
the article's words: adding, removing or renumbering a note leaves every other note's
selectors as they were. Offsets count characters (code points) of that text.
"""

from __future__ import annotations

from markdown_it.token import Token

from build_tools.link.anchor import Anchor, Block, by_block
from build_tools.link.models import TextSpan
from build_tools.link.tokens import plain

CONTEXT = 32
"""Characters of prefix and suffix kept around the quoted words."""


def text_spans(
    blocks: list[Block], anchors: list[Anchor], passages: dict[int, str], hidden: dict[int, list[range]] | None = None
) -> dict[str, TextSpan]:
    """Each anchored note's span, by note id. `passages` maps a block's index to its paragraph's id;
    `hidden`, a block's index to the ranges of its plain text the page does not show (images' alt text)."""
    spans = {}
    for index, here in by_block(anchors).items():
        block = blocks[index]
        shown, where = _shown(block.plain, (hidden or {}).get(index, []))
        for anchor in here:
            start, end = where[anchor.start], where[anchor.end]
            spans[anchor.annotation.id] = TextSpan(
                shown[start:end], shown[max(0, start - CONTEXT) : start], shown[end : end + CONTEXT],
                passages.get(index), start, end,
            )  # fmt: skip
    return spans


def _shown(plain_text: str, hidden: list[range]) -> tuple[str, list[int]]:
    """The text the page shows, and for each offset of `plain_text` (and its end) where it lands there."""
    gone = {offset for span in hidden for offset in span}
    out: list[str] = []
    where = []
    for offset, character in enumerate(plain_text):
        where.append(len(out))
        if offset not in gone:
            out.append(character)
    where.append(len(out))
    return "".join(out), where


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
