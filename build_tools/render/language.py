"""Korean words marked as Korean: every run of Hangul in a page's text sits in `<span lang="ko">`.

Screen readers then read it with Korean rules and browsers pick a Korean font. It works
on the whole HTML of each page (the MkDocs hook's `on_post_page`), so it reaches every
source of Korean alike: a term's Korean name, aliases, sources' titles, notes and
descriptions (engines that ignore hooks, such as Zensical, do not get it). Only text
between tags is touched: attribute values (tooltips, whose language an attribute cannot
mark), comments and the contents of script, style, textarea and title elements are left
as they are.
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
    out, position = [], 0
    while markup := _MARKUP.search(html, position):
        out += [_RUN.sub(_span, html[position : markup.start()]), markup.group()]
        position = markup.end()
        raw = _RAW.match(markup.group())
        if raw and not markup.group().endswith("/>"):  # its contents are text up to its end tag, never markup
            close = re.compile(f"</{raw.group(1)}", re.I).search(html, position)
            end = close.start() if close else len(html)
            out.append(html[position:end])
            position = end
    out.append(_RUN.sub(_span, html[position:]))
    return "".join(out)


def _span(match: re.Match[str]) -> str:
    return f'<span lang="ko">{match.group()}</span>'
