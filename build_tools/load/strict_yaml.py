"""Strict YAML: safe loading that keeps line numbers and never guesses types.

Every plain scalar stays the exact string that was typed (`NO` stays "NO",
`2006-03` stays "2006-03"); duplicate keys, tags, anchors and aliases are errors.
"""

from __future__ import annotations

from typing import ClassVar

import yaml

from build_tools.config import MAX_YAML_DEPTH, MAX_YAML_ITEMS
from build_tools.errors import SourceError


class YamlMap(dict):
    """A mapping that remembers the line of itself and of each key."""

    line: int
    key_lines: dict[str, int]


class YamlList(list):
    """A sequence that remembers the line of itself and of each item."""

    line: int
    item_lines: list[int]


class _FastStrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser and composer (when PyYAML has it), without implicit typing."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


def _refuse_anchors_and_tags(text: str) -> None:
    """One pass over the parser's events, before anything is built: anchors, aliases and tags are refused,
    and so are lists and mappings nested deeper than `MAX_YAML_DEPTH` or holding more than
    `MAX_YAML_ITEMS` items, each with its position."""
    room: list[int] = []  # how many more nodes each open list or mapping may hold
    for event in yaml.parse(text, Loader=_FastStrictLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            _refuse("anchors and aliases (& and *) are not allowed", event)
        if getattr(event, "tag", None) not in (None, "!"):
            _refuse(f"YAML tags such as {event.tag!r} are not allowed", event)
        if isinstance(event, yaml.CollectionEndEvent):
            room.pop()
            continue
        if room:
            room[-1] -= 1
            if room[-1] < 0:
                _refuse(f"more than {MAX_YAML_ITEMS:,} items in one list or mapping", event)
        if isinstance(event, yaml.CollectionStartEvent):  # a mapping's item is a key and a value
            room.append(MAX_YAML_ITEMS * (2 if isinstance(event, yaml.MappingStartEvent) else 1))
            if len(room) > MAX_YAML_DEPTH:
                _refuse(f"lists and mappings nested more than {MAX_YAML_DEPTH} deep", event)


def _refuse(problem: str, event: yaml.Event) -> None:
    raise yaml.MarkedYAMLError(problem=problem, problem_mark=event.start_mark)


def _compose(text: str) -> yaml.Node | None:
    _refuse_anchors_and_tags(text)
    return yaml.compose(text, Loader=_FastStrictLoader)


def load_yaml(text: str, path: str, first_line: int = 1) -> YamlMap | YamlList | str | None:
    """Parse `text`, which starts on line `first_line` of `path`, into plain data."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        raise SourceError(path, line, f"invalid YAML: {exc.problem}", _yaml_hint(exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(path, first_line, f"invalid YAML: {exc}") from None
    return None if node is None else _to_data(node, path, first_line)


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    if "anchors" in (exc.problem or "") or "tags" in (exc.problem or ""):
        return "write the value out in full"
    if "nested more than" in (exc.problem or ""):
        return "no field needs this depth: the formats nest five levels at most"
    if "items in one" in (exc.problem or ""):
        return "split the file or the list"
    return "check indentation and quote values that contain ': ' or start with a special character"


def _to_data(node: yaml.Node, path: str, offset: int) -> YamlMap | YamlList | str:
    if isinstance(node, yaml.MappingNode):
        return _to_map(node, path, offset)
    if isinstance(node, yaml.SequenceNode):
        items = YamlList(_to_data(item, path, offset) for item in node.value)
        items.line = node.start_mark.line + offset
        items.item_lines = [item.start_mark.line + offset for item in node.value]
        return items
    return node.value


def _to_map(node: yaml.MappingNode, path: str, offset: int) -> YamlMap:
    result = YamlMap()
    result.line = node.start_mark.line + offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(path, line, "a key must be a plain word", "write `key: value`")
        key = key_node.value
        if key in result:
            raise SourceError(
                path,
                line,
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
                "keep one of the two",
            )
        result[key] = _to_data(value_node, path, offset)
        result.key_lines[key] = line
    return result
