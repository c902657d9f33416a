"""`data/datapackage.json`: the dataset as a Frictionless Data Package (v1), its table schemas generated.

Each table is a tabular resource, its CSV file, with a Table Schema made from the field declarations
(`dataset.columns`); its JSON forms (and the notes' Web Annotation collection) are resources beside it.
Paths are relative to the package, which lives beside the files.
"""

from __future__ import annotations

from build_tools import config
from build_tools.escape import json_document

from .files import NOTES_COLLECTION
from .tables import TABLES, Table

FORMATS = {"csv": "text/csv", "json": "application/json", "jsonl": "application/jsonl"}
"""The tables' file formats and their media types."""
TABLE_FORMATS = {name: ("csv", "json", "jsonl") if name == "notes" else ("csv", "json") for name in TABLES}
"""The formats each table is written in: CSV, the tabular resource with the schema, then its JSON forms."""
JSON_FORMS = {
    "json": "the rows of the CSV table as a JSON array of objects, each value exactly as written (not defused)",
    "jsonl": "the rows of the CSV table as JSON Lines, one object a line, each value exactly as written",
}
"""What a table's JSON files hold. They are not described as tables: Frictionless tools read no table from an
empty JSON array or JSON Lines file, and a table of the archive may be empty (an archive without briefings), so
each is given `"type": "file"` (a property Data Package v1 allows, which frictionless-py reads as "not a table").
The tests check that they hold exactly the CSV table's rows."""

NAME = "briefing-archive"
DESCRIPTION = (
    "What the archive wrote about its articles, as tables: the articles' metadata (the texts are their outlets' "
    "and are not included), the notes on their words, the glossary, people and organisations, timeline events, "
    "briefings, and every correction the archive made to its own text. In CSV, a list or mapping is JSON text in its "
    "cell, and a text cell whose first character is = + - @ (or a tab or carriage return) has a ' before it so that "
    "no spreadsheet runs it as a formula (OWASP's advice against CSV injection); the JSON files hold every value "
    "exactly."
)


def schema(table: Table) -> dict:
    """The table's Frictionless Table Schema."""
    made: dict = {"fields": [column.descriptor() for column in table.columns]}
    made["primaryKey"] = list(table.primary_key) if len(table.primary_key) > 1 else table.primary_key[0]
    if table.foreign_keys:
        made["foreignKeys"] = [dict(key) for key in table.foreign_keys]
    return made


def resources() -> list[dict]:
    """Every file of the dataset as a resource: each table in each of its formats, then the notes' collection."""
    found = []
    for name, table in TABLES.items():
        found.append({
            "name": name, "title": table.title, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": FORMATS["csv"], "encoding": "utf-8", "schema": schema(table),
        })  # fmt: skip
        for form in TABLE_FORMATS[name][1:]:
            found.append({
                "name": f"{name}-{form}", "title": f"{table.title}: {JSON_FORMS[form]}", "path": f"{name}.{form}",
                "format": form, "mediatype": FORMATS[form], "encoding": "utf-8", "type": "file",
            })  # fmt: skip
    found.append({
        "name": "notes-jsonld",
        "title": "Notes on the articles' words, as one W3C Web Annotation collection",
        "path": NOTES_COLLECTION.removeprefix("data/"),
        "format": "jsonld",
        "mediatype": "application/ld+json",
        "encoding": "utf-8",
    })  # fmt: skip
    return found


def package() -> dict:
    """The package descriptor."""
    spdx, title, address = config.LICENCE
    return {
        "profile": "data-package",
        "name": NAME,
        "title": config.SITE_NAME,
        "description": DESCRIPTION,
        "homepage": config.site_url(),
        "licenses": [{"name": spdx, "path": address, "title": title}],
        "resources": resources(),
    }


def datapackage() -> str:
    """`data/datapackage.json` (JSON text)."""
    return json_document(package())
