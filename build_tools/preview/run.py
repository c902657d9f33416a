"""The preview's loop: each batch of changed paths is generated (only what they touch), rebuilt in MkDocs (only
the pages generation changed, or the whole site when its shape changed), shown, and then search data and the
records for later runs are brought up to date."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from build_tools import pipeline
from build_tools.config import DOCS_DIR, MKDOCS_CONFIG
from build_tools.convert.sidecar import is_sidecar
from build_tools.errors import BuildFailed
from build_tools.incremental import memo
from build_tools.preview.server import PreviewServer
from build_tools.preview.site import Kept, SiteProblems
from build_tools.preview.watch import Changes, sort_changes, watched_places
from build_tools.progress import Progress

log = logging.getLogger("build_tools.preview")


class Preview:
    """One project previewed: its memo of generation steps, its MkDocs site and the server showing it."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = root.resolve()
        self.server = PreviewServer(host, port, site=lambda: self.site.folder)
        self.site = Kept(self.root / MKDOCS_CONFIG, self.server.url)
        self.server.rebuild, self.server.after = self.rebuild, self.after
        self.places = watched_places(self.root)

    def start(self) -> None:
        """The first whole build (the pages generated, every step's result kept), then serve until stopped; a
        first build that fails shows its problems until a save fixes them."""
        memo.driven = True
        memo.KEPT.digests.forget((), [place for place, _ in self.places])
        self._show(lambda: self._whole(Changes(frozenset(), frozenset(), True), first=True))
        self.after()
        self._watch()
        try:
            self.server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            self.server.shutdown()
            self.site.close()

    def _watch(self) -> None:
        """Watch every place there is (again after a whole build: a folder of docs/ may have been added)."""
        self.places = watched_places(self.root)
        for place, recursive in self.places:
            if place.is_dir():
                self.server.watch(str(place), recursive=recursive)

    def rebuild(self, paths: set[Path]) -> None:
        """One batch of changes, made visible (or its problems shown)."""
        changes = sort_changes(self.root, paths)
        if changes.sources or changes.docs:
            self._show(lambda: self._changed(changes))

    def _changed(self, changes: Changes) -> str:
        shown = self._pages(changes) if not changes.config and self.site.folder is not None else None
        if shown is None:
            self._whole(changes)
            self._watch()
        return shown or "the whole site"

    def _show(self, rebuild: Callable[[], str]) -> None:
        """Run a rebuild; its problems, or a crash of MkDocs or a plugin, are shown over the last good site.
        Never raises."""
        started = time.perf_counter()
        try:
            shown = rebuild()
        except (BuildFailed, SiteProblems) as failed:
            self._failed(str(failed))
            return
        except Exception as failed:
            self._failed(f"{type(failed).__name__}: {failed}")
            return
        self.server.problems = []
        log.info(f"Visible in {time.perf_counter() - started:.2f} s: {shown}")

    def _pages(self, changes: Changes) -> str | None:
        """Generation for the changed sources, then only the pages it changed rebuilt; None when the whole site
        must be built (pages added or removed, a title changed, files of docs/ added or removed)."""
        written, removed = self._generate(changes)
        docs = self.root / DOCS_DIR
        hand = [page for page in changes.docs if (docs / page).exists() or self.site.knows(page)]  # not a scratch file
        if removed or any(not (docs / page).is_file() for page in hand):
            return None
        pages = sorted({*written, *hand})
        if not pages:
            return "nothing changed"
        return f"{len(pages)} page{'s' if len(pages) != 1 else ''} rebuilt" if self.site.rebuild(pages) else None

    def _generate(self, changes: Changes) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not changes.sources:
            return (), ()
        memo.KEPT.digests.forget(changes.sources, [place for place, _ in self.places])
        started = time.perf_counter()
        result = pipeline.generate(self.root, progress=Progress(emit=log.debug), memo=memo.KEPT)
        log.info(f"Generated in {time.perf_counter() - started:.2f} s: {len(result.written)} written")
        return tuple(page for page in result.written if not is_sidecar(page)), result.removed

    def _whole(self, changes: Changes, first: bool = False) -> str:
        if first or self.site.folder is None:  # every page made, each step's result kept for the edits to come
            memo.KEPT.digests.forget(changes.sources, [place for place, _ in self.places])
            pipeline.generate(self.root, progress=Progress(emit=log.info), memo=memo.KEPT)
        elif changes.sources:
            self._generate(changes)
        self.site.build_all()
        return "the whole site"

    def _failed(self, problems: str) -> None:
        self.server.problems = problems.splitlines() or ["the build failed"]
        shown = "still shows the last good site" if self.site.folder is not None else "has no site to show yet"
        log.error(f"The preview {shown}; the problems:\n{problems}")

    def after(self) -> None:
        """Once the pages are shown: search data, then the records later runs read."""
        if self.server.problems:
            return
        try:
            self.site.write_search()
            pipeline.settle(memo.KEPT)
        except (BuildFailed, OSError) as failed:
            self._failed(str(failed))


def serve(root: Path, address: str) -> None:
    """`make serve`: preview the site at `address` (host:port) until interrupted."""
    host, _, port = address.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    Preview(root, host or "127.0.0.1", int(port)).start()
