"""Every correction in the archive, each with the page (and the note) it corrects: what the Corrections page and
its feeds list (`build_tools.corrections`: what a correction is)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.corrections import Correction
from build_tools.values import PlainText

if TYPE_CHECKING:
    from build_tools.render.context import Site

KINDS = {"article": "the article", "note": "a note on", "glossary": "the term", "people": "", "organisations": ""}
"""How the list introduces what each correction changed, by kind (an entity's name stands alone)."""


@dataclass(frozen=True)
class Corrected:
    """One correction on the site-wide list, with what it corrects."""

    correction: Correction
    """The correction."""
    kind: str
    """What it corrects: `article`, `note`, or the section of an entry (`glossary`, `people`, `organisations`)."""
    title: PlainText
    """The article's title (for a note too) or the entry's name."""
    page: str
    """The page it corrects (`urls.article`, `urls.entry`)."""
    anchor: str
    """Where on that page: its Corrections section, or the note (`note-<id>`)."""
    number: int = 0
    """The note's number on the article's page (0 for anything else)."""
    position: int = 0
    """How many corrections of the same part of the page, of the same day, are listed before it there (the feeds'
    item id: a newer correction, or an edit of the wording, leaves it as it was)."""

    @property
    def label(self) -> str:
        """How the list introduces it: "the article", "a note on", "the term" or nothing."""
        return KINDS[self.kind]


def every_correction(site: Site) -> tuple[Corrected, ...]:
    """Every correction of every article, note and entry, newest first; those of one day in the order of the
    articles (newest first, each before its notes, in reading order), then of the entries (in register order)."""
    found: list[Corrected] = []
    for item in site.linked:
        article = item.article
        page = urls.article(article.slug)
        found += (
            Corrected(each, "article", article.title, page, urls.CORRECTIONS_ANCHOR, 0, n)
            for each, n in _numbered(article.corrections)
        )
        for note in item.notes:
            anchor = urls.note_anchor(note.annotation.id)
            found += (
                Corrected(each, "note", article.title, page, anchor, note.number, n)
                for each, n in _numbered(note.annotation.corrections)
            )
    for entry in site.archive.entries:
        page = urls.entry(entry.section, entry.id)
        found += (
            Corrected(each, entry.section, entry.name, page, urls.CORRECTIONS_ANCHOR, 0, n)
            for each, n in _numbered(entry.corrections)
        )
    return tuple(sorted(found, key=lambda corrected: corrected.correction.date.sort_key, reverse=True))


def _numbered(corrections: tuple[Correction, ...]) -> list[tuple[Correction, int]]:
    """Each correction with how many of the same day come before it."""
    seen: dict[str, int] = {}
    numbered = []
    for correction in corrections:
        numbered.append((correction, seen.get(correction.date.iso, 0)))
        seen[correction.date.iso] = numbered[-1][1] + 1
    return numbered
