"""Helpers to build a real site with MkDocs from a copy of the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.config import GENERATED_DIRS

GENERATED = GENERATED_DIRS  # the manifest is inside one of them


def copy_project(root: Path, *, sources: bool) -> Path:
    """Copy the site's code, config and hand-written pages (and, with `sources`, the real archive)."""
    root.mkdir(parents=True, exist_ok=True)
    for rel in ("mkdocs.yml", *(("glossary.yml", "people.yml", "timeline.yml") if sources else ())):
        shutil.copy2(REPO / rel, root / rel)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True, ignore=_generated)
    folders = ("build_tools", "templates") + (("articles",) if sources else ())
    for folder in folders:
        if not (root / folder).exists():
            shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def build_site(root: Path) -> Path:
    """`mkdocs build --strict` of `root` into root/site, through the project's hook."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    build(config)
    return root / "site"


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def indexed(site: Path, word: str) -> set[str]:
    """Locations (page part of the URL) whose search entries contain `word`."""
    return {doc["location"].split("#")[0] for doc in search_index(site) if word in doc["text"] or word in doc["title"]}


def _generated(folder: str, names: list[str]) -> list[str]:
    """Leave out the generated folders of docs/: the build makes them."""
    return [name for name in names if Path(folder) == REPO / "docs" and name in GENERATED]
