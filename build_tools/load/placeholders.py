"""Placeholders: values handed out to be replaced, refused where a contributor has not replaced them.

"Suggest a note" (docs/javascripts/suggest.js) gives a ready-to-paste entry whose note, author and source
are placeholders of the right kind ("TO FILL: ...", `your-github-handle`, `https://example.org/TO-FILL`),
and CONTRIBUTING's templates show `your-github-handle` too. Each would pass its kind's check and publish a
note that says nothing, so the fields that receive them are declared `Unfilled` (`load/fields.py`): the
value is read by its kind, then refused, at its line, with what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from build_tools.load.kinds import IdentifierKind, Kind, Where

TO_FILL = re.compile(r"\bTO[ _-]FILL\b")
"""The mark of a value left to fill ("TO FILL", "TO-FILL"), in capitals, as the suggested entry writes it."""
HANDLE = re.compile(r"@?your-github-handle", re.IGNORECASE)
"""The author the templates give, matched in full."""


@dataclass(frozen=True)
class Placeholder:
    """A value a field is handed out with, and what to write in its place."""

    pattern: re.Pattern[str]
    """What the placeholder looks like: found anywhere in the value (`search`), or the whole value (`whole`)."""
    fix: str
    """The hint: what the contributor writes instead."""
    whole: bool = False
    """True when only a value that is the placeholder in full is one."""

    def found(self, text: str) -> str | None:
        """The placeholder's words in `text`, or None."""
        match = self.pattern.fullmatch(text) if self.whole else self.pattern.search(text)
        return match.group() if match else None


@dataclass(frozen=True)
class Unfilled(Kind):
    """`kind`, but refusing a value that still holds one of `placeholders`."""

    kind: Kind
    """What the value is: it decides how the value is checked and escaped, as without placeholders."""
    placeholders: tuple[Placeholder, ...]
    """The placeholders refused."""

    @property
    def json(self) -> dict:
        return self.kind.json

    def read(self, value: Any, line: int, where: Where) -> Any:
        read = self.kind.read(value, line, where)
        if read is None:
            return None
        text = value.strip() if isinstance(value, str) else str(read)
        for placeholder in self.placeholders:
            words = placeholder.found(text)
            if words is not None:
                where.error(line, f"“{words}” is a placeholder, still to replace", placeholder.fix)
                return None
        return read


FIXES = {
    "note": "write your note, in your own words, in place of the TO FILL text",
    "title": "write the title of a source that says what the note says",
    "url": "give the address of that source",
}
"""What to write instead of a TO FILL value, by the field that holds it."""


def unfilled(kind: Kind, field: str) -> Unfilled:
    """`kind`, refusing any value marked TO FILL (the hint is the `field`'s in FIXES)."""
    return Unfilled(kind, (Placeholder(TO_FILL, FIXES[field]),))


GITHUB_HANDLE = IdentifierKind(
    r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}", "is not a GitHub user name", "write the handle, e.g. octocat",
    strip="@",
)  # fmt: skip
AUTHOR = Unfilled(GITHUB_HANDLE, (Placeholder(HANDLE, "write the GitHub handle of the note's author", whole=True),))
"""A note's author: a GitHub handle, not the templates' `your-github-handle`."""
