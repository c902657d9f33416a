"""The families of the build's own lists: the archive by date, outlet and tag, the glossary, the people and
organisations, and the timeline. Each is one page on a reserved path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.entries import Entity, Term, sorted_terms
from build_tools.models import Event
from build_tools.render import feeds, home, lastmod
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ArticleCard, EntryCard
from build_tools.render.families.base import Builds, Reads, Templated
from build_tools.values import Identifier, PlainText

if TYPE_CHECKING:
    from build_tools.registry import Claim
    from build_tools.render.context import Site


@dataclass(frozen=True)
class ListingReads(Reads):
    """What a list of every article shows."""

    articles: tuple[ArticleCard, ...]
    """Every article's card, newest first."""
    tag_labels: tuple[tuple[Identifier, PlainText], ...] = ()
    """What readers see for each tag, by tag id (for the lists that show tags)."""

    def lastmod(self) -> str | None:
        """The newest article's date."""
        return lastmod.of_lists(self.articles)

    def context(self) -> dict[str, object]:
        """The fields; `by_tag`: (tag, label, its articles newest first) for each tag used, by label; and
        `newest_meta`: the newest articles for the home page (`render.home`)."""
        labels = dict(self.tag_labels)
        tagged: dict[str, list[ArticleCard]] = {}
        for card in self.articles:
            for tag in card.tags:
                tagged.setdefault(tag, []).append(card)
        by_tag = sorted(((tag, labels.get(tag, tag), tuple(cards)) for tag, cards in tagged.items()),
                        key=lambda group: (str(group[1]).casefold(), group[0]))  # fmt: skip
        return {**super().context(), "by_tag": tuple(by_tag), "newest_meta": home.front_matter(self.articles)}


@dataclass(frozen=True)
class Listing(Builds, Templated[ListingReads]):
    """The archive index, the list by outlet or the list by tag: each article as its card."""

    def reads(self, site: Site, claim: Claim) -> ListingReads:
        """Every article's card, and the tags' labels."""
        return ListingReads(site.every_card(), site.tag_labels())


@dataclass(frozen=True)
class FeedReads(Reads):
    """What the feeds carry: the newest articles and briefings."""

    articles: tuple[ArticleCard, ...]
    """The articles' cards, newest first."""
    briefings: tuple[BriefingCard, ...]
    """The briefings' cards, newest first."""
    tag_labels: tuple[tuple[Identifier, PlainText], ...] = ()
    """What readers see for each tag, by tag id."""

    def context(self) -> dict[str, object]:
        """The fields, and `items`: the articles and briefings a feed carries, newest first (`feeds.newest`)."""
        return {**super().context(), "items": feeds.newest(self.articles, self.briefings)}

    def lastmod(self) -> str | None:
        """The newest item's date."""
        return lastmod.newest([card.published for card in self.articles] + [card.date for card in self.briefings])


@dataclass(frozen=True)
class FeedPage(Builds, Templated[FeedReads]):
    """The feeds page: how to subscribe, and the articles and briefings the feeds carry (`feeds.ITEMS`, newest
    first)."""

    def reads(self, site: Site, claim: Claim) -> FeedReads:
        """The newest articles' and briefings' cards, as many of each as a feed carries."""
        return FeedReads(site.every_card()[: feeds.ITEMS], site.every_briefing()[: feeds.ITEMS])


@dataclass(frozen=True)
class GlossaryReads(Reads):
    """What the glossary index shows."""

    terms: tuple[Term, ...]
    """Every term, alphabetical (`context.sorted_terms`)."""


@dataclass(frozen=True)
class GlossaryIndex(Builds, Templated[GlossaryReads]):
    """The glossary index."""

    def reads(self, site: Site, claim: Claim) -> GlossaryReads:
        """Every term, alphabetical."""
        return GlossaryReads(tuple(sorted_terms(site.terms())))


@dataclass(frozen=True)
class EntitiesReads(Reads):
    """What the index of people or of organisations shows."""

    title: str
    """Its heading."""
    intro: str
    """The sentence under it."""
    entities: tuple[EntryCard, ...]
    """The card of each person or organisation, alphabetical."""


@dataclass(frozen=True)
class EntityIndex(Builds, Templated[EntitiesReads]):
    """The index of one section of entities (people or organisations)."""

    section: str
    """The section listed: `people` or `organisations`."""
    title: str
    """The page's heading."""
    intro: str
    """The sentence under the heading."""

    def reads(self, site: Site, claim: Claim) -> EntitiesReads:
        """The section's entities as cards, alphabetical by name."""
        listed = (entity for entity in site.entities() if entity.section == self.section)
        cards = tuple(EntryCard.of(entity) for entity in sorted(listed, key=_by_name))
        return EntitiesReads(self.title, self.intro, cards)


def _by_name(entity: Entity) -> str:
    return entity.name.casefold()


@dataclass(frozen=True)
class TimelineReads(Reads):
    """What the timeline shows."""

    events: tuple[Event, ...]
    """Every event, oldest first."""
    concerns: tuple[tuple[Event, tuple[tuple[str, str], ...]], ...]
    """For each event, (name, page) of what it concerns (`Site.timeline`)."""

    def context(self) -> dict[str, object]:
        """The fields, what each event concerns as a mapping by event."""
        return {**super().context(), "concerns": dict(self.concerns)}

    def lastmod(self) -> str | None:
        """The newest event's date."""
        return lastmod.of_lists(events=self.events)


@dataclass(frozen=True)
class Timeline(Builds, Templated[TimelineReads]):
    """The timeline page."""

    def reads(self, site: Site, claim: Claim) -> TimelineReads:
        """Every event and what it concerns."""
        timeline = site.timeline()
        return TimelineReads(tuple(event for event, _ in timeline), timeline)
