"""Page paths and anchor ids: the one place Python and the templates take them from.

A page path is relative to docs/ (`articles/talks.md`); MkDocs publishes it at
`articles/talks/`. The templates get this module as `urls`, and `href()` turns a
path (and an anchor) into a link relative to the page being rendered.
"""

from __future__ import annotations

from build_tools.config import site_url

HOME = "index.md"
"""The home page (hand-written: docs/index.md), relative to docs/."""
ARCHIVE_INDEX = "articles/index.md"
BRIEFINGS_INDEX = "briefings/index.md"
"""Every briefing, newest first (render.families.briefings)."""
OUTLETS = "articles/outlets.md"
TAGS = "articles/tags.md"
GLOSSARY_INDEX = "glossary/index.md"
TIMELINE = "timeline/index.md"
RSS = "feeds/rss.xml"
JSON_FEED = "feeds/feed.json"
FEEDS_PAGE = "feeds/index.md"
"""The feeds for people: what a feed is, how to subscribe, and what the feeds carry (render.families.lists)."""
FEEDS_SITEMAP = "feeds/sitemap.xml"
"""The feeds folder's own sitemap, which Material's script fetches beside each feed (render.feeds)."""
DATA_PAGE = "data/index.md"
"""The Data page: the archive as a dataset, its files and licence (render.families.dataset)."""
DATAPACKAGE = "data/datapackage.json"
"""The Frictionless Data Package describing the dataset's tables (build_tools.dataset.package)."""
CORRECTIONS = "corrections/index.md"
"""Every correction in the archive, newest first (render.families.corrections)."""
CORRECTIONS_RSS = "feeds/corrections.xml"
CORRECTIONS_JSON = "feeds/corrections.json"
CORRECTIONS_ANCHOR = "corrections"
"""Id of the Corrections section of an article's or an entry's page (the "Amended on" markers link to it)."""
ENTRY_NAMES = "data/entries.json"
"""Every entry's names, for the search box to put the entry's page first (render.search_names)."""

MENTION_PREFIXES = {"glossary": "term", "people": "person", "organisations": "org"}
"""Prefix of the anchor on the linked first mention of an entry, by the entry's section."""


def article(slug: str) -> str:
    """The page of an article."""
    return f"articles/{slug}.md"


def briefing(slug: str) -> str:
    """The page of a briefing."""
    return f"briefings/{slug}.md"


def briefing_reference(slug: str, form: str) -> str:
    """A briefing as a reference manager imports it: `cite/briefings/<slug>.json`, `.ris` or `.bib` (apart from
    the articles', whose slugs a briefing's may share)."""
    return f"cite/briefings/{slug}.{form}"


def footnote_anchor(footnote_id: str) -> str:
    """Id of a footnote in a briefing's list of notes."""
    return f"fn-{footnote_id}"


def footnote_ref_anchor(footnote_id: str, time: int = 1) -> str:
    """Id of the `time`-th reference to a footnote in a briefing's text (`--`, which no id holds, before the time:
    footnote `a`'s second reference and footnote `a-2`'s first do not share one)."""
    return f"fnref-{footnote_id}" if time == 1 else f"fnref-{footnote_id}--{time}"


def tag_anchor(tag: str) -> str:
    """The anchor of a tag's section on the list by tag: made from the tag's id, not from its label."""
    return f"tag-{tag}"


def article_url(slug: str) -> str:
    """The absolute address of an article's page on the published site."""
    return public_url(article(slug))


def entry(section: str, entry_id: str) -> str:
    """The page of a glossary term, person or organisation (`glossary/cfc.md`)."""
    return f"{section}/{entry_id}.md"


def section_index(section: str) -> str:
    """The index page of a section (`people/index.md`)."""
    return f"{section}/index.md"


def mentions_year(section: str, entry_id: str, year: int) -> str:
    """The page listing one year's mentions of an entry (`glossary/opcon/2006.md`)."""
    return f"{section}/{entry_id}/{year}.md"


def reference(slug: str, form: str) -> str:
    """An article as a reference manager imports it: `cite/<slug>.json` (CSL-JSON), `.ris` or `.bib`."""
    return f"cite/{slug}.{form}"


def data_file(name: str, form: str) -> str:
    """A table of the dataset in one format: `data/articles.csv`, `data/notes.jsonl`."""
    return f"data/{name}.{form}"


def annotations(slug: str) -> str:
    """An article's notes as a W3C Web Annotation collection (JSON-LD)."""
    return f"annotations/{slug}.jsonld"


def note_anchor(note_id: str) -> str:
    """Id of an annotation in an article's list of notes."""
    return f"note-{note_id}"


def ref_anchor(note_id: str) -> str:
    """Id of an annotation's numbered marker in the article's text."""
    return f"ref-{note_id}"


def event_anchor(event_id: str) -> str:
    """Id of an event on the timeline page."""
    return f"event-{event_id}"


def mention_anchor(section: str, entry_id: str) -> str:
    """Id of the linked first mention of an entry on an article page (`term-cfc`, `person-jim-mattis`)."""
    return f"{MENTION_PREFIXES[section]}-{entry_id}"


def relative(here: str, target: str, anchor: str = "") -> str:
    """A link from page `here` to page `target` (and `anchor` on it), as MkDocs resolves links."""
    if target == here and anchor:
        return f"#{anchor}"
    return _walk(here, target, anchor)


def _walk(here: str, target: str, anchor: str) -> str:
    """The relative path from the folder of `here` to `target`, both paths from the site's root."""
    folders, parts = here.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(folders), len(parts) - 1) and folders[common] == parts[common]:
        common += 1
    path = "/".join([".."] * (len(folders) - common) + parts[common:])
    return f"{path}#{anchor}" if anchor else path


def public_path(page: str) -> str:
    """Where MkDocs publishes a page, relative to the site: `articles/talks.md` -> `articles/talks/`."""
    if not page.endswith(".md"):
        return page
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def published(page: str, style: str = "folders") -> str:
    """Where a page is, for links in the given style (see config.link_style): `articles/talks/`,
    `articles/talks.html`, or the page itself (`articles/talks.md`)."""
    if style == "sources" or not page.endswith(".md"):
        return page
    return public_path(page) if style == "folders" else page.removesuffix(".md") + ".html"


def link(here: str, target: str, anchor: str = "", *, style: str = "folders") -> str:
    """A link in HTML the build writes itself, from page `here` to page `target` (and `anchor`), in the
    given style: MkDocs passes such links on without rewriting them, Zensical rewrites them."""
    if style == "sources" or (target == here and anchor):
        return relative(here, target, anchor)
    path = _walk(published(here, style), published(target, style), anchor)
    return path if path and not path.startswith("#") else "./" + path


def public_url(page: str) -> str:
    """The absolute address of a page on the published site."""
    return site_url() + public_path(page)
