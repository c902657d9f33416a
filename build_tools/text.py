"""Text rules shared by the stages: which characters no source may hold, and how words compare."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""Hyphen, non-breaking hyphen, figure dash, en dash, em dash: all match each other."""

HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""Characters that hide or reorder what a reader sees, or that no page or feed can carry: control
characters (but tab and line ends), bidirectional overrides and isolates, zero-width characters."""


APOSTROPHES = "'\u2019\u02bc"
"""Straight, curly and modifier-letter apostrophes: all match each other."""


def normalize(words: str) -> str:
    """Single spaces, plain hyphens without spaces around them and straight apostrophes, so that
    'ROK–US', 'ROK - US' and 'ROK-US' are one alias, and so are 'Japan’s' and 'Japan's'."""
    words = re.sub(f"[{APOSTROPHES}]", "'", " ".join(words.split()))
    return re.sub(f"\\s*[{DASHES}]\\s*", "-", words)


def is_acronym(words: str) -> bool:
    """True for words written in capitals only (SPI, ROK-US): such aliases match only in capitals."""
    letters = [char for char in words if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def phrase_pattern(words: str, exact_case: bool) -> str:
    """Regex (without word boundaries) matching `words` as aliases, cues and exclusions are matched: any
    run of whitespace for a space, any dash for a dash (spaces around it or not), any case unless
    `exact_case`."""
    pieces = []
    special = {" ": r"\s+", "-": f"\\s*[{DASHES}]\\s*", "'": f"[{APOSTROPHES}]"}
    for char in normalize(words):
        pieces.append(special.get(char) or re.escape(char))
    body = "".join(pieces)
    return body if exact_case else f"(?i:{body})"


def whole_words(pattern: str) -> str:
    """`pattern` matched only as whole words: not inside a longer word."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def any_phrase(phrases: Iterable[tuple[str, bool]]) -> re.Pattern[str] | None:
    """One pattern for every (words, exact_case) phrase, longest first, as whole words; None for none."""
    ordered = sorted(set(phrases), key=lambda phrase: (-len(phrase[0]), phrase))
    return re.compile(whole_words("|".join(phrase_pattern(*phrase) for phrase in ordered))) if ordered else None


def hidden_character(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character no source may hold, if there is one."""
    match = HIDDEN.search(text)
    if match is None:
        return None
    char = match.group()
    return match.start(), f"U+{ord(char):04X} ({unicodedata.name(char, 'control character')})"
