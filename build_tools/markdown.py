"""Contributed Markdown as both parsers read it: markdown-it parses it, mdformat writes it back.

The checks on contributed Markdown (`load/sanitize.py`) and the linking read it with
markdown-it, a CommonMark parser; the site is rendered by Python-Markdown, which
reads some things differently: a CommonMark escape such as `\\<` is no escape to
it, so an entity-encoded tag would come back as HTML; it finds link definitions
inside block quotes, headings without a space (`#Heading`) and attribute lists
after bare words (`{onclick}`). So contributed Markdown is never passed on as
written: it is written again from markdown-it's tokens, every piece of text
escaped by the plain-text rules (`escape.escape_markdown`, made for
Python-Markdown), every link's address and title by the URL and tooltip rules.
What markdown-it read as text, Python-Markdown can then read only as text.

mdformat writes CommonMark; where Python-Markdown reads CommonMark differently,
`PythonMarkdown` writes it the way both read alike: a hard break as `<br />`,
list content indented to four columns, ordered lists with `.`, every link and
image inline (never through a definition, which mdformat writes unescaped), an
image's description escaped like any text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer, RenderContext, RenderTreeNode
from mdformat.renderer._context import make_render_children
from mdformat.renderer._util import get_list_marker_type, is_tight_list

from build_tools.escape import destination, escape_markdown, tooltip
from build_tools.values import Markdown


def _hardbreak(node: RenderTreeNode, context: RenderContext) -> str:
    """A line break the article itself makes: both parsers read `<br />` (mdformat's `\\` + newline is no
    break to Python-Markdown, and mdformat strips the two trailing spaces both would read)."""
    return "<br />\n"


def _list_items(node: RenderTreeNode, context: RenderContext, markers: list[str]) -> str:
    """List items under `markers`, their content at column four or more, as Python-Markdown needs."""
    context.env.setdefault("tight lists", {})[id(node)] = is_tight_list(node)  # asked once per list: see _list_item
    width = max(4, *(len(marker) + 1 for marker in markers))
    items = []
    with context.indented(width):
        for marker, child in zip(markers, node.children, strict=True):
            first, *rest = child.render(context).split("\n")
            lines = [marker.ljust(width) + first if first else marker]
            items.append("\n".join(lines + [" " * width + line if line else "" for line in rest]))
    return ("\n" if context.env["tight lists"][id(node)] else "\n\n").join(items)


def _list_item(node: RenderTreeNode, context: RenderContext) -> str:
    """One item's content. mdformat asks for every item whether its whole list is tight, which made a long
    list quadratic; the list's answer is kept by `_list_items`."""
    separator = "\n" if context.env["tight lists"][id(node.parent)] else "\n\n"
    text = make_render_children(separator)(node, context)
    return text if text.strip() else ""


def _bullet_list(node: RenderTreeNode, context: RenderContext) -> str:
    return _list_items(node, context, [get_list_marker_type(node)] * len(node.children))


def _ordered_list(node: RenderTreeNode, context: RenderContext) -> str:
    start = int(node.attrs.get("start") or 1)
    return _list_items(node, context, [f"{start + index}." for index in range(len(node.children))])


def _heading(node: RenderTreeNode, context: RenderContext) -> str:
    """An ATX heading; its text is already escaped (mdformat's own escape of a final `#` would double it)."""
    level = {"=": 1, "-": 2}.get(node.markup, len(node.markup))
    return "#" * level + " " + make_render_children(separator="")(node, context).replace("\n", " ")


def _image(node: RenderTreeNode, context: RenderContext) -> str:
    words = "".join(child.content for child in node.walk() if child.type == "text")
    title = node.attrs.get("title")
    quoted = f' "{tooltip(str(title))}"' if title else ""
    return f"![{escape_markdown(words)}]({destination(str(node.attrs['src']))}{quoted})"


class PythonMarkdown:
    """An mdformat plugin: the constructs Python-Markdown reads differently, written so both read them alike."""

    RENDERERS: ClassVar[dict] = {
        "hardbreak": _hardbreak, "bullet_list": _bullet_list, "ordered_list": _ordered_list, "image": _image,
        "heading": _heading, "list_item": _list_item,
    }  # fmt: skip
    POSTPROCESSORS: ClassVar[dict] = {}


@cache
def new_parser() -> MarkdownIt:
    """CommonMark parser whose renderer writes Markdown (mdformat's, for Python-Markdown).

    One per process: building it costs more than parsing a short text, and parsing keeps its
    state in the `env` each caller passes, so callers share it.

    It keeps every address as written (markdown-it's own validation would turn a `javascript:` link into
    text): the rules of contributed Markdown (`load/sanitize.py`) judge each one from this very parse and
    refuse any but http(s), mailto and `#fragment`, used or not, and only a text they passed is written
    again or linked, so the validation could drop nothing there.
    """
    parser = MarkdownIt("commonmark", renderer_cls=MDRenderer)
    parser.options.update(
        {"mdformat": {}, "store_labels": True, "parser_extension": [PythonMarkdown], "codeformatters": {}}
    )
    parser.validateLink = lambda url: True
    return parser


@dataclass(frozen=True)
class Parsed:
    """A contributed text and its one parse, read by every step that reads the text: the rules check it, then
    it is written again (`rewrite`) or linked (`link.link_article`), which change the tokens: one use each."""

    text: str
    """The text as written."""
    tokens: list[Token]
    """markdown-it's block tokens of it (`new_parser`)."""
    env: dict
    """What the parse collected besides the tokens (link reference definitions), for writing it again."""


def parse(text: str) -> Parsed:
    """`text` parsed once for every step that reads it."""
    env: dict = {}
    return Parsed(text, new_parser().parse(text, env), env)


def escape_text(tokens: list[Token]) -> None:
    """Make every piece of text in `tokens` escaped Markdown (in place); the build's own tokens are kept."""
    for token in tokens:
        if token.children:
            token.children = [_escaped(child) for child in token.children]


def _escaped(token: Token) -> Token:
    if token.meta.get("archive"):
        return token
    if token.type == "text":
        return Token("html_inline", "", 0, content=escape_markdown(token.content), meta={"archive": True})
    if token.type in ("link_open", "image"):
        token.meta.pop("label", None)  # written inline: mdformat writes a definition's address and title raw
        if token.attrs.get("href"):
            token.attrs["href"] = destination(str(token.attrs["href"]))
        if token.attrs.get("title") and token.type == "link_open":
            token.attrs["title"] = tooltip(str(token.attrs["title"]))
    if token.children and token.type != "image":  # mdformat writes an image's description itself, as text
        token.children = [_escaped(child) for child in token.children]
    return token


def render(parser: MarkdownIt, tokens: list[Token], env: dict) -> Markdown:
    """`tokens` written back as Markdown, their text escaped; RecursionError if they nest too deeply to write."""
    escape_text(tokens)
    return Markdown(parser.renderer.render(tokens, parser.options, env))


def rewrite(parsed: Parsed) -> Markdown:
    """Contributed Markdown (already checked) written again from its parse, as Python-Markdown must read it."""
    return Markdown(render(new_parser(), parsed.tokens, parsed.env).rstrip("\n"))  # a block a template places
