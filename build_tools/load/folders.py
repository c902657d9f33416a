"""What may be in the folders the build reads, so that nothing in them is skipped without a word.

`articles/` holds articles (`<slug>.md`) and their notes (`<slug>.annotations.yml`),
as regular files, and nothing else: a notes file named `.annotations.yaml` or
`.annotation.yml`, an article saved as `.markdown`, a folder or an editor's leftover
would not be read, so each is a problem whose hint names the file it was likely meant
to be. The templates, the hand-written pages under `docs/` and `mkdocs.yml` are read
by the templates' loader and the engine, which follow links and open anything: each
must be a regular file (or a folder of them).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from pathlib import Path

from build_tools import config, disk
from build_tools.config import ANNOTATIONS_SUFFIX, ARTICLES_DIR, DOCS_DIR, GENERATED_DIRS, TEMPLATES_DIR
from build_tools.disk import entry_kind, listing, read_regular
from build_tools.errors import Report
from build_tools.load.sanitize import MAX_PARAGRAPH

ARTICLE_SUFFIX = ".md"
LEFTOVERS = ("~", ".swp", ".swo", ".bak", ".orig", ".rej", ".tmp")
"""Endings of editors' and merge tools' leftovers."""
TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text")
DATA_SUFFIXES = (".yml", ".yaml")
ENGINE_CONFIG = "mkdocs.yml"


Lister = Callable[[Path], Mapping[str, str]]
"""How a folder's entries are listed with what each is: `disk.listing`, or the preview's, kept while its watcher
names every change (`incremental.memo.Digests.listing`)."""


def article_files(root: Path, editing: bool = False, listed: Lister = listing) -> list[Path]:
    """Every `articles/*.md` that is not a folder, in name order (links and special files among them are
    refused when read, never opened); while `editing`, not an editor's leftover (`is_leftover`)."""
    return markdown_files(root / ARTICLES_DIR, editing, listed)


def markdown_files(folder: Path, editing: bool = False, listed: Lister = listing) -> list[Path]:
    """Every `*.md` of `folder` that is not a folder, in name order; while `editing`, not an editor's leftover."""
    if entry_kind(folder) != "a folder":
        return []
    return [
        folder / name
        for name, kind in sorted(listed(folder).items())
        if name.endswith(ARTICLE_SUFFIX) and not (editing and is_leftover(name)) and kind != "a folder"
    ]


def is_leftover(name: str) -> bool:
    """True for an editor's or merge tool's file (a swap file, a backup, Emacs' `#autosave#` and `.#lock`)."""
    return name.startswith((".", "#")) or name.lower().endswith(LEFTOVERS)


def check_articles_folder(root: Path, report: Report, editing: bool = False, listed: Lister = listing) -> None:
    """Every entry of `articles/` that is not an article or an article's notes file, and every notes file
    without its article. While `editing` (the preview), an editor's leftovers (`is_leftover`) are passed over:
    they come and go with every save; `make check` and the build report them."""
    folder = root / ARTICLES_DIR
    kind = entry_kind(folder)
    if kind not in (None, "a folder"):
        report.add(ARTICLES_DIR, None, f"is {kind}, not a folder", "make articles/ a plain folder of articles")
        return
    kinds = listed(folder) if kind else {}
    slugs = {name.removesuffix(ARTICLE_SUFFIX) for name in kinds if name.endswith(ARTICLE_SUFFIX)}
    for name in sorted(kinds):
        rel = f"{ARTICLES_DIR}/{name}"
        if editing and is_leftover(name):
            continue
        if kinds[name] == "a folder":
            report.add(rel, None, "is a folder; articles/ holds only files", "move its files into articles/ itself")
        elif name.endswith(ANNOTATIONS_SUFFIX):
            if name.removesuffix(ANNOTATIONS_SUFFIX) not in slugs:
                article = name.removesuffix(ANNOTATIONS_SUFFIX) + ARTICLE_SUFFIX
                report.add(rel, None, f"no article {article} for these annotations", "rename the file to match")
        elif not name.endswith(ARTICLE_SUFFIX):
            message = "is neither an article (<slug>.md) nor the notes of one (<slug>.annotations.yml): it is not read"
            report.add(rel, None, message, _intended(name, slugs))


def _intended(name: str, slugs: set[str]) -> str:
    """The hint for a stray file: the name it was likely meant to have."""
    lower, stem = name.lower(), name.split(".", 1)[0].lower()
    if lower.endswith(LEFTOVERS):
        return "delete it: it is an editor's or a merge tool's leftover"
    if stem and lower.endswith(DATA_SUFFIXES):
        article = f"articles/{stem}{ARTICLE_SUFFIX}"
        then = "" if stem in slugs else ", which does not exist yet: notes need their article beside them"
        return f"rename it to {stem}{ANNOTATIONS_SUFFIX}, the name of the notes of {article}{then}"
    if stem and lower.endswith(TEXT_SUFFIXES):
        return f"rename it to {stem}{ARTICLE_SUFFIX}"
    expected = [f"{slug}{suffix}" for slug in sorted(slugs) for suffix in (ARTICLE_SUFFIX, ANNOTATIONS_SUFFIX)]
    close = difflib.get_close_matches(name, expected, n=1)
    if close:
        return f"rename it to {close[0]}, or move it out of articles/"
    return "move it out of articles/, or delete it"


def check_other_inputs(root: Path, report: Report) -> None:
    """The templates, the hand-written part of docs/ and mkdocs.yml: regular files and folders only, each
    within the size of a source, and the hand-written pages' paragraphs within an article's limit (the engine
    parses them as it parses articles)."""
    for folder in (TEMPLATES_DIR, DOCS_DIR):
        kind = entry_kind(root / folder)
        if kind not in (None, "a folder"):
            _check_input(root, root / folder, kind or "a file", report)
        skip = GENERATED_DIRS if folder == DOCS_DIR else ()  # the build's own folders: see write.check_targets
        for path, kind in disk.entries(root / folder, skip):
            _check_input(root, path, kind, report)
    kind = entry_kind(root / ENGINE_CONFIG)
    if kind:
        report.add(ENGINE_CONFIG, None, f"is {kind}; the site is built only from regular files", "make it a file")


def _check_input(root: Path, path: Path, kind: str, report: Report) -> None:
    rel = path.relative_to(root).as_posix()
    if kind:
        hint = "copy the file itself here" if kind == "a symbolic link" else "replace it with a regular file"
        report.add(rel, None, f"is {kind}; the site is built only from regular files", hint)
    elif path.lstat().st_size > config.MAX_SOURCE_BYTES:
        report.add(rel, None, f"is over the {config.MAX_SOURCE_BYTES:,}-byte limit of a source", "split it")
    elif rel.startswith(f"{DOCS_DIR}/") and path.name.endswith(ARTICLE_SUFFIX):
        _check_paragraphs(root, path, report)


def _check_paragraphs(root: Path, page: Path, report: Report) -> None:
    """A hand-written page's blocks (text between blank lines) are within an article paragraph's limit."""
    try:
        text = read_regular(page, config.MAX_SOURCE_BYTES).decode("utf-8", "replace")
    except OSError:
        return  # reported above as not a regular file, or too large
    line = 1
    for block in text.split("\n\n"):
        if len(block) > MAX_PARAGRAPH:
            rel = page.relative_to(root).as_posix()
            report.add(rel, line, f"a paragraph of more than {MAX_PARAGRAPH:,} characters", "split it")
        line += block.count("\n") + 2
