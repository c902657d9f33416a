"""The families of an article's own pages: its page, its notes as Web Annotations, its reference files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive, Event, Name
from build_tools.registry import Claim
from build_tools.render import lastmod, metadata, references, web_annotations
from build_tools.render.briefings import Discussion
from build_tools.render.cards import EntryCard, ReferenceCard
from build_tools.render.cite import Citations
from build_tools.render.families.base import Family, Reads, Templated
from build_tools.render.reading import Related

if TYPE_CHECKING:
    import jinja2

    from build_tools.render.context import Site


def _articles(archive: Archive) -> Iterator[Name]:
    """Every article the sources define, valid or not, in the order of the archive's names."""
    return (name for name in archive.names if name.section == "articles")


@dataclass(frozen=True)
class ArticleReads(Reads):
    """What an article's page shows."""

    item: LinkedArticle
    """The article, linked."""
    terms: tuple[EntryCard, ...]
    """The terms, people and organisations it mentions, in order of first mention."""
    related: tuple[Related, ...]
    """Related reading."""
    nearby: tuple[Event, ...]
    """Timeline events around its date."""
    on_timeline: tuple[Event, ...]
    """The events that concern it."""
    citations: Citations
    """Its Chicago and APA citations."""
    discussed: tuple[Discussion, ...] = ()
    """Where briefings quote it."""

    def context(self) -> dict[str, object]:
        """The fields, the article itself and its reference managers' metadata (made from it)."""
        article = self.item.article
        return {**super().context(), "article": article, "citation_meta": metadata.front_matter(article)}

    def lastmod(self) -> str | None:
        """Its publication, or the day its last note was added."""
        return lastmod.of_article(self.item)


@dataclass(frozen=True)
class ArticlePage(Templated[ArticleReads]):
    """An article's page (`articles/<slug>.md`)."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One page per article."""
        for name in _articles(archive):
            yield Claim(urls.article(name.id), self, name.id, 0, name.what, name.path, name.line)

    def reads(self, site: Site, claim: Claim) -> ArticleReads:
        """The article, the cards of what it mentions and of its related reading, its events and citations."""
        slug = claim.subject
        item = site.article(slug)
        return ArticleReads(
            item=item,
            terms=tuple(site.entry_card(mention.key) for mention in item.mentions),
            related=site.related(slug),
            nearby=site.nearby(slug),
            on_timeline=site.concerning(f"articles/{slug}"),
            citations=site.citations_of(slug),
            discussed=site.discussed_in(slug),
        )


@dataclass(frozen=True)
class LinkedArticleReads(Reads):
    """The whole linked article, for an output made of its text and notes."""

    item: LinkedArticle
    """The article, linked."""


@dataclass(frozen=True)
class WebAnnotations(Family[LinkedArticleReads]):
    """An article's notes as a W3C Web Annotation collection (`annotations/<slug>.jsonld`)."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One collection per article."""
        for name in _articles(archive):
            what = f"the notes of {name.what} as Web Annotations"
            yield Claim(urls.annotations(name.id), self, name.id, 0, what, name.path, name.line)

    def reads(self, site: Site, claim: Claim) -> LinkedArticleReads:
        """The linked article."""
        return LinkedArticleReads(site.article(claim.subject))

    def render(self, env: jinja2.Environment, path: str, reads: LinkedArticleReads) -> str:
        """The collection as JSON-LD (`render.web_annotations`)."""
        return web_annotations.collection(reads.item)


@dataclass(frozen=True)
class ReferenceReads(Reads):
    """What a reference file cites of an article."""

    card: ReferenceCard
    """The article as cited."""


@dataclass(frozen=True)
class ReferenceFile(Family[ReferenceReads]):
    """An article's reference file in one format (`cite/<slug>.json`, `.ris`, `.bib`: `render.references`)."""

    form: str
    """The format: a key of `references.WRITERS`."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One file per article."""
        for name in _articles(archive):
            what = f"{name.what} as a reference ({self.form})"
            yield Claim(urls.reference(name.id, self.form), self, name.id, 0, what, name.path, name.line)

    def reads(self, site: Site, claim: Claim) -> ReferenceReads:
        """The article's reference card."""
        return ReferenceReads(ReferenceCard.of(site.article(claim.subject).article))

    def render(self, env: jinja2.Environment, path: str, reads: ReferenceReads) -> str:
        """The file, written by the format's writer."""
        return references.WRITERS[self.form](reads.card)
