"""The families of the build's files that are not pages: the feeds (of articles and briefings), files made from the
code and settings alone (the feeds' sitemap), the entries' names for search.
Each is one file on a reserved path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.entries import Entry
from build_tools.render import search_names
from build_tools.render.briefings import BriefingCard
from build_tools.render.cards import ArticleCard
from build_tools.render.families.base import Builds, Family, Reads
from build_tools.render.families.lists import FeedReads

if TYPE_CHECKING:
    import jinja2

    from build_tools.registry import Claim
    from build_tools.render.context import Site


@dataclass(frozen=True)
class Feed(Builds, Family[FeedReads]):
    """A feed of the newest articles and briefings (RSS or JSON Feed: `render.feeds`)."""

    write: Callable[[tuple[ArticleCard, ...], dict[str, str], tuple[BriefingCard, ...]], str]
    """The feed's writer, given the articles' cards, the tags' labels and the briefings' cards."""

    def reads(self, site: Site, claim: Claim) -> FeedReads:
        """Every article's and briefing's card, and the tags' labels."""
        return FeedReads(site.every_card(), site.every_briefing(), site.tag_labels())

    def render(self, env: jinja2.Environment, path: str, reads: FeedReads) -> str:
        """The feed, written from the cards."""
        return self.write(reads.articles, dict(reads.tag_labels), reads.briefings)


@dataclass(frozen=True)
class Nothing(Reads):
    """What a file that depends on no source reads."""


@dataclass(frozen=True)
class Constant(Builds, Family[Nothing]):
    """A file made from the code and settings alone (the feeds' sitemap, the Data Package): no source changes it."""

    write: Callable[[], str]
    """Its writer."""

    def reads(self, site: Site, claim: Claim) -> Nothing:
        """Nothing."""
        return Nothing()

    def render(self, env: jinja2.Environment, path: str, reads: Nothing) -> str:
        """The file, as its writer gives it."""
        return self.write()


@dataclass(frozen=True)
class EntriesReads(Reads):
    """What the search box's list of entries reads."""

    entries: tuple[Entry, ...]
    """Every term, person and organisation."""


@dataclass(frozen=True)
class EntryNames(Builds, Family[EntriesReads]):
    """Every entry's names, for the search box to put the entry's page first (`render.search_names`)."""

    def reads(self, site: Site, claim: Claim) -> EntriesReads:
        """Every entry."""
        return EntriesReads(site.every_entry())

    def render(self, env: jinja2.Environment, path: str, reads: EntriesReads) -> str:
        """The names as JSON."""
        return search_names.entry_names(reads.entries)
