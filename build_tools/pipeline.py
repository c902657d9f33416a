"""The orchestrator: load -> link -> render -> write."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from build_tools import manifest
from build_tools.cite import site_url
from build_tools.errors import Report
from build_tools.link import build_matcher, link_article
from build_tools.load import ARTICLES_DIR, GLOSSARY_FILE, PEOPLE_FILE, TIMELINE_FILE, load_archive
from build_tools.memo import NONE, Memo
from build_tools.models import Entry
from build_tools.progress import SILENT, Progress
from build_tools.render import TEMPLATES_DIR, render_site
from build_tools.write import WriteResult, plan_writes, write_pages

DOCS_DIR = "docs"


def term_href(entry: Entry) -> str:
    """Link from an article page to an entry's page (both are generated under docs/)."""
    return f"../{entry.section}/{entry.id}.md"


def render_pages(root: Path, progress: Progress = SILENT, memo: Memo = NONE) -> dict[str, str]:
    """Read every source, link terms and render all pages; write nothing.

    Every problem in the sources is raised as one BuildFailed. With a `memo` kept
    between runs (the MkDocs hook keeps one), unchanged articles are not parsed,
    linked or rendered again.
    """
    memo.next_run()
    with _collector_paused():
        return _render_pages(root, progress, memo)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cycle collector off what the process already holds while the pages are made.

    Under `mkdocs serve` the process also holds the whole site MkDocs built, and each
    automatic collection walked all of it: that tripled the time of a one-note rebuild
    at 1,000 articles. Freezing moves those objects out of the collector's sight; the
    pages' own garbage is still collected as it is made.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render_pages(root: Path, progress: Progress, memo: Memo) -> dict[str, str]:
    archive = load_archive(root, progress, memo)
    matcher = build_matcher(archive.entries)
    report = Report()
    progress.start("linking articles", len(archive.articles))
    linked = []
    for article in archive.articles:
        key = ("link", article, archive.entries)
        linked.append(memo.get(key, partial(link_article, article, matcher, term_href, report), report))
        progress.advance()
    report.raise_if_any()
    pages = render_site(archive, tuple(linked), root / TEMPLATES_DIR, progress, memo)
    progress.finish()
    return pages


def check(root: Path, progress: Progress = SILENT) -> dict[str, str]:
    """Validate all sources and that the pages could be written; raise BuildFailed if not."""
    pages = render_pages(root, progress)
    plan_writes(pages, root / DOCS_DIR)
    return pages


def generate(root: Path, docs: Path | None = None, progress: Progress = SILENT, memo: Memo = NONE) -> WriteResult:
    """Build the generated pages into `docs` (default: root/docs); only changed pages are rewritten.

    When no input changed since the last run and the pages on disk are the ones it wrote,
    nothing is written: files whose size and time are as recorded are not even read.
    """
    docs = docs or root / DOCS_DIR
    taken = time.time_ns()
    files = input_files(root)
    stats = manifest.input_stats(root, files, site_url())
    if memo.cold:  # the first run of a kept memo renders everything once, so later edits are fast
        return _generate(root, docs, progress, memo, input_digest(files), stats, taken)
    unchanged = manifest.unchanged_by_time(docs, stats)
    if unchanged is not None:
        return WriteResult((), (), unchanged)
    digest = input_digest(files)
    hashes = manifest.unchanged_pages(docs, digest)
    if hashes is not None:
        manifest.refresh_times(docs, digest, hashes, stats, taken)
        return WriteResult((), (), len(hashes))
    return _generate(root, docs, progress, memo, digest, stats, taken)


def _generate(
    root: Path, docs: Path, progress: Progress, memo: Memo, digest: str, stats: dict, taken: int
) -> WriteResult:
    pages = render_pages(root, progress, memo)
    result = write_pages(pages, docs)
    manifest.record(docs, digest, manifest.page_hashes(pages), stats, taken)
    return result


def input_files(root: Path) -> list[Path]:
    """Everything the generated pages depend on: sources, templates and the build code."""
    files = [root / GLOSSARY_FILE, root / PEOPLE_FILE, root / TIMELINE_FILE]
    for folder in (ARTICLES_DIR, TEMPLATES_DIR):
        files += sorted((root / folder).glob("*"))
    return files + sorted(Path(__file__).parent.glob("*.py"))  # the build code that is running


def input_digest(files: list[Path]) -> str:
    """Hash of the inputs' contents and of SITE_URL."""
    digest = hashlib.sha256(site_url().encode())
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def watched_paths(root: Path) -> list[Path]:
    """Sources whose change should regenerate the site under `mkdocs serve`."""
    return [root / ARTICLES_DIR, root / GLOSSARY_FILE, root / PEOPLE_FILE, root / TIMELINE_FILE, root / TEMPLATES_DIR]
