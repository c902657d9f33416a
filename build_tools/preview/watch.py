"""The preview's file watcher: inotify (watchdog's native observer), reporting each changed path at once.

MkDocs' own server polls every half second and only says that something changed; the preview needs the paths,
so that generation redoes only what they touch (`incremental.memo.Digests`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from build_tools.config import ARTICLES_DIR, BRIEFINGS_DIR, DOCS_DIR, GENERATED_DIRS, MKDOCS_CONFIG, TEMPLATES_DIR
from build_tools.incremental.inputs import REGISTER_FILES
from build_tools.load.folders import is_leftover
from build_tools.load.record import RECORD_FILE

THEME_DIR = Path(TEMPLATES_DIR) / "theme"
"""Material's overrides (mkdocs.yml's `custom_dir`): a change there reloads MkDocs' config and theme."""


@dataclass(frozen=True)
class Changes:
    """What the watcher saw change since the last rebuild, sorted by what it asks of the preview."""

    sources: frozenset[Path]
    """Changed paths that generation reads (articles, notes, registers, its templates, mkdocs.yml, and files of
    docs/ added or removed, which links may name)."""
    docs: frozenset[str]
    """Changed paths of docs/ outside the generated folders, relative to docs/ (`site.Kept.rebuild` sorts them)."""
    config: bool
    """True when mkdocs.yml or the theme changed: MkDocs' config and theme are loaded again."""


def watched_places(root: Path) -> list[tuple[Path, bool]]:
    """(folder, recursively) the preview watches: the project folder itself (for the registers and mkdocs.yml),
    the articles, the templates and docs/ (whose generated folders' events, the preview's own writes, are
    dropped by `relevant`)."""
    folders = [(root / ARTICLES_DIR, False), (root / BRIEFINGS_DIR, False)]
    return [(root, False), *folders, (root / TEMPLATES_DIR, True), (root / DOCS_DIR, True)]


def reported(root: Path) -> list[Path]:
    """The files and folders of which the watcher reports every change that generation reads (`Digests` keeps
    their hashes until it does): the registers and mkdocs.yml of the project folder, which is watched on its own
    level only, not its other files or its subfolders' (build_tools/, say), and the folders it watches whole."""
    return [root / name for name in (*REGISTER_FILES, RECORD_FILE, MKDOCS_CONFIG)] + [
        root / ARTICLES_DIR, root / BRIEFINGS_DIR, root / TEMPLATES_DIR, root / DOCS_DIR
    ]  # fmt: skip


def relevant(root: Path, path: Path) -> bool:
    """True when a change to `path` can change the site: a source generation reads (not an editor's leftovers in
    articles/, which the preview's generation passes over: `load.folders.is_leftover`), mkdocs.yml, the theme, or
    a file of docs/ outside the generated folders that is not a dot file (an editor's swap file: MkDocs
    publishes none)."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return False
    parts = rel.parts
    if not parts:
        return False
    if parts[0] in (ARTICLES_DIR, BRIEFINGS_DIR):
        return len(parts) == 1 or not is_leftover(parts[-1])  # an editor's swap file is read by nothing
    if parts[0] == TEMPLATES_DIR or rel.as_posix() in (*REGISTER_FILES, RECORD_FILE, MKDOCS_CONFIG):
        return True
    if parts[0] != DOCS_DIR or len(parts) < 2 or parts[1] in GENERATED_DIRS:
        return False
    return not any(part.startswith(".") for part in parts[1:])


def sort_changes(root: Path, paths: Iterable[Path]) -> Changes:
    """The changed paths the watcher reported, sorted (`Changes`); paths nothing reads are dropped."""
    sources, docs, config = set(), set(), False
    for path in paths:
        if not relevant(root, path):
            continue
        rel = path.relative_to(root)
        if rel == Path(MKDOCS_CONFIG) or rel.is_relative_to(THEME_DIR):
            sources.add(path)
            config = True
        elif rel.parts[0] == DOCS_DIR:
            docs.add(rel.relative_to(DOCS_DIR).as_posix())
            if not (path.suffix == ".md" and path.is_file()):
                sources.add(path)  # not a page's text: a file added or removed, which a link may name
        else:
            sources.add(path)
    return Changes(frozenset(sources), frozenset(docs), config)


class Seen(FileSystemEventHandler):
    """Hands every relevant path an event names (both ends of a move) to `note`; a folder's own modification (a
    file in it changed, which its own event reports) is left out."""

    def __init__(self, root: Path, note: Callable[[list[Path]], None]) -> None:
        self.root, self.note = root, note

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        ends = [Path(str(end)) for end in (event.src_path, getattr(event, "dest_path", "")) if end]
        found = [end for end in ends if relevant(self.root, end)]
        if found:
            self.note(found)
