"""What the pages show of the briefings: their cards, and what each article and entry is discussed in.

A briefing's own page reads the whole linked briefing; lists, an article's "Discussed in" and an
entry's "In briefings" read only cards, so an edit to a briefing's words that leaves its title, date
and summary alone renders only the pages that show what changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from build_tools.link.models import LinkedBriefing
from build_tools.models import Briefing, cached_hash
from build_tools.values import Identifier, PlainText, PublishedDate


@dataclass(frozen=True)
class BriefingCard:
    """A briefing as lists show it: title, authors, date, summary and tags."""

    __hash__ = cached_hash

    slug: Identifier
    """The briefing's page is `briefings/<slug>/`."""
    title: PlainText
    """Its title."""
    authors: tuple[Identifier, ...]
    """GitHub accounts of its authors."""
    date: PublishedDate
    """Day it was published."""
    summary: PlainText
    """What it explains."""
    tags: tuple[Identifier, ...]
    """Topic tags."""

    @classmethod
    def of(cls, briefing: Briefing) -> BriefingCard:
        """The card of `briefing`."""
        return cls(briefing.slug, briefing.title, briefing.authors, briefing.date, briefing.summary, briefing.tags)


@dataclass(frozen=True)
class Discussion:
    """Where a briefing first quotes an article: all an article's "Discussed in" shows of it, so an edit to the
    briefing elsewhere leaves the article's page as it was."""

    briefing: BriefingCard
    """The briefing."""
    at: str | None
    """Id of the briefing's paragraph that first quotes the article (None in a list item: its page)."""


@dataclass(frozen=True)
class Briefed:
    """The briefings indexed once per run for the pages that read them."""

    by_slug: Mapping[str, LinkedBriefing]
    """Each briefing, linked, by slug."""
    cards: tuple[BriefingCard, ...]
    """Every briefing's card, newest first."""
    discussions: Mapping[str, tuple[Discussion, ...]]
    """For each article slug, where briefings first quote it (briefings newest first)."""
    mentioning: Mapping[str, tuple[BriefingCard, ...]]
    """For each entry key, the briefings that mention it, newest first."""


def index_briefings(briefings: Iterable[LinkedBriefing]) -> Briefed:
    """Every briefing's card, and what quotes each article and mentions each entry (one pass)."""
    by_slug, cards = {}, []
    discussions: defaultdict[str, list[Discussion]] = defaultdict(list)
    mentioning: defaultdict[str, list[BriefingCard]] = defaultdict(list)
    for item in briefings:
        card = BriefingCard.of(item.briefing)
        by_slug[card.slug] = item
        cards.append(card)
        for slug, at in dict((q.slug, q.at) for q in reversed(item.quotations)).items():  # each article's first
            discussions[slug].append(Discussion(card, at))
        for key in item.mentions:
            mentioning[key].append(card)
    return Briefed(
        by_slug,
        tuple(cards),
        {slug: tuple(found) for slug, found in discussions.items()},
        {key: tuple(found) for key, found in mentioning.items()},
    )


@dataclass(frozen=True)
class Document:
    """An article a briefing quotes, as its "Documents in this briefing" lists it."""

    slug: Identifier
    """The article."""
    quotations: tuple[tuple[str, str | None], ...]
    """(words, id of the article's paragraph that holds them) of each passage quoted, in the briefing's order."""


def documents(item: LinkedBriefing) -> tuple[Document, ...]:
    """The articles `item` quotes, in the order of their first quotation, each with its passages (once each)."""
    found: dict[str, dict[tuple[str, str | None], None]] = {}
    for quotation in item.quotations:
        words = " ".join(quotation.words.split())
        found.setdefault(quotation.slug, {})[(words, quotation.passage)] = None
    return tuple(Document(Identifier(slug), tuple(passages)) for slug, passages in found.items())
