"""One page's Markdown to HTML, as MkDocs would convert it, the build's HTML blocks (lists, paragraphs written as
HTML) put in after.

MkDocs (1.6) converts a page with its configured extensions and four processors of its
own: links to other files rewritten to where they are published (`_Links`), the ids on
the page collected (`_Ids`), the title taken from a first `h1` (`_Title`), and the ids of
raw HTML collected. The same is done here, so MkDocs gets the HTML it would have made.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.rendering import get_heading_text

from build_tools import escape, urls
from build_tools.convert.held import HideHeldIds, ShowHeldIds, paragraph_ids, set_aside
from build_tools.convert.setting import Setting
from build_tools.disk import text_hash
from build_tools.errors import Report

_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
"""The first tag of an HTML block."""
_ID_ATTRIBUTE = re.compile(r"(?<![\w-])(?:id|name)\s*=", re.IGNORECASE)
"""Where an `id` or `name` attribute could be (HTMLParser reads an attribute name after a quote, a space or a
slash, in any case, before `=`); raw HTML without one holds no id."""


@dataclass(frozen=True)
class Link:
    """A link of a page's Markdown, as the link check reads it."""

    href: str
    """The link as written in the Markdown (`../glossary/cfc.md#x`)."""
    target: str
    """The file it reaches, relative to docs/ (`glossary/cfc.md`); "" for the page itself."""
    anchor: str
    """The anchor it names on that file, or ""."""
    known: bool = True
    """False when no file of the site is there: the link is left as written (as MkDocs does) and refused."""


@dataclass(frozen=True)
class Converted:
    """A page as MkDocs would have converted it."""

    markdown: str
    """SHA-256 of the Markdown converted: the page without its front matter, as MkDocs reads it."""
    html: str
    """The page's content."""
    toc: str
    """Python-Markdown's table of contents tokens, as JSON (MkDocs' `get_toc` makes the page's toc of them)."""
    title: str | None
    """The text of a first `h1`, for a page whose front matter gives no title."""
    ids: frozenset[str]
    """Every id an element of the page has (and `<a name>`): what links to the page may name."""
    links: tuple[Link, ...]
    """Every relative link of the Markdown (not those of the HTML blocks, which the link check reads itself)."""


class _Links(Treeprocessor):
    """MkDocs' rewriting of links to other files of the site, and a record of each for the link check."""

    here = ""
    directory_urls = True
    targets: Collection[str] = frozenset()
    found: list[Link]

    def run(self, root: Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            if key and element.get(key) is not None:
                element.set(key, self._rewritten(element.get(key, "")))

    def _rewritten(self, url: str) -> str:
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or AMP_SUBSTITUTE in url:
            return url
        if url.startswith(("/", "\\")) or not path:
            self.found.append(Link(url, "" if not path else url, anchor))
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.here), unquote(path)).lstrip("/"))
        if target not in self.targets:
            self.found.append(Link(url, target, anchor, known=False))
            return url
        self.found.append(Link(url, target, anchor))
        address = get_relative_url(_file_url(target, self.directory_urls), _file_url(self.here, self.directory_urls))
        return urlunsplit(("", "", address, query, anchor))


def _file_url(path: str, directory_urls: bool) -> str:
    """Where MkDocs publishes the file `path` (its `File.url`)."""
    if not path.endswith(".md"):
        return quote(path)
    address = urls.published(path, "folders" if directory_urls else "files")
    return quote(address or "./")


class _Ids(Treeprocessor):
    """The ids of the page's elements (MkDocs' anchor check reads the same)."""

    ids: set[str]

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.get("id"):
                self.ids.add(element.get("id", ""))
            if element.tag == "a" and element.get("name"):
                self.ids.add(element.get("name", ""))


class _Title(Treeprocessor):
    """The text of the page's first element when it is an `h1` (MkDocs' page title without front matter)."""

    title: str | None = None

    def run(self, root: Element) -> None:
        for element in root:
            if element.tag == "h1":
                self.title = get_heading_text(element, self.md)
            break


@cache
def _converter(setting: Setting) -> tuple[markdown.Markdown, _Links, _Ids, _Title, dict[str, tuple[str, ...]]]:
    """One Markdown converter per process and setting, reset for each page (building one costs more
    than converting a short page)."""
    md = markdown.Markdown(extensions=list(setting.extensions), extension_configs=setting.extension_configs)
    links, ids, title, show, hide = _Links(md), _Ids(md), _Title(md), ShowHeldIds(md), HideHeldIds(md)
    ids.ids, links.found, show.ids, show.added, hide.show = set(), [], {}, [], show
    md.treeprocessors.register(show, "archive_held_ids", 6)  # before `toc` (5)
    md.treeprocessors.register(ids, "archive_ids", 5)  # after `toc` has given headings their ids, as MkDocs
    md.treeprocessors.register(hide, "archive_held_ids_gone", 4)
    md.treeprocessors.register(links, "archive_links", 0)
    md.treeprocessors.register(title, "archive_title", 1)
    _tables_need_a_pipe(md)
    return md, links, ids, title, show.ids


def _tables_need_a_pipe(md: markdown.Markdown) -> None:
    """The `tables` extension's test, skipped for a block without `|`, which no table lacks (its first row splits
    into one cell, and only a `|` at an edge makes one cell a table). The test splits every block's first line
    character by character: a tenth of an article's conversion. The same HTML comes out."""
    for table in md.parser.blockprocessors:
        if type(table) is TableProcessor:
            test = table.test
            table.test = lambda parent, block, test=test: "|" in block and test(parent, block)  # type: ignore[method-assign]


def body(page: str) -> str:
    """The page as MkDocs converts it: without its YAML front matter (generated pages always have one)."""
    found = YAML_RE.match(page)
    return page[found.end() :].lstrip("\n") if found else page


def convert_page(
    here: str, page: str, blocks: tuple[str, ...], setting: Setting, report: Report, targets: Collection[str]
) -> Converted:
    """The page `here` (its Markdown `page`, in which the build put the HTML `blocks`) as MkDocs would convert
    it, its links to `targets` (the files of the site, relative to docs/) rewritten; live markup in the result is
    reported (it is never published)."""
    text = body(page)
    md, links, ids, title, held_ids = _converter(setting)
    links.targets = targets
    digest = text_hash(text)
    held, marked = set_aside(text, [block for block in blocks if _is_block(md, block)], digest)
    held_ids.clear()
    held_ids.update(paragraph_ids(held))  # their ids are collected with the converted elements' (`_Ids`)
    converted = _converted(md, links, ids, title, here, setting, marked, held)
    if converted is None:  # a placeholder did not come back as a paragraph of its own: convert it all
        held_ids.clear()
        held, converted = {}, _converted(md, links, ids, title, here, setting, text, {}) or ""
    lists = [block for placeholder, block in held.items() if placeholder not in held_ids]
    raw = _raw_ids([str(stored) for stored in [*md.htmlStash.rawHtmlBlocks, *lists]])
    found = escape.live_markup(converted)
    if found:
        report.add(f"docs/{here}", None, f"the rendered page holds live markup ({', '.join(found[:3])}); not published",
                   "the page's sources or templates let markup through: report it as a bug")  # fmt: skip
    toc = json.dumps(getattr(md, "toc_tokens", []), ensure_ascii=False, sort_keys=True)
    return Converted(digest, converted, toc, title.title, frozenset(ids.ids | raw), tuple(links.found))


def _converted(md, links, ids, title, here, setting, marked, held) -> str | None:  # type: ignore[no-untyped-def]
    """One conversion of `marked`, the `held` blocks put back; None when a placeholder is not where it was put."""
    md.reset()
    links.here, links.directory_urls, links.found = here, setting.directory_urls, []
    ids.ids, title.title = set(), None
    converted = md.convert(marked)
    for placeholder, block in held.items():  # as Python-Markdown puts back a raw block: with a line after it
        paragraph = f"<p>{placeholder}</p>"
        if converted.count(paragraph) != 1 or converted.count(placeholder) != 1:
            return None
        converted = converted.replace(paragraph, block + "\n", 1)
    return converted.strip()  # as Python-Markdown ends a conversion


def _is_block(md: markdown.Markdown, block: str) -> bool:
    """True when `block` opens with a tag Python-Markdown passes on as a block (`<ul>`, `<pre>`), not one it
    wraps in a paragraph (`<span>`)."""
    tag = _OPENING.match(block)
    return tag is not None and md.is_block_level(tag.group(1))


def _raw_ids(stored: list[str]) -> set[str]:
    """The ids in the page's raw HTML, as MkDocs' anchor check reads them: the blocks fed in order to one parser.
    Raw HTML where no attribute could be an id (the build's lists have none) is not parsed: they are looked for in
    all of it at once, so an attribute split between two blocks is parsed too."""
    if not _ID_ATTRIBUTE.search("".join(stored)):
        return set()
    raw = _RawIds()
    for block in stored:
        raw.feed(block)
    raw.close()
    return raw.ids


class _RawIds(HTMLParser):
    """The ids in raw HTML (and `<a name>`), as MkDocs' anchor check collects them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
