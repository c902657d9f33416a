"""What Zotero's RDF translator makes of a page's `DC.identifier`: its decision lines, ported.

Ported from zotero/translators at commit 2814370161d05d799086825fac8d499db3a33aa3 (`RDF.js`, `importItem()`, the
block under `// identifier`) and zotero/utilities at commit 4051881d59c6c12d34417d4c226f37218051be90
(`utilities.js`: `cleanDOI`, `cleanISBN`, `cleanISSN`), each function named after the one it follows. The
Embedded Metadata translator hands every `DC.*` meta tag to the RDF translator as a literal, so each value of
the first of `dc:identifier`, `dcterms:identifier` present is a string: one that starts with `ISBN `, `ISSN ` or
`DOI `, or holds an ISBN, an ISSN (check digits valid, dashes ignored) or a DOI, sets that field; any other
string sets nothing (the URL branch is for `dcterms:URI` nodes, which a meta tag cannot make).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_DASHES = re.compile("[\x2d\xad\u2010-\u2015\u2043\u2212]+")
_ISBN = re.compile(r"\b(?:97[89]\s*(?:\d\s*){9}\d|(?:\d\s*){9}[\dX])\b", re.ASCII)
_ISSN = re.compile(r"\b(?:\d\s*){7}[\dX]\b", re.ASCII)
_DOI = re.compile(r"10(?:\.[0-9]{4,})?/[^\s]*[^\s.,]", re.ASCII)


def _matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """Every match the JavaScript loop tries: each found one, then again from the next character."""
    found, start = [], 0
    while match := pattern.search(text, start):
        found.append(re.sub(r"\s+", "", match.group()))
        start = match.start() + 1
    return found


def clean_isbn(text: str) -> str | None:
    """`cleanISBN(isbnStr)`: the first ISBN-10 or ISBN-13 whose check digit is right, dashes ignored."""
    for isbn in _matches(_ISBN, _DASHES.sub("", text.upper())):
        if len(isbn) == 10:
            total = sum(int(digit) * (10 - place) for place, digit in enumerate(isbn[:9]))
            if (total + (10 if isbn[9] == "X" else int(isbn[9]))) % 11 == 0:
                return isbn
        elif sum(int(digit) * (3 if place % 2 else 1) for place, digit in enumerate(isbn)) % 10 == 0:
            return isbn
    return None


def clean_issn(text: str) -> str | None:
    """`cleanISSN(issnStr)`: the first ISSN whose check digit is right, dashes ignored."""
    for issn in _matches(_ISSN, _DASHES.sub("", text.upper())):
        total = sum(int(digit) * (8 - place) for place, digit in enumerate(issn[:7]))
        if (total + (10 if issn[7] == "X" else int(issn[7]))) % 11 == 0:
            return issn[:4] + "-" + issn[4:]
    return None


def clean_doi(text: str) -> str | None:
    """`cleanDOI(x)`: the DOI in the text (an address decoded first), if any."""
    if re.match(r"https?:", text):
        text = unquote(text)
    match = _DOI.search(text)
    return match.group() if match else None


def _first_results(statements: list[tuple[str, str, str]], *keys: tuple[str, str]) -> list[str]:
    """`getFirstResults(node, [...])`: every value of the first property present."""
    for key in keys:
        values = [value for prefix, prop, value in statements if (prefix, prop) == key]
        if values:
            return values
    return []


def identifier_fields(statements: list[tuple[str, str, str]]) -> dict[str, str]:
    """`importItem()`'s identifier block: the ISBN, ISSN and DOI the page's identifiers give the item."""
    fields: dict[str, str] = {}
    for value in _first_results(statements, ("dc", "identifier"), ("dcterms", "identifier")):
        label = value[: value.find(" ")].upper() if " " in value else ""
        if label in ("ISBN", "ISSN"):
            fields[label] = value[5:].upper()
        elif label == "DOI":
            fields["DOI"] = value[4:]
        elif isbn := clean_isbn(value):
            fields["ISBN"] = isbn
        elif issn := clean_issn(value):
            fields["ISSN"] = issn
        elif doi := clean_doi(value):
            fields["DOI"] = doi
    return fields
