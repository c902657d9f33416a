"""A page as the render stage's workers make it: rendered, then converted where MkDocs publishes it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection

from build_tools import urls
from build_tools.config import link_style
from build_tools.convert.page import Converted, Link, convert_page
from build_tools.convert.setting import Setting
from build_tools.convert.sidecar import sealed_sidecar, sidecar_path
from build_tools.errors import Report
from build_tools.incremental.trust import Seal
from build_tools.registry import PageLinks

Made = tuple[str, str | None, PageLinks | None]
"""A rendered page: its text, and for a page converted here its converted file (`sidecar`) and what the link
check reads of it."""


def make_page(
    path: str, make: Callable[[], str], blocks: Callable[[str], tuple[str, ...]], setting: Setting | None, seal: Seal,
    targets: Collection[str] = frozenset(),
) -> Callable[[Report], Made]:  # fmt: skip
    """The job that renders the page `path` (`make`) and converts it when it is Markdown and `setting` says how;
    `blocks(path)` gives the HTML blocks its rendering made, `targets` the files of the site its links may reach.
    Rendering cannot refuse a source, so only the conversion reports (live markup in a page)."""

    def job(report: Report) -> Made:
        text = make()
        if setting is None or sidecar_path(path) is None:  # Markdown pages of the build's folders only
            return text, None, None
        converted = convert_page(path, text, blocks(path), setting, report, targets)
        return text, sealed_sidecar(path, converted, setting.signature, seal), links_of(converted)

    return job


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
