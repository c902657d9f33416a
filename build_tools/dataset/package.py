"""`data/datapackage.json`: the dataset as a Frictionless Data Package (v1), its table schemas generated.

Each table is described twice, as its CSV and its JSON file, with one Table Schema made from the field declarations
(`dataset.columns`); the notes also as JSON Lines and as their Web Annotation collection (JSON-LD, not a table).
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
"""The formats each table is written in."""

NAME = "briefing-archive"
DESCRIPTION = (
    "What the archive wrote about its articles, as tables: the articles' metadata (the texts are their outlets' "
    "and are not included), the notes on their words, the glossary, people and organisations, timeline events and "
    "briefings. In CSV, a list or mapping is JSON text in its cell, and a text cell whose first character is = + - @ "
    "(or a tab or carriage return) has a ' before it so that no spreadsheet runs it as a formula (OWASP's advice "
    "against CSV injection); the JSON files hold every value exactly."
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
        for form in TABLE_FORMATS[name]:
            found.append({
                "name": name if form == "csv" else f"{name}-{form}",
                "title": table.title,
                "path": f"{name}.{form}",
                "profile": "tabular-data-resource",
                "format": form,
                "mediatype": FORMATS[form],
                "encoding": "utf-8",
                "schema": schema(table),
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
