"""The Jinja2 environment of the page templates: every `{{ ... }}` is escaped by the type of its value.

`finalize` passes each value through `escape.markdown`, so templates write
`{{ article.title }}` and get text that shows as typed. What a template may emit
as markup comes only from its own text, its macros (built from escaped values),
and the helpers here, which build it from identifiers and escaped values: `href`
(links from `urls`), `attrs` (attribute lists), `generated` (the marker line) and
the filters for other contexts (`yaml`, `title`); the lists written as HTML come from
`html()`. Jinja's
autoescape is on, so macro output counts as made by the template; the filters
that would mark a value as safe without escaping it for Markdown are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from build_tools import escape, urls
from build_tools.config import ANNOTATIONS_SUFFIX, GENERATED_MARKER, link_style
from build_tools.render.robust import attribute
from build_tools.repository import repository
from build_tools.text import short_quote
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

LIST_PAGE_BOOST = 0.001
BRIEFING_BOOST = 2
"""Material's search weighs a briefing's page twice as much as another (Pagefind its text: theme `main.html`), so it
ranks above the articles it discusses for its title; for its tags, its front matter gives Material their labels
(`tags:`, which Material's search weighs most) and its tags line weighs `BRIEFING_TAG_WEIGHT` in Pagefind."""
BRIEFING_TAG_WEIGHT = 10
"""Pagefind's weight of a briefing's tags line (its highest: a heading `#` weighs 7)."""
"""The search rank of a list page (archive, by outlet and tag, glossary, people, organisations, a year's mentions,
timeline, feeds) in Material's search, against 1 for any other (front matter `search: boost:`, which multiplies
the page's scores): so low because Material weighs a section's title 1,000 times its text, and a list's
headings repeat the articles' titles and outlets. Lists then come after every article and entry the words
find. Pagefind gets `data-pagefind-weight="0.1"` on such a page's content instead (templates/theme/main.html;
it takes weights from 0 to 10, a heading's default being 5 to 7)."""

UNSAFE_FILTERS = ("safe", "escape", "e", "forceescape", "urlize", "tojson", "xmlattr")
"""Jinja filters that mark text as safe HTML (not safe Markdown): templates cannot use them."""

_ATTR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_PATH = re.compile(r"[A-Za-z0-9_./-]+")


BLOCKS = "_blocks.html.j2"
"""Lists the build writes as HTML (MkDocs passes them on without parsing them as Markdown), as macros
that the Markdown templates call through `html()`. Every value in them is escaped for HTML by its type."""


def new_environment(templates: Path) -> jinja2.Environment:
    """Jinja2 set up for Markdown output: strict about undefined names, escaping by type."""
    env = _environment(templates, _finalize)
    env.filters.update(yaml=escape.front_matter, title=_title, short_quote=short_quote, join=_join, attribute=attribute)
    env.globals.update(
        urls=urls,
        href=_href,
        attrs=attrs,
        generated=generated,
        source_file=source_file,
        knows_repository=knows_repository,
        ANNOTATIONS_SUFFIX=ANNOTATIONS_SUFFIX,
        KIND_LABELS=KIND_LABELS,
        LATEST_MENTIONS=LATEST_MENTIONS,
        LIST_PAGE_BOOST=Markdown(str(LIST_PAGE_BOOST)),  # a number the build gives, written as is
        BRIEFING_BOOST=Markdown(str(BRIEFING_BOOST)),
        BRIEFING_TAG_WEIGHT=Markdown(str(BRIEFING_TAG_WEIGHT)),
        html=_html_blocks(templates),
    )
    return env


def _environment(templates: Path, finalize: Callable[[Any], Markup]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    for name in UNSAFE_FILTERS:
        del env.filters[name]
    return env


def _html_blocks(templates: Path) -> Callable[..., Markdown]:
    """`html(macro, ...)` for the Markdown templates: the block that macro of BLOCKS writes for this page.

    Its links are to where pages are published (MkDocs does not rewrite links in HTML), in the
    link style of this build; `pipeline` checks each against the pages of the run."""
    env = _environment(templates, _finalize_html)
    env.filters.update(join=_join_html, one_line=lambda value: Markup(" ".join(escape.html_value(value).split())))
    style = link_style()

    @jinja2.pass_context
    def href(context: jinja2.runtime.Context, target: str, anchor: str = "") -> Markup:
        return _link(context["here"], target, anchor, style)

    env.globals.update(urls=urls, href=href)

    made: dict[str, Any] = {}  # the blocks module of the page being rendered: one per page, not per call
    blocks: dict[str, list[str]] = {}  # the blocks it made, in order (see blocks_made)

    @jinja2.pass_context
    def html(context: jinja2.runtime.Context, macro: str, *args: object) -> Markdown:
        here = context["here"]
        if here not in made:
            made.clear()
            blocks.clear()
            made[here] = env.get_template(BLOCKS).make_module({"here": here})
        block = Markdown(str(getattr(made[here], macro)(*args)).strip())
        blocks.setdefault(here, []).append(block)
        return block

    html.blocks = blocks  # type: ignore[attr-defined]
    return html


def blocks_made(env: jinja2.Environment, here: str) -> tuple[str, ...]:
    """The HTML blocks `html()` made for the page `here` since it was last asked, in order (conversion puts them
    back after converting the page just rendered: `convert.page`)."""
    return tuple(env.globals["html"].blocks.pop(here, ()))  # type: ignore[attr-defined]


def _link(here: str, target: str, anchor: str, style: str) -> Markup:
    """A link from page `here` to where `target` is published."""
    return Markup(_checked(urls.link(here, target, anchor, style=style)))


def _join_html(items: Iterable[Any], separator: str = "") -> Markup:
    """Jinja's `join` in an HTML block, each item escaped by its type."""
    return Markup(_join(items, separator, _finalize_html))


def _finalizer(escaped: Callable[[Any], str]) -> Callable[[Any], Markup]:
    """Every `{{ ... }}`: escaped by its type for the output (`escaped`), then marked as made by the template.

    Macro output is already Markup (made by the template from escaped values); an
    `x if y` whose y is false gives "", while a name the template was not given raises."""

    def finalize(value: Any) -> Markup:
        if isinstance(value, Markup):
            return value
        if isinstance(value, jinja2.Undefined):
            return Markup(str(value))
        return Markup(escaped(value))

    return finalize


_finalize = _finalizer(escape.markdown)
_finalize_html = _finalizer(escape.html_value)
"""In an HTML block: escaped for HTML by its type (see escape.html_value)."""


def _checked(link: str) -> str:
    if not _PATH.fullmatch(link.replace("#", "/")):
        raise ValueError(f"{link!r} is not a page path the build makes")
    return link


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: str, anchor: str = "") -> Markdown:
    """A link from the page being rendered (`here`) to `target`, a page path from `urls`."""
    return Markdown(_checked(urls.relative(context["here"], target, anchor)))


def attrs(anchor: str = "", *classes: str) -> Markdown:
    """An attribute list (`{#id .class}`) for the element before it; only identifiers go in."""
    parts = ([f"#{anchor}"] if anchor else []) + [f".{name}" for name in classes]
    for part in parts:
        if not _ATTR_NAME.fullmatch(part[1:]):
            raise ValueError(f"{part!r} is not an id or class the build makes")
    return Markdown("{" + " ".join(parts) + "}")


def generated(source: str, *, many: bool = False, notes: str = "", has_notes: bool = False) -> Markdown:
    """The first lines of a generated page's front matter: where to edit instead, as a comment and as the
    `edit_files` the page's edit links point at (`repository.page_links`); an article's page also names its
    notes file (`notes_file`, which "Suggest a note" fills), an edit link only when it exists."""
    files = [part for part in source.split(" and ")] + ([notes] if notes and has_notes else [])
    for path in [*files, notes] if notes else files:
        if not _PATH.fullmatch(path):
            raise ValueError(f"{path!r} is not a source path")
    edit = "those files" if many else "that file"
    lines = [f"{GENERATED_MARKER} from {source}; edit {edit}, not this one."]
    lines.append("edit_files: [" + ", ".join(f'"{path}"' for path in files) + "]")
    if notes:
        lines.append(f'notes_file: "{notes}"')
    return Markdown("\n".join(lines))


def source_file(path: str) -> Markdown:
    """A source file's path, linked to the file in the repository when the build knows it (`repository`), else as
    code."""
    if not _PATH.fullmatch(path):
        raise ValueError(f"{path!r} is not a source path")
    found = repository()
    # Linked as text, not code: a link's colour on a code span's background is too faint in the dark scheme.
    return Markdown(f"[{path.replace('_', chr(92) + '_')}]({found.blob(path)})" if found else f"`{path}`")


def knows_repository() -> bool:
    """Whether the build knows the repository (`repository`): what links to it, "Suggest a note" among them, exists
    only then, and the reading key mentions it only then."""
    return repository() is not None


def _title(value: str) -> Markdown:
    return Markdown(escape.tooltip(value))


def _join(items: Iterable[Any], separator: str = "", finalize: Callable[[Any], Markup] = _finalize) -> Markdown:
    """Jinja's `join`, each item escaped by its type (the separator is the template's own text)."""
    return Markdown(separator.join(finalize(item) for item in items))
