"""Permanent identifiers: the one place their paths are made.

Every article, note, briefing, glossary term, person, organisation and timeline event is named by an
IRI under `config.PERMANENT_BASE`, made from its slug or id alone, so the same sources give the same
identifiers whatever SITE_URL a build has (a page's address, `urls.public_url`, follows SITE_URL; an
identifier never does). They are the JSON-LD `@id`s, the pages' `DC.identifier`, the CSL-JSON `id`s,
the RIS `ID`s and the Web Annotation ids; what a reader follows (a page, a note's target) is still
the page's address. Slugs and ids are lower-case letters, digits and hyphens (`load.kinds`), so an
identifier needs no escaping in any output, and no two things share one: each kind has its own
path, and a note's id is unique within its article. Renaming a slug or an id changes its identifier.
"""

from __future__ import annotations

from build_tools.config import PERMANENT_BASE

ENTRY_SECTIONS = ("glossary", "people", "organisations")
"""The sections whose entries are named `<base><section>/<id>`, as their pages are (`urls.entry`)."""


def article(slug: str) -> str:
    """An article in the archive: `<base>articles/<slug>`."""
    return f"{PERMANENT_BASE}articles/{slug}"


def notes(slug: str) -> str:
    """An article's notes, as one collection: `<base>articles/<slug>/notes`."""
    return f"{article(slug)}/notes"


def every_note() -> str:
    """Every note of the archive, as one collection (the dataset's `data/notes.jsonld`): `<base>notes`."""
    return f"{PERMANENT_BASE}notes"


def note(slug: str, note_id: str) -> str:
    """One note of an article: `<base>articles/<slug>/notes/<id>`."""
    return f"{notes(slug)}/{note_id}"


def briefing(slug: str) -> str:
    """A briefing: `<base>briefings/<slug>` (apart from the articles, whose slugs a briefing's may share)."""
    return f"{PERMANENT_BASE}briefings/{slug}"


def entry(section: str, entry_id: str) -> str:
    """A glossary term, person or organisation: `<base>glossary/<id>`, `<base>people/<id>`,
    `<base>organisations/<id>`."""
    if section not in ENTRY_SECTIONS:
        raise ValueError(f"no identifiers for entries of {section!r} (sections: {', '.join(ENTRY_SECTIONS)})")
    return f"{PERMANENT_BASE}{section}/{entry_id}"


def event(event_id: str) -> str:
    """A timeline event: `<base>timeline/<id>` (an article's own event is `article-<slug>`, which no other may be)."""
    return f"{PERMANENT_BASE}timeline/{event_id}"


def correction(owner: str, day: str, position: int) -> str:
    """A correction of what `owner` identifies (an article, a note, an entry), by its day and its position among that
    day's corrections of it: `<owner>/corrections/2026-12-07/0`."""
    return f"{owner}/corrections/{day}/{position}"
