"""`python -m build_tools serve` (`make serve`): an edit-driven preview.

- `watch`: an inotify watcher that names every changed path at once, and which of them matter;
- `site`: MkDocs kept in memory (config, files, nav, theme), so an edit rebuilds only the pages it changed;
- `server`: MkDocs' live-reload server driven by those, serving the last good site and showing a broken source's
  problems in the browser;
- `run`: the loop: generation given the changed paths, the pages rebuilt, the browser reloaded, then search data
  and bookkeeping.
"""

from __future__ import annotations

from build_tools.preview.run import serve

__all__ = ["serve"]
