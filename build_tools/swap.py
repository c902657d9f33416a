"""Putting a build's output in place all or nothing, whatever fails and whenever the build is killed.

The new pages and site are first made in full beside the old ones (a scratch folder,
or a temporary file next to each page). Then one journal is written, atomically: the
moves that put them in place. Writing it is the moment the build commits; each move is
then a rename, and the journal says where each one stands, so the moves can always be
finished, or, for a site swap, undone:

- a rename that fails (a disk error, a permission) or an interrupt (Ctrl-C, a cancelled
  CI job) undoes the moves already made, and the build fails with one problem; the old
  docs/ and site/ stand;
- a build killed at any moment leaves a journal: the next build finishes it first
  (`recover`), so docs/ and site/ are then all old or all new, never a mix;
- a scratch folder is locked by the build that owns it; `recover` removes every one
  whose build is gone.

A journal is a record found in the checkout like any other: it is sealed with the
working copy's key (`incremental.trust`), and every path in it must lie where the
build writes (a generated folder, the site, its own scratch folder). A journal that
fails either test is never followed: a committed one cannot move or delete a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from build_tools.config import DOCS_DIR, GENERATED_DIRS, OFFLINE_SITE_DIR, SCRATCH_PREFIX, SITE_DIR
from build_tools.disk import read_regular

JOURNAL = "journal.json"
"""A site swap's journal, in its scratch folder."""
PAGES_JOURNAL = "articles/.journal.json"
"""The journal of pages written in place (`write.write_pages`), relative to docs/."""
JOURNAL_LIMIT = 64_000_000
"""The largest journal read."""


class Sealer(Protocol):
    """What seals a journal (`incremental.trust.Seal`)."""

    def sign(self, data: bytes) -> str: ...

    def verify(self, data: bytes, seal: object) -> bool: ...


@dataclass(frozen=True)
class Move:
    """One step: `new` becomes `target`, and what was at `target` goes to `old` (paths relative to the root)."""

    target: str
    """Where the result belongs."""
    new: str = ""
    """Where the new content waits ("" to remove `target`)."""
    old: str = ""
    """Where the old content goes, so it can come back ("" when it is simply replaced or removed)."""


def commit(root: Path, journal: Path, moves: list[Move], seal: Sealer, *, undoable: bool) -> None:
    """Write the journal (the commit), make every move, then delete the journal.

    When a move fails or the build is interrupted, an undoable journal is undone (every earlier move reversed)
    and the error raised; if undoing fails too, or the moves cannot be undone, the journal stays for
    `recover`, which finishes it in the direction it names."""
    _write_journal(journal, moves, "forward", seal)
    try:
        for move in moves:
            _forward(root, move)
    except BaseException:
        if undoable:
            _write_journal(journal, moves, "back", seal)
            for move in reversed(moves):
                _back(root, move)
            journal.unlink()
        raise
    journal.unlink()


def recover(root: Path, seal: Sealer) -> None:
    """Finish what killed or failed builds left: every journal this working copy sealed completed in its
    direction, every scratch folder whose build is gone removed. Run before a build touches docs/ or site/."""
    docs = root / DOCS_DIR
    if os.path.lexists(docs / PAGES_JOURNAL):
        _finish(docs, docs / PAGES_JOURNAL, seal, tuple(f"{folder}/" for folder in GENERATED_DIRS))
    for scratch in sorted(root.glob(SCRATCH_PREFIX + "*")):
        if scratch.is_dir() and not scratch.is_symlink():
            with _locked(scratch) as ours:
                if ours:
                    targets = (*(f"{DOCS_DIR}/{folder}" for folder in GENERATED_DIRS), SITE_DIR, OFFLINE_SITE_DIR)
                    _finish(root, scratch / JOURNAL, seal, targets, f"{scratch.name}/")
                    shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def scratch_folder(root: Path) -> Iterator[Path]:
    """A new scratch folder in `root`, locked while the build owns it, removed when it ends (however it ends,
    short of a kill, after which the next build's `recover` removes it)."""
    folder = Path(tempfile.mkdtemp(dir=root, prefix=SCRATCH_PREFIX))
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield folder
    finally:
        if not os.path.lexists(folder / JOURNAL):  # else a swap is half made: `recover` finishes it
            shutil.rmtree(folder, ignore_errors=True)
        os.close(descriptor)


@contextmanager
def _locked(folder: Path) -> Iterator[bool]:
    """True inside when no live build holds `folder` (the lock is taken for the time being)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        yield False
        return
    try:
        yield True
    finally:
        os.close(descriptor)


def _write_journal(journal: Path, moves: list[Move], direction: str, seal: Sealer) -> None:
    body = json.dumps({"direction": direction, "moves": [asdict(m) for m in moves]}, sort_keys=True)
    descriptor, name = tempfile.mkstemp(dir=journal.parent, prefix=f".{journal.name}.", suffix=".part")  # new file
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"seal": seal.sign(body.encode("utf-8")), "journal": body}))
        handle.flush()
        os.fsync(handle.fileno())
    Path(name).replace(journal)  # a link at the journal's name is replaced, never followed


def _finish(root: Path, journal: Path, seal: Sealer, targets: tuple[str, ...], scratch: str = "") -> None:
    """Complete a journal left behind, in the direction it names, then delete it; a journal that is not this
    working copy's, or that names a path outside where the build writes, is deleted unread."""
    moves = _read_journal(journal, seal)
    if moves is not None and all(_allowed(move, targets, scratch) for move in moves[1]):
        direction, steps = moves
        for move in reversed(steps) if direction == "back" else steps:
            (_back if direction == "back" else _forward)(root, move)
        for left in (move.new if direction == "back" else move.old for move in steps):
            _remove(root / left) if left else None  # what the finished direction no longer needs
    journal.unlink(missing_ok=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()


def _read_journal(journal: Path, seal: Sealer) -> tuple[str, list[Move]] | None:
    try:
        found = json.loads(read_regular(journal, JOURNAL_LIMIT))
        body = found["journal"]
        if not seal.verify(body.encode("utf-8"), found.get("seal")):
            return None
        data = json.loads(body)
        moves = [Move(**{key: str(move[key]) for key in ("target", "new", "old")}) for move in data["moves"]]
        return str(data["direction"]), moves
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _allowed(move: Move, targets: tuple[str, ...], scratch: str) -> bool:
    """Every path of `move` is a plain relative path inside where the build writes: its target is one of the
    build's folders (or in one), and its other paths are in that folder or the scratch folder."""
    places = [path for path in (move.new, move.old) if path]
    return _inside(move.target, targets, exact=True) and all(
        _inside(path, (scratch,) if scratch else targets, exact=False) for path in places
    )


def _inside(path: str, places: tuple[str, ...], *, exact: bool) -> bool:
    if not path or path.startswith("/") or "\\" in path or any(part in ("..", ".", "") for part in path.split("/")):
        return False
    return any((exact and path == place.rstrip("/")) or path.startswith(place.rstrip("/") + "/") for place in places)


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _forward(root: Path, move: Move) -> None:
    """Make `move`, or the rest of it; nothing when it is made already."""
    target, new, old = root / move.target, root / move.new, root / move.old
    if move.new and not _exists(new):
        return  # made already
    if _exists(target):
        if move.old:
            rename(target, old)
        elif target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif not move.new or target.is_symlink():
            target.unlink()  # else the new file replaces it in one rename
    if move.new:
        rename(new, target)


def _back(root: Path, move: Move) -> None:
    """Undo `move`, or what was made of it."""
    target, new, old = root / move.target, root / move.new, root / move.old
    if move.new and not _exists(new) and _exists(target):
        rename(target, new)
    if move.old and _exists(old) and not _exists(target):
        rename(old, target)


def rename(source: Path, target: Path) -> None:
    """One rename (a file replaces a file in one step); the one place the moves touch the disk, for tests."""
    Path(source).replace(target)
