"""Which search the site's readers get, and the Pagefind index for large archives.

`material` (the default): Material's search, one index loaded whole before the
first answer; it also works opened from disk (`make offline`).
`pagefind`: a static index split into chunks, of which a query fetches only the
few it needs; for archives of thousands of articles. The same search box is
used (docs/javascripts/pagefind-search.js answers it); Material's own index is
left empty. Set it with `SEARCH=pagefind` (mkdocs.yml: `extra.search_engine`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from build_tools.errors import BuildFailed, SourceError

ENGINES = ("material", "pagefind")
"""Accepted values of `extra.search_engine`."""

SCRIPT = "javascripts/pagefind-search.js"
"""The script that answers Material's search box from the Pagefind index."""

ROOT_SELECTOR = "article.md-content__inner"
"""Only the page's content is indexed, not the header, navigation or footer."""

EXCLUDE_SELECTORS = ".headerlink, .md-content__button, pre, .archive-repeated"
"""Permalink signs, edit buttons and citation blocks (the only code blocks) are not worth matching, nor the lists
that repeat what other pages say (the terms and names on a page, related reading, events: `archive-repeated` in
templates/_blocks.html.j2): they made every article match the words of the articles it lists, and Pagefind's
index (and its indexer's memory) grow with every word indexed."""


LATER = "BUILD_SEARCH_LATER"
"""Set by `make build` to a file in its scratch folder: the hook writes there that the site wants a Pagefind index,
and the build indexes the site once MkDocs has exited (see commands.site)."""


def engine(value: object) -> str:
    """The configured engine, or a BuildFailed naming mkdocs.yml and the choices."""
    if value in ENGINES:
        return str(value)
    message = f"extra.search_engine is {value!r}; it must be one of {', '.join(ENGINES)}"
    raise BuildFailed((SourceError("mkdocs.yml", None, message, "set SEARCH=material or SEARCH=pagefind"),))


def index_site(site: Path) -> None:
    """Write the Pagefind index into `site/pagefind/` (replacing any earlier one)."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    command += ["--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = " / ".join((result.stderr or result.stdout).strip().splitlines()[-5:])
        raise BuildFailed((SourceError("mkdocs.yml", None, f"Pagefind could not index the site: {detail}"),))
