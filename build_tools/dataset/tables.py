"""The dataset's tables: each a kind of source entry, its columns the declared fields plus the build's own.

A table's declared columns are every field of the entries it lists (`load.fields`), in declaration order, but those
it leaves out with the reason (`Table.left_out`): an article's text is its outlet's, never the archive's to give. A
field added to the declarations is a column at the next build. Where the model holds a field otherwise than under
its name (a term's weak aliases are among its aliases), the table says how to get it (`made`).

Corrections: the `corrections:` field of articles, notes and entries is a column of their tables, and every
correction is a row of its own table (`CORRECTIONS`), with what it corrects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from build_tools import identifiers, urls
from build_tools.entries import Entity, Term
from build_tools.link.models import AnchoredNote
from build_tools.load import fields as declared
from build_tools.load.corrections import CORRECTION_FIELDS
from build_tools.load.kinds import Field
from build_tools.load.shapes import ListOf, Record
from build_tools.models import Event
from build_tools.values import Identifier

from .columns import Column
from .rows import Row, row_of

if TYPE_CHECKING:
    from build_tools.render.context import Site


def entry_fields(fields: tuple[Field, ...], key: str) -> tuple[Field, ...]:
    """The fields of one entry of the list `key` of a file's declarations (`terms` of the glossary)."""
    kind = next(item.kind for item in fields if item.name == key)
    assert isinstance(kind, ListOf) and isinstance(kind.item, Record), f"{key} is not a list of entries"
    return kind.item.fields


@dataclass(frozen=True)
class PlacedNote:
    """A note with the article it is in: its declared fields are its annotation's."""

    article: Identifier
    """Slug of the article."""
    anchored: AnchoredNote
    """The note, placed in the article."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.anchored.annotation, name)


@dataclass(frozen=True)
class Table:
    """One table of the dataset, written as CSV and JSON (`dataset.files`)."""

    name: str
    """The resource's name and its files' stem: `data/<name>.csv`."""
    title: str
    """What it lists, for the Data page and the package."""
    built: tuple[Column, ...]
    """The columns the build adds (ids from file names, page addresses), first."""
    fields: tuple[Field, ...]
    """The declared fields of one of its entries."""
    entries: Callable[[Site], Iterable[Any]]
    """Its entries' models, read from the site's facts, in the archive's order."""
    facts: Callable[[Site], tuple]
    """The values of every fact of the site its entries read: while they are the very objects the rows were made of
    (in the same run, or of unchanged sources), the rows are taken as they were."""
    primary_key: tuple[str, ...]
    """The columns that tell its rows apart."""
    left_out: Mapping[str, str] = field(default_factory=dict)
    """Declared fields that are not columns, each with why."""
    made: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    """How to get a declared field from a model that holds it under another name."""
    foreign_keys: tuple[dict, ...] = ()
    """Frictionless foreign keys: columns whose values are another table's keys."""
    grouped: Callable[[Site], Iterable[tuple[tuple, Iterable[Any]]]] | None = None
    """Its entries in groups, each with the objects its rows are made from alone (an article's notes: the article's
    slug and its notes), read only when they are not the very objects of the last run (`Site.derived`); None: each
    entry is a group, made from itself."""

    @property
    def columns(self) -> tuple[Column, ...]:
        """Every column: the build's, then one per declared field not left out."""
        mine = (Column(f.name, f, self.made.get(f.name)) for f in self.fields if f.name not in self.left_out)
        return (*self.built, *mine)

    def rows(self, site: Site) -> tuple[Row, ...]:
        """Every row: all of them made once for the facts they are read from (a table's every format, and the Data
        page, read them in one run), each group's made once from what it is made of (the site's `derived`)."""
        return site.derived(f"{self.name}-table", self.facts(site), partial(self._every_row, site))

    def _every_row(self, site: Site) -> tuple[Row, ...]:
        groups = self.grouped(site) if self.grouped else (((model,), (model,)) for model in self.entries(site))
        made = (site.derived(self.name, sources, partial(self._rows_of, models)) for sources, models in groups)
        return tuple(row for rows in made for row in rows)

    def _rows_of(self, models: Iterable[Any]) -> tuple[Row, ...]:
        return tuple(row_of(self, model) for model in models)


def _built(name: str, kind: Any, doc: str, made: Callable[[Any], Any]) -> Column:
    return Column(name, Field(name, kind, doc=doc), made)


def _article_models(site: Site) -> Iterable[Any]:
    return site.every_article()


def _note_models(site: Site) -> Iterable[PlacedNote]:
    return (PlacedNote(slug, note) for slug, notes in site.every_note() for note in notes)


def _notes_by_article(site: Site) -> Iterable[tuple[tuple, Iterable[PlacedNote]]]:
    """Each article's notes, placed, with what their rows are made from: the article's slug and its notes."""
    return (((slug, notes), (PlacedNote(slug, note) for note in notes)) for slug, notes in site.every_note())


def _strong(entry: Term | Entity) -> tuple:
    return tuple(alias for alias in entry.aliases if not alias.weak)


def _weak(entry: Term | Entity) -> tuple:
    return tuple(alias for alias in entry.aliases if alias.weak)


SENSE = {"aliases": _strong, "weak_aliases": _weak, "cues": lambda e: e.sense.cues, "not": lambda e: e.sense.exclusions}
"""Where terms, people and organisations hold the declared sense fields (`fields.SENSE_FIELDS`)."""


def _section(section: str) -> Callable[[Event], tuple[str, ...]]:
    return lambda event: tuple(key.split("/", 1)[1] for key in event.keys if key.startswith(f"{section}/"))


def _entry_page(entry: Term | Entity) -> str:
    return urls.public_url(urls.entry(entry.section, entry.id))


ID_DOC = "Its permanent identifier (README, Permanent identifiers): unlike its page's address, it never changes"


def _identifier(made: Callable[[Any], str]) -> Column:
    return _built("identifier", declared.URL, ID_DOC, made)


SLUG_DOC = "The article's name, from its file name (articles/<slug>.md); its page is articles/<slug>/"
PAGE_DOC = "Address of its page on the site"

ARTICLES = Table(
    "articles", "Articles (metadata: the texts are their outlets' and are not part of the dataset)",
    (_built("slug", declared.ID, SLUG_DOC, lambda a: a.slug),
     _identifier(lambda a: identifiers.article(a.slug)),
     _built("page", declared.URL, PAGE_DOC, lambda a: urls.article_url(a.slug))),
    declared.ARTICLE_FIELDS, _article_models, lambda site: (site.every_article(),), ("slug",),
    left_out={"links": "how the build links this article's words to entries, not a fact about the article"},
)  # fmt: skip
"""The article's text (`body`) is not among the declared fields (`fields.ARTICLE_BODY`): it is never a column."""

NOTES = Table(
    "notes", "Notes on the articles' words",
    (_built("article", declared.ID, "Slug of the article the note is on (articles.slug)", lambda n: n.article),
     _identifier(lambda n: identifiers.note(n.article, n.id)),
     _built("page", declared.URL, "Address of the note on the article's page",
            lambda n: urls.article_url(n.article) + "#" + urls.note_anchor(n.id))),
    entry_fields(declared.ANNOTATIONS_FILE, "annotations"), _note_models, lambda site: (site.every_note(),),
    ("article", "id"),
    foreign_keys=({"fields": "article", "reference": {"resource": "articles", "fields": "slug"}},),
    grouped=_notes_by_article,
)  # fmt: skip

GLOSSARY = Table(
    "glossary", "Glossary terms",
    (_identifier(lambda e: identifiers.entry(e.section, e.id)), _built("page", declared.URL, PAGE_DOC, _entry_page)),
    entry_fields(declared.GLOSSARY_FILE, "terms"), lambda site: site.terms(), lambda site: (site.terms(),), ("id",),
    made=SENSE,
)  # fmt: skip


def _entities(section: str) -> Callable[[Site], Iterable[Entity]]:
    return lambda site: (entity for entity in site.entities() if entity.section == section)


PEOPLE, ORGANISATIONS = (
    Table(
        section,
        title,
        (
            _identifier(lambda e: identifiers.entry(e.section, e.id)),
            _built("page", declared.URL, PAGE_DOC, _entry_page),
        ),
        entry_fields(declared.PEOPLE_FILE, section),
        _entities(section),
        lambda site: (site.entities(),),
        ("id",),
        made=SENSE,
    )
    for section, title in (("people", "People"), ("organisations", "Organisations"))
)

TIMELINE = Table(
    "timeline", "Timeline events (the articles' publications, which the timeline also shows, are in articles)",
    (_identifier(lambda e: identifiers.event(e.id)),
     _built("page", declared.URL, "Address of the event on the timeline",
            lambda e: urls.public_url(urls.TIMELINE) + "#" + urls.event_anchor(e.id)),),
    entry_fields(declared.TIMELINE_FILE, "events"),
    lambda site: (event for event, _ in site.timeline() if event.line),  # line 0: an article's publication
    lambda site: (site.timeline(),),
    ("id",), made={section: _section(folder) for section, folder in declared.EVENT_SECTIONS},
)  # fmt: skip

BRIEFINGS = Table(
    "briefings", "Briefings (metadata and footnotes; each essay is on its page)",
    (_built("slug", declared.ID, "The briefing's name, from its file name (briefings/<slug>.md)", lambda b: b.slug),
     _identifier(lambda b: identifiers.briefing(b.slug)),
     _built("page", declared.URL, PAGE_DOC, lambda b: urls.public_url(urls.briefing(b.slug)))),
    declared.BRIEFING_FIELDS,
    lambda site: (site.briefing(card.slug).briefing for card in site.every_briefing()),
    lambda site: (site.every_briefing(), *(site.briefing(card.slug) for card in site.every_briefing())), ("slug",),
)  # fmt: skip
"""The essay (`body`, not among the declared fields) is the archive's own, under the same licence, but stays on
its page and in its source file: its Markdown links quotations by the archive's own `archive:` addresses."""

CORRECTIONS = Table(
    "corrections", "Corrections: changes the archive made to its own text after publishing it, newest first",
    (_identifier(lambda c: identifiers.correction(c.owner, c.correction.date.iso, c.position)),
     _built("corrected", declared.URL, "Permanent identifier of what it corrects (an article, a note, an entry)",
            lambda c: c.owner),
     _built("page", declared.URL, "Address of what it corrects: the page's Corrections section, or the note",
            lambda c: urls.public_url(c.page) + "#" + c.anchor),
     _built("corrects", declared.ID, "What it corrects: article, note, glossary, people or organisations",
            lambda c: c.kind),
     _built("position", declared.ID, "How many corrections of the same day to the same text come before it (0, 1...)",
            lambda c: str(c.position))),
    CORRECTION_FIELDS, lambda site: site.every_correction(), lambda site: (site.every_correction(),), ("identifier",),
    made={name: (lambda c, name=name: getattr(c.correction, name)) for name in ("date", "what", "why")},
)  # fmt: skip
"""Each correction is also a cell of the articles', notes' and entries' tables (their `corrections` column)."""

TABLES: dict[str, Table] = {table.name: table for table in (ARTICLES, NOTES, GLOSSARY, PEOPLE, ORGANISATIONS,
                                                             TIMELINE, BRIEFINGS, CORRECTIONS)}  # fmt: skip
"""Every table of the dataset, in the order the Data page and the package list them."""
