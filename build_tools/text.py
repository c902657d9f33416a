"""Text rules shared by the stages: which characters no source may hold, and how words compare."""

from __future__ import annotations

import re
import unicodedata

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""Hyphen, non-breaking hyphen, figure dash, en dash, em dash: all match each other."""

HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""Characters that hide or reorder what a reader sees, or that no page or feed can carry: control
characters (but tab and line ends), bidirectional overrides and isolates, zero-width characters."""


def normalize(words: str) -> str:
    """Single spaces and plain hyphens, so that 'ROK–US' and 'ROK-US' are one alias."""
    return re.sub(f"[{DASHES}]", "-", " ".join(words.split()))


def hidden_character(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character no source may hold, if there is one."""
    match = HIDDEN.search(text)
    if match is None:
        return None
    char = match.group()
    return match.start(), f"U+{ord(char):04X} ({unicodedata.name(char, 'control character')})"
