"""The rules of restricted Markdown: what contributed Markdown may hold before it reaches a page.

Markdown is refused, never silently changed. Every restricted field (notes,
definitions, descriptions) follows the note rules: no raw HTML, no link whose
scheme is not http, https or mailto (nor a relative one, but for a `#fragment`), no image, no attribute
list (`{: ...}`), no heading and no definition (link reference, abbreviation,
footnote) that could change how the rest of the page renders. Article text follows
the article rules: the words as published may have headings, images and link
references, but no raw HTML, attribute lists or links to anything but
http(s)/mailto.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from build_tools.markdown import Parsed
from build_tools.text import hidden_character

MAX_NOTE_BYTES = 10_000
ALLOWED_SCHEMES = ("http", "https", "mailto")

Rules = Callable[[Parsed, str], list[tuple[int, str]]]
"""(a text and its parse, what the field holds, e.g. "notes") -> (character offset, problem) for each problem."""

_HTML = re.compile(r"<[A-Za-z/!?]")
_ATTR_START = re.compile(r"\{\s*[:#.]")
_BRACES = re.compile(r"[{}=\n]")
_DEFINITION_START = re.compile(r"^ {0,3}(?:\*\[|\[\^|\[)", re.M)
_DESTINATION = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
_DEFINITION = re.compile(r"^[ \t>0-9.)*+-]*\[[^\]\n]*\]:[ \t]*\n?[ \t>]*<?([^\s>]*)", re.M)
"""A link reference definition's address as written (in a quote or list item too): one or two lines each."""


def note_problems(parsed: Parsed, what: str = "notes") -> list[tuple[int, str]]:
    """The note rules (notes, definitions, descriptions); offsets of the problems' first signs."""
    return _prose_problems(parsed, what, (*ALLOWED_SCHEMES, "#"), headings=False)


QUOTATION_SCHEME = "archive"
"""A briefing's link to `archive:<slug>` quotes that article (`link.briefings`)."""


def quoted_slug(href: str) -> str | None:
    """What a briefing's link quotes: what follows `archive:` (in any case), or None for another link."""
    return href.split(":", 1)[1] if _scheme(href) == QUOTATION_SCHEME else None


def briefing_problems(parsed: Parsed, what: str = "briefings") -> list[tuple[int, str]]:
    """The briefing rules: the note rules, but section headings (`##` and below) are fine, a link may quote an
    article (`[the exact words](archive:<slug>)`), and none may point into the page (`#...`: the page's ids are
    the build's, and a footnote is cited as `[^id]`)."""
    return _prose_problems(parsed, what, (*ALLOWED_SCHEMES, QUOTATION_SCHEME), headings=True)


def _prose_problems(parsed: Parsed, what: str, schemes: tuple[str, ...], *, headings: bool) -> list[tuple[int, str]]:
    text, tokens = parsed.text, parsed.tokens
    found = _markup_problems(text, what)
    definitions = _definitions(text) + [offset for offset, _ in _defined(parsed)]  # in lists and quotes too
    definition = f"link, abbreviation or footnote definitions (`[x]: ...`) are not allowed in {what}"
    found += [(offset, f"{definition}; write the address in the link: [words](https://...)") for offset in definitions]
    found += _link_problems(parsed, what, schemes)
    found += _structure_problems(text, tokens, what, headings=headings)
    found += _heading_problems(text, tokens, what) if headings else []
    found += _token_problems(text, tokens, what)
    return _first_of_each(found)


def _heading_problems(text: str, tokens: list[Token], what: str) -> list[tuple[int, str]]:
    """Sections start at `##`, at most `MAX_HEADINGS`; no heading quotes or cites (checked in paragraphs only)."""
    headings = [index for index, token in enumerate(tokens) if token.type == "heading_open"]
    found = []
    starts = _line_starts(text) if headings else []
    for number, index in enumerate(headings):
        token, inline = tokens[index], tokens[index + 1]
        at = starts[token.map[0]] if token.map else 0
        if token.tag == "h1":
            found.append((at, f"a `#` heading is not allowed in {what}; start sections with `##`"))
        if number == MAX_HEADINGS:
            found.append((at, f"more than {MAX_HEADINGS} headings are not allowed in {what}"))
        children = list(_walk(inline.children or []))
        if any(quoted_slug(str(child.attrs.get("href") or "")) is not None for child in children):
            found.append((at, f"a heading may not quote an article in {what}; quote it in a paragraph"))
        if any(child.type == "text" and "[^" in child.content for child in children):
            found.append((at, f"a heading may not cite a footnote in {what}; cite it in a paragraph"))
    return found


def article_problems(parsed: Parsed, what: str = "articles") -> list[tuple[int, str]]:
    """The article rules: the words as published, without markup or scripts. Headings, images and
    link references are fine."""
    text, tokens = parsed.text, parsed.tokens
    found = _markup_problems(text, what) + _link_problems(parsed, what, (*ALLOWED_SCHEMES, "#"))
    found += _token_problems(text, tokens, what)
    headings = [token for token in tokens if token.type == "heading_open"]
    if len(headings) > MAX_HEADINGS:
        at = _line_starts(text)[headings[MAX_HEADINGS].map[0]] if headings[MAX_HEADINGS].map else 0
        found.append((at, f"more than {MAX_HEADINGS} headings are not allowed in {what}"))
    return _first_of_each(found, keep_all=True)


MAX_NESTING = 12
"""Emphasis, links and code, and block quotes and lists, nested deeper than this are refused: no text needs
it, renderers recurse, and markdown-it drops what is nested past 20 levels without a word."""
MAX_PARAGRAPH = 5_000
"""A paragraph (or heading, or list item's text) longer than this is refused: Python-Markdown's inline
parsing takes time that grows faster than linearly in a paragraph dense in escapes (0.15 s for 5,000 '&'
on the bench machine, 0.2 s for 10,000), so a paragraph's cost is bounded and a hostile 1 MB article
costs MkDocs about half a minute, not hours. The longest paragraph of the archive's articles has 383
characters."""
MAX_HEADINGS = 100
"""An article has at most this many headings: MkDocs' search indexing looks each one up in the page's table of
contents one by one, which takes time that grows with the square of their number."""
_LANGUAGE = re.compile(r"[A-Za-z0-9_+.#-]*")


def _token_problems(text: str, tokens: list[Token], what: str) -> list[tuple[int, str]]:
    """What only the parse shows: a code block's info that is not a language name (Python-Markdown
    reads `{ ... }` there as attributes), nesting too deep, hidden characters written as entities."""
    found, starts = [], []
    for index, token in enumerate(tokens):
        problems = []
        if token.type in ("fence", "code_block") and _opens_item(tokens, index):
            problems.append(f"a list item may not start with a code block in {what}; write a line of text first")
        if token.type == "fence" and not _LANGUAGE.fullmatch(token.info.strip()):
            problems.append(f"a code block's info must be a language name such as python, in {what}")
        if _depth(token.children or []) > MAX_NESTING:
            problems.append(f"emphasis or links nested more than {MAX_NESTING} deep are not allowed in {what}")
        if token.level > MAX_NESTING:
            problems.append(f"block quotes and lists nested more than {MAX_NESTING} deep are not allowed in {what}")
        if token.type == "inline" and len(token.content) > MAX_PARAGRAPH:
            problems.append(f"a paragraph of more than {MAX_PARAGRAPH:,} characters is not allowed in {what}; split it")
        for child in _walk(token.children or []):
            hidden = hidden_character(child.content) if child.type == "text" else None
            if hidden:
                problems.append(f"invisible character {hidden[1]} (written as an entity) in {what}")
        if problems:
            starts = starts or _line_starts(text)  # made once, and only when there is a problem
            found += [(starts[token.map[0]] if token.map else 0, problem) for problem in problems]
    return found


def _opens_item(tokens: list[Token], index: int) -> bool:
    """True when the block at `index` is the first of a list item (perhaps inside a quote there):
    Python-Markdown's fences are not seen on a list marker's line, so their code would be read as Markdown."""
    index -= 1
    while index >= 0 and tokens[index].type == "blockquote_open":
        index -= 1
    return index >= 0 and tokens[index].type == "list_item_open"


def _line_starts(text: str) -> list[int]:
    """The offset in `text` at which each of its lines starts."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _depth(children: list[Token]) -> int:
    level = deepest = 0
    for child in children:
        level += child.nesting
        deepest = max(deepest, level)
    return deepest


def _markup_problems(text: str, what: str) -> list[tuple[int, str]]:
    html = f"raw HTML is not allowed in {what} (found a `<` tag); write Markdown, e.g. [text](https://...)"
    attrs = f"attribute lists such as `{{: ...}}` are not allowed in {what}; write the words without the braces"
    return [(m.start(), html) for m in _HTML.finditer(text)] + [(offset, attrs) for offset in _attribute_lists(text)]


def _attribute_lists(text: str) -> list[int]:
    """Where something Python-Markdown could read as an attribute list starts: `{` then `:`, `#` or `.`
    (spaces between), or `{` then `=` before any `}` on the same line. One pass over the braces."""
    found = [match.start() for match in _ATTR_START.finditer(text)]
    opened = None
    for match in _BRACES.finditer(text):
        sign = match.group()
        if sign == "{" and opened is None:
            opened = match.start()
        elif sign == "=" and opened is not None:
            found.append(opened)
            opened = None
        elif sign in "}\n":
            opened = None
    return sorted(set(found))


def _definitions(text: str) -> list[int]:
    """Where a link, abbreviation or footnote definition (`[x]: ...`, `*[x]: ...`, `[^x]: ...`) starts a line:
    its label runs to the next `]` (across lines, as Python-Markdown reads it), which is found once for all."""
    found, close = [], -1
    for match in _DEFINITION_START.finditer(text):
        if close < match.end():
            close = text.find("]", match.end())
            if close < 0:
                break
        label_ok = close > match.end() or match.group().endswith(("*[", "[^"))
        if label_ok and text.startswith(":", close + 1):
            found.append(match.start())
    return found


def _link_problems(parsed: Parsed, what: str, schemes: tuple[str, ...]) -> list[tuple[int, str]]:
    """Each destination that is not allowed (its scheme not among `schemes`), once, at the first place it is
    found."""
    first: dict[str, int] = {}
    for offset, url in _destinations(parsed):
        first.setdefault(url, offset)
    return [(offset, _scheme_problem(url, what)) for url, offset in first.items() if not _allowed(url, schemes)]


def _first_of_each(found: list[tuple[int, str]], *, keep_all: bool = False) -> list[tuple[int, str]]:
    """Sorted by offset; each problem once (or, with `keep_all`, once per place)."""
    seen: dict[object, tuple[int, str]] = {}
    for offset, problem in sorted(found):
        seen.setdefault((offset, problem) if keep_all else problem, (offset, problem))
    return sorted(seen.values())


def _destinations(parsed: Parsed) -> Iterator[tuple[int, str]]:
    """(offset, address) of every link and image: as written, and as the parser reads them (a reference's
    address, an autolink), these at the start of their block; and of every reference definition, used or not."""
    text, tokens = parsed.text, parsed.tokens
    for match in _DESTINATION.finditer(text):
        yield match.start(1), match.group(1)
    starts, block = None, 0
    for token in tokens:
        if token.map:
            starts = starts or _line_starts(text)
            block = starts[token.map[0]]
        for found in _walk([token]):
            if found.type in ("link_open", "image"):
                yield block, str(found.attrs.get("href") or found.attrs.get("src") or "")
    yield from _defined(parsed)


def _defined(parsed: Parsed) -> Iterator[tuple[int, str]]:
    """(offset, address) of every link reference definition markdown-it read, used or not: at the line that
    writes its address (read as markdown-it reads it), or else at the text's start."""
    references = parsed.env.get("references") or {}
    if not references:
        return
    written: dict[str, int] = {}
    for match in _DEFINITION.finditer(parsed.text):
        written.setdefault(normalizeLink(unescapeAll(match.group(1))), match.start(1))
    for definition in references.values():
        address = str(definition.get("href") or "")
        yield written.get(address, 0), address


def _allowed(url: str, schemes: tuple[str, ...]) -> bool:
    """Whether `url`'s scheme is one of `schemes` ("#" among them: a link within the page)."""
    scheme = _scheme(url)
    return scheme in schemes or (scheme == "" and url.startswith("#") and "#" in schemes)


def _scheme(url: str) -> str | None:
    """The address's scheme, lower-case ("" for none); None when it is no address at all (`http://[x]`)."""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None


def _scheme_problem(url: str, what: str) -> str:
    scheme = _scheme(url)
    if scheme is None:
        return f"{url!r} is not a valid address, so it is not allowed in {what}; check the link"
    subject = f"links with the scheme '{scheme}:'" if scheme else f"the relative link {url!r}"
    verb = "are" if scheme else "is"
    return f"{subject} {verb} not allowed in {what}; use https://, http:// or mailto: addresses"


_STRUCTURE = {"heading_open": "headings are not allowed in {}", "image": "images are not allowed in {}; link to it"}


def _structure_problems(text: str, tokens: list[Token], what: str, *, headings: bool) -> list[tuple[int, str]]:
    """Headings (unless allowed) and images, each at the start of its block."""
    refused = {kind: rule for kind, rule in _STRUCTURE.items() if not (headings and kind == "heading_open")}
    problems, starts = [], None
    for token in tokens:
        for found in _walk([token]):
            if found.type in refused:
                starts = starts or _line_starts(text)
                problems.append((starts[token.map[0]] if token.map else 0, refused[found.type].format(what)))
    return problems


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])
