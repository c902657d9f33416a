"""The preview's loop: each batch of changed paths is generated (only what they touch), rebuilt in MkDocs (only
the pages generation changed, or the whole site when its shape changed), shown, and then, once saves stop for a
moment (`server.AFTER_QUIET`), search data, the sitemap and the citation store are brought up to date."""

from __future__ import annotations

import gc
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from build_tools import collector, pipeline
from build_tools.config import DOCS_DIR, MKDOCS_CONFIG
from build_tools.errors import BuildFailed
from build_tools.incremental import memo
from build_tools.preview.server import PreviewServer
from build_tools.preview.site import Kept, SiteProblems
from build_tools.preview.watch import Changes, reported, sort_changes, watched_places
from build_tools.progress import Progress
from build_tools.text import one_line
from build_tools.urls import ARCHIVE_INDEX, BRIEFINGS_INDEX, HOME

log = logging.getLogger("build_tools.preview")

NOTHING = "nothing changed"
"""What a rebuild shows when generation changed no page (the browsers are not reloaded)."""


class Preview:
    """One project previewed: its memo of generation steps, its MkDocs site and the server showing it."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = root.resolve()
        self.server = PreviewServer(self.root, host, port, site=lambda: self.site.folder)
        self.site = Kept(self.root / MKDOCS_CONFIG, self.server.url)
        self.server.rebuild, self.server.after = self.rebuild, self.after
        self.places = watched_places(self.root)
        self.unfinished: set[Path] = set()
        """The paths of batches that failed: part of every batch until one succeeds."""
        self.replaced = False
        """True after a whole build replaced the site kept in memory, until the old one's garbage is collected."""

    def start(self) -> None:
        """The first whole build (the pages generated, every step's result kept), then serve until stopped; a
        first build that fails shows its problems until a save fixes them."""
        memo.driven = True
        memo.KEPT.digests.forget((), reported(self.root))
        self._show(lambda: self._whole(Changes(frozenset(), frozenset(), True), generated=False), set())
        self.after()
        for place, recursive in self.places:
            if place.is_dir():  # docs/ as a whole: a folder added to it, or removed and made again, is seen
                self.server.watch(str(place), recursive=recursive)
        memo.KEPT.digests.listings.clear()  # listed before the watcher started: what changed meanwhile is seen
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl-C does: the served folder removed
        signal.signal(signal.SIGHUP, _interrupt)
        try:
            self.server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(number, signal.SIG_IGN)  # a second Ctrl-C does not cut the clean-up short
            self._settle()
            self.site.close()
            self.server.shutdown()

    def _settle(self) -> None:
        """On stopping, the citation store the last rebuild left to write (`after` may not have run yet); the
        search data and sitemap go with the served folder."""
        if self.server.problems:
            return
        try:
            pipeline.settle(memo.KEPT)
        except (BuildFailed, OSError) as failed:
            log.error(f"The citation store was not kept: {one_line(str(failed))}")

    def rebuild(self, paths: set[Path]) -> bool:
        """One batch of changes, with those of earlier batches that failed, made visible (or its problems shown);
        False when nothing in it can change the site."""
        paths = paths | self.unfinished
        for place, recursive in self.places:
            if place in paths and place.is_dir():  # removed and made again: its old watch went with it
                self.server.watch(str(place), recursive=recursive, again=True)
        changes = sort_changes(self.root, paths)
        if not changes.sources and not changes.docs:
            return False
        had_problems = bool(self.server.problems)
        shown = self._show(lambda: self._changed(changes), paths)
        return shown != NOTHING or had_problems  # a fix back to the last good site still takes the box away

    def _changed(self, changes: Changes) -> str:
        if changes.config or self.site.folder is None:
            return self._whole(changes, generated=False)
        written, removed = self._generate(changes)
        docs = self.root / DOCS_DIR
        hand = [page for page in changes.docs if (docs / page).exists() or self.site.knows(page)]  # not a scratch file
        if removed or any(not (docs / page).is_file() for page in hand):
            return self._whole(changes, generated=True)
        pages = sorted({*written, *hand, *_shown_elsewhere(written)})
        if not pages:
            return NOTHING
        if not self.site.rebuild(pages):
            return self._whole(changes, generated=True)
        return f"{len(pages)} page{'s' if len(pages) != 1 else ''} rebuilt"

    def _show(self, rebuild: Callable[[], str], paths: set[Path]) -> str | None:
        """Run a rebuild and say what it showed; its problems, or a crash of MkDocs or a plugin, are shown over the
        last good site (None), and its paths are kept for the next batch. Never raises."""
        started = time.perf_counter()
        try:
            with collector.collector_paused():  # a full collection would walk the memo and the site kept in memory
                shown = rebuild()
        except (BuildFailed, SiteProblems) as failed:
            self._failed(str(failed), paths)
            return None
        except Exception as failed:
            self._failed(f"{type(failed).__name__}: {failed}", paths)
            return None
        self.server.problems, self.unfinished = [], set()
        log.info(f"Visible in {time.perf_counter() - started:.2f} s: {shown}")
        return shown

    def _generate(self, changes: Changes) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Generation with the changed sources named; the pages it wrote and removed (relative to docs/)."""
        memo.KEPT.digests.forget(changes.sources, reported(self.root))
        if not changes.sources and memo.KEPT.pages:
            return (), ()
        started = time.perf_counter()
        progress = Progress(emit=log.info if not memo.KEPT.pages else log.debug)  # a first build's is long
        result = pipeline.generate(self.root, progress=progress, memo=memo.KEPT)
        log.info(f"Generated in {time.perf_counter() - started:.2f} s: {len(result.written)} written")
        return result.written, result.removed  # converted pages left out (`write.pages_only`)

    def _whole(self, changes: Changes, generated: bool) -> str:
        """The whole site built again, into a new folder (after generation, unless `generated`)."""
        if not generated:
            self._generate(changes)
        self.site.build_all()
        self.replaced = True
        return "the whole site"

    def _failed(self, problems: str, paths: set[Path]) -> None:
        self.server.problems = problems.splitlines() or ["the build failed"]
        self.unfinished = set(paths)
        shown = "still shows the last good site" if self.site.folder is not None else "has no site to show yet"
        lines = "\n".join(one_line(line) for line in self.server.problems)  # contributed text: one line each
        log.error(f"The preview {shown}; the problems:\n{lines}")

    def after(self) -> None:
        """Once the pages are shown: search data, the sitemap, then the citation store."""
        if self.replaced:  # the old site died while the collector was paused: it would stay, whole build after build
            self.replaced = False
            gc.collect()
        if self.server.problems:
            return
        try:
            self.site.refresh()
            pipeline.settle(memo.KEPT)
        except (BuildFailed, SiteProblems, OSError) as failed:
            self._failed(str(failed), set())


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(root: Path, address: str) -> None:
    """`make serve`: preview the site at `address` (host:port) until interrupted."""
    host, _, port = address.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    Preview(root, host or "127.0.0.1", int(port)).start()


def _shown_elsewhere(written: Iterable[str]) -> tuple[str, ...]:
    """Hand-written pages that show what a generated page carries: the home page lists the newest articles and the
    briefings from the front matter of the archive index and of the index of briefings (render/home.py), so it is
    rebuilt with either."""
    return (HOME,) if ARCHIVE_INDEX in written or BRIEFINGS_INDEX in written else ()
