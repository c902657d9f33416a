"""The page families: which pages exist (claims), and how each is rendered from the linked archive.

`claims()` lists every page, for the registry; `render_page()` gives, for one
claim, the key of everything its template receives (None for pages that are
always rendered again) and a function that renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from build_tools import urls
from build_tools.config import GLOSSARY_FILE, PEOPLE_FILE
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive, Entity, Term
from build_tools.registry import Claim
from build_tools.render import feeds
from build_tools.render.cite import cite
from build_tools.render.context import PAGE_MENTIONS_OVER, Site, sorted_terms
from build_tools.render.reading import Related

Render = tuple[tuple | None, Callable[[], str]]
"""A page's memo key (None: not kept) and the function that renders it."""

BUILT = (
    (urls.ARCHIVE_INDEX, "archive", "the archive index", "archive.md.j2"),
    (urls.OUTLETS, "outlets", "the list by outlet", "outlets.md.j2"),
    (urls.TAGS, "tags", "the list by tag", "tags.md.j2"),
    (urls.GLOSSARY_INDEX, "glossary", "the glossary index", "glossary.md.j2"),
    (urls.section_index("people"), "people", "the People index", "entities.md.j2"),
    (urls.section_index("organisations"), "organisations", "the Organisations index", "entities.md.j2"),
    (urls.TIMELINE, "timeline", "the timeline", "timeline.md.j2"),
    (urls.RSS, "rss", "the RSS feed", "build_tools/render/feeds.py"),
    (urls.JSON_FEED, "json", "the JSON feed", "build_tools/render/feeds.py"),
)
"""The build's own pages: (path, family, what it is, what makes it)."""

NAME_WORDS = {"articles": "article", "glossary": "term", "people": "person", "organisations": "organisation"}

ENTITY_INDEXES = {
    "people": ("People", "The people the articles mention, with their roles at the time and where they appear."),
    "organisations": ("Organisations", "The organisations the articles mention, and where they appear."),
}


def claims(archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
    """Every page the sources ask for: the build's own first, then one per name, then years of mentions."""
    for path, family, what, maker in BUILT:
        yield Claim(path, family, what=what, source=maker if "/" in maker else f"templates/{maker}")
    for name in archive.names:
        path = urls.article(name.id) if name.section == "articles" else urls.entry(name.section, name.id)
        family = "article" if name.section == "articles" else "entry"
        what = f"{NAME_WORDS[name.section]} {name.id!r}"
        yield Claim(path, family, name.id if family == "article" else name.key, 0, what, name.path, name.line)
    yield from _year_claims(archive, linked)


def _year_claims(archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
    years: dict[str, set[int]] = {}
    counts: dict[str, int] = {}
    for item in linked:
        for mention in item.mentions:
            years.setdefault(mention.key, set()).add(item.article.published.year)
            counts[mention.key] = counts.get(mention.key, 0) + 1
    for entry in archive.entries:
        if counts.get(entry.key, 0) <= PAGE_MENTIONS_OVER:  # by_year() pages only longer lists
            continue
        source = _register(entry)
        for year in sorted(years[entry.key], reverse=True):
            what = f"the {year} mentions of {NAME_WORDS[entry.section]} {entry.id!r}"
            yield Claim(urls.mentions_year(entry.section, entry.id, year), "year", entry.key, year, what, source,
                        entry.line)  # fmt: skip


def _register(entry: Term | Entity) -> str:
    """The file an entry comes from."""
    return GLOSSARY_FILE if isinstance(entry, Term) else PEOPLE_FILE


def render_page(site: Site, claim: Claim) -> Render:
    """The memo key and the renderer of the page `claim` asks for."""
    family = FAMILIES.get(claim.family)
    if family is None:
        return None, partial(_listing, site, claim)
    return family(site, claim)


def _template(site: Site, name: str, claim: Claim, **context: object) -> Callable[[], str]:
    return partial(site.env.get_template(name).render, here=claim.path, **context)


def _article(site: Site, claim: Claim) -> Render:
    position = site.positions[claim.subject]
    item = site.linked[position]
    used = tuple(site.entries[mention.key] for mention in item.mentions)
    related = tuple(Related(site.linked[other], shared, tags) for other, shared, tags in site.plans[position])
    nearby = tuple(site.reading.nearby(item.article))
    on_timeline = tuple(site.events[f"articles/{item.article.slug}"])
    key = ("article page", item, used, related, nearby, on_timeline)  # everything the template receives
    render = _template(site, "article.md.j2", claim, item=item, article=item.article, terms=used, related=related,
                       nearby=nearby, on_timeline=on_timeline, citations=cite(item.article))  # fmt: skip
    return key, render


def _entry(site: Site, claim: Claim) -> Render:
    entry = site.entries[claim.subject]
    mentions, notes = site.mentions[entry.key], site.notes[entry.key]
    years = site.years(entry.key)
    if isinstance(entry, Entity):
        context = {"entity": entry, "articles": site.articles}
        return None, _template(site, "entity.md.j2", claim, mentions=mentions, notes=notes, years=years, **context)
    related = [site.entries[f"glossary/{other}"] for other in entry.related]
    return None, _template(site, "term.md.j2", claim, term=entry, related=related, mentions=mentions, notes=notes,
                           years=years)  # fmt: skip


def _year(site: Site, claim: Claim) -> Render:
    entry = site.entries[claim.subject]
    years = site.years(entry.key)
    mentions = dict(years)[claim.year]
    numbers = tuple(year for year, _ in years)
    source = _register(entry)
    key = ("year page", entry, claim.year, tuple(mentions), numbers)
    return key, _template(site, "mentions_year.md.j2", claim, entry=entry, year=claim.year, by_year=mentions,
                          years=numbers, source=source)  # fmt: skip


def _listing(site: Site, claim: Claim) -> str:
    """The build's own pages: indexes, the timeline and the feeds."""
    archive, linked = site.archive, site.linked
    if claim.family == "rss":
        return feeds.rss(archive.articles)
    if claim.family == "json":
        return feeds.json_feed(archive.articles)
    if claim.family in ENTITY_INDEXES:
        title, intro = ENTITY_INDEXES[claim.family]
        listed = sorted((e for e in archive.entities if e.section == claim.family), key=lambda e: e.name.casefold())
        return _template(site, "entities.md.j2", claim, title=title, intro=intro, entities=listed)()
    if claim.family == "glossary":
        return _template(site, "glossary.md.j2", claim, terms=sorted_terms(archive.terms))()
    if claim.family == "timeline":
        return _template(site, "timeline.md.j2", claim, events=archive.events)()
    return _template(site, f"{claim.family}.md.j2", claim, linked=linked)()


FAMILIES: dict[str, Callable[[Site, Claim], Render]] = {"article": _article, "entry": _entry, "year": _year}
