"""The registry of pages: every generated page is claimed here once, by whoever asks for it.

The build claims its own pages (indexes, timeline, feeds) first; then every
article, term, person and organisation the sources define claims its page,
valid or not. Two claims on one published address (a person `index`, an article
`tags`, two terms with one id) are an error naming both claimants, with file and
line: no page is lost by one overwriting another.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.config import DOCS_DIR
from build_tools.errors import Report

if TYPE_CHECKING:
    from build_tools.render.families.base import Family


@dataclass(frozen=True)
class Claim:
    """A page someone asks the build to write."""

    path: str
    """The page, relative to docs/ (`people/lee.md`)."""
    family: Family
    """The family of pages it belongs to, which renders it (`render.pages.FAMILIES`)."""
    subject: str = ""
    """What the page is about: an article slug or an entry key (`glossary/cfc`)."""
    year: int = 0
    """For a year of mentions, the year."""
    what: str = ""
    """The claimant in words: "person 'index'", "the People index"."""
    source: str = ""
    """File that asks for the page (for the build's own pages, their template)."""
    line: int | None = None
    """Line of the entry in that file, when it has one."""
    reserved: bool = False
    """True for the build's own pages (indexes, timeline, feeds): their paths are reserved."""

    @property
    def owner(self) -> str:
        """The claimant and where it is: "person 'lee' (people.yml:12)"."""
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{self.what} ({where})"


class PageRegistry:
    """Every page of a run, in the order claimed; second claims on an address are reported."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.claims: dict[str, Claim] = {}
        """Claims by published address (`people/lee/`)."""

    def claim(self, claim: Claim) -> None:
        """Record `claim`, or report it when another claim already has its address."""
        address = urls.public_path(claim.path)
        first = self.claims.setdefault(address, claim)
        if first is not claim:
            self._refuse(claim, first)

    def _refuse(self, claim: Claim, first: Claim) -> None:
        name = claim.path.rsplit("/", 1)[-1].removesuffix(".md")
        hint = (
            f"'{name}' is reserved: choose another name" if first.reserved else "ids must be unique: rename one of them"
        )
        message = f"{claim.what} would write the page {claim.path}, which {first.owner} already writes"
        self.report.add(claim.source, claim.line, message, hint)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims.values())

    def __len__(self) -> int:
        return len(self.claims)

    @property
    def paths(self) -> list[str]:
        """The pages under docs/ that the run writes."""
        return [claim.path for claim in self.claims.values()]

    def check_links(
        self, pages: Mapping[str, str], style: str, report: Report, read: Callable[..., PageLinks] | None = None,
        elsewhere: Collection[str] = (), last: LinkCheck | None = None,
    ) -> LinkCheck:  # fmt: skip
        """Report every link of the build's HTML blocks, and of the pages it converts (`convert`), that does not
        reach a page of this run (and the anchor on it): MkDocs checks neither.

        `elsewhere` are the hand-written files of docs/, which links may reach (MkDocs checks the anchors on
        them). `read(page, text, style)` gives a page's links and ids (`read_links`); the orchestrator passes one
        that remembers pages it has read before (the very object, while a page's text stays the same). Given the
        `last` check of the same pages and files, only the pages read anew are checked, unless the ids on one of
        them changed: a one-page edit under `make serve` checks one page."""
        read = read or read_links
        found = {page: read(page, pages[page], style) for page in self.paths}
        todo, by_address, anchored = found.keys(), None, None
        if last is not None and last.found.keys() == found.keys() and last.elsewhere == frozenset(elsewhere):
            changed = [page for page, links in found.items() if links is not last.found[page]]
            todo, by_address = changed, last.by_address
            moved = [page for page in changed if found[page].ids != last.found[page].ids]
            if moved or last.anchored is not None:  # made when first needed, then kept
                anchored = _anchored(last, changed, found)
            if moved:  # the pages whose links name an anchor on them are checked too
                todo = sorted({*changed, *(page for target in moved for page in anchored.get(target, ()))})
        if by_address is None:
            by_address = {posixpath.normpath(urls.published(page, style)): page for page in [*elsewhere, *found]}
        for page in todo:
            for href, address, anchor in found[page].links:
                target = by_address.get(address) if address else page
                problem = "" if target in elsewhere else _problem(target, anchor, found)  # MkDocs checks its anchors
                if problem:
                    hint = "fix the link where the page's template or source makes it, or the page it names"
                    report.add(f"{DOCS_DIR}/{page}", None, f"links to {href!r}, {problem}", hint)
        return LinkCheck(found, by_address, frozenset(elsewhere), anchored)


@dataclass(frozen=True)
class LinkCheck:
    """What a link check read, for the next check of the same pages (`PageRegistry.check_links`)."""

    found: Mapping[str, PageLinks]
    """Each page's links and ids."""
    by_address: Mapping[str, str]
    """Each page and hand-written file by the address links reach it at."""
    elsewhere: frozenset[str]
    """The hand-written files of docs/ then."""
    anchored: Mapping[str, frozenset[str]] | None = None
    """For each page, the pages with a link to an anchor on it: made by the first check after one that a page's ids
    changed (`_anchored`), then kept up to date by every later check of the same pages; None before, and after a
    check of every page."""


def _anchored(last: LinkCheck, changed: list[str], found: Mapping[str, PageLinks]) -> dict[str, frozenset[str]]:
    """`LinkCheck.anchored` for the pages `found`: the last check's, with the links of the `changed` pages as they
    are now (made from every page's links the first time a check needs it)."""
    if last.anchored is None:
        return _anchors_of(found, found.keys(), last.by_address)
    anchored = dict(last.anchored)
    for target, pages in _anchors_of(last.found, changed, last.by_address).items():
        anchored[target] = anchored.get(target, frozenset()) - pages
    for target, pages in _anchors_of(found, changed, last.by_address).items():
        anchored[target] = anchored.get(target, frozenset()) | pages
    return anchored


def _anchors_of(found: Mapping[str, PageLinks], pages: Iterable[str], by_address: Mapping[str, str]) -> dict:
    """For each page some of `pages` link to an anchor on, which of them do."""
    into: dict[str, set[str]] = {}
    for page in pages:
        for _, address, anchor in found[page].links:
            target = by_address.get(address) if address else page
            if anchor and target is not None:
                into.setdefault(target, set()).add(page)
    return {target: frozenset(pages) for target, pages in into.items()}


def _problem(target: str | None, anchor: str, found: Mapping[str, PageLinks]) -> str:
    """What is wrong with a link to `anchor` on the page `target`, or "" when it reaches them."""
    if target is None:
        return "which is not a page of this build"
    if anchor and anchor not in found[target].ids:
        return f"whose page {target} has no element with the id {anchor!r}"
    return ""


_HTML_LINK = re.compile(r'<a (?:[a-z-]+="[^"]*" )*?href="(?![A-Za-z][A-Za-z0-9+.-]*:)([^"]*)"')
"""A link in an HTML block the build wrote (contributors' text cannot hold HTML); not to other sites. Its
attributes may come in any order (a paragraph written as HTML sorts them, as Python-Markdown does); a scheme
in any case (`HTTPS:`) makes it a link to another site, as it does to MkDocs."""
_IDS = re.compile(r'\{#([A-Za-z][\w-]*)[ }]|(?<![\w-])id="([^"]+)"')
"""Ids the build gives elements: first in its attribute lists (`{#note-x .c}`, which contributors' text cannot
hold) and in its HTML (`id="..."`)."""


@dataclass(frozen=True)
class PageLinks:
    """What the link check reads of one page."""

    links: tuple[tuple[str, str, str], ...]
    """Each link of its HTML blocks: (href as written, the address it reaches ("" for the page itself), anchor)."""
    ids: frozenset[str]
    """The ids the build gave its elements."""


class SharedLinks:
    """Keeps each distinct link once: most links (to a glossary page, to the archive) are on thousands of pages, and
    each page's links arrive from a worker as copies of their own."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, str], tuple[str, str, str]] = {}

    def __call__(self, found: PageLinks) -> PageLinks:
        """`found`, its links the ones kept."""
        known = self._known
        return PageLinks(tuple([known.setdefault(link, link) for link in found.links]), found.ids)


def page_links(found: PageLinks, converted: PageLinks | None) -> PageLinks:
    """What the link check reads of a page: the links of its HTML blocks (`found`) and, for a page converted
    by the build (`convert`), those of its Markdown, with the ids of its HTML."""
    return found if converted is None else PageLinks(found.links + converted.links, converted.ids)


def read_links(page: str, text: str, style: str, *, ids: bool = True) -> PageLinks:
    """The links of `page`'s HTML blocks, resolved to published addresses, and the ids on it (none looked for
    without `ids`: a converted page's ids are its conversion's, `page_links`)."""
    here = urls.published(page, style)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    links = []
    for href in _HTML_LINK.findall(text):
        path, _, anchor = href.partition("#")
        links.append((href, posixpath.normpath(folder + path) if path else "", anchor))
    return PageLinks(tuple(links), ids_in(text) if ids else frozenset())


def ids_in(text: str) -> frozenset[str]:
    """The ids the build gave the elements of `text`. Every one follows `{#` or `id="`: a text holding neither (a
    feed, a JSON file) is not searched with `_IDS`, which has no first character to skip ahead to."""
    if "{#" not in text and 'id="' not in text:
        return frozenset()
    return frozenset(a or b for a, b in _IDS.findall(text))
