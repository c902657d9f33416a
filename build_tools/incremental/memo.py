"""Results of pure steps kept between runs in one process, keyed by everything they read.

Under `mkdocs serve` the hook generates the pages again after every edit. Most
articles did not change, so parsing, linking and rendering them again would
give the same result: a step whose key (its inputs' bytes or frozen models) was
seen in the previous run returns that run's result. A step that reported a
problem is never kept, so every run reports every problem. Each run keeps only
the entries it used, so memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from build_tools.errors import Report

T = TypeVar("T")


class Memo:
    """A cache for one run, seeded from the run before."""

    def __init__(self) -> None:
        self.previous: dict[_Hashed, object] = {}
        self.current: dict[_Hashed, object] = {}
        self.hits = 0
        """How many steps this run were answered from the previous run (for tests and bench)."""

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

    def lookup(self, key: Hashable) -> tuple[bool, object]:
        """(True, the result) when `key` was computed this run or the last without problems, else (False, None)."""
        hashed = _Hashed(key)
        for kept in (self.current, self.previous):
            if hashed in kept:
                self.hits += 1
                self.current[hashed] = kept[hashed]
                return True, kept[hashed]
        return False, None

    def keep(self, key: Hashable, value: object) -> None:
        """Keep a result computed without problems, for this run and the next."""
        self.current[_Hashed(key)] = value

    @property
    def cold(self) -> bool:
        """True before the first run: nothing to reuse yet."""
        return not self.previous and not self.current

    def next_run(self) -> None:
        """Start a run: what the last run used becomes what this one may reuse."""
        self.previous, self.current, self.hits = self.current, {}, 0


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

    def lookup(self, key: Hashable) -> tuple[bool, object]:
        return False, None

    def keep(self, key: Hashable, value: object) -> None:
        pass

    @property
    def cold(self) -> bool:
        return False


KEPT = Memo()
"""The memo of a long-lived process (`mkdocs serve`). It lives here, not in the hook,
because MkDocs executes the hook file afresh on every rebuild."""

serving = False
"""Set by the MkDocs hook when the process is `mkdocs serve`: only then is KEPT used."""

NONE = NoMemo()
"""The memo of callers that do not keep one."""
