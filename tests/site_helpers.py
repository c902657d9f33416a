"""Helpers to build a real site with MkDocs from a copy of the project."""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import REPO
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.config import GENERATED_DIRS

GENERATED = GENERATED_DIRS  # the manifest is inside one of them


def copy_project(root: Path, *, sources: bool) -> Path:
    """Copy the site's code, config and hand-written pages (and, with `sources`, the real archive: its articles
    and briefings too)."""
    root.mkdir(parents=True, exist_ok=True)
    for rel in ("mkdocs.yml", *(("glossary.yml", "people.yml", "timeline.yml") if sources else ())):
        shutil.copy2(REPO / rel, root / rel)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True, ignore=_generated)
    folders = ("build_tools", "templates") + (("articles", "briefings") if sources else ())
    for folder in folders:
        if not (root / folder).exists():
            shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def build_site(root: Path) -> Path:
    """`mkdocs build --strict` of `root` into root/site, through the project's hook."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    build(config)
    return root / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served_site(root: Path, make: Callable[[Path], Path], **env: str) -> Iterator[str]:
    """The project `make(root)` returns, built with SITE_URL (and `env`, e.g. REPO_URL) set to where it is then
    served over HTTP; the environment as it was once built. Yields the site's address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root / "site")))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    settings = {"SITE_URL": url, **env}
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        build_site(make(root))
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def indexed(site: Path, word: str) -> set[str]:
    """Locations (page part of the URL) whose search entries contain `word`."""
    return {doc["location"].split("#")[0] for doc in search_index(site) if word in doc["text"] or word in doc["title"]}


def _generated(folder: str, names: list[str]) -> list[str]:
    """Leave out the generated folders of docs/: the build makes them."""
    return [name for name in names if Path(folder) == REPO / "docs" and name in GENERATED]


def entry_names() -> list[tuple[str, str]]:
    """(name as a reader would type it, the entry's page) for every name, expansion, Korean name and alias
    (weak ones too) of every glossary term, person and organisation, read from the sources."""
    import yaml

    found = []
    files = {"glossary.yml": ("terms",), "people.yml": ("people", "organisations")}
    for file, keys in files.items():
        data = yaml.safe_load((REPO / file).read_text(encoding="utf-8"))
        for key in keys:
            section = "glossary" if key == "terms" else key
            for entry in data.get(key) or []:
                names = [entry["name"], entry.get("expansion"), (entry.get("korean") or "").split(" (")[0]]
                names += [a if isinstance(a, str) else a["text"] for a in entry.get("aliases", [])]
                names += [a if isinstance(a, str) else a["text"] for a in entry.get("weak_aliases", [])]
                found += [(name, f"{section}/{entry['id']}/") for name in dict.fromkeys(n for n in names if n)]
    return found


FIRST_RESULT = """(expected) => {
  const urls = [...document.querySelectorAll('.md-search-result__list > li > a[href]')].map((a) => new URL(a.href));
  const pages = urls.filter((url) => !url.hash).map((url) => url.origin + url.pathname);  // not a page's sections
  return pages.length > 0 && pages[0] === expected && pages.filter((page) => page === expected).length === 1;
}"""
"""True when the first result is the page `expected` (whatever highlight query its link carries) and no
other result is that page again (its sections, links with an anchor, may follow it)."""


def check_entries_come_first(page, base_url: str) -> list[str]:
    """Type each entry name into the search box; the queries whose first result is not the entry's page."""
    page.goto(base_url)
    page.keyboard.press("/")
    box = page.locator(".md-search__input")
    missed = []
    for name, path in entry_names():
        box.fill(name)
        box.dispatch_event("keyup")
        try:
            page.wait_for_function(FIRST_RESULT, arg=base_url + path, timeout=10_000)
        except Exception:
            missed.append(f"{name!r} -> {path}")
    return missed
