"""What the page families share: the linked archive, indexed once per run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2

from build_tools import urls
from build_tools.entries import Entry, Term
from build_tools.link.models import AnchoredNote, LinkedArticle, Mention
from build_tools.models import Archive, Event
from build_tools.render.cards import ArticleCard
from build_tools.render.cite import Citations
from build_tools.render.reading import Plan, Reading

PAGE_MENTIONS_OVER = 20
"""A "Mentioned in" list longer than this gets a page per year; the entry's page links them."""

Mentions = list[tuple[ArticleCard, Mention]]
Notes = list[tuple[ArticleCard, AnchoredNote]]


@dataclass
class Site:
    """The linked archive and its indexes: everything a page family reads."""

    archive: Archive
    """Everything loaded."""
    linked: tuple[LinkedArticle, ...]
    """Every article, linked, newest first."""
    env: jinja2.Environment
    """The templates."""
    reading: Reading
    """Related reading and nearby events."""
    plans: tuple[Plan, ...]
    """Related reading of every article, in the order of `linked`."""
    citations: Mapping[str, Citations]
    """The Chicago and APA citations of every article, by slug (formatted before the pages, see
    `incremental.citations`)."""
    entries: dict[str, Entry] = field(init=False)
    """Terms, people and organisations by key."""
    cards: tuple[ArticleCard, ...] = field(init=False)
    """What lists show of each article, in the order of `linked`."""
    articles: dict[str, ArticleCard] = field(init=False)
    """The cards by slug."""
    positions: dict[str, int] = field(init=False)
    """Position of each article in `linked`, by slug."""
    mentions: Mapping[str, Mentions] = field(init=False)
    """For each entry key, the articles that mention it (newest first)."""
    notes: Mapping[str, Notes] = field(init=False)
    """For each entry key, the annotations whose quote or note mention it."""
    events: Mapping[str, list[Event]] = field(init=False)
    """For each entry key and `articles/<slug>`, the events that concern it."""
    _years: dict[str, list[tuple[int, Mentions]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.entries = {entry.key: entry for entry in self.archive.entries}
        self.cards = tuple(ArticleCard.of(item.article) for item in self.linked)
        self.articles = {card.slug: card for card in self.cards}
        self.positions = {card.slug: position for position, card in enumerate(self.cards)}
        self.mentions, self.notes = index_mentions(self.linked, self.cards)
        self.events = events_by_key(self.archive.events)

    def concerns(self, event: Event) -> tuple[tuple[str, str], ...]:
        """(name, page) of everything an event concerns: entries, then articles."""
        out = [(self.entries[key].name, urls.entry(*key.split("/"))) for key in event.keys]
        return (*out, *((self.articles[slug].title, urls.article(slug)) for slug in event.articles))

    def years(self, key: str) -> list[tuple[int, Mentions]]:
        """An entry's mentions by year (`by_year`), split once per run."""
        if key not in self._years:
            self._years[key] = by_year(self.mentions[key])
        return self._years[key]


def index_mentions(
    linked: tuple[LinkedArticle, ...], cards: tuple[ArticleCard, ...] | None = None
) -> tuple[Mapping[str, Mentions], Mapping[str, Notes]]:
    """For each entry key, the articles that mention it (newest first) and the notes that do, each
    article as its card (`cards`, in the order of `linked`, made here when not given)."""
    mentions: defaultdict[str, Mentions] = defaultdict(list)
    notes: defaultdict[str, Notes] = defaultdict(list)
    cards = cards or tuple(ArticleCard.of(item.article) for item in linked)
    for item, card in zip(linked, cards, strict=True):
        for mention in item.mentions:
            mentions[mention.key].append((card, mention))
        for note in item.notes:
            for key in note.keys:
                notes[key].append((card, note))
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


def sorted_terms(terms: tuple[Term, ...]) -> list[Term]:
    """Alphabetical by name, the order of a printed glossary."""
    return sorted(terms, key=lambda term: (term.name.casefold(), term.id))


def short_quote(text: str, words: int = 8) -> str:
    """The first words of a quote in quotation marks, for headings and lists."""
    parts = text.split()
    short = " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + "…"
    return short if short[:1] in "\"“'‘" and short[-1:] in "\"”'’…" else f"“{short}”"
