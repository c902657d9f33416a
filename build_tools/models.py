"""Frozen, typed models: what the loader reads and the later stages use (entries: `build_tools.entries`).

Every contributed value has the type of its declared kind (`build_tools.values`):
that type, not the code that reads it, decides how each output escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from build_tools.intervals import Dated
from build_tools.values import Identifier, Markdown, PlainText, PublishedDate, Url

if TYPE_CHECKING:  # entries.py builds on Source and cached_hash from here
    from build_tools.corrections import Correction
    from build_tools.entries import Entity, Entry, Term
    from build_tools.link.models import LinkedBriefing

SECTION_WORDS = {
    "articles": "article", "glossary": "term", "people": "person", "organisations": "organisation",
    "briefings": "briefing",
}  # fmt: skip
"""What one entry of each section is called in messages."""


def cached_hash(self: object) -> int:
    """Hash of a large frozen model, computed once: the build's memo keys hash these often."""
    value = self.__dict__.get("_hash")
    if value is None:
        value = hash(tuple(getattr(self, name) for name in self.__dataclass_fields__))  # type: ignore[attr-defined]
        object.__setattr__(self, "_hash", value)
    return value


@dataclass(frozen=True)
class Archived:
    """A copy of a source kept by a web archive (the Internet Archive, archive.today...): what the page said."""

    url: Url
    """Address of the copy (https), never the source's own."""
    date: PublishedDate
    """Day the copy was made (a full date)."""


@dataclass(frozen=True)
class Source:
    """A public document that backs a statement."""

    title: PlainText
    """Title as the reader should see it."""
    url: Url
    """Address of the document (https, or http where it has no other)."""
    archived: Archived | None = None
    """An archived copy of it, where one was made and opened; pages link it beside the original (Robust Links)."""
    path: str = field(default="", compare=False)
    """File the source is written in (not part of its identity: the same source in two files is equal)."""
    line: int = field(default=0, compare=False)
    """Line of the source in that file."""


@dataclass(frozen=True)
class Annotation:
    """A contributor's note attached to exact words of an article."""

    id: Identifier
    """Stable id, unique in its article; the permalink is `#note-<id>`."""
    quote: PlainText
    """The exact words annotated (whitespace, quote style and dashes may differ)."""
    prefix: PlainText | None
    """Words just before the quote, to pick one of several matches."""
    suffix: PlainText | None
    """Words just after the quote, to pick one of several matches."""
    note: Markdown
    """The note, restricted Markdown that passed the sanitiser."""
    author: Identifier
    """GitHub handle of the contributor, without '@'."""
    sources: tuple[Source, ...]
    """What backs the note; at least one."""
    kind: Identifier
    """context, correction, clarification, term or person."""
    added: PublishedDate | None
    """Day the note was added, if given."""
    path: str
    """Annotation file, relative to the project root."""
    line: int
    """Line of the entry in that file."""
    corrections: tuple[Correction, ...] = ()
    """Changes made to the note after it was published here, newest first (`build_tools.corrections`)."""


@dataclass(frozen=True)
class ArticleText:
    """An article's words and notes: all that anchoring needs, even when its front matter has problems."""

    slug: Identifier
    """URL-stable name, from the file name; the page is `articles/<slug>/`."""
    path: str
    """Source file, relative to the project root."""
    body: str
    """The article text as written (for an Article, checked: see there)."""
    body_line: int
    """Line of the source file on which the body starts."""
    annotations: tuple[Annotation, ...] = ()
    """Contributors' notes from `articles/<slug>.annotations.yml`, in file order."""


@dataclass(frozen=True, kw_only=True)
class Article(ArticleText):
    """One source article: its metadata and its words, verbatim."""

    __hash__ = cached_hash

    body: Markdown
    """The article text: restricted Markdown (article rules) that passed the sanitiser."""
    title: PlainText
    """Headline as published."""
    outlet: PlainText
    """Publication that ran the article."""
    url: Url | None
    """Address of the original, where known."""
    published: Dated
    """Publication date at its known precision, or the interval it lies in."""
    date_note: PlainText | None
    """What is and is not established about the date, shown on the page."""
    byline: PlainText | None
    """Author as credited, where known."""
    language: Identifier
    """BCP 47 language tag of the text, such as 'en'."""
    summary: PlainText
    """The archive's own two or three sentences about the article."""
    tags: tuple[Identifier, ...]
    """Topic tags, lower-case words and hyphens."""
    capture_note: PlainText | None
    """What the archive changed from the captured page (site chrome dropped...)."""
    links: tuple[LinkRule, ...] = ()
    """Phrases this article never links, or links to a given entry."""
    photo_caption: PlainText | None = None
    """Caption of a photo the capture showed and the archive does not keep, word for word; shown above the text
    as such, not as part of it."""
    corrections: tuple[Correction, ...] = ()
    """Changes made to the archive's copy after it was published here, newest first (`build_tools.corrections`)."""
    tags_line: int = 0
    """Line of `tags:` in the article file (where an unknown tag is reported)."""


@dataclass(frozen=True)
class Tag:
    """A topic tag of the `tags:` register (glossary.yml): the words readers see for it."""

    id: Identifier
    """The tag as articles write it, and in addresses (`tags: [opcon]`)."""
    label: PlainText
    """What readers see: "Wartime operational control"."""
    line: int
    """Line of the tag in glossary.yml."""


@dataclass(frozen=True)
class LinkRule:
    """An article's own decision about one phrase (front matter `links:`)."""

    words: PlainText
    """The phrase, matched like an alias."""
    entry: str | None
    """Key of the entry the phrase is linked to (`glossary/cfc`); None when the phrase is never linked."""
    line: int
    """Line of the rule in the article file."""


@dataclass(frozen=True)
class Footnote:
    """One numbered note of a briefing: the sources that back the statements that cite it (`[^id]`)."""

    id: Identifier
    """What the briefing's text cites it by (`[^spi-talks]`); its anchor is `#fn-<id>`."""
    sources: tuple[Source, ...]
    """What backs the statements; at least one."""
    note: Markdown | None
    """What in the sources backs them, in the editor's words (restricted Markdown), if given."""
    line: int
    """Line of the footnote in the briefing file."""


@dataclass(frozen=True, kw_only=True)
class Briefing:
    """An editor's essay on a set of the archive's articles, quoting them word for word (`briefings/<slug>.md`)."""

    __hash__ = cached_hash

    slug: Identifier
    """URL-stable name, from the file name; the page is `briefings/<slug>/`."""
    path: str
    """Source file, relative to the project root."""
    title: PlainText
    """The briefing's title."""
    authors: tuple[Identifier, ...]
    """GitHub accounts of its authors, without '@'."""
    date: PublishedDate
    """Day it was published (a full date)."""
    summary: PlainText
    """Two or three sentences on what it explains."""
    tags: tuple[Identifier, ...]
    """Topic tags, as articles carry them."""
    footnotes: tuple[Footnote, ...]
    """Its notes with sources, in file order (numbered by first citation in the text)."""
    body: Markdown
    """The essay: restricted Markdown (briefing rules) that passed the sanitiser."""
    body_line: int
    """Line of the source file on which the body starts."""
    tags_line: int = 0
    """Line of `tags:` in the file (where an unknown tag is reported)."""


@dataclass(frozen=True)
class Name:
    """Something a source defines, by the id others refer to it with: known even when its entry has problems.

    References are checked against names, not against the entries that loaded, so an
    article that lost its title is one problem, not one more for every reference to it.
    """

    section: str
    """`articles`, `glossary`, `people` or `organisations`."""
    id: str
    """The slug or id."""
    path: str
    """File that defines it."""
    line: int | None
    """Line of the entry in that file (None for an article: the file is the entry)."""

    @property
    def key(self) -> str:
        """`<section>/<id>`, as references name it."""
        return f"{self.section}/{self.id}"

    @property
    def what(self) -> str:
        """The name in words: "person 'lee'"."""
        return f"{SECTION_WORDS[self.section]} {self.id!r}"


@dataclass(frozen=True)
class Event:
    """A dated event on the timeline."""

    __hash__ = cached_hash

    id: Identifier
    """Stable id; the anchor on the timeline page is `#event-<id>`."""
    date: Dated
    """When it happened, only as precisely as the sources say (or the interval it lies in)."""
    title: PlainText
    """What happened, in a few words."""
    description: PlainText
    """One sentence in the archive's own words."""
    sources: tuple[Source, ...]
    """What backs the date and the description; none only for an article's own publication."""
    keys: tuple[str, ...]
    """Entries it concerns: `glossary/<id>`, `people/<id>`, `organisations/<id>`."""
    articles: tuple[Identifier, ...]
    """Slugs of the articles it concerns."""
    line: int
    """Line in timeline.yml (0 for an article's publication, which is not in the file)."""


@dataclass(frozen=True)
class Archive:
    """Everything loaded: read all of it before writing anything."""

    articles: tuple[Article, ...]
    """All articles whose sources are valid, newest first."""
    terms: tuple[Term, ...]
    """All glossary terms, in glossary order."""
    entities: tuple[Entity, ...] = ()
    """People and organisations from people.yml, in file order."""
    events: tuple[Event, ...] = ()
    """Timeline events from timeline.yml and the articles' publication dates, oldest first."""
    names: tuple[Name, ...] = ()
    """Every article, term, person and organisation the sources define, valid or not, in file order."""
    drafts: tuple[ArticleText, ...] = ()
    """Articles with problems whose text could still be read: only their notes are anchored, so the notes'
    problems show in the same run; nothing of them is rendered."""
    tag_labels: tuple[tuple[Identifier, PlainText], ...] = ()
    """What readers see for each tag an article may carry, sorted by tag: the label the `tags:` register of
    glossary.yml gives it, else, for a glossary term's id, the term's name (`load.tags`)."""

    briefings: tuple[LinkedBriefing, ...] = ()
    """The briefings whose sources are valid, their quotations found in the articles, newest first."""

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Everything that can be mentioned: terms, then people and organisations."""
        return (*self.terms, *self.entities)
