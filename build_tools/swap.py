"""Putting a build's output in place all or nothing, whatever fails and whenever the build is killed.

The new pages and site are first made in full beside the old ones (a scratch folder,
or a temporary file next to each page). Then one journal is written, atomically: the
moves that put them in place. Writing it is the moment the build commits; each move is
then a rename, and the journal says where each one stands, so the moves can always be
finished, or, for a site swap, undone:

- a rename that fails (a disk error, a permission) undoes the moves already made, and
  the build fails with one problem; the old docs/ and site/ stand;
- a build killed at any moment leaves a journal: the next build finishes it first
  (`recover`), so docs/ and site/ are then all old or all new, never a mix;
- a scratch folder is locked by the build that owns it; `recover` removes every one
  whose build is gone.
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

from build_tools.config import DOCS_DIR, SCRATCH_PREFIX

JOURNAL = "journal.json"
"""A site swap's journal, in its scratch folder."""
PAGES_JOURNAL = "articles/.journal.json"
"""The journal of pages written in place (`write.write_pages`), relative to docs/."""


@dataclass(frozen=True)
class Move:
    """One step: `new` becomes `target`, and what was at `target` goes to `old` (paths relative to the root)."""

    target: str
    """Where the result belongs."""
    new: str = ""
    """Where the new content waits ("" to remove `target`)."""
    old: str = ""
    """Where the old content goes, so it can come back ("" when it is simply replaced or removed)."""


def commit(root: Path, journal: Path, moves: list[Move], *, undoable: bool) -> None:
    """Write the journal (the commit), make every move, then delete the journal.

    When a move fails, an undoable journal is undone (every earlier move reversed) and the error raised;
    if undoing fails too, or the moves cannot be undone, the journal stays for `recover`."""
    _write_journal(journal, moves, "forward")
    try:
        for move in moves:
            _forward(root, move)
    except OSError:
        if undoable:
            _write_journal(journal, moves, "back")
            for move in reversed(moves):
                _back(root, move)
            journal.unlink()
        raise
    journal.unlink()


def recover(root: Path) -> None:
    """Finish what killed or failed builds left: every journal completed in its direction, every scratch
    folder whose build is gone removed. Run before a build touches docs/ or site/."""
    pages = root / DOCS_DIR / PAGES_JOURNAL
    if pages.is_file() and not pages.is_symlink():
        _finish(root / DOCS_DIR, pages)
    for scratch in sorted(root.glob(SCRATCH_PREFIX + "*")):
        if scratch.is_dir() and not scratch.is_symlink():
            with _locked(scratch) as ours:
                if ours:
                    if (scratch / JOURNAL).is_file():
                        _finish(root, scratch / JOURNAL)
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


def _write_journal(journal: Path, moves: list[Move], direction: str) -> None:
    temporary = journal.with_name(journal.name + ".part")
    temporary.write_text(json.dumps({"direction": direction, "moves": [asdict(m) for m in moves]}), "utf-8")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    temporary.replace(journal)


def _finish(root: Path, journal: Path) -> None:
    """Complete a journal left behind, in the direction it names, then delete it."""
    try:
        found = json.loads(journal.read_text(encoding="utf-8"))
        moves = [Move(**move) for move in found["moves"]]
    except (OSError, ValueError, TypeError, KeyError):
        journal.unlink(missing_ok=True)  # never committed: the old state stands
        return
    for move in reversed(moves) if found.get("direction") == "back" else moves:
        (_back if found.get("direction") == "back" else _forward)(root, move)
    journal.unlink()


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def _forward(root: Path, move: Move) -> None:
    """Make `move`, or the rest of it; nothing when it is made already."""
    target, new, old = root / move.target, root / move.new, root / move.old
    if move.new and not _exists(new):
        return  # made already
    if _exists(target) and (not move.new or target.is_dir() or target.is_symlink()):
        if move.old:
            rename(target, old)
        elif target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
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
