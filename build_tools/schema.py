"""Declarative checks for the keys of a YAML mapping, with file:line errors."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from build_tools.errors import Report
from build_tools.strict_yaml import YamlList, YamlMap

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Lower-case ASCII words joined by single hyphens: ids, slugs and tags."""


@dataclass(frozen=True)
class Where:
    """The file a value comes from, and the report its problems go to."""

    path: str
    """Source file, relative to the project root."""
    report: Report
    """Where problems are collected."""

    def error(self, line: int | None, message: str, hint: str = "") -> None:
        self.report.add(self.path, line, message, hint)


Convert = Callable[[Any, int, Where], Any]
"""Turns a raw YAML value (and its line) into a model value, or reports and returns None.

Each converter carries a `json` attribute: the JSON Schema of the values it accepts,
from which the schema files for editors are generated (`python -m build_tools schemas`).
"""


def accepts(fragment: dict) -> Callable[[Convert], Convert]:
    """Attach the JSON Schema `fragment` to a converter."""

    def attach(convert: Convert) -> Convert:
        convert.json = fragment  # type: ignore[attr-defined]
        return convert

    return attach


def json_schema(keys: tuple[Key, ...]) -> dict:
    """JSON Schema of a mapping with exactly these keys."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [key.name for key in keys if key.required],
        "properties": {key.name: {**key.convert.json, **_described(key)} for key in keys},
    }


def _described(key: Key) -> dict:
    return {"description": key.doc} if key.doc else {}


@dataclass(frozen=True)
class Key:
    """One allowed key of a mapping."""

    name: str
    """The key as written in the file."""
    convert: Convert
    """Checks and converts the value."""
    required: bool = True
    """Whether the key must be present."""
    example: str = ""
    """A line to copy when the key is missing."""
    doc: str = ""
    """What the value is, shown by editors that read the JSON Schema."""


def mapping(keys: tuple[Key, ...], what: str, build: Callable[..., Any]) -> Convert:
    """A converter for a nested mapping with `keys`, built into a model by `build`."""

    @accepts(json_schema(keys))
    def check(value: Any, line: int, where: Where) -> Any:
        values = read_keys(value, keys, where, what, line)
        return build(line=value.line, where=where, **values) if values is not None else None

    return check


def read_keys(raw: Any, keys: tuple[Key, ...], where: Where, what: str, line: int) -> dict | None:
    """Check `raw` against `keys`; return converted values, or None if anything is wrong."""
    if not isinstance(raw, YamlMap):
        where.error(line, f"{what} must be a mapping of `key: value` lines")
        return None
    known = {key.name: key for key in keys}
    ok = _check_unknown(raw, known, where, what)
    values: dict[str, Any] = {}
    for key in keys:
        if key.name not in raw:
            ok = ok and not key.required
            if key.required:
                where.error(raw.line, f"{what} is missing required key {key.name!r}", _add(key))
            values[key.name] = None
            continue
        value = key.convert(raw[key.name], raw.key_lines[key.name], where)
        ok = ok and value is not None
        values[key.name] = value
    return values if ok else None


def _check_unknown(raw: YamlMap, known: Mapping[str, Key], where: Where, what: str) -> bool:
    unknown = [name for name in raw if name not in known]
    for name in unknown:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        hint += "allowed keys: " + ", ".join(known)
        where.error(raw.key_lines[name], f"unknown key {name!r} in {what}", hint)
    return not unknown


def _add(key: Key) -> str:
    return f"add a line such as `{key.example}`" if key.example else f"add `{key.name}:`"


@accepts({"type": "string", "minLength": 1})
def text(value: Any, line: int, where: Where) -> str | None:
    """A non-empty string, stripped."""
    if not isinstance(value, str) or not value.strip():
        where.error(line, "expected text here", "write the value after the colon")
        return None
    return value.strip()


@accepts({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})
def slug(value: Any, line: int, where: Where) -> str | None:
    """An id: lower-case ASCII words and hyphens."""
    result = text(value, line, where)
    if result is not None and not SLUG.fullmatch(result):
        where.error(line, f"{result!r} is not a valid id", "use lower-case a-z, 0-9 and hyphens")
        return None
    return result


@accepts({"type": "string", "pattern": "^https://[^\\s/]+\\.[^\\s]+$"})
def https_url(value: Any, line: int, where: Where) -> str | None:
    """An absolute https address."""
    result = text(value, line, where)
    if result is not None and not re.fullmatch(r"https://[^\s/]+\.[^\s]+", result):
        where.error(line, f"{result!r} is not an https URL", "give the full https:// address")
        return None
    return result


def one_of(name: str, choices: tuple[str, ...]) -> Convert:
    """One of a fixed set of words."""

    @accepts({"enum": list(choices)})
    def check(value: Any, line: int, where: Where) -> str | None:
        if value not in choices:
            where.error(line, f"{name} must be one of {', '.join(choices)}, not {value!r}")
            return None
        return value

    return check


def list_of(convert: Convert, *, min_items: int = 0) -> Convert:
    """A YAML list whose items are each checked by `convert`."""

    @accepts({"type": "array", "minItems": min_items, "items": convert.json})
    def check(value: Any, line: int, where: Where) -> tuple | None:
        if not isinstance(value, YamlList):
            where.error(line, "expected a list here", "write one `- item` per line")
            return None
        if len(value) < min_items:
            where.error(line, f"the list needs at least {min_items} item(s)")
            return None
        items = [convert(item, lines, where) for item, lines in zip(value, value.item_lines, strict=True)]
        return None if any(item is None for item in items) else tuple(items)

    return check
