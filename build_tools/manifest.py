"""What the last generation wrote: the digest of its inputs and a hash of each page.

Kept in `docs/articles/.generated.json`: MkDocs skips dot files, and inside a generated
folder it is not watched by `mkdocs serve`, so writing it never sets off another build.
With it, a run whose inputs did not change can prove the pages on disk are still its
own and stop early.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

NAME = "articles/.generated.json"


def _sha(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()


def unchanged_pages(docs: Path, digest: str) -> int | None:
    """Number of pages, if inputs and pages are as last recorded; None if anything differs."""
    try:
        recorded = json.loads((docs / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recorded.get("inputs") != digest:
        return None
    pages = recorded.get("pages", {})
    for rel, sha in pages.items():
        path = docs / rel
        if not path.is_file() or _sha(path.read_bytes()) != sha:
            return None
    return len(pages)


def record(docs: Path, digest: str, pages: Mapping[str, str]) -> None:
    """Remember the inputs' digest and what was written."""
    data = {"inputs": digest, "pages": {rel: _sha(text.encode("utf-8")) for rel, text in sorted(pages.items())}}
    (docs / NAME).parent.mkdir(parents=True, exist_ok=True)
    (docs / NAME).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
