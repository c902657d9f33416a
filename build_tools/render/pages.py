"""The page families: which pages exist (claims), and how each is rendered from the linked archive.

`claims()` lists every page, for the registry; `render_page()` gives, for one
claim, the memo key of everything its template receives and a function that
renders it. Lists get cards (`cards`), so their keys hold only what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from build_tools import urls
from build_tools.entries import Entity
from build_tools.link.models import LinkedArticle
from build_tools.models import SECTION_WORDS, Archive
from build_tools.registry import Claim
from build_tools.render import feeds, lastmod, metadata, references, search_names, web_annotations
from build_tools.render.cards import EntryCard, ReferenceCard
from build_tools.render.context import Site, by_year, index_mentions, sorted_terms
from build_tools.render.reading import Related

Render = tuple[tuple | None, Callable[[], str]]
"""A page's memo key (None: not kept) and the function that renders it."""

ENTITY_INDEXES = {
    "people": ("People", "The people the articles mention, with their roles at the time and where they appear."),
    "organisations": ("Organisations", "The organisations the articles mention, and where they appear."),
}


def claims(archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
    """Every page the sources ask for: the build's own first, then one per name, then years of mentions."""
    for path, family, what, maker in BUILT:
        yield Claim(path, family, what=what, source=maker, reserved=True)
    for name in archive.names:
        if name.section == "articles":
            yield Claim(urls.article(name.id), "article", name.id, 0, name.what, name.path, name.line)
            what = f"the notes of {name.what} as Web Annotations"
            yield Claim(urls.annotations(name.id), "annotations", name.id, 0, what, name.path, name.line)
            for form in references.FORMATS:
                what = f"{name.what} as a reference ({form})"
                yield Claim(urls.reference(name.id, form), f"reference-{form}", name.id, 0, what, name.path, name.line)
        else:
            yield Claim(urls.entry(name.section, name.id), "entry", name.key, 0, name.what, name.path, name.line)
    mentions, _ = index_mentions(linked)
    for entry in archive.entries:
        for year, _ in by_year(mentions[entry.key]):
            what = f"the {year} mentions of {SECTION_WORDS[entry.section]} {entry.id!r}"
            path = urls.mentions_year(entry.section, entry.id, year)
            yield Claim(path, "year", entry.key, year, what, entry.file, entry.line)


def render_page(site: Site, claim: Claim) -> Render:
    """The memo key and the renderer of the page `claim` asks for."""
    return FAMILIES[claim.family](site, claim)


def _template(site: Site, name: str, claim: Claim, when: str | None = None, **context: object) -> Callable[[], str]:
    """The page's renderer; `when` is its `lastmod` (see render.lastmod)."""
    template = site.env.get_template(name)
    return lambda: lastmod.dated(template.render(here=claim.path, **context), when)


def _article(site: Site, claim: Claim) -> Render:
    position = site.positions[claim.subject]
    item = site.linked[position]
    used = tuple(EntryCard.of(site.entries[mention.key]) for mention in item.mentions)
    related = tuple(Related(site.cards[other], shared, tags) for other, shared, tags in site.plans[position])
    nearby = tuple(site.reading.nearby(item.article))
    on_timeline = tuple(site.events[f"articles/{item.article.slug}"])
    citations = site.citations[item.article.slug]
    key = ("article page", item, used, related, nearby, on_timeline, citations)  # all the template receives

    def render() -> str:  # what is made from the key only when the page is rendered, not on a memo hit
        article = item.article
        return _template(site, "article.md.j2", claim, lastmod.of_article(item), item=item, article=article,
                         terms=used, related=related, nearby=nearby, on_timeline=on_timeline, citations=citations,
                         citation_meta=metadata.front_matter(article))()  # fmt: skip

    return key, render


def _entry(site: Site, claim: Claim) -> Render:
    entry = site.entries[claim.subject]
    shared = {
        "mentions": tuple(site.mentions[entry.key]),
        "notes": tuple(site.notes[entry.key]),
        "years": tuple((year, tuple(mentions)) for year, mentions in site.years(entry.key)),
        "events": tuple(site.events[entry.key]),
    }
    notes = (anchored for _, anchored in shared["notes"])
    when = lastmod.of_lists((card for card, _ in shared["mentions"]), notes, shared["events"])
    if isinstance(entry, Entity):
        articles = {role.article: site.articles[role.article] for role in entry.roles if role.article in site.articles}
        context = {"entity": entry, "articles": articles, **shared}
        return _keyed(site, "entity.md.j2", claim, context, when)
    related = tuple(EntryCard.of(site.entries[f"glossary/{other}"]) for other in entry.related)
    return _keyed(site, "term.md.j2", claim, {"term": entry, "related": related, **shared}, when)


def _keyed(site: Site, template: str, claim: Claim, context: dict[str, object], when: str | None = None) -> Render:
    """A page whose template receives only `context` (made of frozen values): its memo key is that context
    (`when`, the page's lastmod, is made from it)."""
    key = (template, claim.path, *((name, _frozen(value)) for name, value in sorted(context.items())))
    return key, _template(site, template, claim, when, **context)


def _frozen(value: object) -> object:
    """A context value as part of a key: a dict as its items, in its (deterministic) order."""
    return tuple(value.items()) if isinstance(value, dict) else value


def _year(site: Site, claim: Claim) -> Render:
    entry = site.entries[claim.subject]
    years = site.years(entry.key)
    mentions = dict(years)[claim.year]
    numbers = tuple(year for year, _ in years)
    card = EntryCard.of(entry)
    key = ("year page", claim.path, card, entry.file, claim.year, tuple(mentions), numbers)
    when = lastmod.of_lists(article for article, _ in mentions)
    return key, _template(site, "mentions_year.md.j2", claim, when, entry=card, year=claim.year, by_year=mentions,
                          years=numbers, source=entry.file)  # fmt: skip


def _listing(template: str) -> Callable[[Site, Claim], Render]:
    """The archive index, the list by outlet or the list by tag: each article as its card."""
    return lambda site, claim: _keyed(site, template, claim, {"articles": site.cards}, lastmod.of_lists(site.cards))


def _glossary(site: Site, claim: Claim) -> Render:
    return _keyed(site, "glossary.md.j2", claim, {"terms": tuple(sorted_terms(site.archive.terms))})


def _entity_index(site: Site, claim: Claim) -> Render:
    title, intro = ENTITY_INDEXES[claim.family]
    listed = sorted((e for e in site.archive.entities if e.section == claim.family), key=lambda e: e.name.casefold())
    cards = tuple(EntryCard.of(entity) for entity in listed)
    return _keyed(site, "entities.md.j2", claim, {"title": title, "intro": intro, "entities": cards})


def _timeline(site: Site, claim: Claim) -> Render:
    events = site.archive.events
    concerns = {event: site.concerns(event) for event in events}
    return _keyed(
        site, "timeline.md.j2", claim, {"events": events, "concerns": concerns}, lastmod.of_lists(events=events)
    )


def _annotations(site: Site, claim: Claim) -> Render:
    item = site.linked[site.positions[claim.subject]]
    return ("annotations", claim.path, item), partial(web_annotations.collection, item)


def _reference(form: str) -> Callable[[Site, Claim], Render]:
    """An article's reference file in one format (render.references)."""

    def render(site: Site, claim: Claim) -> Render:
        card = ReferenceCard.of(site.linked[site.positions[claim.subject]].article)
        return (claim.family, claim.path, card), partial(references.WRITERS[form], card)

    return render


def _entry_names(site: Site, claim: Claim) -> Render:
    entries = site.archive.entries
    return ("entries", entries), partial(search_names.entry_names, entries)


def _feed(make: Callable) -> Callable[[Site, Claim], Render]:
    return lambda site, claim: ((make.__name__, site.cards), partial(make, site.cards))


def _feeds_sitemap(site: Site, claim: Claim) -> Render:
    """It lists the feeds only: no article changes it."""
    return ("feeds-sitemap",), feeds.feeds_sitemap


BUILT = (
    (urls.ARCHIVE_INDEX, "archive", "the archive index", "templates/archive.md.j2"),
    (urls.OUTLETS, "outlets", "the list by outlet", "templates/outlets.md.j2"),
    (urls.TAGS, "tags", "the list by tag", "templates/tags.md.j2"),
    (urls.GLOSSARY_INDEX, "glossary", "the glossary index", "templates/glossary.md.j2"),
    (urls.section_index("people"), "people", "the People index", "templates/entities.md.j2"),
    (urls.section_index("organisations"), "organisations", "the Organisations index", "templates/entities.md.j2"),
    (urls.TIMELINE, "timeline", "the timeline", "templates/timeline.md.j2"),
    (urls.RSS, "rss", "the RSS feed", "build_tools/render/feeds.py"),
    (urls.JSON_FEED, "json", "the JSON feed", "build_tools/render/feeds.py"),
    (urls.FEEDS_SITEMAP, "feeds-sitemap", "the feeds' sitemap", "build_tools/render/feeds.py"),
    (urls.ENTRY_NAMES, "entries", "the entries' names for search", "build_tools/render/search_names.py"),
)
"""The build's own pages: (path, family, what it is, what makes it)."""

FAMILIES: dict[str, Callable[[Site, Claim], Render]] = {
    "article": _article, "entry": _entry, "year": _year,
    "archive": _listing("archive.md.j2"), "outlets": _listing("outlets.md.j2"), "tags": _listing("tags.md.j2"),
    "glossary": _glossary, "people": _entity_index, "organisations": _entity_index, "timeline": _timeline,
    "rss": _feed(feeds.rss), "json": _feed(feeds.json_feed), "feeds-sitemap": _feeds_sitemap,
    "annotations": _annotations, "entries": _entry_names,
    **{f"reference-{form}": _reference(form) for form in references.FORMATS},
}  # fmt: skip
"""How each family of page is rendered."""
