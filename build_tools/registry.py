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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from build_tools import urls
from build_tools.config import DOCS_DIR
from build_tools.errors import Report


@dataclass(frozen=True)
class Claim:
    """A page someone asks the build to write."""

    path: str
    """The page, relative to docs/ (`people/lee.md`)."""
    family: str
    """Which kind of page it is: `article`, `entry`, `year`, or one of the build's own pages."""
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

    def check_links(self, pages: Mapping[str, str], style: str, report: Report) -> None:
        """Report every link of the build's HTML blocks that does not reach a page of this run (and the
        anchor on it): MkDocs checks the links of Markdown, not those of HTML it passes on."""
        targets = LinkTargets({path: pages[path] for path in self.paths}, style)
        for page, text in pages.items():
            for href in _HTML_LINK.findall(text):
                problem = targets.problem(page, href)
                if problem:
                    hint = "the link is made by templates/_blocks.html.j2: fix the template or the page it names"
                    report.add(f"{DOCS_DIR}/{page}", None, f"links to {href!r}, {problem}", hint)


_HTML_LINK = re.compile(r'<a href="(?![a-z]+:)([^"]*)"')
"""A link in an HTML block the build wrote (contributors' text cannot hold HTML); not to other sites."""
_IDS = re.compile(r'\{#([A-Za-z][\w-]*)[ }]|(?<![\w-])id="([^"]+)"')
"""Ids the build gives elements: first in its attribute lists (`{#note-x .c}`, which contributors' text cannot
hold) and in its HTML (`id="..."`)."""


class LinkTargets:
    """The pages of a run by where they are published, and the ids on each (found when first asked)."""

    def __init__(self, pages: Mapping[str, str], style: str) -> None:
        self.pages, self.style = pages, style
        self.by_address = {posixpath.normpath(urls.published(page, style)): page for page in pages}
        self.ids: dict[str, set[str]] = {}

    def problem(self, page: str, href: str) -> str:
        """What is wrong with `href` on `page`, or "" when it reaches its page and anchor."""
        path, _, anchor = href.partition("#")
        here = urls.published(page, self.style)
        folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        target = self.by_address.get(posixpath.normpath(folder + path)) if path else page
        if target is None:
            return "which is not a page of this build"
        if anchor and anchor not in self._ids(target):
            return f"whose page {target} has no element with the id {anchor!r}"
        return ""

    def _ids(self, page: str) -> set[str]:
        if page not in self.ids:
            self.ids[page] = {a or b for a, b in _IDS.findall(self.pages[page])}
        return self.ids[page]
