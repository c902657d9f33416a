"""One page's Markdown to HTML, as MkDocs would convert it, the build's HTML lists put in after.

MkDocs (1.6) converts a page with its configured extensions and four processors of its
own: links to other files rewritten to where they are published (`_Links`), the ids on
the page collected (`_Ids`), the title taken from a first `h1` (`_Title`), and the ids of
raw HTML collected. The same is done here, so MkDocs gets the HTML it would have made.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from html import unescape
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.rendering import get_heading_text

from build_tools import escape, urls
from build_tools.convert.setting import Setting
from build_tools.errors import Report

_BLOCK_IDS = re.compile(r'<[a-z][^>]*?\s(?:id|name)="([^"]*)"')
"""Ids in the build's HTML lists (their values are escaped: no quote inside)."""


@dataclass(frozen=True)
class Link:
    """A link of a page's Markdown, as the link check reads it."""

    href: str
    """The link as written in the Markdown (`../glossary/cfc.md#x`)."""
    target: str
    """The file it reaches, relative to docs/ (`glossary/cfc.md`); "" for the page itself."""
    anchor: str
    """The anchor it names on that file, or ""."""


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
    """Every relative link of the Markdown (not those of the HTML lists, which the link check reads itself)."""


class _Links(Treeprocessor):
    """MkDocs' rewriting of links to other files of the site, and a record of each for the link check."""

    here = ""
    directory_urls = True
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
        self.found.append(Link(url, target, anchor))
        address = get_relative_url(_file_url(target, self.directory_urls), _file_url(self.here, self.directory_urls))
        return urlunsplit(("", "", address, query, anchor))


def _file_url(path: str, directory_urls: bool) -> str:
    """Where MkDocs publishes the file `path` (its `File.url`)."""
    if not path.endswith(".md"):
        return path
    address = urls.published(path, "folders" if directory_urls else "files")
    return address or "./"


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
def _converter(setting: Setting) -> tuple[markdown.Markdown, _Links, _Ids, _Title]:
    """One Markdown converter per process and setting, reset for each page (building one costs more
    than converting a short page)."""
    md = markdown.Markdown(extensions=list(setting.extensions), extension_configs=setting.extension_configs)
    links, ids, title = _Links(md), _Ids(md), _Title(md)
    ids.ids, links.found = set(), []
    md.treeprocessors.register(ids, "archive_ids", 5)  # after `toc` has given headings their ids, as MkDocs
    md.treeprocessors.register(links, "archive_links", 0)
    md.treeprocessors.register(title, "archive_title", 1)
    return md, links, ids, title


def body(page: str) -> str:
    """The page as MkDocs converts it: without its YAML front matter (generated pages always have one)."""
    found = YAML_RE.match(page)
    return page[found.end() :].lstrip("\n") if found else page


def convert_page(here: str, page: str, blocks: tuple[str, ...], setting: Setting, report: Report) -> Converted:
    """The page `here` (its Markdown `page`, in which the build put the HTML `blocks`) as MkDocs would convert
    it; live markup in the result is reported (it is never published)."""
    text = body(page)
    held, marked = _set_aside(text, blocks)
    md, links, ids, title = _converter(setting)
    md.reset()
    links.here, links.directory_urls, links.found = here, setting.directory_urls, []
    ids.ids, title.title = set(), None
    html = md.convert(marked)
    for placeholder, block in held.items():  # as Python-Markdown puts back a raw block: with a line after it
        html = html.replace(f"<p>{placeholder}</p>", block + "\n", 1)
        ids.ids.update(unescape(found) for found in _BLOCK_IDS.findall(block))
    html = html.strip()  # as Python-Markdown ends a conversion
    found = escape.live_markup(html)
    if found:
        report.add(f"docs/{here}", None, f"the rendered page holds live markup ({', '.join(found[:3])}); not published",
                   "the page's sources or templates let markup through: report it as a bug")  # fmt: skip
    toc = json.dumps(getattr(md, "toc_tokens", []), ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Converted(digest, html, toc, title.title, frozenset(ids.ids), tuple(links.found))


def _set_aside(text: str, blocks: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """The text with each HTML list standing alone as a block replaced by a placeholder paragraph, and the
    lists by placeholder. Python-Markdown passes such a block on unchanged: putting it back after conversion
    gives the same HTML without parsing it. The placeholder is made of the page's digest, which no text of
    the page can hold."""
    stamp = "archiveblock" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    held: dict[str, str] = {}
    start = 0
    pieces = []
    for block in blocks:
        at = text.find(block, start)
        if at < 0:
            continue
        end = at + len(block)
        last = end >= len(text) - 1 and text[end:] in ("", "\n")
        alone = (at == 0 or text.endswith("\n\n", 0, at)) and (last or text.startswith("\n\n", end))
        if not alone or "\n\n" in block:
            continue
        placeholder = f"{stamp}x{len(held)}"
        held[placeholder] = block
        pieces.append(text[start:at] + placeholder)
        start = end
    return held, "".join(pieces) + text[start:]
