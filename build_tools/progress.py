"""Progress for long runs: a line now and then while thousands of items go by.

Small runs stay silent (the one-line summary is enough). On a terminal the line
is rewritten in place; in a log (CI, `mkdocs serve`) a line is written at each
quarter of the way, so the log stays short.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

SHOW_FROM = 200
"""Runs with fewer items than this show no progress."""

EVERY_SECONDS = 0.5
"""On a terminal, the line is redrawn at most this often."""

LOG_STEPS = 4
"""In a log, a stage writes this many lines (one at each quarter)."""


class Progress:
    """Counts items through named stages and reports to a stream or a callback."""

    def __init__(self, stream: TextIO | None = None, emit: Callable[[str], None] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.emit = emit
        self.live = emit is None and self.stream.isatty()
        self.stage, self.total, self.done, self.shown_step, self.shown_at = "", 0, 0, 0, 0.0

    def start(self, stage: str, total: int) -> None:
        """Begin a stage of `total` items (e.g. "linking articles", 5000)."""
        self._end_line()
        self.stage, self.total, self.done, self.shown_step, self.shown_at = stage, total, 0, 0, 0.0
        if total >= SHOW_FROM and self.live:
            self._say(f"{stage}: 0/{total:,}")

    def advance(self, count: int = 1) -> None:
        """Count `count` more items done in the current stage."""
        self.done += count
        if self.total < SHOW_FROM:
            return
        if self.live:
            now = time.monotonic()
            if now - self.shown_at >= EVERY_SECONDS or self.done >= self.total:
                self.shown_at = now
                self._say(f"{self.stage}: {self.done:,}/{self.total:,}")
            return
        step = self.done * LOG_STEPS // self.total
        if step > self.shown_step:
            self.shown_step = step
            self._say(f"{self.stage}: {self.done:,}/{self.total:,}")

    def finish(self) -> None:
        """End the current line (on a terminal), before the summary is printed."""
        self._end_line()

    def _say(self, text: str) -> None:
        if self.emit is not None:
            self.emit(text)
        elif self.live:
            self.stream.write(f"\r\033[K{text}")
            self.stream.flush()
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def _end_line(self) -> None:
        if self.live and self.total >= SHOW_FROM:
            self.stream.write("\n")
            self.stream.flush()
            self.total = 0


SILENT = Progress(emit=lambda text: None)
"""A Progress that shows nothing (tests and library callers)."""
