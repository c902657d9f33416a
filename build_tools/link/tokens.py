"""The markdown-it token stream an article body is linked on, and the plain text a reader sees of it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from markdown_it.token import Token


def linkable_inlines(tokens: list[Token]) -> Iterator[Token]:
    """The inline tokens of every paragraph and list item: all text outside headings."""
    in_heading = False
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            yield token


def plain_text(children: list[Token]) -> str:
    """What a reader sees of a paragraph's inline tokens."""
    return "".join(plain(child) for child in children)


def plain(token: Token) -> str:
    """What a reader sees of one token (nothing of what the archive added)."""
    if token.meta.get("archive"):
        return ""
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    if token.children:
        return "".join(plain(child) for child in token.children)
    return token.content


def archive_token(content: str, *, mark: bool = False) -> Token:
    """Markdown the archive adds (not article text): passed through as is. `mark`: a highlight's edge (`==`), as
    the paragraphs written straight to HTML read it (`link.html`)."""
    return Token("html_inline", "", 0, content=content, meta={"archive": True, "mark": mark})


def attribute_list(attrs: Mapping[str, str], *, block: bool = False) -> Token:
    """The archive's attributes for the link before it (`{#id .class name="value"}`) or, as a `block`, for the
    paragraph (`{: #id }` on a line after it): written from `attrs` (identifiers and plain words), which the
    paragraphs written straight to HTML read instead (`link.html`)."""
    parts = [_attribute(key, value) for key, value in attrs.items()]
    content = f"\n{{: {' '.join(parts)} }}" if block else "{" + " ".join(parts) + "}"
    return Token("html_inline", "", 0, content=content, meta={"archive": True, "attrs": dict(attrs), "block": block})


def text_tokens(text: str) -> list[Token]:
    """Text tokens for `text`, its line breaks kept as soft breaks."""
    out: list[Token] = []
    for index, piece in enumerate(text.split("\n")):
        if index:
            out.append(Token("softbreak", "br", 0))
        if piece:
            out.append(Token("text", "", 0, content=piece))
    return out


def _attribute(key: str, value: str) -> str:
    """One attribute as attr_list writes it."""
    if key == "id":
        return f"#{value}"
    return f".{value}" if key == "class" else f'{key}="{value}"'


LINK_DEPTH = {"link_open": 1, "link_close": -1}
"""How a token changes the depth of links around the tokens after it."""
