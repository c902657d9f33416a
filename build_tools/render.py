"""Stage 3, render: fill the Jinja2 templates in `templates/` with the linked archive."""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from build_tools import feeds
from build_tools.cite import cite, site_url
from build_tools.errors import Report
from build_tools.memo import NONE, Memo, digest
from build_tools.models import AnchoredNote, Archive, Article, Entity, Event, LinkedArticle, Mention, Term
from build_tools.progress import SILENT, Progress

TEMPLATES_DIR = "templates"

PAGE_MENTIONS_OVER = 20
"""A "Mentioned in" list longer than this gets a page per year; the entry's page links them."""

LATEST_MENTIONS = 10
"""How many of the latest mentions an entry's page still shows when its list is paged."""

KIND_LABELS = {
    "context": "Context",
    "correction": "Correction",
    "clarification": "Clarification",
    "term": "Term",
    "person": "Person",
}
"""How each kind of annotation is labelled on the page."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!])")


def escape_markdown(text: str) -> str:
    """Make plain text safe to place in Markdown: it shows exactly as typed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def escape_title(text: str) -> str:
    """Text for the quoted title (tooltip) of a Markdown link."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def code_block(text: str) -> str:
    """A fenced plain-text block that no run of backticks in `text` can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{' '.join(text.split())}\n{fence}"


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar for a page's front matter, HTML-escaped.

    MkDocs and Material put front-matter values (title, description) into the
    page's <title>, <meta> attributes and search index without escaping them,
    so the escaping is done here: `</title><script>` then shows as typed.
    """
    escaped = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return json.dumps(escaped.replace('"', "&quot;"), ensure_ascii=False)


def new_environment(templates: Path) -> jinja2.Environment:
    """Jinja2 set up for Markdown output: strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=escape_markdown, title=escape_title, yaml=yaml_string, short_quote=short_quote, code_block=code_block
    )
    env.globals.update(KIND_LABELS=KIND_LABELS, LATEST_MENTIONS=LATEST_MENTIONS)
    return env


def render_site(
    archive: Archive,
    linked: tuple[LinkedArticle, ...],
    templates: Path,
    progress: Progress = SILENT,
    memo: Memo = NONE,
) -> dict[str, str]:
    """Every generated page, keyed by its path under `docs/`."""
    env = new_environment(templates)
    version = (site_url(), tuple(digest(path) for path in sorted(templates.glob("*"))))
    terms = {term.id: term for term in archive.terms}
    entries = {entry.key: entry for entry in archive.entries}
    mentions = mentions_by_term(linked)
    explained = notes_by_term(linked)
    events = events_by_key(archive)
    env.globals["events_of"] = lambda key: events[key]
    _refuse_collisions(archive)
    pages = {
        "articles/index.md": env.get_template("archive.md.j2").render(linked=linked),
        "glossary/index.md": env.get_template("glossary.md.j2").render(terms=sorted_terms(archive.terms)),
    }
    reading = Reading(linked, archive.events)
    plans = memo.get(("related", reading.signature()), partial(_plans, reading))
    progress.start("rendering article pages", len(linked))
    for position, item in enumerate(linked):
        progress.advance()
        used = tuple(entries[mention.key] for mention in item.mentions)
        related = tuple(Related(linked[other], shared, tags) for other, shared, tags in plans[position])
        nearby = tuple(reading.nearby(item.article))
        on_timeline = tuple(events[f"articles/{item.article.slug}"])
        # Everything the template receives is in the key, so a kept page is the page it would render.
        key = ("article page", version, item, used, related, nearby, on_timeline)
        render = partial(_render_article, env, item, used, related, nearby, on_timeline)
        pages[f"articles/{item.article.slug}.md"] = memo.get(key, render)
    pages[feeds.RSS_PATH] = feeds.rss(archive.articles)
    pages[feeds.JSON_PATH] = feeds.json_feed(archive.articles)
    pages["articles/outlets.md"] = env.get_template("outlets.md.j2").render(linked=linked)
    pages["articles/tags.md"] = env.get_template("tags.md.j2").render(linked=linked)
    articles = {article.slug: article for article in archive.articles}
    for entity in archive.entities:
        years = by_year(mentions[entity.key])
        page = env.get_template("entity.md.j2").render(
            entity=entity, articles=articles, mentions=mentions[entity.key], notes=explained[entity.key], years=years
        )
        pages[f"{entity.section}/{entity.id}.md"] = page
        pages.update(_year_pages(env, entity, years, "people.yml", memo, version))
    for section, title, intro in ENTITY_INDEXES:
        listed = sorted((e for e in archive.entities if e.section == section), key=lambda e: e.name.casefold())
        pages[f"{section}/index.md"] = env.get_template("entities.md.j2").render(
            title=title, intro=intro, entities=listed
        )
    pages["timeline/index.md"] = env.get_template("timeline.md.j2").render(
        events=archive.events, related=_event_links(archive, "../")
    )
    for term in archive.terms:
        related = [terms[other] for other in term.related]
        years = by_year(mentions[term.key])
        page = env.get_template("term.md.j2").render(
            term=term, related=related, mentions=mentions[term.key], notes=explained[term.key], years=years
        )
        pages[f"glossary/{term.id}.md"] = page
        pages.update(_year_pages(env, term, years, "glossary.yml", memo, version))
    return dict(sorted(pages.items()))


Mentions = list[tuple[LinkedArticle, Mention]]


def by_year(mentions: Mentions) -> list[tuple[int, Mentions]]:
    """A long "Mentioned in" list split by year, newest first; [] when it is short enough for one page."""
    if len(mentions) <= PAGE_MENTIONS_OVER:
        return []
    years: dict[int, Mentions] = {}
    for item, mention in mentions:
        years.setdefault(item.article.published.year, []).append((item, mention))
    return sorted(years.items(), reverse=True)


def _year_pages(
    env: jinja2.Environment, entry: Term | Entity, years: list, source: str, memo: Memo, version: tuple
) -> dict[str, str]:
    template = env.get_template("mentions_year.md.j2")
    numbers = tuple(year for year, _ in years)
    pages = {}
    for year, mentions in years:
        render = partial(template.render, entry=entry, year=year, by_year=mentions, years=numbers, source=source)
        key = ("year page", version, entry, year, tuple(mentions), numbers)
        pages[f"{entry.section}/{entry.id}/{year}.md"] = memo.get(key, render)
    return pages


def _plans(reading: Reading) -> tuple:
    return tuple(reading.plan(position) for position in range(len(reading.linked)))


def _render_article(env: jinja2.Environment, item: LinkedArticle, used, related, nearby, on_timeline) -> str:
    template = env.get_template("article.md.j2")
    return template.render(
        item=item, article=item.article, terms=used, related=related, nearby=nearby, on_timeline=on_timeline,
        citations=cite(item.article),
    )  # fmt: skip


ENTITY_INDEXES = (
    ("people", "People", "The people the articles mention, with their roles at the time and where they appear."),
    ("organisations", "Organisations", "The organisations the articles mention, and where they appear."),
)

RESERVED = {
    "articles/index.md": "the archive index",
    "articles/outlets.md": "the list by outlet",
    "articles/tags.md": "the list by tag",
    "glossary/index.md": "the glossary index",
}
"""Pages the build writes itself, which no source may claim."""


def _refuse_collisions(archive: Archive) -> None:
    report = Report()
    for article in archive.articles:
        if f"articles/{article.slug}.md" in RESERVED:
            report.add(
                article.path,
                None,
                f"would write the same page as {RESERVED['articles/index.md']}",
                "rename the file: 'index' is reserved",
            )
    for term in archive.terms:
        if f"glossary/{term.id}.md" in RESERVED:
            report.add(
                "glossary.yml",
                term.line,
                f"term id {term.id!r} would write the same page as {RESERVED['glossary/index.md']}",
                "choose another id: 'index' is reserved",
            )
    report.raise_if_any()


def sorted_terms(terms: tuple[Term, ...]) -> list[Term]:
    """Alphabetical by name, the order of a printed glossary."""
    return sorted(terms, key=lambda term: (term.name.casefold(), term.id))


def _event_links(archive: Archive, up: str) -> Callable[[Event], list[str]]:
    """Markdown links from the timeline page to everything an event concerns."""
    entries = {entry.key: entry for entry in archive.entries}
    articles = {article.slug: article for article in archive.articles}

    def links(event: Event) -> list[str]:
        out = [f"[{escape_markdown(entries[key].name)}]({up}{key}.md)" for key in event.keys]
        out += [f"[{escape_markdown(articles[slug].title)}]({up}articles/{slug}.md)" for slug in event.articles]
        return out

    return links


@dataclass(frozen=True)
class Related:
    """Another article worth reading next, and why."""

    item: LinkedArticle
    """The other article."""
    shared: tuple[str, ...]
    """Names of the terms, people and organisations both mention."""
    tags: tuple[str, ...]
    """Tags both carry."""

    @property
    def score(self) -> int:
        return len(self.shared) + len(self.tags)


CANDIDATES_PER_ENTRY = 40
"""How many articles nearest in date each shared entry or tag contributes as candidates."""


class Reading:
    """Related reading and nearby events for every article, without comparing every pair.

    An inverted index (entry or tag -> articles in date order) yields, for each shared
    entry, only the articles nearest in date; that keeps the cost linear in the number
    of articles even when one term appears in all of them.
    """

    def __init__(self, linked: tuple[LinkedArticle, ...], events: tuple[Event, ...]) -> None:
        self.linked = linked
        self.index: defaultdict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(linked):  # linked is newest first
            for key in {m.key for m in item.mentions} | {f"tag:{t}" for t in item.article.tags}:
                self.index[key].append(position)
        self.events = events
        self.event_years = [event.date.year for event in events]  # events are oldest first

    def plan(self, position: int, limit: int = 5) -> tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]:
        """Related reading as (position, shared names, shared tags): plain values a memo can keep."""
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
            ranked.append((Related(other, shared, tags), other_position))
        ranked.sort(
            key=lambda pair: (-pair[0].score, -pair[0].item.article.published.sort_key[0], pair[0].item.article.slug)
        )
        return tuple((other_position, r.shared, r.tags) for r, other_position in ranked[:limit])

    def signature(self) -> tuple:
        """Everything related reading depends on; equal signatures give equal plans."""
        return tuple(
            (i.article.slug, i.article.published, i.article.tags, tuple((m.key, m.words) for m in i.mentions))
            for i in self.linked
        )

    def nearby(self, article: Article, years: int = 1) -> list[Event]:
        """Timeline events within `years` of the article's date (its own publication excluded)."""
        low = bisect.bisect_left(self.event_years, article.published.year - years)
        high = bisect.bisect_right(self.event_years, article.published.year + years)
        own = f"article-{article.slug}"
        return [event for event in self.events[low:high] if event.id != own][:NEARBY_LIMIT]


def _rank(related: Related) -> tuple:
    """Most in common first, then the newest, then by file name."""
    return (-related.score, -related.item.article.published.sort_key[0], related.item.article.slug)


NEARBY_LIMIT = 12
"""At most this many events "around this date" on an article page."""


def _nearest(positions: list[int], position: int, count: int) -> list[int]:
    """The `count` entries of the sorted list `positions` closest to `position`."""
    at = bisect.bisect_left(positions, position)
    return positions[max(0, at - count // 2) : at + count // 2 + 1]


def events_by_key(archive: Archive) -> Mapping[str, list[Event]]:
    """For each entry key and `articles/<slug>`, the events that concern it."""
    result: defaultdict[str, list[Event]] = defaultdict(list)
    for event in archive.events:
        for key in (*event.keys, *(f"articles/{slug}" for slug in event.articles)):
            result[key].append(event)
    return result


def notes_by_term(linked: tuple[LinkedArticle, ...]) -> Mapping[str, list[tuple[LinkedArticle, AnchoredNote]]]:
    """For each term, the annotations whose quote or note mention it."""
    result: defaultdict[str, list[tuple[LinkedArticle, AnchoredNote]]] = defaultdict(list)
    for item in linked:
        for note in item.notes:
            for key in note.keys:
                result[key].append((item, note))
    return result


def short_quote(text: str, words: int = 8) -> str:
    """The first words of a quote in quotation marks, for headings and lists."""
    parts = text.split()
    short = " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + "…"
    return short if short[:1] in "\"“'‘" and short[-1:] in "\"”'’…" else f"“{short}”"


def mentions_by_term(linked: tuple[LinkedArticle, ...]) -> Mapping[str, list[tuple[LinkedArticle, Mention]]]:
    """For each term, the articles that mention it (in archive order, newest first)."""
    result: defaultdict[str, list[tuple[LinkedArticle, Mention]]] = defaultdict(list)
    for item in linked:
        for mention in item.mentions:
            result[mention.key].append((item, mention))
    return result
