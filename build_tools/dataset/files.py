"""The dataset's files: each table as CSV and JSON, the notes as JSON Lines and one Web Annotation collection.

Each file is its rows' texts joined (`dataset.rows`, which says how a row is written in each format): a CSV file
is a header row of the column names then a line a row; a JSON file an array of objects, one a line; a JSON Lines
file an object a line.
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

from .rows import Row, escaped
from .tables import Table


def csv_table(table: Table, rows: Iterable[Row]) -> str:
    """The table as CSV text."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow(column.name for column in table.columns)
    return out.getvalue() + "".join(row.csv for row in rows)


def json_table(table: Table, rows: Iterable[Row]) -> str:
    """The table as a JSON array of objects, one a line."""
    return json_array(row.json for row in rows)


def json_array(items: Iterable[str]) -> str:
    """A JSON array of items given as JSON text, one a line."""
    lines = ",\n".join(items)
    return f"[\n{lines}\n]\n" if lines else "[]\n"


def json_lines(table: Table, rows: Iterable[Row]) -> str:
    """The table as JSON Lines: one object a line."""
    return "".join(row.json + "\n" for row in rows)


NOTES_COLLECTION = "data/notes.jsonld"
"""Every note of the archive as one W3C Web Annotation collection."""


def annotation_line(note: AnchoredNote, slug: str) -> str:
    """A note as one line of JSON: the very object its article's own collection holds (`render.web_annotations`)."""
    return escaped(json.dumps(web_annotations.annotation(note, slug), ensure_ascii=False, separators=(",", ":")))


_ITEMS = "\x00"
"""Where the collection's items go in its frame, which holds no contributed text (JSON writes it `\\u0000`)."""


def notes_collection(items: tuple[str, ...]) -> str:
    """Every article's notes, article by article, as one AnnotationCollection whose items are given as lines of
    JSON (`annotation_line`), one a line, with the same ids as in their articles' collections."""
    address = identifiers.every_note()
    frame = json_document({
        "@context": web_annotations.CONTEXT,
        "id": address,
        "type": "AnnotationCollection",
        "label": f"Every note of {SITE_NAME}",
        "total": len(items),
        "first": {"id": f"{address}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": _ITEMS},
    })  # fmt: skip
    return frame.replace(json.dumps(_ITEMS), json_array(items).rstrip("\n"), 1)
