"""Stage 4, write: put generated pages into docs/, touching only what changed.

Generated pages live in folders of their own (docs/articles/, docs/glossary/...)
and carry a marker line; a page without the marker is hand-written and is never
overwritten or removed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.config import DOCS_DIR, GENERATED_DIRS, GENERATED_MARKER, WHOLLY_GENERATED
from build_tools.errors import Report


@dataclass(frozen=True)
class WriteResult:
    """What a write changed on disk."""

    written: tuple[str, ...]
    """Pages created or rewritten because their content changed."""
    removed: tuple[str, ...]
    """Generated pages whose source is gone."""
    unchanged: int
    """Pages already up to date."""


def is_generated(path: Path) -> bool:
    """True when `path` was written by the build step."""
    if path.parent.name in WHOLLY_GENERATED:
        return True
    with path.open(encoding="utf-8", errors="replace") as handle:
        return _marked(handle.readline() + handle.readline())


def _marked(head: str) -> bool:
    first, _, second = head.partition("\n")
    return first.strip() == "---" and second.startswith(GENERATED_MARKER)


def check_targets(paths: Iterable[str], docs: Path, report: Report) -> None:
    """Report what would stop the pages being written: a symlinked folder, or a hand-written page in the way.

    Problems name the place as `docs/...`, as in the repository, even when `docs` is a scratch copy."""
    for folder in GENERATED_DIRS:
        if (docs / folder).is_symlink() or docs.is_symlink():
            hint = "make it a plain folder: the build never writes outside the repository"
            report.add(f"{DOCS_DIR}/{folder}", None, "is a symlink", hint)
    for rel in paths:
        target = docs / rel
        if target.is_file() and not is_generated(target):
            hint = "generated pages own this path: move the hand-written page elsewhere in docs/"
            report.add(f"{DOCS_DIR}/{rel}", None, "is a hand-written page where a generated page belongs", hint)


def plan_writes(pages: Mapping[str, str], docs: Path) -> tuple[list[str], list[str]]:
    """Which pages to write (their content changed) and which generated pages to remove.

    Each existing page is read once; one without the marker is never touched (the orchestrator has
    reported it with the sources' problems; this is the last guard)."""
    if any((docs / folder).is_symlink() for folder in GENERATED_DIRS) or docs.is_symlink():
        report = Report()
        check_targets((), docs, report)
        report.raise_if_any()
    writes = [rel for rel, content in pages.items() if _differs(docs, rel, content)]
    removals = []
    for folder in GENERATED_DIRS:
        for path in sorted(p for p in (docs / folder).glob("**/*") if p.is_file() and not p.name.startswith(".")):
            rel = path.relative_to(docs).as_posix()
            if rel not in pages and is_generated(path):
                removals.append(rel)
    return writes, removals


def _differs(docs: Path, rel: str, content: str) -> bool:
    """True when the page must be written; refuses when a hand-written page is in the way."""
    target = docs / rel
    if not target.exists():
        return True
    existing = target.read_text(encoding="utf-8")
    if existing == content:
        return False
    if target.parent.name not in WHOLLY_GENERATED and not _marked(existing[:200]):
        report = Report()
        check_targets((rel,), docs, report)
        report.raise_if_any()
    return True


def write_pages(pages: Mapping[str, str], docs: Path) -> WriteResult:
    """Write changed pages atomically (temp file + rename) and remove stale ones."""
    writes, removals = plan_writes(pages, docs)
    for rel in writes:
        write_file(docs / rel, pages[rel])
    for rel in removals:
        (docs / rel).unlink()
    return WriteResult(tuple(writes), tuple(removals), len(pages) - len(writes))


def write_file(target: Path, content: str) -> None:
    """Write `content` to `target` atomically: a reader sees the old file or the new one, never part."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
