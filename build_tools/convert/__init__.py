"""Stage 3b, convert: each generated page's Markdown to the HTML MkDocs would make of it, on every core.

MkDocs converts every page in its one process, and the lists the build writes as HTML
(`render.environment.BLOCKS`) were parsed there once more as raw HTML. Here each page is
converted in the worker that rendered it, with exactly mkdocs.yml's Markdown extensions
(`setting`) and the link rewriting MkDocs does (`page`); each HTML list is set aside
before conversion and put back after it, as Python-Markdown would have passed it on. The
MkDocs hook hands the result to MkDocs (`sidecar`), which then only applies the theme.
Pages of engines that rewrite links themselves (Zensical) are not converted: they get the
Markdown.

The live-markup guard (`escape.live_markup`) runs here, where the HTML is made.
"""

from __future__ import annotations

from build_tools.convert.sidecar import (
    Content,
    Handed,
    is_sidecar,
    open_sidecar,
    page_count,
    sealed_sidecar,
    sidecar_path,
)

__all__ = ["Content", "Handed", "is_sidecar", "open_sidecar", "page_count", "sealed_sidecar", "sidecar_path"]
"""What the write stage and the hook read. The conversion itself (`page`, `made`, `setting`) loads Python-Markdown
and MkDocs' configuration: it is imported where pages are rendered, so a run that finds nothing to do (or `make
check`) does not pay for it."""
