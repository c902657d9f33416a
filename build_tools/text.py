"""Text rules shared by the stages: which characters no source may hold, how names compare, and how
contributed text is printed on a line of its own."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""Hyphen, non-breaking hyphen, figure dash, en dash, em dash: all match each other."""

_HIDDEN_BMP = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufdd0-\ufdef"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\ufffe\uffff"
)
_HIDDEN_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
)
HIDDEN = re.compile(f"[{_HIDDEN_BMP}{_HIDDEN_ASTRAL}]")
"""Characters that hide or reorder what a reader sees, or that no page or feed can carry: control
characters (but tab and line ends), format characters (Unicode category Cf: bidirectional controls,
zero-width characters, the soft hyphen, tag characters...), line and paragraph separators, every
default-ignorable code point (Hangul fillers, variation selectors, the combining grapheme joiner) and
the noncharacters. `tests/test_hostile.py` checks it against the running Python's Unicode tables."""

_HIDDEN_IN_BMP = re.compile(f"[{_HIDDEN_BMP}]")
"""HIDDEN's characters up to U+FFFF: all a text without a character beyond it can hold. Python's regular
expressions test a class with ranges beyond U+FFFF range by range, at every character of the text: this one
takes a table look-up, about ten times faster (sources are read through it)."""
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

MAX_SHOWN = 20
"""A value or file with more invisible characters than this has the first ones listed, then a count."""

APOSTROPHES = "'\u2019\u02bc"
"""Straight, curly and modifier-letter apostrophes: all match each other."""


def normalize(words: str) -> str:
    """Single spaces, plain hyphens without spaces around them and straight apostrophes, so that
    'ROK–US', 'ROK - US' and 'ROK-US' are one alias, and so are 'Japan’s' and 'Japan's'."""
    words = re.sub(f"[{APOSTROPHES}]", "'", " ".join(words.split()))
    return re.sub(f" ?[{DASHES}] ?", "-", words)


def name_key(words: str) -> str:
    """How two names are compared to tell whether they name the same thing: Unicode NFKC (full-width
    ＯＰＣＯＮ is OPCON), case folded, spacing, dashes and apostrophes as `normalize` makes them."""
    return normalize(unicodedata.normalize("NFKC", words)).casefold()


def is_acronym(words: str) -> bool:
    """True for words written in capitals only (SPI, ROK-US): such aliases match only in capitals."""
    letters = [char for char in words if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def describe(char: str) -> str:
    """A character as problems name it: 'U+00AD (SOFT HYPHEN)'."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'control character')})"


def find_hidden(text: str) -> Iterator[re.Match[str]]:
    """HIDDEN's matches in `text`, found with its characters up to U+FFFF alone when `text` has none beyond."""
    return (HIDDEN if _ASTRAL.search(text) else _HIDDEN_IN_BMP).finditer(text)


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(offset, description) of every character no source may hold."""
    for match in find_hidden(text):
        yield match.start(), describe(match.group())


def hidden_character(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character no source may hold, if there is one."""
    return next(hidden_characters(text), None)


def listed(descriptions: list[str]) -> str:
    """Several characters in one message, the first `MAX_SHOWN` by name and the rest counted."""
    named = list(dict.fromkeys(descriptions))
    more = len(named) - MAX_SHOWN
    return ", ".join(named[:MAX_SHOWN]) + (f" and {more} more" if more > 0 else "")


_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """Text for one line of the tools' output (a problem, a `links` line, a log line): every line break
    and control character is written as an escape (`\\n`, `\\x1b`), so contributed text can never start
    a line of a CI log (where `::` at a line's start is a workflow command) or rewrite the terminal."""
    if not _LINE_BREAKING.search(text):
        return text
    return _LINE_BREAKING.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


def shortened(text: str, limit: int = 80) -> str:
    """`text` on one line, its spaces single, cut at `limit` characters with an ellipsis (for messages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_quote(text: str, words: int = 8) -> str:
    """The first words of a quote in quotation marks, for headings and lists."""
    parts = text.split()
    short = " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + "…"
    return short if short[:1] in "\"“'‘" and short[-1:] in "\"”'’…" else f"“{short}”"
