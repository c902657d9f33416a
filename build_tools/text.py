"""Text normalisation shared by the stages that compare words."""

from __future__ import annotations

import re

DASHES = "-\u2010\u2011\u2012\u2013\u2014"
"""Hyphen, non-breaking hyphen, figure dash, en dash, em dash: all match each other."""


def normalize(words: str) -> str:
    """Single spaces and plain hyphens, so that 'ROK–US' and 'ROK-US' are one alias."""
    return re.sub(f"[{DASHES}]", "-", " ".join(words.split()))
