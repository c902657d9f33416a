"""Finding live markup from contributed text in a built site: pages, feeds and the search index.

"Live" means what a browser or feed reader would act on: a script, an event
handler, a javascript:/data:/vbscript: address, an element an attribute list,
abbreviation or footnote definition made, a comment, or a template that ran.
Text that merely shows the characters (escaped) is not live.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

MARK = "pwned"
"""The word every payload carries, so what it made can be told from the theme's own markup."""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster", "background"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
NAMING_ATTRIBUTES = {"id", "class", "style", "name", "for"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_MADE = re.compile(rf"(?:^|[\s:]){MARK}[0-9]+(?:$|\s)")
"""An id or class that is the payload's own word (`#pwned3`, `.pwned3`, a footnote's `fn:pwned3`): made by
markup. A heading's slug that merely spells the shown text (`scriptalertpwned3script`) is not."""


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._tags: list[str] = []
        self._json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tags.append(tag)
        self._json_ld = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and _CONTROL.sub("", value).lower().startswith(DANGEROUS_SCHEMES):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name in NAMING_ATTRIBUTES and _MADE.search(value):
                self.found.append(f"<{tag} {name}={value[:40]!r}> (made by an attribute list or definition)")
        if tag in ("abbr", "iframe", "object", "embed", "form", "base") and MARK in str(attrs):
            self.found.append(f"<{tag}> made from contributed text")

    def handle_endtag(self, tag: str) -> None:
        if self._tags and self._tags[-1] == tag:
            self._tags.pop()

    def handle_data(self, data: str) -> None:
        if self._json_ld and self._tags and self._tags[-1] == "script":
            if not _inert_json(data):  # data, not a script: it must stay JSON and hold nothing that ends it
                self.found.append(f"<script type=application/ld+json> holding {data[:40]!r}")
            return
        if self._tags and self._tags[-1] in ("script", "style") and (MARK in data or "alert(" in data):
            self.found.append(f"<{self._tags[-1]}> holding {data[:40]!r}")

    def handle_comment(self, data: str) -> None:
        if MARK in data:
            self.found.append(f"<!--{data[:40]}-->")


def _inert_json(data: str) -> bool:
    """JSON-LD a browser never runs: valid JSON, with no `<` that could close its element or open another."""
    try:
        json.loads(data)
    except ValueError:
        return False
    return "<" not in data


def in_html(text: str) -> list[str]:
    """Live markup in an HTML document or fragment."""
    parser = _Live()
    parser.feed(text)
    parser.close()
    return parser.found


def in_site(site: Path, ran: tuple[str, ...] = ()) -> list[str]:
    """Live markup anywhere in a built site, as `file: what`; `ran` are strings that only a template
    that ran (not one shown as typed) would produce."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if path.suffix not in (".html", ".xml", ".json", ".jsonld"):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{rel}: template ran ({word!r})" for word in ran if word in text]
        found += [f"{rel}: {what}" for what in _in_file(rel, text)]
    return found


def _in_file(rel: str, text: str) -> list[str]:
    if rel.endswith(".html"):
        return in_html(text)
    if rel == "search/search_index.json":  # Material renders titles and texts as HTML
        return [what for doc in json.loads(text)["docs"] for what in in_html(doc["title"]) + in_html(doc["text"])]
    if rel.startswith("feeds/") and rel.endswith(
        ".json"
    ):  # the JSON feeds' plain-text fields: no character that could start markup, even read as HTML
        return (["a raw '<' in the JSON feed"] if "<" in text else []) + [
            what for item in json.loads(text)["items"] for what in in_html(item.get("content_html", ""))
        ]
    if rel.startswith(("data/", "annotations/", "cite/")) and rel.endswith((".json", ".jsonld")):  # other tools read
        json.loads(text)
        return ["a raw '<' in JSON other tools read"] if "<" in text else []
    if rel.startswith("feeds/") and rel.endswith(".xml"):  # RSS readers treat element text as HTML
        return [what for element in ET.fromstring(text).iter() for what in in_html(element.text or "")]
    return []
