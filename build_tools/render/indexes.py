"""The indexes the site builds once per run from the linked articles: each article's card paired with its mentions
and notes, the mentions and notes by entry, the events by entry and article, long lists by year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.link.models import AnchoredNote, LinkedArticle, Mention
from build_tools.models import Event
from build_tools.render.cards import ArticleCard

if TYPE_CHECKING:
    from build_tools.render.context import Site

PAGE_MENTIONS_OVER = 20
"""A "Mentioned in" list longer than this gets a page per year; the entry's page links them."""

Mentions = list[tuple[ArticleCard, Mention]]
Notes = list[tuple[ArticleCard, AnchoredNote]]


@dataclass(frozen=True)
class Pairs:
    """An article's card paired with each of its mentions, and with each note under each key it mentions."""

    item: LinkedArticle
    """The article, linked."""
    card: ArticleCard
    """Its card."""
    mentions: tuple[tuple[ArticleCard, Mention], ...]
    """(card, mention) for each of its mentions."""
    notes: tuple[tuple[str, tuple[ArticleCard, AnchoredNote]], ...]
    """(entry key, (card, note)) for each note and each entry it mentions."""


def card_of(item: LinkedArticle, last: Site | None) -> ArticleCard:
    """The article's card: the last run's when it was made from this very article."""
    if last is not None:
        card = last.articles.get(item.article.slug)
        if card is not None and last.linked[last.positions[card.slug]].article is item.article:
            return card
    return ArticleCard.of(item.article)


def paired(item: LinkedArticle, card: ArticleCard, last: Site | None) -> Pairs:
    """The article's card with each of its mentions and notes: the last run's very pairs for the very article and
    card, so that lists of them compare by identity."""
    if last is not None:
        pairs = last._pairs.get(card.slug)
        if pairs is not None and pairs.item is item and pairs.card is card:
            return pairs
    mentions = tuple((card, mention) for mention in item.mentions)
    notes = tuple((key, (card, note)) for note in item.notes for key in note.keys)
    return Pairs(item, card, mentions, notes)


def index_mentions(pairs: Iterable[Pairs]) -> tuple[Mapping[str, Mentions], Mapping[str, Notes]]:
    """For each entry key, the articles that mention it and the notes that do, in the order of `pairs`."""
    mentions: defaultdict[str, Mentions] = defaultdict(list)
    notes: defaultdict[str, Notes] = defaultdict(list)
    for each in pairs:
        for pair in each.mentions:
            mentions[pair[1].key].append(pair)
        for key, pair in each.notes:
            notes[key].append(pair)
    return mentions, notes


def events_by_key(events: tuple[Event, ...]) -> Mapping[str, list[Event]]:
    """For each entry key and `articles/<slug>`, the events that concern it."""
    result: defaultdict[str, list[Event]] = defaultdict(list)
    for event in events:
        for key in (*event.keys, *(f"articles/{slug}" for slug in event.articles)):
            result[key].append(event)
    return result


def by_year(mentions: Mentions) -> list[tuple[int, Mentions]]:
    """A long "Mentioned in" list split by year, newest first; [] when it is short enough for one page."""
    if len(mentions) <= PAGE_MENTIONS_OVER:
        return []
    years: dict[int, Mentions] = {}
    for card, mention in mentions:
        years.setdefault(card.published.year, []).append((card, mention))
    return sorted(years.items(), reverse=True)
