"""The families of the briefings: each briefing's page, the index of briefings, and their reference files
(CSL-JSON, RIS, BibTeX)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.link.models import LinkedArticle, LinkedBriefing
from build_tools.models import Archive
from build_tools.registry import Claim
from build_tools.render import briefing_references, home, metadata
from build_tools.render.briefings import BriefingCard, documents
from build_tools.render.cards import ArticleCard, EntryCard
from build_tools.render.cite import BriefingCitations
from build_tools.render.families.base import Builds, Family, Reads, Templated

if TYPE_CHECKING:
    import jinja2

    from build_tools.render.context import Site


@dataclass(frozen=True)
class BriefingReads(Reads):
    """What a briefing's page shows."""

    item: LinkedBriefing
    """The briefing, linked."""
    documents: tuple[tuple[ArticleCard, tuple[tuple[str, str | None], ...]], ...]
    """Each article it quotes, with the passages quoted from it ((words, paragraph id)), in order of first quotation."""
    terms: tuple[EntryCard, ...]
    """The terms, people and organisations it mentions, in order of first mention."""
    tag_labels: tuple[tuple[str, str], ...]
    """What readers see for each of its tags."""
    citations: BriefingCitations
    """Its Chicago and APA citations."""

    def context(self) -> dict[str, object]:
        """The fields, the briefing itself and its reference managers' metadata (made from its card)."""
        briefing = self.item.briefing
        meta = metadata.briefing_front_matter(BriefingCard.of(briefing))
        return {**super().context(), "briefing": briefing, "citation_meta": meta}

    def lastmod(self) -> str | None:
        """The day it was published."""
        return self.item.briefing.date.iso


@dataclass(frozen=True)
class BriefingPage(Templated[BriefingReads]):
    """A briefing's page (`briefings/<slug>.md`)."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One page per briefing."""
        for item in archive.briefings:
            briefing = item.briefing
            what = f"briefing {briefing.slug!r}"
            yield Claim(urls.briefing(briefing.slug), self, briefing.slug, 0, what, briefing.path, None)

    def reads(self, site: Site, claim: Claim) -> BriefingReads:
        """The briefing, the cards of the articles it quotes and of the entries it mentions, its tags' labels."""
        item = site.briefing(claim.subject)
        quoted = tuple((site.card(doc.slug), doc.quotations) for doc in documents(item))
        labels = dict(site.tag_labels())
        tags = tuple((tag, labels.get(tag, tag)) for tag in item.briefing.tags)
        terms = tuple(site.entry_card(key) for key in item.mentions)
        citations = site.briefing_citations(claim.subject)
        return BriefingReads(item, quoted, terms, tags, citations)  # type: ignore[arg-type]


@dataclass(frozen=True)
class BriefingListReads(Reads):
    """What the index of briefings shows."""

    briefings: tuple[BriefingCard, ...]
    """Every briefing's card, newest first."""

    def context(self) -> dict[str, object]:
        """The fields, and `newest_meta`: the newest briefings for the home page (`render.home`)."""
        return {**super().context(), "newest_meta": home.briefings(self.briefings)}

    def lastmod(self) -> str | None:
        """The newest briefing's day."""
        return self.briefings[0].date.iso if self.briefings else None


@dataclass(frozen=True)
class BriefingIndex(Builds, Templated[BriefingListReads]):
    """The index of briefings (`briefings/index.md`)."""

    def reads(self, site: Site, claim: Claim) -> BriefingListReads:
        """Every briefing's card."""
        return BriefingListReads(site.every_briefing())


@dataclass(frozen=True)
class BriefingReferenceReads(Reads):
    """What a reference file cites of a briefing."""

    card: BriefingCard
    """The briefing as cited."""


@dataclass(frozen=True)
class BriefingReferenceFile(Family[BriefingReferenceReads]):
    """A briefing's reference file in one format (`cite/briefings/<slug>.json`, `.ris`, `.bib`:
    `render.briefing_references`)."""

    form: str
    """The format: a key of `briefing_references.WRITERS`."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One file per briefing."""
        for item in archive.briefings:
            briefing = item.briefing
            what = f"briefing {briefing.slug!r} as a reference ({self.form})"
            path = urls.briefing_reference(briefing.slug, self.form)
            yield Claim(path, self, briefing.slug, 0, what, briefing.path, None)

    def reads(self, site: Site, claim: Claim) -> BriefingReferenceReads:
        """The briefing's card."""
        return BriefingReferenceReads(BriefingCard.of(site.briefing(claim.subject).briefing))

    def render(self, env: jinja2.Environment, path: str, reads: BriefingReferenceReads) -> str:
        """The file, written by the format's writer."""
        return briefing_references.WRITERS[self.form](reads.card)
