"""Hostile text in every field there is: refused with file and line, or shown as typed, never live.

The fields come from the declarations themselves (`build_tools.load.fields.DOCUMENTS`),
so a field added there is covered here without a change to this test. Each payload
goes into each field of a small project in which every field appears: either the
build refuses it, naming the file (and a line of that entry), or it is accepted.
Then, per payload, a real MkDocs build with the payload in every field that accepted
it must carry no live markup in any page, feed or search index.
"""

from __future__ import annotations

import html
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, fold
from live_markup import MARK, in_site
from site_helpers import build_site, copy_project

from build_tools import pipeline
from build_tools.errors import BuildFailed
from build_tools.load.fields import DOCUMENTS
from build_tools.load.kinds import Choice, DateKind, IdentifierKind, Kind, PlainTextKind, RestrictedMarkdown, UrlKind
from build_tools.load.placeholders import Unfilled
from build_tools.load.shapes import Either, ListOf, Record, Then
from build_tools.load.strict_yaml import YamlMap, load_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "injection"

PAYLOADS = {
    "script": '<script>alert("{mark}")</script>',
    "img onerror": "<img src=x onerror=alert('{mark}')>",
    "svg onload": "<svg onload=alert('{mark}')>",
    "html block": '\n\n<div onclick="alert(1)" id="{mark}">{mark}</div>\n\n',
    "comment": "<!-- {mark} -->",
    "javascript link": "[{mark}](javascript:alert(1))",
    "JavaScript link": "[{mark}](JaVaScRiPt:alert(1))",
    "entity-hidden scheme": "[{mark}](java&#115;cript:alert(1))",
    "javascript autolink": "<javascript:alert('{mark}')>",
    "javascript image": "![{mark}](javascript:alert(1))",
    "data link": "[{mark}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "DATA link": "[{mark}](DaTa:text/html,<script>alert(1)</script>)",
    "attribute list": 'words{{: onclick="alert(1)" .{mark} #{mark} }}',
    "attribute list line": '\n\nA paragraph.\n{{: onclick="alert(1)" #{mark} }}\n',
    "abbreviation": "\n\nThe HTML spec.\n\n*[HTML]: {mark} abbreviation\n",
    "link definition": "\n\nSee [{mark}].\n\n[{mark}]: javascript:alert(1)\n",
    "footnote": "\n\nA claim.[^{mark}]\n\n[^{mark}]: A {mark} footnote.\n",
    "quote breaking out": 'x" onmouseover="alert(1)" data-{mark}="',
    "entity-encoded tags": "&lt;img src=x onerror=alert('{mark}')&gt; &#60;script&#62;alert('{mark}')&#60;/script&#62;",
    "entity-encoded attribute list": "Words\n&#123;onmouseover&#61;alert(1) #{mark}&#125;",
    "bare attribute list": "Words\n{{onmouseover #{mark} .{mark}}}",
    "definition in a quote": "> See [{mark}][b].\n> [b]: javascript:alert(1)",
    "fence attributes": "\n\n``` {{ #{mark} onmouseover }}\nx\n```\n",
    "heading without a space": "\n\n#{mark}Heading\n",
    "hidden characters": "a\u202e{mark}\u200b\x1b",
    "template expression": "{{{{ 6 * 7 * 1000 + {n} }}}}",
    "template statement": '{{% for c in "pq" %}}[{{{{ c }}}}{mark}]{{% endfor %}}',
}
"""Each with `{mark}` (the word `pwned` and the field's number) and `{n}`, so fields stay apart."""

MATCHED = {"quote", "prefix", "suffix"}
"""Plain text that must match the article's words, so a payload there is refused as not found."""

HOLDING = {"not", "links"}
"""Lists of phrases that must hold an alias (`not:`) or occur in the article (`links:`): a payload there
is refused as blocking or naming nothing."""


def must_match(path: tuple) -> bool:
    """True for plain text refused unless it matches other words of the sources."""
    return path[-1] in MATCHED or bool(HOLDING & set(path))


HIDDEN = {"hidden characters"}
"""Payloads no field may hold: characters that hide or reorder what a reader sees."""


LEAF_KINDS = (PlainTextKind, IdentifierKind, Choice, UrlKind, DateKind, RestrictedMarkdown)


def leaves(kind: Kind, path: tuple) -> Iterator[tuple[tuple, Kind]]:
    """(path, kind) of every scalar a kind holds; each shape of an either-shaped value is visited.

    A list's item of either shape goes in as item 0 and item 1, so both fit in one file."""
    if isinstance(kind, LEAF_KINDS):
        yield path, kind
    elif isinstance(kind, Record):
        for item in kind.fields:
            yield from leaves(item.kind, (*path, item.name))
    elif isinstance(kind, ListOf):
        options = (kind.item.scalar, kind.item.mapping) if isinstance(kind.item, Either) else (kind.item,)
        for index, option in enumerate(options):
            yield from leaves(option, (*path, index))
    elif isinstance(kind, Then):
        yield from leaves(kind.inner, path)
    elif isinstance(kind, Unfilled):  # its kind, refusing placeholders
        yield from leaves(kind.kind, path)
    elif isinstance(kind, Either):
        yield from leaves(kind.scalar, path)
        yield from leaves(kind.mapping, path)
    else:
        raise TypeError(
            f"leaves() does not know the shape of {type(kind).__name__}: teach it, so its fields are tested"
        )


def every_field() -> list[tuple[str, tuple, Kind]]:
    """(file pattern, path, kind) of every declared field of every kind of source file."""
    fields = []
    for document in DOCUMENTS:
        for item in document.fields:
            fields += [(document.files, path, kind) for path, kind in leaves(item.kind, (item.name,))]
        if document.body is not None:
            fields.append((document.files, ("body",), document.body.kind))
    return fields


FIELDS = every_field()


def field_id(field: tuple[str, tuple, Kind]) -> str:
    return f"{field[0]}:{'.'.join(map(str, field[1]))}"


# --- writing a payload into a field ---------------------------------------------------


def source_file(root: Path, pattern: str) -> Path:
    (path,) = [p for p in root.glob(pattern) if not (pattern.endswith(".md") and p.name.endswith(".yml"))]
    return path


def read_source(path: Path) -> tuple[Any, str | None]:
    """(YAML data, article body or None)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body
    return yaml.safe_load(text), None


def write_source(path: Path, data: Any, body: str | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text if body is None else f"---\n{text}---\n{body}", encoding="utf-8")


def put(data: Any, path: tuple, value: str) -> None:
    """Set the scalar at `path`, making the lists and mappings on the way (a scalar alias becomes a mapping)."""
    for step, after in itertools.pairwise(path):
        shape = dict if isinstance(after, str) else list
        if isinstance(step, int):
            while len(data) <= step:
                data.append(shape())
            if not isinstance(data[step], shape):
                data[step] = shape()
        elif not isinstance(data.get(step), shape):
            data[step] = shape()
        data = data[step]
    if isinstance(path[-1], int):
        while len(data) <= path[-1]:
            data.append(value)
    data[path[-1]] = value


def inject(root: Path, pattern: str, path: tuple, value: str) -> Path:
    target = source_file(root, pattern)
    data, body = read_source(target)
    if path == ("body",):
        body = body + value + "\n"
    else:
        put(data, path, value)
    write_source(target, data, body)
    return target


def lines_of(root: Path, target: Path, path: tuple) -> tuple[int, int]:
    """(first line of the entry holding the field, line of the field) in the file as written."""
    if path == ("body",):
        return 1, 10**6
    text = target.read_text(encoding="utf-8")
    first = 2 if target.suffix == ".md" else 1
    data = load_yaml(text.split("---\n", 2)[1] if target.suffix == ".md" else text, target.name, first)
    entry, line = first, first
    for depth, step in enumerate(path):
        line = data.key_lines[step] if isinstance(data, YamlMap) else data.item_lines[step]
        entry = line if depth == 1 else entry
        data = data[step]
    return entry, line


def payload(name: str, n: int) -> str:
    return PAYLOADS[name].format(mark=f"{MARK}{n}", n=n)


# --- the test -------------------------------------------------------------------------


def fresh(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def outcome(root: Path, pattern: str, path: tuple, value: str) -> list[str] | None:
    """None if the build accepts `value` in the field; else the problems it reported."""
    target = inject(root, pattern, path, value)
    try:
        pipeline.check(root)
    except BuildFailed as failed:
        entry, line = lines_of(root, target, path)
        rel = target.relative_to(root).as_posix()
        here = [e for e in failed.errors if e.path == rel and (e.line is None or entry <= e.line <= line)]
        assert here, f"refused, but not at {rel}:{entry}-{line}:\n{failed}"
        return [str(error) for error in failed.errors]
    return None


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[int]]:
    """For each payload, the numbers of the fields that accepted it (every refusal named its file and line)."""
    tmp = tmp_path_factory.mktemp("outcomes")
    result: dict[str, list[int]] = {name: [] for name in PAYLOADS}
    for n, (pattern, path, _) in enumerate(FIELDS):
        for name in PAYLOADS:
            root = fresh(tmp, f"{n}-{len(result[name])}-{abs(hash(name))}")
            if outcome(root, pattern, path, payload(name, n)) is None:
                result[name].append(n)
            shutil.rmtree(root)
    return result


def test_every_declared_field_is_covered(tmp_path: Path) -> None:
    covered = {field_id(field) for field in FIELDS}
    assert len(covered) == len(FIELDS)
    for document in DOCUMENTS:  # a kind of source file the fixture lacks would have every payload "refused"
        assert source_file(FIXTURE, document.files).is_file(), document.files
    pipeline.check(fresh(tmp_path, "as-is"))  # and the fixture passes as it is: each refusal is the payload's
    assert {"articles/*.md:title", "articles/*.md:body", "glossary.yml:terms.0.definition",
            "people.yml:people.0.description", "people.yml:organisations.0.description",
            "timeline.yml:events.0.description", "glossary.yml:terms.0.aliases.1.text", "briefings/*.md:body",
            "briefings/*.md:footnotes.0.sources.0.url", "briefings/*.md:footnotes.0.note", "briefings/*.md:authors.0",
            "briefings/*.md:title", "briefings/*.md:summary",
            "articles/*.annotations.yml:annotations.0.sources.0.url"} <= covered  # fmt: skip


@pytest.mark.slow  # its fixture builds the sources once per field and payload
def test_plain_text_takes_any_text(accepted: dict[str, list[int]]) -> None:
    """Plain text is never refused for what it says: it is escaped wherever it goes."""
    for n, (_pattern, path, kind) in enumerate(FIELDS):
        if isinstance(kind, PlainTextKind) and not must_match(path):
            refused = [name for name, numbers in accepted.items() if n not in numbers and name not in HIDDEN]
            assert refused == [], f"{field_id(FIELDS[n])} refused {refused}"


@pytest.mark.slow
def test_hidden_characters_are_refused_everywhere(accepted: dict[str, list[int]]) -> None:
    for name in HIDDEN:
        assert [field_id(FIELDS[n]) for n in accepted[name]] == []


def layers(numbers: list[int]) -> list[list[int]]:
    """The fields in groups that can be filled at once: no field of a group holds or is held by another."""
    groups: list[list[int]] = []
    for n in numbers:
        free = [group for group in groups if not any(_overlap(FIELDS[n], FIELDS[m]) for m in group)]
        free[0].append(n) if free else groups.append([n])
    return groups


def _overlap(one: tuple, other: tuple) -> bool:
    shorter = min(len(one[1]), len(other[1]))
    return one[0] == other[0] and one[1][:shorter] == other[1][:shorter]


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name in PAYLOADS if name not in HIDDEN])
def test_no_payload_is_live_anywhere_in_the_built_site(
    accepted: dict[str, list[int]], tmp_path: Path, name: str
) -> None:
    assert accepted[name], f"no field accepted {name!r}: the site check below would prove nothing"
    for number, group in enumerate(layers(accepted[name])):
        root = fresh(tmp_path, f"site-{number}")
        for n in group:
            pattern, path, _ = FIELDS[n]
            inject(root, pattern, path, payload(name, n))
        site = build_site(copy_project(root, sources=False))
        ran = tuple(str(42000 + n) for n in group) + tuple(f"[p{MARK}{n}][q{MARK}{n}]" for n in group)
        assert in_site(site, ran) == []
        shown = fold(html.unescape(" ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))))
        first = payload(name, group[0])
        assert (f"{MARK}{group[0]}" if MARK in first else fold(first)) in shown  # the payload reached the pages


def test_the_walk_refuses_a_shape_it_does_not_know() -> None:
    class Table(Kind):
        pass

    with pytest.raises(TypeError, match="does not know the shape of Table"):
        list(leaves(Table(), ("x",)))
    assert layers([0, 0]) == [[0], [0]]  # a field overlaps itself: two builds
