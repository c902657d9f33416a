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
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from build_tools.escape import destination, escape_markdown, tooltip
from build_tools.values import Markdown


def new_parser() -> MarkdownIt:
    """CommonMark parser whose renderer writes Markdown (mdformat's)."""
    parser = MarkdownIt("commonmark", renderer_cls=MDRenderer)
    parser.options.update({"mdformat": {}, "store_labels": True, "parser_extension": [], "codeformatters": {}})
    return parser


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
        for name, kind in (("href", destination), ("src", destination), ("title", tooltip)):
            if token.attrs.get(name):
                token.attrs[name] = kind(str(token.attrs[name]))
    if token.children and token.type != "image":  # mdformat writes an image's description itself, as text
        token.children = [_escaped(child) for child in token.children]
    return token


def render(parser: MarkdownIt, tokens: list[Token], env: dict) -> Markdown:
    """`tokens` written back as Markdown, their text escaped; RecursionError if they nest too deeply to write."""
    escape_text(tokens)
    return Markdown(parser.renderer.render(tokens, parser.options, env))


def rewrite(text: str) -> Markdown:
    """Contributed Markdown (already checked) written again from its parse, as Python-Markdown must read it."""
    parser = new_parser()
    env: dict = {}
    return Markdown(render(parser, parser.parse(text, env), env).rstrip("\n"))  # a block a template places
