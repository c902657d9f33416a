"""Korean words marked as Korean: every run of Hangul in a page's content sits in `<span lang="ko">`.

Screen readers then read it with Korean rules and browsers pick a Korean font. It works
on the HTML of the page's content (MkDocs' `on_page_content`), so it reaches every
source of Korean alike: a term's Korean name, aliases, sources' titles, notes and
descriptions. Only text between tags is touched: attribute values (tooltips, whose
language an attribute cannot mark), comments and the contents of script, style,
textarea and title elements are left as they are.
"""

from __future__ import annotations

import re

HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
"""Hangul syllables, jamo and compatibility jamo."""

_RUN = re.compile(f"[{HANGUL}]+(?:[\\s·,.:;!?'\"‘’“”\\-–—]+[{HANGUL}]+)*")
"""Korean words with the spaces and punctuation between them: one span per phrase, not per word."""

_MARKUP = re.compile(r"<!--.*?-->|<![^>]*>|<[^>]*>", re.S)
_RAW = re.compile(r"<(script|style|textarea|title)\b", re.I)


def mark_korean(html: str) -> str:
    """`html` with each run of Hangul in its text wrapped in `<span lang="ko">`."""
    if not re.search(f"[{HANGUL}]", html):
        return html
    out, position, raw = [], 0, ""
    for markup in _MARKUP.finditer(html):
        text = html[position : markup.start()]
        out += [text if raw else _RUN.sub(_span, text), markup.group()]
        raw = _inside_raw(markup.group(), raw)
        position = markup.end()
    out.append(_RUN.sub(_span, html[position:]) if not raw else html[position:])
    return "".join(out)


def _inside_raw(tag: str, raw: str) -> str:
    """The raw-text element (script, style...) the text after `tag` is inside, or ""."""
    if raw:
        return "" if tag.lower().startswith(f"</{raw}") else raw
    opened = _RAW.match(tag)
    return opened.group(1).lower() if opened and not tag.endswith("/>") else ""


def _span(match: re.Match[str]) -> str:
    return f'<span lang="ko">{match.group()}</span>'
