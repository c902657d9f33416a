"""Reading a date field: one date of known precision or, where a field takes one, an EDTF interval.

`parse` turns the field's text into a `PublishedDate` or a `DateInterval`
(`build_tools.intervals`, where what each output does with an interval is decided), or
into the problem to report, with its fix. Only ASCII digits, hyphens and one slash are
read, with patterns matched in full (linear time).
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from build_tools.config import MAX_YEAR, MIN_YEAR
from build_tools.intervals import DateInterval
from build_tools.values import PublishedDate

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""ASCII digits only (`\\d` takes other scripts' digits too, which `int()` reads)."""

DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
"""The JSON Schema's form of one date of known precision."""

ONE_DATE = "write 2006, 2006-03 or 2006-03-09 (only as precise as the date is known)"
FULL_DATE = "write YYYY-MM-DD"
INTERVAL = (
    "write 2006, 2006-03 or 2006-03-09 (only as precise as the date is known), "
    "or the dates it lies between: 2006-03-20/2006-03-21"
)
UNCERTAIN = "say what is uncertain in date_note"
"""Where what the date form cannot hold goes."""


class Problem(NamedTuple):
    """Why a value is not a date, and how to fix it."""

    message: str
    hint: str


def json_pattern(*, full: bool, interval: bool) -> str:
    """The JSON Schema pattern of a date field's values."""
    if full:
        return "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    return f"^{DATE_PATTERN}(/{DATE_PATTERN})?$" if interval else f"^{DATE_PATTERN}$"


def parse(raw: str, *, full: bool = False, interval: bool = False) -> PublishedDate | DateInterval | Problem:
    """The date or interval `raw` (stripped text) holds, or why it holds none. `full`: only `YYYY-MM-DD`;
    `interval`: `start/end` is taken too."""
    hint = FULL_DATE if full else INTERVAL if interval else ONE_DATE
    if interval and "/" in raw:
        return _interval(raw)
    return _date(raw, raw, hint, full)


def _date(raw: str, whole: str, hint: str, full: bool = False) -> PublishedDate | Problem:
    """One date of known precision (`raw`, part of the value `whole`)."""
    if "?" in raw or "~" in raw or "%" in raw:
        return Problem(f"{whole!r} holds an EDTF qualifier (?, ~ or %), which the archive does not take",
                       f"write only what is established and {UNCERTAIN}")  # fmt: skip
    match = _DATE.fullmatch(raw)
    if not match:
        return Problem(f"{whole!r} is not a date", hint)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        datetime.date(year, 1 if month is None else month, 1 if day is None else day)  # 2006-03-00 is none
    except ValueError:
        return Problem(f"{whole!r} is not a real date", hint)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return Problem(f"{whole!r} is outside the years the archive takes ({MIN_YEAR}-{MAX_YEAR})", hint)
    if full and day is None:
        return Problem(f"{whole!r} is not a full date", hint)
    return PublishedDate(year, month, day)


def _interval(raw: str) -> DateInterval | Problem:
    """`start/end`: two dates of known precision, the start not after the end."""
    parts = raw.split("/")
    if len(parts) != 2:
        return Problem(f"{raw!r} is not an interval", "write one slash between two dates: 2006-03-20/2006-03-21")
    if ".." in parts or any(part.startswith("..") or part.endswith("..") for part in parts):
        return Problem(f"{raw!r} has an open end (..), which the archive does not take",
                       f"write the earliest and the latest date the sources allow, and {UNCERTAIN}")  # fmt: skip
    if "" in parts:
        return Problem(f"{raw!r} has an unknown end, which the archive does not take",
                       f"write the earliest and the latest date the sources allow, and {UNCERTAIN}")  # fmt: skip
    ends = [_date(part, raw, INTERVAL) for part in parts]
    for end in ends:
        if isinstance(end, Problem):
            return end
    start, end = ends
    assert isinstance(start, PublishedDate) and isinstance(end, PublishedDate)
    return _ordered(raw, start, end)


def _ordered(raw: str, start: PublishedDate, end: PublishedDate) -> DateInterval | Problem:
    """The interval, if its start comes first: the first day of the start no later than the end's, and the
    last day of the start no later than the end's (`2006-03/2006-03-15` runs past its end)."""
    if start == end:
        return Problem(f"{raw!r} starts and ends on the same date", f"write the date once: {start.iso}")
    if _first_day(start) > _first_day(end):
        return Problem(f"{raw!r} starts after it ends", f"write the earlier date first: {end.iso}/{start.iso}")
    if _last_day(start) > _last_day(end):
        return Problem(f"{raw!r}: its start, {start.iso}, runs past its end, {end.iso}",
                       f"write the start as precisely as the end, or write the date once: {start.iso}")  # fmt: skip
    return DateInterval(start, end)


def _first_day(date: PublishedDate) -> datetime.date:
    return datetime.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PublishedDate) -> datetime.date:
    if date.day is not None:
        return _first_day(date)
    if date.month is None:
        return datetime.date(date.year, 12, 31)
    following = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)
