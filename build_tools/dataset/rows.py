"""One row of a table, with its text in each of the table's formats, made once from its entry.

A row is made when its entry is first read and then kept with it (`render.context.Site.derived`): under `make
serve` the entries of unchanged sources are the very objects of the last run, so an edit makes again only the rows
of what it changed (and of entries made afresh each run: the corrections, which are few), and a file of the
dataset is written by joining texts already made. Writing a whole table again
after each edit cost a quarter of a second at a thousand articles.

CSV is written by the `csv` module (a cell is quoted when it holds a comma, a quote or a line break), UTF-8 with
`\\n` line ends. A list or mapping is JSON text in its cell (the Frictionless `array` and `object` types' form). A
text cell that a spreadsheet would read as a formula (its first character `=`, `+`, `-`, `@`, a tab or a carriage
return) gets a `'` before it, as OWASP advises against CSV injection: the JSON forms hold every value exactly. The
JSON form of a row is one line, an object with every column in column order (a missing value as null), with `<`,
`>` and `&` as escapes as `escape.json_document` writes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .columns import Cell, Column, plain

if TYPE_CHECKING:
    from .tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection")."""


@dataclass(frozen=True, eq=False)
class Row:
    """One row: its cells, which tell it apart from another row (equal cells, equal rows), and its texts."""

    cells: tuple[Cell, ...]
    """A cell per column: what a page's memo key holds of the row."""
    csv: str
    """The row as a line of CSV, its line end included."""
    json: str
    """The row as one line of JSON (an object), without a line end."""
    hashed: int = field(init=False, repr=False)
    """The cells' hash, made once: a table's memo key hashes every row of it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "hashed", hash(self.cells))

    def __hash__(self) -> int:
        return self.hashed

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Row) and self.hashed == other.hashed and self.cells == other.cells)


def row_of(table: Table, model: Any) -> Row:
    """The row of `table` for the entry `model`."""
    columns = table.columns
    cells = tuple(column.cell(model) for column in columns)
    return Row(cells, csv_line(columns, cells), json_line(columns, cells))


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


def csv_line(columns: Iterable[Column], cells: Iterable[Any]) -> str:
    """The row's cells as a line of CSV, written by the `csv` module."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(_csv_cell(plain(cell, column.field.kind)) for column, cell in zip(columns, cells, strict=True))
    return out.getvalue()


def json_line(columns: Iterable[Column], cells: Iterable[Cell]) -> str:
    """The row as one line of JSON, markup characters escaped."""
    record = {column.name: plain(cell, column.field.kind) for column, cell in zip(columns, cells, strict=True)}
    return escaped(json.dumps(record, ensure_ascii=False, separators=(",", ":")))


def escaped(text: str) -> str:
    """JSON text whose strings can hold no markup: `<`, `>` and `&` as \\u escapes (as `escape.json_document`)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
