"""What every page family is: the pages it claims, what one page reads, and how it is rendered from that.

A family renders a page from three things only: the templates (`jinja2.Environment`),
the page's path and its `Reads`, a frozen value the family builds from the linked
archive (`Site`). Its memo key is derived from those (`Family.key`), never written by
hand: what a renderer does not receive it cannot read, so the key cannot forget an
input. The templates and the output settings are in the key the orchestrator adds
around it (`pipeline._render`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Generic, TypeVar

from build_tools.registry import Claim
from build_tools.render import lastmod

if TYPE_CHECKING:
    import jinja2

    from build_tools.link.models import LinkedArticle
    from build_tools.models import Archive
    from build_tools.render.context import Site


@dataclass(frozen=True)
class Reads:
    """Everything one page of a family reads: frozen values, so the value itself is the page's memo key.

    Its fields are what a template receives, by name (`context`)."""

    def context(self) -> dict[str, object]:
        """The template's variables: the fields, by name (a subclass may add what it derives from them)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def lastmod(self) -> str | None:
        """The page's `lastmod` (see `render.lastmod`), made from the fields; None: the page shows nothing dated."""
        return None


R = TypeVar("R", bound=Reads)


@dataclass(frozen=True)
class Family(ABC, Generic[R]):
    """A kind of page: which pages it claims, what one of them reads, and how it is rendered from that."""

    name: str
    """What the family is called in tests and messages (`article`, `rss`)."""

    @abstractmethod
    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """The pages of this family the sources ask for."""

    @abstractmethod
    def reads(self, site: Site, claim: Claim) -> R:
        """What the page `claim` asks for reads of the linked archive."""

    @abstractmethod
    def render(self, env: jinja2.Environment, path: str, reads: R) -> str:
        """The page at `path`, from what it reads (and the templates) only."""

    def key(self, claim: Claim, reads: R) -> tuple:
        """The page's memo key: everything `render` receives but the templates (which the orchestrator adds)."""
        return (self, claim.path, reads)


@dataclass(frozen=True)
class Templated(Family[R]):
    """A family of Markdown pages made by one template from their `Reads.context()`."""

    template: str
    """The template in `templates/` (`article.md.j2`)."""

    def render(self, env: jinja2.Environment, path: str, reads: R) -> str:
        """The template filled with the reads' variables and the page's path (`here`), dated by its `lastmod`."""
        text = env.get_template(self.template).render(here=path, **reads.context())
        return lastmod.dated(text, reads.lastmod())


@dataclass(frozen=True)
class Builds:
    """One page the build always makes (an index, the timeline, a feed), on a reserved path."""

    path: str
    """The page, relative to docs/."""
    what: str
    """The page in words: "the People index"."""
    source: str
    """What makes it: its template or module."""

    def claims(self, archive: Archive, linked: tuple[LinkedArticle, ...]) -> Iterator[Claim]:
        """The page, reserved: a source claiming its path is refused."""
        yield Claim(self.path, self, what=self.what, source=self.source, reserved=True)
