"""The orchestrator: load -> link -> render -> write."""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_tools import manifest
from build_tools.cite import site_url
from build_tools.errors import Report
from build_tools.link import build_matcher, link_article
from build_tools.load import ARTICLES_DIR, GLOSSARY_FILE, PEOPLE_FILE, TIMELINE_FILE, load_archive
from build_tools.models import Entry
from build_tools.progress import SILENT, Progress
from build_tools.render import TEMPLATES_DIR, render_site
from build_tools.write import WriteResult, plan_writes, write_pages

DOCS_DIR = "docs"


def term_href(entry: Entry) -> str:
    """Link from an article page to an entry's page (both are generated under docs/)."""
    return f"../{entry.section}/{entry.id}.md"


def render_pages(root: Path, progress: Progress = SILENT) -> dict[str, str]:
    """Read every source, link terms and render all pages; write nothing.

    Every problem in the sources is raised as one BuildFailed.
    """
    archive = load_archive(root, progress)
    matcher = build_matcher(archive.entries)
    report = Report()
    progress.start("linking articles", len(archive.articles))
    linked = []
    for article in archive.articles:
        linked.append(link_article(article, matcher, term_href, report))
        progress.advance()
    report.raise_if_any()
    pages = render_site(archive, tuple(linked), root / TEMPLATES_DIR, progress)
    progress.finish()
    return pages


def check(root: Path, progress: Progress = SILENT) -> dict[str, str]:
    """Validate all sources and that the pages could be written; raise BuildFailed if not."""
    pages = render_pages(root, progress)
    plan_writes(pages, root / DOCS_DIR)
    return pages


def generate(root: Path, docs: Path | None = None, progress: Progress = SILENT) -> WriteResult:
    """Build the generated pages into `docs` (default: root/docs); only changed pages are rewritten.

    When no input changed since the last run and the pages on disk are the ones it wrote,
    nothing is read beyond the inputs' bytes and nothing is written.
    """
    docs = docs or root / DOCS_DIR
    digest = input_digest(root)
    unchanged = manifest.unchanged_pages(docs, digest)
    if unchanged is not None:
        return WriteResult((), (), unchanged)
    pages = render_pages(root, progress)
    result = write_pages(pages, docs)
    manifest.record(docs, digest, pages)
    return result


def input_digest(root: Path) -> str:
    """Hash of everything the generated pages depend on: sources, templates, build code, SITE_URL."""
    digest = hashlib.sha256(site_url().encode())
    files = [root / GLOSSARY_FILE, root / PEOPLE_FILE, root / TIMELINE_FILE]
    for folder in (ARTICLES_DIR, TEMPLATES_DIR):
        files += sorted((root / folder).glob("*"))
    files += sorted(Path(__file__).parent.glob("*.py"))  # the build code that is running
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def watched_paths(root: Path) -> list[Path]:
    """Sources whose change should regenerate the site under `mkdocs serve`."""
    return [root / ARTICLES_DIR, root / GLOSSARY_FILE, root / PEOPLE_FILE, root / TIMELINE_FILE, root / TEMPLATES_DIR]
