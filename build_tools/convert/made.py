"""A page as the render stage's workers make it: rendered, then converted where MkDocs publishes it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from build_tools import urls
from build_tools.config import link_style
from build_tools.convert.page import Converted, convert_page
from build_tools.convert.setting import Setting
from build_tools.convert.sidecar import sealed_sidecar
from build_tools.errors import Report
from build_tools.incremental.trust import Seal
from build_tools.registry import PageLinks

Made = tuple[str, str | None, PageLinks | None]
"""A rendered page: its text, and for a page converted here its converted file (`sidecar`) and what the link
check reads of it."""


def make_page(
    path: str, make: Callable[[], str], blocks: Callable[[str], tuple[str, ...]], setting: Setting | None, seal: Seal
) -> Callable[[Report], Made]:
    """The job that renders the page `path` (`make`) and converts it when it is Markdown and `setting` says how;
    `blocks(path)` gives the HTML blocks its rendering made. Rendering cannot refuse a source, so only the
    conversion reports (live markup in a page)."""

    def job(report: Report) -> Made:
        text = make()
        if setting is None or not path.endswith(".md"):
            return text, None, None
        converted = convert_page(path, text, blocks(path), setting, report)
        return text, sealed_sidecar(path, converted, setting.signature, seal), links_of(converted)

    return job


def links_of(converted: Converted) -> PageLinks:
    """What the link check reads of a converted page: each Markdown link with the address it reaches, the ids."""
    style = link_style()
    links = tuple((link.href, _address(link.target, style), link.anchor) for link in converted.links)
    return PageLinks(links, converted.ids)


def _address(target: str, style: str) -> str:
    """Where a link's target is published, as the link check compares addresses ("" for the page itself)."""
    return posixpath.normpath(urls.published(target, style)) if target else ""
