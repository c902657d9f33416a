"""Related reading and nearby events for every article, without comparing every pair."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from build_tools.link.models import LinkedArticle
from build_tools.models import Article, Event
from build_tools.render.cards import ArticleCard

CANDIDATES_PER_ENTRY = 40
"""How many articles nearest in date each shared entry or tag contributes as candidates."""

NEARBY_LIMIT = 12
"""At most this many events "around this date" on an article page."""

Plan = tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]
"""Related reading of one article as (position, shared names, shared tags): plain values a memo can keep."""


@dataclass(frozen=True)
class Related:
    """Another article worth reading next, and why."""

    item: ArticleCard
    """The other article."""
    shared: tuple[str, ...]
    """Names of the terms, people and organisations both mention."""
    tags: tuple[str, ...]
    """Tags both carry, as readers see them (their labels)."""


class Reading:
    """An inverted index (entry or tag -> articles in date order) that yields, for each shared
    entry, only the articles nearest in date: the cost stays linear in the number of articles
    even when one term appears in all of them."""

    def __init__(self, linked: tuple[LinkedArticle, ...], events: tuple[Event, ...]) -> None:
        self.linked = linked
        self.index: defaultdict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(linked):  # linked is newest first
            for key in {m.key for m in item.mentions} | {f"tag:{t}" for t in item.article.tags}:
                self.index[key].append(position)
        self.events = events
        self.event_years = [event.date.year for event in events]  # events are oldest first
        self.parts: dict[int, tuple[LinkedArticle, tuple]] = {}
        """Each article's part of the signature, by the article's identity (`signature`)."""

    def plan(self, position: int, limit: int = 5) -> Plan:
        """Related reading of the article at `position`."""
        item = self.linked[position]
        mine = {m.key for m in item.mentions}
        candidates: set[int] = set()
        for key in mine | {f"tag:{t}" for t in item.article.tags}:
            candidates.update(_nearest(self.index[key], position, CANDIDATES_PER_ENTRY))
        ranked = []
        for other_position in candidates - {position}:
            other = self.linked[other_position]
            shared = tuple(m.words for m in other.mentions if m.key in mine)
            tags = tuple(tag for tag in other.article.tags if tag in item.article.tags)
            ranked.append((_rank(other.article, shared, tags), other_position, shared, tags))
        ranked.sort()
        return tuple((other_position, shared, tags) for _, other_position, shared, tags in ranked[:limit])

    def plan_all(self) -> tuple[Plan, ...]:
        """Related reading of every article, in archive order."""
        return tuple(self.plan(position) for position in range(len(self.linked)))

    def signature(self, last: Reading | None = None) -> tuple:
        """Everything related reading depends on; equal signatures give equal plans. The part of an article that
        `last` (the previous run's reading) held, the very object, is its part then: unchanged articles are not read
        again, and their parts compare by identity."""
        before, parts = last.parts if last is not None else {}, []
        for item in self.linked:
            found = before.get(id(item))
            self.parts[id(item)] = found = found if found is not None and found[0] is item else (item, _part(item))
            parts.append(found[1])
        return tuple(parts)

    def nearby(self, article: Article, years: int = 1) -> tuple[Event, ...]:
        """Timeline events within `years` of the article's date (its own publication excluded), the first
        NEARBY_LIMIT of them: only those are looked at, however many events the years hold."""
        low = bisect.bisect_left(self.event_years, article.published.year - years)
        high = bisect.bisect_right(self.event_years, article.published.year + years)
        own, found = f"article-{article.slug}", []
        for index in range(low, high):
            if self.events[index].id != own:
                found.append(self.events[index])
                if len(found) == NEARBY_LIMIT:
                    break
        return tuple(found)


def _rank(other: Article, shared: tuple[str, ...], tags: tuple[str, ...]) -> tuple:
    """Most in common first, then the newest, then by file name."""
    return (-len(shared) - len(tags), -other.published.sort_key[0], other.slug)


def _nearest(positions: list[int], position: int, count: int) -> list[int]:
    """The `count` entries of the sorted list `positions` closest to `position`."""
    at = bisect.bisect_left(positions, position)
    return positions[max(0, at - count // 2) : at + count // 2 + 1]


def _part(item: LinkedArticle) -> tuple:
    """What related reading reads of one article (`Reading.signature`)."""
    article = item.article
    return (article.slug, article.published, article.tags, tuple((m.key, m.words) for m in item.mentions))
