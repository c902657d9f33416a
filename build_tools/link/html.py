"""An article's paragraphs written straight to HTML: parsed once, by markdown-it, not written out and parsed again.

The paragraphs of an article body are most of what its page converts: written back as Markdown (mdformat)
and read by Python-Markdown, each costs two passes over its text that change nothing. A paragraph made
only of what this module writes exactly as Python-Markdown would write the Markdown for it (text, line
breaks, links, highlights with their markers, the archive's ids) is written as an HTML block instead,
which the conversion passes on untouched (`convert.page`); any other paragraph (emphasis, code, images,
a highlight Python-Markdown would not read as one) stays Markdown. The test that proves the two equal
converts every paragraph both ways (tests/test_paragraph_html.py).

Text is written as Python-Markdown shows the escaped Markdown of it (`escape.escape_markdown`): the same
spaces, the same entities; attributes as Python-Markdown's serializer writes them (sorted, escaped alike).
Links to the archive's pages are written where they are published in the build's link style, as the
build's HTML lists are, and the link check reads them there (`registry.read_links`).
"""

from __future__ import annotations

import re

from markdown.serializers import _escape_attrib_html, _escape_cdata
from markdown_it.token import Token

from build_tools import urls
from build_tools.escape import destination, escape_markdown, tooltip

_BACKSLASHED = re.compile(r"\\(.)")
_WORD = re.compile(r"\w")


def write_paragraphs(tokens: list[Token], page: str, style: str) -> None:
    """Each top-level paragraph of `tokens` that can be written straight to HTML replaced by an HTML block
    (in place); `page` is the article's page, `style` the build's link style."""
    index = 0
    while index + 2 < len(tokens):
        opening, inline = tokens[index], tokens[index + 1]
        if opening.type == "paragraph_open" and opening.level == 0 and not opening.hidden:
            written = paragraph_html(inline.children or [], page, style)
            if written is not None:
                tokens[index : index + 3] = [Token("html_block", "", 0, content=written + "\n", map=opening.map)]
        index += 1


def paragraph_html(children: list[Token], page: str, style: str) -> str | None:
    """One paragraph's inline tokens as Python-Markdown would write them; None when it might not."""
    writer = _Writer(page, style)
    for position, token in enumerate(children):
        if not writer.add(token, children[position + 1] if position + 1 < len(children) else None):
            return None
    return writer.html()


class _Writer:
    """The HTML of one paragraph, token by token, and the last character of the Markdown it stands for."""

    def __init__(self, page: str, style: str) -> None:
        self.page, self.style = page, style
        self.parts: list[str | dict[str, str]] = []  # an element's attributes stay a dict until it is written
        self.attrs: dict[str, str] = {}  # the paragraph's own
        self.opened: list[dict[str, str]] = []  # the links open, innermost last
        self.last_link: dict[str, str] | None = None  # the link just closed: an attribute list may follow it
        self.marked = False
        self.before = ""  # the last character of the Markdown written so far

    def add(self, token: Token, after: Token | None) -> bool:
        """Write `token` (`after` is the one after it); False when it cannot be written here."""
        just_closed, self.last_link = self.last_link, None
        attrs = token.meta.get("attrs")
        if token.type == "text" and not token.meta.get("archive"):
            return self._text(token.content)
        if token.type == "softbreak":
            return self._break()
        if token.type == "link_open":
            return self._open_link(token)
        if token.type == "link_close" and self.opened:
            return self._close_link()
        if token.type == "text" and self.opened and self.opened[-1].get("archive"):  # a marker's number
            self.parts.append(_escape_cdata(token.content))
            self.before = token.content[-1:]
            return True
        if token.meta.get("mark"):
            return self._mark(after)
        if attrs is not None and token.meta.get("block"):  # the paragraph's id, after its last line
            self.attrs = _escaped(attrs)
            return after is None and not self.before.isspace()
        if attrs is not None and just_closed is not None:
            just_closed.update(_escaped(attrs))
            self.before = "}"
            return True
        return False

    def _text(self, content: str) -> bool:
        markdown = escape_markdown(content)
        if not markdown:
            return True
        if self.before in ("", "\n") and markdown[0].isspace():  # a line that starts with spaces: left to Markdown
            return False
        self.parts.append(_BACKSLASHED.sub(r"\1", markdown))
        self.before = markdown[-1]
        return True

    def _break(self) -> bool:
        if self.before.isspace():  # a line ending in spaces could be read as a hard break
            return False
        self.parts.append("\n")
        self.before = "\n"
        return True

    def _open_link(self, token: Token) -> bool:
        if self.opened or token.attrs.get("href") is None:
            return False
        target = token.meta.get("target")  # a page of the archive: where it is published
        href = urls.link(self.page, target, style=self.style) if target else destination(str(token.attrs["href"]))
        attrs = {"href": _escape_attrib_html(href)}
        if token.attrs.get("title"):
            attrs["title"] = _escape_attrib_html(tooltip(str(token.attrs["title"])))
        if token.meta.get("archive"):
            attrs["archive"] = "yes"
        self.opened.append(attrs)
        self.parts.append(attrs)
        self.before = "["
        return True

    def _close_link(self) -> bool:
        self.last_link = self.opened.pop()
        self.parts.append("</a>")
        self.before = ")"
        return True

    def _mark(self, after: Token | None) -> bool:
        """A highlight's edge, written only where Python-Markdown's `mark` (smart) reads one: not inside a word,
        not next to white space on its inner side."""
        following = _first_markdown(after)
        outer, inner = (following, self.before) if self.marked else (self.before, following)
        if self.opened or _WORD.match(outer) or "=" in (outer, inner) or not inner or inner.isspace():
            return False
        self.parts.append("</mark>" if self.marked else "<mark>")
        self.marked = not self.marked
        self.before = "="
        return True

    def html(self) -> str | None:
        if self.marked or self.opened or not self.before or self.before.isspace():
            return None
        body = "".join(part if isinstance(part, str) else _tag("a", part) for part in self.parts)
        return _tag("p", self.attrs) + body + "</p>"


def _first_markdown(token: Token | None) -> str:
    """The first character of the Markdown `token` stands for ("" at the paragraph's end)."""
    if token is None:
        return ""
    if token.type == "text" and not token.meta.get("archive"):
        return escape_markdown(token.content)[:1] or " "  # an empty text is written as nothing: not looked past
    if token.type == "softbreak":
        return "\n"
    if token.type == "link_open":
        return "["
    if token.meta.get("mark"):
        return "="
    return token.content[:1] or "?"


def _escaped(attrs: dict[str, str]) -> dict[str, str]:
    return {key: _escape_attrib_html(value) for key, value in attrs.items()}


def _tag(name: str, attrs: dict[str, str]) -> str:
    """An opening tag, its attributes sorted as Python-Markdown writes them (values already escaped)."""
    written = "".join(f' {key}="{value}"' for key, value in sorted(attrs.items()) if key != "archive")
    return f"<{name}{written}>"
