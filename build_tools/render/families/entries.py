"""The families of an entry's pages: a term's, a person's or an organisation's page, and its years of mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.corrections import Correction
from build_tools.entries import Entity, Term
from build_tools.link.models import AnchoredNote, LinkedArticle, Mention
from build_tools.models import SECTION_WORDS, Archive, Event
from build_tools.registry import Claim
from build_tools.render import lastmod
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ArticleCard, EntryCard
from build_tools.render.families.base import Reads, Templated
from build_tools.render.indexes import PAGE_MENTIONS_OVER

if TYPE_CHECKING:
    from build_tools.render.context import Site

Mentions = tuple[tuple[ArticleCard, Mention], ...]


@dataclass(frozen=True)
class EntryLists(Reads):
    """What every entry's page lists."""

    mentions: Mentions
    """The articles that mention it, newest first, with the mention."""
    notes: tuple[tuple[ArticleCard, AnchoredNote], ...]
    """The notes whose quote or text mention it, with their article."""
    years: tuple[tuple[int, Mentions], ...]
    """Its mentions by year, newest first, when they have pages by year; else empty."""
    events: tuple[Event, ...]
    """The timeline events that concern it."""
    briefings: tuple[BriefingCard, ...]
    """The briefings that mention it, newest first."""

    def lastmod(self) -> str | None:
        """The newest date of the articles, notes and events it lists, and of the entry's corrections."""
        cards = (card for card, _ in self.mentions)
        return lastmod.of_lists(cards, (anchored for _, anchored in self.notes), self.events, self.corrected())

    def corrected(self) -> tuple[Correction, ...]:
        """The entry's corrections (none for a page that is not the entry's own)."""
        return ()


def _lists(site: Site, key: str) -> dict[str, object]:
    """The fields of `EntryLists` for the entry `key`."""
    return {
        "mentions": site.mentioned_in(key),
        "notes": site.noted_in(key),
        "years": site.years(key),
        "events": site.concerning(key),
        "briefings": site.briefings_mentioning(key),
    }


def _entry_claims(family: Templated, archive: Archive, sections: tuple[str, ...]) -> Iterator[Claim]:
    """One page per entry of `sections` the sources define, valid or not."""
    for name in archive.names:
        if name.section in sections:
            yield Claim(urls.entry(name.section, name.id), family, name.key, 0, name.what, name.path, name.line)


@dataclass(frozen=True)
class TermReads(EntryLists):
    """What a glossary term's page shows."""

    term: Term
    """The term."""
    related: tuple[EntryCard, ...]
    """The cards of its related terms."""

    def corrected(self) -> tuple[Correction, ...]:
        """The term's corrections."""
        return self.term.corrections


@dataclass(frozen=True)
class TermPage(Templated[TermReads]):
    """A glossary term's page (`glossary/<id>.md`)."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One page per term."""
        return _entry_claims(self, archive, ("glossary",))

    def reads(self, site: Site, claim: Claim) -> TermReads:
        """The term, its related terms' cards and its lists."""
        term = site.entry(claim.subject)
        related = tuple(site.entry_card(f"glossary/{other}") for other in term.related)
        return TermReads(term=term, related=related, **_lists(site, term.key))


@dataclass(frozen=True)
class EntityReads(EntryLists):
    """What a person's or an organisation's page shows."""

    entity: Entity
    """The person or organisation."""
    articles: tuple[tuple[str, ArticleCard], ...]
    """The articles its roles cite, by slug (those in the archive)."""

    def context(self) -> dict[str, object]:
        """The fields, the articles as a mapping by slug."""
        return {**super().context(), "articles": dict(self.articles)}

    def corrected(self) -> tuple[Correction, ...]:
        """The entity's corrections."""
        return self.entity.corrections


@dataclass(frozen=True)
class EntityPage(Templated[EntityReads]):
    """A person's or an organisation's page (`people/<id>.md`, `organisations/<id>.md`)."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One page per person and organisation."""
        return _entry_claims(self, archive, ("people", "organisations"))

    def reads(self, site: Site, claim: Claim) -> EntityReads:
        """The entity, the cards of the articles its roles cite, and its lists."""
        entity = site.entry(claim.subject)
        cards = ((role.article, site.card(role.article)) for role in entity.roles)
        cited = {slug: card for slug, card in cards if card is not None}
        lists = _lists(site, entity.key)
        return EntityReads(entity=entity, articles=tuple(cited.items()), **lists)


def years_of_mentions(linked: tuple[LinkedArticle, ...]) -> dict[str, tuple[int, ...]]:
    """For each entry key whose mentions get a page per year (`by_year`), those years, newest first: counted, not
    listed, so that planning the pages does not index every mention."""
    counts: Counter[str] = Counter()
    years: defaultdict[str, set[int]] = defaultdict(set)
    for item in linked:
        year = item.article.published.year
        for mention in item.mentions:
            counts[mention.key] += 1
            years[mention.key].add(year)
    return {key: tuple(sorted(years[key], reverse=True)) for key, count in counts.items() if count > PAGE_MENTIONS_OVER}


@dataclass(frozen=True)
class YearReads(Reads):
    """What a page of one year's mentions of an entry shows."""

    entry: EntryCard
    """The entry."""
    source: str
    """The file that defines it."""
    year: int
    """The year."""
    by_year: Mentions
    """That year's mentions, newest first."""
    years: tuple[int, ...]
    """Every year with a page, newest first."""

    def lastmod(self) -> str | None:
        """The newest of the articles it lists."""
        return lastmod.of_lists(card for card, _ in self.by_year)


@dataclass(frozen=True)
class YearPage(Templated[YearReads]):
    """One year of an entry's mentions (`glossary/<id>/<year>.md`), for an entry mentioned too often for one list."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """One page per year of each entry whose list is split by year (`indexes.by_year`)."""
        split = years_of_mentions(linked)
        for entry in archive.entries:
            for year in split.get(entry.key, ()):
                what = f"the {year} mentions of {SECTION_WORDS[entry.section]} {entry.id!r}"
                path = urls.mentions_year(entry.section, entry.id, year)
                yield Claim(path, self, entry.key, year, what, entry.file, entry.line)

    def reads(self, site: Site, claim: Claim) -> YearReads:
        """The entry's card and file, the year's mentions and the other years."""
        entry = site.entry(claim.subject)
        years = site.years(entry.key)
        mentions = tuple(dict(years)[claim.year])
        numbers = tuple(year for year, _ in years)
        return YearReads(EntryCard.of(entry), entry.file, claim.year, mentions, numbers)
