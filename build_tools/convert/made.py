"""A page as the render stage's workers make it: rendered, then converted where MkDocs publishes it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools import urls
from build_tools.config import link_style
from build_tools.convert.page import Converted, Link, convert_page
from build_tools.convert.setting import Setting
from build_tools.convert.sidecar import sealed_sidecar, sidecar_path
from build_tools.errors import Report
from build_tools.incremental.trust import Seal
from build_tools.registry import PageLinks

if TYPE_CHECKING:
    import jinja2

    from build_tools.render.families.base import Family, Reads

Made = tuple[str, str | None, PageLinks | None]
"""A rendered page: its text, and for a page converted here its converted file (`sidecar`) and what the link
check reads of it."""


@dataclass(frozen=True)
class Making:
    """What every page job of a run shares. Jobs travel to workers that hold nothing of the archive (see
    `parallel.run_all`): this is sent to each worker once (`install`), and the templates are compiled again there,
    once per process."""

    templates: Path
    """The templates' folder."""
    version: Hashable
    """The templates and settings the pages are made with (`pipeline._render`): a process compiles the templates
    again when it changes."""
    setting: Setting | None
    """How Markdown pages are converted (None: they are not converted here)."""
    seal: Seal
    """Seals the converted pages for the hook."""
    targets: frozenset[str]
    """The files of the site the pages' links may reach."""
    compile: Callable[[Path], jinja2.Environment]
    """Compiles the templates (`render.new_environment`; a module's function, so it travels by name)."""
    blocks: Callable[[jinja2.Environment, str], tuple[str, ...]]
    """The HTML blocks the rendering of a page made (`render.blocks_made`), put back after its conversion."""

    @property
    def env(self) -> jinja2.Environment:
        """The compiled templates of this version, made once in each process."""
        return _compiled(self.compile, self.templates, self.version)

    def install(self) -> None:
        """Make this what the page jobs of this process use (in a worker, or here before running them)."""
        global _installed
        _installed = self


_installed: Making | None = None
"""What the page jobs this process runs share (`Making.install`)."""


@lru_cache(maxsize=1)  # one version at a time: the preview keeps the latest
def _compiled(compile: Callable[[Path], jinja2.Environment], templates: Path, version: Hashable) -> jinja2.Environment:
    return compile(templates)


@dataclass(frozen=True)
class PageJob:
    """The job that renders one page from what it reads and converts it when it is Markdown and the run says how
    (the installed `Making`). A value, so that it can travel to a worker; rendering cannot refuse a source, so only
    the conversion reports (live markup in a page)."""

    path: str
    """The page, relative to docs/."""
    family: Family
    """Its family, which renders it."""
    reads: Reads
    """What it reads of the archive (the family's `reads`)."""

    def __call__(self, report: Report) -> Made:
        making = _installed
        if making is None:
            raise RuntimeError("a page job ran before its run's Making was installed")
        env = making.env
        text = self.family.render(env, self.path, self.reads)
        setting = making.setting
        if setting is None or sidecar_path(self.path) is None:  # Markdown pages of the build's folders only
            return text, None, None
        converted = convert_page(self.path, text, making.blocks(env, self.path), setting, report, making.targets)
        return text, sealed_sidecar(self.path, converted, setting.signature, making.seal), links_of(converted)


def links_of(converted: Converted) -> PageLinks:
    """What the link check reads of a converted page: each Markdown link with the address it reaches, the ids."""
    style = link_style()
    links = tuple((link.href, _address(link, style), link.anchor) for link in converted.links)
    return PageLinks(links, converted.ids)


def _address(link: Link, style: str) -> str:
    """Where a link's target is published, as the link check compares addresses ("" for the page itself); a
    link to no file of the site reaches no address."""
    if not link.known:
        return "\0" + link.target
    return posixpath.normpath(urls.published(link.target, style)) if link.target else ""
