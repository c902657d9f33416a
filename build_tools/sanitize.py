"""Checks on contributed Markdown (annotation notes): what may reach a reader's page.

A note is rejected, never silently changed, when it holds raw HTML, a link whose
scheme is not http, https or mailto, an image, an attribute list (`{: ...}`), a
heading, or a definition (link reference, abbreviation, footnote) that could
change how the article's own text renders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_NOTE_BYTES = 10_000
ALLOWED_SCHEMES = ("http", "https", "mailto")

_HTML = re.compile(r"<[A-Za-z/!?]")
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{[^}\n]*=")
_DEFINITION = re.compile(r"^ {0,3}(\*\[[^\]]*\]|\[\^[^\]]*\]|\[[^\]]+\]):", re.M)
_DESTINATION = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # see every destination, then judge it here
    return parser


def note_problems(text: str) -> list[str]:
    """Why `text` may not be published as a note (empty when it may)."""
    problems = []
    if len(text.encode("utf-8")) > MAX_NOTE_BYTES:
        problems.append(f"the note is longer than {MAX_NOTE_BYTES:,} bytes; shorten it")
    if _HTML.search(text):
        problems.append("raw HTML is not allowed in notes (found a `<` tag); write Markdown, e.g. [text](https://...)")
    if _ATTR_LIST.search(text):
        problems.append("attribute lists such as `{: ...}` are not allowed in notes")
    if _DEFINITION.search(text):
        problems.append("link, abbreviation or footnote definitions (`[x]: ...`) are not allowed in notes")
    tokens = _parser().parse(text)
    problems += [_scheme_problem(url) for url in _destinations(text, tokens) if not _allowed(url)]
    problems += _structure_problems(tokens)
    return list(dict.fromkeys(problems))


def body_problems(text: str) -> list[tuple[int, str]]:
    """(character offset, problem) for what an article's text may not contain.

    Articles are words as published: no raw HTML, no attribute lists and no links or
    images to anything but http(s)/mailto. Headings, images and link references are fine.
    """
    found = [
        (m.start(), "raw HTML is not allowed in articles (found a `<` tag); keep the words, drop the markup")
        for m in _HTML.finditer(text)
    ]
    found += [
        (m.start(), "attribute lists such as `{: ...}` are not allowed in articles") for m in _ATTR_LIST.finditer(text)
    ]
    found += [
        (text.find(url), _scheme_problem(url).replace("in notes", "in articles"))
        for url in dict.fromkeys(_destinations(text))
        if not _allowed(url)
    ]
    return sorted(found)


def _destinations(text: str, tokens: list[Token] | None = None) -> Iterator[str]:
    yield from _DESTINATION.findall(text)
    for token in _walk(tokens if tokens is not None else _parser().parse(text)):
        if token.type in ("link_open", "image"):
            yield str(token.attrs.get("href") or token.attrs.get("src") or "")


def _allowed(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in ALLOWED_SCHEMES or (not scheme and url.startswith("#"))


def _scheme_problem(url: str) -> str:
    scheme = urlsplit(url.strip()).scheme.lower()
    what = f"links with the scheme '{scheme}:'" if scheme else f"the relative link {url!r}"
    return f"{what} {'are' if scheme else 'is'} not allowed in notes; use https://, http:// or mailto: addresses"


def _structure_problems(tokens: list[Token]) -> list[str]:
    problems = []
    for token in _walk(tokens):
        if token.type == "heading_open":
            problems.append("headings are not allowed in notes")
        elif token.type == "image":
            problems.append("images are not allowed in notes; link to the image instead")
    return problems


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])
