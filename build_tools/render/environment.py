"""The Jinja2 environment of the page templates: every `{{ ... }}` is escaped by the type of its value.

`finalize` passes each value through `escape.markdown`, so templates write
`{{ article.title }}` and get text that shows as typed. What a template may emit
as markup comes only from its own text, its macros (built from escaped values),
and the helpers here, which build it from identifiers and escaped values: `href`
(links from `urls`), `attrs` (attribute lists), `generated` (the marker line) and
the filters for other contexts (`yaml`, `title`, `code_block`). Jinja's
autoescape is on, so macro output counts as made by the template; the filters
that would mark a value as safe without escaping it for Markdown are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from build_tools import escape, urls
from build_tools.config import GENERATED_MARKER
from build_tools.render.context import short_quote
from build_tools.values import Markdown

KIND_LABELS = {
    "context": "Context",
    "correction": "Correction",
    "clarification": "Clarification",
    "term": "Term",
    "person": "Person",
}
"""How each kind of annotation is labelled on the page."""

LATEST_MENTIONS = 10
"""How many of the latest mentions an entry's page still shows when its list is paged."""

UNSAFE_FILTERS = ("safe", "escape", "e", "forceescape", "urlize", "tojson", "xmlattr")
"""Jinja filters that mark text as safe HTML (not safe Markdown): templates cannot use them."""

_ATTR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_PATH = re.compile(r"[A-Za-z0-9_./-]+")


def new_environment(templates: Path) -> jinja2.Environment:
    """Jinja2 set up for Markdown output: strict about undefined names, escaping by type."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for name in UNSAFE_FILTERS:
        del env.filters[name]
    env.filters.update(
        yaml=escape.front_matter, title=_title, code_block=escape.code_block, short_quote=short_quote, join=_join
    )
    env.globals.update(
        urls=urls,
        href=_href,
        attrs=attrs,
        generated=generated,
        KIND_LABELS=KIND_LABELS,
        LATEST_MENTIONS=LATEST_MENTIONS,
    )
    return env


def _finalize(value: Any) -> Markup:
    """Every `{{ ... }}`: escaped by its type, then marked as made by the template.

    Macro output is already Markup (made by the template from escaped values); an
    `x if y` whose y is false gives "", while a name the template was not given raises."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, jinja2.Undefined):
        return Markup(str(value))
    return Markup(escape.markdown(value))


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str, anchor: str = "") -> Markdown:
    """A link from the page being rendered (`here`) to `target`, a page path from `urls`."""
    link = urls.relative(context["here"], target, anchor)
    if not _PATH.fullmatch(link.replace("#", "/")):
        raise ValueError(f"{link!r} is not a page path the build makes")
    return Markdown(link)


def attrs(anchor: str = "", *classes: str) -> Markdown:
    """An attribute list (`{#id .class}`) for the element before it; only identifiers go in."""
    parts = ([f"#{anchor}"] if anchor else []) + [f".{name}" for name in classes]
    for part in parts:
        if not _ATTR_NAME.fullmatch(part[1:]):
            raise ValueError(f"{part!r} is not an id or class the build makes")
    return Markdown("{" + " ".join(parts) + "}")


def generated(source: str, *, many: bool = False) -> Markdown:
    """The first line of a generated page's front matter: where to edit instead."""
    if not _PATH.fullmatch(source.replace(" ", "/")):
        raise ValueError(f"{source!r} is not a source path")
    edit = "those files" if many else "that file"
    return Markdown(f"{GENERATED_MARKER} from {source}; edit {edit}, not this one.")


def _title(value: str) -> Markdown:
    return Markdown(escape.tooltip(value))


def _join(items: Iterable[Any], separator: str = "") -> Markdown:
    """Jinja's `join`, each item escaped by its type (the separator is the template's own text)."""
    return Markdown(separator.join(_finalize(item) for item in items))
