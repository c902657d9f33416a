"""Every page family of the build, in one place: which pages exist (claims), and how each is rendered.

A family is one object (`families.base.Family`) that claims its pages, builds what one
page reads from the linked archive, and renders the page from that alone; the page's
memo key is derived from what it reads. Adding a family is adding it to FAMILIES: the
registry, the parallel rendering and conversion, `mkdocs serve`'s memo and the
streamed writing take it as they take the others.
"""

from __future__ import annotations

from build_tools import urls
from build_tools.config import TEMPLATES_DIR
from build_tools.link.models import LinkedArticle
from build_tools.models import Archive
from build_tools.registry import Claim
from build_tools.render import feeds, references
from build_tools.render.context import Site
from build_tools.render.families.articles import ArticlePage, ReferenceFile, WebAnnotations
from build_tools.render.families.base import Family, Reads
from build_tools.render.families.briefings import BriefingIndex, BriefingPage, BriefingReferenceFile
from build_tools.render.families.corrections import CorrectionsFeed, CorrectionsPage
from build_tools.render.families.data import Constant, EntryNames, Feed
from build_tools.render.families.dataset import DATASET
from build_tools.render.families.entries import EntityPage, TermPage, YearPage
from build_tools.render.families.lists import EntityIndex, FeedPage, GlossaryIndex, Listing, Timeline

Render = tuple[tuple, Reads]
"""A page's memo key and what it reads (its family renders it from that and the templates only)."""

_FEEDS = "build_tools/render/feeds.py"


def _templated(family: type, name: str, template: str, path: str, what: str, *more: object) -> Family:
    """A family with one page of its own made from `template`, the source it names for that page."""
    return family(name, template, path, what, f"{TEMPLATES_DIR}/{template}", *more)


def _entities(section: str, title: str, intro: str) -> EntityIndex:
    """The index of people or of organisations."""
    path, what = urls.section_index(section), f"the {title} index"
    return _templated(EntityIndex, section, "entities.md.j2", path, what, section, title, intro)  # type: ignore[return-value]


FAMILIES: tuple[Family, ...] = (
    _templated(Listing, "archive", "archive.md.j2", urls.ARCHIVE_INDEX, "the archive index"),
    _templated(Listing, "outlets", "outlets.md.j2", urls.OUTLETS, "the list by outlet"),
    _templated(Listing, "tags", "tags.md.j2", urls.TAGS, "the list by tag"),
    _templated(BriefingIndex, "briefings", "briefings.md.j2", urls.BRIEFINGS_INDEX, "the index of briefings"),
    _templated(GlossaryIndex, "glossary", "glossary.md.j2", urls.GLOSSARY_INDEX, "the glossary index"),
    _entities(
        "people", "People", "The people the articles mention, with their roles at the time and where they appear."
    ),
    _entities("organisations", "Organisations", "The organisations the articles mention, and where they appear."),
    _templated(Timeline, "timeline", "timeline.md.j2", urls.TIMELINE, "the timeline"),
    _templated(FeedPage, "feeds-page", "feeds.md.j2", urls.FEEDS_PAGE, "the feeds page"),
    Feed("rss", urls.RSS, "the RSS feed", _FEEDS, feeds.rss),
    Feed("json", urls.JSON_FEED, "the JSON feed", _FEEDS, feeds.json_feed),
    _templated(CorrectionsPage, "corrections", "corrections.md.j2", urls.CORRECTIONS, "the Corrections page"),
    CorrectionsFeed(
        "corrections-rss", urls.CORRECTIONS_RSS, "the corrections' RSS feed", _FEEDS, feeds.corrections_rss
    ),
    CorrectionsFeed(
        "corrections-json", urls.CORRECTIONS_JSON, "the corrections' JSON feed", _FEEDS, feeds.corrections_json
    ),
    Constant("feeds-sitemap", urls.FEEDS_SITEMAP, "the feeds' sitemap", _FEEDS, feeds.feeds_sitemap),
    EntryNames("entries", urls.ENTRY_NAMES, "the entries' names for search", "build_tools/render/search_names.py"),
    *DATASET,
    ArticlePage("article", "article.md.j2"),
    WebAnnotations("annotations"),
    *(ReferenceFile(f"reference-{form}", form) for form in references.FORMATS),
    BriefingPage("briefing", "briefing.md.j2"),
    *(BriefingReferenceFile(f"briefing-reference-{form}", form) for form in references.FORMATS),
    TermPage("term", "term.md.j2"),
    EntityPage("entity", "entity.md.j2"),
    YearPage("year", "mentions_year.md.j2"),
)
"""Every family of the build, in the order their pages are claimed (reserved pages first: `claims`)."""


def claims(archive: Archive, linked: tuple[LinkedArticle, ...]) -> list[Claim]:
    """Every page the sources ask for, family by family, the build's own (reserved) pages first wherever their
    family is listed: a source asking for one of their paths is then the one refused."""
    every = [claim for family in FAMILIES for claim in family.claims(archive, linked)]
    return sorted(every, key=lambda claim: not claim.reserved)  # stable: in family order otherwise


def render_page(site: Site, claim: Claim) -> Render:
    """The memo key of the page `claim` asks for and what it reads: read now; the page is rendered from that (and
    the templates) only when the memo does not have it (`convert.made.PageJob`)."""
    family = claim.family
    reads = family.reads(site, claim)
    return family.key(claim, reads), reads
