"""Every correction in the archive, each with the page (and the note) it corrects: what the Corrections page and
its feeds list (`build_tools.corrections`: what a correction is)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import identifiers, urls
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
    owner: str = ""
    """The permanent identifier of what it corrects (`build_tools.identifiers`)."""
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
    for item in site.linked:  # read after every edit under `make serve`: texts without corrections cost a look
        slug, title = item.article.slug, item.article.title
        if item.article.corrections:
            page, owner = urls.article(slug), identifiers.article(slug)
            found += _listed(item.article.corrections, "article", title, page, urls.CORRECTIONS_ANCHOR, owner)
        for note in (note for note in item.notes if note.annotation.corrections):
            page, anchor, owner = (
                urls.article(slug),
                urls.note_anchor(note.annotation.id),
                identifiers.note(slug, note.annotation.id),
            )
            found += _listed(note.annotation.corrections, "note", title, page, anchor, owner, note.number)
    for entry in (entry for entry in site.archive.entries if entry.corrections):
        page, owner = urls.entry(entry.section, entry.id), identifiers.entry(entry.section, entry.id)
        found += _listed(entry.corrections, entry.section, entry.name, page, urls.CORRECTIONS_ANCHOR, owner)
    return tuple(sorted(found, key=lambda corrected: corrected.correction.date.sort_key, reverse=True))


def _listed(
    corrections: tuple[Correction, ...],
    kind: str,
    title: PlainText,
    page: str,
    anchor: str,
    owner: str,
    number: int = 0,
) -> list[Corrected]:
    """The corrections of one text, each with what it corrects and its position among those of its day."""
    return [Corrected(each, kind, title, page, anchor, owner, number, n) for each, n in _numbered(corrections)]


def _numbered(corrections: tuple[Correction, ...]) -> list[tuple[Correction, int]]:
    """Each correction with how many of the same day come before it."""
    seen: dict[str, int] = {}
    numbered = []
    for correction in corrections:
        numbered.append((correction, seen.get(correction.date.iso, 0)))
        seen[correction.date.iso] = numbered[-1][1] + 1
    return numbered
