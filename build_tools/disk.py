"""The file system, as hostile input meets it: only regular files are read, and every failure is a problem.

A pull request can put anything in the checkout: a symlink to `/dev/zero` or to a file
outside it, a named pipe, a folder where a file belongs. Every file the build reads
goes through `read_regular`, which looks at what the path is before opening it (never
following a link), opens it so that a link or a pipe cannot be swapped in meanwhile,
and reads no more than a stated limit. A failure of the disk itself (full, read-only,
a name too long, no permission) becomes one `SourceError` naming the path and the fix.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from build_tools.config import MAX_ID_LENGTH
from build_tools.errors import BuildFailed, SourceError

RECORD_LIMIT = 256_000_000
"""The most a generated page or a record of the build (the manifest, the citation store) is read: about
10 kB an article at the scale of 10,000 articles, with room to spare."""
DIGEST_LIMIT = 64_000_000
"""The most a file read only to tell whether it changed (a source, a template, the build's own code) is read."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegular(OSError):
    """The path is something other than a regular file (its `kind` says what), or is larger than allowed."""

    def __init__(self, path: Path, kind: str, size: int | None = None) -> None:
        super().__init__(0, f"it is {kind}", str(path))
        self.kind, self.size = kind, size


def kind_of(mode: int) -> str:
    """What a file mode describes, in words: "" for a regular file, else "a symbolic link", "a device"..."""
    if stat.S_ISREG(mode):
        return ""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


def entry_kind(path: Path) -> str | None:
    """What `path` is, without following a link ("" for a regular file), or None when nothing is there."""
    try:
        return kind_of(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def listing(folder: Path) -> dict[str, str]:
    """What each entry of `folder` is (`entry_kind`: "" for a regular file), by name; links are not followed."""
    found = {}
    for path in folder.iterdir():
        kind = entry_kind(path)
        if kind is not None:  # gone since the folder was read
            found[path.name] = kind
    return found


def entries(folder: Path, skip: Collection[str] = ()) -> Iterator[tuple[Path, str]]:
    """(path, what it is: "" for a regular file) of everything under `folder` but the real folders in it, which
    are walked (those named in `skip`, at the top, are not), in name order; a link is listed, never followed."""
    for rel, kind in relative_entries(folder, skip):
        yield folder / rel, kind


def relative_entries(folder: Path, skip: Collection[str] = ()) -> Iterator[tuple[str, str]]:
    """`entries`, each as its path relative to `folder` (`a/b.md`): one directory read per folder, and a stat
    only for what the directory entry does not say is a regular file."""
    if entry_kind(folder) != "a folder":
        return
    yield from _walk(str(folder), "", skip)


def _walk(top: str, prefix: str, skip: Collection[str]) -> Iterator[tuple[str, str]]:
    with os.scandir(top) as found:
        listed = sorted(found, key=lambda entry: entry.name)
    for entry in listed:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if not (not prefix and entry.name in skip):
                yield from _walk(entry.path, rel + "/", ())
        elif entry.is_file(follow_symlinks=False):
            yield rel, ""
        else:
            yield rel, kind_of(entry.stat(follow_symlinks=False).st_mode)


def size_and_time(path: Path) -> list[int] | None:
    """[size, modification time in ns] of a file (a link's own, not what it leads to), or None if there is none."""
    try:
        result = os.lstat(path)
    except OSError:
        return None
    return [result.st_size, result.st_mtime_ns]


def text_hash(text: str | bytes) -> str:
    """The SHA-256 of a page or record (text as UTF-8), in hex: what the manifest, the staged pages and the
    converted pages' records compare."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, only if it is a regular file (a link is not followed) of at most `limit` bytes.

    Checked before reading, and again on the open file; raises NotRegular, FileNotFoundError or OSError."""
    with _opened_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotRegular(path, "too large", len(data))
    return data


def read_first_line(path: Path, limit: int) -> bytes:
    """The first line of `path` (its line break included), as `read_regular` would read the file: the rest of the
    file is not read."""
    with _opened_regular(path, limit) as handle:
        return handle.readline(limit)


@contextmanager
def _opened_regular(path: Path, limit: int) -> Iterator:
    """`path` open for reading, only if it is a regular file (a link is not followed) of at most `limit` bytes."""
    kind = kind_of(os.lstat(path).st_mode)
    if kind:
        raise NotRegular(path, kind)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        opened = os.fstat(descriptor)
        if kind_of(opened.st_mode):
            raise NotRegular(path, kind_of(opened.st_mode))
        if opened.st_size > limit:
            raise NotRegular(path, "too large", opened.st_size)
        yield handle


def digest(path: Path) -> bytes | None:
    """A short hash of a regular file's bytes, for memo keys and the manifest; None when it is not one (a
    link, a pipe, a device, a folder, missing, unreadable or larger than `DIGEST_LIMIT`), which the checks
    report."""
    try:
        return hashlib.blake2b(read_regular(path, DIGEST_LIMIT), digest_size=16).digest()
    except OSError:
        return None


_PROBLEMS = {
    errno.ENOSPC: ("the disk is full", "free some space on the disk, then run it again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space in your quota, then run it again"),
    errno.EROFS: ("the file system is read-only", "build in a checkout you can write to"),
    errno.EACCES: ("permission denied", "make the folder and its files writable (and readable) by you"),
    errno.EPERM: ("the operation is not permitted", "make the folder and its files yours, or writable by you"),
    errno.ENAMETOOLONG: (
        "the path is too long for the file system",
        f"shorten the name (ids and slugs are at most {MAX_ID_LENGTH} characters) or build in a shorter folder path",
    ),
    errno.EXDEV: ("the files are on different disks", "keep the whole checkout on one file system"),
}


def problem(error: OSError, root: Path, doing: str) -> SourceError:
    """A disk failure as one problem: the path (relative to `root` where it is inside), what failed and why,
    and how to fix it."""
    path = Path(error.filename) if error.filename else root
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        shown = str(path)
    said, hint = _PROBLEMS.get(error.errno or 0, (error.strerror or str(error), "check the disk and the folder"))
    return SourceError(shown, None, f"could not {doing}: {said}", hint)


@contextmanager
def reported(root: Path, doing: str) -> Iterator[None]:
    """A failure of the disk inside is raised as BuildFailed with one problem (see `problem`), no traceback."""
    try:
        yield
    except OSError as error:
        raise BuildFailed((problem(error, root, doing),)) from None
