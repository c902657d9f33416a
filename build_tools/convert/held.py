"""HTML blocks set aside while a page converts: the build's lists and the paragraphs it wrote as HTML.

Python-Markdown passes an HTML block standing alone on unchanged; putting it back after conversion gives the
same HTML without parsing it. The ids in the paragraphs set aside are shown to the `toc` extension while it runs
(`ShowHeldIds`), so a heading's id is unique among them as it would be had they been converted.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, SubElement

from markdown.treeprocessors import Treeprocessor

from build_tools.registry import ids_in


class ShowHeldIds(Treeprocessor):
    """Before the `toc` extension runs: an empty element with each id of a paragraph set aside, added to its
    placeholder, so the table of contents makes every heading's id unique among them too, as it would had
    the paragraphs been converted."""

    ids: dict[str, tuple[str, ...]]
    """The ids of each paragraph set aside, by its placeholder (filled for each page)."""
    added: list[tuple[Element, Element]]
    """Each element added, with its placeholder: what `HideHeldIds` removes."""

    def run(self, root: Element) -> None:
        for element in root.iter("p"):
            if element.text in self.ids and not len(element):
                for found in self.ids[element.text or ""]:
                    self.added.append((element, SubElement(element, "span", {"id": found})))


class HideHeldIds(Treeprocessor):
    """After the `toc` extension (and the collection of ids) ran: the elements `ShowHeldIds` added, removed."""

    show: ShowHeldIds
    """The processor whose additions are removed."""

    def run(self, root: Element) -> None:
        for placeholder, added in self.show.added:
            placeholder.remove(added)
        self.show.added.clear()


def set_aside(text: str, blocks: list[str], digest: str) -> tuple[dict[str, str], str]:
    """The text with each HTML block standing alone (the build's lists, given in order, and the paragraphs it
    wrote as HTML) replaced by a placeholder paragraph, and the blocks by placeholder. Python-Markdown passes
    such a block on unchanged: putting it back after conversion gives the same HTML without parsing it. The
    placeholder is made of the page's `digest`, which no text of the page can hold."""
    stamp = "archiveblock" + digest[:24]
    held: dict[str, str] = {}
    start = 0
    pieces = []
    for at, block in _blocks_in(text, blocks):
        end = at + len(block)
        last = end >= len(text) - 1 and text[end:] in ("", "\n")
        alone = (at == 0 or text.endswith("\n\n", 0, at)) and (last or text.startswith("\n\n", end))
        if at < start or not alone or "\n\n" in block:
            continue
        placeholder = f"{stamp}x{len(held)}x"  # none the start of another
        held[placeholder] = block
        pieces.append(text[start:at] + placeholder)
        start = end
    return held, "".join(pieces) + text[start:]


def _blocks_in(text: str, blocks: list[str]) -> list[tuple[int, str]]:
    """Where each of `blocks` is (each looked for after the last) and each paragraph written as HTML, in order."""
    found, start = [], 0
    for block in blocks:
        at = text.find(block, start)
        if at >= 0:
            found.append((at, block))
            start = at + len(block)
    return sorted(found + list(_paragraphs(text)))


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Where each paragraph the build wrote as HTML is, and it: a block of its own (between blank lines) that
    opens with `<p` and ends with `</p>`. Each block is looked at once."""
    at = 0 if text.startswith("<p") else text.find("\n\n<p")
    while at >= 0:
        start = at if at == 0 and text.startswith("<p") else at + 2
        end = text.find("\n\n", start)
        block = text[start : len(text) if end < 0 else end].removesuffix("\n")
        if block.endswith("</p>") and block[2:3] in (" ", ">"):
            yield start, block
        at = -1 if end < 0 else text.find("\n\n<p", end)


def paragraph_ids(held: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The ids in each set-aside paragraph, by placeholder (`ShowHeldIds`)."""
    return {
        placeholder: tuple(sorted(ids_in(block)))  # the build's own ids, as the link check reads them
        for placeholder, block in held.items()
        if block.startswith("<p")
    }
