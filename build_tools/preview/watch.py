"""The preview's file watcher: inotify (watchdog's native observer), reporting each changed path at once.

MkDocs' own server polls every half second and only says that something changed; the preview needs the paths,
so that generation redoes only what they touch (`incremental.memo.Digests`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from build_tools.config import ARTICLES_DIR, DOCS_DIR, GENERATED_DIRS, MKDOCS_CONFIG, TEMPLATES_DIR
from build_tools.incremental.inputs import REGISTER_FILES

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
    the articles, the templates and every hand-written folder of docs/ (not the generated ones, which the
    preview writes)."""
    docs = root / DOCS_DIR
    places = [(root, False), (root / ARTICLES_DIR, False), (root / TEMPLATES_DIR, True), (docs, False)]
    hand = sorted(child for child in docs.iterdir() if child.is_dir() and child.name not in GENERATED_DIRS)
    return places + [(child, True) for child in hand if not child.is_symlink()]


def sort_changes(root: Path, paths: Iterable[Path]) -> Changes:
    """The changed paths the watcher reported, sorted (`Changes`); paths nothing reads are dropped."""
    sources, docs, config = set(), set(), False
    for path in paths:
        rel = path.relative_to(root)
        top = rel.parts[0] if rel.parts else ""
        if rel == Path(MKDOCS_CONFIG) or rel.is_relative_to(THEME_DIR):
            sources.add(path)
            config = True
        elif top in (ARTICLES_DIR, TEMPLATES_DIR) or rel.as_posix() in REGISTER_FILES:
            sources.add(path)
        elif any(part.startswith(".") for part in rel.parts[1:]) and top == DOCS_DIR:
            continue  # an editor's swap or temporary file: MkDocs publishes no dot file
        elif top == DOCS_DIR and len(rel.parts) > 1 and rel.parts[1] not in GENERATED_DIRS:
            docs.add(rel.relative_to(DOCS_DIR).as_posix())
            if not (path.suffix == ".md" and path.is_file()):
                sources.add(path)  # not a page's text: a file added or removed, which a link may name
    return Changes(frozenset(sources), frozenset(docs), config)


class Seen(FileSystemEventHandler):
    """Hands every path an event names (both ends of a move) to `note`; a folder's own modification (a file in it
    changed, which its own event reports) is left out."""

    def __init__(self, note: Callable[[Iterable[Path]], None]) -> None:
        self.note = note

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type == "modified":
            return
        if event.event_type in ("opened", "closed_no_write"):
            return
        ends = [event.src_path, getattr(event, "dest_path", "")]
        self.note(Path(str(end)) for end in ends if end)
