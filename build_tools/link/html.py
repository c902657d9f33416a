"""An article's paragraphs written straight to HTML: parsed once, by markdown-it, not written out and parsed again.

The paragraphs of an article body are most of what its page converts: written back as Markdown (mdformat)
and read by Python-Markdown, each costs two passes over its text that change nothing. A paragraph made
only of what this module writes exactly as Python-Markdown would write the Markdown for it (text, line
breaks, links, highlights with their markers, the archive's ids) is written as an HTML block instead,
which the conversion passes on untouched (`convert/held.py`); any other paragraph (emphasis, code, images,
an autolink, a highlight whose edge Python-Markdown might not read as one) stays Markdown. Only pages the
build converts, with extensions this is written for (`writes_for`), get them: Zensical converts its pages
itself, with its own Markdown.
The test that proves the two equal converts paragraphs both ways (tests/test_paragraph_html.py).

Text is written as Python-Markdown shows the escaped Markdown of it (`escape.escape_markdown`): the same
spaces, the same entities; attributes as Python-Markdown's serializer writes them (sorted, escaped alike).
Links to the archive's pages are written where they are published in the build's link style, as the
build's HTML lists are, and the link check reads them there (`registry.read_links`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet

from markdown_it.token import Token

from build_tools import urls
from build_tools.escape import (
    as_python_markdown_attribute,
    as_python_markdown_text,
    destination,
    escape_markdown,
    tooltip,
)
from build_tools.link.tokens import plain_text

WRITTEN_WITH = frozenset(
    {
        "toc",
        "tables",
        "fenced_code",
        "admonition",
        "attr_list",
        "pymdownx.mark",
        "pymdownx.highlight",
        "pymdownx.superfences",
    }
)
"""The Markdown extensions under which a paragraph is written here exactly as Python-Markdown converts it (those
of mkdocs.yml, MkDocs' builtins among them). Highlights and attribute lists need `pymdownx.mark` and `attr_list`;
another extension may read the same Markdown otherwise (`smarty`'s quotes, `magiclink`'s addresses), so with any
other, or with `pymdownx.mark` configured, paragraphs stay Markdown."""

_BACKSLASHED = re.compile(r"\\(.)")
_UNKNOWN = " "
"""What `_first_markdown` says of a token it does not know: white space, next to which no highlight is written."""


def writes_for(extensions: Collection[str], configs: Mapping[str, object]) -> bool:
    """Whether paragraphs are written as HTML for pages converted with `extensions` (and their `configs`)."""
    return {"attr_list", "pymdownx.mark"} <= set(extensions) <= WRITTEN_WITH and not configs.get("pymdownx.mark")


def write_paragraphs(tokens: list[Token], page: str, style: str, title: str) -> None:
    """Each top-level paragraph of `tokens` that can be written straight to HTML replaced by an HTML block
    (in place); `page` is the article's page, `style` the build's link style, `title` its heading's text. The
    caller says whether the build converts the page with extensions this writes for (`writes_for`)."""
    headings = {form for text in [title, *_headings(tokens)] for form in _loose_forms(text)}
    index = 0
    while index + 2 < len(tokens):
        opening, inline = tokens[index], tokens[index + 1]
        if opening.type == "paragraph_open" and opening.level == 0:  # (a top-level paragraph is never hidden)
            written = _paragraph_html(inline.children or [], page, style, headings)
            if written is not None:
                tokens[index : index + 3] = [Token("html_block", "", 0, content=written + "\n", map=opening.map)]
        index += 1


def _paragraph_html(children: list[Token], page: str, style: str, headings: AbstractSet[str]) -> str | None:
    """One paragraph's inline tokens as Python-Markdown would write them; None when it might not, or when an id
    in it could be a heading's (`headings`, as `_loose` gives them): the table of contents gives a heading
    another id only when it sees the element that has it, and MkDocs, converting the page itself, would not."""
    writer = _Writer(page, style)
    for position, token in enumerate(children):
        if not writer.add(token, children[position + 1] if position + 1 < len(children) else None):
            return None
    written = writer.html()
    return None if written is None or any(_loose(found) in headings for found in writer.ids) else written


class _Writer:
    """The HTML of one paragraph, token by token, and the last character of the Markdown it stands for."""

    def __init__(self, page: str, style: str) -> None:
        self.page, self.style = page, style
        self.parts: list[str | dict[str, str]] = []  # a link's attributes stay a dict until it is written
        self.attrs: dict[str, str] = {}  # the paragraph's own
        self.link: dict[str, str] | None = None  # the link open
        self.marker = False  # whether it is a note's marker (its number is the archive's text)
        self.closed: dict[str, str] | None = None  # the link just closed: an attribute list may follow it
        self.marked = False
        self.ids: list[str] = []
        self.before = ""  # the last character of the Markdown written so far

    def add(self, token: Token, after: Token | None) -> bool:
        """Write `token` (`after` is the one after it); False when it cannot be written here."""
        closed, self.closed = self.closed, None
        attrs, archive = token.meta.get("attrs"), token.meta.get("archive")
        if token.type == "text" and not archive:
            return self._text(token.content)
        if token.type == "text" and self.marker:
            self.parts.append(as_python_markdown_text(token.content))
            self.before = token.content[-1:]
            return True
        if token.type == "softbreak":
            return self._break()
        if token.type == "link_open":
            return self._open_link(token)
        if token.type == "link_close" and self.link is not None:
            return self._close_link()
        if token.meta.get("mark"):
            return self._mark(after)
        if attrs is not None and token.meta.get("block"):  # the paragraph's id, after its last line
            self.attrs = self._escaped(attrs)
            return after is None and not self.before.isspace()
        if attrs is not None and closed is not None:  # `{#id}` after the link
            closed.update(self._escaped(attrs))
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
        if self.link is not None or token.attrs.get("href") is None or token.markup in ("autolink", "linkify"):
            return False  # an autolink is written by Python-Markdown's own rules (an address, obfuscated)
        target = token.meta.get("target")  # a page of the archive: where it is published
        anchor = token.meta.get("anchor") or ""  # a place on that page (a quoted passage)
        written = destination(str(token.attrs["href"]))
        href = urls.link(self.page, target, anchor, style=self.style) if target else written
        self.link = {"href": as_python_markdown_attribute(href)}
        if token.attrs.get("title"):
            self.link["title"] = as_python_markdown_attribute(tooltip(str(token.attrs["title"])))
        self.marker = bool(token.meta.get("archive"))
        self.parts.append(self.link)
        self.before = "["
        return True

    def _close_link(self) -> bool:
        self.closed, self.link, self.marker = self.link, None, False
        self.parts.append("</a>")
        self.before = ")"
        return True

    def _mark(self, after: Token | None) -> bool:
        """A highlight's edge, written only where pymdownx.mark surely reads one: it opens after white space (or
        at the paragraph's start) before a character that is not white space, and closes after one that is
        not, before the note's marker. Its delimiter rules (punctuation, placeholders, combining marks) decide
        the rest, which are left to Markdown."""
        following = _first_markdown(after)
        if self.link is not None:
            return False
        if self.marked:
            if not self.before or self.before.isspace() or self.before == "=" or following != "[":
                return False
        elif not (self.before == "" or self.before.isspace()) or following.isspace() or following in ("", "="):
            return False
        self.parts.append("</mark>" if self.marked else "<mark>")
        self.marked = not self.marked
        self.before = "="
        return True

    def _escaped(self, attrs: dict[str, str]) -> dict[str, str]:
        self.ids += [attrs["id"]] if "id" in attrs else []
        return {key: as_python_markdown_attribute(value) for key, value in attrs.items()}

    def html(self) -> str | None:
        if self.marked or self.link is not None or not self.before or self.before.isspace():
            return None
        body = "".join(part if isinstance(part, str) else _tag("a", part) for part in self.parts)
        return _tag("p", self.attrs) + body + "</p>"


def _first_markdown(token: Token | None) -> str:
    """The first character of the Markdown `token` stands for ("" at the paragraph's end)."""
    if token is None:
        return ""
    if token.type == "text" and not token.meta.get("archive"):
        return escape_markdown(token.content)[:1] or _UNKNOWN  # written as nothing: what follows is not looked at
    if token.type == "link_open":
        return "["
    if token.meta.get("mark"):
        return "="
    return _UNKNOWN


def _headings(tokens: list[Token]) -> Iterable[str]:
    """The text of each heading of the body."""
    for before, token in itertools.pairwise(tokens):
        if before.type == "heading_open" and token.type == "inline":
            yield plain_text(token.children or [])


def _loose(text: str) -> str:
    """`text` reduced to its letters and digits, without accents, in one case: a heading's id (whatever the
    table of contents' slug function keeps of it, ASCII or not) and an id it equals reduce alike."""
    return "".join(char for char in unicodedata.normalize("NFKD", text).casefold() if char.isalnum())


def _loose_forms(heading: str) -> tuple[str, str]:
    """A heading's text as `_loose` gives it, and without what is not ASCII (the default slug function drops it)."""
    loose = _loose(heading)
    return loose, "".join(char for char in loose if char.isascii())


def _tag(name: str, attrs: dict[str, str]) -> str:
    """An opening tag, its attributes sorted as Python-Markdown writes them (values already escaped)."""
    return f"<{name}" + "".join(f' {key}="{value}"' for key, value in sorted(attrs.items())) + ">"
