"""What a contributed web address must be: http(s), a real host name, a real port.

Read by hand, left to right, in one pass (a regular expression with two quantifiers over
the host took quadratic time on a long run of dots). The host is a name of at least two
labels, each of letters, digits, hyphens (not at either end) and underscores, with an
alphabetic top-level label; no address by number (`https://127.0.0.1/`), no `https://-.-/`.
A label in another script is allowed (Korean sites have them) when all its letters are
of one script: a label mixing Latin with Cyrillic or Greek is how look-alike addresses
(`аpple.com`) are made. A port, if given, is 1 to 65535.
"""

from __future__ import annotations

import re
import unicodedata

MAX_HOST = 253
MAX_LABEL = 63
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?", re.I)
_TOP = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}", re.I)
_SCHEMES = ("https://", "http://")
_EAST_ASIAN = {"CJK", "HANGUL", "HIRAGANA", "KATAKANA"}
"""Scripts written together: Korean mixes Hangul and Hanja, Japanese kana and kanji."""


def address_problem(raw: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) with the address `raw`, or None when it is a good one."""
    scheme = next((s for s in _SCHEMES if raw.startswith(s)), None)
    if scheme is None:
        return "is not a web address", "give the full https:// (or http://) address"
    rest = raw[len(scheme) :]
    cut = min((rest.find(c) for c in "/?#" if c in rest), default=len(rest))
    authority = rest[:cut]
    if "@" in authority:
        return "names a user before the host (`user@`)", "give the page's own address, without a user name"
    host, colon, port = authority.partition(":")
    if colon and not (port.isascii() and port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535):
        shown = port if len(port) <= 12 else port[:12] + "…"
        return f"has the port {shown!r}, which no server listens on", "give a port from 1 to 65535, or none"
    problem = _host_problem(host)
    return (
        (problem, "give the site's name as its address shows it, e.g. https://www.example.org/...") if problem else None
    )


def _host_problem(host: str) -> str | None:
    labels = host.split(".")
    if len(host) > MAX_HOST or len(labels) < 2 or not all(labels):
        return f"has the host {host!r}, which is not a site's name"
    for label in labels:
        problem = _label_problem(label)
        if problem:
            return f"has the host {host!r}: {problem}"
    top = labels[-1]
    if not (_TOP.fullmatch(top) if top.isascii() else all(char.isalpha() for char in top)):
        return f"has the host {host!r}, whose last part {top!r} is no top-level domain"
    return None


def _label_problem(label: str) -> str | None:
    if label.isascii():
        if label.lower().startswith("xn--"):
            return _international(label, _decoded(label))
        return None if _LABEL.fullmatch(label) else f"{label!r} is not a valid part of a name"
    return _international(label, label)


def _decoded(label: str) -> str | None:
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return None


def _international(label: str, text: str | None) -> str | None:
    """A label in Unicode (or its xn-- form): encodable, and of one script."""
    if text is None or len(label) > MAX_LABEL:
        return f"{label!r} is not a valid name"
    try:
        text.encode("idna")
    except UnicodeError:
        return f"{label!r} is not a valid name"
    scripts = {_script(char) for char in text if char.isalpha()}
    if len(scripts) > 1:
        return f"{label!r} mixes scripts ({', '.join(sorted(scripts))}), as look-alike addresses do"
    return None


def _script(char: str) -> str:
    word = unicodedata.name(char, "UNKNOWN").split()[0]
    return "EAST ASIAN" if word in _EAST_ASIAN else word
