"""MkDocs' live-reload server, driven by the preview: an inotify watcher that keeps the changed paths, a rebuild
loop that always ends by showing something (the new pages, or the last good site with the problems on top), and
the problems shown in every page the browser loads."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

from build_tools.escape import html_text
from build_tools.preview.watch import Seen

QUIET = 0.03
"""Seconds without a new event before a rebuild starts: an editor's save is several events within a few ms."""
AFTER_QUIET = 0.5
"""Seconds without a new change, after a rebuild was shown, before `after` brings search data, the sitemap and the
citation store up to date: a save that follows at once (an editor's autosave, a second fix) is shown first, not
held up by writing data for a page already replaced."""
AFTER_LONGEST = 5.0
"""Seconds `after` waits at most while saves keep coming (an autosave every second): then it runs before the next
rebuild (it also frees the memory of a site a whole build replaced)."""


class PreviewServer(LiveReloadServer):
    """Serves `site()` (the folder of the last complete build); `rebuild(paths)` runs on every batch of changes,
    `after()` once the browsers were told to reload and no change came for `after_quiet` seconds (or, while changes
    keep coming, before the next rebuild once it has waited `after_longest` seconds)."""

    def __init__(self, root: Path, host: str, port: int, site: Callable[[], Path | None], **kwargs) -> None:
        super().__init__(builder=lambda: None, host=host, port=port, root=os.devnull, **kwargs)
        self.project, self.site = root, site
        self.observer = Observer()  # inotify on Linux (MkDocs' own polls every half second)
        self.build_delay = QUIET
        self.after_quiet = AFTER_QUIET
        """Seconds without a change before `after` runs (`AFTER_QUIET`)."""
        self.after_longest = AFTER_LONGEST
        """Seconds `after` may wait while changes keep coming (`AFTER_LONGEST`)."""
        self.changed: set[Path] = set()
        self.problems: list[str] = []
        """What the last rebuild found wrong, shown on top of every page until a rebuild succeeds."""
        self.rebuild: Callable[[set[Path]], bool] = lambda paths: False
        """Runs a batch of changes; True when it showed something (the browsers are then told to reload)."""
        self.after: Callable[[], None] = lambda: None
        self.lock = threading.Lock()
        self.error_handler = self._error_page

    def watch(self, path: str, func: None = None, *, recursive: bool = True, again: bool = False) -> None:
        """Watch the folder `path`; `again`: once more, after it was removed and made again (the old watch is gone)."""
        path = str(Path(path).absolute())
        if again and path in self._watch_refs:
            with contextlib.suppress(KeyError, OSError):  # the watch may have gone with the folder
                self.observer.unschedule(self._watch_refs.pop(path))
            self._watched_paths.pop(path, None)
        if path not in self._watched_paths:
            self._watched_paths[path] = 1
            self._watch_refs[path] = self.observer.schedule(Seen(self.project, self._note), path, recursive=recursive)

    def _note(self, paths: Iterable[Path]) -> None:
        with self._rebuild_cond:
            self.changed.update(paths)
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _build_loop(self) -> None:
        owed = None  # when a rebuild that showed something left `after` to do
        while True:
            with self._rebuild_cond:
                wait = self.after_quiet if owed is not None else 0.25  # short waits: Ctrl-C is seen
                woken = self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=wait)
                if self._shutdown:
                    break
                if woken:
                    while self._rebuild_cond.wait(timeout=self.build_delay):
                        pass  # more events of the same save
                    changed, self.changed = self.changed, set()
                    self._wanted_epoch = round(time.monotonic() * 1000)
                    self._want_rebuild = False
            if owed is not None and (not woken or time.monotonic() - owed >= self.after_longest):
                owed = None
                self.after()
            if not woken:
                continue
            shown = self.rebuild(changed)  # never raises: a failure is kept in self.problems
            with self._epoch_cond:
                if not shown:  # nothing the site shows changed: no reload
                    self._wanted_epoch = self._visible_epoch
                self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()
            if shown and owed is None:
                owed = time.monotonic()

    def _serve_request(self, environ, start_response):
        folder = self.site()
        self.root = str(folder) if folder is not None else os.devnull
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        start = content.find(b"<body")
        start = content.find(b">", start) + 1 if start >= 0 else 0
        return content[:start] + problems_box(self.problems).encode("utf-8") + content[start:]

    def _error_page(self, code: int) -> bytes | None:
        folder = self.site()
        page = folder / f"{code}.html" if folder is not None else None
        body = page.read_bytes() if page is not None and page.is_file() else b"<!doctype html><body></body>"
        return self._inject_js_into_html(body, self._visible_epoch)


def problems_box(problems: list[str]) -> str:
    """The problems as a box on top of the page, every word escaped (they quote contributed text)."""
    items = "".join(f"<li><pre style='white-space:pre-wrap;margin:0'>{html_text(line)}</pre></li>" for line in problems)
    style = (
        "position:relative;z-index:10;margin:0;padding:1em;background:#fff3f3;color:#5c0000;"
        "border-bottom:3px solid #b00020;font:14px/1.4 system-ui,sans-serif"
    )
    return (
        f"<div role='alert' class='archive-preview-problems' style='{style}'>"
        "<strong>The preview could not be updated; it shows the last good site, if any. Fix these, and it "
        "reloads:</strong>"
        f"<ul style='margin:.5em 0 0;padding-left:1.2em'>{items}</ul></div>"
    )
