"""The `corrections:` field of articles, notes, glossary terms, people and organisations, declared once.

Each entry is `{date: YYYY-MM-DD, what: ..., why: ...}` (`build_tools.corrections.Correction`).
The date is a full day within the archive's years; the same entry twice is refused; a
correction dated before what it corrects existed (an article's publication, a note's
`added` day) is refused too. The build has no clock: a date is never compared with today,
so the same sources always make the same pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from build_tools.corrections import MAX_CORRECTIONS, Correction, newest_first
from build_tools.load.kinds import DateKind, Field, PlainTextKind, Where
from build_tools.load.shapes import ListOf, Record
from build_tools.values import PublishedDate

CORRECTION_FIELDS = (
    Field("date", DateKind(full=True), example="date: 2026-12-07", doc="Day the change was made, YYYY-MM-DD"),
    Field("what", PlainTextKind(), example="what: Restored a word the capture dropped.", doc="What changed"),
    Field("why", PlainTextKind(), example="why: It differed from the original.", doc="Why it changed"),
)
CORRECTION = Record(CORRECTION_FIELDS, "a correction", lambda line, where, **values: Correction(line=line, **values))


@dataclass(frozen=True)
class CorrectionList(ListOf):
    """A `corrections:` list: no entry twice, kept newest first (`corrections.newest_first`)."""

    item: Record = CORRECTION
    min_items: int = 1
    max_items: int | None = MAX_CORRECTIONS
    entries: bool = field(default=False, init=False)

    @property
    def json(self) -> dict:
        return {**super().json, "uniqueItems": True}

    def read(self, value: Any, line: int, where: Where) -> tuple[Correction, ...] | None:
        items = super().read(value, line, where)
        if items is None:
            return None
        first: dict[Correction, int] = {}
        for item in items:
            if item in first:
                where.error(item.line, f"the same correction twice (first on line {first[item]})", "delete one")
            first.setdefault(item, item.line)
        return None if len(first) < len(items) else newest_first(items)


CORRECTIONS = Field(
    "corrections", CorrectionList(), required=False, default=(),
    doc="Changes made to this text after it was published here: [{date: YYYY-MM-DD, what: ..., why: ...}]",
)  # fmt: skip
"""The field, as articles, notes, terms and entities declare it; absent, it is `()`."""


def check_dates(corrections: Iterable[Correction], since: PublishedDate | None, what: str, where: Where) -> None:
    """Report each correction dated before `since` (the publication or the day a note was added), when `what`
    (\"the article\", \"the note\") could not yet be corrected."""
    if since is None:
        return
    for correction in corrections:
        if correction.date.sort_key < since.ends[0].sort_key:  # an interval: its first day
            where.error(
                correction.line,
                f"correction dated {correction.date.iso}, before {what} ({since.iso})",
                "write the day the change was made",
            )
