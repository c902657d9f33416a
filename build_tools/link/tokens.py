"""The markdown-it token stream an article body is linked on, and the plain text a reader sees of it."""

from __future__ import annotations

from collections.abc import Iterator

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


def archive_token(content: str, **meaning: object) -> Token:
    """Markdown the archive adds (not article text): passed through as is. `meaning` says what it stands for, for
    the paragraphs written straight to HTML (`link.html`): `mark=True` (a highlight's edge), `attrs` (an attribute
    list's attributes), `block=True` (for the paragraph, not the link before it)."""
    return Token("html_inline", "", 0, content=content, meta={"archive": True, **meaning})


def text_tokens(text: str) -> list[Token]:
    """Text tokens for `text`, its line breaks kept as soft breaks."""
    out: list[Token] = []
    for index, piece in enumerate(text.split("\n")):
        if index:
            out.append(Token("softbreak", "br", 0))
        if piece:
            out.append(Token("text", "", 0, content=piece))
    return out


LINK_DEPTH = {"link_open": 1, "link_close": -1}
"""How a token changes the depth of links around the tokens after it."""
