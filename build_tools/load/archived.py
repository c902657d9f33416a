"""A source's archived copy (`archived: {url, date}`), declared once, and the source built with it.

A copy is what a web archive kept of the page when the note cited it: readers follow it when the
original moves or changes (pages render it as a Robust Link: `render.robust`). Only an https address
of the copy is accepted, never the source's own address, and only the full date the copy was made.
"""

from __future__ import annotations

from typing import Any

from build_tools.load.kinds import DateKind, Field, UrlKind, Where
from build_tools.load.shapes import Record
from build_tools.models import Archived, Source
from build_tools.values import PlainText, PublishedDate, Url


class ArchivedUrlKind(UrlKind):
    """The address of an archived copy: a URL as any other, but https only (every web archive serves it)."""

    @property
    def json(self) -> dict:
        return {**super().json, "pattern": "^https://[^\\s/]+\\.[^\\s]+$"}

    def read(self, value: Any, line: int, where: Where) -> Url | None:
        url = super().read(value, line, where)
        if url is not None and not url.startswith("https://"):
            where.error(line, f"the archived copy's address {url!r} is not https", "write its https:// address")
            return None
        return url


def _archived(line: int, where: Where, url: Url, date: PublishedDate) -> Archived:
    return Archived(url, date)


ARCHIVED_FIELDS = (
    Field(
        "url",
        ArchivedUrlKind(),
        example="url: https://web.archive.org/web/20200309000000/https://...",
        doc="The https:// address of the copy, as the archive gives it (not the source's own address)",
    ),
    Field("date", DateKind(full=True), example="date: 2020-03-09", doc="Day the copy was made, YYYY-MM-DD"),
)
ARCHIVED = Record(ARCHIVED_FIELDS, "an archived copy", _archived)
"""`archived: {url: https://web.archive.org/web/..., date: 2020-03-09}`."""

ARCHIVED_FIELD = Field(
    "archived",
    ARCHIVED,
    required=False,
    doc="A copy of the page kept by a web archive, which you opened: {url: https://..., date: YYYY-MM-DD}",
)


def build_source(line: int, where: Where, title: PlainText, url: Url, archived: Archived | None) -> Source | None:
    """The source at `line` of `where`; None, reported, when its archived copy is the source itself."""
    if archived is not None and archived.url == url:
        where.error(
            line,
            f"the archived copy of {str(url)!r} is the same address",
            "give the address of the copy in the web archive (https://web.archive.org/web/...), or remove `archived:`",
        )
        return None
    return Source(title, url, archived, where.path, line)
