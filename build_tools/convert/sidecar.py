"""A converted page on disk, beside its Markdown, for the MkDocs hook to hand to MkDocs.

`docs/articles/talks.md` is converted into `docs/articles/.html/talks.html`: a first line
holding a sealed record (the page, a digest of the Markdown converted, the setting, the
title, the table of contents, the anchors its links name, a digest of the HTML), then the
HTML. MkDocs never publishes it (its name starts with a dot), and the hook uses it only
when this working copy sealed it (`incremental.trust`), for the very Markdown MkDocs is
about to convert, with the Markdown extensions MkDocs has: otherwise MkDocs converts the
page itself, as it would without this stage. The record is read when MkDocs reads the page;
the HTML only when MkDocs builds that page, checked against the record's digest, so MkDocs
never holds every page's content at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.config import GENERATED_DIRS
from build_tools.disk import RECORD_LIMIT, read_first_line, read_regular, text_hash
from build_tools.incremental.trust import Seal

if TYPE_CHECKING:
    from build_tools.convert.page import Converted

FOLDER = ".html"
"""The folder of converted pages inside each generated folder."""
RECORD = "converted"


def sidecar_path(page: str) -> str | None:
    """Where the converted page `page` (a path under docs/) is kept; None for a page the build does not make."""
    folder, _, rest = page.partition("/")
    if folder not in GENERATED_DIRS or not rest.endswith(".md"):
        return None
    return f"{folder}/{FOLDER}/{rest.removesuffix('.md')}.html"


def is_sidecar(rel: str) -> bool:
    """True for a path under docs/ where converted pages are kept."""
    parts = rel.split("/")
    folders = parts[2:-1]  # a page's own folders (`opcon/` of `glossary/opcon/2006.md`): never named `*.html`
    return (
        len(parts) > 2 and parts[0] in GENERATED_DIRS and parts[1] == FOLDER and rel.endswith(".html")
        and not any(name.endswith(".html") for name in folders)
    )  # fmt: skip


def page_count(paths: Iterable[str]) -> int:
    """How many of `paths` are pages (not converted pages kept beside them)."""
    return sum(1 for path in paths if not is_sidecar(path))


def sealed_sidecar(page: str, converted: Converted, signature: str, seal: Seal) -> str:
    """The file that hands `converted` to the hook: its sealed record, then its HTML."""
    anchors = [[link.target or page, link.anchor, link.href] for link in converted.links if link.anchor]
    content = {
        "page": page,
        "markdown": converted.markdown,
        "setting": signature,
        "title": converted.title,
        "toc": converted.toc,
        "ids": sorted(converted.ids),
        "anchors": anchors,
        "html": text_hash(converted.html),
    }
    record = json.dumps(seal.sealed(RECORD, content), sort_keys=True, ensure_ascii=False)
    return record + "\n" + converted.html


@dataclass(frozen=True)
class Content:
    """Where a converted page's content is read when MkDocs builds that page (so MkDocs never holds every page's
    content at once)."""

    path: Path
    """The file that holds it (`sidecar_path`, under docs/)."""
    digest: str
    """The hash of its HTML, as its sealed record gives it."""

    def html(self) -> str | None:
        """The page's content, read now; None when the file no longer holds the HTML its record sealed."""
        try:
            _, _, html = read_regular(self.path, RECORD_LIMIT).decode("utf-8").partition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        return html if text_hash(html) == self.digest else None


@dataclass(frozen=True)
class Handed:
    """A converted page as the hook hands it to MkDocs."""

    content: Content
    """Where its content is read."""
    toc: list
    """Its table of contents tokens (for `mkdocs.structure.toc.get_toc`)."""
    title: str | None
    """The text of its first `h1`, or None."""
    ids: frozenset[str]
    """The ids on it, for MkDocs' check of links to its anchors."""
    anchors: tuple[tuple[str, str, str], ...]
    """The anchors its links name: (file under docs/, anchor, link as written), for MkDocs' check of them."""


def open_sidecar(docs: Path, page: str, markdown: str, signature: str, seal: Seal) -> Handed | None:
    """The converted page `page`, if this working copy sealed one for exactly `markdown` (the page without
    its front matter) and the setting `signature`; None otherwise (MkDocs then converts the page itself). Only
    the record is read here; the HTML is checked against it when it is read (`Content.html`)."""
    path = sidecar_path(page)
    if path is None:
        return None
    try:
        content = seal.opened(RECORD, json.loads(read_first_line(docs / path, RECORD_LIMIT).decode("utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    wanted = {"page": page, "markdown": text_hash(markdown), "setting": signature}
    if content is None or any(content.get(key) != value for key, value in wanted.items()):
        return None
    anchors = tuple(tuple(item) for item in content["anchors"])
    toc, title, ids = json.loads(content["toc"]), content["title"], frozenset(content["ids"])
    return Handed(Content(docs / path, content["html"]), toc, title, ids, anchors)  # type: ignore[arg-type]
