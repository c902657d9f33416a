"""What lists show of an article or an entry: small frozen views, so a page's memo key is all it reads.

An article page lists terms; indexes, "Mentioned in" lists, related reading and feeds
list articles. They are given cards, not the whole article or entry: a note edited in
one article, or a definition edited in the glossary, then leaves every list that only
names them as it was, and `mkdocs serve` renders those pages again only when what they
show has changed. The reference files are given the card of what they cite, for the
same reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.entries import Entry
from build_tools.intervals import Dated
from build_tools.models import Article, cached_hash
from build_tools.values import Identifier, PlainText, Url


@dataclass(frozen=True)
class ArticleCard:
    """An article as lists show it: title, outlet, date, summary, tags and where it is."""

    __hash__ = cached_hash

    slug: Identifier
    """The article's page is `articles/<slug>/`."""
    title: PlainText
    """Headline as published."""
    outlet: PlainText
    """Publication that ran it."""
    published: Dated
    """Publication date at its known precision, or the interval it lies in."""
    summary: PlainText
    """The archive's own two or three sentences about it."""
    tags: tuple[Identifier, ...]
    """Topic tags."""
    url: Url | None
    """Address of the original, where known."""

    @classmethod
    def of(cls, article: Article) -> ArticleCard:
        """The card of `article`."""
        return cls(article.slug, article.title, article.outlet, article.published, article.summary, article.tags,
                   article.url)  # fmt: skip


@dataclass(frozen=True)
class EntryCard:
    """A term, person or organisation as lists show it: its name and one-sentence definition, linked."""

    __hash__ = cached_hash

    section: str
    """Folder of its page (`glossary`, `people`, `organisations`)."""
    id: Identifier
    """Its page is `<section>/<id>/`."""
    name: PlainText
    """Its heading."""
    short: PlainText
    """One-sentence definition."""

    @classmethod
    def of(cls, entry: Entry) -> EntryCard:
        """The card of `entry`."""
        return cls(entry.section, entry.id, entry.name, entry.short)


@dataclass(frozen=True)
class ReferenceCard:
    """An article as its reference files cite it (`render.references`): not its text or notes, whose edits
    leave them alone."""

    __hash__ = cached_hash

    slug: Identifier
    """The article's page is `articles/<slug>/`; also the reference's id."""
    title: PlainText
    """Headline as published."""
    outlet: PlainText
    """Publication that ran it."""
    byline: PlainText | None
    """Author as credited, where known."""
    published: Dated
    """Publication date at its known precision, or the interval it lies in."""
    url: Url | None
    """Address of the original, where known."""
    language: Identifier
    """BCP 47 language tag of the text."""

    @classmethod
    def of(cls, article: Article) -> ReferenceCard:
        """The reference card of `article`."""
        return cls(
            article.slug,
            article.title,
            article.outlet,
            article.byline,
            article.published,
            article.url,
            article.language,
        )
