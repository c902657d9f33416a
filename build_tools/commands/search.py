"""Which search the site's readers get, and the Pagefind index for large archives.

`material` (the default): Material's search, one index loaded whole before the
first answer; it also works opened from disk (`make offline`).
`pagefind`: a static index split into chunks, of which a query fetches only the
few it needs; for archives of thousands of articles. The same search box is
used (docs/javascripts/pagefind-search.js answers it); Material's own index is
left empty. Set it with `SEARCH=pagefind` (mkdocs.yml: `extra.search_engine`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from build_tools import swap
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


PAGES_PER_INDEX = 2_000
"""At most this many pages in one Pagefind index: its indexer holds the whole index in memory (about 2.2 GiB for the
6,000 pages of 5,000 articles), so a larger site gets several indexes, made one after the other, which the
reader's browser merges (`mergeIndex` in docs/javascripts/pagefind-search.js)."""

BUNDLES = "bundles.json"
"""In site/pagefind/: the other indexes' folders, relative to the site (`[]` when there is one)."""


def index_site(site: Path, per_index: int = PAGES_PER_INDEX) -> None:
    """Write the Pagefind index into `site/pagefind/` (replacing any earlier one); above `per_index` pages, the
    pages in name order are split into indexes of at most that many, `pagefind/`, `pagefind-2/`..., each made
    from a folder of hard links to its pages, and `pagefind/bundles.json` names the others.

    The indexes are made in a scratch folder beside the site and moved in once all are made: a site being served
    (`make serve SEARCH=pagefind`) answers from its last index meanwhile, and a failure leaves that index as it
    was. The scratch folder is locked while in use, so the next build's `swap.recover` removes it after a kill."""
    earlier = _earlier_indexes(site)
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html") if path.is_file())
    if len(pages) > per_index:  # Pagefind refuses a folder with nothing to index: every part must hold a page
        pages = [rel for rel in pages if _indexable(site / rel)]
    parts = [pages[start : start + per_index] for start in range(0, len(pages), per_index)] or [[]]
    with swap.scratch_folder(site.parent) as scratch:
        made = scratch / "made"
        if len(parts) == 1:
            _run_pagefind(site, made / "pagefind")
        else:
            for number, part in enumerate(parts, start=1):
                _index_part(site, part, scratch / f"pages-{number}", made / _index_folder(number))
        others = [f"{_index_folder(number)}/" for number in range(2, len(parts) + 1)]
        (made / "pagefind" / BUNDLES).write_text(json.dumps(others) + "\n", encoding="utf-8")
        for old in earlier:
            old.rename(scratch / f"earlier-{old.name}")  # removed with the scratch folder
        for folder in sorted(made.iterdir()):
            folder.rename(site / folder.name)


INDEX_FOLDER = re.compile(r"pagefind(?:-[0-9]+)?", re.IGNORECASE)
"""The folders of the site the indexes are written to: `pagefind/`, `pagefind-2/`... (in any case: on a file system
that ignores case, a page published at `Pagefind-2/` is in the same folder)."""


_CONTENT_CLASS = ROOT_SELECTOR.split(".", 1)[1].encode()


def _index_folder(number: int) -> str:
    """The folder of the site the `number`th index goes to (from 1)."""
    return "pagefind" if number == 1 else f"pagefind-{number}"


def _indexable(page: Path) -> bool:
    """Whether Pagefind could index `page`: it has the theme's content element (`ROOT_SELECTOR`); a hand-written
    HTML file of docs/, which MkDocs copies as it is, usually has not, and Pagefind passes over it."""
    return _CONTENT_CLASS in page.read_bytes()  # read in full once more, just before Pagefind reads it: cached


def _earlier_indexes(site: Path) -> list[Path]:
    """The index folders an earlier indexing left in `site`; BuildFailed when one of them holds no index or holds
    a page (Pagefind writes none): a hand-written page of docs/ is published there, and would be deleted."""
    found = sorted(path for path in site.iterdir() if INDEX_FOLDER.fullmatch(path.name))
    taken = [
        path.name
        for path in found
        if not (path / "pagefind-entry.json").is_file() or next(path.rglob("*.html"), None) is not None
    ]
    problems = [
        SourceError(f"docs/{name}", None, f"is published at {name}/, where the search index is written",
                    f"rename docs/{name}.md or docs/{name}/: pagefind/ and pagefind-<number>/ hold the search index")
        for name in taken
    ]  # fmt: skip
    if problems:
        raise BuildFailed(tuple(problems))
    return found


def _index_part(site: Path, pages: list[Path], view: Path, output: Path) -> None:
    """One index of `pages` (relative to `site`), made from `view`, a new folder of hard links laid out as the site."""
    for rel in pages:
        (view / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / rel, view / rel)
    _run_pagefind(view, output)


def _run_pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent"]
    command += ["--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = " / ".join((result.stderr or result.stdout).strip().splitlines()[-5:])
        raise BuildFailed((SourceError("mkdocs.yml", None, f"Pagefind could not index the site: {detail}"),))
