"""Corrections: dated records of a change the archive made to its own copy of an article, a note or an entry.

Not to be confused with a note of `kind: correction`, which points out an error in what
the outlet published: the archive's text stays as published, and that note says what was
wrong. A `Correction` says the archive's own text changed (a mistyped word put back as
published, a note or a definition put right), when and why. Each is shown on the page it
changed (an article's "Corrections" section, `#corrections`; inside a note; on an entry's
page), on the site-wide Corrections page and in its feed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.values import PlainText, PublishedDate

MAX_CORRECTIONS = 50
"""The most corrections one article, note or entry may list: each is a line of its page."""


@dataclass(frozen=True)
class Correction:
    """One dated change to the archive's text, as its `corrections:` entry records it."""

    date: PublishedDate
    """Day the change was made (a full YYYY-MM-DD date)."""
    what: PlainText
    """What changed, in plain words."""
    why: PlainText
    """Why it changed."""
    line: int = field(default=0, compare=False)
    """Line of the entry in its file (not part of what the correction is: a moved entry is the same)."""


def newest_first(corrections: tuple[Correction, ...]) -> tuple[Correction, ...]:
    """The corrections by date, newest first; those of one day in the order written.

    Newest first, as the page's own "Corrections" section, the site-wide list and the feed show them: a reader
    who returns to a page wants to know what changed since, and the oldest are the least likely to matter."""
    return tuple(sorted(corrections, key=lambda correction: correction.date.sort_key, reverse=True))
