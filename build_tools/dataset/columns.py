"""A table's columns, made from the field declarations: each column's Frictionless type and its cells.

A column is a declared field (`load.kinds.Field`) or one the build adds (a page's address). Its Frictionless field
descriptor is derived from the field's kind alone, through the JSON Schema fragment every kind already gives the
editors (`Kind.json`): a pattern and a set of choices become constraints, a list or mapping becomes an `array` or
`object` (in CSV, JSON text in the cell). A value becomes a cell by its kind too: text as it is, a date in ISO 8601
at its known precision, a list item by item, a mapping field by field (its model's attribute of the field's name).
So a field added to the declarations, or a kind added beside the others, reaches the dataset without another line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.load.kinds import DateKind, Field, Kind, RestrictedMarkdown, UrlKind
from build_tools.load.shapes import Either, ListOf, Record

Cell = Any
"""A cell: None, text, or a tuple of cells (a list), or a tuple of (name, cell) pairs (a mapping): hashable, so
that rows can be a page's memo key."""

CSV_ENCODING = "In CSV, the cell holds the value as JSON text (a JSON array or object)."
"""How a list or mapping is written in a CSV cell: the Frictionless `array`/`object` types' own lexical form."""


@dataclass(frozen=True)
class Column:
    """One column of a table: a declared field, or one the build adds (`made`)."""

    name: str
    """The column's name: the field's key as contributors write it."""
    field: Field
    """The declaration: its kind decides the type, its `doc` the description, `required` the constraint."""
    made: Callable[[Any], Any] | None = None
    """How the build makes the value from the row's model; None: the model's attribute of the column's name."""

    def value(self, model: Any) -> Any:
        """The typed value of this column for `model`."""
        return self.made(model) if self.made is not None else getattr(model, self.name, None)

    def cell(self, model: Any) -> Cell:
        """The cell of this column for `model`."""
        return cell_of(self.value(model), self.field.kind)

    def descriptor(self) -> dict:
        """The Frictionless (Table Schema v1) field descriptor."""
        return descriptor(self.field)


def underlying(kind: Kind) -> Kind:
    """The kind a wrapper applies (`Then`'s inner kind, `placeholders.Unfilled`'s kind), which decides the type."""
    while True:
        inner = getattr(kind, "inner", None) or getattr(kind, "kind", None)
        if not isinstance(inner, Kind):
            return kind
        kind = inner


def cell_of(value: Any, kind: Kind) -> Cell:
    """`value`, of the declared `kind`, as a cell (None stays None)."""
    if value is None:
        return None
    kind = underlying(kind)
    if isinstance(kind, ListOf):
        return tuple(cell_of(item, kind.item) for item in value)
    if isinstance(kind, Either):  # a scalar, or a mapping with a model: written as its scalar form
        return cell_of(value if isinstance(value, str) else getattr(value, "text", None), kind.scalar)
    if isinstance(kind, Record):
        return tuple((item.name, cell_of(_attribute(value, item.name), item.kind)) for item in kind.fields)
    iso = getattr(value, "iso", None)  # a date (`values.PublishedDate`, or any date kind that has an ISO form)
    return iso if isinstance(iso, str) else str(value)


RENAMED = {"role": "text"}
"""Fields whose model holds them under another name (a role's `role` is `Role.text`)."""


def _attribute(model: Any, name: str) -> Any:
    """The value of the field `name` in a mapping's model."""
    if hasattr(model, name):
        return getattr(model, name)
    return getattr(model, RENAMED.get(name, name), None)


def plain(cell: Cell, kind: Kind) -> Any:
    """A cell as JSON data: lists as arrays, mappings as objects."""
    if cell is None:
        return None
    kind = underlying(kind)
    if isinstance(kind, ListOf):
        return [plain(item, kind.item) for item in cell]
    if isinstance(kind, Record):
        kinds = {item.name: item.kind for item in kind.fields}
        return {name: plain(value, kinds[name]) for name, value in cell}
    return cell


def frictionless_type(kind: Kind) -> str:
    """The Frictionless type of a kind's values."""
    kind = underlying(kind)
    if isinstance(kind, Either):
        return frictionless_type(kind.scalar)
    if isinstance(kind, ListOf):
        return "array"
    if isinstance(kind, Record):
        return "object"
    if isinstance(kind, DateKind) and kind.full:
        return "date"  # only where a full date is required: others are known only to the year or month
    return "string"


def descriptor(field: Field) -> dict:
    """A declared field as a Frictionless field descriptor: name, type, format, description and constraints."""
    kind = underlying(field.kind)
    kind_type = frictionless_type(kind)
    made: dict[str, Any] = {"name": field.name, "type": kind_type}
    if isinstance(kind, UrlKind):
        made["format"] = "uri"
    description = field.doc
    if isinstance(kind, RestrictedMarkdown):
        description += " (Markdown, held to the archive's rules: no HTML)"
    if kind_type in ("array", "object"):
        description += f". {CSV_ENCODING}"
    if description:
        made["description"] = description
    constraints = _constraints(kind, kind_type)
    if field.required:
        constraints = {"required": True, **constraints}
    if constraints:
        made["constraints"] = constraints
    return made


def _constraints(kind: Kind, kind_type: str) -> dict:
    """What the kind's JSON Schema fragment says of a string's values, as Frictionless constraints (a pattern is
    matched whole there, so its anchors go)."""
    if kind_type != "string":
        return {}
    schema = kind.json
    found: dict[str, Any] = {}
    if "enum" in schema:
        found["enum"] = list(schema["enum"])
    if "pattern" in schema and not isinstance(kind, UrlKind):
        found["pattern"] = schema["pattern"].removeprefix("^").removesuffix("$")
    return found
