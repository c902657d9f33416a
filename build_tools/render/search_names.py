"""What the search box needs to put an entry's page first: each entry's names, as readers type them.

`data/entries.json` lists every glossary term, person and organisation with the
address of its page, its title and tooltip, and the names a reader may type for it:
its name, expansion, Korean name and aliases (weak ones too), each folded as
`docs/javascripts/glossary-search.js` folds a query (NFKC, lower case, one space
between words). A query equal to one of them shows that entry's page first, in
Material's search and in Pagefind's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from build_tools import urls
from build_tools.entries import Entity, Term
from build_tools.escape import json_document


def fold(text: str) -> str:
    """A name or query as compared: NFKC, lower case, whitespace runs as one space (as the script does)."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def names(entry: Term | Entity) -> list[str]:
    """Every name of `entry` a reader may search for, folded, without repeats."""
    found = [entry.name, *(alias.text for alias in entry.aliases)]
    if isinstance(entry, Term):
        found += [entry.expansion or "", (entry.korean or "").split(" (")[0]]
    return sorted({fold(name) for name in found if name.strip()})


def _title(entry: Term | Entity) -> str:
    expansion = getattr(entry, "expansion", None)
    return f"{entry.name} ({expansion})" if expansion else str(entry.name)


def entry_names(entries: Iterable[Term | Entity]) -> str:
    """`data/entries.json`: {"entries": [{url, title, short, names}, ...]} (JSON text)."""
    rows = [
        {"url": urls.public_path(urls.entry(entry.section, entry.id)), "title": _title(entry),
         "short": str(entry.short), "names": names(entry)}
        for entry in entries
    ]  # fmt: skip
    return json_document({"entries": rows})
