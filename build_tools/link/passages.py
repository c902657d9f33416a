"""Passage ids: every paragraph of an article body gets an id made from its own words.

`p-` + its first few words + a short digest of all of them: readable in a link, and
the same as long as the paragraph's words are, whatever changes elsewhere in the
article (notes, links, other paragraphs). Two paragraphs with the same words get
`-2`, `-3`... in order. The id goes on the paragraph as an attribute list on its last
line, which Python-Markdown's `attr_list` reads.

The item of a tight list holds its words without a paragraph, and has no id; it is still a block the
notes are anchored in and counted over (`linkable_inlines`), so it is marked as one (`ITEM`): with the
paragraphs' ids, that is every block of words the build counts, as "Suggest a note" must count them.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterator

from markdown_it.token import Token

from build_tools.link.tokens import attribute_list, plain_text

PREFIX_WORDS = 4
"""How many of the paragraph's first words (ASCII letters and digits) go into its id."""

_WORD = re.compile(r"[a-z0-9]+")


def passage_id(text: str) -> str:
    """The id of a paragraph whose words are `text` (compared after NFKC and whitespace folding)."""
    folded = " ".join(unicodedata.normalize("NFKC", text).split())
    words = _WORD.findall(folded.casefold())[:PREFIX_WORDS]
    digest = hashlib.blake2b(folded.encode("utf-8"), digest_size=4).hexdigest()
    return "-".join(["p", *words, digest])


ITEM = {"data-bx-block": "item"}
"""The attribute of a tight list's item that holds words (docs/javascripts/suggest.js reads it)."""


def paragraphs(tokens: list[Token]) -> Iterator[Token]:
    """The inline token of each paragraph a reader sees as one (not the hidden ones of tight lists)."""
    for before, token in itertools.pairwise(tokens):
        if token.type == "inline" and before.type == "paragraph_open" and not before.hidden:
            yield token


def mark_passages(tokens: list[Token]) -> dict[int, str]:
    """Give every paragraph in `tokens` its id (in place): the ids, by `id()` of the paragraph's inline token."""
    ids: dict[int, str] = {}
    seen: dict[str, int] = {}
    for inline in paragraphs(tokens):
        made = passage_id(plain_text(inline.children or []))
        seen[made] = seen.get(made, 0) + 1
        ids[id(inline)] = made if seen[made] == 1 else f"{made}-{seen[made]}"
        inline.children = [*(inline.children or []), attribute_list({"id": ids[id(inline)]}, block=True)]
    return ids


def mark_items(tokens: list[Token]) -> None:
    """Mark every tight list item that holds words (its hidden paragraph's inline token) as a block (in place)."""
    for before, token in itertools.pairwise(tokens):
        hidden = token.type == "inline" and before.type == "paragraph_open" and before.hidden
        if hidden and plain_text(token.children or []).strip():
            token.children = [*(token.children or []), attribute_list(ITEM, block=True)]
