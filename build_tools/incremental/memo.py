"""Results of pure steps kept between runs in one process, keyed by everything they read.

Under `mkdocs serve` the hook generates the pages again after every edit. Most
articles did not change, so parsing, linking and rendering them again would
give the same result: a step whose key (its inputs' bytes or frozen models) was
seen in the previous run returns that run's result. A step that reported a
problem is never kept, so every run reports every problem. Each run keeps only
the entries it used, so memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from build_tools.disk import digest, entry_kind
from build_tools.disk import listing as disk_listing
from build_tools.errors import Report

if TYPE_CHECKING:
    from build_tools.incremental.reads import Kept
    from build_tools.registry import LinkCheck

T = TypeVar("T")


class Memo:
    """A cache for one run, seeded from the run before."""

    def __init__(self) -> None:
        self.previous: dict[_Hashed, object] = {}
        self.current: dict[_Hashed, object] = {}
        self.hits = 0
        """How many steps this run were answered from the previous run (for tests and bench)."""
        self.slots: dict[Hashable, tuple[int, object]] = {}
        self.last_slots: dict[Hashable, tuple[int, object]] = {}
        """Results kept by slot (`lookup`): this run's, and the last run's, with their key's hash."""
        self.digests = Digests()
        """The source files' hashes, kept between runs only while a watcher names every change (`Digests`)."""
        self.pages: dict[str, tuple[str, str]] = {}
        """Under a watcher, each page the last run left in docs/: its text and that text's hash."""
        self.links: tuple[LinkCheck, dict[str, tuple]] | None = None
        """The last link check without problems (`PageRegistry.check_links`), and each page's text and converted
        links it read: the next check reads and checks only what changed."""
        self.reads: Kept | None = None
        """Under a watcher, what each page of the last run read (`incremental.reads`): an edit reads again only the
        pages that read something it changed."""
        self.settle: Callable[[], None] | None = None
        """Under a watcher, the bookkeeping a run left for after its pages are shown (`pipeline.settle`)."""

    def get(self, key: Hashable, compute: Callable[[], T], report: Report | None = None) -> T:
        """The result of `compute()`, reused when `key` was computed before without problems."""
        found, value = self.lookup(key)
        if found:
            return value  # type: ignore[return-value]
        before = len(report.errors) if report is not None else 0
        value = compute()
        if report is None or len(report.errors) == before:
            self.keep(key, value)
        return value

    def lookup(self, key: Hashable, slot: Hashable = None) -> tuple[bool, object]:
        """(True, the result) when `key` was computed this run or the last without problems, else (False, None).

        With a `slot` (a page's path: one result per slot), the result kept in the slot is reused when its key
        hashes as `key` does. Keys are not compared field by field: a page read again builds its key anew, so its
        objects are new, and comparing them deeply cost more than rendering the two pages an edit changes. A
        false hit needs two keys of one page with the same 64-bit hash (strings are hashed with a key chosen per
        process; Python hashes the integers -1 and -2 alike); it could only show a stale page in the preview:
        builds keep no memo, only the preview's runs pass slots (`pipeline._render`), and they leave no record a
        build would trust (`generation._watched`; its first run, which does, has nothing to reuse)."""
        if slot is not None:
            hashed_key = hash(key)
            for slots in (self.slots, self.last_slots):
                found = slots.get(slot)
                if found is not None and found[0] == hashed_key:
                    self.hits += 1
                    self.slots[slot] = found
                    return True, found[1]
            return False, None
        hashed = _Hashed(key)
        for kept in (self.current, self.previous):
            value = kept.get(hashed, _ABSENT)  # one comparison of the key, not three
            if value is not _ABSENT:
                self.hits += 1
                self.current[hashed] = value
                return True, value
        return False, None

    def carry(self, slot: Hashable) -> None:
        """The result in `slot` kept for the next run, though this run did not look it up."""
        found = self.last_slots.get(slot)
        if found is not None:
            self.slots[slot] = found

    def keep(self, key: Hashable, value: object, slot: Hashable = None) -> None:
        """Keep a result computed without problems, for this run and the next (in `slot`, if given)."""
        if slot is not None:
            self.slots[slot] = (hash(key), value)
        else:
            self.current[_Hashed(key)] = value

    @property
    def cold(self) -> bool:
        """True before the first run: nothing to reuse yet."""
        return not self.previous and not self.current and not self.slots and not self.last_slots

    def next_run(self) -> None:
        """Start a run: what the last run used becomes what this one may reuse."""
        self.previous, self.current, self.hits = self.current, {}, 0
        self.last_slots, self.slots = self.slots, {}


_ABSENT = object()


class Digests:
    """Hashes of source files (`disk.digest`) for memo keys.

    A run hashes every source it reads, which at thousands of articles means reading them all again after every
    edit. A process whose file watcher reports every changed path (`python -m build_tools serve`) says so with
    `forget(paths)`: until the next call, a file hashed once is not read again. Without a watcher (`forget(None)`,
    or never called) every file is hashed each time it is asked for.
    """

    def __init__(self) -> None:
        self.known: dict[Path, bytes | None] = {}
        """The hash of each watched file asked for since the watcher last named it."""
        self.watching: tuple[Path, ...] = ()
        """The files and folders the caller's watcher watches (absolute); none: every file is hashed when asked."""
        self.listings: dict[Path, dict[str, str]] = {}
        """What each watched folder listed holds (`disk.listing`), kept up to date from the paths the watcher names."""
        self.links: dict[Path, bool] = {}
        """Whether each watched path asked for is a symbolic link, since the watcher last named it."""

    @property
    def watched(self) -> bool:
        """True while a watcher names every changed path of the sources."""
        return bool(self.watching)

    def of(self, path: Path) -> bytes | None:
        """The file's hash (None for anything but a regular file within the size limit)."""
        return self._kept(self.known, path, digest)

    def is_link(self, path: Path) -> bool:
        """True when `path` is a symbolic link (looked at again only when the watcher names it)."""
        return self._kept(self.links, path, Path.is_symlink)

    def listing(self, folder: Path) -> Mapping[str, str]:
        """What each entry of `folder` is, by name (`disk.listing`): under a watcher, listed once and then brought
        up to date with each path in it the watcher names (`forget`), not listed again after every edit."""
        return self._kept(self.listings, folder, disk_listing)

    def _kept(self, kept: dict[Path, T], path: Path, compute: Callable[[Path], T]) -> T:
        """`compute(path)`, from `kept` when there; kept there when `path` is under a watched place."""
        if path in kept:
            return kept[path]
        found = compute(path)
        if any(path.is_relative_to(place) for place in self.watching):
            kept[path] = found
        return found

    def forget(self, changed: Iterable[Path] | None, watching: Iterable[Path] = ()) -> None:
        """The files `changed` (absolute paths, as the watcher saw them under `watching`) are hashed again; with
        None, every file is, each time, from now on (no watcher)."""
        if changed is None:
            self.known.clear()
            self.listings.clear()
            self.links.clear()
            self.watching = ()
            return
        self.watching = tuple(watching)
        for path in changed:
            kind = entry_kind(path)
            if path in self.listings or kind == "a folder":  # a folder moved in or away: nothing in it is known
                self._forget_within(path)
            self.known.pop(path, None)
            self.links.pop(path, None)
            self.listings.pop(path, None)  # the folder itself: removed, replaced or made again
            listed = self.listings.get(path.parent)
            if listed is not None:
                if kind is None:
                    listed.pop(path.name, None)
                else:
                    listed[path.name] = kind

    def _forget_within(self, folder: Path) -> None:
        """Everything kept of the paths in `folder`: a watcher that sees a folder replaced whole (`mv new articles`)
        names the folder, not each file in it."""
        for kept in (self.known, self.links, self.listings):
            for path in [path for path in kept if path.is_relative_to(folder)]:
                del kept[path]


class _Hashed:
    """A key hashed once: page keys hold long tuples (every article of a list), which Python hashes anew
    on every dictionary operation."""

    __slots__ = ("hash", "key")

    def __init__(self, key: Hashable) -> None:
        self.key, self.hash = key, hash(key)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashed) and self.hash == other.hash and self.key == other.key


class NoMemo(Memo):
    """For one-off runs (the command line, tests): computes every step."""

    def lookup(self, key: Hashable, slot: Hashable = None) -> tuple[bool, object]:
        return False, None

    def keep(self, key: Hashable, value: object, slot: Hashable = None) -> None:
        pass

    @property
    def cold(self) -> bool:
        return False

    @property
    def links(self) -> None:  # type: ignore[override]
        """Never a last link check: every check is whole."""
        return None

    @links.setter
    def links(self, value: object) -> None:
        pass


KEPT = Memo()
"""The memo of a long-lived process (`mkdocs serve`). It lives here, not in the hook,
because MkDocs executes the hook file afresh on every rebuild."""

serving = False
"""Set by the MkDocs hook when the process is `mkdocs serve`: only then is KEPT used."""

driven = False
"""Set by `python -m build_tools serve` (`make serve`), which generates the pages itself, with the paths its watcher
saw change, before each MkDocs build it starts: the hook then only hands the pages over."""

NONE = NoMemo()
"""The memo of callers that do not keep one."""
