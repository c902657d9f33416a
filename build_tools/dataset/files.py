"""The dataset's files: each table as CSV and JSON, the notes as JSON Lines and one Web Annotation collection.

CSV is written by the `csv` module (a cell is quoted when it holds a comma, a quote or a line break), UTF-8
with `\\n` line ends, a header row of the column names. A list or mapping is JSON text in its cell (the
Frictionless `array` and `object` types' form). A text cell that a spreadsheet would read as a formula (its first
character `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'` before it, as OWASP advises against CSV
injection: the JSON files hold every value exactly. JSON is written by `escape.json_document` (`<`, `>` and `&`
as escapes), each row an object with every column, in column order, a missing value as null.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from build_tools import identifiers
from build_tools.config import SITE_NAME
from build_tools.escape import json_document
from build_tools.link.models import AnchoredNote
from build_tools.render import web_annotations
from build_tools.values import Identifier

from .columns import Cell, plain
from .tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection")."""

Rows = tuple[tuple[Cell, ...], ...]


def defused(text: str) -> str:
    """A text cell that no spreadsheet runs as a formula: a `'` before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: object) -> str:
    """A cell's CSV text: a list or mapping as JSON; a text defused, its lines joined by spaces where it holds a
    carriage return (which the csv module does not quote under `\n` line ends: a reader taking CR for a line end
    would start a row inside the cell)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return defused(" ".join(str(value).splitlines()) if "\r" in str(value) else str(value))


def csv_table(table: Table, rows: Rows) -> str:
    """The table as CSV text."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(column.name for column in table.columns)
    kinds = [column.field.kind for column in table.columns]
    for row in rows:
        writer.writerow(_csv_cell(plain(cell, kind)) for cell, kind in zip(row, kinds, strict=True))
    return out.getvalue()


def records(table: Table, rows: Rows) -> list[dict]:
    """The rows as JSON objects, a key per column in column order."""
    columns = table.columns
    return [{col.name: plain(cell, col.field.kind) for col, cell in zip(columns, row, strict=True)} for row in rows]


def json_table(table: Table, rows: Rows) -> str:
    """The table as a JSON array of objects."""
    return json_document(records(table, rows))


def json_lines(table: Table, rows: Rows) -> str:
    """The table as JSON Lines: one object a line, escaped as `json_document` escapes."""
    lines = (json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in records(table, rows))
    text = "".join(line + "\n" for line in lines)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


NOTES_COLLECTION = "data/notes.jsonld"
"""Every note of the archive as one W3C Web Annotation collection."""


def notes_collection(notes: Iterable[tuple[Identifier, tuple[AnchoredNote, ...]]]) -> str:
    """Every article's notes, article by article, as one AnnotationCollection: each note the very object of its
    article's own collection (`render.web_annotations`), with the same id."""
    address = identifiers.every_note()
    items = [web_annotations.annotation(note, slug) for slug, placed in notes for note in placed]
    return json_document({
        "@context": web_annotations.CONTEXT,
        "id": address,
        "type": "AnnotationCollection",
        "label": f"Every note of {SITE_NAME}",
        "total": len(items),
        "first": {"id": f"{address}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    })  # fmt: skip
