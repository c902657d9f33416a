"""Old passage ids landed on the paragraphs that hold their words now, and those paragraphs marked as amended.

An article's snapshots in the record (`load/record.py`) are aligned in order, each with the next, and the last with
the ids the article has now (`opcodes`: difflib's opcodes, made in O(n log n)), on the ids without their `-2`, `-3`
(so the second of two equal paragraphs is the same passage when the first changes). A paragraph replaced lands on
the one that replaced it (the k-th of a run of replaced paragraphs on the k-th of its replacements, or the last); a
paragraph deleted lands on the nearest one before it that survives (or after it, at the start); a paragraph inserted
receives none. Landings follow every later change, so a link made before two corrections still lands. An id the
article has now is never an old id: it is on its own paragraph.

A paragraph that receives an old id from a replacement or deletion is amended, on the date of the snapshot that
changed it (its latest); one whose id changed only because an equal paragraph before it changed (`-2`) receives the
old id but is not amended: its words are the same.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from markdown_it.token import Token

from build_tools.link.tokens import attribute_list
from build_tools.load.record import Snapshot
from build_tools.urls import CORRECTIONS_ANCHOR
from build_tools.values import PublishedDate


@dataclass(frozen=True)
class Landing:
    """The old ids that land on one of an article's paragraphs, and when its words last changed."""

    passage: str
    """The paragraph's id now."""
    old: tuple[str, ...]
    """Ids it had before, or that paragraphs replaced by it or deleted next to it had, oldest first."""
    amended: PublishedDate | None
    """The day of the snapshot in which its words last changed (None: never; or only since the last
    snapshot, which `make check` reports)."""


def base(passage: str) -> str:
    """A passage id without the `-2`, `-3` of a repeated paragraph: the digest is the last part otherwise, and has
    eight characters."""
    head, _, tail = passage.rpartition("-")
    return head if head and len(tail) != 8 and tail.isdigit() else passage


def landings(snapshots: tuple[Snapshot, ...], current: tuple[str, ...]) -> tuple[Landing, ...]:
    """The landings on the article's paragraphs now (`current`, its ids in order) of every id in its snapshots:
    only the paragraphs that receive an old id or were amended, in reading order."""
    if not snapshots:
        return ()
    ids = list(snapshots[0].ids)
    old: list[list[str]] = [[] for _ in ids]
    dates: list[PublishedDate | None] = [None for _ in ids]
    steps = [(snapshot.ids, snapshot.date) for snapshot in snapshots[1:]]
    for after, date in [*steps, (current, None)]:
        ids, old, dates = _step(ids, old, dates, list(after), date)
    taken = set(current)  # an id lands once on the page: on its last landing (a restored paragraph can hold it twice)
    found = []
    for passage, received, date in reversed(list(zip(ids, old, dates, strict=True))):
        kept = tuple(dict.fromkeys(item for item in received if item not in taken))
        taken.update(kept)
        if kept or date is not None:
            found.append(Landing(passage, kept, date))
    return tuple(reversed(found))


def _step(
    ids: list[str], old: list[list[str]], dates: list[PublishedDate | None], after: list[str],
    date: PublishedDate | None,
) -> tuple[list[str], list[list[str]], list[PublishedDate | None]]:  # fmt: skip
    """One alignment: what lands on each paragraph of `after` (recorded on `date`; None: not yet recorded)."""
    landed: list[list[str]] = [[] for _ in after]
    changed: list[PublishedDate | None] = [None for _ in after]
    for tag, first, last, start, end in opcodes([base(item) for item in ids], [base(item) for item in after]):
        for index in range(first, last):
            if tag == "equal":
                target = start + index - first
                changed[target] = _later(changed[target], dates[index])
            elif tag == "replace":
                target = start + min(index - first, end - start - 1)
            elif start < len(after):  # deleted: the survivor before it, or the one after it at the start
                target = start - 1 if start > 0 else start
            else:
                target = len(after) - 1 if after else None
            if target is None:
                continue  # every paragraph deleted: nothing to land on
            landed[target] += [*old[index], ids[index]]
            if tag != "equal":
                changed[target] = _later(changed[target], date)
    return after, landed, changed


def opcodes(before: list[str], after: list[str]) -> list[tuple[str, int, int, int, int]]:
    """How `after` differs from `before`, as `difflib.SequenceMatcher.get_opcodes` says it, in O(n log n) however the
    lists are made (difflib's matching is quadratic on some, and the record is contributed): the ids found once in
    each list, in the same order in both (the longest such run), are kept equal; between two of them the equal
    ids at the start and end of the gap are equal too, and what is left is replaced, deleted or inserted."""
    anchors = _anchors(before, after)
    found: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for x, y in [*anchors, (len(before), len(after))]:
        found += _gap(before, after, i, x, j, y)
        if x < len(before):
            found.append(("equal", x, x + 1, y, y + 1))
        i, j = x + 1, y + 1
    return found


def _anchors(before: list[str], after: list[str]) -> list[tuple[int, int]]:
    """(index in `before`, index in `after`) of ids each list holds once, the longest run increasing in both."""
    once_before, once_after = _once(before), _once(after)
    pairs = [
        (i, once_after[item]) for i, item in enumerate(before) if once_before.get(item) == i and item in once_after
    ]
    tails: list[int] = []  # patience sorting: the longest increasing run of the pairs' `after` indexes
    links: list[int] = []
    ends: list[int] = []
    for k, (_, y) in enumerate(pairs):
        at = bisect.bisect_left(tails, y)
        tails[at : at + 1] = [y]
        ends[at : at + 1] = [k]
        links.append(ends[at - 1] if at else -1)
    run, k = [], ends[-1] if ends else -1
    while k != -1:
        run.append(pairs[k])
        k = links[k]
    return run[::-1]


def _once(items: list[str]) -> dict[str, int]:
    """Each item that occurs once, with its index."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        seen[item] = -1 if item in seen else index
    return {item: index for item, index in seen.items() if index >= 0}


def _gap(before: list[str], after: list[str], i: int, x: int, j: int, y: int) -> list[tuple[str, int, int, int, int]]:
    """The opcodes of `before[i:x]` against `after[j:y]`: equal at the start and the end, the rest in between."""
    head = 0
    while i + head < x and j + head < y and before[i + head] == after[j + head]:
        head += 1
    tail = 0
    while x - tail > i + head and y - tail > j + head and before[x - tail - 1] == after[y - tail - 1]:
        tail += 1
    found = [("equal", i, i + head, j, j + head)] if head else []
    first, last, start, end = i + head, x - tail, j + head, y - tail
    if first < last or start < end:
        tag = "replace" if first < last and start < end else "delete" if first < last else "insert"
        found.append((tag, first, last, start, end))
    return found + ([("equal", x - tail, x, y - tail, y)] if tail else [])


def _later(one: PublishedDate | None, other: PublishedDate | None) -> PublishedDate | None:
    """The later of two days (None is no day)."""
    if one is None or other is None:
        return one or other
    return max(one, other, key=lambda day: day.sort_key)


def mark_amended(inlines: dict[str, Token], found: tuple[Landing, ...]) -> None:
    """Add to each paragraph that has a landing (its inline token, by its id) its old ids, as empty anchors at its
    start, and, when amended, an "Amended on" marker before its id (in place). The marker is an empty link to the
    Corrections section named by its `aria-label`; the style sheet draws its words, so they are no part of the
    paragraph's text (what the notes' selectors and "Suggest a note" count)."""
    for landing in found:
        inline = inlines.get(landing.passage)
        if inline is None:
            continue
        children = list(inline.children or [])
        anchors = [_anchor(item) for item in landing.old]
        marker = _marker(landing.amended) if landing.amended is not None else []
        inline.children = [*anchors, *children[:-1], *marker, *children[-1:]]  # the paragraph's id stays last


def _anchor(passage: str) -> Token:
    """An empty element with an old id: the address that names it scrolls to the paragraph it is in."""
    return Token("html_inline", "", 0, content=f'<span class="bx-passage-old" id="{passage}"></span>',
                 meta={"archive": True})  # fmt: skip


def _marker(date: PublishedDate) -> list[Token]:
    words = f"Amended on {date.label}"
    attrs = {"class": "bx-amended", "aria-label": words, "data-amended": words}
    return [
        Token("link_open", "a", 1, attrs={"href": f"#{CORRECTIONS_ANCHOR}"}, meta={"archive": True}),
        Token("link_close", "a", -1, meta={"archive": True}),
        attribute_list(attrs),
    ]
