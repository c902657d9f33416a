"""What the page families share: the linked archive, indexed once per run."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import InitVar, dataclass, field, replace
from functools import partial, wraps
from typing import TypeVar

from build_tools import urls
from build_tools.entries import Entity, Entry, Term
from build_tools.link.models import AnchoredNote, LinkedArticle, LinkedBriefing, Mention
from build_tools.models import Archive, Article, Event
from build_tools.render.briefings import Briefed, BriefingCard, Discussion, index_briefings
from build_tools.render.cards import ArticleCard, EntryCard
from build_tools.render.cite import BriefingCitations, Citations
from build_tools.render.corrections import every_correction
from build_tools.render.indexes import Mentions, Notes, Pairs, by_year, card_of, events_by_key, index_mentions, paired
from build_tools.render.reading import Plan, Reading, Related
from build_tools.values import Identifier, PlainText

T = TypeVar("T")


def fact(compute: Callable[..., T]) -> Callable[..., T]:
    """A site read families may make: its value is recorded, under its name and arguments, while `Site.record` is
    set (see `incremental.reads`, which compares each recorded fact with its value in the next run)."""

    @wraps(compute)
    def read(self: Site, *key: Hashable) -> T:
        value = self.computed(compute, key)
        if self.record is not None:
            self.record[(compute.__name__, *key)] = value
        return value

    read.compute = compute  # type: ignore[attr-defined]
    return read


@dataclass
class Site:
    """The linked archive and its indexes: what every page family reads, only through its facts (the methods
    marked `fact`), so that what one page read is known (`record`) and an edit re-reads only the pages that read
    something it changed."""

    archive: Archive
    """Everything loaded."""
    linked: tuple[LinkedArticle, ...]
    """Every article, linked, newest first."""
    reading: Reading
    """Related reading and nearby events."""
    plans: tuple[Plan, ...]
    """Related reading of every article, in the order of `linked`."""
    citations: Mapping[str, Citations]
    """The Chicago and APA citations of every article, by slug (formatted before the pages, see
    `incremental.citations`)."""
    last: InitVar[Site | None] = None
    """The site of the previous run, whose cards and pairs are reused for the very articles it held (facts made of
    them then compare by identity, not field by field)."""
    same_setting: InitVar[bool] = True
    """False when the output setting (`config.output_setting`: the site's address...) is not the last run's: what
    `derived` made then is not taken."""
    record: dict[tuple, object] | None = None
    """While set, each fact read, by (name, *arguments), with its value."""
    cited: Mapping[str, BriefingCitations] = field(default_factory=dict)
    """The Chicago and APA citations of every briefing, by slug (formatted with the articles')."""
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
    briefed: Briefed = field(init=False)
    """The briefings, their cards, and what quotes each article and mentions each entry."""
    _years: dict[str, tuple[tuple[int, tuple], ...]] = field(init=False, default_factory=dict)
    _pairs: dict[str, Pairs] = field(init=False, default_factory=dict)
    _before: tuple[Mapping[str, Mentions], dict] = field(init=False, default_factory=lambda: ({}, {}))
    _whole: dict[str, object] = field(init=False, default_factory=dict)
    """The whole-site facts' values this run, by name (`computed`)."""
    _derived: dict[str, dict[tuple, tuple[tuple, object]]] = field(init=False, default_factory=dict)
    """What `derived` made or took this run: by name, then by its sources' ids, (sources, value)."""
    _derived_before: dict[str, dict[tuple, tuple[tuple, object]]] = field(init=False, default_factory=dict)
    """The same, of the runs before: by name, what the last run that made any made."""
    every_correction = fact(every_correction)  # a fact, not a field: every correction, newest first

    def __post_init__(self, last: Site | None, same_setting: bool) -> None:
        self.entries = {entry.key: entry for entry in self.archive.entries}
        self.cards = tuple(card_of(item, last) for item in self.linked)
        self.articles = {card.slug: card for card in self.cards}
        self.positions = {card.slug: position for position, card in enumerate(self.cards)}
        pairs = zip(self.linked, self.cards, strict=True)
        self._pairs = {card.slug: paired(item, card, last) for item, card in pairs}
        self.mentions, self.notes = index_mentions(self._pairs.values())
        self.events = events_by_key(self.archive.events)
        self.briefed = index_briefings(self.archive.briefings)
        if last is not None:  # its cards, pairs, years and derived values are taken: nothing else of it is kept
            self._before = (last.mentions, last._years)
            if same_setting:  # by name, what the last run that made any made
                self._derived_before = {**last._derived_before, **last._derived}

    def derived(self, name: str, sources: tuple, make: Callable[[], T]) -> T:
        """`make()`, a value made from the objects `sources` alone (or from facts of the site whose values they are,
        read again by the caller each time: `dataset.tables.Table.rows`), the last run's (or this run's) when it was
        made from these very objects. The preview's runs hold the very objects of unchanged
        sources, so an edit makes again only what was made of what it changed (the dataset's rows). What is kept of a
        name is what the last run that made values of that name made: memory stays that of one build."""
        made = self._derived.setdefault(name, {})
        key = tuple(map(id, sources))  # ids stay unique while the dictionaries hold the objects
        found = made.get(key) or self._derived_before.get(name, {}).get(key)
        if found is None or not all(kept is given for kept, given in zip(found[0], sources, strict=True)):
            found = (sources, make())
        made[key] = found  # the very entry when taken: an edit allocates (and the collector sees) only what it made
        return found[1]  # type: ignore[return-value]

    def recompute(self, read: tuple) -> object:
        """The value of a fact recorded as `read` ((name, *arguments)), in this site, without recording it."""
        name, *key = read
        return self.computed(getattr(type(self), name).compute, tuple(key))

    def computed(self, compute: Callable[..., T], key: tuple) -> T:
        """A fact's value: one of the whole site (no arguments) is computed once, so that every page reading it this
        run is given the very same object (and what is made of it, `derived`, is made once)."""
        if key:
            return compute(self, *key)
        if compute.__name__ not in self._whole:
            self._whole[compute.__name__] = compute(self)
        return self._whole[compute.__name__]  # type: ignore[return-value]

    @fact
    def entry(self, key: str) -> Entry:
        """The term, person or organisation `key` (`glossary/opcon`)."""
        return self.entries[key]

    @fact
    def entry_card(self, key: str) -> EntryCard:
        """What lists and links show of the entry `key`: an edit elsewhere in its definition leaves it as it was."""
        return EntryCard.of(self.entries[key])

    @fact
    def article(self, slug: str) -> LinkedArticle:
        """The article `slug`, linked."""
        return self.linked[self.positions[slug]]

    @fact
    def card(self, slug: str) -> ArticleCard | None:
        """What lists show of the article `slug`; None when the archive has no such article."""
        return self.articles.get(slug)

    @fact
    def every_card(self) -> tuple[ArticleCard, ...]:
        """Every article's card, newest first."""
        return self.cards

    @fact
    def every_article(self) -> tuple[Article, ...]:
        """Every article as its own file gives it (without its notes), newest first: what a note's edit leaves as it
        was (compared by value where its article changed, by identity elsewhere: each copy is made once)."""
        return tuple(self.derived("bare", (item.article,), partial(_bare, item.article)) for item in self.linked)

    @fact
    def every_note(self) -> tuple[tuple[Identifier, tuple[AnchoredNote, ...]], ...]:
        """(slug, its notes) of every article with notes, newest first."""
        return tuple((item.article.slug, item.notes) for item in self.linked if item.notes)

    @fact
    def every_entry(self) -> tuple[Entry, ...]:
        """Every term, person and organisation, in the order of the registers."""
        return self.archive.entries

    @fact
    def terms(self) -> tuple[Term, ...]:
        """Every glossary term, in glossary order."""
        return self.archive.terms

    @fact
    def entities(self) -> tuple[Entity, ...]:
        """Every person and organisation, in file order."""
        return self.archive.entities

    @fact
    def related(self, slug: str) -> tuple[Related, ...]:
        """Related reading of the article `slug`."""
        plan = self.plans[self.positions[slug]]
        labels = dict(self.archive.tag_labels)
        shown = {tag: labels.get(tag, tag) for _, _, tags in plan for tag in tags}
        return tuple(Related(self.cards[other], shared, tuple(shown[t] for t in tags)) for other, shared, tags in plan)

    @fact
    def tag_labels(self) -> tuple[tuple[Identifier, PlainText], ...]:
        """What readers see for each tag, by tag id (`load.tags`)."""
        return self.archive.tag_labels

    @fact
    def nearby(self, slug: str) -> tuple[Event, ...]:
        """The timeline events around the article's date."""
        return self.reading.nearby(self.linked[self.positions[slug]].article)

    @fact
    def concerning(self, key: str) -> tuple[Event, ...]:
        """The timeline events that concern the entry `key` or the article `articles/<slug>`."""
        return tuple(self.events.get(key, ()))

    @fact
    def citations_of(self, slug: str) -> Citations:
        """The article's Chicago and APA citations."""
        return self.citations[slug]

    @fact
    def mentioned_in(self, key: str) -> tuple[tuple[ArticleCard, Mention], ...]:
        """The articles that mention the entry `key`, newest first, with the mention."""
        return tuple(self.mentions.get(key, ()))

    @fact
    def noted_in(self, key: str) -> tuple[tuple[ArticleCard, AnchoredNote], ...]:
        """The notes whose quote or text mention the entry `key`, with their article."""
        return tuple(self.notes.get(key, ()))

    @fact
    def years(self, key: str) -> tuple[tuple[int, tuple[tuple[ArticleCard, Mention], ...]], ...]:
        """An entry's mentions by year (`by_year`), newest first; empty when one list holds them."""
        if key not in self._years:
            mentions, (mentioned_before, years_before) = self.mentions.get(key, []), self._before
            if key in years_before and mentioned_before.get(key) == mentions:  # the very pairs: compared by identity
                self._years[key] = years_before[key]
            else:
                self._years[key] = tuple((year, tuple(each)) for year, each in by_year(mentions))
        return self._years[key]

    @fact
    def briefing(self, slug: str) -> LinkedBriefing:
        """The briefing `slug`, linked."""
        return self.briefed.by_slug[slug]

    @fact
    def briefing_citations(self, slug: str) -> BriefingCitations:
        """The briefing's Chicago and APA citations."""
        return self.cited[slug]

    @fact
    def every_briefing(self) -> tuple[BriefingCard, ...]:
        """Every briefing's card, newest first."""
        return self.briefed.cards

    @fact
    def discussed_in(self, slug: str) -> tuple[Discussion, ...]:
        """Where briefings quote the article `slug`."""
        return self.briefed.discussions.get(slug, ())

    @fact
    def briefings_mentioning(self, key: str) -> tuple[BriefingCard, ...]:
        """The briefings that mention the entry `key`, newest first."""
        return self.briefed.mentioning.get(key, ())

    @fact
    def timeline(self) -> tuple[tuple[Event, tuple[tuple[str, str], ...]], ...]:
        """Every event, oldest first, with (name, page) of everything it concerns: entries, then articles."""
        return tuple((event, self._concerns(event)) for event in self.archive.events)

    def _concerns(self, event: Event) -> tuple[tuple[str, str], ...]:
        out = [(self.entries[key].name, urls.entry(*key.split("/"))) for key in event.keys]
        return (*out, *((self.articles[slug].title, urls.article(slug)) for slug in event.articles))


def _bare(article: Article) -> Article:
    return replace(article, annotations=())


FACTS = frozenset(name for name, value in vars(Site).items() if hasattr(value, "compute"))
"""The names of the site's facts: all a family may read of it."""
