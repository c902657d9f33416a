"""Strict YAML: safe loading that keeps line numbers and never guesses types.

Every plain scalar stays the exact string that was typed (`NO` stays "NO",
`2006-03` stays "2006-03"); duplicate keys, tags, anchors and aliases are errors.
"""

from __future__ import annotations

from typing import ClassVar

import yaml

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
    """One pass over the parser's events: anchors, aliases and tags are refused, with their position."""
    for event in yaml.parse(text, Loader=_FastStrictLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed", problem_mark=event.start_mark
            )
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.MarkedYAMLError(
                problem=f"YAML tags such as {event.tag!r} are not allowed", problem_mark=event.start_mark
            )


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
