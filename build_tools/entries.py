"""Glossary terms, people and organisations: the entries articles link to, and how writing names them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from build_tools.config import GLOSSARY_FILE, PEOPLE_FILE
from build_tools.corrections import Correction
from build_tools.models import Source, cached_hash
from build_tools.values import Identifier, Markdown, PlainText


@dataclass(frozen=True)
class Alias:
    """One way real writing names an entry; also a phrase matched the same way (a cue, an exclusion)."""

    text: PlainText
    """The words, as written; any dash matches any other, with or without spaces around it."""
    exact_case: bool
    """True when only this exact capitalisation matches (acronyms such as 'SPI')."""
    weak: bool = False
    """True for a weak alias: it names the entry only sometimes, so it is linked only where one of the
    entry's cues appears in the same paragraph or in the article's title, summary or tags."""
    line: int = 0
    """Line of the words in their file."""


@dataclass(frozen=True)
class Sense:
    """How to tell an entry's own mentions from the same words meaning something else."""

    cues: tuple[Alias, ...] = ()
    """Words whose presence nearby shows a weak alias means this entry (Korea, ROK, Seoul...)."""
    exclusions: tuple[Alias, ...] = ()
    """Phrases (`not:`) inside which an alias of the entry is never linked: another thing's name."""
    line: int = 0
    """Line of the entry, for problems with the whole of it."""


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    __hash__ = cached_hash

    id: Identifier
    """URL-stable id; the page is `glossary/<id>/`."""
    name: PlainText
    """Heading of the entry, usually the form readers meet most."""
    expansion: PlainText | None
    """Long form of an acronym or code name."""
    short: PlainText
    """One-sentence definition, used as the link tooltip."""
    definition: Markdown
    """Longer explanation in the archive's own words (restricted Markdown)."""
    aliases: tuple[Alias, ...]
    """Every form that is linked to this term in articles, strong ones first."""
    sense: Sense
    """Cues for its weak aliases, and phrases its aliases are not linked inside."""
    korean: PlainText | None
    """Korean name, where there is one."""
    related: tuple[Identifier, ...]
    """Ids of related terms."""
    sources: tuple[Source, ...]
    """Where the definition comes from; at least one."""
    line: int
    """Line of the entry in the glossary file."""
    corrections: tuple[Correction, ...] = ()
    """Changes made to the entry after it was published, newest first (`build_tools.corrections`)."""

    section = "glossary"
    """Folder of the entry pages; also names the kind of entry."""
    file = GLOSSARY_FILE
    """The file the entry comes from."""

    @property
    def key(self) -> str:
        """Unique across every kind of entry: `glossary/<id>`."""
        return f"{self.section}/{self.id}"


@dataclass(frozen=True)
class Role:
    """What a person or organisation was, at the time of one article."""

    article: Identifier
    """Slug of the article."""
    text: PlainText
    """The role, e.g. 'US Secretary of Defense'."""


@dataclass(frozen=True)
class Entity:
    """A person or organisation in the registry (people.yml)."""

    __hash__ = cached_hash

    id: Identifier
    """URL-stable id; the page is `people/<id>/` or `organisations/<id>/`."""
    kind: Literal["person", "organisation"]
    """Which list of people.yml the entry comes from."""
    name: PlainText
    """Name as the archive writes it."""
    short: PlainText
    """One sentence, used as the link tooltip."""
    description: Markdown | None
    """A longer note in the archive's own words (restricted Markdown)."""
    aliases: tuple[Alias, ...]
    """Every form that is linked to this entry in articles, strong ones first."""
    sense: Sense
    """Cues for its weak aliases, and phrases its aliases are not linked inside."""
    roles: tuple[Role, ...]
    """Role at the time of each article that mentions the entry."""
    sources: tuple[Source, ...]
    """What backs the description; may be empty only when roles come from the articles."""
    line: int
    """Line of the entry in people.yml."""
    corrections: tuple[Correction, ...] = ()
    """Changes made to the entry after it was published, newest first (`build_tools.corrections`)."""

    file = PEOPLE_FILE
    """The file the entry comes from."""

    @property
    def section(self) -> str:
        """`people` or `organisations`: the folder of the entry's page."""
        return "people" if self.kind == "person" else "organisations"

    @property
    def key(self) -> str:
        """Unique across every kind of entry: `people/<id>` or `organisations/<id>`."""
        return f"{self.section}/{self.id}"


Entry = Term | Entity
"""Anything linked from article text: a glossary term, a person or an organisation."""

ENTRY_SECTIONS = ("glossary", "people", "organisations")
"""The sections whose entries are linked from articles, in the order a bare id is looked up."""


def entry_keys(reference: str) -> tuple[str, ...]:
    """The keys a reference to an entry may mean: `glossary/cfc` itself, or `cfc` in each section."""
    return (reference,) if "/" in reference else tuple(f"{section}/{reference}" for section in ENTRY_SECTIONS)


def sorted_terms(terms: tuple[Term, ...]) -> list[Term]:
    """Alphabetical by name, the order of a printed glossary."""
    return sorted(terms, key=lambda term: (term.name.casefold(), term.id))
