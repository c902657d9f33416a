"""The families of the site-wide corrections: the Corrections page and its feeds (RSS and JSON Feed). Each is one
file on a reserved path, made from the site's one list of corrections (`Site.every_correction`): an edit reads
that list again, in memory, and remakes these only when it changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_tools.render import lastmod
from build_tools.render.corrections import Corrected
from build_tools.render.families.base import Builds, Family, Reads, Templated

if TYPE_CHECKING:
    import jinja2

    from build_tools.registry import Claim
    from build_tools.render.context import Site


@dataclass(frozen=True)
class CorrectionsReads(Reads):
    """What the Corrections page and its feeds show."""

    corrections: tuple[Corrected, ...]
    """Every correction, newest first."""

    def lastmod(self) -> str | None:
        """The newest correction's day."""
        return lastmod.newest([item.correction.date for item in self.corrections])


@dataclass(frozen=True)
class CorrectionsPage(Builds, Templated[CorrectionsReads]):
    """The Corrections page: every correction in the archive, newest first, each linked to what it corrects."""

    def reads(self, site: Site, claim: Claim) -> CorrectionsReads:
        """Every correction."""
        return CorrectionsReads(site.every_correction())


@dataclass(frozen=True)
class CorrectionsFeed(Builds, Family[CorrectionsReads]):
    """A feed of the newest corrections (`render.feeds.corrections_rss` or `corrections_json`)."""

    write: Callable[[tuple[Corrected, ...]], str]
    """The feed's writer, given every correction, newest first."""

    def reads(self, site: Site, claim: Claim) -> CorrectionsReads:
        """Every correction."""
        return CorrectionsReads(site.every_correction())

    def render(self, env: jinja2.Environment, path: str, reads: CorrectionsReads) -> str:
        """The feed, written from the corrections."""
        return self.write(reads.corrections)
