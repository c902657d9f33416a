"""The registry of pages: every generated page is claimed here once, by whoever asks for it.

The build claims its own pages (indexes, timeline, feeds) first; then every
article, term, person and organisation the sources define claims its page,
valid or not. Two claims on one published address (a person `index`, an article
`tags`, two terms with one id) are an error naming both claimants, with file and
line: no page is lost by one overwriting another.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from build_tools import urls
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
