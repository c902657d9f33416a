"""What the last generation wrote: its inputs and a hash of each page.

Kept in `docs/articles/.generated.json`: MkDocs skips dot files, and inside a generated
folder it is not watched by `mkdocs serve`, so writing it never sets off another build.
With it, a run whose inputs did not change can prove the pages on disk are still its
own and stop early: first by comparing every file's size and modification time with
the recorded ones (no file is read), and when those differ, by hashing contents. Either
way the generated folders must hold exactly the recorded pages, and the record must
carry this working copy's seal (`trust`): a record committed to the repository, or
copied in, is never trusted, and the pages are made again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from build_tools.config import MANIFEST
from build_tools.disk import RECORD_LIMIT, read_regular, size_and_time, text_hash
from build_tools.incremental.trust import Seal
from build_tools.write import generated_entries, write_file

NAME = MANIFEST

RACY_NS = 2_000_000_000
"""An input modified this close to the moment its size and time were taken is hashed, not
trusted by its time: a file system's clock ticks coarsely, so an edit made just after the
look could keep the same size and time. (Pages are written by the build itself.)"""


def input_stats(root: Path, files: Iterable[Path], context: str) -> dict[str, list[int] | None]:
    """Size and time of every input, and the context (e.g. SITE_URL) the pages depend on."""
    stats: dict[str, list[int] | None] = {f"context:{context}": None}
    for path in files:
        key = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        stats[key] = size_and_time(path)
    return stats


def _read(docs: Path, seal: Seal, wanted: Callable[[dict], bool] = lambda record: True) -> dict | None:
    """The record, if it is what the caller wants (checked first: it is cheap), this working copy sealed it, and
    the generated folders hold exactly its pages (no temporary file a stopped run left)."""
    try:
        found = _parsed(docs / NAME)
    except (OSError, ValueError):
        return None
    record = found.get("record") if isinstance(found, dict) else None
    if not isinstance(record, dict) or not wanted(record) or not _verified(docs / NAME, seal):
        return None
    found = [rel for rel, _ in generated_entries(docs)]  # a killed run's temporary file: generate (and remove it)
    return record if set(record.get("pages", {})) == set(found) else None


_LAST: dict[tuple, tuple[bytes, object]] = {}
"""The record last read, as bytes and parsed, by its file's identity, size and time: a run reads it up to three
times."""
_HEAD, _SEAL_AT = b'{"record": ', b', "seal": "'
"""How a record file opens, and where its seal follows the record's canonical JSON (see `record`)."""


def _parsed(path: Path) -> object:
    """The record's JSON, parsed once while its file stays the same (a run's reads need not parse it again)."""
    return _loaded(path)[1]


def _loaded(path: Path) -> tuple[bytes, object]:
    found = os.lstat(path)
    key = (str(path), found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
    if key not in _LAST:
        _LAST.clear()
        raw = read_regular(path, RECORD_LIMIT)
        _LAST[key] = (raw, json.loads(raw))
    return _LAST[key]  # read only by its callers


def _verified(path: Path, seal: Seal) -> bool:
    """True when the record file holds the canonical JSON of a record and this working copy's seal of exactly
    those bytes (checked on the bytes read: nothing is serialised again to check it)."""
    raw = _loaded(path)[0]
    at = raw.rfind(_SEAL_AT)
    if not raw.startswith(_HEAD) or at < 0 or not raw.endswith(b'"}\n'):
        return False
    return seal.verify(raw[len(_HEAD) : at], raw[at + len(_SEAL_AT) : -3].decode("ascii", "replace"))


def _settled(stats: Iterable[list[int] | None], taken: int) -> bool:
    return all(item is None or item[1] < taken - RACY_NS for item in stats)


def unchanged_by_time(docs: Path, inputs: Mapping[str, list[int] | None], seal: Seal) -> list[str] | None:
    """The pages (and converted pages), if no input and no page changed size or time since the last run; else None."""
    recorded = _read(docs, seal, lambda record: record.get("input_stats") == inputs)
    if recorded is None:
        return None
    if not _settled(inputs.values(), recorded.get("inputs_taken_ns", 0)):
        return None
    page_stats = recorded.get("page_stats", {})
    if page_stats.keys() != recorded.get("pages", {}).keys():
        return None
    for rel, item in page_stats.items():
        if size_and_time(docs / rel) != item:
            return None
    return list(page_stats)


def unchanged_pages(docs: Path, digest: str, seal: Seal) -> dict[str, str] | None:
    """The recorded page hashes, if the inputs' digest and every page's content are as recorded."""
    recorded = _read(docs, seal, lambda record: record.get("inputs") == digest)
    if recorded is None:
        return None
    pages = recorded.get("pages", {})
    for rel, sha in pages.items():
        try:
            if text_hash(read_regular(docs / rel, RECORD_LIMIT)) != sha:
                return None
        except OSError:
            return None
    return pages


def refresh_times(
    docs: Path, digest: str, hashes: Mapping[str, str], inputs: Mapping[str, list[int] | None], taken: int, seal: Seal
) -> None:
    """After hashing proved nothing changed, record what the next run needs to trust times alone:
    new times of files touched but not changed (a checkout, a copy), or inputs that have since
    settled. Nothing is written when the record is already as good."""
    recorded = _read(docs, seal)
    if recorded is None:
        return
    pages_now = {rel: size_and_time(docs / rel) for rel in hashes}
    touched = recorded.get("input_stats") != inputs or recorded.get("page_stats") != pages_now
    settled_now = not _settled(inputs.values(), recorded.get("inputs_taken_ns", 0)) and _settled(inputs.values(), taken)
    if touched or settled_now:
        record(docs, digest, hashes, inputs, taken, seal)


def recorded_pages(docs: Path, seal: Seal) -> dict[str, tuple[str, list[int] | None]]:
    """Each page of the last run's sealed record: its hash and its file's size and time then ({} without one)."""
    recorded = _read(docs, seal)
    if recorded is None:
        return {}
    stats = recorded.get("page_stats", {})
    return {rel: (sha, stats.get(rel)) for rel, sha in recorded.get("pages", {}).items()}


def known_pages(docs: Path, hashes: Mapping[str, str], seal: Seal) -> set[str]:
    """The pages whose file is, by the last run's sealed record, already what `hashes` says (same hash, and the
    file's size and time as recorded): they need not be read back to compare."""
    recorded = recorded_pages(docs, seal)
    return {rel for rel, sha in hashes.items() if is_known(docs, rel, sha, recorded)}


def is_known(docs: Path, rel: str, sha: str, recorded: Mapping[str, tuple[str, list[int] | None]]) -> bool:
    """True when the record proves the page `rel` already holds the text whose hash is `sha`."""
    known = recorded.get(rel)
    return known is not None and known[0] == sha and known[1] is not None and known[1] == size_and_time(docs / rel)


def page_hashes(pages: Mapping[str, str]) -> dict[str, str]:
    return {rel: text_hash(text) for rel, text in sorted(pages.items())}


def record(
    docs: Path, digest: str, hashes: Mapping[str, str], inputs: Mapping[str, list[int] | None], taken: int, seal: Seal
) -> None:
    """Remember the inputs (digest, sizes and times, and when those were taken) and the pages on disk, sealed."""
    data = {
        "inputs": digest,
        "inputs_taken_ns": taken,
        "pages": dict(hashes),
        "input_stats": dict(inputs),
        "page_stats": {rel: size_and_time(docs / rel) for rel in hashes},
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)  # as Seal.sealed would canonicalise it
    write_file(docs / NAME, f'{{"record": {text}, "seal": "{seal.sign(text.encode("utf-8"))}"}}\n')
