"""Frozen, typed models: what the loader reads and the later stages use."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]


def _cached_hash(self: object) -> int:
    """Hash of a large frozen model, computed once: the build's memo keys hash these often."""
    value = self.__dict__.get("_hash")
    if value is None:
        value = hash(tuple(getattr(self, name) for name in self.__dataclass_fields__))  # type: ignore[attr-defined]
        object.__setattr__(self, "_hash", value)
    return value


@dataclass(frozen=True)
class Source:
    """A public document that backs a statement."""

    title: str
    """Title as the reader should see it."""
    url: str
    """Address of the document (https)."""


@dataclass(frozen=True)
class PublishedDate:
    """A publication date known only as precisely as the evidence allows."""

    year: int
    """Calendar year."""
    month: int | None = None
    """Month 1-12, or None when only the year is known."""
    day: int | None = None
    """Day of the month, or None when it is not established."""

    @property
    def precision(self) -> Precision:
        """How much of the date is known: year, month or day."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def label(self) -> str:
        """The date as readers see it: '2006', 'March 2006' or '9 March 2006'."""
        if self.month is None:
            return str(self.year)
        month = f"{calendar.month_name[self.month]} {self.year}"
        return month if self.day is None else f"{self.day} {month}"

    @property
    def iso(self) -> str:
        """ISO 8601 form at the known precision: '2006', '2006-03', '2006-03-09'."""
        parts = [f"{self.year:04d}"]
        parts += [f"{self.month:02d}"] if self.month else []
        parts += [f"{self.day:02d}"] if self.day else []
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates; an unknown month or day sorts before known ones."""
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Annotation:
    """A contributor's note attached to exact words of an article."""

    id: str
    """Stable id, unique in its article; the permalink is `#note-<id>`."""
    quote: str
    """The exact words annotated (whitespace, quote style and dashes may differ)."""
    prefix: str | None
    """Words just before the quote, to pick one of several matches."""
    suffix: str | None
    """Words just after the quote, to pick one of several matches."""
    note: str
    """The note, in Markdown (checked: no raw HTML, scripts or attribute lists)."""
    author: str
    """GitHub handle of the contributor, without '@'."""
    sources: tuple[Source, ...]
    """What backs the note; at least one."""
    kind: str
    """context, correction, clarification, term or person."""
    added: str | None
    """Date the note was added (YYYY-MM-DD), if given."""
    path: str
    """Annotation file, relative to the project root."""
    line: int
    """Line of the entry in that file."""


@dataclass(frozen=True)
class Article:
    """One source article: its metadata and its words, verbatim."""

    __hash__ = _cached_hash

    slug: str
    """URL-stable name, from the file name; the page is `articles/<slug>/`."""
    path: str
    """Source file, relative to the project root."""
    title: str
    """Headline as published."""
    outlet: str
    """Publication that ran the article."""
    url: str | None
    """Address of the original, where known."""
    published: PublishedDate
    """Publication date at its known precision."""
    date_note: str | None
    """What is and is not established about the date, shown on the page."""
    byline: str | None
    """Author as credited, where known."""
    language: str
    """BCP 47 language tag of the text, such as 'en'."""
    summary: str
    """The archive's own two or three sentences about the article."""
    tags: tuple[str, ...]
    """Topic tags, lower-case words and hyphens."""
    capture_note: str | None
    """What the archive changed from the captured page (site chrome dropped...)."""
    body: str
    """The article text as Markdown."""
    body_line: int
    """Line of the source file on which the body starts."""
    annotations: tuple[Annotation, ...] = ()
    """Contributors' notes from `articles/<slug>.annotations.yml`, in file order."""


@dataclass(frozen=True)
class Alias:
    """One way real writing names a term."""

    text: str
    """The words, as written."""
    exact_case: bool
    """True when only this exact capitalisation matches (acronyms such as 'SPI')."""


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    __hash__ = _cached_hash

    id: str
    """URL-stable id; the page is `glossary/<id>/`."""
    name: str
    """Heading of the entry, usually the form readers meet most."""
    expansion: str | None
    """Long form of an acronym or code name."""
    short: str
    """One-sentence definition, used as the link tooltip."""
    definition: str
    """Longer explanation in the archive's own words (Markdown)."""
    aliases: tuple[Alias, ...]
    """Every form that is linked to this term in articles."""
    korean: str | None
    """Korean name, where there is one."""
    related: tuple[str, ...]
    """Ids of related terms."""
    sources: tuple[Source, ...]
    """Where the definition comes from; at least one."""
    line: int
    """Line of the entry in the glossary file."""

    section = "glossary"
    """Folder of the entry pages; also names the kind of entry."""
    anchor_prefix = "term"
    """Prefix of the id of the linked first mention on an article page."""

    @property
    def key(self) -> str:
        """Unique across every kind of entry: `glossary/<id>`."""
        return f"{self.section}/{self.id}"


@dataclass(frozen=True)
class Role:
    """What a person or organisation was, at the time of one article."""

    article: str
    """Slug of the article."""
    text: str
    """The role, e.g. 'US Secretary of Defense'."""


@dataclass(frozen=True)
class Entity:
    """A person or organisation in the registry (people.yml)."""

    __hash__ = _cached_hash

    id: str
    """URL-stable id; the page is `people/<id>/` or `organisations/<id>/`."""
    kind: Literal["person", "organisation"]
    """Which list of people.yml the entry comes from."""
    name: str
    """Name as the archive writes it."""
    short: str
    """One sentence, used as the link tooltip."""
    description: str | None
    """A longer note in the archive's own words (Markdown)."""
    aliases: tuple[Alias, ...]
    """Every form that is linked to this entry in articles."""
    roles: tuple[Role, ...]
    """Role at the time of each article that mentions the entry."""
    sources: tuple[Source, ...]
    """What backs the description; may be empty only when roles come from the articles."""
    line: int
    """Line of the entry in people.yml."""

    @property
    def section(self) -> str:
        """`people` or `organisations`: the folder of the entry's page."""
        return "people" if self.kind == "person" else "organisations"

    @property
    def anchor_prefix(self) -> str:
        """Prefix of the id of the linked first mention on an article page."""
        return "person" if self.kind == "person" else "org"

    @property
    def key(self) -> str:
        """Unique across every kind of entry: `people/<id>` or `organisations/<id>`."""
        return f"{self.section}/{self.id}"


Entry = Term | Entity
"""Anything linked from article text: a glossary term, a person or an organisation."""


@dataclass(frozen=True)
class Mention:
    """Where a term first appears in an article, with its neighbourhood."""

    key: str
    """The entry mentioned (`glossary/cfc`, `people/jim-mattis`)."""
    article_slug: str
    """The article it appears in."""
    anchor: str
    """Id of the linked first mention on the article page."""
    before: str
    """Plain text just before the mention."""
    words: str
    """The words that matched, as written."""
    after: str
    """Plain text just after the mention."""
    count: int
    """How many times the term is mentioned in the article's text."""


@dataclass(frozen=True)
class AnchoredNote:
    """An annotation placed in its article."""

    number: int
    """1-based position among the article's notes, in reading order."""
    annotation: Annotation
    """The annotation."""
    keys: tuple[str, ...]
    """Keys of the entries (terms, people, organisations) the quote or the note mentions."""


@dataclass(frozen=True)
class LinkedArticle:
    """An article after anchoring its notes and linking its terms."""

    __hash__ = _cached_hash

    article: Article
    """The source article."""
    body: str
    """Body Markdown with notes marked and the first mention of each term linked."""
    mentions: tuple[Mention, ...]
    """One entry per term mentioned, in order of first appearance."""
    notes: tuple[AnchoredNote, ...] = ()
    """The article's annotations, in reading order."""


@dataclass(frozen=True)
class Event:
    """A dated event on the timeline."""

    __hash__ = _cached_hash

    id: str
    """Stable id; the anchor on the timeline page is `#event-<id>`."""
    date: PublishedDate
    """When it happened, only as precisely as the sources say."""
    title: str
    """What happened, in a few words."""
    description: str
    """One sentence in the archive's own words."""
    sources: tuple[Source, ...]
    """What backs the date and the description; none only for an article's own publication."""
    keys: tuple[str, ...]
    """Entries it concerns: `glossary/<id>`, `people/<id>`, `organisations/<id>`."""
    articles: tuple[str, ...]
    """Slugs of the articles it concerns."""
    line: int
    """Line in timeline.yml (0 for an article's publication, which is not in the file)."""


@dataclass(frozen=True)
class Archive:
    """Everything loaded: read all of it before writing anything."""

    articles: tuple[Article, ...]
    """All articles, newest first."""
    terms: tuple[Term, ...]
    """All glossary terms, in glossary order."""
    entities: tuple[Entity, ...] = ()
    """People and organisations from people.yml, in file order."""
    events: tuple[Event, ...] = ()
    """Timeline events from timeline.yml and the articles' publication dates, oldest first."""

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Everything that can be mentioned: terms, then people and organisations."""
        return (*self.terms, *self.entities)
