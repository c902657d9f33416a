"""The kinds of value a contributed field holds, as types.

The loader gives every contributed value one of these types, chosen by the field's
declared kind (`build_tools.load.kinds`). Outputs decide how to escape a value by
its type alone (`build_tools.escape`), so a field is safe wherever it goes,
whichever code reads it: plain text is escaped for Markdown, HTML, XML and JSON;
Markdown has passed the sanitiser (or was written by the build from escaped
pieces); a URL is encoded for a link; an identifier can hold nothing to escape.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal


class PlainText(str):
    """Contributed text shown exactly as typed: never markup, in any output."""

    __slots__ = ()


class Markdown(str):
    """Markdown that may be placed in a page as it is.

    Either contributed restricted Markdown that passed the sanitiser (notes,
    definitions, descriptions, article text), or Markdown the build itself wrote
    from escaped pieces.
    """

    __slots__ = ()


class Url(str):
    """An absolute address, checked when loaded; encoded for every link it goes into."""

    __slots__ = ()


IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
"""What every identifier is made of: ASCII letters, digits and single hyphens."""

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Ids, slugs and tags: lower-case ASCII words joined by single hyphens."""


class Identifier(str):
    """An id, slug, tag, language code or fixed choice: letters, digits and hyphens only."""

    __slots__ = ()

    def __new__(cls, value: str) -> Identifier:
        if not IDENTIFIER.fullmatch(value):
            raise ValueError(f"{value!r} is not an identifier")
        return super().__new__(cls, value)


Precision = Literal["year", "month", "day"]


@dataclass(frozen=True)
class PublishedDate:
    """A date known only as precisely as the evidence allows."""

    year: int
    """Calendar year."""
    month: int | None = None
    """Month 1-12, or None when only the year is known."""
    day: int | None = None
    """Day of the month, or None when it is not established."""

    @property
    def precision(self) -> Precision:
        """How much of the date is known: year, month or day."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def label(self) -> str:
        """The date as readers see it: '2006', 'March 2006' or '9 March 2006'."""
        if self.month is None:
            return str(self.year)
        month = f"{calendar.month_name[self.month]} {self.year}"
        return month if self.day is None else f"{self.day} {month}"

    @property
    def iso(self) -> str:
        """ISO 8601 form at the known precision: '2006', '2006-03', '2006-03-09'."""
        parts = [f"{self.year:04d}"]
        parts += [f"{self.month:02d}"] if self.month else []
        parts += [f"{self.day:02d}"] if self.day else []
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Orders dates; an unknown month or day sorts before known ones."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def ends(self) -> tuple[PublishedDate]:
        """The date itself, as the one end of a range (an interval has two: `intervals.DateInterval`)."""
        return (self,)

    @property
    def covering(self) -> PublishedDate:
        """The date itself: what outputs taking one date write (an interval's is the date that holds it)."""
        return self
