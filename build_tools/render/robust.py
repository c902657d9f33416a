"""Robust Links (https://robustlinks.mementoweb.org/spec/): a source's link that names its archived copy.

A source with a copy is written `[title](original){ data-originalurl="..." data-versionurl="..."
data-versiondate="YYYY-MM-DD" }` followed by a link to the copy (templates/_macros.md.j2, `source`):
a reader whose original is gone follows the copy, and tools that read Robust Links find both. The
attribute values are written by `attribute`, the only way a value gets into an attribute list here.
"""

from __future__ import annotations

from build_tools.escape import destination
from build_tools.values import Markdown, PublishedDate, Url

_INLINE = {"*": "&#42;", "_": "&#95;", "=": "&#61;", "~": "&#126;"}
"""What Python-Markdown's inline patterns (emphasis, pymdownx.mark's `==`) would read in the text of an attribute
list before attr_list sees it, as entities: the attribute holds the character, whatever the extensions."""


def attribute(value: Url | PublishedDate) -> Markdown:
    """A URL (as its link's destination writes it, so the attribute and the href are the same address) or a
    full date (`YYYY-MM-DD`), for a double-quoted value in an attribute list.

    `destination` leaves no quote, brace, space or backslash (the loader refuses them in addresses, and it
    percent-encodes them), so nothing can end the value or the list."""
    if isinstance(value, PublishedDate):
        if value.precision != "day":
            raise ValueError(f"{value.iso!r} is not a full date")
        return Markdown(value.iso)
    if not isinstance(value, Url):
        raise TypeError(f"a {type(value).__name__} cannot go into an attribute; give it a URL or a date")
    text = destination(value)
    if any(char in text for char in '"{}\\\n'):
        raise ValueError(f"{text!r} cannot be written as an attribute value")
    return Markdown("".join(_INLINE.get(char, char) for char in text))
