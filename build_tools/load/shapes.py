"""Kinds made of kinds: lists, mappings of fields, and values of either of two shapes."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.load.kinds import Field, Kind, Where
from build_tools.load.strict_yaml import YamlList, YamlMap


@dataclass(frozen=True)
class ListOf(Kind):
    """A YAML list whose items are each of kind `item`."""

    item: Kind
    min_items: int = 0
    entries: bool = False
    """True for a file's list of entries: each stands alone, so the valid ones are kept (the others are
    reported) and checked further in the same run. Otherwise one invalid item makes the list invalid."""
    max_items: int | None = None
    """The most items allowed, where a page grows with them (an article's tags: one heading each)."""

    @property
    def json(self) -> dict:
        most = {"maxItems": self.max_items} if self.max_items is not None else {}
        return {"type": "array", "minItems": self.min_items, **most, "items": self.item.json}

    def read(self, value: Any, line: int, where: Where) -> tuple | None:
        if not isinstance(value, YamlList):
            where.error(line, "expected a list here", "write one `- item` per line")
            return None
        if len(value) < self.min_items:
            where.error(line, f"the list needs at least {self.min_items} item(s)")
            return None
        if self.max_items is not None and len(value) > self.max_items:
            where.error(
                line, f"the list has {len(value)} items, over {self.max_items}", "keep the ones that matter most"
            )
            return None
        items = [self.item.read(item, at, where) for item, at in zip(value, value.item_lines, strict=True)]
        if self.entries:
            return tuple(item for item in items if item is not None)
        return None if any(item is None for item in items) else tuple(items)


@dataclass(frozen=True)
class Record(Kind):
    """A mapping with exactly `fields`, built into a model by `build(line=, where=, **values)`."""

    fields: tuple[Field, ...]
    what: str
    """What one such mapping is, for messages: "a glossary term"."""
    build: Callable[..., Any]

    def __post_init__(self) -> None:
        for item in self.fields:
            if not isinstance(item, Field):
                raise TypeError(f"{self.what}: {item!r} is not a Field")

    @property
    def json(self) -> dict:
        return json_schema(self.fields)

    def read(self, value: Any, line: int, where: Where) -> Any:
        values = read_fields(value, self.fields, where, self.what, line)
        return None if values is None else self.build(line=value.line, where=where, **values)


@dataclass(frozen=True)
class Either(Kind):
    """A value of one of several shapes: a mapping is read by the Record option, anything else by the other."""

    scalar: Kind
    mapping: Record

    @property
    def json(self) -> dict:
        return {"oneOf": [self.scalar.json, self.mapping.json]}

    def read(self, value: Any, line: int, where: Where) -> Any:
        return (self.mapping if isinstance(value, YamlMap) else self.scalar).read(value, line, where)


@dataclass(frozen=True)
class Then(Kind):
    """`inner`, then `build(value, line)` applied to its value (a model made from a scalar)."""

    inner: Kind
    build: Callable[[Any, int], Any]

    @property
    def json(self) -> dict:
        return self.inner.json

    def read(self, value: Any, line: int, where: Where) -> Any:
        result = self.inner.read(value, line, where)
        return None if result is None else self.build(result, line)


def json_schema(fields: tuple[Field, ...]) -> dict:
    """JSON Schema of a mapping with exactly these fields."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [item.name for item in fields if item.required],
        "properties": {item.name: {**item.kind.json, **({"description": item.doc} if item.doc else {})}
                       for item in fields},
    }  # fmt: skip


def read_fields(raw: Any, fields: tuple[Field, ...], where: Where, what: str, line: int) -> dict | None:
    """Check `raw` against `fields`; return the typed values, or None if anything is wrong."""
    if not isinstance(raw, YamlMap):
        where.error(line, f"{what} must be a mapping of `key: value` lines")
        return None
    ok = _check_unknown(raw, [item.name for item in fields], where, what)
    values: dict[str, Any] = {}
    for item in fields:
        if item.name not in raw:
            if item.required:
                where.error(raw.line, f"{what} is missing required key {item.name!r}", _add(item))
            ok = ok and not item.required
            values[item.name] = item.default
            continue
        values[item.name] = item.kind.read(raw[item.name], raw.key_lines[item.name], where)
        ok = ok and values[item.name] is not None
    return values if ok else None


def _check_unknown(raw: YamlMap, names: list[str], where: Where, what: str) -> bool:
    unknown = [name for name in raw if name not in names]
    for name in unknown:
        close = difflib.get_close_matches(name, names, n=1)
        hint = (f"did you mean {close[0]!r}? " if close else "") + "allowed keys: " + ", ".join(names)
        where.error(raw.key_lines[name], f"unknown key {name!r} in {what}", hint)
    return not unknown


def _add(item: Field) -> str:
    return f"add a line such as `{item.example}`" if item.example else f"add `{item.name}:`"


@dataclass(frozen=True)
class Document:
    """One kind of source file: where it lives and the fields it holds."""

    title: str
    """What editors show as the schema's title."""
    schema: str
    """File name of its JSON Schema in build_tools/schemas/."""
    files: str
    """Where such files are, as a glob relative to the project root."""
    fields: tuple[Field, ...]
    """Its top-level keys (the front matter, for an article)."""
    body: Field | None = None
    """The Markdown after the front matter, for files that have one."""
