"""MkDocs kept in memory between edits: its config, files, navigation and theme, so that an edit rebuilds only
the pages it changed (MkDocs' own `--dirty` rebuild still collects every file, builds the navigation and reads
every page). This is the preview's only glue to MkDocs' internals (`mkdocs.commands.build`), pinned below 2.

A whole build goes to a new folder, which is served only once it is complete; a page rebuild renders every
changed page before writing any, so a failure leaves the last good site as it was.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.commands.build import _build_theme_template, _populate_page, build, get_context
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

from build_tools.write import write_file

log = logging.getLogger("build_tools.preview")


class _Captured(BasePlugin):
    """Keeps what a whole build made that a page rebuild needs again (registered last, so it sees the final
    navigation and theme environment)."""

    files = nav = env = None

    @event_priority(-1000)
    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    @event_priority(-1000)
    def on_env(self, env, config, files):
        self.env = env
        return env


class Warnings(logging.Handler):
    """The warnings MkDocs and its plugins log while it is attached: shown with the site's problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append(record.getMessage())


class Kept:
    """One MkDocs site held in memory and on disk (`folder`), rebuilt whole or page by page."""

    def __init__(self, config_file: Path, serve_url: str) -> None:
        self.config_file, self.serve_url = config_file, serve_url
        self.config = None
        self.captured = _Captured()
        self.folder: Path | None = None
        """The folder of the last complete site (served), None before the first."""
        self.retired: Path | None = None
        """The folder served before the last whole build: removed at the next (a request may still be reading
        from it)."""
        self.stale_index = False
        """True when pages were rebuilt since Pagefind last indexed the site (a whole build indexes it)."""
        self.entries: dict[str, str] = {}
        """Material's search entries of each page (by page URL), as the last build of that page made them, each
        page's already in JSON (`_encoded`): an edit encodes its pages' entries only."""

    def build_all(self) -> None:
        """Load the config and build the whole site into a new folder, served once complete."""
        folder = Path(tempfile.mkdtemp(prefix="archive-preview-")) / "site"  # beside it, Pagefind's scratch folders
        try:
            config = load_config(config_file=str(self.config_file), site_dir=str(folder), strict=True)  # as CI
            config.site_url = self.serve_url
            config.plugins.on_startup(command="serve", dirty=False)
            captured = _Captured()
            config.plugins["archive-preview"] = captured
            with _StrictWarnings(config.strict):
                build(config, serve_url=self.serve_url)
        except BaseException:
            _remove(folder)
            raise
        if self.retired is not None:
            _remove(self.retired)
        self.retired, self.folder, self.config, self.captured = self.folder, folder, config, captured
        search = _search(config)
        self.entries = _encoded(search.search_index.entries if search else [])

    def close(self) -> None:
        """Remove the served folder (the preview stops)."""
        for folder in (self.folder, self.retired):
            if folder is not None:
                _remove(folder)
        self.folder = self.retired = None

    def knows(self, page: str) -> bool:
        """True when the last whole build had the file `page` (relative to docs/)."""
        return self.config is not None and self.captured.files.get_file_from_path(page) is not None

    def rebuild(self, pages: Iterable[str]) -> bool:
        """Rebuild the pages (paths relative to docs/) in place; False when only a whole build will do: a page
        is new or gone, or the title of a page in the navigation changed (every page shows it)."""
        if self.config is None:
            return False
        files = self.captured.files
        found = [files.get_file_from_path(page) for page in sorted(set(pages))]
        if any(file is None for file in found):
            return False
        copied, found = [file for file in found if file.page is None], [file for file in found if file.page]
        titles = [file.page.title for file in found]
        anchors = [set(getattr(file.page, "present_anchor_ids", None) or ()) for file in found]
        search = _search(self.config)
        if search:
            search.search_index.entries = []
        with _StrictWarnings(self.config.strict):
            for file in found:
                _populate_page(file.page, self.config, files)
            in_nav = {id(page) for page in self.captured.nav.pages}
            if any(
                file.page.title != title and id(file.page) in in_nav for file, title in zip(found, titles, strict=True)
            ):
                return False  # every page's navigation shows the title
            pages = files.documentation_pages()  # a walk of every file: once, as MkDocs' build does
            outputs = [(file, self._render(file.page, pages)) for file in found]
            moved = [set(file.page.present_anchor_ids or ()) for file in found] != anchors
            checked = pages if moved else found  # links to a page's old anchors, elsewhere
            for file in checked:
                if file.page is not None:
                    file.page.validate_anchor_links(files=files, log_level=self.config.validation.links.anchors)
        for file, output in outputs:
            write_file(Path(file.abs_dest_path), output)
        for file in copied:  # feeds, references, annotations: published as they are
            write_file(Path(file.abs_dest_path), Path(file.abs_src_path).read_bytes())
        self.stale_index = True
        if search:  # a rebuilt page that has no entries now (`search: exclude`) has none in the index either
            fresh = _encoded(search.search_index.entries)
            for file in found:
                self.entries[file.page.url] = fresh.pop(file.page.url, "")
            self.entries.update(fresh)
        return True

    def _render(self, page, doc_files) -> bytes:
        """A page through the theme, as MkDocs' `_build_page` does, without writing it."""
        config, nav, env = self.config, self.captured.nav, self.captured.env
        config._current_page, page.active = page, True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
            return output.encode("utf-8", errors="xmlcharrefreplace")
        finally:
            config._current_page, page.active = None, False

    def refresh(self) -> None:
        """After the pages are shown: Material's search index with every page's latest entries (or, under
        Pagefind, its index made again), and the theme's own pages (the sitemap's dates, the 404 page)."""
        if self.config is None or self.folder is None:
            return
        search = _search(self.config)
        if search is not None:
            write_file(self.folder / "search" / "search_index.json", _search_index(search, self.entries).encode())
        env, files, nav = self.captured.env, self.captured.files, self.captured.nav
        for template in self.config.theme.static_templates:
            _build_theme_template(template, env, files, self.config, nav)
        if self.config.extra.get("search_engine") == "pagefind" and self.stale_index:  # `make serve SEARCH=pagefind`
            from build_tools.commands import search as engines

            engines.index_site(self.folder)
        self.stale_index = False


def _remove(folder: Path) -> None:
    """A site folder of the preview removed, with the temporary folder that holds it."""
    shutil.rmtree(folder.parent, ignore_errors=True)


def _search(config):
    """Material's search plugin of `config`, if enabled."""
    from material.plugins.search.plugin import SearchPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin
    return None


_JSON = json.JSONEncoder(separators=(",", ":"), default=str).encode
"""JSON as Material's search plugin writes its index (`SearchIndex.generate_search_index`)."""


def _encoded(entries: list) -> dict[str, str]:
    """Search entries by page URL, each page's in JSON, comma-separated. One entry at a time: a single call on the
    whole index (100 MB at 5,000 articles) held the interpreter for half a second, while the browsers' requests
    for the page just rebuilt waited."""
    pages: dict[str, list[str]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(_JSON(entry))
    return {page: ",".join(encoded) for page, encoded in pages.items()}


def _search_index(search, entries: dict[str, str]) -> str:
    """The search index Material writes for these entries (the same bytes: tested), from each page's JSON."""
    config = {key: search.search_index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    docs = ",".join(encoded for encoded in entries.values() if encoded)
    return f'{{"config":{_JSON(config)},"docs":[{docs}]}}'


class _StrictWarnings:
    """Under `strict`, a warning logged while building fails the build (as `mkdocs build --strict`)."""

    def __init__(self, strict: bool) -> None:
        self.strict, self.handler = strict, Warnings()

    def __enter__(self) -> Warnings:
        logging.getLogger("mkdocs").addHandler(self.handler)
        return self.handler

    def __exit__(self, kind, value, traceback) -> None:
        logging.getLogger("mkdocs").removeHandler(self.handler)
        if self.handler.found and (kind is not None or self.strict):
            raise SiteProblems(self.handler.found) from value


class SiteProblems(Exception):
    """Warnings that fail a strict build, each as MkDocs logged it."""

    def __init__(self, found: list[str]) -> None:
        super().__init__("\n".join(found))
        self.found = found
