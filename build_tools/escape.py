"""How each kind of value is written into each output: decided by the value's type alone.

`markdown()` places any value in a page: plain text (and any string of unknown
origin) is escaped so it shows exactly as typed; checked Markdown and identifiers
go in as they are; a URL is encoded for a link destination. The templates apply it
to every `{{ ... }}` (see `build_tools.render.environment`), so a value nobody
remembered to escape is escaped anyway. The other functions serve the other outputs: link titles
(tooltips), front matter (HTML <title> and <meta>),
RSS (HTML inside XML), JSON (feeds) and the lists the build writes as HTML (`html_value`).
"""

from __future__ import annotations

import html
import html.entities
import json
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

from markdown.serializers import _escape_attrib_html, _escape_cdata
from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import validateLink

from build_tools.values import Identifier, Markdown, Url

_MD_SPECIAL = re.compile(r"[\\`*_{}#!|]")
_ENTITIES = {"[": "&#91;", "]": "&#93;"}
"""Brackets as entities, not backslash escapes: Python-Markdown reads link definitions (`[x]: ...`) in a
block before it sees any backslash."""
_FENCE = re.compile(r"~{3,}")
_LINE_START = re.compile(r"^\s*(?:[-+]|[0-9]+[.)])")
_SPACES = re.compile(r"\s+")
_PLAIN = re.compile(r"[^\s&<>\\`*_\[\]{}#!|=~]*(?: [^\s&<>\\`*_\[\]{}#!|=~]+)*")
"""Text with nothing to escape: no special character, no run of whitespace (most values)."""


def markdown(value: Any) -> Markdown:
    """Any value as Markdown for a page, escaped according to its type."""
    if isinstance(value, Markdown):
        return value
    if isinstance(value, Identifier):
        return Markdown(value)  # letters, digits and hyphens: checked when it was made
    if isinstance(value, Url):
        return Markdown(destination(value))
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Markdown(str(value))
    raise TypeError(f"a {type(value).__name__} cannot be placed in a page; give the template its text")


def escape_markdown(text: str) -> Markdown:
    """Plain text as Markdown that shows exactly as typed, on one line: no markup, link, list or entity."""
    if _PLAIN.fullmatch(text) and not _LINE_START.match(text):
        return Markdown(text)
    text = _SPACES.sub(" ", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(_backslashed, text).replace("[", "&#91;").replace("]", "&#93;")
    text = text.replace("=", "&#61;")  # `==x==` is a highlight, and a lone `=` can join the build's own `==`
    text = _FENCE.sub(lambda m: "&#126;" * len(m.group()), text)  # a `~~~` fence, wherever a line may start
    start = _LINE_START.match(text)
    if start:
        text = (
            start.group().replace("-", "\\-").replace("+", "\\+").replace(".", "\\.").replace(")", "\\)")
            + text[start.end() :]
        )
    return Markdown(text)


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group()


_NOT_IN_DESTINATIONS = re.compile(r'[\s<>"\'{}|\\^`\[\]]')


def destination(url: str) -> str:
    """A URL as a Markdown link destination: characters that could end or change the link are
    percent-encoded, and so are parentheses unless they are balanced.

    An address markdown-it itself would not link (`javascript:`, `vbscript:`, `file:`, most `data:`) never gets
    here from contributed text: the rules refuse every address but http(s), mailto and `#fragment`, and the one
    parse they read keeps every address so they can. Should one get through, the build stops here rather than
    write it."""
    if not validateLink(url):
        raise ValueError(f"refused to write the address {url!r} as a link: the rules should have refused it")
    encoded = _NOT_IN_DESTINATIONS.sub(lambda m: quote(m.group(), safe=""), url)
    depth = 0
    for char in encoded:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    return encoded if depth == 0 else encoded.replace("(", "%28").replace(")", "%29")


TOOLTIP_ENTITIES = {
    '"': "&quot;", "(": "&#40;", ")": "&#41;", "\\": "&#92;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
    "{": "&#123;", "}": "&#125;",
}  # fmt: skip
"""What could end a link's title (Python-Markdown ends it at a quote of either kind before a `)`, so no
`)` is left), or be read before the link is (a code span, a reference), as entities."""


def tooltip(value: str) -> str:
    """Text for the quoted title of a Markdown link (a tooltip): entities, which both Markdown
    parsers and browsers decode, for everything that could end the title or change it."""
    text = html.escape(" ".join(text_of(value).split()), quote=False)
    for char, entity in TOOLTIP_ENTITIES.items():
        text = text.replace(char, entity)
    return text


def front_matter(value: str) -> Markdown:
    """A double-quoted YAML scalar for a page's front matter, HTML-escaped.

    MkDocs and Material put front-matter values (title, description) into the page's
    <title>, <meta> attributes and search index without escaping them, so the
    escaping is done here: `</title><script>` then shows as typed.
    """
    escaped = " ".join(text_of(value).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markdown(json.dumps(escaped.replace('"', "&quot;"), ensure_ascii=False))


def html_value(value: Any) -> str:
    """Any value as HTML text or a quoted attribute value, for the blocks the build writes as HTML.

    Plain text, identifiers and URLs show exactly as typed; contributed Markdown is refused: it
    is rendered only where the engine renders it (in the Markdown of the page), never pasted as HTML."""
    if isinstance(value, Markdown):
        raise TypeError("Markdown cannot go into an HTML block; place it in the Markdown part of the page")
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"a {type(value).__name__} cannot be placed in a page; give the template its text")


def as_python_markdown_text(html_text: str) -> str:
    """Text as Python-Markdown's serializer writes it into HTML: `<`, `>` and an `&` that starts no entity
    escaped (for HTML written to be byte for byte what it would have converted: `link.html`)."""
    return _escape_cdata(html_text)


def as_python_markdown_attribute(value: str) -> str:
    """An attribute's value as Python-Markdown's serializer writes it: `as_python_markdown_text`, and `"`."""
    return _escape_attrib_html(value)


def html_text(value: str) -> str:
    """Any value as HTML text (RSS descriptions and titles, which readers treat as HTML)."""
    return html.escape(text_of(value), quote=False)


_MARKUP_START = re.compile(r"(<)(?=[A-Za-z/!?])|(&)(?=#[0-9xX]|[A-Za-z][A-Za-z0-9]*)")
WORD_JOINER = "\u2060"


def inert(text: str) -> str:
    """Plain text for the files and tags reference managers read, where it cannot be taken as formatting.

    citeproc-js reads `<i>`, `<b>`, `<sup>`, `<sub>`, `<sc>` and two `<span>`s in CSL-JSON as
    formatting, and so does Zotero in every title it stores (from CSL-JSON, BibTeX or `citation_title`);
    its RIS import parses the value as HTML, dropping tags and decoding entities. None of them has an
    escape. A word joiner (U+2060, which shows nothing and does not break the word) after a `<` or `&`
    that starts a tag or an entity makes every one of them keep the characters as typed. An `&` that starts
    no entity ("Q&A", "AT&T", "R&D") is left alone: HTML reads it as text."""
    return _MARKUP_START.sub(_joined, text)


def _joined(match: re.Match[str]) -> str:
    if match.group(1) or _is_entity(match.string, match.end()):
        return match.group() + WORD_JOINER
    return match.group()


def _is_entity(text: str, start: int) -> bool:
    """True when an entity an HTML parser decodes starts at `start` (just after an `&`): `#...`, or a name of
    HTML5's entities, of which the old ones (`amp`, `lt`, `copy`...) need no `;`."""
    if text.startswith("#", start):
        return True
    name = re.match(r"[A-Za-z][A-Za-z0-9]{0,31};?", text[start : start + 33])
    words = name.group() if name else ""
    return any(words[:size] in html.entities.html5 for size in range(1, len(words) + 1))


def json_document(data: Any) -> str:
    """JSON whose strings can hold no markup, even read as HTML: `<`, `>` and `&` as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


_TAG = re.compile(r"<[^>]*>")
_RENDERER = MarkdownIt("commonmark")


def text_of(value: str) -> str:
    """The words of a value as a reader sees them: checked Markdown is rendered and its tags dropped."""
    if not isinstance(value, Markdown):
        return str(value)
    rendered = _RENDERER.render(value)
    return " ".join(html.unescape(_TAG.sub(" ", rendered)).split())


_SUSPECT_WORDS = (
    "<script", "<iframe", "<object", "<embed", "<form", "<base", "<meta", "<link", "<svg", "<math", "<style",
    "srcdoc", "formaction",
)  # fmt: skip
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=")
_UNUSUAL_ADDRESS = re.compile(
    r"""\b(?:href|src|action|data|poster|background)\s*=\s*(?!["']?(?:https?://|mailto:|[#/?]|\.{1,2}/"""
    r"""|[a-z0-9_-]+(?:[./#?"'>\s]|$)))"""
)
"""An address that does not start the way safe ones do (a scheme hidden by entities included)."""
_ANY_SUSPECT_WORD = re.compile("|".join(re.escape(word) for word in _SUSPECT_WORDS))
_ADDRESS_NAME = re.compile("href|src|action|data|poster|background")
"""Where `_UNUSUAL_ADDRESS` may start. It starts with a word boundary, which Python's engine tries at every
character of a page; it is tried only where one of these names starts (a name starting inside another, which
`finditer` passes over, follows a letter: no word boundary there)."""


def _suspect(lowered: str) -> bool:
    """A quick look for anything that could be live, cheap at any size (it over-approximates: a page it
    finds nothing in needs no closer look). One pass finds every suspect word."""
    return (
        _ANY_SUSPECT_WORD.search(lowered) is not None
        or _HANDLER.search(lowered) is not None
        or any(_UNUSUAL_ADDRESS.match(lowered, name.start()) for name in _ADDRESS_NAME.finditer(lowered))
    )


ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "base", "meta", "link", "svg", "math", "style"}
_RAW_ACTIVE = re.compile(r"<(script|iframe|object|embed|form|base|meta|link|svg|math|style)[\s/>]")
_RAW_HANDLER = re.compile(r"<[a-z][a-z0-9]*[^<>]*?\son[a-z]+\s*=")
_RAW_SCRIPT_ADDRESS = re.compile(
    r"""(?:href|src|action|data|poster|background)\s*=\s*["']?\s*(?:javascript|vbscript|data):"""
)
"""An active element's tag, an event handler or a script address, looked for in what Python's HTML parser takes
for a comment or a CDATA section and a browser may not (`<!--><script>`, `<![CDATA[ ><script>`,
`<!---><img onerror=...>`): our pages' content holds no comment."""
URL_ATTRIBUTES = {"href", "src", "action", "data", "poster", "background", "xlink:href"}
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden: list[str] = []
        """What Python's parser reads as comments, declarations and processing instructions, which browsers
        may not (`<!-->` ends a comment at once for a browser): looked at again for markup."""

    def handle_comment(self, data: str) -> None:
        self.hidden.append(data)

    def handle_decl(self, decl: str) -> None:
        self.hidden.append(decl)

    def unknown_decl(self, data: str) -> None:
        self.hidden.append(data)

    def handle_pi(self, data: str) -> None:
        self.hidden.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}=...>")
            address = _IGNORED_IN_URLS.sub("", value or "").lower()
            if name in URL_ATTRIBUTES and address.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={address[:30]!r}>")


def live_markup(html_text: str) -> list[str]:
    """What in a page's rendered content a browser would run or follow to a script: an active element
    (script, iframe, form...), an event handler, a javascript:/data:/vbscript: address.

    Everything above is meant to make this impossible; the MkDocs hook checks every page with it, so a
    way round the escaping that nobody has found yet stops the build instead of reaching readers."""
    lowered = html_text.lower()
    if not _suspect(lowered):
        return []
    parser = _Live()
    parser.feed(html_text)
    parser.close()
    hidden = " ".join(parser.hidden).lower()  # what Python's parser took for comments and declarations
    raw = [f"<{tag}>" for tag in dict.fromkeys(_RAW_ACTIVE.findall(hidden))]
    raw += ["an event handler"] if _RAW_HANDLER.search(hidden) else []
    raw += ["a script address"] if _RAW_SCRIPT_ADDRESS.search(hidden) else []
    return parser.found + [f"{found} (in what only looks like a comment)" for found in raw]
