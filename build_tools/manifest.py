"""What the last generation wrote: its inputs and a hash of each page.

Kept in `docs/articles/.generated.json`: MkDocs skips dot files, and inside a generated
folder it is not watched by `mkdocs serve`, so writing it never sets off another build.
With it, a run whose inputs did not change can prove the pages on disk are still its
own and stop early: first by comparing every file's size and modification time with
the recorded ones (no file is read), and when those differ, by hashing contents.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

NAME = "articles/.generated.json"

RACY_NS = 2_000_000_000
"""A file modified this close to the manifest's own writing is hashed, not trusted by its
time: a file system's clock ticks coarsely, so an edit just after it could look the same."""


def _sha(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()


def stat(path: Path) -> list[int] | None:
    """[size, modification time in ns] of a file, or None if it is not one."""
    try:
        result = path.stat()
    except OSError:
        return None
    return [result.st_size, result.st_mtime_ns]


def input_stats(root: Path, files: Iterable[Path], context: str) -> dict[str, list[int] | None]:
    """Size and time of every input, and the context (e.g. SITE_URL) the pages depend on."""
    stats: dict[str, list[int] | None] = {f"context:{context}": None}
    for path in files:
        key = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        stats[key] = stat(path)
    return stats


def _read(docs: Path) -> tuple[dict, int] | None:
    try:
        path = docs / NAME
        return json.loads(path.read_text(encoding="utf-8")), path.stat().st_mtime_ns
    except (OSError, ValueError):
        return None


def _settled(stats: Iterable[list[int] | None], written: int) -> bool:
    return all(item is None or item[1] < written - RACY_NS for item in stats)


def unchanged_by_time(docs: Path, inputs: Mapping[str, list[int] | None]) -> int | None:
    """Number of pages, if no input and no page changed size or time since the last run; else None."""
    found = _read(docs)
    if found is None:
        return None
    recorded, written = found
    if recorded.get("input_stats") != inputs or not _settled(inputs.values(), written):
        return None
    page_stats = recorded.get("page_stats", {})
    if page_stats.keys() != recorded.get("pages", {}).keys() or not _settled(page_stats.values(), written):
        return None
    for rel, item in page_stats.items():
        if stat(docs / rel) != item:
            return None
    return len(page_stats)


def unchanged_pages(docs: Path, digest: str) -> dict[str, str] | None:
    """The recorded page hashes, if the inputs' digest and every page's content are as recorded."""
    found = _read(docs)
    if found is None or found[0].get("inputs") != digest:
        return None
    pages = found[0].get("pages", {})
    for rel, sha in pages.items():
        path = docs / rel
        if not path.is_file() or _sha(path.read_bytes()) != sha:
            return None
    return pages


def refresh_times(docs: Path, digest: str, hashes: Mapping[str, str], inputs: Mapping[str, list[int] | None]) -> None:
    """After files were touched but not changed (a checkout, a copy), record their new times,
    so the next run needs no hashing; nothing is written when the times are as recorded."""
    found = _read(docs)
    if found is None:
        return
    recorded = found[0]
    pages_now = {rel: stat(docs / rel) for rel in hashes}
    if recorded.get("input_stats") != inputs or recorded.get("page_stats") != pages_now:
        record(docs, digest, hashes, inputs)


def page_hashes(pages: Mapping[str, str]) -> dict[str, str]:
    return {rel: _sha(text.encode("utf-8")) for rel, text in sorted(pages.items())}


def record(docs: Path, digest: str, hashes: Mapping[str, str], inputs: Mapping[str, list[int] | None]) -> None:
    """Remember the inputs (digest, sizes and times) and the pages now on disk."""
    data = {
        "inputs": digest,
        "pages": dict(hashes),
        "input_stats": dict(inputs),
        "page_stats": {rel: stat(docs / rel) for rel in hashes},
    }
    (docs / NAME).parent.mkdir(parents=True, exist_ok=True)
    (docs / NAME).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
